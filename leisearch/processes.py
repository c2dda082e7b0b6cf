"""What a forked worker process needs, whoever forks it: the index build's writers
(``engine.whoosh.workers``) and batch queries (``service.parallel``).

A worker is a fork of the main process, started with a job to do, and it must not
outlive the main process: killed outright (``kill -9``, out of memory), the main
process cannot stop it, and a worker that waits for work would wait for ever.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading


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
