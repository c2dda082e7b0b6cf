"""The records of building, reading and showing an index: an article as read, what
cleaning removed, what ``show``, ``stats`` and ``index`` report.

They are apart from ``leisearch.models`` because no query needs them, and a query
imports that module: ``leisearch.models`` gives them on first use, so
``from leisearch.models import Article`` works everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from . import (
    NO_META,
    SHOWN_QUOTE,
    ArticleMeta,
    JsonField,
    LevelCounts,
    Quote,
    Record,
    _levels,
    _meta_fields,
)


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


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file (or a record in one) that was not indexed, and why (``binary file``,
    ``line 3: no text``)."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"skipped {self.path}: {self.reason}"


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
    #: Unchanged articles whose files moved (the same name and bytes, in another folder):
    #: kept, not read again.
    moved: int = 0

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
            "moved": self.moved,
        }
        if any(changes[k] for k in ("changed", "deleted", "unchanged", "moved")):
            line = ", ".join(f"{n:,} {k}" for k, n in changes.items() if n) + ": " + line
        if (self.indexed_articles, self.indexed_paragraphs) != (self.articles, self.paragraphs):
            line += (
                f"; the index has {_count(self.articles, 'article')}, "
                f"{_count(self.paragraphs, 'paragraph')}"
            )
        return line


def _count(n: int, noun: str) -> str:
    """A count and its noun, with thousands separated as ``stats`` writes them.

    >>> _count(1, "article"), _count(15601, "paragraph")
    ('1 article', '15,601 paragraphs')
    """
    return f"{n} {noun}" if n == 1 else f"{n:,} {noun}s"
