"""Train the pronoun ranker (``leisearch/quotes/ranker.py``) on labelled news.

    python benchmarks/train_pronouns.py TRAIN_DIR [--check DEV_DIR] [--out FILE] [--rounds N]

``TRAIN_DIR`` (and ``DEV_DIR``) are folders in the layout of
``../shared/data/polnear/train``. Every quotation that leisearch attributes
through a pronoun cue (``"…," he said``) and that matches a gold quotation with
a named reference becomes one training instance: the candidates
``quotes.pronouns.antecedents`` lists, each labelled by whether it names the gold
reference (the benchmark's ``same_person``). Instances where no candidate is
right teach nothing and are left out.

The model is a conditional logit (a softmax over each instance's candidates),
fitted by gradient ascent on the log-likelihood of the right candidates with
an L2 penalty. Attribution depends on earlier resolutions, so the instances
are collected again with the new weights for ``--rounds`` rounds. The weights
are written to ``--out`` (default: the package's ``pronouns.json``) with the
accuracy on the training and check sets. Only derived numbers are written:
no text of the data.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import quotes_external as qe  # noqa: E402

from leisearch.quotes import extract_quotes, pronouns, ranker  # noqa: E402
from leisearch.quotes.mentions import Cast  # noqa: E402

Instance = list[tuple[dict[str, float], bool]]
DEFAULT_OUT = ROOT / "leisearch" / "quotes" / "pronouns.json"


def collect(folder: Path, weights: Mapping[str, float]) -> list[Instance]:
    """The training instances of one folder, attributed with ``weights``."""
    gold = qe.read_gold(folder / "gold.jsonl")
    optional = qe.read_gold(folder / "optional.jsonl")
    articles = qe.read_articles(folder / "articles")
    calls: dict[tuple[str, int, int], list[tuple[str, dict[str, float]]]] = {}
    original = pronouns.pronoun_and_probability

    def pronoun(cast: Cast, word: str, index: int, at: int) -> tuple[str | None, float]:
        """The library's choice, with ``weights``; the candidates are kept for training."""
        found = pronouns.antecedents(cast, word, index, at)
        candidates = [c for c in found if not c[1]["gender_clash"]]
        calls[cast.article_id, index, at] = candidates
        if not candidates:
            return pronouns.latest_agreeing(cast, word, index, at), 0.0
        odds = ranker.probabilities([f for _, f in candidates], weights)
        best = odds.index(max(odds))
        return candidates[best][0], odds[best]

    # Every resolution goes through this function (resolve_pronoun calls it too).
    pronouns.pronoun_and_probability = pronoun
    try:
        found = [q for article in articles for q in extract_quotes(article)]
    finally:
        pronouns.pronoun_and_probability = original
    matched, _ = qe.match(found, gold, optional)
    instances = []
    for f, g in matched.items():
        quote, row = found[f], gold[g]
        candidates = calls.get((quote.article, quote.paragraph - 1, quote.start - 1))
        if not candidates or not row.reference:
            continue
        labelled = [(feats, qe.same_person(name, row.reference)) for name, feats in candidates]
        if any(right for _, right in labelled):
            instances.append(labelled)
    return instances


def _probabilities(instance: Instance, weights: Mapping[str, float]) -> list[float]:
    return ranker.probabilities([f for f, _ in instance], weights)


def fit(instances: Sequence[Instance], l2: float = 0.01, epochs: int = 300) -> dict[str, float]:
    """Weights that maximise the penalised log-likelihood of the right candidates."""
    names = sorted({n for inst in instances for f, _ in inst for n in f})
    weights = dict.fromkeys(names, 0.0)
    rate = 0.5
    for _ in range(epochs):
        grad = {n: -l2 * weights[n] * len(instances) for n in names}
        for inst in instances:
            probs = _probabilities(inst, weights)
            right = sum(p for p, (_, ok) in zip(probs, inst, strict=True) if ok)
            for p, (features, ok) in zip(probs, inst, strict=True):
                # d log(sum of right p) / d w = E[f | right] - E[f]
                share = (p / right if ok else 0.0) - p
                for n, v in features.items():
                    grad[n] += share * v
        for n in names:
            weights[n] += rate * grad[n] / len(instances)
    return {n: round(w, 4) for n, w in weights.items() if abs(w) >= 1e-4}


def accuracy(instances: Sequence[Instance], weights: Mapping[str, float]) -> float:
    """The share of instances whose best-scored candidate is a right one."""
    if not instances:
        return 0.0
    hits = 0
    for inst in instances:
        scores = [ranker.score(f, weights) for f, _ in inst]
        hits += inst[scores.index(max(scores))][1]
    return hits / len(instances)


def log_likelihood(instances: Sequence[Instance], weights: Mapping[str, float]) -> float:
    total = 0.0
    for inst in instances:
        probs = _probabilities(inst, weights)
        total += math.log(max(sum(p for p, (_, ok) in zip(probs, inst, strict=True) if ok), 1e-12))
    return total / max(len(instances), 1)


def rounds(train: Path, count: int) -> Iterator[tuple[dict[str, float], list[Instance]]]:
    weights: Mapping[str, float] = ranker.WEIGHTS
    for _ in range(count):
        instances = collect(train, weights)
        weights = fit(instances)
        yield dict(weights), instances


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("train", type=Path)
    parser.add_argument("--check", type=Path, help="a held-out folder to report accuracy on")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)
    weights: dict[str, float] = {}
    instances: list[Instance] = []
    for number, (weights, instances) in enumerate(rounds(args.train, args.rounds), start=1):
        if not instances:
            parser.error("no training instances: is the folder in polnear's layout?")
        fit_accuracy = accuracy(instances, weights)
        print(
            f"round {number}: {len(instances)} instances, accuracy {fit_accuracy:.3f},"
            f" log-likelihood {log_likelihood(instances, weights):.3f}",
            file=sys.stderr,
        )
    report = {
        "trained_on": args.train.name,
        "instances": len(instances),
        "train_accuracy": round(accuracy(instances, weights), 4),
    }
    if args.check:
        held = collect(args.check, weights)
        report["check"] = args.check.name
        report["check_instances"] = len(held)
        report["check_accuracy"] = round(accuracy(held, weights), 4)
        print(
            f"check: {len(held)} instances, accuracy {report['check_accuracy']:.3f}",
            file=sys.stderr,
        )
    args.out.write_text(
        json.dumps({"model": report, "weights": weights}, indent=1, sort_keys=True) + "\n",
        encoding="utf-8",
    )
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
