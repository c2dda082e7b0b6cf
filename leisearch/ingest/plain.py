"""The plain-text format: a ``.txt`` file is one article.

Its title is the first non-empty line, and its paragraphs are the blank-line
separated blocks after the title, cleaned (see ``clean``) and numbered from 1
*after* cleaning, so numbers are dense and stable for a given file and
leisearch version.
"""

from __future__ import annotations

from leisearch.models import Article, Paragraph

from .clean import clean_blocks

#: The file name ending this format reads.
SUFFIX = ".txt"


def split_blocks(text: str) -> list[str]:
    """Split text into blank-line separated blocks, lines right-stripped.

    >>> split_blocks("a\\r\\nb\\r\\n\\r\\n  \\nc\\n")
    ['a\\nb', 'c']
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks: list[str] = []
    current: list[str] = []
    for line in lines:
        line = line.rstrip()
        if line.strip():
            current.append(line.strip() if not current else line)
        elif current:
            blocks.append("\n".join(current))
            current = []
    if current:
        blocks.append("\n".join(current))
    return blocks


def parse_article(article_id: str, text: str, path: str = "") -> Article | None:
    """Parse an article's text; ``None`` when it has no title or no paragraph."""
    blocks = split_blocks(text)
    if not blocks:
        return None
    first, _, rest = blocks[0].partition("\n")
    title = first.strip()
    body = ([rest] if rest.strip() else []) + blocks[1:]
    paragraphs = tuple(Paragraph(n, t) for n, t in enumerate(clean_blocks(body, title), start=1))
    if not paragraphs:
        return None
    return Article(article_id, title, path, paragraphs)
