"""Reading a Whoosh index: protocol queries in, ``Stored`` paragraphs out.

A damaged segment makes Whoosh raise almost anything (a bare ``Exception``
for a truncated posting block, ``UnicodeEncodeError`` for a cut stored
field): whatever comes up through Whoosh's code while reading is damage, and
becomes ``IndexCorrupt``; anything raised by leisearch's own code is a bug and
goes up as it is.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh import query as q

from leisearch.engine.protocol import (
    AllOf,
    AnyOf,
    Every,
    Not,
    Phrase,
    Prefix,
    Query,
    Range,
    Reader,
    Stored,
    Term,
    Without,
)
from leisearch.errors import IndexCorrupt, LeisearchError, QueryError, Reason

from .schema import INDEX_NAME
from .scoring import Bm25


def open_reader(data_dir: Path, index_dir: Path) -> Reader:
    """The index in ``data_dir`` (a generation of the index folder ``index_dir``)."""
    return WhooshReader(data_dir, index_dir, _open(data_dir, index_dir))


def _open(data_dir: Path, index_dir: Path) -> Any:
    try:
        return whoosh_index.open_dir(str(data_dir), indexname=INDEX_NAME, readonly=True)
    except Exception as error:  # Whoosh raises many types for a damaged index
        raise IndexCorrupt(
            Reason.DAMAGED,
            f"the index at {index_dir} cannot be opened ({type(error).__name__})",
            path=index_dir,
        ) from error


class WhooshReader:
    """An opened Whoosh index (the ``Reader`` of ``engine.protocol``)."""

    def __init__(self, data_dir: Path, index_dir: Path, ix: Any) -> None:
        self._data_dir = data_dir
        self._index_dir = index_dir
        self._ix = ix

    @contextlib.contextmanager
    def searcher(self) -> Iterator[WhooshSearcher]:
        try:
            searcher = self._ix.searcher(weighting=Bm25())
            with searcher:
                yield WhooshSearcher(searcher)
        except RecursionError as error:
            raise QueryError(Reason.TOO_COMPLEX, "the query is too complex to run") from error
        except LeisearchError:
            raise
        except Exception as error:
            if not _raised_in_whoosh(error):
                raise
            raise IndexCorrupt(
                Reason.DAMAGED,
                f"the index at {self._index_dir} is damaged ({type(error).__name__}: {error})",
                path=self._index_dir,
            ) from error


def _raised_in_whoosh(error: BaseException) -> bool:
    """Whether the error came up through Whoosh's code (it may start in the library
    Whoosh called, as a FileNotFoundError from ``os.path.getsize`` does)."""
    tb = error.__traceback__
    marker = f"{os.sep}whoosh{os.sep}"
    while tb is not None:
        if marker in tb.tb_frame.f_code.co_filename:
            return True
        tb = tb.tb_next
    return False


class WhooshSearcher:
    """One consistent view of the index (the ``Searcher`` of ``engine.protocol``)."""

    def __init__(self, searcher: Any) -> None:
        self._searcher = searcher

    def search(
        self,
        query: Query,
        *,
        limit: int | None,
        filter: Query | None = None,
        newest_first: bool = False,
    ) -> list[Stored]:
        results = self._searcher.search(
            translate(query),
            limit=limit,
            filter=translate(filter) if filter is not None else None,
            # The age column's ascending order is newest first, undated last (writer.age).
            **({"sortedby": "age"} if newest_first else {}),
        )
        # Sorted by age, a hit's "score" is its sort key: it has no score then.
        return [_stored(hit.fields(), 0.0 if newest_first else hit.score) for hit in results]

    def documents(self, query: Query) -> list[Stored]:
        return [
            _stored(hit.fields(), 0.0)
            for hit in self._searcher.search(translate(query), limit=None)
        ]

    def doc_frequency(self, field: str, term: str) -> int:
        # Whoosh's own count includes deleted documents until their segment is
        # rewritten; a segment with deletions is counted from its postings instead.
        count = 0
        for reader, _ in self._searcher.reader().leaf_readers():
            if not reader.has_deletions():
                count += reader.doc_frequency(field, term)
            elif (field, term) in reader:
                count += sum(1 for _ in reader.postings(field, term).all_ids())
        return count

    def doc_count(self) -> int:
        return int(self._searcher.doc_count())


def _stored(fields: Mapping[str, Any], score: float | None) -> Stored:
    return Stored(
        article=fields["article"],
        title=fields["title"],
        paragraph=int(fields["paragraph"]),
        text=fields["text"],
        quotes=tuple(
            (int(start), int(end), speaker, cue, confidence)
            for start, end, speaker, cue, confidence in fields.get("quotes") or ()
        ),
        score=float(score or 0.0),
    )


def translate(query: Query) -> Any:
    """The Whoosh query for a protocol query."""
    if isinstance(query, Term):
        return q.Term(query.field, query.text, boost=query.boost)
    if isinstance(query, Phrase):
        return q.Phrase(query.field, list(query.words), boost=query.boost)
    if isinstance(query, Prefix):
        return q.Prefix(query.field, query.text)
    if isinstance(query, Range):
        return q.TermRange(query.field, query.low or None, query.high or None)
    if isinstance(query, AnyOf):
        return q.Or([translate(p) for p in query.parts])
    if isinstance(query, AllOf):
        return q.And([translate(p) for p in query.parts])
    if isinstance(query, Not):
        return q.Not(translate(query.query))
    if isinstance(query, Without):
        return q.AndNot(translate(query.query), translate(query.excluded))
    if isinstance(query, Every):
        return q.Every(query.field)
    raise TypeError(f"not a query: {query!r}")
