"""Copies in results: each paragraph or quotation shown once, with where else it is.

Archives are full of syndicated copies and reposts. A hit's copies (``fold``)
are the candidates with its exact-copy fingerprint (``text.copies.copy_key``,
made at index time and stored on every paragraph) or close enough to it in
words (``text.copies.near_copies``); they take no slot of their own. Copies
beyond the candidates are one term away in the index (``elsewhere``), so a
shown hit lists all of its exact copies.

Quotations fold by speaker and words (``fold_quotes``): the same words from the
same speaker are one quotation, wherever they were published.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Sequence
from typing import NamedTuple

from leisearch.engine.protocol import Searcher, Stored, Term
from leisearch.models import Quote
from leisearch.text.copies import NEAR, shingles, words_of
from leisearch.text.words import STOP_WORDS

#: At most this many copies of one hit are listed.
MAX_LISTED = 100
#: How many of a paragraph's word pairs find the earlier candidates to compare it with.
SKETCH = 8


class Group(NamedTuple):
    """A hit and its copies among the candidates, best first (a named tuple: on the query
    path, it is quicker to make than a dataclass)."""

    first: Stored
    copies: tuple[Stored, ...] = ()


def fold(found: Sequence[Stored]) -> list[Group]:
    """The candidates, in their order, with each copy folded into the first of its kind.

    A candidate is a copy of an earlier one with the same fingerprint, or whose words
    overlap one's by ``NEAR`` (word pairs). Only the earlier ones that share a word
    pair of its ``SKETCH`` smallest (by hash) are compared with it: near copies share
    most of their pairs, so most of those, while a long list is not compared pair by
    pair.
    """
    groups: list[tuple[Stored, list[Stored], frozenset[tuple[str, ...]]]] = []
    by_key: dict[str, int] = {}
    by_pair: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for stored in found:
        group = by_key.get(stored.copy) if stored.copy else None
        pairs = shingles(stored.text) if stored.copy else frozenset()
        # Pairs of stop words ("of the") are in most paragraphs: they would find every one.
        sketch = heapq.nsmallest(
            SKETCH, (p for p in pairs if not STOP_WORDS.issuperset(p)), key=hash
        )
        if group is None and pairs:
            seen = {i for pair in sketch for i in by_pair.get(pair, ())}
            group = next((i for i in sorted(seen) if _dice(pairs, groups[i][2]) >= NEAR), None)
        if group is not None:
            groups[group][1].append(stored)
            continue
        if stored.copy:
            by_key[stored.copy] = len(groups)
        for pair in sketch:
            by_pair[pair].append(len(groups))
        groups.append((stored, [], pairs))
    return [Group(first, tuple(more)) for first, more, _ in groups]


def _dice(a: frozenset[tuple[str, ...]], b: frozenset[tuple[str, ...]]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def elsewhere(searcher: Searcher, group: Group) -> list[Stored]:
    """The exact copies of a shown hit that the candidates did not hold, up to
    ``MAX_LISTED`` in all."""
    key = group.first.copy
    if not key or searcher.raw_doc_frequency("copy", key) <= 1 + len(group.copies):
        return []
    known = {(s.article, s.paragraph) for s in (group.first, *group.copies)}
    found = searcher.search(Term("copy", key), limit=MAX_LISTED + len(known))
    return [s for s in found if (s.article, s.paragraph) not in known][:MAX_LISTED]


def addresses(copies: Sequence[Stored]) -> tuple[str, ...]:
    """``ARTICLE:PARAGRAPH`` of each copy, by article."""
    return tuple(f"{s.article}:{s.paragraph}" for s in sorted(copies, key=_address))


def _address(stored: Stored) -> tuple[str, int]:
    return stored.article, stored.paragraph


def fold_quotes(quotes: Sequence[Quote]) -> list[tuple[Quote, tuple[Quote, ...]]]:
    """The quotations in their order, each with the later ones of the same speaker and
    the same words (their copies)."""
    first: dict[tuple[str | None, str], int] = {}
    groups: list[tuple[Quote, list[Quote]]] = []
    for quote in quotes:
        key = (quote.speaker, " ".join(words_of(quote.text)))
        if key in first:
            groups[first[key]][1].append(quote)
        else:
            first[key] = len(groups)
            groups.append((quote, []))
    return [(quote, tuple(more)) for quote, more in groups]
