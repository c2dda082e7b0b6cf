"""Pronouns: who ``he`` or ``she`` is, among the people an article has mentioned.

``he``/``she`` go to the candidate a learned ranker scores best (``ranker``;
``antecedents`` lists the people and unnamed sources mentioned in this
paragraph and the three before, with their features), never to one whose
gender is the other, and when everyone nearby is, to the latest person of the
pronoun's gender further back. A sentence that opens with he or she becomes a
mention of whom it resolves to (``refer``).

Every resolution goes through ``pronoun_and_probability`` (the ranker's
training script hooks it there).
"""

from __future__ import annotations

import math

from .mentions import Cast, Mention
from .ranker import probabilities
from .words import PRONOUN_GENDER


def refer(cast: Cast, index: int, at: int, pronoun: str) -> None:
    """A pronoun that opens a sentence: a mention of whoever it resolves to."""
    name = resolve_pronoun(cast, pronoun, index, at)
    if name is not None:
        cast.note_mention(Mention(index, at, name))


def resolve_pronoun(cast: Cast, pronoun: str, index: int, at: int) -> str | None:
    """He or she: the candidate the learned ranker scores best (see ``ranker``)."""
    return pronoun_and_probability(cast, pronoun, index, at)[0]


def pronoun_and_probability(
    cast: Cast, pronoun: str, index: int, at: int
) -> tuple[str | None, float]:
    """Who ``pronoun`` is, and how likely the ranker finds that among the candidates
    (0 for a guess from further back, when everyone nearby is of the other gender)."""
    candidates = antecedents(cast, pronoun, index, at)
    # Grammar first: a candidate of the other gender is no candidate.
    agreeing = [c for c in candidates if not c[1]["gender_clash"]]
    if not agreeing:
        return latest_agreeing(cast, pronoun, index, at), 0.0
    odds = probabilities([features for _, features in agreeing])
    best = odds.index(max(odds))
    return agreeing[best][0], odds[best]


def latest_agreeing(cast: Cast, pronoun: str, index: int, at: int) -> str | None:
    """Further back than the ranker looks: the latest named person of the pronoun's
    gender, for "he said" when everyone nearby is a woman (or the other way round)."""
    want = PRONOUN_GENDER.get(pronoun.lower())
    for back in range(index, -1, -1):
        for mention in reversed(cast.mentions[back]):
            if (back, mention.at) < (index, at) and cast.gender_of(mention.name) == want:
                return mention.name
    return None


def antecedents(
    cast: Cast, pronoun: str, index: int, at: int
) -> list[tuple[str, dict[str, float]]]:
    """Who ``pronoun`` at ``at`` in paragraph ``index`` may be, each with its features.

    The candidates are the people (and unnamed sources) mentioned before it in
    this paragraph and the three before, latest first.
    """
    want = PRONOUN_GENDER.get(pronoun.lower())
    here = cast.sentence_number(index, at)
    latest: dict[str, Mention] = {}
    seen: dict[str, list[Mention]] = {}
    for back in range(max(index - 3, 0), index + 1):
        for mention in cast.mentions[back]:
            if back < index or mention.at < at:
                latest[mention.name] = mention
                seen.setdefault(mention.name, []).append(mention)
    order = sorted(latest, key=lambda n: (latest[n].index, latest[n].at), reverse=True)
    spoken = [
        m
        for back in range(max(index - 3, 0), index + 1)
        for m in cast.mentions[back]
        if (back, m.at) in cast.spoke and (back < index or m.at < at)
    ]
    last_speaker = spoken[-1].name if spoken else None
    found = []
    for rank, name in enumerate(order):
        mention = latest[name]
        mentions = seen[name]
        gender = cast.gender_of(name)
        features = {
            f"para{index - mention.index}": 1.0,
            f"sent{min(here - cast.sentence_number(mention.index, mention.at), 4)}": 1.0,
            f"rank{min(rank, 3)}": 1.0,
            "subject": float(cast.is_subject(mention)),
            "subject_recent": float(any(cast.is_subject(m) for m in mentions)),
            "last_speaker": float(name == last_speaker),
            "spoke": float(any((m.index, m.at) in cast.spoke for m in mentions)),
            "gender_agree": float(want is not None and gender == want),
            "gender_clash": float(want is not None and gender is not None and gender != want),
            "mentions_near": math.log1p(len(mentions)),
            "mentions_before": math.log1p(cast.count_before(name, index, at)),
            "headline": float(name in cast.headline),
            "unnamed": float((mention.index, mention.at) in cast.unnamed),
            "single": float(" " not in name),
            "object": float(cast.is_object(mention)),
            "possessive": float(cast.is_possessor(mention)),
            "modifier": float(cast.is_modifier(mention)),
        }
        found.append((name, features))
    return found
