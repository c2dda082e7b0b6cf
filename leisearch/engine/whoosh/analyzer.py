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

from collections.abc import Iterable, Iterator
from itertools import repeat
from typing import Any

from whoosh.analysis import Filter, Token, Tokenizer

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
