"""``engine.whoosh.terms``: a term index kept in arrays writes Whoosh's file, byte for byte."""

from __future__ import annotations

import io
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.filedb.filetables import OrderedHashReader, OrderedHashWriter
from whoosh.filedb.structfile import StructFile

from leisearch.engine.whoosh import writer as backend
from leisearch.engine.whoosh.pool import TermPool
from leisearch.engine.whoosh.schema import INDEX_NAME
from leisearch.engine.whoosh.terms import CompactTermIndex, use_compact_terms
from leisearch.engine.whoosh.workers import Worker
from leisearch.text.stemming import Stemmer

KEYS = st.lists(st.binary(min_size=1, max_size=12), max_size=600, unique=True).map(sorted)


class _Holder:
    """What ``use_compact_terms`` reaches for: ``writer.fieldwriter._tindex``."""

    def __init__(self, terms: Any) -> None:
        self.fieldwriter = self
        self._tindex = terms


def written(keys: list[bytes], compact: bool) -> bytes:
    """The bytes of a term index holding ``keys`` (each valued with its reverse)."""
    buffer = io.BytesIO()
    dbfile = StructFile(buffer)
    dbfile.close = lambda: None  # keep the buffer readable
    terms = OrderedHashWriter(dbfile)
    terms.extras["fieldmap"] = {"text": 0}
    if compact:
        holder = _Holder(terms)
        use_compact_terms(holder)
        terms = holder._tindex
        assert type(terms) is CompactTermIndex
    for key in keys:
        terms.add(key, key[::-1])
    terms.close()
    return buffer.getvalue()


@settings(max_examples=150, deadline=None)
@given(KEYS)
def test_a_compact_index_writes_whooshs_bytes(keys: list[bytes]) -> None:
    data = written(keys, compact=True)
    assert data == written(keys, compact=False)
    reader = OrderedHashReader(StructFile(io.BytesIO(data)), len(data))
    assert list(reader.keys()) == keys
    for key in keys:
        assert reader[key] == key[::-1]


def test_keys_out_of_order_are_refused_as_whoosh_refuses_them() -> None:
    holder = _Holder(OrderedHashWriter(StructFile(io.BytesIO())))
    use_compact_terms(holder)
    holder._tindex.add(b"b", b"")
    with pytest.raises(ValueError, match="Keys must increase"):
        holder._tindex.add(b"a", b"")


def test_a_compact_index_holds_far_less_than_whooshs(tmp_path: Path) -> None:
    keys = [b"term%07d" % n for n in range(40_000)]

    def held(compact: bool) -> int:
        # A file, not a buffer: the terms themselves are not held.
        terms = OrderedHashWriter(StructFile((tmp_path / f"{compact}.trm").open("wb")))
        if compact:
            holder = _Holder(terms)
            use_compact_terms(holder)
            terms = holder._tindex
        tracemalloc.start()
        try:
            for key in keys:
                terms.add(key, b"v")
            return tracemalloc.get_traced_memory()[0]
        finally:
            tracemalloc.stop()
            terms.dbfile.close()

    # About 16 bytes a term against 150 (with the positions' array, the same in both).
    assert held(compact=True) * 6 < held(compact=False)


def test_a_builds_writer_and_each_worker_writer_pool_by_term_and_keep_compact_terms(
    tmp_path: Path,
) -> None:
    writer = backend.create(tmp_path, tmp_path, Stemmer())
    try:
        whoosh_writer = writer._writer  # type: ignore[attr-defined]
        assert type(whoosh_writer.fieldwriter._tindex) is CompactTermIndex
        assert type(whoosh_writer.pool) is TermPool
        # A worker makes a writer of its own for each segment.
        worker = Worker.__new__(Worker)
        worker.storage, worker.indexname = whoosh_writer.storage, INDEX_NAME
        worker.kwargs = {"limitmb": 2}
        segment_writer = worker._new_writer()
        assert type(segment_writer.fieldwriter._tindex) is CompactTermIndex
        assert type(segment_writer.pool) is TermPool
        assert segment_writer.pool.limit == 2 * 1024 * 1024
        use_compact_terms(segment_writer)  # again: nothing changes
        assert type(segment_writer.fieldwriter._tindex) is CompactTermIndex
        segment_writer._close_segment()
    finally:
        writer.cancel()


def test_an_index_that_holds_terms_is_never_swapped() -> None:
    terms = OrderedHashWriter(StructFile(io.BytesIO()))
    terms.add(b"word", b"")
    with pytest.raises(ValueError, match="already holds"):
        use_compact_terms(_Holder(terms))


def test_an_unknown_term_index_is_refused() -> None:
    class Other(OrderedHashWriter):  # type: ignore[misc]
        pass

    with pytest.raises(TypeError, match="unexpected term index"):
        use_compact_terms(_Holder(Other(StructFile(io.BytesIO()))))
