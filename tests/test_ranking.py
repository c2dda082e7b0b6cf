"""Ranking, guarded: the seeds' judged queries (benchmarks/ranking.py) as a test.

The floors are today's figures minus 0.01 (nDCG@10 0.816, MRR 0.927), so a change
that ranks worse fails here: BM25's weights swapped for TF-IDF's, the headline
left out, or the phrase rerank gone.
The benchmark still prints the whole table, beside its baselines.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from leisearch.service.build import build
from leisearch.service.opening import Index, open_index
from leisearch.service.search import search

from .conftest import ROOT, write_corpus

NDCG_FLOOR = 0.806
MRR_FLOOR = 0.917


def _ranking() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ranking", ROOT / "benchmarks" / "ranking.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)
    spec.loader.exec_module(module)
    return module


def test_ranking_on_the_judged_seed_queries_keeps_its_floors(seed_index: Index) -> None:
    ranking = _ranking()
    queries = ranking.load_queries()
    assert len([q for q in queries if q["relevant"]]) >= 40
    row = ranking.evaluate(ranking.leisearch_runner(seed_index), queries)
    assert row["ndcg"] >= NDCG_FLOOR, row
    assert row["mrr"] >= MRR_FLOOR, row


def test_a_typed_run_of_words_ranks_its_phrase_first(tmp_path: Path) -> None:
    """Loose words typed one after another (``word of mouth``): a paragraph holding them
    as a phrase comes before those that BM25F alone scores higher for the words apart."""
    apart = "Mouth and word, word and mouth: mouth, word."
    together = (
        "The company grew by word of mouth alone, the founder said, long before it paid for "
        "a single advertisement, a stand at a fair, or a banner on a bus in the capital city."
    )
    corpus = write_corpus(
        tmp_path / "c", {"a": f"Apart\n\n{apart}", "b": f"Together\n\n{together}"}
    )
    build([corpus], tmp_path / "ix", rebuild=True, procs=1)
    index = open_index(tmp_path / "ix").index
    # "mouth word" is a run that no paragraph holds: BM25F's order, the words apart first
    assert [h.article for h in search(index, "mouth word", limit=0).hits] == ["a", "b"]
    hits = search(index, "word of mouth", limit=0).hits
    assert [h.article for h in hits] == ["b", "a"]
