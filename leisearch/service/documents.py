"""Articles and quotations as the backend's paragraph documents, and back.

A paragraph's ``speaker`` terms say who it quotes and how surely: one term per
speaker for any confidence (``lei jun``) and one per level the speaker's
quotations there reach (``lei jun|medium``, ``lei jun|high``), so that
``--speaker`` with ``--min-confidence`` is one term lookup.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from leisearch import models
from leisearch.engine.protocol import Document, Stored
from leisearch.models import CONFIDENCE_LEVELS, LOW, ArticleMeta, QuoteKey, at_least
from leisearch.text.copies import text_key

if TYPE_CHECKING:  # built from at index time, never on the query path (nor is a Quote)
    from leisearch.models import Article, Quote


#: What marks a ``speaker`` term's level (``lei jun|high``): every paragraph with such a
#: term has the speaker's term without it too (``lei jun``, for any level).
LEVEL_MARK = "|"


def speaker_term(name: str, floor: str) -> str:
    """The ``speaker`` term for paragraphs that quote ``name`` at ``floor`` or surer.

    >>> speaker_term("Lei Jun", "low"), speaker_term("Lei Jun", "high")
    ('lei jun', 'lei jun|high')
    """
    # Lower case, as the backend indexes it ("Strauß" stays ß); a comma would end the
    # term and "|" mark a level, so a name holds neither.
    name = name.lower().replace(",", " ").replace(LEVEL_MARK, " ")
    return name if floor == LOW else f"{name}{LEVEL_MARK}{floor}"


def article_meta(article: Article) -> ArticleMeta:
    """What the index keeps of an article's metadata (``""`` for what it lacks)."""
    return ArticleMeta(
        article.date or "", article.source or "", article.author or "", article.url or ""
    )


#: What a source's name may be written with or without.
_SOURCE_APART = re.compile(r"[\s_\-\u2010-\u2015]+")


def source_term(source: str) -> str:
    """The ``source`` term of a source name: case, spaces, hyphens and underscores
    folded away, so that ``Wash Post``, ``washpost`` and ``wash-post`` (a file name's
    source) are one; and an opening ``the``, so that a paper's front matter (``The
    Coast Times``) and its folder (``coast-times``) are one too. (Taken off the
    folded letters, every spelling of a name loses the same three: ``Thetford`` is
    ``tford`` whichever way it is typed.)

    >>> source_term("  The New  York Times "), source_term("wash_post"), source_term("Wash-Post")
    ('newyorktimes', 'washpost', 'washpost')
    >>> source_term("the-coast-times"), source_term("TheCoast-Times"), source_term("The")
    ('coasttimes', 'coasttimes', 'the')
    """
    term = _SOURCE_APART.sub("", source).casefold()
    return term[3:] if term.startswith("the") and len(term) > 3 else term


def documents_of(article: Article, quotes: Sequence[Quote]) -> list[Document]:
    """One document per paragraph of ``article``, with the quotations it holds."""
    by_paragraph: dict[int, list[Quote]] = {}
    for quote in quotes:
        if quote.speaker:
            by_paragraph.setdefault(quote.paragraph, []).append(quote)
    documents = []
    for p in article.paragraphs:
        here = by_paragraph.get(p.number, [])
        terms = {
            speaker_term(str(q.speaker), floor)
            for q in here
            for floor in CONFIDENCE_LEVELS
            if at_least(q.confidence, floor)
        }
        documents.append(
            Document(
                article=article.id,
                title=article.title,
                paragraph=p.number,
                text=p.text,
                speakers=tuple(sorted(terms)),
                quotes=tuple((q.start, q.end, q.speaker, q.cue, q.confidence) for q in here),
                date=(article.date or "")[:10],
                source=source_term(article.source or ""),
                # The text as a query reads it back (``quotes_of``).
                said=tuple(sorted({text_key(p.text[q.start : q.end]) for q in here})),
            )
        )
    return documents


def quotes_of(stored: Stored) -> list[Quote]:
    """The quotations stored on a paragraph document."""
    text = stored.text
    return [
        models.Quote(
            stored.article,
            stored.title,
            stored.paragraph,
            text[start:end],
            start,
            end,
            speaker,
            cue,
            confidence,
        )
        for start, end, speaker, cue, confidence in stored.quotes
    ]


def speakers_of(stored: Stored, min_confidence: str) -> tuple[str, ...]:
    """The speakers of a paragraph's quotations at ``min_confidence`` or surer, each
    once, in order: what a hit shows (read from the stored tuples, without making a
    ``Quote`` of each: a query needs no quotation records)."""
    return tuple(
        dict.fromkeys(
            str(speaker)
            for _, _, speaker, _, confidence in stored.quotes
            if at_least(confidence, min_confidence)
        )
    )


def quote_keys(quotes: Sequence[Quote]) -> tuple[QuoteKey, ...]:
    """The attributed quotations as the index counts them: speaker, fingerprint, level."""
    return tuple(
        (q.speaker, text_key(q.text), CONFIDENCE_LEVELS.index(q.confidence))
        for q in quotes
        if q.speaker
    )
