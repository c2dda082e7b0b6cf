"""From what a format read to an ``Article``: the one place every format ends.

A format finds a title, the blocks of text after it and the file's metadata
(``Meta``); ``make_article`` cleans the blocks (``clean``), numbers the
paragraphs kept from 1 (dense, and stable for a given file and leisearch
version), keeps the record of what cleaning removed, and fills the source from
the file's folder when the file names none. Every format therefore gives the same
article for the same text, whatever the file's shape.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath

from leisearch.models import Article, Paragraph

from .clean import clean, dateline_date
from .meta import Meta


def folder_source(path: str) -> str | None:
    """The default source of a file's articles: the name of the folder it is in.

    >>> folder_source("/news/gazette/ferry.html"), folder_source("ferry.txt")
    ('gazette', None)
    """
    return PurePath(path).parent.name or None


def make_article(
    article_id: str,
    title: str,
    blocks: Sequence[str],
    path: str,
    meta: Meta | None = None,
    warnings: Sequence[str] = (),
) -> Article | None:
    """The article, cleaned and numbered; ``None`` when it has no title.

    An article with no paragraph left (a file of one line, a headline alone, or
    nothing but web residue) has its title as its one paragraph: every readable
    article is searchable, and a one-line quotation is found.
    """
    title = title.strip()
    if not title:
        return None
    cleaned = clean(blocks, title)
    meta = meta or Meta()
    # A file that names no date may give one in a dateline at the top of its text.
    datelines = (dateline_date(r.text) for r in cleaned.removed if r.rule == "dateline")
    return Article(
        article_id,
        title,
        path,
        tuple(Paragraph(n, text) for n, text in enumerate(cleaned.kept or [title], start=1)),
        warnings=tuple(warnings),
        date=meta.date or next(datelines, None),
        author=meta.author,
        url=meta.url,
        source=meta.source or folder_source(path),
        removed=cleaned.removed,
    )
