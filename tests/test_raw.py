"""``show --raw``: an article as its file reads, with every block that cleaning removed
in its place and the rule that removed it; through the library and the command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leisearch.ingest.clean import RULES
from leisearch.models import Article, Paragraph, Removed
from leisearch.service.browse import show
from leisearch.service.build import build
from leisearch.service.opening import open_index
from leisearch.service.raw import _blocks, raw_article

from .conftest import ROOT, run_cli

FORMATS = ROOT / "tests" / "fixtures" / "formats"

FERRY = """Ferry returns

Ferry returns

The ferry sails again from Monday, the council said.

Advertisement

"We are delighted," said Jane Roe, who runs the cafe on the quay.

Related Articles

Buses cut on Sundays…

Trains late again…
"""


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, Path]:
    """A folder with the ferry article and the format fixtures, and its index."""
    folder = tmp_path / "news"
    shutil.copytree(FORMATS, folder)
    (folder / "ferry.txt").write_text(FERRY, encoding="utf-8")
    build([folder], tmp_path / "ix")
    return folder, tmp_path / "ix"


def test_the_removed_blocks_are_in_place_with_their_rules(corpus: tuple[Path, Path]) -> None:
    _, index_dir = corpus
    result = run_cli("show", "ferry", "--raw", "--index", str(index_dir))
    assert result.returncode == 0, result.stderr
    body = result.stdout.split("\n\n", 1)[1]
    assert [line for line in body.splitlines() if line] == [
        "  - removed (repeated-title): Ferry returns",
        " [1] The ferry sails again from Monday, the council said.",
        "  - removed (furniture): Advertisement",
        ' [2] "We are delighted," said Jane Roe, who runs the cafe on the quay.',
        "  - removed (trailer): Related Articles",
        "  - removed (trailer): Buses cut on Sundays…",
        "  - removed (trailer): Trains late again…",
    ]
    assert f"read from {corpus[0] / 'ferry.txt'}" in result.stdout
    assert result.stderr == ""


def test_a_paragraph_with_its_neighbours_as_records(corpus: tuple[Path, Path]) -> None:
    _, index_dir = corpus
    args = ("show", "ferry:2", "-C", "0", "--raw", "--json", "--index", str(index_dir))
    records = [json.loads(line) for line in run_cli(*args).stdout.splitlines()]
    assert [(r["paragraph"], r["removed"]) for r in records] == [
        (None, "furniture"),  # just before the paragraph
        (2, None),
        (None, "trailer"),
        (None, "trailer"),
        (None, "trailer"),
    ]
    assert list(records[0]) == ["article", "paragraph", "removed", "text"]


def test_the_kept_paragraphs_are_the_indexed_ones_in_every_format(
    corpus: tuple[Path, Path],
) -> None:
    index = open_index(corpus[1]).index
    for info in index.manifest.articles:
        raw = raw_article(index, info.id)
        kept = [(b.paragraph, b.text) for b in raw.blocks if b.removed is None]
        shown = [(p.number, p.text) for p in show(index, info.id).paragraphs]
        assert kept == shown, info.id
        assert {b.removed for b in raw.blocks} <= {None, *RULES}
        assert not raw.changed


def test_a_changed_file_is_shown_as_it_is_now_with_a_warning(corpus: tuple[Path, Path]) -> None:
    folder, index_dir = corpus
    added = FERRY.replace("Advertisement", "The timetable is online.")
    (folder / "ferry.txt").write_text(added, encoding="utf-8")
    result = run_cli("show", "ferry", "--raw", "--index", str(index_dir))
    assert result.returncode == 0
    assert " [2] The timetable is online." in result.stdout.splitlines()
    assert "has changed since it was indexed" in result.stderr


def test_a_file_that_is_gone_is_an_error_with_a_hint(corpus: tuple[Path, Path]) -> None:
    folder, index_dir = corpus
    (folder / "ferry.txt").unlink()
    result = run_cli("show", "ferry", "--raw", "--index", str(index_dir))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("leisearch: error: the file of ferry cannot be read")
    assert "without --raw" in result.stderr and "Traceback" not in result.stderr
    assert run_cli("show", "ferry", "--index", str(index_dir)).returncode == 0


def test_a_record_that_left_its_file_is_an_error(corpus: tuple[Path, Path]) -> None:
    folder, index_dir = corpus
    scraped = folder / "scraped.jsonl"
    lines = scraped.read_text(encoding="utf-8").splitlines()
    scraped.write_text("\n".join(lines[:1]) + "\n", encoding="utf-8")
    result = run_cli("show", "scraped-3", "--raw", "--index", str(index_dir))
    assert result.returncode == 2
    assert "no longer holds the article scraped-3" in result.stderr


_REMOVED = st.builds(
    Removed,
    st.sampled_from(RULES),
    st.text("abc ", min_size=1, max_size=5),
    st.integers(0, 6),
)


@given(st.integers(0, 6), st.lists(_REMOVED, max_size=6))
def test_each_removed_block_follows_as_many_paragraphs_as_its_position(
    count: int, removed: list[Removed]
) -> None:
    paragraphs = tuple(Paragraph(n, f"p{n}") for n in range(1, count + 1))
    cuts = tuple(r for r in removed if r.position <= count)
    blocks = list(_blocks(Article("a", "A", "a.txt", paragraphs, removed=cuts)))
    assert [b.paragraph for b in blocks if b.removed is None] == list(range(1, count + 1))
    placed = [
        (sum(1 for b in blocks[:i] if b.removed is None), (b.removed, b.text))
        for i, b in enumerate(blocks)
        if b.removed is not None
    ]
    expected = sorted(((r.position, (r.rule, r.text)) for r in cuts), key=lambda x: x[0])
    assert placed == expected  # in place, and in reading order among one position's
