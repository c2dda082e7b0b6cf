"""The index's table of paragraph copies: every fingerprint, and where it is.

``copies.tsv`` holds one ``key<TAB>article<TAB>paragraph`` line for every
paragraph that has a copy key (``text.copies.copy_key``), sorted, so that the
copies of a hit are found by bisection over the mapped file, as the
vocabulary's words are (``vocabulary``): a query reads a few pages of it.

An incremental build merges the table it starts from, less the articles it
removes, with the lines of the articles it adds (``merged``): the table is a
fresh build's, and is never held whole in memory.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "copies.tsv"
>>> lines = [("bb", "b", 2), ("aa", "a", 1), ("bb", "a", 3)]
>>> _ = path.write_text("".join(line_of(*x) for x in sorted(lines)), encoding="utf-8")
>>> table = CopyTable.open(path)
>>> table.get("bb"), table.get("cc")
([('a', 3), ('b', 2)], [])
"""

from __future__ import annotations

import heapq
import mmap
import os
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path

#: A paragraph's copy key, article id and paragraph number.
Entry = tuple[str, str, int]


def line_of(key: str, article: str, paragraph: int) -> str:
    """One line of the table (article ids hold no tab or line break: see ``files``)."""
    return f"{key}\t{article}\t{paragraph}\n"


class CopyTable:
    """Where each copy key is, read in place from the sorted file."""

    def __init__(self, data: bytes | mmap.mmap) -> None:
        self._data = data

    @classmethod
    def open(cls, path: Path) -> CopyTable:
        """The table in ``path``; empty if there is no such file."""
        try:
            with open(path, "rb") as handle:
                # As the vocabulary: Windows cannot replace a mapped file.
                if os.name == "nt" or not os.fstat(handle.fileno()).st_size:
                    return cls(handle.read())
                return cls(mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ))
        except FileNotFoundError:
            return cls(b"")

    def get(self, key: str) -> list[tuple[str, int]]:
        """``(article, paragraph)`` of every paragraph with this key, in order."""
        data, wanted = self._data, key.encode("ascii", "replace")
        low, high = 0, len(data)
        # The first line whose key is not below ``wanted`` (both bounds are line starts).
        while low < high:
            start = data.rfind(b"\n", low, (low + high) // 2) + 1 or low
            end = data.find(b"\n", start)
            end = len(data) if end < 0 else end
            if data[start : data.find(b"\t", start, end)] < wanted:
                low = end + 1
            else:
                high = start
        found = []
        while low < len(data):
            end = data.find(b"\n", low)
            end = len(data) if end < 0 else end
            key_bytes, _, rest = data[low:end].partition(b"\t")
            if key_bytes != wanted:
                break
            article, _, paragraph = rest.rpartition(b"\t")
            found.append((article.decode("utf-8", "replace"), int(paragraph)))
            low = end + 1
        return found

    def entries(self) -> Iterator[Entry]:
        """Every line, in order, read one at a time."""
        data, start = self._data, 0
        while start < len(data):
            end = data.find(b"\n", start)
            end = len(data) if end < 0 else end
            key, article, paragraph = data[start:end].decode("utf-8").split("\t")
            yield key, article, int(paragraph)
            start = end + 1


def merged(old: Iterable[Entry], removed: Collection[str], new: Iterable[Entry]) -> Iterator[str]:
    """The table's lines: ``old`` (sorted) less the articles ``removed``, with ``new``."""
    kept = (e for e in old if e[1] not in removed)
    for entry in heapq.merge(kept, sorted(new)):
        yield line_of(*entry)
