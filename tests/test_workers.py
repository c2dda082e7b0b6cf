"""``engine.whoosh.workers``: a build's processes finish, or fail, and never hang."""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import queue
import shutil
import signal
import time
import weakref
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from whoosh import index as whoosh_index
from whoosh.fields import ID, TEXT, Schema

from leisearch.engine.whoosh.workers import Crew, RollingWriter, Worker, WorkerLost
from leisearch.errors import CorpusError
from leisearch.service import build as build_module

from .conftest import SEEDS


@pytest.fixture
def crew() -> Iterator[Crew]:
    """Two worker processes, not started; stopped at the end."""
    with Crew(2, {}) as crew:
        yield crew


def _writer(folder: Path, crew: Crew) -> Any:
    """A writer into a new small index in ``folder``, through ``crew`` (started now)."""
    ix = whoosh_index.create_in(str(folder), Schema(key=ID(stored=True), body=TEXT()))
    return RollingWriter(ix, crew)


@pytest.fixture
def writer(tmp_path: Path, crew: Crew) -> Iterator[Any]:
    """A two-process writer into a small index, its workers started."""
    writer = _writer(tmp_path, crew)
    yield writer
    crew.stop()
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
    time.sleep(0.5)
    os.kill(writer.tasks[killed].pid, signal.SIGKILL)
    writer.tasks[killed].join(5)
    with pytest.raises(WorkerLost, match="exit codes"):
        _add(writer, 1_500)  # 15 jobs: more than the queue holds
        writer.commit()


def test_a_commit_of_nothing_ends_the_workers(writer: Any, deadline: None) -> None:
    # Whoosh's own commit, given no document, never told them to finish: the build's
    # process then waited for them at exit, for ever.
    writer.commit()
    assert [task.exitcode for task in writer.tasks] == [0, 0]


def test_a_commit_writes_every_segment_the_workers_send(
    tmp_path: Path, crew: Crew, deadline: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from leisearch.engine.whoosh import workers

    monkeypatch.setattr(workers, "SEGMENT_DOCS", 150)  # (read by the workers, forked next)
    writer = _writer(tmp_path, crew)
    _add(writer, 1_000)  # ten jobs of 100: a new segment every second job
    writer.commit()
    segments = whoosh_index.open_dir(writer.storage.folder)._segments()
    assert sum(s.doc_count_all() for s in segments) == 1_000
    assert sorted(s.doc_count_all() for s in segments)[-1] == 200 and len(segments) >= 5


def test_finish_has_the_workers_write_their_last_segments_before_the_commit(
    writer: Any, deadline: None
) -> None:
    # A build writes its vocabulary and tables meanwhile, instead of waiting for them.
    _add(writer, 450)
    writer.finish()
    for task in writer.tasks:
        task.join(20)  # each ends once it has sent its segment (read by ``commit``)
    assert [task.exitcode for task in writer.tasks] == [0, 0]
    writer.finish()  # (once only: no second "finish" queued)
    with pytest.raises(RuntimeError, match="after the writer was told to finish"):
        _add(writer, 1)
    writer.commit()
    with whoosh_index.open_dir(writer.storage.folder).searcher() as searcher:
        assert searcher.doc_count() == 450


def test_a_crew_started_before_its_writer_writes_into_the_index_made_after(
    tmp_path: Path, crew: Crew, deadline: None
) -> None:
    # The workers are forked before there is an index: each job names it.
    crew.start()
    pids = [task.pid for task in crew.tasks]
    crew.start()  # (once only)
    assert [task.pid for task in crew.tasks] == pids and len(pids) == 2
    writer = _writer(tmp_path, crew)
    _add(writer, 450)
    writer.commit()
    assert [task.pid for task in writer.tasks] == pids
    assert [task.exitcode for task in crew.tasks] == [0, 0]
    with whoosh_index.open_dir(str(tmp_path)).searcher() as searcher:
        assert searcher.doc_count() == 450
        assert searcher.document(key="d449") == {"key": "d449"}


def test_a_crew_stopped_before_any_job_leaves_no_process(crew: Crew, deadline: None) -> None:
    crew.start()
    tasks = list(crew.tasks)
    crew.stop()
    assert all(not task.is_alive() for task in tasks)
    crew.stop()  # (again: nothing left to do)


@pytest.mark.parametrize("share", [0.5, 2.0])
def test_a_build_forks_its_workers_before_it_reads_a_file_and_keeps_them_if_it_needs_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, deadline: None, share: float
) -> None:
    """Forked before the first file is read (a worker forked later shares less with the
    main process), and stopped before the indexing if the files to index are fewer
    than ``PARALLEL_MIN_BYTES``."""
    corpus = tmp_path / "corpus"
    for n in range(4):
        shutil.copytree(SEEDS, corpus / f"copy{n}")
    files = list(corpus.rglob("*.txt"))
    threshold = int(sum(p.stat().st_size for p in files) * share)
    monkeypatch.setattr(build_module, "PARALLEL_MIN_BYTES", threshold)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    workers: dict[str, set[int]] = {}

    def progress(done: int, total: int, stage: str) -> None:
        workers.setdefault(stage, set()).add(len(multiprocessing.active_children()))

    report = build_module.build([corpus], tmp_path / "ix", progress=progress)
    assert report.articles == len(files)
    assert workers["finding files"] == workers["reading files"] == {2}
    assert workers["indexing files"] == ({2} if share < 1 else {0})
    assert multiprocessing.active_children() == []


def _private_mb() -> float:
    with open("/proc/self/smaps_rollup", encoding="ascii") as rollup:
        kb = sum(int(line.split()[1]) for line in rollup if line.startswith("Private_"))
    return kb / 1024


@pytest.mark.skipif(not os.path.exists("/proc/self/smaps_rollup"), reason="Linux only")
def test_a_workers_collections_leave_the_main_processs_objects_shared(
    crew: Crew, monkeypatch: pytest.MonkeyPatch, deadline: None
) -> None:
    # A full collection in a worker would visit every object the main process held at
    # the fork, and write to the pages that hold them: 34 MB of private memory for
    # these 500,000 lists, measured, unless they are frozen (``gc.freeze``).
    def collect(self: Worker) -> None:
        before = _private_mb()
        gc.collect()
        self.resultqueue.put(_private_mb() - before)

    monkeypatch.setattr(Worker, "_work", collect)  # (forked with the class)
    held = [[n] for n in range(500_000)]
    crew.start()
    copied = [crew.resultqueue.get(timeout=10) for _ in crew.tasks]
    assert max(copied) < 5, copied
    assert gc.get_freeze_count() == 0  # this process collects them as before
    assert len(held) == 500_000


def _watching(workers: dict[str, set[int]]) -> Any:
    """A progress callback that notes how many processes run at each stage."""

    def progress(done: int, total: int, stage: str) -> None:
        workers.setdefault(stage, set()).add(len(multiprocessing.active_children()))

    return progress


@pytest.fixture
def two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 2)


def test_an_update_forks_its_workers_once_its_changed_files_reach_the_bound(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, deadline: None, two_cores: None
) -> None:
    # An update has read its manifest first: it forks only if it needs them.
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus / "old")
    build_module.build([corpus], tmp_path / "ix")
    nothing: dict[str, set[int]] = {}
    build_module.build([corpus], tmp_path / "ix", progress=_watching(nothing))
    assert nothing["reading files"] == {0}
    for n in range(3):
        shutil.copytree(SEEDS, corpus / f"new{n}")
    walked = sorted(corpus.rglob("*.txt"), key=lambda p: str(p.resolve()))
    # The bytes of the new files read before each file (the old ones are unchanged).
    sizes = [p.stat().st_size if p.parent.name != "old" else 0 for p in walked]
    threshold = sum(sizes) // 2
    monkeypatch.setattr(build_module, "PARALLEL_MIN_BYTES", threshold)
    counts: list[int] = []

    def progress(done: int, total: int, stage: str) -> None:
        if stage == "reading files":
            counts.append(len(multiprocessing.active_children()))

    report = build_module.build([corpus], tmp_path / "ix", progress=progress)
    assert (report.new, report.unchanged) == (15, 5)
    expected = [2 if sum(sizes[:k]) >= threshold else 0 for k in range(len(walked))]
    assert counts == expected and 2 in expected and 0 in expected
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize(
    ("stage", "at"), [("reading files", 2), ("indexing files", 2), ("vocabulary", 0)]
)
def test_a_build_stopped_by_an_error_leaves_no_worker(
    tmp_path: Path, deadline: None, two_cores: None, stage: str, at: int
) -> None:
    # (The vocabulary is written while the workers write their last segments.)
    corpus = tmp_path / "corpus"
    for n in range(2):
        shutil.copytree(SEEDS, corpus / f"copy{n}")
    stages: list[str] = []

    def interrupt(done: int, total: int, now: str) -> None:
        stages.append(now)
        if now == stage and done == at:
            assert stage == "vocabulary" or len(multiprocessing.active_children()) == 2
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_module.build([corpus], tmp_path / "ix", procs=2, progress=interrupt)
    assert stage in stages and "writing the index" not in stages
    assert multiprocessing.active_children() == []
    assert not (tmp_path / "ix" / "leisearch.json").exists()
    with pytest.raises(CorpusError):  # no article file: raised while finding files
        build_module.build([tmp_path / "empty"], tmp_path / "ix2", procs=2)
    assert multiprocessing.active_children() == []


def test_a_build_the_system_refuses_processes_goes_on_in_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, deadline: None, two_cores: None
) -> None:
    started: list[int] = []
    fork = Worker.start

    def refused(self: Worker) -> None:
        if started:
            raise OSError(11, "Resource temporarily unavailable")
        fork(self)
        started.append(self.pid)

    monkeypatch.setattr(Worker, "start", refused)
    workers: dict[str, set[int]] = {}
    report = build_module.build([SEEDS], tmp_path / "ix", procs=2, progress=_watching(workers))
    assert report.articles == 5 and len(started) == 1
    assert workers["reading files"] == workers["indexing files"] == {0}
    assert multiprocessing.active_children() == []


def test_a_crew_leaves_the_objects_its_caller_froze_frozen(crew: Crew, deadline: None) -> None:
    # ``gc.unfreeze`` thaws every object: after the fork it would thaw the caller's too.
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        crew.start()
        assert gc.get_freeze_count() >= frozen > 0
    finally:
        gc.unfreeze()


def test_a_worker_frees_each_segments_writer_before_it_starts_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # In this process, on jobs as ``RollingWriter`` queues them: a writer is in reference
    # cycles, and a worker that waited for the collector held every closed one.
    from leisearch.engine.whoosh import workers

    monkeypatch.setattr(workers, "SEGMENT_DOCS", 100)
    ix = whoosh_index.create_in(str(tmp_path), Schema(key=ID(stored=True), body=TEXT()))
    temp = ix.storage.temp_storage(f"{ix.indexname}.tmp")
    jobs: queue.Queue[Any] = queue.Queue()
    results: queue.Queue[Any] = queue.Queue()
    for job in range(4):
        name = f"job{job}.doclist"
        with temp.create_file(name).raw_file() as f:
            for n in range(100):
                pickle.dump((0, {"key": f"d{job}.{n}", "body": f"harbour note {n}"}), f, 2)
        jobs.put((ix.storage, ix.indexname, name, 100))
    jobs.put(None)
    worker = Worker(os.getpid(), (), jobs, results, {})
    made: list[weakref.ref[Any]] = []
    alive: list[int] = []
    new_writer = worker._new_writer

    def tracked() -> Any:
        alive.append(sum(ref() is not None for ref in made))
        writer = new_writer()
        made.append(weakref.ref(writer))
        return writer

    monkeypatch.setattr(worker, "_new_writer", tracked)
    gc.disable()  # (only the worker's own collections count)
    try:
        worker._work()
    finally:
        gc.enable()
    assert alive == [0, 0, 0, 0]
    sent = [results.get_nowait() for _ in range(5)]  # a segment a job, then the end
    assert [kind for kind, _, _ in sent] == [workers.ROLLED] * 4 + [None]
    assert sum(segment.doc_count_all() for _, _, segment in sent[:4]) == 400
