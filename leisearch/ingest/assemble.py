"""From what a format read to an ``Article``: the one place every format ends.

A format finds a title, the blocks of text after it and the file's metadata
(``Meta``); ``make_article`` cuts a block longer than ``MAX_PARAGRAPH_CHARS``
into paragraphs at sentence ends (a text dump without blank lines is not one
paragraph: as one, it would be every hit's snippet and every query's cost),
cleans the blocks (``clean``), numbers the paragraphs kept from 1 (dense, and
stable for a given file and leisearch version), keeps the record of what
cleaning removed, and fills the source from the file's folder when the file names
none. Every format therefore gives the same article for the same text, whatever
the file's shape.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import PurePath

from leisearch.models import Article, Paragraph

from .clean import clean, dateline_date
from .dates import ymd
from .meta import Meta


def folder_source(path: str) -> str | None:
    """The default source of a file's articles: the name of the folder it is in.

    >>> folder_source("/news/gazette/ferry.html"), folder_source("ferry.txt")
    ('gazette', None)
    """
    return PurePath(path).parent.name or None


#: A date in a file's name: year-month-day with hyphens, not inside a longer number.
_NAME_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def name_date(path: str) -> str | None:
    """The date an archive wrote in a file's name (its first valid one), else None.

    >>> name_date("/polnear/breitbart_2015-11-11_the-ninth-circle.txt")
    '2015-11-11'
    >>> name_date("2024-02-30-notes.md"), name_date("id_12024-03-030.txt"), name_date("a.txt")
    (None, None, None)
    >>> name_date("/2019-01-01/ferry.txt")  # (a folder's name is not the file's)
    """
    for match in _NAME_DATE.finditer(PurePath(path).name):
        found = ymd(*(int(part) for part in match.groups()))
        if found is not None:
            return found
    return None


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


def make_article(
    article_id: str,
    title: str,
    blocks: Sequence[str],
    path: str,
    meta: Meta | None = None,
    warnings: Sequence[str] = (),
    *,
    one_of_many: bool = False,
) -> Article | None:
    """The article, cleaned and numbered; ``None`` when it has no title.

    An article with no paragraph left (a file of one line, a headline alone, or
    nothing but web residue) has its title as its one paragraph: every readable
    article is searchable, and a one-line quotation is found. Its date is its
    file's (``meta``), else its dateline's, else a date in its file's name, unless
    the file holds many articles (``one_of_many``: a file of records may be named
    by the day it was exported).
    """
    title = title.strip()
    if not title:
        return None
    cleaned = clean([piece for block in blocks for piece in pieces(block)], title)
    meta = meta or Meta()
    # A file that names no date may give one in a dateline at the top of its text.
    datelines = (dateline_date(r.text) for r in cleaned.removed if r.rule == "dateline")
    return Article(
        article_id,
        title,
        path,
        tuple(Paragraph(n, text) for n, text in enumerate(cleaned.kept or [title], start=1)),
        warnings=tuple(warnings),
        date=meta.date or next(datelines, None) or (None if one_of_many else name_date(path)),
        author=meta.author,
        url=meta.url,
        source=meta.source or folder_source(path),
        removed=cleaned.removed,
    )
