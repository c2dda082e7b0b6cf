"""The part of Whoosh's searcher that ranking loose words needs, without
``whoosh.searching``.

``topk`` ranks loose words from a searcher's readers, one segment at a time, and
asks the searcher for a word's idf and the text field's average length only.
Importing ``whoosh.searching`` (with ``whoosh.query``, which it imports) was about
7 ms of a cold query, which most queries never use: ``ReaderSearcher`` gives
those from the index's reader, as Whoosh's ``Searcher`` computes them (the
same weighting object, its ``idf`` kept per term, the field's total length over
every document, deleted or not), and ``tests/test_topk.py`` ranks every query
both ways. A query that only Whoosh ranks gets Whoosh's own searcher over the
same reader (``reader.WhooshSearcher``).
"""

from __future__ import annotations

from typing import Any


class Leaf:
    """One segment of a ``ReaderSearcher``: what ``topk`` asks of a leaf searcher."""

    __slots__ = ("_reader",)

    def __init__(self, reader: Any) -> None:
        self._reader = reader

    def reader(self) -> Any:
        return self._reader


class ReaderSearcher:
    """A Whoosh reader with the statistics of Whoosh's ``Searcher`` over it."""

    def __init__(self, reader: Any, weighting: Any) -> None:
        self._reader = reader
        self.weighting = weighting
        self.schema = reader.schema
        self._doccount: int = reader.doc_count_all()
        self._idf: dict[tuple[str, Any], float] = {}
        self._leaves: list[tuple[Any, int]] = (
            [(self, 0)]
            if reader.is_atomic()
            else [(Leaf(leaf), offset) for leaf, offset in reader.leaf_readers()]
        )
        # Read straight from the reader, as ``Searcher`` copies them from it.
        self.doc_frequency = reader.doc_frequency
        self.stored_fields = reader.stored_fields

    def reader(self) -> Any:
        return self._reader

    def leaf_searchers(self) -> list[tuple[Any, int]]:
        return self._leaves

    def get_parent(self) -> ReaderSearcher:
        return self

    def doc_count(self) -> int:
        return int(self._reader.doc_count())

    def doc_count_all(self) -> int:
        return self._doccount

    def avg_field_length(self, fieldname: str, default: float | None = None) -> float | None:
        if not self.schema[fieldname].scorable:
            return default
        return float(self._reader.field_length(fieldname) / (self._doccount or 1))

    def idf(self, fieldname: str, text: Any) -> float:
        term = (fieldname, text)
        found = self._idf.get(term)
        if found is None:
            found = self._idf[term] = self.weighting.idf(self, fieldname, text)
        return found

    def close(self) -> None:
        self._reader.close()
