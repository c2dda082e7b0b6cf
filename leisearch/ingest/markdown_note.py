"""The Markdown format: a note (``.md``, ``.markdown``) is one article.

A note may open with YAML front matter (``title``, ``date``, ``author``, ``url``,
``source``; see ``meta.front_matter``). Its Markdown is parsed by markdown-it-py
(CommonMark, with tables), and each block becomes a paragraph of plain text:
paragraphs, headings, list items, block quotes, code blocks and table rows (one
line each, cells between ``|``). Markup is dropped and text kept: emphasis,
links (their text stays, the address goes), inline code, HTML tags, entities.
Images go, alt text too: it describes a picture, it is not the article's. A
paragraph's line breaks stay, as in a ``.txt`` file, so the cleaning rules read
a note's lines as they read a text file's.

The title is the front matter's ``title``; else a heading that opens the note;
else the first line, as in a ``.txt`` file. A heading later in the note is a
paragraph, as it would be in a ``.txt`` file.

markdown-it-py is imported when a note is read, never by the query path.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from leisearch.models import Article

from .assemble import make_article
from .meta import read_head
from .plain import title_and_body

if TYPE_CHECKING:
    from markdown_it.token import Token

#: The file name endings this format reads.
SUFFIXES = (".md", ".markdown")

_TAG = re.compile(r"<[^>]*>")
#: Inline tokens whose ``content`` is text of the article.
_TEXT_TOKENS = frozenset({"text", "text_special", "code_inline"})


def _inline_text(children: Sequence[Token]) -> str:
    parts: list[str] = []
    # An image's alt text is in the image token's own children, which are not walked.
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type in _TEXT_TOKENS:
            parts.append(child.content)
    return "\n".join(line.strip() for line in "".join(parts).split("\n") if line.strip())


def _html_text(markup: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", markup)).split())


def markdown_blocks(text: str) -> list[tuple[str, bool]]:
    """Each block of a Markdown text as plain text, and whether it is a heading.

    >>> markdown_blocks("# The *ferry*\\n\\nIt [sails](https://x.example) at `9`.\\n\\n- one")
    [('The ferry', True), ('It sails at 9.', False), ('one', False)]
    """
    from markdown_it import MarkdownIt  # only when a note is read

    blocks: list[tuple[str, bool]] = []
    heading = False
    table: list[str] | None = None
    row: list[str] | None = None
    for token in MarkdownIt("commonmark").enable("table").parse(text):
        kind = token.type
        if kind in ("heading_open", "heading_close"):
            heading = kind == "heading_open"
        elif kind == "table_open":
            table = []
        elif kind == "table_close" and table is not None:
            if any(line.strip(" |") for line in table):
                blocks.append(("\n".join(table), False))
            table = None
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and table is not None and row is not None:
            table.append(" | ".join(row))
            row = None
        elif kind == "inline":
            content = _inline_text(token.children or [])
            if row is not None:
                row.append(" ".join(content.split()))
            elif content:
                blocks.append((content, heading))
        elif kind in ("fence", "code_block") and token.content.strip():
            blocks.append((token.content.strip("\n"), False))
        elif kind == "html_block" and _html_text(token.content):
            blocks.append((_html_text(token.content), False))
    return blocks


def parse_note(
    article_id: str,
    text: str,
    path: str = "",
    warnings: Sequence[str] = (),
    name: str = "",
) -> Article | None:
    """Parse a Markdown note; ``None`` when it has no title or no paragraph."""
    meta, body, notes = read_head(text)
    blocks = markdown_blocks(body)
    texts = [b for b, _ in blocks]
    if meta.title:
        title = meta.title
    elif blocks and blocks[0][1]:
        title, texts = blocks[0][0].replace("\n", " "), texts[1:]
    else:
        title, texts = title_and_body(texts)
    notes = [f"{name or path or article_id}: {note}" for note in notes]
    return make_article(article_id, title, texts, path, meta, [*warnings, *notes])
