"""Tables and properties for leisearch.text (words, stems) and the Whoosh analyzer."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leisearch.engine.whoosh.analyzer import HEADLINE_MARK, article_analyzer
from leisearch.text.copies import words_of
from leisearch.text.stemming import Stemmer
from leisearch.text.words import (
    MAX_TOKEN_CHARS,
    STOP_WORDS,
    iter_words,
    normalize_quotes,
    split_glued,
    word_set,
    words_in,
)

analyze = Stemmer().analyze

PROPERTY = settings(max_examples=200, deadline=None)


def contains_run(terms: list[str], run: list[str]) -> bool:
    """True when ``run`` occurs in ``terms`` as consecutive items."""
    return any(terms[i : i + len(run)] == run for i in range(len(terms) - len(run) + 1))


def parts(word: str) -> list[str]:
    return [word[s:e] for s, e in split_glued(word)]


# --- normalize_quotes --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jun\u2019s", "Jun's"),
        ("\u2018single\u2019", "'single'"),
        ("\u201cdouble\u201d", '"double"'),
        ("\u201elow\u201f", '"low"'),
        ("fullwidth\uff07s \uff02x\uff02", 'fullwidth\'s "x"'),
        ("back`tick and acute\u00b4", "back'tick and acute'"),
        ("only ascii, a `backtick`", "only ascii, a 'backtick'"),
        ("plain 'ascii' \"text\"", "plain 'ascii' \"text\""),
        ("", ""),
    ],
    ids=[
        "apostrophe",
        "single",
        "double",
        "low-double",
        "fullwidth",
        "backtick-acute",
        "ascii-backtick",
        "ascii",
        "empty",
    ],
)
def test_normalize_quotes(text: str, expected: str) -> None:
    assert normalize_quotes(text) == expected


@pytest.mark.parametrize(
    "text", ["\u201cLei Jun\u2019s\u201d", "\u00ab\u2032x\u2033\u00bb", "no quotes here"]
)
def test_normalize_quotes_keeps_length(text: str) -> None:
    # One character for one: offsets into the normalised text index the original.
    assert len(normalize_quotes(text)) == len(text)


# --- split_glued ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("AutoIt", ["Auto", "It"]),
        ("TeslaIt", ["Tesla", "It"]),
        ("whatXiaopengThe", ["what", "Xiaopeng", "The"]),
        ("MotorsThere", ["Motors", "There"]),
        ("SU7Questions", ["SU7", "Questions"]),
        ("NIOChairman", ["NIO", "Chairman"]),
        # Negative cases: brand spellings stay whole.
        ("iPhone", ["iPhone"]),
        ("eBay", ["eBay"]),
        ("McDonald", ["McDonald"]),
        ("WeChat", ["WeChat"]),
        ("Xiaomi", ["Xiaomi"]),
        ("SU7", ["SU7"]),
        ("NIO", ["NIO"]),
        ("lowercase", ["lowercase"]),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_split_glued(word: str, expected: list[str]) -> None:
    assert parts(word) == expected


@pytest.mark.parametrize("word", ["AutoIt", "whatXiaopengThe", "iPhone", "SU7Questions", "x"])
def test_split_glued_offsets_tile_the_word(word: str) -> None:
    spans = split_glued(word)
    assert spans[0][0] == 0
    assert spans[-1][1] == len(word)
    assert all(a[1] == b[0] for a, b in pairwise(spans))


# --- iter_words ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lei Jun", [("Lei", 0, 3), ("Jun", 4, 7)]),
        ("Lei Jun\u2019s car", [("Lei", 0, 3), ("Jun's", 4, 9), ("car", 10, 13)]),
        ("\u201cJun\u2019s\u201d", [("Jun's", 1, 6)]),
        ("word-of-mouth", [("word", 0, 4), ("of", 5, 7), ("mouth", 8, 13)]),
        ("AutoIt", [("Auto", 0, 4), ("It", 4, 6)]),
        ("R&D.SU7Questions", [("R&D", 0, 3), ("SU7", 4, 7), ("Questions", 7, 16)]),
        ("  ...  ", []),
    ],
    ids=["plain", "curly-apostrophe", "curly-quotes", "hyphens", "glued", "r-and-d", "no-words"],
)
def test_iter_words(text: str, expected: list[tuple[str, int, int]]) -> None:
    assert list(iter_words(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Lei Jun\u2019s \u201cdream\u201d",
        "\u2018AutoIt\u2019 \u201cwhatXiaopengThe\u201d",
        "a\u2019b\u2019c",
    ],
    ids=["curly-words", "curly-glued", "curly-inner"],
)
def test_iter_words_offsets_index_the_original(text: str) -> None:
    words = list(iter_words(text))
    assert words
    for word, start, end in words:
        assert normalize_quotes(text[start:end]) == word


# --- analyze -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Lei Jun", "LEI JUN"),
        ("Xiaomi", "xIaOmI"),
        ("Lei Jun\u2019s", "Lei Jun's"),
        ("Xiaomi\u2018s dream", "Xiaomi's dream"),
        ("expectations", "expected"),
        ("deified", "deification"),
        ("deifications", "deified"),
        ("headphones", "headphone"),
        ("Xiaomi's", "Xiaomi"),
        ("word-of-mouth", "word of mouth"),
        ("Xiaomi.com", "Xiaomi com"),
    ],
    ids=[
        "case",
        "mixed-case",
        "curly-apostrophe",
        "left-single-quote",
        "expect",
        "deify",
        "deify-plural",
        "headphone",
        "possessive",
        "hyphen",
        "dot",
    ],
)
def test_analyze_same_terms(left: str, right: str) -> None:
    assert analyze(left) == analyze(right)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("car", "cat"),
        ("expect", "export"),
        ("Xiaomi", "Xiaopeng"),
        ("word of mouth", "mouth of word"),
    ],
    ids=["car-cat", "expect-export", "brands", "order"],
)
def test_analyze_different_terms(left: str, right: str) -> None:
    assert analyze(left) != analyze(right)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Ideal AutoIt seems", "Ideal Auto"),
        ("whatXiaopengThe startup", "Xiaopeng"),
        ("principle,Xiaomi MotorsThere", "Xiaomi Motors"),
        ("all.TeslaIt has been", "Tesla It has"),
        ("After NIOChairman Bin Li", "NIO Chairman"),
    ],
    ids=["auto-it", "xiaopeng", "xiaomi-motors", "tesla-it", "nio-chairman"],
)
def test_analyze_unglues_link_text(text: str, phrase: str) -> None:
    run = analyze(phrase)
    assert run
    assert contains_run(analyze(text), run)


def test_analyze_xiaopeng_is_its_own_term() -> None:
    assert "xiaopeng" in analyze("whatXiaopengThe startup")


def test_analyze_r_and_d_su7_questions() -> None:
    assert analyze("R&D.SU7Questions") == ["r&d", "su7", "question"]


@pytest.mark.parametrize("word", ["iPhone", "eBay", "McDonald", "WeChat"])
def test_analyze_keeps_brand_spellings_whole(word: str) -> None:
    # One term, the same as the all-lower-case word (which split_glued never splits).
    assert analyze(word) == analyze(word.lower())
    assert len(analyze(word)) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a" * MAX_TOKEN_CHARS, ["a" * MAX_TOKEN_CHARS]),
        ("a" * (MAX_TOKEN_CHARS + 1), []),
        ("b" * (MAX_TOKEN_CHARS + 1) + " car", ["car"]),
        ("car " + "Ab" * MAX_TOKEN_CHARS, ["car"]),
    ],
    ids=["at-limit-kept", "over-limit-dropped", "neighbour-kept", "glued-over-limit-dropped"],
)
def test_analyze_drops_overlong_words(text: str, expected: list[str]) -> None:
    assert analyze(text) == expected


@pytest.mark.parametrize("text", ["the", "of", "and", "a", "word of mouth", "what is it"])
def test_analyze_keeps_stop_words(text: str) -> None:
    terms = analyze(text)
    stops = [w for w in text.split() if w in STOP_WORDS]
    assert stops
    assert len(terms) == len(text.split())
    assert all(w in terms for w in stops)


@pytest.mark.parametrize("text", ["", "   ", "?!...", "\u201c\u201d\u2019", "-- / --"])
def test_analyze_without_words_is_empty(text: str) -> None:
    assert analyze(text) == []


# --- the Whoosh analyzer -------------------------------------------------------------

WHOOSH_TEXTS = [
    "Lei Jun\u2019s word-of-mouth",
    "Ideal AutoIt seems whatXiaopengThe startup",
    "R&D.SU7Questions about the expectations",
    "iPhone, eBay and McDonald on WeChat",
    "\u201cThe sea of stars\u201d, Lei Jun said.",
]


@pytest.mark.parametrize("text", WHOOSH_TEXTS)
def test_article_analyzer_matches_analyze(text: str) -> None:
    tokens = [
        (t.text, t.pos, t.startchar, t.endchar)
        for t in article_analyzer()(text, positions=True, chars=True)
    ]
    assert [t[0] for t in tokens] == analyze(text)
    assert [t[1] for t in tokens] == list(range(len(tokens)))
    # Character offsets point into the original text, curly quotes included.
    words = [(w, s, e) for w, s, e in iter_words(text)]
    assert [(t[2], t[3]) for t in tokens] == [(s, e) for _, s, e in words]


def test_article_analyzer_start_pos_and_char_offsets_shift() -> None:
    text = "Lei Jun\u2019s car"
    tokens = [
        (t.pos, t.startchar)
        for t in article_analyzer()(text, positions=True, chars=True, start_pos=5, start_char=100)
    ]
    assert tokens == [(5, 100), (6, 104), (7, 110)]


# --- properties ----------------------------------------------------------------------


@PROPERTY
@given(st.text())
def test_analyze_never_raises(text: str) -> None:
    terms = analyze(text)
    assert all(isinstance(t, str) and t for t in terms)


@PROPERTY
@given(st.text())
def test_iter_words_offsets_are_valid(text: str) -> None:
    for word, start, end in iter_words(text):
        assert 0 <= start < end <= len(text)
        assert normalize_quotes(text[start:end]) == word
        assert len(word) <= MAX_TOKEN_CHARS


@PROPERTY
@given(st.text(alphabet=st.sampled_from("aZ'\u2019\u2018\u201c\u201d`\u00b4&- .7")))
def test_iter_words_offsets_valid_with_quotes(text: str) -> None:
    for word, start, end in iter_words(text):
        assert 0 <= start < end <= len(text)
        assert normalize_quotes(text[start:end]) == word


#: Text made of what splits and glues words: capitals inside words, digits, apostrophes
#: and ampersands, accented capitals, a word too long to index.
_WORDY = st.text(alphabet=st.sampled_from("aZbYÉé7'\u2019&- .")) | st.sampled_from(
    ["x" * 61 + " PlayStation iPhone AT&T O'Neill McDonald's XiaomiSU7 ÉCOLE"]
)


@PROPERTY
@given(_WORDY | st.text())
def test_words_in_are_iter_words_words(text: str) -> None:
    # The analyser's words without places (``words_in``) are the words of ``iter_words``.
    assert words_in(text) == [word for word, _, _ in iter_words(text)]


@PROPERTY
@given(_WORDY | st.text())
def test_word_set_is_the_lower_cased_words_of_iter_words(text: str) -> None:
    # What a build counts of each paragraph (``word_set``) is what the index holds.
    assert word_set(text) == {word.lower() for word, _, _ in iter_words(text)}


@PROPERTY
@given(_WORDY | st.text(), _WORDY)
def test_the_analyser_gives_the_same_terms_and_positions_with_places_or_not(
    text: str, headline: str
) -> None:
    # An index asks for positions only; a highlighter for places in the text too.
    analyzer = article_analyzer(Stemmer())
    value = text.replace(HEADLINE_MARK, " ") + HEADLINE_MARK + headline

    def tokens(chars: bool) -> list[tuple[str, int, float]]:
        found = analyzer(value, positions=True, chars=chars)
        return [(token.text, token.pos, token.boost) for token in found]

    assert tokens(chars=False) == tokens(chars=True)


@PROPERTY
@given(st.text())
def test_analyze_is_invariant_under_normalize_quotes(text: str) -> None:
    assert analyze(normalize_quotes(text)) == analyze(text)


def test_the_stem_filter_pickles_without_its_memo() -> None:
    # Whoosh pickles the schema into every index: a build's stems must not go with it.
    import pickle

    from leisearch.engine.whoosh.analyzer import NltkStemFilter
    from leisearch.engine.whoosh.schema import make_schema

    stemmer = Stemmer()
    schema = make_schema(stemmer)
    stemmer.analyze(" ".join(f"word{i}s" for i in range(500)))
    assert len(stemmer.memo) == 500
    copy = pickle.loads(pickle.dumps(schema))
    (stem_filter,) = [i for i in copy["text"].analyzer.items if isinstance(i, NltkStemFilter)]
    assert stem_filter.stemmer is not stemmer and not stem_filter.stemmer.memo
    assert len(pickle.dumps(schema)) < 2000


@given(
    st.text(
        alphabet=st.sampled_from(
            "aZ \u00df\u0130\u0149\u02bc\u2019\u201c`\u00b4\uff07.,'\"1\u00e9"
        ),
        max_size=30,
    )
)
def test_words_of_are_the_words_of_the_text_with_ascii_quotes(text: str) -> None:
    # ``words_of`` maps quote marks only when one of them could change a word.
    assert words_of(text) == re.findall(r"\w+", normalize_quotes(text).casefold())


def test_a_stemmers_memo_starts_afresh_when_full() -> None:
    """A build meets every word of its collection: the memo is bounded, and the stems
    are the same whether a word was kept or stemmed again."""
    words = ["cars", "running", "patents", "mouths", "cars", "running"]
    small = Stemmer(kept=3)
    stems = [small.stem(word) for word in words]
    assert stems == [Stemmer().stem(word) for word in words]
    # Full at three: afresh for "mouths", then "cars" and "running" again.
    assert set(small.memo) == {"mouths", "cars", "running"}
    assert stems[:4] == ["car", "run", "patent", "mouth"]


# --- the text field's postings (ArticlePositions) -----------------------------------


@PROPERTY
@given(st.text(), st.text())
def test_normalize_quotes_is_the_table_translation(text: str, more: str) -> None:
    # ``normalize_quotes`` replaces mark by mark; the table says what each becomes.
    from leisearch.text.words import _QUOTES

    mixed = text + "\u2019`\u201c" + more
    assert normalize_quotes(mixed) == mixed.translate(_QUOTES)
    assert normalize_quotes(text) == text.translate(_QUOTES)


@PROPERTY
@given(
    _WORDY | st.text(),
    _WORDY | st.text() | st.just(""),
    st.sampled_from([1.0, 0.5, 2.5]),
    st.integers(min_value=1, max_value=50),
)
def test_article_positions_are_whooshs_postings_to_the_bit(
    text: str, headline: str, boost: float, kept: int
) -> None:
    # The text field's postings, found in one loop, are the tokens' postings: the same
    # stems in the same order, counts, positions and weights (compared by their bits).
    from whoosh.formats import Positions

    from leisearch.engine.whoosh.analyzer import ArticlePositions

    # (A text may hold the mark again: the headline is what follows the first.)
    value = text + (HEADLINE_MARK + headline if headline else "")
    # Each with a small memo of its own, which starts afresh while the paragraph is read,
    # as in a long build.
    fast = list(
        ArticlePositions(field_boost=boost).word_values(
            value, article_analyzer(Stemmer(kept=kept)), mode="index"
        )
    )
    slow = list(
        Positions(field_boost=boost).word_values(
            value, article_analyzer(Stemmer(kept=kept)), mode="index"
        )
    )
    assert [(w, n, v) for w, n, _, v in fast] == [(w, n, v) for w, n, _, v in slow]
    assert [weight.hex() for _, _, weight, _ in fast] == [w.hex() for _, _, w, _ in slow]


@given(st.lists(st.integers(min_value=0, max_value=2_000_000), max_size=40).map(sorted))
def test_article_positions_encode_as_whoosh_does(positions: list[int]) -> None:
    from whoosh.formats import Positions

    from leisearch.engine.whoosh.analyzer import ArticlePositions

    encoded = ArticlePositions().encode(positions)
    assert encoded == Positions().encode(positions)
    assert ArticlePositions().decode_positions(encoded) == positions
    assert Positions().decode_positions(encoded) == positions
    # A value whose pickle lost its last byte (Whoosh adds it back), read alike.
    assert ArticlePositions().decode_positions(encoded[:-1]) == positions


def test_article_positions_leave_other_analyzers_to_whoosh() -> None:
    # Given any analyzer but the article one, the postings are Whoosh's own way: the
    # words of a plain analyzer are not the article analyzer's stems.
    from whoosh.analysis import StandardAnalyzer
    from whoosh.formats import Positions

    from leisearch.engine.whoosh.analyzer import ArticlePositions

    postings = ArticlePositions().word_values("Running cars", StandardAnalyzer(), mode="index")
    assert sorted(word for word, _, _, _ in postings) == ["cars", "running"]
    # So does an option of the tokenizer's, which the one loop does not know.
    analyzer = article_analyzer(Stemmer())
    shifted = ArticlePositions().word_values("cars", analyzer, mode="index", start_pos=5)
    assert [Positions().decode_positions(v) for _, _, _, v in shifted] == [[5]]


def test_the_text_field_is_indexed_with_article_positions() -> None:
    from leisearch.engine.whoosh.analyzer import ArticlePositions
    from leisearch.engine.whoosh.schema import make_schema

    assert type(make_schema(Stemmer())["text"].format) is ArticlePositions
