"""A batch's queries answered in several processes, in the order they were asked.

One process answers one query at a time, on one core, however many the machine
has. With more than one job, ``in_processes`` forks that many workers. Each opens
the index's files for itself (``Index.reopened``: a fork shares its parent's open
files, and with them where each is read from) and answers the queries it is given
with a searcher of its own, as one process would (``answers``). The main process:

* hands the queries out as they are read, from a thread of its own: the input may
  be a person, or a coprocess that waits for each answer before it asks again, so
  reading the next query must never hold back the answer to the last one;
* gives the answers back in the order of the queries, each as soon as it and every
  one before it are in: the same answers in the same order as one process gives
  (a test compares them), none later than one process would give it once the
  workers are warm;
* hands out at most ``AHEAD`` queries a worker beyond the answers given back, so
  that answers wait in memory only that many when the reader of the output is
  slower than the workers.

A query's failure (``QueryError``, ``UsageError``) is an answer like any other.
Anything a worker raises is raised here, where the query it was answering comes
(after the answers before it, as one process would raise it); a worker that ends
before its work is done (killed, out of memory) is ``BatchFailed``, not a wait for
ever. Workers ignore Ctrl-C, which reaches every process of the terminal: the main
process handles it, and ends them, as it ends them however it stops. On Linux they
also die with the main process if it is killed outright.

A worker keeps its own caches (a term's scores, a paragraph's print), so each
worker's first queries of a word are cold: a batch of a few queries gains little,
a long one gains nearly one core's worth per worker.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import queue
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from leisearch.errors import BatchFailed, Reason
from leisearch.processes import die_with

T = TypeVar("T")
R = TypeVar("R")

#: Queries handed out to each worker beyond the answers given back.
AHEAD = 8
#: How often the main process, waiting for an answer, checks that the workers live (s).
_CHECK_EVERY = 0.25


def in_processes(
    answers: Callable[[T, Iterable[str]], Iterator[R]],
    reopen: Callable[[], T],
    queries: Iterable[str],
    jobs: int,
) -> Iterator[R]:
    """``answers(index, queries)`` (one answer a query, in order), answered by ``jobs``
    forked processes, each with its own ``reopen()`` (an index), in the order of the
    queries. The caller checks that it can fork (``processes.can_fork``)."""
    import multiprocessing  # (a batch's import, not every query's)

    context = multiprocessing.get_context("fork")
    tasks: Any = context.Queue()
    results: Any = context.Queue()
    workers = []
    # Forked before the reading thread starts (and before either queue's own thread
    # does, at its first ``put``): a fork copies only the thread that forks.
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # (inherited by the workers)
    try:
        for _ in range(jobs):
            worker = context.Process(
                target=_work, args=(answers, reopen, tasks, results, os.getpid()), daemon=True
            )
            worker.start()
            workers.append(worker)
    finally:
        signal.signal(signal.SIGINT, previous)
    reader = _Reader(queries, tasks, jobs)
    answered = False
    try:
        reader.start()
        yield from _in_order(results, reader, workers)
        answered = True
    finally:
        reader.stop()
        reader.join(timeout=_CHECK_EVERY)  # (unless it waits for a line that never comes)
        for worker in workers:
            worker.join(timeout=_CHECK_EVERY)
            if worker.is_alive():
                worker.terminate()
                worker.join()
        if not answered:  # (queries never taken are dropped, not waited for)
            tasks.cancel_join_thread()
        tasks.close()
        results.close()
        # The queue's thread ends with the batch: this process may fork again
        # (``processes.can_fork``; stopped early, a moment later).
        tasks.join_thread()


def _in_order(results: Any, reader: _Reader, workers: list[Any]) -> Iterator[R]:
    """The answers, each as soon as it and every one before it are in."""
    waiting: dict[int, tuple[bool, bytes]] = {}
    number = 0
    while True:
        if number in waiting:
            answered, data = waiting.pop(number)
            if not answered:
                raise pickle.loads(data)
            reader.room.release()
            yield pickle.loads(data)
            number += 1
            continue
        if reader.done.is_set() and number >= reader.count:
            if reader.error is not None:
                raise reader.error
            return
        try:
            at, answered, data = results.get(timeout=_CHECK_EVERY)
        except queue.Empty:
            _check(workers)
            continue
        if at < 0:  # (before any query: the index could not be opened again)
            raise pickle.loads(data)
        waiting[at] = (answered, data)


def _check(workers: list[Any]) -> None:
    """``BatchFailed`` if a worker has been killed (it may have taken queries whose
    answers would be waited for, for ever)."""
    codes = [worker.exitcode for worker in workers]
    # (A worker that failed sent what it raised and ended with 0: that is raised where
    # its query comes, before any later one it had taken is waited for.)
    if any(code not in (None, 0) for code in codes):
        raise BatchFailed(
            Reason.PROCESS_LOST,
            "a process answering the queries ended before its work was done (exit codes "
            f"{', '.join('running' if code is None else str(code) for code in codes)})",
            count=len(workers),
        )


class _Reader(threading.Thread):
    """Reads the queries and hands them out, numbered, with room for ``AHEAD`` a worker
    beyond the answers given back; then one ``None`` a worker. ``count`` is how many
    were handed out, final once ``done`` is set; ``error``, what reading them raised."""

    def __init__(self, queries: Iterable[str], tasks: Any, jobs: int) -> None:
        # A daemon: it may be waiting for a line of stdin that never comes.
        super().__init__(name="leisearch-batch-reader", daemon=True)
        self._queries = queries
        self._tasks = tasks
        self._jobs = jobs
        self.room = threading.Semaphore(AHEAD * jobs)
        self.count = 0
        self.error: BaseException | None = None
        self.done = threading.Event()
        self._stopped = False

    def run(self) -> None:
        try:
            for query in self._queries:
                self.room.acquire()
                if self._stopped:
                    return
                self._tasks.put((self.count, query))
                self.count += 1
        except BaseException as error:  # raised in the main process, after the answers
            self.error = error
        finally:
            self.done.set()
            # (A batch stopped meanwhile has closed the queue: its workers are gone.)
            with contextlib.suppress(ValueError, OSError):
                for _ in range(self._jobs):
                    self._tasks.put(None)

    def stop(self) -> None:
        """Hand out no more (the answers are no longer wanted)."""
        self._stopped = True
        self.room.release()


def _work(
    answers: Callable[[T, Iterable[str]], Iterator[R]],
    reopen: Callable[[], T],
    tasks: Any,
    results: Any,
    parent: int,
) -> None:
    """A worker: the answers to the queries it takes, each sent with its number, until
    it takes ``None``; what it raises is sent in place of the answer it was making."""
    die_with(parent)
    taken: deque[int] = deque()

    def given() -> Iterator[str]:
        while (task := tasks.get()) is not None:
            taken.append(task[0])
            yield task[1]

    try:
        for answer in answers(reopen(), given()):
            results.put((taken.popleft(), True, pickle.dumps(answer)))
    except BaseException as error:
        results.put((taken[0] if taken else -1, False, _pickled(error)))


def _pickled(error: BaseException) -> bytes:
    """The error, pickled; if it cannot be, a ``RuntimeError`` that says what it was."""
    try:
        return pickle.dumps(error)
    except Exception:
        return pickle.dumps(RuntimeError(f"{type(error).__name__}: {error}"))
