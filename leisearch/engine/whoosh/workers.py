"""Whoosh's multiprocessing index writer, made safe to interrupt.

Whoosh 2.7.4 (pinned) starts its worker processes lazily, as ``SubWriterTask``.
``start_workers`` starts them at once instead, with two differences:

* they ignore Ctrl-C, which reaches every process in the terminal's group:
  the main process handles it and stops them, so only one line is printed;
* they exit as soon as the main process is gone, so a build killed outright
  (``kill -9``) does not leave workers waiting for work forever.

This is a module of its own, with the worker class at module level, so that
platforms that start processes by pickling them (macOS, Windows) can.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from typing import Any

from whoosh.multiproc import SubWriterTask


class Worker(SubWriterTask):  # type: ignore[misc]
    """A ``SubWriterTask`` that exits when its parent process does."""

    def __init__(self, parent: int, *args: Any) -> None:
        super().__init__(*args)
        self.parent = parent

    def run(self) -> None:
        threading.Thread(target=self._watch, daemon=True).start()
        super().run()

    def _watch(self) -> None:
        while os.getppid() == self.parent:
            time.sleep(0.5)
        os._exit(1)


def start_workers(writer: Any) -> None:
    """Start all of a multiprocessing writer's workers now, deaf to Ctrl-C."""
    main_thread = threading.current_thread() is threading.main_thread()
    # Signal handlers can only be set from the main thread.
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if main_thread else None
    try:
        while len(writer.tasks) < writer.procs:
            task = Worker(
                os.getpid(),
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
