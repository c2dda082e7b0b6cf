"""A small learned model that ranks the people a pronoun may stand for.

``he said`` after a quotation is the commonest attribution in news, and the
hardest: the person meant is usually the subject of a recent sentence or the
last speaker, but not always the nearest name. Hand-written rules for it
were measured on polnear/train and kept failing in the same ways, so the
choice is learned instead (see ``benchmarks/train_pronouns.py``).

``mentions.Cast.antecedents`` describes each candidate (a person mentioned in
the pronoun's paragraph or the three before it) by a few named features:
how far back its latest mention is (paragraphs, sentences, rank among the
candidates), whether it was a sentence's subject or the last speaker,
whether its gender agrees, how often the article names it, and whether its
latest mention is an object or a possessor. The model is a conditional
logit: each candidate scores the dot product of its features with the
weights, and the best score wins. The weights are a small JSON file in this
package (``pronouns.json``), trained offline; scoring is plain Python and
needs no download.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from importlib.resources import files
from types import MappingProxyType

#: Below this probability among its candidates, a resolution is a guess: on
#: polnear/train, pronoun resolutions under 0.6 were right about half the time, those
#: above it three times in four (silver labels, which are wrong in some of those cases
#: too). A pronoun under it is ``low``; a role with no one introduced so stays as written.
SURE = 0.6

#: Feature name -> weight, read once from the shipped file.
WEIGHTS: Mapping[str, float] = MappingProxyType(
    json.loads(files(__package__).joinpath("pronouns.json").read_text(encoding="utf-8"))["weights"]
)


def score(features: Mapping[str, float], weights: Mapping[str, float] = WEIGHTS) -> float:
    """A candidate's score: the dot product of its features with the weights."""
    return sum(weights.get(name, 0.0) * value for name, value in features.items())


def probabilities(
    candidates: Sequence[Mapping[str, float]], weights: Mapping[str, float] = WEIGHTS
) -> list[float]:
    """Each candidate's probability under the model (a softmax of the scores).

    >>> [round(p, 2) for p in probabilities([{"x": 1.0}, {}], {"x": math.log(3)})]
    [0.75, 0.25]
    """
    scores = [score(c, weights) for c in candidates]
    top = max(scores, default=0.0)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]
