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
from typing import Any

from whoosh.analysis import Filter, Token, Tokenizer

from leisearch.text.stemming import Stemmer
from leisearch.text.words import iter_words


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
        words: Iterable[tuple[str, int, int]]
        words = iter_words(value) if tokenize else [(value, 0, len(value))]
        for pos, (word, start, end) in enumerate(words):
            token.text = word
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = word
            if positions:
                token.pos = start_pos + pos
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
