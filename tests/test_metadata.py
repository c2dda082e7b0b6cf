"""An article's date, source, author and URL, end to end: kept at index time, shown with
hits and quotations, filtered on (``--since``, ``--until``, ``--source``, ``date:``,
``source:``) and sorted by (``--sort date``), through the command line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from leisearch.models import ArticleMeta
from leisearch.service.browse import other_sources
from leisearch.service.build import build
from leisearch.service.filters import backwards, date_range, period
from leisearch.service.opening import open_index
from leisearch.service.search import find_quotes, search

from .conftest import run_cli


def _note(title: str, date: str, source: str, body: str, author: str = "A. Writer") -> str:
    return (
        f"---\ntitle: {title}\ndate: {date}\nsource: {source}\nauthor: {author}\n"
        f"url: https://example.org/{title.split()[0].lower()}\n---\n\n{body}\n"
    )


ARTICLES = {
    "march.md": _note(
        "Bridge closes in March",
        "2024-03-05",
        "The Harbour Herald",
        '"The bridge must close," said Jane Roe, the mayor, on the bridge. '
        '"Traffic will go by ferry," said Tom Fay.',
    ),
    "april.md": _note(
        "Bridge reopens in April",
        "April 20, 2024",
        "Coast Times",
        '"The bridge is safe again," said Jane Roe about the bridge.',
    ),
    "old.md": _note(
        "Bridge built",
        "12 June 1998",
        "The Harbour Herald",
        "The bridge opened to traffic in the summer, after two years of works.",
    ),
    "undated.txt": (
        "Bridge notes\n\nNobody knows when the bridge was first painted. "
        '"Paint it blue next time," said Sam Poe.'
    ),
}


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("meta")
    corpus = base / "notes"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    build([corpus], base / "ix")
    return base / "ix"


def articles_of(index_dir: Path, *args: str) -> list[str]:
    result = run_cli("query", "bridge", "--json", "-n", "0", "--index", str(index_dir), *args)
    assert result.returncode in (0, 1), result.stderr
    return [json.loads(line)["article"] for line in result.stdout.splitlines()]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((), {"march", "april", "old", "undated"}),
        (("--since", "2024"), {"march", "april"}),
        (("--since", "2024-04-01"), {"april"}),
        (("--until", "March 2024"), {"march", "old"}),
        (("--since", "1998", "--until", "1998"), {"old"}),
        (("--source", "the harbour  herald"), {"march", "old"}),
        (("--source", "TheHarbour-Herald"), {"march", "old"}),  # spaces, hyphens: folded
        (("--source", "harbour herald"), {"march", "old"}),  # and an opening "The"
        (("--source", "notes"), {"undated"}),  # a plain file's source is its folder's name
    ],
)
def test_filters(index_dir: Path, args: tuple[str, ...], expected: set[str]) -> None:
    assert set(articles_of(index_dir, *args)) == expected


@pytest.mark.parametrize("source", ["harbour", "Nobody"])  # every word counts, but "the"
def test_a_source_no_article_has_is_a_usage_error(index_dir: Path, source: str) -> None:
    result = run_cli("query", "bridge", "--json", "--source", source, "--index", str(index_dir))
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith(f"leisearch: error: no article has the source '{source}'")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("bridge date:2024-03", {"march"}),
        ("bridge date:2024-03..2024-04", {"march", "april"}),
        ("bridge date:..1999", {"old"}),
        ('bridge source:"coast times"', {"april"}),
        ("bridge source:coast_times", {"april"}),
        ("bridge -source:notes", {"march", "april", "old"}),
    ],
)
def test_date_and_source_in_the_query_language(
    index_dir: Path, query: str, expected: set[str]
) -> None:
    index = open_index(index_dir).index
    assert {h.article for h in search(index, query, limit=0).hits} == expected


def test_sort_by_date_puts_the_newest_first_and_the_undated_last(index_dir: Path) -> None:
    assert articles_of(index_dir, "--sort", "date")[:4] == ["april", "march", "old", "undated"]
    index = open_index(index_dir).index
    quoted = find_quotes(index, speaker="Jane Roe", sort="date").hits
    assert [q.quote.article for q in quoted] == ["april", "march"]


def test_hits_carry_the_metadata_in_every_format(index_dir: Path) -> None:
    args = ("query", "bridge safe", "-n", "1", "--index", str(index_dir))
    record = json.loads(run_cli(*args, "--json").stdout.splitlines()[0])
    assert (record["article"], record["date"], record["source"]) == (
        "april",
        "2024-04-20",
        "Coast Times",
    )
    assert (record["author"], record["url"]) == ("A. Writer", "https://example.org/bridge")
    rows = list(csv.DictReader(io.StringIO(run_cli(*args, "--format", "csv").stdout)))
    assert rows[0]["date"] == "2024-04-20" and rows[0]["source"] == "Coast Times"
    plain = run_cli(*args).stdout
    assert plain.startswith("1. Bridge reopens in April (Coast Times, 2024-04-20) — paragraph 1")
    undated = json.loads(
        run_cli("query", "painted", "--json", "--index", str(index_dir)).stdout.splitlines()[0]
    )
    assert (undated["date"], undated["source"], undated["author"]) == (None, "notes", None)


def test_quotations_show_and_articles_carry_it_too(index_dir: Path) -> None:
    quote = json.loads(
        run_cli(
            "quotes", "--speaker", "Jane Roe", "--json", "--index", str(index_dir)
        ).stdout.splitlines()[0]
    )
    assert quote["source"] in {"The Harbour Herald", "Coast Times"} and quote["date"]
    shown = run_cli("show", "march", "--index", str(index_dir)).stdout
    assert shown.splitlines()[1:4] == [
        "The Harbour Herald, 2024-03-05",
        "by A. Writer",
        "https://example.org/bridge",
    ]
    listed = run_cli("articles", "--index", str(index_dir)).stdout.splitlines()
    assert "old\t1\tBridge built\t1998-06-12\tThe Harbour Herald" in listed


@pytest.mark.parametrize(
    ("args", "rows"),
    [
        (("quotes", "--by", "month"), ["2024-03\t2", "2024-04\t1", "undated\t1"]),
        (("quotes", "--by", "YEAR", "--since", "2024-04"), ["2024\t1"]),
        (("quotes", "--by", "year", "--speaker", "Jane Roe"), ["Jane Roe\t2024\t2"]),
        (("quotes", "--by", "year", "ferry"), ["2024\t1"]),
        (
            ("speakers", "--by", "month"),
            [
                "Jane Roe\t2024-03\t1",
                "Jane Roe\t2024-04\t1",
                "Sam Poe\tundated\t1",
                "Tom Fay\t2024-03\t1",
            ],
        ),
    ],
)
def test_quotations_counted_over_time(
    index_dir: Path, args: tuple[str, ...], rows: list[str]
) -> None:
    result = run_cli(*args, "--index", str(index_dir))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == rows


def test_counts_over_time_as_records_and_as_a_chart(index_dir: Path) -> None:
    args = ("speakers", "--by", "year", "--index", str(index_dir))
    records = [json.loads(line) for line in run_cli(*args, "--json").stdout.splitlines()]
    assert records[0] == {"speaker": "Jane Roe", "period": "2024", "quotes": 2}
    everyone = run_cli("quotes", "--by", "year", "--json", "--index", str(index_dir)).stdout
    assert json.loads(everyone.splitlines()[0]) == {"speaker": None, "period": "2024", "quotes": 3}
    chart = run_cli(*args, "--format", "table").stdout
    jane = next(line for line in chart.splitlines() if "Jane Roe" in line)
    tom = next(line for line in chart.splitlines() if "Tom Fay" in line)
    assert jane.count("\u2588") == 2 * tom.count("\u2588")  # bars scaled to the most quoted
    none = run_cli("quotes", "--by", "month", "--since", "2030", "--index", str(index_dir))
    assert (none.returncode, none.stdout) == (1, "")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ("query", "bridge", "--since", "someday"),
            "'someday' is not a day, a month or a year (hint: give --since a day (2024-03-05)",
        ),
        (("query", "bridge date:soon"), "date: takes a day"),
        (
            ("query", "bridge", "--since", "2025", "--until", "2024-06"),
            "from 2025 to 2024-06 ends before it starts (hint: put the earlier date first)",
        ),
        (("quotes", "--since", "May 2024", "--until", "2024-04"), "ends before it starts"),
        (("query", "bridge date:2025..2024"), "date:2025..2024 ends before it starts"),
        (("query", "bridge", "--sort", "size"), "--sort"),
        (("quotes", "--by", "week"), "--by"),
        (("quotes", "-", "--by", "month"), "not of a batch (-) (hint: give --by one query"),
    ],
)
def test_a_date_or_sort_that_makes_no_sense_is_a_usage_error(
    index_dir: Path, args: tuple[str, ...], said: str
) -> None:
    result = run_cli(*args, "--index", str(index_dir))
    assert result.returncode == 2
    assert said in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("text", "bounds"),
    [
        ("2024", ("2024", "2024~")),
        ("2024-3", ("2024-03", "2024-03~")),
        ("Sept 2024", ("2024-09", "2024-09~")),
        ("5 March 2024", ("2024-03-05", "2024-03-05~")),
        ("03/05/2024", ("2024-03-05", "2024-03-05~")),
        ("2024-00", None),
        ("tomorrow", None),
        ("", None),
    ],
)
def test_period(text: str, bounds: tuple[str, str] | None) -> None:
    assert period(text) == bounds


@pytest.mark.parametrize(
    ("text", "bounds"),
    [
        ("2023..2024", ("2023", "2024~")),
        ("2024-01..", ("2024-01", "")),
        ("..", None),
        ("2024..never", None),
    ],
)
def test_date_range(text: str, bounds: tuple[str, str] | None) -> None:
    assert date_range(text) == bounds


@pytest.mark.parametrize(
    ("low", "high", "reversed_"),
    [
        ("2025", "2024~", True),
        ("2024-05", "2024-03~", True),
        ("2024-03-05", "2024-03~", False),  # a day and its own month
        ("2024", "2024~", False),
        ("", "2020~", False),
        ("2030", "", False),
    ],
)
def test_a_range_that_ends_before_it_starts(low: str, high: str, reversed_: bool) -> None:
    assert backwards(low, high) is reversed_


def test_a_source_no_article_has_is_named_with_the_sources_there_are(index_dir: Path) -> None:
    # An option no query can match is a usage error (exit 2), as an unknown --speaker is:
    # a script can tell a misspelt source from a search that found nothing.
    result = run_cli("query", "bridge", "--source", "Coast Tims", "--index", str(index_dir))
    assert (result.returncode, result.stdout) == (2, "")
    said = result.stderr.splitlines()[-1]
    assert said.startswith(
        "leisearch: error: no article has the source 'Coast Tims' (hint: the index's sources: "
        "Coast Times"  # the nearest first
    )
    # nearest as source terms are compared: case and spaces aside
    shouted = run_cli("query", "bridge", "--source", "COAST TMS", "--index", str(index_dir))
    assert "(hint: the index's sources: Coast Times" in shouted.stderr
    known = run_cli("query", "nosuchword", "--source", "coast  TIMES", "--index", str(index_dir))
    assert known.returncode == 1 and "no article has the source" not in known.stderr
    # source: in the query is one of its terms: it finds nothing, and says why
    typed = run_cli("query", 'bridge source:"Coast Tims"', "--index", str(index_dir))
    assert typed.returncode == 1
    assert typed.stderr.startswith(
        "leisearch: no article has the source 'Coast Tims'; the index's sources: Coast Times"
    )


class _Sources:
    """An index with these articles' sources, as ``other_sources`` reads it."""

    def __init__(self, sources: list[str]) -> None:
        self.sources = sources

    def every_meta(self) -> dict[str, ArticleMeta]:
        return {str(n): ArticleMeta(source=s) for n, s in enumerate(self.sources)}


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("wash pots", "Wash Post"),  # the commoner of two spellings of one source
        ("WASH POTS", "Wash Post"),
        ("coast tims", "Coast Times"),
        ("nothing like it", "Wash Post"),  # none near: the commonest first
        ("Herald", "Tri-County Herald"),  # one that holds what was typed, though rarer
    ],
)
def test_the_sources_named_for_an_unknown_one_are_nearest_first(typed: str, first: str) -> None:
    index: Any = _Sources(["Wash Post"] * 3 + ["wash-post", "Coast Times", "Tri-County Herald"])
    assert other_sources(index, typed)[:1] == (first,)


def test_the_months_without_quotations_are_counted_as_none(tmp_path: Path) -> None:
    corpus = tmp_path / "notes"
    corpus.mkdir()
    for name, day in (("jan", "2024-01-10"), ("apr", "2024-04-02")):
        (corpus / f"{name}.md").write_text(
            _note(
                f"Pier {name}", day, "Coast Times", f'"The pier is open in {name}," said Jane Roe.'
            ),
            encoding="utf-8",
        )
    build([corpus], tmp_path / "ix")
    result = run_cli("quotes", "--by", "month", "--index", str(tmp_path / "ix"))
    assert result.stdout.splitlines() == ["2024-01\t1", "2024-02\t0", "2024-03\t0", "2024-04\t1"]


def test_newest_first_shows_no_paragraph_for_its_headline_alone(tmp_path: Path) -> None:
    corpus = tmp_path / "notes"
    corpus.mkdir()
    body = "\n\n".join(
        (
            "Crews walked out at dawn over pay.",
            "The ferry to the island did not sail.",
            "Talks resume on Monday, the union said.",
        )
    )
    (corpus / "strike.md").write_text(
        _note("Ferry strike ends", "2024-05-01", "Coast Times", body), encoding="utf-8"
    )
    (corpus / "older.md").write_text(
        _note("Harbour news", "2023-01-09", "Coast Times", "A new ferry was launched."),
        encoding="utf-8",
    )
    build([corpus], tmp_path / "ix")
    args = ("--json", "-n", "0", "--index", str(tmp_path / "ix"))

    def found(*extra: str) -> list[str]:
        result = run_cli("query", "ferry", *args, *extra)
        assert result.returncode == 0, result.stderr
        return [json.loads(line)["text"] for line in result.stdout.splitlines()]

    assert found("--sort", "date") == [
        "The ferry to the island did not sail.",
        "A new ferry was launched.",
    ]
    by_relevance = found()
    # By relevance the headline still finds its article's paragraphs, after the ones
    # that say the word themselves.
    assert set(by_relevance[:2]) == set(found("--sort", "date"))
    assert "Crews walked out at dawn over pay." in by_relevance[2:]
    # A word of the headline alone: newest first finds nothing, and says why.
    newest = run_cli("query", "strike", "--sort", "date", *args)
    assert (newest.returncode, newest.stdout) == (1, "")
    assert "leisearch: newest first leaves out the paragraphs that only" in newest.stderr
    assert run_cli("query", "strike", *args).returncode == 0
    # where a paragraph holds the word itself, nothing is said of the others
    assert "newest first" not in run_cli("query", "ferry", "--sort", "date", *args).stderr
    # a phrase the headline alone holds: its words in a paragraph are not the phrase
    phrase = run_cli("query", '"ferry strike"', "--sort", "date", *args)
    assert phrase.returncode == 1 and "newest first leaves out" in phrase.stderr


def test_newest_first_keeps_a_paragraph_that_holds_a_glued_word_itself(tmp_path: Path) -> None:
    corpus = tmp_path / "notes"
    corpus.mkdir()
    (corpus / "tube.md").write_text(
        _note("Channel news", "2024-05-01", "Coast Times", "The YouTube channel grew."),
        encoding="utf-8",
    )
    build([corpus], tmp_path / "ix")
    result = run_cli(
        "query", "youtube", "--sort", "date", "--json", "--index", str(tmp_path / "ix")
    )
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["text"] for line in result.stdout.splitlines()] == [
        "The YouTube channel grew."
    ]


def test_an_earliest_copy_far_down_the_candidates_is_shown_with_the_hits_score(
    tmp_path: Path,
) -> None:
    # Sixty reposts score alike; the wire's own copy has one word more, so it scores
    # less and comes after them (past the candidates that are read in full): it is
    # shown, as the earliest, in the place and with the score of the best copy.
    corpus = tmp_path / "wire"
    corpus.mkdir()
    story = (
        "The lighthouse keeper retired after forty years, and the lamp will now be "
        "run from the mainland by a crew of three engineers{}."
    )
    for number in range(60):
        text = _note(f"Keeper r{number:02d}", "2024-02-11", "Wire", story.format(""))
        (corpus / f"r{number:02d}.md").write_text(text, encoding="utf-8")
    text = _note("Keeper wire", "2024-01-03", "Wire", story.format(" today"))
    (corpus / "wire.md").write_text(text, encoding="utf-8")
    build([corpus], tmp_path / "ix")
    index = open_index(tmp_path / "ix").index
    every = search(index, "lighthouse keeper", limit=0, all_copies=True).hits
    assert every[-1].article == "wire" and every[-1].score < every[0].score
    (hit,) = search(index, "lighthouse keeper", limit=60).hits
    assert (hit.article, hit.score) == ("wire", every[0].score)
    assert len(hit.duplicates) == 60


def test_a_syndicated_paragraph_is_shown_by_its_earliest_dated_copy(tmp_path: Path) -> None:
    corpus = tmp_path / "wire"
    corpus.mkdir()
    story = (
        "The lighthouse keeper retired after forty years, and the lamp will now be "
        "run from the mainland by a crew of three engineers."
    )
    for name, day in (
        ("a-repost", "2024-02-11"),
        ("b-repost", "2024-01-20"),
        ("z-wire", "2024-01-03"),
        ("c-undated", ""),
    ):
        text = _note(f"Keeper {name}", day, "Wire", story) if day else f"Keeper\n\n{story}\n"
        (corpus / f"{name}.md").write_text(text, encoding="utf-8")
    build([corpus], tmp_path / "ix")
    args = ("lighthouse keeper", "--json", "--index", str(tmp_path / "ix"))
    result = run_cli("query", *args)
    assert result.returncode == 0, result.stderr
    (hit,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert (hit["article"], hit["date"]) == ("z-wire", "2024-01-03")
    assert sorted(d.split(":")[0] for d in hit["duplicates"]) == [
        "a-repost",
        "b-repost",
        "c-undated",
    ]
    every = run_cli("query", *args, "--all-copies")
    assert len(every.stdout.splitlines()) == 4
    # One word and one hit: the search reads one candidate, and the index's table of
    # exact copies still finds the earliest; a filter that leaves it out is obeyed.
    for extra, shown in ((), "z-wire"), (("--since", "2024-01-10"), "b-repost"):
        one = run_cli("query", "lighthouse", "-n", "1", "--json", *extra, *args[2:])
        assert json.loads(one.stdout)["article"] == shown, one.stderr


def _other_lamps(corpus: Path) -> None:
    """Other quotations of the word "lamp", so that a search for one quotation of it
    stops before that one's copies and looks them up by fingerprint."""
    for number in range(25):
        filler = f'"My lamp number {number} is the brightest in the whole town," said Bo Day.'
        (corpus / f"f{number:02d}.md").write_text(
            _note(f"Lamp {number}", "2024-03-01", "Post", filler), encoding="utf-8"
        )


def test_a_syndicated_quotation_is_shown_by_its_earliest_dated_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As ``query`` shows a paragraph: the copies score alike, and the wire's own (the
    # earliest) is not the best ranked; ``quotes`` shows it, in the place of the best
    # ranked, with the others as its duplicates. Its text has one space more, so its
    # marked words are where its own text has them.
    import leisearch.service.search as searching

    corpus = tmp_path / "wire"
    corpus.mkdir()
    story = (
        '"The {}lamp will now be run from the mainland by a crew of three engineers," '
        "said Ann Lee, the harbour master."
    )
    for name, day in (
        ("a-repost", "2024-02-11"),
        ("b-repost", "2024-01-20"),
        ("z-wire", "2024-01-03"),
        ("c-undated", ""),
    ):
        said = story.format(" " if name == "z-wire" else "")
        text = _note(f"Keeper {name}", day, "Wire", said) if day else f"Keeper\n\n{said}\n"
        (corpus / f"{name}.md").write_text(text, encoding="utf-8")
    _other_lamps(corpus)
    build([corpus], tmp_path / "ix")
    index = open_index(tmp_path / "ix").index
    looked_up: list[str] = []
    found = searching._copies_found

    def counted(*args: Any) -> Any:
        looked_up.append(args[1].article)
        return found(*args)

    monkeypatch.setattr(searching, "_copies_found", counted)
    every = find_quotes(index, "mainland lamp", limit=0).hits
    assert not looked_up  # every quotation read: the copies among them
    one = find_quotes(index, "mainland lamp", limit=1).hits
    assert looked_up  # stopped at the first: its copies looked up by fingerprint
    for shown in (every[0], one[0]):
        assert (shown.quote.article, shown.meta.date) == ("z-wire", "2024-01-03")
        assert shown.quote.speaker == "Ann Lee"
        assert sorted(d.split(":")[0] for d in shown.duplicates) == [
            "a-repost",
            "b-repost",
            "c-undated",
        ]
        assert [shown.quote.text[s.start : s.end] for s in shown.spans] == ["lamp", "mainland"]
    result = run_cli("quotes", "mainland lamp", "--json", "--index", str(tmp_path / "ix"))
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout.splitlines()[0])
    assert (record["article"], record["date"]) == ("z-wire", "2024-01-03")
    # A filter that leaves it out is obeyed, and its copies are still named, filters or
    # not (as ``query`` names a paragraph's); newest first shows the newest; with every
    # copy, each is its own; without a query, in reading order, the earliest is shown.
    for filtered, left in (
        (find_quotes(index, "mainland", since="2024-01-10"), "b-repost"),
        (find_quotes(index, speaker="Ann Lee", until="2024-01-31", source="Wire"), "z-wire"),
        (find_quotes(index, "mainland", article="a-repost"), "a-repost"),
    ):
        (hit,) = filtered.hits
        assert hit.quote.article == left
        assert sorted(d.split(":")[0] for d in hit.duplicates) == sorted(
            {"a-repost", "b-repost", "c-undated", "z-wire"} - {left}
        )
    assert find_quotes(index, "mainland", sort="date").hits[0].quote.article == "a-repost"
    assert len(find_quotes(index, "mainland", all_copies=True).hits) == 4
    (unranked,) = find_quotes(index, speaker="Ann Lee").hits
    assert (unranked.quote.article, len(unranked.duplicates)) == ("z-wire", 3)


def test_copies_of_a_quotation_on_the_same_day_are_shown_alike_however_found(
    tmp_path: Path,
) -> None:
    # Two copies of the earliest day: the one shown is the first by article, whether
    # the copies came from the candidates (in rank order) or from the fingerprint
    # table (in the index's order).
    corpus = tmp_path / "wire"
    corpus.mkdir()
    story = '"The lamp will now be run from the mainland by a crew of three," said Ann Lee.'
    for name, day, extra in (
        ("a-repost", "2024-02-11", ""),
        ("m-copy", "2024-01-03", " Lamp, lamp."),
        ("n-copy", "2024-01-03", ""),
    ):
        (corpus / f"{name}.md").write_text(
            _note(f"Keeper {name}", day, "Wire", story + extra), encoding="utf-8"
        )
    _other_lamps(corpus)
    build([corpus], tmp_path / "ix")
    index = open_index(tmp_path / "ix").index
    shown = {
        limit: find_quotes(index, "mainland lamp", limit=limit).hits[0].quote.article
        for limit in (0, 1, 2)
    }
    assert shown == dict.fromkeys((0, 1, 2), "m-copy")


def test_the_earliest_copy_by_its_time_of_day_looking_up_that_days_articles_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The backend gives each copy's day; the earliest date is among the copies of the
    # earliest day, and only their articles are looked up for the time.
    from leisearch.service.opening import Index

    corpus = tmp_path / "wire"
    corpus.mkdir()
    story = (
        "The night ferry to the outer islands will stop in October, the operator said, "
        "after forty years of crossings."
    )
    for name, date in (
        ("a-late", "2024-03-05T15:00:00"),
        ("b-early", "2024-03-05T09:30:00"),
        ("c-next-day", "2024-03-06T01:00:00"),
        ("d-next-week", "2024-03-12"),
    ):
        (corpus / f"{name}.md").write_text(_note(f"Ferry {name}", date, "Wire", story))
    (corpus / "e-undated.md").write_text(f"Ferry\n\n{story}\n", encoding="utf-8")
    build([corpus], tmp_path / "ix")
    looked_up: list[str] = []
    read_meta = Index._read_meta

    def counted(self: Index, article_id: str) -> object:
        looked_up.append(article_id)
        return read_meta(self, article_id)

    monkeypatch.setattr(Index, "_read_meta", counted)
    (hit,) = search(open_index(tmp_path / "ix").index, "night ferry").hits
    assert (hit.article, hit.meta.date) == ("b-early", "2024-03-05T09:30:00")
    assert sorted(d.split(":")[0] for d in hit.duplicates) == [
        "a-late",
        "c-next-day",
        "d-next-week",
        "e-undated",
    ]
    assert sorted(set(looked_up)) == ["a-late", "b-early"]
