"""Ranking quality on classic test collections that nobody here wrote (CISI, NPL).

    python benchmarks/ranking_external.py DIR [--work WORKDIR] [--reuse-leisearch]
                                              [--json] [--per-query FILE]

``DIR`` is a collection in the layout of ``../shared/data/ir/cisi`` and
``../shared/data/ir/npl`` (see that folder's README): ``docs/ID.txt`` (the
first line the title, a blank line, the body), ``queries.tsv``
(``qid<TAB>text``) and ``qrels.txt`` (TREC: ``qid 0 docid relevance``,
binary). Those are short scientific abstracts, not news: a check on general
ranking beside ``ranking.py``'s judged seed queries, not the target.

The same files are indexed by three engines in the same run:

* **leisearch**, through its library: ``service.build.build`` into a fresh
  folder, then ``open_index`` and ``service.search.search`` with each query as
  typed, in leisearch's own query language. leisearch ranks paragraphs, so a
  document scores as its best paragraph: of the ranked paragraphs (200 asked
  for, more when those hold fewer than 10 documents), the first of each
  article in rank order, up to 10. The title line is indexed as leisearch
  indexes titles (today, not searched by loose words): measured as it is.
* **fts5**: SQLite FTS5, one row per document with ``title`` and ``body``
  columns, ``tokenize='porter unicode61'``, ranked by ``bm25()`` (document id
  on ties). The query is ``baselines.fts5_match``, as in ``ranking.py``: the
  words OR-ed, each double-quoted so that punctuation is no syntax error (a
  quoted phrase stays a phrase, as the other two engines read it: 4 CISI
  queries quote two words or more, no NPL query quotes anything).
* **whoosh**: plain Whoosh 2.7.4, ``StemmingAnalyzer``, ``title`` and ``body``
  as two fields searched together by a ``MultifieldParser`` with ``OrGroup``
  (``baselines.whoosh_or_parser``), BM25F, the query as typed.

Measures over the top 10, macro-averaged over the judged queries (those with
at least one relevant document in ``qrels.txt``; the others are skipped):
nDCG@10 with binary gain, the log2 discount and the ideal list from the
qrels, MRR@10 and recall@10 (``ranking_metrics.py``, shared with
``ranking.py``). Then leisearch's nDCG@10 over the better baseline's, and the
wall time each engine took to index, in this process (leisearch on every
core from 200 articles, as ``leisearch index`` does; the baselines with one
writer, their default).

``--work DIR`` keeps the indexes in ``DIR`` (else a temporary folder; its
``leisearch/``, ``whoosh/`` and ``fts5.sqlite`` are the benchmark's), each
with a stamp of the documents' bytes and the engine's settings: a second run
over the same documents reuses the baselines' indexes and reports the time
of the run that built them. leisearch is rebuilt on every run, since its
changes are what this measures, unless ``--reuse-leisearch`` is given.
``--per-query FILE`` writes one JSON line per judged query: its nDCG, MRR and
recall for each engine and the documents each returned, for analysis.

The benchmark is never a test: the collections stay outside the repository.
``tests/test_ranking_external.py`` checks the readers and the measures.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import ranking_metrics  # noqa: E402  (sibling scripts, not a package)
from baselines import fts5_match, whoosh_or_parser  # noqa: E402
from bench import leisearch_version  # noqa: E402

from leisearch.errors import LeisearchError  # noqa: E402
from leisearch.service.build import build  # noqa: E402
from leisearch.service.opening import open_index  # noqa: E402
from leisearch.service.search import search  # noqa: E402
from leisearch.store.folder import is_foreign  # noqa: E402

K = ranking_metrics.K
#: Paragraphs asked of leisearch at first: the collections' abstracts are one paragraph or
#: a few, so 200 paragraphs hold 10 documents; when they do not, ``leisearch_engine`` asks
#: for four times as many, and so on.
LEISEARCH_DEPTH = 200
BASELINES = ("fts5", "whoosh")
#: What each index is built with, part of its stamp: a change here rebuilds it.
SETTINGS = {
    "leisearch": "leisearch.service.build, rebuild",
    "fts5": "fts5(id UNINDEXED, title, body, tokenize='porter unicode61')",
    "whoosh": "Whoosh 2.7.4, id, title, body; StemmingAnalyzer",
}


# --- the collection --------------------------------------------------------------


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    body: str


def read_document(path: Path) -> Document:
    """A document as the baselines index it: the first line the title, the rest the body."""
    title, _, body = path.read_text(encoding="utf-8").partition("\n")
    return Document(path.stem, title.strip(), body.strip())


def document_files(docs: Path) -> list[Path]:
    return sorted(docs.glob("*.txt"))


def read_queries(path: Path) -> dict[str, str]:
    """``qid -> text`` from ``qid<TAB>text`` lines, in file order; blank lines skipped."""
    queries = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        qid, tab, text = line.partition("\t")
        if not tab:
            raise ValueError(f"{path}:{number}: no tab between the query id and its text")
        queries[qid.strip()] = text.strip()
    return queries


def read_qrels(path: Path) -> dict[str, frozenset[str]]:
    """``qid -> relevant document ids`` from TREC lines ``qid iteration docid relevance``;
    a relevance of 0 or less is a judged non-relevant document, left out."""
    relevant: dict[str, set[str]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        fields = line.split()
        if not fields:
            continue
        if len(fields) != 4:
            raise ValueError(f"{path}:{number}: expected 'qid 0 docid relevance'")
        qid, _, docid, grade = fields
        if int(grade) > 0:
            relevant.setdefault(qid, set()).add(docid)
    return {qid: frozenset(docs) for qid, docs in relevant.items()}


@dataclass(frozen=True)
class Judged:
    qid: str
    text: str
    relevant: frozenset[str]


def judged_queries(queries: dict[str, str], qrels: dict[str, frozenset[str]]) -> list[Judged]:
    """The queries with at least one relevant document, in the order of ``queries.tsv``."""
    return [Judged(qid, text, qrels[qid]) for qid, text in queries.items() if qrels.get(qid)]


# --- measures ---------------------------------------------------------------------


def best_paragraphs(articles: Iterable[str], k: int = K) -> list[str]:
    """Ranked paragraphs' article ids to ranked documents: each document at the rank of
    its best paragraph (its first in rank order), up to ``k`` documents.

    >>> best_paragraphs(["a", "b", "a", "c"], k=2)
    ['a', 'b']
    """
    return list(islice(dict.fromkeys(articles), k))


def score(ranked: Sequence[str], relevant: Collection[str], k: int = K) -> dict[str, float]:
    """nDCG@k, reciprocal rank and recall@k of distinct document ids, best first, against
    the relevant ones (binary gain: a relevant document's grade is 1)."""
    gains = [1 if doc in relevant else 0 for doc in ranked[:k]]
    return {
        "ndcg": ranking_metrics.ndcg(gains, [1] * len(relevant), k),
        "mrr": ranking_metrics.reciprocal_rank(gains, k),
        "recall": ranking_metrics.recall(sum(gains), len(relevant)),
    }


# --- engines ----------------------------------------------------------------------


@dataclass
class Engine:
    """One engine's index, opened: ``run(query)`` is its document ids, best first, up to 10."""

    name: str
    run: Callable[[str], list[str]]
    index_seconds: float
    reused: bool
    #: What the index holds, as the engine counts it (leisearch: articles, paragraphs, …).
    info: dict[str, Any] = field(default_factory=dict)
    #: Query text -> what the engine said about it (leisearch: words it left out, …),
    #: filled as the queries run.
    notes: dict[str, tuple[str, ...]] = field(default_factory=dict)


def fingerprint(files: Sequence[Path]) -> str:
    """The documents' names and bytes, hashed: with an engine's ``SETTINGS``, an index
    built from the same is the same index."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _stamp(work: Path, engine: str) -> Path:
    # Beside the index, not in it: leisearch refuses to build in a folder with foreign files.
    return work / f"{engine}.stamp.json"


def _reusable(work: Path, engine: str, documents: str) -> dict[str, Any] | None:
    """The stamp of an earlier build of the same documents with the same settings."""
    try:
        saved: dict[str, Any] = json.loads(_stamp(work, engine).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    same = saved.get("documents") == documents and saved.get("settings") == SETTINGS[engine]
    return saved if same else None


def _save_stamp(
    work: Path, engine: str, documents: str, seconds: float, info: dict[str, Any]
) -> None:
    stamp = {"documents": documents, "settings": SETTINGS[engine], "seconds": seconds}
    text = json.dumps(stamp | {"info": info}, indent=1)
    _stamp(work, engine).write_text(text + "\n", encoding="utf-8")


@contextmanager
def _timer() -> Iterator[list[float]]:
    elapsed: list[float] = []
    start = time.perf_counter()
    yield elapsed
    elapsed.append(time.perf_counter() - start)


def leisearch_engine(docs: Path, work: Path, documents: str, reuse: bool) -> Engine:
    place = work / "leisearch"
    saved = _reusable(work, "leisearch", documents) if reuse and place.is_dir() else None
    if saved is None:
        if is_foreign(place):
            raise SystemExit(f"{place} is not a leisearch index: not deleting it")
        # A fresh folder: what is measured is a first build, not an update of the last one.
        _stamp(work, "leisearch").unlink(missing_ok=True)
        shutil.rmtree(place, ignore_errors=True)
        with _timer() as elapsed:
            report = build([docs], place, rebuild=True)
        info = {
            "articles": report.articles,
            "paragraphs": report.paragraphs,
            "skipped": [f"{s.path}: {s.reason}" for s in report.skipped],
            "warnings": list(report.warnings),
        }
        _save_stamp(work, "leisearch", documents, elapsed[0], info)
        saved = {"seconds": elapsed[0], "info": info}
        reused = False
    else:
        reused = True
    index = open_index(place).index
    info = dict(saved["info"])
    info["not_indexed"] = sorted(
        {p.stem for p in document_files(docs)} - {a.id for a in index.manifest.articles}
    )
    notes: dict[str, tuple[str, ...]] = {}

    def run(query: str) -> list[str]:
        limit = LEISEARCH_DEPTH
        while True:
            result = search(index, query, limit=limit)
            if result.notes:
                notes[query] = result.notes
            ranked = best_paragraphs((hit.article for hit in result.hits), K)
            if len(ranked) >= K or len(result.hits) < limit:
                return ranked
            limit *= 4

    return Engine("leisearch", run, float(saved["seconds"]), reused, info, notes)


def fts5_engine(docs: Path, work: Path, documents: str) -> Engine:
    path = work / "fts5.sqlite"
    saved = _reusable(work, "fts5", documents) if path.is_file() else None
    if saved is None:
        # The stamp first: a build that stops half-way leaves no index that looks whole.
        _stamp(work, "fts5").unlink(missing_ok=True)
        path.unlink(missing_ok=True)
        with _timer() as elapsed:
            db = sqlite3.connect(path)
            with db:
                db.execute(f"CREATE VIRTUAL TABLE docs USING {SETTINGS['fts5']}")
                db.executemany(
                    "INSERT INTO docs (id, title, body) VALUES (?, ?, ?)",
                    ((d.id, d.title, d.body) for d in map(read_document, document_files(docs))),
                )
        (count,) = db.execute("SELECT count(*) FROM docs").fetchone()
        saved = {"seconds": elapsed[0], "info": {"documents": count}}
        _save_stamp(work, "fts5", documents, elapsed[0], saved["info"])
        reused = False
    else:
        db = sqlite3.connect(path)
        reused = True

    def run(query: str) -> list[str]:
        match = fts5_match(query)
        if not match:
            return []
        rows = db.execute(
            "SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs), id LIMIT ?", (match, K)
        )
        return [docid for (docid,) in rows]

    return Engine("fts5", run, float(saved["seconds"]), reused, dict(saved["info"]))


def whoosh_engine(docs: Path, work: Path, documents: str) -> Engine:
    from whoosh import index as whoosh_index
    from whoosh.analysis import StemmingAnalyzer
    from whoosh.fields import ID, TEXT, Schema

    place = work / "whoosh"
    saved = _reusable(work, "whoosh", documents) if whoosh_index.exists_in(str(place)) else None
    if saved is None:
        _stamp(work, "whoosh").unlink(missing_ok=True)
        shutil.rmtree(place, ignore_errors=True)
        with _timer() as elapsed:
            place.mkdir(parents=True)
            schema = Schema(
                id=ID(stored=True),
                title=TEXT(analyzer=StemmingAnalyzer()),
                body=TEXT(analyzer=StemmingAnalyzer()),
            )
            ix = whoosh_index.create_in(str(place), schema)
            with ix.writer() as writer:
                for doc in map(read_document, document_files(docs)):
                    writer.add_document(id=doc.id, title=doc.title, body=doc.body)
        saved = {"seconds": elapsed[0], "info": {"documents": ix.doc_count()}}
        _save_stamp(work, "whoosh", documents, elapsed[0], saved["info"])
        reused = False
    else:
        ix = whoosh_index.open_dir(str(place))
        reused = True
    parser = whoosh_or_parser(ix.schema, "title", "body")
    searcher = ix.searcher()

    def run(query: str) -> list[str]:
        return [hit["id"] for hit in searcher.search(parser.parse(query), limit=K)]

    return Engine("whoosh", run, float(saved["seconds"]), reused, dict(saved["info"]))


# --- the run ----------------------------------------------------------------------


@dataclass
class PerQuery:
    """One judged query's scores, ranked documents and failures, by engine."""

    query: Judged
    scores: dict[str, dict[str, float]] = field(default_factory=dict)
    ranked: dict[str, list[str]] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def evaluate(
    engines: Sequence[Engine], queries: Sequence[Judged]
) -> tuple[list[PerQuery], dict[str, float]]:
    """Every judged query on every engine, one engine at a time (so that each one's total
    query time is its own). A query an engine fails on scores 0 for it and is listed,
    so that one odd query does not hide the rest."""
    rows = [PerQuery(query) for query in queries]
    seconds = {}
    for engine in engines:
        with _timer() as elapsed:
            for row in rows:
                try:
                    ranked = engine.run(row.query.text)
                except (LeisearchError, sqlite3.Error, ValueError) as error:
                    ranked = []
                    row.errors[engine.name] = f"{type(error).__name__}: {error}"
                row.ranked[engine.name] = ranked
                row.scores[engine.name] = score(ranked, row.query.relevant)
        seconds[engine.name] = elapsed[0]
    return rows, seconds


def summary(
    engines: Sequence[Engine], rows: Sequence[PerQuery], query_seconds: dict[str, float]
) -> dict[str, dict[str, Any]]:
    """Each engine's row: the mean measures, its times, and how many queries came back
    empty, short of 10 documents, or failed."""
    table: dict[str, dict[str, Any]] = {}
    for engine in engines:
        name = engine.name
        table[name] = {
            m: round(statistics.mean(r.scores[name][m] for r in rows), 4) if rows else 0.0
            for m in ("ndcg", "mrr", "recall")
        }
        table[name] |= {
            "index_seconds": round(engine.index_seconds, 2),
            "index_reused": engine.reused,
            "query_seconds": round(query_seconds[name], 2),
            "no_hits": sum(1 for r in rows if not r.ranked[name] and name not in r.errors),
            "fewer_than_10": sum(1 for r in rows if len(r.ranked[name]) < K),
            "errors": sum(1 for r in rows if name in r.errors),
        }
    return table


def run_benchmark(
    folder: Path, work: Path, reuse_leisearch: bool
) -> tuple[dict[str, Any], list[PerQuery]]:
    docs = folder / "docs"
    files = document_files(docs)
    queries = read_queries(folder / "queries.tsv")
    qrels = read_qrels(folder / "qrels.txt")
    judged = judged_queries(queries, qrels)
    ids = {p.stem for p in files}
    work.mkdir(parents=True, exist_ok=True)
    documents = fingerprint(files)
    leisearch = leisearch_engine(docs, work, documents, reuse_leisearch)
    engines = [leisearch, fts5_engine(docs, work, documents), whoosh_engine(docs, work, documents)]
    rows, query_seconds = evaluate(engines, judged)
    table = summary(engines, rows, query_seconds)
    best = max(BASELINES, key=lambda name: table[name]["ndcg"])
    not_indexed = set(leisearch.info["not_indexed"])
    result = {
        "collection": folder.name,
        "measured": {"date": datetime.now(UTC).date().isoformat()} | leisearch_version(),
        "documents": len(files),
        "queries": len(queries),
        "judged": len(judged),
        "qrels_without_query": sorted(set(qrels) - set(queries)),
        "relevant_not_in_docs": sum(len(j.relevant - ids) for j in judged),
        "k": K,
        "engines": table,
        "better_baseline": best,
        "ndcg_ratio": round(table["leisearch"]["ndcg"] / table[best]["ndcg"], 4)
        if table[best]["ndcg"]
        else None,
        "leisearch": leisearch.info
        | {
            "relevant_not_indexed": sum(len(j.relevant & not_indexed) for j in judged),
            "query_notes": {
                j.qid: list(leisearch.notes[j.text]) for j in judged if j.text in leisearch.notes
            },
        },
        "errors": {r.query.qid: r.errors for r in rows if r.errors},
    }
    return result, rows


def write_per_query(path: Path, collection: str, rows: Sequence[PerQuery]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            line = {
                "collection": collection,
                "qid": row.query.qid,
                "query": row.query.text,
                "relevant": len(row.query.relevant),
                **{
                    m: {e: round(s[m], 4) for e, s in row.scores.items()}
                    for m in ("ndcg", "mrr", "recall")
                },
                "ranked": row.ranked,
                "errors": row.errors,
            }
            out.write(json.dumps(line, ensure_ascii=False) + "\n")


def print_table(result: dict[str, Any]) -> None:
    table = result["engines"]
    info = result["leisearch"]
    print(
        f"{result['collection']}: {result['documents']:,} documents, {result['judged']} judged "
        f"queries of {result['queries']}, top {result['k']}"
    )
    print("| engine | nDCG@10 | MRR@10 | recall@10 | index, s | queries, s | no hits | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, row in table.items():
        seconds = f"{row['index_seconds']:.1f}" + (" (reused)" if row["index_reused"] else "")
        print(
            f"| {name} | {row['ndcg']:.3f} | {row['mrr']:.3f} | {row['recall']:.3f} | {seconds} "
            f"| {row['query_seconds']:.1f} | {row['no_hits']} | {row['errors']} |"
        )
    ratio = result["ndcg_ratio"]
    print(
        f"leisearch ÷ the better baseline ({result['better_baseline']}) on nDCG@10: "
        + (f"{ratio:.3f}" if ratio is not None else "n/a")
    )
    print(
        f"leisearch indexed {info['articles']:,} articles, {info['paragraphs']:,} paragraphs; "
        f"{len(info['not_indexed'])} documents not indexed ({len(info['skipped'])} files "
        f"skipped), {info['relevant_not_indexed']} judged-relevant among them"
    )
    for qid, notes in info["query_notes"].items():
        print(f"query {qid}: leisearch notes: {'; '.join(notes)}")
    for qid, errors in result["errors"].items():
        for engine, error in errors.items():
            print(f"query {qid}: {engine} failed: {error}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="a collection: docs/, queries.tsv, qrels.txt")
    parser.add_argument(
        "--work",
        type=Path,
        help="a folder of the benchmark's own to keep the indexes in, to reuse "
        "(default: a temporary folder)",
    )
    parser.add_argument(
        "--reuse-leisearch",
        action="store_true",
        help="reuse leisearch's index in --work too, if it was built from the same documents",
    )
    parser.add_argument("--json", action="store_true", help="print everything as JSON")
    parser.add_argument("--per-query", type=Path, help="write per-query scores here (JSON Lines)")
    args = parser.parse_args(argv)
    folder: Path = args.folder
    missing = [n for n in ("docs", "queries.tsv", "qrels.txt") if not (folder / n).exists()]
    if missing:
        parser.error(f"{folder} has no {', '.join(missing)}")
    with tempfile.TemporaryDirectory() as tmp:
        work = args.work if args.work is not None else Path(tmp)
        result, rows = run_benchmark(folder.resolve(), work, args.reuse_leisearch)
    if args.per_query:
        write_per_query(args.per_query, result["collection"], rows)
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print_table(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
