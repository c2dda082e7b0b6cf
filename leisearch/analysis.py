"""Text analysis: NLTK stemming behind a Whoosh analyzer.

The pipeline is ``ArticleTokenizer() | NltkStemFilter()``:

1. **Normalise** curly and straight quote marks and apostrophes to ASCII, one
   character for one, so that character offsets still point into the original
   text (highlighting depends on that).
2. **Tokenize** with one regular expression: runs of word characters, joined
   by inner apostrophes or ampersands (``Jun's``, ``R&D``). Everything else,
   hyphens and dots included, separates words, so ``word-of-mouth`` is the
   phrase ``word of mouth`` and ``Xiaomi.com`` is ``xiaomi com``.
3. **Unglue** link text that scraping glued to its neighbours. A word is split
   where a lower-case run of two or more letters, a digit, or an upper-case run
   of two or more letters meets a capitalised word: ``AutoIt`` becomes
   ``Auto It``, ``whatXiaopengThe`` becomes ``what Xiaopeng The``,
   ``SU7Questions`` becomes ``SU7 Questions`` and ``NIOChairman`` becomes
   ``NIO Chairman``. ``iPhone``, ``eBay`` and ``McDonald`` stay whole. The same
   rule runs on queries, so a word it splits by mistake (``YouTube``) still
   finds itself, as a phrase of its parts.
4. **Lower-case and stem** with NLTK's Snowball (English) stemmer, after one
   derivational fold it lacks (``-ification`` to ``-ify``, so ``deification``
   meets ``deified``). Stop words are kept: phrases such as ``word of mouth``
   need them, and the query builder drops them from loose word lists instead.

NLTK costs about 200 ms to import, so it stays off the query path: stems are
memoised in a module-level table that the index saves beside itself
(``vocabulary.txt``), and a query consults that file for its few words (see
``vocabulary``). NLTK is imported only for a word that no indexed text
contained.

Whoosh pickles the schema, analyzers included, into the index: the class
names in this module are part of the on-disk format and must never move.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

# Before Whoosh, on purpose: see _whoosh.py (Whoosh without two unused imports).
from . import _whoosh  # isort: skip  # noqa: F401
from whoosh.analysis import Filter, Token, Tokenizer

#: Longer "words" are not words (base64, URLs glued together): not indexed.
MAX_TOKEN_CHARS = 60

_QUOTES = str.maketrans(
    {
        "\u2018": "'",  # left single quotation mark
        "\u2019": "'",  # right single quotation mark, the usual apostrophe
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",  # prime
        "\u02bc": "'",  # modifier letter apostrophe
        "\uff07": "'",  # fullwidth apostrophe
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\uff02": '"',
    }
)

_WORD_RE = re.compile(r"\w+(?:['&]\w+)*")
_GLUE_RE = re.compile(
    r"(?<=[a-z]{2})(?=[A-Z][a-z])|(?<=[0-9])(?=[A-Z][a-z])|(?<=[A-Z]{2})(?=[A-Z][a-z])"
)
_HAS_INNER_UPPER = re.compile(r".[A-Z]")

#: English function words dropped from loose (OR-ed) word lists in queries.
#: Hand-written because NLTK's stop word list needs downloaded data.
STOP_WORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "s",
        "t",
    ]
)


def normalize_quotes(text: str) -> str:
    """Map curly quotes and apostrophes to ASCII, one character for one.

    >>> normalize_quotes("Lei Jun\u2019s \u201cdream\u201d")
    'Lei Jun\\'s "dream"'
    """
    return text.translate(_QUOTES)


def split_glued(word: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the parts of a possibly glued word.

    >>> [("TeslaIt")[s:e] for s, e in split_glued("TeslaIt")]
    ['Tesla', 'It']
    >>> [("iPhone")[s:e] for s, e in split_glued("iPhone")]
    ['iPhone']
    """
    if not _HAS_INNER_UPPER.search(word):
        return [(0, len(word))]
    cuts = [m.start() for m in _GLUE_RE.finditer(word)]
    bounds = [0, *cuts, len(word)]
    return [(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1)]


def iter_words(text: str) -> Iterator[tuple[str, int, int]]:
    """Yield ``(word, start, end)`` for each word, glued words split, case kept."""
    normalized = normalize_quotes(text)
    for match in _WORD_RE.finditer(normalized):
        word = match.group()
        if len(word) > MAX_TOKEN_CHARS:
            continue
        base = match.start()
        for start, end in split_glued(word):
            yield word[start:end], base + start, base + end


# --- stemming -------------------------------------------------------------------

_stems: dict[str, str] = {}
#: An index's vocabulary, consulted when the memo lacks a word (see ``consult``).
_vocabulary: Mapping[str, str] = {}
_stemmer: Callable[[str], str] | None = None


def _nltk_stem(word: str) -> str:
    global _stemmer
    if _stemmer is None:
        # Imported here, not at module level: see the module docstring.
        from nltk.stem.snowball import SnowballStemmer

        _stemmer = SnowballStemmer("english").stem
    if word.endswith("ification"):
        word = word[: -len("ification")] + "ify"
    elif word.endswith("ifications"):
        word = word[: -len("ifications")] + "ify"
    return _stemmer(word)


def stem(word: str) -> str:
    """Stem one lower-case word, memoised.

    >>> stem("expectations") == stem("expected")
    True
    """
    try:
        return _stems[word]
    except KeyError:
        result = _stems[word] = _vocabulary.get(word) or _nltk_stem(word)
        return result


def known_stems() -> Mapping[str, str]:
    """The memo table: every word stemmed so far in this process."""
    return _stems


def preload_stems(table: dict[str, str]) -> None:
    """Seed the memo table with an index's whole vocabulary (an incremental build).

    An empty memo takes the table itself rather than a copy: at 10,000 articles
    it holds some 84,000 words.
    """
    global _stems
    if _stems:
        _stems.update(table)
    else:
        _stems = table


def consult(vocabulary: Mapping[str, str]) -> None:
    """Look words up in ``vocabulary`` before stemming them (a query).

    Unlike ``preload_stems``, nothing is read now: a query looks up only its
    own words.
    """
    global _vocabulary
    _vocabulary = vocabulary


def learn_stems(text: str) -> None:
    """Put the stem of every word of ``text`` in the memo table, without tokens.

    The same words as ``iter_words`` yields, found with one ``findall`` per
    text: used when analysis itself runs in other processes, so that the memo
    (and the index's ``vocabulary.txt``) still holds the whole vocabulary.
    """
    memo = _stems
    for word in set(_WORD_RE.findall(normalize_quotes(text))):
        if len(word) > MAX_TOKEN_CHARS:
            continue
        for start, end in split_glued(word):
            part = word[start:end].lower()
            if part not in memo:
                stem(part)


def analyze(text: str) -> list[str]:
    """The terms that ``text`` is indexed (or queried) as.

    >>> analyze("Lei Jun\u2019s word-of-mouth")
    ['lei', 'jun', 'word', 'of', 'mouth']
    """
    return [stem(word.lower()) for word, _, _ in iter_words(text)]


# --- the Whoosh analyzer (names are pickled into indexes: never rename) ----------


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
    """Whoosh filter: lower-case, then the memoised NLTK Snowball stem."""

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        memo = _stems
        for token in tokens:
            word = token.text.lower()
            token.text = memo.get(word) or stem(word)
            yield token


def article_analyzer() -> Any:
    """The analyzer for every text field of the index."""
    return ArticleTokenizer() | NltkStemFilter()
