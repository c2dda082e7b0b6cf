"""Speaker phrases: from the words next to a cue to a speaker, named or not.

**Unnamed sources** are kept as written, up to an appositive comma, with
the article lower-cased (``an analyst at Dunmore Partners``); ``the
urbanist Nkechi Adeyemi`` is Nkechi Adeyemi, but ``a person familiar with
Lei Jun`` is not Lei Jun. Every unnamed subject of a speech verb, quoted or
not (``A banker involved in the process said …``), is registered, and a
later definite reference (``the banker``, ``the senior person``) is tied to
the latest earlier source that shares a content word with it. Quotations
for which no rule finds a speaker are dropped: a quote without a speaker
cannot be searched by speaker, and reporting it would only add noise.

**Canonical speakers** (``canonical_in``, ``canonical_speaker``). An
article's name table (``names.name_owners``, made by ``mentions.Cast``) maps
each full name (lower-cased) to itself and each of its words to it, when one
name holds that word, or when one name has at least three times as many
mentions as all other holders together. A run that is a known name plus
stray capitalised words (``Once Lei Jun``) folds into that name. A speaker
phrase is looked up as written first (the user's overrides, ``Chairman
Lei``), then without honorific, title and appositive, then a bare word
through the article's own names.

**What someone has that speaks.** A post on ``her account`` (a channel she
writes in) is her words. What ``her office`` or ``Powell's campaign`` says is
the office's or the campaign's, often about the owner in the third person: it
is reported as that body, named by its owner once the owner is resolved
(``owned_body``, ``of_owner``: ``Alison Carter's office``), an unnamed source of
its own that is never merged with the owner.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from .names import HONORIFIC, JOINED_PARTICLES, NAME, POSSESSIVE, person_of
from .words import (
    CHANNEL_NOUNS,
    DEMONSTRATIVES,
    DETERMINERS,
    FUNCTION_WORDS,
    MASK,
    NOT_SUBJECT,
    OPENERS,
    ORG_PRONOUNS,
    PARTICLES,
    POSSESSIVE_PRONOUNS,
    PRONOUNS,
    SOURCE_STOP_WORDS,
    SPOKESBODY_NOUNS,
    TITLE_ABBREVIATIONS,
    UPPER,
    wordlist,
)

_ANONYMITY = re.compile(
    r"\s+(?:(?:who|that)\s+(?:asked|requested|declined|spoke|(?:was|is|were|are)\s+not\s+authori[sz]ed)"
    r"|speaking|because)\b"
)


_FOR_SOMEONE = re.compile(r"\b(?:for|of|at|with|from|close to|familiar with)\s")


#: A surname after its particles in lower case: ``de la Cruz``, ``van der Berg``,
#: ``al-Rashid``.
_LOWER_PARTICLE_NAME = re.compile(
    rf"^(?:(?:(?:{PARTICLES})\s+)+|(?:{JOINED_PARTICLES})[-'\u2019](?=[{UPPER}]))"
    rf"[{UPPER}][\w'\u2019-]*(?:\s+[{UPPER}][\w'\u2019-]*)?$"
)


#: The ordinal of a rank (``Air Force 1st Lt. Tyler Livingston``), which no name holds.
_ORDINAL_RANK = re.compile(
    r"\b\d+(?:st|nd|rd|th)\s+(?=(?:"
    + "|".join(sorted(TITLE_ABBREVIATIONS, key=len, reverse=True))
    + r")[.\u2024]|(?:Lieutenant|Sergeant|Class)\b)",
    re.IGNORECASE,
)


#: Words a noun phrase does not end with: a description cut off before its noun
#: ("The most pertinent of the repeated questions was, …").
_UNFINISHED = frozenset(
    wordlist("the a an of for to in on at by with from and or but which that who whom whose")
)


def is_unfinished(speaker: str) -> bool:
    """Whether a speaker is a description cut off before its noun.

    >>> is_unfinished("the most pertinent of the"), is_unfinished("a senior official")
    (True, False)
    """
    return is_unnamed(speaker) and speaker.rsplit(None, 1)[-1].lower() in _UNFINISHED


def clean_speaker(phrase: str) -> str | None:
    """Turn the words before or after a cue verb into a speaker phrase, or ``None``.

    >>> clean_speaker("A senior person")
    'a senior person'
    >>> clean_speaker("Lei Jun, Chairman of Xiaomi Corporation")
    'Lei Jun'
    >>> clean_speaker("This") is None
    True
    >>> clean_speaker("It")  # an organisation, resolved by attribution
    'it'
    >>> clean_speaker("de los Santos")
    'de los Santos'
    >>> clean_speaker("Once in my early 20s") is None  # a word that opens a sentence
    True
    >>> clean_speaker("When") is None  # "When asked …, Ms. Sherry said"
    True
    """
    phrase = _ORDINAL_RANK.sub("", phrase.strip().strip("\u2014\u2013-").strip())
    if not phrase:
        return None
    words = phrase.split()
    first = words[0].lower()
    if first in DEMONSTRATIVES and len(words) > 1 and words[1][:1].islower():
        # "this source told the Post": a back-reference, like "the source"
        phrase, words, first = "the " + " ".join(words[1:]), ["the", *words[1:]], "the"
    if first in DETERMINERS:
        # Why a source is unnamed is no part of who it is (``an official who asked not to …``).
        phrase = _ANONYMITY.split(phrase, 1)[0]
        words = phrase.split()
        if len(words) < 2 or len(words) > 20:
            return None
        head = phrase.split(",")[0]
        named = role_then_name(head)
        # "the urbanist Nkechi Adeyemi"; but "a spokeswoman for distributor Kittiwake
        # Pictures" is no one named: a source for someone stays as written.
        if named and not _FOR_SOMEONE.search(head[: head.rindex(named)]):
            return named
        # An unnamed source keeps its wording up to an appositive comma.
        return first + phrase.split(",")[0][len(words[0]) :].rstrip()
    if (first in PRONOUNS or first in ORG_PRONOUNS) and len(words) == 1:
        return first
    owned = _owned(phrase.split(",")[0].strip())
    if owned:
        return owned
    head = phrase.split(",")[0].strip()
    head = re.split(
        r"\s+(?:in|at|on|during|to|with|for|from|after|before|via|as|while|when|because"
        r"|about|regarding|amid|following)\s",
        head,
    )[0]
    head = _TIME_AFTER.sub("", head)  # "said Roe Tuesday"
    head = _before_of(head)
    if _LOWER_PARTICLE_NAME.match(HONORIFIC.sub("", head)):
        return head  # "said de la Cruz", "Mr van der Merwe told": a surname with its particle
    if NAME.match(HONORIFIC.sub("", head)) and head.lower() not in NOT_SUBJECT:
        if HONORIFIC.sub("", head).split()[0].lower() in NOT_SUBJECT | DETERMINERS:
            return None
        if head.lower() in OPENERS:  # "Once in my early 20s, …, I said"
            return None  # "When asked whom she supported, Ms. Sherry … said"
        return head
    return role_then_name(head)  # "Orbis co-founder Rebecca Lindqvist"


#: A day or a time after a speaker's name ("said Roe Tuesday", "said Roe on Monday").
_TIME_AFTER = re.compile(
    r"\s+(?:on\s+|last\s+|this\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday"
    r"|Sunday|today|yesterday|tonight|week|weekend)$"
)


#: ``Powell's office``, ``her campaign``: a possessor and what of theirs speaks.
_POSSESSED = re.compile(
    r"^(?P<owner>(?i:his|her|their|its)|"
    rf"(?:[{UPPER}][\w.\u2024-]*[ \t]+){{0,3}}[{UPPER}][\w.\u2024-]*['\u2019]s?)"
    r"[ \t]+(?P<what>[a-z][a-z -]{1,40}|[A-Z][a-z]+[ \t]+(?:account|page|feed|channel))$"
)


def _owned(phrase: str) -> str | None:
    """What a possessor has that speaks: the owner, for a channel they write in
    themselves (``her account`` is her); anything else of theirs is kept as written
    (``Powell's spokesman``, ``his wife``; ``her office``, which ``owned_body`` reads).

    >>> _owned("Powell's account"), _owned("her Twitter account"), _owned("his wife")
    ('Powell', 'her', 'his wife')
    >>> _owned("Her office"), _owned("Powell's campaign")
    ('her office', "Powell's campaign")
    """
    match = _POSSESSED.match(phrase)
    if match is None:
        return None
    owner, what = match.group("owner"), match.group("what")
    if owner.lower() in POSSESSIVE_PRONOUNS:
        owner = owner.lower()  # "Her lawyer said" opens a sentence
    if what.split()[-1].lower() in CHANNEL_NOUNS:
        bare = POSSESSIVE.sub("", owner)
        return POSSESSIVE_PRONOUNS.get(owner, bare)
    return owner + phrase[len(owner) :]


def owned_body(speaker: str) -> tuple[str, str] | None:
    """``(owner, body)`` for a body that speaks for someone (``her office``, ``Powell's
    campaign``): the owner as a cue would name them (a pronoun, or the name without its
    ``'s``), to be resolved, and the body as written.

    >>> owned_body("her office"), owned_body("Powell's campaign"), owned_body("his wife")
    (('her', 'office'), ('Powell', 'campaign'), None)
    """
    match = _POSSESSED.match(speaker)
    if match is None or match.group("what").split()[-1] not in SPOKESBODY_NOUNS:
        return None
    owner = match.group("owner")
    return POSSESSIVE_PRONOUNS.get(owner.lower(), POSSESSIVE.sub("", owner)), match.group("what")


def of_owner(owner: str, body: str) -> str:
    """The speaker for a body of someone's, once the owner is resolved.

    >>> of_owner("Alison Carter", "office")
    "Alison Carter's office"
    """
    return f"{owner}'s {body}"


def _before_of(head: str) -> str:
    """A full name before "of" and a place or body, without what follows; else ``head``.

    >>> _before_of("Dr. Sam Patel of the national weather service")
    'Dr. Sam Patel'
    >>> _before_of("Patricia Moran of Cheyenne")
    'Patricia Moran'
    >>> _before_of("Speaker of the House Mike Johnson")
    'Speaker of the House Mike Johnson'
    >>> _before_of("Friends of the Earth campaigner Jo Smith")
    'Friends of the Earth campaigner Jo Smith'
    >>> _before_of("undecided voter Stephanie Hooton of Derry")
    'undecided voter Stephanie Hooton'
    >>> _before_of("Archbishop Maro Tevosian of the Patriarchate of Antioch")
    'Archbishop Maro Tevosian'
    """
    parts = re.split(rf"\s+of\s+(?=(?:the|a|an)\s|[{UPPER}])", head, maxsplit=1)
    if len(parts) < 2:
        return head
    found = person_of(parts[0])
    # Two words at least: "Speaker of the House", "Friends of the Earth" are no names.
    if found and len(found[0].split()) >= 2:
        return parts[0]
    named = role_then_name(parts[0])  # "undecided voter Stephanie Hooton of Derry"
    return parts[0] if named and len(named.split()) >= 2 else head


def role_then_name(phrase: str) -> str | None:
    """The name after a lower-case role noun (``the coach Rahul Menon``), if the phrase ends so.

    >>> role_then_name("Orbis co-founder Rebecca Lindqvist")
    'Rebecca Lindqvist'
    >>> role_then_name("a person familiar with Lei Jun") is None
    True
    >>> role_then_name("former British number one Mark Eddowes")
    'Mark Eddowes'
    >>> role_then_name("Speaker of the House Rep. Paul Ryan")
    'Paul Ryan'
    """
    words = phrase.split()
    k = len(words)
    while k > 0 and words[k - 1][:1].isupper():
        k -= 1
    name = words[k:]
    ranked = k >= 2 and words[k - 2].lower() == "number"  # "former number one Mark Eddowes"
    if k and name and words[k - 1].lower() in FUNCTION_WORDS and not ranked:
        # "Speaker of the House Rep. Paul Ryan": a name after its title is the name
        found = person_of(" ".join(name))
        titled = found is not None and found[0] != " ".join(name).replace(".", MASK)
        return found[0] if found and titled and len(found[0].split()) >= 2 else None
    if k == 0 or not name:
        return None
    if not words[k - 1][:1].islower() or words[k - 1].endswith(","):
        return None
    honorific = HONORIFIC.match(" ".join(name) + " ")
    if len(name) < 2 and not honorific:
        return None
    text = " ".join(name)
    return text if NAME.match(HONORIFIC.sub("", text)) else None


def canonical_speaker(speaker: str, aliases: Mapping[str, str]) -> str:
    """The canonical form of a speaker phrase.

    >>> canonical_speaker("Mr. Lei", {"lei": "Lei Jun"})
    'Lei Jun'
    >>> canonical_speaker("Deputy Mayor Ruth Abernathy", {})
    'Ruth Abernathy'
    >>> canonical_speaker("Sen. Elizabeth Warren (D-Mass.)", {})
    'Elizabeth Warren'
    >>> canonical_speaker("a person familiar with Lei Jun", {"lei jun": "Lei Jun"})
    'a person familiar with Lei Jun'
    """
    return canonical_in(speaker, aliases, {})


def canonical_in(speaker: str, known: Mapping[str, str], local: Mapping[str, str]) -> str:
    speaker = speaker.replace(MASK, ".")
    if speaker.lower() in known:  # as written, for the user's overrides ("Chairman Lei")
        return known[speaker.lower()]
    if is_unnamed(speaker):
        return speaker
    head = speaker.split(",")[0].strip()
    if head.endswith(")") and "(" in head[1:]:  # a label after it: "Elizabeth Warren (D-Mass.)"
        head = head[: head.rindex("(")].rstrip() or head
    found = person_of(head)
    name = found[0] if found else HONORIFIC.sub("", head)
    if name.lower() in local:  # a surname stands for the full name used in the same article
        name = local[name.lower()]
    return known.get(name.lower(), name)


def is_unnamed(speaker: str) -> bool:
    """Whether a speaker is a source described, not named (``a banker``, ``his wife``).

    >>> is_unnamed("a banker"), is_unnamed("Powell's spokesman"), is_unnamed("Lei Jun")
    (True, True, False)
    >>> is_unnamed("Kestrel Labs\u2019 chief executive"), is_unnamed("O'Neill")
    (True, False)
    """
    words = speaker.split()
    if not words:
        return False
    first = words[0].lower()
    if first in DETERMINERS:
        return True
    if first in POSSESSIVE_PRONOUNS:  # "his wife"
        return len(words) > 1 and all(w[:1].islower() for w in words[1:])
    # "Powell's spokesman", "Kestrel Labs' chief executive": a named owner, then a role
    for i, word in enumerate(words[:4]):
        if POSSESSIVE.search(word) and i + 1 < len(words):
            return all(w[:1].isupper() for w in words[:i]) and all(
                w[:1].islower() for w in words[i + 1 :]
            )
    return False


def _singular(word: str) -> str:
    if word == "people":
        return "person"
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def resolve_definite(speaker: str, sources: Sequence[str]) -> str:
    """Tie ``the senior person`` to the latest earlier unnamed source sharing a word.

    Singular and plural agree (``the sources`` and ``a source``, ``the person``
    and ``two people``).

    >>> resolve_definite("the sources", ["a source close to the board"])
    'a source close to the board'
    """
    words = {_singular(w) for w in speaker.lower().split()[1:]} - SOURCE_STOP_WORDS
    best, best_score = speaker, 0
    for source in sources:  # oldest first, so ties go to the latest
        score = len(words & {_singular(w) for w in source.lower().split()[1:]})
        if score >= best_score and score > 0:
            best, best_score = source, score
    return best
