"""Cleaning: web residue out of an article's blocks, one small pure rule at a time.

Scraped articles carry text that is not the article. Each rule below is a pure
function over the list of blocks (``CLEANING_STAGES``, in order, after
``drop_repeated_title``), documented and tested on its own, and none of them
names a particular site or file:

``drop_repeated_title``
    A block equal to the title within the first three blocks.
``drop_residue_lines``
    Lines that are navigation (``<<: ...``, ``>>: ...``, ``Previous: ...``),
    CMS artifacts (``[[136918]]``), image or photo credits (``Image source: ...``,
    ``(Photo source: ...)``), bylines whose value is a short name
    (``Written by / Zhang Linyu``, ``Editor: Li Wei``), and comment-form text
    (``Your email address will not be published``, ``Required fields are
    marked *``, reCAPTCHA notices), link lines (``READ MORE: …``, ``Watch: …``,
    ``Also read: …``) and page furniture (``Story continues below``,
    ``Article Continued Below``, ``Advertisement``, ``Media playback is
    unsupported on your device``, ``Image caption …``). A block left empty
    disappears.
``cut_trailer``
    A block that is only a trailer heading (``Recommend``, ``Similar Posts``,
    ``Related Articles``, ``Related Topics``, ``Share this page``, ``Leave a
    Reply``, ...) ends the article, provided
    that everything after it looks like teasers or form text: short blocks,
    or blocks cut off with an ellipsis.
``drop_trailing_tags``
    Two or more short blocks (four words at most, no sentence punctuation) that
    end the article after its last paragraph of prose: topic tags (``Tennis``,
    ``Wimbledon 2025``).
``drop_author_bio``
    A block among the last two that hits at least three author-bio cues
    ("winner of", "of the year", "awards", "columnist", ...) and has no quote
    marks, or an ``About the author`` heading and what follows it.

Glued link text (``TeslaIt has``) is left as written; the analyzer splits it.
"""

from __future__ import annotations

import re
from collections.abc import Callable


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def drop_repeated_title(blocks: list[str], title: str) -> list[str]:
    """Drop a block equal to the title among the first three blocks."""
    key = _norm(title)
    return [b for i, b in enumerate(blocks) if not (i < 3 and _norm(b) == key)]


_NAV_RE = re.compile(
    r"^\s*(?:<<|>>|«|»|‹|›)\s*[:：]|^\s*(?:previous|next)(?: post| article| story)?\s*[:：]", re.I
)
_ARTIFACT_RE = re.compile(r"\[\[\d+\]\]")
_CREDIT_RE = re.compile(
    r"^\s*\(?\s*(?:image|photo|picture|pic|illustration|graphic|video)s?"
    r"\s*(?:source|credit|credits|by|courtesy|from)?\s*[:：/]",
    re.I,
)
_BYLINE_RE = re.compile(
    r"^\s*(?:written by|text by|by|author|authors|edit|editor|edited by|editing|design|designer|"
    r"layout|typesetting|proofreading|translator|translated by|compiled by|source)"
    r"\s*[/:：|]\s*(?P<value>.+)$",
    re.I,
)
_NAME_RE = re.compile(
    r"^(?:[A-Z][\w.'-]*|[\u4e00-\u9fff]+)(?:[ ,&]+(?:[A-Z][\w.'-]*|and|[\u4e00-\u9fff]+)){0,5}$"
)
_FORM_RE = re.compile(
    r"your email address will not be published|required fields are marked|"
    r"protected by recaptcha|save my name, email|notify me of (?:new|follow-up)|"
    r"^\s*(?:name|email|website|comment)\s*\*?\s*$|^\s*post comment\s*$",
    re.I,
)
_CREDIT_MAX = 200
#: Link and player lines that news pages carry between paragraphs: a teaser after a
#: label (``READ MORE: …``, ``Watch: …``), or a line that is only page furniture.
_LINK_RE = re.compile(
    r"^\s*(?:read more|more|watch|watch now|watch live|also read|see also|related|listen)"
    r"\s*[:：|]\s*\S",
    re.I,
)
_FURNITURE_RE = re.compile(
    r"^\s*(?:story continues below|article continues below|article continued below|"
    r"continue reading(?: the main story)?|advertisement|skip advertisement|sponsored|"
    r"media playback is (?:unsupported|not supported) on your device|"
    r"the bbc is not responsible for the content of external (?:sites|internet sites)|"
    r"sign in to comment(?: on this (?:story|article))?|"
    r"(?:image|picture) (?:caption|copyright)\b.*)\s*[.:]?\s*$",
    re.I,
)


def is_residue_line(line: str) -> bool:
    """True for a navigation, artifact, credit, byline or comment-form line.

    >>> is_residue_line("<<:  12-inch iPad Pro is coming soon!")
    True
    >>> is_residue_line("Reporter: What do you think of patents?")
    False
    >>> is_residue_line("READ MORE: Minister quits over expenses row")
    True
    >>> is_residue_line("Read more about the plan in our guide, which explains it.")
    False
    """
    stripped = line.strip()
    if _NAV_RE.match(stripped) or _FORM_RE.search(stripped):
        return True
    if len(stripped) <= _CREDIT_MAX and (_LINK_RE.match(stripped) or _FURNITURE_RE.match(stripped)):
        return True
    if not _ARTIFACT_RE.sub("", stripped).strip():
        return True
    if len(stripped) <= _CREDIT_MAX and _CREDIT_RE.match(stripped):
        return True
    byline = _BYLINE_RE.match(stripped)
    return bool(byline and _NAME_RE.match(byline.group("value").strip()))


def drop_residue_lines(blocks: list[str]) -> list[str]:
    """Remove residue lines (and inline ``[[123]]`` artifacts); drop emptied blocks."""
    result = []
    for block in blocks:
        lines = [_ARTIFACT_RE.sub("", ln) for ln in block.split("\n") if not is_residue_line(ln)]
        kept = "\n".join(ln for ln in lines if ln.strip())
        if kept:
            result.append(kept)
    return result


TRAILER_HEADINGS = frozenset(
    {
        "recommend",
        "recommended",
        "recommended for you",
        "recommended reading",
        "recommended articles",
        "recommended posts",
        "similar posts",
        "similar articles",
        "related",
        "related posts",
        "related articles",
        "related stories",
        "related reading",
        "you may also like",
        "you might also like",
        "more from this author",
        "popular posts",
        "leave a reply",
        "leave a comment",
        "post a comment",
        "comments",
        "related topics",
        "related internet links",
        "more on this story",
        "more on this",
        "share this page",
        "share this with",
        "share this article",
        "share this story",
        "top stories",
        "most read",
        "most popular",
        "elsewhere on the web",
        "around the web",
        "sign in to comment",
        "sign in to comment on this story",
    }
)
_TEASER_MAX = 200


def _is_trailer_heading(block: str) -> bool:
    return _norm(block).rstrip(":：") in TRAILER_HEADINGS


def _is_teaser(block: str) -> bool:
    stripped = block.strip()
    return len(stripped) <= _TEASER_MAX or stripped.endswith(("...", "…"))


def cut_trailer(blocks: list[str]) -> list[str]:
    """Cut the article at a trailer heading followed only by teaser-like blocks."""
    for i, block in enumerate(blocks):
        if i > 0 and _is_trailer_heading(block) and all(_is_teaser(b) for b in blocks[i + 1 :]):
            return blocks[:i]
    return blocks


#: A tag line: a few words with no sentence punctuation ("Wimbledon 2025", "Tennis").
_TAG_MAX_WORDS = 4
_SENTENCE_MARKS = frozenset('.!?:;"\u201c\u201d')


def _is_tag(block: str) -> bool:
    return len(block.split()) <= _TAG_MAX_WORDS and not _SENTENCE_MARKS & set(block)


def drop_trailing_tags(blocks: list[str]) -> list[str]:
    """Drop the topic tags a page ends with: two or more short blocks without punctuation
    after the last paragraph of prose ("Monday", "Wimbledon 2025", "Tennis")."""
    end = len(blocks)
    while end > 1 and _is_tag(blocks[end - 1]):
        end -= 1
    return blocks[:end] if len(blocks) - end >= 2 else blocks


_BIO_CUES = [
    re.compile(p, re.I)
    for p in (
        r"\bwinner of\b",
        r"\bof the year\b",
        r"\bawards?\b",
        r"\bcolumnist\b",
        r"\bcontributor\b",
        r"\b(?:influential|popular|best) (?:author|creator|writer|blogger)\b",
        r"\bauthor\b",
        r"\bcreator\b",
        r"\b(?:he|she) (?:has won|is the author|writes about|is a journalist)\b",
        r"\bofficial account\b",
        r"\bfollow (?:him|her|us)\b",
    )
]
_ABOUT_AUTHOR_RE = re.compile(r"^\s*about the authors?\s*:?\s*$", re.I)
_QUOTE_CHARS = frozenset('"“”')
_BIO_MIN_CUES = 3


def is_author_bio(block: str) -> bool:
    """True when a block reads as an author biography (three or more cues)."""
    if _QUOTE_CHARS & set(block):
        return False
    return sum(1 for cue in _BIO_CUES if cue.search(block)) >= _BIO_MIN_CUES


def drop_author_bio(blocks: list[str]) -> list[str]:
    """Drop an author bio among the last two blocks, or from an ``About the author`` heading."""
    for i, block in enumerate(blocks):
        if i > 0 and _ABOUT_AUTHOR_RE.match(block):
            return blocks[:i]
    tail_start = max(1, len(blocks) - 2)
    return blocks[:tail_start] + [b for b in blocks[tail_start:] if not is_author_bio(b)]


CLEANING_STAGES: tuple[Callable[[list[str]], list[str]], ...] = (
    drop_residue_lines,
    cut_trailer,
    drop_trailing_tags,
    drop_author_bio,
)


def clean_blocks(blocks: list[str], title: str) -> list[str]:
    """Apply every cleaning rule, in order, to the blocks after the title."""
    blocks = drop_repeated_title(blocks, title)
    for stage in CLEANING_STAGES:
        blocks = stage(blocks)
    return blocks
