"""Looking around an index: an article in context, the index's figures, its articles."""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import replace

from leisearch.engine.protocol import Searcher, Term
from leisearch.errors import Reason, UsageError
from leisearch.models import ArticleInfo, ArticleMeta, IndexStats, Shown, ShownParagraph
from leisearch.text.words import STOP_WORDS

from .documents import quotes_of
from .opening import Index
from .search import check_not_negative, list_speakers

_ASCII_NUMBER = re.compile(r"[0-9]{1,9}")


def show(index: Index, target: str, context: int = 2) -> Shown:
    """``ARTICLE`` (the whole article) or ``ARTICLE:PARAGRAPH`` with ``context``
    paragraphs either side; the article by its id or any unique prefix of it."""
    check_not_negative("context", context, UsageError)
    info, focus = locate(index, target)
    first, last = (1, info.paragraphs) if focus is None else (focus - context, focus + context)
    with index.reader.searcher() as searcher:
        found = searcher.documents(Term("article", info.id))
    meta = index.meta(info.id)
    paragraphs = tuple(
        ShownParagraph(info.id, s.paragraph, s.text, tuple(quotes_of(s)), meta)
        for s in sorted(found, key=lambda s: s.paragraph)
        if first <= s.paragraph <= last
    )
    return Shown(info.id, info.title, paragraphs, focus, meta)


def locate(index: Index, target: str) -> tuple[ArticleInfo, int | None]:
    """The article ``ARTICLE`` or ``ARTICLE:PARAGRAPH`` names, and the paragraph (or None).

    The whole target is tried as an id first, so an id that holds a colon works;
    a paragraph number is ASCII digits only (``²`` is no number).
    """
    ids = {a.id for a in index.manifest.articles}
    if target in ids or ":" not in target:
        wanted, number = target, ""
    else:
        wanted, _, number = target.rpartition(":")
    info = index.article(wanted)
    if not number:
        return info, None
    if not _ASCII_NUMBER.fullmatch(number) or not 1 <= int(number) <= info.paragraphs:
        raise UsageError(
            Reason.NO_SUCH_PARAGRAPH,
            f"{info.id} has paragraphs 1 to {info.paragraphs}, not {number!r}",
            value=info.id,
            count=info.paragraphs,
        )
    return info, int(number)


def stats(index: Index, top: int = 10) -> IndexStats:
    """Counts, size and the most common content words of an index.

    A top term is shown as the shortest indexed word with that stem (``patent``
    for ``patent``, ``patents``), and stop words are left out.
    """
    surface: dict[str, str] = {}
    for word, stemmed in index.vocabulary.items():
        if word in STOP_WORDS or stemmed in STOP_WORDS:
            continue  # "that's" stems to "that"
        if stemmed not in surface or len(word) < len(surface[stemmed]):
            surface[stemmed] = word
    with index.reader.searcher() as searcher:
        ranked = _top_terms(searcher, surface, top)
    manifest = index.manifest
    listed = list_speakers(index)
    levels = [sum(s.levels[level] for s in manifest.speakers) for level in range(3)]
    size = sum(p.stat().st_size for p in index.path.rglob("*") if p.is_file())
    return IndexStats(
        location=str(index.path),
        size_bytes=size,
        schema_version=manifest.schema_version,
        built_at=manifest.built_at,
        articles=len(manifest.articles),
        paragraphs=sum(a.paragraphs for a in manifest.articles),
        quotations=sum(sp.quotes for sp in listed),
        speakers=len(listed),
        top_terms=tuple((surface[term], count) for count, term in ranked),
        levels=(levels[0], levels[1], levels[2]),
    )


def _top_terms(searcher: Searcher, wanted: Container[str], top: int) -> list[tuple[int, str]]:
    """The ``top`` terms of ``wanted`` held by the most paragraphs, with their counts.

    Paragraphs an update replaced still count in the backend's cheap figure until
    their segment is rewritten; the exact count is taken for the best candidates
    only, until no cheap figure left can beat the last of the best.
    """
    if top <= 0:
        return []
    candidates = sorted(
        (
            (searcher.raw_doc_frequency("text", term), term)
            for term in searcher.terms("text")
            if term in wanted
        ),
        reverse=True,
    )
    best: list[tuple[int, str]] = []
    for raw, term in candidates:
        if len(best) >= top and raw < best[-1][0]:
            break  # an exact count is never above the cheap one
        best.append((searcher.doc_frequency("text", term), term))
        best = sorted(best, reverse=True)[:top]
    return best


def list_articles(index: Index) -> tuple[ArticleInfo, ...]:
    """Every indexed article, by id, with what its file said of it."""
    metas = {row[0]: ArticleMeta(*row[1:5]) for row in index.metadata.rows() if len(row) >= 5}
    return tuple(replace(a, meta=metas.get(a.id, ArticleMeta())) for a in index.manifest.articles)
