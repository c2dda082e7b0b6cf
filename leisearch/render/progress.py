"""Progress on stderr: a Rich bar while a build runs, nothing when stderr is not a terminal."""

from __future__ import annotations

from typing import Any

from .terminal import Terminal


class Progress:
    """A Rich progress bar on stderr (stage, bar, count, rate, time left), or nothing
    when stderr is not a terminal. Call it as ``progress(done, total, stage)``.

    The bar (and Rich's import) starts at the first call, so a command that ends
    up with nothing to report, such as a query on a built index, draws nothing.
    """

    def __init__(self, terminal: Terminal, label: str) -> None:
        self._enabled = terminal.err_rich
        self._err = terminal.err
        self._label = label
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)

    def _start(self) -> Any:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
        from rich.progress import Progress as RichProgress

        bar = RichProgress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
            console=Console(file=self._err),
            transient=True,
        )
        bar.__enter__()
        return bar

    def __call__(self, done: int, total: int, stage: str = "") -> None:
        if not self._enabled:
            return
        if self._bar is None:
            self._bar = self._start()
        description = f"{self._label}: {stage}" if stage else self._label
        if self._task is None:
            self._task = self._bar.add_task(description, total=total, rate="")
        speed = self._bar.tasks[0].speed if self._bar.tasks else None
        rate = f"{speed:,.0f} articles/s" if speed else ""
        self._bar.update(
            self._task, completed=done, total=total, description=description, rate=rate
        )
