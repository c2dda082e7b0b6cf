"""The index folder: which folders are ours, generations, sweeping, the build lock.

An index folder holds the manifest (``leisearch.json``, see ``manifest``), the
build lock (``leisearch.lock``) and its generations (``gen-…/``): every build
writes a new generation (an incremental one starts from links to the files of
the last) and the manifest is switched to it when it is complete. A query pins
the generation it opens (``pin_generation``); a build sweeps every other
generation that no query pins, so a query answers from its generation to the
end, however many builds commit meanwhile. Where folders cannot be pinned
(Windows), a build keeps the previous generation as well.

Only a manifest makes a folder ours: a folder with other files and no
manifest is never written to or deleted (``check_ours``).
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

from leisearch.errors import IndexUnwritable, Reason

from .lock import PINS, FileLock, Pin, try_exclusive
from .manifest import MANIFEST, OWN_FILES

LOCK = "leisearch.lock"
GENERATION_PREFIX = "gen-"
#: Files a fresh checkout may have in the default index folder.
_HARMLESS = frozenset({".gitkeep", ".gitignore", ".DS_Store", LOCK})
#: The file ``prepare_dir`` writes for a moment, to see that the folder is writable.
PROBE = ".probe"
_GENERATION_RE = re.compile(rf"{GENERATION_PREFIX}[0-9a-f]+")
#: What a generation may hold: the backend's files (Whoosh's ``MAIN`` segments and
#: lock) and leisearch's own (``OWN_FILES``); stems.json was the vocabulary's file
#: before schema version 5, swept after a rebuild.
_GENERATION_FILE_RE = re.compile(
    r"(?:_?MAIN[_.].*|MAIN_WRITELOCK|stems\.json|" + "|".join(map(re.escape, OWN_FILES)) + ")"
)


def check_ours(index_dir: Path) -> None:
    """Refuse to write into a folder that is neither empty nor a leisearch index.

    Builds sweep generation folders and old index files, so a look-alike name
    (``gen-results/``, ``MAINTAINERS``) in a folder of someone else's must stop
    the build, not be deleted.
    """
    if is_foreign(index_dir):
        raise IndexUnwritable(
            Reason.FOREIGN_FOLDER,
            f"{index_dir} is not a leisearch index and is not empty",
            path=index_dir,
        )


def is_foreign(index_dir: Path) -> bool:
    """A folder with no manifest and files that no leisearch build made."""
    if not index_dir.is_dir() or (index_dir / MANIFEST).exists():
        return False
    # A first build killed before its manifest was written leaves a generation folder
    # of index files: that, and only that, is ours without a manifest.
    return any(
        p.name not in _HARMLESS and not p.name.startswith(PROBE) and not is_generation(p)
        for p in index_dir.iterdir()
    )


def is_generation(path: Path) -> bool:
    """A generation folder: named as leisearch names them, holding only index files."""
    return (
        path.is_dir()
        and _GENERATION_RE.fullmatch(path.name) is not None
        and all(_GENERATION_FILE_RE.fullmatch(p.name) for p in path.iterdir())
    )


def prepare_dir(index_dir: Path) -> None:
    """Make the folder if need be, and check that files can be written in it."""
    import tempfile  # (builds only: a query does not pay for its import)

    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=index_dir, prefix=PROBE):
            pass
    except OSError as error:
        raise unwritable(index_dir, error) from error


def unwritable(index_dir: Path, error: OSError) -> IndexUnwritable:
    """The error for a folder the OS would not let us write."""
    return IndexUnwritable(
        Reason.UNWRITABLE,
        f"cannot write the index at {index_dir}: {error.strerror or error}",
        path=index_dir,
    )


def busy(index_dir: Path) -> IndexUnwritable:
    """The error for a folder another build is writing."""
    return IndexUnwritable(
        Reason.BUSY, f"another leisearch index run is writing {index_dir}", path=index_dir
    )


@contextlib.contextmanager
def locked(index_dir: Path, wait: bool = False) -> Iterator[FileLock]:
    """Hold the index's build lock; another build stops at once with ``IndexUnwritable``
    (or, with ``wait``, waits for it)."""
    lock = FileLock(index_dir / LOCK)
    try:
        acquired = lock.acquire(blocking=wait)
    except OSError as error:
        raise IndexUnwritable(
            Reason.UNWRITABLE,
            f"cannot lock the index at {index_dir}: {error.strerror or error}",
            path=index_dir,
        ) from error
    if not acquired:
        raise busy(index_dir)
    try:
        yield lock
    finally:
        lock.release()


def discard_if_bare(index_dir: Path) -> None:
    """Remove an index folder that holds nothing but its build lock: what a first build
    that failed before writing anything made. Called with the lock held, so no other
    build is at work in it."""
    with contextlib.suppress(OSError):
        if {entry.name for entry in index_dir.iterdir()} <= {LOCK}:
            (index_dir / LOCK).unlink(missing_ok=True)
            index_dir.rmdir()


def new_generation(index_dir: Path) -> Path:
    path = index_dir / f"{GENERATION_PREFIX}{time.time_ns():x}"
    path.mkdir()
    return path


def sweep(index_dir: Path, keep: set[str], flat: bool) -> None:
    """Remove the generation folders not in ``keep`` that no query pins; with
    ``flat``, also the files that indexes of schema version 2 and before kept at the
    top of the folder.

    Called with the build lock held, so nothing removed is being written. Where
    folders cannot be pinned, the caller keeps the previous generation in ``keep``.
    """
    for path in index_dir.iterdir():
        name = path.name
        if name not in keep and is_generation(path):
            _remove_unpinned(path)
        elif flat and path.is_file() and _GENERATION_FILE_RE.fullmatch(name):
            path.unlink(missing_ok=True)


def _remove_unpinned(path: Path) -> None:
    import shutil  # (builds only: a query does not pay for its import)

    if not PINS:
        shutil.rmtree(path, ignore_errors=True)
        return
    fd = try_exclusive(path)
    if fd is None:
        return  # a query is reading it: a later build removes it
    try:
        shutil.rmtree(path, ignore_errors=True)
    finally:
        os.close(fd)


def pin_generation(data_dir: Path) -> Pin | None:
    """Hold ``data_dir`` against sweeping while it is read (``None``: it is gone)."""
    return Pin.take(data_dir)
