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

Whoosh's block-quality skipping (``optimize=True``) does not change which
documents come out of an exact ranking, so leaving it out changes nothing
either (``tests/test_topk.py`` compares both on many queries). Anything else
(exclusions, ``AND``, other fields, sorting by date) returns ``None``, and the
caller asks Whoosh.

A searcher keeps each term's and each phrase's scores per segment for its
later queries (``Scores``), within a budget of postings: a batch's queries share
most of their words.
"""

from __future__ import annotations

import bisect
import heapq
from array import array
from collections.abc import Iterator
from typing import Any

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher
from whoosh.columns import NumericColumn
from whoosh.matching.wrappers import FilterMatcher
from whoosh.scoring import bm25
from whoosh.util.numeric import byte_to_length

from leisearch.engine.protocol import AnyOf, Phrase, Query, Term

from .scoring import K1, B

#: Whoosh's choices of how an ``Or`` adds its parts (``whoosh.query.compound.Or``).
_ARRAY_MAX_DOCS = 5000
_TOO_MANY_CLAUSES = 1024
#: The postings whose scores a searcher keeps for later queries, over all terms: 12 bytes
#: each (a document number and a score in two arrays), 24 MB in all.
KEPT_POSTINGS = 2_000_000

#: A segment's scores: local document number -> score.
Scored = dict[int, float]


class Scores:
    """Each term's scores in each segment, kept for a searcher's later queries (the
    searcher's statistics never change, so neither do they).

    Kept as two arrays, documents and scores, not as the dictionary a query adds up:
    a dictionary of numbers costs about 100 bytes a posting, and the common words of a
    large corpus (in a quarter of its paragraphs) are what a batch most needs kept;
    making the dictionary again from the arrays is a tenth of scoring the postings.
    """

    __slots__ = ("_kept", "_lengths", "_size")

    def __init__(self) -> None:
        #: (segment, term) or (segment, a phrase's words) -> its documents and scores there.
        self._kept: dict[
            tuple[int, bytes | tuple[bytes, ...]], tuple[array[int], array[float]]
        ] = {}
        self._size = 0
        self._lengths: dict[int, bytes | None] = {}

    def lengths(self, segment: int, reader: Any) -> bytes | None:
        """The segment's length bytes of the ``text`` field, one a document."""
        if segment not in self._lengths:
            self._lengths[segment] = _length_bytes(reader)
        return self._lengths[segment]

    def __len__(self) -> int:
        """How many postings' scores are kept."""
        return self._size

    def get(self, key: tuple[int, bytes | tuple[bytes, ...]]) -> Scored | None:
        kept = self._kept.get(key)
        return None if kept is None else dict(zip(*kept, strict=True))

    def keep(self, key: tuple[int, bytes | tuple[bytes, ...]], scored: Scored) -> None:
        if len(scored) > KEPT_POSTINGS // 4:
            return
        while self._kept and self._size + len(scored) > KEPT_POSTINGS:
            oldest = next(iter(self._kept))
            self._size -= len(self._kept.pop(oldest)[0])
        # The dictionary's order is kept too: scores are added up in that order.
        self._kept[key] = (array("q", scored.keys()), array("d", scored.values()))
        self._size += len(scored)


def supported(query: Query) -> bool:
    """Whether ``ranked`` can rank ``query``: loose words and phrases of the text."""
    if isinstance(query, Term | Phrase):
        return query.field == "text"
    if isinstance(query, AnyOf):
        return bool(query.parts) and all(supported(p) for p in query.parts)
    return False


def ranked(
    searcher: Any, query: Query, limit: int | None, allowed: set[int] | None, scores: Scores
) -> list[tuple[float, int]] | None:
    """``(score, document)`` of the best ``limit`` documents (all with ``None``) as
    Whoosh ranks them, or None if ``query`` is not one that this module ranks."""
    if not supported(query):
        return None
    found: list[tuple[float, int]] = []
    for segment, (sub, offset) in enumerate(searcher.leaf_searchers()):
        lengths = scores.lengths(segment, sub.reader())
        if lengths is None:
            return None
        scored = _Segment(searcher, sub, segment, lengths, scores).scores(query)
        if allowed is not None:
            scored = {doc: score for doc, score in scored.items() if offset + doc in allowed}
        if limit is not None and len(scored) > limit:
            # The limit-th best score here, then every document that reaches it: the
            # best of the index are among the best of their segments, and ties are
            # settled by document number below, as Whoosh settles them.
            floor = heapq.nlargest(limit, scored.values())[-1]
            found.extend((score, offset + doc) for doc, score in scored.items() if score >= floor)
        else:
            found.extend((score, offset + doc) for doc, score in scored.items())
    found.sort(key=lambda hit: (-hit[0], hit[1]))
    return found[:limit] if limit is not None else found


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

    def scores(self, query: Query) -> Scored:
        if isinstance(query, Term):
            scored = self._term(query.text.encode("utf-8"))
            return _boosted(scored, query.boost)
        if isinstance(query, Phrase):
            return _boosted(
                self._phrase(tuple(w.encode("utf-8") for w in query.words)), query.boost
            )
        assert isinstance(query, AnyOf)
        parts = query.parts
        if len(parts) == 1:
            return self.scores(parts[0])
        if len(parts) < _TOO_MANY_CLAUSES and (
            len(parts) == 2 or self._reader.doc_count_all() > _ARRAY_MAX_DOCS
        ):
            return self._tree(parts)
        return self._array(parts)

    def _tree(self, parts: tuple[Query, ...]) -> Scored:
        """``DefaultOr``: unions joined smallest first (``make_weighted_tree``)."""
        weighed = [(self._size(p), self.scores(p)) for p in parts]
        weighed.sort(key=lambda item: item[0])  # stable: equal sizes keep their order
        while len(weighed) > 1:
            (a_size, a), (b_size, b) = weighed.pop(0), weighed.pop(0)
            size = a_size + b_size
            # insort after every part of the same size
            at = next((i for i, (s, _) in enumerate(weighed) if s > size), len(weighed))
            weighed.insert(at, (size, _union(a, b)))
        return weighed[0][1]

    def _array(self, parts: tuple[Query, ...]) -> Scored:
        """``PreloadedOr``: each part's scores added in turn (``ArrayUnionMatcher``)."""
        total: Scored = {}
        for part in parts:
            for doc, score in self.scores(part).items():
                total[doc] = total.get(doc, 0.0) + score
        return total

    def _size(self, query: Query) -> int:
        """``estimate_size``: a term's document frequency here, deleted ones counted;
        an ``Or``'s sum, at most the segment's live documents."""
        if isinstance(query, Term):
            return int(self._reader.doc_frequency("text", query.text.encode("utf-8")))
        if isinstance(query, Phrase):  # an ``And`` of its words: the rarest
            return min(
                int(self._reader.doc_frequency("text", w.encode("utf-8"))) for w in query.words
            )
        assert isinstance(query, AnyOf)
        return min(sum(self._size(p) for p in query.parts), int(self._reader.doc_count()))

    def _phrase(self, words: tuple[bytes, ...]) -> Scored:
        """The documents where ``words`` follow one another, each scoring the sum of
        its words' scores as Whoosh's intersection tree adds them.

        The rarest word first: where a match could start in each document is ``p``
        such that word ``i`` is at ``p + i`` for every ``i``, and each next word is
        read only in the blocks that hold a document still in play, as Whoosh's
        intersection skips to them; the common words ("of", "the") are never read
        whole.
        """
        key = (self._number, words)
        kept = self._scores.get(key)
        if kept is not None:
            return kept
        found = self._phrase_in(words)
        self._scores.keep(key, found)
        return found

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

    def _term(self, text: bytes) -> Scored:
        """A term's BM25 scores here (before its boost), each as Whoosh's scorer gives it."""
        key = (self._number, text)
        kept = self._scores.get(key)
        if kept is not None:
            return kept
        scored: Scored = {}
        if ("text", text) in self._reader:
            idf = self._top.idf("text", text)
            avgfl = self._top.avg_field_length("text") or 1
            lengths, count = self._lengths, len(self._lengths)
            # A posting's score depends on its weight and length byte only: each pair is
            # scored once (most weights are 1, or the headline's 0.8, or a sum of those).
            rows: dict[float, list[float | None]] = {}
            for doc, weight in _postings(self._reader, text):
                byte = lengths[doc] if doc < count else 0
                row = rows.get(weight)
                if row is None:
                    row = rows[weight] = [None] * 256
                score = row[byte]
                if score is None:
                    score = row[byte] = bm25(idf, weight, byte_to_length(byte), avgfl, B, K1)
                scored[doc] = score
        self._scores.keep(key, scored)
        return scored


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


def _postings(reader: Any, text: bytes) -> Iterator[tuple[int, float]]:
    """``(document, weight)`` of each live posting of a ``text`` term in a segment."""
    matcher, deleted = _live(reader, "text", text)
    if isinstance(matcher, W3LeafMatcher):
        for _ in _blocks(matcher, None):
            matcher._read_ids()
            matcher._read_weights()
            if deleted:
                yield from (
                    (doc, weight)
                    for doc, weight in zip(matcher._ids, matcher._weights, strict=True)
                    if doc not in deleted
                )
            else:
                yield from zip(matcher._ids, matcher._weights, strict=True)
        return
    while matcher.is_active():  # postings inlined in the term's entry
        if matcher.id() not in deleted:
            yield matcher.id(), matcher.weight()
        matcher.next()


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
            matcher._read_ids()
            matcher._read_weights()
            matcher._read_values()
            for doc, weight, value in zip(
                matcher._ids, matcher._weights, matcher._values, strict=True
            ):
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
            matcher._read_ids()
            found.update(matcher._ids)
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


def _length_bytes(reader: Any) -> bytes | None:
    """The ``text`` field's length bytes of a segment's documents, read at once (None
    if the segment does not keep them as Whoosh 2.7's codec does)."""
    perdoc = getattr(reader, "_perdoc", None)
    cached = getattr(perdoc, "_cached_reader", None)
    if cached is None:
        return None
    column = cached("_text_len", LENGTHS_COLUMN)
    if column is None:
        return b""
    if not isinstance(column, NumericColumn.Reader) or column._typecode != "B":
        return None
    return bytes(column._dbfile.get(column._basepos, column._count))
