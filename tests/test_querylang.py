"""leisearch.querylang: the lexer and parser on tables, then properties (typed text is text)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leisearch.text.querylang import And, Node, Not, Or, Phrase, Word, lex, parse, words_of
from leisearch.text.stemming import Stemmer

analyze = Stemmer().analyze

PROPERTY = settings(max_examples=200, deadline=None)


def w(text: str, field: str = "text") -> Word:
    return Word(field, text)


# --- lex -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("xiaomi car", [("word", "xiaomi", None, False), ("word", "car", None, False)]),
        ("(a)", [("(", "(", None, False), ("word", "a", None, False), (")", ")", None, False)]),
        ('title:"sea of stars"', [("phrase", "sea of stars", "title", False)]),
        ("-car", [("word", "car", None, True)]),
        ("-speaker:Lei", [("word", "Lei", "speaker", True)]),
        ("foo:bar", [("word", "foo:bar", None, False)]),
        ("TITLE:x", [("word", "x", "title", False)]),
        ("title: x", [("word", "title:", None, False), ("word", "x", None, False)]),
        (
            "a - b",
            [("word", "a", None, False), ("word", "-", None, False), ("word", "b", None, False)],
        ),
        ("\u201csea of stars\u201d", [("phrase", "sea of stars", None, False)]),
        ('"open', [("phrase", "open", None, False)]),
        ("", []),
    ],
    ids=[
        "words",
        "parens",
        "field-phrase",
        "minus",
        "minus-field",
        "unknown-field",
        "field-case",
        "field-then-space",
        "lone-minus",
        "curly-phrase",
        "open-quote",
        "empty",
    ],
)
def test_lex(query: str, expected: list[tuple[str, str, str | None, bool]]) -> None:
    assert [(x.kind, x.text, x.field, x.negated) for x in lex(query)] == expected


# --- parse ---------------------------------------------------------------------------

PARSE_TABLE: list[tuple[str, str, Node | None]] = [
    # Loose words and operators.
    ("one-word", "xiaomi", w("xiaomi")),
    ("loose-words", "word of mouth", Or((w("word"), w("of"), w("mouth")), explicit=False)),
    ("and", "a AND b", And((w("a"), w("b")))),
    ("and-chain", "a AND b AND c", And((w("a"), w("b"), w("c")))),
    ("or", "a OR b", Or((w("a"), w("b")), explicit=True)),
    ("not", "a NOT b", Or((w("a"), Not(w("b"))))),
    ("and-not", "Xiaomi AND NOT car", And((w("Xiaomi"), Not(w("car"))))),
    ("minus", "xiaomi -car", Or((w("xiaomi"), Not(w("car"))))),
    ("minus-alone", "-car", Not(w("car"))),
    ("not-not", "NOT NOT x", w("x")),
    # Precedence: juxtaposition binds tightest, then AND, then OR.
    ("juxtaposition-over-and", "a b AND c", And((Or((w("a"), w("b"))), w("c")))),
    ("names-and", "Lei Jun AND Kingsoft", And((Or((w("Lei"), w("Jun"))), w("Kingsoft")))),
    ("and-over-or", "a OR b AND c", Or((w("a"), And((w("b"), w("c")))), explicit=True)),
    (
        "juxtaposition-over-or",
        "a b OR c d",
        Or((Or((w("a"), w("b"))), Or((w("c"), w("d")))), explicit=True),
    ),
    ("group", "(a OR b) AND c", And((Or((w("a"), w("b")), explicit=True), w("c")))),
    ("group-loose", "(a b) AND c", And((Or((w("a"), w("b"))), w("c")))),
    # Fields.
    ("title", "title:xiaomi", w("xiaomi", "title")),
    ("article", "article:001", w("001", "article")),
    ("text", "text:car", w("car", "text")),
    ("speaker", "speaker:Lei", w("Lei", "speaker")),
    ("field-upper", "Title:xiaomi", w("xiaomi", "title")),
    ("field-phrase", 'title:"sea of stars"', Phrase("title", "sea of stars")),
    ("field-negated", "-title:car", Not(w("car", "title"))),
    ("unknown-field", "foo:bar", w("foo:bar")),
    ("url-like", "http://x", w("http://x")),
    # Phrases.
    ("phrase", '"sea of stars"', Phrase("text", "sea of stars")),
    ("curly-phrase", "\u201csea of stars\u201d", Phrase("text", "sea of stars")),
    ("guillemet-phrase", "\u00absea of stars\u00bb", Phrase("text", "sea of stars")),
    ("negated-phrase", '-"sea of stars"', Not(Phrase("text", "sea of stars"))),
    ("unbalanced-quote", 'xiaomi "sea of', Or((w("xiaomi"), Phrase("text", "sea of")))),
    ("empty-phrase", '""', None),
    ("phrase-and-word", '"lei jun" car', Or((Phrase("text", "lei jun"), w("car")))),
    # Parentheses.
    ("unmatched-open", "(a b", Or((w("a"), w("b")))),
    ("unmatched-close", "a b)", Or((w("a"), w("b")))),
    ("reversed", ")a(", w("a")),
    ("empty-group", "() x", w("x")),
    # Operators that are words.
    ("lower-and", "a and b", Or((w("a"), w("and"), w("b")))),
    ("lower-or", "a or b", Or((w("a"), w("or"), w("b")))),
    ("lower-not", "not b", Or((w("not"), w("b")))),
    ("and-alone", "AND", w("AND")),
    ("or-alone", "OR", w("OR")),
    ("not-alone", "NOT", w("NOT")),
    ("trailing-and", "xiaomi AND", Or((w("xiaomi"), w("AND")))),
    ("leading-or", "OR xiaomi", Or((w("OR"), w("xiaomi")))),
    ("or-or", "OR OR", Or((w("OR"), w("OR")))),
    ("trailing-not", "xiaomi NOT", Or((w("xiaomi"), w("NOT")))),
    # Prefix and fuzzy words.
    ("prefix", "xiao*", Word("text", "xiao", "prefix")),
    ("prefix-field", "title:xiao*", Word("title", "xiao", "prefix")),
    ("fuzzy", "Xioami~", Word("text", "Xioami", "fuzzy", 0)),
    ("fuzzy-1", "Xioami~1", Word("text", "Xioami", "fuzzy", 1)),
    ("fuzzy-as-typed", "Xioami~9", Word("text", "Xioami", "fuzzy", 9)),
    ("bare-star", "*", w("*")),
    ("bare-tilde", "~", w("~")),
    # Punctuation is left to the analyzer.
    ("question-mark", "what?", w("what?")),
    ("r-and-d", "R&D", w("R&D")),
    # Nothing to search for.
    ("empty", "", None),
    ("whitespace", " \t\n ", None),
    ("only-parens", "(((", None),
    ("parens-both", "()()", None),
]


@pytest.mark.parametrize(
    ("query", "expected"),
    [(q, e) for _, q, e in PARSE_TABLE],
    ids=[i for i, _, _ in PARSE_TABLE],
)
def test_parse(query: str, expected: Node | None) -> None:
    assert parse(query) == expected


def test_question_mark_is_dropped_by_the_analyzer() -> None:
    node = parse("what?")
    assert isinstance(node, Word)
    assert analyze(node.text) == analyze("what")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("xiaomi car", ["xiaomi", "car"]),
        ("xiaomi -car", ["xiaomi"]),
        ('"sea of stars" lei', ["lei"]),
        ("xiao* Xioami~ lei", ["lei"]),
        ("(a OR b) AND c", ["a", "b", "c"]),
        ("", []),
    ],
    ids=["words", "negated-skipped", "phrase-skipped", "prefix-fuzzy-skipped", "nested", "empty"],
)
def test_words_of(query: str, expected: list[str]) -> None:
    assert [x.text for x in words_of(parse(query))] == expected


# --- properties ----------------------------------------------------------------------

NODE_TYPES = (Word, Phrase, Not, And, Or)


def check_tree(node: Node) -> None:
    """Every node is well formed: groups have two or more children, leaves have text."""
    assert isinstance(node, NODE_TYPES)
    if isinstance(node, Word):
        assert node.text
        assert node.kind in ("word", "prefix", "fuzzy")
        # The edits typed (one digit, ``word~9``); compiling holds them to 3 at most, and to
        # half the word, with a note (``test_search``), so a parse keeps what was asked.
        assert 0 <= node.distance <= 9
        assert node.kind == "fuzzy" or node.distance == 0
    elif isinstance(node, Phrase):
        assert node.text.strip()
    elif isinstance(node, Not):
        check_tree(node.node)
    else:
        assert len(node.nodes) >= 2
        for child in node.nodes:
            check_tree(child)


@PROPERTY
@given(st.text(max_size=2000))
def test_parse_never_raises(query: str) -> None:
    node = parse(query)
    if node is not None:
        check_tree(node)


@PROPERTY
@given(st.text(alphabet='()"-*~: ANDORNOT xy', max_size=200))
def test_parse_never_raises_on_syntax_characters(query: str) -> None:
    node = parse(query)
    if node is not None:
        check_tree(node)


@PROPERTY
@given(
    st.lists(st.sampled_from(["(", ")", '"', "-", "AND", "OR", "NOT", "x", "title:y"]), max_size=60)
)
def test_parse_never_raises_on_token_soup(tokens: list[str]) -> None:
    node = parse(" ".join(tokens))
    if node is not None:
        check_tree(node)


def test_parse_deep_nesting_does_not_recurse() -> None:
    node = parse("(" * 10000 + "x" + ")" * 10000)
    assert node is not None
    assert [x.text for x in words_of(node)] == ["x"]


def test_parse_long_not_chain_does_not_recurse() -> None:
    node = parse("NOT " * 5000 + "x")
    assert node is not None
