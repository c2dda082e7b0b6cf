"""``store.tables.SortedRows``: rows in any order back in table order, in bounded memory."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from leisearch.store.tables import SortedRows, order

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
