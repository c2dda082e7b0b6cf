"""The baselines that ``bench.py`` runs in child processes, and the warm-query loop.

    python benchmarks/baselines.py whoosh-build CORPUS OUTDIR
    python benchmarks/baselines.py fts5-build CORPUS DB
    python benchmarks/baselines.py warm {leisearch,whoosh,fts5} INDEX QUERIES --repeat R

Each runs in its own process so that imports, start-up and peak memory count
the same way as they do for ``leisearch index``. Neither build imports
leisearch: a synthetic article's blank-line blocks after its title line are
exactly the paragraphs leisearch indexes (``synth.py`` copies them from
already cleaned seed paragraphs), so all three engines index the same text.

* **whoosh**: plain Whoosh, ``StemmingAnalyzer``, one document per paragraph
  (article id, paragraph number, stored text), one writer, one commit.
* **fts5**: a ``paragraphs`` table and an external-content FTS5 table
  ``paragraphs_fts`` with the ``porter`` tokenizer, created with the same SQL
  as ``sqlite-utils enable-fts DB paragraphs text --fts5 --tokenize porter``,
  so that ``sqlite-utils search DB paragraphs QUERY`` works on it.

``warm`` opens one engine once, runs every query once as a warm-up, then
``repeat`` more times, and prints the per-query latencies in milliseconds as a
JSON list. Every engine returns its top 10 with their stored text. Whoosh
parses with ``OrGroup`` and FTS5 ORs the quoted words (phrases kept), as in
``ranking.py``; leisearch uses its own query language.
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

LIMIT = 10
FTS_TABLE = "paragraphs"


def paragraphs(corpus: Path) -> Iterator[tuple[str, int, str]]:
    """(article id, paragraph number, text) for every paragraph under ``corpus``."""
    for path in sorted(corpus.rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
        for number, block in enumerate(blocks[1:], start=1):
            yield path.stem, number, block


def whoosh_schema() -> Any:
    from whoosh.analysis import StemmingAnalyzer
    from whoosh.fields import ID, NUMERIC, TEXT, Schema

    return Schema(
        article=ID(stored=True),
        paragraph=NUMERIC(stored=True),
        text=TEXT(analyzer=StemmingAnalyzer(), stored=True),
    )


def whoosh_build(corpus: Path, out: Path) -> int:
    """Index every paragraph with plain Whoosh; return how many."""
    from whoosh import index

    out.mkdir(parents=True, exist_ok=True)
    ix = index.create_in(str(out), whoosh_schema())
    count = 0
    with ix.writer() as writer:
        for article, number, text in paragraphs(corpus):
            writer.add_document(article=article, paragraph=number, text=text)
            count += 1
    return count


def fts5_build(corpus: Path, db_path: Path) -> int:
    """Store every paragraph in SQLite and index it with FTS5 (porter); return how many."""
    db_path.unlink(missing_ok=True)
    db = sqlite3.connect(db_path)
    with db:
        db.execute(
            f"CREATE TABLE [{FTS_TABLE}] (id INTEGER PRIMARY KEY, article TEXT, "
            "paragraph INTEGER, text TEXT)"
        )
        db.executemany(
            f"INSERT INTO [{FTS_TABLE}] (article, paragraph, text) VALUES (?, ?, ?)",
            paragraphs(corpus),
        )
        # The statements sqlite-utils' Table.enable_fts runs.
        db.execute(
            f"CREATE VIRTUAL TABLE [{FTS_TABLE}_fts] USING FTS5 (\n    [text],\n"
            f"    tokenize='porter',\n    content=[{FTS_TABLE}]\n)"
        )
        db.execute(
            f"INSERT INTO [{FTS_TABLE}_fts] (rowid, [text]) SELECT rowid, [text] FROM [{FTS_TABLE}]"
        )
    (count,) = db.execute(f"SELECT count(*) FROM [{FTS_TABLE}]").fetchone()
    db.close()
    return int(count)


def fts5_match(query: str) -> str:
    """The query's phrases and words, each quoted, OR-ed: no FTS5 syntax errors.

    >>> fts5_match('"word of mouth" Xiaomi')
    '"word of mouth" OR "Xiaomi"'
    """
    phrases = re.findall(r'"([^"]+)"', query)
    words = re.findall(r"\w+", re.sub(r'"[^"]+"', " ", query))
    return " OR ".join(f'"{part}"' for part in phrases + words)


def whoosh_or_parser(schema: Any, *fields: str) -> Any:
    """Whoosh's query parser for a baseline: over one field, or several searched together
    (``MultifieldParser``), with the query's terms OR-ed. Whoosh's default, AND, would find
    nothing for most questions; OR is the fair baseline for a ranked search."""
    from whoosh.qparser import MultifieldParser, OrGroup, QueryParser

    if len(fields) == 1:
        return QueryParser(fields[0], schema, group=OrGroup)
    return MultifieldParser(list(fields), schema, group=OrGroup)


def warm_engine(engine: str, index: Path) -> Callable[[str], int]:
    """A function that runs one query on an index opened once; returns the hit count."""
    if engine == "leisearch":
        from leisearch.service.opening import open_index
        from leisearch.service.search import search

        opened = open_index(index).index
        return lambda query: len(search(opened, query, limit=LIMIT).hits)
    if engine == "whoosh":
        from whoosh import index as whoosh_index

        ix = whoosh_index.open_dir(str(index))
        parser = whoosh_or_parser(ix.schema, "text")
        searcher = ix.searcher()

        def run_whoosh(query: str) -> int:
            return len([hit["text"] for hit in searcher.search(parser.parse(query), limit=LIMIT)])

        return run_whoosh
    if engine == "fts5":
        db = sqlite3.connect(index)
        sql = (
            f"SELECT p.article, p.paragraph, p.text FROM [{FTS_TABLE}_fts] f "
            f"JOIN [{FTS_TABLE}] p ON p.rowid = f.rowid "
            f"WHERE [{FTS_TABLE}_fts] MATCH ? ORDER BY f.rank LIMIT {LIMIT}"
        )

        def run_fts5(query: str) -> int:
            match = fts5_match(query)
            return len(db.execute(sql, (match,)).fetchall()) if match else 0

        return run_fts5
    raise ValueError(f"unknown engine {engine!r}")


def warm(engine: str, index: Path, queries: list[str], repeat: int) -> list[float]:
    """Milliseconds per query, after one warm-up pass over all of them."""
    run = warm_engine(engine, index)
    for query in queries:
        run(query)
    samples = []
    for _ in range(repeat):
        for query in queries:
            start = time.perf_counter()
            run(query)
            samples.append((time.perf_counter() - start) * 1000)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("whoosh-build", "fts5-build"):
        sub = commands.add_parser(name)
        sub.add_argument("corpus", type=Path)
        sub.add_argument("out", type=Path)
    sub = commands.add_parser("warm")
    sub.add_argument("engine", choices=["leisearch", "whoosh", "fts5"])
    sub.add_argument("index", type=Path)
    sub.add_argument("queries", type=Path, help="a file of queries, one a line")
    sub.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    if args.command == "whoosh-build":
        print(whoosh_build(args.corpus, args.out))
    elif args.command == "fts5-build":
        print(fts5_build(args.corpus, args.out))
    else:
        lines = args.queries.read_text(encoding="utf-8").splitlines()
        print(json.dumps(warm(args.engine, args.index, [q for q in lines if q], args.repeat)))


if __name__ == "__main__":
    main()
