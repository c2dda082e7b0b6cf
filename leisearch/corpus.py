"""The corpus: find ``.txt`` articles, read them, clean web residue, split paragraphs.

An article is one text file. Its id is the file stem, its title the first
non-empty line, and its paragraphs the blank-line separated blocks after the
title, numbered from 1 *after* cleaning (so numbers are dense and stable for a
given file and leisearch version).

Scraped articles carry text that is not the article. Each rule below is a
small pure function over the list of blocks, documented and tested on its own,
and none of them names a particular site or file:

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

import hashlib
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import CorpusError
from .models import Article, Paragraph

SUFFIX = ".txt"
_BOM = "\ufeff"

# --- reading ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file to read, with the article id it will get."""

    path: Path
    article_id: str


def find_files(
    paths: Sequence[Path], known: Mapping[str, str] | None = None
) -> tuple[list[SourceFile], list[str]]:
    """Expand files and folders into ``.txt`` files, with unique article ids.

    ``known`` maps resolved paths to the ids an index already gave them, so a
    file keeps its id however it is named on the command line. Returns the
    files (sorted, duplicates removed) and warnings for what was skipped. A
    path that does not exist raises ``CorpusError``.
    """
    found: list[Path] = []
    warnings: list[str] = []
    for path in paths:
        if not path.exists():
            raise CorpusError(
                f"no such file or folder: {path}",
                "check the path, or run `leisearch index` with no path to index the seed articles",
            )
        if path.is_dir():
            found.extend(_walk_txt(path, warnings))
        elif path.suffix.lower() == SUFFIX:
            found.append(path)
        else:
            warnings.append(f"skipped {path}: not a {SUFFIX} file")
    unique = sorted({p.resolve(): p for p in found}.values(), key=lambda p: str(p.resolve()))
    return _assign_ids(unique, known or {}), warnings


def _walk_txt(root: Path, warnings: list[str]) -> Iterator[Path]:
    def on_error(error: OSError) -> None:
        warnings.append(f"skipped {error.filename}: {error.strerror}")

    # followlinks=False: a symlinked folder cannot send the walk round in a loop.
    for folder, dirs, files in os.walk(root, onerror=on_error):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.lower().endswith(SUFFIX) and not name.startswith("."):
                yield Path(folder) / name


def _assign_ids(paths: list[Path], known: Mapping[str, str]) -> list[SourceFile]:
    """Ids are file stems, stable per file.

    A file the index knows keeps its id. A stem shared by two files (in this
    run, or with a different file already indexed) gets its folder's name in
    front (``2024/notes``), and a number after that if it is still taken.
    """
    stems: dict[str, int] = {}
    for path in paths:
        stems[path.stem] = stems.get(path.stem, 0) + 1
    owner = {article_id: path for path, article_id in known.items()}
    result = []
    for path in paths:
        key = str(path.resolve())
        article_id = known.get(key)
        if article_id is None:
            article_id = path.stem
            if stems[path.stem] > 1 or owner.get(article_id, key) != key:
                article_id = f"{path.parent.name}/{path.stem}"
            base, n = article_id, 2
            while owner.get(article_id, key) != key:
                article_id, n = f"{base}-{n}", n + 1
        owner[article_id] = key
        result.append(SourceFile(path, article_id))
    return result


def group_warnings(warnings: Sequence[str]) -> list[str]:
    """One line for all skipped files, then the other warnings as they are.

    >>> for line in group_warnings(["skipped a.bin: binary file", "x.txt: 2 bytes replaced",
    ...                             "skipped b.md: not a .txt file"]):
    ...     print(line)
    skipped 2 files: a.bin (binary file), b.md (not a .txt file)
    x.txt: 2 bytes replaced
    """
    skipped = [w.removeprefix("skipped ") for w in warnings if w.startswith("skipped ")]
    others = [w for w in warnings if not w.startswith("skipped ")]
    if not skipped:
        return others
    listed = ", ".join("{} ({})".format(*s.rsplit(": ", 1)) if ": " in s else s for s in skipped)
    noun = "file" if len(skipped) == 1 else "files"
    return [f"skipped {len(skipped)} {noun}: {listed}", *others]


def decode(data: bytes, name: str) -> tuple[str, list[str]]:
    """Decode UTF-8 (a BOM is dropped); undecodable bytes become U+FFFD, with a warning.

    >>> decode(b"\\xef\\xbb\\xbfhi", "a.txt")
    ('hi', [])
    """
    warnings = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
        warnings.append(f"{name}: {bad} undecodable byte(s) replaced (file is not valid UTF-8)")
    return text.removeprefix(_BOM), warnings


def read_source(source: SourceFile) -> bytes | str:
    """The file's bytes; a string is the reason it was skipped."""
    try:
        data = source.path.read_bytes()
    except OSError as error:
        return f"skipped {source.path}: {error.strerror or error}"
    if b"\x00" in data:
        return f"skipped {source.path}: binary file"
    return data


def digest(data: bytes) -> str:
    """The content hash that tells a changed file from an unchanged one."""
    return hashlib.sha256(data).hexdigest()


def parse_source(source: SourceFile, data: bytes) -> Article | str:
    """Decode and parse one file's bytes; a string is the reason it was skipped."""
    text, warnings = decode(data, str(source.path))
    # Absolute, so that the index knows the file whatever folder leisearch runs from.
    article = parse_article(source.article_id, text, str(source.path.resolve()))
    if article is None:
        return f"skipped {source.path}: no text"
    if warnings:
        article = Article(
            article.id, article.title, article.path, article.paragraphs, tuple(warnings)
        )
    return article


def read_article(source: SourceFile) -> Article | str:
    """Read and parse one file; a string is the reason it was skipped."""
    data = read_source(source)
    return data if isinstance(data, str) else parse_source(source, data)


# --- parsing and cleaning (pure) ----------------------------------------------------


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


def load_articles(
    paths: Sequence[Path], known: Mapping[str, str] | None = None
) -> tuple[list[SourceFile], Iterable[Article | str]]:
    """The files under ``paths`` and a lazy stream of their parsed articles (or warnings)."""
    sources, warnings = find_files(paths, known)
    if not sources and not warnings:
        raise CorpusError(
            f"no {SUFFIX} files in {', '.join(map(str, paths))}",
            f"point leisearch index at a folder of {SUFFIX} articles",
        )

    def stream() -> Iterator[Article | str]:
        yield from warnings
        for source in sources:
            yield read_article(source)

    return sources, stream()
