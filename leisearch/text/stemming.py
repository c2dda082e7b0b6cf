"""Stemming: NLTK's Snowball (English) stemmer, memoised, one memo per index.

Words are lower-cased and stemmed after one derivational fold that Snowball
lacks (``-ification`` to ``-ify``, so ``deification`` meets ``deified``). Stop
words are kept: phrases such as ``word of mouth`` need them, and the query
builder drops them from loose word lists instead.

NLTK costs about 200 ms to import, so it stays off the query path. A
``Stemmer`` memoises the words it stems (up to ``STEMS_KEPT`` of them, then it
starts afresh: a large collection's vocabulary would otherwise grow a build's
memory without bound). A build saves every indexed word with its stem as the
index's vocabulary (``vocabulary.txt``, ``store.vocabulary.WordCounts``), and the
``Stemmer`` of an opened index looks a query's few words up there first: NLTK
is needed only for a word that no indexed text contained (a typo, a word the
collection lacks). Even then the NLTK package is not imported whole: its
``__init__`` loads most of NLTK, while the Snowball stemmer needs four small
modules. ``_load_snowball`` loads those under stand-in parent packages, then
takes every ``nltk`` entry it made out of ``sys.modules`` again, so a program
that imports NLTK later gets the real package (about 13 ms against 200; a
``nltk`` already imported is simply used).

Each build and each opened index has a ``Stemmer`` of its own, and nothing is
kept at module level, so building or querying one index never changes what
another one holds or finds.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping

from leisearch.kept import Kept

from .words import fold_accents, iter_words, word_set

#: Words whose stems a ``Stemmer`` keeps; beyond this many, it starts afresh.
STEMS_KEPT = 65_536
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
    for a word the memo lacks. The memo holds at most ``kept`` words
    (``STEMS_KEPT``), then starts afresh.

    >>> stemmer = Stemmer()
    >>> stemmer.stem("expectations") == stemmer.stem("expected")
    True
    >>> stemmer.analyze("Lei Jun\u2019s word-of-mouth")
    ['lei', 'jun', 'word', 'of', 'mouth']
    """

    __slots__ = ("_kept", "_memo", "_places", "_snowball", "_stems", "_vocabulary", "_words")

    def __init__(
        self, vocabulary: Mapping[str, str] | None = None, kept: int | None = None
    ) -> None:
        self._memo: dict[str, str] = {}
        self._kept = kept or STEMS_KEPT
        self._vocabulary: Mapping[str, str] = vocabulary if vocabulary is not None else {}
        self._snowball: Callable[[str], str] | None = None
        self._words = Kept(_WORDS_KEPT, self._stemmed_words)
        self._places = Kept(_WORDS_KEPT, self._places_of)
        self._stems = Kept(_WORDS_KEPT, self._stems_of)

    @property
    def memo(self) -> Mapping[str, str]:
        """The words stemmed since the memo last started afresh."""
        return self._memo

    def stem(self, word: str) -> str:
        """The stem of one lower-case word."""
        try:
            return self._memo[word]
        except KeyError:
            if len(self._memo) >= self._kept:
                self._memo.clear()
            result = self._memo[word] = self._vocabulary.get(word) or self._nltk(word)
            return result

    def _nltk(self, word: str) -> str:
        if self._snowball is None:
            self._snowball = _load_snowball()
        return snowball(word, self._snowball)

    def analyze(self, text: str) -> list[str]:
        """The terms that ``text`` is indexed (or queried) as."""
        return [self.stem(word.lower()) for word, _, _ in iter_words(text)]

    def stemmed_words(self, text: str) -> tuple[tuple[str, int, int], ...]:
        """``(stem, start, end)`` for each word of ``text``, kept for the next call."""
        return self._words(text)

    def _stemmed_words(self, text: str) -> tuple[tuple[str, int, int], ...]:
        # (``stem`` inlined for the words already in the memo, most of a paragraph's: a
        # cold batch stems each paragraph it reranks or highlights.)
        memo, stem = self._memo, self.stem
        found = []
        for word, start, end in iter_words(text):
            lower = word.lower()
            stemmed = memo.get(lower)
            found.append((stem(lower) if stemmed is None else stemmed, start, end))
        return tuple(found)

    def stems(self, text: str) -> frozenset[str]:
        """The stems of ``text``'s words, kept for the next call: those of
        ``stemmed_words``, found with one ``findall`` (``words.word_set``), for a test of
        whether a text holds a term that most texts fail.

        >>> sorted(Stemmer().stems("Cars and more cars"))
        ['and', 'car', 'more']
        """
        return self._stems(text)

    def _stems_of(self, text: str) -> frozenset[str]:
        stem = self.stem
        return frozenset(stem(word) for word in word_set(text))

    def places(self, text: str) -> dict[str, list[int]]:
        """Each stem of ``text`` with where it is among ``stemmed_words(text)``, kept for
        the next call (matching a query's terms then costs a look-up per term).

        >>> Stemmer().places("Cars and more cars")
        {'car': [0, 3], 'and': [1], 'more': [2]}
        """
        return self._places(text)

    def _places_of(self, text: str) -> dict[str, list[int]]:
        found: dict[str, list[int]] = {}
        for i, (stem, _, _) in enumerate(self.stemmed_words(text)):
            found.setdefault(stem, []).append(i)
        return found


def _load_snowball() -> Callable[[str], str]:
    """NLTK's English Snowball ``stem``, without importing the NLTK package (see the
    module docstring); imported as usual if that fails, or if NLTK is loaded already."""
    if "nltk" not in sys.modules:
        try:
            return _snowball_alone()
        except Exception:  # an NLTK laid out otherwise: the ordinary import below
            pass
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("english").stem  # type: ignore[no-any-return]


def _snowball_alone() -> Callable[[str], str]:
    import importlib
    import importlib.util
    import types

    spec = importlib.util.find_spec("nltk")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("no nltk package")
    root = next(iter(spec.submodule_search_locations))
    before = set(sys.modules)
    # Parent packages without their __init__ (which would load most of NLTK), and a
    # corpus module whose stop words the stemmer reads only when asked to ignore them.
    package = types.ModuleType("nltk")
    package.__path__ = [root]
    stem = types.ModuleType("nltk.stem")
    stem.__path__ = [f"{root}/stem"]
    corpus = types.ModuleType("nltk.corpus")
    corpus.stopwords = None  # type: ignore[attr-defined]
    sys.modules.update({"nltk": package, "nltk.stem": stem, "nltk.corpus": corpus})
    try:
        module = importlib.import_module("nltk.stem.snowball")
        return module.SnowballStemmer("english").stem  # type: ignore[no-any-return]
    finally:
        for name in set(sys.modules) - before:
            if name == "nltk" or name.startswith("nltk."):
                del sys.modules[name]
