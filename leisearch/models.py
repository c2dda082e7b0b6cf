"""Typed, frozen records passed between leisearch's modules.

The JSON Lines output is built from these dataclasses (see ``Hit.to_json``),
so the machine contract and the code cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

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


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One cleaned paragraph of an article; ``number`` counts from 1."""

    number: int
    text: str


@dataclass(frozen=True, slots=True)
class Article:
    """One article read from a ``.txt`` file, with its web residue removed."""

    id: str
    title: str
    path: str
    paragraphs: tuple[Paragraph, ...]
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file that was not indexed, and why (``binary file``, ``not a .txt file``)."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"skipped {self.path}: {self.reason}"


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """What the index remembers about an article, without its text."""

    id: str
    title: str
    paragraphs: int
    path: str
    #: Quotations per canonical speaker, at each confidence level (low, medium, high).
    speakers: Mapping[str, LevelCounts] = field(default_factory=dict)
    #: SHA-256 of the file's bytes when it was indexed (incremental indexing).
    digest: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "paragraphs": self.paragraphs}


@dataclass(frozen=True, slots=True)
class SpeakerInfo:
    """A canonical speaker, how many quotations the index holds, and their aliases.

    ``quotes`` counts the quotations at the confidence asked for (``levels`` holds
    the count at each level: low, medium, high).
    """

    name: str
    quotes: int
    aliases: tuple[str, ...] = ()
    levels: LevelCounts = (0, 0, 0)

    def to_json(self) -> dict[str, Any]:
        return {
            "speaker": self.name,
            "quotes": self.quotes,
            "aliases": list(self.aliases),
            "by_confidence": dict(zip(CONFIDENCE_LEVELS, self.levels, strict=True)),
        }


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
class Hit:
    """One ranked paragraph returned by a query."""

    rank: int
    score: float
    article: str
    title: str
    paragraph: int
    text: str
    snippet: Snippet
    speakers: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The documented JSON Lines record (see README, "JSON output")."""
        return {
            "rank": self.rank,
            "score": round(self.score, 4),
            "article": self.article,
            "title": self.title,
            "paragraph": self.paragraph,
            "text": self.text,
            "snippet": self.snippet.text,
            "speakers": list(self.speakers),
        }


@dataclass(frozen=True, slots=True)
class Quote:
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

    def to_json(self) -> dict[str, Any]:
        """The documented JSON Lines record for ``leisearch quotes --json``."""
        return {
            "speaker": self.speaker,
            "text": self.text,
            "article": self.article,
            "title": self.title,
            "paragraph": self.paragraph,
            "cue": self.cue,
            "confidence": self.confidence,
        }


@dataclass(frozen=True, slots=True)
class QuoteHit:
    """A quotation returned by ``quotes``, with the query's matches in its text."""

    rank: int
    quote: Quote
    spans: tuple[Span, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return self.quote.to_json()


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The hits of one query, plus what the user may want to know about it."""

    query: str
    hits: tuple[Hit, ...]
    suggestion: str | None = None
    notes: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class ShownParagraph:
    """A paragraph printed by ``show``, with its quotations."""

    article: str
    number: int
    text: str
    quotes: tuple[Quote, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The documented JSON Lines record for ``leisearch show --json``."""
        return {
            "article": self.article,
            "paragraph": self.number,
            "text": self.text,
            "quotes": [
                {
                    "speaker": q.speaker,
                    "text": q.text,
                    "cue": q.cue,
                    "confidence": q.confidence,
                    "start": q.start,
                    "end": q.end,
                }
                for q in self.quotes
            ],
        }


@dataclass(frozen=True, slots=True)
class Shown:
    """What ``show`` prints: an article, or one paragraph with its neighbours."""

    article: str
    title: str
    paragraphs: tuple[ShownParagraph, ...]
    focus: int | None = None


@dataclass(frozen=True, slots=True)
class IndexStats:
    """What ``leisearch stats`` reports about an index."""

    location: str
    size_bytes: int
    schema_version: int
    built_at: str
    articles: int
    paragraphs: int
    #: Quotations and speakers at ``DEFAULT_CONFIDENCE`` or surer (what ``speakers`` lists).
    quotations: int
    speakers: int
    top_terms: tuple[tuple[str, int], ...]
    #: Every quotation, at each confidence level (low, medium, high).
    levels: LevelCounts = (0, 0, 0)

    def to_json(self) -> dict[str, Any]:
        """The documented JSON record for ``leisearch stats --json``."""
        return {
            "location": self.location,
            "size_bytes": self.size_bytes,
            "schema_version": self.schema_version,
            "built_at": self.built_at,
            "articles": self.articles,
            "paragraphs": self.paragraphs,
            "quotations": self.quotations,
            "quotations_by_confidence": dict(zip(CONFIDENCE_LEVELS, self.levels, strict=True)),
            "speakers": self.speakers,
            "top_terms": [{"term": t, "paragraphs": n} for t, n in self.top_terms],
        }


@dataclass(frozen=True, slots=True)
class QuoteResult:
    """The quotations matching a ``quotes`` request, in rank or reading order."""

    query: str | None
    hits: tuple[QuoteHit, ...]
    #: How many quotations matched, before ``limit``.
    total: int
    suggestion: str | None = None
    #: Other speakers whose names hold the one asked for (``Thornley``: Gareth Thornley),
    #: quoted apart from it: people merge across articles only by full name.
    fuller: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What ``service.build`` did."""

    articles: int
    paragraphs: int
    seconds: float
    #: Notes for the user: bytes that could not be decoded, an alias file that changed.
    warnings: tuple[str, ...] = ()
    #: The files that were not indexed, and why.
    skipped: tuple[Skipped, ...] = ()
    #: How many articles and paragraphs this run (re)indexed, as opposed to the totals.
    indexed_articles: int = 0
    indexed_paragraphs: int = 0
    #: What this run found, file by file: new, changed, deleted and unchanged articles.
    new: int = 0
    changed: int = 0
    deleted: int = 0
    unchanged: int = 0
