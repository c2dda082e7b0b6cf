"""From a source file to its articles: read, decode, parse by format.

``load_articles`` is the whole of ingest for a caller that wants articles;
``read_source`` and ``parse_source`` are its two halves, for a build that
hashes the bytes in between (an unchanged file is never parsed again).

``parse_source`` picks the format by the file's suffix (any case): ``.txt``
(``plain``; a ``.txt`` file that holds an HTML page is read as HTML),
``.md``/``.markdown`` (``markdown_note``), ``.html``/``.htm`` (``html_page``),
``.json``/``.jsonl`` (``json_records``). It returns a list: one article (or
why the file was skipped) for a file that is one article, and one per record
for the JSON formats. Article ids are unique within a file; across files,
``load_articles`` keeps them unique (``_Ids``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from leisearch.errors import quoted
from leisearch.models import Article, Skipped

from . import html_page, json_records, markdown_note, plain
from .files import (
    SourceFile,
    as_paths,
    decode,
    find_files,
    no_article_files,
    read_source,
    suffix_of,
)


def parse_source(source: SourceFile, data: bytes) -> list[Article | Skipped]:
    """Decode and parse one file's bytes: its articles, or why each was skipped."""
    name = source.path
    # Absolute, so that the index knows the file whatever folder leisearch runs from; not
    # resolved, so that a deleted symlink is a deleted article.
    path = os.path.abspath(source.path)
    suffix = suffix_of(source.path).lower()
    as_html = suffix in html_page.SUFFIXES or (
        suffix in plain.SUFFIXES and html_page.looks_like_html(data[:4096].decode("latin-1"))
    )
    declared = html_page.declared_charset(data) if as_html else None
    text, warnings = decode(data, name, declared)
    if suffix in json_records.SUFFIXES:
        json_lines = suffix == json_records.JSON_LINES
        return json_records.parse_records(
            source.article_id, text, path, name, json_lines=json_lines, warnings=warnings
        )
    article: Article | None
    if as_html or (suffix in plain.SUFFIXES and html_page.looks_like_html(text)):
        try:
            article = html_page.parse_page(source.article_id, text, path, warnings)
        except Exception as error:
            # The extractor's parsers can fail on bytes nobody meant as HTML: that file is
            # skipped with the reason, and the build goes on.
            return [Skipped(name, f"HTML that could not be read ({type(error).__name__})")]
    elif suffix in markdown_note.SUFFIXES:
        article = markdown_note.parse_note(source.article_id, text, path, warnings, name)
    else:
        article = plain.parse_article(source.article_id, text, path, warnings, name)
    return [article if article is not None else Skipped(name, "no text")]


def read_article(source: SourceFile) -> list[Article | Skipped]:
    """Read and parse one file: its articles, or why it (or a record of it) was skipped."""
    data = read_source(source)
    return [data] if isinstance(data, Skipped) else parse_source(source, data)


@dataclass(slots=True)
class _Ids:
    """The ids of one run's articles, kept unique across files.

    A file's own id (``find_files``) is never changed. A JSON record whose id is
    already taken, by a file or by a record of another file, gets ``-2`` (``-3``…)
    after it, with a warning; files are read in a stable order, so the same corpus
    gives the same ids at every run.
    """

    files: set[str]
    taken: set[str] = field(default_factory=set)

    def claim(self, article: Article, source: SourceFile) -> Article:
        own = article.id == source.article_id  # the file's own id, found unique already
        if own or (article.id not in self.files and article.id not in self.taken):
            self.taken.add(article.id)
            return article
        base, n = article.id, 2
        while f"{base}-{n}" in self.files or f"{base}-{n}" in self.taken:
            n += 1
        new = f"{base}-{n}"
        self.taken.add(new)
        note = (
            f"{source.path}: id {quoted(base)} is another file's or record's: "
            f"indexed as {quoted(new)}"
        )
        return replace(article, id=new, warnings=(*article.warnings, note))


def load_articles(
    paths: str | Path | Sequence[str | Path], known: Mapping[str, str] | None = None
) -> tuple[list[SourceFile], Iterable[Article | Skipped]]:
    """The files under ``paths`` (one path, or several) and a lazy stream of their
    articles (or why each file or record was skipped)."""
    paths = as_paths(paths)
    sources, skipped, passed_over = find_files(paths, known)
    if not sources and not skipped:
        raise no_article_files(paths, passed_over)

    def stream() -> Iterator[Article | Skipped]:
        yield from skipped
        ids = _Ids({s.article_id for s in sources})
        for source in sources:
            for item in read_article(source):
                yield ids.claim(item, source) if isinstance(item, Article) else item

    return sources, stream()
