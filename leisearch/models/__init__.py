"""Typed, frozen records passed between leisearch's modules.

The machine formats are built from these records: each one that leaves the
program declares its JSON keys once, in ``JSON`` (key, type, how to get it),
and ``to_json``, the CSV header and the README's key tables all come from that
list (a test compares the README with it), so the contract and the code cannot
drift apart.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

if TYPE_CHECKING:
    from .catalogue import ArticleInfo as ArticleInfo
    from .catalogue import SpeakerInfo as SpeakerInfo
    from .catalogue import Tally as Tally
    from .quotations import Quote as Quote
    from .quotations import QuoteHit as QuoteHit
    from .quotations import QuoteResult as QuoteResult
    from .reports import Article as Article
    from .reports import BuildReport as BuildReport
    from .reports import IndexCheck as IndexCheck
    from .reports import IndexStats as IndexStats
    from .reports import Paragraph as Paragraph
    from .reports import RawArticle as RawArticle
    from .reports import RawBlock as RawBlock
    from .reports import Removed as Removed
    from .reports import Shown as Shown
    from .reports import ShownParagraph as ShownParagraph
    from .reports import Skipped as Skipped

#: The records that a query needs none of, in submodules loaded on first use: each
#: frozen dataclass costs about a millisecond to create, and every query imports this
#: module. ``catalogue``: what an index holds (articles, speakers, counts over time);
#: ``quotations``: what ``quotes`` returns; ``reports``: building, reading, showing.
_ELSEWHERE = {
    **dict.fromkeys(("ArticleInfo", "SpeakerInfo", "Tally"), ".catalogue"),
    **dict.fromkeys(("Quote", "QuoteHit", "QuoteResult"), ".quotations"),
    **dict.fromkeys(
        (
            "Article",
            "BuildReport",
            "IndexCheck",
            "IndexStats",
            "Paragraph",
            "RawArticle",
            "RawBlock",
            "Removed",
            "Shown",
            "ShownParagraph",
            "Skipped",
        ),
        ".reports",
    ),
}


def __getattr__(name: str) -> Any:
    module = _ELSEWHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    # Bound here, as an import would bind it: the next use finds it without this call
    # (an unchanged re-index at 10,000 articles looked records up here 57,000 times).
    globals()[name] = value
    return value


#: How sure an attribution is, from most to least: an explicit cue that names the
#: speaker; a cue that points at them (a pronoun, a title) or a rule as reliable; a
#: rule that reads the context (the sentence or paragraph before).
HIGH, MEDIUM, LOW = "high", "medium", "low"
CONFIDENCE_LEVELS = (LOW, MEDIUM, HIGH)
#: What ``quotes``, ``speakers`` and ``query --speaker`` keep unless told otherwise: the
#: context rules (``low``) are left out, because a misattributed quotation is worse
#: than a missing one.
DEFAULT_CONFIDENCE = MEDIUM
#: Quotations at each level, in the order of ``CONFIDENCE_LEVELS`` (low, medium, high).
LevelCounts = tuple[int, int, int]
#: A quotation as the index counts it: speaker, fingerprint of its words, level (0 to 2).
QuoteKey = tuple[str, str, int]


class SortOrder(StrEnum):
    """How results are ordered: best first, or newest first."""

    RELEVANCE = "relevance"
    DATE = "date"


def min_level(a: str, b: str) -> str:
    """The less sure of two confidence levels.

    >>> min_level("high", "medium")
    'medium'
    """
    return min(a, b, key=CONFIDENCE_LEVELS.index)


def at_least(level: str, floor: str) -> bool:
    """Whether ``level`` is as sure as ``floor`` or surer.

    >>> at_least("medium", "low"), at_least("low", "medium")
    (True, False)
    """
    return CONFIDENCE_LEVELS.index(level) >= CONFIDENCE_LEVELS.index(floor)


def count_at(levels: LevelCounts, floor: str) -> int:
    """How many of ``levels`` are as sure as ``floor`` or surer.

    >>> count_at((1, 2, 3), "medium")
    5
    """
    return sum(levels[CONFIDENCE_LEVELS.index(floor) :])


class JsonField(NamedTuple):
    """One key of a record's JSON: its name, its type as the README says it, its value."""

    key: str
    kind: str
    value: Callable[[Any], Any]


class Record:
    """A record with a JSON form: ``JSON`` lists its keys, in order."""

    __slots__ = ()
    JSON: ClassVar[tuple[JsonField, ...]] = ()

    def to_json(self) -> dict[str, Any]:
        """The documented JSON object (see README, "JSON output")."""
        return {f.key: f.value(self) for f in self.JSON}


def _meta_fields(get: Callable[[Any], ArticleMeta]) -> tuple[JsonField, ...]:
    """The JSON keys of an article's metadata, read through ``get`` (null where unknown)."""
    return (
        JsonField("date", "string or null", lambda r: get(r).date or None),
        JsonField("source", "string or null", lambda r: get(r).source or None),
        JsonField("author", "string or null", lambda r: get(r).author or None),
        JsonField("url", "string or null", lambda r: get(r).url or None),
    )


def _levels(levels: LevelCounts) -> dict[str, int]:
    return dict(zip(CONFIDENCE_LEVELS, levels, strict=True))


class ArticleMeta(NamedTuple):
    """What an article's file said of it (``""`` where it said nothing): its date (ISO
    8601), source (a site or paper; the folder, by default), author and URL. A named
    tuple: queries read it for every hit they show."""

    date: str = ""
    source: str = ""
    author: str = ""
    url: str = ""

    @property
    def day(self) -> str:
        """The date's day (``YYYY-MM-DD``), which filters and sorting use."""
        return self.date[:10]


#: An article its file said nothing of.
NO_META = ArticleMeta()


class Period(StrEnum):
    """How quotations are counted over time: by month or by year."""

    MONTH = "month"
    YEAR = "year"


#: The period of quotations whose article has no date.
UNDATED = "undated"


@dataclass(frozen=True, slots=True)
class Span:
    """A highlighted character range ``[start, end)`` within a snippet."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Snippet:
    """An excerpt of a paragraph, with the ranges of matched terms."""

    text: str
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Hit(Record):
    """One ranked paragraph returned by a query."""

    rank: int
    score: float
    article: str
    title: str
    paragraph: int
    text: str
    snippet: Snippet
    speakers: tuple[str, ...] = ()
    #: ``ARTICLE:PARAGRAPH`` of its copies (syndicated, reposted), shown as this one hit.
    duplicates: tuple[str, ...] = ()
    #: What the article's file said of it: date, source, author, URL.
    meta: ArticleMeta = NO_META
    #: Whether the query's words are in its article's headline only, not in the
    #: paragraph itself (every paragraph is searched with its headline).
    by_headline: bool = False

    JSON: ClassVar[tuple[JsonField, ...]] = (
        JsonField("rank", "int", lambda h: h.rank),
        JsonField("score", "float", lambda h: round(h.score, 4)),
        JsonField("article", "string", lambda h: h.article),
        JsonField("title", "string", lambda h: h.title),
        JsonField("paragraph", "int", lambda h: h.paragraph),
        JsonField("text", "string", lambda h: h.text),
        JsonField("snippet", "string", lambda h: h.snippet.text),
        JsonField("speakers", "list of strings", lambda h: list(h.speakers)),
        JsonField("duplicates", "list of strings", lambda h: list(h.duplicates)),
        *_meta_fields(lambda h: h.meta),
        JsonField("by_headline", "boolean", lambda h: h.by_headline),
    )


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The hits of one query, plus what the user may want to know about it."""

    query: str
    hits: tuple[Hit, ...]
    #: A "did you mean": when nothing was found, or when ``unknown`` is not empty.
    suggestion: str | None = None
    notes: tuple[str, ...] = field(default=())
    #: The query's plain words that no paragraph holds, as typed, when the other words
    #: found hits (the hits are theirs alone; a batch looks for none).
    unknown: tuple[str, ...] = ()


#: A quotation as ``show --json`` lists it inside its paragraph.
SHOWN_QUOTE: tuple[JsonField, ...] = (
    JsonField("speaker", "string", lambda q: q.speaker),
    JsonField("text", "string", lambda q: q.text),
    JsonField("cue", "string", lambda q: q.cue),
    JsonField("confidence", "string", lambda q: q.confidence),
    JsonField("start", "int", lambda q: q.start),
    JsonField("end", "int", lambda q: q.end),
)
