"""``engine.whoosh.pool``: a pool kept by term gives Whoosh's postings back, in its order."""

from __future__ import annotations

import random
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.filedb.filestore import FileStorage
from whoosh.writing import PostingPool

from leisearch.engine.whoosh import pool as pool_module
from leisearch.engine.whoosh.analyzer import HEADLINE_MARK
from leisearch.engine.whoosh.pool import TermPool, use_term_pool
from leisearch.engine.whoosh.schema import INDEX_NAME, make_schema, place
from leisearch.text.stemming import Stemmer

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
def test_a_term_pool_gives_back_what_whooshs_pool_gives(
    postings: list[Any], limit: int, maxfiles: int, block: int
) -> None:
    # Postings in any order: each term's out of order, and overlapping from run to run.
    # Small blocks and small runs: many blocks a run, many runs, runs merged into runs.
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(pool_module, "RUN_BLOCK", block)
        ours = pooled(TermPool, postings, limit, maxfiles)
    assert ours == pooled(PostingPool, postings, limit, maxfiles)
    assert ours == sorted(postings)


#: Documents as a writer adds them: each a few postings of its own, documents in order.
DOCUMENTS = st.lists(
    st.dictionaries(
        st.tuples(st.sampled_from(["text", "speaker"]), st.binary(min_size=1, max_size=3)),
        st.tuples(st.floats(0, 8, allow_nan=False), st.one_of(st.none(), st.binary(max_size=8))),
        max_size=12,
    ),
    max_size=120,
)


@settings(max_examples=150, deadline=None)
@given(DOCUMENTS, st.integers(100, 20_000), st.sampled_from([2, 3, 128]))
def test_a_term_pool_keeps_in_order_postings_as_they_come_and_gives_whooshs_order(
    documents: list[dict[tuple[str, bytes], tuple[float, bytes | None]]],
    limit: int,
    maxfiles: int,
) -> None:
    postings = [
        (field, term, number, weight, value)
        for number, document in enumerate(documents)
        for (field, term), (weight, value) in document.items()
    ]
    ours = pooled(TermPool, postings, limit, maxfiles)
    assert ours == pooled(PostingPool, postings, limit, maxfiles)
    # Runs written in the middle of a document leave the postings in order, run after run.
    with tempfile.TemporaryDirectory() as folder:
        pool = TermPool(FileStorage(folder), segment=None, limitmb=1)
        pool.limit = limit
        for posting in postings:
            pool.add(posting)
        assert pool._ordered
        pool.cleanup()
    # The same tuples (a writer's postings are never copied), or read back from a run.
    with tempfile.TemporaryDirectory() as folder:
        pool = TermPool(FileStorage(folder), segment=None, limitmb=1)
        for posting in postings:
            pool.add(posting)
        assert not pool._unsorted  # in order as they came: no term sorted
        assert all(a is b for a, b in zip(pool.items(), sorted(postings), strict=True))


class _Writer:
    """What a Whoosh segment writer has that ``use_term_pool`` uses: its pool."""

    def __init__(self, folder: Path, limitmb: int) -> None:
        self.pool = PostingPool(FileStorage(str(folder)), segment=None, limitmb=limitmb)


def test_a_writer_pools_in_blocks(tmp_path: Path) -> None:
    writer = _Writer(tmp_path, 3)
    use_term_pool(writer)
    assert type(writer.pool) is TermPool and writer.pool.limit == 3 * 1024 * 1024
    # (A build's writers, and its workers', do: ``test_terms``.)


def test_a_pool_that_holds_postings_is_never_swapped(tmp_path: Path) -> None:
    writer = _Writer(tmp_path, 1)
    writer.pool.add(("text", b"word", 0, 1.0, None))
    with pytest.raises(ValueError, match="already holds"):
        use_term_pool(writer)


def _documents(count: int, seed: int) -> list[dict[str, Any]]:
    """Paragraphs as a build gives them to Whoosh: words of a skewed vocabulary (some in
    most paragraphs, most in few), a headline, speakers for some."""
    rng = random.Random(seed)
    vocabulary = [f"w{n}x" for n in range(400)]
    weights = [1 / (n + 1) for n in range(400)]
    documents = []
    for number in range(count):
        words = rng.choices(vocabulary, weights, k=rng.randrange(0, 60))
        headline = " ".join(rng.choices(vocabulary, weights, k=4))
        document = {
            "article": f"a{number // 7}",
            "paragraph": number % 7,
            "text": " ".join(words) + HEADLINE_MARK + headline,
            "place": place(f"a{number // 7}", number % 7),
            "print": " ".join(words),
        }
        if number % 3 == 0:  # (postings with counts, and with no value at all)
            document["speaker"] = "lei jun,lei jun|high"
            document["said"] = f"k{number % 5},k{number % 11}"
        documents.append(document)
    return documents


def _segment_files(
    folder: Path, batches: list[list[dict[str, Any]]], by_term: tuple[bool, ...]
) -> dict:
    """The files of an index's one segment, by their names past the segment's, after each
    batch of documents is committed by a writer of its own, the last merging the index's
    segments into its own (Whoosh's ``add_reader``: postings term by term, not in order),
    each batch's writer pooling by term or not (``by_term``); and, as ``"postings"``, each
    term's statistics, blocks and postings as Whoosh reads them."""
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), make_schema(Stemmer()), indexname=INDEX_NAME)
    for number, batch in enumerate(batches):
        writer = ix.writer(compound=False)  # (as a build's: ``writer._options``)
        if by_term[number]:
            use_term_pool(writer)
        writer.pool.limit = 30_000  # many runs
        for document in batch:
            writer.add_document(**document)
        writer.commit(optimize=number == len(batches) - 1)
    (segment,) = ix._segments()
    files: dict[str, Any] = {}
    for path in folder.iterdir():
        if path.name.startswith(f"{INDEX_NAME}_{segment.segid}"):
            files[path.name.split(".", 1)[1]] = path.read_bytes()
    with ix.reader() as reader:
        files["postings"] = {term: _postings(reader, *term) for term in reader.all_terms()}
    return files


def _postings(reader: Any, field: str, text: bytes) -> tuple[Any, ...]:
    """A term's statistics, its blocks' (postings, highest document, highest weight,
    shortest and longest length, compression, and their data as unpickled: documents,
    weights and values, as Whoosh makes them small) and its postings (document, weight,
    value)."""
    info = reader.term_info(field, text)
    stats = (info.weight(), info.doc_frequency(), info.min_length(), info.max_length())
    stats += (info.max_weight(), info.min_id(), info.max_id())
    matcher = reader.postings(field, text)
    blocks = []
    if isinstance(matcher, W3LeafMatcher):
        while not matcher._atend:
            blocks.append(
                (
                    matcher._blocklength,
                    matcher._maxid,
                    matcher._maxweight,
                    matcher._minlength,
                    matcher._maxlength,
                    matcher._compression,
                )
            )
            matcher._read_data()
            blocks.append(matcher._data)
            matcher._next_block()
        matcher.reset()
    postings = []
    while matcher.is_active():
        postings.append((matcher.id(), matcher.weight(), matcher.value()))
        matcher.next()
    return stats, blocks, postings


@pytest.mark.parametrize(
    ("seed", "block", "first"),
    # (Blocks of 5 postings: a term's postings in runs come in many pieces. A first
    # segment written by Whoosh's writer, its blocks pickled with protocol 2, merged into
    # ours: an index built before this writer, updated.)
    [(1, 256, True), (2, 256, True), (3, 5, True), (4, 256, False)],
)
def test_a_segment_written_from_a_term_pool_is_whooshs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int, block: int, first: bool
) -> None:
    monkeypatch.setattr(pool_module, "RUN_BLOCK", block)
    documents = _documents(500, seed)
    batches = [documents[:150], documents[150:]]
    ours = _segment_files(tmp_path / "ours", batches, by_term=(first, True))
    whooshs = _segment_files(tmp_path / "whoosh", batches, by_term=(False, False))
    assert {"pst", "trm", "_text_len.col"} <= ours.keys()
    # The same terms, statistics, blocks and postings, read back; every file byte for
    # byte, but the postings (their blocks pickled with another protocol, and smaller:
    # ``flush.BLOCK_PROTOCOL``) and the term table that points into them.
    assert ours["postings"] == whooshs["postings"]
    assert any(blocks for _, blocks, _ in ours["postings"].values())
    assert len(ours["pst"]) < len(whooshs["pst"])
    rest = ours.keys() - {"pst", "trm", "postings"}
    assert rest == whooshs.keys() - {"pst", "trm", "postings"}
    assert {name: ours[name] for name in rest} == {name: whooshs[name] for name in rest}


def test_a_merge_reads_a_common_terms_postings_in_pieces(tmp_path: Path) -> None:
    # A word in most paragraphs is never held whole when runs are merged.
    pool = TermPool(FileStorage(str(tmp_path)), segment=None, limitmb=1)
    pool.limit = 20_000
    postings = [("text", b"the", doc, 1.0, b"v") for doc in range(3000)]
    for posting in postings:
        pool.add(posting)
    assert len(pool.runs) > 3
    pieces = [piece for _, _, term in pool.terms() for piece in term]
    assert len(pieces) > 3 and max(map(len, pieces)) <= pool_module.RUN_BLOCK
    assert [posting for piece in pieces for posting in piece] == postings


def test_a_posting_before_a_written_one_makes_the_merge_sort(tmp_path: Path) -> None:
    pool = TermPool(FileStorage(str(tmp_path)), segment=None, limitmb=1)
    pool.limit = 2_000
    postings = [("text", b"w", doc, 1.0, None) for doc in (*range(10, 40), *range(0, 10))]
    for posting in postings:
        pool.add(posting)
    assert not pool._ordered and len(pool.runs) > 1
    assert list(pool.items()) == sorted(postings)


def test_a_terms_posting_of_the_last_written_document_makes_the_merge_sort(
    tmp_path: Path,
) -> None:
    # Whoosh adds a spelling word as document 0 each time: the same term and document
    # again, after a run was written, with another value.
    pool = TermPool(FileStorage(str(tmp_path)), segment=None, limitmb=1)
    pool.limit = 400
    postings = [("spell", b"w", 0, 1.0, bytes([value])) for value in (9, 3, 7, 1, 5)]
    for posting in postings:
        pool.add(posting)
    assert len(pool.runs) > 1 and not pool._ordered
    assert list(pool.items()) == sorted(postings)
