"""The records of what an index holds: its articles, its speakers, and their
quotations counted over time (``articles``, ``speakers``, ``timeline``).

They are apart from ``leisearch.models`` because a query needs them only for an
``article:`` word or ``--article`` (the index's list of articles), and every query
imports that module (each frozen dataclass costs about a millisecond to create):
``leisearch.models`` gives them on first use, so ``from leisearch.models import
ArticleInfo`` works everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import ClassVar

from . import NO_META, ArticleMeta, JsonField, LevelCounts, Record, _levels, _meta_fields


@dataclass(frozen=True, slots=True)
class ArticleInfo(Record):
    """What the index remembers about an article, without its text."""

    id: str
    title: str
    paragraphs: int
    path: str
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
