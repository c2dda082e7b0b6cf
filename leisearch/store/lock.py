"""OS locks, so that the lock of a killed process goes with it: no stale locks.

``FileLock`` is the build lock: ``fcntl.flock`` on POSIX, ``msvcrt.locking`` on
Windows (as Whoosh's own ``FileLock``), written here so that the index folder
does not depend on the index backend.

``Pin`` is a reader's hold on a generation folder: a shared ``flock`` on the
folder itself, which a build's sweep must take exclusively before it deletes
the folder (``try_exclusive``). A query pins the generation it opens, so a
build that commits meanwhile leaves it whole until the query is done. Windows
has no shared locks on folders: there a pin holds nothing, and a build keeps
the previous generation instead (see ``folder.sweep``).
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

    def fileno(self) -> int | None:
        """The lock's file descriptor while held (a forked worker closes its copy)."""
        return self._fd


#: Whether this platform can pin folders (shared locks on folders).
PINS = sys.platform != "win32"


class Pin:
    """A shared hold on a folder, released by ``release`` or when the process ends."""

    def __init__(self, fd: int | None) -> None:
        self._fd = fd

    @classmethod
    def take(cls, folder: Path) -> Pin | None:
        """Pin ``folder``; ``None`` if it is gone or being deleted (read the manifest again).

        The folder is checked again once held: a sweep may have deleted it between
        the open and the lock, and a lock on a deleted folder holds nothing.
        """
        if not PINS:
            return cls(None) if folder.is_dir() else None
        try:
            fd = os.open(folder, os.O_RDONLY)
        except (FileNotFoundError, NotADirectoryError):
            return None
        try:
            if _try_shared(fd) and _same_file(fd, folder):
                return cls(fd)
        except OSError:  # a file system without locks on folders (some network ones)
            os.close(fd)
            return cls(None)
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
        return None

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)  # closing the last descriptor drops the lock

    def __del__(self) -> None:
        self.release()


def try_exclusive(folder: Path) -> int | None:
    """An exclusive hold on ``folder`` (its descriptor), or ``None`` if a reader pins it.

    The caller deletes the folder while holding it, then closes the descriptor.
    """
    if not PINS:
        return None
    fd = os.open(folder, os.O_RDONLY)
    try:
        if _try_lock(fd):
            return fd
    except OSError:  # no locks on folders here: no query can hold one either
        return fd
    except BaseException:
        os.close(fd)
        raise
    os.close(fd)
    return None


def _same_file(fd: int, path: Path) -> bool:
    try:
        here, there = os.fstat(fd), os.stat(path)
    except FileNotFoundError:
        return False
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


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

    def _try_shared(fd: int) -> bool:  # never called: PINS is False on Windows
        raise NotImplementedError

else:
    import fcntl

    def _try_flock(fd: int, operation: int) -> bool:
        try:
            fcntl.flock(fd, operation | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno not in _BUSY:
                raise
            return False
        return True

    def _try_lock(fd: int) -> bool:
        return _try_flock(fd, fcntl.LOCK_EX)

    def _try_shared(fd: int) -> bool:
        return _try_flock(fd, fcntl.LOCK_SH)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
