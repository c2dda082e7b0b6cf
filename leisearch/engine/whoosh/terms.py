"""Whoosh's term index, written with its hash slots in arrays instead of tuples.

A Whoosh segment writer writes its terms into an on-disk hash table
(``filetables.OrderedHashWriter``). Until the segment is closed, the writer
keeps every term's hash and file position in memory, one ``(hash, position)``
tuple in one of 256 lists: about 130 bytes a term. A segment holds every word
of its paragraphs, every article id and every quotation's fingerprint: a
build's worker wrote 172,000 terms at 10,000 synthetic articles, and about
400,000 at 30,000, when it wrote one segment (it now starts another past
``workers.SEGMENT_DOCS`` paragraphs).

``CompactTermIndex`` keeps the same two numbers in two arrays per list: 12
bytes a term. It writes the same file, byte for byte, as the table is built
from the same numbers in the same order.
"""

from __future__ import annotations

import struct
from array import array
from typing import Any

from whoosh.filedb.filetables import OrderedHashWriter

# Whoosh's layouts (``filetables``): a key's and its value's lengths before them, and
# a slot of a table: the key's 32-bit hash, then its position.
_LENGTHS = struct.Struct(">ii")
_SLOT = struct.Struct(">Iq")


class CompactTermIndex(OrderedHashWriter):  # type: ignore[misc]
    """An ``OrderedHashWriter`` whose buckets are arrays of hashes and positions."""

    buckets: list[tuple[array[int], array[int]]]
    lastkey: bytes

    def add(self, key: bytes, value: bytes) -> None:
        # ``OrderedHashWriter.add`` without ``HashWriter.add``'s tuple: the same writes.
        if key <= self.lastkey:
            raise ValueError(f"Keys must increase: {self.lastkey!r}..{key!r}")
        dbfile = self.dbfile
        position = dbfile.tell()
        self.index.append(position)
        dbfile.write(_LENGTHS.pack(len(key), len(value)))
        dbfile.write(key)
        dbfile.write(value)
        h = self.hashfn(key)
        hashes, positions = self.buckets[h & 255]
        hashes.append(h)
        positions.append(position)
        self.lastkey = key

    def _write_hashes(self) -> None:
        # ``HashWriter._write_hashes``, slot for slot: open addressing from (hash >> 8)
        # modulo twice the bucket's length; an empty slot is (0, 0).
        dbfile = self.dbfile
        for hashes, positions in self.buckets:
            start = dbfile.tell()
            slots = 2 * len(hashes)
            self.directory.append((start, slots))
            table_hashes = array("I", bytes(4 * slots))
            table_positions = array("q", bytes(8 * slots))
            for h, position in zip(hashes, positions, strict=True):
                slot = (h >> 8) % slots
                while table_hashes[slot] or table_positions[slot]:
                    slot = (slot + 1) % slots
                table_hashes[slot] = h
                table_positions[slot] = position
            pack = _SLOT.pack
            dbfile.write(b"".join(map(pack, table_hashes, table_positions)))


def use_compact_terms(writer: Any) -> None:
    """Give a Whoosh segment writer's field writer a ``CompactTermIndex`` in place of
    its term index, before it holds any term. (The index has written its header to
    its file already; the new one carries on from there.)"""
    terms = writer.fieldwriter._tindex
    if isinstance(terms, CompactTermIndex):
        return
    if type(terms) is not OrderedHashWriter:
        raise TypeError(f"unexpected term index {type(terms).__name__}")
    if len(terms.index) or any(terms.buckets):
        raise ValueError("the writer's term index already holds terms")
    compact = CompactTermIndex.__new__(CompactTermIndex)
    compact.__dict__.update(terms.__dict__)  # the file, the header's offset, ``extras``
    compact.buckets = [(array("I"), array("q")) for _ in range(256)]
    writer.fieldwriter._tindex = compact
