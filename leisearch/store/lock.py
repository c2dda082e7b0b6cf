"""The build lock: an OS file lock, so that the lock of a killed build goes with it.

``fcntl.flock`` on POSIX, ``msvcrt.locking`` on Windows (as Whoosh's own
``FileLock``), written here so that the index folder does not depend on the
index backend. There are no stale locks to clear.
"""

from __future__ import annotations

import errno
import os
import sys
import time
from pathlib import Path

#: How often a waiting lock tries again, in seconds.
_POLL = 0.05


class FileLock:
    """An exclusive lock on ``path``, held from ``acquire`` to ``release``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self, blocking: bool = False) -> bool:
        """Take the lock; ``False`` if another process holds it (unless ``blocking``).

        Raises ``OSError`` when the lock file cannot be made.
        """
        fd = os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o666)
        try:
            while not _try_lock(fd):
                if not blocking:
                    os.close(fd)
                    return False
                time.sleep(_POLL)
        except BaseException:  # an error other than "busy", Ctrl-C while waiting
            os.close(fd)
            raise
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            _unlock(fd)
        finally:
            os.close(fd)


_BUSY = (errno.EAGAIN, errno.EACCES, errno.EDEADLK)

if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError as error:
            if error.errno not in _BUSY:
                raise
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno not in _BUSY:
                raise
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
