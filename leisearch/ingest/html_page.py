"""The HTML format: a saved web page (``.html``, ``.htm``) is one article.

trafilatura finds the page's main text and its metadata: the title (``og:title``,
``<h1>``, ``<title>``), the publication date (htmldate, from the page's meta
tags, JSON-LD and ``<time>`` elements, the original date rather than the last
update, and no guessing from dates in the running text), the author, the
canonical URL and the site's name. It leaves out navigation, share buttons,
related links, comments, forms, sidebars and footers; its text has one line per
paragraph, heading or list item, and ``clean`` then runs on those lines as on any
article's. The page's site name is the article's source (trafilatura falls back on
the domain when the page names none), else the folder's name.

Why trafilatura, not readability-lxml: on the hand-written pages in
``tests/fixtures/formats`` (a news story, a CMS page without ``<article>``, a
blog post with JSON-LD, each with navigation, comments, share buttons, related
links and a byline), both found every paragraph of the story (19 of 19) in about
3 ms a page; readability kept an advertisement and a related link that
trafilatura left out, and it gives a title and the body's HTML only, where
trafilatura gives the date, author, URL and site name too, as plain text. Its
price is the import (about 130 ms, against 12 ms) and more dependencies (lxml,
htmldate, dateparser, courlan, justext): paid once per build, and only by a
build that reads an HTML file, since trafilatura is imported inside
``parse_page`` and never by the query path (a test checks).

A page is decoded as any file is (``files.decode``), with the charset its
``<meta>`` declares as a hint (``declared_charset``). A ``.txt`` file whose text
starts with an HTML document is read here too (``looks_like_html``).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from leisearch.models import Article

from .assemble import make_article
from .dates import parse_date
from .meta import Meta, authors_value, text_value
from .plain import split_text, title_and_body

if TYPE_CHECKING:
    from trafilatura.settings import Document  # for the annotations; extract imports it

#: The file name endings this format reads.
SUFFIXES = (".html", ".htm")
#: The main text trafilatura finds is taken as it is from this many characters on
#: (its own default, 250, would send a news brief to a dump of the whole page).
MIN_TEXT_CHARS = 50

#: An HTML document's start, after a byte-order mark, white space, an XML declaration
#: (XHTML) and comments (a browser's ``<!-- saved from url=… -->``).
_DOCUMENT_START = re.compile(
    r"\A\ufeff?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>])",
    re.I | re.S,
)
#: A charset declared in a ``<meta>`` tag, HTML5's or HTML 4's, in the page's head.
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_HEAD_BYTES = 4096
#: The labels the HTML standard's encoding table reads as Windows-1252.
_READ_AS_WINDOWS_1252 = frozenset(
    [
        "ansi_x3.4-1968",
        "ascii",
        "cp1252",
        "cp819",
        "csisolatin1",
        "ibm819",
        "iso-8859-1",
        "iso-ir-100",
        "iso8859-1",
        "iso88591",
        "iso_8859-1",
        "iso_8859-1:1987",
        "l1",
        "latin1",
        "us-ascii",
        "windows-1252",
        "x-cp1252",
    ]
)


def looks_like_html(text: str) -> bool:
    """Whether a text is an HTML document (a page saved under another suffix).

    >>> looks_like_html("  <!DOCTYPE html><html>…"), looks_like_html("<html lang=en>")
    (True, True)
    >>> looks_like_html("<!-- saved from url=(0022)https://example.com/ -->\\n<html>")
    True
    >>> looks_like_html("Title\\n\\n<html> is a tag, the paragraph said.")
    False
    """
    return bool(_DOCUMENT_START.match(text[:_HEAD_BYTES]))


def declared_charset(data: bytes) -> str | None:
    """The charset a page's ``<meta>`` declares, if any, as browsers read it: a page
    that says ISO 8859-1 (or ASCII) is read as Windows-1252, as the HTML standard
    says, since pages that say so hold Windows-1252's curly quotes and dashes.

    >>> declared_charset(b'<head><meta charset="windows-1250"></head>')
    'windows-1250'
    >>> declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=utf-8">')
    'utf-8'
    >>> declared_charset(b'<meta charset="ISO-8859-1">'), declared_charset(b'<meta charset=latin1>')
    ('cp1252', 'cp1252')
    """
    found = _META_CHARSET.search(data[:_HEAD_BYTES])
    if not found:
        return None
    charset = found.group(1).decode("ascii", errors="replace")
    return "cp1252" if charset.lower() in _READ_AS_WINDOWS_1252 else charset


def extract(html: str) -> Document | None:
    """trafilatura's reading of a page (main text and metadata), or ``None`` if it
    found no text."""
    import trafilatura  # only when an HTML file is read: it costs ~130 ms to import
    from trafilatura.settings import DEFAULT_CONFIG, Document, set_date_params

    # Below MIN_EXTRACTED_SIZE characters (250 by default) trafilatura takes its main
    # text for a failure and falls back on a dump of the whole page, which for a news
    # brief of a few sentences is one paragraph of byline, date, share buttons and
    # text run together. A brief is an article: only a text too short to be one (a
    # caption, a button) sends it to the fallbacks.
    config = copy.deepcopy(DEFAULT_CONFIG)
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", str(MIN_TEXT_CHARS))

    # bare_extraction, not extract(): the same document without the JSON round trip
    # and the fingerprint that extract() computes for it (a sixth of the time).
    found = trafilatura.bare_extraction(
        prepared(html),
        with_metadata=True,
        include_comments=False,
        include_images=False,
        # htmldate's options: the date the page was first published, from its markup
        # only (an extensive search takes any date in the text, a comment's for one);
        # trafilatura's own helper, as 2.0 needs every key it fills in.
        date_extraction_params=set_date_params(extensive=False),
        config=config,
    )
    return found if isinstance(found, Document) else None


#: An inline quotation's element: the browser draws its marks, trafilatura drops them
#: (and ends the paragraph there).
_Q_OPEN = re.compile(r"<q\b[^>]*>", re.I)
_Q_CLOSE = re.compile(r"</q\s*>", re.I)
#: A pull quote: a sentence of the story again, in large type beside it.
_PULL_QUOTE = re.compile(
    r"<(blockquote|aside)\b[^>]*\bclass\s*=\s*[\"'][^\"']*\bpull[-_ ]?quote\b[^\"']*[\"']"
    r"[^>]*>.*?</\1\s*>",
    re.I | re.S,
)


def prepared(html: str) -> str:
    """A page as trafilatura should read it: ``<q>`` as the quote marks it stands for,
    and no pull quotes (a quotation again, which would be found twice).

    >>> prepared('<p>He said <q>no</q> twice.</p><blockquote class="pullquote">No</blockquote>')
    '<p>He said \u201cno\u201d twice.</p>'
    """
    return _PULL_QUOTE.sub("", _Q_CLOSE.sub("\u201d", _Q_OPEN.sub("\u201c", html)))


def text_date(html: str) -> str | None:
    """The date a page gives in its text (``By Ann Lee | Tue, 19 Mar 2024``), for a page
    whose markup gives none: htmldate's extensive search, which trafilatura leaves
    off (it may take a date from the text that is not the page's), asked only then."""
    import htmldate  # with trafilatura, which depends on it

    found = htmldate.find_date(html, extensive_search=True, original_date=True)
    return parse_date(found) if isinstance(found, str) else None


def parse_page(
    article_id: str, html: str, path: str = "", warnings: Sequence[str] = ()
) -> Article | None:
    """Parse a web page; ``None`` when it holds no text. What trafilatura raises on a
    page it cannot parse goes through (``reading.parse_source`` skips the file)."""
    found = extract(html)
    if found is None:
        return None
    blocks = split_text(found.text if isinstance(found.text, str) else "")
    meta = Meta(
        title=text_value(found.title),
        date=parse_date(found.date) or text_date(html),
        # trafilatura writes several authors as one string, "A; B".
        author=authors_value(found.author),
        url=text_value(found.url),
        source=text_value(found.sitename),
    )
    title = meta.title
    if not title:
        title, blocks = title_and_body(blocks)
    if not blocks:
        return None  # a page of navigation alone: unlike a file of one line, no article
    return make_article(article_id, title, blocks, path, meta, warnings)
