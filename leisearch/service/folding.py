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

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from leisearch.engine.protocol import Searcher, Stored, Term
from leisearch.models import Quote
from leisearch.text.copies import NEAR, shingles, words_of

#: At most this many copies of one hit are listed (the count says how many there are).
MAX_LISTED = 100


@dataclass(frozen=True, slots=True)
class Group:
    """A hit and its copies among the candidates, best first."""

    first: Stored
    copies: tuple[Stored, ...] = ()


def fold(found: Sequence[Stored]) -> list[Group]:
    """The candidates, in their order, with each copy folded into the first of its kind.

    A candidate is a copy of an earlier one with the same fingerprint, or whose words
    overlap one's by ``NEAR`` (word pairs, shared through an index of them, so that a
    long list is not compared pair by pair).
    """
    firsts: list[Stored] = []
    copies: list[list[Stored]] = []
    by_key: dict[str, int] = {}
    sets: list[frozenset[tuple[str, ...]]] = []
    holders: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for stored in found:
        group = by_key.get(stored.copy) if stored.copy else None
        pairs = shingles(stored.text) if stored.copy else frozenset()
        if group is None and pairs:
            group = _near(pairs, sets, holders)
        if group is not None:
            copies[group].append(stored)
            continue
        index = len(firsts)
        firsts.append(stored)
        copies.append([])
        sets.append(pairs)
        if stored.copy:
            by_key[stored.copy] = index
        for pair in pairs:
            holders[pair].append(index)
    return [Group(first, tuple(more)) for first, more in zip(firsts, copies, strict=True)]


def _near(
    pairs: frozenset[tuple[str, ...]],
    sets: list[frozenset[tuple[str, ...]]],
    holders: dict[tuple[str, ...], list[int]],
) -> int | None:
    """The first group whose word pairs overlap ``pairs`` by ``NEAR`` or more."""
    shared: dict[int, int] = defaultdict(int)
    for pair in pairs:
        for index in holders.get(pair, ()):
            shared[index] += 1
    # ``shared`` counts the pairs both hold: Dice's overlap, without comparing the sets.
    return next(
        (i for i in sorted(shared) if 2 * shared[i] / (len(pairs) + len(sets[i])) >= NEAR),
        None,
    )


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
