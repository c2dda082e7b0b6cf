"""``stats``: the words that say what a collection is about, and what cleaning removed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from leisearch.service.browse import stats
from leisearch.service.build import build
from leisearch.service.opening import open_index
from leisearch.text.generic import GENERIC_WORDS
from leisearch.text.words import STOP_WORDS

from .conftest import run_cli

ARTICLES = {
    # A headline word (fares) searched with each of four paragraphs, held by none.
    "fares.txt": "Ferry fares rise\n\n"
    + "\n\n".join(
        f'"The ferry candidates were heard on Monday," said Jane Roe, {n} years on.'
        for n in ("two", "three", "four", "five")
    ),
    "vote.txt": "Council vote\n\nThe ferry candidate won the council vote, the mayor said.\n\n"
    "Advertisement\n\nThe council meets again next week, she said.",
}


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("stats")
    (base / "c").mkdir()
    for name, text in ARTICLES.items():
        (base / "c" / name).write_text(text, encoding="utf-8")
    build([base / "c"], base / "ix")
    return base / "ix"


def test_the_top_terms_say_what_the_collection_is_about(index_dir: Path) -> None:
    terms = dict(stats(open_index(index_dir).index, top=50).top_terms)
    assert not set(terms) & (GENERIC_WORDS | STOP_WORDS)  # said, years, two, monday, next
    assert terms["ferry"] == 5 + 1  # five paragraphs and one headline
    assert terms["fares"] == 1  # its headline, once: not once for each paragraph under it
    assert terms["candidates"] == 5  # the commonest form shows the stem, each form counted
    assert "candidate" not in terms
    assert list(terms.values()) == sorted(terms.values(), reverse=True)


def test_removals_are_counted_by_rule(index_dir: Path) -> None:
    assert stats(open_index(index_dir).index).removed == (("furniture", 1),)
    plain = run_cli("stats", "--index", str(index_dir)).stdout
    assert "removed\t1 block: furniture 1 (see: leisearch show ARTICLE --raw)\n" in plain
    record = json.loads(run_cli("stats", "--json", "--index", str(index_dir)).stdout)
    assert record["removed"] == {"furniture": 1}
