"""Organisations, acronyms and the roles written around a name.

**Organisations** (``organisations``, ``defined_acronyms``) are capitalised
runs with an organisation word, a legal suffix or prefix (``Inc.``, ``PT``),
an ``&``, or a company noun before them (``the utility Cascade Power &
Light``); ``Long Name (ABBR)`` makes ABBR an alias of the long name when it
spells the initials of its capitalised words.
"""

from __future__ import annotations

import re

from .names import ADJECTIVE, NAME_WORD, person_of
from .sentences import word_before
from .words import (
    COMPANY_NOUNS,
    CORPORATE_PREFIXES,
    CORPORATE_SUFFIXES,
    FUNCTION_WORDS,
    MONTHS,
    ORG_WORDS,
    PEER_TITLES,
    TIME_WORDS,
    TITLE_ABBREVIATIONS,
    UPPER,
    WEEKDAYS,
)

_ORG_RUN = re.compile(
    NAME_WORD + r"\.?(?:[ \t]+(?:(?:of|for|and|&|on)[ \t]+)?" + NAME_WORD + r"\.?)*"
)


def organisations(text: str) -> list[tuple[int, str, bool]]:
    """``(start, name, corporate)`` for each organisation named in ``text``.

    An organisation is a capitalised run (``of``, ``for``, ``and``, ``&``
    allowed inside) with an organisation word in it or a corporate suffix at
    its end; a leading ``The`` and compound adjectives go, and so does the
    suffix. It is a company (``corporate``) with a legal suffix or prefix
    (``Inc.``, ``PT``), or right after a company noun (``the utility``). A
    run joined by ``&`` is an organisation whatever its words.

    >>> organisations("The Geneva-based Centre for Humanitarian Mediation said so.")
    [(17, 'Centre for Humanitarian Mediation', False)]
    >>> organisations("Brightwell Foods Inc. said it would cut jobs.")
    [(0, 'Brightwell Foods', True)]
    >>> organisations("The utility Cascade Power & Light said so.")
    [(12, 'Cascade Power & Light', True)]
    >>> organisations("Housing charity Roofline said so.")
    [(16, 'Roofline', True)]
    >>> organisations("Labour MP Rachel Hartigan said so.")
    []
    >>> organisations("He was fired from the network Wednesday.")  # a day, not a company
    []
    """
    found = []
    for match in _runs(text):
        words = _before_a_time(match.group().split())
        start = match.start()
        while words and (words[0].lower() in FUNCTION_WORDS or ADJECTIVE.search(words[0])):
            start = text.index(words[1], start) if len(words) > 1 else start
            words.pop(0)
        corporate = word_before(text, start) in COMPANY_NOUNS
        if len(words) > 2 and words[0] in CORPORATE_PREFIXES:
            start = text.index(words[1], start)
            words.pop(0)
            corporate = True
        while words and words[-1].lower() in CORPORATE_SUFFIXES:
            words.pop()
            corporate = True
        while words and words[-1].lower() in {"of", "for", "and", "&", "on"}:
            words.pop()
        if not words or (len(words) < 2 and not corporate):
            continue  # one word is an organisation only after its noun ("charity Roofline")
        if all(w.lower().rstrip(".") in TIME_WORDS | MONTHS for w in words):
            continue  # "fired from the network Wednesday": a day, after the noun
        if not (corporate or "&" in words or any(w.lower() in ORG_WORDS for w in words)):
            continue
        named = person_of(" ".join(words))
        if named and len(named[0].split()) >= 2 and not corporate:
            continue  # "Labour MP Rachel Hartigan": a titled person, not the Labour party
        found.append((start, " ".join(words).rstrip("."), corporate))
    return found


def _before_a_time(words: list[str]) -> list[str]:
    """The words of a run up to an ``on`` before a day or a month: "The Times on
    Saturday wrote" names the Times, "the Council on Foreign Relations" keeps its "on".

    >>> _before_a_time("The Times on Saturday".split()), _before_a_time(["Council", "on", "May"])
    (['The', 'Times'], ['Council'])
    """
    for at, word in enumerate(words[:-1]):
        if word == "on" and words[at + 1].lower().rstrip(".") in WEEKDAYS | MONTHS:
            return words[:at]
    return words


#: A legal suffix and "and" inside a run: two companies ("Acme Corp. and Globex Inc.").
_BETWEEN_COMPANIES = re.compile(r"\b(?:Inc|Corp|Ltd|LLC|plc|Co)\.[ \t]+(?:and|&)[ \t]+")


def _runs(text: str) -> list[re.Match[str]]:
    """The organisation-like runs of ``text``, split between two companies."""
    runs: list[re.Match[str] | None] = []
    for match in _ORG_RUN.finditer(text):
        at = match.start()
        for between in _BETWEEN_COMPANIES.finditer(text, at, match.end()):
            cut = text.index(".", between.start()) + 1  # the first company keeps its suffix
            runs.append(_ORG_RUN.match(text, at, cut))
            at = between.end()
        runs.append(match if at == match.start() else _ORG_RUN.match(text, at, match.end()))
    return [run for run in runs if run is not None]


_DEFINED_ACRONYM = re.compile(
    rf"((?:[{UPPER}][\w'\u2019.-]*[ \t]+(?:(?:[a-z]{{1,4}}|&)[ \t]+)*){{1,8}})\(([A-Z]{{2,6}})\)"
)


def defined_acronyms(text: str) -> dict[str, str]:
    """``{ABBR: Long Name}`` for each ``Long Name (ABBR)`` in ``text``.

    The acronym must spell the initials of the name's capitalised words
    (small words such as ``ng`` or ``of`` may sit between them).

    >>> defined_acronyms("The decision by the Bangko Sentral ng Pilipinas (BSP) was expected.")
    {'BSP': 'Bangko Sentral ng Pilipinas'}
    >>> defined_acronyms("He met Anna Lee (CEO) today.")
    {}
    """
    found: dict[str, str] = {}
    if "(" not in text:
        return found
    for match in _DEFINED_ACRONYM.finditer(text):
        words, abbr = match.group(1).split(), match.group(2)
        for k in range(len(words)):
            initials = "".join(w[0] for w in words[k:] if w[0].isupper())
            if initials == abbr and words[k][0].isupper():
                found[abbr] = " ".join(words[k:])
                break
    return found


_ROLE_BEFORE = re.compile(r"((?:[\w'\u2019.\u2024-]+[ \t]+){1,6})$")


_APPOSITIVE = re.compile(r"^,[ \t]+(?:a|an|the|its|their|our)[ \t]+([^,.;:\n]{1,80})")


#: A role before a name, set off by a comma: "A PulseTrack spokesperson, Jordan Ellery",
#: "Kestrel Labs' chief executive, Tom Adair".
_ROLE_OPENING = re.compile(
    r"(?:\b(?:a|an|the|[Aa]n?|The)|['\u2019]s?)[ \t]+([^,.;:\n]{1,60}),[ \t]*$"
)


def role_words(text: str, start: int, end: int) -> frozenset[str]:
    """Lower-case words naming the role of the person at ``text[start:end]``.

    They are the words right before the name (``Health Commissioner``,
    ``authority spokesperson``), an appositive after it (``, a researcher at``)
    or one before it (``A PulseTrack spokesperson, Jordan Ellery``).

    >>> sorted(role_words("Mayor Adaeze Obi spoke.", 0, 16))
    ['adaeze', 'mayor', 'obi']
    >>> "percussionist" in role_words("Doudou, the Senegalese percussionist, sang.", 0, 6)
    True
    """
    words: set[str] = set()
    head = text[max(0, start - 80) : start]
    cut = max(head.rfind(". "), head.rfind("\u201d"), head.rfind('"'))
    head = head[cut + 1 :]
    opening = _ROLE_OPENING.search(head)
    if opening:
        words.update(opening.group(1).split())
    else:
        before = _ROLE_BEFORE.search(head)
        if before:
            for word in reversed(before.group(1).split()):
                if word.lower() in FUNCTION_WORDS or word.endswith(","):
                    break
                words.add(word)
    words.update(text[start:end].split())  # titles inside the run ("Health Commissioner")
    after = _APPOSITIVE.match(text[end : end + 90])
    if after:
        words.update(after.group(1).split())
    found = {TITLE_ABBREVIATIONS.get(w, w) for w in (w.lower().strip("\u2024.") for w in words)}
    if found & PEER_TITLES and not found & _LORD_OFFICES:  # "Lord Ashworth" is "the peer"
        found.add("peer")
    return frozenset(found)


#: Offices that a "Lord" opens without a peerage (``Lord Mayor``, ``Lord Justice``).
_LORD_OFFICES = frozenset({"mayor", "justice", "provost", "advocate", "chancellor", "chief"})
