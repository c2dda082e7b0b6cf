"""Snippets and vocabulary helpers: make_snippet, edit_distance, similar_words."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leisearch.models import Snippet
from leisearch.service.snippets import find_matches, make_snippet, may_match
from leisearch.service.suggest import edit_distance, similar_words
from leisearch.text.stemming import Stemmer
from leisearch.text.words import iter_words, normalize_quotes

STEMMER = Stemmer()
analyze, stem = STEMMER.analyze, STEMMER.stem

PROPERTY = settings(max_examples=200, deadline=None)
ELLIPSIS = "…"
FILLER = " ".join(f"filler{i}" for i in range(80))


def highlighted(snippet: Snippet) -> list[str]:
    return [snippet.text[s.start : s.end] for s in snippet.spans]


def assert_spans_valid(snippet: Snippet, terms: set[str]) -> None:
    """Spans are ordered, disjoint, inside the snippet, and each covers a matching word."""
    previous_end = 0
    for span in snippet.spans:
        assert previous_end <= span.start < span.end <= len(snippet.text)
        previous_end = span.end
        covered = normalize_quotes(snippet.text[span.start : span.end])
        assert [w for w, _, _ in iter_words(covered)] == [covered]
        assert stem(covered.lower()) in terms


def unhighlighted_matches(snippet: Snippet, terms: set[str]) -> list[str]:
    """Matching words shown whole in the snippet without a span.

    Next to an ellipsis the text may have been cut mid-word, so the run of
    characters touching it (up to the first white space) is not checked.
    """
    text = snippet.text
    lo, hi = 0, len(text)
    if text.startswith(ELLIPSIS):
        first = re.search(r"\s", text)
        lo = first.start() if first else len(text)
    if text.endswith(ELLIPSIS):
        spaces = [m.start() for m in re.finditer(r"\s", text)]
        hi = spaces[-1] if spaces else 0
    spans = {(s.start, s.end) for s in snippet.spans}
    return [
        word
        for word, start, end in iter_words(text)
        if lo <= start and end <= hi and stem(word.lower()) in terms and (start, end) not in spans
    ]


# --- short texts ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "query", "expected"),
    [
        ("Word of mouth matters.", "mouth", ["mouth"]),
        ("Lei Jun\u2019s cars, and Lei Jun's car.", "car", ["cars", "car"]),
        ("Xiaomi expected more than the expectations.", "expect", ["expected", "expectations"]),
        ("The Ideal AutoIt seems fine.", "auto", ["Auto"]),
        ("The R&D.SU7Questions pile up", "question su7", ["SU7", "Questions"]),
        ("Nothing matches here.", "xiaomi", []),
        ("", "xiaomi", []),
    ],
    ids=["one", "curly-and-plural", "stems", "glued", "glued-digits", "no-match", "empty"],
)
def test_short_text_is_whole_with_exact_spans(text: str, query: str, expected: list[str]) -> None:
    terms = set(analyze(query))
    snippet = make_snippet(text, terms, max_chars=240)
    assert snippet.text == text
    assert highlighted(snippet) == expected
    assert_spans_valid(snippet, terms)


def test_text_of_exactly_max_chars_is_not_cut() -> None:
    text = "xiaomi " + "w" * 33
    snippet = make_snippet(text, {"xiaomi"}, max_chars=len(text))
    assert snippet.text == text
    assert highlighted(snippet) == ["xiaomi"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lei Jun\nsaid\n\nXiaomi", "Lei Jun said  Xiaomi"),
        ("line one\nline two", "line one line two"),
    ],
    ids=["newlines", "one-newline"],
)
def test_newlines_become_spaces(text: str, expected: str) -> None:
    snippet = make_snippet(text, {"xiaomi"})
    assert snippet.text == expected
    assert "\n" not in snippet.text


def test_newlines_become_spaces_in_long_text() -> None:
    text = "\n".join(FILLER.split()) + "\nxiaomi\n" + "\n".join(FILLER.split())
    snippet = make_snippet(text, {"xiaomi"}, max_chars=60)
    assert "\n" not in snippet.text
    assert highlighted(snippet) == ["xiaomi"]


# --- long texts ----------------------------------------------------------------------

CLUSTER = "Xiaomi car and Xiaomi sold the car"
LONG_TEXT = (
    "Xiaomi opened a shop. " + FILLER + " Lei Jun said the " + CLUSTER + " " + FILLER + " car."
)


@pytest.mark.parametrize("max_chars", [60, 80, 120, 240])
def test_long_text_is_cut_around_the_densest_cluster(max_chars: int) -> None:
    terms = set(analyze("xiaomi car"))
    snippet = make_snippet(LONG_TEXT, terms, max_chars=max_chars)
    assert len(LONG_TEXT) > max_chars
    assert len(snippet.text) <= max_chars + 2
    assert CLUSTER in snippet.text
    assert highlighted(snippet) == ["Xiaomi", "car", "Xiaomi", "car"]
    assert snippet.text.startswith(ELLIPSIS)
    assert snippet.text.endswith(ELLIPSIS)
    assert_spans_valid(snippet, terms)


@pytest.mark.parametrize(
    ("text", "prefix", "suffix"),
    [
        ("Xiaomi " + FILLER, False, True),
        (FILLER + " Xiaomi", True, False),
        (FILLER + " Xiaomi " + FILLER, True, True),
        (FILLER, False, True),
    ],
    ids=["match-at-start", "match-at-end", "match-in-middle", "no-match"],
)
def test_ellipsis_only_where_text_was_cut(text: str, prefix: bool, suffix: bool) -> None:
    snippet = make_snippet(text, {"xiaomi"}, max_chars=60)
    assert snippet.text.startswith(ELLIPSIS) is prefix
    assert snippet.text.endswith(ELLIPSIS) is suffix
    body = snippet.text.removeprefix(ELLIPSIS).removesuffix(ELLIPSIS)
    assert body in text
    assert text.startswith(body) is not prefix
    assert text.endswith(body) is not suffix


@pytest.mark.parametrize(
    "text",
    ["   Xiaomi " + FILLER[:150], "Xiaomi filler0 filler1 filler2" + " " * 100],
    ids=["leading-space", "trailing-space"],
)
def test_no_ellipsis_where_only_white_space_was_left_out(text: str) -> None:
    snippet = make_snippet(text, {"xiaomi"}, max_chars=60)
    body = snippet.text.removeprefix(ELLIPSIS).removesuffix(ELLIPSIS)
    assert snippet.text.startswith(ELLIPSIS) is bool(text[: text.index(body)].strip())
    assert snippet.text.endswith(ELLIPSIS) is bool(text[text.index(body) + len(body) :].strip())


@pytest.mark.parametrize("max_chars", [30, 61, 100, 240])
def test_cut_lands_on_word_boundaries(max_chars: int) -> None:
    text = FILLER + " Xiaomi " + FILLER
    snippet = make_snippet(text, {"xiaomi"}, max_chars=max_chars)
    body = snippet.text.removeprefix(ELLIPSIS).removesuffix(ELLIPSIS)
    assert set(body.split()) <= set(text.split())
    assert body == body.strip()
    assert highlighted(snippet) == ["Xiaomi"]


def test_every_whole_match_in_a_cut_snippet_is_highlighted() -> None:
    text = " " * 10 + "xiaomi" + " w" * 20 + " xiaomi" + " w" * 50
    snippet = make_snippet(text, {"xiaomi"}, max_chars=64)
    # Both occurrences are whole words inside the snippet: "xiaomi w w ... w xiaomi…".
    assert snippet.text.count(" xiaomi…") == 1
    assert highlighted(snippet) == ["xiaomi", "xiaomi"]


# --- edit_distance and similar_words -------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "limit", "expected"),
    [
        ("xiaomi", "xiaomi", 2, 0),
        ("xioami", "xiaomi", 2, 1),
        ("ab", "ba", 1, 1),
        ("xiaomi", "xiaomj", 2, 1),
        ("xiaomi", "xiaom", 2, 1),
        ("xiaomi", "xiaomii", 2, 1),
        ("kitten", "sitting", 3, 3),
        ("ca", "abc", 3, 3),
        ("", "abc", 3, 3),
        ("", "", 0, 0),
        ("kitten", "sitting", 1, 2),
        ("abcdef", "uvwxyz", 2, 3),
        ("a", "abcdef", 2, 3),
        ("xiaomi", "xiaopeng", 0, 1),
    ],
    ids=[
        "same",
        "transposition",
        "swap-two",
        "substitution",
        "deletion",
        "insertion",
        "kitten",
        "osa-not-damerau",
        "from-empty",
        "both-empty",
        "capped",
        "capped-all-different",
        "capped-by-length",
        "capped-at-zero-limit",
    ],
)
def test_edit_distance(a: str, b: str, limit: int, expected: int) -> None:
    assert edit_distance(a, b, limit) == expected
    assert edit_distance(b, a, limit) == expected


def reference_osa(a: str, b: str) -> int:
    """Optimal string alignment distance, the textbook full table."""
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


#: Words and glue for texts that hold a term, or almost do: inflections, glued words
#: (``AutoIt``), curly apostrophes, accents, case.
PIECES = ["Cars", "car", "cars’", "AutoIt", "auto", "it", "Café", "cafe", "dying", "die",
          "running", "run", "Runner", "x", "ﬁre", "FIRE"]  # fmt: skip


@PROPERTY
@given(
    st.lists(st.sampled_from(PIECES), max_size=12),
    st.lists(st.sampled_from([" ", "-", "—", ", ", "\n", ""]), min_size=12, max_size=12),
    st.lists(st.lists(st.sampled_from(PIECES), min_size=1, max_size=2), min_size=1, max_size=3),
)
def test_may_match_is_false_only_where_nothing_matches(
    words: list[str], glue: list[str], queries: list[list[str]]
) -> None:
    text = "".join(word + joint for word, joint in zip(words, glue, strict=False))
    terms = {tuple(analyze(" ".join(query))) for query in queries} - {()}
    if not terms:
        return
    # (True and no match: a phrase's first word alone)
    assert may_match(text, terms, STEMMER) or not find_matches(text, terms, STEMMER)


def test_may_match_tests_a_phrase_by_its_first_word() -> None:
    assert may_match("the word was out", {("word", "of", "mouth")}, STEMMER)
    assert not may_match("mouth of the river", {("word", "of", "mouth")}, STEMMER)
    assert may_match("Electric CARS", {"car"}, STEMMER)
    assert not may_match("", {"car"}, STEMMER)


@PROPERTY
@given(st.text("abcx", max_size=9), st.text("abcx", max_size=9), st.integers(0, 4))
def test_edit_distance_is_capped_osa(a: str, b: str, limit: int) -> None:
    assert edit_distance(a, b, limit) == min(reference_osa(a, b), limit + 1)


@PROPERTY
@given(
    st.text("abcx", min_size=1, max_size=7),
    st.lists(st.text("abcx", max_size=8), max_size=30),
    st.integers(0, 3),
)
def test_similar_words_are_those_within_the_distance(
    word: str, vocabulary: list[str], distance: int
) -> None:
    # The letters' test drops words before the table, never one the table would keep.
    expected = sorted(
        {
            (d, other)
            for other in vocabulary
            if other[:1] == word[:1] and (d := reference_osa(word, other)) <= distance
        }
    )
    assert similar_words(word, sorted(set(vocabulary)), distance) == expected


def test_edit_distance_cap_holds_when_rows_stay_under_the_limit() -> None:
    assert reference_osa("bb", "aaaaaa") == 6
    assert edit_distance("bb", "aaaaaa", 4) == 5


@pytest.mark.parametrize(
    ("word", "distance", "expected"),
    [
        ("xioami", 2, [(0, "xioami"), (1, "xiaomi")]),
        ("xioami", 0, [(0, "xioami")]),
        ("xiaomi", 1, [(0, "xiaomi"), (1, "xioami")]),
        ("jun", 1, [(1, "jul")]),
        ("lei", 1, []),
        ("aiaomi", 2, []),
    ],
    ids=["two-edits", "exact-only", "sorted", "short", "no-match", "first-letter-must-match"],
)
def test_similar_words(word: str, distance: int, expected: list[tuple[int, str]]) -> None:
    vocabulary = ["xiaomi", "xioami", "xiaopeng", "xiao", "jul", "apple", "zeal"]
    assert similar_words(word, vocabulary, distance) == expected


# --- properties ----------------------------------------------------------------------

WORDS = st.sampled_from(
    ["Xiaomi", "cars", "car", "Lei", "Jun\u2019s", "AutoIt", "the", "of", "SU7", "R&D", "w"]
)
SEPARATORS = st.sampled_from([" ", "  ", "   ", "\t", "\n", ", ", ". ", "-", "\u201c", "\u201d "])


@PROPERTY
@given(st.text(max_size=600), st.data(), st.integers(0, 300))
def test_make_snippet_spans_are_valid(text: str, data: st.DataObject, max_chars: int) -> None:
    stems = sorted(set(analyze(text)))
    terms = set(data.draw(st.lists(st.sampled_from(stems), unique=True))) if stems else set()
    snippet = make_snippet(text, terms, max_chars=max_chars)
    if len(text) <= max_chars:
        assert snippet.text == text.replace("\n", " ")
    else:
        assert len(snippet.text) <= max_chars + 2
    assert "\n" not in snippet.text
    assert_spans_valid(snippet, terms)
    assert unhighlighted_matches(snippet, terms) == []


@PROPERTY
@given(
    st.lists(st.tuples(WORDS, SEPARATORS), max_size=80),
    st.sets(st.sampled_from(["xiaomi", "car", "lei", "jun", "auto", "it", "the", "su7"])),
    st.integers(0, 200),
)
def test_make_snippet_on_article_like_text(
    pieces: list[tuple[str, str]], terms: set[str], max_chars: int
) -> None:
    text = "".join(w + sep for w, sep in pieces)
    snippet = make_snippet(text, terms, max_chars=max_chars)
    assert_spans_valid(snippet, terms)
    assert unhighlighted_matches(snippet, terms) == []
    if len(text) <= max_chars:
        assert snippet.text == text.replace("\n", " ")
    else:
        assert len(snippet.text) <= max_chars + 2
