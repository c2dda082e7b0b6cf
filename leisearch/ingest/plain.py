"""The plain-text format: a ``.txt`` file is one article.

Its title is the first non-empty line, and its paragraphs are the blank-line
separated blocks after the title, cleaned (see ``clean``) and numbered from 1
*after* cleaning, so numbers are dense and stable for a given file and
leisearch version. A block whose lines are long (``one_per_line``) holds one
paragraph a line (three lines or more): a scraped page saved with single line
breaks between its paragraphs, where a hard-wrapped paragraph's lines are short.

A file may open with a front-matter block, as a Markdown note does (``---``,
YAML, ``---``; see ``meta.front_matter``): its ``title`` then replaces the first
line (which stays a paragraph, unless it repeats the title), and its ``date``,
``author``, ``url`` and ``source`` are the article's. A ``.txt`` file that holds
an HTML page is read as HTML (``reading.parse_source`` sees to that).
"""

from __future__ import annotations

from collections.abc import Sequence

from leisearch.models import Article

from .assemble import make_article
from .meta import read_head

#: The file name endings this format reads.
SUFFIXES = (".txt",)


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


#: Lines longer than this are no hard-wrapped lines (those wrap at 72 to 80 characters).
WRAPPED_UNDER = 100
#: How a line that ends a paragraph ends (a wrapped line ends mid-sentence, mostly).
_PARAGRAPH_END = frozenset(".!?:\"\u201d\u2019')")


def one_per_line(blocks: Sequence[str]) -> list[str]:
    """The blocks, each of three lines or more whose lines (but its last) are mostly
    longer than a wrapped line (``WRAPPED_UNDER``) and mostly end a sentence, split
    into one paragraph a line (two lines are too few to tell: a paragraph and a
    heading glued to it, say; text wrapped at 120 columns ends its lines mid-sentence).

    >>> long = "word " * 29 + "end."
    >>> [len(b) for b in one_per_line([f"{long}\\n{long}\\nend", "short\\nwrapped\\nlines"])]
    [149, 149, 3, 19]
    """
    split: list[str] = []
    for block in blocks:
        lines = block.split("\n")
        wrapped = lines[:-1]
        long = sum(len(line) > WRAPPED_UNDER for line in wrapped)
        ended = sum(line.rstrip()[-1:] in _PARAGRAPH_END for line in wrapped)
        if len(wrapped) >= 2 and long * 2 > len(wrapped) and ended * 2 >= len(wrapped):
            split.extend(line.strip() for line in lines if line.strip())
        else:
            split.append(block)
    return split


def split_text(text: str) -> list[str]:
    """Paragraphs of a text that comes without a file's conventions (a JSON record's
    ``text``, an extractor's output): blank-line separated blocks when it has blank
    lines, a block of long lines a paragraph a line as in a ``.txt`` file
    (``one_per_line``); without blank lines, one paragraph if its lines are wrapped
    (``hard_wrapped``), else one paragraph per line.

    >>> split_text("a\\nb\\n\\nc"), split_text("One.\\nTwo.\\n Three. ")
    (['a\\nb', 'c'], ['One.', 'Two.', 'Three.'])
    >>> split_text("The council met on\\nTuesday to agree the\\nbudget.")
    ['The council met on\\nTuesday to agree the\\nbudget.']
    """
    blocks = split_blocks(text)
    if len(blocks) > 1:
        return one_per_line(blocks)
    if len(blocks) == 1 and hard_wrapped(blocks[0].split("\n")):
        return blocks
    return [line.strip() for block in blocks for line in block.split("\n")]


def hard_wrapped(lines: Sequence[str]) -> bool:
    """Whether lines are one paragraph's, wrapped: three or more, most of them (but the
    last) ending mid-sentence, where a scraper's paragraph a line ends one.

    >>> hard_wrapped(["The council met on", "Tuesday to agree the", "budget."])
    True
    >>> hard_wrapped(["The council met.", "It agreed the budget.", "Then it rose."])
    False
    """
    ended = sum(line.rstrip()[-1:] in _PARAGRAPH_END for line in lines[:-1])
    return len(lines) >= 3 and ended * 2 < len(lines) - 1


def title_and_body(blocks: Sequence[str]) -> tuple[str, list[str]]:
    """The first line as the title, and the blocks after it.

    >>> title_and_body(["Title\\nfirst line", "next"])
    ('Title', ['first line', 'next'])
    """
    if not blocks:
        return "", []
    first, _, rest = blocks[0].partition("\n")
    return first.strip(), ([rest] if rest.strip() else []) + list(blocks[1:])


def parse_article(
    article_id: str,
    text: str,
    path: str = "",
    warnings: Sequence[str] = (),
    name: str = "",
) -> Article | None:
    """Parse an article's text; ``None`` when it has no title or no paragraph. ``path`` is
    the file's as the article records it, ``name`` as warnings give it."""
    meta, body, notes = read_head(text)
    blocks = one_per_line(split_blocks(body))
    if meta.title:
        title = meta.title
    else:
        title, blocks = title_and_body(blocks)
    notes = [f"{name or path or article_id}: {note}" for note in notes]
    return make_article(article_id, title, blocks, path, meta, [*warnings, *notes], wrapped=True)
