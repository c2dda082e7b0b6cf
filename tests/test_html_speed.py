"""``benchmarks/html_speed.py``: its pages hold the articles' own title and paragraphs
among a news site's furniture, so that the two builds it times index the same text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from leisearch import Article, load_articles

from .conftest import load_benchmark, write_corpus

html_speed = load_benchmark("html_speed")

NEWS = {
    "harbour": (
        "Harbour wall to be rebuilt\n\n"
        '"We will rebuild the wall before the winter storms," said Jane Roe, the mayor, '
        "after the council approved the spending on Tuesday evening.\n\n"
        "Opponents said the money should go to schools & libraries <first>.\n"
    ),
    "senate": (
        "Senator seeks a new term\n\n"
        "Senator Maria Lopez said on Monday that she would seek another term, promising "
        "voters cheaper healthcare and stronger pensions for the years ahead.\n"
    ),
}


def test_a_page_reads_as_its_article(tmp_path: Path) -> None:
    source = write_corpus(tmp_path / "source", NEWS)
    text_dir, page_dir = html_speed.write_corpora(source, 10, tmp_path)
    texts = {a.id: a for a in load_articles(text_dir)[1] if isinstance(a, Article)}
    pages = {a.id: a for a in load_articles(page_dir)[1] if isinstance(a, Article)}
    assert texts.keys() == pages.keys() == set(NEWS)
    for article_id, text in texts.items():
        page = pages[article_id]
        assert page.title == text.title
        assert [p.text for p in page.paragraphs] == [p.text for p in text.paragraphs]
        assert page.source == "The Example Times" and page.date is not None


def test_the_benchmark_reports_the_ratio(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_corpus(tmp_path / "source", NEWS)
    assert html_speed.main([str(source), "--rounds", "1", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["articles"] == 2 and result["paragraphs"]["text"] == 3
    assert result["paragraphs"]["pages"] == 3 and result["ratio"] > 0
