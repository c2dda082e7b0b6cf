"""From a source file to an ``Article``: read, decode, parse by format.

``load_articles`` is the whole of ingest for a caller that wants articles;
``read_source`` and ``parse_source`` are its two halves, for a build that
hashes the bytes in between (an unchanged file is never parsed again).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from leisearch.errors import CorpusError, Reason
from leisearch.models import Article, Skipped

from .files import SourceFile, decode, find_files, read_source
from .plain import SUFFIX, parse_article


def parse_source(source: SourceFile, data: bytes) -> Article | Skipped:
    """Decode and parse one file's bytes, or say why it was skipped."""
    text, warnings = decode(data, str(source.path))
    # Absolute, so that the index knows the file whatever folder leisearch runs from; not
    # resolved, so that a deleted symlink is a deleted article.
    article = parse_article(source.article_id, text, os.path.abspath(source.path))
    if article is None:
        return Skipped(str(source.path), "no text")
    return replace(article, warnings=tuple(warnings)) if warnings else article


def read_article(source: SourceFile) -> Article | Skipped:
    """Read and parse one file, or say why it was skipped."""
    data = read_source(source)
    return data if isinstance(data, Skipped) else parse_source(source, data)


def as_paths(paths: str | Path | Sequence[str | Path]) -> list[Path]:
    """One path or several, as a list of paths (a string is one path, not its letters).

    >>> [p.name for p in as_paths("news")], [p.name for p in as_paths(["a", Path("b")])]
    (['news'], ['a', 'b'])
    """
    if isinstance(paths, str | Path):
        return [Path(paths)]
    return [Path(p) for p in paths]


def no_article_files(paths: Sequence[Path]) -> CorpusError:
    """The error for paths that hold no file of a format leisearch reads."""
    return CorpusError(
        Reason.NO_ARTICLE_FILES, f"no {SUFFIX} files in {', '.join(map(str, paths))}"
    )


def load_articles(
    paths: str | Path | Sequence[str | Path], known: Mapping[str, str] | None = None
) -> tuple[list[SourceFile], Iterable[Article | Skipped]]:
    """The files under ``paths`` (one path, or several) and a lazy stream of their
    articles (or why each was skipped)."""
    paths = as_paths(paths)
    sources, skipped = find_files(paths, known)
    if not sources and not skipped:
        raise no_article_files(paths)

    def stream() -> Iterator[Article | Skipped]:
        yield from skipped
        for source in sources:
            yield read_article(source)

    return sources, stream()
