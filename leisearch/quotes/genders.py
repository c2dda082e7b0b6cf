"""Genders: who is a he and who a she, from what the article and the name say.

The votes come from the text (``mentions.Cast`` counts honorifics and the
pronouns that follow a name), from the given name (``names.given_name_gender``)
and from an unnamed source's gendered noun (``a spokeswoman``); unknown gender
agrees with both pronouns.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .names import given_name_gender
from .phrases import is_unnamed
from .words import FEMALE_NOUNS, MALE_NOUNS


def genders(votes: Mapping[str, list[str]], people: Iterable[str]) -> dict[str, str]:
    """Each person's gender, where the votes agree two to one: the text's votes, two for
    the given name ("Hillary Clinton") when it is not written surname first, and three
    for an unnamed source's gendered noun ("a spokeswoman", "his father")."""
    votes = {person: list(found) for person, found in votes.items()}
    for person in people:
        given = given_name_gender(person)
        if given:
            votes.setdefault(person, []).extend([given] * 2)
    for person in people:
        noun = noun_gender(person)
        if noun:
            votes.setdefault(person, []).extend([noun] * 3)
    gender: dict[str, str] = {}
    for person, found in votes.items():
        males, females = found.count("m"), found.count("f")
        if males > 2 * females:
            gender[person] = "m"
        elif females > 2 * males:
            gender[person] = "f"
    return gender


def noun_gender(source: str) -> str | None:
    """An unnamed source's gender, from its noun (``an agency spokeswoman``: ``f``).

    >>> noun_gender("an agency spokeswoman"), noun_gender("his father"), noun_gender("a source")
    ('f', 'm', None)
    """
    if not is_unnamed(source):
        return None
    words = set(source.lower().split())
    female, male = bool(words & FEMALE_NOUNS), bool(words & MALE_NOUNS)
    return None if female == male else ("f" if female else "m")
