"""The index's vocabulary on disk: every indexed word and its stem, read lazily.

A query is stemmed exactly as the articles were, without importing NLTK, by
looking its words up in this table. At 10,000 articles it holds some 84,000
words, and parsing all of it (as JSON, say) cost a cold query 70 ms. A query
needs only its own few words, so the table is a text file of ``word<TAB>stem``
lines sorted by word (UTF-8 byte order, which is code point order), mapped
into memory and searched by bisection: a lookup touches a few pages of it.
Iterating (prefix and fuzzy expansion, suggestions, ``stats``) parses the
whole file once.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "vocabulary.txt"
>>> text = vocabulary_text({"patents": "patent", "patent": "patent", "mouth": "mouth"})
>>> text
'mouth\\tmouth\\npatent\\tpatent\\npatents\\tpatent\\n'
>>> _ = path.write_text(text, encoding="utf-8")
>>> table = Vocabulary.open(path)
>>> table.get("patents"), table.get("missing"), "mouth" in table, len(table)
('patent', None, True, 3)
>>> sorted(table.items())
[('mouth', 'mouth'), ('patent', 'patent'), ('patents', 'patent')]
"""

from __future__ import annotations

import mmap
import os
from collections.abc import Iterator, Mapping
from pathlib import Path


class Vocabulary(Mapping[str, str]):
    """A read-only word -> stem table over the bytes of a vocabulary file."""

    def __init__(self, data: bytes | mmap.mmap) -> None:
        self._data = data
        self._all: dict[str, str] | None = None

    @classmethod
    def open(cls, path: Path) -> Vocabulary:
        """The table in ``path``; empty if there is no such file.

        Raises ``OSError`` if the file exists but cannot be read.
        """
        try:
            with open(path, "rb") as handle:
                # Windows cannot replace a mapped file, and an update build replaces
                # this one while queries run: read it there (about 1 ms at 84,000 words).
                if os.name == "nt" or not os.fstat(handle.fileno()).st_size:
                    return cls(handle.read())
                return cls(mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ))
        except FileNotFoundError:
            return cls(b"")

    def __getitem__(self, word: str) -> str:
        if self._all is not None:
            return self._all[word]
        key = word.encode("utf-8", "surrogatepass")
        data = self._data
        low, high = 0, len(data)
        # Both bounds are line starts; each step drops at least one line.
        while low < high:
            start = data.rfind(b"\n", low, (low + high) // 2) + 1 or low
            end = data.find(b"\n", start)
            end = len(data) if end < 0 else end
            line = data[start:end].rstrip(b"\r")  # a file copied with CRLF line ends
            tab = line.find(b"\t")
            found = line[:tab] if tab >= 0 else line
            if found == key:
                return line[tab + 1 :].decode("utf-8", "replace") if tab >= 0 else ""
            if found < key:
                low = end + 1
            else:
                high = start
        raise KeyError(word)

    def __iter__(self) -> Iterator[str]:
        return iter(self._loaded())

    def __len__(self) -> int:
        return len(self._loaded())

    def _loaded(self) -> dict[str, str]:
        if self._all is None:
            text = bytes(self._data).decode("utf-8", "replace")
            self._all = dict(line.split("\t", 1) for line in text.splitlines() if "\t" in line)
        return self._all


def vocabulary_text(table: Mapping[str, str]) -> str:
    """``table`` in the sorted form ``Vocabulary`` reads.

    Words cannot hold a tab or a line break (the tokenizer's words never do);
    any that did would be left out rather than break the file.
    """
    words = sorted(w for w in table if not _BREAKS.intersection(w))
    return "".join(f"{w}\t{table[w]}\n" for w in words)


_BREAKS = frozenset("\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
