"""The term-at-a-time ranking (``engine.whoosh.topk``) gives Whoosh's own results.

Each query is ranked both ways on the same searcher: the documents, their order
and their scores must be equal to the last bit, for several limits, with and
without a filter. The indexes cover both ways Whoosh adds an ``Or``'s scores (in
order, on a segment of up to 5,000 documents; a weighted tree beyond that, and
for two parts), several segments, and deleted documents.
"""

from __future__ import annotations

import heapq
import itertools
import os
import random
import subprocess
import sys
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from whoosh.codec.whoosh3 import W3Codec

from leisearch.engine.protocol import AllOf, AnyOf, Every, Phrase, Query, Term
from leisearch.engine.whoosh import reader as reader_module
from leisearch.engine.whoosh import topk
from leisearch.engine.whoosh.reader import WhooshSearcher, _Column, _Places
from leisearch.engine.whoosh.translation import translate
from leisearch.service.build import build
from leisearch.service.documents import LEVEL_MARK, speaker_term
from leisearch.service.opening import Index, open_index
from leisearch.service.search import _compile, search, search_many

from .conftest import write_corpus

WORDS = [
    *("word", "mouth", "market", "price", "phone", "car", "chip", "battle", "sea", "stars"),
    *("quality", "internet", "fan", "economy", "supply", "chain", "the", "of", "and", "is", "a"),
]

QUERIES = [
    "word",
    "word of mouth",
    "market price",
    "the price of a phone",
    "car chip battle sea stars quality",
    "price price market",  # a word typed twice weighs twice (a boost)
    '"supply chain"',
    '"the sea of stars" quality',
    "fan economy internet supply chain car",
    "mouth~",  # fuzzy: expansions with boosts below 1
    "pri*",
    "zzzz word",
    "patents",
    "Lei Jun car",
    "what did Lei Jun say about Elon Musk",
    '"word of mouth" marketing',
    "sea of stars",
]


def _rare_words(count: int = 120) -> list[str]:
    """Made-up words, each in a few paragraphs: with the common ones, queries whose
    words' bounds differ, so that ranking leaves documents out (``_Segment.best``)."""
    syllables = ["ba", "ko", "ri", "zu", "me", "tal", "vo", "xen", "dra", "pil"]
    return [a + b + c for a, b, c in itertools.islice(itertools.product(*[syllables] * 3), count)]


RARE = _rare_words()
#: Queries of rare words with common ones (a rare word is a few documents' only word of
#: the query, or the best-bounded of many), typed twice, in phrases.
MIXED = [
    f"{RARE[0]} the price",
    f"{RARE[1]} {RARE[2]} market of a phone",
    f"{RARE[3]} {RARE[3]} word",
    f'"{RARE[4]} {RARE[5]}" sea of stars',
    f"the a of and is {RARE[6]}",
    f"{RARE[7]}~ word mouth",
    f"{RARE[8]} {RARE[9]} {RARE[10]} {RARE[11]} the",
    f"{RARE[60]} {RARE[61]} car chip",
]


def _synthetic(folder: Path, articles: int, seed: int = 1) -> Path:
    rng = random.Random(seed)
    texts = {}

    def paragraph() -> str:
        words = [rng.choice(WORDS) for _ in range(rng.randint(5, 14))]
        if rng.random() < 0.3:  # a rare word: each in a few paragraphs of a hundred articles
            words.insert(rng.randrange(len(words)), rng.choice(RARE))
        return " ".join(words).capitalize() + "."

    for a in range(articles):
        paragraphs = [paragraph() for _ in range(52)]
        texts[f"a{a:03d}"] = f"Title {a}\n\n" + "\n\n".join(paragraphs)
    return write_corpus(folder, texts)


@pytest.fixture(scope="module")
def large_segment(tmp_path_factory: pytest.TempPathFactory) -> Index:
    """One segment of more than 5,000 paragraphs: Whoosh adds an Or's parts in a tree."""
    base = tmp_path_factory.mktemp("topk-large")
    build([_synthetic(base / "corpus", 110)], base / "ix", rebuild=True)
    return open_index(base / "ix").index


@pytest.fixture(scope="module")
def with_deletions(tmp_path_factory: pytest.TempPathFactory) -> Index:
    """Two segments, the first with deleted documents (an article changed since)."""
    base = tmp_path_factory.mktemp("topk-deleted")
    corpus = _synthetic(base / "corpus", 60)  # large enough for Whoosh to keep its segment
    build([corpus], base / "ix", rebuild=True)
    changed = corpus / "a003.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n\nThe word of mouth.\n", "utf-8")
    build([corpus], base / "ix")
    return open_index(base / "ix").index


def _whoosh_searcher(index: Index) -> tuple[WhooshSearcher, object]:
    with index.reader.searcher() as searcher:
        assert isinstance(searcher, WhooshSearcher)
        return searcher, searcher.whoosh


def _compare(index: Index, queries: list[str], monkeypatch: pytest.MonkeyPatch) -> int:
    """How many rankings were compared (all must be equal): with the documents that
    cannot be among the best left out at the usual size and at any size."""
    searcher, whoosh = _whoosh_searcher(index)
    speakers = searcher._docs(Every("speaker"))
    compared = 0
    for prune_from in (topk.PRUNE_FROM, 0):
        monkeypatch.setattr(topk, "PRUNE_FROM", prune_from)
        kept = topk.Scores()  # kept across queries, as a searcher keeps them
        for query in queries:
            compiled = _compile(index, query, "medium")
            if compiled.query is None:
                continue
            assert topk.supported(compiled.query), query
            for limit in (1, 10, 50, None):
                for allowed in (None, speakers, {0, 1, 2, 3, 40, 41}):
                    expected = [
                        (hit.score, hit.docnum)
                        for hit in whoosh.search(  # type: ignore[attr-defined]
                            translate(compiled.query), limit=limit, filter=allowed or None
                        )
                    ]
                    if allowed is not None and not allowed:
                        expected = []
                    # From Whoosh's searcher, and from the reader alone, as queries rank.
                    for ranker, scores in (
                        (whoosh, topk.Scores()),
                        (whoosh, kept),
                        (searcher._searcher, topk.Scores()),
                    ):
                        got = topk.ranked(ranker, compiled.query, limit, allowed, scores)
                        assert got == expected, (query, limit, allowed is None, prune_from)
                    compared += 1
    return compared


def test_the_seeds_rank_as_whoosh_ranks_them(
    seed_index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _compare(seed_index, QUERIES, monkeypatch) > 100


def test_a_large_segment_ranks_as_whoosh_ranks_it(
    large_segment: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert large_segment.reader.searcher  # one segment of more than 5,000 documents:
    _, whoosh = _whoosh_searcher(large_segment)
    assert whoosh.doc_count_all() > 5000 and whoosh.reader().is_atomic()  # type: ignore[attr-defined]
    assert _compare(large_segment, QUERIES + MIXED, monkeypatch) > 100


def test_deleted_documents_rank_as_whoosh_ranks_them(
    with_deletions: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, whoosh = _whoosh_searcher(with_deletions)
    assert whoosh.reader().has_deletions()  # type: ignore[attr-defined]
    assert _compare(with_deletions, QUERIES + MIXED, monkeypatch) > 100


def test_documents_that_cannot_be_among_the_best_are_left_out(
    large_segment: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Leaving them out is what makes ranking quick on a large corpus: on most of the
    # mixed queries, far fewer documents are scored than hold a word of the query.
    monkeypatch.setattr(topk, "PRUNE_FROM", 0)
    _, whoosh = _whoosh_searcher(large_segment)
    (sub, _), *_ = whoosh.leaf_searchers()  # type: ignore[attr-defined]
    scores = topk.Scores()
    lengths = scores.lengths(0, sub.reader())
    assert lengths is not None
    segment = topk._Segment(whoosh, sub, 0, lengths, scores)
    fewer = 0
    for query in MIXED:
        compiled = _compile(large_segment, query, "medium")
        assert compiled.query is not None
        every = segment.scores(compiled.query)
        best = segment.best(compiled.query, 10, None)
        assert all(every[doc] == score for doc, score in best.items())
        fewer += len(best) * 4 < len(every)
        if best != every:  # (not every query is pruned: those score every document)
            # What is left is what may be among the best 10: none below the 10th best
            # score (less what adding in another order may change).
            floor = heapq.nlargest(10, every.values())[-1] / (1 + topk._ROUNDING)
            assert min(best.values()) >= floor
    assert fewer >= len(MIXED) // 2


@pytest.mark.parametrize(
    "query", ["patents AND Apple", "car -battery", "title:Sony", "article:001 car"]
)
def test_other_queries_are_left_to_whoosh(seed_index: Index, query: str) -> None:
    compiled = _compile(seed_index, query, "medium")
    assert compiled.query is not None and not topk.supported(compiled.query)
    _, whoosh = _whoosh_searcher(seed_index)
    assert topk.ranked(whoosh, compiled.query, 10, None, topk.Scores()) is None


def test_kept_scores_stay_within_their_budget(
    large_segment: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(topk, "KEPT_BYTES", 48_000)
    monkeypatch.setattr(topk, "PHRASE_BYTES", 8_000)
    _, whoosh = _whoosh_searcher(large_segment)
    kept = topk.Scores()
    for query in QUERIES:
        compiled = _compile(large_segment, query, "medium")
        if compiled.query is not None:
            topk.ranked(whoosh, compiled.query, 10, None, kept)
            terms = sum(map(topk._cost, kept._kept.values()))
            phrases = sum(map(topk._cost, kept._phrases.values()))
            # Each within its own budget: the terms' arrays never push a phrase out.
            assert terms <= 48_000 and phrases <= 8_000
            assert len(kept) == terms + phrases
            assert all(isinstance(key[1], tuple) for key in kept._phrases)
    assert kept._kept and kept._phrases


def test_batch_and_single_queries_agree_on_a_large_segment(large_segment: Index) -> None:
    # The batch's searcher keeps scores from query to query; single queries too, on
    # the index's kept searcher: both must give what a fresh index gives.
    fresh = open_index(large_segment.path).index
    singles = [search(fresh, query, limit=5) for query in QUERIES]
    batch = list(search_many(large_segment, QUERIES * 2, limit=5))
    assert batch == singles * 2


def _all_of_as_whoosh(index: Index, words: list[str], extra: tuple[Query, ...]) -> int:
    """How many intersections were compared with Whoosh's (all must be equal)."""
    searcher, whoosh = _whoosh_searcher(index)
    stems = sorted({stem for word in words for stem in index.stemmer.analyze(word)})
    compared = 0
    for size in (1, 2, 3):
        for chosen in itertools.combinations(stems, size):
            for more in ((), *((e,) for e in extra)):
                query = AllOf((*(Term("text", stem) for stem in chosen), *more))
                expected = set(whoosh.docs_for_query(translate(query)))  # type: ignore[attr-defined]
                assert searcher._all_of(query.parts) == expected, query
                compared += 1
    return compared


def test_documents_holding_every_term_are_whooshs_on_the_seeds(seed_index: Index) -> None:
    # As a quotation's copies are looked for: its words, its speaker, the filters.
    speaker = Term("speaker", speaker_term(seed_index.speaker("Lei Jun"), "medium"))
    words = ["Xiaomi", "car", "phone", "price", "internet", "zzzz", "Lei"]
    assert _all_of_as_whoosh(seed_index, words, (Every("speaker"), speaker)) > 100


@pytest.mark.parametrize("fixture", ["large_segment", "with_deletions"])
def test_documents_holding_every_term_are_whooshs(
    fixture: str, request: pytest.FixtureRequest
) -> None:
    index = request.getfixturevalue(fixture)
    words = ["word", "mouth", "market", "chip", "stars", "economy", "zzzz"]
    assert _all_of_as_whoosh(index, words, (Every("speaker"), Term("article", "a003"))) > 100


def _ranked_both_ways(index: Index, query: Query, limits: list[int]) -> None:
    """``query`` ranked with documents left out (from any size), as Whoosh ranks it."""
    _, whoosh = _whoosh_searcher(index)
    for limit in limits:
        expected = [
            (hit.score, hit.docnum)
            for hit in whoosh.search(translate(query), limit=limit)  # type: ignore[attr-defined]
        ]
        got = topk.ranked(whoosh, query, limit, None, topk.Scores())
        assert got == expected, (query, limit)


def _repeating(folder: Path, paragraphs: list[tuple[str, int]]) -> tuple[Index, str, str]:
    """An index of one article per ``(paragraph, times)``; the stems of kettle, violin."""
    corpus = {
        f"a{i}": f"Title {i}\n\n" + "\n\n".join([p] * n) for i, (p, n) in enumerate(paragraphs)
    }
    build([write_corpus(folder / "c", corpus)], folder / "ix", rebuild=True)
    index = open_index(folder / "ix").index
    kettle, violin = (index.stemmer.analyze(word)[0] for word in ("kettle", "violin"))
    return index, kettle, violin


def test_a_boost_counts_in_what_a_word_can_add(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # "kettle" typed twice (boost 2): without the boost in its bound, it would seem
    # unable to lift its paragraphs above the floor that "violin" sets.
    monkeypatch.setattr(topk, "PRUNE_FROM", 0)
    paragraphs = [("Kettle lamp.", 4), ("Violin lamp.", 2), ("Lamp lamp.", 100)]
    index, kettle, violin = _repeating(tmp_path, paragraphs)
    query = AnyOf((Term("text", violin), Term("text", kettle, 2.0)))
    _ranked_both_ways(index, query, [1, 2, 3, 7])


def test_documents_that_tie_with_the_floor_are_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two words of the same bound, in as many paragraphs: the best 1 to 3 of one word
    # set a floor that the other's reach exactly, and the lower documents come first.
    monkeypatch.setattr(topk, "PRUNE_FROM", 0)
    index, kettle, violin = _repeating(tmp_path, [("Kettle lamp.", 3), ("Violin lamp.", 3)])
    _ranked_both_ways(index, AnyOf((Term("text", violin), Term("text", kettle))), [1, 2, 3, 4])


def test_documents_whose_sum_so_far_cannot_reach_the_floor_are_dropped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # "violin" can add more than the floor less "lamp"'s bound (one short paragraph says
    # it three times), so its paragraphs cannot be left out unseen; but each of the
    # long ones scores too little for "lamp" to lift it to the floor, and is dropped
    # once its own score is known. Only the paragraphs of "kettle" are scored in full,
    # and of those, only the three that make the best 3 are left when all is added.
    monkeypatch.setattr(topk, "PRUNE_FROM", 0)
    filler = "stool chair table bench desk shelf rug."
    paragraphs = [
        ("Kettle kettle.", 3),
        (f"Kettle {filler}", 100),
        ("Violin violin violin.", 1),
        (f"Violin {filler}", 150),
        (f"Lamp {filler}", 150),
    ]
    index, kettle, violin = _repeating(tmp_path, paragraphs)
    lamp = index.stemmer.analyze("lamp")[0]
    query = AnyOf((Term("text", kettle), Term("text", violin), Term("text", lamp)))
    _, whoosh = _whoosh_searcher(index)
    (sub, _), *_ = whoosh.leaf_searchers()  # type: ignore[attr-defined]
    scores = topk.Scores()
    lengths = scores.lengths(0, sub.reader())
    assert lengths is not None
    segment = topk._Segment(whoosh, sub, 0, lengths, scores)
    kettle_bound, violin_bound, lamp_bound = (segment._bound(p) for p in query.parts)  # type: ignore[arg-type]
    assert kettle_bound and violin_bound and lamp_bound
    floor = kettle_bound  # the best 3 say "kettle" twice, and nothing else
    assert violin_bound + lamp_bound > floor  # (so "violin" alone cannot be left out)
    best = segment.best(query, 3, None)
    assert [sub.reader().stored_fields(doc)["text"] for doc in best] == ["Kettle kettle."] * 3
    _ranked_both_ways(index, query, [1, 2, 3, 4, 110])


@pytest.fixture(scope="module")
def repeated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Index, list[str]]:
    """Paragraphs drawn from a few sentences (so scores tie by the hundred), in two
    segments, the first with deleted documents; and the sentences."""
    base = tmp_path_factory.mktemp("topk-repeated")
    rng = random.Random(7)
    words = ["alpha", "beta", "gamma", "delta", "zeta", "theta", "kappa", "lambda", "omega"]
    pool = [
        " ".join(rng.choice(words[: rng.choice([3, 6, 10])]) for _ in range(rng.randint(3, 20)))
        for _ in range(25)
    ]

    def article(number: int) -> str:
        paragraphs = (rng.choice(pool).capitalize() + "." for _ in range(rng.randint(5, 40)))
        return f"Title {number}\n\n" + "\n\n".join(paragraphs)

    corpus = write_corpus(base / "corpus", {f"a{i:02d}": article(i) for i in range(70)})
    build([corpus], base / "ix", rebuild=True)
    write_corpus(corpus, {f"a{i:02d}": article(100 + i) for i in (3, 30, 60)})
    build([corpus], base / "ix")
    return open_index(base / "ix").index, pool


def test_leaving_documents_out_changes_no_ranking(
    repeated: tuple[Index, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Random queries of words and phrases, nested, with any boost (a word typed twice, a
    # fuzzy expansion's fraction, tiny and huge ones), ranked with and without leaving
    # out the documents that cannot be among the best: the same, to the last bit.
    index, sentences = repeated
    _, whoosh = _whoosh_searcher(index)
    assert len(whoosh.leaf_searchers()) == 2 and whoosh.reader().has_deletions()  # type: ignore[attr-defined]
    terms = sorted(t.decode() for t in whoosh.reader().lexicon("text") if t.isalpha())  # type: ignore[attr-defined]
    boosts = [1.0, 1.0, 1.0, 2.0, 0.5, 0.8, 1 / 3, 3.0, 1e-4, 1e4]
    rng = random.Random(11)
    documents = whoosh.doc_count_all()  # type: ignore[attr-defined]

    def leaf() -> Query:
        if rng.random() < 0.25:  # two or three words that follow one another somewhere
            words = index.stemmer.analyze(rng.choice(sentences))
            at = rng.randrange(max(1, len(words) - 2))
            return Phrase("text", tuple(words[at : at + rng.randint(2, 3)]), rng.choice(boosts))
        return Term("text", rng.choice([*terms, "zzzz"]), rng.choice(boosts))

    def query(depth: int = 0) -> Query:
        count = rng.randint(2, 6)
        return AnyOf(
            tuple(
                query(depth + 1) if not depth and rng.random() < 0.15 else leaf()
                for _ in range(count)
            )
        )

    compared = 0
    for _ in range(80):
        ranked_query = query()
        kept = {prune_from: topk.Scores() for prune_from in (0, 10**12)}  # as a batch keeps them
        for limit in (1, 2, 3, 5, 10, 37):
            for allowed in (None, set(rng.sample(range(documents), documents // 3))):
                got = {}
                for prune_from, scores in kept.items():
                    monkeypatch.setattr(topk, "PRUNE_FROM", prune_from)
                    got[prune_from] = topk.ranked(whoosh, ranked_query, limit, allowed, scores)
                assert got[0] == got[10**12], (ranked_query, limit, allowed is None)
                compared += got[0] is not None
    assert compared == 80 * 6 * 2


def test_a_limit_below_one_is_an_error(seed_index: Index) -> None:
    _, whoosh = _whoosh_searcher(seed_index)
    with pytest.raises(ValueError, match="at least 1"):
        topk.ranked(whoosh, Term("text", "car"), 0, None, topk.Scores())


@pytest.mark.parametrize("mapped", [True, False])
def test_places_sliced_or_read_whole_are_the_columns_own(
    repeated: tuple[Index, list[str]], mapped: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two segments, one with deleted documents: every document's place, sliced from the
    # column's file mapped in memory (or, where it cannot be mapped, read from the
    # segment's bytes at once), is what Whoosh's column reader reads one at a time.
    if not mapped:
        monkeypatch.setattr(reader_module, "_sliced", lambda column, maps: None)
    index, _ = repeated
    _, whoosh = _whoosh_searcher(index)
    reader = whoosh.reader()  # type: ignore[attr-defined]
    column = reader.column_reader("place")
    places = _Places(reader)
    documents = range(reader.doc_count_all())
    assert len(reader.leaf_readers()) == 2
    assert [places(doc) for doc in reversed(documents)] == [
        bytes(column[doc]) for doc in reversed(documents)
    ]
    # and read at once, in any order, as one at a time
    shuffled = [*documents[1::2], *documents[::-2]]
    assert places.many(shuffled) == [bytes(column[doc]) for doc in shuffled]
    assert {places(doc).split(b"\0")[0] for doc in documents} == {
        article.id.encode() for article in index.manifest.articles
    }
    assert len(places._maps) == (2 if mapped and os.name != "nt" else 0)


def test_prints_sliced_are_the_columns_own_and_unmapped_with_the_searcher(
    repeated: tuple[Index, list[str]],
) -> None:
    # The print column holds empty values too (paragraphs too short to be a copy).
    index, _ = repeated
    _, whoosh = _whoosh_searcher(index)
    reader = whoosh.reader()  # type: ignore[attr-defined]
    column = reader.column_reader("print")
    prints = _Column(reader, "print", None)
    documents = range(reader.doc_count_all())
    got = [prints(doc) for doc in documents]
    assert got == [bytes(column[doc]) for doc in documents]
    assert b"" in got and any(got)
    maps = list(prints._maps)
    assert len(maps) == (0 if os.name == "nt" else 2)  # (Windows: read as Whoosh reads)
    prints.close()
    assert all(data.closed for data in maps) and not prints._maps
    # An index keeps its searcher, which unmaps its columns when the index is closed.
    opened = open_index(index.path).index
    with opened.reader.searcher() as searcher:
        assert [s.article for s in searcher.search(Term("text", "alpha"), limit=5)]
        kept = list(searcher._print_column._maps)  # type: ignore[attr-defined]
    assert len(kept) == (0 if os.name == "nt" else 2)
    assert not any(data.closed for data in kept)
    opened.close()
    assert all(data.closed for data in kept)


def _copies_index(folder: Path, apart: bool) -> Any:
    """5,100 paragraphs of other words and two copies of ``alpha beta gamma`` (places
    ``x`` and ``y``): in one segment, or the second copy in a segment of its own, as
    a parallel build or an update may put it."""
    from whoosh import fields
    from whoosh import index as whoosh_index
    from whoosh.columns import VarBytesColumn

    from leisearch.engine.whoosh.schema import place

    schema = fields.Schema(text=fields.TEXT(), place=fields.COLUMN(VarBytesColumn()))
    ix = whoosh_index.create_in(str(folder), schema)
    writer = ix.writer()
    for i in range(5100):  # over 5,000: Whoosh adds an Or's parts by their counts here
        words = [f"filler{i % 50}"] + ["beta"] * (i % 17 == 0) + ["alpha"] * (i % 51 == 0)
        writer.add_document(text=" ".join(words + ["gamma"] * (i % 255 == 0)), place=place("f", i))
    writer.add_document(text="alpha beta gamma", place=place("x", 1))
    if apart:
        writer.commit(merge=False)
        writer = ix.writer()
    writer.add_document(text="alpha beta gamma", place=place("y", 1))
    writer.commit(merge=False)
    return ix


def test_copies_whose_sums_differ_in_the_last_bit_tie(tmp_path: Path) -> None:
    # The same three scores, added in an order each segment chooses by its own counts:
    # the two copies' sums differ in the last bit when they are in different segments.
    from whoosh.scoring import BM25F

    from leisearch.engine.whoosh.reader import settled
    from leisearch.engine.whoosh.scoring import K1, B

    query = AnyOf((Term("text", "alpha"), Term("text", "beta"), Term("text", "gamma")))
    shown = {}
    for apart in (False, True):
        (tmp_path / str(apart)).mkdir()
        ix = _copies_index(tmp_path / str(apart), apart)
        with (
            ix.searcher(weighting=BM25F(B=B, K1=K1)) as whoosh,
            closing(WhooshSearcher(ix)) as searcher,
        ):
            for limit in (1, 2):
                top = topk.ranked(whoosh, query, limit, None, topk.Scores(), ties=True)
                assert top is not None and len(top) == 2
                order = settled(top, limit, searcher._places_of)
                places = [searcher._place(doc) for _, doc in order]
                shown[apart, limit] = places
    assert shown[False, 2] == shown[True, 2] == [b"x\x000000000001", b"y\x000000000001"]
    assert shown[False, 1] == shown[True, 1] == [b"x\x000000000001"]


def test_every_speaker_without_the_level_terms_is_every_speaker(seed_index: Index) -> None:
    """The paragraphs that quote anyone, read from the speakers' plain terms only."""
    searcher, whoosh = _whoosh_searcher(seed_index)
    everyone = set(whoosh.docs_for_query(translate(Every("speaker"))))  # type: ignore[attr-defined]
    assert searcher._docs(Every("speaker", skipping=LEVEL_MARK)) == everyone
    # There are level terms to skip, and their paragraphs are among those found.
    levels = [t for t, _ in _speaker_terms(whoosh) if LEVEL_MARK.encode() in t]
    assert levels and len(everyone) > 10
    # Each term read is one postings reader made: none for a level term.
    made: list[object] = []
    real = W3Codec.postings_reader

    def counted(self: W3Codec, *args: object, **kwargs: object) -> object:
        made.append(args[1])
        return real(self, *args, **kwargs)

    terms = _speaker_terms(whoosh)
    plain = [t for t, _ in terms if LEVEL_MARK.encode() not in t]
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(W3Codec, "postings_reader", counted)
        assert searcher._every("speaker", LEVEL_MARK.encode()) == everyone
        assert len(made) == len(plain) < len(terms)
        made.clear()
        assert searcher._every("speaker") == everyone
        assert len(made) == len(terms)


def _speaker_terms(whoosh: object) -> list[tuple[bytes, int]]:
    reader = whoosh.reader()  # type: ignore[attr-defined]
    return [(t, reader.doc_frequency("speaker", t)) for t in reader.lexicon("speaker")]


@pytest.fixture(scope="module")
def with_copies(tmp_path_factory: pytest.TempPathFactory) -> Index:
    """Two hundred articles, each with the same two paragraphs among its own."""
    base = tmp_path_factory.mktemp("topk-copies")
    corpus = _synthetic(base / "corpus", 200)
    shared = '"Word, word, word of mouth," Lei Jun said.\n\nSea stars, sea stars, market price.'
    for path in corpus.glob("*.txt"):
        path.write_text(path.read_text(encoding="utf-8") + "\n\n" + shared, encoding="utf-8")
    build([corpus], base / "ix", rebuild=True)
    return open_index(base / "ix").index


def test_asking_for_more_of_the_same_gives_a_fresh_searchers_answer(
    with_copies: Index, with_deletions: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    # ``service.search`` asks again for 4 times as many when copies fold away: the
    # searcher answers from its last ranking where that holds them (thousands of
    # paragraphs tie), and must answer as a searcher that ranks afresh.
    ranked = topk.ranked
    calls = 0

    def counted(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        return ranked(*args, **kwargs)

    monkeypatch.setattr(topk, "ranked", counted)
    fresh_calls = again_calls = 0
    for prune_from in (topk.PRUNE_FROM, 0):  # (documents left out: ``_Segment.best``)
        monkeypatch.setattr(topk, "PRUNE_FROM", prune_from)
        for index in (with_copies, with_deletions):
            searcher, _ = _whoosh_searcher(index)
            queries: list[Query] = []
            for text in ("word", "word of mouth", "sea stars", "price price market"):
                compiled = _compile(index, text, "medium")
                assert compiled.query is not None
                queries.append(compiled.query)
            for query in queries:
                for filter in (None, Every("speaker")):
                    for limit in (1, 4, 16, 64, 256, 1024, 4096):
                        before = calls
                        again = searcher.search(query, limit=limit, filter=filter)
                        between = calls
                        with closing(WhooshSearcher(searcher._ix)) as other:
                            fresh = [
                                (s.article, s.paragraph, s.score)
                                for s in other.search(query, limit=limit, filter=filter)
                            ]
                        again_calls += between - before
                        fresh_calls += calls - between
                        assert [(s.article, s.paragraph, s.score) for s in again] == fresh, (
                            query,
                            filter,
                            limit,
                            prune_from,
                        )
            # Every one of the same parts needed: ``AllOf`` is not the ranking of ``AnyOf``
            # (as named tuples, they are equal tuples).
            # ("Lei" is in one of the copied paragraphs, "star" in the other.)
            pair = (Term("text", "lei"), Term("text", "star"))
            searcher.search(AnyOf(pair), limit=1)
            for limit in (4, 16):
                both = [(s.article, s.paragraph) for s in searcher.search(AllOf(pair), limit=limit)]
                with closing(WhooshSearcher(searcher._ix)) as other:
                    fresh = [
                        (s.article, s.paragraph) for s in other.search(AllOf(pair), limit=limit)
                    ]
                assert both == fresh, limit
    # Each fresh searcher ranked afresh; the one asked again, less often.
    assert 0 < again_calls < fresh_calls


def test_a_broken_whoosh_install_is_not_a_damaged_index(seed_index_dir: Path) -> None:
    # Whoosh's searcher is imported at the first query that needs it: an import that fails
    # there is the install's fault, and goes up as it is, not as "rebuild the index".
    probe = (
        "import sys\n"
        "sys.modules['whoosh.classify'] = None\n"
        "from leisearch.service.opening import open_index\n"
        "from leisearch.service.search import search\n"
        f"index = open_index({str(seed_index_dir)!r}).index\n"
        "print(len(search(index, 'word of mouth').hits))\n"
        "try:\n"
        "    search(index, 'patents AND Apple')\n"
        "except Exception as error:\n"
        "    print(type(error).__name__)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False, timeout=60
    )
    found, raised = proc.stdout.split()
    assert int(found) > 0 and raised == "ModuleNotFoundError", proc.stderr


@given(
    st.lists(st.floats(allow_nan=False, width=32), min_size=1, max_size=300),
    st.integers(min_value=1, max_value=300),
)
def test_the_kth_best_and_the_best_k_are_heapqs(values: list[float], k: int) -> None:
    # (sorting where k is a large part of the values, heapq's loop elsewhere: both ways)
    k = min(k, len(values))
    assert topk._kth_largest(values, k) == heapq.nlargest(k, values)[-1]
    pairs = [(value, i % 7) for i, value in enumerate(values)]
    assert topk._smallest(pairs, k) == heapq.nsmallest(k, pairs)
