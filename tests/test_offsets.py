"""``engine.whoosh.offsets``: a column's starts found in C are Whoosh's own."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.columns import VarBytesColumn
from whoosh.filedb.filestore import RamStorage

from leisearch.engine.whoosh import offsets


def _readers(values: list[bytes], cutoff: int) -> tuple[object, object]:
    """A column of ``values`` written by Whoosh (offsets written from ``cutoff``
    documents on), read by Whoosh's method and by ours."""
    storage = RamStorage()
    column = VarBytesColumn(write_offsets_cutoff=cutoff)
    with storage.create_file("c") as out:
        writer = column.writer(out)
        for doc, value in enumerate(values):
            writer.add(doc, value)
        writer.finish(len(values))
        length = out.tell()
    source = storage.open_file("c")
    ours = column.reader(source, 0, length, len(values))  # (the fast method, installed)
    theirs = object.__new__(VarBytesColumn.Reader)
    theirs.__dict__.update(_dbfile=source, _basepos=0, _length=length, _doccount=len(values))
    theirs.had_stored_offsets = False
    offsets.WHOOSH_OFFSETS(theirs)
    return ours, theirs


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.binary(max_size=300), max_size=80),
    st.sampled_from([0, 1, 10, 2**15]),
)
def test_the_starts_are_whooshs(values: list[bytes], cutoff: int) -> None:
    ours, theirs = _readers(values, cutoff)
    assert VarBytesColumn.Reader._read_offsets_and_lengths is not offsets.WHOOSH_OFFSETS
    for name in ("_offsets", "_lengths", "had_stored_offsets"):
        assert getattr(ours, name) == getattr(theirs, name), name
    assert ours._offsets.typecode == theirs._offsets.typecode  # type: ignore[attr-defined]
    assert [ours[doc] for doc in range(len(values))] == values  # type: ignore[index]


def test_the_index_reads_its_columns_with_them(seed_index_dir: Path) -> None:
    from leisearch.service.opening import open_index
    from leisearch.service.search import search

    assert VarBytesColumn.Reader._read_offsets_and_lengths is offsets._read_offsets_and_lengths
    hits = search(open_index(seed_index_dir).index, "word of mouth").hits
    assert hits and "mouth" in hits[0].text.lower()
