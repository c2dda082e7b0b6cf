"""leisearch.ingest.dates: each written form of a date, and what is not one."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leisearch.ingest import load_articles
from leisearch.ingest.assemble import name_date, name_source
from leisearch.ingest.clean import byline_and_date, dateline_date
from leisearch.ingest.dates import parse_date, parse_date_or_month
from leisearch.models import Article


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # ISO 8601: a date stays a date; a date and time keeps its time and zone
        ("2024-03-03", "2024-03-03"),
        ("20240303", "2024-03-03"),
        ("2024-03-03T10:00:00Z", "2024-03-03T10:00:00+00:00"),
        ("2024-03-03T10:00:00.123+05:30", "2024-03-03T10:00:00+05:30"),
        ("2024-03-03T10:00", "2024-03-03T10:00:00"),
        ("2017-07-17 17:03:00", "2017-07-17T17:03:00"),  # news-please
        ("  2024-03-03\n", "2024-03-03"),
        # RFC 2822 (e-mail, RSS)
        ("Tue, 05 Mar 2024 10:00:00 GMT", "2024-03-05T10:00:00+00:00"),
        ("5 Mar 2024 10:00 +0100", "2024-03-05T10:00:00+01:00"),
        ("Tue, 5 Mar 2024 10:00:00 EST", "2024-03-05T10:00:00-05:00"),
        # month names, either order, with or without weekday, ordinal, comma, "of"
        ("March 3, 2024", "2024-03-03"),
        ("March 3 2024", "2024-03-03"),
        ("Mar. 3, 2024", "2024-03-03"),
        ("SEPT 30, 2023", "2023-09-30"),
        ("3 March 2024", "2024-03-03"),
        ("3rd of March, 2024", "2024-03-03"),
        ("Tuesday 5 March 2024, 9.30am", "2024-03-05"),
        ("Tue, 05 Mar 2024", "2024-03-05"),  # RFC 2822 without a time: the date alone
        ("Posted on February 28, 2024 at 9:12 am", "2024-02-28"),
        ("March 3, 2024 10:00 PM", "2024-03-03"),  # never 10 in the morning
        # numbers: year first; month first with slashes unless the first is over 12;
        # day first with dots
        ("2024/03/05", "2024-03-05"),
        ("2024.3.5", "2024-03-05"),
        ("03/05/2024", "2024-03-05"),
        ("3/5/2024", "2024-03-05"),
        ("03-05-2024", "2024-03-05"),
        ("25/03/2024", "2024-03-25"),
        ("05.03.2024", "2024-03-05"),
        ("Updated: 12/31/99", "1999-12-31"),
        ("1/2/68", "2068-01-02"),
        ("1/2/69", "1969-01-02"),
        # values a YAML front matter gives
        (date(2024, 3, 5), "2024-03-05"),
        (datetime(2024, 3, 5, 9, 30, 15, 999), "2024-03-05T09:30:15"),
        (datetime(2024, 3, 5, 9, 30, tzinfo=UTC), "2024-03-05T09:30:00+00:00"),
        (
            datetime(2024, 3, 5, 9, 30, tzinfo=timezone(timedelta(hours=-5))),
            "2024-03-05T09:30:00-05:00",
        ),
    ],
)
def test_parse_date(value: object, expected: str) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "",
        "   ",
        "None",  # news-please writes str(None)
        "null",
        "yesterday",
        "next Tuesday",
        "March 2024",  # no day
        "2024",
        "2024-03",
        "2024-02-30",
        "2023-02-29",
        "2024-13-01",
        "13/13/2024",
        "31.02.2024",
        "March 32, 2024",
        "Marchember 3, 2024",
        "3 Mars 2024",  # French: not read
        "Tue, 05 Foo 2024 10:00:00 GMT",
        "10:00",
        "99999-01-01",
        "0000-01-01",
        "1/2/3",
        "12345678901234567890",
        "2024-03-05" + "x" * 10,
        None,
        True,
        20240305,
        1709632800.0,
        ["2024-03-05"],
        {"date": "2024-03-05"},
    ],
)
def test_parse_date_gives_none_for_what_is_no_date(value: object) -> None:
    assert parse_date(value) is None


def test_only_the_start_of_a_long_value_is_read() -> None:
    assert parse_date("On March 3, 2024 " + "words " * 10_000) == "2024-03-03"
    assert parse_date("words " * 10_000 + "March 3, 2024") is None


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.text(alphabet="0123456789/-.:TZ +,ADFJMNOSadeghilnoprstuvy")))
def test_parse_date_never_raises(value: str) -> None:
    found = parse_date(value)
    if found is not None:
        # Always a real date in its first ten characters, whatever follows.
        assert date.fromisoformat(found[:10])
        assert found == parse_date(found)  # and what it gives reads back the same


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("March 2024", "2024-03"),
        ("Sept. 2023", "2023-09"),
        ("mar 2024", "2024-03"),
        ("2024-03", "2024-03"),
        ("2024/3", "2024-03"),
        ("2024", "2024"),
        ("5 March 2024", "2024-03-05"),  # a day, when there is one
        ("yesterday", None),
        ("March", None),
        ("2024-13", None),
        ("in March 2024", None),  # only a value that is nothing else
        ("1066", None),
        (2024, "2024"),  # YAML's reading of ``date: 2024``
        (1066, None),
        (1709251200, None),  # a Unix time: a bare number could be anything
        (2199, "2199"),
        (2200, None),
        (True, None),
        (2024.0, None),
    ],
)
def test_a_file_may_date_its_article_to_a_month_or_a_year(
    value: object, expected: str | None
) -> None:
    assert parse_date_or_month(value) == expected


def test_a_number_too_long_to_write_out_is_no_date() -> None:
    # YAML reads ``date: 0xfff…`` (thousands of digits) as a number Python will not turn
    # into a string: it is no date, and no error.
    assert parse_date_or_month(16**4000) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12 Feb 2024", "2024-02-12"),
        ("Tue 12 Feb 2024 09:30", "2024-02-12T09:30:00"),
        ("Published 12th March 2024", "2024-03-12"),
        ("Last updated: 03/14/2024", "2024-03-14"),
        ("By Dan Fairley, Sports Editor, March 24, 2024", "2024-03-24"),
        ("By Rhiannon Bell | Tue, 19 Mar 2024 10:00:00 GMT | 4 min read", "2024-03-19"),
        ("Date: 2024-04-15", "2024-04-15"),
        # a section's label and the date, set apart by a bar
        ("Cape Mercury Sport | 4 June 2024", "2024-06-04"),
        ("Weekend \u00b7 Sat 8 June 2024", "2024-06-08"),
        # names that begin as a month or a day is abbreviated (Mar, Sat, Sun) are names
        ("By Marcus Bell, Staff Writer, March 24, 2024", "2024-03-24"),
        ("By Satoshi Ono | Sun, 17 Mar 2024", "2024-03-17"),
        ("By Sun Yang, 17 March 2024, 3 min read", "2024-03-17"),
        # not datelines: prose, a byline without a date, a date deep in a sentence
        ("The vote was held on March 24, 2024.", None),
        ("By March 24, 2024, the council must decide how to pay for the sea wall", None),
        ("By Tuesday Night, 12 March 2024, the ferries had stopped running again", None),
        ("By Wed, 12 March 2024, the ferries had stopped running again", None),
        ("By Thurs. 13 March 2024 the ferries had stopped running again", None),
        ("By Helen Marsh", None),
        ("Councillors met on 12 Feb 2024 to agree the budget for the year ahead", None),
        ("12 Feb 2024\nThe council met.", None),
        ("Home | News | Sport | Weather", None),
        # an event's line beside a date: a label with a number is no section's
        ("Kick-off 3pm | Saturday 8 June 2024", None),
    ],
)
def test_dateline(text: str, expected: str | None) -> None:
    assert dateline_date(text) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("breitbart_2015-11-11_the-ninth-circle.txt", "2015-11-11"),
        ("2024-03-03-ferry-strike.md", "2024-03-03"),
        ("/news/gazette/ferry 2024-03-03.html", "2024-03-03"),
        ("2024-02-30_then-2024-03-01.txt", "2024-03-01"),  # the first real day
        # no date: none, no such day, digits of a longer number, a folder's name
        ("ferry.txt", None),
        ("2024-02-30-ferry.txt", None),
        ("id-12024-03-03.txt", None),
        ("x2024-03-031.txt", None),
        ("20240303-ferry.txt", None),
        ("/archive/2024-03-03/ferry.txt", None),
    ],
)
def test_a_date_in_a_files_name(name: str, expected: str | None) -> None:
    assert name_date(name) == expected


def test_an_article_without_an_author_takes_its_bylines(tmp_path: Path) -> None:
    (tmp_path / "quay.txt").write_text(
        "Quay\n\nBy Nadia Sorensen\n13 Feb 2024\n\nThe quay reopened.", encoding="utf-8"
    )
    (tmp_path / "pier.txt").write_text(
        "Pier\n\nBy Dan Fairley, Sports Editor, March 24, 2024\n\nThe pier burned.",
        encoding="utf-8",
    )
    (tmp_path / "dock.md").write_text(
        "---\ntitle: Dock\nauthor: Ana Ruiz\n---\n\nBy Li Wei\n\nThe dock closed.",
        encoding="utf-8",
    )
    (tmp_path / "wharf.md").write_text(
        "---\ntitle: Wharf\n---\n\nAuthors: Ann Roe, Tom Lee\n\nThe wharf was sold.",
        encoding="utf-8",
    )
    (tmp_path / "mill.txt").write_text(
        "Mill\n\nedit / Huang Da\n\nThe mill sold flour for a century.", encoding="utf-8"
    )
    (tmp_path / "court.txt").write_text(
        "Court\n\nPosted May 20, 2024 | By Paolo Dizon - 3 min read\n\nThe court ruled.",
        encoding="utf-8",
    )
    (tmp_path / "night.txt").write_text(
        "Night\n\nPosted May 20, 2024 | By Tuesday Night\n\nThe night was long.",
        encoding="utf-8",
    )
    _, articles = load_articles(tmp_path)
    authors = {a.title: a.author for a in articles if isinstance(a, Article)}
    assert authors == {
        "Quay": "Nadia Sorensen",  # a byline over a date
        "Pier": "Dan Fairley",  # a dateline's byline, its role left out
        "Dock": "Ana Ruiz",  # the file's own, before its byline's
        "Mill": None,  # an editor is no author
        "Wharf": "Ann Roe, Tom Lee",  # a list of them, whole
        "Court": "Paolo Dizon",  # a byline after a dateline's bar
        "Night": None,  # ... a name, not a time
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a byline's line and a date's, in one block, as plain text writes them
        ("By Nadia Sorensen\n5 September 2025", [("byline", "By Nadia Sorensen")]),
        ("5 September 2025\nBy Nadia Sorensen", [("byline", "By Nadia Sorensen")]),
        ("By Meridian Wire staff\n1 December 2025", [("byline", "By Meridian Wire staff")]),
        # a role's line under the byline (British papers: "Health Editor")
        (
            "By Ana Ruiz\nStaff Reporter\n5 Sep 2025",
            [("byline", "By Ana Ruiz"), ("byline", "Staff Reporter")],
        ),
        ("By Ana Ruiz\nThe rain fell\n5 Sep 2025", None),
        ("By Ana Ruiz and Li Wei\nTue 12 Feb 2024 09:30", [("byline", "By Ana Ruiz and Li Wei")]),
        # not one: prose beside a date, a time, two dates, a date alone, a long line
        ("By then it was over.\n5 September 2025", None),
        ("By Tuesday\n5 September 2025", None),
        ("By Christmas, ferries\n25 December 2025", None),
        ("5 September 2025\n6 September 2025", None),
        ("5 September 2025", None),
        ("By the council's own count, six ferries\n5 September 2025", None),
    ],
)
def test_a_byline_and_a_date_in_one_block(
    text: str, expected: list[tuple[str, str]] | None
) -> None:
    found = byline_and_date(text)
    if expected is None:
        assert found is None
    else:
        assert found is not None
        assert [pair for pair in found if pair[0] == "byline"] == expected
        assert [rule for rule, _ in found].count("dateline") == 1


def test_an_article_is_dated_by_its_file_then_its_dateline_then_its_name(tmp_path: Path) -> None:
    folder = tmp_path / "gazette"
    folder.mkdir()
    (folder / "gazette_2016-05-03_ferry.txt").write_text(
        "Ferry strike\n\nThe ferry stopped.", encoding="utf-8"
    )
    (folder / "gazette_2016-05-04_harbour.txt").write_text(
        "Harbour\n\n12 Feb 2024\n\nThe harbour opened.", encoding="utf-8"
    )
    (folder / "gazette_2016-05-07_quay.txt").write_text(
        "Quay\n\nBy Nadia Sorensen\n13 Feb 2024\n\nThe quay reopened.", encoding="utf-8"
    )
    (folder / "2016-05-05_bridge.md").write_text(
        "---\ntitle: Bridge\ndate: 2020-01-02\n---\n\nThe bridge closed.", encoding="utf-8"
    )
    (folder / "export_2016-05-06.jsonl").write_text(
        json.dumps({"title": "Pier", "text": "The pier burned."}) + "\n", encoding="utf-8"
    )
    _, articles = load_articles(folder)
    dates = {a.title: a.date for a in articles if isinstance(a, Article)}
    assert dates == {
        "Ferry strike": "2016-05-03",  # its name
        "Harbour": "2024-02-12",  # its dateline, before its name
        "Quay": "2024-02-13",  # its byline's and date's block, before its name
        "Bridge": "2020-01-02",  # its front matter, before its name
        "Pier": None,  # a file of records may be named by the day it was exported
    }


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("breitbart_2015-11-11_the-ninth-circle.txt", "breitbart"),
        ("/polnear/articles/west-journal_2016-10-20_x.txt", "west-journal"),
        ("AP_2024-03-03.html", "AP"),
        ("Barnes&Noble.com_2024-03-03.md", "Barnes&Noble.com"),
        # a word and an underscore right before a real date, and nothing else
        ("2024-03-03_gazette.txt", None),
        ("gazette-2024-03-03.txt", None),
        ("daily_gazette_2024-03-03.txt", None),
        ("Coast Times_2024-03-03.txt", None),
        ("x_2024-03-03.txt", None),
        ("gazette_2024-02-30.txt", None),
        ("gazette2_2024-03-03.txt", None),
        ("ferry.txt", None),
    ],
)
def test_a_site_in_a_files_name(name: str, expected: str | None) -> None:
    assert name_source(name) == expected


def test_an_articles_source_is_its_files_then_its_name_then_its_folder(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "gazette_2016-05-03_ferry.txt").write_text(
        "Ferry strike\n\nThe ferry stopped.", encoding="utf-8"
    )
    (folder / "courier_2016-05-04.md").write_text(
        "---\ntitle: Bridge\nsource: Coast Times\n---\n\nThe bridge closed.", encoding="utf-8"
    )
    (folder / "harbour.txt").write_text("Harbour\n\nThe harbour opened.", encoding="utf-8")
    (folder / "export_2016-05-06.jsonl").write_text(
        json.dumps({"title": "Pier", "text": "The pier burned."}) + "\n", encoding="utf-8"
    )
    _, articles = load_articles(folder)
    sources = {a.title: a.source for a in articles if isinstance(a, Article)}
    assert sources == {
        "Ferry strike": "gazette",  # the name before the date in its file's name
        "Bridge": "Coast Times",  # its front matter, before its name
        "Harbour": "articles",  # its folder
        "Pier": "articles",  # a file of records: its name may be the export's
    }
