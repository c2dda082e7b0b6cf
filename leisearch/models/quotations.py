"""The records of quotations: one quotation, a ranked one, and what ``quotes`` returns.

They are apart from ``leisearch.models`` because a ``query`` needs none of them,
and it imports that module (each frozen dataclass costs about a millisecond to
create): ``leisearch.models`` gives them on first use, so ``from leisearch.models
import Quote`` works everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from . import LOW, NO_META, ArticleMeta, JsonField, Record, Span, _meta_fields


@dataclass(frozen=True, slots=True)
class Quote(Record):
    """One direct quotation: who said what, where.

    ``text`` is the quoted words without the outer quote marks; ``start`` and
    ``end`` locate them in the paragraph's text. ``speaker`` is the canonical
    name (``None`` when no speaker could be attributed), ``cue`` the word or
    rule that attributed it (``said``, ``replied``, ``continuation``,
    ``interview``, ...) and ``confidence`` how sure that is (``high``,
    ``medium`` or ``low``; see ``CONFIDENCE_LEVELS``).
    """

    article: str
    title: str
    paragraph: int
    text: str
    start: int
    end: int
    speaker: str | None
    cue: str = ""
    #: Unless the attribution says otherwise, the least sure.
    confidence: str = LOW

    JSON: ClassVar[tuple[JsonField, ...]] = (
        JsonField("speaker", "string", lambda q: q.speaker),
        JsonField("text", "string", lambda q: q.text),
        JsonField("article", "string", lambda q: q.article),
        JsonField("title", "string", lambda q: q.title),
        JsonField("paragraph", "int", lambda q: q.paragraph),
        JsonField("cue", "string", lambda q: q.cue),
        JsonField("confidence", "string", lambda q: q.confidence),
    )


def _of_quote(get: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A quotation's key, read through the hit that holds it."""
    return lambda hit: get(hit.quote)


@dataclass(frozen=True, slots=True)
class QuoteHit(Record):
    """A quotation returned by ``quotes``, with the query's matches in its text."""

    rank: int
    quote: Quote
    spans: tuple[Span, ...] = ()
    #: ``ARTICLE:PARAGRAPH`` of its copies (the same words from the same speaker elsewhere).
    duplicates: tuple[str, ...] = ()
    #: What the quotation's article's file said of it: date, source, author, URL.
    meta: ArticleMeta = NO_META

    JSON: ClassVar[tuple[JsonField, ...]] = (
        *(JsonField(f.key, f.kind, _of_quote(f.value)) for f in Quote.JSON),
        JsonField("duplicates", "list of strings", lambda h: list(h.duplicates)),
        *_meta_fields(lambda h: h.meta),
    )


@dataclass(frozen=True, slots=True)
class QuoteResult:
    """The quotations matching a ``quotes`` request, in rank or reading order."""

    query: str | None
    hits: tuple[QuoteHit, ...]
    #: How many quotations matched, before ``limit``; ``None`` when a search ranked by
    #: relevance stopped once it had ``limit`` of them (counting the rest would mean
    #: testing every quotation of every matching paragraph for the query's words).
    total: int | None
    suggestion: str | None = None
    #: Other speakers whose names hold the one asked for (``Thornley``: Gareth Thornley),
    #: quoted apart from it: people merge across articles only by full name.
    fuller: tuple[str, ...] = ()
    #: Other speakers who may be the one asked for as other articles wrote it: a part of
    #: the name (``Gareth Thornley``: Thornley), or it with or without a middle initial.
    shorter: tuple[str, ...] = ()
    #: As ``SearchResult.unknown``: the query's words that no paragraph holds, when the
    #: other words found quotations.
    unknown: tuple[str, ...] = ()
    #: As ``SearchResult.notes``: what the user may want to know about the query.
    notes: tuple[str, ...] = ()
