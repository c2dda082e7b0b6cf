"""Copies: the same paragraph or quotation in several articles (syndication, reposts).

Pure functions of the text:

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
* ``print_of``: what folding compares of a paragraph (``Print``): its exact-copy
  key, its word pairs by hash, and a sketch of them. It is made at index time
  (``print_bytes``, a few bytes a word pair) and read back at query time
  (``print_from``): making it from the text was most of a query's cost where
  hundreds of candidates are copies. A pair's hash is CRC-32 of the two words,
  the same in every process (Python's ``hash`` of a string is not), so a
  stored print and one made from the text are the same.

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
import struct
import zlib
from collections.abc import Iterable
from typing import NamedTuple

from .words import STOP_WORDS, normalize_quotes

#: Fewer words than this and a paragraph has no copy key.
MIN_COPY_WORDS = 6
#: Two paragraphs whose word pairs overlap this much (Dice) are near copies.
NEAR = 0.8
#: How many of a paragraph's word pairs find the earlier candidates to compare it with.
SKETCH = 8
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
    return _fingerprint(words).hex()


def _fingerprint(words: list[str]) -> bytes:
    """``key_of`` as 8 bytes: CRC-32 and Adler-32 of the words, big-endian."""
    return _key(" ".join(words))


def _key(joined: str) -> bytes:
    """``_fingerprint`` of words already joined by spaces."""
    data = joined.encode("utf-8")
    return struct.pack(">II", zlib.crc32(data), zlib.adler32(data))


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


class Print(NamedTuple):
    """What folding compares of a paragraph."""

    #: The exact-copy fingerprint ("" for a paragraph too short to have one).
    key: str
    #: Its word pairs, each by its hash (none for a paragraph too short to have a
    #: fingerprint): two sets of numbers intersect several times faster than two sets
    #: of pairs of words.
    pairs: frozenset[int]
    #: ``SKETCH`` of those hashes, of pairs not made of stop words only: those that
    #: ``scrambled`` puts first (a min-hash sketch), in order of their value.
    sketch: tuple[int, ...]


#: The print of a paragraph too short to be a copy of anything.
NO_PRINT = Print("", frozenset(), ())
#: A stored print's key: CRC-32 and Adler-32 (``key_of``), 8 bytes.
_KEY_BYTES = 8


def print_of(text: str) -> Print:
    """A paragraph's ``Print``.

    >>> p = print_of("The council voted on Tuesday to close the old library.")
    >>> len(p.key), len(p.pairs), len(p.sketch)
    (16, 9, 8)
    >>> print_of("Short one.") == NO_PRINT
    True
    """
    return print_from(print_bytes(text))


def pair_hashes(words: list[str], joined: str | None = None) -> list[int]:
    """Each pair of neighbouring words by its hash: CRC-32 of the two words and a space
    between (so ``ab c`` and ``a bc`` differ), the same in every process. ``joined``:
    the words joined by spaces, if made already.

    >>> pair_hashes(["word", "of", "mouth"]) == [zlib.crc32(b"word of"), zlib.crc32(b"of mouth")]
    True
    """
    joined = " ".join(words) if joined is None else joined
    data = joined.encode("utf-8")
    # Each pair is a slice of the joined words: one CRC each, not three. Where each word
    # starts, in bytes (a character is a byte if every one is), and past the last.
    sizes = map(len, words) if len(data) == len(joined) else (len(w.encode()) for w in words)
    starts = [0, *itertools.accumulate(size + 1 for size in sizes)]
    pairs = zip(starts[:-2], starts[2:], strict=True)
    return [zlib.crc32(data[start : after - 1]) for start, after in pairs]


def _sketch(hashes: set[int]) -> list[int]:
    """The ``SKETCH`` hashes that ``scrambled`` puts first (a build makes a print of
    every paragraph: no call for each hash)."""
    keyed = _scrambled_with(hashes)
    keyed.sort()  # (``scrambled`` is a bijection: no two keys tie)
    return [h for _, h in keyed[:SKETCH]]


def scrambled(h: int) -> int:
    """A pair's hash in another order (MurmurHash3's 32-bit finaliser, a bijection), by
    which the sketch is chosen. A sketch is a min-hash: it wants an order like a random
    one, and CRC-32 is linear, so the pairs that come first by their CRC are no
    sample: on the seeds, "lei jun" was in the sketch of 86 paragraphs of 163, and a
    query compared every candidate with every earlier one that held it.

    >>> scrambled(0), scrambled(1)
    (0, 1364076727)
    """
    return _scrambled_with((h,))[0][0]


def _scrambled_with(hashes: Iterable[int]) -> list[tuple[int, int]]:
    """``(scrambled(h), h)`` for each hash, the finaliser written out once."""
    keyed = []
    for h in hashes:
        x = h ^ (h >> 16)
        x = (x * 0x85EBCA6B) & 0xFFFFFFFF
        x ^= x >> 13
        x = (x * 0xC2B2AE35) & 0xFFFFFFFF
        keyed.append((x ^ (x >> 16), h))
    return keyed


def print_bytes(text: str) -> bytes:
    """A paragraph's ``Print`` as the index keeps it (empty for a short paragraph): the
    key's 8 bytes, the sketch's length (a byte), then the sketch's hashes and the other
    pairs' hashes, each part sorted, 4 bytes each, big-endian. A build makes one for
    every paragraph, so it is made directly, not through a ``Print``.

    >>> print_bytes("Short one."), len(print_bytes("one two three four five six"))
    (b'', 29)
    """
    words = words_of(text)
    if len(words) < MIN_COPY_WORDS:
        return b""
    joined = " ".join(words)
    hashes = pair_hashes(words, joined)
    # Pairs of stop words ("of the") are in most paragraphs: they would find every one.
    stops = [word in STOP_WORDS for word in words]
    worth = {
        h for h, (a, b) in zip(hashes, itertools.pairwise(stops), strict=True) if not (a and b)
    }
    sketch = sorted(_sketch(worth))
    # Sorted, so that a text's print is the same bytes in every process.
    pairs = sorted(set(hashes).difference(sketch))
    return _key(joined) + struct.pack(
        f">B{len(sketch) + len(pairs)}I", len(sketch), *sketch, *pairs
    )


def print_from(data: bytes) -> Print:
    """The ``Print`` that ``print_bytes`` made."""
    if len(data) <= _KEY_BYTES:
        return NO_PRINT
    size = data[_KEY_BYTES]
    values = struct.unpack_from(f">{(len(data) - _KEY_BYTES - 1) // 4}I", data, _KEY_BYTES + 1)
    # The sketch's pairs are stored once, in the sketch.
    return Print(data[:_KEY_BYTES].hex(), frozenset(values), values[:size])
