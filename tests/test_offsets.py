"""``engine.whoosh.offsets``: a column's starts found in C are Whoosh's own."""

from __future__ import annotations

import mmap
import os
import random
import tempfile
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from whoosh.columns import VarBytesColumn
from whoosh.filedb.filestore import FileStorage, RamStorage

from leisearch.engine.whoosh import offsets, reader


def _written(storage: object, column: object, values: list[bytes]) -> int:
    """``values`` written by Whoosh as ``column``'s file ``c`` in ``storage``: its length."""
    with storage.create_file("c") as out:  # type: ignore[attr-defined]
        writer = column.writer(out)  # type: ignore[attr-defined]
        for doc, value in enumerate(values):
            writer.add(doc, value)
        writer.finish(len(values))
        return int(out.tell())


def _whooshs(source: object, length: int, count: int) -> object:
    """The column of ``count`` values in ``source``, read by Whoosh's own method."""
    theirs = object.__new__(VarBytesColumn.Reader)
    theirs.__dict__.update(_dbfile=source, _basepos=0, _length=length, _doccount=count)
    theirs.had_stored_offsets = False
    offsets.WHOOSH_OFFSETS(theirs)
    return theirs


def _readers(values: list[bytes], cutoff: int) -> tuple[object, object]:
    """A column of ``values`` written by Whoosh (offsets written from ``cutoff``
    documents on), read by Whoosh's method and by ours."""
    storage = RamStorage()
    column = VarBytesColumn(write_offsets_cutoff=cutoff)
    length = _written(storage, column, values)
    source = storage.open_file("c")
    ours = column.reader(source, 0, length, len(values))  # (the fast method, installed)
    return ours, _whooshs(source, length, len(values))


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


@pytest.mark.skipif(os.name == "nt", reason="no column is mapped on Windows")
def test_every_column_of_an_index_has_its_starts_written(seed_index_dir: Path) -> None:
    """The seeds' one small segment too: each column a query reads is a view of its map."""
    from whoosh import index as whoosh_index
    from whoosh.codec import whoosh3

    from leisearch.engine.whoosh.schema import INDEX_NAME
    from leisearch.store.manifest import read_manifest

    manifest = read_manifest(seed_index_dir)
    assert manifest is not None
    folder = seed_index_dir / manifest.generation
    with whoosh_index.open_dir(str(folder), indexname=INDEX_NAME).reader() as whole:
        for leaf, _ in whole.leaf_readers():
            stored = leaf._perdoc._cached_reader("_stored", whoosh3.STORED_COLUMN)._child
            for name in ("_stored", "place", "print", "age"):
                column = stored if name == "_stored" else leaf.column_reader(name, translate=False)
                assert column.had_stored_offsets, name
                assert isinstance(column._offsets, offsets.MappedArray), name


@pytest.mark.skipif(os.name == "nt", reason="no column is mapped on Windows")
@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.binary(max_size=300), min_size=1, max_size=80),
    st.sampled_from([0, 1, 10]),
)
# Numbers of two and four bytes, whose order in the file matters (big-endian).
@example([b"a" * 300, b"", b"b" * 70_000, b"c" * 5], 0)
def test_a_column_with_its_starts_written_is_read_from_its_map(
    values: list[bytes], cutoff: int
) -> None:
    """A column file on disk, with its starts written: its arrays are views of the map,
    each number Whoosh's own, and the index's reader slices the same values."""
    with tempfile.TemporaryDirectory() as folder:
        storage = FileStorage(folder)
        column = VarBytesColumn(write_offsets_cutoff=cutoff)
        length = _written(storage, column, values)
        with storage.open_file("c") as source:
            ours = column.reader(source, 0, length, len(values))
            theirs = _whooshs(source, length, len(values))
            written = len(values) > cutoff
            assert isinstance(ours._offsets, offsets.MappedArray) == written
            for name in ("_offsets", "_lengths"):
                assert list(getattr(ours, name)) == list(getattr(theirs, name)), name
                assert getattr(ours, name)[-1] == getattr(theirs, name)[-1]
            assert [ours[doc] for doc in range(len(values))] == values
            maps: list[mmap.mmap] = []
            read = reader._sliced(ours, maps)
            assert read is not None and len(maps) == 1
            assert [read(doc) for doc in range(len(values))] == values
            for data in maps:
                data.close()


def test_a_mapped_array_refuses_what_an_array_refuses() -> None:
    numbers = offsets.MappedArray(bytes(8), 0, "I", 2)
    assert (numbers[1], numbers[-2]) == (0, 0)
    for wrong in (2, -3):
        with pytest.raises(IndexError):
            numbers[wrong]


@pytest.mark.parametrize("size", [0, 1, 255, 300, 70_000])
def test_documents_after_the_last_value_are_empty(size: int, tmp_path: Path) -> None:
    """A segment whose last documents have no value: their padding widens the starts'
    array once the first value passes 255 bytes, which Whoosh's own ``finish`` wrote
    too short (the next document read the value before it)."""
    storage = FileStorage(str(tmp_path))
    with storage.create_file("c") as out:
        writer = offsets.OffsetsColumn().writer(out)
        writer.add(0, b"x" * size)
        writer.finish(3)
        length = out.tell()
    with storage.open_file("c") as source:
        column = offsets.OffsetsColumn().reader(source, 0, length, 3)
        assert [column[doc] for doc in range(3)] == [b"x" * size, b"", b""]
        assert list(column._lengths) == [size, 0, 0]


def test_stored_fields_of_documents_without_any_stay_empty(tmp_path: Path) -> None:
    """Whoosh's stored fields, written through ``StoredColumn`` (installed with the
    engine): the last documents store nothing, after one that stores 800 characters."""
    from whoosh import fields
    from whoosh import index as whoosh_index
    from whoosh.codec import whoosh3

    assert isinstance(whoosh3.STORED_COLUMN._child, offsets.StoredColumn)
    made = whoosh_index.create_in(
        str(tmp_path), fields.Schema(body=fields.STORED(), tag=fields.ID())
    )
    writer = made.writer()
    body = random.Random(14).randbytes(400).hex()  # (past 255 bytes compressed)
    writer.add_document(body=body, tag="a")
    writer.add_document(tag="b")
    writer.add_document(tag="c")
    writer.commit()
    with made.searcher() as searcher:
        assert [searcher.stored_fields(doc) for doc in range(3)] == [{"body": body}, {}, {}]


@pytest.mark.skipif(os.name == "nt", reason="no column is mapped on Windows")
def test_a_columns_map_closes_with_its_file(tmp_path: Path) -> None:
    storage = FileStorage(str(tmp_path))
    with storage.create_file("c") as out:
        writer = offsets.OffsetsColumn().writer(out)
        for doc in range(3):
            writer.add(doc, b"v%d" % doc)
        writer.finish(3)
        length = out.tell()
    source = storage.open_file("c")
    column = offsets.OffsetsColumn().reader(source, 0, length, 3)
    data = column._offsets.data
    assert column[2] == b"v2" and not data.closed
    source.close()
    assert data.closed
