"""The vocabulary file: sorted lines looked up in place, checked against a dict."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leisearch.store import tables
from leisearch.store import vocabulary as vocabulary_module
from leisearch.store.vocabulary import Vocabulary


def vocabulary_text(stems: dict[str, str], counts: dict[str, int]) -> str:
    """A vocabulary file as its definition says: the words held by some text (and no
    tab or line break), sorted, each with its stem and count."""
    breaks = set("\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
    held = sorted(w for w, n in counts.items() if n > 0 and not breaks & set(w))
    return "".join(f"{w}\t{stems[w]}\t{counts[w]}\n" for w in held)


# Words as the tokenizer makes them never hold whitespace; any other text may.
words = st.text(st.characters(blacklist_categories=("Cs", "Zs", "Zl", "Zp", "Cc")), max_size=12)


def _text(table: dict[str, str]) -> str:
    """A vocabulary file in which every word of ``table`` is held by one text."""
    return vocabulary_text(table, dict.fromkeys(table, 1))


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(words, st.tuples(words, st.integers(0, 3)), max_size=60),
    st.lists(words, max_size=20),
)
def test_lookups_agree_with_the_table(
    entries: dict[str, tuple[str, int]], others: list[str]
) -> None:
    stems = {word: stem for word, (stem, _) in entries.items()}
    counts = {word: count for word, (_, count) in entries.items()}
    table = {word: stem for word, stem in stems.items() if counts[word]}  # what texts hold
    vocabulary = Vocabulary(vocabulary_text(stems, counts).encode("utf-8"))
    for word, stemmed in table.items():
        assert vocabulary[word] == stemmed
        assert word in vocabulary
        assert vocabulary.count(word) == counts[word]
    for word in others:
        assert vocabulary.get(word) == table.get(word)
        assert vocabulary.count(word) == (counts[word] if word in table else 0)
    assert dict(vocabulary.items()) == table
    assert len(vocabulary) == len(table)
    # Once loaded, lookups come from the parsed table, with the same answers.
    for word in [*table, *others]:
        assert vocabulary.get(word) == table.get(word)
    assert dict(vocabulary.counts()) == {w: counts[w] for w in table}


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(st.text("abé\u4e2d", max_size=5), st.text("xy", max_size=2), max_size=40),
    st.text("abé\u4e2d", max_size=3),
    st.booleans(),
)
def test_the_words_starting_with_a_prefix_are_the_tables(
    table: dict[str, str], prefix: str, crlf: bool
) -> None:
    # Found by bisection over the sorted lines (UTF-8 byte order is code point order),
    # with their stems, as the whole table gives them.
    text = _text(table).replace("\n", "\r\n" if crlf else "\n")
    vocabulary = Vocabulary(text.encode("utf-8"))
    expected = sorted((w, stem) for w, stem in vocabulary.items() if w.startswith(prefix))
    assert list(vocabulary.starting(prefix)) == expected
    assert expected == sorted((w, stem) for w, stem in table.items() if w.startswith(prefix))


def test_lines_without_a_word_are_no_words_starting_with_a_prefix() -> None:
    vocabulary = Vocabulary(b"a\ta\t1\nab\n\nabc\tab\t2\nb\tb\t1\n")
    assert (
        list(vocabulary.starting("a"))
        == [("a", "a"), ("abc", "ab")]
        == [(w, s) for w, s in vocabulary.items() if w.startswith("a")]
    )


@pytest.mark.parametrize(
    ("table", "word", "expected"),
    [
        ({}, "a", None),
        ({"a": "a"}, "a", "a"),
        ({"ab": "ab", "a": "a", "abc": "abc"}, "ab", "ab"),  # prefixes of each other
        ({"é": "e", "z": "z"}, "é", "e"),  # sorted by code point, as UTF-8 bytes are
        ({"naïve": "naiv", "naive": "naiv"}, "naïve", "naiv"),
        ({"a\tb": "x", "c": "c"}, "a\tb", None),  # a tab would break the line: left out
        ({"c": "c"}, "\udc80", None),  # a lone surrogate (from argv) is simply absent
    ],
)
def test_lookup_table(table: dict[str, str], word: str, expected: str | None) -> None:
    assert Vocabulary(_text(table).encode("utf-8")).get(word) == expected


def test_a_file_is_read_in_place_and_a_missing_one_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "vocabulary.txt"
    assert dict(Vocabulary.open(path)) == {}
    path.write_text("", encoding="utf-8")
    assert Vocabulary.open(path).get("x") is None
    path.write_text(_text({"patents": "patent", "mouth": "mouth"}), encoding="utf-8")
    opened = Vocabulary.open(path)
    path.unlink()  # the map holds the file's contents, as for a rename during a build
    assert opened["patents"] == "patent"
    with pytest.raises(KeyError):
        opened["patent"]


def test_crlf_line_ends_are_read_alike() -> None:
    # A vocabulary that went through a Windows text-mode copy.
    table = {"mouth": "mouth", "patents": "patent", "word": "word"}
    crlf = _text(table).replace("\n", "\r\n").encode("utf-8")
    vocabulary = Vocabulary(crlf)
    assert [vocabulary.get(w) for w in table] == list(table.values())
    assert dict(Vocabulary(crlf).items()) == table


def test_many_lookups_in_a_small_table_answer_as_bisection_does() -> None:
    stems = {f"w{i:04d}": f"s{i % 7}" for i in range(500)}
    vocabulary = Vocabulary(vocabulary_text(stems, dict.fromkeys(stems, 1)).encode())
    answers = [vocabulary[word] for word in sorted(stems) * 2]  # past the switch to a dict
    assert answers == [stems[word] for word in sorted(stems) * 2]
    with pytest.raises(KeyError):
        vocabulary["w9999"]


def _signposted(data: bytes, span: int) -> Vocabulary:
    """A table of ``data`` looked up in often enough to read its signposts, one every
    ``span`` bytes (the caller takes every table as large: ``SMALL`` 0, so that it is
    never read whole instead)."""
    assert vocabulary_module.SMALL == 0
    with mock.patch("leisearch.store.vocabulary.SIGNPOST_BYTES", span):
        posted = Vocabulary(data)
        for _ in range(vocabulary_module.LOOKUPS_BEFORE_SIGNPOSTS):
            posted.get("")
    return posted


@mock.patch("leisearch.store.vocabulary.SMALL", 0)
@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(st.text("abé\u4e2d", max_size=6), st.text("xy", max_size=3), max_size=60),
    st.lists(st.text("abé\u4e2d", max_size=6), max_size=20),
    st.integers(1, 40),
    st.booleans(),
)
def test_lookups_from_signposts_answer_as_bisection_does(
    table: dict[str, str], others: list[str], span: int, crlf: bool
) -> None:
    # A large table is bisected between two signposts once it has been looked up in
    # often: every look-up and prefix gives what bisecting the whole table gives, for
    # signposts every few bytes (in the middle of lines, of characters, at line breaks).
    data = _text(table).replace("\n", "\r\n" if crlf else "\n").encode("utf-8")
    whole, posted = Vocabulary(data), _signposted(data, span)
    assert posted._posts is not None or not data
    words = [*table, *others]
    assert [posted.get(w) for w in words] == [whole.get(w) for w in words]
    assert [posted.count(w) for w in words] == [whole.count(w) for w in words]
    for prefix in {w[:2] for w in words}:
        assert list(posted.starting(prefix)) == list(whole.starting(prefix))


@pytest.mark.parametrize("span", range(1, 20))
@mock.patch("leisearch.store.vocabulary.SMALL", 0)
def test_signposts_pass_over_lines_without_a_word(span: int) -> None:
    # A line without a tab is no signpost, nor a blank last line (a file edited by
    # hand), so the signposts stay sorted: looked up from them, the same answers as
    # bisecting. (A blank line in the middle is out of order, and bisecting the whole
    # table finds the words around it or not by where its steps fall.)
    data = b"a\ta\t1\nab\nabc\tab\t2\nb\tb\t1\n\n"
    whole, posted = Vocabulary(data), _signposted(data, span)
    assert posted._posts is not None
    assert posted._posts[0] == sorted(set(posted._posts[0]))
    for word in ("a", "ab", "abc", "b", "c", ""):
        assert posted.get(word) == whole.get(word), word
    assert list(posted.starting("a")) == list(whole.starting("a")) == [("a", "a"), ("abc", "ab")]


def test_a_large_table_ending_on_a_blank_line_is_looked_up_whole() -> None:
    # At the real spacing, a blank last line once became the last signpost, and the
    # words past the one before it were not found.
    lines = [f"w{i:06d}\tw{i:06d}\t1\n" for i in range(30_000)]
    data = ("".join(lines) + "\n").encode()
    vocabulary = Vocabulary(data)
    words = [f"w{i:06d}" for i in range(0, 30_000, 7)] + ["w029999", "w030000", "v", "x"]
    assert [vocabulary.get(w) for w in words] == [
        w if w < "w030000" and w.startswith("w") else None for w in words
    ]
    assert vocabulary._posts is not None


def test_signposts_are_the_first_words_of_each_span() -> None:
    data = b"a\ta\t1\nbb\tb\t1\nccc\tc\t1\nd\td\t1\n"  # lines start at 0, 6, 13, 21
    with mock.patch("leisearch.store.vocabulary.SIGNPOST_BYTES", 7):
        assert vocabulary_module._signposts(data) == ([b"ccc", b"d"], [13, 21])
    with mock.patch("leisearch.store.vocabulary.SIGNPOST_BYTES", 6):
        assert vocabulary_module._signposts(data) == ([b"bb", b"ccc", b"d"], [6, 13, 21])


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(words, st.integers(1, 3), max_size=20),
    st.lists(st.tuples(st.lists(words, max_size=8, unique=True), st.sampled_from([1, -1]))),
    st.integers(1, 6),
    st.sampled_from([2, 1000]),
    st.integers(1, 7),
)
def test_counts_written_out_in_runs_make_the_vocabulary_counted_in_memory(
    base: dict[str, int], texts: list[tuple[list[str], int]], held: int, run_rows: int, span: int
) -> None:
    """A build's counts go to sorted runs past ``held`` words (runs of ``run_rows`` rows,
    merged past 2 runs), or are all held and spliced into the base's lines (runs of
    1,000; the base read ``span`` bytes at a time, through UTF-8 characters): the
    vocabulary is the one counted all in memory, from the base's on, with the base's
    stems, and the build's for the words the base lacks."""
    import tempfile
    from collections import Counter

    from leisearch.store.vocabulary import WordCounts

    def stem(word: str) -> str:
        return word[:3]

    expected = Counter(base)
    for found, sign in texts:
        for word in found:
            expected[word] += sign
    stems = {word: f"{word}!" if word in base else stem(word) for word in expected}
    base_file = Vocabulary(vocabulary_text(stems, base).encode("utf-8"))
    with tempfile.TemporaryDirectory() as folder:
        counts = WordCounts(Path(folder), stem, base_file, held, run_rows, max_runs=2)
        for found, sign in texts:
            counts.add(found, sign)
        with mock.patch.object(tables, "SPAN_BYTES", span):
            text = "".join(counts.lines())
        counts.close()
        assert not list(Path(folder).iterdir())  # the runs are gone
    assert text == vocabulary_text(stems, expected)


def test_a_build_in_small_bounds_writes_the_vocabulary_of_one_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The seeds' 2,000-odd words, counted in runs of 50 and stemmed with a memo of 100,
    then an update that takes an article away: the vocabulary is byte for byte the one
    a build with room for all of them writes."""
    import shutil

    from leisearch.service.build import build
    from leisearch.service.opening import open_index
    from leisearch.store import tables, vocabulary
    from leisearch.store.manifest import VOCABULARY
    from leisearch.text import stemming

    from .conftest import SEEDS

    def vocabulary_of(index_dir: Path) -> bytes:
        index = open_index(index_dir).index
        return (index_dir / index.manifest.generation / VOCABULARY).read_bytes()

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    build([corpus], tmp_path / "roomy", procs=1)
    with monkeypatch.context() as bounds:
        bounds.setattr(vocabulary, "WORDS_HELD", 50)
        bounds.setattr(tables, "RUN_ROWS", 50)
        bounds.setattr(stemming, "STEMS_KEPT", 100)
        build([corpus], tmp_path / "small", procs=1)
        assert vocabulary_of(tmp_path / "small") == vocabulary_of(tmp_path / "roomy")
        assert vocabulary_of(tmp_path / "small").count(b"\n") > 2000
        next(corpus.iterdir()).unlink()
        build([corpus], tmp_path / "small", procs=1)
    build([corpus], tmp_path / "fresh", procs=1)
    assert vocabulary_of(tmp_path / "small") == vocabulary_of(tmp_path / "fresh")
