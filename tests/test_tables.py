"""``store.tables.SortedRows``: rows in any order back in table order, in bounded memory."""

from __future__ import annotations

import tempfile
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leisearch.store import tables
from leisearch.store.tables import Row, SortedRows, Table, line_of, merged, order, spliced

# Fields with what a run file must escape, and letters that sort differently as text
# and as UTF-8 bytes.
_FIELD = st.text(alphabet="ab\t\n\\é\U0001f600", max_size=3)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(_FIELD, _FIELD), max_size=40),
    st.integers(1, 5),
    st.integers(2, 4),
)
def test_rows_come_back_in_table_order_through_runs_and_merged_runs(
    rows: list[tuple[str, str]], run_rows: int, max_runs: int
) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        table = SortedRows(folder, "t.tsv", run_rows=run_rows, max_runs=max_runs)
        table.extend(rows)
        # Never more runs on the disk than max_runs, however many were written.
        assert len(table.runs) < max_runs
        assert len(list(folder.iterdir())) == len(table.runs)
        assert list(table.sorted()) == sorted(rows, key=order)
        table.close()
        assert not list(folder.iterdir())


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(_FIELD, _FIELD), max_size=30), st.integers(1, 3), st.integers(2, 3))
def test_rows_come_back_in_their_own_order_through_runs_and_merged_runs(
    rows: list[tuple[str, str]], run_rows: int, max_runs: int
) -> None:
    # By the first field as Python orders strings (the manifest's list), not as the
    # table orders their escaped bytes: a tab comes before "a" here, after it there.
    with tempfile.TemporaryDirectory() as folder:
        held = SortedRows(Path(folder), "t", run_rows, max_runs, key=lambda row: row[0])
        held.extend(rows)
        back = list(held.sorted())
        assert [row[0] for row in back] == sorted(row[0] for row in rows)
        assert sorted(back) == sorted(rows)
        held.close()


_IDS = st.sampled_from(["a", "b", "ab", "a\t", "\\", "é"])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(_FIELD, _FIELD, _IDS), max_size=30),
    st.lists(st.tuples(_FIELD, _FIELD, _IDS), max_size=8),
    st.sets(_IDS),
    st.integers(0, 2),
    st.integers(1, 7),
)
def test_a_splice_writes_the_merges_table(
    old: list[Row], new: list[Row], removed: set[str], article: int, span: int
) -> None:
    """Whichever field holds the article (the copies table's second, the articles
    table's first), with ids that are in other fields and in each other, and the old
    table copied a few bytes at a time (``SPAN_BYTES``, through UTF-8 characters):
    the spliced table is byte for byte the merged one, and the rows it took out are
    those of the articles ``removed``."""
    old = [(*row[:article], row[2], *row[article:2]) for row in old]  # (the id at ``article``)
    new = [(*row[:article], row[2], *row[article:2]) for row in new]
    data = b"".join(merged(iter(()), set(), sorted(old, key=order), article))
    added = sorted(new, key=order)
    with mock.patch.object(tables, "SPAN_BYTES", span):
        splice = spliced(data, removed, added, article)
        assert splice is not None
        pieces = list(splice.pieces())
    lines = {line_of(row).encode("utf-8") for row in new}
    assert all(len(piece) <= span or piece in lines for piece in pieces)
    assert b"".join(pieces) == b"".join(merged(Table(data).lines(), removed, added, article))
    assert splice.removed == tuple(sorted((r for r in old if r[article] in removed), key=order))


@pytest.mark.parametrize(
    ("data", "removed", "why"),
    [
        (b"k\ta\t1\n", {str(n) for n in range(tables.SPLICE_ARTICLES + 1)}, "too many articles"),
        (b"k\ta\t1", {"a"}, "no line break at the end"),
        (b"k\ta\t1\n", {""}, "an empty id"),
        (b"a\tb\t1\n" * (tables.SPLICE_MISSES + 1), {"a"}, "the id in too many other fields"),
    ],
)
def test_a_splice_is_refused_where_merging_is_cheaper_or_it_cannot_be_done(
    data: bytes, removed: set[str], why: str
) -> None:
    assert spliced(data, removed, [("k", "b", "2")], 1) is None, why
    # The same table, whole, with nothing to take out: spliced.
    assert spliced(data.rstrip(b"\n") + b"\n", set(), [("k", "b", "2")], 1) is not None
