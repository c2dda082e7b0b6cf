"""leisearch.ingest's formats: HTML, Markdown, JSON and JSON Lines, encodings, front matter.

The fixtures in tests/fixtures/formats were written for these tests (no page was
copied from the web): three saved news pages with navigation, share buttons,
related links, comments and bylines; a Markdown note with front matter; a JSON
Lines export in trafilatura's, news-please's and newspaper's spellings; text in
Windows-1252 and in UTF-16; a text with front matter; a long paragraph about awards.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from leisearch.ingest import load_articles
from leisearch.ingest.files import SourceFile, read_source
from leisearch.ingest.json_records import parse_records
from leisearch.ingest.markdown_note import parse_note
from leisearch.ingest.meta import authors_value, front_matter
from leisearch.ingest.reading import parse_source, read_article
from leisearch.models import Article, Skipped
from leisearch.quotes import extract_quotes
from leisearch.service.build import build
from leisearch.service.opening import open_index
from leisearch.service.search import search

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "formats"
#: The libraries that only ingest may load, and only when a file needs them.
INGEST_LIBRARIES = (
    "trafilatura",
    "lxml",
    "htmldate",
    "justext",
    "dateparser",
    "markdown_it",
    "yaml",
    "charset_normalizer",
)


def read(name: str, article_id: str | None = None) -> list[Article | Skipped]:
    path = FIXTURES / name
    return read_article(SourceFile(str(path), article_id or path.stem))


def one(name: str) -> Article:
    (article,) = read(name)
    assert isinstance(article, Article), article
    return article


def quotes(article: Article) -> list[tuple[str | None, str]]:
    """Each quotation's speaker and its first four words."""
    return [(q.speaker, " ".join(q.text.split()[:4])) for q in extract_quotes(article)]


# --- every fixture: title, date, metadata, paragraphs, quotations ---------------------

EXPECTED = {
    "ferry_route.html": {
        "title": "Harbour council approves new ferry route",
        "date": "2024-03-05",
        "author": "Jane Holloway",
        "url": "https://gazette.example/news/2024/03/05/ferry-route",
        "source": "The Riverside Gazette",
        "paragraphs": 8,
        "first": "Eastport harbour council has approved a fast ferry",
        "last": "“We have waited a long time for this,” said Ruth Abernethy",
        "quotes": [
            ("Marta Okafor", "The ferry will cut"),
            ("Marta Okafor", "For people who work"),
            ("Peter Lindqvist", "We are spending money"),
            ("Ruth Abernethy", "We have waited a"),
            ("Ruth Abernethy", "Now we want to"),
        ],
    },
    "library_hours.html": {
        "title": "Library extends opening hours after petition",
        "date": "2024-03-12",
        "author": "Samuel Achebe",
        "url": "https://echo.example/local/library-extends-opening-hours",
        "source": "echo.example",  # no site name on the page: its domain
        "paragraphs": 6,
        "first": "Northfield library will open until eight",
        "last": "The library will also open on Saturday afternoons",
        "quotes": [
            ("Helen Marsh", "A library that shuts"),
            ("Helen Marsh", "We asked for three"),
            ("Graham Poole", "We looked at who"),
            ("Graham Poole", "The evening is when"),
        ],
    },
    "bakery_interview.html": {
        "title": "The baker who gets up at three",
        "date": "2024-02-28",  # from JSON-LD's datePublished, not dateModified
        "author": "Priya Raman",
        "url": "https://valleylife.example/people/the-baker-who-gets-up-at-three/",
        "source": "Valley Life",
        "paragraphs": 5,
        "first": "Tom Garside has baked bread",
        "last": "The bakery uses flour from a mill",
        "quotes": [
            ("Tom Garside", "People think it is"),
            ("Tom Garside", "You cannot hurry a"),
            ("Ellie Garside", "I had never seen"),
        ],
    },
    "council_budget.md": {
        "title": "Council keeps every library open in its new budget",
        "date": "2024-03-08",
        "author": "Nadia Rahman; Owen Pryce",
        "url": "https://notes.example/2024/council-budget",
        "source": "Eastport Weekly",
        "paragraphs": 9,
        "first": "Eastport council will keep all nine of its libraries",
        "last": "Service | Change\nLibraries | no closures\nParking | charges frozen",
        "quotes": [("Amira Haddad", "We will not close"), ("Derek Holm", "Raising the tax again")],
    },
    "cafe_rents_cp1252.txt": {
        "title": "Café owners fear new rent rules",
        "date": None,
        "author": None,
        "url": None,
        "source": "formats",  # the folder's name
        "paragraphs": 4,
        "first": "Café and restaurant owners in the old town",
        "last": "“An empty shop pays nobody’s wages,” said Paul Mercer",
        "quotes": [
            ("Renée Tremblay", "We cannot keep raising"),
            ("Paul Mercer", "An empty shop pays"),
        ],
    },
    "market_hall_utf16.txt": {
        "title": "Market hall reopens after two-year repair",
        "date": None,
        "author": None,
        "url": None,
        "source": "formats",
        "paragraphs": 3,
        "first": "Eastport’s Victorian market hall reopened",
        "last": "Twenty-eight of the thirty stalls are let",
        "quotes": [("Farah Malik", "It looks the way")],
    },
    "harbour_front_matter.txt": {
        "title": "Harbour master retires after 31 years",
        "date": "2024-04-02",
        "author": "Jane Holloway",
        "url": None,
        "source": "The Riverside Gazette",
        "paragraphs": 3,
        "first": "Captain Elin Morgan has retired",
        "last": "Her deputy, Sam Okoro, will take over in May.",
        "quotes": [("Elin Morgan", "The harbour is in")],
    },
    "film_awards.txt": {
        "title": "Documentary about fishing families wins festival's top prize",
        "date": None,
        "author": None,
        "url": None,
        "source": "formats",
        "paragraphs": 4,
        "first": "A documentary about three fishing families",
        "last": "Tickets for next year's festival go on sale in January.",
        "quotes": [("Colm Keane", "It is a film")],
    },
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture(name: str) -> None:
    expected = EXPECTED[name]
    article = one(name)
    assert article.id == Path(name).stem
    assert article.path == str(FIXTURES / name)
    for key in ("title", "date", "author", "url", "source"):
        assert getattr(article, key) == expected[key], key
    texts = [p.text for p in article.paragraphs]
    assert len(texts) == expected["paragraphs"], texts
    assert texts[0].startswith(str(expected["first"]))
    assert texts[-1].startswith(str(expected["last"]))
    assert [p.number for p in article.paragraphs] == list(range(1, len(texts) + 1))
    assert quotes(article) == expected["quotes"]


JSONL_EXPECTED = [
    # trafilatura: "source" is the page's URL, "source-hostname" the site's name
    (
        "scraped-1",
        "Wind farm plan goes to a public inquiry",
        "2024-03-14",
        "Carl Jensen; Mia Olsen",
        "https://northern.example/2024/03/14/wind-farm-inquiry",
        "The Northern Courier",
        [("Lars Dahl", "We would rather have")],
    ),
    # news-please: maintext (text is null), date_publish, authors, source_domain
    (
        "scraped-2",
        "Maternity unit saved after campaign",
        "2024-03-19T16:45:00",
        "Ingrid Bauer",
        "https://www.valley-post.example/health/maternity-unit",
        "www.valley-post.example",
        [("Helen Price", "Mothers told us the")],
    ),
    # newspaper: publish_date, authors, meta_site_name, paragraphs between blank lines
    (
        "scraped-3",
        "New lifeboat named after retired cox",
        "2024-03-22T00:00:00",
        "Tom Price; Sara Lin",
        "https://coastal-times.example/2024/03/22/lifeboat",
        "Coastal Times",
        [("Morwenna Tregarthen", "He would have said")],
    ),
]


def test_json_lines_in_three_scrapers_spellings() -> None:
    *articles, skipped = read("scraped.jsonl")
    assert skipped == Skipped(str(FIXTURES / "scraped.jsonl"), "line 5: no text")
    assert len(articles) == len(JSONL_EXPECTED)
    for article, expected in zip(articles, JSONL_EXPECTED, strict=True):
        assert isinstance(article, Article)
        article_id, title, date, author, url, source, said = expected
        assert (article.id, article.title, article.date) == (article_id, title, date)
        assert (article.author, article.url, article.source) == (author, url, source)
        assert article.path == str(FIXTURES / "scraped.jsonl")
        assert len(article.paragraphs) == 3  # single newlines and blank lines alike
        assert quotes(article) == said
    # What is not the article's text is not read: trafilatura's comments, a description.
    texts = " ".join(p.text for a in articles if isinstance(a, Article) for p in a.paragraphs)
    assert "a reader" not in texts and "health board said." not in texts


# --- HTML -----------------------------------------------------------------------------

PAGE_FURNITURE = [
    "Accept all cookies",
    "Share on Facebook",
    "Subscribe",
    "Bridge repairs delayed",
    "Photo: Gazette archive",
    "Sign up for our free",
    "DaveFromEastport",
    "waste of money",
    "Most read",
    "All rights reserved",
    "Tweet",
    "Buy one get one free",
    "Swimming pool to reopen",
    "About time",
    "Popular posts",
    "Your email address",
    "Share this",
    "old mill race",
    "Previous post",
    "Best bread in the county",
    "Proudly powered",
]


@pytest.mark.parametrize(
    "name", ["ferry_route.html", "library_hours.html", "bakery_interview.html"]
)
def test_a_page_loses_its_navigation_comments_and_share_buttons(name: str) -> None:
    text = "\n".join(p.text for p in one(name).paragraphs)
    assert [noise for noise in PAGE_FURNITURE if noise in text] == []


def test_a_page_saved_as_txt_is_read_as_html(tmp_path: Path) -> None:
    page = (FIXTURES / "ferry_route.html").read_bytes()
    saved = tmp_path / "ferry_route.txt"
    saved.write_bytes(b"\xef\xbb\xbf\n  " + page)  # after a byte-order mark and white space
    (from_txt,) = read_article(SourceFile(str(saved), "ferry_route"))
    from_html = one("ferry_route.html")
    assert isinstance(from_txt, Article)
    assert from_txt.title == from_html.title  # not "<!DOCTYPE html>"
    assert from_txt.paragraphs == from_html.paragraphs
    assert (from_txt.date, from_txt.url) == (from_html.date, from_html.url)


@pytest.mark.parametrize(
    ("name", "text", "date", "warned"),
    [
        ("month.md", "---\ntitle: Rents\ndate: March 2024\n---\n\nRents rose.", "2024-03", ""),
        (
            "soon.md",
            "---\ntitle: Rents\ndate: yesterday\n---\n\nRents rose.",
            None,
            "soon.md: the date 'yesterday' could not be read: the article has none",
        ),
        (
            "dateline.txt",
            "Rents rise\n\nPublished 12th March 2024\n\nRents rose.",
            "2024-03-12",
            "",
        ),
        (
            "byline.txt",
            "Rents rise\n\nBy Ann Lee, Business Editor, March 24, 2024\n\nRents rose.",
            "2024-03-24",
            "",
        ),
        # the front matter's date wins over a dateline's
        (
            "both.md",
            "---\ntitle: Rents\ndate: 2024-01-02\n---\n\n12 Feb 2024\n\nRents rose.",
            "2024-01-02",
            "",
        ),
    ],
)
def test_an_article_date_from_its_file(
    tmp_path: Path, name: str, text: str, date: str | None, warned: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    (article,) = read_article(SourceFile(str(path), path.stem))
    assert isinstance(article, Article)
    assert article.date == date
    assert [p.text for p in article.paragraphs] == ["Rents rose."]  # the dateline removed
    assert [w.removeprefix(f"{tmp_path}/") for w in article.warnings] == (
        [warned] if warned else []
    )


def test_a_page_dated_only_in_its_visible_byline(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Water warning | Valley News</title></head><body>"
        "<nav><a href='/'>Home</a></nav><article><h1>Water warning</h1>"
        "<p class='byline'>By Rhiannon Bell | Tue, 19 Mar 2024 10:00:00 GMT | 4 min read</p>"
        "<p>Residents of three villages were told on Tuesday to boil their tap water after "
        "routine tests found bacteria in a reservoir that serves about 4,000 homes.</p>"
        "</article></body></html>"
    )
    path = tmp_path / "water.html"
    path.write_text(page, encoding="utf-8")
    (article,) = read_article(SourceFile(str(path), "water"))
    assert isinstance(article, Article) and article.date == "2024-03-19"


def test_a_page_that_says_latin_1_is_read_as_windows_1252(tmp_path: Path) -> None:
    # As browsers read it: such pages hold Windows-1252's curly quotes and apostrophes.
    page = (
        '<html><head><meta charset="iso-8859-1"><title>Pool closes</title></head><body>'
        "<article><h1>Pool closes</h1><p>\u201cIt closes with a heavy heart,\u201d said Fiona "
        "O\u2019Brien, who has run the caf\u00e9 by the pool since it opened in the spring of "
        "1998 and has seen three councils promise to save it.</p></article></body></html>"
    )
    path = tmp_path / "pool.htm"
    path.write_bytes(page.encode("cp1252"))
    (article,) = read_article(SourceFile(str(path), "pool"))
    assert isinstance(article, Article) and article.warnings == ()
    assert article.paragraphs[0].text.startswith("\u201cIt closes with a heavy heart,\u201d")
    assert "O\u2019Brien" in article.paragraphs[0].text


def test_a_news_brief_is_its_own_text_not_a_dump_of_the_page(tmp_path: Path) -> None:
    # Under 250 characters of text, trafilatura's own default takes the main text for a
    # failure and dumps the page: byline, date and share buttons in one paragraph.
    page = (
        "<html><head><title>Pier reopens | Coast News</title></head><body>"
        "<header><nav><a href='/'>Home</a> <a href='/sport'>Sport</a></nav></header>"
        "<article><h1>Pier reopens</h1><div class='byline'>By Ann Lee, 4 May 2024</div>"
        "<div class='share'><a href='#'>Share on Facebook</a><a href='#'>Email</a></div>"
        "<p>The pier reopened on Saturday after a winter of repairs.</p>"
        '<p>"It was worth the wait," said Tom Hale.</p></article>'
        "<footer>Copyright Coast News</footer></body></html>"
    )
    path = tmp_path / "pier.html"
    path.write_text(page, encoding="utf-8")
    (article,) = read_article(SourceFile(str(path), "pier"))
    assert isinstance(article, Article)
    assert [p.text for p in article.paragraphs] == [
        "The pier reopened on Saturday after a winter of repairs.",
        '"It was worth the wait," said Tom Hale.',
    ]


def test_a_pages_inline_quote_keeps_its_marks_and_a_pull_quote_is_left_out(
    tmp_path: Path,
) -> None:
    # trafilatura drops a <q>'s marks and ends the paragraph at it; a pull quote is a
    # sentence of the story again (a fresh-clone trial's pages).
    page = (
        "<html><head><title>Reef | Harbour Herald</title></head><body><article>"
        "<h1>Reef</h1><p>The reef has bleached for a third summer in a row, the survey"
        " found.</p>"
        '<blockquote class="pullquote"><p>\u201cI have never seen the reefs like'
        " this.\u201d</p></blockquote>"
        "<p>Operator Mick Hale was blunter. <q>People come from Germany to see this.</q>"
        " he asked.</p><p>\u201cI have never seen the reefs like this,\u201d said Dr Ana"
        " Roe, who has surveyed them for twenty years.</p></article></body></html>"
    )
    path = tmp_path / "reef.html"
    path.write_text(page, encoding="utf-8")
    (article,) = read_article(SourceFile(str(path), "reef"))
    assert isinstance(article, Article)
    texts = [p.text for p in article.paragraphs]
    inline = "Operator Mick Hale was blunter. \u201cPeople come from Germany to see this.\u201d"
    assert inline + " he asked." in texts
    assert len(texts) == 3


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Ciar\u00e1n de B\u00farca, Courts Correspondent", "Ciar\u00e1n de B\u00farca"),
        (["Ann Roe, Political Editor", "Tom Lee"], "Ann Roe; Tom Lee"),
        (["Staff Reporter"], None),
        ("Legal Correspondent", None),
        ({"name": "Our Foreign Staff"}, None),
        # a name written surname first, and an agency, stay
        ("Roe, Ann", "Roe, Ann"),
        ("Reuters", "Reuters"),
    ],
)
def test_an_author_is_a_person_without_a_writers_role(value: object, expected: str | None) -> None:
    assert authors_value(value) == expected


def test_a_page_in_its_declared_charset(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="windows-1252"><title>Caf\u00e9 closes</title></head><body>'
        "<article><h1>Caf\u00e9 closes</h1><p>The caf\u00e9 on Quay Street closed on Friday "
        "after forty years, its owner said, because the rent had doubled since the spring "
        "and the winter had been the quietest she could remember.</p></article></body></html>"
    )
    path = tmp_path / "cafe.html"
    path.write_bytes(page.encode("cp1252"))
    (article,) = read_article(SourceFile(str(path), "cafe"))
    assert isinstance(article, Article)
    assert article.title == "Caf\u00e9 closes"
    assert article.paragraphs[0].text.startswith("The caf\u00e9 on Quay Street")
    assert article.warnings == ()  # declared, not guessed


@pytest.mark.parametrize(
    "page",
    [
        b"",
        b"<html></html>",
        b"<html><body><nav><a href='/'>Home</a></nav></body></html>",
        b"<<<>>>",
    ],
    ids=["empty", "no-body", "only-navigation", "not-html"],
)
def test_a_page_without_text_is_skipped_quietly(
    tmp_path: Path, page: bytes, capfd: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(page)
    assert read_article(SourceFile(str(path), "page")) == [Skipped(str(path), "no text")]
    assert capfd.readouterr() == ("", "")  # library code never prints, nor do its libraries


def test_a_page_that_breaks_the_extractor_is_skipped_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from leisearch.ingest import html_page

    def broken(html: str) -> None:
        raise ValueError("lxml could not parse it")

    monkeypatch.setattr(html_page, "extract", broken)
    path = tmp_path / "page.html"
    path.write_bytes((FIXTURES / "ferry_route.html").read_bytes())
    assert read_article(SourceFile(str(path), "page")) == [
        Skipped(str(path), "HTML that could not be read (ValueError)")
    ]


# --- Markdown -------------------------------------------------------------------------


def test_markdown_markup_is_stripped() -> None:
    article = one("council_budget.md")
    text = "\n".join(p.text for p in article.paragraphs)
    assert "adult social care" in text and "https://notes.example/care" not in text
    for markup in ("**", "](", "![", "<span", "# ", "> ", "- £"):
        assert markup not in text, markup
    assert "council chamber" not in text  # an image's alt text describes, it is not text
    assert "Where the money goes" in text  # a heading after the title is a paragraph


@pytest.mark.parametrize(
    ("note", "title", "first"),
    [
        ("# The ferry\n\nIt sails at nine.", "The ferry", "It sails at nine."),
        ("The ferry\nIt sails at nine.\n\nMore.", "The ferry", "It sails at nine."),
        ("Intro line.\n\n# A heading later", "Intro line.", "A heading later"),
        (
            "---\ntitle: From front matter\n---\n# The ferry\n\nText.",
            "From front matter",
            "The ferry",
        ),
    ],
    ids=["heading", "first-line", "heading-not-first", "front-matter"],
)
def test_markdown_title(note: str, title: str, first: str) -> None:
    article = parse_note("n", note)
    assert article is not None
    assert (article.title, article.paragraphs[0].text) == (title, first)


# --- front matter ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "read"), [("2016", "2016"), ('"2016"', "2016"), ("2016-10", "2016-10")]
)
def test_a_front_matter_may_date_its_article_to_a_year(written: str, read: str) -> None:
    # YAML reads ``date: 2016`` as a number: still a year, with no warning.
    text = f"---\ntitle: Polls\ndate: {written}\n---\n\nThe polls closed."
    (article,) = parse_source(SourceFile("note.md", "notes"), text.encode())
    assert isinstance(article, Article)
    assert (article.date, article.warnings) == (read, ())


def test_front_matter_that_is_not_yaml_is_read_as_text() -> None:
    text = "---\ntitle: [unclosed\n  - an item\n---\nTitle\n\nBody."
    fields, body, warnings = front_matter(text)
    assert (fields, body) == (None, text)
    assert len(warnings) == 1 and warnings[0].startswith("the front matter is not valid YAML")
    assert warnings[0].endswith(": read as text")
    (article,) = parse_source(SourceFile("note.txt", "note"), text.encode())
    assert isinstance(article, Article)
    assert article.warnings == (f"note.txt: {warnings[0]}",)


def test_front_matter_of_key_lines_that_are_not_yaml_is_read_line_by_line() -> None:
    # A bracket left open: what a person wrote, not YAML, and not the article's title.
    text = "---\ntitle: Pier reopens\ndate: [March 2024\n---\n\nThe pier reopened."
    fields, body, warnings = front_matter(text)
    assert fields == {"title": "Pier reopens", "date": "[March 2024"}
    assert body == "\nThe pier reopened." and warnings[0].endswith(": read line by line")
    (article,) = parse_source(SourceFile("pier.md", "pier"), text.encode())
    assert isinstance(article, Article)
    assert (article.title, article.date) == ("Pier reopens", None)
    assert (
        article.warnings[-1]
        == "pier.md: the date '[March 2024' could not be read: the article has none"
    )


@pytest.mark.parametrize(
    "text",
    [
        "---\ndate: 2024-13-45\n---\nT\n\nB",  # PyYAML raises ValueError on this timestamp
        "---\n" + "[" * 2000 + "\n---\nT\n\nB",
        "---\n- a list\n---\nT\n\nB",
        "---\njust a line\n---\nT\n\nB",
    ],
    ids=["bad-timestamp", "deep", "list", "scalar"],
)
def test_front_matter_never_raises(text: str) -> None:
    fields, body, _ = front_matter(text)
    assert (fields is None and body == text) or (fields and body == "T\n\nB")


# --- JSON and JSON Lines --------------------------------------------------------------


def records(text: str, *, json_lines: bool = True, file_id: str = "feed") -> list[object]:
    """What each record became: an id, or the reason it was skipped."""
    found = parse_records(file_id, text, "/corpus/feed.jsonl", "feed.jsonl", json_lines=json_lines)
    return [a.id if isinstance(a, Article) else a.reason for a in found]


def line(**record: object) -> str:
    return json.dumps({"title": "A title", "text": "Some text.", **record})


def test_json_lines_ids_and_reasons() -> None:
    text = "\n".join(
        [
            line(id="a/b\x1bc"),
            "",
            line(text=""),
            "{not json",
            "[1, 2]",
            line(),
            line(id="a/b\x1bc"),
            line(maintext="News-please text.", text=None),
            line(text=None),
        ]
    )
    assert records(text) == [
        "a_b_c",  # its own id, made safe
        "line 3: no text",
        "line 4: not valid JSON (expecting property name enclosed in double quotes, at column 2)",
        "line 5: not a JSON object",
        "feed-5",  # the fifth record: blank lines are not counted
        "a_b_c-2",  # a repeated id: both indexed
        "feed-7",
        "line 9: no text",
    ]


def test_a_repeated_id_is_said() -> None:
    found = parse_records(
        "feed", f"{line(id='x')}\n{line(id='x')}", "/c/feed.jsonl", "feed.jsonl", json_lines=True
    )
    second = found[1]
    assert isinstance(second, Article)
    assert second.warnings == (
        "feed.jsonl: line 2: id 'x' is already used on line 1: indexed as 'x-2'",
    )


def test_a_json_file_of_one_object_or_a_list() -> None:
    one_object = json.dumps({"title": "T", "text": "Body."}, indent=2)
    assert records(one_object, json_lines=False) == ["feed"]  # the file's own id
    assert records(json.dumps({"id": 7, "title": "T", "text": "B."}), json_lines=False) == ["7"]
    listed = (
        '[\n  {"title": "T", "text": "B."},\n  {"title": "U"},\n  3,\n  {"text": "Only text."}\n]'
    )
    assert records(listed, json_lines=False) == [
        "feed-1",
        "line 3: no text",
        "line 4: not a JSON object",
        "feed-4",  # one line: its title, and its one paragraph
    ]
    broken = '[{"title": "T", "text": "B."},\n {"title": "U", "text": oops}]'
    assert records(broken, json_lines=False) == [
        "feed-1",  # what came before the error is kept
        "line 2: not valid JSON (Expecting value): the rest of the file is not read",
    ]
    assert records('"a string"', json_lines=False) == [
        "line 1: not a JSON object or list of objects"
    ]
    assert records("{", json_lines=False) == [
        "line 1: not valid JSON (expecting property name enclosed in double quotes, at column 2)"
    ]


_WRAPPED = (
    "Indexing quality depends on the indexer's knowledge of\nthe field and its terms, and on the"
    " vocabulary the\nindexer is given to work with."
)


@pytest.mark.parametrize(
    ("text", "paragraphs"),
    [
        # a scraper's text: a paragraph a line, each ending its sentence
        (
            "The council met on Tuesday.\nIt agreed the budget.\nThe mayor left early.",
            ["The council met on Tuesday.", "It agreed the budget.", "The mayor left early."],
        ),
        # an abstract's hard-wrapped lines: one paragraph, its wraps joined, as in a .txt file
        (_WRAPPED, [" ".join(_WRAPPED.split())]),
    ],
    ids=["a-paragraph-a-line", "hard-wrapped"],
)
def test_a_records_text_without_blank_lines(text: str, paragraphs: list[str]) -> None:
    (article,) = parse_records(
        "f", json.dumps({"title": "Notes", "text": text}), "/f.json", "f.json", json_lines=False
    )
    assert isinstance(article, Article)
    assert [p.text for p in article.paragraphs] == paragraphs


def test_a_record_without_a_title_takes_its_first_line() -> None:
    (article,) = parse_records(
        "f",
        json.dumps({"text": "Ferry approved\nThe council voted."}),
        "/f.json",
        "f.json",
        json_lines=False,
    )
    assert isinstance(article, Article)
    assert (article.title, [p.text for p in article.paragraphs]) == (
        "Ferry approved",
        ["The council voted."],
    )


def test_ids_stay_unique_across_files(tmp_path: Path) -> None:
    (tmp_path / "ferry.txt").write_text("Ferry\n\nText.", encoding="utf-8")
    (tmp_path / "a.jsonl").write_text(line(id="ferry") + "\n" + line(id="x"), encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(line(id="x"), encoding="utf-8")
    _, stream = load_articles(tmp_path)
    found = {a.id: a for a in stream if isinstance(a, Article)}
    assert sorted(found) == ["ferry", "ferry-2", "x", "x-2"]  # the file keeps its own id
    assert found["x-2"].path == str(tmp_path / "b.jsonl")
    assert "indexed as 'x-2'" in found["x-2"].warnings[0]


# --- encodings ------------------------------------------------------------------------


def test_windows_1252_is_read_as_such() -> None:
    article = one("cafe_rents_cp1252.txt")
    assert "\ufffd" not in " ".join(p.text for p in article.paragraphs)
    assert article.warnings == (
        f"{FIXTURES / 'cafe_rents_cp1252.txt'}: not UTF-8: read as Windows-1252",
    )


def test_utf16_is_text_not_binary() -> None:
    source = SourceFile(str(FIXTURES / "market_hall_utf16.txt"), "market")
    assert isinstance(read_source(source), bytes)
    assert one("market_hall_utf16.txt").warnings == ()


def test_utf16_without_a_byte_order_mark_is_binary(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes("Title\n\nText.".encode("utf-16-le"))
    assert read_article(SourceFile(str(path), "wide")) == [Skipped(str(path), "binary file")]


# --- a .txt article and the same article as a JSON Lines record -----------------------

_LINE = st.text(
    st.characters(categories=["L", "N", "P", "Zs", "S"], exclude_characters="\u2028\u2029\x85"),
    min_size=1,
    max_size=60,
).filter(lambda s: s.strip())
_SENTENCES = st.sampled_from(
    [
        '"We will build it," said Marta Okafor.',
        "\u201cNot this year,\u201d the mayor, Tom Reed, said. \u201cMaybe the next.\u201d",
        "Peter Lindqvist said: \u201cThe cost is too high.\u201d",
        "The council met on Monday.",
        "Recommend",
        "READ MORE: Bridge repairs delayed",
        "Image source: Gazette archive",
        "[[1234]]",
        "Tennis",
        # longer than a wrapped line: a block of them is a paragraph a line
        "The council met on Tuesday evening to agree the budget for the coming year, and "
        "every member of it spoke.",
    ]
)
_LONG_LINE = (
    '"We will build it," said Marta Okafor, who has argued for the new ferry since the '
    "council first met in May."
)
_PARAGRAPH = st.lists(_SENTENCES | _LINE, min_size=1, max_size=3).map("\n".join)
_TITLE = st.lists(st.sampled_from(["Ferry", "plan", "approved", "“Now”", "Mayor"]), min_size=1).map(
    " ".join
)


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(_TITLE, st.lists(_PARAGRAPH, min_size=2, max_size=6))
@example("Ferry", [f"{_LONG_LINE}\n{_LONG_LINE}\nRecommend", "The council met on Monday."])
def test_txt_and_json_lines_give_the_same_article(
    tmp_path: Path, title: str, paragraphs: list[str]
) -> None:
    body = "\n\n".join(paragraphs)
    txt = tmp_path / "story.txt"
    txt.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    jsonl = tmp_path / "story.jsonl"
    jsonl.write_text(json.dumps({"title": title, "text": body}) + "\n", encoding="utf-8")
    (from_txt,) = read_article(SourceFile(str(txt), "story"))
    (from_json,) = read_article(SourceFile(str(jsonl), "story"))
    if isinstance(from_txt, Skipped):
        assert isinstance(from_json, Skipped)
        return
    assert isinstance(from_json, Article)
    assert from_json.title == from_txt.title
    assert from_json.paragraphs == from_txt.paragraphs
    assert from_json.removed == from_txt.removed

    def said(article: Article) -> list[tuple[object, ...]]:
        return [
            (q.paragraph, q.start, q.end, q.text, q.speaker, q.cue, q.confidence)
            for q in extract_quotes(article)
        ]

    assert said(from_json) == said(from_txt)


# --- the whole way: a build of every format, and the query path -----------------------


@pytest.fixture(scope="module")
def formats_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = tmp_path_factory.mktemp("corpus") / "formats"
    shutil.copytree(FIXTURES, corpus)
    (corpus / "scan.pdf").write_bytes(b"%PDF-1.7")
    index_dir = corpus.parent / "ix"
    report = build([corpus], index_dir, procs=1)
    assert report.articles == 11, report
    assert report.skipped == (Skipped(str(corpus / "scraped.jsonl"), "line 5: no text"),)
    assert "passed over 1 .pdf file (not a format leisearch reads)" in report.warnings
    return index_dir


@pytest.mark.parametrize(
    ("query", "article"),
    [
        ("ferry subsidy", "ferry_route"),
        ("sourdough", "bakery_interview"),
        ("Skerry Head turbines", "scraped-1"),
        ("maternity unit", "scraped-2"),
        ("Tregarthen lifeboat", "scraped-3"),
        ("café rents", "cafe_rents_cp1252"),
        ("market hall columns", "market_hall_utf16"),
        ("bronze boat", "film_awards"),  # in the 866-character paragraph
        ("sea wall", "council_budget"),
    ],
)
def test_every_format_is_searchable(formats_index: Path, query: str, article: str) -> None:
    hits = search(open_index(formats_index).index, query).hits
    assert hits and hits[0].article == article


def test_the_query_path_imports_no_ingest_library(formats_index: Path) -> None:
    probe = (
        "import atexit, sys\n"
        f"names = {INGEST_LIBRARIES!r}\n"
        "atexit.register(lambda: print(sorted({m.split('.')[0] for m in sys.modules}"
        " & set(names)), file=sys.stderr))\n"
        "import leisearch.ingest, leisearch.ingest.reading\n"  # importing ingest loads none either
        "from leisearch.cli import main\n"
        f"main(['query', 'ferry', '--json', '--index', {str(formats_index)!r}])\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert "ferry_route" in proc.stdout
    assert proc.stderr.strip().splitlines()[-1] == "[]"
