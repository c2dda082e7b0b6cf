"""Copies in results: each paragraph or quotation shown once, with where else it is.

Archives are full of syndicated copies and reposts. A hit's copies (``Folder``)
are the candidates with its exact-copy fingerprint (``text.copies.copy_key``)
or close enough to it in words (``text.copies.near_copies``); they take no slot
of their own. Copies beyond the candidates are in the index's table of
fingerprints (``store.tables``, made at index time: ``copies_of``), so a shown
hit lists all of its exact copies.

Quotations fold by speaker and words (``fold_quotes``): the same words from the
same speaker are one quotation, wherever they were published; the index keeps
each paragraph's quotations by fingerprint (``said``), so a shown quotation's
copies beyond the candidates are one look-up away.

A paragraph's fingerprint, word pairs and sketch (``text.copies.Print``) were
most of the cost of folding, made from its text: the index keeps each
paragraph's print, made at index time, and a search reads it back with the
paragraph (``Index.prints``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from leisearch.engine.protocol import Head, Stored
from leisearch.store.tables import Table
from leisearch.text.copies import NEAR, Print, words_of

if TYPE_CHECKING:
    from leisearch.models import Quote

#: At most this many copies of one hit are listed.
MAX_LISTED = 100
#: ``Folder``'s group for a fingerprint past the last group kept.
_PAST = -1


class Group(NamedTuple):
    """A hit and its copies among the candidates, best first (a named tuple: on the query
    path, it is quicker to make than a dataclass)."""

    first: Stored | Head
    copies: tuple[Stored | Head, ...] = ()
    #: The first's exact-copy fingerprint ("" for a paragraph too short to have one).
    key: str = ""


class Folder:
    """The candidates, in their order, each copy folded into the first of its kind; one
    candidate at a time, for a search that fetches more candidates when too many were
    copies: folding the longer list is folding the shorter one and then the rest, so
    what was folded is not folded again.

    A candidate is a copy of an earlier one with the same fingerprint, or whose words
    overlap one's by ``NEAR`` (word pairs). Only the earlier ones that share a word
    pair of its sketch (``text.copies.Print``: ``SKETCH`` pairs, a min-hash) are
    compared with it: near copies share most of their pairs, so most of those, while a
    long list is not compared pair by pair. ``prints`` gives each candidate's ``Print``
    (``Index.prints``, say).

    With ``most``, only the first ``most`` groups are kept: a later candidate that is
    a copy of none of them is left out. A search shows its first N groups, and what
    it needs of the candidates after the Nth group began is their copies of those N.
    Comparing them with every later group as well was most of the cost of folding
    where hundreds of candidates are variants of a few paragraphs (each shares word
    pairs with all the others, but few are near copies of each other). The groups kept
    are those of folding without ``most``, as long as paragraphs with the same
    fingerprint have the same words (a 64-bit collision could make a difference).

    For the same reason, a candidate's fingerprint is kept with its outcome: the
    group it is a near copy of, or none, once no more groups are taken. Its exact
    copies (syndicated reposts, most of a long list of candidates) then fold at one
    look-up, not by comparing their word pairs again.
    """

    __slots__ = ("_by_key", "_by_pair", "_groups", "_most", "_prints")

    def __init__(self, prints: Callable[[Stored | Head], Print], most: int | None = None) -> None:
        self._prints = prints
        self._most = most
        self._groups: list[tuple[Stored | Head, list[Stored | Head], frozenset[int], str]] = []
        self._by_key: dict[str, int] = {}
        self._by_pair: dict[int, list[int]] = defaultdict(list)

    def __len__(self) -> int:
        return len(self._groups)

    def add(self, stored: Stored | Head) -> None:
        """The next candidate: a copy of an earlier one, or the first of its kind."""
        groups = self._groups
        key, pairs, sketch = self._prints(stored)
        group = self._by_key.get(key) if key else None
        if group is None and pairs:
            by_pair = self._by_pair
            seen = {i for pair in sketch for i in by_pair.get(pair, ())}
            group = next((i for i in sorted(seen) if _near(pairs, groups[i][2])), None)
            full = self._most is not None and len(groups) >= self._most
            if key and (group is not None or full):
                # Its exact copies have its words, so the same outcome: the same group
                # (groups come later, never before it), or none once no group is added.
                self._by_key[key] = _PAST if group is None else group
        if group == _PAST:
            return  # (an exact copy of a candidate past the last group kept)
        if group is not None:
            groups[group][1].append(stored)
            return
        if self._most is not None and len(groups) >= self._most:
            return  # (a group past the last one kept)
        if key:
            self._by_key[key] = len(groups)
        for pair in sketch:
            self._by_pair[pair].append(len(groups))
        groups.append((stored, [], pairs, key))

    def groups(self) -> list[Group]:
        """Each first candidate, in order, with its copies."""
        return [Group(first, tuple(more), key) for first, more, _, key in self._groups]


def _near(a: frozenset[int], b: frozenset[int]) -> bool:
    """Whether the Dice overlap of two sets of word pairs is ``NEAR`` or more (sets too
    unlike in size cannot be: the overlap is at most twice the smaller over the sum)."""
    total = len(a) + len(b)
    if not a or not b or 2 * min(len(a), len(b)) / total < NEAR:
        return False
    return 2 * len(a & b) / total >= NEAR


def copies_of(group: Group, table: Table) -> tuple[str, ...]:
    """``ARTICLE:PARAGRAPH`` of every copy of a shown hit: those among the candidates,
    and the exact copies in the index's table (at most ``MAX_LISTED``), by article."""
    found = {(s.article, s.paragraph) for s in group.copies}
    if group.key:
        shown = (group.first.article, group.first.paragraph)
        rows = table.get(group.key)[: MAX_LISTED + 1]
        found.update((article, int(number)) for _, article, number in rows)
        found.discard(shown)
    return tuple(f"{article}:{paragraph}" for article, paragraph in sorted(found)[:MAX_LISTED])


def fold_quotes(quotes: Sequence[Quote]) -> list[tuple[Quote, tuple[Quote, ...]]]:
    """The quotations in their order, each with the later ones of the same speaker and
    the same words (their copies)."""
    folder = QuoteFolder()
    for quote in quotes:
        folder.add(quote)
    return folder.groups()


class QuoteFolder:
    """``fold_quotes`` one quotation at a time, for a search that stops once it has the
    quotations it shows and then only looks for their copies (``add_copy``)."""

    __slots__ = ("_first", "_groups")

    def __init__(self) -> None:
        self._first: dict[tuple[str | None, str], int] = {}
        self._groups: list[tuple[Quote, list[Quote]]] = []

    def __len__(self) -> int:
        return len(self._groups)

    def add(self, quote: Quote) -> None:
        """A quotation: a copy of an earlier one, or the first of its kind."""
        key = _quote_key(quote)
        if key in self._first:
            self._groups[self._first[key]][1].append(quote)
        else:
            self._first[key] = len(self._groups)
            self._groups.append((quote, []))

    def add_copy(self, quote: Quote) -> bool:
        """Fold ``quote`` in if it is a copy of one already here; say whether it was."""
        group = self._first.get(_quote_key(quote))
        if group is not None:
            self._groups[group][1].append(quote)
        return group is not None

    def groups(self) -> list[tuple[Quote, tuple[Quote, ...]]]:
        """Each first quotation, in order, with its copies."""
        return [(quote, tuple(more)) for quote, more in self._groups]


def _quote_key(quote: Quote) -> tuple[str | None, str]:
    return quote.speaker, " ".join(words_of(quote.text))
