"""Progress on stderr: a Rich display while a build runs, nothing when stderr is not a
terminal.

A build reports ``progress(done, total, stage)`` from its first step (finding the
files) to its last, and each stage gets a bar of its own, so the count, the rate
and the time left are the stage's: "reading files 1,200/2,225" and then
"indexing files 40/2,225", never one bar that fills up and then sits full
while the index is written. A stage without a count (``total`` 0: walking the
folders, writing the index) shows a moving bar and the time it has taken. The
time left shows only once the stage has a rate to base it on.
"""

from __future__ import annotations

from typing import Any

from .terminal import Terminal


class Progress:
    """A Rich progress display on stderr (stage, bar, count, rate, time), or nothing
    when stderr is not a terminal. Call it as ``progress(done, total, stage)``.

    The display (and Rich's import) starts at the first call, so a command that
    ends up with nothing to report, such as a query on a built index, draws nothing.
    ``label`` goes before the stage (``building the index: reading files``).
    """

    def __init__(self, terminal: Terminal, label: str = "") -> None:
        self._enabled = terminal.err_rich
        self._err = terminal.err
        self._label = label
        self._bar: Any = None
        self._task: Any = None
        self._stage: str | None = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)

    def _start(self) -> Any:
        from rich.console import Console
        from rich.progress import BarColumn, TextColumn
        from rich.progress import Progress as RichProgress

        bar = RichProgress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.fields[count]}"),
            _time_column(),
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
        if stage != self._stage:
            # A new stage, a new bar: its rate and time left are its own.
            if self._task is not None:
                self._bar.remove_task(self._task)
            description = ": ".join(part for part in (self._label, stage) if part)
            self._task = self._bar.add_task(description, total=total or None, count="")
            self._stage = stage
        count = f"{done:,}/{total:,}" if total else ""
        self._bar.update(self._task, completed=done, total=total or None, count=count)


def _time_column() -> Any:
    """A column with the time left once the stage has a rate, else the time taken."""
    from rich.progress import ProgressColumn
    from rich.text import Text

    class StageTime(ProgressColumn):
        def render(self, task: Any) -> Text:
            left = task.time_remaining if task.total else None
            if left is not None and task.completed:
                return Text(f"{_clock(left)} left", style="progress.remaining")
            return Text(_clock(task.elapsed or 0), style="progress.elapsed")

    return StageTime()


def _clock(seconds: float) -> str:
    """``0:07``, ``12:34`` or ``1:02:03``.

    >>> _clock(7.4), _clock(754), _clock(3723)
    ('0:07', '12:34', '1:02:03')
    """
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"
