"""What ranking promises beyond BM25, each on a corpus written for the test: headlines
searched, glued words after whole ones, fuzzy matches by closeness, a repeated word
weighing more, copies folded (paragraphs and quotations) and counted once."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from leisearch.engine.protocol import Head, Ranked, Stored
from leisearch.engine.whoosh.reader import WhooshSearcher
from leisearch.models import Quote
from leisearch.service import search as search_module
from leisearch.service.browse import stats
from leisearch.service.build import build
from leisearch.service.folding import MAX_LISTED, Folder, Group, _near, fold_quotes
from leisearch.service.opening import Index, open_index
from leisearch.service.search import RERANK_DEPTH, find_quotes, list_speakers, search
from leisearch.text.copies import Print, copy_key, near_copies, print_of, shingles, similarity

from .conftest import run_cli, write_corpus

FILLER = "The town council met on {day} to discuss the budget and the roads."


def index_of(tmp_path: Path, articles: dict[str, str]) -> Index:
    build([write_corpus(tmp_path / "c", articles)], tmp_path / "ix")
    return open_index(tmp_path / "ix").index


def ranked(index: Index, query: str, **options: object) -> list[tuple[str, int]]:
    return [(h.article, h.paragraph) for h in search(index, query, limit=0, **options).hits]


# --- headlines ------------------------------------------------------------------------------


def test_a_paragraph_of_the_article_about_it_comes_before_a_passing_mention(
    tmp_path: Path,
) -> None:
    index = index_of(
        tmp_path,
        {
            "about": "The ferry strike enters its second week\n\n"
            + FILLER.format(day="Monday")
            + "\n\nPassengers waited for hours at the ferry terminal on Tuesday.",
            "passing": "Council approves new budget\n\n"
            + FILLER.format(day="Friday")
            + "\n\nThe mayor also mentioned the ferry terminal on Tuesday.",
        },
    )
    hits = ranked(index, "ferry strike")
    assert hits[0] == ("about", 2)
    # The article's other paragraph is found by its headline alone.
    assert set(hits) == {("about", 2), ("about", 1), ("passing", 2)}


def test_title_searches_the_headline_and_exclusions_it_too(tmp_path: Path) -> None:
    index = index_of(
        tmp_path,
        {
            "a": "Car sales fall\n\nDealers had a quiet month.\n\nA car park closed.",
            "b": "Bicycle sales rise\n\nDealers had a busy month.",
        },
    )
    assert {a for a, _ in ranked(index, "title:car")} == {"a"}
    # A paragraph is searched with its headline: "-car" leaves out the article about cars.
    assert ranked(index, "dealers -car") == [("b", 1)]
    assert ranked(index, "title:car dealers") == [("a", 1)]


# --- glued words, fuzzy words, repeated words -----------------------------------------------


def test_a_glued_word_is_found_after_the_word_itself(tmp_path: Path) -> None:
    console = "My PlayStation broke, so the PlayStation went back to the {} shop."
    towns = [
        "Leeds",
        "York",
        "Bath",
        "Derby",
        "Hull",
        "Ely",
        "Truro",
        "Wells",
        "Ripon",
        "Exeter",
        "Perth",
        "Bangor",
    ]
    articles = {f"game{i}": f"Games\n\n{console.format(t)}" for i, t in enumerate(towns)}
    rails = ["The new station opened.", "A station was closed for repairs.", "Trains skip it."]
    articles |= {f"rail{i}": f"Railways\n\n{text}" for i, text in enumerate(rails[:2])}
    index = index_of(tmp_path, articles)
    hits = search(index, "station", limit=2).hits
    assert sorted(h.article for h in hits) == ["rail0", "rail1"]
    # Still found, after them: the glued word is split so that scraped text is found.
    everything = search(index, "station", limit=0, all_copies=True).hits
    assert len(everything) == 14
    assert {h.article for h in everything[2:]} == {f"game{i}" for i in range(12)}


def test_fuzzy_matches_the_nearest_word_first_then_the_rarest(tmp_path: Path) -> None:
    days = [f"Day {i}\n\nThe club trained in the morning, session {i}." for i in range(10)]
    articles = {f"a{i}": text for i, text in enumerate(days)}
    articles |= {
        "funeral": "Funeral\n\nThe town was in mourning for the old coach.",
        "coach": "Coach\n\nJose Mourinho praised the players.",
    }
    index = index_of(tmp_path, articles)
    # The rarest word of those two edits away wins over common ones...
    assert search(index, "Mourhino~", limit=1).hits[0].article == "coach"
    # ...but one edit away ("monring" is "morning" with two letters swapped) comes before
    # two ("mourning"), though "mourning" is the rarer word.
    assert search(index, "monring~", limit=1).hits[0].article != "funeral"


def test_a_word_typed_twice_weighs_more(tmp_path: Path) -> None:
    index = index_of(
        tmp_path,
        {
            "apples": "Fruit\n\nApples were cheap at the market this week.",
            "pears": "Fruit\n\nPears were cheap at the market this week.",
        },
    )
    assert search(index, "apples pears", limit=1).hits[0].article in {"apples", "pears"}
    assert search(index, "pears apples pears", limit=1).hits[0].article == "pears"
    assert search(index, "apples pears apples", limit=1).hits[0].article == "apples"


# --- copies ---------------------------------------------------------------------------------

STORY = (
    '"We will reopen the bridge by the spring," said Jane Roe, the mayor of Harbour Town.\n\n'
    "The bridge has been closed since the floods of last winter damaged its supports."
)


def syndicated(tmp_path: Path) -> Index:
    return index_of(
        tmp_path,
        {
            "wire": f"Bridge to reopen\n\n{STORY}",
            "repost": f"Harbour bridge to reopen in spring\n\n{STORY}",
            # A near copy: one word changed in the second paragraph.
            "edited": f"Bridge reopening\n\n{STORY.replace('last winter', 'this winter')}",
            "other": "Other news\n\nThe bridge club meets on Thursdays in the town hall.",
        },
    )


def test_copies_of_a_paragraph_are_one_hit_that_lists_them(tmp_path: Path) -> None:
    index = syndicated(tmp_path)
    hits = search(index, "floods bridge supports", limit=10).hits
    shown = [(h.article, h.paragraph) for h in hits]
    assert len([a for a, p in shown if p == 2 and a != "other"]) == 1
    first = next(h for h in hits if h.paragraph == 2 and h.article != "other")
    assert sorted(first.duplicates) == sorted(
        f"{a}:2" for a in ("wire", "repost", "edited") if a != first.article
    )
    every = search(index, "floods bridge supports", limit=10, all_copies=True).hits
    assert {(h.article, h.paragraph) for h in every} >= {(a, 2) for a in ("wire", "repost")}
    assert all(not h.duplicates for h in every)


def test_copies_beyond_the_shown_hits_are_listed_too(tmp_path: Path) -> None:
    index = syndicated(tmp_path)
    hit = search(index, "floods last winter", limit=1).hits[0]
    # Its exact copy, though only one hit was asked for (near copies are found among the
    # candidates, as in the test before).
    assert hit.article in {"repost", "wire"}
    assert f"{({'repost', 'wire'} - {hit.article}).pop()}:2" in hit.duplicates


def test_a_syndicated_quotation_is_one_quotation_and_counts_once(tmp_path: Path) -> None:
    index = syndicated(tmp_path)
    quotes = find_quotes(index, speaker="Jane Roe").hits
    assert len(quotes) == 1
    assert len(quotes[0].duplicates) == 2
    assert len(find_quotes(index, speaker="Jane Roe", all_copies=True).hits) == 3
    roe = next(s for s in list_speakers(index) if s.name == "Jane Roe")
    assert roe.quotes == 1
    assert stats(index).quotations == sum(s.quotes for s in list_speakers(index))


def test_the_human_output_says_where_else_it_was_published(tmp_path: Path) -> None:
    syndicated(tmp_path)
    result = run_cli("quotes", "--speaker", "Jane Roe", "--index", str(tmp_path / "ix"))
    assert result.returncode == 0, result.stderr
    assert "also in 2 articles:" in result.stdout
    copies = run_cli(
        "quotes", "--speaker", "Jane Roe", "--all-copies", "--index", str(tmp_path / "ix")
    )
    assert copies.stdout.count("Jane Roe") == 3 and "also in" not in copies.stdout


def _stored(article: str, text: str, score: float = 1.0) -> Stored:
    return Stored(article, "T", 1, text, (), score)


def fold(found: list[Stored]) -> list[Group]:
    folder = Folder(lambda s: print_of(s.text))
    for stored in found:
        folder.add(stored)
    return folder.groups()


@pytest.mark.parametrize(
    ("texts", "groups"),
    [
        (["a b c d e f", "a b c d e f"], [[0, 1]]),
        (["a b c d e f", "A, b; c d e f!"], [[0, 1]]),  # the same words: one
        (["a b c d e f g h i j", "a b c d e f g h i k"], [[0, 1]]),  # near copies
        (["a b c d e f", "u v w x y z"], [[0], [1]]),
        (["short", "short"], [[0], [1]]),  # too short to be a copy of anything
        (["a b c d e f", "u v w x y z", "a b c d e f"], [[0, 2], [1]]),
    ],
)
def test_fold(texts: list[str], groups: list[list[int]]) -> None:
    found = [_stored(f"x{i}", text) for i, text in enumerate(texts)]
    folded = fold(found)
    assert [[found.index(g.first), *(found.index(c) for c in g.copies)] for g in folded] == groups


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(st.sampled_from("abc de"), max_size=40), max_size=12))
def test_folding_keeps_every_candidate_once_in_order(texts: list[str]) -> None:
    found = [_stored(f"x{i}", text) for i, text in enumerate(texts)]
    folded = fold(found)
    members = [m for g in folded for m in (g.first, *g.copies)]
    assert sorted(members, key=found.index) == found
    firsts = [g.first for g in folded]
    assert firsts == sorted(firsts, key=found.index)
    for group in folded:
        for copy in group.copies:
            same = copy_key(copy.text) == group.key and group.key
            assert same or near_copies(copy.text, group.first.text)


_WORDS = st.sampled_from(["ferry", "pier", "storm", "harbour", "sailed", "the", "of", "town"])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(_WORDS, min_size=5, max_size=12).map(" ".join), max_size=30),
    st.integers(1, 6),
)
def test_folding_only_the_first_groups_keeps_them_as_they_were(texts: list[str], most: int) -> None:
    # A search shows its first N groups: the candidates past them only add copies.
    found = [_stored(f"x{i}", text) for i, text in enumerate(texts)]
    capped = Folder(lambda s: print_of(s.text), most)
    for stored in found:
        capped.add(stored)
    assert capped.groups() == fold(found)[:most]


def _fold_each(found: list[Stored], most: int | None) -> list[Group]:
    """Folding as ``Folder`` describes it, each candidate looked at afresh: a copy of the
    first group with its fingerprint, else of the first that shares a pair of its sketch
    and is near it; else a group of its own, while fewer than ``most``."""
    groups: list[tuple[Stored, list[Stored], Print]] = []
    for stored in found:
        made = print_of(stored.text)
        same = [g for g in groups if made.key and g[2].key == made.key]
        near = [
            g
            for g in groups
            if made.pairs and set(made.sketch) & set(g[2].sketch) and _near(made.pairs, g[2].pairs)
        ]
        if same or near:
            (same or near)[0][1].append(stored)
        elif most is None or len(groups) < most:
            groups.append((stored, [], made))
    return [Group(first, tuple(copies), made.key) for first, copies, made in groups]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(_WORDS, min_size=5, max_size=9).map(" ".join), min_size=1, max_size=5),
    st.lists(st.integers(0, 4), max_size=40),
    st.one_of(st.none(), st.integers(1, 4)),
)
@example(  # a near copy, then an exact copy of it: that one's outcome, kept
    ["ferry ferry ferry ferry ferry pier", "ferry ferry ferry ferry pier ferry"], [0, 1, 1], None
)
def test_exact_copies_fold_as_the_candidate_they_copy(
    pool: list[str], picks: list[int], most: int | None
) -> None:
    # A candidate's outcome is kept by its fingerprint (reposts fold at one look-up):
    # folding is still each candidate's own, with any number of exact copies.
    found = [_stored(f"x{i}", pool[pick % len(pool)]) for i, pick in enumerate(picks)]
    folder = Folder(lambda s: print_of(s.text), most)
    for stored in found:
        folder.add(stored)
    assert folder.groups() == _fold_each(found, most)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "b", "c", "the", "of", "Zoë", "don\u02bct"]), max_size=14),
    st.lists(st.sampled_from(["a", "b", "c", "the", "of", "Zoë", "don\u02bct"]), max_size=14),
)
def test_a_print_says_near_copy_as_the_word_pairs_do(a: list[str], b: list[str]) -> None:
    # Folding compares pairs by their hashes, and skips pairs of sets too unlike in size.
    one, two = " ".join(a), " ".join(b)
    left, right = print_of(one), print_of(two)
    assert (bool(left.pairs and right.pairs) and _near(left.pairs, right.pairs)) == near_copies(
        one, two
    )
    assert (left.key == right.key != "") == (copy_key(one) == copy_key(two) is not None)


def test_copies_that_fill_the_first_candidates_are_folded_and_more_fetched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    words = "the harbour ferry {} again after the long winter storms closed the old pier"
    articles = {
        f"copy{i:02d}": f"Ferry news {i}\n\n" + words.format(f"sailed{i}") for i in range(30)
    }
    for name in ("alpha", "beta", "gamma"):
        articles[name] = (
            f"Notes {name}\n\nA ferry was seen by the {name} club on a quiet day in the town, "
            "where the members met for their annual dinner and a long talk about the weather."
        )
    index = index_of(tmp_path, articles)
    added: list[Stored] = []

    class Counted(Folder):
        def add(self, stored: Stored) -> None:
            added.append(stored)
            super().add(stored)

    monkeypatch.setattr(search_module, "Folder", Counted)
    # 3 candidates, then 12, then all 33: each folded once, not once a pass.
    hits = search(index, "ferry", limit=3).hits
    assert len(added) == len({(s.article, s.paragraph) for s in added}) == 33
    # Every candidate folded at once: the same hits first.
    every = search(index, "ferry", limit=0).hits
    assert [(h.article, h.paragraph) for h in hits] == [(h.article, h.paragraph) for h in every[:3]]
    assert hits[0].article.startswith("copy") and len(hits[0].duplicates) == 29
    assert {h.article for h in hits[1:]} <= {"alpha", "beta", "gamma"}


def _harbour(copies: int) -> dict[str, str]:
    """An article and ``copies`` reposts of another, each with one word changed."""
    words = "the harbour ferry {} again after the long winter storms closed the old pier"
    articles = {
        f"copy{i:03d}": f"Ferry news {i}\n\n" + words.format(f"sailed{i}") for i in range(copies)
    }
    articles["other"] = "Notes\n\nA ferry was seen by the club on a quiet day in the town."
    return articles


def test_copies_folded_away_are_never_read_in_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Folding needs a candidate's place and print only (its head): the stored fields of
    # the copies past the candidates ranked again are not read. The hits are the same
    # as with every candidate read in full.
    index = index_of(tmp_path, _harbour(120))
    read: list[int] = []
    original = WhooshSearcher._stored

    def counted(self: WhooshSearcher, doc: int, score: float) -> Stored:
        read.append(doc)
        return original(self, doc, score)

    monkeypatch.setattr(WhooshSearcher, "_stored", counted)
    hits = search(index, "ferry", limit=2).hits
    assert [h.article for h in hits] == ["copy000", "other"]
    assert len(hits[0].duplicates) == MAX_LISTED  # (119 copies, at most 100 listed)
    assert 0 < len(set(read)) <= RERANK_DEPTH + 2  # of 121 candidates

    def in_full(found: Ranked, start: int) -> list[Stored | Head]:
        return list(found[start:])

    monkeypatch.setattr(search_module, "_heads", in_full)
    read.clear()
    again = search(index, "ferry", limit=2).hits
    assert again == hits and len(set(read)) == 121


@pytest.fixture(scope="module")
def harbour(tmp_path_factory: pytest.TempPathFactory) -> Index:
    return index_of(tmp_path_factory.mktemp("harbour"), _harbour(30))


@pytest.mark.parametrize("newest", [False, True])
@pytest.mark.parametrize("query", ["ferry", "harbour winter", '"old pier"', "harbour AND winter"])
def test_a_head_is_the_result_read_in_full(harbour: Index, query: str, newest: bool) -> None:
    compiled = search_module._compile(harbour, query, "low").query
    assert compiled is not None
    with harbour.reader.searcher() as searcher:
        heads = searcher.search(compiled, limit=None, newest_first=newest)
        full = searcher.search(compiled, limit=None, newest_first=newest)
        assert len(heads) == len(full) > 1
        for at in range(len(heads)):
            head = heads.head(at)  # before the result is read
            stored = full[at]
            assert head[:4] == (stored.article, stored.paragraph, stored.score, stored.print_data)
            assert head.read() == stored
            assert heads.head(at)[:4] == head[:4]  # and after


def test_quotations_fold_by_speaker_and_words() -> None:
    def quote(article: str, text: str, speaker: str) -> Quote:
        return Quote(article, "T", 1, text, 0, len(text), speaker)

    quotes = [
        quote("a", "We will win.", "Roe"),
        quote("b", "we will WIN", "Roe"),
        quote("c", "We will win.", "Doe"),
    ]
    assert [(q.article, [c.article for c in copies]) for q, copies in fold_quotes(quotes)] == [
        ("a", ["b"]),
        ("c", []),
    ]


@given(st.text(max_size=60), st.text(max_size=60))
def test_similarity_is_symmetric_and_bounded(a: str, b: str) -> None:
    x, y = shingles(a), shingles(b)
    assert similarity(x, y) == similarity(y, x)
    assert 0.0 <= similarity(x, y) <= 1.0
    assert not x or similarity(x, x) == 1.0


@pytest.mark.parametrize("scan", [0, 1000])
def test_a_quotations_copies_are_the_same_read_or_looked_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, scan: int
) -> None:
    # The same words, though the analyzer reads "don't" as one word and "don t" as two:
    # found by reading the rest of the hits, or by the quotation's fingerprint.
    monkeypatch.setattr(search_module, "COPY_SCAN", scan)
    index = index_of(
        tmp_path,
        {
            "first": 'Bridge news\n\n"We don\'t know when the bridge opens," said Jane Roe.',
            "repost": 'Bridge report\n\n"We don t know when the bridge opens," said Jane Roe.',
        },
    )
    hits = find_quotes(index, "know", limit=1).hits
    assert len(hits) == 1
    other = ({"first", "repost"} - {hits[0].quote.article}).pop()
    assert hits[0].duplicates == (f"{other}:1",)


@pytest.mark.parametrize(
    ("first", "read", "most", "rest", "asked"),
    [
        (None, 5, 3, None, [None]),  # every hit at once: 18 after the 5 read
        (None, 20, 3, [20, 21, 22], [None]),
        (4, 5, 3, None, [4]),  # maybe more than the 4 asked for: not asked for to count them
        (4, 2, 5, None, [4]),
        (4, 0, None, list(range(23)), [4, 16, 64]),  # all of them, four times more each time
        (30, 21, 1, None, [30]),  # 23 of 30: no need to ask again
        (30, 21, 2, [21, 22], [30]),
    ],
)
def test_ranked_hits_are_asked_for_as_far_as_they_are_read(
    first: int | None, read: int, most: int | None, rest: list[int] | None, asked: list[int | None]
) -> None:
    hits = list(range(23))
    calls: list[int | None] = []

    def search(limit: int | None) -> list[int]:
        calls.append(limit)
        return hits[:limit]

    ranked = search_module._Ranked(search, first)  # type: ignore[arg-type]
    assert ranked.after(read, most) == rest
    assert calls == asked
    assert list(ranked) == hits  # reading on asks for the rest


def test_quotations_read_as_far_as_needed_are_those_of_the_whole_ranking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # ``quotes`` asks for the best few paragraphs, then more as it reads on, and reads
    # the rest for copies only if it has it all (else looks the copies up): with a first
    # fetch of 4 paragraphs or of everything at once, the same. The best paragraphs mention the
    # budget outside their quotation (no hit), the next 20 quote one speaker's words.
    outside = 'Budget\n\nThe budget, the budget, the budget again. "We will see," said Jane Roe.'
    quoted = 'Budget\n\n"The budget is fine," said John Doe.'
    articles = {f"out{i}": outside.replace("again", f"again {i}") for i in range(6)}
    articles |= {f"said{i:02d}": quoted for i in range(20)}
    index = index_of(tmp_path, articles)
    results = {}
    for depth in (1, 10**9):  # the first fetch: 4 (at limit 1), or everything
        monkeypatch.setattr(search_module, "RERANK_DEPTH", depth)
        results[depth] = [find_quotes(index, "budget", limit=limit) for limit in (1, 2, 5)]
    assert results[1] == results[10**9]
    first = results[1][0].hits[0]
    assert first.quote.speaker == "John Doe" and len(first.duplicates) == 19
