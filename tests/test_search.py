"""Library tests: search behaviour on the seed articles and on small corpora."""

from __future__ import annotations

import gc
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leisearch.cli.messages import hint
from leisearch.engine.protocol import Stored
from leisearch.errors import (
    CorpusError,
    IndexCorrupt,
    IndexNotFound,
    IndexUnwritable,
    QueryError,
    Reason,
    UsageError,
)
from leisearch.ingest import load_articles
from leisearch.ingest.assemble import MAX_PARAGRAPH_CHARS
from leisearch.models import at_least
from leisearch.service.build import build
from leisearch.service.documents import quotes_of, speakers_of
from leisearch.service.opening import Index, open_index
from leisearch.service.search import find_quotes, find_quotes_many, search, search_many
from leisearch.store.manifest import MANIFEST, SCHEMA_VERSION, read_manifest
from leisearch.text.stemming import Stemmer

from .conftest import SEEDS, write_corpus

analyze = Stemmer().analyze


def stems_of(text: str) -> set[str]:
    return set(analyze(text))


def has_phrase(text: str, phrase: str) -> bool:
    """True when the analysed phrase occurs, in order, in the analysed text."""
    words, wanted = analyze(text), analyze(phrase)
    return any(words[i : i + len(wanted)] == wanted for i in range(len(words)))


# --- ranking on real seed queries ---------------------------------------------------


def test_word_of_mouth_top_hits_contain_the_phrase(seed_index: Index) -> None:
    hits = search(seed_index, "word of mouth", limit=5).hits
    assert len(hits) == 5
    for hit in hits[:3]:
        assert has_phrase(hit.text, "word of mouth"), hit.text


def test_more_query_words_rank_higher(tmp_path: Path) -> None:
    corpus = write_corpus(
        tmp_path / "c",
        {
            "one": "Title one\n\nAlpha appears here alone.",
            "two": "Title two\n\nAlpha and beta appear together here.",
            "three": "Title three\n\nNothing relevant at all.",
        },
    )
    build([corpus], tmp_path / "ix")
    hits = search(open_index(tmp_path / "ix").index, "alpha beta").hits
    assert [h.article for h in hits] == ["two", "one"]


@pytest.mark.parametrize(
    ("query", "glued"),
    [
        ('"Ideal Auto"', "Ideal AutoIt"),
        ('"Xiaomi Motors"', "Xiaomi MotorsThere"),
        ("Xiaopeng", "whatXiaopengThe"),
        ("Tesla", "TeslaIt"),
        ("SU7 questions", "SU7Questions"),
    ],
)
def test_glued_link_text_is_found_by_its_words(seed_index: Index, query: str, glued: str) -> None:

    hits = search(seed_index, query, limit=0).hits
    assert any(glued in hit.text for hit in hits)


def test_curly_and_straight_apostrophes_match_alike(seed_index: Index) -> None:
    curly = search(seed_index, "Lei Jun\u2019s dream", limit=10).hits
    straight = search(seed_index, "Lei Jun's dream", limit=10).hits
    assert [(h.article, h.paragraph) for h in curly] == [(h.article, h.paragraph) for h in straight]
    assert curly


@pytest.mark.parametrize(
    ("query", "forms"),
    [
        ("expectation", ("expectations", "expected")),
        ("deify", ("deified", "deification")),
        ("headphone", ("headphones",)),
    ],
)
def test_stemming_joins_word_forms(seed_index: Index, query: str, forms: tuple[str, ...]) -> None:
    texts = [h.text.lower() for h in search(seed_index, query, limit=0).hits]
    for form in forms:
        assert any(re.search(rf"\b{form}\b", t) for t in texts), form


# --- the query language -----------------------------------------------------------------


def test_and_requires_both(seed_index: Index) -> None:
    hits = search(seed_index, "patents AND Apple", limit=0).hits
    assert hits
    for hit in hits:
        assert {"patent", "appl"} <= stems_of(hit.text)


def test_not_excludes(seed_index: Index) -> None:
    with_patents = search(seed_index, "Apple", limit=0).hits
    without = search(seed_index, "Apple NOT patents", limit=0).hits
    assert without and len(without) < len(with_patents)
    assert all("patent" not in stems_of(h.text) for h in without)
    minus = search(seed_index, "Apple -patents", limit=0).hits
    assert [h.paragraph for h in minus] == [h.paragraph for h in without]


def test_phrase_requires_order(seed_index: Index) -> None:
    for hit in search(seed_index, '"sea of stars"', limit=0).hits:
        assert has_phrase(hit.text, "sea of stars")


def test_title_field(seed_index: Index) -> None:
    hits = search(seed_index, "title:Sony", limit=0).hits
    assert hits and all("Sony" in h.title for h in hits)


def test_article_field_and_option(seed_index: Index) -> None:
    by_field = search(seed_index, "article:003 Xiaomi", limit=0).hits
    assert by_field and {h.article for h in by_field} == {"003_7daf407d1e4a3c37"}
    by_option = search(seed_index, "Xiaomi", limit=0, article="003").hits
    assert {h.article for h in by_option} == {"003_7daf407d1e4a3c37"}


def test_prefix_and_fuzzy(seed_index: Index) -> None:
    prefix = search(seed_index, "xiao*", limit=0).hits
    assert prefix
    # A paragraph is searched with its article's headline.
    assert all(re.search(r"xiao", f"{h.text} {h.title}", re.I) for h in prefix)
    fuzzy = search(seed_index, "Xioami~", limit=3).hits
    assert fuzzy and all("xiaomi" in h.text.lower() for h in fuzzy)


@pytest.mark.parametrize(
    "query", ["what?", "R&D", "Xiaomi's", '"unbalanced quote', "(Xiaomi", "Xiaomi)", "a:b", "AND"]
)
def test_punctuation_is_text_not_syntax(seed_index: Index, query: str) -> None:
    search(seed_index, query)  # must not raise


def test_r_and_d_finds_r_and_d(seed_index: Index) -> None:
    hits = search(seed_index, "R&D", limit=0).hits
    assert hits and all("R&D" in h.text for h in hits)


@pytest.mark.parametrize("query", ["", "   ", "(((", "NOT car", "-car"])
def test_queries_with_nothing_to_find_are_errors(seed_index: Index, query: str) -> None:
    with pytest.raises(QueryError) as raised:
        search(seed_index, query)
    assert hint(raised.value)


def test_suggestion_for_a_typo(seed_index: Index) -> None:
    result = search(seed_index, "pattents")
    assert result.hits == ()
    assert result.suggestion == "patents"


def test_a_batch_without_suggestions_looks_for_none(seed_index: Index) -> None:
    queries = ["patnets", "word of mouth"]
    asked = list(search_many(seed_index, queries))
    unasked = list(search_many(seed_index, queries, suggestions=False))
    assert [r.suggestion for r in asked] == ["patents", None]  # type: ignore[union-attr]
    assert [r.suggestion for r in unasked] == [None, None]  # type: ignore[union-attr]
    assert [r.hits for r in unasked] == [r.hits for r in asked]  # type: ignore[union-attr]
    quoted = list(find_quotes_many(seed_index, ["patnets"], suggestions=False))
    assert quoted[0].suggestion is None  # type: ignore[union-attr]


def test_a_batch_compiles_each_query_once(
    seed_index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    import leisearch.service.search as searching

    compiled: list[tuple[str, str]] = []
    compile = searching._compile

    def counted(index: Index, query: str, min_confidence: str) -> object:
        compiled.append((query, min_confidence))
        return compile(index, query, min_confidence)

    monkeypatch.setattr(searching, "_compile", counted)
    queries = ["word of mouth", "article:zzz", "word of mouth", "article:zzz", "Xiaomi"]
    answers = list(search_many(seed_index, queries, suggestions=False))
    # A query that cannot be compiled is its error in each of its places: it is compiled
    # again, to raise it again; the others are compiled once.
    assert compiled == [
        ("word of mouth", "medium"),
        ("article:zzz", "medium"),
        ("article:zzz", "medium"),
        ("Xiaomi", "medium"),
    ]
    assert [type(a) for a in answers[1::2]] == [UsageError, UsageError]
    # The same answers as one query at a time.
    assert answers[0] == answers[2] == search(seed_index, "word of mouth", snippet_chars=240)
    assert answers[4] == search(seed_index, "Xiaomi")
    compiled.clear()
    quoted = list(find_quotes_many(seed_index, ["Xiaomi", "Xiaomi"], min_confidence="low"))
    assert compiled == [("Xiaomi", "low")]
    assert quoted[0] == quoted[1] == find_quotes(seed_index, "Xiaomi", min_confidence="low")


def test_a_batch_gives_a_query_asked_again_the_answer_it_had(
    seed_index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    import leisearch.service.search as searching

    searched: list[str] = []
    run = searching._search

    def counted(index: Index, searcher: object, query: str, *rest: object) -> object:
        searched.append(query)
        return run(index, searcher, query, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(searching, "_search", counted)
    queries = ["word of mouth", "article:zzz", "Xiaomi", "word of mouth", "article:zzz"]
    answers = list(search_many(seed_index, queries, suggestions=False))
    # A query that fails is run again (its error is not kept); the others once.
    assert searched == ["word of mouth", "article:zzz", "Xiaomi", "article:zzz"]
    assert answers[3] is answers[0]
    assert answers[0] == search(seed_index, "word of mouth", snippet_chars=240)
    assert [type(a) for a in answers[1::3]] == [UsageError, UsageError]
    # Without a limit an answer may be every paragraph: none is kept, each is searched.
    searched.clear()
    unbounded = list(search_many(seed_index, ["Xiaomi", "Xiaomi"], limit=0))
    assert searched == ["Xiaomi", "Xiaomi"]
    assert unbounded[0] == unbounded[1] == search(seed_index, "Xiaomi", limit=0)
    assert unbounded[0] is not unbounded[1]


@pytest.mark.parametrize(
    ("query", "suggested"),
    [
        ("patnets AND zzzz", None),  # the rewrite would find nothing either
        ('"lei jun" AND teslla', '"lei jun" AND tesla'),
        ("pattents", "patents"),
    ],
)
def test_a_suggestion_is_made_only_if_it_finds_something(
    seed_index: Index, query: str, suggested: str | None
) -> None:
    result = search(seed_index, query)
    assert result.hits == () and result.suggestion == suggested
    if suggested is not None:
        assert search(seed_index, suggested).hits
    # Under a filter that leaves nothing, nothing is suggested either.
    assert search(seed_index, "pattents", since="2099").suggestion is None


@pytest.mark.parametrize(
    ("query", "unknown", "suggested"),
    [
        ("Xiaomi pattents", ("pattents",), "Xiaomi patents"),
        ("zzzzqqqq Xiaomi Pattents", ("zzzzqqqq", "Pattents"), "zzzzqqqq Xiaomi Patents"),
        ("zzzzqqqq Xiaomi", ("zzzzqqqq",), None),  # nothing close: no suggestion
        ("Xiaomi patents", (), None),
        ('"word of mouth" OR pattents', ("pattents",), '"word of mouth" OR patents'),
        ('"word of pattents" OR Xiaomi', (), None),  # a phrase's words are not loose words
        ("#OnePlus Xiaomi", (), None),  # found as the query is analysed: one, plus
        ("Xiaomi Pattents", ("Pattents",), "Xiaomi Patents"),  # a suggestion cased as typed
        ("Xiaomi NOT pattents", (), None),  # nor are words left out
    ],
)
def test_a_word_no_paragraph_has_is_named_when_the_others_find_hits(
    seed_index: Index, query: str, unknown: tuple[str, ...], suggested: str | None
) -> None:
    for result in (search(seed_index, query), find_quotes(seed_index, query)):
        assert result.hits
        assert result.unknown == unknown
        assert result.suggestion == suggested
    # A batch's records have no room for either, and it looks for neither.
    (batch,) = search_many(seed_index, [query], suggestions=False)
    assert batch.unknown == () and batch.suggestion is None  # type: ignore[union-attr]


def test_speaker_in_a_query_is_checked_as_the_option_is(seed_index: Index) -> None:
    # An alias is the speaker; an unknown name is an error with its hint, not nothing.
    by_alias = search(seed_index, "speaker:lei patents")
    assert by_alias.hits == search(seed_index, 'speaker:"lei jun" patents').hits != ()
    with pytest.raises(UsageError) as raised:
        search(seed_index, 'speaker:"lei jnu" patents')
    assert raised.value.reason is Reason.UNKNOWN_SPEAKER
    assert list(raised.value.candidates) == ["Lei Jun"]


def test_a_suggestion_is_written_as_the_texts_write_it_most(tmp_path: Path) -> None:
    # "sander" and "sanders" share their stem: the commonest spelling is suggested.
    texts = {f"a{i}": f"Sanders {i}\n\nSanders spoke on day {i}." for i in range(4)}
    corpus = write_corpus(tmp_path / "c", {**texts, "b": "Tools\n\nA sander smooths wood."})
    build([corpus], tmp_path / "ix", rebuild=True)
    index = open_index(tmp_path / "ix").index
    assert search(index, "Sanderz").suggestion == "Sanders"


def test_no_suggestion_when_nothing_is_close(seed_index: Index) -> None:
    result = search(seed_index, "zzzzqqqq")
    assert result.hits == () and result.suggestion is None


@pytest.mark.parametrize("query", ["reCAPTCHA", "orthopedic surgeon", "Similar Posts"])
def test_web_residue_is_not_indexed(seed_index: Index, query: str) -> None:
    hits = search(seed_index, f'"{query}"', limit=0).hits
    assert hits == ()


def test_unknown_article_is_a_usage_error(seed_index: Index) -> None:
    with pytest.raises(UsageError):
        search(seed_index, "Xiaomi", article="nope")


def test_hits_carry_whole_paragraphs_and_highlights(seed_index: Index) -> None:
    articles = {a.id: a for a in load_articles([SEEDS])[1] if not isinstance(a, str)}
    for hit in search(seed_index, "patents", limit=0).hits:
        paragraph = articles[hit.article].paragraphs[hit.paragraph - 1]
        assert hit.text == paragraph.text
        assert hit.title == articles[hit.article].title
        marked = [hit.snippet.text[s.start : s.end].lower() for s in hit.snippet.spans]
        assert marked and all(m.startswith("patent") for m in marked)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=200))
def test_query_path_never_crashes(seed_index: Index, query: str) -> None:
    try:
        result = search(seed_index, query, limit=3)
    except QueryError:
        return
    assert len(result.hits) <= 3


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=40), st.text(max_size=40))
def test_any_speaker_or_article_filter_answers_or_says_why(
    seed_index: Index, speaker: str, article: str
) -> None:
    for kwargs in ({"speaker": speaker}, {"article": article}):
        try:
            result = search(seed_index, "patents", limit=3, **kwargs)
        except UsageError as error:
            assert hint(error)
            continue
        assert len(result.hits) <= 3


# --- the index as an API -------------------------------------------------------------------


def test_update_replaces_an_article_and_rebuild_starts_afresh(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "a", {"x": "X\n\nold words here", "y": "Y\n\nother text"})
    index_dir = tmp_path / "ix"
    build([corpus], index_dir)
    write_corpus(corpus, {"x": "X\n\nnew words here"})
    report = build([corpus / "x.txt"], index_dir)
    assert report.articles == 2 and report.indexed_articles == 1
    opened = open_index(index_dir).index
    assert search(opened, "old", limit=0).hits == ()
    assert [h.article for h in search(opened, "new", limit=0).hits] == ["x"]

    build([corpus / "y.txt"], index_dir, rebuild=True)
    assert [a.id for a in open_index(index_dir).index.manifest.articles] == ["y"]


@pytest.mark.parametrize("layout", ["lines", "one-object"])
def test_schema_version_mismatch_rebuilds_with_a_note(tmp_path: Path, layout: str) -> None:
    corpus = write_corpus(tmp_path / "a", {"x": "X\n\nsome words"})
    index_dir = tmp_path / "ix"
    build([corpus], index_dir)
    header, articles, speakers = (index_dir / MANIFEST).read_text(encoding="utf-8").splitlines()
    manifest = json.loads(header)
    if layout == "lines":
        manifest["schema_version"] = SCHEMA_VERSION + 99
        text = "\n".join([json.dumps(manifest), articles, speakers])
    else:  # The manifest of schema version 4 and before: one JSON object.
        manifest["schema_version"] = 4
        manifest |= {"articles": json.loads(articles), "speakers": json.loads(speakers)}
        text = json.dumps(manifest)
    (index_dir / MANIFEST).write_text(text, encoding="utf-8")

    opened = open_index(index_dir)
    assert any("rebuilding" in note for note in opened.notes)
    assert read_manifest(index_dir).schema_version == SCHEMA_VERSION  # type: ignore[union-attr]
    assert search(opened.index, "words").hits


def test_an_update_over_a_damaged_article_list_builds_afresh(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "a", {"x": "X\n\nsome words", "y": "Y\n\nmore words"})
    index_dir = tmp_path / "ix"
    build([corpus], index_dir)
    manifest = index_dir / MANIFEST
    header = manifest.read_text(encoding="utf-8").splitlines()[0]
    manifest.write_text(f"{header}\n[{{\n[]\n", encoding="utf-8")
    report = build([corpus], index_dir)
    assert (report.articles, report.new) == (2, 2)
    assert [a.id for a in open_index(index_dir).index.manifest.articles] == ["x", "y"]


def test_missing_index_is_reported_with_a_hint(tmp_path: Path) -> None:
    with pytest.raises(IndexNotFound) as raised:
        open_index(tmp_path / "none")
    assert "leisearch index" in hint(raised.value)


def test_damaged_manifest_is_reported(copied_index: Path) -> None:
    (copied_index / MANIFEST).write_text("{not json", encoding="utf-8")
    with pytest.raises(IndexCorrupt) as raised:
        open_index(copied_index)
    assert "--rebuild" in hint(raised.value)


# Whoosh leaves the damaged TOC file open when it fails to parse it.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_damaged_segments_are_reported(copied_index: Path) -> None:
    for toc in copied_index.glob("gen-*/_MAIN_*.toc"):
        toc.write_bytes(b"garbage")
    with pytest.raises(IndexCorrupt):
        open_index(copied_index)


def test_a_foreign_folder_is_never_written(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "thesis.docx").write_bytes(b"precious")
    with pytest.raises(IndexUnwritable):
        build([SEEDS], folder, rebuild=True)
    assert sorted(p.name for p in folder.iterdir()) == ["thesis.docx"]


def test_first_open_builds_from_seeds(tmp_path: Path) -> None:
    opened = open_index(tmp_path / "fresh", build_if_missing=True)
    assert any("building" in note for note in opened.notes)
    assert len(opened.index.manifest.articles) == len(list(SEEDS.glob("*.txt")))


# --- robustness (found by trying the CLI as a new user) --------------------------------


def test_long_operator_chains_do_not_overflow(seed_index: Index) -> None:
    same = search(seed_index, " AND ".join(["Musk"] * 1000), limit=0).hits
    assert [h.paragraph for h in same] == [
        h.paragraph for h in search(seed_index, "Musk", limit=0).hits
    ]


def test_a_pasted_page_is_cut_to_its_first_words_with_a_note(seed_index: Index) -> None:
    words = " ".join(f"word{i}" for i in range(500)) + " Xiaomi"
    result = search(seed_index, words)
    assert any("only the first" in note for note in result.notes)


@pytest.mark.parametrize("query", ["???", "*", "~", "-", "\U0001f600", '"', ")("])
def test_punctuation_only_queries_are_errors(seed_index: Index, query: str) -> None:
    with pytest.raises(QueryError) as raised:
        search(seed_index, query)
    assert raised.value.reason in (Reason.ONLY_PUNCTUATION, Reason.NO_WORDS)


@pytest.mark.parametrize("query", ["a" * 61, "3f" * 32, f"{'x' * 70} ??"])
def test_words_too_long_to_be_indexed_are_said_so(seed_index: Index, query: str) -> None:
    with pytest.raises(QueryError) as raised:
        search(seed_index, query)
    assert raised.value.reason is Reason.WORDS_TOO_LONG
    assert "longer than 60 characters" in str(raised.value)
    # A word of 60 is a word: searched, not refused (and found nowhere).
    assert search(seed_index, "a" * 60).hits == ()


@pytest.mark.parametrize("wanted", ["zzz", "0", ""])
def test_article_field_is_checked_like_the_option(seed_index: Index, wanted: str) -> None:
    with pytest.raises(UsageError):
        search(seed_index, f"article:{wanted} Musk" if wanted else "Musk", article=wanted or "")
    if wanted:
        with pytest.raises(UsageError):
            search(seed_index, f"article:{wanted} Musk")


def test_fuzzy_edits_are_capped_by_word_length(seed_index: Index) -> None:
    hits = search(seed_index, "Musk~9", limit=0).hits
    assert hits
    # (A paragraph is searched with its article's headline.)
    shown = [f"{h.snippet.text} {h.title}" for h in hits]
    assert all(re.search(r"\b[Mm]\w{2,5}\b", text) for text in shown)
    assert search(seed_index, "Musk~9", limit=1).hits[0].text.count("Musk") >= 1
    # Said, not done silently; within the cap, nothing to say.
    assert search(seed_index, "Musk~9").notes == (
        "Musk~9: a word of 4 letters is matched with at most 2 edits",
    )
    assert search(seed_index, "Xiaomi~9").notes == (
        "Xiaomi~9: a word of 6 letters is matched with at most 3 edits",
    )
    assert search(seed_index, "Musk~2").notes == search(seed_index, "Musk~").notes == ()


def test_phrases_highlight_only_the_whole_phrase(seed_index: Index) -> None:
    for hit in search(seed_index, '"word of mouth"', limit=0).hits:
        marked = [hit.snippet.text[s.start : s.end] for s in hit.snippet.spans]
        assert marked
        assert all(analyze(m) == ["word", "of", "mouth"] for m in marked), marked


def test_and_snippets_show_every_required_term(tmp_path: Path) -> None:
    long = ("Apple " + "filler text here. " * 30 + "patents ") + ("patents again. " * 5)
    corpus = write_corpus(tmp_path / "c", {"a": f"T\n\n{long}"})
    build([corpus], tmp_path / "ix")
    hit = search(open_index(tmp_path / "ix").index, "patents AND Apple", snippet_chars=600).hits[0]
    marked = {hit.snippet.text[s.start : s.end].lower() for s in hit.snippet.spans}
    assert {"apple", "patents"} <= marked


def test_a_missing_segment_is_reported_as_damage(copied_index: Path) -> None:
    segments = [p for p in copied_index.glob("gen-*/MAIN_*") if p.name != "MAIN_WRITELOCK"]
    assert segments
    for segment in segments:
        segment.unlink()
    with pytest.raises(IndexCorrupt) as raised:
        search(open_index(copied_index).index, "Musk")
    assert "--rebuild" in hint(raised.value)


def test_a_file_keeps_its_id_however_it_is_named(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c" / "one", {"dup": "T1\n\nfirst version"})
    write_corpus(tmp_path / "c" / "two", {"dup": "T2\n\nother file"})
    index_dir = tmp_path / "ix"
    build([tmp_path / "c"], index_dir)
    ids = sorted(a.id for a in open_index(index_dir).index.manifest.articles)
    assert ids == ["one/dup", "two/dup"]
    write_corpus(corpus, {"dup": "T1\n\nsecond version"})
    build([corpus / "dup.txt"], index_dir)
    opened = open_index(index_dir).index
    assert sorted(a.id for a in opened.manifest.articles) == ids
    assert search(opened, "first", limit=0).hits == ()
    assert [h.article for h in search(opened, "second").hits] == ["one/dup"]


def test_nothing_readable_is_an_error_and_leaves_the_index(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c", {"a": "T\n\ntext"})
    (tmp_path / "notes.pdf").write_text("# not an article", encoding="utf-8")
    build([corpus], tmp_path / "ix")
    with pytest.raises(CorpusError) as raised:
        build([tmp_path / "notes.pdf"], tmp_path / "ix")
    assert "not a .txt, .md, .markdown, .html, .htm, .json or .jsonl file" in raised.value.message
    assert [a.id for a in open_index(tmp_path / "ix").index.manifest.articles] == ["a"]


def test_an_index_path_that_is_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(IndexNotFound, match="is a file"):
        open_index(blocker)
    with pytest.raises(IndexNotFound, match="is a file"):
        build([SEEDS], blocker)


def test_a_one_line_megabyte_file_is_indexed_and_searched(tmp_path: Path) -> None:
    """Hostile input: one paragraph of a million characters, full of quote marks."""
    words = ["alpha", "beta", "said", '"', "Lei", "Jun", "the", "\u201c", "\u201d", "Mr.", "he"]
    line = " ".join(words[(i * 7 + i // 3) % len(words)] for i in range(200_000))
    corpus = write_corpus(tmp_path / "c", {"big": f"Title\n\n{line}"})
    report = build([corpus], tmp_path / "ix")
    # Cut at sentence ends ("Mr. " is one, as far as a cut goes) into paragraphs of at
    # most MAX_PARAGRAPH_CHARS.
    assert report.paragraphs >= len(line) // MAX_PARAGRAPH_CHARS
    hits = search(open_index(tmp_path / "ix").index, "alpha beta").hits
    assert hits and all(len(hit.text) <= MAX_PARAGRAPH_CHARS for hit in hits)
    assert all(len(hit.snippet.text) <= 242 for hit in hits)


# Whoosh may leave the damaged file open when it fails to read it.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("suffix", [".pst", ".trm", "_stored.col"])
def test_a_truncated_segment_file_is_reported_as_damage(copied_index: Path, suffix: str) -> None:
    files = list(copied_index.glob(f"gen-*/MAIN_*{suffix}"))
    assert files
    for path in files:
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    with pytest.raises(IndexCorrupt) as raised:
        search(open_index(copied_index).index, "word of mouth")
    assert "--rebuild" in hint(raised.value)
    del raised
    gc.collect()  # Whoosh's leaked handles are reported here, under this test's filter


def test_look_alike_names_do_not_make_a_folder_ours(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    (folder / "gen-results").mkdir(parents=True)
    (folder / "gen-results" / "data.csv").write_text("1,2", encoding="utf-8")
    (folder / "MAINTAINERS.md").write_text("me", encoding="utf-8")
    with pytest.raises(IndexUnwritable):
        build([SEEDS], folder)
    assert (folder / "gen-results" / "data.csv").exists()
    assert (folder / "MAINTAINERS.md").exists()


def test_ids_do_not_depend_on_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = write_corpus(tmp_path / "c", {"a": "A\n\nsome words", "b": "B\n\nother words"})
    monkeypatch.chdir(tmp_path)
    build([Path("c")], Path("ix"))
    monkeypatch.chdir(corpus)
    report = build([corpus], tmp_path / "ix")
    assert (report.new, report.unchanged) == (0, 2)
    assert sorted(a.id for a in open_index(tmp_path / "ix").index.manifest.articles) == ["a", "b"]


def test_an_unknown_word_does_not_unrank_the_others(seed_index: Index) -> None:
    alone = search(seed_index, "Apple").hits
    with_typo = search(seed_index, "Apple zzzqqq").hits
    assert [(h.article, h.paragraph) for h in with_typo] == [
        (h.article, h.paragraph) for h in alone
    ]
    assert with_typo[0].score > 0


def test_a_title_filter_that_matches_nothing_is_no_results(seed_index: Index) -> None:
    assert search(seed_index, "title:Sony patents").hits == ()
    assert search(seed_index, "title:zzz").hits == ()
    assert search(seed_index, "title:Sony Xiaomi").hits


def test_every_readable_article_is_indexed_even_of_one_line(tmp_path: Path) -> None:
    corpus = write_corpus(
        tmp_path / "c",
        {
            "quote": '"This is fine," said Mary Jones',
            "headline": "Harbour bridge reopens after repairs",
            "full": "Ferry fares\n\nThe ferry fares rise in May.",
        },
    )
    report = build([corpus], tmp_path / "ix")
    assert (report.articles, report.paragraphs, report.skipped) == (3, 3, ())
    index = open_index(tmp_path / "ix").index
    assert [h.article for h in search(index, "bridge").hits] == ["headline"]
    quotes = find_quotes(index, speaker="Mary Jones").hits
    assert [(q.quote.article, q.quote.text) for q in quotes] == [("quote", "This is fine,")]


_LEVELS = st.sampled_from(["low", "medium", "high"])


@given(
    quotes=st.lists(
        st.tuples(
            st.integers(0, 5),
            st.integers(5, 9),
            st.one_of(st.none(), st.sampled_from(["Lei Jun", "Ann Lee", "Bo"])),
            st.sampled_from(["said", "told", ""]),
            _LEVELS,
        ),
        max_size=8,
    ),
    floor=_LEVELS,
)
def test_a_hits_speakers_are_those_of_its_quotations_at_the_confidence_asked(
    quotes: list[tuple[int, int, str | None, str, str]], floor: str
) -> None:
    # A query reads a hit's speakers from the stored tuples, without making a Quote
    # of each: the same names, in the same order, as the quotations at that level.
    stored = Stored("a", "A story", 1, "0123456789", tuple(quotes))
    expected = tuple(
        dict.fromkeys(str(q.speaker) for q in quotes_of(stored) if at_least(q.confidence, floor))
    )
    assert speakers_of(stored, floor) == expected


@pytest.fixture(scope="module")
def written_together(tmp_path_factory: pytest.TempPathFactory) -> Index:
    """Words with inner capitals, and one written both ways."""
    folder = tmp_path_factory.mktemp("together")
    corpus = write_corpus(
        folder / "c",
        {
            "video": "Video\n\nThe clip was watched on YouTube by millions of people.",
            "check": "Checks\n\nPolitifact rated the claim false after a long review.",
            "both": "Both\n\nThe OnePlus phone and a Oneplus case were on sale there.",
            "apart": "Apart\n\nYou can tube down the river in summer, they said.",
            "stem": "Stems\n\nThe sexting scandal grew, said Ted; sex was the word here.",
        },
    )
    build([corpus], folder / "ix", rebuild=True)
    return open_index(folder / "ix").index


@pytest.mark.parametrize(
    ("query", "articles"),
    [
        # typed without the capitals the text has: the parts in a row (not one and the other)
        ("youtube", ["video"]),
        ("YouTube", ["video"]),
        # typed with capitals where the text has none: the word as the text writes it
        ("PolitiFact", ["check"]),
        ("politifact", ["check"]),
        # held both ways: either
        ("OnePlus", ["both"]),
        ("oneplus", ["both"]),
        # a word in no text that splits into two (sex, ted) still finds its stem (sexting)
        ("sexted", ["stem"]),
    ],
)
def test_inner_capitals_do_not_decide_what_matches(
    written_together: Index, query: str, articles: list[str]
) -> None:
    result = search(written_together, query)
    assert sorted(hit.article for hit in result.hits) == articles
    assert result.unknown == () and result.suggestion is None
    hit = result.hits[0]
    # Highlighted as found: each time the word is written, whichever way.
    marked = "".join(hit.snippet.text[s.start : s.end] for s in hit.snippet.spans).lower()
    assert marked and marked == {"sexted": "sexting"}.get(query, query.lower()) * (
        len(marked) // len(query)
    )


def test_a_misspelt_word_is_not_read_as_words_written_together(
    written_together: Index,
) -> None:
    # "tube" and "you" are words of the index, but no paragraph holds them in that order:
    # "tubeyou" is no word written with inner capitals, and is named as found nowhere.
    result = search(written_together, "clip tubeyou")
    assert [hit.article for hit in result.hits] == ["video"]
    assert result.unknown == ("tubeyou",)
    # Punctuation typed on a word does not keep it from its parts.
    assert [hit.article for hit in search(written_together, "youtube?").hits] == ["video"]


@pytest.mark.parametrize(
    ("query", "empty"),
    [
        ("speaker:", ["speaker:"]),
        ("patents date: 2024", ["date:"]),
        ("patents -title: car", ["title:"]),
        ("(article: patents)", ["article:"]),
        # a value after the colon, a word that only ends in one, a capital (pasted text:
        # "Source: Reuters"), or a quoted phrase: no note, searched as it always was
        ("date:2024 patents", []),
        ("xdate: patents", []),
        ("Source: Reuters patents", []),
        ('"the speaker: order" patents', []),
    ],
)
def test_a_field_given_no_value_is_searched_as_a_word_with_a_note(
    seed_index: Index, query: str, empty: list[str]
) -> None:
    result = search(seed_index, query)
    said = [note for note in result.notes if "has no value right after the colon" in note]
    assert [note.split("'")[1] for note in said] == empty


@pytest.mark.parametrize(
    ("query", "by_headline"),
    [
        ("strike", {1: False, 2: True}),  # the second paragraph holds no "strike"
        ('"called off"', {1: False}),
        ("harbour", {1: True, 2: False}),  # the word is in the headline and the second
        ('"strike ends"', {1: True, 2: True}),  # the phrase is the headline's alone
        ("cranes OR harbour", {1: True, 2: False}),
        # an excluded word the paragraph holds is no match of its own
        ("strike OR (cranes -ships)", {1: False, 2: True}),
        # found by a field term among the alternatives: no word need be in it at all
        ("article:dock OR cranes", {1: False, 2: False}),
        ('speaker:"Ann Roe" OR cranes', {1: False}),
    ],
)
def test_a_hit_says_when_only_its_headline_holds_the_query(
    tmp_path: Path, query: str, by_headline: dict[int, bool]
) -> None:
    corpus = write_corpus(
        tmp_path / "c",
        {
            "dock": "Harbour strike ends\n\n"
            "The strike of the dockers was called off on Monday, Ann Roe said: "
            '"We are back at work."\n\n'
            "Ships queued outside the harbour for a week.",
        },
    )
    build([corpus], tmp_path / "ix")
    hits = search(open_index(tmp_path / "ix").index, query).hits
    assert {h.paragraph: h.by_headline for h in hits} == by_headline


def test_an_excluded_word_is_excluded_from_every_match_not_only_the_best(tmp_path: Path) -> None:
    # The excluded word's paragraphs begin before the one paragraph of the other word, and
    # hold it too: Whoosh's own matcher let it through when asked for every match.
    corpus = write_corpus(
        tmp_path / "c",
        {
            "a": "Notes\n\nThe footnote ran to a page.",
            "b": "Citations\n\nMuch attention has gone to the lowly footnote.",
            "c": "Praise\n\nA lowly clerk kept the ledger.",
        },
    )
    build([corpus], tmp_path / "ix", procs=1)
    index = open_index(tmp_path / "ix").index
    for limit in (0, 1, 10):
        hits = search(index, "lowly -footnote", limit=limit).hits
        assert [h.article for h in hits] == ["c"], limit
        assert [h.article for h in search(index, "footnote -lowly", limit=limit).hits] == ["a"]


def test_a_short_list_is_the_start_of_the_default_one(tmp_path: Path) -> None:
    # The later copy ranks first (its paragraph is shorter); the earlier one, a near copy,
    # is shown in its place: with -n 1 as with the default, where it is among the
    # candidates either way.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    words = (
        "Kobo Ledger, the Lagos payments firm, raised 48 million dollars from investors "
        "in London and Nairobi this week, its chief executive told staff in a memo"
    )
    (corpus / "first.md").write_text(
        f"---\ntitle: Funding\ndate: 2025-03-20\n---\n\n{words} on Monday.\n\nOther news.\n",
        encoding="utf-8",
    )
    (corpus / "later.md").write_text(
        f"---\ntitle: Funding\ndate: 2025-03-21\n---\n\n{words}.\n\nMore.\n",
        encoding="utf-8",
    )
    build([corpus], tmp_path / "ix")
    index = open_index(tmp_path / "ix").index
    shown = [
        (hit.article, hit.paragraph, hit.duplicates)
        for limit in (1, 2, 10)
        for hit in search(index, "Kobo", limit=limit).hits[:1]
    ]
    assert shown == [("first", 1, ("later:1",))] * 3
