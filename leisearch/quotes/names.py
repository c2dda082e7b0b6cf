"""People in capitalised runs: who a run of capitalised words is.

**People and mentions.** Every capitalised run of words in an article is
read as a possible name (``person_of``); capitals include accented ones
(``Øvergaard``, ``Íñigo``). Sentence-initial function words (``When``,
``Once``), compound adjectives (``Chennai-based``), possessors
(``Ethiopia’s``), honorifics and office titles (``Transport Minister``,
``Deputy Mayor``, abbreviated ``Gov.``, ``Sen.``, ``Supt.`` …) are dropped,
and a run after ``the``, ``a``, ``at`` or ``in`` is a place or a thing. What
is left is a person's name if it has at most four words besides particles
(``de la``), none of them a function word, an acronym or a number, and it
does not end in an organisation or place word (``Partners``, ``Research``,
``Foods``, ``Library`` …; not after a given name: ``Robert Plant``) or contain
``&``. Openers (``Speaking``, ``Instead``), days, nationalities, party words
and roles before a name (``Democrat``, ``Guitarist``, ``Labour MP``; a role no
list holds when its ending says it is one and a full name follows that opens
with a given name: ``Campaigner Ruth Abernethy``), letters after it (``QC``),
glued web text and places are no part of a name; initials are (``George W.
Bush``). A bare word (``Krishnan``, ``Ms. Krishnan``) stands
for the one full name in the same article that holds it; so does a surname
with its particle written in lower case (``said de la Cruz``). Given names and
their usual sex come from the 1990 US Census lists (``given_names.txt``), read
once when the module loads.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from importlib.resources import files
from types import MappingProxyType

from leisearch.kept import Kept
from leisearch.text.words import fold_accents

from .words import (
    EAST_ASIAN_SURNAMES,
    FUNCTION_WORDS,
    GENDER_OF_HONORIFIC,
    GENERATIONS,
    GROUP_NOUNS,
    HEADLINE_WORDS,
    IRISH_PARTICLES,
    MASK,
    MONTHS,
    NATIONALITIES,
    NOT_BEFORE_NAME,
    OFFICE_SUBJECTS,
    OPENERS,
    OPENING_TITLE_WORDS,
    ORG_WORDS,
    PARTICLE_SET,
    PARTICLES,
    PARTY_WORDS,
    PEER_TITLES,
    PLACES,
    POST_NOMINALS,
    REGNAL_TITLES,
    RUN_ROLES,
    SPEECH_VERBS,
    SURNAME_ORG_WORDS,
    TIME_WORDS,
    TITLE_ABBREVIATIONS,
    TITLE_WORDS,
    UPPER,
    WEEKDAYS,
    wordlist,
)

HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Prof|Professor|Sir|Madam|Mme|Mx)[.\u2024]?\s+", re.I)


#: The particles written joined to the surname, in lower case (``al-Hashimi``,
#: ``d'Estaing``).
JOINED_PARTICLES = "al|el|ad|as|ash|bin|ibn|abu|d"
#: Irish names mutate a surname's first letter after a particle (``Ó``, ``Ní``, ``Uí``,
#: ``an``): a letter before the capital (``Ó hAodha``, ``Mac an tSaoi``, ``Ó gCorráin``);
#: after any other word it is none (``mRNA``, ``Ann Roe mAb``).
IRISH_PREFIX = (
    r"(?:(?<=Ó )|(?<=Ò )|(?<=Ní )|(?<=Uí )|(?<=Ua )|(?<=an ))"
    rf"(?:[htnmgb]|bh|dt|gc|bp)(?=[{UPPER}][a-z\u00e0-\u00ff])"
)
#: A name word: capitalised, or a particle joined by a hyphen (``al-Hashimi``), or with
#: an Irish prefix.
NAME_PART = (
    rf"(?:[{UPPER}]|(?:{JOINED_PARTICLES})[-'\u2019][{UPPER}]|{IRISH_PREFIX}[{UPPER}])"
    r"[\w'\u2019.\u2024-]*"
)
#: The Irish particles that ``an`` may follow, before the surname (``Mac an tSaoi``).
_MAC = frozenset({"Mac", "Nic"})
#: ``an`` between those particles and the surname (``Mac an tSaoi``, ``Nic an Bhaird``).
IRISH_AN = r"(?<=" + "|".join(sorted(_MAC)) + r")[ \t]+an(?=[ \t])"


NAME = re.compile(
    rf"^[{UPPER}][\w'\u2019.\u2024-]*(?:(?:{IRISH_AN})?\s+(?:"
    + NAME_PART
    + "|"
    + PARTICLES
    + r")){0,6}$"
)


NAME_WORD = rf"[{UPPER}][\w'\u2019\u2024-]*"


#: The next word of a name: a name word, after any particles, or a middle initial
#: (``Roberta A. Kaplan``, ``George W. Bush``).
_NEXT_WORD = (
    rf"(?:{IRISH_AN})?[ \t]+(?:(?:"
    + PARTICLES
    + r")[ \t]+)*(?:[A-Z]\.(?=[ \t]+[A-Z])|"
    + NAME_PART.replace(".", "")
    + ")"
)


#: The first word of a run: a capitalised word, or initials before one (``J.J. Abrams``).
_FIRST_WORD = r"(?:(?:[A-Z]\.){1,3}(?=[ \t]+[A-Z])|" + NAME_WORD + ")"
#: A run of capitalised words (name particles allowed inside); runs never cross a line.
_CAP_RUN = re.compile(_FIRST_WORD + "(?:" + _NEXT_WORD + ")*")


_CAP_RUN_MULTI = re.compile(_FIRST_WORD + "(?:" + _NEXT_WORD + ")+")


#: A lower-case role and a capitalised name right after a run (`` leader Raju Patil``):
#: the run is what the role is of.
_ROLE_BEFORE_NAME = re.compile(
    r"[ \t]+(?:leader|chief|founder|president|chairman|chairwoman|secretary"
    r"|spokesman|spokeswoman|spokesperson|director|boss|manager|convenor"
    r"|organiser|organizer|official|member|activist|lawmaker|candidate|minister"
    r"|analyst|economist|strategist)"
    r"(?:[ \t]+(?:executive|general|officer))?[ \t]+(?:(?:Dr|Mr|Mrs|Ms|Prof)[.\u2024]?[ \t]+)?"
    r"(?=" + NAME_WORD + r"[ \t]+" + NAME_WORD + r")"
)
#: "The Honourable" between an office and a name, as Commonwealth papers write it
#: (``Federal Environment Minister the Hon. Tanya Reid``): blanked, so the office and the
#: name are one run, as without it.
_HONOURABLE = re.compile(
    r"(?<=[A-Za-z])[ \t]+the[ \t]+(?:(?:Rt|Right)[.\u2024]?[ \t]+)?"
    r"Hon(?:[.\u2024]|ourable)(?=[ \t]+[A-Z])"
)
#: A quoted nickname inside a name (``Dale "Moose" Kowalski``), blanked before names are read.
NICKNAME = re.compile(
    rf"(\b[{UPPER}][\w\u2019'-]*)"
    rf"( [\"\u201c\u2018'][{UPPER}][\w\u2019' -]{{0,24}}[\"\u201d\u2019'])"
    rf"(?= (?:[{UPPER}]|(?:{PARTICLES}) [{UPPER}]))"
)


#: A capitalised compound adjective opening a sentence ("Twelve-year-old", "Chennai-based").
ADJECTIVE = re.compile(
    r"-(?:old|based|born|bred|led|run|owned|backed|winning|winner|made|style)$", re.I
)
#: A participle opening a run: a headline's or a sentence's first word before a name
#: ("Understated Perez raises his profile", "Celebrating Clinton supporters …"): nine
#: letters or more, with an English verb's ending (not Winfried, Zhongming, Muhammed).
_PARTICIPLE = re.compile(
    r"[A-Z][a-z]{4,}(?:ated|ting|ding|ring|sing|king|ving|ling|ered|ened|sted|nted|ized|ised)"
)


POSSESSIVE = re.compile(r"['\u2019]s?$")
#: A possessor inside a run, before a name: ``'s``, or a bare apostrophe after an ``s``
#: (``the Joneses'``); not a name's own, before the rest of the name (``Grace Achieng'
#: Ouma``).
_POSSESSOR = re.compile(r"['\u2019]s$|(?<=[sS])['\u2019]$")


def _read_given_names() -> Mapping[str, str]:
    text = files(__package__).joinpath("given_names.txt").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return MappingProxyType({name: gender for name, gender in rows})


#: Given name -> ``m``, ``f`` or ``u`` (either), from the 1990 US Census name files
#: (``given_names.txt``; see ``benchmarks/make_given_names.py``). American names only:
#: a name it lacks says nothing.
GIVEN_NAMES = _read_given_names()


def honorific_gender(name: str) -> str | None:
    """``m`` or ``f`` for a name written or typed with an honorific that says which
    (``Mr. Clinton``, ``Ms\u2024 Roe`` as attribution masks its dot), else ``None``.

    >>> [honorific_gender(name) for name in ("Mr. Clinton", "ms clinton", "Dr Lee", "Mr")]
    ['m', 'f', None, None]
    """
    first, _, rest = name.strip().partition(" ")
    return GENDER_OF_HONORIFIC.get(first.lower().rstrip(MASK + ".")) if rest else None


def given_name_gender(name: str) -> str | None:
    """``m`` or ``f`` when a full name opens with a given name that nine in ten bearers of
    one sex have, else ``None``.

    >>> given_name_gender("Hillary Clinton"), given_name_gender("Bill Clinton")
    ('f', 'm')
    >>> given_name_gender("Kelly Ayotte") is None, given_name_gender("Clinton") is None
    (True, True)
    >>> given_name_gender("Tomás Rivera"), given_name_gender("Zoë Kirk")
    ('m', 'f')
    """
    words = name.split()
    if len(words) < 2 or words[0].lower() in EAST_ASIAN_SURNAMES:  # "Lin Guohua"
        return None
    # The census lists are spelt without accents: "Tomás" is "Tomas".
    gender = GIVEN_NAMES.get(words[0]) or GIVEN_NAMES.get(fold_accents(words[0]))
    return gender if gender in ("m", "f") else None


#: First words of place names ("New Yorker", "West Point"), which open no person's name.
_PLACE_OPENERS = frozenset({"new", "north", "south", "east", "west", "co", "county"})
#: Particles written in capitals, one letter, before an Irish surname (``Ó Briain``).
_CAPITAL_PARTICLES = frozenset(p for p in IRISH_PARTICLES if len(p) == 1)

#: Words an institution's name opens with, never a person's (not ``Court``, ``Hall``).
_INSTITUTIONS = frozenset(
    wordlist(
        "police bank ministry department university college hospital agency commission "
        "authority bureau institute"
    )
)
#: Titles always followed by a name, whatever the name's word (``Lord Judge``).
_BEFORE_A_NAME = PEER_TITLES | {"sir", "dame"}


def _an_office(name: str, after_more: bool) -> bool:
    """Whether a name is an office's: a title word after a word that makes an office of
    it (``Federal Minister``; not ``Paul Bishop``, ``Thabo Bishop``), or alone after a
    possessor or another title (``Egypt's President``, ``Prime Minister``). (A title word
    alone is left to the mentions: the pronoun ranker learnt with them.)"""
    words = name.split()
    if len(words) == 1:
        return after_more and words[0].lower() in TITLE_WORDS
    return (
        len(words) == 2
        and words[-1].lower() in TITLE_WORDS
        and words[0].lower() in _OFFICE_MODIFIERS
    )


#: Words that make an office of a title after them (``Federal Minister``, ``Deputy Mayor``).
_OFFICE_MODIFIERS = frozenset(
    wordlist(
        "federal deputy foreign finance health education interior defence defense home prime "
        "chief state regional provincial assistant acting former junior senior vice county city"
    )
)


def _before_a_name(word: str) -> bool:
    """Whether a title is always followed by a name (``Lord``, ``Professor``): ``Lord
    Judge``, ``Professor Nurse`` are people, ``Egypt's President`` is an office."""
    return word.rstrip(MASK + ".").lower() in _BEFORE_A_NAME or bool(HONORIFIC.match(word + " "))


def is_person_name(name: str) -> bool:
    """Whether a capitalised phrase reads as a person's name rather than an organisation.

    >>> is_person_name("Lei Jun"), is_person_name("Xiaomi Auto"), is_person_name("Because I")
    (True, False, False)
    >>> is_person_name("Dunmore Partners"), is_person_name("Xiaomi SU7")
    (False, False)
    """
    words = name.split()
    if not words or not NAME.match(name):
        return False
    if len([w for w in words if w not in PARTICLE_SET]) > 4:
        return False
    if len(words) > 1 and words[0].lower() in _PLACE_OPENERS and words[0] not in GIVEN_NAMES:
        return False  # "New Yorker", "West Point", "North Carolina"
    for position, word in enumerate(words):
        if _INITIAL.fullmatch(word) and position < len(words) - 1:
            continue  # initials: "George W. Bush", "J.J. MacNab"
        if word in _CAPITAL_PARTICLES and position < len(words) - 1:
            continue  # "Tomás Ó Briain"
        if word == "an" and 0 < position < len(words) - 1 and words[position - 1] in _MAC:
            continue  # "Caoimhe Mac an tSaoi"
        if word.lower() in FUNCTION_WORDS or not any(c.islower() for c in word):
            return False
        if any(c.isdigit() for c in word):
            return False
    if len(words) > 1 and words[0].lower() in _INSTITUTIONS:
        return False  # "Police Scotland", "Bank Negara": an institution's first word
    last = words[-1].lower()
    # "Robert Plant", "Jerry Hall": a surname that is also an organisation word
    surname = last in SURNAME_ORG_WORDS and len(words) <= 3 and words[0] in GIVEN_NAMES
    return (last not in ORG_WORDS or surname) and not POSSESSIVE.search(name)


def person_of(run: str) -> tuple[str, str | None] | None:
    """The person's name in a capitalised run, and the gender its honorific gives.

    Leading function words, possessors, honorifics and office titles are dropped.

    >>> person_of("Transport Minister Amira Haddad")
    ('Amira Haddad', None)
    >>> person_of("Ethiopia\u2019s Mr. Dawit Bekele")
    ('Dawit Bekele', 'm')
    >>> person_of("Meridian Freight Research") is None
    True
    """
    words = run.replace(".", MASK).split()
    cut = 0
    for i, word in enumerate(words[:-1]):
        if _POSSESSOR.search(word):  # "Ethiopia’s Dawit Bekele": the possessor goes
            cut = i + 1
    words = words[cut:]
    if words:
        words[-1] = POSSESSIVE.sub("", words[-1])
    for i, word in enumerate(words):
        if _GLUED.search(word):  # "FoleyFlagShareLikeReply…": web residue ends the name
            words = words[:i]
            break
        if word.lower() in WEEKDAYS:  # "Mike Pence Thursday"; "Super Tuesday" is a day
            words = words[:i] if i >= 2 else []
            break
    while words and (
        words[0].lower() in FUNCTION_WORDS
        or words[0].lower() in OPENERS
        or (words[0].lower() in NATIONALITIES and len(words) > 2)
        or (words[0].lower() in SPEECH_VERBS and len(words) > 1)  # "Continued Stone: …"
        or ADJECTIVE.search(words[0])
        or (len(words) > 1 and _PARTICIPLE.fullmatch(words[0]) and words[0] not in GIVEN_NAMES)
    ):
        words.pop(0)
    while words and (
        words[-1].lower() in HEADLINE_WORDS
        or words[-1].lower() in TIME_WORDS
        or words[-1].lower() in SPEECH_VERBS
        or (len(words) > 2 and words[-1].rstrip(MASK + ",").lower() in POST_NOMINALS)
        or (
            len(words) > 2
            and words[-1].rstrip(MASK + ",").lower() in GENERATIONS
            and not any(w.rstrip(MASK).lower() in REGNAL_TITLES for w in words)
        )
    ):
        words.pop()  # "Jane Roe Joked" in a title-case headline; "Jane Roe QC"
    gender = None
    start = 0
    for i, word in enumerate(words[:-1]):
        bare = word.rstrip(MASK).lower()
        if bare in GENDER_OF_HONORIFIC or HONORIFIC.match(word + " "):
            gender, start = GENDER_OF_HONORIFIC.get(bare), i + 1
        elif (
            bare in TITLE_WORDS
            or is_title_abbreviation(word)
            or (bare in PARTY_WORDS and len(words) - i > 2)
            or (bare in OFFICE_SUBJECTS and len(words) - i > 2)
            # A role opening the run: "Striker Ali Khan", "Guitarist Ben Sorley".
            or (i == start and (_opening_title(bare) or _is_agent_noun(word)))
            or (i > 0 and ADJECTIVE.search(word))  # "Liberal Oscar-winner X", "South Korean-born X"
            or (i == start and _is_role_before_full_name(word, words[i + 1 :]))
        ):
            start = i + 1
    name = " ".join(words[start:])
    if name.lower() in PLACES or name.lower() in MONTHS or _is_group(name.lower()):
        return None
    if (
        _an_office(name, bool(cut or start))
        and gender is None  # ("Mr Bishop", "Ms Judge": a surname after an honorific)
        and not (start and _before_a_name(words[start - 1]))
    ):
        return None  # "Egypt's Prime Minister", "The Governor", "Federal Minister": offices
    return (name, gender) if is_person_name(name) else None


def _is_group(name: str) -> bool:
    """Whether a lower-cased name is a group of people (``GROUP_NOUNS``, ``americans``)."""
    return name in GROUP_NOUNS or (name.endswith("s") and name[:-1] in NATIONALITIES)


#: How ``person_of`` reads a run: itself, or a ``person_reader``.
PersonOf = Callable[[str], "tuple[str, str | None] | None"]
#: The runs a ``person_reader`` keeps what it found for, at most (then it starts afresh).
RUNS_KEPT = 20_000


def person_reader(kept: int = RUNS_KEPT) -> PersonOf:
    """``person_of``, keeping what it found for each run, within ``kept`` runs: for a
    build, whose articles name the same people and places again and again (on PolNeAR's
    training articles, three runs in four had been read before).

    >>> read = person_reader()
    >>> read("Transport Minister Amira Haddad") == person_of("Transport Minister Amira Haddad")
    True
    """
    return Kept(kept, person_of)


def _is_agent_noun(word: str) -> bool:
    """A role written as one capitalised word ending in -ist (``Cellist``), not a given name."""
    return word.lower().endswith("ist") and len(word) > 5 and word not in GIVEN_NAMES


#: Endings of English nouns for a person by what they do or where they are from
#: (``Campaigner``, ``Moderator``, ``Librarian``, ``Nominee``, ``Pollster``, ``Resident``,
#: ``Assemblywoman``), longest first, each with the shortest word it counts in: given
#: names from elsewhere share the short ones (``Nasser``, ``Yasser``, ``Sameer``,
#: ``Usman``, ``Salman``), and ``-oor`` is no English role (``Mansoor``).
_ROLE_ENDINGS: tuple[tuple[str, int], ...] = (
    ("woman", 0),
    ("person", 0),
    ("aire", 6),
    ("ster", 6),
    ("man", 9),
    ("eer", 8),
    ("ian", 7),
    ("ant", 6),
    ("ent", 6),
    ("oor", 1000),
    ("er", 7),
    ("or", 7),
    ("ee", 6),
)


def _is_role_before_full_name(word: str, rest: Sequence[str]) -> bool:
    """Whether ``word`` is a role noun before a full name (``Campaigner Ruth Abernethy``).

    The word has a role noun's ending and is no given name, and the name after
    it opens with a given name and has a surname; so a given name never goes
    (``Tyler Ann Moss``), nor the first of two given names that the list lacks
    (``Asif Ali Zardari``), nor a capitalised particle's word (``Chandler Van Voorhis``).

    >>> _is_role_before_full_name("Campaigner", ["Ruth", "Abernethy"])
    True
    >>> _is_role_before_full_name("Campaigner", ["Abernethy"])
    False
    >>> _is_role_before_full_name("Marine", ["John", "Tiegen"])  # (not "Marine Le Pen")
    True
    """
    listed = word.lower() in RUN_ROLES
    role = listed or (ends_as_role(word) and word not in GIVEN_NAMES)
    if not role or len(rest) < 2 or rest[0].lower() in PARTICLE_SET:
        return False
    if listed and len(rest) == 3 and all(w.lower() not in ORG_WORDS for w in rest):
        return True  # "Commuter Muhammad Faris Iskandar": a listed role, a name of three
    # (a role noun may be a given name too: "Marine Le Pen" stays, by the next test)
    if rest[0] in GIVEN_NAMES:
        return True
    # A given name the list lacks ("Shopkeeper Dev Patel", "Student Ravi Menon"): one
    # given name and a surname, neither of them a role or a name's particle.
    # (nor an organisation's word: "Cook County Jail", "Baker Street Residents")
    # (An Irish surname's particles go with it: "Tenant Aisling Nic Giolla Phádraig".)
    core = [rest[0], *(w for w in rest[1:] if w not in IRISH_PARTICLES and w != "an")]
    return len(core) == 2 and not any(
        w.lower() in PARTICLE_SET or w.lower() in ORG_WORDS or ends_as_role(w) for w in core
    )


def _opening_title(bare: str) -> bool:
    """Whether a lower-cased word is a role that opens a run (``striker``), or a compound
    that ends with one (``full-forward``)."""
    return bare in OPENING_TITLE_WORDS or bare.rpartition("-")[2] in OPENING_TITLE_WORDS


def ends_as_role(word: str) -> bool:
    """Whether ``word`` has a role noun's ending (``_ROLE_ENDINGS``), and is long enough
    for it to count."""
    lower = word.lower()
    ending = next(((e, n) for e, n in _ROLE_ENDINGS if lower.endswith(e)), None)
    return ending is not None and len(word) >= ending[1]


#: A possessor inside a run, before a name (``Party's Hugh Fenwick``).
_OWNED = re.compile(r"['\u2019]s?[ \t]+[A-Z]")
_INITIAL = re.compile(r"(?:[A-Z][.\u2024]){1,3}")
#: A word glued from several (``FoleyFlagShareLike``): two or more lower-to-upper joins.
_GLUED = re.compile(r"[a-z][A-Z].*[a-z][A-Z]")


def is_titled(run: str, name: str) -> bool:
    """Whether a run gives a name after an honorific or a title (``Sen. Cruz``,
    ``Chancellor Osborne``), which makes a single word a person.

    >>> is_titled("Sen\u2024 Cruz", "Cruz"), is_titled("The Dutchman", "Dutchman")
    (True, False)
    """
    words = run.split()
    if len(words) < 2 or words[-1] != name.split()[-1]:
        return False
    before = words[-2].rstrip(MASK + ".").lower()
    return (
        before in GENDER_OF_HONORIFIC
        or before in TITLE_WORDS
        or is_title_abbreviation(words[-2])
        or HONORIFIC.match(words[-2] + " ") is not None
    )


def is_title_abbreviation(word: str) -> bool:
    """Whether a word is an abbreviated title (``Cllr``, ``Sen.``, ``Supt``); one that is
    also a given name (``Del``, a delegate) only with its dot.

    >>> is_title_abbreviation("Cllr"), is_title_abbreviation("Del."), is_title_abbreviation("Del")
    (True, True, False)
    """
    bare = word.rstrip(MASK + ".")
    return bare.lower() in TITLE_ABBREVIATIONS and (bare != word or bare not in GIVEN_NAMES)


def person_runs(
    text: str,
    skip: Sequence[tuple[int, int]] = (),
    multi: bool = False,
    read: PersonOf = person_of,
) -> Iterable[tuple[int, int, str, str | None]]:
    """``(start, end, name, gender)`` for each person-like run outside the ``skip`` spans.

    With ``multi``, only runs of two words or more (full names) are read. Each run is
    read by ``read``: ``person_of``, or a ``person_reader`` that keeps what it found.
    """
    text = NICKNAME.sub(lambda m: m.group(1) + " " * len(m.group(2)), text)
    if "Hon" in text:  # (most paragraphs have none: no scan)
        text = _HONOURABLE.sub(_honourable_blanked, text)
    spans = sorted(skip)
    opens = [open_at for open_at, _ in spans]
    for match in (_CAP_RUN_MULTI if multi else _CAP_RUN).finditer(text):
        start = match.start()
        # The last span opening at or before ``start``: spans do not nest.
        k = bisect.bisect_right(opens, start) - 1
        if k >= 0 and start < spans[k][1]:
            continue
        run = match.group()
        space = text.rfind(" ", 0, max(start - 1, 0))
        if text[space + 1 : start].strip() in NOT_BEFORE_NAME and not _OWNED.search(run):
            continue  # "the Harwood Library"; but "the Conservative Party's Hugh Fenwick"
        if run.lower() in FUNCTION_WORDS:  # most runs are one sentence-initial word
            continue
        after = word_at = match.end()
        while word_at < len(text) and text[word_at] in " \t":
            word_at += 1
        role = (
            _ROLE_BEFORE_NAME.match(text, after)
            if text[word_at : word_at + 1].islower()  # (a lower-case word after the run)
            else None
        )
        if role and _full_name_at(text, role.end(), read):
            continue  # "Shetkari Sanghatana leader Raju Patil": whose leader, not a person
        if (
            " " in run
            and text.endswith((" for ", " of "), 0, start)
            and run.split()[0] not in GIVEN_NAMES  # ("Secretary of State", not of "Rana …")
            and _PORTFOLIO_BEFORE.search(text, max(0, start - 30), start)
        ):
            # "Minister for Power Rana Tanveer Aslam": the portfolio, then the name
            rest = run.split(None, 1)[1]
            found = read(rest)
            if found is not None and " " in found[0]:
                yield start + run.index(rest), match.end(), found[0], found[1]
                continue
        found = read(run)
        if found:
            yield start, match.end(), found[0], found[1]


#: A surname, with its particles (``du Toit``, ``Tems-Adeyinka``).
_SURNAME = re.compile(rf"(?:(?:{PARTICLES})[ \t]+)*{NAME_WORD}(?:[ \t]+{NAME_WORD})*")


def nickname_names(texts: Iterable[str]) -> dict[str, str]:
    """A nickname written inside a name, with the surname, as an alias of the full name
    (``Oluwadamilola 'Dami' Tems-Adeyinka``: ``dami tems-adeyinka``), lower-cased.

    >>> nickname_names(["Coach Johannes \u2018Hansie\u2019 du Toit named his side."])
    {'hansie du toit': 'Johannes du Toit'}
    """
    found: dict[str, str] = {}
    for text in texts:
        for match in NICKNAME.finditer(text):
            surname = _SURNAME.match(text, match.end() + 1)
            if surname is None:
                continue
            full = person_of(f"{match.group(1)} {surname.group()}")
            nickname = match.group(2).strip(" \"'\u201c\u201d\u2018\u2019")
            if full is not None and " " in full[0]:
                found[f"{nickname} {surname.group()}".lower()] = full[0]
    return found


#: An office "for" or "of" its portfolio, right before a run (``Minister for ``): the
#: run's first word is the portfolio (``Power Rana Tanveer Aslam``).
_PORTFOLIO_BEFORE = re.compile(
    r"\b(?i:minister|secretary|ministry|commissioner)[ \t]+(?:for|of)[ \t]+$"
)


def _honourable_blanked(match: re.Match[str]) -> str:
    """``the Hon.`` blanked: after an office, so that the office and the name are one run
    (``Minister the Hon. Tanya Reid``); after any other word, so that they are not
    (``In Canberra the Hon. Tanya Reid``: a semicolon ends the run before)."""
    text, start = match.string, match.start()
    before = text[text.rfind(" ", 0, start) + 1 : start].lower()
    if before in TITLE_WORDS or ends_as_role(before):
        return " " * len(match.group())
    return ";" + " " * (len(match.group()) - 1)


def _full_name_at(text: str, at: int, read: PersonOf) -> bool:
    """Whether the capitalised run at ``at`` is a person's full name (``Raju Patil``,
    not ``Tuesday's hearing`` nor ``Acme Foods``)."""
    run = _CAP_RUN.match(text, at)
    found = read(run.group()) if run else None
    return found is not None and " " in found[0]


def name_owners(names: Iterable[str]) -> dict[str, str]:
    """Map each full name, and each word of one, to a full name where that is clear.

    ``names`` are the full-name mentions in reading order, repeats included. A
    name of two words or more that ends a longer name introduced before it
    (``Te Whare``, ``De la Cruz`` after ``Rangi Te Whare``, ``Diego de la
    Cruz``; case aside) is that longer name, if it is the only one or has
    three times the mentions of the others. Otherwise a name that holds
    another one plus stray capitalised words (``Once Lei Jun``, ``Lei Jun
    Chose``) is that name. A word goes to the one name holding it, or to the
    name that has at least three times as many mentions as all other holders
    together; two equal ``Li`` names leave ``Li`` unmapped.

    >>> name_owners(["Lei Jun", "Lei Jun", "Lei Jun", "Lei Jobs", "Once Lei Jun"])["lei"]
    'Lei Jun'
    >>> "li" in name_owners(["Li Jing", "Li Ming"])
    False
    >>> name_owners(["Diego de la Cruz", "De la Cruz"])["de la cruz"]
    'Diego de la Cruz'
    """
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for at, name in enumerate(names):
        if " " in name:
            counts[name] = counts.get(name, 0) + 1
            first.setdefault(name, at)
    table = {n.lower(): n for n in counts}
    for name in sorted(counts, key=len):  # "Te Whare" after "Rangi Te Whare" is his
        tail = " " + name.lower()
        outer = sorted((m for m in counts if m.lower().endswith(tail)), key=lambda m: -counts[m])
        if not outer or first[outer[0]] > first[name]:
            continue
        if len(outer) == 1 or counts[outer[0]] >= 3 * sum(counts[m] for m in outer[1:]):
            table[name.lower()] = outer[0]
            counts[outer[0]] += counts.pop(name)
    for name in sorted(counts, key=len):
        padded = f" {name} "
        inner = [m for m in counts if m != name and f" {m} " in padded]
        if inner:
            core = min(inner, key=len)
            table[name.lower()] = table[core.lower()]
            counts[table[core.lower()]] += counts.pop(name)
    by_token: dict[str, list[str]] = {}
    for name in counts:
        words = name.split()
        for i, token in enumerate(words):
            by_token.setdefault(token.lower(), []).append(name)
            if i and token.lower() in PARTICLE_SET:  # "de la Fuente" is a surname too
                by_token.setdefault(" ".join(words[i:]).lower(), []).append(name)
    for token, owners in by_token.items():
        if token in table:
            continue
        owners.sort(key=lambda n: -counts[n])
        if len(owners) == 1 or counts[owners[0]] >= 3 * sum(counts[n] for n in owners[1:]):
            table[token] = owners[0]
    return table


#: A gender word after a name; not an object after a preposition (``toured with her``).
GENDER_WORD = re.compile(
    r"(?<!, )(?<!with )(?<!to )(?<!for )(?<!about )(?<!by )(?<!at )(?<!of )\b(he|she|his|her)\b"
)
