"""Protocol queries as Whoosh's queries, for what ``topk`` does not rank.

Imported at the first such query (``AND``, ``-word``, a field, newest first, a
filter other than ``Every``): it imports Whoosh's searcher and queries, which a
query of loose words never needs (``imports.import_searching``).
"""

from __future__ import annotations

from typing import Any

from leisearch.engine.protocol import (
    AllOf,
    AnyOf,
    Every,
    Not,
    Phrase,
    Prefix,
    Query,
    Range,
    Term,
    Without,
)

from .imports import import_searching

import_searching()

# After ``import_searching``, on purpose: see imports.py.
from whoosh import query as q  # noqa: E402
from whoosh.matching import AndNotMatcher  # noqa: E402
from whoosh.searching import Searcher  # noqa: E402


def whoosh_searcher(reader: Any, weighting: Any, ix: Any) -> Any:
    """Whoosh's own searcher over ``reader``, which stays open when it is closed."""
    return Searcher(reader, weighting=weighting, closereader=False, fromindex=ix)


class _AndNotMatcher(AndNotMatcher):  # type: ignore[misc]
    """Whoosh's ``AndNotMatcher``, which leaves out the first document of the matches if
    the excluded matches hold it, also when those begin before it (Whoosh 2.7.4 looks
    only where both begin on the same document: ``lowly -footnote`` found the one lowly
    footnote, asked for every match, where a search for the best N skips it)."""

    def _find_first(self) -> None:
        if self.a.is_active() and self.b.is_active():
            self._find_next()


class _AndNot(q.AndNot):  # type: ignore[misc]
    """``a ANDNOT b``, matched by ``_AndNotMatcher``."""

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        scored = self.a.matcher(searcher, context)
        return _AndNotMatcher(scored, self.b.matcher(searcher, searcher.boolean_context()))


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
        return _AndNot(translate(query.query), translate(query.excluded))
    if isinstance(query, Every):
        return q.Every(query.field)
    raise TypeError(f"not a query: {query!r}")
