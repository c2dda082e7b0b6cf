"""Sentences inside a paragraph, with abbreviation dots that end none.

Abbreviation dots (``Mr.``, ``Ms.``, ``Gov.`` …) are swapped for a look-alike
character of the same length (``MASK``), so ``"…" Ms. Krishnan said`` matches a
cue and ends no sentence, and every character offset still holds.
"""

from __future__ import annotations

import re

from .words import (
    ABBREVIATIONS,
    FINAL_PUNCT,
    MASK,
    QUOTE_CHARS,
    TITLE_ABBREVIATIONS,
    TITLE_WORDS,
    UPPER,
    wordlist,
)

TITLE_ABBREVIATION_WORDS = frozenset(wordlist("Mr Mrs Ms Mx Dr Prof Jr Sr St")) | {
    a.capitalize() for a in TITLE_ABBREVIATIONS
}


_DOT_SPACE = re.compile(r"\.(?=[ \t])")
#: Given names written short before the rest of a name (``Ma. Cristina``, Filipino
#: papers' ``Maria``; ``Wm.``, ``Chas.``).
_GIVEN_NAME_ABBREVIATIONS = frozenset(wordlist("Ma Wm Chas Jas Thos Geo Benj"))
#: A capitalised word right before (``Jack Ma.``: a surname that ends its sentence).
_CAPITALISED_BEFORE = re.compile(r"([A-Z][\w'\u2019.-]*)[ \t]+$")


def _opens_a_name(text: str, start: int) -> bool:
    """Whether the word at ``start`` may open a name: no capitalised word before it, or a
    title (``Deputy Governor Ma. Cristina``; not ``Jack Ma. Daniel``)."""
    before = _CAPITALISED_BEFORE.search(text, max(0, start - 30), start)
    return before is None or before.group(1).rstrip(".").lower() in TITLE_WORDS


#: A given name and a surname, or an initial, after (``Ma. Cristina S. Buenaventura``).
_FULL_NAME_AFTER = re.compile(r"[ \t]+[A-Z][a-z]+[ \t]+[A-Z](?:[a-z]|\.)")
#: The abbreviations that end a name, and with it a sentence, before a quote mark.
_NAME_SUFFIXES = frozenset(wordlist("jr sr"))
_QUOTE_AFTER = re.compile(rf"[ \t]+[{QUOTE_CHARS}]")


def mask_abbreviations(text: str) -> str:
    """Swap the dot of a title abbreviation for a look-alike, keeping every offset.

    Cue patterns and sentence splitting then read ``Ms. Krishnan`` as one name.

    >>> mask_abbreviations("said Mr. Lei.") == "said Mr\u2024 Lei."
    True
    >>> mask_abbreviations("J.J. Abrams and Jeffrey M. Jones.").count("\u2024")
    3
    >>> mask_abbreviations("Justice B. N. Sriraman said.").count("\u2024")
    2
    >>> mask_abbreviations('said Tom Roe Jr. "Go."') == 'said Tom Roe Jr. "Go."'
    True
    """
    chars: list[str] | None = None
    if "\u00a0" in text:  # a no-break space ("Sen.\u00a0Sanders") reads as a space
        text = text.replace("\u00a0", " ")
    for match in _DOT_SPACE.finditer(text):  # dots are few; look back from each
        end = match.start()
        start = end
        while start > 0 and text[start - 1].isalpha():
            start -= 1
        word = text[start:end]
        if start > 0 and text[start - 1].isalnum():
            continue
        if word.lower() in _NAME_SUFFIXES and _QUOTE_AFTER.match(text, end + 1):
            continue  # 'said Tom Roe Jr. "They walked past…"': the sentence ends there
        if word in TITLE_ABBREVIATION_WORDS or (
            word in _GIVEN_NAME_ABBREVIATIONS
            and _opens_a_name(text, start)
            and _FULL_NAME_AFTER.match(text, end + 1)
        ):
            chars = chars if chars is not None else list(text)
            chars[end] = MASK
        elif len(word) == 1 and word.isupper() and _name_after(text, end + 1):
            # Initials before a name: "Jeffrey M. Jones", "J.J. MacNab", "B. N. Sriraman".
            chars = chars if chars is not None else list(text)
            chars[end] = MASK
            while start >= 2 and text[start - 1] == "." and text[start - 2].isupper():
                start -= 2
                chars[start + 1] = MASK
    return text if chars is None else "".join(chars)


#: A capital then a letter after white space: a name may follow (``Juan C. Pérez``).
_NAME_AFTER = re.compile(rf"[ \t]+[{UPPER}]([^\W\d_])")


def _name_after(text: str, at: int) -> bool:
    """Whether a capitalised word starts after the white space at ``at`` (``Jones``,
    ``Núñez``, ``Élodie``; not ``AP`` or ``US``), or another initial before one."""
    found = _NAME_AFTER.match(text, at)
    # (the next initial is masked in its turn, when a name follows it: one look ahead
    # each, never the whole run of initials, which a hostile text may make long)
    return (found is not None and found.group(1).islower()) or bool(_INITIAL_AFTER.match(text, at))


#: Another initial after white space, before a capital (``B. N. Sriraman``).
_INITIAL_AFTER = re.compile(rf"[ \t]+[{UPPER}]\.[ \t]+[{UPPER}]")


def is_heading(text: str) -> bool:
    bare = text.rstrip().rstrip(QUOTE_CHARS)
    return not bare or bare[-1] not in FINAL_PUNCT


SENTENCE_END = re.compile(r"[.!?\u2026]+[\"\u201d\u2019')]*\s+")
#: Initials (``D.C.``, ``U.N.``) end a sentence only when a capital follows.
_INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]")


def ends_sentence(text: str, match: re.Match[str]) -> bool:
    """Whether a ``SENTENCE_END`` match ends a sentence, not an abbreviation or an initial.

    >>> [ends_sentence(t, SENTENCE_END.search(t)) for t in ("in the U.S. today", "George W. Bush")]
    [False, False]
    """
    at = match.start()
    word = word_before(text, at).strip("\"'\u201c\u201d(")
    if word.lower() in _NAME_SUFFIXES and text[match.end() : match.end() + 1] in QUOTE_CHARS:
        return True  # 'said Tom Roe Jr. "They walked past…"'
    if word in ABBREVIATIONS or text[at] != ".":
        return word not in ABBREVIATIONS
    if len(word) == 1 and text[at - 1].isupper():  # a middle initial: "George W. Bush"
        return False
    follows = text[match.end() : match.end() + 1]
    # "in Washington, D.C. last week", "Sen. Chris Murphy (D-Conn.) said": no end when
    # initials or a bracket close before a lower-case word.
    initials = _INITIALS.fullmatch(word) or ")" in match.group()
    return not (initials and follows.islower())


def sentence_starts(text: str) -> list[int]:
    """Where each sentence of ``text`` starts.

    >>> sentence_starts("Mr\u2024 Lei spoke. He said it in Washington, D.C. last week.")
    [0, 15]
    """
    return [0] + [m.end() for m in SENTENCE_END.finditer(text) if ends_sentence(text, m)]


def sentence_start(text: str, pos: int, floor: int = 0) -> int:
    """Where the sentence holding ``pos`` starts (not before ``floor``).

    >>> text = "Mr. Lei spoke. He said it."
    >>> text[sentence_start(text, 20):]
    'He said it.'
    """
    start = floor
    for match in SENTENCE_END.finditer(text, floor, pos):
        if ends_sentence(text, match):
            start = match.end()
    return start


def next_sentence_end(text: str, pos: int) -> int:
    for match in SENTENCE_END.finditer(text, pos):
        if ends_sentence(text, match):
            return match.start() + 1
    return len(text)


def word_before(text: str, end: int) -> str:
    """The lower-cased word ending at ``end``; looks back a few characters only,
    so that a paragraph of a million characters is not copied for each sentence."""
    words = text[max(0, end - 40) : end].rsplit(None, 1)
    return words[-1].lower() if words else ""
