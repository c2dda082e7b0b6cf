"""Ranking quality on real news: 50 judged queries over polnear's 840 training articles.

    python benchmarks/ranking_news.py DIR [--queries benchmarks/news_queries.json] [--json]

``DIR`` is the folder of articles the queries were written for,
``../shared/data/polnear/train/articles`` (see ``news_queries.json``'s
description for how the queries and judgments were made; the articles stay
outside the repository: their licence note). The same cleaned paragraphs are
ranked by three engines in one run:

* **leisearch**, through its library (``build``, ``open_index``, ``search``),
  each query as typed;
* **fts5**: SQLite FTS5, one row per leisearch paragraph with its article's
  title, ``porter unicode61``, ``bm25()``, the query's words OR-ed
  (``baselines.fts5_match``);
* **whoosh**: plain Whoosh, ``StemmingAnalyzer``, ``title`` and ``text``
  searched together with ``OrGroup`` (``baselines.whoosh_or_parser``).

Each returns its top 10 paragraphs; a paragraph's grade is the judged one
(matched by article and the SHA-1 of its text, so a new numbering keeps the
judgments), 0 when unjudged. nDCG@10 with gains ``2**grade - 1``, MRR@10 and
recall@10 (of the grade-1-or-more paragraphs judged), over all queries and per
kind. The pool was judged from these engines' results and leisearch's at the
time; a system that finds relevant paragraphs nobody pooled is scored lower
than it deserves, so a new leisearch setting that finds many unjudged
paragraphs needs them judged before its figure is trusted (``--unjudged``
counts them).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sqlite3
import statistics
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import ranking_metrics  # noqa: E402  (sibling scripts, not a package)
from baselines import fts5_match, whoosh_or_parser  # noqa: E402

from leisearch.ingest import load_articles  # noqa: E402
from leisearch.models import Article  # noqa: E402
from leisearch.service.build import build  # noqa: E402
from leisearch.service.opening import open_index  # noqa: E402
from leisearch.service.search import search  # noqa: E402

K = ranking_metrics.K
#: A paragraph: its article and the fingerprint of its text.
Unit = tuple[str, str]
Engine = Callable[[str], list[Unit]]


def fingerprint(text: str) -> str:
    """The first 12 hex digits of the SHA-1 of ``text`` with white space folded and case
    folded: how the judgments name a paragraph.

    >>> fingerprint("A  b\\nC") == fingerprint("a b c")
    True
    """
    return hashlib.sha1(" ".join(text.split()).casefold().encode("utf-8")).hexdigest()[:12]


def load(path: Path) -> tuple[list[dict[str, str]], dict[str, dict[Unit, int]]]:
    """The queries, and each query's judged grades by paragraph."""
    data = json.loads(path.read_text(encoding="utf-8"))
    grades: dict[str, dict[Unit, int]] = {q["id"]: {} for q in data["queries"]}
    for j in data["judgments"]:
        grades[j["qid"]][(j["article"], j["sha1"])] = int(j["grade"])
    return data["queries"], grades


def score(ranked: Sequence[Unit], judged: dict[Unit, int]) -> dict[str, float]:
    """nDCG@10, reciprocal rank and recall@10 of one ranked list."""
    gains = [judged.get(unit, 0) for unit in ranked[:K]]
    relevant = [g for g in judged.values() if g > 0]
    return {
        "ndcg": ranking_metrics.ndcg(gains, relevant, K),
        "mrr": ranking_metrics.reciprocal_rank(gains, K),
        "recall": ranking_metrics.recall(sum(1 for g in gains if g > 0), len(relevant)),
        "unjudged": float(sum(1 for unit in ranked[:K] if unit not in judged)),
    }


def paragraphs(folder: Path) -> list[tuple[str, str, str]]:
    """(article, title, text) for every paragraph leisearch's cleaning keeps."""
    _, stream = load_articles([folder])
    return [(a.id, a.title, p.text) for a in stream if isinstance(a, Article) for p in a.paragraphs]


def leisearch_engine(folder: Path, work: Path) -> Engine:
    build([folder], work / "leisearch", rebuild=True)
    index = open_index(work / "leisearch").index
    return lambda query: [
        (h.article, fingerprint(h.text)) for h in search(index, query, limit=K).hits
    ]


def fts5_engine(rows: list[tuple[str, str, str]]) -> Engine:
    db = sqlite3.connect(":memory:")
    db.execute(
        "CREATE VIRTUAL TABLE p USING fts5(article UNINDEXED, title, text, "
        "tokenize='porter unicode61')"
    )
    db.executemany("INSERT INTO p VALUES (?, ?, ?)", rows)

    def run(query: str) -> list[Unit]:
        found = db.execute(
            "SELECT article, text FROM p WHERE p MATCH ? ORDER BY bm25(p) LIMIT ?",
            (fts5_match(query), K),
        )
        return [(article, fingerprint(text)) for article, text in found]

    return run


def whoosh_engine(rows: list[tuple[str, str, str]], work: Path) -> Engine:
    from whoosh import index as whoosh_index
    from whoosh.analysis import StemmingAnalyzer
    from whoosh.fields import ID, STORED, TEXT, Schema

    schema = Schema(
        article=ID(stored=True),
        title=TEXT(analyzer=StemmingAnalyzer()),
        text=TEXT(analyzer=StemmingAnalyzer()),
        raw=STORED(),
    )
    (work / "whoosh").mkdir()
    ix = whoosh_index.create_in(str(work / "whoosh"), schema)
    writer = ix.writer(limitmb=256)
    for article, title, text in rows:
        writer.add_document(article=article, title=title, text=text, raw=text)
    writer.commit()
    searcher = ix.searcher()
    parser = whoosh_or_parser(ix.schema, "title", "text")
    return lambda query: [
        (hit["article"], fingerprint(hit["raw"]))
        for hit in searcher.search(parser.parse(query), limit=K)
    ]


def run_benchmark(folder: Path, queries_path: Path) -> dict[str, Any]:
    queries, grades = load(queries_path)
    rows = paragraphs(folder)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        engines = {
            "leisearch": leisearch_engine(folder, work),
            "fts5": fts5_engine(rows),
            "whoosh": whoosh_engine(rows, work),
        }
        per: dict[str, dict[str, dict[str, float]]] = {name: {} for name in engines}
        for name, engine in engines.items():
            for q in queries:
                per[name][q["id"]] = score(engine(q["query"]), grades[q["id"]])
    table: dict[str, dict[str, float]] = {}
    kinds = sorted({q["kind"] for q in queries})
    for name in engines:
        row = {
            m: round(statistics.mean(s[m] for s in per[name].values()), 4)
            for m in ("ndcg", "mrr", "recall", "unjudged")
        }
        for kind in kinds:
            ids = [q["id"] for q in queries if q["kind"] == kind]
            row[f"ndcg:{kind}"] = round(statistics.mean(per[name][i]["ndcg"] for i in ids), 4)
        table[name] = row
    best = max(("fts5", "whoosh"), key=lambda n: table[n]["ndcg"])
    return {
        "articles_folder": str(folder),
        "queries": len(queries),
        "judged": sum(len(g) for g in grades.values()),
        "engines": table,
        "better_baseline": best,
        "ndcg_ratio": round(table["leisearch"]["ndcg"] / table[best]["ndcg"], 4),
        "per_query_ndcg": {
            q["id"]: {name: round(per[name][q["id"]]["ndcg"], 4) for name in engines}
            for q in queries
        },
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="polnear/train/articles")
    parser.add_argument("--queries", type=Path, default=HERE / "news_queries.json")
    parser.add_argument("--json", action="store_true", help="print everything as JSON")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        parser.error(f"{args.folder} is not a folder of articles")
    result = run_benchmark(args.folder, args.queries)
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    table = result["engines"]
    columns = [c for c in next(iter(table.values())) if c != "unjudged"]
    print(f"{result['queries']} queries, {result['judged']} judged paragraphs")
    print("| engine | " + " | ".join(columns) + " | unjudged in top 10 |")
    print("|---" * (len(columns) + 2) + "|")
    for name, row in table.items():
        cells = " | ".join(f"{row[c]:.3f}" for c in columns)
        print(f"| {name} | {cells} | {row['unjudged']:.1f} |")
    print(f"leisearch / {result['better_baseline']}: {result['ndcg_ratio']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
