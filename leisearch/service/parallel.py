"""A batch's queries answered by several processes, in the order they were asked.

One process answers one query at a time, on one core, however many the machine
has. ``in_processes`` forks ``jobs`` workers. Each opens the index's files for
itself (``reopen``, ``Index.reopened``: a fork shares its parent's open files,
and with them where each is read from) and answers the queries it takes as one
process would (``answers``), sending each answer back through a pipe of its own.
The main process:

* hands the queries out as they are read, from a thread of its own: the input may
  be a person, or a coprocess that waits for each answer before it asks again, so
  waiting for the next query must never hold back the answer to the last one;
* gives the answers back in the order of the queries, each as soon as it and every
  one before it are in: the same answers, in the same order, as one process gives
  (a test compares them);
* hands out at most ``AHEAD`` queries for each worker beyond the answers given
  back, so that answers wait in memory only that many when the reader of the
  output is slower than the workers.

A query's failure (``QueryError``, ``UsageError``) is an answer like any other.
Anything a worker raises is raised here, where the query it was answering comes
(after the answers before it, as one process would raise it). A worker that ends
before its work is done (killed, out of memory) is ``BatchFailed``, never a wait:
its pipe is its own, so its end is seen, even in the middle of an answer. Workers
ignore Ctrl-C, which reaches every process of the terminal: the main process
handles it, and ends them, as it ends them however it stops. They die with the
main process if it is killed outright (``processes.die_with``).

Where workers cannot be forked (``processes.can_fork``: not on Linux, or with
other threads running, or off the main thread), or the system refuses them (too
many processes, no shared memory), this process answers every query itself.

A worker keeps its own caches (a term's scores, a paragraph's print), so each
worker's first queries of a word are cold: a batch of a few queries gains little,
a long one gains most of a core per worker.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import struct
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from leisearch.errors import BatchFailed, Reason
from leisearch.processes import can_fork, die_with, frozen_for_fork

T = TypeVar("T")
R = TypeVar("R")

#: Queries handed out for each worker beyond the answers given back.
AHEAD = 8
#: How long the main process waits for an answer before it looks at the workers (s).
_CHECK_EVERY = 0.25
#: How long workers told to stop (or done) are given to end before they are killed (s).
_GRACE = 1.0
#: How long the main process waits, after the last answer, for the workers to end (s):
#: they do at once, unless the machine is busy.
_ENDING = 5.0
#: The number a worker's error is sent with when it came before any query was taken
#: (opening the index again), or after its last answer (closing its searcher).
_OPENING, _AFTER = -1, -2
#: Each message from a worker: the query's number, and whether it is an answer (else
#: what was raised), before the pickled answer or error.
_HEAD = struct.Struct("<q?")


def in_processes(
    answers: Callable[[T, Iterable[str]], Iterator[R]],
    index: T,
    reopen: Callable[[T], T],
    queries: Iterable[str],
    jobs: int,
) -> Iterator[R]:
    """``answers(index, queries)`` (one answer a query, in order), answered by ``jobs``
    forked processes, each with its own ``reopen(index)``, in the order of the
    queries; by this process where it cannot fork them."""
    batch = _Batch(answers, index, reopen, jobs)
    answered = False
    try:
        if not batch.start():
            yield from answers(index, queries)
            return
        yield from batch.in_order(queries)
        answered = True
    finally:
        batch.stop(answered)


class _Batch:
    """The workers, their pipes and the queue of queries, from ``start`` to ``stop``."""

    def __init__(
        self,
        answers: Callable[[T, Iterable[str]], Iterator[R]],
        index: T,
        reopen: Callable[[T], T],
        jobs: int,
    ) -> None:
        self._answers = answers
        self._index = index
        self._reopen = reopen
        self._jobs = jobs
        self._tasks: Any = None
        self._workers: list[Any] = []
        #: Each worker's end of its pipe that this process reads, by worker.
        self._pipes: dict[Any, Any] = {}
        self._reader: _Reader | None = None

    def start(self) -> bool:
        """Fork the workers; False (none left running) where that cannot be done."""
        if not (can_fork() and threading.current_thread() is threading.main_thread()):
            return False
        import multiprocessing  # (a batch's import, not every query's)

        context = multiprocessing.get_context("fork")
        # Ctrl-C is held back while the workers are forked (each ignores it from its
        # first step) and comes when they all are, as KeyboardInterrupt (and ``stop``).
        # (The mask as it is, unchanged: blocking first, a Ctrl-C just then would raise
        # out of the call with SIGINT blocked and nothing to unblock it.)
        held = signal.pthread_sigmask(signal.SIG_BLOCK, set())
        pipes: list[tuple[Any, Any]] = []
        try:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
            self._tasks = context.Queue()
            for _ in range(self._jobs):
                pipes.append(context.Pipe(duplex=False))
            with frozen_for_fork():
                self._fork(context, pipes)
        # (No more processes, no memory, no shared memory for the queue's lock: OSError;
        # a Python built without that lock: ImportError.)
        except (OSError, ImportError):
            self.stop(answered=False)
            for pair in pipes:
                for end in pair:
                    end.close()
            return False
        else:
            for _, writer in pipes:
                writer.close()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
        return True

    def _fork(self, context: Any, pipes: list[tuple[Any, Any]]) -> None:
        """One worker for each pipe, writing to its end."""
        for reader, writer in pipes:
            # A worker closes every other end it inherits, so that a worker's end is
            # seen at its own pipe's end, even if another holds a copy.
            others = [end for pair in pipes for end in pair if end is not writer]
            worker = context.Process(
                target=_work,
                args=(self._answers, self._index, self._reopen, self._tasks, writer, others),
                kwargs={"parent": os.getpid()},
                daemon=True,
            )
            worker.start()
            self._workers.append(worker)
            self._pipes[worker] = reader

    def in_order(self, queries: Iterable[str]) -> Iterator[R]:
        """The answers, each as soon as it and every one before it are in."""
        from multiprocessing.connection import wait

        reader = self._reader = _Reader(queries, self._tasks, self._jobs)
        reader.start()
        waiting: dict[int, tuple[bool, memoryview]] = {}
        late: list[memoryview] = []  # (errors raised after a worker's last answer)
        pipes = dict(self._pipes)  # (those not yet at their end)
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
                # Each worker ends once it takes its last None: what one raises then
                # (closing its searcher) comes after every answer, as in one process.
                _drain(pipes, late)
                if late:
                    raise pickle.loads(late[0])
                return
            if not pipes:  # (every worker ended, and an answer is missing)
                raise _lost(self._workers)
            by_pipe: dict[Any, Any] = {pipe: worker for worker, pipe in pipes.items()}
            ready: list[Any] = wait(list(by_pipe), timeout=_CHECK_EVERY)
            for pipe in ready:
                worker = by_pipe[pipe]
                message = _received(pipe)
                if message is None:  # its end: done, or killed
                    del pipes[worker]
                    worker.join(timeout=_GRACE)
                    # (Still ending, on a busy machine: if answers are missing once every
                    # worker has ended, that is said above.)
                    if worker.exitcode not in (None, 0):
                        raise _lost(self._workers)
                    continue
                at, answered, data = message
                if at == _OPENING:  # (its index could not be opened again: nothing to do)
                    raise pickle.loads(data)
                if at == _AFTER:  # (raised after its last answer: raised after them all)
                    late.append(data)
                    continue
                waiting[at] = (answered, data)

    def stop(self, answered: bool) -> None:
        """End the workers (told to end, if every answer was given back; else at once),
        the reading thread and the pipes."""
        if self._reader is not None:
            self._reader.stop()
        if self._tasks is not None and not answered:
            self._tasks.cancel_join_thread()  # (queries never taken are dropped)
        if not answered:
            for worker in self._workers:
                worker.terminate()
        deadline = time.monotonic() + _GRACE
        for worker in self._workers:
            worker.join(timeout=max(0.0, deadline - time.monotonic()))
        for worker in self._workers:
            if worker.is_alive():  # (a stopped process waits for SIGTERM: not SIGKILL)
                worker.kill()
                worker.join()
        for pipe in self._pipes.values():
            pipe.close()
        if self._tasks is not None:
            self._tasks.close()
            if answered:
                self._tasks.join_thread()
        if self._reader is not None:
            # (Unless it waits for a line that never comes: a daemon, it ends with us.)
            self._reader.join(timeout=_CHECK_EVERY)


def _drain(pipes: dict[Any, Any], late: list[memoryview]) -> None:
    """Read the workers' pipes to their ends (within ``_ENDING``: each ends as soon as
    it has closed its searcher), keeping what they raise after their last answers in
    ``late``."""
    from multiprocessing.connection import wait

    deadline = time.monotonic() + _ENDING
    left = set(pipes.values())
    while left and (wait_for := deadline - time.monotonic()) > 0:
        ready: list[Any] = wait(list(left), timeout=wait_for)
        for pipe in ready:
            message = _received(pipe)
            if message is None:
                left.discard(pipe)
            elif message[0] == _AFTER:
                late.append(message[2])


def _received(pipe: Any) -> tuple[int, bool, memoryview] | None:
    """A worker's next message: the query's number, whether it is an answer (else what
    was raised), and the pickled answer or error; None at the pipe's end (the worker
    ended, or was killed in the middle of a message)."""
    try:
        message = memoryview(pipe.recv_bytes())
    except (EOFError, OSError):
        return None
    at, answered = _HEAD.unpack_from(message)
    return at, answered, message[_HEAD.size :]


def _lost(workers: list[Any]) -> BatchFailed:
    """The error for a batch whose worker ended before its work was done, saying how."""
    ends = [_how_ended(worker.exitcode) for worker in workers if worker.exitcode]
    return BatchFailed(
        Reason.PROCESS_LOST,
        "a process answering the queries ended before its work was done: "
        + (", ".join(ends) or "its answers never came"),
        count=len(workers),
    )


def _how_ended(code: int) -> str:
    """A process's end, said for people.

    >>> _how_ended(-9), _how_ended(1)
    ('killed by signal 9 (SIGKILL)', 'exit status 1')
    """
    if code < 0:
        try:
            name = f" ({signal.Signals(-code).name})"
        except ValueError:
            name = ""
        return f"killed by signal {-code}{name}"
    return f"exit status {code}"


class _Reader(threading.Thread):
    """Reads the queries and hands them out, numbered, with room for ``AHEAD`` for each
    worker beyond the answers given back; then one ``None`` for each worker.
    ``count`` is how many were handed out, final once ``done`` is set; ``error``,
    what reading them raised."""

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
            # (A batch stopped meanwhile has closed the queue: its workers are gone.)
            with contextlib.suppress(ValueError, OSError):
                for _ in range(self._jobs):
                    self._tasks.put(None)
            self.done.set()

    def stop(self) -> None:
        """Hand out no more (the answers are no longer wanted)."""
        self._stopped = True
        self.room.release()


def _work(
    answers: Callable[[T, Iterable[str]], Iterator[R]],
    index: T,
    reopen: Callable[[T], T],
    tasks: Any,
    pipe: Any,
    others: list[Any],
    parent: int,
) -> None:
    """A worker: the answers to the queries it takes, each sent with its number, until
    it takes ``None``; what it raises is sent in place of the answer it was making."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    die_with(parent)
    for end in others:
        end.close()
    taken: deque[int] = deque()

    def given() -> Iterator[str]:
        while (task := tasks.get()) is not None:
            taken.append(task[0])
            yield task[1]

    opened = False
    try:
        opened_index = reopen(index)
        opened = True
        for answer in answers(opened_index, given()):
            data = pickle.dumps(answer)
            pipe.send_bytes(_HEAD.pack(taken.popleft(), True) + data)
    except BaseException as error:
        at = taken[0] if taken else (_AFTER if opened else _OPENING)
        pipe.send_bytes(_HEAD.pack(at, False) + _pickled(error))


def _pickled(error: BaseException) -> bytes:
    """The error, pickled, so that it can be read back; if it cannot be, a
    ``RuntimeError`` that says what it was."""
    try:
        data = pickle.dumps(error)
        pickle.loads(data)
    except Exception:
        return pickle.dumps(RuntimeError(f"{type(error).__name__}: {error}"))
    return data
