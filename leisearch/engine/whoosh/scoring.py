"""Ranking: BM25F with the probabilistic inverse document frequency.

Whoosh's ``BM25F`` takes its term weights from ``WeightingModel.idf``, the
classic ``log(N / (n + 1)) + 1``: a word in half the paragraphs still weighs
1.7 against a rare word's 9, so the common words of a long query crowd out its
rare ones. BM25's own weight, ``log(1 + (N - n + 0.5) / (n + 0.5))`` (as in
Lucene and SQLite FTS5), gives that word 0.7: measured on the seeds' judged
queries and on CISI and NPL (see the README).
"""

from __future__ import annotations

from math import log
from typing import Any

from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.columns import NumericColumn
from whoosh.scoring import BM25F

#: BM25's free parameters: how fast a repeated word stops adding (K1) and how much a
#: long paragraph is discounted (B).
K1 = 1.2
B = 0.5


class Bm25(BM25F):  # type: ignore[misc]
    """BM25F with BM25's inverse document frequency."""

    def __init__(self) -> None:
        super().__init__(B=B, K1=K1)

    def idf(self, searcher: Any, fieldname: str, text: Any) -> float:
        parent = searcher.get_parent()
        n = parent.doc_frequency(fieldname, text)
        total = parent.doc_count_all()
        return log(1 + (total - n + 0.5) / (n + 0.5))


def length_bytes(perdoc: Any, field: str) -> bytes | None:
    """A field's length bytes of a segment's documents (one each, as
    ``whoosh.util.numeric.length_to_byte`` makes them), read at once from the segment's
    per-document reader: empty if the field keeps no lengths; None if the segment does
    not keep them as Whoosh 2.7's codec does."""
    cached = getattr(perdoc, "_cached_reader", None)
    if cached is None:
        return None
    column = cached(f"_{field}_len", LENGTHS_COLUMN)
    if column is None:
        return b""
    if not isinstance(column, NumericColumn.Reader) or column._typecode != "B":
        return None
    return bytes(column._dbfile.get(column._basepos, column._count))
