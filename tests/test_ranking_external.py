"""The scoring and readers of ``benchmarks/ranking_external.py``, on data written here.

The benchmark's figures are in benchmarks/README.md; these tests check that it counts
what its docstring says: nDCG@10, MRR@10 and recall@10 with binary gain (hand-computed
cases), a document at the rank of its best paragraph, and the TREC readers. The real
collections never enter the repository.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from .conftest import load_benchmark

rx = load_benchmark("ranking_external")

# 1/log2(rank + 1), the discount at ranks 2 and 3
D2, D3 = 1 / math.log2(3), 1 / math.log2(4)
TEN = [f"d{i}" for i in range(10)]


@pytest.mark.parametrize(
    ("ranked", "relevant", "ndcg", "mrr", "recall"),
    [
        (["a"], {"a"}, 1.0, 1.0, 1.0),
        (["x", "a"], {"a"}, D2, 0.5, 1.0),
        # two relevant at ranks 1 and 3: (1 + 1/2) / (1 + 1/log2 3)
        (["a", "x", "b"], {"a", "b"}, (1 + D3) / (1 + D2), 1.0, 1.0),
        (["x", "y"], {"a"}, 0.0, 0.0, 0.0),
        ([], {"a"}, 0.0, 0.0, 0.0),
        # fewer than 10 returned: the ideal still holds all three relevant documents
        (["x", "a"], {"a", "b", "c"}, D2 / (1 + D2 + D3), 0.5, 1 / 3),
        # a relevant document at rank 11 is past the cut-off
        ([*TEN, "a"], {"a"}, 0.0, 0.0, 0.0),
        # more relevant documents than 10: the ideal is 10 of them, recall counts them all
        (TEN, {*TEN, "e1", "e2", "e3", "e4", "e5"}, 1.0, 1.0, 10 / 15),
        # ties: documents that scored the same are measured in the order the engine
        # returned them (a tie's order is the engine's to break, as leisearch's and FTS5's
        # by id), so swapping them changes the figures
        (["t1", "t2"], {"t2"}, D2, 0.5, 1.0),
        (["t2", "t1"], {"t2"}, 1.0, 1.0, 1.0),
    ],
)
def test_score(
    ranked: list[str], relevant: set[str], ndcg: float, mrr: float, recall: float
) -> None:
    got = rx.score(ranked, frozenset(relevant))
    assert got == pytest.approx({"ndcg": ndcg, "mrr": mrr, "recall": recall})


@pytest.mark.parametrize(
    ("gains", "ideal", "dcg", "ndcg", "rr"),
    [
        # the measures shared with ranking.py, which grades 0, 1 or 2: gain 2**grade - 1
        ([2, 0, 1], [2, 1], 3 + D3, (3 + D3) / (3 + D2), 1.0),
        # the ideal is the judged grades best first, whatever order they are given in
        ([1, 2], [1, 2], 1 + 3 * D2, (1 + 3 * D2) / (3 + D2), 1.0),
        ([0, 0, 2], [2, 2], 3 * D3, 3 * D3 / (3 + 3 * D2), 1 / 3),
        # a first hit past the cut-off is no hit; the ideal is cut off too
        ([0] * 10 + [1], [1], 0.0, 0.0, 0.0),
        ([1] * 10, [1] * 12, sum(1 / math.log2(i + 2) for i in range(10)), 1.0, 1.0),
        # nothing to find: 0, not a division by zero
        ([0, 0], [], 0.0, 0.0, 0.0),
        ([], [1], 0.0, 0.0, 0.0),
    ],
)
def test_shared_measures(
    gains: list[int], ideal: list[int], dcg: float, ndcg: float, rr: float
) -> None:
    measures = rx.ranking_metrics
    assert measures.dcg(gains) == pytest.approx(dcg)
    assert measures.ndcg(gains, ideal) == pytest.approx(ndcg)
    assert measures.reciprocal_rank(gains) == pytest.approx(rr)


def test_recall_of_nothing_to_find_is_zero() -> None:
    assert rx.ranking_metrics.recall(0, 0) == 0.0
    assert rx.ranking_metrics.recall(2, 3) == pytest.approx(2 / 3)


@pytest.mark.parametrize(
    ("paragraphs", "documents"),
    [
        ([], []),
        (["a"], ["a"]),
        # a document at the rank of its best (first) paragraph, once
        (["a", "b", "a", "c", "b"], ["a", "b", "c"]),
        # paragraphs that tied come in leisearch's order (it breaks ties by article id);
        # the fold keeps that order, it does not sort by id again
        (["b", "a", "a", "b"], ["b", "a"]),
        # many paragraphs of few documents: fewer than 10 documents
        (["a", "b"] * 30, ["a", "b"]),
        # more than 10 documents: the first 10
        ([f"p{i:02}" for i in range(12)], [f"p{i:02}" for i in range(10)]),
        (["c", "c", *TEN], ["c", *TEN[:9]]),
    ],
)
def test_best_paragraphs(paragraphs: list[str], documents: list[str]) -> None:
    assert rx.best_paragraphs(paragraphs) == documents


def test_best_paragraphs_takes_k() -> None:
    assert rx.best_paragraphs(["a", "a", "b", "c"], k=2) == ["a", "b"]


def test_read_queries(tmp_path: Path) -> None:
    path = tmp_path / "queries.tsv"
    path.write_text("1\tmicrowave techniques\n\n 12 \t  What is it? Tabs\tinside  \n", "utf-8")
    assert rx.read_queries(path) == {"1": "microwave techniques", "12": "What is it? Tabs\tinside"}


def test_read_queries_needs_a_tab(tmp_path: Path) -> None:
    path = tmp_path / "queries.tsv"
    path.write_text("1\tfine\n2 no tab here\n", "utf-8")
    with pytest.raises(ValueError, match=r"queries.tsv:2"):
        rx.read_queries(path)


def test_read_qrels_keeps_the_relevant(tmp_path: Path) -> None:
    path = tmp_path / "qrels.txt"
    path.write_text("1 0 0028 1\n1 0 0035 1\n1  0  0040  0\n\n2 0 0028 2\n3 0 0001 0\n", "utf-8")
    assert rx.read_qrels(path) == {"1": {"0028", "0035"}, "2": {"0028"}}


def test_read_qrels_rejects_a_short_line(tmp_path: Path) -> None:
    path = tmp_path / "qrels.txt"
    path.write_text("1 0 0028 1\n1 0028 1\n", "utf-8")
    with pytest.raises(ValueError, match=r"qrels.txt:2"):
        rx.read_qrels(path)


def test_judged_queries_skips_those_with_nothing_relevant() -> None:
    queries = {"3": "third", "1": "first", "2": "second", "4": "fourth"}
    qrels = {"1": frozenset({"a"}), "3": frozenset({"b", "c"}), "9": frozenset({"d"})}
    judged = rx.judged_queries(queries, qrels)
    # in the order of queries.tsv; 2 and 4 have no qrels, 9 has no query
    assert [(j.qid, j.text, j.relevant) for j in judged] == [
        ("3", "third", {"b", "c"}),
        ("1", "first", {"a"}),
    ]


def test_read_document_splits_the_title_line(tmp_path: Path) -> None:
    (tmp_path / "0001.txt").write_text("  A title \n\n   The body,\nwrapped.\n", "utf-8")
    (tmp_path / "00002.txt").write_text("00002\n\nno title but its number\n", "utf-8")
    docs = [rx.read_document(p) for p in rx.document_files(tmp_path)]
    assert [(d.id, d.title, d.body) for d in docs] == [
        ("00002", "00002", "no title but its number"),
        ("0001", "A title", "The body,\nwrapped."),
    ]


def _collection(folder: Path) -> Path:
    docs = folder / "docs"
    docs.mkdir(parents=True)
    texts = {
        "01": "Dewey decimal classification\n\nThe history of library classification schemes.",
        "02": "Microwaves\n\nDielectric constant of liquids measured with microwaves.\n\n"
        "A second paragraph about waveguides and dielectric liquids.",
        "03": "Citation analysis\n\nBibliographic coupling and cocitation of papers.",
    }
    for name, text in texts.items():
        (docs / f"{name}.txt").write_text(text + "\n", "utf-8")
    (folder / "queries.tsv").write_text(
        "1\tlibrary classification\n2\tdielectric liquids\n3\tnot judged\n", "utf-8"
    )
    (folder / "qrels.txt").write_text("1 0 01 1\n2 0 02 1\n2 0 03 1\n3 0 01 0\n", "utf-8")
    return folder


def test_a_run_scores_every_engine_and_reuses_the_baselines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, work, per_query = _collection(tmp_path / "c"), tmp_path / "w", tmp_path / "q.jsonl"
    assert rx.main([str(folder), "--work", str(work), "--json", "--per-query", str(per_query)]) == 0
    first = json.loads(capsys.readouterr().out)
    assert (first["documents"], first["queries"], first["judged"]) == (3, 3, 2)
    # query 1 finds its one document first; query 2 finds 02 (both its paragraphs count
    # once) but not 03, which shares no word with it: recall 1/2
    for engine in ("leisearch", "fts5", "whoosh"):
        row = first["engines"][engine]
        assert row["recall"] == pytest.approx((1 + 0.5) / 2), engine
        assert row["mrr"] == 1.0, engine
        assert row["ndcg"] == pytest.approx((1 + 1 / (1 + D2)) / 2, abs=1e-4), engine
        assert not row["index_reused"], engine
    assert first["ndcg_ratio"] == 1.0
    assert (first["leisearch"]["articles"], first["leisearch"]["paragraphs"]) == (3, 4)
    lines = [json.loads(line) for line in per_query.read_text("utf-8").splitlines()]
    assert [(q["qid"], q["ranked"]["leisearch"]) for q in lines] == [("1", ["01"]), ("2", ["02"])]

    assert rx.main([str(folder), "--work", str(work), "--json"]) == 0
    second = json.loads(capsys.readouterr().out)
    reused = {name: row["index_reused"] for name, row in second["engines"].items()}
    assert reused == {"leisearch": False, "fts5": True, "whoosh": True}
    assert second["engines"]["fts5"]["index_seconds"] == first["engines"]["fts5"]["index_seconds"]

    assert rx.main([str(folder), "--work", str(work), "--json", "--reuse-leisearch"]) == 0
    third = json.loads(capsys.readouterr().out)
    assert all(row["index_reused"] for row in third["engines"].values())
    assert third["engines"]["leisearch"]["ndcg"] == first["engines"]["leisearch"]["ndcg"]

    # a changed document: every index is built again
    (folder / "docs" / "03.txt").write_text("Liquids\n\nDielectric liquids again.\n", "utf-8")
    assert rx.main([str(folder), "--work", str(work), "--json", "--reuse-leisearch"]) == 0
    fourth = json.loads(capsys.readouterr().out)
    assert not any(row["index_reused"] for row in fourth["engines"].values())
