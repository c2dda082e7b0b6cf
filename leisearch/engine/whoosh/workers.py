"""Whoosh's multiprocessing index writer, made safe to interrupt.

Whoosh 2.7.4 (pinned) starts its worker processes lazily, as ``SubWriterTask``.
``start_workers`` starts them at once instead, with two differences:

* they ignore Ctrl-C, which reaches every process in the terminal's group:
  the main process handles it and stops them, so only one line is printed;
* they exit as soon as the main process is gone, so a build killed outright
  (``kill -9``) does not leave workers waiting for work forever: on Linux the
  kernel kills them with it (``PR_SET_PDEATHSIG``), elsewhere they notice
  within half a second;
* they close the descriptors they are given (the build lock): a forked
  worker holds a copy of each, and the build lock must go with the build;
* they pool postings in a ``pool.BlockPool``, which writes its runs to the
  disk a block at a time.

This is a module of its own, with the worker class at module level, so that
platforms that start processes by pickling them (macOS, Windows) can.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from collections.abc import Sequence
from typing import Any

from whoosh.multiproc import SubWriterTask

from .pool import use_block_pool


class Worker(SubWriterTask):  # type: ignore[misc]
    """A ``SubWriterTask`` that exits when its parent process does."""

    def __init__(self, parent: int, close_fds: Sequence[int], *args: Any) -> None:
        super().__init__(*args)
        self.parent = parent
        self.close_fds = tuple(close_fds)

    def run(self) -> None:
        _die_with(self.parent)
        for fd in self.close_fds:
            with contextlib.suppress(OSError):
                os.close(fd)
        threading.Thread(target=self._watch, daemon=True).start()
        super().run()

    def _process_file(self, filename: str, doc_count: int) -> None:
        # The writer is made in ``run``; its pool is empty until the first job.
        use_block_pool(self.writer)
        super()._process_file(filename, doc_count)

    def _watch(self) -> None:
        while os.getppid() == self.parent:
            time.sleep(0.5)
        os._exit(1)


def _die_with(parent: int) -> None:
    """On Linux, ask the kernel to kill this process when its parent dies."""
    if sys.platform != "linux":
        return
    import ctypes

    pr_set_pdeathsig = 1
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


def start_workers(writer: Any, close_fds: Sequence[int] = ()) -> None:
    """Start all of a multiprocessing writer's workers now, deaf to Ctrl-C; each
    closes ``close_fds`` first."""
    main_thread = threading.current_thread() is threading.main_thread()
    # Signal handlers can only be set from the main thread.
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if main_thread else None
    try:
        while len(writer.tasks) < writer.procs:
            task = Worker(
                os.getpid(),
                close_fds,
                writer.storage,
                writer.indexname,
                writer.jobqueue,
                writer.resultqueue,
                writer.subargs,
                writer.multisegment,
            )
            writer.tasks.append(task)
            task.start()
    finally:
        if main_thread:
            signal.signal(signal.SIGINT, previous)


def stop_workers(writer: Any) -> None:
    """Stop a multiprocessing writer's workers, before cancelling the writer.

    Jobs still queued for them are dropped: otherwise the queue's feeder thread
    waits at exit for a reader that is gone, and the process never ends.
    """
    for task in getattr(writer, "tasks", []):
        task.terminate()
        task.join(5)
    for name in ("jobqueue", "resultqueue"):
        queue = getattr(writer, name, None)
        if queue is not None:
            queue.cancel_join_thread()
            queue.close()
