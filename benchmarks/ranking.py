"""Ranking quality on held-out queries: leisearch against two baselines.

    python benchmarks/ranking.py [--queries benchmarks/queries.json] [--json]

``queries.json`` was written by hand, without looking at any engine's output:
each query lists the paragraphs that answer it (an article id and an exact
substring of the paragraph) with a grade, 2 (answers it) or 1 (partly).
Queries whose words occur only in web residue list nothing: the right answer
is no hit.

The systems, over the same five seed articles:

* **leisearch**: its own cleaned paragraphs and query language.
* **whoosh**: plain Whoosh 2.7.4, ``StemmingAnalyzer``, one document per raw
  blank-line block, ``QueryParser`` with ``OrGroup`` (Whoosh's default AND
  would find nothing for most questions; OR is the fair baseline).
* **fts5**: SQLite FTS5 with the ``porter`` tokenizer over the same raw
  blocks, ranked by ``bm25()``; the query's words OR-ed (quoted, so
  punctuation is no syntax error), a quoted phrase kept as a phrase.

Metrics over the top 10: nDCG (gain 2^grade - 1), MRR (first hit of grade 1
or more) and recall; for the residue queries, how many hits came back. The
measures (``ranking_metrics.py``) and the baselines' query building
(``baselines.py``) are shared with ``ranking_external.py``.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import ranking_metrics  # noqa: E402  (sibling scripts, not a package)
from baselines import fts5_match, whoosh_or_parser  # noqa: E402

from leisearch.ingest.plain import split_blocks  # noqa: E402
from leisearch.service.build import build  # noqa: E402
from leisearch.service.opening import Index, open_index  # noqa: E402
from leisearch.service.search import search  # noqa: E402

K = ranking_metrics.K
Result = list[tuple[str, str]]  # (article id, paragraph text), best first


def raw_paragraphs(seeds: Path) -> list[tuple[str, str]]:
    """Every blank-line block of every file, uncleaned: what a naive indexer sees."""
    return [
        (path.stem, block)
        for path in sorted(seeds.glob("*.txt"))
        for block in split_blocks(path.read_text(encoding="utf-8"))
    ]


def leisearch_engine(seeds: Path, workdir: Path) -> Callable[[str], Result]:
    build([seeds], workdir / "leisearch", rebuild=True)
    return leisearch_runner(open_index(workdir / "leisearch").index)


def leisearch_runner(index: Index) -> Callable[[str], Result]:
    """Queries on an opened leisearch index, as ``(article, paragraph text)``, best first."""

    def run(query: str) -> Result:
        return [(h.article, h.text) for h in search(index, query, limit=K).hits]

    return run


def whoosh_engine(paragraphs: list[tuple[str, str]], workdir: Path) -> Callable[[str], Result]:
    from whoosh import index
    from whoosh.analysis import StemmingAnalyzer
    from whoosh.fields import ID, TEXT, Schema

    schema = Schema(article=ID(stored=True), text=TEXT(analyzer=StemmingAnalyzer(), stored=True))
    ix = index.create_in(str(workdir / "whoosh"), schema) if _mk(workdir / "whoosh") else None
    assert ix is not None
    with ix.writer() as writer:
        for article, text in paragraphs:
            writer.add_document(article=article, text=text)
    parser = whoosh_or_parser(schema, "text")
    searcher = ix.searcher()

    def run(query: str) -> Result:
        hits = searcher.search(parser.parse(query), limit=K)
        return [(h["article"], h["text"]) for h in hits]

    return run


def fts5_engine(paragraphs: list[tuple[str, str]]) -> Callable[[str], Result]:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE p USING fts5(article UNINDEXED, text, tokenize='porter')")
    db.executemany("INSERT INTO p VALUES (?, ?)", paragraphs)

    def run(query: str) -> Result:
        match = fts5_match(query)
        if not match:
            return []
        rows = db.execute(
            "SELECT article, text FROM p WHERE p MATCH ? ORDER BY bm25(p) LIMIT ?", (match, K)
        )
        return list(rows)

    return run


def _mk(path: Path) -> bool:
    path.mkdir(parents=True, exist_ok=True)
    return True


def grade(hit: tuple[str, str], relevant: list[dict[str, object]]) -> int:
    article, text = hit
    grades = [
        int(str(r["grade"]))
        for r in relevant
        if r["article"] == article and str(r["contains"]) in text
    ]
    return max(grades, default=0)


def score(result: Result, relevant: list[dict[str, object]]) -> dict[str, float]:
    gains = [grade(hit, relevant) for hit in result[:K]]
    ideal = [int(str(r["grade"])) for r in relevant]
    found = {
        (r["article"], r["contains"])
        for r in relevant
        for hit in result[:K]
        if hit[0] == r["article"] and str(r["contains"]) in hit[1]
    }
    return {
        "ndcg": ranking_metrics.ndcg(gains, ideal, K),
        "mrr": ranking_metrics.reciprocal_rank(gains, K),
        "recall": ranking_metrics.recall(len(found), len(relevant)),
    }


def evaluate(run: Callable[[str], Result], queries: list[dict[str, object]]) -> dict[str, float]:
    """One system's row of the table: mean nDCG, MRR and recall over the judged queries,
    hits for the residue queries, and nDCG per kind of query."""
    judged = [q for q in queries if q["relevant"]]
    residue = [q for q in queries if not q["relevant"]]
    scores = [score(run(str(q["query"])), q["relevant"]) for q in judged]  # type: ignore[arg-type]
    row = {m: statistics.mean(s[m] for s in scores) for m in ("ndcg", "mrr", "recall")}
    row["residue_hits"] = float(sum(len(run(str(q["query"]))) for q in residue))
    for kind in sorted({str(q["kind"]) for q in judged}):
        kind_scores = [s for s, q in zip(scores, judged, strict=True) if q["kind"] == kind]
        row[f"ndcg:{kind}"] = statistics.mean(s["ndcg"] for s in kind_scores)
    return row


def load_queries(path: Path = ROOT / "benchmarks" / "queries.json") -> list[dict[str, object]]:
    return list(json.loads(path.read_text(encoding="utf-8"))["queries"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--queries", type=Path, default=ROOT / "benchmarks" / "queries.json")
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--json", action="store_true", help="print the table as JSON")
    args = parser.parse_args()

    queries = load_queries(args.queries)
    paragraphs = raw_paragraphs(args.seeds)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        engines = {
            "leisearch": leisearch_engine(args.seeds, work),
            "whoosh": whoosh_engine(paragraphs, work),
            "fts5": fts5_engine(paragraphs),
        }
        table = {name: evaluate(run, queries) for name, run in engines.items()}
    if args.json:
        print(json.dumps(table, indent=2))
        return
    columns = list(next(iter(table.values())))
    print(f"{len(queries)} queries ({sum(1 for q in queries if q['relevant'])} judged), top {K}")
    print("| metric | " + " | ".join(table) + " |")
    print("|---|" + "---:|" * len(table))
    for column in columns:
        cells = [
            f"{table[name][column]:.3f}"
            if column != "residue_hits"
            else f"{table[name][column]:.0f}"
            for name in table
        ]
        print(f"| {column} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
