"""What a forked worker process needs, whoever forks it: the index build's writers
(``engine.whoosh.workers``) and batch queries (``service.parallel``).

A worker is a fork of the main process, started with a job to do. It shares the
main process's pages until either writes to one, so the main process's objects are
frozen for the collector while workers are forked (``frozen_for_fork``): a worker's
collections would otherwise write to every page that holds one. It must not outlive
the main process: killed outright (``kill -9``, out of memory), the main
process cannot stop it, and a worker that waits for work would wait for ever.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import sys
import threading
from collections.abc import Iterator

#: The objects frozen (``gc.freeze``) when this module was imported: the interpreter's
#: own (Python 3.12 starts with a few hundred; 3.11 and 3.13 with none), unless the
#: program froze some before. ``frozen_for_fork`` thaws what it froze only if no more
#: are frozen than these: a program that froze its own wants them to stay frozen.
_FROZEN_AT_IMPORT = gc.get_freeze_count()


def die_with(parent: int) -> None:
    """On Linux, ask the kernel to kill this process when its parent (``parent``, its
    pid) dies; exit now if it already has."""
    if sys.platform != "linux":
        return
    import ctypes

    pr_set_pdeathsig = 1
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


def can_fork() -> bool:
    """Whether this process may fork workers that go on running Python: on Linux, where
    forking is safe and a worker dies with its parent (``die_with``: elsewhere, a
    worker of a main process killed outright would wait for work for ever), from a
    process with one thread (a thread holding a lock at the fork would leave it held
    in the child for ever)."""
    return sys.platform == "linux" and threading.active_count() == 1


@contextlib.contextmanager
def frozen_for_fork() -> Iterator[None]:
    """This process's objects frozen for the collector (``gc.freeze``) while workers are
    forked, so that a worker's collections never write to the pages that hold them
    (and make them the worker's own); unfrozen after, unless the program had frozen
    some of its own (``gc`` thaws all or none)."""
    thaw = gc.get_freeze_count() <= _FROZEN_AT_IMPORT
    gc.freeze()
    try:
        yield
    finally:
        if thaw:
            gc.unfreeze()
