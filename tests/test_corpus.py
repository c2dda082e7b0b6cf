"""leisearch.ingest: each cleaning rule on small texts, then the seed articles."""

from __future__ import annotations

import codecs
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leisearch.errors import CorpusError, Reason
from leisearch.ingest import load_articles
from leisearch.ingest.assemble import pieces, unwrapped
from leisearch.ingest.clean import (
    PROSE_WORDS,
    RULES,
    clean,
    cut_trailer,
    drop_author_bio,
    drop_repeated_title,
    drop_residue_lines,
    drop_trailing_tags,
    is_author_bio,
    is_residue_line,
    residue_rule,
)
from leisearch.ingest.files import (
    OWN_FILES,
    RealPaths,
    SourceFile,
    decode,
    find_files,
    passed_over_warnings,
)
from leisearch.ingest.plain import parse_article, split_blocks
from leisearch.ingest.reading import read_article
from leisearch.models import Article, Removed, Skipped
from leisearch.quotes import extract_quotes

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
PROPERTY = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

LONG_PARAGRAPH = (
    "Lei Jun said that the company would keep investing in research for the next decade, "
    "because a car is a product that takes years to get right, and that the first model "
    "had sold far better than anyone inside the company expected when it launched in March."
)
assert len(LONG_PARAGRAPH) > 200 and not LONG_PARAGRAPH.endswith("...")

BIO = (
    "As a winner of the Qingyun Plan, the 2019 Digital Author of the Year and a columnist "
    "for several sites, he has won many awards."
)


# --- split_blocks --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\nb\n\nc", ["a\nb", "c"]),
        ("a\r\nb\r\n\r\nc\r\n", ["a\nb", "c"]),
        ("a\rb\r\rc", ["a\nb", "c"]),
        ("a\n   \t\nb", ["a", "b"]),
        ("\n\n\na\n\n\n\nb\n\n", ["a", "b"]),
        ("a   \nb\t\n", ["a\nb"]),
        ("   indented first line", ["indented first line"]),
        ("", []),
        (" \n\t\n\r\n", []),
    ],
    ids=[
        "lf",
        "crlf",
        "cr",
        "whitespace-line",
        "many-blanks",
        "rstrip",
        "lstrip-first",
        "empty",
        "blank",
    ],
)
def test_split_blocks(text: str, expected: list[str]) -> None:
    assert split_blocks(text) == expected


# --- drop_repeated_title -------------------------------------------------------------


@pytest.mark.parametrize(
    ("blocks", "expected"),
    [
        (["The Title", "body"], ["body"]),
        (["the  TITLE", "body"], ["body"]),
        (["intro", "more", "The Title", "body"], ["intro", "more", "body"]),
        (["a", "b", "c", "The Title"], ["a", "b", "c", "The Title"]),
        (["The Title is long", "body"], ["The Title is long", "body"]),
        (["body"], ["body"]),
    ],
    ids=["first", "case-space", "third", "fourth-kept", "longer-kept", "absent"],
)
def test_drop_repeated_title(blocks: list[str], expected: list[str]) -> None:
    assert drop_repeated_title(blocks, "The Title") == expected


# --- is_residue_line / drop_residue_lines -------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "<<:  12-inch iPad Pro is coming soon!",
        ">>:  Is it really difficult for former Apple employees to start their own business?",
        "« : older story",
        "Previous: Xiaomi opens a store",
        "Next post: The SU7 arrives",
        "[[136918]]",
        "  [[1]] [[2]]  ",
        "Image source: Screenshot from Lei Jun\u2019s Douyin live-stream",
        "(Photo source: Wall Street Journal)",
        "Photo credit: Reuters",
        "Written by / Zhang Linyu",
        "edit / Huang Da Road",
        "design / Ju Jia",
        "Editor: Li Wei",
        "Source: Xinhua News Agency",
        "Your email address will not be published. Required fields are marked *",
        "This site is protected by reCAPTCHA and the Google Privacy Policy apply.",
        "Save my name, email, and website in this browser for the next time I comment.",
        "Name *",
        "Post Comment",
        "",
        "READ MORE: Minister quits over expenses row",
        "Read more: How the new rules work",
        "Watch: Hartley and Mowbray clash at PMQs",
        "Story continues below",
        "Article Continued Below",
        "Advertisement",
        "Media playback is unsupported on your device",
        "Image caption Dion Wilson has now scored 14 goals this season",
        "Continue reading the main story",
        "Read the rest here.",
        "Read the rest of the story at The New York Post.",
        "Read the rest of the article at https://example.com/a.html",
        "FOR IMMEDIATE RELEASE",
        "Embargoed until 00:01 BST, 6 May 2025",
        "###",
        "- ENDS -",
        "Media contact: press@brightwell.example",
        "Press enquiries: Ann Roe, 0800 555 0100",
        "FILE - Water flows over the Carrow Dam, May 3, 2024. (AP Photo/Rick Alvarado, File)",
        "(Courier photo by Sam Oduya)",
        "Associated Press writer Dana Kim in Boise contributed to this report.",
        "(Reporting by Ade Bello; Editing by Tom Lee)",
        "Copyright 2025 The Associated Press. All rights reserved.",
        "By Jenna Park-Ellis, Courier staff writer",
        "\u00a9 Northern Ledger 2024",
        "Read more",
        "READ: Rice prices to stay high until harvest, says DA",
        "This article was amended on 22 May 2024 to correct the number of objections.",
        "Join ST's Telegram channel and get the latest breaking news delivered to you.",
        "Sign up to the Courier newsletter for the best of Irish news every morning.",
    ],
    ids=[
        "nav-prev",
        "nav-next",
        "nav-guillemet",
        "previous",
        "next-post",
        "artifact",
        "artifacts",
        "image-source",
        "photo-source",
        "photo-credit",
        "written-by",
        "edit",
        "design",
        "editor",
        "source-byline",
        "email-form",
        "recaptcha",
        "save-my-name",
        "name-field",
        "post-comment",
        "empty",
        "read-more-caps",
        "read-more",
        "watch",
        "story-continues",
        "article-continued",
        "advertisement",
        "media-playback",
        "image-caption",
        "continue-reading",
        "read-the-rest",
        "read-the-rest-at",
        "read-the-rest-at-an-address",
        "for-immediate-release",
        "embargoed",
        "end-mark",
        "ends",
        "media-contact",
        "press-enquiries",
        "ap-photo-caption",
        "photo-by",
        "writer-contributed",
        "reporting-editing",
        "copyright",
        "byline-staff-writer",
        "copyright-holder-first",
        "read-more-alone",
        "read-label",
        "amended-note",
        "join-channel",
        "sign-up-newsletter",
    ],
)
def test_is_residue_line(line: str) -> None:
    assert is_residue_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Reporter: What do you think of patents?",
        "Lei Jun replied: we have more than 3,000 patents.",
        "Source of growth is the overseas market, Lei Jun said.",
        "Editor: we changed the policy because readers asked for it",
        "Next, the company plans to build a second factory.",
        "Picture this: a car that sells three times the expectation.",
        "Interview:Why Lei Jun Chose to Build a Car (#3)",
        "The email address of the press office is on the website.",
        "He wrote about [[136918]] in his blog",
        "Image source: " + "a very long caption that keeps going " * 8,
        "Read more about the plan in our guide, which explains it.",
        "Watch the skies, the forecaster said, because the storm is close.",
        "Advertisements for the show ran all week.",
        "READ MORE: " + "a teaser that goes on and on " * 10,
        "Read the rest here, she said, and then decide.",
        "Read the rest of the report before you vote.",
        "Read the rest at once, and you will see why she resigned.",
        "Read the rest at your peril.",
        "The release was embargoed, but it leaked.",
        "Ends and means were debated at length by the council on Tuesday.",
        "Media contacts were told nothing before the vote, the union said.",
        "Embargoed until midnight, the report shows the council overspent by two million pounds.",
        "Embargoed for a week, the report was finally published on Friday, the union said.",
        "Press inquiries: the council said it would not comment on the matter",
        "Ends.",
        "The photographer said the photo by Sam Oduya was taken at dawn and shows the dam.",
        "Reporters from three papers contributed to the fund, the union said.",
        "Copyright law was the subject of the talk.",
        "By then, the staff writer had left the building for the day.",
        "\u00a9 Northern Ledger said it would fight the ruling in 2024 and beyond.",
        "(c) The tenancy began in 2024.",
        "Copyright Licensing Agency fees rose in 2024.",
        "Read more about the plan in our guide to the budget, which explains it all.",
        "This article was amended by the committee, which voted for it on Tuesday after a long"
        " debate about the cost of the bridge and who should pay for it in the end.",
        "This report was updated on Monday to include 2023 figures, the agency said.",
    ],
    ids=[
        "reporter",
        "replied",
        "source-of-growth",
        "editor-sentence",
        "next-comma",
        "picture-this",
        "interview-heading",
        "email-sentence",
        "inline-artifact",
        "overlong-credit",
        "read-more-sentence",
        "watch-sentence",
        "advertisements-sentence",
        "overlong-read-more",
        "read-the-rest-sentence",
        "read-the-rest-of-a-report",
        "read-the-rest-at-once",
        "read-the-rest-at-your-peril",
        "embargoed-sentence",
        "ends-sentence",
        "media-contacts-sentence",
        "embargoed-until-a-clause",
        "embargoed-for-a-clause",
        "press-inquiries-a-sentence",
        "ends-a-word",
        "photo-by-sentence",
        "contributed-sentence",
        "copyright-sentence",
        "by-then-staff-writer",
        "copyright-holder-sentence",
        "list-item-c",
        "copyright-agency-sentence",
        "read-more-sentence-long",
        "amended-prose",
        "report-updated-prose",
    ],
)
def test_is_not_residue_line(line: str) -> None:
    assert not is_residue_line(line)


@pytest.mark.parametrize(
    ("blocks", "expected"),
    [
        (["[[136918]]", "body"], ["body"]),
        (["Written by / Zhang Linyu\nedit / Huang Da Road", "body"], ["body"]),
        (["body one\nImage source: Douyin", "body two"], ["body one", "body two"]),
        (["He said [[42]] it works."], ["He said  it works."]),
        (["Reporter: Why?\nLei Jun: Because."], ["Reporter: Why?\nLei Jun: Because."]),
    ],
    ids=["artifact-block", "byline-block", "credit-line", "inline-artifact", "dialogue-kept"],
)
def test_drop_residue_lines(blocks: list[str], expected: list[str]) -> None:
    assert drop_residue_lines(blocks) == expected


# --- cut_trailer ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("blocks", "expected"),
    [
        (
            [
                "p1",
                "p2",
                "Recommend",
                "Teaser title",
                "Five Thousand Years of History We have bu...",
            ],
            ["p1", "p2"],
        ),
        (["p1", "Similar Posts"], ["p1"]),
        (["p1", "Related Articles:", "x" * 250 + "…"], ["p1"]),
        (["p1", "leave a  REPLY", "Comment *"], ["p1"]),
        (["p1", "Recommend", LONG_PARAGRAPH], ["p1", "Recommend", LONG_PARAGRAPH]),
        (
            ["p1", "Recommend", "short teaser", LONG_PARAGRAPH],
            ["p1", "Recommend", "short teaser", LONG_PARAGRAPH],
        ),
        (["Recommend", "short teaser"], ["Recommend", "short teaser"]),
        (["p1", "We recommend it", "teaser"], ["p1", "We recommend it", "teaser"]),
        # a count after the heading; a bare "Read more" over a promotion
        (["p1", "Comments (3)", "Pat: so true.", "Sign up to our newsletter"], ["p1"]),
        # a bare "Read more" is a link's label, no heading: what follows stays
        (["p1", "Read more", '"It is like a building site," she said.', "p3"], None),
        # a plain-text file's last block: the heading and its teasers, a line each
        (["p1", "Related stories\nAmbulance waits hit a record\nGP rules: what they mean"], ["p1"]),
        (["p1", "Related stories\nThe council met. It agreed the budget."], None),
    ],
    ids=[
        "recommend-teasers",
        "heading-at-end",
        "ellipsis-teaser",
        "case-and-space",
        "long-paragraph-kept",
        "long-paragraph-later-kept",
        "first-block-kept",
        "not-a-heading",
        "comments-count",
        "bare-read-more-no-heading",
        "heading-and-teasers-in-one-block",
        "heading-over-prose-kept",
    ],
)
def test_cut_trailer(blocks: list[str], expected: list[str] | None) -> None:
    assert cut_trailer(blocks) == (blocks if expected is None else expected)


# --- author bios ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        (BIO, True),
        ("She is a columnist and contributor, and the author of two books.", True),
        ("Xiaomi won a design award for the SU7 this year.", False),
        ("Lei Jun, a winner of the award, thanked his team.", False),
        ("\u201c" + BIO + "\u201d", False),
        ('He said "' + BIO + '"', False),
        ("", False),
    ],
    ids=["bio", "short-bio", "one-cue", "two-cues", "curly-quoted", "straight-quoted", "empty"],
)
def test_is_author_bio(block: str, expected: bool) -> None:
    assert is_author_bio(block) is expected


@pytest.mark.parametrize(
    ("blocks", "expected"),
    [
        (["p1", "p2", "p3", BIO], ["p1", "p2", "p3"]),
        (["p1", "p2", BIO, "p4"], ["p1", "p2", "p4"]),
        (["p1", BIO, "p3", "p4"], ["p1", BIO, "p3", "p4"]),
        (["p1", "p2", "About the author", "Zhang writes about cars."], ["p1", "p2"]),
        (["p1", "p2", "Xiaomi won an award."], ["p1", "p2", "Xiaomi won an award."]),
        ([BIO], [BIO]),
        # a press release's "About" its organisation, which the next block opens with
        (
            ["p1", "p2", "About Brightwell Systems", "Brightwell Systems makes billing software."],
            ["p1", "p2"],
        ),
        # ... not an "About" heading of the story, nor one far from the end
        (
            ["p1", "About the vote", "The council voted on Monday."],
            ["p1", "About the vote", "The council voted on Monday."],
        ),
        (
            ["p1", "About Ann Roe", "Ann Roe is a nurse.", "p4", "p5", "p6"],
            ["p1", "About Ann Roe", "Ann Roe is a nurse.", "p4", "p5", "p6"],
        ),
        # ... nor a subheading the next paragraph opens with, describing no organisation
        (
            ["p1", "p2", "About Time", "Time is running out for the ferry, the union said."],
            ["p1", "p2", "About Time", "Time is running out for the ferry, the union said."],
        ),
        (
            ["p1", "p2", "About Ann", "Annabel Roe is a nurse."],
            ["p1", "p2", "About Ann", "Annabel Roe is a nurse."],
        ),
    ],
    ids=[
        "last",
        "second-last",
        "third-last-kept",
        "about-heading",
        "not-a-bio",
        "only-block-kept",
        "about-organisation",
        "about-the-story-kept",
        "about-far-from-the-end-kept",
        "about-a-subheading-kept",
        "about-part-of-a-word-kept",
    ],
)
def test_drop_author_bio(blocks: list[str], expected: list[str]) -> None:
    assert drop_author_bio(blocks) == expected


# --- decode --------------------------------------------------------------------------

#: Written for a user's trial: a short report that Windows-1250 reads within a hair as
#: coherently (0.667 against 0.654), as "\u0141" for its pound sign.
FRENCH_RENTS = (
    "Caf\u00e9 owners say rents are \u201cunsurvivable\u201d\n\n"
    "Owners of six caf\u00e9s on Quay Street say new rents of \u00a342,000 a year will force "
    "them out by the summer.\n\n"
    "\u201cWe have been here nineteen years. The new lease is a 40 per cent rise,\u201d said "
    "Ren\u00e9e Fran\u00e7ois, who runs the Blue Door caf\u00e9.\n\n"
    "The landlord, Quayside Estates, said the rents were \u201cin line with the "
    "market\u201d \u2014 and that talks were continuing.\n\n"
    "Councillor Tom Okafor said: \u201cIf Quay Street loses its caf\u00e9s, it loses its "
    "soul.\u201d\n"
)
TURKISH = (
    "T\u00fcrkiye Cumhuriyeti, ba\u015fkenti Ankara olan \u00fclkedir. I\u015f\u0131k ve "
    "\u011f\u00fc\u015fi\u00f6\u00e7 harfleri \u00f6nemlidir."
)
#: A sentence or two, as an article has: a few words of Cyrillic or Chinese read as well
#: in several encodings, and the detector's choice among those varies by its version.
RUSSIAN = (
    "\u0413\u0443\u0431\u0435\u0440\u043d\u0430\u0442\u043e\u0440 \u0441\u043a\u0430"
    "\u0437\u0430\u043b, \u0447\u0442\u043e \u043d\u043e\u0432\u044b\u0439 \u043c\u043e"
    "\u0441\u0442 \u043e\u0442\u043a\u0440\u043e\u044e\u0442 \u0432 \u043c\u0430\u0435. "
    "\u0420\u0430\u0431\u043e\u0442\u044b \u0438\u0434\u0443\u0442 \u0443\u0436\u0435 "
    "\u0434\u0432\u0430 \u0433\u043e\u0434\u0430."
)
CHINESE = (
    "\u5c0f\u7c73\u7684\u521b\u59cb\u4eba\u96f7\u519b\u8bf4\uff0c\u6c7d\u8f66\u5f88\u91cd"
    "\u8981\u3002\u4ed6\u8868\u793a\uff0c\u516c\u53f8\u5c06\u5728\u672a\u6765\u5341\u5e74"
    "\u7ee7\u7eed\u6295\u5165\u7814\u53d1\uff0c\u7b2c\u4e00\u6b3e\u8f66\u7684\u9500\u91cf"
    "\u8d85\u51fa\u4e86\u9884\u671f\u3002"
)


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"\xef\xbb\xbfhello", "hello"),
        ("Lei Jun\u2019s".encode(), "Lei Jun\u2019s"),
        (b"", ""),
        ("caf\u00e9 \u201cok\u201d".encode("utf-16"), "caf\u00e9 \u201cok\u201d"),
        (codecs.BOM_UTF16_BE + "caf\u00e9".encode("utf-16-be"), "caf\u00e9"),
        ("caf\u00e9".encode("utf-32"), "caf\u00e9"),
    ],
    ids=["bom", "utf8", "empty", "utf16-bom", "utf16-be-bom", "utf32-bom"],
)
def test_decode_valid(data: bytes, text: str) -> None:
    assert decode(data, "a.txt") == (text, [])


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        ("Caf\u00e9 au lait".encode("cp1252"), "Caf\u00e9 au lait", "Windows-1252"),
        ("\u201cNo,\u201d she said.".encode("cp1252"), "\u201cNo,\u201d she said.", "Windows-1252"),
        (b"abc\xffdef", "abc\u00ffdef", "Windows-1252"),
        (
            "El a\u00f1o de la se\u00f1ora".encode("cp1252"),
            "El a\u00f1o de la se\u00f1ora",
            "Windows-1252",
        ),
        (
            "Zg\u0142oszenie przyj\u0119te, powiedzia\u0142 \u0141ukasz.".encode("cp1250"),
            "Zg\u0142oszenie przyj\u0119te, powiedzia\u0142 \u0141ukasz.",
            "Windows-1250",
        ),
        # A near tie in the detector's coherence, in one language: Windows-1252, not
        # Windows-1250's "\u0141" for "\u00a3".
        (FRENCH_RENTS.encode("cp1252"), FRENCH_RENTS, "Windows-1252"),
        (TURKISH.encode("cp1254"), TURKISH, "Windows-1254"),
        (RUSSIAN.encode("cp1251"), RUSSIAN, "Windows-1251"),
        (CHINESE.encode("gb18030"), CHINESE, "GB18030"),
    ],
    ids=[
        "cafe",
        "curly-quotes",
        "one-byte",
        "spanish-tie",
        "polish",
        "near-tie",
        "turkish",
        "russian",
        "chinese",
    ],
)
def test_decode_legacy_encodings(data: bytes, text: str, encoding: str) -> None:
    # Not replacement characters: the encoding charset-normalizer finds, named.
    assert decode(data, "old.txt") == (text, [f"old.txt: not UTF-8: read as {encoding}"])


def test_decode_prefers_the_declared_charset() -> None:
    data = "\u201cNo\u201d".encode("cp1252")
    assert decode(data, "page.html", declared="windows-1252") == ("\u201cNo\u201d", [])
    # A charset that does not fit the bytes, or that Python does not know, is not believed.
    assert decode(data, "page.html", declared="nonsense")[1] != []


@pytest.mark.parametrize(
    ("data", "text", "bad", "encoding"),
    [
        (b"\xef\xbb\xbfcaf\xe9", "caf\ufffd", 1, "UTF-8"),
        (codecs.BOM_UTF16_LE + b"h\x00i", "h\ufffd", 1, "UTF-16"),
        (b"\xff\xfe\xfd", "\ufffd", 1, "UTF-16"),
        (bytes(range(0x80, 0x100)), "\ufffd" * 128, 128, "UTF-8"),
    ],
    ids=["utf8-bom-and-latin1", "utf16-odd-length", "utf16-bom-and-junk", "undetectable"],
)
def test_decode_invalid(data: bytes, text: str, bad: int, encoding: str) -> None:
    # A byte-order mark is believed, and bytes that do not fit it are replaced; so is
    # what no encoding reads.
    decoded, warnings = decode(data, "bad.txt")
    assert decoded == text
    assert warnings == [
        f"bad.txt: {bad} undecodable byte(s) replaced (file is not valid {encoding})"
    ]


# --- parse_article -------------------------------------------------------------------


def test_parse_article_title_and_numbering() -> None:
    text = (
        "\n\n  My Title  \n\nMy Title\n\n[[123]]\n\nFirst paragraph.\n\n"
        "Image source: somewhere\n\nSecond paragraph.\n\nRecommend\n\nA teaser...\n"
    )
    article = parse_article("id1", text, "p.txt")
    assert article is not None
    assert (article.id, article.title, article.path) == ("id1", "My Title", "p.txt")
    assert [(p.number, p.text) for p in article.paragraphs] == [
        (1, "First paragraph."),
        (2, "Second paragraph."),
    ]


def test_parse_article_body_on_the_title_block() -> None:
    article = parse_article("x", "Title\nbody line right under it\n\nnext")
    assert article is not None
    assert article.title == "Title"
    assert [p.text for p in article.paragraphs] == ["body line right under it", "next"]


_LONG = (
    "The council met on Tuesday evening to agree the budget for the coming year, and every "
    "member of it spoke at length."
)


@pytest.mark.parametrize(
    ("body", "paragraphs"),
    [
        # a page saved with one line break between its paragraphs: a paragraph a line
        (f"{_LONG}\n{_LONG}\nShort last line.", [_LONG, _LONG, "Short last line."]),
        # a hard-wrapped paragraph's lines are short: one paragraph, its wraps joined
        (
            "The council met on Tuesday evening\nto agree the budget for the year.",
            ["The council met on Tuesday evening to agree the budget for the year."],
        ),
        # one long line among short ones is still wrapped text
        (f"Short one.\nShort two.\n{_LONG}\nShort four.", None),
        # two lines are too few to tell (a paragraph, and a heading glued to it)
        (f"{_LONG}\nA heading after it", None),
        # text wrapped at 120 columns: long lines, but they end mid-sentence
        (
            f"{_LONG[:-1]} and then\n{_LONG[:-1]} and so\n{_LONG}",
            [f"{_LONG[:-1]} and then {_LONG[:-1]} and so {_LONG}"],
        ),
    ],
    ids=["one-per-line", "hard-wrapped", "mostly-short", "two-lines", "wrapped-wide"],
)
def test_long_lines_of_a_block_are_its_paragraphs(body: str, paragraphs: list[str] | None) -> None:
    article = parse_article("x", f"Title\n\n{body}")
    assert article is not None
    assert [p.text for p in article.paragraphs] == (paragraphs or [body])


@pytest.mark.parametrize(
    "text",
    [
        "Ward      Votes\nHarbour   1203\nPier      998",  # a table
        "Ward | Votes\nHarbour | 1203",
        "The union wants these three things:\nBetter pay\nShorter hours",  # a list
        "The union wants these three things from the company:\n- better pay\n- shorter hours",
        "Yours sincerely\nAnn Roe\nHarbour Master",  # a sign-off
        "12 Harbour Road\nLeeds LS1 4AB",  # an address
        "Q: You arrived in the middle of a storm season. How has it been?\nA: Busy.",
        "The harbour closed at dawn on Monday, the council said.\nIt reopened on Tuesday.",
    ],
    ids=["table", "table-bars", "list", "list-dashes", "sign-off", "address", "q-and-a", "two"],
)
def test_a_paragraphs_own_line_breaks_stay(text: str) -> None:
    assert unwrapped(text) == text


def test_a_hard_wrapped_quotation_is_one_line_of_words() -> None:
    # (a CSV of quotations kept the wraps inside its text field)
    article = parse_article(
        "x",
        "Fire\n\n\"The wind turned on us at about four\no'clock and the fire jumped the\n"
        'road," said Ann Roe.\nShe is the chief.\n\nA list:\n1. Roads\n2. Homes',
    )
    assert article is not None
    assert [p.text for p in article.paragraphs] == [
        '"The wind turned on us at about four o\'clock and the fire jumped the road,"'
        " said Ann Roe.\nShe is the chief.",  # (a break after a sentence's end stays)
        "A list:\n1. Roads\n2. Homes",  # (and one before a number)
    ]
    (quote,) = extract_quotes(article)
    assert quote.text == "The wind turned on us at about four o'clock and the fire jumped the road,"


@pytest.mark.parametrize("text", ["", "   \n\n\t\n"], ids=["empty", "blank"])
def test_parse_article_none(text: str) -> None:
    assert parse_article("x", text) is None


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Only a title", "Only a title"),
        ("Title\n\nTitle", "Title"),
        ("Title\n\n[[1]]\n\n<<: nav", "Title"),
        ('"This is fine," said Mary Jones', '"This is fine," said Mary Jones'),
    ],
    ids=["title-only", "repeated-title-only", "residue-only", "one-line"],
)
def test_an_article_with_no_paragraph_left_is_its_title(text: str, title: str) -> None:
    article = parse_article("x", text)
    assert article is not None
    assert article.title == title
    assert [(p.number, p.text) for p in article.paragraphs] == [(1, title)]


# --- find_files ----------------------------------------------------------------------


def write(path: Path, text: str = "Title\n\nBody.\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_find_files_missing_path_raises(tmp_path: Path) -> None:
    with pytest.raises(CorpusError) as info:
        find_files([tmp_path / "nope"])
    assert "nope" in info.value.message
    assert info.value.reason is Reason.NO_SUCH_PATH
    assert info.value.path == tmp_path / "nope"


def test_find_files_unread_file_named_warns(tmp_path: Path) -> None:
    pdf = write(tmp_path / "notes.pdf")
    sources, skipped, passed_over = find_files([pdf])
    assert sources == []
    assert skipped == [
        Skipped(str(pdf), "not a .txt, .md, .markdown, .html, .htm, .json or .jsonl file")
    ]
    assert passed_over == Counter()


def test_find_files_walks_every_format_and_counts_the_rest(tmp_path: Path) -> None:
    names = ["a.txt", "sub/b.TXT", "c.md", "d.markdown", "e.html", "f.HTM", "g.json", "h.jsonl"]
    wanted = {write(tmp_path / name) for name in names}
    for other in ["d.txt.bak", "i.pdf", "j.pdf", "sub/k.PDF", "l.docx", "README"]:
        write(tmp_path / other)
    write(tmp_path / ".hidden.txt")
    write(tmp_path / ".DS_Store")
    write(tmp_path / ".git" / "e.txt")
    write(tmp_path / ".git" / "config.pack")
    write(tmp_path / "leisearch.aliases", "Lei Jun: Lei\n")  # leisearch's own: not counted
    sources, skipped, passed_over = find_files([tmp_path])
    assert {Path(s.path) for s in sources} == wanted
    assert skipped == []
    assert passed_over == Counter({".pdf": 3, ".bak": 1, ".docx": 1, "": 1})
    assert passed_over_warnings(passed_over) == [
        "passed over 3 .pdf, 1 .bak, 1 .docx, 1 suffix-less files (not a format leisearch reads)"
    ]


def test_the_alias_file_is_the_one_find_files_leaves_alone() -> None:
    from leisearch.service.speakers import ALIAS_FILE

    assert {ALIAS_FILE} == OWN_FILES


def test_no_article_files_names_what_was_passed_over(tmp_path: Path) -> None:
    write(tmp_path / "scan.pdf")
    with pytest.raises(CorpusError) as info:
        load_articles(tmp_path)
    assert info.value.reason is Reason.NO_ARTICLE_FILES
    assert info.value.message.endswith(f"files in {tmp_path} (only 1 .pdf file)")


def test_find_files_duplicate_stems_get_distinct_ids(tmp_path: Path) -> None:
    one = write(tmp_path / "one" / "article.txt")
    two = write(tmp_path / "two" / "article.txt")
    solo = write(tmp_path / "two" / "solo.txt")
    sources, _, _ = find_files([tmp_path])
    ids = {Path(s.path): s.article_id for s in sources}
    assert set(ids) == {one, two, solo}
    assert len(set(ids.values())) == 3
    assert ids[solo] == "solo"
    assert ids[one] != ids[two]
    assert all("article" in ids[p] for p in (one, two))


def test_a_json_file_keeps_its_stem_whatever_ids_its_records_have(tmp_path: Path) -> None:
    feed = write(tmp_path / "feed.jsonl")
    note = write(tmp_path / "note.txt")
    # What an index knows: the records' ids for the JSON file, the article's for the text.
    known = {str(feed.resolve()): "feed-3", str(note.resolve()): "2024/note"}
    sources, _, _ = find_files([tmp_path], known)
    assert [(Path(s.path).name, s.article_id) for s in sources] == [
        ("feed.jsonl", "feed"),
        ("note.txt", "2024/note"),
    ]


def test_real_paths_are_realpaths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Files, linked files and folders, links to links, dangling links, a loop, missing
    files, relative paths, ``..`` after a link: each as ``os.path.realpath`` has it,
    asked twice (the second answer is kept) and in any order."""
    import os

    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "c").mkdir()
    (tmp_path / "a" / "b" / "x.txt").write_text("x", encoding="utf-8")
    (tmp_path / "c" / "y.txt").write_text("y", encoding="utf-8")
    (tmp_path / "a" / "to-c").symlink_to(tmp_path / "c")
    (tmp_path / "a" / "b" / "to-y.txt").symlink_to(tmp_path / "c" / "y.txt")
    (tmp_path / "c" / "to-to-y.txt").symlink_to(tmp_path / "a" / "b" / "to-y.txt")
    (tmp_path / "c" / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (tmp_path / "c" / "loop.txt").symlink_to(tmp_path / "c" / "loop.txt")
    (tmp_path / "up").symlink_to(tmp_path / "a" / "b", target_is_directory=True)
    monkeypatch.chdir(tmp_path / "a")
    paths = [
        f"{tmp_path}/a/b/x.txt",
        f"{tmp_path}/a/to-c/y.txt",
        f"{tmp_path}/a/to-c/to-to-y.txt",
        f"{tmp_path}/a/b/to-y.txt",
        f"{tmp_path}/c/dangling.txt",
        f"{tmp_path}/c/loop.txt",
        f"{tmp_path}/up/../c/y.txt",
        f"{tmp_path}/up/x.txt",
        f"{tmp_path}/a/to-c/missing.txt",
        "b/x.txt",
        "to-c/y.txt",
        "x.txt",
        "to-c/",
        "..",
        f"{tmp_path}/a/b/.",
    ]
    for order in (paths, paths[::-1]):
        real = RealPaths()
        for path in order * 2:
            assert real(path) == os.path.realpath(path), path
    assert RealPaths()(f"{tmp_path}/up/x.txt") == str(tmp_path / "a" / "b" / "x.txt")


def test_find_files_removes_duplicates(tmp_path: Path) -> None:
    a = write(tmp_path / "a.txt")
    sources, _, _ = find_files([a, tmp_path, a])
    assert [Path(s.path).resolve() for s in sources] == [a.resolve()]


# --- the seed articles ---------------------------------------------------------------

SEED_FILES = sorted(SEEDS.glob("*.txt"))


def first_line(path: Path) -> str:
    with open(path, encoding="utf-8") as handle:
        return next(line.strip() for line in handle if line.strip()).removeprefix("\ufeff")


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    _, stream = load_articles([SEEDS])
    items = list(stream)
    assert all(isinstance(a, Article) for a in items), items
    return {a.id: a for a in items if isinstance(a, Article)}


def test_seeds_are_five_articles(seeds: dict[str, Article]) -> None:
    assert len(SEED_FILES) == 5
    assert sorted(seeds) == [p.stem for p in SEED_FILES]


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.stem)
def test_seed_title_is_first_line(seeds: dict[str, Article], path: Path) -> None:
    assert seeds[path.stem].title == first_line(path)


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.stem)
def test_seed_paragraphs_numbered_from_one(seeds: dict[str, Article], path: Path) -> None:
    paragraphs = seeds[path.stem].paragraphs
    assert paragraphs
    assert [p.number for p in paragraphs] == list(range(1, len(paragraphs) + 1))
    assert all(p.text.strip() for p in paragraphs)


RESIDUE_LINE_STARTS = ("<<:", ">>:")
RESIDUE_FRAGMENTS = ("[[", "Your email", "Photo source", "Image source", "Written by /")
TRAILER_PARAGRAPHS = ("Recommend", "Similar Posts", "Leave a Reply")


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.stem)
def test_seed_paragraphs_have_no_residue(seeds: dict[str, Article], path: Path) -> None:
    for paragraph in seeds[path.stem].paragraphs:
        text = paragraph.text
        lines = [ln.strip() for ln in text.split("\n")]
        assert not any(ln.startswith(RESIDUE_LINE_STARTS) for ln in lines), text
        assert not any(fragment in text for fragment in RESIDUE_FRAGMENTS), text
        assert text.strip() not in TRAILER_PARAGRAPHS, text


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.stem)
def test_seed_paragraphs_come_from_the_file(seeds: dict[str, Article], path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    for paragraph in seeds[path.stem].paragraphs:
        for line in paragraph.text.split("\n"):
            assert line.strip() in raw


def seed(seeds: dict[str, Article], prefix: str) -> Article:
    (article,) = [a for key, a in seeds.items() if key.startswith(prefix)]
    return article


def test_seed_004_bio_dropped_and_last_paragraph_kept(seeds: dict[str, Article]) -> None:
    raw = next(p for p in SEED_FILES if p.stem.startswith("004")).read_text(encoding="utf-8")
    assert "As a winner of Toutiao" in raw
    texts = [p.text for p in seed(seeds, "004").paragraphs]
    assert not any(t.startswith("As a winner of Toutiao") for t in texts)
    assert texts[-1].startswith("Xiaomi is forcing competitors")


def test_seed_001_reporter_question_kept(seeds: dict[str, Article]) -> None:
    texts = [p.text for p in seed(seeds, "001").paragraphs]
    assert any("Reporter: What do you think of patents?" in t for t in texts)


def test_seed_001_bylines_dropped(seeds: dict[str, Article]) -> None:
    texts = [p.text for p in seed(seeds, "001").paragraphs]
    assert texts[0].startswith("Lei Jun entered the automotive industry")


# --- properties ----------------------------------------------------------------------


@PROPERTY
@given(st.text())
def test_parse_article_never_raises(text: str) -> None:
    article = parse_article("x", text)
    if article is not None:
        assert article.title == article.title.strip()
        assert article.title
        assert [p.number for p in article.paragraphs] == list(range(1, len(article.paragraphs) + 1))


@PROPERTY
@given(st.binary())
def test_read_article_never_raises(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "any.txt"
    path.write_bytes(data)
    (result,) = read_article(SourceFile(str(path), "any"))
    assert isinstance(result, (Article, Skipped))
    if isinstance(result, Skipped):
        assert result.path == str(path)


_WIDE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)


@PROPERTY
@given(st.binary() | st.text().map(lambda t: t.encode()))
def test_decode_never_raises(data: bytes) -> None:
    text, warnings = decode(data, "any.txt")
    assert isinstance(text, str)
    if data.startswith(_WIDE_BOMS):
        return
    try:
        expected = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        assert len(warnings) == 1  # replaced, or read in another encoding: said once
    else:
        assert (text, warnings) == (expected, [])


@pytest.mark.parametrize(
    ("blocks", "kept"),
    [
        # topic tags after the last paragraph go
        (["A paragraph of prose.", "Monday", "Wimbledon 2025", "Tennis"], 1),
        # one short line at the end is a sign-off, not tags
        (["A paragraph of prose.", "Ends"], 2),
        # short lines with punctuation are prose
        (["A paragraph of prose.", "He left.", "She stayed."], 3),
        # an article of short lines only has no prose to end: it keeps them all
        (["Tennis", "Monday"], 2),
    ],
)
def test_drop_trailing_tags(blocks: list[str], kept: int) -> None:
    assert drop_trailing_tags(blocks) == blocks[:kept]


def test_bbc_page_trailers_are_cut() -> None:
    text = (
        "Hospitals get funds\n\nHospitals in England will receive more money.\n\n"
        '"This money buys beds," Mr Thornley said.\n\nRelated Topics\n\nNHS\n\n'
        "Gareth Thornley\n\nShare this page\n\nSign in to comment on this story\n"
    )
    article = parse_article("a", text)
    assert article is not None
    assert [p.text for p in article.paragraphs] == [
        "Hospitals in England will receive more money.",
        '"This money buys beds," Mr Thornley said.',
    ]


# --- what cleaning removed -----------------------------------------------------------

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "formats"
#: An 866-character paragraph of ordinary reporting that mentions awards and a prize
#: (three bio cues, no quote marks): the old bio rule removed it as the last-but-one block.
AWARDS = next(
    b
    for b in split_blocks((FIXTURES / "film_awards.txt").read_text(encoding="utf-8"))
    if "winner of" in b
)


def test_clean_records_each_removal_with_its_rule_and_position() -> None:
    blocks = [
        "The Title",  # repeated title: before paragraph 1
        "Written by / Zhang Linyu\nFirst paragraph.",  # a byline line before the kept text
        "Second paragraph [[77]].\nImage source: Douyin",  # an artifact, a credit after it
        "<<: Older story",  # a whole block of navigation, between paragraphs 2 and 3
        "Third paragraph.",
        "Recommend",
        "A teaser...",
    ]
    cleaned = clean(blocks, "The Title")
    assert cleaned.kept == ("First paragraph.", "Second paragraph .", "Third paragraph.")
    assert cleaned.removed == (
        Removed("repeated-title", "The Title", 0),
        Removed("byline", "Written by / Zhang Linyu", 0),
        Removed("artifact", "[[77]]", 2),
        Removed("credit", "Image source: Douyin", 2),
        Removed("navigation", "<<: Older story", 2),
        Removed("trailer", "Recommend", 3),
        Removed("trailer", "A teaser...", 3),
    )
    assert {r.rule for r in cleaned.removed} <= set(RULES)


@pytest.mark.parametrize(
    ("blocks", "rule"),
    [
        (["p1", "p2", "Monday", "Tennis"], "tags"),
        (["p1", "p2", "About the author", "Zhang writes about cars."], "about-author"),
        (["p1", "p2", BIO], "author-bio"),
        (["p1", "READ MORE: Minister quits"], "link"),
        (["p1", "Advertisement"], "furniture"),
        (["p1", "p2", "About Ann Roe Ltd", "Ann Roe Ltd sells boats."], "boilerplate"),
        (["p1", "Share: Facebook | Twitter"], "furniture"),
        (["p1", "Follow Helen Marsh on Twitter @hmarsh. Reach her at hm@example.org"], "furniture"),
        (["p1", "Follow the Coast Times desk on X: https://x.com/coasttimes"], "furniture"),
        (["p1", '"Follow Helen Marsh and Tom Reed on Twitter: @hmarsh and @treed."'], "furniture"),
        (["p1", "This article first appeared in the Coast Times. By Helen Marsh."], "credit"),
        (["Published 12th March 2024", "p1"], "dateline"),
        (["p1", "Your email address will not be published."], "comment-form"),
    ],
)
def test_each_rule_names_itself(blocks: list[str], rule: str) -> None:
    assert rule in {r.rule for r in clean(blocks, "Title").removed}


def test_an_article_keeps_what_cleaning_removed(seeds: dict[str, Article]) -> None:
    article = seed(seeds, "004")
    (bio,) = [r for r in article.removed if r.rule == "author-bio"]
    assert bio.text.startswith("As a winner of Toutiao")
    assert bio.position == len(article.paragraphs)  # it ended the article
    for seed_article in seeds.values():
        raw = (SEEDS / f"{seed_article.id}.txt").read_text(encoding="utf-8")
        assert all(r.text in raw for r in seed_article.removed)


@pytest.mark.parametrize(
    "line",
    [
        "Follow the money, she said on Twitter.",
        "Follow the story on Twitter as it unfolds, said @harbourmaster in a post.",
        "Follow-up questions on Twitter @ the council went unanswered.",
        "Follow-up questions on Twitter @CityCouncil went unanswered for a week.",
        "Follow her lead, the mayor said on X @mayor.",
        "follow him on YouTube https://youtu.be/x and you will see why he won the seat",
        "Follow us on Twitter @harbour for news of the strike, which began on Monday and is now"
        " in its fourth day with no talks planned.",
    ],
)
def test_a_sentence_about_following_is_no_furniture(line: str) -> None:
    # Only a note of where to follow someone, with the handle or address after the site.
    assert residue_rule(line) is None


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("By Samira Haddad", "byline"),
        ("BY SAMIRA HADDAD", "byline"),
        ("By Samira Haddad, Staff Reporter", "byline"),
        ("By Ana Ruiz and Li Wei", "byline"),
        ("Written by Ana Ruiz", "byline"),
        ("By Marcus Bell", "byline"),  # (a name that opens like a month)
        ("By Reuters", None),  # one word: "By Friday" would be one too
        ("By Tuesday Night", None),
        ("By March Madness", None),
        ("By then, the vote was over", None),
        ("By July 2013, the show was named.", None),
        ("By Sanders's own argument, superdelegates have no right to overturn it.", None),
        ("Stand By Me", None),
    ],
)
def test_a_plain_byline_is_residue(line: str, rule: str | None) -> None:
    assert residue_rule(line) == rule


def test_a_long_paragraph_that_mentions_awards_is_kept() -> None:
    assert len(AWARDS) == 866
    assert not is_author_bio(AWARDS)
    article = parse_article("awards", (FIXTURES / "film_awards.txt").read_text(encoding="utf-8"))
    assert article is not None
    assert AWARDS in [p.text for p in article.paragraphs]
    assert article.removed == ()


@pytest.mark.parametrize(
    "line",
    [
        "Previous: ",
        "<<: ",
        "Your email address will not be published, ",
        "Advertisement ",
        "READ MORE: ",
        "Written by / Zhang ",
        "Share: ",
        "This article first appeared in ",
    ],
)
def test_a_line_of_prose_is_no_residue_whatever_it_starts_with(line: str) -> None:
    prose = line + "the minister told parliament that the plan would go ahead " * 6
    assert len(prose.split()) > PROSE_WORDS
    assert residue_rule(prose) is None


_PLAIN_WORDS = (
    "the council said a plan for new homes would go ahead next year after residents "
    "asked for more of them and the mayor agreed"
)
_WORDS = st.sampled_from(_PLAIN_WORDS.split(" "))
_CUES = st.sampled_from(
    [
        "winner of",
        "of the year",
        "awards",
        "author",
        "columnist",
        "Related:",
        "Advertisement",
        "Previous:",
        "[[12]]",
        "Recommend",
        "...",
    ]
)


@PROPERTY
@given(
    st.lists(st.lists(_WORDS | _CUES, min_size=1, max_size=90).map(" ".join), max_size=6),
    st.lists(_CUES.filter(lambda cue: cue != "[[12]]"), max_size=3),
    st.lists(_WORDS, min_size=PROSE_WORDS + 1, max_size=PROSE_WORDS + 40),
)
def test_no_rule_removes_prose_of_more_than_sixty_words(
    blocks: list[str], cues: list[str], words: list[str]
) -> None:
    # A paragraph of ordinary words over 60 words long that opens with up to three cue
    # phrases is never removed, wherever it stands among other blocks. (An inline
    # [[12]] would be: a CMS artifact is no word of the paragraph.)
    prose = " ".join([*cues, *words])
    for at in range(len(blocks) + 1):
        article = [*blocks[:at], prose, *blocks[at:]]
        cleaned = clean(article, "A title")
        assert prose in cleaned.kept
        assert all(len(r.text.split()) <= PROSE_WORDS for r in cleaned.removed)


@given(st.text(alphabet="ab .!?\u201d\n", max_size=300), st.integers(5, 60))
def test_a_long_block_is_cut_into_pieces_of_at_most_the_limit(text: str, limit: int) -> None:
    cut = list(pieces(text, limit=limit))
    assert all(0 < len(piece) <= limit for piece in cut)
    assert "".join("".join(cut).split()) == "".join(text.split())  # nothing lost


def test_a_text_dump_without_blank_lines_is_many_paragraphs(tmp_path: Path) -> None:
    sentence = "The minutes record that the council agreed the budget for the year. "
    path = tmp_path / "dump.txt"
    path.write_text("Minutes\n\n" + sentence * 1000, encoding="utf-8")
    (article,) = read_article(SourceFile(str(path), "dump"))
    assert isinstance(article, Article)
    assert len(article.paragraphs) == 4  # 68,000 characters, at most 20,000 each
    assert all(p.text.endswith("year.") for p in article.paragraphs)


@given(
    st.text(alphabet="ab.-_ \u00e9", min_size=1, max_size=12).filter(lambda n: n not in (".", ".."))
)
def test_a_files_suffix_and_stem_are_pathlibs(name: str) -> None:
    # Ids are stems and formats go by suffix: as they were when Path objects read them.
    from leisearch.ingest.files import _stem, suffix_of

    assert (suffix_of(name), _stem(name)) == (Path(name).suffix, Path(name).stem)
