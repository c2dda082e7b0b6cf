"""Finding and reading article files: paths to sources with stable ids, bytes, text.

A source's id is its file stem, stable per file (see ``find_files``). A file
that cannot be used is a ``Skipped`` record (its path and why), never an
exception: one unreadable file does not stop a build of thousands.

``find_files`` takes every file whose suffix a format reads (``SUFFIXES``); in a
folder, files of other suffixes are passed over and counted by suffix, for one
warning at the end of a build (``passed_over_warnings``), and a file named on the
command line with another suffix is skipped with a warning of its own.

``decode`` turns bytes into text: UTF-8 (the default, a BOM dropped); UTF-16 and
UTF-32 when a byte-order mark says so; the charset an HTML page declares; and
otherwise the encoding that charset-normalizer finds most likely, with a warning
that names it (see ``detect_encoding``). charset-normalizer is imported only for
a file that is not UTF-8.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import stat
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from leisearch.errors import CorpusError, Reason
from leisearch.models import Skipped

from . import html_page, json_records, markdown_note, plain

#: Every file name ending leisearch reads (lower-case; any case matches), each the
#: suffix of one format module.
SUFFIXES: tuple[str, ...] = (
    *plain.SUFFIXES,
    *markdown_note.SUFFIXES,
    *html_page.SUFFIXES,
    *json_records.SUFFIXES,
)
#: Files of leisearch's own in a corpus folder, read by other parts (the user's
#: aliases: ``service.speakers.ALIAS_FILE``): not articles, and not passed over.
OWN_FILES = frozenset({"leisearch.aliases"})
_BOM = "\ufeff"
#: Byte-order marks and their codecs; UTF-32's before UTF-16's, whose marks they begin with.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: A file larger than this is no article (a database dump, a disk image named .txt):
#: skipped, with a warning, so that no file can exhaust memory.
MAX_FILE_BYTES = 50_000_000


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file to read, with the article id it will get. The path is a string: a build
    holds one of these for every file of the corpus while it hashes them, and a
    ``Path`` (its parts, each interned) took five times the memory."""

    path: str
    article_id: str


class Found(NamedTuple):
    """What ``find_files`` found under the paths it was given."""

    #: The files to read, sorted, each once, with unique article ids.
    sources: list[SourceFile]
    #: Files that could not be used: named on the command line with another suffix, or
    #: in a folder that could not be listed.
    skipped: list[Skipped]
    #: Files in the folders whose suffix no format reads, counted by suffix (lower-case;
    #: ``""`` for none): ``passed_over_warnings`` words them.
    passed_over: Counter[str]


def readable(name: str) -> bool:
    """Whether a file of this name is one leisearch reads (by its suffix, any case).

    >>> readable("Ferry.HTML"), readable("notes.txt.bak"), readable("feed.jsonl")
    (True, False, True)
    """
    return suffix_of(name).lower() in SUFFIXES


def _formats() -> str:
    """The suffixes read, as a sentence names them: ``.txt, .md … or .jsonl``."""
    return f"{', '.join(SUFFIXES[:-1])} or {SUFFIXES[-1]}"


def find_files(
    paths: Sequence[Path], known: Mapping[str, str] | None = None, real: RealPaths | None = None
) -> Found:
    """Expand files and folders into the files leisearch reads, with unique article ids.

    ``known`` maps resolved paths (``real``'s, if given: a caller's, with the paths
    it has resolved) to the ids an index already gave them, so a file keeps its id
    however it is named on the command line. A path that does not exist raises
    ``CorpusError``.

    Paths are strings here, not ``Path`` objects: a folder of 100,000 files took
    85 MB as ``Path`` objects at once, and the memory stayed with the build.
    """
    found: list[str] = []
    skipped: list[Skipped] = []
    passed_over: Counter[str] = Counter()
    for path in paths:
        if not path.exists():
            raise CorpusError(Reason.NO_SUCH_PATH, f"no such file or folder: {path}", path=path)
        if path.is_dir():
            found.extend(_walk(str(path), skipped, passed_over))
        elif readable(path.name):
            found.append(str(path))
        else:
            skipped.append(Skipped(str(path), f"not a {_formats()} file"))
    # Each file once, by where it really is, in that order.
    real = real or RealPaths()
    unique = sorted({real(p): p for p in found}.items())
    return Found(_assign_ids(unique, known or {}), skipped, passed_over)


def as_paths(paths: str | Path | Sequence[str | Path]) -> list[Path]:
    """One path or several, as a list of paths (a string is one path, not its letters).

    >>> [p.name for p in as_paths("news")], [p.name for p in as_paths(["a", Path("b")])]
    (['news'], ['a', 'b'])
    """
    if isinstance(paths, str | Path):
        return [Path(paths)]
    return [Path(p) for p in paths]


def no_article_files(
    paths: Sequence[Path], passed_over: Mapping[str, int] | None = None
) -> CorpusError:
    """The error for paths that hold no file of a format leisearch reads."""
    message = f"no {', '.join(SUFFIXES)} files in {', '.join(map(str, paths))}"
    others = counted_files(passed_over or {})
    return CorpusError(Reason.NO_ARTICLE_FILES, message + (f" (only {others})" if others else ""))


class RealPaths:
    """``os.path.realpath`` of many files in few folders, each answer kept.

    ``realpath`` looks at every part of a path (an ``lstat`` each: at 10,000 files, a
    quarter of a second of an update that changes one). A file's real path is its
    folder's, resolved once, and its name, unless the file itself is a symbolic
    link: one ``lstat``. (Never an error: ``Path.resolve`` raises on a symlink loop,
    ``realpath`` leaves the loop's path as it is.)

    >>> real = RealPaths()
    >>> real("/") == os.path.realpath("/"), real("no/such/file") == os.path.realpath("no/such/file")
    (True, True)
    """

    __slots__ = ("_files", "_folders")

    def __init__(self) -> None:
        self._folders: dict[str, str] = {}
        self._files: dict[str, str] = {}

    def __call__(self, path: str) -> str:
        found = self._files.get(path)
        if found is None:
            found = self._files[path] = self._resolved(path)
        return found

    def _resolved(self, path: str) -> str:
        folder, name = os.path.split(path)
        # (On Windows, ``realpath`` also gives a name its case on the disk, and its long
        # form for a short one: the folder's answer would not give the name's.)
        if os.name == "nt" or name in ("", os.curdir, os.pardir) or os.path.islink(path):
            return os.path.realpath(path)
        real = self._folders.get(folder)
        if real is None:
            real = self._folders[folder] = os.path.realpath(folder or os.curdir)
        return os.path.join(real, name)


def _walk(root: str, skipped: list[Skipped], passed_over: Counter[str]) -> Iterator[str]:
    def on_error(error: OSError) -> None:
        skipped.append(Skipped(str(error.filename), str(error.strerror)))

    # followlinks=False: a symlinked folder cannot send the walk round in a loop.
    for folder, dirs, files in os.walk(root, onerror=on_error):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or name in OWN_FILES:
                continue
            if readable(name):
                yield os.path.join(folder, name)
            else:
                passed_over[suffix_of(name).lower()] += 1


def passed_over_warnings(passed_over: Mapping[str, int]) -> list[str]:
    """The one warning for the files a build passed over in its folders (or none).

    >>> passed_over_warnings({".pdf": 3, ".docx": 1, "": 2})
    ['passed over 3 .pdf, 2 suffix-less, 1 .docx files (not a format leisearch reads)']
    >>> passed_over_warnings({".pdf": 1}), passed_over_warnings({})
    (['passed over 1 .pdf file (not a format leisearch reads)'], [])
    """
    listed = counted_files(passed_over)
    return [f"passed over {listed} (not a format leisearch reads)"] if listed else []


def counted_files(by_suffix: Mapping[str, int]) -> str:
    """Files counted by suffix, the most first (then by suffix, those without one last).

    >>> counted_files({".docx": 1, ".pdf": 3}), counted_files({"": 1})
    ('3 .pdf, 1 .docx files', '1 suffix-less file')
    """
    counts = sorted(
        ((n, suffix) for suffix, n in by_suffix.items() if n),
        key=lambda c: (-c[0], not c[1], c[1]),
    )
    if not counts:
        return ""
    listed = ", ".join(f"{n} {suffix or 'suffix-less'}" for n, suffix in counts)
    return f"{listed} {'file' if sum(n for n, _ in counts) == 1 else 'files'}"


def _assign_ids(paths: list[tuple[str, str]], known: Mapping[str, str]) -> list[SourceFile]:
    """Ids are file stems, stable per file (``paths``: each file's resolved path and
    its path as found).

    A file the index knows keeps its id. A stem shared by two files (in this
    run, or with a different file already indexed) gets its folder's name in
    front (``2024/notes``), and a number after that if it is still taken. The ids
    an index knows for a JSON file are its records' (``json_records``), not the
    file's, which is therefore its stem's, so that its records' ids
    (``<file id>-<n>``) are the same at every run.
    """
    stems_of = [_readable(_stem(path)) for _, path in paths]
    stems = Counter(stems_of)
    owner = {article_id: path for path, article_id in known.items()}
    result = []
    for (key, path), stem in zip(paths, stems_of, strict=True):
        records = suffix_of(path).lower() in json_records.SUFFIXES
        article_id = None if records else known.get(key)
        if article_id is None:
            article_id = stem
            if stems[stem] > 1 or owner.get(article_id, key) != key:
                folder = _readable(os.path.basename(os.path.dirname(path)))
                article_id = f"{folder}/{stem}"
            base, n = article_id, 2
            while owner.get(article_id, key) != key:
                article_id, n = f"{base}-{n}", n + 1
        owner[article_id] = key
        result.append(SourceFile(path, article_id))
    return result


def suffix_of(path: str) -> str:
    """A file name's suffix, as ``pathlib`` reads it (``..txt``: ``.txt``; ``notes.``: none).

    >>> suffix_of("/a/Ferry.HTML"), suffix_of("..txt"), suffix_of("notes."), suffix_of(".md")
    ('.HTML', '.txt', '', '')
    """
    name = os.path.basename(path)
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def _readable(name: str) -> str:
    """A file name's bytes that are not text (the system gives them as surrogates) as
    U+FFFD: an id is text, in the index and in every output.

    >>> _readable(os.fsdecode(b"caf\\xe9")), _readable("café")
    ('caf\ufffd', 'café')
    """
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _stem(path: str) -> str:
    """A file name without its suffix, as ``pathlib`` reads it (an id is a stem)."""
    name = os.path.basename(path)
    return name[: len(name) - len(suffix_of(name))]


def read_source(source: SourceFile) -> bytes | Skipped:
    """The file's bytes, or why it was skipped: only regular files are read (a FIFO
    would wait for a writer for ever, ``/dev/zero`` never ends), and at most
    ``MAX_FILE_BYTES`` of them."""
    path = source.path
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
    # UTF-16 and UTF-32 text is full of zero bytes: with a byte-order mark, it is text.
    # Without one it cannot be told from binary, and is skipped as binary.
    if b"\x00" in data and not _wide_bom(data):
        return Skipped(path, "binary file")
    return data


def _wide_bom(data: bytes) -> bool:
    return data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE))


def digest(data: bytes) -> str:
    """The content hash that tells a changed file from an unchanged one."""
    return hashlib.sha256(data).hexdigest()


def decode(data: bytes, name: str, declared: str | None = None) -> tuple[str, list[str]]:
    """The text of a file's bytes, and warnings about how it was decoded.

    A byte-order mark is believed: UTF-8, UTF-16 or UTF-32, and bytes that do not
    fit it become U+FFFD, with a warning. Without one: UTF-8; else ``declared``
    (an HTML page's charset), if the bytes fit it; else the encoding
    ``detect_encoding`` finds, with a warning that names it; else UTF-8 with
    U+FFFD for what does not fit, with a warning.

    >>> decode(b"\\xef\\xbb\\xbfhi", "a.txt"), decode("hi".encode("utf-16"), "b.txt")
    (('hi', []), ('hi', []))
    >>> decode("Caf\\xe9 au lait, caf\\xe9 cr\\xe8me".encode("cp1252"), "c.txt")
    ('Café au lait, café crème', ['c.txt: not UTF-8: read as Windows-1252'])
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _with_replacement(data[len(bom) :], codec, name)
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(declared), []
        except (UnicodeDecodeError, LookupError):
            pass  # a charset that does not fit, or that Python does not know: detect
    detected = detect_encoding(data)
    if detected is not None:
        text, codec = detected
        return text, [f"{name}: not UTF-8: read as {encoding_label(codec)}"]
    return _with_replacement(data, "utf-8", name)


def _with_replacement(data: bytes, codec: str, name: str) -> tuple[str, list[str]]:
    """Decode with U+FFFD for bytes that do not fit ``codec``, and say how many."""
    text = data.decode(codec, errors="replace")
    bad = text.count("\ufffd") - data.decode(codec, errors="ignore").count("\ufffd")
    if not bad:
        return text.removeprefix(_BOM), []
    label = encoding_label(codec)
    return text.removeprefix(_BOM), [
        f"{name}: {bad} undecodable byte(s) replaced (file is not valid {label})"
    ]


#: The encodings a file that is not UTF-8 is tried in: the legacy encodings that
#: news text was written in, Western, Central and Eastern European, Greek, Turkish,
#: Hebrew, Arabic, Baltic, Chinese, Japanese and Korean. Rarer ones (EBCDIC, DOS code
#: pages, Mac Roman) are left out: on a short text, the detector would choose them
#: for bytes that are plainly Windows-1252.
DETECTED_ENCODINGS = (
    "cp1252",
    "iso8859_15",
    "cp1250",
    "iso8859_2",
    "cp1251",
    "koi8_r",
    "cp1253",
    "cp1254",
    "cp1255",
    "cp1256",
    "cp1257",
    "gb18030",
    "big5",
    "shift_jis",
    "euc_jp",
    "euc_kr",
)
#: The most common encoding of Western text that is not UTF-8, chosen when it reads
#: the bytes as well as the detector's first choice does.
_WESTERN = "cp1252"
#: How much less coherent than the best match Windows-1252 may be and still win:
#: a near tie on a short text (0.654 against 0.667 for a paragraph of French).
_NEAR_TIE = 0.05


def detect_encoding(data: bytes) -> tuple[str, str] | None:
    """The text and encoding charset-normalizer finds most likely (``DETECTED_ENCODINGS``),
    or ``None``.

    Its best matches (least "chaos", then most coherent as a language) often tie on
    a short text, as Windows-1250 and Windows-1252 do for "café" (where they agree)
    and for "señor" (where they do not), or come within a hair of each other on
    coherence, where the one that wins by a hair turns "£42,000" into "Ł42,000".
    Among the matches with the least chaos, Windows-1252 wins when it reads the text
    as the same language as the best match, as coherently or nearly (``_NEAR_TIE``):
    the bytes they read differently are then not letters of that language. A text
    whose letters only the other encoding reads as words (Polish: "Łukasz", not
    "£ukasz"; Turkish: "başkenti") is far more coherent in it, or reads as another
    language.
    """
    from charset_normalizer import from_bytes  # only for files that are not UTF-8

    matches = list(from_bytes(data, cp_isolation=list(DETECTED_ENCODINGS)))
    if not matches:
        return None
    least = min(round(m.chaos, 3) for m in matches)
    clean = sorted((m for m in matches if round(m.chaos, 3) == least), key=lambda m: -m.coherence)
    best = clean[0]
    for match in clean:
        if (
            _WESTERN in match.could_be_from_charset
            and match.language == best.language
            and match.coherence >= best.coherence - _NEAR_TIE
        ):
            return data.decode(_WESTERN), _WESTERN
    return str(best), best.encoding


def encoding_label(codec: str) -> str:
    """An encoding's common name.

    >>> encoding_label("cp1252"), encoding_label("utf-16-le"), encoding_label("gb18030")
    ('Windows-1252', 'UTF-16', 'GB18030')
    """
    name = codecs.lookup(codec).name
    if name.startswith("cp125"):
        return f"Windows-{name[2:]}"
    if name.startswith(("utf-16", "utf-32")):
        return name[:6].upper()
    return name.upper().replace("_", "-")
