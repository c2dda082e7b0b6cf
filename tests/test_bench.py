"""The pieces of ``benchmarks/bench.py`` that compute rather than measure.

The benchmark's figures are never asserted (they depend on the machine). These tests
check the power-law fit and the extrapolation on made-up points, the figures read from
a raw result and their bounds, the targets' met and missed, the merging of runs split by
``--only``, and the argument parsers.
"""

from __future__ import annotations

import argparse
import io
import math
from pathlib import Path
from typing import Any

import pytest

from .conftest import load_benchmark

bench = load_benchmark("bench")
Value = bench.Value


# --- The fit ---------------------------------------------------------------------------


def test_a_power_law_is_found_again_from_its_points() -> None:
    fit = bench.power_fit([(1000, 3 * 1000**1.5), (10000, 3 * 10000**1.5), (30000, 3 * 30000**1.5)])
    assert fit.b == pytest.approx(1.5)
    assert fit.a == pytest.approx(3)
    assert fit.worst == pytest.approx(0, abs=1e-9)
    assert fit.at(100000) == pytest.approx(3 * 100000**1.5)


def test_a_flat_figure_has_exponent_zero() -> None:
    fit = bench.power_fit([(10000, 470.0), (30000, 470.0), (100000, 470.0)])
    assert fit.b == pytest.approx(0, abs=1e-12)
    assert fit.at(1e6) == pytest.approx(470)


def test_the_fit_is_least_squares_on_the_logarithms_and_reports_its_worst_point() -> None:
    # y = x, except the middle point, 10% high: in log space the line goes through
    # log(1.1)/3 above the mean, so the middle point sits log(1.1)*2/3 above the line.
    fit = bench.power_fit([(10, 10.0), (100, 110.0), (1000, 1000.0)])
    assert fit.b == pytest.approx(1.0)
    assert fit.a == pytest.approx(1.1 ** (1 / 3))
    assert fit.worst == pytest.approx(1.1 ** (2 / 3) - 1)


def test_two_points_give_an_exact_fit() -> None:
    fit = bench.power_fit([(10000, 211.0), (30000, 700.0)])
    assert fit.b == pytest.approx(math.log(700 / 211) / math.log(3))
    assert fit.worst == pytest.approx(0, abs=1e-12)


@pytest.mark.parametrize(
    "points",
    [[(1000, 5.0)], [(1000, 5.0), (1000, 6.0)], [(1000, 0.0), (2000, 1.0)], []],
)
def test_a_fit_needs_two_sizes_and_positive_figures(points: list[tuple[float, float]]) -> None:
    with pytest.raises(ValueError):
        bench.power_fit(points)


def test_fit_sizes_are_the_largest_three_or_those_asked_for() -> None:
    measured = ["100", "1000", "2000", "10000", "30000"]
    assert bench.fit_sizes(measured, None) == [2000, 10000, 30000]
    assert bench.fit_sizes(measured, ["10000", "1000", "5"]) == [1000, 10000]
    assert bench.fit_sizes(["100"], None) == [100]


def test_extrapolation_uses_exact_measured_figures_only() -> None:
    by_size = {
        "seeds": {"build_s.leisearch": Value(0.5)},
        "1000": {"build_s.leisearch": Value(20.0), "batch_s.query": Value(30.0)},
        "10000": {"build_s.leisearch": Value(200.0), "batch_s.query": Value(120.0, ">")},
        "30000": {"build_s.leisearch": Value(600.0)},
    }
    found = bench.extrapolate(by_size, [1000, 10000, 30000], 100000)
    value, fit = found["build_s.leisearch"]
    assert value == Value(pytest.approx(2000.0), "=", extrapolated=True)
    assert [x for x, _ in fit.points] == [1000, 10000, 30000]
    # one exact point and one bound: nothing to fit
    assert "batch_s.query" not in found


# --- Figures and verdicts --------------------------------------------------------------


def _sample(seconds: float, rss: float, **extra: Any) -> dict[str, Any]:
    return {"seconds": seconds, "max_rss_mb": rss, "returncode": 0, "timed_out": False, **extra}


def _result(size: str = "10000", **sections: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"size": size, "corpus_kind": "synth", "articles": 1, "paragraphs": 1}
    base["corpus_bytes"] = 1
    base["build"] = {
        "leisearch": {"seconds": 100.0, "max_rss_mb": 400.0, "tree_pss_mb": 300.0, "bytes": 4e6},
        "whoosh": {"seconds": 200.0, "max_rss_mb": 200.0, "tree_pss_mb": 210.0, "bytes": 3e6},
    }
    return base | sections


def test_figures_of_a_raw_result_carry_the_bounds_of_stopped_runs() -> None:
    stopped = _sample(120.0, 60.0, timed_out=True, returncode=-9)
    result = _result(
        batch={
            "query": {"qps": 250.0, **_sample(4.0, 50.0)},
            "quotes": {"qps": None, "qps_below": 1000 / 120, **stopped},
        },
        reindex={
            "full_build_seconds": 100.0,
            "unchanged": _sample(1.0, 50.0),
            "one_changed": {**stopped, "seconds": 25.0},
        },
    )
    figures = bench.metrics(result)
    assert figures["batch_qps.query"] == Value(250.0)
    assert figures["batch_s.quotes"] == Value(120.0, ">")
    assert figures["batch_qps.quotes"] == Value(pytest.approx(8.333, abs=1e-3), "<")
    assert figures["reindex_one_s"] == Value(25.0, ">")
    assert figures["reindex_build_s"] == Value(100.0)
    assert figures["tree_pss_mb.leisearch"] == Value(300.0)
    assert figures["index_mb.whoosh"] == Value(3.0)


def test_figures_are_those_of_the_measurements_a_run_chose() -> None:
    result = _result(only=["batch"], batch={"query": {"qps": 250.0, **_sample(4.0, 50.0)}})
    figures = bench.metrics(result)
    assert "batch_qps.query" in figures
    assert "build_s.leisearch" in figures  # every run builds, and times it
    assert "tree_pss_mb.leisearch" not in figures
    assert "index_mb.leisearch" not in figures


def test_the_batch_of_different_queries_has_rows_and_figures_of_its_own() -> None:
    result = _result(
        only=["batch"],
        batch={
            "query": {"qps": 500.0, **_sample(2.0, 50.0)},
            "quotes": {"qps": 250.0, **_sample(4.0, 50.0)},
            "query_distinct": {"qps": 125.0, **_sample(8.0, 50.0)},
            "quotes_distinct": {"qps": 100.0, **_sample(10.0, 50.0)},
        },
    )
    figures = bench.metrics(result)
    assert figures["batch_qps.query_distinct"] == Value(125.0)
    assert figures["batch_s.quotes_distinct"] == Value(10.0)
    rows = {row[0]: row for row in bench.table_rows(result, 0.25)}
    assert rows["batch `query -`, the query set, cycled, queries/s"][1] == "500"
    assert rows["batch `query -`, different queries, queries/s"][1] == "125"
    quotes = "batch `quotes -`, different queries, queries/s (÷: its time over `query -`'s)"
    assert rows[quotes][1:4] == ("100", "`query -`", "125")
    # The targets are the issue's, on the query set: the different queries set none.
    named = {row.target.measured for row in bench.check_targets("2000", figures, {}, ["batch"])}
    assert named == {"batch_qps.query", "batch_s.quotes"}


def test_different_queries_are_different_repeatable_and_from_the_corpus(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    words = [f"word{chr(97 + i % 26)}{chr(97 + i // 26)}" for i in range(200)]
    for n in range(5):
        body = " ".join(words[n * 40 : n * 40 + 40])
        (corpus / f"{n}.txt").write_text(f"Title {n}\n\n{body}\n\nA b c.\n", encoding="utf-8")
    asked = bench.distinct_queries(corpus, 50)
    assert len(asked) == len(set(asked)) == 50
    assert asked == bench.distinct_queries(corpus, 50)
    assert asked != bench.distinct_queries(corpus, 50, seed=1)
    for query in asked:
        assert 1 <= len(query.split()) <= 3
        assert set(query.split()) <= set(words)  # ("A b c." has no word of four letters)


def test_an_out_file_from_before_quotes_batch_still_reads() -> None:
    result = _result(batch={"qps": 34.0, **_sample(29.7, 50.0)})
    assert bench.metrics(result)["batch_qps.query"] == Value(34.0)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (Value(3.0), Value(2.0), Value(1.5)),
        (Value(120.0, ">"), Value(4.0), Value(30.0, ">")),
        (Value(120.0, "<"), Value(4.0), Value(30.0, "<")),
        (Value(4.0), Value(120.0, ">"), Value(4.0 / 120, "<")),
        (Value(120.0, ">"), Value(4.0, "<"), Value(30.0, ">")),
        (Value(120.0, ">"), Value(120.0, ">"), None),
        (Value(1.0), Value(0.0), None),
        (Value(3.0, extrapolated=True), Value(2.0), Value(1.5, extrapolated=True)),
    ],
)
def test_a_ratio_keeps_what_the_bounds_allow(a: Any, b: Any, expected: Any) -> None:
    assert bench.ratio_of(a, b) == expected


@pytest.mark.parametrize(
    ("value", "limit", "at_most", "expected"),
    [
        (Value(0.7), 0.7, True, "met"),
        (Value(0.71), 0.7, True, "missed"),
        (Value(300.0), 300, False, "met"),
        (Value(299.0), 300, False, "missed"),
        # the truth is more than 2.0: above an upper limit of 1.5 for sure
        (Value(2.0, ">"), 1.5, True, "missed"),
        (Value(1.0, ">"), 1.5, True, "open (a run was stopped)"),
        (Value(8.3, "<"), 100, False, "missed"),
        (Value(800.0, "<"), 100, False, "open (a run was stopped)"),
        (Value(150.0, ">"), 100, False, "met"),
        (Value(0.01, "<"), 0.02, True, "met"),
        (Value(1.1, extrapolated=True), 1.2, True, "met (extrapolated)"),
        (Value(1.3, extrapolated=True), 1.2, True, "missed (extrapolated)"),
        (None, 1.2, True, "not measured"),
    ],
)
def test_verdicts(value: Any, limit: float, at_most: bool, expected: str) -> None:
    assert bench.verdict(value, limit, at_most) == expected


# --- The targets -----------------------------------------------------------------------


def _rows(size: str, figures: dict[str, Any], others: Any = None, only: Any = None) -> dict:
    rows = bench.check_targets(size, figures, others or {}, only)
    return {row.target.name: row for row in rows}


def test_the_targets_at_10000_are_checked_against_their_baselines() -> None:
    figures = {
        "batch_qps.query": Value(120.0),
        "batch_s.query": Value(1000 / 120),
        "batch_s.quotes": Value(1000 / 60),  # twice the time: missed
        "cold_ms.leisearch": Value(120.0),
        "cold_ms.sqlite-utils": Value(150.0),  # 0.8: met
        "build_s.leisearch": Value(150.0),
        "build_s.whoosh": Value(200.0),  # 0.75: missed
        "tree_pss_mb.leisearch": Value(300.0),
        "tree_pss_mb.whoosh": Value(210.0),  # 1.43: met
        "reindex_one_s": Value(3.0),
        "reindex_build_s": Value(100.0),  # 3%: missed
    }
    rows = _rows("10000", figures)
    verdicts = {name: row.verdict for name, row in rows.items()}
    assert verdicts == {
        "batch `query -`, queries/s": "met",
        "batch `quotes -` time ÷ `query -` time": "missed",
        "cold `query --json` ÷ `sqlite-utils search`": "met",
        "full build ÷ plain Whoosh": "missed",
        "build peak memory, process tree PSS ÷ plain Whoosh's": "met",
        "re-index after one changed file ÷ full build": "missed",
    }
    assert rows["full build ÷ plain Whoosh"].ratio == Value(0.75)
    assert rows["batch `query -`, queries/s"].ratio is None


def test_each_target_is_checked_at_its_sizes_only() -> None:
    seeds = _rows("seeds", {"batch_qps.query": Value(900.0)})
    assert seeds["batch `query -`, queries/s"].verdict == "missed"  # 1,000 on the seeds
    assert "full build ÷ plain Whoosh" not in seeds
    assert "cold `query --json` ÷ `sqlite-utils search`" in seeds
    at_2000 = _rows("2000", {"batch_qps.query": Value(310.0)})
    assert at_2000["batch `query -`, queries/s"].verdict == "met"  # 300 at 2,000
    at_30000 = _rows("30000", {})
    assert "cold `query --json` ÷ `sqlite-utils search`" not in at_30000  # up to 10,000
    assert "batch `quotes -` time ÷ `query -` time" in at_30000  # every size


def test_memory_at_100000_is_checked_against_leisearchs_at_10000() -> None:
    others = {"10000": {"tree_pss_mb.leisearch": Value(400.0)}}
    name = "build peak memory, process tree PSS ÷ leisearch's at 10,000"
    flat = _rows("100000", {"tree_pss_mb.leisearch": Value(470.0, extrapolated=True)}, others)
    assert flat[name].verdict == "met (extrapolated)"
    assert flat[name].ratio == Value(pytest.approx(1.175), extrapolated=True)
    grown = _rows("100000", {"tree_pss_mb.leisearch": Value(490.0)}, others)
    assert grown[name].verdict == "missed"
    assert _rows("100000", {"tree_pss_mb.leisearch": Value(490.0)})[name].verdict == (
        "not measured"
    )


def test_targets_of_measurements_a_run_left_out_are_not_listed() -> None:
    rows = _rows("10000", {"batch_qps.query": Value(120.0)}, only=["batch"])
    assert set(rows) == {"batch `query -`, queries/s", "batch `quotes -` time ÷ `query -` time"}


def test_a_stopped_batch_run_leaves_the_ratio_open_or_decides_it() -> None:
    both_stopped = {"batch_s.query": Value(120.0, ">"), "batch_s.quotes": Value(120.0, ">")}
    rows = _rows("30000", both_stopped)
    assert rows["batch `quotes -` time ÷ `query -` time"].verdict == "open (a run was stopped)"
    quotes_stopped = {"batch_s.query": Value(10.0), "batch_s.quotes": Value(120.0, ">")}
    rows = _rows("30000", quotes_stopped)
    assert rows["batch `quotes -` time ÷ `query -` time"].verdict == "missed"


def test_the_targets_table_prints_each_row_with_its_verdict() -> None:
    out = io.StringIO()
    rows = bench.check_targets("2000", {"batch_qps.query": Value(120.0)}, {}, ["batch"])
    bench.targets_table("#### at 2000", rows, out)
    text = out.getvalue()
    assert "| batch `query -`, queries/s | ≥ 300 | 120 | - | - | missed |" in text
    assert "not measured" in text  # quotes: chosen, but no figure


# --- Runs split by --only --------------------------------------------------------------


def test_a_later_run_replaces_only_the_sections_it_measured() -> None:
    full = _result(cold={"leisearch": _sample(0.12, 25.0)}, only=list(bench.MEASUREMENTS))
    lone_build = {"leisearch": {"seconds": 90.0, "max_rss_mb": 300.0}}
    batch_only = {
        "size": "10000",
        "corpus_kind": "synth",
        "only": ["batch"],
        "build": lone_build,
        "batch": {"query": {"qps": 150.0, **_sample(6.7, 60.0)}},
    }
    (merged,) = bench.merge([full, batch_only])
    assert merged["build"] == full["build"]  # the earlier builds, of both engines
    assert merged["batch"] == batch_only["batch"]
    assert merged["cold"] == full["cold"]
    (rebuilt,) = bench.merge([full, {**batch_only, "only": ["build", "batch"]}])
    assert rebuilt["build"] == lone_build


def test_sizes_of_other_corpora_are_kept_apart() -> None:
    synth = _result("1000")
    news = {**_result("1000"), "corpus_kind": "polnear"}
    assert len(bench.merge([synth, news])) == 2
    by_corpus = bench.figures_by_corpus([synth, news, _result("seeds")])
    assert set(by_corpus["polnear"]) == {"1000", "seeds"}


# --- Arguments -------------------------------------------------------------------------


def test_only_takes_the_measurement_names() -> None:
    assert bench.parse_only("build,memory") == ["build", "memory"]
    with pytest.raises(argparse.ArgumentTypeError, match="speed"):
        bench.parse_only("build,speed")


def test_the_engines_built_are_those_the_measurements_need() -> None:
    assert bench.engines_needed(["batch", "reindex"]) == ["leisearch"]
    assert bench.engines_needed(["cold"]) == ["leisearch", "fts5"]
    assert bench.engines_needed(["build"]) == ["leisearch", "whoosh", "fts5"]


def test_the_corpus_is_synth_or_a_folder_of_news(tmp_path: Any) -> None:
    assert bench.parse_corpus("synth") == bench.Corpus("synth")
    assert bench.parse_corpus(f"polnear:{tmp_path}") == bench.Corpus("polnear", tmp_path)
    for wrong in ("polnear:", f"polnear:{tmp_path / 'missing'}", f"news:{tmp_path}"):
        with pytest.raises(argparse.ArgumentTypeError):
            bench.parse_corpus(wrong)


def test_sizes_go_up_to_100000() -> None:
    sizes = "seeds,100,1000,2000,10000,30000,100000"
    assert bench.parse_sizes(sizes) == sizes.split(",")
    with pytest.raises(argparse.ArgumentTypeError):
        bench.parse_sizes("seeds,10k")
