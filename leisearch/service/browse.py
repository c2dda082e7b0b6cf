"""Looking around an index: an article in context, the index's figures, its articles."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from leisearch.engine.protocol import Term
from leisearch.errors import Reason, UsageError, quoted
from leisearch.models import (
    CONFIDENCE_LEVELS,
    ArticleInfo,
    ArticleMeta,
    IndexStats,
    Shown,
    ShownParagraph,
)
from leisearch.text.generic import GENERIC_WORDS
from leisearch.text.words import STOP_WORDS

from .documents import quotes_of, source_term
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
            f"{info.id} has paragraphs 1 to {info.paragraphs}, not {quoted(number)}",
            value=info.id,
            count=info.paragraphs,
        )
    return info, int(number)


def stats(index: Index, top: int = 10) -> IndexStats:
    """Counts, size, removals by rule and the distinctive words of an index."""
    manifest = index.manifest
    listed = list_speakers(index)
    levels = [sum(s.levels[level] for s in manifest.speakers) for level in range(3)]
    size = sum(p.stat().st_size for p in index.path.rglob("*") if p.is_file())
    return IndexStats(
        location=str(index.path.resolve()),
        size_bytes=size,
        schema_version=manifest.schema_version,
        built_at=manifest.built_at,
        articles=len(manifest.articles),
        paragraphs=sum(a.paragraphs for a in manifest.articles),
        quotations=sum(sp.quotes for sp in listed),
        speakers=len(listed),
        top_terms=top_terms(index, top),
        levels=(levels[0], levels[1], levels[2]),
        removed=_removed(manifest.articles),
    )


def top_terms(index: Index, top: int = 10) -> tuple[tuple[str, int], ...]:
    """The ``top`` words that say what a collection is about, with how many texts hold
    them, most first.

    A word stands for its stem: its figure is the paragraphs and headlines that hold
    a word with that stem (each form counted), from the vocabulary, which counts each
    headline once (the index searches a headline with every paragraph of its article,
    which would count it once a paragraph). The word shown is the stem's commonest
    (``candidate``, not ``candid``). A stem whose commonest word is a stop word, a word
    any news text is full of (``text.generic``), a number or a letter is left out.
    """
    vocabulary = index.vocabulary
    counts = vocabulary.counts()
    held: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for word, stemmed in vocabulary.items():
        held[stemmed] += counts[word]
        best = shown.get(stemmed)
        if best is None or (counts[word], -len(word)) > (counts[best], -len(best)):
            shown[stemmed] = word
    kept = [
        (n, shown[stemmed])
        for stemmed, n in held.items()
        if _telling(shown[stemmed]) and stemmed not in STOP_WORDS  # "that's" stems to "that"
    ]
    return tuple((word, n) for n, word in sorted(kept, key=lambda x: (-x[0], x[1]))[:top])


def _telling(word: str) -> bool:
    """Whether a word may say what a collection is about."""
    return (
        len(word) > 1
        and not word.isdigit()
        and word not in STOP_WORDS
        and word not in GENERIC_WORDS
    )


def _removed(articles: Iterable[ArticleInfo]) -> tuple[tuple[str, int], ...]:
    """Blocks cleaning removed, by rule, most first."""
    total: Counter[str] = Counter()
    for info in articles:
        total.update(info.removed)
    return tuple(sorted(total.items(), key=lambda item: (-item[1], item[0])))


def quieter_quotes(index: Index, speaker: str, floor: str) -> tuple[str, int]:
    """The canonical name of ``speaker``, and how many of their quotations are less sure
    than ``floor`` (which ``--min-confidence`` leaves out)."""
    name = index.speaker(speaker)
    levels = next((s.levels for s in index.manifest.speakers if s.name == name), (0, 0, 0))
    return name, sum(levels[: CONFIDENCE_LEVELS.index(floor)])


def list_articles(index: Index) -> tuple[ArticleInfo, ...]:
    """Every indexed article, by id, with what its file said of it."""
    metas = index.every_meta()
    return tuple(replace(a, meta=metas.get(a.id, ArticleMeta())) for a in index.manifest.articles)


def other_sources(index: Index, source: str) -> tuple[str, ...] | None:
    """The index's sources, nearest to ``source`` first, when no article has ``source``
    (case and spacing aside); ``None`` when some article has it."""
    counts = Counter(meta.source for meta in index.every_meta().values() if meta.source)
    if any(source_term(name) == source_term(source) for name in counts):
        return None
    # Compared as source terms (case, spaces, hyphens and underscores aside), "wash post" is
    # nearer Washington Post than as typed. A term two spellings share names the commoner.
    by_term: dict[str, str] = {}
    for name in sorted(counts, key=lambda n: (-counts[n], n)):
        by_term.setdefault(source_term(name), name)
    typed = source_term(source)
    close = difflib.get_close_matches(typed, list(by_term), n=5, cutoff=0.6)
    # A name that holds what was typed comes first ("Herald": Tri-County Herald).
    holding = [term for term in by_term if typed and typed in term and term not in close]
    near = [by_term[term] for term in (*holding, *close)]
    rest = sorted((n for n in counts if n not in near), key=lambda n: (-counts[n], n))
    return tuple(near + rest)
