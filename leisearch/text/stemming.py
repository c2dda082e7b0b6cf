"""Stemming: NLTK's Snowball (English) stemmer, memoised, one memo per index.

Words are lower-cased and stemmed after one derivational fold that Snowball
lacks (``-ification`` to ``-ify``, so ``deification`` meets ``deified``). Stop
words are kept: phrases such as ``word of mouth`` need them, and the query
builder drops them from loose word lists instead.

NLTK costs about 200 ms to import, so it stays off the query path. A
``Stemmer`` memoises every word it stems. A build saves the words of its memo
that the index holds as the index's vocabulary (``vocabulary.txt``), and the
``Stemmer`` of an opened index looks a query's few words up there first: NLTK
is imported only for a word that no indexed text contained.

Each build and each opened index has a ``Stemmer`` of its own, and nothing is
kept at module level, so building or querying one index never changes what
another one holds or finds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from .words import fold_accents, iter_words

#: Paragraphs whose stemmed words a ``Stemmer`` keeps for highlighting (batch queries
#: meet the same paragraphs again); beyond this many, it starts afresh.
_WORDS_KEPT = 4096


def snowball(word: str, stem: Callable[[str], str]) -> str:
    """``stem`` (Snowball) after the accents are folded (*café* is *cafe*) and
    ``-ification`` is folded to ``-ify``."""
    word = fold_accents(word)
    if word.endswith("ification"):
        word = word[: -len("ification")] + "ify"
    elif word.endswith("ifications"):
        word = word[: -len("ifications")] + "ify"
    return stem(word)


class Stemmer:
    """Stems lower-case words, memoised.

    ``vocabulary`` (an index's, a read-only mapping) is consulted before NLTK
    for a word the memo lacks. ``memo`` seeds the memo (an incremental build
    passes the index's whole vocabulary); it is taken as it is, not copied, as
    it may hold some 84,000 words.

    >>> stemmer = Stemmer()
    >>> stemmer.stem("expectations") == stemmer.stem("expected")
    True
    >>> stemmer.analyze("Lei Jun\u2019s word-of-mouth")
    ['lei', 'jun', 'word', 'of', 'mouth']
    """

    __slots__ = ("_memo", "_snowball", "_vocabulary", "_words")

    def __init__(
        self, vocabulary: Mapping[str, str] | None = None, memo: dict[str, str] | None = None
    ) -> None:
        self._memo: dict[str, str] = {} if memo is None else memo
        self._vocabulary: Mapping[str, str] = vocabulary if vocabulary is not None else {}
        self._snowball: Callable[[str], str] | None = None
        self._words: dict[str, tuple[tuple[str, int, int], ...]] = {}

    @property
    def memo(self) -> Mapping[str, str]:
        """Every word stemmed so far (and those the memo was seeded with)."""
        return self._memo

    def stem(self, word: str) -> str:
        """The stem of one lower-case word."""
        try:
            return self._memo[word]
        except KeyError:
            result = self._memo[word] = self._vocabulary.get(word) or self._nltk(word)
            return result

    def _nltk(self, word: str) -> str:
        if self._snowball is None:
            # Imported here, not at module level: see the module docstring.
            from nltk.stem.snowball import SnowballStemmer

            self._snowball = SnowballStemmer("english").stem
        return snowball(word, self._snowball)

    def analyze(self, text: str) -> list[str]:
        """The terms that ``text`` is indexed (or queried) as."""
        return [self.stem(word.lower()) for word, _, _ in iter_words(text)]

    def learn(self, words: Iterable[str]) -> None:
        """Put the stem of every word (lower-cased, as ``word_set`` gives them) in the
        memo: used when analysis itself runs in other processes, so that the memo (and
        so the index's ``vocabulary.txt``) still holds the whole vocabulary."""
        memo = self._memo
        for word in words:
            if word not in memo:
                self.stem(word)

    def stemmed_words(self, text: str) -> tuple[tuple[str, int, int], ...]:
        """``(stem, start, end)`` for each word of ``text``, kept for the next call."""
        found = self._words.get(text)
        if found is None:
            if len(self._words) >= _WORDS_KEPT:
                self._words.clear()
            found = self._words[text] = tuple(
                (self.stem(w.lower()), s, e) for w, s, e in iter_words(text)
            )
        return found
