"""The scoring of ``benchmarks/quotes_external.py``, on data written for these tests.

The benchmark's figures are in the README; these tests check that the scorer counts
what its docstring says (matching, speakers, junk names), never the figures.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import load_benchmark

qe = load_benchmark("quotes_external")


@pytest.mark.parametrize(
    ("reported", "reference", "same"),
    [
        ("Jane Roe", "Jane Roe", True),
        ("Roe", "Jane Roe", True),
        ("Jane Roe", "Sen. Jane Roe", True),
        ("John Roe", "Jane Roe", True),  # the same surname counts, as the data's README says
        ("the campaign", "campaign", True),
        ("Jane Roe", "Ann Smith", False),
        ("", "Jane Roe", False),
        ("Jane Roe", "", False),
    ],
)
def test_same_person(reported: str, reference: str, same: bool) -> None:
    assert qe.same_person(reported, reference) is same


@pytest.mark.parametrize(
    ("name", "junk"),
    [
        ("Jane Roe", None),
        ("the senator", None),
        ("his wife", None),
        ("she", None),
        ("Tuesday", "opener or time word"),
        ("Speaking Smith", "opener or time word"),
        ("Jane Roe Joked", "verb glued on"),
        ("Read More", "web residue"),
        ("officials close to", "lower-case phrase"),
    ],
)
def test_junk_class(name: str, junk: str | None) -> None:
    assert qe.junk_class(name) == junk


def _write(folder: Path, gold: list[dict[str, str]]) -> None:
    (folder / "articles").mkdir(parents=True)
    (folder / "articles" / "a.txt").write_text(
        "A headline\n\n"
        '"We will rebuild the bridge by spring," said Jane Roe, the mayor.\n\n'
        'Tom Hale disagreed. "The money is not there," he said.\n\n'
        'The council calls it "a bridge too far" in its report.\n',
        encoding="utf-8",
    )
    (folder / "gold.jsonl").write_text(
        "".join(json.dumps(row) + "\n" for row in gold), encoding="utf-8"
    )


def test_score_counts_matches_speakers_and_pairs(tmp_path: Path) -> None:
    gold = [
        {"article": "a", "quote": '"We will rebuild the bridge by spring,"', "reference": "Roe"},
        {"article": "a", "quote": '"The money is not there,"', "reference": "Ann Smith"},
        {"article": "a", "quote": '"A quotation nobody finds in the text."', "reference": "X"},
    ]
    _write(tmp_path, gold)
    found = [q for qs in qe.attribute_corpus(qe.read_articles(tmp_path / "articles")) for q in qs]
    assert [q.speaker for q in found] == ["Jane Roe", "Tom Hale"]
    result = qe.score(found, qe.read_gold(tmp_path / "gold.jsonl"), [])
    assert (result["gold"], result["reported"]) == (3, 2)
    assert result["quote_precision"] == 1.0
    assert result["quote_recall"] == round(2 / 3, 4)
    assert result["speaker_accuracy"] == 0.5  # Tom Hale is not the gold Ann Smith
    assert result["pair_precision"] == 0.5
    assert result["pair_f1"] == round(2 * 0.5 * (1 / 3) / (0.5 + 1 / 3), 4)
    assert result["not_names"] == []


def test_a_quotation_opened_by_two_apostrophes_is_outside_the_gold(tmp_path: Path) -> None:
    # The gold counts as direct quotations those opened by a quote mark: one in '' is
    # neither right nor wrong, unless it matches a gold one.
    quote = '"We will rebuild the bridge by spring,"'
    _write(tmp_path, [{"article": "a", "quote": quote, "reference": "Roe"}])
    article = tmp_path / "articles" / "a.txt"
    article.write_text(
        article.read_text(encoding="utf-8") + "\n''No money, no bridge,'' said Ann Smith.\n",
        encoding="utf-8",
    )
    articles = qe.read_articles(tmp_path / "articles")
    found = [q for qs in qe.attribute_corpus(articles) for q in qs]
    assert "No money, no bridge," in [q.text for q in found]
    unjudged = qe.opened_by_apostrophes(found, articles)
    assert [found[f].text for f in unjudged] == ["No money, no bridge,"]
    counted = qe.score(found, qe.read_gold(tmp_path / "gold.jsonl"), [])
    result = qe.score(found, qe.read_gold(tmp_path / "gold.jsonl"), [], unjudged)
    assert result["reported"] == counted["reported"] - 1 and result["outside_gold"] == 1
    assert result["quote_precision"] > counted["quote_precision"]


def test_main_rejects_a_folder_without_the_layout(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        qe.main([str(tmp_path)])
    assert exit_info.value.code == 2


def test_hand_checked_references_replace_the_silver_ones(tmp_path: Path) -> None:
    gold = [
        {"article": "a", "quote": '"We will rebuild the bridge by spring,"', "reference": "Roe"},
        {"article": "a", "quote": '"The money is not there,"', "reference": ""},
        {"article": "a", "quote": '"a bridge too far"', "reference": "the council"},
    ]
    _write(tmp_path, gold)
    rows = [
        {"line": 1, "article": "a", "reference": "Tom Hale"},
        {"line": 2, "article": "a", "not_speech": True},
    ]
    corrected, optional = qe.apply_references(qe.read_gold(tmp_path / "gold.jsonl"), [], rows)
    assert [g.reference for g in corrected] == ["Roe", "Tom Hale"]
    assert [g.quote for g in optional] == ['"a bridge too far"']
    found = [q for qs in qe.attribute_corpus(qe.read_articles(tmp_path / "articles")) for q in qs]
    assert qe.score(found, corrected, optional)["speaker_accuracy"] == 1.0
    # A row labelled on other data is refused, not applied to the wrong quotation.
    with pytest.raises(ValueError, match="line 1"):
        qe.apply_references(corrected, [], [{"line": 1, "article": "b", "reference": "X"}])
