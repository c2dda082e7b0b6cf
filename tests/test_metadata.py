"""An article's date, source, author and URL, end to end: kept at index time, shown with
hits and quotations, filtered on (``--since``, ``--until``, ``--source``, ``date:``,
``source:``) and sorted by (``--sort date``), through the command line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from leisearch.service.build import build
from leisearch.service.filters import date_range, period
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
        (("--source", "notes"), {"undated"}),  # a plain file's source is its folder's name
        (("--source", "Nobody"), set()),
    ],
)
def test_filters(index_dir: Path, args: tuple[str, ...], expected: set[str]) -> None:
    assert set(articles_of(index_dir, *args)) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("bridge date:2024-03", {"march"}),
        ("bridge date:2024-03..2024-04", {"march", "april"}),
        ("bridge date:..1999", {"old"}),
        ('bridge source:"coast times"', {"april"}),
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
        (("query", "bridge", "--since", "someday"), "since takes a day, a month or a year"),
        (("query", "bridge date:soon"), "date: takes a day"),
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
