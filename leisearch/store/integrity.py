"""What reaches the disk, and how damage is found: file records, fsync, checks.

Every file of a generation is recorded in the manifest with its size and its
CRC-32 (``FileRecord``), taken when the build wrote it. The records are the
index's memory of what it should hold:

* opening an index checks cheaply (``check`` without ``deep``): every recorded
  file is there with its size, and the small files and the tables every query
  reads (``vocabulary.txt``, ``aliases.json``, the backend's table of
  contents: all files of at most ``QUICK_BYTES``, and the ones named in
  ``always``) have their CRC-32. A few milliseconds at 10,000 articles;
* ``leisearch index --check`` and every incremental build check everything
  (``deep``): the CRC-32 of every file.

CRC-32 finds accidental damage (a truncated file, a flipped bit, a file from
another build); it is no defence against someone who rewrites the index on
purpose, and is not meant to be. ``zlib`` is imported on the query path
anyway (Whoosh reads compressed columns with it).

Durability: a build writes its generation's files, then ``sync_folder``
flushes each file and the folder itself to the disk, and only then is the
manifest switched (``manifest.write_atomic`` flushes the manifest before its
rename and the index folder after it). A power cut can leave the old index or
the new one, never a manifest that names data that never reached the disk.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import NamedTuple

#: Files this small are checked in full at every open; larger ones by size only.
QUICK_BYTES = 256 * 1024
_CHUNK = 1 << 20


# Named tuples, not dataclasses: this module is on the query path, and a named tuple class
# costs a tenth of a dataclass to create (see engine.protocol).
class FileRecord(NamedTuple):
    """What a file of a generation held when the build wrote it."""

    size: int
    crc32: int


class Damage(NamedTuple):
    """A file that is not what the manifest recorded: its name and what is wrong."""

    name: str
    problem: str

    def __str__(self) -> str:
        return f"{self.name} ({self.problem})"


def crc32_of(path: Path) -> int:
    """The CRC-32 of a file's bytes, read in chunks."""
    crc = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            crc = zlib.crc32(chunk, crc)
    return crc


def record(path: Path) -> FileRecord:
    return FileRecord(path.stat().st_size, crc32_of(path))


def record_files(folder: Path, names: Iterable[str]) -> dict[str, FileRecord]:
    """The records of the named files of ``folder``."""
    return {name: record(folder / name) for name in sorted(names)}


def check(
    folder: Path,
    records: Mapping[str, FileRecord],
    *,
    deep: bool,
    always: frozenset[str] = frozenset(),
) -> list[Damage]:
    """What differs from ``records`` in ``folder``: missing files, sizes, checksums.

    Without ``deep``, only files of at most ``QUICK_BYTES`` and those in ``always``
    are read; every file's size is checked.
    """
    found = []
    for name, expected in records.items():
        path = folder / name
        try:
            size = path.stat().st_size
            if size != expected.size:
                found.append(Damage(name, f"{size} bytes instead of {expected.size}"))
            elif (deep or size <= QUICK_BYTES or name in always) and crc32_of(
                path
            ) != expected.crc32:
                found.append(Damage(name, "its contents changed"))
        except FileNotFoundError:
            found.append(Damage(name, "missing"))
        except OSError as error:
            found.append(Damage(name, f"unreadable: {error.strerror or error}"))
    return found


def sync_file(path: Path) -> None:
    """Flush a file's data to the disk."""
    # Windows flushes only a handle open for writing.
    fd = os.open(path, os.O_RDWR if os.name == "nt" else os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sync_folder(folder: Path, names: Iterable[str] = ()) -> None:
    """Flush the named files of ``folder``, then the folder itself (its entries).

    Windows cannot open a folder to flush it; its file system journals entries.
    """
    for name in names:
        sync_file(folder / name)
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
