"""From what a format read to an ``Article``: the one place every format ends.

A format finds a title, the blocks of text after it and the file's metadata
(``Meta``); ``make_article`` cuts a block longer than ``MAX_PARAGRAPH_CHARS``
into paragraphs at sentence ends (a text dump without blank lines is not one
paragraph: as one, it would be every hit's snippet and every query's cost),
cleans the blocks (``clean``), numbers the paragraphs kept from 1 (dense, and
stable for a given file and leisearch version), keeps the record of what
cleaning removed, and fills the date and the source from the file's name when the
file names none (``breitbart_2015-11-11_slug.txt``), else the source from its
folder. Every format therefore gives the same article for the same text, whatever
the file's shape.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import PurePath

from leisearch.models import Article, Paragraph

from .dates import ymd
from .meta import Meta


def file_source(path: str) -> str | None:
    """The default source of a file's articles: the name an archive wrote before the
    date in the file's name (``name_source``), else the name of its folder.

    >>> file_source("/polnear/articles/huff-post_2016-01-20_trump.txt")
    'huff-post'
    >>> file_source("/news/gazette/ferry-2024-03-03.html")
    'gazette'
    """
    return name_source(path) or folder_source(path)


def folder_source(path: str) -> str | None:
    """The default source of a file's articles: the name of the folder it is in.

    >>> folder_source("/news/gazette/ferry.html"), folder_source("ferry.txt")
    ('gazette', None)
    """
    return PurePath(path).parent.name or None


#: A date in a file's name: year-month-day with hyphens, not inside a longer number.
_NAME_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


#: What an archive writes before that date: a site's name and an underscore.
_NAME_SOURCE = re.compile(r"([A-Za-z][A-Za-z&.-]{0,38}[A-Za-z])_")


def _name_date(name: str) -> tuple[str, re.Match[str]] | None:
    """The first valid date in a file's name, and where it is."""
    for match in _NAME_DATE.finditer(name):
        found = ymd(*(int(part) for part in match.groups()))
        if found is not None:
            return found, match
    return None


def name_source(path: str) -> str | None:
    """The site an archive wrote in a file's name before its date, else None.

    >>> name_source("/polnear/breitbart_2015-11-11_the-ninth-circle.txt")
    'breitbart'
    >>> name_source("usa-today_2016-02-01.txt"), name_source("New York Times_2016-02-01.txt")
    ('usa-today', None)
    >>> name_source("2015-11-11_breitbart.txt"), name_source("a_b_2015-11-11.txt")
    (None, None)
    >>> name_source("x_2015-11-11.txt"), name_source("site_2024-02-30.txt")  # (no date)
    (None, None)
    """
    name = PurePath(path).name
    dated = _name_date(name)
    prefix = _NAME_SOURCE.fullmatch(name[: dated[1].start()]) if dated else None
    return prefix.group(1) if prefix else None


def name_date(path: str) -> str | None:
    """The date an archive wrote in a file's name (its first valid one), else None.

    >>> name_date("/polnear/breitbart_2015-11-11_the-ninth-circle.txt")
    '2015-11-11'
    >>> name_date("2024-02-30-notes.md"), name_date("id_12024-03-030.txt"), name_date("a.txt")
    (None, None, None)
    >>> name_date("/2019-01-01/ferry.txt")  # (a folder's name is not the file's)
    """
    dated = _name_date(PurePath(path).name)
    return dated[0] if dated else None


#: The longest paragraph kept whole: news paragraphs are a few hundred characters,
#: the longest of 17,000 real ones 12,600 (a transcript).
MAX_PARAGRAPH_CHARS = 20_000
#: Where a sentence ends: after . ! ? (and a closing quote or bracket), before a space.
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+")


def pieces(block: str, limit: int = MAX_PARAGRAPH_CHARS) -> Iterator[str]:
    """``block``, cut into pieces of at most ``limit`` characters: at the last sentence
    end within the limit, else the last space, else anywhere.

    >>> list(pieces("One. Two two. Three.", limit=10))
    ['One.', 'Two two.', 'Three.']
    >>> list(pieces("abcdefghij klm", limit=8)), list(pieces("short", limit=8))
    (['abcdefgh', 'ij klm'], ['short'])
    """
    rest = block.strip()
    while len(rest) > limit:
        window = rest[: limit + 1]
        ends = [m.end() for m in _SENTENCE_END.finditer(window)]
        cut = ends[-1] if ends else window.rfind(" ") + 1 or limit
        yield rest[:cut].strip()
        rest = rest[cut:].lstrip()
    if rest:
        yield rest


#: A wrapped line is at least this long: shorter ones are a list's, a table's, an
#: address's or a sign-off's, whose breaks are the writer's.
WRAPPED_LINE = 30
#: A line that is a table's row: columns apart, or a bar between them.
_TABLE_ROW = re.compile(r"\S(?: {2,}|\t| \| )\S")
#: A line that opens a list item or a label (``- ``, ``2. ``, ``Q: ``, ``Ann Roe: ``).
_ITEM = re.compile(r"[ \t]*(?:[-*\u2022\u2013]\s|\d{1,3}[.)]\s|[^\W\d_][\w .'\u2019-]{0,30}:\s)")
#: A line's end that closes a quotation mid-sentence (``…spring,"``), before ``said X``.
_OPEN_CLOSE = re.compile(r"[,\u2014-][\"\u201d\u2019']$")


def unwrapped(text: str) -> str:
    """A paragraph's hard-wrapped lines joined by spaces. A break is a wrap when the
    line before it is a wrapped one (long, no table row) and the next opens no list
    item or label, and either the line ends mid-sentence before a word (``The wind``
    over ``turned on us``), or it closes a quotation on a comma before a word in lower
    case (``…spring,"`` over ``said Ann Roe``); a word broken at its hyphen is joined
    whole (``harbour-`` over ``master``). Other breaks stay: after a sentence's end
    (which may be a line of its own), and in lists, tables, addresses and sign-offs.

    >>> wrap = "The ferry will not sail again before the spring, said the\\nharbour-\\nmaster."
    >>> unwrapped(wrap), unwrapped("A list of what the union wants:\\n- pay\\n- hours")
    ('The ferry will not sail again before the spring, said the harbour-master.', \
'A list of what the union wants:\\n- pay\\n- hours')
    """
    if "\n" not in text:
        return text
    lines = text.split("\n")
    out = [lines[0]]
    for line in lines[1:]:
        before = out[-1].rstrip()
        after = line.lstrip()
        if _joins(before, after):
            out[-1] = before + after if before.endswith("-") else f"{before} {after}"
        else:
            out.append(line)
    return "\n".join(out)


def _joins(before: str, after: str) -> bool:
    """Whether the break between two lines is a wrap (``unwrapped``)."""
    last = before.splitlines()[-1] if before else ""  # (the joined line so far)
    if len(last) < WRAPPED_LINE or _TABLE_ROW.search(last) or not after:
        return False
    if _ITEM.match(after) or not after[0].isalpha():
        return False
    if before.endswith("-") and before[-2:-1].isalpha():
        return True
    if _OPEN_CLOSE.search(before):
        return after[0].islower()
    return before[-1] not in '.!?:;"\u201d\u2019)'


def make_article(
    article_id: str,
    title: str,
    blocks: Sequence[str],
    path: str,
    meta: Meta | None = None,
    warnings: Sequence[str] = (),
    *,
    one_of_many: bool = False,
    wrapped: bool = False,
) -> Article | None:
    """The article, cleaned and numbered; ``None`` when it has no title.

    Text that may be hard-wrapped (``wrapped``: a plain text file, a JSON record's
    text) has its wraps joined once it is cleaned (``unwrapped``; cleaning reads its
    lines). A web page's or a Markdown note's lines are their markup's (a table's
    rows), and stay.

    An article with no paragraph left (a file of one line, a headline alone, or
    nothing but web residue) has its title as its one paragraph: every readable
    article is searchable, and a one-line quotation is found. Its date is its
    file's (``meta``), else its dateline's, else a date in its file's name, unless
    the file holds many articles (``one_of_many``: a file of records may be named
    by the day it was exported). Its source is the file's, else the site's name
    before that date in the file's name, unless ``one_of_many``, else its folder's.
    """
    # The cleaning rules (hundreds of expressions compiled on import) when an article is
    # read: an update that finds nothing changed imports the formats' modules only, for
    # the file names they read.
    from .clean import byline_author, clean, dateline_date

    title = title.strip()
    if not title:
        return None
    cleaned = clean([piece for block in blocks for piece in pieces(block)], title)
    meta = meta or Meta()
    # A file that names no date may give one in a dateline at the top of its text.
    datelines = (dateline_date(r.text) for r in cleaned.removed if r.rule == "dateline")
    # And its author in a byline, where its file names none.
    bylines = (r.text for r in cleaned.removed if r.rule in ("byline", "dateline"))
    return Article(
        article_id,
        title,
        path,
        tuple(
            Paragraph(n, unwrapped(text) if wrapped else text)
            for n, text in enumerate(cleaned.kept or [title], start=1)
        ),
        warnings=tuple(warnings),
        date=meta.date or next(datelines, None) or (None if one_of_many else name_date(path)),
        author=meta.author or next(filter(None, map(byline_author, bylines)), None),
        url=meta.url,
        source=meta.source or (folder_source(path) if one_of_many else file_source(path)),
        removed=cleaned.removed,
    )
