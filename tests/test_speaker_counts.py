"""The speaker list is counted from the quotes table, a speaker at a time.

A build no longer holds every article's quotations: it writes them as rows of
``quotes.tsv`` (sorted runs on the disk, merged with the table it updates) and
counts each speaker's from the table (``service.speakers.speaker_counts``). These
properties check that path against counting the quotations in memory.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leisearch.models import LevelCounts, SpeakerInfo
from leisearch.service.speakers import counts_changed, speaker_counts, speaker_list
from leisearch.store.tables import SortedRows, Table, merged, spliced

# Names and keys with what a table must escape (tab, line break, backslash), and
# letters that sort differently as text and as UTF-8 bytes.
_TEXT = st.text(alphabet="ab\t\n\\é\U0001f600 ", min_size=1, max_size=4)
Row4 = tuple[str, str, int, str]
_ROW = st.tuples(_TEXT, _TEXT, st.integers(0, 2), st.sampled_from(["a1", "a2", "a\t3", "b", "a"]))


def _in_memory(rows: Iterable[tuple[str, str, int, str]]) -> dict[str, LevelCounts]:
    """Each speaker's distinct quotations (speaker and key) at their surest level."""
    surest: dict[tuple[str, str], int] = {}
    for speaker, key, level, _ in rows:
        surest[(speaker, key)] = max(level, surest.get((speaker, key), level))
    counts: dict[str, list[int]] = {}
    for (speaker, _), level in surest.items():
        counts.setdefault(speaker, [0, 0, 0])[level] += 1
    return {speaker: (c[0], c[1], c[2]) for speaker, c in counts.items()}


def _table(
    folder: Path, old: Table | None, removed: set[str], rows: list[Row4], splice: bool = False
) -> Table:
    """Rows written as a build writes them: sorted runs, merged with ``old`` less the
    articles ``removed``; or, with ``splice``, held and spliced into ``old``."""
    added = SortedRows(folder, "quotes.tsv", run_rows=1000 if splice else 3, max_runs=3)
    added.extend((speaker, key, str(level), article) for speaker, key, level, article in rows)
    path = folder / f"quotes-{len(list(folder.glob('quotes-*')))}.tsv"  # (a new file)
    if splice:
        assert old is not None
        few = added.few()
        assert few is not None
        done = spliced(old.data, removed, few, 3)
        assert done is not None
        # The rows it took out.
        assert done.removed == tuple(row for row in old.rows() if row[3] in removed)
        path.write_bytes(b"".join(done.pieces()))
    else:
        lines = old.lines() if old is not None else iter(())
        path.write_bytes(b"".join(merged(lines, removed, added.sorted(), 3)))
    added.close()
    return Table.open(path)


def _counted(table: Table) -> dict[str, LevelCounts]:
    return speaker_counts((s, k, int(level)) for s, k, level, _ in table.rows())


@settings(max_examples=150, deadline=None)
@given(st.lists(_ROW, max_size=30))
def test_counting_the_table_is_counting_the_quotations(rows: list[Row4]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        assert _counted(_table(Path(folder), None, set(), rows)) == _in_memory(rows)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(_ROW, max_size=30),
    st.lists(_ROW, max_size=10),
    st.sets(st.sampled_from(["a1", "a\t3", "b", "a"])),
    st.booleans(),
)
def test_an_updated_table_counts_as_a_fresh_one(
    old: list[Row4], new: list[Row4], removed: set[str], splice: bool
) -> None:
    """An update takes out the removed articles' rows and adds the new ones' (a new
    article's id may be a removed one's: an article indexed again), merged or spliced:
    byte for byte a fresh build's table. (The speakers' names and keys hold the ids:
    ``a`` is in most rows, and in ``a1``'s.)"""
    kept = [row for row in old if row[3] not in removed]
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        updated = _table(folder, _table(folder, None, set(), old), removed, new, splice)
        fresh = _table(folder, None, set(), kept + new)
        assert bytes(updated.data) == bytes(fresh.data)
        assert _counted(updated) == _in_memory(kept + new)


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([], {}),
        # One quotation in three articles, at its surest level.
        ([("A", "k", 0), ("A", "k", 2), ("A", "k", 1)], {"A": (0, 0, 1)}),
        # The same words from two speakers are two quotations.
        ([("A", "k", 1), ("B", "k", 1)], {"A": (0, 1, 0), "B": (0, 1, 0)}),
        ([("A", "k1", 0), ("A", "k2", 0), ("A", "k3", 1)], {"A": (2, 1, 0)}),
    ],
)
def test_speaker_counts(rows: list[tuple[str, str, int]], expected: dict[str, LevelCounts]) -> None:
    assert speaker_counts(rows) == expected


def test_a_speaker_met_again_is_an_error_not_a_double_count() -> None:
    with pytest.raises(ValueError, match="not together"):
        speaker_counts([("A", "k", 0), ("B", "k", 0), ("A", "k", 0)])


def test_the_speaker_list_is_most_quoted_first_with_shorter_names_and_the_users_sorted() -> None:
    counts = {"Li Jing": (1, 0, 0), "Lei Jun": (0, 1, 2)}
    aliases = {
        "lei jun": "Lei Jun",
        "lei": "Lei Jun",
        "jun": "Lei Jun",
        "chairman lei": "Lei Jun",  # the user's
        "mr lei jun x": "Lei Jun",  # a longer variant: it works, but is not listed
        "li jing": "Li Jing",
    }
    assert speaker_list(counts, aliases, {"chairman lei": "Lei Jun"}) == (
        SpeakerInfo("Lei Jun", 3, ("chairman lei", "jun", "lei"), (0, 1, 2)),
        SpeakerInfo("Li Jing", 1, (), (1, 0, 0)),
    )


@settings(max_examples=100, deadline=None)
@given(
    st.lists(_ROW, max_size=30),
    st.lists(_ROW, max_size=10),
    st.sets(st.sampled_from(["a1", "a\t3", "b", "a"])),
)
def test_an_update_counts_the_changed_quotations_as_counting_them_all_does(
    old: list[Row4], new: list[Row4], removed: set[str]
) -> None:
    """An update that splices the table counts again only the quotations (speaker and
    key) whose rows it took out or added, from the old speaker list: the counts of the
    whole table, in its order. A quotation's other rows, in articles left as they were,
    keep its surest level."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        base = _table(folder, None, set(), old)
        updated = _table(folder, base, removed, new, splice=True)
        counts = _counted(base)
        counted = speaker_list(counts, {}, {})
        quoted = {(s, k) for s, k, _, a in old if a in removed} | {(s, k) for s, k, *_ in new}
        changed = counts_changed(updated, base, counted, quoted)
        assert list(changed.items()) == list(_counted(updated).items())


def test_counts_that_cannot_be_the_old_tables_are_counted_again(tmp_path: Path) -> None:
    """A speaker list that says fewer quotations than the old table holds (written by a
    build that counted otherwise) would give a count below 0: None, and the caller
    counts the whole table."""
    base = _table(tmp_path, None, set(), [("A", "k", 1, "a1"), ("B", "k", 0, "a2")])
    updated = _table(tmp_path, base, {"a1"}, [], splice=True)
    wrong = [SpeakerInfo("A", 0, (), (0, 0, 0)), SpeakerInfo("B", 1, (), (1, 0, 0))]
    assert counts_changed(updated, base, wrong, {("A", "k")}) is None
    right = speaker_list(_counted(base), {}, {})
    assert counts_changed(updated, base, right, {("A", "k")}) == {"B": (1, 0, 0)}
