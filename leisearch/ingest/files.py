"""Finding and reading article files: paths to sources with stable ids, bytes, text.

A source's id is its file stem, stable per file (see ``find_files``). A file
that cannot be used is a ``Skipped`` record (its path and why), never an
exception: one unreadable file does not stop a build of thousands.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from leisearch.errors import CorpusError, Reason
from leisearch.models import Skipped

from .plain import SUFFIX

_BOM = "\ufeff"
#: A file larger than this is no article (a database dump, a disk image named .txt):
#: skipped, with a warning, so that no file can exhaust memory.
MAX_FILE_BYTES = 50_000_000


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file to read, with the article id it will get."""

    path: Path
    article_id: str


def find_files(
    paths: Sequence[Path], known: Mapping[str, str] | None = None
) -> tuple[list[SourceFile], list[Skipped]]:
    """Expand files and folders into ``.txt`` files, with unique article ids.

    ``known`` maps resolved paths to the ids an index already gave them, so a
    file keeps its id however it is named on the command line. Returns the
    files (sorted, duplicates removed) and what was skipped. A path that does
    not exist raises ``CorpusError``.
    """
    found: list[Path] = []
    skipped: list[Skipped] = []
    for path in paths:
        if not path.exists():
            raise CorpusError(Reason.NO_SUCH_PATH, f"no such file or folder: {path}", path=path)
        if path.is_dir():
            found.extend(_walk(path, skipped))
        elif path.suffix.lower() == SUFFIX:
            found.append(path)
        else:
            skipped.append(Skipped(str(path), f"not a {SUFFIX} file"))
    unique = sorted({p.resolve(): p for p in found}.values(), key=lambda p: str(p.resolve()))
    return _assign_ids(unique, known or {}), skipped


def _walk(root: Path, skipped: list[Skipped]) -> Iterator[Path]:
    def on_error(error: OSError) -> None:
        skipped.append(Skipped(str(error.filename), str(error.strerror)))

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


def read_source(source: SourceFile) -> bytes | Skipped:
    """The file's bytes, or why it was skipped: only regular files are read (a FIFO
    would wait for a writer for ever, ``/dev/zero`` never ends), and at most
    ``MAX_FILE_BYTES`` of them."""
    path = str(source.path)
    try:
        # O_NONBLOCK: opening a FIFO that slipped in after the check must not wait.
        fd = os.open(source.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                return Skipped(path, "not a regular file")
            if info.st_size > MAX_FILE_BYTES:
                return Skipped(path, f"larger than {MAX_FILE_BYTES // 1_000_000} MB")
            with os.fdopen(fd, "rb", closefd=False) as handle:
                data = handle.read(MAX_FILE_BYTES + 1)
        finally:
            os.close(fd)
    except OSError as error:
        return Skipped(path, str(error.strerror or error))
    if len(data) > MAX_FILE_BYTES:
        return Skipped(path, f"larger than {MAX_FILE_BYTES // 1_000_000} MB")
    if b"\x00" in data:
        return Skipped(path, "binary file")
    return data


def digest(data: bytes) -> str:
    """The content hash that tells a changed file from an unchanged one."""
    return hashlib.sha256(data).hexdigest()


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
