"""Quotation attribution on labelled news that nobody here wrote.

    python benchmarks/quotes_external.py DIR [--json] [--errors FILE] [--references FILE]

``DIR`` is a folder in the layout of ``../shared/data/polnear/train`` (see that
folder's README): ``articles/NAME.txt``, ``gold.jsonl`` (one direct quotation
per line: ``article``, ``quote`` with its marks, ``speaker`` as written and
``reference``, who that is) and, optionally, ``optional.jsonl`` (quoted spans
that are neither required nor wrong to report).

The articles go through leisearch's own reading, cleaning and quotation
pipeline (``leisearch.quotes.attribute_corpus``, which ``leisearch index``
uses), so what is scored is what a user's index would hold.

Scoring, as the data's README defines it:

* a reported quotation **matches** a gold one when the words they share cover
  at least half of the words of each (case, quote marks, edge punctuation and
  white space normalised), one to one, best overlap first; a reported
  quotation that matches an optional span instead counts neither way, and so
  does one opened by two apostrophes (``''We will,'' she said``: the New York
  Times articles write every quotation so) that matches no gold one: the data
  counts as direct quotations those that open with a quote mark, and its
  ``train`` holds one such quotation from all of its 121 New York Times
  articles. They are counted apart (``outside the gold``);
* the **speaker is right** when the reported canonical name and the gold
  ``reference`` name the same person: equal, one containing the other as
  whole words, or the same surname (last word), after dropping a leading
  ``the`` and honorifics. A gold quotation whose ``reference`` is empty can
  be found but its speaker is never right;
* **per-speaker precision**: for each reported speaker with four or more
  matched quotations, the share whose speaker is right; *pooled* over those
  speakers, and the *worst* of them;
* **not names**: reported speakers that are none of a name, a description
  (``the campaign``, ``a spokesman``) or a pronoun: weekdays, months and
  sentence openers, a speech verb glued on (``Jane Roe Joked``), web residue
  (``Read More``). Listed with their counts; the list should be empty.

``--references FILE`` replaces gold references by hand-checked ones before
scoring. polnear's references are hand-annotated only where the source starts
with a name (``reference_from: name``); the rest come from an automatic parser
and are often wrong or empty. ``benchmarks/polnear_dev_references.jsonl``
holds every such line of ``dev`` labelled again by hand (two annotators,
blind to leisearch's output, who agreed on every line): one JSON object per
line with ``line`` (the 0-based line of ``gold.jsonl``), ``article`` (a check
that the line is the one labelled) and one of ``reference`` (who said it, the
fullest name the article gives), ``description: true`` (nobody named: the
silver description stands) or ``not_speech: true`` (not a quotation: it moves
to the optional spans). It holds names and line numbers only, no text of the
articles.

The benchmark is never a test: its data may not be copied into the
repository (licence), and its figures go in the README's quotation table.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from leisearch.ingest import load_articles  # noqa: E402
from leisearch.models import Article, Quote, at_least  # noqa: E402
from leisearch.quotes import attribute_corpus  # noqa: E402

_MARKS = re.compile("[\"\u201c\u201d\u201e\u201f\u2018\u2019'\u00ab\u00bb\uff02`]")
_EDGE = re.compile(r"^\W+|\W+$")


def words(text: str) -> list[str]:
    """The normalised words of a quotation, for overlap."""
    bare = _MARKS.sub(" ", text.casefold())
    return [w for w in (_EDGE.sub("", t) for t in bare.split()) if w]


def overlap(a: Sequence[str], b: Sequence[str]) -> float:
    """The smaller of the two shares of words that ``a`` and ``b`` have in common."""
    if not a or not b:
        return 0.0
    shared = sum((Counter(a) & Counter(b)).values())
    return min(shared / len(a), shared / len(b))


_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sen", "gov", "rep", "prof", "president"}


def _name_words(name: str) -> list[str]:
    tokens = [_EDGE.sub("", w) for w in name.casefold().replace("\u2019", "'").split()]
    tokens = [t.removesuffix("'s") for t in tokens if t]
    if tokens and tokens[0] == "the":
        tokens = tokens[1:]
    while len(tokens) > 1 and tokens[0].rstrip(".") in _HONORIFICS:
        tokens = tokens[1:]
    return tokens


def _contains(outer: Sequence[str], inner: Sequence[str]) -> bool:
    n = len(inner)
    return any(list(outer[i : i + n]) == list(inner) for i in range(len(outer) - n + 1))


def same_person(reported: str, reference: str) -> bool:
    """Whether a reported speaker and a gold reference name the same person."""
    a, b = _name_words(reported), _name_words(reference)
    if not a or not b:
        return False
    if a == b or _contains(a, b) or _contains(b, a):
        return True
    return a[-1] == b[-1] and len(a[-1]) > 2


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


_OPENERS = _wordset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december today yesterday tonight "
    "when while after before speaking knowing praising former late last among unlike "
    "asked asking but and so then if as because although meanwhile however still also "
    "according click subscribe advertisement continued continue story related video photo "
    "image"
)
_GLUED_VERBS = _wordset(
    "said says told tells added adds joked noted wrote writes asked asks replied explained "
    "stated argued insisted warned continued declared tweeted"
)
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "him", "her", "them"}


def junk_class(name: str) -> str | None:
    """Why a reported speaker is not a name, a description or a pronoun; ``None`` if it is one."""
    tokens = name.split()
    if not tokens:
        return "empty"
    lower = [t.casefold().strip(".,:;!?") for t in tokens]
    if lower[0] in {"a", "an", "the", "one", "some", "another", "two", "three", "many", "several"}:
        return None  # a description kept as written
    possessor = lower[0] in {"his", "her", "their", "its"} or lower[0].endswith(("'s", "\u2019s"))
    if possessor and len(tokens) > 1 and all(t[:1].islower() for t in tokens[1:]):
        return None  # "his wife", "Powell's spokesman": a description kept as written
    if len(tokens) == 1 and lower[0] in _PRONOUNS:
        return None
    if lower[0] in _OPENERS:
        return "opener or time word"
    if len(tokens) > 1 and lower[-1] in _GLUED_VERBS:
        return "verb glued on"
    if " ".join(lower[:2]) in {"read more", "watch now", "article continued", "story continues"}:
        return "web residue"
    if any(t in {"click", "subscribe", "advertisement"} for t in lower):
        return "web residue"
    if tokens[0][:1].islower() and lower[0] not in {"de", "da", "van", "von", "dos", "del", "al"}:
        return "lower-case phrase"
    return None


@dataclass(frozen=True)
class Gold:
    article: str
    quote: str
    speaker: str
    reference: str
    words: tuple[str, ...]


def read_gold(path: Path) -> list[Gold]:
    rows = []
    if not path.exists():
        return rows
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            rows.append(
                Gold(
                    r["article"],
                    r["quote"],
                    r.get("speaker", ""),
                    r.get("reference", ""),
                    tuple(words(r["quote"])),
                )
            )
    return rows


def apply_references(
    gold: Sequence[Gold], optional: Sequence[Gold], rows: Iterable[dict]
) -> tuple[list[Gold], list[Gold]]:
    """``gold`` and ``optional`` with hand-checked references (see ``--references``).

    Raises ``ValueError`` when a row names a line that is not there or is of another
    article: the file was labelled on other data.
    """
    corrected = list(gold)
    not_speech: set[int] = set()
    for row in rows:
        line = int(row["line"])
        if not 0 <= line < len(gold) or gold[line].article != row["article"]:
            raise ValueError(f"line {line} of the gold is not in article {row['article']!r}")
        if row.get("not_speech"):
            not_speech.add(line)
        elif "reference" in row:
            old = gold[line]
            corrected[line] = Gold(old.article, old.quote, old.speaker, row["reference"], old.words)
    kept = [g for i, g in enumerate(corrected) if i not in not_speech]
    return kept, [*optional, *(gold[i] for i in sorted(not_speech))]


def opened_by_apostrophes(found: Sequence[Quote], articles: Sequence[Article]) -> set[int]:
    """The found quotations whose text comes after two apostrophes (``''``): outside what
    the gold counts as a direct quotation (see the module docstring)."""
    texts = {(a.id, p.number): p.text for a in articles for p in a.paragraphs}
    return {
        f
        for f, quote in enumerate(found)
        if texts.get((quote.article, quote.paragraph), "")[: quote.start].endswith("''")
    }


def match(
    found: Sequence[Quote],
    gold: Sequence[Gold],
    optional: Sequence[Gold],
    unjudged: set[int] = frozenset(),  # type: ignore[assignment]
) -> tuple[dict[int, int], set[int]]:
    """One-to-one matches ``{found index: gold index}`` and the found ones that are optional
    (or ``unjudged`` and unmatched: outside the gold)."""
    by_article: dict[str, list[int]] = defaultdict(list)
    for g, row in enumerate(gold):
        by_article[row.article].append(g)
    found_words = [words(q.text) for q in found]
    pairs = []
    for f, quote in enumerate(found):
        for g in by_article.get(quote.article, ()):
            score = overlap(found_words[f], gold[g].words)
            if score >= 0.5:
                pairs.append((score, f, g))
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _, f, g in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if f not in matched and g not in used:
            matched[f] = g
            used.add(g)
    optional_by_article: dict[str, list[Gold]] = defaultdict(list)
    for row in optional:
        optional_by_article[row.article].append(row)
    optional_found = {
        f
        for f, quote in enumerate(found)
        if f not in matched
        and any(overlap(found_words[f], o.words) >= 0.5 for o in optional_by_article[quote.article])
    }
    return matched, optional_found | (unjudged - matched.keys())


def score(
    found: Sequence[Quote],
    gold: Sequence[Gold],
    optional: Sequence[Gold],
    unjudged: set[int] = frozenset(),  # type: ignore[assignment]
) -> dict:
    matched, optional_found = match(found, gold, optional, unjudged)
    reported = len(found) - len(optional_found)
    right = {
        f for f, g in matched.items() if same_person(found[f].speaker or "", gold[g].reference)
    }
    precision = len(matched) / reported if reported else 0.0
    recall = len(matched) / len(gold) if gold else 0.0
    pair_p = len(right) / reported if reported else 0.0
    pair_r = len(right) / len(gold) if gold else 0.0
    pair_f1 = 2 * pair_p * pair_r / (pair_p + pair_r) if pair_p + pair_r else 0.0
    pooled, worst, big = _per_speaker(found, matched, right, "low")
    junk = Counter()
    junk_kind: dict[str, str] = {}
    for quote in found:
        kind = junk_class(quote.speaker or "")
        if kind:
            junk[quote.speaker or ""] += 1
            junk_kind[quote.speaker or ""] = kind
    by_cue: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for f, quote in enumerate(found):
        if f in optional_found:
            continue
        row = by_cue[quote.cue]
        row[0] += 1
        row[1] += f in matched
        row[2] += f in right
    levels = {}
    for floor in ("low", "medium", "high"):
        kept = [f for f, q in enumerate(found) if at_least(q.confidence, floor)]
        kept_reported = sum(1 for f in kept if f not in optional_found)
        kept_right = sum(1 for f in kept if f in right)
        kp = kept_right / kept_reported if kept_reported else 0.0
        kr = kept_right / len(gold) if gold else 0.0
        levels[floor] = {
            "reported": kept_reported,
            "right": kept_right,
            "pair_precision": round(kp, 4),
            "pair_recall": round(kr, 4),
            "pair_f1": round(2 * kp * kr / (kp + kr), 4) if kp + kr else 0.0,
            "per_speaker_pooled": round(_per_speaker(found, matched, right, floor)[0], 4),
        }
        exact = [f for f in kept if found[f].confidence == floor and f not in optional_found]
        levels[floor]["exactly_this_level_right"] = (
            round(sum(1 for f in exact if f in right) / len(exact), 4) if exact else 0.0
        )
    return {
        "articles_with_quotations": len({g.article for g in gold}),
        "gold": len(gold),
        "reported": reported,
        "optional_reported": len(optional_found),
        "outside_gold": len(unjudged - matched.keys()),
        "quote_precision": round(precision, 4),
        "quote_recall": round(recall, 4),
        "speaker_accuracy": round(len(right) / len(matched), 4) if matched else 0.0,
        "pair_precision": round(pair_p, 4),
        "pair_recall": round(pair_r, 4),
        "pair_f1": round(pair_f1, 4),
        "speakers_4plus": len(big),
        "per_speaker_pooled": round(pooled, 4),
        "per_speaker_worst": (
            {
                "speaker": worst[0],
                "precision": round(sum(worst[1]) / len(worst[1]), 4),
                "quotes": len(worst[1]),
            }
            if worst
            else None
        ),
        "not_names": [
            {"speaker": s, "quotes": n, "why": junk_kind[s]} for s, n in junk.most_common()
        ],
        "min_confidence": levels,
        "by_cue": {
            cue: {"reported": r[0], "matched": r[1], "right": r[2]}
            for cue, r in sorted(by_cue.items(), key=lambda kv: -kv[1][0])
        },
        "_matched": matched,
        "_right": right,
        "_optional": optional_found,
    }


def _per_speaker(
    found: Sequence[Quote], matched: dict[int, int], right: set[int], floor: str
) -> tuple[float, tuple[str, list[bool]] | None, dict[str, list[bool]]]:
    """Pooled and worst per-speaker precision over speakers with four or more matched
    quotations at ``floor`` or surer."""
    per_speaker: dict[str, list[bool]] = defaultdict(list)
    for f in matched:
        if at_least(found[f].confidence, floor):
            per_speaker[found[f].speaker or ""].append(f in right)
    big = {s: v for s, v in per_speaker.items() if len(v) >= 4}
    pooled = sum(sum(v) for v in big.values()) / max(sum(len(v) for v in big.values()), 1)
    worst = min(big.items(), key=lambda kv: (sum(kv[1]) / len(kv[1]), kv[0]), default=None)
    return pooled, worst, big


def read_articles(folder: Path) -> list[Article]:
    _, stream = load_articles([folder])
    return [a for a in stream if isinstance(a, Article)]


def write_errors(
    path: Path,
    found: Sequence[Quote],
    gold: Sequence[Gold],
    result: dict,
    articles: Iterable[Article],
) -> None:
    """Every mistake, one JSON object per line, for reading (never committed)."""
    matched, right, optional = result["_matched"], result["_right"], result["_optional"]
    texts = {a.id: a for a in articles}
    found_gold = set(matched.values())
    with path.open("w", encoding="utf-8") as out:
        for f, quote in enumerate(found):
            if f in optional:
                continue
            para = texts[quote.article].paragraphs[quote.paragraph - 1].text
            if f not in matched:
                kind, g = "not a gold quotation", None
            elif f not in right:
                kind, g = "wrong speaker", gold[matched[f]]
            else:
                continue
            out.write(
                json.dumps(
                    {
                        "kind": kind,
                        "article": quote.article,
                        "paragraph": quote.paragraph,
                        "quote": quote.text[:160],
                        "reported": quote.speaker,
                        "cue": quote.cue,
                        "gold_speaker": g.speaker if g else None,
                        "gold_reference": g.reference if g else None,
                        "context": para[:600],
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
        for g, row in enumerate(gold):
            if g not in found_gold:
                article = texts.get(row.article)
                inner = _MARKS.sub("", row.quote).strip()[:40]
                context = (
                    next(
                        (
                            p.text
                            for p in article.paragraphs
                            if inner and inner in _MARKS.sub("", p.text)
                        ),
                        "",
                    )
                    if article
                    else ""
                )
                out.write(
                    json.dumps(
                        {
                            "kind": "missed",
                            "article": row.article,
                            "quote": row.quote[:160],
                            "gold_speaker": row.speaker,
                            "gold_reference": row.reference,
                            "context": context[:700],
                        },
                        ensure_ascii=False,
                    )
                    + "\n"
                )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="a folder in the layout of polnear/train")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--errors", type=Path, help="write every mistake to this JSONL file")
    parser.add_argument(
        "--references",
        type=Path,
        help="hand-checked references that replace the gold ones (see the module docstring)",
    )
    args = parser.parse_args(argv)
    folder: Path = args.folder
    if not (folder / "articles").is_dir() or not (folder / "gold.jsonl").is_file():
        parser.error(f"{folder} has no articles/ folder or no gold.jsonl")
    gold = read_gold(folder / "gold.jsonl")
    optional = read_gold(folder / "optional.jsonl")
    if args.references:
        rows = [json.loads(line) for line in args.references.read_text("utf-8").splitlines()]
        gold, optional = apply_references(gold, optional, (r for r in rows if r))
    articles = read_articles(folder / "articles")
    started = time.perf_counter()
    found = [q for quotes in attribute_corpus(articles) for q in quotes]
    seconds = time.perf_counter() - started
    result = score(found, gold, optional, opened_by_apostrophes(found, articles))
    if args.errors:
        write_errors(args.errors, found, gold, result, articles)
    public = {k: v for k, v in result.items() if not k.startswith("_")}
    public["articles"] = len(articles)
    public["seconds"] = round(seconds, 2)
    if args.json:
        print(json.dumps(public, indent=1, ensure_ascii=False))
        return 0
    print(
        f"{folder}: {public['articles']} articles ({public['articles_with_quotations']} with "
        f"quotations), {public['gold']} gold quotations, "
        f"{public['reported']} reported (+{public['optional_reported']} optional, "
        f"{public['outside_gold']} of them outside the gold), "
        f"{seconds:.1f} s"
    )
    print(f"quotations        P {public['quote_precision']:.3f}  R {public['quote_recall']:.3f}")
    print(f"speaker accuracy  {public['speaker_accuracy']:.3f} of matched quotations")
    print(
        f"(quote, speaker)  P {public['pair_precision']:.3f}  R {public['pair_recall']:.3f}  "
        f"F1 {public['pair_f1']:.3f}"
    )
    worst = public["per_speaker_worst"]
    worst_text = (
        f"{worst['speaker']} {worst['precision']:.2f} of {worst['quotes']}" if worst else "-"
    )
    print(
        f"per speaker (4+)  pooled {public['per_speaker_pooled']:.3f} over "
        f"{public['speakers_4plus']} speakers; worst: {worst_text}"
    )
    junk = public["not_names"]
    print(
        f"not names         {len(junk)}"
        + (
            ": " + ", ".join(f"{j['speaker']!r} ({j['quotes']}, {j['why']})" for j in junk[:15])
            if junk
            else ""
        )
    )
    print("by confidence     kept / right / pair P / pair R / F1 / per speaker (4+)")
    for floor, row in public["min_confidence"].items():
        print(
            f"  {floor + ' and up':16} {row['reported']:5} {row['right']:5}"
            f"  {row['pair_precision']:.3f}  {row['pair_recall']:.3f}  {row['pair_f1']:.3f}"
            f"  {row['per_speaker_pooled']:.3f}  (at exactly {floor}: "
            f"{row['exactly_this_level_right']:.2f} right)"
        )
    print("by cue            reported / matched / right")
    for cue, row in list(public["by_cue"].items())[:25]:
        print(f"  {cue or '-':20} {row['reported']:5} {row['matched']:5} {row['right']:5}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
