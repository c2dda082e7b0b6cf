"""Words: how text is cut into the words that are indexed and searched.

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

Stemming is the next step (``stemming``), which also folds accents
(``fold_accents``: *café* is searched as *cafe*, *Zoë* as *Zoe*). Pure functions
and constants only.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

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
#: ``_QUOTES`` as (mark, its ASCII quote) pairs: a ``str.replace`` for each mark a text
#: holds, each a scan in C, is many times quicker than ``translate``, which looks every
#: character up (a build normalises every paragraph, a query every one it shows). The
#: ASCII quotes are no mark's, so the order of the replacements does not matter.
_QUOTE_MARKS = tuple((chr(code), str(plain)) for code, plain in _QUOTES.items())

WORD_RE = re.compile(r"\w+(?:['&]\w+)*")
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
    if text.isascii():  # (of the marks, only the backtick is ASCII)
        return text.replace("`", "'") if "`" in text else text
    for mark, plain in _QUOTE_MARKS:
        if mark in text:
            text = text.replace(mark, plain)
    return text


#: Letters that Unicode does not decompose into a plain letter and an accent, as a reader
#: of English types them: ``Łukasz`` is found as *Lukasz*, ``Søren Ødegård`` as *Soren
#: Odegard*, ``Straße`` as *Strasse*.
_UNDECOMPOSED = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "ħ": "h",
        "Ħ": "H",
        "\u0131": "i",  # dotless i
        "ŀ": "l",
        "Ŀ": "L",
        "ŧ": "t",
        "Ŧ": "T",
        "æ": "ae",
        "Æ": "Ae",
        "œ": "oe",
        "Œ": "Oe",
        "ß": "ss",
        "ẞ": "Ss",
        "þ": "th",
        "Þ": "Th",
    }
)


def fold_accents(text: str) -> str:
    """``text`` without accents, and with compatibility forms (ligatures, full-width
    letters) and the letters Unicode does not decompose (``_UNDECOMPOSED``) spelt out:
    what a user who types without them means.

    >>> fold_accents("Café crème, Zoë, \ufb01nal, \uff38"), fold_accents("plain")
    ('Cafe creme, Zoe, final, X', 'plain')
    >>> fold_accents("Łukasz, Søren Ødegård, Straße, Þórsson, Æsir")
    'Lukasz, Soren Odegard, Strasse, Thorsson, Aesir'
    """
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return plain.translate(_UNDECOMPOSED)


def split_glued(word: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the parts of a possibly glued word.

    >>> [("TeslaIt")[s:e] for s, e in split_glued("TeslaIt")]
    ['Tesla', 'It']
    >>> [("iPhone")[s:e] for s, e in split_glued("iPhone")]
    ['iPhone']
    """
    rest = word[1:]
    if rest == rest.lower() or not _HAS_INNER_UPPER.search(word):
        return [(0, len(word))]  # no capital after the first letter: nothing glued
    cuts = [m.start() for m in _GLUE_RE.finditer(word)]
    bounds = [0, *cuts, len(word)]
    return [(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1)]


def glued_parts(text: str) -> set[tuple[int, int]]:
    """``(start, end)`` of every word of ``text`` that is a part of a glued word, as
    ``iter_words`` gives them (``Play`` and ``Station`` of ``PlayStation``).

    >>> text = "A PlayStation station"
    >>> sorted(text[s:e] for s, e in glued_parts(text))
    ['Play', 'Station']
    """
    parts: set[tuple[int, int]] = set()
    if not _GLUE_RE.search(text):
        return parts
    for match in WORD_RE.finditer(normalize_quotes(text)):
        word = match.group()
        if len(word) <= MAX_TOKEN_CHARS:
            pieces = split_glued(word)
            if len(pieces) > 1:
                parts.update((match.start() + s, match.start() + e) for s, e in pieces)
    return parts


def word_set(text: str) -> set[str]:
    """The distinct lower-cased words of ``text``: the words of ``iter_words``, found
    with one ``findall`` (a build counts the texts that hold each word).

    >>> sorted(word_set("Ideal AutoIt: the ideal car"))
    ['auto', 'car', 'ideal', 'it', 'the']
    """
    found = {
        word for word in WORD_RE.findall(normalize_quotes(text)) if len(word) <= MAX_TOKEN_CHARS
    }
    # Most words hold no capital after their first letter: ``split_glued`` keeps them whole.
    whole = {word for word in found if (rest := word[1:]) == rest.lower()}
    words = {word.lower() for word in whole}
    for word in found - whole:
        words.update(word[start:end].lower() for start, end in split_glued(word))
    return words


def words_in(text: str) -> list[str]:
    """The words of ``iter_words``, without their places: what an index's analyser
    needs of each paragraph, found with one ``findall``.

    >>> words_in("Ideal AutoIt: the ideal car")
    ['Ideal', 'Auto', 'It', 'the', 'ideal', 'car']
    """
    words = []
    for word in WORD_RE.findall(normalize_quotes(text)):
        if len(word) > MAX_TOKEN_CHARS:
            continue
        rest = word[1:]
        if rest == rest.lower():  # (``split_glued``'s own first test, without the call)
            words.append(word)
        else:
            words.extend(word[start:end] for start, end in split_glued(word))
    return words


def iter_words(text: str) -> Iterator[tuple[str, int, int]]:
    """Yield ``(word, start, end)`` for each word, glued words split, case kept."""
    normalized = normalize_quotes(text)
    for match in WORD_RE.finditer(normalized):
        word = match.group()
        if len(word) > MAX_TOKEN_CHARS:
            continue
        rest = word[1:]
        if rest == rest.lower():  # (``split_glued``'s own first test, without the call)
            yield word, match.start(), match.end()
            continue
        base = match.start()
        for start, end in split_glued(word):
            yield word[start:end], base + start, base + end
