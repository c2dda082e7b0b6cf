"""Quotation engine: table tests per stage and per rule, the seed fixture, properties."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leisearch.corpus import load_articles
from leisearch.errors import CorpusError
from leisearch.models import Article, Paragraph, Quote
from leisearch.quotes import (
    build_aliases,
    canonical_speaker,
    clean_speaker,
    cue_after,
    cue_before,
    extract_quotes,
    find_candidates,
    is_person_name,
    label_candidates,
    parse_alias_file,
)

ROOT = Path(__file__).parent.parent
GOLD = Path(__file__).parent / "fixtures" / "quotes_gold.json"


def article(*paragraphs: str, title: str = "A story") -> Article:
    return Article("a", title, "", tuple(Paragraph(i, t) for i, t in enumerate(paragraphs, 1)))


def quotes_of(*paragraphs: str, title: str = "A story") -> list[tuple[str, str | None, str]]:
    return [(q.text, q.speaker, q.cue) for q in extract_quotes(article(*paragraphs, title=title))]


# --- stage 1: candidates ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ('He said "hello there" today.', ["hello there"]),
        ("He said \u201chello there\u201d today.", ["hello there"]),
        ('Mismatched \u201copen curly, close straight. "', ["open curly, close straight. "]),
        ('Mismatched "open straight, close curly.\u201d', ["open straight, close curly."]),
        (
            "\u201cLeft open to the end of the paragraph.",
            ["Left open to the end of the paragraph."],
        ),
        (
            "\u201cOuter with \u2018inner\u2019 words.\u201d",
            ["Outer with \u2018inner\u2019 words."],
        ),
        (
            "\u201cOuter with \u201cnested double\u201d words.\u201d",
            ["Outer with \u201cnested double\u201d words."],
        ),
        (
            '\u201cOuter with "nested straight" words.\u201d',
            ['Outer with "nested straight" words.'],
        ),
        ("Xiaomi\u2019s users\u2019 phones and the \u201990s.", []),
        ("It's Xiaomi's and users' choice.", []),
        ("She said \u2018single quoted speech here\u2019 once.", ["single quoted speech here"]),
        ('"A," he said, "B."', ["A,", "B."]),
        ("\u201cOne\u201d \u201cTwo", ["One", "Two"]),
        ('Empty "" quotes', []),
        ("", []),
    ],
)
def test_find_candidates(text: str, spans: list[str]) -> None:
    assert [text[c.start : c.end] for c in find_candidates(text)] == spans


# --- stage 2: classification ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ('He said: "We will build the best cars in the world."', "speech"),
        ('"We will build the best cars," she said.', "speech"),
        ('"Focus" mainly refers to products.', "word"),
        ("the \u201cinvolution\u201d of the market", "word"),
        ('The motto refers to "focus, extreme, word of mouth, and speed."', "fragment"),
        ('Many call it the "sea of stars" these days, and it keeps growing fast.', "fragment"),
        ('Li published a book called "Sense of Participation" about marketing.', "fragment"),
        (
            'He said it was an "unjust and false accusation." Then he smiled at everyone.',
            "fragment",
        ),
        ("\u201cSales were three to five times higher than expected\u201d", "heading"),
        ("Responding to \u201cDress imitation of Jobs and Musk\u201d", "heading"),
        ('"Seven Words of the Internet" was the plan that everyone at the firm followed.', "title"),
        ("Lei repeatedly responded with \u201cit\u2019s a secret\u201d.", "speech"),
    ],
)
def test_classify(text: str, label: str) -> None:
    labelled = label_candidates(text)
    assert labelled, text
    assert labelled[0][3] == label


# --- cue patterns -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "speaker", "cue"),
    [
        ("Lei Jun replied: ", "Lei Jun", "replied"),
        ("He said, ", "he", "said"),
        ("Lei Jun confidently stated that ", "Lei Jun", "stated"),
        (
            "A supply chain employee told Automotive Business Review, ",
            "a supply chain employee",
            "told",
        ),
        (
            "Regarding this goal, a senior person with 20 years of experience said: ",
            "a senior person with 20 years of experience",
            "said",
        ),
        ("Lei Jun said in an exclusive interview with the author, ", "Lei Jun", "said"),
        ("Lei Jun hopes to tell everyone that ", "Lei Jun", "tell"),
        ("Aside from that, Lei also mentioned: ", "Lei", "mentioned"),
        ("When asked by the netizens whether ", "the netizens", "asked"),
        ("According to Jane Doe, ", "Jane Doe", "according to"),
        ("Lei Jun, Chairman of Xiaomi Corporation, said: ", "Lei Jun", "said"),
    ],
)
def test_cue_before(before: str, speaker: str, cue: str) -> None:
    found = cue_before(before)
    assert found is not None, before
    assert (found.speaker, found.cue) == (speaker, cue)


@pytest.mark.parametrize(
    "before",
    [
        "The slogan refers to ",
        "Lei Jun said that Xiaomi's dream is ",
        "Li published a book called ",
        "It said: ",
        "",
    ],
)
def test_cue_before_negative(before: str) -> None:
    assert cue_before(before) is None


@pytest.mark.parametrize(
    ("after", "speaker", "cue"),
    [
        (", said Lei Jun.", "Lei Jun", "said"),
        (" Lei Jun said.", "Lei Jun", "said"),
        (", Lei said on April 18th, describing it", "Lei", "said"),
        (" said the senior person.", "the senior person", "said"),
        (
            ", a person familiar with Lei Jun told Automotive Business Review.",
            "a person familiar with Lei Jun",
            "told",
        ),
        (" Lei admitted, ", "Lei", "admitted"),
        (", he believes.", "he", "believes"),
        (", according to a company spokesperson.", "a company spokesperson", "according to"),
    ],
)
def test_cue_after(after: str, speaker: str, cue: str) -> None:
    found = cue_after(after)
    assert found is not None, after
    assert (found.speaker, found.cue) == (speaker, cue)


@pytest.mark.parametrize(
    "after", [" mainly refers to products.", " in which he talked", ". It rained."]
)
def test_cue_after_negative(after: str) -> None:
    assert cue_after(after) is None


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Lei Jun", "Lei Jun"),
        ("Mr. Lei", "Mr. Lei"),
        ("A supply chain employee", "a supply chain employee"),
        ("Lei Jun, Chairman of Xiaomi Corporation", "Lei Jun"),
        ("He", "he"),
        ("It", None),
        ("This", None),
        ("the company's sales were", "the company's sales were"),
        ("", None),
    ],
)
def test_clean_speaker(phrase: str, expected: str | None) -> None:
    assert clean_speaker(phrase) == expected


# --- stage 3: attribution, rule by rule ------------------------------------------------


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # X said: "…"
        (
            ["Jane Smith said: \u201cWe are ready to ship the new phone.\u201d"],
            [("Jane Smith", "said")],
        ),
        # "…," said X
        (['"We are ready to ship the new phone," said Jane Smith.'], [("Jane Smith", "said")]),
        # "…" X said
        (['"We are ready to ship the new phone." Jane Smith said.'], [("Jane Smith", "said")]),
        # X said that "…"
        (['Jane Smith stated that "the new phone ships in May."'], [("Jane Smith", "stated")]),
        # split quote
        (
            ['"The phone is ready," Jane Smith said, "and it ships in May."'],
            [("Jane Smith", "said"), ("Jane Smith", "said")],
        ),
        # told, with the outlet
        (
            ['"Sales are slow this year," a dealer in Beijing told Reuters.'],
            [("a dealer in Beijing", "told")],
        ),
        # according to
        (
            ['According to Jane Smith, "the phone ships in May this year."'],
            [("Jane Smith", "according to")],
        ),
        # a person familiar with X is not X
        (
            ['"He works very hard every day," a person familiar with Jane Smith said.'],
            [("a person familiar with Jane Smith", "said")],
        ),
        # pronoun: he -> the person last named
        (
            ["Tom Brown spoke last. He said: \u201cWe will win this race.\u201d"],
            [("Tom Brown", "said")],
        ),
        # continuation paragraph
        (
            ['Jane Smith said: "We are ready to ship."', '"And we will ship on time this year."'],
            [("Jane Smith", "said"), ("Jane Smith", "continuation")],
        ),
        # attribution in the next paragraph
        (
            [
                '"He always speaks just right, modest yet passionate, and careful."',
                "This is the description of Li Jing, a reporter of the Observer, in 2010.",
            ],
            [("Li Jing", "description")],
        ),
        # the previous sentence names the speaker
        (
            [
                "Jane Smith responded that it is too early."
                " \u201cWe need time to get this right.\u201d"
            ],
            [("Jane Smith", "previous sentence")],
        ),
        # a definite back-reference ties to the earlier unnamed source
        (
            [
                '"Costs are high for now," said a senior engineer at the plant.',
                '"They will fall next year," said the senior person.',
            ],
            [
                ("a senior engineer at the plant", "said"),
                ("a senior engineer at the plant", "said"),
            ],
        ),
    ],
)
def test_attribution(paragraphs: list[str], expected: list[tuple[str, str]]) -> None:
    assert [(s, c) for _, s, c in quotes_of(*paragraphs)] == expected


@pytest.mark.parametrize(
    "paragraphs",
    [
        ['Li published a book called "Sense of Participation" about marketing.'],
        ["He got the nickname \u201cLei Jobs\u201d at the launch event last year."],
        ['The "Seven-Word Secret" refers to "focus, extreme, word of mouth, and speed."'],
        ['"Extreme" means unlimited investment in the product.'],
        ["\u201cSales were three to five times higher than expected\u201d"],
        ["Xiaomi\u2019s users\u2019 phones are cheap, and it\u2019s a fact."],
        # no cue, no context: a quote without a speaker is not reported
        ['"The market is changing fast and nobody knows where it goes."'],
    ],
)
def test_attribution_negatives(paragraphs: list[str]) -> None:
    assert quotes_of(*paragraphs) == []


def test_interview_answers_go_to_the_interviewee() -> None:
    found = quotes_of(
        "Interview: Jane Smith on building a car",
        "1. Why build a car now?",
        "\u201cBecause the market is ready, and so are we.\u201d",
        "2. What about the price?",
        "\u201cIt will be affordable for most families.\u201d",
        title="Jane Smith Interview",
    )
    assert [(s, c) for _, s, c in found] == [("Jane Smith", "interview")] * 2


def test_numbered_lines_outside_interviews_are_not_answers() -> None:
    found = quotes_of(
        "1. Why build a car now?",
        "\u201cBecause the market is ready, and so are we.\u201d",
        title="Cars in 2024",
    )
    assert found == []


# --- aliases -------------------------------------------------------------------------


def test_build_aliases_folds_name_variants() -> None:
    table = build_aliases(
        [
            article(
                "Lei Jun, Chairman of Xiaomi Corporation, said it was time.",
                "Later, Mr. Lei said more. Lei said even more.",
                "Xiaomi Auto stated that cars matter. Automotive News reported it.",
            )
        ]
    )
    assert table["lei jun"] == "Lei Jun"
    assert table["lei"] == "Lei Jun"
    assert "mr. lei" not in table  # honorifics are stripped, not listed
    assert canonical_speaker("Mr. Lei", table) == "Lei Jun"
    assert canonical_speaker("Lei Jun, Chairman of Xiaomi Corporation", table) == "Lei Jun"
    assert canonical_speaker("a person familiar with Lei Jun", table) == (
        "a person familiar with Lei Jun"
    )


def test_single_word_shared_by_two_names_stays_ambiguous() -> None:
    table = build_aliases([article("Li Jing said so. Li Ming said no. Li said maybe.")])
    assert table.get("li", "Li") == "Li"


@pytest.mark.parametrize(
    ("name", "person"),
    [("Lei Jun", True), ("Xiaomi Auto", False), ("Economic Observer", False), ("Because I", False)],
)
def test_is_person_name(name: str, person: bool) -> None:
    assert is_person_name(name) is person


def test_user_aliases_override() -> None:
    paragraphs = ['"We ship in May this year," said Chairman Lei.']
    found = extract_quotes(article(*paragraphs), {"chairman lei": "Lei Jun"})
    assert [q.speaker for q in found] == ["Lei Jun"]


def test_parse_alias_file() -> None:
    text = "# overrides\n\nLei Jun: Lei, Mr. Lei,  Lei  Jun\nSteve Jobs: Jobs\n"
    assert parse_alias_file(text) == {
        "lei jun": "Lei Jun",
        "lei": "Lei Jun",
        "mr. lei": "Lei Jun",
        "steve jobs": "Steve Jobs",
        "jobs": "Steve Jobs",
    }


@pytest.mark.parametrize("bad", ["Lei Jun Lei", "Lei Jun:", ": Lei", "Lei Jun: , ,"])
def test_parse_alias_file_rejects_malformed_lines(bad: str) -> None:
    with pytest.raises(CorpusError) as info:
        parse_alias_file(f"# ok\n{bad}\n")
    assert "line 2" in info.value.message
    assert info.value.hint


# --- the seed articles against the hand-labelled fixture -------------------------------


def _norm(text: str) -> str:
    return " ".join(text.split())


def _same_text(a: str, b: str) -> bool:
    a, b = _norm(a), _norm(b)
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return short in long and len(short) >= 0.8 * len(long)


@pytest.fixture(scope="module")
def seed_quotes() -> list[Quote]:
    _, loaded = load_articles([ROOT / "seeds"])
    articles = [a for a in loaded if isinstance(a, Article)]
    assert len(articles) == 5
    aliases = build_aliases(articles)
    return [q for a in articles for q in extract_quotes(a, aliases)]


def test_seed_precision_and_recall(seed_quotes: list[Quote]) -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    expected = gold["quotes"]
    used: set[int] = set()
    true_positives = 0
    for quote in seed_quotes:
        if quote.speaker is None:
            continue  # counted as a false positive
        if any(
            n["article"] == quote.article and _same_text(quote.text, n["text"])
            for n in gold["not_quotes"]
        ):
            continue
        for i, g in enumerate(expected):
            if (
                i not in used
                and g["article"] == quote.article
                and g["speaker"] == quote.speaker
                and _same_text(quote.text, g["text"])
            ):
                used.add(i)
                true_positives += 1
                break
    precision = true_positives / max(len(seed_quotes), 1)
    recall = true_positives / len(expected)
    assert precision >= 0.95, precision
    assert recall >= 0.95, recall


def test_seed_quotes_by_lei_jun_are_his(seed_quotes: list[Quote]) -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    others = [g["text"] for g in gold["quotes"] if g["speaker"] != "Lei Jun"]
    others += [n["text"] for n in gold["not_quotes"]]
    his = [q for q in seed_quotes if q.speaker == "Lei Jun"]
    assert {q.article for q in his} == {q.article for q in seed_quotes}  # all five articles
    for quote in his:
        assert not any(_same_text(quote.text, text) for text in others), quote.text


def test_seed_extraction_is_fast() -> None:
    import time

    _, loaded = load_articles([ROOT / "seeds"])
    articles = [a for a in loaded if isinstance(a, Article)]
    start = time.perf_counter()
    aliases = build_aliases(articles)
    for a in articles:
        extract_quotes(a, aliases)
    assert time.perf_counter() - start < 0.5  # about 0.04 s; generous for slow CI


# --- properties ------------------------------------------------------------------------

_quote_heavy = st.text(
    alphabet=st.sampled_from(list("ab .,:\n\"'\u201c\u201d\u2018\u2019Hhe said"))
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(), _quote_heavy), min_size=1, max_size=4), st.text())
def test_extractor_never_crashes_and_offsets_hold(paragraphs: list[str], title: str) -> None:
    art = Article("p", title, "", tuple(Paragraph(i, t) for i, t in enumerate(paragraphs, 1)))
    for quote in extract_quotes(art):
        assert art.paragraphs[quote.paragraph - 1].text[quote.start : quote.end] == quote.text
        assert quote.text.strip()
