"""Accents: a word or a name typed without them finds the text that has them."""

from __future__ import annotations

import pytest

from leisearch.service.build import build
from leisearch.service.opening import Index, open_index
from leisearch.service.search import find_quotes, search

from .conftest import run_cli, write_corpus


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Index:
    base = tmp_path_factory.mktemp("accents")
    corpus = write_corpus(
        base / "c",
        {
            "cafe": (
                "Caf\u00e9 rents\n\nThe caf\u00e9s of Quay Street face a rent rise.\n\n"
                "\u201cIt is our soul,\u201d said Ren\u00e9e Fran\u00e7ois, who runs one."
            ),
            "plain": "Cafe plans\n\nA new cafe opens on the pier in May.",
            # Letters Unicode does not decompose: \u0141 (L with a stroke), \u00f8, \u00df.
            "north": (
                "Harbour chef\n\n\u0141ukasz S\u00f8rensen cooks on Hafenstra\u00dfe.\n\n"
                "\u201cThe sea decides,\u201d said \u0141ukasz S\u00f8rensen."
            ),
        },
    )
    build([corpus], base / "ix")
    return open_index(base / "ix").index


@pytest.mark.parametrize("query", ["cafe", "caf\u00e9", "CAFES", "caf\u00e9s"])
def test_a_word_finds_itself_with_or_without_accents(index: Index, query: str) -> None:
    assert {hit.article for hit in search(index, query, limit=0).hits} == {"cafe", "plain"}


@pytest.mark.parametrize("typed", ["renee francois", "Ren\u00e9e Fran\u00e7ois", "RENEE FRANCOIS"])
def test_a_name_finds_its_speaker_with_or_without_accents(index: Index, typed: str) -> None:
    assert index.speaker(typed) == "Ren\u00e9e Fran\u00e7ois"
    assert [q.quote.speaker for q in find_quotes(index, speaker=typed).hits] == [
        "Ren\u00e9e Fran\u00e7ois"
    ]


def test_the_command_line_too(index: Index) -> None:
    result = run_cli("quotes", "--speaker", "renee francois", "--index", str(index.path))
    assert result.returncode == 0 and "It is our soul" in result.stdout


@pytest.mark.parametrize("query", ["lukasz", "sorensen", "hafenstrasse", "Hafenstra\u00dfe"])
def test_letters_without_a_decomposition_fold_too(index: Index, query: str) -> None:
    assert {hit.article for hit in search(index, query, limit=0).hits} == {"north"}


@pytest.mark.parametrize("typed", ["Lukasz Sorensen", "\u0141ukasz S\u00f8rensen", "sorensen"])
def test_a_name_with_such_letters_finds_its_speaker(index: Index, typed: str) -> None:
    assert index.speaker(typed) == "\u0141ukasz S\u00f8rensen"
