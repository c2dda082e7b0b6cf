"""Where each value of a small segment's column starts, found in C.

Whoosh's ``VarBytesColumn`` (the stored fields, and the ``print`` and ``place``
columns) keeps each document's length; a segment of more than 32,768 documents
also writes where each value starts. For a smaller one, its reader works the
starts out when it is made, adding the lengths up in a Python loop: a few
milliseconds for each of the three columns of each segment that a query opens,
10 ms of a cold query at 1,000 synthetic articles (two segments of 20,000
paragraphs), and as much on a real collection of that size.

``use_fast_offsets`` gives the reader class a method that adds them up with
``itertools.accumulate``: the same numbers in an array of the same type (a test
compares the two on random lengths), so the index and every value read from it
are unchanged.

A column that has its starts written (every column of this project's schema, and
Whoosh's stored fields past 32,768 documents) was read whole all the same: both
arrays, a few bytes a document, for each column a query opens, which grew with the
collection (about 8 ms of a cold query at 10,000 synthetic articles, and ten times
that at 100,000). Where its file can be mapped in memory, its arrays are
``MappedArray`` views of the map instead, which read only the documents asked for.

So that every column has its starts written, whatever its segment's size, the
schema's columns are ``OffsetsColumn``, and ``write_stored_offsets``
gives Whoosh's stored fields a column that writes them: a small segment's stored
fields were 1.6 ms of each cold query a segment, reading every paragraph's length.
"""

from __future__ import annotations

import mmap
import os
import struct
from array import array
from collections.abc import Iterator
from itertools import accumulate, chain
from typing import Any

from whoosh.codec import whoosh3
from whoosh.columns import CompressedBytesColumn, PickleColumn, VarBytesColumn

#: Whoosh's own method, kept for the comparison (``tests/test_offsets.py``).
WHOOSH_OFFSETS = VarBytesColumn.Reader._read_offsets_and_lengths


def _read_offsets_and_lengths(self: Any) -> None:
    """``VarBytesColumn.Reader._read_offsets_and_lengths`` (Whoosh 2.7.4), with the
    starts of a column without them added up in C."""
    dbfile = self._dbfile
    doccount = self._doccount
    # The last byte is the lengths' type code, or "X" after the offsets' and lengths'.
    lastbyte = self._basepos + self._length - 1
    lens_code = chr(dbfile.get_byte(lastbyte))
    offsets: Any = None
    if lens_code == "X":
        self.had_stored_offsets = True
        lens_code = chr(dbfile.get_byte(lastbyte - 2))
        offsets_code = chr(dbfile.get_byte(lastbyte - 1))
        itemsize = struct.calcsize(offsets_code)
        offsetstart = (lastbyte - 2) - doccount * itemsize
        lenstart = offsetstart - struct.calcsize(lens_code) * doccount
        # (Numbers of one size in the file and in Python's own arrays, as Whoosh's
        # ``get_array`` reads them: B, H, i, I and q, what Whoosh 2.7.4 writes.)
        same_sizes = all(
            struct.calcsize(code) == struct.calcsize(">" + code)
            for code in (offsets_code, lens_code)
        )
        data = _mapped(dbfile) if same_sizes else None
        if data is not None:
            self._offsets = MappedArray(data, offsetstart, offsets_code, doccount)
            self._lengths = MappedArray(data, lenstart, lens_code, doccount)
            return
        offsets = dbfile.get_array(offsetstart, offsets_code, doccount)
        lastbyte = offsetstart
    lenstart = lastbyte - struct.calcsize(lens_code) * doccount
    lengths = dbfile.get_array(lenstart, lens_code, doccount)
    if offsets is None:
        # 0, then each running sum but the last: where each value starts.
        offsets = array("L", accumulate(chain((0,), lengths)))
        del offsets[-1]
    self._offsets = offsets
    self._lengths = lengths


def _mapped(dbfile: Any) -> mmap.mmap | None:
    """``dbfile``'s file mapped in memory, or None: a file in memory or in a compound
    file, an empty one, and on Windows (where a mapped file could not be removed once
    its generation is replaced). The map closes when the last array of it goes. A file
    cut short while it is mapped would stop the process (SIGBUS): an index's files are
    never rewritten, as a build writes a generation of its own."""
    if os.name == "nt" or not getattr(dbfile, "is_real", False):
        return None
    try:
        data = mmap.mmap(dbfile.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    # The map holds a file descriptor of its own: it closes with the file, which Whoosh
    # closes with its segment (nothing reads the arrays after that).
    closing = dbfile.onclose

    def close(file: Any) -> None:
        data.close()
        if closing is not None:
            closing(file)

    dbfile.onclose = close
    return data


class MappedArray:
    """A column's array of ``count`` numbers of ``typecode`` at ``start`` of its mapped
    file (Whoosh writes them big-endian): each read when asked for, as the array Whoosh
    would read whole gives it.

    >>> numbers = MappedArray(b"xx" + struct.pack(">3H", 7, 300, 65535), 2, "H", 3)
    >>> numbers[0], numbers[-1], len(numbers), list(numbers), numbers[1:]
    (7, 65535, 3, [7, 300, 65535], [300, 65535])
    """

    __slots__ = ("count", "data", "size", "start", "typecode", "unpack")

    def __init__(self, data: Any, start: int, typecode: str, count: int) -> None:
        layout = struct.Struct(">" + typecode)
        self.data, self.start, self.typecode, self.count = data, start, typecode, count
        #: What ``reader._sliced`` reads the numbers with, itself: ``unpack(data, start +
        #: i * size)[0]``, without a call of this class between.
        self.unpack, self.size = layout.unpack_from, layout.size

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self.count))]
        at = i + self.count if i < 0 else i
        if not 0 <= at < self.count:
            raise IndexError(f"array index out of range: {i}")
        return self.unpack(self.data, self.start + at * self.size)[0]

    def __iter__(self) -> Iterator[int]:
        end = self.start + self.count * self.size
        layout = struct.Struct(">" + self.typecode)
        return (value for (value,) in layout.iter_unpack(self.data[self.start : end]))


def use_fast_offsets() -> None:
    """Give Whoosh's column reader ``_read_offsets_and_lengths`` (once; idempotent)."""
    VarBytesColumn.Reader._read_offsets_and_lengths = _read_offsets_and_lengths


class _PaddedFirst:
    """A column writer that pads its last documents without a value before it writes
    its arrays. Whoosh's ``finish`` takes the arrays first and pads them after: where
    padding widens the starts' array (a start past 255 in an array of bytes), it
    writes the array it took, too short, and the documents after the last value read
    another's (Whoosh never met it, writing starts only past 32,768 documents)."""

    _count: int

    def finish(self, doccount: int) -> None:
        self.fill(doccount)  # type: ignore[attr-defined]  # (Whoosh's writer's)
        # (``fill`` pads up to ``doccount``, and ``add`` alone moves the count on.)
        self._count = max(self._count, doccount)
        super().finish(doccount)  # type: ignore[misc]


class _OffsetsWriter(_PaddedFirst, VarBytesColumn.Writer):  # type: ignore[misc]
    pass


class _StoredWriter(_PaddedFirst, CompressedBytesColumn.Writer):  # type: ignore[misc]
    pass


class OffsetsColumn(VarBytesColumn):  # type: ignore[misc]
    """A column of bytes that writes where each value starts, whatever the segment's
    size (Whoosh does from 32,768 documents on), read as Whoosh reads its own. The
    schema's columns are of this class, and the schema is pickled into every index:
    it keeps its name and module."""

    def __init__(self) -> None:
        super().__init__(write_offsets_cutoff=0)

    def writer(self, dbfile: Any) -> Any:
        return _OffsetsWriter(dbfile, self.allow_offsets, 0)


class StoredColumn(CompressedBytesColumn):  # type: ignore[misc]
    """Whoosh's column of stored fields (compressed pickles), written with where each
    value starts in every segment; read as Whoosh reads its own."""

    def writer(self, dbfile: Any) -> Any:
        writer = _StoredWriter(dbfile, self._level, self._module)
        writer.cutoff = 0  # (Whoosh writes the starts past this many documents)
        return writer


def write_stored_offsets() -> None:
    """Give Whoosh's codec the stored fields' ``StoredColumn`` (once; idempotent): it
    names one column object for writing and reading them, ``STORED_COLUMN``."""
    if not isinstance(whoosh3.STORED_COLUMN._child, StoredColumn):
        whoosh3.STORED_COLUMN = PickleColumn(StoredColumn())
