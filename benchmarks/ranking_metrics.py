"""The ranking measures that ``ranking.py`` and ``ranking_external.py`` share.

Each takes the *gains* of one ranked list, best first: the grade of each
returned item, 0 for one that is not relevant. ``ranking.py`` grades
paragraphs 0, 1 or 2; ``ranking_external.py`` grades documents 0 or 1 from
TREC qrels. Only the first ``k`` gains count (the items past the cut-off were
not shown), and a list shorter than ``k`` is scored as it is: the missing
ranks add nothing, they are not a penalty of their own.

* **nDCG@k**: gain ``2**grade - 1`` (so a binary grade is its own gain),
  discounted by ``log2(rank + 1)``, over the same sum for the ideal list, the
  judged grades best first. A query with nothing to find scores 0.
* **reciprocal rank** (MRR@k when averaged): ``1 / rank`` of the first item
  with a grade of 1 or more within ``k``, else 0.
* **recall@k**: the share of the relevant items found within ``k``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

K = 10


def dcg(gains: Sequence[int], k: int = K) -> float:
    """Discounted cumulative gain of the first ``k`` grades.

    >>> dcg([1, 0, 1])  # 1/log2(2) + 1/log2(4)
    1.5
    """
    return float(sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains[:k])))


def ndcg(gains: Sequence[int], ideal: Sequence[int], k: int = K) -> float:
    """``dcg`` of the ranked grades over that of ``ideal`` (every judged grade, any order)."""
    best = dcg(sorted(ideal, reverse=True), k)
    return dcg(gains, k) / best if best else 0.0


def reciprocal_rank(gains: Sequence[int], k: int = K) -> float:
    """``1 / rank`` of the first graded item within ``k``; 0 when there is none."""
    first = next((i for i, g in enumerate(gains[:k]) if g > 0), None)
    return 1.0 / (first + 1) if first is not None else 0.0


def recall(found: int, relevant: int) -> float:
    """The share of ``relevant`` items that were ``found``; 0 when there is nothing to find."""
    return found / relevant if relevant else 0.0
