"""Ranking loose words without Whoosh's matcher tree: the same scores, a term at a time.

Whoosh ranks a query by walking a tree of matchers one document at a time, in
Python: for every posting of every word, several method calls to move, compare
and score. On a corpus where the query's words are in tens of thousands of
paragraphs, that walk is nearly all of a query's time. Most queries are loose
words (``AnyOf`` of ``Term`` and ``Phrase``, a single ``Term``): for those,
``ranked`` reads each word's postings a block at a time, scores them in one loop
and adds the scores up per document, then keeps the best.

The result is Whoosh's, to the last bit, so nothing a user sees changes:

* a posting scores ``bm25(idf, weight, length, avgfl, B, K1)`` with Whoosh's
  own function and inputs: the searcher's idf (and its cache) and average
  length, the posting's stored weight, the length column's byte, and the
  term's boost multiplied in afterwards, as ``WrappingMatcher`` does;
* a phrase matches where its words follow one another (``SpanNear2`` with
  Whoosh's slop 1, in order, at distance 1), and scores the sum of its words'
  scores, halves first (``make_binary_tree`` of ``IntersectionMatcher``);
* the scores of a document are added in Whoosh's order, since floating-point
  addition does not associate: per segment, an ``Or`` of two parts, or over a
  segment of more than 5,000 documents, is a Huffman-like tree of unions by
  each part's estimated size (``whoosh.util.make_weighted_tree``: a stable sort
  by size, the two smallest joined, the sum put after its equals); any other
  ``Or`` adds its parts in order (``ArrayUnionMatcher``);
* the best ``limit`` are the highest scores, the lower document number first
  among equals, as ``TopCollector`` keeps them; deleted documents and those
  outside a filter are left out, as Whoosh leaves them out.

Like Whoosh's block-quality skipping (``optimize=True``), ``ranked`` skips
what cannot come out, on a large corpus: each word's bound (its highest weight
at its shortest length) says what it can add to a score at most, and the
documents that hold only words whose bounds add up to less than the best
``limit`` already found are never scored (``_Segment.best``, the idea of
MaxScore). This changes no result: ``tests/test_topk.py`` compares every
ranking with Whoosh's on many queries, skipping and not. Anything else
(exclusions, ``AND``, other fields, sorting by date) returns ``None``, and the
caller asks Whoosh.

A searcher keeps each term's and each phrase's scores per segment for its
later queries (``Scores``), within a budget of bytes, and each word's
statistics: a batch's queries share most of their words.
"""

from __future__ import annotations

import bisect
import heapq
from array import array
from collections.abc import Callable, Collection, Iterable, Iterator
from itertools import accumulate, compress, repeat
from typing import Any, TypeAlias

from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.scoring import bm25
from whoosh.util.numeric import byte_to_length

from leisearch.engine.protocol import AnyOf, Phrase, Query, Term

from .scoring import K1, B, length_bytes

#: Whoosh's choices of how an ``Or`` adds its parts (``whoosh.query.compound.Or``).
_ARRAY_MAX_DOCS = 5000
_TOO_MANY_CLAUSES = 1024
#: The postings (of all the query's words, in a segment, counted at most as many as the
#: segment's live documents: ``_size``) from which ``_Segment.best`` leaves out the
#: documents that cannot be among the best: below, adding up every posting is quicker
#: than finding which to leave out. A segment of fewer documents is never pruned.
PRUNE_FROM = 20_000
#: The filters whose documents a searcher keeps split by segment.
_FILTERS_KEPT = 16
#: How much a sum of scores may differ, relatively, when added in another order.
_ROUNDING = 1e-9
#: Scores this close, relatively, tie (``tied``): a sum is added in an order each segment
#: chooses by its own counts, so two copies of a paragraph in different segments may
#: differ in the last bit (1e-16 or so); documents left out (``_Segment.best``) fall
#: short of the floor by ``_ROUNDING``, a thousand times more.
TIE = 1e-12
#: The bytes of scores a searcher keeps for later queries, over all terms: 24 MB.
KEPT_BYTES = 24_000_000
#: And over all phrases, apart: a phrase is scored from every word's positions, which
#: costs a cold query most of its time at 10,000 articles, and is kept in little room;
#: sharing the terms' budget, the common words' arrays pushed the phrases out.
PHRASE_BYTES = 8_000_000
#: What a part's scores take, kept: 12 bytes a posting as two arrays (a document number
#: and a score); 8 bytes a document of the segment as one array of scores (0 for none).
_SPARSE, _DENSE = 12, 8

#: A segment's scores: local document number -> score.
Scored = dict[int, float]
#: A part's kept scores: its documents and their scores, or (None, a score for each
#: document of the segment, 0 where the part is not).
_Kept: TypeAlias = "tuple[array[int], array[float]] | tuple[None, array[float]]"


class Scores:
    """Each term's scores in each segment, kept for a searcher's later queries (the
    searcher's statistics never change, so neither do they).

    Kept in arrays, not as the dictionary a query adds up: a dictionary of numbers
    costs about 100 bytes a posting, and the common words of a large corpus (in a
    quarter of its paragraphs) are what a batch most needs kept. A part in a third of
    the segment's documents or more is kept as one score a document, which costs at
    most twice its postings and is looked up for a few documents (``within``) in one
    step each; a rarer part as its documents and their scores.
    """

    __slots__ = ("_kept", "_lengths", "_local", "_phrase_size", "_phrases", "_size", "_words")

    def __init__(self) -> None:
        #: (segment, term) -> its scores there; (segment, a phrase's words), in
        #: ``_phrases``, within a budget of their own (``PHRASE_BYTES``).
        self._kept: dict[tuple[int, bytes | tuple[bytes, ...]], _Kept] = {}
        self._size = 0
        self._phrases: dict[tuple[int, bytes | tuple[bytes, ...]], _Kept] = {}
        self._phrase_size = 0
        self._lengths: dict[int, bytes | None] = {}
        #: (segment, word) -> its document frequency there and the most it adds to a
        #: document's score: a few dozen bytes for each word the searcher's queries used
        #: (at most the vocabulary's), outside the budget of ``KEPT_BYTES``.
        self._words: dict[tuple[int, bytes], tuple[int, float]] = {}
        #: id(a filter's documents) -> those documents, and each segment's of them by
        #: their numbers there (a batch asks for the same filter again and again).
        self._local: dict[int, tuple[set[int], dict[int, set[int]]]] = {}

    def local(self, allowed: set[int], segment: int, offset: int, size: int) -> set[int]:
        """The documents of ``allowed`` (numbers in the index, never changed) in a
        segment of ``size`` documents from ``offset``, by their numbers there."""
        entry = self._local.get(id(allowed))
        if entry is None or entry[0] is not allowed:  # (holding it, its id is its own)
            if len(self._local) >= _FILTERS_KEPT:
                self._local.pop(next(iter(self._local)))
            entry = self._local[id(allowed)] = (allowed, {})
        found = entry[1].get(segment)
        if found is None:
            end = offset + size
            found = entry[1][segment] = {doc - offset for doc in allowed if offset <= doc < end}
        return found

    def word(
        self, segment: int, text: bytes, find: Callable[[bytes], tuple[int, float]]
    ) -> tuple[int, float]:
        """A word's statistics in a segment, ``find(text)`` the first time."""
        key = (segment, text)
        found = self._words.get(key)
        if found is None:
            found = self._words[key] = find(text)
        return found

    def lengths(self, segment: int, reader: Any) -> bytes | None:
        """The segment's length bytes of the ``text`` field, one a document."""
        if segment not in self._lengths:
            self._lengths[segment] = length_bytes(getattr(reader, "_perdoc", None), "text")
        return self._lengths[segment]

    def __len__(self) -> int:
        """How many bytes of scores are kept."""
        return self._size + self._phrase_size

    def _shelf(self, key: tuple[int, bytes | tuple[bytes, ...]]) -> dict[Any, _Kept]:
        """Where a part's scores are kept: a phrase's apart from a term's."""
        return self._phrases if isinstance(key[1], tuple) else self._kept

    def get(self, key: tuple[int, bytes | tuple[bytes, ...]]) -> Scored | None:
        kept = self._shelf(key).get(key)
        if kept is None:
            return None
        docs, scores = kept
        if docs is None:  # (made in C: the documents and scores that are not 0)
            return dict(
                zip(compress(range(len(scores)), scores), filter(None, scores), strict=True)
            )
        return dict(zip(docs, scores, strict=True))

    def documents(self, key: tuple[int, bytes | tuple[bytes, ...]]) -> Iterable[int] | None:
        """The documents of a part's kept scores (None if not kept)."""
        kept = self._shelf(key).get(key)
        if kept is None:
            return None
        docs, scores = kept
        return docs if docs is not None else compress(range(len(scores)), scores)

    def within(
        self, key: tuple[int, bytes | tuple[bytes, ...]], wanted: list[int]
    ) -> Scored | None:
        """The kept scores of the documents of ``wanted`` (ascending) only: each looked
        up, where making the whole dictionary would cost as many steps as the part has
        postings (kept documents are ascending: postings are read in order)."""
        kept = self._shelf(key).get(key)
        if kept is None:
            return None
        docs, scores = kept
        if docs is None:
            return {doc: score for doc in wanted if (score := scores[doc])}
        if len(wanted) * 8 > len(docs):
            return _restricted(dict(zip(docs, scores, strict=True)), wanted)
        found: Scored = {}
        at, end = 0, len(docs)
        for doc in wanted:
            at = bisect.bisect_left(docs, doc, at, end)
            if at == end:
                break
            if docs[at] == doc:
                found[doc] = scores[at]
        return found

    def keep(self, key: tuple[int, bytes | tuple[bytes, ...]], scored: Scored, size: int) -> bool:
        """Keep a part's scores in a segment of ``size`` documents, the oldest kept
        making room; whether they were kept (not if they would take a quarter of the
        budget or more)."""
        # One score a document, 0 for none, if that is smaller than twice the postings
        # (and no posting scores 0).
        dense = size * _DENSE <= 2 * len(scored) * _SPARSE and all(scored.values())
        cost = size * _DENSE if dense else len(scored) * _SPARSE
        phrase = isinstance(key[1], tuple)
        budget = PHRASE_BYTES if phrase else KEPT_BYTES
        if cost > budget // 4:
            return False
        shelf = self._shelf(key)
        used = self._phrase_size if phrase else self._size
        while shelf and used + cost > budget:
            used -= _cost(shelf.pop(next(iter(shelf))))
        kept: _Kept
        if dense:
            scores = array("d", bytes(size * _DENSE))
            for doc, score in scored.items():
                scores[doc] = score
            kept = (None, scores)
        else:
            kept = (array("q", scored.keys()), array("d", scored.values()))
        shelf[key] = kept
        if phrase:
            self._phrase_size = used + cost
        else:
            self._size = used + cost
        return True


def _cost(kept: _Kept) -> int:
    docs, scores = kept
    return len(scores) * (_DENSE if docs is None else _SPARSE)


def supported(query: Query) -> bool:
    """Whether ``ranked`` can rank ``query``: loose words and phrases of the text."""
    if isinstance(query, Term | Phrase):
        return query.field == "text"
    if isinstance(query, AnyOf):
        return bool(query.parts) and all(supported(p) for p in query.parts)
    return False


def ranked(
    searcher: Any,
    query: Query,
    limit: int | None,
    allowed: set[int] | None,
    scores: Scores,
    *,
    ties: bool = False,
) -> list[tuple[float, int]] | None:
    """``(score, document)`` of the best ``limit`` documents (all with ``None``) as
    Whoosh ranks them, or None if ``query`` is not one that this module ranks. With
    ``ties``, the documents that score as much as the last (``tied``) are there too,
    after it."""
    if limit is not None and limit < 1:
        raise ValueError(f"limit must be at least 1 (or None), not {limit}")
    if not supported(query):
        return None
    # (-score, document): the best first in the natural order of the pairs, compared
    # without a key function (thousands of copies may tie with the limit-th best).
    found: list[tuple[float, int]] = []
    for segment, (sub, offset) in enumerate(searcher.leaf_searchers()):
        lengths = scores.lengths(segment, sub.reader())
        if lengths is None:
            return None
        part = _Segment(searcher, sub, segment, lengths, scores)
        local = None
        if allowed is not None:
            local = scores.local(allowed, segment, offset, sub.reader().doc_count_all())
        scored = part.best(query, limit, local) if limit is not None else part.scores(query)
        if local is not None:  # (``best`` scores only these; ``scores`` scores every one)
            scored = {doc: score for doc, score in scored.items() if doc in local}
        if limit is not None and len(scored) > limit:
            # The limit-th best score here, then every document that reaches it: the
            # best of the index are among the best of their segments, and ties are
            # settled by document number below, as Whoosh settles them.
            floor = _kth_largest(scored.values(), limit)
            if ties:  # and those that tie with it
                floor = lowest_tie(floor)
            found.extend((-score, offset + doc) for doc, score in scored.items() if score >= floor)
        else:
            found.extend((-score, offset + doc) for doc, score in scored.items())
    best = _smallest(found, limit) if limit is not None else sorted(found)
    if ties and limit is not None and len(best) == limit:
        # Every document that ties with the last is in ``found``: each segment's are kept
        # from its own limit-th best score (less ``TIE``) up, and ``best`` leaves out only
        # lower ones.
        last = best[-1]
        lowest = -lowest_tie(-last[0])  # (negated, as in ``found``)
        best += sorted(pair for pair in found if last < pair and pair[0] <= lowest)
    return [(-negated, doc) for negated, doc in best]


#: ``heapq``'s best ``k`` of ``n`` is a Python loop over the ``n`` with a heap of ``k``;
#: sorting them all is C's: quicker while ``n`` is less than about 20 times ``k`` (timed
#: from ``k`` = 10 to 3,200: 800 best of 4,000 scores, as a search for more candidates
#: asks, in a third of the time).
_SORT_BELOW = 20


def _kth_largest(values: Collection[float], k: int) -> float:
    """The ``k``-th largest of ``values`` (``k`` at most as many as they are).

    >>> _kth_largest([3.0, 1.0, 2.0, 3.0], 2), _kth_largest([*range(100)], 3)
    (3.0, 97)
    """
    if len(values) < _SORT_BELOW * k:
        return sorted(values, reverse=True)[k - 1]
    return heapq.nlargest(k, values)[-1]


def _smallest(pairs: list[tuple[float, int]], k: int) -> list[tuple[float, int]]:
    """The ``k`` smallest of ``pairs``, in order (``heapq.nsmallest``'s).

    >>> _smallest([(2.0, 1), (1.0, 5), (1.0, 2)], 2)
    [(1.0, 2), (1.0, 5)]
    """
    if len(pairs) < _SORT_BELOW * k:
        return sorted(pairs)[:k]
    return heapq.nsmallest(k, pairs)


def tied(higher: float, lower: float) -> bool:
    """Whether two scores, ``higher`` the greater or equal, tie: within ``TIE`` of
    each other, relatively (a sum added in another order differs in its last bits).

    >>> tied(10.20330684184105, 10.203306841841052), tied(10.2, 10.2 - 1e-9)
    (True, False)
    """
    return lower >= lowest_tie(higher)


def lowest_tie(score: float) -> float:
    """The lowest score that ties with ``score`` (``tied``)."""
    return score - TIE * abs(score)


class _Segment:
    """Scores of one segment, as Whoosh's matchers for it would give them."""

    def __init__(
        self, top: Any, searcher: Any, number: int, lengths: bytes, scores: Scores
    ) -> None:
        self._top = top
        self._searcher = searcher
        self._reader = searcher.reader()
        self._number = number
        self._lengths = lengths
        self._scores = scores
        #: The scores of parts too large to keep, for the rest of this query (``best``
        #: asks for a part's documents, then for its scores, then for some of them).
        self._fresh: dict[tuple[int, bytes | tuple[bytes, ...]], Scored] = {}

    def best(self, query: Query, limit: int, allowed: set[int] | None = None) -> Scored:
        """The scores of every document here (of ``allowed``, if given) that may be
        among the best ``limit``, at least: the others may be left out (``MaxScore``).

        Each word or phrase can add at most its bound to a document's score (its
        highest weight at its shortest length: ``_bound``). The documents of the
        parts with the highest bounds are scored in full first; the ``limit``-th
        best of them is a floor the best ``limit`` reach. The other documents are
        then met part by part, highest bound first, each with what it has so far:
        one whose sum so far and the bounds of the parts still to come cannot reach
        the floor is dropped, and once the parts still to come cannot reach it by
        themselves, no new document is taken in (their scores are looked up for the
        documents kept only). On a large corpus, most documents hold one common word
        ("car", a name in every article) and nothing rarer: they are dropped after
        one look at that word's score. Once every part is added, the ``limit``-th
        best of all the sums is a higher floor, and the documents below it go too.
        The documents kept are scored as ``scores`` scores them, so each score is the
        same, to the last bit: each document's sum is made of the same parts in the
        same order.
        """
        leaves = list(_leaves(query))
        if len(leaves) < 2 or self._size(query) < PRUNE_FROM:
            return self.scores(query)
        maybe = [self._bound(leaf) for leaf in leaves]
        bounds = [bound for bound in maybe if bound is not None]
        if len(bounds) < len(leaves):
            return self.scores(query)
        by_bound = sorted(range(len(leaves)), key=lambda i: -bounds[i])
        # The documents of the best-bounded parts, until there are ``limit`` of them.
        seeds: set[int] = set()
        taken = 0
        while taken < len(leaves) and len(seeds) < limit:
            seeds.update(self._documents(leaves[by_bound[taken]], allowed))
            taken += 1
        if len(seeds) < limit or taken == len(leaves):
            return self.scores(query)
        seeded = self.scores(query, sorted(seeds))
        # A sum added in another order may differ by rounding: a document is dropped
        # only if its sum falls short of the floor by more than that.
        reach = _kth_largest(seeded.values(), limit) / (1 + _ROUNDING)
        # rest[k]: the most the parts from the k-th highest bound on add together.
        rest = [0.0] * (len(leaves) + 1)
        for k in range(len(leaves) - 1, -1, -1):
            rest[k] = rest[k + 1] + bounds[by_bound[k]]
        # The documents that hold none of the parts of the seeds, with their sums so far
        # (added in any order), while those may still reach the floor.
        kept: dict[int, float] = {}
        for k in range(taken, len(leaves)):
            leaf, after = leaves[by_bound[k]], rest[k + 1]
            if rest[k] >= reach:  # a document met first here may reach the floor
                for doc, score in self.scores(leaf).items():
                    if doc not in seeds and (allowed is None or doc in allowed):
                        kept[doc] = kept.get(doc, 0.0) + score
            elif kept:
                for doc, score in self.scores(leaf, sorted(kept)).items():
                    kept[doc] += score
            else:
                break  # no document left out can reach the floor
            kept = {doc: so_far for doc, so_far in kept.items() if so_far + after >= reach}
        if len(seeded) + len(kept) > limit:
            # Every part is in the sums now (added in another order): the limit-th best of
            # them and of the seeds' scores is the floor of the best, and only the
            # documents that reach it, less rounding, are kept (and scored in Whoosh's
            # order): where hundreds of copies tie, far fewer than reached the first.
            floor = _kth_largest([*seeded.values(), *kept.values()], limit)
            floor /= 1 + _ROUNDING
            seeded = {doc: score for doc, score in seeded.items() if score >= floor}
            kept = {doc: so_far for doc, so_far in kept.items() if so_far >= floor}
        if len(kept) * 2 > self._reader.doc_count():
            return self.scores(query)
        if kept:
            # A document's score depends on its own postings only.
            seeded.update(self.scores(query, sorted(kept)))
        return seeded

    def _bound(self, leaf: Term | Phrase) -> float | None:
        """The most a part adds to a document's score (None if it cannot be known): its
        words' bounds (``_word``) times the part's boost (a phrase adds its words')."""
        if not leaf.boost > 0:  # (NaN too)
            return None
        words = (leaf.text,) if isinstance(leaf, Term) else leaf.words
        return sum(self._word(word.encode("utf-8"))[1] for word in words) * leaf.boost

    def _word(self, text: bytes) -> tuple[int, float]:
        """A word's document frequency here, deleted ones counted, and the most it adds
        to a document's score: BM25 at its highest weight and shortest length in this
        segment (lengths as the documents keep them, one byte each; 0 if it is in no
        document here)."""
        return self._scores.word(self._number, text, self._word_in)

    def _word_in(self, text: bytes) -> tuple[int, float]:
        reader = self._reader
        if ("text", text) not in reader:
            return 0, 0.0
        info = reader.term_info("text", text)
        idf = self._top.idf("text", text)
        avgfl = self._top.avg_field_length("text") or 1
        bound = bm25(idf, info.max_weight(), info.min_length(), avgfl, B, K1)
        return int(info.doc_frequency()), bound

    def _documents(self, leaf: Term | Phrase, allowed: set[int] | None) -> Iterable[int]:
        """The documents a part scores (of ``allowed``, if given)."""
        if isinstance(leaf, Term):
            key: tuple[int, bytes | tuple[bytes, ...]] = (self._number, leaf.text.encode("utf-8"))
        else:
            key = (self._number, tuple(w.encode("utf-8") for w in leaf.words))
        found = self._scores.documents(key)
        if found is None:
            found = self.scores(leaf)
        return found if allowed is None else allowed.intersection(found)

    def scores(self, query: Query, within: list[int] | None = None) -> Scored:
        """Each document's score; with ``within`` (ascending), of those documents only."""
        if isinstance(query, Term):
            scored = self._term(query.text.encode("utf-8"), within)
            return _boosted(scored, query.boost)
        if isinstance(query, Phrase):
            words = tuple(w.encode("utf-8") for w in query.words)
            return _boosted(self._phrase(words, within), query.boost)
        assert isinstance(query, AnyOf)
        parts = query.parts
        if len(parts) == 1:
            return self.scores(parts[0], within)
        if len(parts) < _TOO_MANY_CLAUSES and (
            len(parts) == 2 or self._reader.doc_count_all() > _ARRAY_MAX_DOCS
        ):
            return self._tree(parts, within)
        return self._array(parts, within)

    def _tree(self, parts: tuple[Query, ...], within: list[int] | None) -> Scored:
        """``DefaultOr``: unions joined smallest first (``make_weighted_tree``)."""
        weighed = [(self._size(p), self.scores(p, within)) for p in parts]
        weighed.sort(key=lambda item: item[0])  # stable: equal sizes keep their order
        while len(weighed) > 1:
            (a_size, a), (b_size, b) = weighed.pop(0), weighed.pop(0)
            size = a_size + b_size
            # insort after every part of the same size
            at = next((i for i, (s, _) in enumerate(weighed) if s > size), len(weighed))
            weighed.insert(at, (size, _union(a, b)))
        return weighed[0][1]

    def _array(self, parts: tuple[Query, ...], within: list[int] | None) -> Scored:
        """``PreloadedOr``: each part's scores added in turn (``ArrayUnionMatcher``)."""
        total: Scored = {}
        for part in parts:
            for doc, score in self.scores(part, within).items():
                total[doc] = total.get(doc, 0.0) + score
        return total

    def _size(self, query: Query) -> int:
        """``estimate_size``: a term's document frequency here, deleted ones counted;
        an ``Or``'s sum, at most the segment's live documents."""
        if isinstance(query, Term):
            return self._word(query.text.encode("utf-8"))[0]
        if isinstance(query, Phrase):  # an ``And`` of its words: the rarest
            return min(self._word(w.encode("utf-8"))[0] for w in query.words)
        assert isinstance(query, AnyOf)
        return min(sum(self._size(p) for p in query.parts), int(self._reader.doc_count()))

    def _phrase(self, words: tuple[bytes, ...], within: list[int] | None = None) -> Scored:
        """The documents where ``words`` follow one another, each scoring the sum of
        its words' scores as Whoosh's intersection tree adds them.

        The rarest word first: where a match could start in each document is ``p``
        such that word ``i`` is at ``p + i`` for every ``i``, and each next word is
        read only in the blocks that hold a document still in play, as Whoosh's
        intersection skips to them; the common words ("of", "the") are never read
        whole.
        """
        return self._kept((self._number, words), within, lambda: self._phrase_in(words))

    def _phrase_in(self, words: tuple[bytes, ...]) -> Scored:
        reader = self._reader
        if any(("text", word) not in reader for word in words):
            return {}
        starts: dict[int, set[int]] | None = None
        scores: dict[bytes, Scored] = {}
        for word in sorted(set(words), key=lambda w: int(reader.doc_frequency("text", w))):
            offsets = [i for i, other in enumerate(words) if other == word]
            held = _postings_at(reader, word, None if starts is None else set(starts))
            narrowed: dict[int, set[int]] = {}
            for doc, (_, at) in held.items():
                here = {p - offsets[0] for p in at}
                for i in offsets[1:]:
                    here &= {p - i for p in at}
                if starts is not None:
                    here &= starts[doc]
                if here:
                    narrowed[doc] = here
            if not narrowed:
                return {}
            starts = narrowed
            scores[word] = self._scored(word, {d: held[d][0] for d in narrowed})
        assert starts is not None
        in_order = [scores[word] for word in words]
        return {doc: _halves(in_order, doc) for doc in starts}

    def _scored(self, text: bytes, weights: dict[int, float]) -> Scored:
        """The BM25 scores of a term's postings, given their weights by document."""
        idf = self._top.idf("text", text)
        avgfl = self._top.avg_field_length("text") or 1
        lengths, count = self._lengths, len(self._lengths)
        scored: Scored = {}
        for doc, weight in weights.items():
            byte = lengths[doc] if doc < count else 0
            scored[doc] = bm25(idf, weight, byte_to_length(byte), avgfl, B, K1)
        return scored

    def _kept(
        self,
        key: tuple[int, bytes | tuple[bytes, ...]],
        within: list[int] | None,
        score: Callable[[], Scored],
    ) -> Scored:
        """A part's scores (of the documents ``within`` only, if given): the kept ones,
        or ``score()``'s, kept for later (or for this query, if too large). Never
        changed by the caller: they may be given again."""
        found = self._scores.get(key) if within is None else self._scores.within(key, within)
        if found is not None:
            return found
        whole = self._fresh.get(key)
        if whole is None:
            whole = score()
            if not self._scores.keep(key, whole, self._reader.doc_count_all()):
                self._fresh[key] = whole
        return whole if within is None else _restricted(whole, within)

    def _term(self, text: bytes, within: list[int] | None = None) -> Scored:
        """A term's BM25 scores here (before its boost), each as Whoosh's scorer gives it."""
        return self._kept((self._number, text), within, lambda: self._term_in(text))

    def _term_in(self, text: bytes) -> Scored:
        scored: Scored = {}
        if ("text", text) in self._reader:
            idf = self._top.idf("text", text)
            avgfl = self._top.avg_field_length("text") or 1
            lengths, count = self._lengths, len(self._lengths)
            # A posting's score depends on its weight and length byte only: each pair is
            # scored once (most weights are 1, or the headline's 0.8, or a sum of those),
            # and a block's postings are looked up in one pass of ``map`` (a Python loop a
            # posting was most of a cold query's time at 10,000 articles).
            table = _Pairs(
                lambda weight, byte: bm25(idf, weight, byte_to_length(byte), avgfl, B, K1)
            )
            for ids, weights in _posting_blocks(self._reader, text):
                bytes_: Iterable[int]
                if ids and ids[-1] < count:
                    bytes_ = map(lengths.__getitem__, ids)
                else:
                    bytes_ = (lengths[doc] if doc < count else 0 for doc in ids)
                pairs = zip(weights, bytes_, strict=True)
                scored.update(zip(ids, map(table.__getitem__, pairs), strict=True))
        return scored


class _Pairs(dict[tuple[float, int], float]):
    """A score for each (weight, length byte), made by ``score`` at first look-up
    (``dict.__missing__``, called from C: a look-up of a pair seen before runs no
    Python)."""

    __slots__ = ("_score",)

    def __init__(self, score: Callable[[float, int], float]) -> None:
        super().__init__()
        self._score = score

    def __missing__(self, pair: tuple[float, int]) -> float:
        value = self[pair] = self._score(*pair)
        return value


def _leaves(query: Query) -> Iterator[Term | Phrase]:
    """The words and phrases of a query ``supported`` ranks, in order."""
    if isinstance(query, Term | Phrase):
        yield query
    else:
        assert isinstance(query, AnyOf)
        for part in query.parts:
            yield from _leaves(part)


def _restricted(scored: Scored, wanted: list[int]) -> Scored:
    """The scores of the documents of ``wanted`` only."""
    if len(wanted) < len(scored):
        return {doc: scored[doc] for doc in wanted if doc in scored}
    keep = set(wanted)
    return {doc: score for doc, score in scored.items() if doc in keep}


def _boosted(scored: Scored, boost: float) -> Scored:
    """Scores times a query's boost (``WrappingMatcher``; none for a boost of 1)."""
    if boost == 1.0:
        return scored
    return {doc: score * boost for doc, score in scored.items()}


def _halves(scored: list[Scored], doc: int) -> float:
    """The sum of ``doc``'s scores in each, as ``make_binary_tree`` adds them."""
    if len(scored) == 1:
        return scored[0][doc]
    half = len(scored) // 2
    return _halves(scored[:half], doc) + _halves(scored[half:], doc)


def _union(a: Scored, b: Scored) -> Scored:
    """``UnionMatcher``: a document in both scores the sum (addition commutes)."""
    if len(a) < len(b):
        a, b = b, a
    merged = dict(a)
    for doc, score in b.items():
        merged[doc] = merged[doc] + score if doc in merged else score
    return merged


def _posting_blocks(reader: Any, text: bytes) -> Iterator[tuple[list[int], Iterable[float]]]:
    """The live postings of a ``text`` term in a segment, a block at a time: the
    documents, and their weights (as Whoosh reads them, to the bit)."""
    matcher, deleted = _live(reader, "text", text)
    if not isinstance(matcher, W3LeafMatcher):  # postings inlined in the term's entry
        ids: list[int] = []
        weights: list[float] = []
        while matcher.is_active():
            if matcher.id() not in deleted:
                ids.append(matcher.id())
                weights.append(matcher.weight())
            matcher.next()
        yield ids, weights
        return
    for _ in _blocks(matcher, None):
        documents, weighed = _block(matcher)
        if deleted:
            kept = [doc not in deleted for doc in documents]
            documents, weighed = list(compress(documents, kept)), list(compress(weighed, kept))
        yield documents, weighed


def _block(matcher: W3LeafMatcher) -> tuple[list[int], Iterable[float]]:
    """The documents and weights of the block ``matcher`` is at, as its ``_read_ids``
    and ``_read_weights`` give them, quicker: ``itertools.accumulate`` undoes the
    documents' deltas (Whoosh's ``delta_decode`` is a Python generator), and a block's
    one weight for all is repeated, not copied into an array a posting."""
    if matcher._data is None:
        matcher._read_data()
    ids, weights = matcher._data[0], matcher._data[1]
    documents = list(ids) if matcher._byteids else list(accumulate(ids))
    if weights is None or isinstance(weights, float):
        # (As Whoosh's ``array("f")`` holds it: 0.8 is 0.800000011920929 there.)
        one = array("f", [1.0 if weights is None else weights])[0]
        return documents, repeat(one, len(documents))
    return documents, weights


def _postings_at(
    reader: Any, text: bytes, wanted: set[int] | None
) -> dict[int, tuple[float, list[int]]]:
    """The weight and positions of a ``text`` term in each live document of ``wanted``
    (all with None); a block that holds none of them is not read."""
    matcher, deleted = _live(reader, "text", text)
    decode = matcher.format.decoder("positions")
    found: dict[int, tuple[float, list[int]]] = {}
    if isinstance(matcher, W3LeafMatcher):
        for _ in _blocks(matcher, wanted):
            documents, weights = _block(matcher)
            matcher._read_values()
            for doc, weight, value in zip(documents, weights, matcher._values, strict=True):
                if (wanted is None or doc in wanted) and doc not in deleted:
                    found[doc] = (weight, decode(value))
        return found
    while matcher.is_active():  # postings inlined in the term's entry
        doc = matcher.id()
        if (wanted is None or doc in wanted) and doc not in deleted:
            found[doc] = (matcher.weight(), decode(matcher.value()))
        matcher.next()
    return found


def documents_holding(reader: Any, field: str, text: str, wanted: set[int] | None) -> set[int]:
    """The live documents of a segment that hold a term, of ``wanted`` (all with None);
    a block that holds none of ``wanted`` is not read."""
    if (field, text) not in reader:
        return set()
    matcher, deleted = _live(reader, field, text)
    found: set[int] = set()
    if isinstance(matcher, W3LeafMatcher):
        for _ in _blocks(matcher, wanted):
            found.update(_block(matcher)[0])
    else:
        while matcher.is_active():  # postings inlined in the term's entry
            found.add(matcher.id())
            matcher.next()
    found -= deleted
    return found if wanted is None else found & wanted


def _live(reader: Any, field: str, text: bytes | str) -> tuple[Any, frozenset[int]]:
    """A term's matcher in a segment, and the segment's deleted documents (the matcher
    itself leaves them out one posting at a time)."""
    matcher = reader.postings(field, text)
    if isinstance(matcher, FilterMatcher):  # the segment has deleted documents
        deleted: frozenset[int] = matcher._ids
        matcher = matcher.child
        matcher.reset()
        return matcher, deleted
    return matcher, frozenset()


def _blocks(matcher: W3LeafMatcher, wanted: set[int] | None) -> Iterator[None]:
    """Moves ``matcher`` through its blocks, stopping at each that may hold a document
    of ``wanted`` (every block with None): a block's highest document is known before
    it is read."""
    ordered = sorted(wanted) if wanted is not None else []
    below = -1  # the last block's highest document
    while not matcher._atend:
        highest = matcher._maxid
        if wanted is None or (
            bisect.bisect_right(ordered, highest) > bisect.bisect_right(ordered, below)
        ):
            yield
        below = highest
        matcher._next_block()
