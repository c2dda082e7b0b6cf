"""A build's progress: every stage reported from the first step, each stage a bar of its
own with its own count and time, an ETA only with a rate, and nothing when piped."""

from __future__ import annotations

import io
from pathlib import Path
from types import SimpleNamespace

import pytest

from leisearch.render.progress import Progress, _time_column
from leisearch.render.terminal import Terminal
from leisearch.service.build import STAGES, build

from .conftest import ROOT, run_cli

FORMATS = ROOT / "tests" / "fixtures" / "formats"


def terminal(err: io.StringIO, err_rich: bool = True) -> Terminal:
    return Terminal(io.StringIO(), err, rich=False, color=False, width=100, err_rich=err_rich)


@pytest.fixture(scope="module")
def heard(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[int, int, str]]:
    """What a first build of the format fixtures tells its progress callback."""
    calls: list[tuple[int, int, str]] = []
    build(
        [FORMATS], tmp_path_factory.mktemp("progress") / "ix", progress=lambda *c: calls.append(c)
    )
    return calls


def test_a_build_reports_every_stage_in_order_from_its_first_step(
    heard: list[tuple[int, int, str]],
) -> None:
    stages = list(dict.fromkeys(stage for _, _, stage in heard))
    assert stages == list(STAGES)
    files = len([p for p in FORMATS.iterdir() if p.is_file()])
    reading = [(done, total) for done, total, stage in heard if stage == "reading files"]
    assert reading == [(n, files) for n in range(files)]
    indexing = [(done, total) for done, total, stage in heard if stage == "indexing files"]
    assert indexing == [(n, files) for n in range(files)]  # every file is new here
    # Stages whose length nobody knows say so (total 0) rather than showing a full bar.
    assert {total for _, total, stage in heard if stage == "writing the index"} == {0}


def test_each_stage_has_a_bar_of_its_own(heard: list[tuple[int, int, str]]) -> None:
    progress = Progress(terminal(io.StringIO()), "building the index")
    seen: dict[str, tuple[float | None, float, str]] = {}
    with progress:
        for call in heard:
            progress(*call)
            (task,) = progress._bar.tasks  # one bar at a time: the stage's
            seen[task.description] = (task.total, task.completed, task.fields["count"])
    reading = seen["building the index: reading files"]
    assert reading[0] == reading[1] + 1 and reading[2] == f"{reading[1]:.0f}/{reading[0]:.0f}"
    assert seen["building the index: writing the index"] == (None, 0, "")


def test_no_display_when_stderr_is_not_a_terminal(heard: list[tuple[int, int, str]]) -> None:
    err = io.StringIO()
    with Progress(terminal(err, err_rich=False)) as progress:
        for call in heard:
            progress(*call)
    assert err.getvalue() == "" and progress._bar is None


@pytest.mark.parametrize(
    ("total", "completed", "remaining", "elapsed", "shown"),
    [
        (10, 5, 3.2, 4.0, "0:03 left"),
        (10, 0, None, 0.4, "0:00"),  # no rate yet: the time taken, no guess
        (None, 0, None, 75.0, "1:15"),  # a stage with no count
        (10, 5, 3725.0, 9.0, "1:02:05 left"),
    ],
)
def test_the_time_column(
    total: float | None, completed: float, remaining: float | None, elapsed: float, shown: str
) -> None:
    task = SimpleNamespace(
        total=total, completed=completed, time_remaining=remaining, elapsed=elapsed
    )
    assert _time_column().render(task).plain == shown


def test_a_piped_build_writes_only_its_summary(tmp_path: Path) -> None:
    result = run_cli("index", str(FORMATS), "--index", str(tmp_path / "ix"))
    assert result.returncode == 0
    lines = result.stderr.splitlines()
    assert lines[-1].startswith("leisearch: indexed 11 articles")
    assert all(line.startswith("leisearch: ") for line in lines)
    assert result.stdout == ""
