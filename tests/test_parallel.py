"""``service.parallel``: a batch answered by several processes gives one process's
answers, in order, as they come; fails as one process would; and never hangs."""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import multiprocessing.context
import os
import select
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from leisearch.errors import BatchFailed, IndexCorrupt, QueryError, Reason
from leisearch.processes import can_fork
from leisearch.service import search as search_module
from leisearch.service.opening import Index
from leisearch.service.parallel import AHEAD, in_processes
from leisearch.service.search import batch_jobs, find_quotes_many, search_many

from .conftest import run_cli, run_shell

pytestmark = pytest.mark.skipif(not can_fork(), reason="batch workers are forked")


def _too_long(signum: int, frame: object) -> None:
    raise TimeoutError("the batch waited for ever")


@pytest.fixture(autouse=True)
def _never_hang() -> Iterator[None]:
    """A batch that waits for ever fails its test, not the run. Each test starts with
    this process's one thread: a batch stopped early leaves its threads to end a
    moment later, and meanwhile the next batch would not fork (``can_fork``)."""
    for _ in range(1000):  # (up to 10 s, on a busy machine)
        if threading.active_count() == 1:
            break
        time.sleep(0.01)
    previous = signal.signal(signal.SIGALRM, _too_long)
    signal.alarm(60)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _counted(queries: list[str], workers: list[int]) -> Iterator[str]:
    """The queries, noting how many worker processes run when the second is read."""
    for number, query in enumerate(queries):
        if number == 1:
            workers.append(len(multiprocessing.active_children()))
        yield query


#: Every kind of batch line: hits, none, a phrase, filters in the query, a line that
#: is not a query, and one that names no article.
QUERIES = [
    "patents",
    "word of mouth",
    "zzzznothing",
    '"sea of stars"',
    "NOT car",
    "Xiaomi article:zzz",
    "car OR phone",
    "Lei Jun",
]


def _same(one: list[object], other: list[object]) -> None:
    """The same answers: results equal, errors of the same kind, reason and words."""
    assert len(one) == len(other)
    for a, b in zip(one, other, strict=True):
        if isinstance(a, Exception):
            assert type(a) is type(b) and a.args == b.args  # type: ignore[union-attr]
            assert a.reason == b.reason  # type: ignore[attr-defined]
        else:
            assert a == b


@pytest.mark.parametrize("jobs", [2, 3])
def test_a_batch_in_processes_answers_as_one_process(seed_index: Index, jobs: int) -> None:
    queries = QUERIES * 3  # more than a worker takes at once
    one = list(search_many(seed_index, queries, limit=5))
    workers: list[int] = []
    many = list(search_many(seed_index, _counted(queries, workers), limit=5, jobs=jobs))
    assert workers == [jobs]  # (answered by them, not by this process)
    _same(one, many)  # type: ignore[arg-type]
    assert any(isinstance(r, QueryError) for r in many)
    assert any(not isinstance(r, Exception) and r.hits for r in many)


def test_quotations_in_processes_as_in_one(seed_index: Index) -> None:
    queries = ["patents", "car", "", "zzzznothing", "phone"]
    one = list(find_quotes_many(seed_index, queries, speaker="Lei", limit=0))
    workers: list[int] = []
    many = list(
        find_quotes_many(seed_index, _counted(queries, workers), speaker="Lei", limit=0, jobs=2)
    )
    assert workers == [2]
    _same(one, many)  # type: ignore[arg-type]
    assert sum(len(r.hits) for r in many if not isinstance(r, Exception)) > 0


def test_a_small_index_is_answered_by_one_process(
    seed_index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert batch_jobs(seed_index, 4) == 1
    monkeypatch.setattr(search_module, "PARALLEL_FROM", 100)  # (the seeds hold 163)
    assert batch_jobs(seed_index, 4) == 4
    assert batch_jobs(seed_index, 1) == 1


@pytest.mark.parametrize("jobs", [0, -1])
def test_jobs_below_one_is_refused(seed_index: Index, jobs: int) -> None:
    with pytest.raises(ValueError, match="jobs must be 1 or more"):
        search_many(seed_index, ["patents"], jobs=jobs)


def _shouted(index: str, queries: Iterable[str]) -> Iterator[str]:
    """A stand-in for a batch: each query's answer, from the worker's ``index``; some
    slower than others, so that workers finish out of order."""
    for query in queries:
        if query == "boom":
            raise ValueError(f"cannot answer {query}")
        if query == "die" and os.getpid() != PARENT:  # (a worker: never this process)
            os.kill(os.getpid(), signal.SIGKILL)
        time.sleep(0.002 * (hash(query) % 5))
        yield f"{index}:{query.upper()}"


PARENT = os.getpid()


def _reopened(index: str) -> str:
    """The stand-in index, opened again: by a worker, not by this process."""
    return f"{index}{os.getpid() != PARENT}"


def test_answers_come_in_the_order_of_the_queries() -> None:
    queries = [f"q{i}" for i in range(5 * AHEAD)]
    answers = list(in_processes(_shouted, "ix", _reopened, queries, 3))
    # Each answered by a worker, with the index it opened (not this process's).
    assert answers == [f"ixTrue:{q.upper()}" for q in queries]


def test_a_worker_error_comes_after_the_answers_before_it() -> None:
    queries = ["a", "b", "c", "boom", "d", "e"]
    got: list[str] = []
    with pytest.raises(ValueError, match="cannot answer boom"):
        for answer in in_processes(_shouted, "ix", _reopened, queries, 2):
            got.append(answer)
    assert got == ["ixTrue:A", "ixTrue:B", "ixTrue:C"]
    assert multiprocessing.active_children() == []


def _failing_at_the_end(index: str, queries: Iterable[str]) -> Iterator[str]:
    """Every answer, then an error once the queries end (as closing a searcher might)."""
    yield from _shouted(index, queries)
    raise OSError("cannot close")


def test_an_error_after_a_workers_last_answer_comes_after_every_answer() -> None:
    queries = [f"q{i}" for i in range(30)]
    got: list[str] = []
    with pytest.raises(OSError, match="cannot close"):
        for answer in in_processes(_failing_at_the_end, "ix", _reopened, queries, 2):
            got.append(answer)
    assert got == [f"ixTrue:{q.upper()}" for q in queries]


def test_an_index_that_cannot_be_opened_again_fails_at_once() -> None:
    def cannot(index: str) -> str:
        raise IndexCorrupt(Reason.DAMAGED, "the index is damaged", value="x")

    with pytest.raises(IndexCorrupt) as raised:
        list(in_processes(_shouted, "ix", cannot, ["a", "b"], 2))
    assert raised.value.reason is Reason.DAMAGED and raised.value.value == "x"


def test_a_killed_worker_fails_the_batch_instead_of_hanging() -> None:
    queries = ["a", "die", *(f"q{i}" for i in range(20))]
    with pytest.raises(BatchFailed) as raised:
        list(in_processes(_shouted, "ix", _reopened, queries, 2))
    assert raised.value.reason is Reason.PROCESS_LOST
    assert str(raised.value).endswith("before its work was done: killed by signal 9 (SIGKILL)")
    assert multiprocessing.active_children() == []


def test_an_error_reading_the_queries_comes_after_their_answers() -> None:
    def queries() -> Iterator[str]:
        yield "a"
        yield "b"
        raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")

    got: list[str] = []
    with pytest.raises(UnicodeDecodeError):
        for answer in in_processes(_shouted, "ix", _reopened, queries(), 2):
            got.append(answer)
    assert got == ["ixTrue:A", "ixTrue:B"]


def test_an_answer_does_not_wait_for_the_next_query() -> None:
    """A coprocess asks, then waits for the answer before it asks again."""
    answered = threading.Event()

    def asking() -> Iterator[str]:
        yield "first"
        # The next question only once the first is answered (or the test fails).
        assert answered.wait(timeout=20), "the first answer waited for the next query"
        yield "second"

    answers = in_processes(_shouted, "ix", _reopened, asking(), 2)
    assert next(answers) == "ixTrue:FIRST"
    answered.set()
    assert list(answers) == ["ixTrue:SECOND"]


def test_a_batch_stopped_early_ends_its_workers() -> None:
    answers = in_processes(_shouted, "ix", _reopened, (f"q{i}" for i in range(10_000)), 2)
    assert next(answers) == "ixTrue:Q0"
    assert len(multiprocessing.active_children()) == 2
    answers.close()
    assert multiprocessing.active_children() == []


def test_a_process_with_threads_does_not_fork() -> None:
    assert can_fork()
    waiting = threading.Event()
    thread = threading.Thread(target=waiting.wait)
    thread.start()
    try:
        assert not can_fork()
    finally:
        waiting.set()
        thread.join()
    assert can_fork()


def test_a_reopened_index_reads_the_same_as_the_first(seed_index: Index) -> None:
    again = seed_index.reopened()
    try:
        # Files of its own: a fork would share the first's, and where each is read from.
        assert again.reader._ix is not seed_index.reader._ix  # type: ignore[attr-defined]
        assert again.manifest == seed_index.manifest
        one = list(search_many(seed_index, ["patents", "word of mouth"]))
        other = list(search_many(again, ["patents", "word of mouth"]))
        assert one == other and all(r.hits for r in other)  # type: ignore[union-attr]
    finally:
        again.reader.close()


def test_batch_jobs_on_the_command_line(seed_index_dir: Path) -> None:
    lines = "\n".join([*QUERIES, "", *QUERIES]) + "\n"
    one = run_cli("query", "-", "--jobs", "1", "--index", str(seed_index_dir), input=lines)
    two = run_cli("query", "-", "--jobs", "2", "--index", str(seed_index_dir), input=lines)
    assert one.returncode == two.returncode == 2  # (the lines that are not queries)
    assert one.stdout == two.stdout and one.stderr == two.stderr
    assert [json.loads(line)["line"] for line in two.stdout.splitlines()][-1] == 2 * len(
        QUERIES
    ) + 1
    quotes = [
        run_cli("quotes", "-", "-j", jobs, "--index", str(seed_index_dir), input="patents\ncar\n")
        for jobs in ("1", "2")
    ]
    assert quotes[0].returncode == quotes[1].returncode == 0
    assert quotes[0].stdout == quotes[1].stdout != ""


def test_jobs_zero_is_a_usage_error_on_the_command_line(seed_index_dir: Path) -> None:
    result = run_cli("query", "-", "--jobs", "0", "--index", str(seed_index_dir), input="x\n")
    assert result.returncode == 2 and result.stdout == ""
    assert "--jobs / -j must be 1 or more, not 0" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_jobs_without_a_batch_is_noted(seed_index_dir: Path) -> None:
    result = run_cli("query", "patents", "--jobs", "4", "--json", "--index", str(seed_index_dir))
    assert result.returncode == 0 and result.stdout
    assert "--jobs 4 is for batch mode (-): one query runs in one process" in result.stderr


def test_a_batch_with_threads_running_is_answered_here(seed_index: Index) -> None:
    waiting = threading.Event()
    thread = threading.Thread(target=waiting.wait)
    thread.start()
    try:
        workers: list[int] = []
        many = list(search_many(seed_index, _counted(QUERIES, workers), limit=5, jobs=2))
    finally:
        waiting.set()
        thread.join()
    assert workers == [0]
    _same(list(search_many(seed_index, QUERIES, limit=5)), many)  # type: ignore[arg-type]


def test_workers_the_system_refuses_leave_the_batch_to_this_process(
    seed_index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[object] = []
    real = multiprocessing.context.BaseContext.Pipe

    def second_refused(self: object, duplex: bool = True) -> object:
        if made:
            raise OSError(24, "Too many open files")
        made.append(real(self, duplex))  # type: ignore[arg-type]
        return made[-1]

    monkeypatch.setattr(multiprocessing.context.BaseContext, "Pipe", second_refused)
    workers: list[int] = []
    many = list(search_many(seed_index, _counted(QUERIES, workers), limit=5, jobs=2))
    assert made and workers == [0]
    monkeypatch.undo()
    _same(list(search_many(seed_index, QUERIES, limit=5)), many)  # type: ignore[arg-type]


def _batch_process(index_dir: Path, *extra: str) -> subprocess.Popen[str]:
    """``query - --jobs 2``, its stdin a pipe left open, in a process group of its own
    (as a terminal's job is)."""
    command = ["query", "-", "--jobs", "2", "--index", str(index_dir), *extra]
    return subprocess.Popen(
        [sys.executable, "-m", "leisearch", *command],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def test_a_coprocess_gets_an_answer_to_every_line_even_a_bad_one(seed_index_dir: Path) -> None:
    """A coprocess writes a line and waits for its answer before the next: a line that
    is not a valid query is answered too, by its error, and the batch goes on."""
    records = []
    with _batch_process(seed_index_dir, "-n", "1") as proc:
        assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
        try:
            for line in ["NOT car", "patents", "article:zzz car"]:
                proc.stdin.write(line + "\n")
                proc.stdin.flush()
                ready, _, _ = select.select([proc.stdout], [], [], 30)
                assert ready, f"no answer to {line!r}"
                records.append(json.loads(proc.stdout.readline()))
        finally:
            proc.stdin.close()
        assert proc.wait(timeout=30) == 2
        rest, err = proc.stdout.read(), proc.stderr.read()
    assert rest == ""
    assert [(r["query"], r["line"]) for r in records] == [
        ("NOT car", 1),
        ("patents", 2),
        ("article:zzz car", 3),
    ]
    assert [r["error"] and r["error"]["reason"] for r in records] == [
        "only_exclusions",
        None,
        "unknown_article",
    ]
    assert records[1]["rank"] == 1 and records[0]["rank"] is None
    assert err.count("leisearch: error: line") == 2


def test_ctrl_c_in_a_batch_is_one_line_and_ends_every_worker(seed_index_dir: Path) -> None:
    proc = _batch_process(seed_index_dir)
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write("patents\n")
    proc.stdin.flush()
    assert json.loads(proc.stdout.readline())["query"] == "patents"  # (workers at work)
    workers = _children(proc.pid)
    assert len(workers) == 2
    os.killpg(proc.pid, signal.SIGINT)  # (a terminal's Ctrl-C reaches the whole group)
    # stdin stays open, as a terminal's does: closed at once, the batch could end at its
    # end of input before the interrupt was seen (once, on Python 3.13)
    assert proc.wait(timeout=30) == 130
    _, err = proc.communicate(timeout=30)
    assert err == "leisearch: interrupted\n"  # one line: nothing from the workers
    assert not any(Path(f"/proc/{pid}").exists() for pid in workers)


@pytest.mark.parametrize("end", ["ctrl-c", "worker killed"])
def test_a_batch_ended_while_stdin_is_open_exits_cleanly(seed_index_dir: Path, end: str) -> None:
    """The thread that reads stdin may be waiting for a line when the batch ends: the
    process still exits as it should (a buffered stdin's lock, held by a thread in the
    middle of a read, made the interpreter abort at exit)."""
    proc = _batch_process(seed_index_dir)
    assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
    proc.stdin.write("patents\n")
    proc.stdin.flush()
    assert json.loads(proc.stdout.readline())["query"] == "patents"
    workers = _children(proc.pid)
    if end == "ctrl-c":
        os.killpg(proc.pid, signal.SIGINT)
    else:
        os.kill(workers[0], signal.SIGKILL)
    code = proc.wait(timeout=30)  # (stdin still open: the reader is waiting on it)
    err = proc.stderr.read()
    for stream in (proc.stdin, proc.stdout, proc.stderr):
        stream.close()
    if end == "ctrl-c":
        assert (code, err) == (130, "leisearch: interrupted\n")
    else:
        assert code == 2 and len(err.splitlines()) == 1, err
        assert "killed by signal 9" in err
    assert not any(Path(f"/proc/{pid}").exists() for pid in workers)


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (Linux's /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                found.append(int(stat.parent.name))
    return found


@pytest.mark.parametrize("reader", ["head -1", "true"])
def test_a_reader_that_leaves_a_batch_early_is_not_an_error(
    seed_index_dir: Path, reader: str
) -> None:
    lines = "\\n".join(["patents", "Lei Jun", "car"] * 200)
    batch = f'printf "{lines}\\n" | LEISEARCH query - --jobs 2 --index "{seed_index_dir}"'
    proc = run_shell(f"set -o pipefail; {batch} | {reader}")
    assert proc.returncode == 0
    assert proc.stderr == ""
