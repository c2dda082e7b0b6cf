"""Whoosh's multiprocessing index writer, made safe to interrupt.

Whoosh 2.7.4 (pinned) starts its worker processes lazily, as ``SubWriterTask``,
when its writer has its first batch of documents. Here a ``Crew`` starts them,
before there is a writer or even an index to write (each job names the index it
is for), and they differ from Whoosh's:

* they ignore Ctrl-C, which reaches every process in the terminal's group:
  the main process handles it and stops them, so only one line is printed;
* they exit as soon as the main process is gone, so a build killed outright
  (``kill -9``) does not leave workers waiting for work forever: on Linux the
  kernel kills them with it (``PR_SET_PDEATHSIG``), elsewhere they notice
  within half a second;
* they close the descriptors they are given (the build lock): a forked
  worker holds a copy of each, and the build lock must go with the build;
* they pool postings in a ``pool.TermPool``, which keeps and sorts them by
  term, and keep their terms' slots in a
  ``terms.CompactTermIndex``;
* they close their segment and start another past ``SEGMENT_DOCS`` paragraphs.

Starting them early is for memory. A worker is a fork of the main process: the
pages it writes to become its own, and the pages the main process writes to
after the fork become the main process's own, the workers keeping the old ones
between them. Either way, what the main process held at the fork is held
twice, and it grows with the corpus once files are read. Forked after the main
process had read and hashed 100,000 files, each worker held 96 MB of its own,
against 75 at 10,000; forked after it had listed them, the two workers shared
53 MB of its old pages, against 25 at 30,000. So a fresh build starts its crew
before it reads anything (``service.build``), when the main process holds
little but the modules, and stops it if the build is too small to need it. The
objects the main process holds at the fork are frozen for the collector
(``gc.freeze``), so that a worker's collections never write to their pages
(the main process thaws them again, and its own collections copy some).

Starting a new segment is for memory too. Until a segment is closed, its writer
holds a few numbers for each of its paragraphs (where each column's value
starts, and how long it is) and for each of its terms. With one segment a worker, that grew
with the corpus: at 30,000 synthetic articles each worker held 600,000
paragraphs and 400,000 terms. A worker sends each segment it closes to the main
process as it goes (``ROLLED``), and its last one when told to finish; the main
process's ``RollingWriter`` commits them all. Smaller corpora, up to about
12,000 articles on two cores, make one segment a worker, as before. A closed
segment's writer is collected at once (``gc.collect``): it is in reference
cycles, and the program collects rarely (``leisearch.__main__``), so a worker
used to keep the writers it had closed, 5 MB each, until a full collection
came. Built with a segment every 25,000 paragraphs, 10,000 articles' workers
grew to 101 MB each; with the collection, they stay at 68 to 73.

This is a module of its own, with the worker class at module level, so that
platforms that start processes by pickling them (macOS, Windows) can.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import queue
import signal
import threading
import time
from collections.abc import Mapping, Sequence
from multiprocessing import Queue
from types import TracebackType
from typing import Any

from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.util import random_name
from whoosh.writing import SegmentWriter

from leisearch.processes import die_with, frozen_for_fork

from .pool import use_term_pool
from .terms import use_compact_terms

#: A worker starts a new segment once the one it writes holds this many paragraphs:
#: past it, what a worker holds grows no more (about 20 bytes a paragraph and 12 a term).
SEGMENT_DOCS = 250_000
#: What a worker sends for each segment it closes before it is told to finish.
ROLLED = "rolled"


class Worker(SubWriterTask):  # type: ignore[misc]
    """A ``SubWriterTask`` that exits when its parent process does, and that writes a
    new segment every ``SEGMENT_DOCS`` paragraphs."""

    def __init__(
        self,
        parent: int,
        close_fds: Sequence[int],
        jobqueue: Any,
        resultqueue: Any,
        kwargs: Mapping[str, Any],
    ) -> None:
        # No index yet: each job names its own (``RollingWriter._enqueue``).
        super().__init__(None, None, jobqueue, resultqueue, dict(kwargs), True)
        self.parent = parent
        self.close_fds = tuple(close_fds)

    def run(self) -> None:
        die_with(self.parent)
        for fd in self.close_fds:
            with contextlib.suppress(OSError):
                os.close(fd)
        threading.Thread(target=self._watch, daemon=True).start()
        self._work()

    def _work(self) -> None:
        # ``SubWriterTask.run`` for a ``multisegment`` writer, with a new segment when one
        # is full. A writer is made for a job, so none is left empty (cancelling one would
        # remove the temporary folder that every writer of the build shares). A cancelled
        # worker is terminated (``Crew.stop``).
        self.writer = None
        while (job := self.jobqueue.get()) is not None:
            self.storage, self.indexname, filename, count = job
            if self.writer is None:
                self.writer = self._new_writer()
            self._process_file(filename, count)
            if self.writer.docnum >= SEGMENT_DOCS:
                self.resultqueue.put((ROLLED, None, self.writer._finalize_segment()))
                self.writer = None
                # A closed writer is in reference cycles: freed now, not at the next
                # full collection, which the program's threshold makes rare.
                gc.collect()
        last = self.writer._finalize_segment() if self.writer is not None else None
        self.resultqueue.put((None, None, last))

    def _new_writer(self) -> Any:
        ix = self.storage.open_index(self.indexname)
        # _lk=False: the main process holds the index's lock for the whole build.
        writer = SegmentWriter(ix, _lk=False, **self.kwargs)
        use_term_pool(writer)
        use_compact_terms(writer)
        return writer

    def _watch(self) -> None:
        while os.getppid() == self.parent:
            time.sleep(0.5)
        os._exit(1)


class WorkerLost(RuntimeError):
    """A worker ended (killed, or out of memory) before its work was done."""


class Crew:
    """The worker processes of a multiprocessing writer yet to be made, and their
    queues: ``start`` forks them (at most once), ``stop`` ends them wherever they are.
    Each process writes with the writer options ``kwargs``, and closes ``close_fds``
    as it starts. A context manager: its end stops what is still running."""

    def __init__(
        self, procs: int, kwargs: Mapping[str, Any], close_fds: Sequence[int] = ()
    ) -> None:
        self.procs = procs
        self.kwargs = dict(kwargs)
        self.close_fds = tuple(close_fds)
        self.tasks: list[Worker] = []
        self.jobqueue: Any = None
        self.resultqueue: Any = None

    @property
    def started(self) -> bool:
        return bool(self.tasks)

    def start(self) -> None:
        """Fork the processes now, deaf to Ctrl-C (unless they are running already).

        If the system refuses one (``OSError``: too many processes, no memory), those
        started are stopped and the error raised: the crew is not ``started``.
        """
        if self.tasks:
            return
        self.jobqueue, self.resultqueue = Queue(self.procs * 4), Queue()
        main_thread = threading.current_thread() is threading.main_thread()
        # Signal handlers can only be set from the main thread.
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if main_thread else None
        try:
            with frozen_for_fork():
                while len(self.tasks) < self.procs:
                    task = Worker(
                        os.getpid(), self.close_fds, self.jobqueue, self.resultqueue, self.kwargs
                    )
                    task.start()
                    self.tasks.append(task)  # (started: ``stop`` can end it)
        except BaseException:
            self.stop()
            self.tasks = []
            raise
        finally:
            if main_thread:
                signal.signal(signal.SIGINT, previous)

    def stop(self) -> None:
        """End the processes, done or not, and close the queues.

        Jobs still queued for them are dropped: otherwise the queue's feeder thread
        waits at exit for a reader that is gone, and the process never ends.
        """
        lines = [line for line in (self.jobqueue, self.resultqueue) if line is not None]
        for line in lines:
            line.cancel_join_thread()  # (first: a Ctrl-C while they end cannot hang it)
        for task in self.tasks:
            task.terminate()
        for task in self.tasks:  # (all told first: they end together)
            task.join(5)
        for line in lines:
            line.close()

    def __enter__(self) -> Crew:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


class RollingWriter(MpWriter):  # type: ignore[misc]
    """Whoosh's multiprocessing writer (``multisegment``), writing through a ``Crew``
    (started now if it is not yet) and committing every segment its workers send:
    those they closed as they went (``ROLLED``), then one last result from each (a
    segment, or ``None`` from a worker given nothing since its last)."""

    docbuffer: list[Any]

    def __init__(self, ix: Any, crew: Crew, **kwargs: Any) -> None:
        # ``MpWriter.__init__``, with the crew's processes and queues rather than queues
        # of its own; Whoosh's own worker processes are never made.
        SegmentWriter.__init__(self, ix, **kwargs)
        crew.start()
        self.procs = crew.procs
        self.batchsize = 100
        self.subargs = crew.kwargs
        self.multisegment = True
        self.tasks = crew.tasks
        self.jobqueue, self.resultqueue = crew.jobqueue, crew.resultqueue
        self.docbuffer = []
        self._grouping = 0
        self._added_sub = False
        self._finished = False

    def commit(self, mergetype: Any = None, optimize: Any = None, merge: Any = None) -> None:
        # Whoosh's ``commit`` given no document never tells the workers to finish, and
        # the process then waits for them at exit for ever: ``_commit`` always does.
        self._commit(mergetype, optimize, merge)

    def finish(self) -> None:
        """Send the last documents and tell each worker to finish (it writes its last
        segment), without waiting: ``commit`` waits. No document may come after."""
        if self._finished:
            return
        self._finished = True
        if self.docbuffer:
            self._enqueue()
        for _ in self.tasks:
            self._put(None)

    def add_document(self, **fields: Any) -> None:
        if self._finished:
            raise RuntimeError("a document added after the writer was told to finish")
        super().add_document(**fields)

    def _enqueue(self) -> None:
        # ``MpWriter._enqueue``: the documents so far to a job file, its name to the
        # workers, with ``_put``, and the index's storage and name, which the workers did
        # not know when they started. Whoosh would start a worker of its own here.
        filename = f"{random_name()}.doclist"
        with self.temp_storage().create_file(filename).raw_file() as f:
            for item in self.docbuffer:
                pickle.dump(item, f, 2)
        self._put((self.storage, self.indexname, filename, len(self.docbuffer)))
        self.docbuffer = []

    def _put(self, job: Any) -> None:
        """Queue a job for the workers, waiting for room while they are all well."""
        while True:
            try:
                self.jobqueue.put(job, timeout=0.5)
                return
            except queue.Full:
                self._check_workers()

    def _check_workers(self, all_done: bool = False) -> None:
        """``WorkerLost`` if a worker has failed (killed, say: the paragraphs it was
        given are lost, and one killed while it waited for a job may have taken the
        queue's lock with it, so that the others wait for ever), or if ``all_done``
        and every worker has ended."""
        codes = [task.exitcode for task in self.tasks]
        if any(code not in (None, 0) for code in codes) or (all_done and None not in codes):
            raise WorkerLost(
                "an indexing process ended before its work was done (exit codes "
                f"{', '.join('running' if code is None else str(code) for code in codes)})"
            )

    def _commit(self, mergetype: Any, optimize: Any, merge: Any) -> None:
        # ``MpWriter._commit`` for ``multisegment``, reading results until each worker
        # has sent its last, before waiting for them: a worker whose results are not
        # read may wait at exit for its queue to be drained.
        self.finish()
        segments = list(self._merge_segments(mergetype, optimize, merge))
        finished, ended = 0, False
        while finished < len(self.tasks):
            try:
                kind, _, segment = self.resultqueue.get(timeout=0.5)
            except queue.Empty:
                # Workers that all ended well have sent their last results; what they
                # sent is in the pipe after one more wait.
                self._check_workers(all_done=ended)
                ended = all(task.exitcode == 0 for task in self.tasks)
                continue
            finished += kind != ROLLED
            if segment is not None:
                segments.append(segment)
        for task in self.tasks:
            task.join()
        if self._added:  # documents of this process's own (merged segments)
            segments.append(self._finalize_segment())
        else:
            self._close_segment()
        self._commit_toc(segments)
        self._finish()
