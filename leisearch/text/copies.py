"""Copies: the same paragraph or quotation in several articles (syndication, reposts).

Two fingerprints, pure functions of the text:

* ``copy_key``: the exact copy. The text's words, case-folded, with quote marks
  and punctuation left out, hashed (64 bits, 16 hex digits: CRC-32 and
  Adler-32, from ``zlib``, which queries import anyway: ``hashlib`` would cost
  each one 5 ms). A reposted paragraph with other quote marks, spacing or line
  breaks has the same key. The index keeps the key of every paragraph of
  ``MIN_COPY_WORDS`` words or more (``store.tables``), so the copies of a hit
  are one look-up away; shorter paragraphs ("He said.", "Advertisement") are
  too common to be copies of anything in particular. No defence against a
  collision made on purpose, and none needed: the worst is a wrong "also in".
* ``near_copies``: a near copy, a syndicated paragraph with a word or two
  changed ("on Tuesday" for "Tuesday", a corrected name): word pairs (2-shingles)
  whose overlap (Dice: twice the shared pairs over all pairs) is ``NEAR`` or
  more. Found among a query's candidates, where the copies of a relevant
  paragraph are, since they score alike.

>>> a, b = '"We will win," she said today.', "\u201cWe will  win,\u201d she said today"
>>> copy_key(a) == copy_key(b)
True
>>> copy_key("The council voted on Tuesday to close the library.") == copy_key(
...     "the council voted on tuesday -- to close the library")
True
"""

from __future__ import annotations

import itertools
import re
import zlib

from .words import normalize_quotes

#: Fewer words than this and a paragraph has no copy key.
MIN_COPY_WORDS = 6
#: Two paragraphs whose word pairs overlap this much (Dice) are near copies.
NEAR = 0.8
_WORD = re.compile(r"\w+")
_MODIFIER_APOSTROPHE = "\u02bc"


def words_of(text: str) -> list[str]:
    """The case-folded words of ``text``, punctuation and quote marks left out.

    >>> words_of("Lei Jun\u2019s \u201cdream\u201d, don\u02bct"), words_of("\u0149 x")
    (['lei', 'jun', 's', 'dream', 'don', 't'], ['\u02bcn', 'x'])
    """
    # Of the quote marks ``normalize_quotes`` maps, only the modifier letter apostrophe
    # is a word character; mapping the rest (a slow ``translate`` on every paragraph a
    # query folds) changes no word. Casefolding comes after, as in ``normalize_quotes``
    # and then ``casefold``: it makes a word's apostrophe of "\u0149".
    if _MODIFIER_APOSTROPHE in text:
        text = normalize_quotes(text)
    return _WORD.findall(text.casefold())


def text_key(text: str) -> str:
    """The fingerprint of ``text``'s words, however long (a quotation's copies are the
    same words by the same speaker).

    >>> text_key("No, never.") == text_key("no -- never")
    True
    """
    return key_of(words_of(text))


def key_of(words: list[str]) -> str:
    """The fingerprint of a list of words (see ``words_of``)."""
    data = " ".join(words).encode("utf-8")
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


def copy_key(text: str) -> str | None:
    """The exact-copy fingerprint of a paragraph; ``None`` for fewer than
    ``MIN_COPY_WORDS`` words.

    >>> copy_key("Short one.") is None
    True
    >>> len(copy_key("one two three four five six") or "")
    16
    """
    words = words_of(text)
    return key_of(words) if len(words) >= MIN_COPY_WORDS else None


def shingles(text: str) -> frozenset[tuple[str, ...]]:
    """The word pairs of ``text`` (its words, for a text of one word)."""
    words = words_of(text)
    if len(words) < 2:
        return frozenset((w,) for w in words)
    return frozenset(itertools.pairwise(words))


def similarity(a: frozenset[tuple[str, ...]], b: frozenset[tuple[str, ...]]) -> float:
    """Dice overlap of two shingle sets: twice what they share over what they hold.

    >>> a = shingles("the mayor said the bridge would reopen in the spring")
    >>> b = shingles("the mayor said the bridge would reopen next spring")
    >>> round(similarity(a, b), 2)
    0.71
    """
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def near_copies(a: str, b: str) -> bool:
    """Whether two texts of ``MIN_COPY_WORDS`` words or more are near copies.

    >>> near_copies("The council voted on Tuesday to close the old library on Main Street.",
    ...             "The council voted Tuesday to close the old library on Main Street.")
    True
    >>> near_copies("The council voted on Tuesday to close the library.",
    ...             "The mayor asked on Monday to keep the library open.")
    False
    """
    if len(words_of(a)) < MIN_COPY_WORDS or len(words_of(b)) < MIN_COPY_WORDS:
        return False
    return similarity(shingles(a), shingles(b)) >= NEAR
