"""The Whoosh analyzer of every text field: ``ArticleTokenizer() | NltkStemFilter()``.

The tokenizer yields ``text.words.iter_words``; the filter lower-cases and
stems each token with a ``text.stemming.Stemmer``.

Whoosh pickles the schema, analyzers included, into the index: the class names
are part of the on-disk format and must never move. They are defined here, and
``leisearch.analysis``, where indexes before this layout found them, names them
too. The filter pickles without its stemmer and its memo, and an unpickled one
starts with a fresh ``Stemmer``: a build writes with a schema of its own made
with its own stemmer (``schema.make_schema``, for new and updated indexes
alike), so what a build learns stays with that build.
"""

from __future__ import annotations

import operator
import pickle
from collections.abc import Callable, Iterable, Iterator
from itertools import accumulate, repeat
from typing import Any

from whoosh.analysis import Filter, Token, Tokenizer
from whoosh.formats import Positions
from whoosh.system import _INT_SIZE, pack_uint

from leisearch.text.stemming import Stemmer
from leisearch.text.words import iter_words, words_in

#: Between a paragraph's text and its headline in the value the text field analyses.
HEADLINE_MARK = "\x1f"
#: What a word of the headline weighs, against one of the paragraph's own.
HEADLINE_BOOST = 0.8
#: Where the headline's words start: past any paragraph's, so no phrase spans the two.
HEADLINE_OFFSET = 1_000_000


class ArticleTokenizer(Tokenizer):  # type: ignore[misc]
    """Whoosh tokenizer: normalised quotes, regex words, glued words split."""

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        # A paragraph's own words, then (after HEADLINE_MARK) its article's headline's,
        # which weigh HEADLINE_BOOST each and sit far from the paragraph's: a phrase is
        # found in one or the other, never across them.
        body, _, headline = value.partition(HEADLINE_MARK)
        parts = (
            ((body, 0, 1.0), (headline, HEADLINE_OFFSET, HEADLINE_BOOST))
            if headline
            else ((body, 0, 1.0),)
        )
        for text, offset, boost in parts:
            words: Iterable[tuple[str, int, int]]
            if not tokenize:
                words = [(text, 0, len(text))]
            elif chars:
                words = iter_words(text)
            else:  # an index's words need no places in the text: found more cheaply
                words = zip(words_in(text), repeat(0), repeat(0))
            for pos, (word, start, end) in enumerate(words):
                token.text = word
                token.boost = boost
                token.stopped = False
                if keeporiginal:
                    token.original = word
                if positions:
                    token.pos = start_pos + offset + pos
                if chars:
                    token.startchar = start_char + start
                    token.endchar = start_char + end
                yield token


class NltkStemFilter(Filter):  # type: ignore[misc]
    """Whoosh filter: lower-case, then the stem from this filter's ``Stemmer``."""

    def __init__(self, stemmer: Stemmer | None = None) -> None:
        self.stemmer = stemmer if stemmer is not None else Stemmer()

    def __getstate__(self) -> dict[str, Any]:
        return {}  # the stemmer and its memo belong to a build, not to the index

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.stemmer = Stemmer()

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        stem = self.stemmer.stem
        for token in tokens:
            token.text = stem(token.text.lower())
            yield token


def article_analyzer(stemmer: Stemmer | None = None) -> Any:
    """The analyzer for every text field of the index."""
    return ArticleTokenizer() | NltkStemFilter(stemmer)


#: ``Positions.encode``'s count of one position.
_ONE: bytes = pack_uint(1)
#: A posting as ``Format.word_values`` gives it: (word, frequency, weight, value).
WordValue = tuple[str, int, float, bytes]


class ArticlePositions(Positions):  # type: ignore[misc]
    """Whoosh's ``Positions`` format, the text field's, made faster to index with.

    Whoosh finds a paragraph's postings by walking its tokens through the analyzer's
    generators, one ``Token`` at a time, a few attribute sets and calls a word: in a
    build's workers, about a third of their time (py-spy, 1,000 synthetic articles).
    Given this module's analyzer (``article_analyzer``), ``word_values`` does what
    those generators do in one loop over the words (``article_postings``); given any
    other, it is Whoosh's. Either way the postings are the same, to the byte and the
    bit: the same stems in the same order, the same positions, and weights added up
    in the same order (``tests/test_analysis.py`` compares the two).

    Reading is Whoosh's too, but for ``decode_positions``, which gives the same list
    with the gaps added up in C (a cold phrase decodes the positions of thousands of
    postings). (The schema pickled into the index names this class: it keeps its name
    and module.)
    """

    def word_values(self, value: Any, analyzer: Any, **kwargs: Any) -> Iterable[WordValue]:
        stemmer = _article_stemmer(analyzer)
        # (Whoosh's writer passes ``mode`` alone: any other option is the tokenizer's.)
        if stemmer is None or not isinstance(value, str) or kwargs not in ({}, {"mode": "index"}):
            return super().word_values(value, analyzer, **kwargs)  # type: ignore[no-any-return]
        return article_postings(value, stemmer, self.field_boost, self.encode)

    def encode(self, poslist: list[int]) -> bytes:
        """``Positions.encode``, the same bytes: the gaps between the positions,
        counted, then pickled (protocol 2), without a Python step a position."""
        if len(poslist) == 1:  # most of a paragraph's words: the position is the gap
            return _ONE + pickle.dumps(poslist, 2)
        gaps = [poslist[0], *map(operator.sub, poslist[1:], poslist)] if poslist else []
        return pack_uint(len(gaps)) + pickle.dumps(gaps, 2)  # type: ignore[no-any-return]

    def decode_positions(self, valuestring: bytes) -> list[int]:
        """``Positions.decode_positions``: the positions ``encode`` was given."""
        if not valuestring.endswith(b"."):  # (as Whoosh reads a pickle cut short)
            valuestring += b"."
        return list(accumulate(pickle.loads(valuestring[_INT_SIZE:])))


def _article_stemmer(analyzer: Any) -> Stemmer | None:
    """The stemmer of an analyzer made by ``article_analyzer`` (None for any other)."""
    items = getattr(analyzer, "items", None)
    if (
        isinstance(items, list)
        and len(items) == 2
        and type(items[0]) is ArticleTokenizer
        and type(items[1]) is NltkStemFilter
    ):
        return items[1].stemmer
    return None


def article_postings(
    value: str, stemmer: Stemmer, field_boost: float, encode: Callable[[list[int]], bytes]
) -> list[WordValue]:
    """What ``Positions.word_values`` gives for ``value`` through ``article_analyzer``:
    each stem, in the order first met, with how often it occurs, its weight (a word of
    the paragraph 1, of the headline ``HEADLINE_BOOST``, added up word by word as
    Whoosh adds them, then times ``field_boost``) and its positions, encoded."""
    body, _, headline = value.partition(HEADLINE_MARK)
    places: dict[str, list[int]] = {}
    _place(places, _stems(body, stemmer), 0)
    # Whoosh adds 1.0 a word of the paragraph to 0.0: the count, exactly.
    weights = {key: float(len(found)) for key, found in places.items()}
    if headline:
        keys = _stems(headline, stemmer)
        _place(places, keys, HEADLINE_OFFSET)
        for key in keys:
            weights[key] = weights.get(key, 0.0) + HEADLINE_BOOST
    return [
        (key, len(found), weights[key] * field_boost, encode(found))
        for key, found in places.items()
    ]


def _stems(text: str, stemmer: Stemmer) -> list[str]:
    """The stems of the text's words, as ``NltkStemFilter`` makes them."""
    # Most words are in the stemmer's memo: looked up there first, without a call.
    memo, stem = stemmer.memo, stemmer.stem
    return [memo.get(word) or stem(word) for word in map(str.lower, words_in(text))]


def _place(places: dict[str, list[int]], keys: list[str], start: int) -> None:
    """Add each key's position, from ``start`` on, to its list in ``places``."""
    for pos, key in enumerate(keys, start):
        found = places.get(key)
        if found is None:
            places[key] = [pos]
        else:
            found.append(pos)
