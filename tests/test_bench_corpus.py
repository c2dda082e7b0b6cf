"""The real-text corpus of ``benchmarks/synth_news.py``, on a tiny news folder written here
(never the real data): deterministic article by article, whatever N is, with the source's
paragraphs in order, names and speech cues kept, and other words varied."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import load_benchmark, write_corpus

synth_news = load_benchmark("synth_news")

NEWS = {
    "a-budget": (
        "Council passes the harbour budget\n\n"
        '"We will rebuild the harbour wall before the winter storms," said Jane Roe, the '
        "mayor, after the council approved the spending on Tuesday evening.\n\n"
        "Opponents argued that the money should have gone to schools and libraries, "
        "warning that classrooms across the district remain overcrowded.\n\n"
        '"The numbers simply do not add up," Tom Hale warned reporters outside the chamber.\n'
    ),
    "b-election": (
        "Senator announces reelection campaign\n\n"
        "Senator Maria Lopez announced on Monday that she would seek another term, "
        "promising voters cheaper healthcare and stronger pensions.\n\n"
        '"Families deserve security in their retirement," she told supporters gathered '
        "in the packed gymnasium downtown.\n"
    ),
    "c-storm": (
        "Storm damages coastal villages\n\n"
        "Heavy rainfall flooded several coastal villages overnight, damaging houses, roads "
        "and the ferry terminal, according to emergency services.\n\n"
        '"Nobody was seriously injured," a spokesman for the fire brigade said, adding '
        "that volunteers were clearing the streets.\n"
    ),
}


@pytest.fixture()
def source(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "news", NEWS)


def _texts(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}


def test_article_k_is_the_same_whatever_n_is(source: Path, tmp_path: Path) -> None:
    few = _texts(_generated(source, tmp_path / "few", 4))
    many = _texts(_generated(source, tmp_path / "many", 9))
    again = _texts(_generated(source, tmp_path / "again", 9))
    assert len(few) == 4 and len(many) == 9
    assert few == {name: many[name] for name in few}
    assert many == again


def test_another_seed_gives_another_corpus(source: Path, tmp_path: Path) -> None:
    one = _texts(_generated(source, tmp_path / "one", 6))
    other = _texts(_generated(source, tmp_path / "other", 6, seed=1))
    assert one != other


def test_every_source_is_used_before_any_is_repeated(source: Path, tmp_path: Path) -> None:
    texts = list(_texts(_generated(source, tmp_path / "out", 6)).values())
    sources = [_source_of(text) for text in texts]
    assert sorted(sources[:3]) == sorted(NEWS)
    assert sources[3:] == sources[:3]  # then the same order again
    # a repeated article is its source again, with other words varied
    assert texts[3] != texts[0]


def test_paragraphs_keep_their_order_names_and_cues(source: Path, tmp_path: Path) -> None:
    for text in _texts(_generated(source, tmp_path / "out", 12)).values():
        original = NEWS[_source_of(text)]
        blocks, source_blocks = text.split("\n\n"), original.split("\n\n")
        assert len(blocks) == len(source_blocks)
        for block, original_block in zip(blocks, source_blocks, strict=True):
            # every capitalised word (names, sentence starts), and every speech cue
            assert _capitalised(block) == _capitalised(original_block)
            for cue in ("said", "warned", "told", "argued", "adding", "warning", "according"):
                assert block.count(cue) == original_block.count(cue)
            assert block.count("\u201c") + block.count('"') == original_block.count('"')


def test_words_are_varied_so_the_vocabulary_grows(source: Path, tmp_path: Path) -> None:
    texts = _texts(_generated(source, tmp_path / "out", 30))
    words = {w for text in texts.values() for w in re.findall(r"[a-z]+", text)}
    source_words = {w for text in NEWS.values() for w in re.findall(r"[a-z]+", text)}
    assert len(words - source_words) > 30
    # one word in eight of those that may change: a short article may keep them all
    changed = sum(text != NEWS[_source_of(text)] for text in texts.values())
    assert changed >= len(texts) * 2 / 3


def test_the_cue_words_are_leisearchs() -> None:
    cues = synth_news.cue_words()
    assert {"said", "warned", "tweeted", "spokesman", "according"} <= cues
    assert {"pointed", "quoted", "fired"} <= cues  # of phrases: "pointed out", "fired back"
    assert all(word.islower() for word in cues)


def _generated(source: Path, out: Path, count: int, seed: int = 0) -> Path:
    paths = synth_news.generate(count, out, source, seed)
    assert [p.name for p in paths] == [f"{k:06d}.txt" for k in range(count)]
    return out


def _source_of(text: str) -> str:
    """Which source an article was made from: by its capitalised words."""
    title = _capitalised(text.split("\n\n")[0])
    (found,) = [k for k, v in NEWS.items() if _capitalised(v.split("\n\n")[0]) == title]
    return str(found)


def _capitalised(text: str) -> list[str]:
    return re.findall(r"\b[A-Z]\w*", text)
