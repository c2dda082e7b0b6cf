"""Prints: what folding compares of a paragraph, made at index time and read back.

A print made by a build's worker must be the print a query would make from the
paragraph's text, in any process: otherwise folding depends on how the index
was built, or on Python's string hashing of the process that reads it.
"""

from __future__ import annotations

import heapq
import itertools
import random
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leisearch.engine.protocol import Every, Stored
from leisearch.service import opening
from leisearch.service.build import build
from leisearch.service.opening import open_index
from leisearch.service.search import search
from leisearch.text.copies import (
    MIN_COPY_WORDS,
    NO_PRINT,
    SKETCH,
    Print,
    _sketch,
    copy_key,
    pair_hashes,
    print_bytes,
    print_from,
    print_of,
    scrambled,
    words_of,
)
from leisearch.text.words import STOP_WORDS

from .conftest import SEEDS, write_corpus

TEXT = "The council voted on Tuesday to close the old library on Main Street, officials said."


@pytest.mark.parametrize(
    ("text", "pairs", "sketch"),
    [
        (TEXT, 14, SKETCH),
        ("one two three four five six", 5, 5),
        ("of the of the of the", 2, 0),  # stop words only: no sketch
        ("a b c d e", 0, 0),  # too short (MIN_COPY_WORDS)
        ("", 0, 0),
    ],
)
def test_a_print_holds_the_pairs_and_the_sketch(text: str, pairs: int, sketch: int) -> None:
    made = print_of(text)
    assert (len(made.pairs), len(made.sketch)) == (pairs, sketch)
    assert made == reference_print(text)


def reference_print(text: str) -> Print:
    """A print as its definition says, the slow way."""
    words = words_of(text)
    if len(words) < MIN_COPY_WORDS:
        return NO_PRINT
    pairs = list(itertools.pairwise(words))
    hashes = {pair: zlib.crc32(f"{pair[0]} {pair[1]}".encode()) for pair in pairs}
    worth = {h for (a, b), h in hashes.items() if not (a in STOP_WORDS and b in STOP_WORDS)}
    sketch = sorted(heapq.nsmallest(8, worth, key=scrambled))
    return Print(copy_key(text) or "", frozenset(hashes.values()), tuple(sketch))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["a", "b", "the", "of", "Zoë", "don\u02bct", "café", "12", "—", "\u201c"]),
        max_size=40,
    ).map(" ".join)
)
def test_a_stored_print_reads_back_as_the_print_of_the_text(text: str) -> None:
    data = print_bytes(text)
    assert print_from(data) == reference_print(text)
    assert (data == b"") == (len(words_of(text)) < MIN_COPY_WORDS)
    assert print_from(b"") == NO_PRINT


@settings(max_examples=200, deadline=None)
@given(st.sets(st.integers(0, 2**32 - 1), max_size=60))
def test_a_sketch_is_the_hashes_scrambled_puts_first(hashes: set[int]) -> None:
    assert _sketch(hashes) == sorted(hashes, key=scrambled)[:SKETCH]


def test_pair_hashes_are_the_same_in_every_process() -> None:
    """Python's hash of a string changes from process to process; a pair's hash must
    not, or a print made by a build would not match one made by a query."""
    script = (
        "import sys; from leisearch.text.copies import print_bytes; "
        "print(print_bytes(sys.argv[1]).hex())"
    )
    made = {
        subprocess.run(
            [sys.executable, "-c", script, TEXT],
            check=True,
            capture_output=True,
            text=True,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
        ).stdout.strip()
        for seed in ("1", "2")
    }
    assert made == {print_bytes(TEXT).hex()}
    assert pair_hashes(["word", "of"]) != pair_hashes(["wor", "dof"])


def _kept_prints(index_dir: Path) -> list[Stored]:
    """Every paragraph as a ranked search gives it back, with its print."""
    index = open_index(index_dir).index
    with index.reader.searcher() as searcher:
        return list(searcher.search(Every("article"), limit=None))


def test_every_paragraph_of_a_parallel_build_keeps_the_print_of_its_text(tmp_path: Path) -> None:
    """The workers make the prints (``schema.PRINT``), in processes of their own."""
    build([SEEDS], tmp_path / "ix", rebuild=True, procs=2)
    paragraphs = _kept_prints(tmp_path / "ix")
    assert len(paragraphs) > 100
    assert all(p.print_data == print_bytes(p.text) for p in paragraphs)
    assert all(print_from(p.print_data or b"") == reference_print(p.text) for p in paragraphs)
    assert sum(p.print_data != b"" for p in paragraphs) > 100


def test_prints_survive_an_update_that_rewrites_segments(tmp_path: Path) -> None:
    """An update that deletes enough of a segment writes it again (``writer``'s merge
    policy), copying its columns: the prints go with their paragraphs."""
    corpus = write_corpus(tmp_path / "c", _syndicated(4))
    build([corpus], tmp_path / "ix", procs=1)
    for path in sorted(corpus.iterdir())[:25]:
        path.unlink()
    (corpus / "late.txt").write_text("Late news\n\n" + TEXT, encoding="utf-8")
    build([corpus], tmp_path / "ix", procs=1)
    paragraphs = _kept_prints(tmp_path / "ix")
    assert len({p.article for p in paragraphs}) == 16
    assert all(p.print_data == print_bytes(p.text) for p in paragraphs)


def _syndicated(seed: int) -> dict[str, str]:
    """Forty articles of the same five paragraphs, reworded a little each time (about
    one word in eight), as syndicated copies are: many near copies, some not near."""
    rng = random.Random(seed)
    base = [
        "The harbour ferry sailed again after the long winter storms closed the old pier "
        "for three months, the port authority said on Monday.",
        "Fishermen who depend on the crossing said word of mouth had kept their customers "
        "coming back through the closure and the repairs.",
        "Repairs to the pier cost more than the council had planned, and the work is not "
        "finished: the north steps stay shut until the spring.",
        "Tourists are expected to return in the summer, when the ferry adds two evening "
        "crossings and the harbour market opens again.",
        "The mayor thanked the crews and said the town owed them its patience and its thanks "
        "for a winter of hard and careful work.",
    ]
    spare = ["quietly", "boat", "town", "later", "island", "weekly", "storm", "market"]

    def reworded(text: str) -> str:
        return " ".join(
            rng.choice(spare) if len(w) > 3 and rng.random() < 0.125 else w for w in text.split()
        )

    return {
        f"news{i:02d}": f"Harbour news {i}\n\n"
        + "\n\n".join(reworded(p) for p in rng.sample(base, len(base)))
        for i in range(40)
    }


def test_folding_with_the_stored_prints_is_folding_with_prints_made_from_the_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build([write_corpus(tmp_path / "c", _syndicated(3))], tmp_path / "ix")
    queries = ["harbour ferry", "word of mouth", "pier repairs council", "mayor thanked crews"]

    def seen() -> list[list[tuple[str, int, tuple[str, ...]]]]:
        index = open_index(tmp_path / "ix").index  # (its memo of prints is its own)
        return [
            [(h.article, h.paragraph, h.duplicates) for h in search(index, q, limit=0).hits]
            for q in queries
        ]

    stored = seen()
    made: list[Stored] = []

    def from_text(paragraph: Stored) -> Print:
        made.append(paragraph)
        return print_of(paragraph.text)

    monkeypatch.setattr(opening, "_print_of", from_text)
    assert seen() == stored
    assert made  # the prints were made from the text this time
    index = open_index(tmp_path / "ix").index
    # Near copies were folded (another fingerprint than the hit's).
    with index.reader.searcher() as searcher:
        texts = {(p.article, p.paragraph): p.text for p in searcher.documents(Every("article"))}
    near = [
        (article, paragraph, copy)
        for hits in stored
        for article, paragraph, copies in hits
        for copy in copies
        if copy_key(texts[article, paragraph])
        != copy_key(texts[copy.split(":")[0], int(copy.split(":")[1])])
    ]
    assert len(near) >= 4
