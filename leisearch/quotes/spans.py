"""Quotation stage 1: the top-level quoted spans of a paragraph.

1. **Candidates** (``find_candidates``). One left-to-right scan with a stack of
   open quote marks. Curly marks are directional (``“`` opens, ``”`` closes);
   a straight ``"`` opens when it is outside any quote, or when it sits at a
   word start inside a curly quote (a nested quote), and closes otherwise, so
   the mismatched pairs of scraped text (``“ … "`` and ``" … ”``) pair up. A
   double quote left open runs to the end of its paragraph. Single marks
   (``‘ ’ '``) are only quote marks at the top level, when they open at a word
   start and close at a word end: ``Xiaomi’s`` and ``users’ curiosity`` are
   apostrophes, and so is ``parents’ affairs`` inside a single-quoted span
   (an ``s’`` before a lower-case word) when the next single mark closes
   after punctuation (``… You did not.’``). A single mark left open is an
   apostrophe, unless it opens its paragraph or a sentence, before a capital: then,
   as a double mark, it runs to the paragraph's end (a quotation over several
   paragraphs, in single marks). Only top-level spans are
   candidates: quotes nested inside a quote are part of its text and are
   never reported on their own.

   Two straight apostrophes stand for a double mark where a typewriter or a
   wire service wrote them so (the New York Times' archive: ``''We will
   win,'' she said.``): ``''`` at a word start, outside any quote, opens a
   double quote (``pair``), and ``''`` after a word closes it, as a closing
   ``’’`` closes any double quote.

   Guillemets are double marks: ``«`` opens and ``»`` closes (``angle``), or, where
   ``»`` comes first, the other way round (``reversed``: German ``»…«``). The spaces
   that French sets inside them (``« Oui »``) are not the quotation's.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from .words import (
    CURLY_CLOSE,
    CURLY_OPEN,
    GUILLEMET_CLOSE,
    GUILLEMET_OPEN,
    QUOTE_CHARS,
    SINGLE_CLOSE,
    SINGLE_OPEN,
    STRAIGHT,
)

_OPENERS_BEFORE = " \t\n([{\u2014\u2013-/"
#: The spaces French sets inside guillemets: a space, a no-break space, a narrow one.
_GUILLEMET_SPACES = " \u00a0\u202f"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A top-level quoted span: ``text[start:end]`` are the words inside the marks.

    ``open_at`` is the index of the opening mark; ``close_at`` that of the
    closing mark (its second character for ``’’``), or ``len(text)`` for a quote
    left open.
    """

    start: int
    end: int
    open_at: int
    close_at: int
    closed: bool
    double: bool


LOW_OPEN = "\u201e"  # „


def _at_word_start(text: str, i: int) -> bool:
    before_ok = i == 0 or text[i - 1] in _OPENERS_BEFORE or text[i - 1] in QUOTE_CHARS
    return before_ok and i + 1 < len(text) and not text[i + 1].isspace()


#: A single quote's end after punctuation ("''Tis the season,' she said").
_SINGLE_END = re.compile(r"[,.!?;:]'(?:\s|$)")


def _pair_opens(text: str, i: int) -> bool:
    """Whether the straight apostrophes at ``i`` and ``i + 1`` open a quote: ``''`` at a
    word start, before a word (not a third mark), closed later in the paragraph by
    another ``''``, or left open to its end (a quotation that runs on) where no
    single quote ends after it: in ``''Tis the season,' she said`` the first mark is
    a single quote's and the second an elision's."""
    if not (
        text[i + 1 : i + 2] == "'"
        and _at_word_start(text, i)
        and i + 2 < len(text)
        and not text[i + 2].isspace()
        and text[i + 2] not in QUOTE_CHARS
    ):
        return False
    rest = text[i + 2 :]
    return "''" in rest or not _SINGLE_END.search(rest)


_POSSESSIVE_AFTER = re.compile(r"[ \t][a-z]")


_SINGLE_MARK = re.compile("[" + SINGLE_OPEN + SINGLE_CLOSE + "]")
_QUOTE_CHAR = re.compile("[" + re.escape(QUOTE_CHARS) + "]")


def _plural_possessive(text: str, i: int, marks: list[int]) -> bool:
    """Whether the ``’`` at ``i`` in ``parents’ affairs`` is an apostrophe, not a close.

    It follows an ``s`` and comes before a lower-case word, and the next single
    mark in the paragraph closes after punctuation (``… did not.’``) with no
    opening mark between.
    """
    if text[i - 1] not in "sS" or not _POSSESSIVE_AFTER.match(text, i + 1):
        return False
    k = bisect_right(marks, i)
    if k >= len(marks):
        return False
    j = marks[k]
    return text[j] in SINGLE_CLOSE and text[j - 1] in ",.!?;:"


def _scan(text: str, skip: set[int]) -> tuple[list[Candidate], int | None]:
    """One pass; returns candidates and the position of an unclosed single mark."""
    # Over 60 lines on purpose: one scan whose branches are the kinds of mark, all
    # reading and writing the same stack; split up, that state would go round in pieces.
    stack: list[tuple[str, int]] = []  # (kind, position); kind: curly, straight, single
    found: list[Candidate] = []
    marks: list[int] = []  # single marks that are not inside a word, for _plural_possessive
    for mark in _SINGLE_MARK.finditer(text):
        i = mark.start()
        inside = 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum()
        if not inside and i not in skip:
            marks.append(i)

    def emit(kind: str, pos: int, close: int, width: int = 1) -> None:
        if not stack:
            last = close + width - 1  # the closing mark's last character
            start, end = pos + _width(kind), close
            if kind in ("angle", "reversed"):  # ("« Oui »": the spaces are the marks')
                while start < end and text[start] in _GUILLEMET_SPACES:
                    start += 1
                while end > start and text[end - 1] in _GUILLEMET_SPACES:
                    end -= 1
            found.append(Candidate(start, end, pos, last, True, kind != "single"))

    def close_double(i: int, width: int = 1) -> None:
        while stack:
            kind, pos = stack.pop()
            if kind != "single":
                emit(kind, pos, i, width)
                return

    pair_at = -1  # the second mark of a closing pair (’’), already read
    for quote in _QUOTE_CHAR.finditer(text):  # (a loop over every character cost more)
        i, ch = quote.start(), quote.group()
        if i in skip or i == pair_at:
            continue
        has_double = any(kind != "single" for kind, _ in stack)
        inner = next((k for k, _ in reversed(stack) if k != "single"), None)
        if (
            ch in SINGLE_CLOSE
            and has_double
            and stack[-1][0] != "single"
            # ’’ closes any double quote, '' only a curly one ("I told him ''no''" nests)
            # or one that '' opened
            and text[i + 1 : i + 2] == ch
            and (ch != "'" or inner in ("curly", "pair"))
            and i > 0
            # a closing pair: ''no'' opens after a space; but "'No way,' ''" closes a
            # quote inside a quote, then the quote
            and (
                not text[i - 1].isspace()
                or (inner == "pair" and text[i - 2 : i - 1] in "'\u2019" and i > 1)
            )
            and not text[i + 2 : i + 3].isalnum()
        ):
            close_double(i, 2)  # two closing single marks close a double quote: “…’’
            pair_at = i + 1
        elif ch == "'" and not stack and _pair_opens(text, i):
            stack.append(("pair", i))  # ''…'': two apostrophes for a double mark
            pair_at = i + 1
        elif ch == GUILLEMET_OPEN:
            if inner == "reversed":
                close_double(i)
            else:
                stack.append(("angle", i))
        elif ch == GUILLEMET_CLOSE:
            if inner == "angle":
                close_double(i)
            elif inner is None:
                stack.append(("reversed", i))  # German »…«
        elif ch == LOW_OPEN:
            stack.append(("low", i))  # German „…“: closed by the mark that opens English
        elif ch in CURLY_OPEN and ch == "\u201c" and inner == "low":
            close_double(i)
        elif ch in CURLY_OPEN:
            stack.append(("curly", i))
        elif ch in CURLY_CLOSE:
            if has_double:
                close_double(i)
        elif ch in STRAIGHT:
            opening = _at_word_start(text, i)
            if inner is None:
                if opening or (i + 1 < len(text) and not text[i + 1].isspace()):
                    stack.append(("straight", i))
            elif inner in ("curly", "pair") and opening:
                stack.append(("straight", i))
            else:
                close_double(i)
        else:  # single marks: quote marks only at the top level
            if stack and stack[-1][0] == "single":
                nxt = text[i + 1] if i + 1 < len(text) else " "
                if _plural_possessive(text, i, marks):
                    continue
                if ch in SINGLE_CLOSE and not text[i - 1].isspace() and not nxt.isalnum():
                    _, pos = stack.pop()
                    emit("single", pos, i)
            elif (
                not stack
                and ch in SINGLE_OPEN
                and _at_word_start(text, i)
                and text[i + 1].isalnum()
            ):
                stack.append(("single", i))
    if stack:
        kind, pos = stack[0]
        if kind == "single" and not _opens_running_quote(text, pos):
            return found, pos
        end = len(text.rstrip())
        found.append(Candidate(pos + _width(kind), end, pos, len(text), False, True))
    return found, None


def _opens_running_quote(text: str, i: int) -> bool:
    """Whether a single mark left open opens a quotation that runs on into the next
    paragraph, as British papers write one over several paragraphs (each opens with ``‘``
    and only the last closes): it opens the paragraph or a sentence (``…, said: ‘I put
    in…``), before a capital."""
    return (
        text[i] in SINGLE_OPEN
        and text[i + 1 : i + 2].isupper()
        and (i == 0 or _SENTENCE_OPENS.search(text, max(0, i - 8), i) is not None)
        and not _ELISION.match(text, i + 1)
    )


#: Words that open with an apostrophe for letters left out (``‘Twas``, ``‘Til``, ``‘Nam``).
_ELISION = re.compile(r"(?i:twas|tis|til|till|tween|nam|cause|em|round)\b")


#: Where a sentence may open: the paragraph's start, or after a stop or a colon.
_SENTENCE_OPENS = re.compile(r"(?:^|[.:!?][\u2019\u201d'\"]?)\s*$")


def _width(kind: str) -> int:
    """How many characters a quote's opening mark takes: two for ``''``."""
    return 2 if kind == "pair" else 1


def find_candidates(text: str) -> list[Candidate]:
    """Top-level quoted spans of one paragraph, in order (stage 1).

    >>> [(c.start, c.end) for c in find_candidates('He said "hi there" and left')]
    [(9, 17)]
    """
    skip: set[int] = set()
    for _ in range(8):
        found, stray = _scan(text, skip)
        if stray is None:
            break
        skip.add(stray)  # an unclosed single mark is an apostrophe after all
    else:
        found = [c for c in found if c.double]
    return [c for c in found if text[c.start : c.end].strip()]
