"""``engine.whoosh.pool``: runs written a block at a time give Whoosh's postings, in its order."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.filedb.filestore import FileStorage
from whoosh.writing import PostingPool

from leisearch.engine.whoosh import pool as pool_module
from leisearch.engine.whoosh.pool import BlockPool, use_block_pool

#: Postings as a Whoosh writer pools them: (field, term, document, weight, value), one for
#: each term of a field of a document.
POSTINGS = st.lists(
    st.tuples(
        st.sampled_from(["text", "speaker", "article"]),
        st.binary(min_size=1, max_size=6),
        st.integers(0, 2000),
        st.floats(0, 8, allow_nan=False),
        st.one_of(st.none(), st.binary(max_size=8)),
    ),
    max_size=400,
    unique_by=lambda posting: posting[:3],
)


def pooled(kind: type[PostingPool], postings: list[Any], limit: int, maxfiles: int) -> list[Any]:
    """The postings as a pool of ``kind`` gives them back, with runs of ``limit`` bytes
    (Whoosh's estimate) and at most ``maxfiles`` runs merged at once."""
    with tempfile.TemporaryDirectory() as folder:
        pool = kind(FileStorage(folder), segment=None, limitmb=1)
        pool.limit = limit
        for posting in postings:
            pool.add(posting)
        out = list(pool.items(maxfiles=maxfiles))
        assert not list(Path(folder).iterdir())  # every run read and removed
        return out


@settings(max_examples=150, deadline=None)
@given(POSTINGS, st.integers(100, 20_000), st.sampled_from([2, 3, 128]), st.integers(1, 7))
def test_a_block_pool_gives_back_what_whooshs_pool_gives(
    postings: list[Any], limit: int, maxfiles: int, block: int
) -> None:
    # Small blocks and small runs: many blocks a run, many runs, runs merged into runs.
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(pool_module, "RUN_BLOCK", block)
        ours = pooled(BlockPool, postings, limit, maxfiles)
    assert ours == pooled(PostingPool, postings, limit, maxfiles)
    assert ours == sorted(postings)


class _Writer:
    """What a Whoosh segment writer has that ``use_block_pool`` uses: its pool."""

    def __init__(self, folder: Path, limitmb: int) -> None:
        self.pool = PostingPool(FileStorage(str(folder)), segment=None, limitmb=limitmb)


def test_a_writer_pools_in_blocks(tmp_path: Path) -> None:
    writer = _Writer(tmp_path, 3)
    use_block_pool(writer)
    assert type(writer.pool) is BlockPool and writer.pool.limit == 3 * 1024 * 1024
    # (A build's writers, and its workers', do: ``test_terms``.)


def test_a_pool_that_holds_postings_is_never_swapped(tmp_path: Path) -> None:
    writer = _Writer(tmp_path, 1)
    writer.pool.add(("text", b"word", 0, 1.0, None))
    with pytest.raises(ValueError, match="already holds"):
        use_block_pool(writer)
