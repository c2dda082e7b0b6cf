"""Typed, frozen records passed between leisearch's modules.

The machine formats are built from these records: each one that leaves the
program declares its JSON keys once, in ``JSON`` (key, type, how to get it),
and ``to_json``, the CSV header and the README's key tables all come from that
list (a test compares the README with it), so the contract and the code cannot
drift apart.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, ClassVar, NamedTuple

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


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One cleaned paragraph of an article; ``number`` counts from 1."""

    number: int
    text: str


@dataclass(frozen=True, slots=True)
class Removed:
    """A block (or a line of one) that cleaning took out of an article.

    ``rule`` names the cleaning rule that removed it (``leisearch.ingest.clean.RULES``),
    ``text`` is what it removed, and ``position`` says where: how many of the article's
    paragraphs come before it (0: before the first). Several removals at one position
    keep their reading order.
    """

    rule: str
    text: str
    position: int


@dataclass(frozen=True, slots=True)
class Article:
    """One article as read from a file (or a record of one), its web residue removed.

    ``date`` is ISO 8601 (``2024-03-05``, or a date and time as the source gave one,
    ``2024-03-05T09:30:00+00:00``), parsed once at ingest; ``None`` when the source
    gives none that can be read. ``source`` is the publication, and defaults to the
    name of the folder the file is in. ``removed`` holds what cleaning took out, in
    reading order.
    """

    id: str
    title: str
    path: str
    paragraphs: tuple[Paragraph, ...]
    warnings: tuple[str, ...] = ()
    date: str | None = None
    author: str | None = None
    url: str | None = None
    source: str | None = None
    removed: tuple[Removed, ...] = ()


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


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file (or a record in one) that was not indexed, and why (``binary file``,
    ``line 3: no text``)."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"skipped {self.path}: {self.reason}"


@dataclass(frozen=True, slots=True)
class ArticleInfo(Record):
    """What the index remembers about an article, without its text."""

    id: str
    title: str
    paragraphs: int
    path: str
    #: Each quotation: its speaker, the fingerprint of its words (``text.copies``) and its
    #: confidence level (an index into ``CONFIDENCE_LEVELS``).
    quotes: tuple[QuoteKey, ...] = ()
    #: SHA-256 of the file's bytes when it was indexed (incremental indexing).
    digest: str = ""
    #: How many blocks cleaning removed, by rule (``ingest.clean.RULES``).
    removed: Mapping[str, int] = field(default_factory=dict)
    #: What the article's file said of it (kept in the index's articles table, and
    #: filled in when articles are listed).
    meta: ArticleMeta = NO_META
    #: The id of the file it came from, when that is not its own (a JSON file's records).
    file_id: str = ""

    JSON: ClassVar[tuple[JsonField, ...]] = (
        JsonField("id", "string", lambda a: a.id),
        JsonField("title", "string", lambda a: a.title),
        JsonField("paragraphs", "int", lambda a: a.paragraphs),
        *_meta_fields(lambda a: a.meta),
    )

    @property
    def speakers(self) -> dict[str, LevelCounts]:
        """Quotations per canonical speaker, at each confidence level (low, medium, high)."""
        counts: dict[str, list[int]] = {}
        for speaker, _, level in self.quotes:
            counts.setdefault(speaker, [0, 0, 0])[level] += 1
        return {name: (c[0], c[1], c[2]) for name, c in counts.items()}


@dataclass(frozen=True, slots=True)
class SpeakerInfo(Record):
    """A canonical speaker, how many quotations the index holds, and their aliases.

    ``quotes`` counts the quotations at the confidence asked for (``levels`` holds
    the count at each level: low, medium, high).
    """

    name: str
    quotes: int
    aliases: tuple[str, ...] = ()
    levels: LevelCounts = (0, 0, 0)

    JSON: ClassVar[tuple[JsonField, ...]] = (
        JsonField("speaker", "string", lambda s: s.name),
        JsonField("quotes", "int", lambda s: s.quotes),
        JsonField("aliases", "list of strings", lambda s: list(s.aliases)),
        JsonField("by_confidence", "object", lambda s: _levels(s.levels)),
    )


class Period(StrEnum):
    """How quotations are counted over time: by month or by year."""

    MONTH = "month"
    YEAR = "year"


#: The period of quotations whose article has no date.
UNDATED = "undated"


@dataclass(frozen=True, slots=True)
class Tally(Record):
    """How many quotations a speaker has in one period (``2024-03``, ``2024``, or
    ``undated``); ``speaker`` is None when the quotations of everyone are counted."""

    speaker: str | None
    period: str
    quotes: int

    JSON: ClassVar[tuple[JsonField, ...]] = (
        JsonField("speaker", "string or null", lambda t: t.speaker),
        JsonField("period", "string", lambda t: t.period),
        JsonField("quotes", "int", lambda t: t.quotes),
    )


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
    )


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
class SearchResult:
    """The hits of one query, plus what the user may want to know about it."""

    query: str
    hits: tuple[Hit, ...]
    suggestion: str | None = None
    notes: tuple[str, ...] = field(default=())


#: A quotation as ``show --json`` lists it inside its paragraph.
SHOWN_QUOTE: tuple[JsonField, ...] = (
    JsonField("speaker", "string", lambda q: q.speaker),
    JsonField("text", "string", lambda q: q.text),
    JsonField("cue", "string", lambda q: q.cue),
    JsonField("confidence", "string", lambda q: q.confidence),
    JsonField("start", "int", lambda q: q.start),
    JsonField("end", "int", lambda q: q.end),
)


@dataclass(frozen=True, slots=True)
class ShownParagraph(Record):
    """A paragraph printed by ``show``, with its quotations."""

    article: str
    number: int
    text: str
    quotes: tuple[Quote, ...] = ()
    meta: ArticleMeta = NO_META

    JSON: ClassVar[tuple[JsonField, ...]] = (
        JsonField("article", "string", lambda p: p.article),
        JsonField("paragraph", "int", lambda p: p.number),
        JsonField("text", "string", lambda p: p.text),
        JsonField(
            "quotes",
            "list of objects",
            lambda p: [{f.key: f.value(q) for f in SHOWN_QUOTE} for q in p.quotes],
        ),
        *_meta_fields(lambda p: p.meta),
    )


@dataclass(frozen=True, slots=True)
class Shown:
    """What ``show`` prints: an article, or one paragraph with its neighbours."""

    article: str
    title: str
    paragraphs: tuple[ShownParagraph, ...]
    focus: int | None = None
    meta: ArticleMeta = NO_META


@dataclass(frozen=True, slots=True)
class RawBlock(Record):
    """A block of an article as its file reads (``show --raw``): a paragraph the index
    kept (``paragraph``, its number) or a block that cleaning removed (``removed``, the
    rule that removed it)."""

    article: str
    paragraph: int | None
    removed: str | None
    text: str

    JSON: ClassVar[tuple[JsonField, ...]] = (
        JsonField("article", "string", lambda b: b.article),
        JsonField("paragraph", "int or null", lambda b: b.paragraph),
        JsonField("removed", "string or null", lambda b: b.removed),
        JsonField("text", "string", lambda b: b.text),
    )


@dataclass(frozen=True, slots=True)
class RawArticle:
    """What ``show --raw`` prints: the article read again from its file, its removed
    blocks between its paragraphs. ``changed`` says the file is not the one indexed."""

    article: str
    title: str
    path: str
    blocks: tuple[RawBlock, ...]
    focus: int | None = None
    meta: ArticleMeta = NO_META
    changed: bool = False


@dataclass(frozen=True, slots=True)
class IndexStats(Record):
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
    #: Blocks that cleaning removed, by rule (``ingest.clean.RULES``), most first.
    removed: tuple[tuple[str, int], ...] = ()

    JSON: ClassVar[tuple[JsonField, ...]] = (
        JsonField("location", "string", lambda s: s.location),
        JsonField("size_bytes", "int", lambda s: s.size_bytes),
        JsonField("schema_version", "int", lambda s: s.schema_version),
        JsonField("built_at", "string", lambda s: s.built_at),
        JsonField("articles", "int", lambda s: s.articles),
        JsonField("paragraphs", "int", lambda s: s.paragraphs),
        JsonField("quotations", "int", lambda s: s.quotations),
        JsonField("quotations_by_confidence", "object", lambda s: _levels(s.levels)),
        JsonField("speakers", "int", lambda s: s.speakers),
        JsonField(
            "top_terms",
            "list of objects",
            lambda s: [{"term": t, "paragraphs": n} for t, n in s.top_terms],
        ),
        JsonField("removed", "object", lambda s: dict(s.removed)),
    )


@dataclass(frozen=True, slots=True)
class IndexCheck:
    """What ``leisearch index --check`` found: the index's size, and what is damaged."""

    location: str
    files: int
    size_bytes: int
    articles: int
    paragraphs: int
    #: Each damaged part, with what is wrong (``vocabulary.txt (missing)``); empty if sound.
    damaged: tuple[str, ...] = ()


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

    def summary(self) -> str:
        """One line that says what a build did.

        >>> BuildReport(articles=5, paragraphs=163, seconds=0.25, indexed_articles=5,
        ...                     indexed_paragraphs=163, new=5).summary()
        'indexed 5 articles, 163 paragraphs in 0.25 s'
        >>> line = BuildReport(articles=5, paragraphs=163, seconds=0.05,
        ...     indexed_articles=1, indexed_paragraphs=22, changed=1, unchanged=4).summary()
        >>> for part in line.split("; "): print(part)
        1 changed, 4 unchanged: indexed 1 article, 22 paragraphs in 0.05 s
        the index has 5 articles, 163 paragraphs
        """
        line = (
            f"indexed {_count(self.indexed_articles, 'article')}, "
            f"{_count(self.indexed_paragraphs, 'paragraph')} in {self.seconds:.2f} s"
        )
        changes = {
            "new": self.new,
            "changed": self.changed,
            "deleted": self.deleted,
            "unchanged": self.unchanged,
        }
        if any(changes[k] for k in ("changed", "deleted", "unchanged")):
            line = ", ".join(f"{n} {k}" for k, n in changes.items() if n) + ": " + line
        if (self.indexed_articles, self.indexed_paragraphs) != (self.articles, self.paragraphs):
            line += (
                f"; the index has {_count(self.articles, 'article')}, "
                f"{_count(self.paragraphs, 'paragraph')}"
            )
        return line


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
