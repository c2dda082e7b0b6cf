"""``engine.whoosh.workers``: a build's processes finish, or fail, and never hang."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from whoosh import index as whoosh_index
from whoosh.fields import ID, TEXT, Schema

from leisearch.engine.whoosh.workers import RollingWriter, WorkerLost, start_workers, stop_workers


@pytest.fixture
def writer(tmp_path: Path) -> Iterator[Any]:
    """A two-process writer into a small index, its workers not started."""
    ix = whoosh_index.create_in(str(tmp_path), Schema(key=ID(stored=True), body=TEXT()))
    writer = RollingWriter(ix, procs=2, multisegment=True)
    yield writer
    stop_workers(writer)
    if not writer.is_closed:
        writer.cancel()


@pytest.fixture
def deadline() -> Iterator[None]:
    """A test that would wait for ever fails after 30 seconds instead."""

    def expired(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError("still waiting after 30 s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(30)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def _add(writer: Any, count: int) -> None:
    for n in range(count):
        writer.add_document(key=f"d{n}", body=f"paragraph {n} of the harbour notes")


@pytest.mark.parametrize("killed", [0, 1])
def test_a_killed_worker_fails_the_build_instead_of_hanging_it(
    writer: Any, deadline: None, killed: int
) -> None:
    # Both workers wait for a job: one holds the job queue's lock while it waits.
    # Killed with it, that lock is never released, and the other waits for ever too.
    start_workers(writer)
    time.sleep(0.5)
    os.kill(writer.tasks[killed].pid, signal.SIGKILL)
    writer.tasks[killed].join(5)
    with pytest.raises(WorkerLost, match="exit codes"):
        _add(writer, 1_500)  # 15 jobs: more than the queue holds
        writer.commit()


def test_a_commit_of_nothing_ends_the_workers(writer: Any, deadline: None) -> None:
    # Whoosh's own commit, given no document, never told them to finish: the build's
    # process then waited for them at exit, for ever.
    start_workers(writer)
    writer.commit()
    assert [task.exitcode for task in writer.tasks] == [0, 0]


def test_a_commit_writes_every_segment_the_workers_send(
    writer: Any, deadline: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from leisearch.engine.whoosh import workers

    monkeypatch.setattr(workers, "SEGMENT_DOCS", 150)  # (read by the forked workers)
    start_workers(writer)
    _add(writer, 1_000)  # ten jobs of 100: a new segment every second job
    writer.commit()
    segments = whoosh_index.open_dir(writer.storage.folder)._segments()
    assert sum(s.doc_count_all() for s in segments) == 1_000
    assert sorted(s.doc_count_all() for s in segments)[-1] == 200 and len(segments) >= 5


def test_jobs_with_no_worker_to_read_them_are_refused(writer: Any) -> None:
    with pytest.raises(ValueError, match="start_workers"):
        _add(writer, 100)
