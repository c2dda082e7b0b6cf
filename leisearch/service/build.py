"""Building an index: read what changed, attribute quotations, write, commit.

Every build writes a generation folder of its own and commits by switching the
manifest to it with one rename: after any crash the index is the old one or
the new one, whole (hits, vocabulary, alias table, manifest and quotations
together). An incremental build starts its generation from links to the
files of the last one (``backend.derive``) and writes only what changed: new
files, files whose content hash differs, and files gone from the folders given
(their articles are removed). Unchanged files are read and hashed, nothing
more. With ``rebuild`` (or when there is no index yet, or its schema version
differs, or it is damaged) the generation starts empty.

The steps, each a function below: ``_start`` (what to update from: the
manifest, checked in full against its file records; the user's
``leisearch.aliases`` files, a changed one meaning every article again),
``_changes`` (read and hash the files), ``_write`` (read each new or changed
file again, then clean, attribute and index its articles), the vocabulary, the
tables and the speaker table, then the commit: every file flushed to the disk
and recorded in the new manifest, which is renamed into place, and the
generations no query holds swept.

A build streams: an article is read, cleaned, attributed and handed to the
backend, and nothing of it is kept: its record for the manifest's list
(``ArticleInfo``: id, title, paragraph count, file and hash, as JSON) and its
rows of the copies, articles and quotes tables go to sorted runs on the disk
once they are many (``store.tables.SortedRows``). What needs the whole corpus is
made from those: the manifest's list and the tables by merging the runs, then
the speaker table and list from the quotes table, read a speaker at a time
(speakers are resolved within each article, so across articles only full names
merge). The word counts go to sorted runs too, past a bound
(``store.vocabulary.WordCounts``), and the stemmer's memo starts afresh past
one. An update of a few files, whose rows and counts all fit in memory, splices
them into the tables and the vocabulary it starts from instead (``spliced``),
and counts again only the quotations whose rows changed (``counts_changed``): at
10,000 articles, an update of one file spent two seconds rewriting and
recounting what it had not changed. Memory does not grow with the text, the
quotations or the vocabulary; it grows with the ids taken, the list of files to
read (a path and an id each, packed in one buffer: ``_ChangedFiles``), and an
update's records of the articles it keeps (each as its JSON in the manifest's
list: ``ArticleRecords``, about 340 bytes an article).

A fresh build on more than one core forks its workers first, before it reads
anything, so that they share little of the main process's memory but the
modules (``engine.whoosh.workers``), and stops them if its files come to fewer
than ``PARALLEL_MIN_BYTES`` (unless it was given ``procs``). An update, which
has read its manifest by then, forks them once its new and changed files reach
``PARALLEL_MIN_BYTES``: most updates are small, and never do. Where the system
refuses a process, the build goes on in one. The workers start a new segment
past ``workers.SEGMENT_DOCS`` paragraphs, which bounds their memory too; a
sequential build (an update of less than ``PARALLEL_MIN_BYTES``, or one core)
writes one segment, whose writer's memory grows with it, and so does rewriting
a segment that lost enough of its paragraphs (at most the size of the segment).

``progress`` hears of each stage as it starts (``STAGES``): a progress bar
shows them, and a test stops a build at each one to kill it there.

Each build stems with a ``Stemmer`` of its own, which looks words up in the
vocabulary of the index it updates before NLTK: what one build learns never
reaches another index. The vocabulary counts the texts that hold each word, so
an incremental build's vocabulary is the one a fresh build would write.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import time
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from leisearch.engine.protocol import Term, Writer
from leisearch.engine.whoosh import writer as backend
from leisearch.engine.whoosh.reader import open_reader
from leisearch.engine.whoosh.workers import Crew
from leisearch.errors import CorpusError, IndexCorrupt, IndexUnwritable, Reason, quoted
from leisearch.ingest.files import (
    SUFFIXES,
    RealPaths,
    SourceFile,
    as_paths,
    digest,
    find_files,
    no_article_files,
    passed_over_warnings,
    read_source,
)
from leisearch.models import (
    Article,
    ArticleInfo,
    BuildReport,
    Skipped,
    SpeakerInfo,
)
from leisearch.store.folder import (
    check_ours,
    discard_if_bare,
    locked,
    new_generation,
    prepare_dir,
    sweep,
)
from leisearch.store.integrity import FileRecord, check, record_files, sync_folder
from leisearch.store.lock import PINS, FileLock
from leisearch.store.manifest import (
    ALIASES,
    ARTICLES,
    COPIES,
    MANIFEST,
    OWN_FILES,
    QUOTES,
    SCHEMA_VERSION,
    VOCABULARY,
    ArticleRecords,
    Deferred,
    Manifest,
    article_json,
    json_table_line,
    not_a_file,
    open_vocabulary,
    read_manifest,
    write_atomic,
)
from leisearch.store.tables import (
    Row,
    SortedRows,
    Table,
    may_splice,
    merged,
    spliced,
)
from leisearch.store.vocabulary import WordCounts
from leisearch.text.copies import copy_key
from leisearch.text.stemming import Stemmer
from leisearch.text.words import word_set

from .documents import article_meta, documents_of, quote_keys
from .speakers import ALIAS_FILE, alias_files, counts_changed, speaker_counts, speaker_list

if TYPE_CHECKING:
    from leisearch.quotes.names import PersonOf

#: ``progress(done, total, stage)``: files or articles done of ``total`` in a named
#: stage; ``total`` 0 when the stage has no count to show (its length is unknown).
ProgressCallback = Callable[[int, int, str], None]
#: From this many bytes of files to read (about 200 news articles), the backend
#: indexes on every core; below it, their work costs more than it saves.
PARALLEL_MIN_BYTES = 1_000_000
#: The new articles' records go to a sorted run on the disk this many at a time
#: (about 500 bytes each, held).
RECORD_RUN_ROWS = 4096
#: The stages of a build, in order, as ``progress`` hears them. Before them, an update
#: hears "checking the index" while the last build's files are checked in full.
STAGES = (
    "finding files",  # the folders walked (no count)
    "reading files",  # each file read and hashed (done = files so far)
    "indexing files",  # each new or changed file: cleaned, quotations found, added
    "vocabulary",  # the vocabulary and tables, while the backend's workers finish
    "writing the index",  # the backend's commit into the new generation
    "speakers",
    "saving",  # every file flushed to the disk and recorded
    "switching",  # the manifest renamed into place: the commit point
    "cleaning up",  # generations no query holds removed
)


def build(
    paths: str | Path | Sequence[str | Path],
    index_dir: str | Path,
    *,
    rebuild: bool = False,
    progress: ProgressCallback | None = None,
    procs: int | None = None,
) -> BuildReport:
    """Index the articles under ``paths`` into ``index_dir``, incrementally.

    ``procs`` is how many processes analyse and index (default: every core,
    from ``PARALLEL_MIN_BYTES`` of files to read on); the index is the same either
    way. Only one build runs on an index at a time: another one stops with
    ``IndexUnwritable`` at once.
    """
    folder = Path(index_dir)
    not_a_file(folder)
    check_ours(folder)
    made = not folder.exists()
    prepare_dir(folder)
    with locked(folder) as lock:
        # Again under the lock: another build may have been making the folder meanwhile.
        check_ours(folder)
        try:
            return build_locked(as_paths(paths), folder, rebuild, progress, procs, lock)
        except BaseException:
            if made:  # a first build that fails (a mistyped path) leaves no folder behind
                discard_if_bare(folder)
            raise


def recorded_sources(index_dir: str | Path) -> tuple[Path, ...]:
    """The files and folders the index at ``index_dir`` was built from, as recorded,
    whether or not they still exist (none if there is no index, or it cannot be
    read): a build from them takes a gone one's articles out."""
    try:
        manifest = read_manifest(Path(index_dir))
    except IndexCorrupt:
        return ()
    return tuple(Path(source) for source in manifest.sources) if manifest is not None else ()


@contextlib.contextmanager
def _disk_errors(index_dir: Path) -> Iterator[None]:
    """A full disk, a folder made read-only meanwhile, …: ``IndexUnwritable``."""
    try:
        yield
    except OSError as error:
        raise IndexUnwritable(
            Reason.WRITE_FAILED,
            f"cannot write the index at {index_dir}: {error.strerror or error}",
            path=index_dir,
        ) from error


@dataclass(frozen=True, slots=True)
class _Start:
    """What a build starts from."""

    current: Manifest | None  # the index as it is (None: no usable one)
    base: Manifest | None  # what to update (None: build afresh)
    paths: tuple[Path, ...]
    alias_files: Mapping[str, Mapping[str, str]]
    notes: tuple[str, ...] = ()

    @property
    def aliases(self) -> dict[str, str]:
        """The user's aliases from every alias file, one table."""
        return {k: v for table in self.alias_files.values() for k, v in table.items()}


@dataclass(frozen=True, slots=True)
class _Changed:
    """A new or changed file: what to read, and what the index had of it (a build keeps
    them packed, ``_ChangedFiles``, and makes one at a time)."""

    path: str
    article_id: str
    old: _KnownFile | None

    @property
    def source(self) -> SourceFile:
        return SourceFile(self.path, self.article_id)


class _ChangedFiles:
    """The new and changed files, in order, packed into one buffer (each path and id,
    ended by NUL bytes, which neither holds), with what the index had of those it
    had: a first build holds every file of the corpus here until it is indexed, and
    100,000 of them as objects took 22 MB, scattered among the objects hashing made,
    so that little of it went back to the system when they were done."""

    __slots__ = ("_count", "_old", "_packed")

    def __init__(self) -> None:
        self._packed = bytearray()
        self._old: dict[int, _KnownFile] = {}
        self._count = 0

    def append(self, change: _Changed) -> None:
        if change.old is not None:
            self._old[self._count] = change.old
        self._packed += os.fsencode(change.path) + b"\0"
        self._packed += change.article_id.encode("utf-8", "surrogateescape") + b"\0"
        self._count += 1

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[_Changed]:
        packed, at = self._packed, 0
        for number in range(self._count):
            path_end = packed.index(0, at)
            id_end = packed.index(0, path_end + 1)
            path = os.fsdecode(bytes(packed[at:path_end]))
            article_id = packed[path_end + 1 : id_end].decode("utf-8", "surrogateescape")
            at = id_end + 1
            yield _Changed(path, article_id, self._old.get(number))

    def replaced(self) -> list[str]:
        """The articles the changed files held, in order."""
        return [i for old in self._old.values() for i in old.articles]


@dataclass(slots=True)
class _Changes:
    """What hashing the files found (filled while hashing; the writing adds its
    skipped files and warnings)."""

    changed: _ChangedFiles = field(default_factory=_ChangedFiles)
    #: Bytes of the new and changed files.
    size: int = 0
    unchanged: int = 0
    #: The articles of the files that moved (the same name and bytes, found elsewhere),
    #: each with its file's path now: kept as they are, their records told the path.
    moved: list[tuple[str, str]] = field(default_factory=list)
    #: The articles of the files that are gone.
    gone: list[str] = field(default_factory=list)
    #: The articles of the files that can no longer be read: taken out as a gone file's
    #: are, but no file was read (a run that reads none is an error, as a fresh one is).
    unreadable: list[str] = field(default_factory=list)
    #: Each article id held: the unchanged files' now, the changed files' as they are
    #: read again. (Each file is read once, and a changed file's old ids are free, so
    #: an id taken is never the reading file's own but for those it just gave.)
    taken: set[str] = field(default_factory=set)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def replaced(self) -> list[str]:
        """The articles the changed files held: each is taken out, then indexed again
        if its file still holds it."""
        return self.changed.replaced()


@dataclass(slots=True)
class _Indexed:
    """What the writing did: articles and paragraphs indexed, and how many of them
    the index had before."""

    articles: int = 0
    paragraphs: int = 0
    again: int = 0  # indexed again under an id the index had


def build_locked(
    paths: Sequence[Path],
    index_dir: Path,
    rebuild: bool,
    progress: ProgressCallback | None,
    procs: int | None,
    lock: FileLock | None = None,
) -> BuildReport:
    """``build``, with the build lock (``lock``) already held."""
    count = procs if procs is not None else (os.cpu_count() or 1)
    lock_fd = lock.fileno() if lock is not None else None
    close = (lock_fd,) if lock_fd is not None else ()  # (the workers close the lock)
    crew = backend.crew(count, close) if count > 1 else None
    with _disk_errors(index_dir), crew or contextlib.nullcontext():
        # Asked for processes, a build uses them for any size; else from a megabyte on.
        parallel_from = 0 if procs is not None else PARALLEL_MIN_BYTES
        return _build_steps(paths, index_dir, rebuild, progress or _quiet, crew, parallel_from)


def _quiet(done: int, total: int, stage: str) -> None:
    """The progress callback of a build nobody watches."""


def _build_steps(
    paths: Sequence[Path],
    index_dir: Path,
    rebuild: bool,
    progress: ProgressCallback,
    crew: Crew | None,
    parallel_from: int,
) -> BuildReport:
    """The steps of the module docstring, in order: with ``crew``'s processes from
    ``parallel_from`` bytes of files to read on."""
    started = time.perf_counter()
    start = _start(paths, index_dir, rebuild, progress)
    crew_from = None
    if crew is not None and start.base is None:
        # A fresh build forks its workers before it reads anything, so that they share
        # this process's memory rather than copy it (``engine.whoosh.workers``); an
        # update, once it knows it needs them: most updates are small.
        _start_crew(crew)
    elif crew is not None:
        crew_from = (parallel_from, functools.partial(_start_crew, crew))
    known = start.base.records() if start.base else ArticleRecords()
    recorded = [Path(source) for source in start.base.sources] if start.base else []
    gone = [p for p in recorded if not p.exists()]
    changes = _changes(start.paths, known, progress, gone, crew_from, _ids_of(start, index_dir))
    changes.warnings[:0] = start.notes
    if not (changes.changed or changes.gone or changes.unreadable or changes.moved):
        # Nothing to write: the index is as it was, and so are its files.
        return _report(known, started, changes, _Indexed(), 0)
    for article_id, path in changes.moved:  # (the manifest's list says where they are)
        known[article_id] = replace(known[article_id], path=path)
    if crew is not None and (changes.size < parallel_from or not crew.started):
        crew.stop()  # a small build: their work would cost more than it saves
        crew = None
    before = len(known)
    data_dir = new_generation(index_dir)
    try:
        base_dir = index_dir / start.base.generation if start.base else None
        words, stemmer = _words_of(base_dir, data_dir)
        tables = (
            SortedRows(data_dir, COPIES),
            SortedRows(data_dir, ARTICLES),
            SortedRows(data_dir, QUOTES),
            SortedRows(data_dir, "records", run_rows=RECORD_RUN_ROWS, key=_by_id),
        )
        target = _Target(data_dir, index_dir, base_dir, stemmer, words, crew, *tables)

        # The quotations (speaker and key) whose rows an update's splice of the quotes
        # table took out or added (None: count every speaker's).
        quoted: frozenset[tuple[str, str]] | None = None

        def vocabulary_and_tables() -> None:
            # Written while the workers write their last segments: the vocabulary's new
            # words are stemmed here, and this process would otherwise wait for them.
            nonlocal quoted
            progress(0, 0, "vocabulary")
            try:
                with contextlib.closing(words.lines()) as lines:
                    write_atomic(data_dir / VOCABULARY, lines)
            finally:
                words.close()
            quoted = _write_tables(target)

        indexed = _write(target, start, changes, known, progress, vocabulary_and_tables)
        progress(0, 0, "speakers")
        update = None
        if start.base is not None and base_dir is not None and quoted is not None:
            update = (_once(start.base.speakers), base_dir, quoted)
        speakers = _speakers(data_dir, start.aliases, update)
        progress(0, 0, "saving")
        files = _seal(data_dir)
        previous = start.base.sources if start.base else ()
        manifest = Manifest(
            schema_version=SCHEMA_VERSION,
            built_at=datetime.now(UTC).isoformat(timespec="seconds"),
            sources=tuple(
                dict.fromkeys(
                    s
                    for s in [*previous, *(str(p.resolve()) for p in start.paths)]
                    if Path(s).exists()  # a folder moved or deleted is no source any more
                )
            ),
            articles=known.in_order(target.articles.sorted),
            speakers=speakers,
            generation=data_dir.name,
            alias_files=start.alias_files,
            files=files,
        )
        progress(0, 0, "switching")
        # The commit point: readers see the old index or the new one, never a mixture.
        try:
            write_atomic(index_dir / MANIFEST, manifest.lines(), durable=True)
        finally:
            target.articles.close()
    except BaseException:
        if _generation_named(index_dir) != data_dir.name:  # not committed: nothing to keep
            shutil.rmtree(data_dir, ignore_errors=True)
        raise
    progress(0, 0, "cleaning up")
    # Queries still reading an older generation pin it: it stays until a later build.
    # Where nothing can be pinned, the previous one is kept for a query opening it now.
    keep = {data_dir.name}
    if not PINS and start.current is not None:
        keep.add(start.current.generation)
    sweep(index_dir, keep=keep, flat=True)
    # Every article the index had is still there, indexed again, or deleted.
    deleted = before - (len(known) + indexed.again)
    return _report(known, started, changes, indexed, deleted)


def _generation_named(index_dir: Path) -> str | None:
    """The generation the manifest on disk names, if it can be read."""
    try:
        manifest = read_manifest(index_dir)
    except IndexCorrupt:
        return None
    return manifest.generation if manifest else None


def _seal(data_dir: Path) -> dict[str, FileRecord]:
    """Flush every file of the generation to the disk; their records for the manifest."""
    names = [*backend.index_files(data_dir), *OWN_FILES]
    sync_folder(data_dir, names)
    return record_files(data_dir, names)


def _start(
    paths: Sequence[Path], index_dir: Path, rebuild: bool, progress: ProgressCallback
) -> _Start:
    """The manifest to update from and the alias files, or a fresh build."""
    current = _usable_manifest(index_dir)
    # Generations that no manifest points to are left from interrupted builds.
    sweep(index_dir, keep={current.generation} if current else set(), flat=False)
    base = None if rebuild else current
    found, warnings = alias_files(paths)
    if base is None:
        return _Start(current, None, tuple(paths), found, tuple(warnings))
    # The alias files of the folders given now, as they are; the others' as recorded.
    looked = {str(_folder_of(path).resolve() / ALIAS_FILE) for path in paths}
    recorded = {p: table for p, table in base.alias_files.items() if p not in looked}
    # One that is no longer there (its folder moved, say) is gone, as a fresh build has it.
    lost = sorted(p for p in recorded if not os.path.exists(p))
    for path in lost:
        del recorded[path]
    progress(0, 0, "checking the index")
    damage = _damage(index_dir, base)
    altered = _altered(base.alias_files, found, looked) or (f"{lost[0]} is gone" if lost else "")
    if damage:
        # Updating would carry the damage over: index every recorded source again.
        note = f"the index at {index_dir} is damaged ({damage}): indexing every article again"
    elif altered:
        # Speakers of every article may change: index all recorded sources again.
        note = f"{altered}: indexing every article again"
    else:
        return _Start(current, base, tuple(paths), {**recorded, **found}, tuple(warnings))
    sources = _all_sources(base, paths)
    return _Start(current, None, sources, {**recorded, **found}, (note, *warnings))


def _folder_of(path: Path) -> Path:
    return path if path.is_dir() else path.parent


def _altered(
    recorded: Mapping[str, Mapping[str, str]],
    found: Mapping[str, Mapping[str, str]],
    looked: Collection[str],
) -> str:
    """What became of the alias files of the folders looked at ("" if nothing): one
    is new, changed, or gone."""
    for path in sorted(looked):
        if path in found and path not in recorded:
            return f"{path} is new"
        if path in found and found[path] != recorded[path]:
            return f"{path} changed"
        if path in recorded and path not in found:
            return f"{path} is gone"
    return ""


def _all_sources(base: Manifest, paths: Sequence[Path]) -> tuple[Path, ...]:
    """Every source the index recorded that still exists, and the paths given now, each
    once: a folder within another one given is walked with it."""
    given = [*(Path(source) for source in base.sources), *paths]
    every = dict.fromkeys(path.resolve() for path in given)
    kept = [p for p in every if p.exists()]
    return tuple(p for p in kept if not any(p != q and p.is_relative_to(q) for q in kept))


def _damage(index_dir: Path, manifest: Manifest) -> str:
    """What is damaged in the manifest's generation, checked in full ("" if nothing)."""
    data_dir = index_dir / manifest.generation
    if not data_dir.is_dir() or not backend.exists(data_dir):
        return f"{manifest.generation} is missing"
    found = check(data_dir, manifest.files, deep=True)
    return ", ".join(map(str, found[:3])) + (
        f" and {len(found) - 3} more" if len(found) > 3 else ""
    )


def _usable_manifest(index_dir: Path) -> Manifest | None:
    """The manifest to update from; ``None`` (a fresh build) when any of it is unusable."""
    try:
        manifest = read_manifest(index_dir)
        if manifest is None or manifest.schema_version != SCHEMA_VERSION:
            return None
        manifest.verify()  # parsed now: damage shows here
    except IndexCorrupt:
        return None
    return manifest


def _ids_of(start: _Start, index_dir: Path) -> Mapping[str, ArticleInfo] | None:
    """What a build that starts afresh from an index (``--rebuild``, damage, a changed
    alias file, another schema version) takes its files' ids from: the index's, so
    that every file keeps its id (two files of one stem would both get their folder's
    name otherwise, where the update gave it to the later one). None for an update,
    which has them anyway, or where no index can be read."""
    if start.base is not None:
        return None
    try:
        # The index as it is, of this version or another: its ids, if it can be read.
        manifest = start.current or read_manifest(index_dir)
        return manifest.records() if manifest is not None else None
    except (IndexCorrupt, ValueError, KeyError, TypeError, AttributeError):
        return None


def _changes(
    paths: Sequence[Path],
    known: Mapping[str, ArticleInfo],
    progress: ProgressCallback,
    gone_sources: Sequence[Path] = (),
    then: tuple[int, Callable[[], None]] | None = None,
    ids: Mapping[str, ArticleInfo] | None = None,
) -> _Changes:
    """Read and hash every file: which are new or changed (to read again and index),
    unchanged, or gone. ``then``: a number of bytes, and what to call once the new
    and changed files reach it (an update's workers are started then). ``ids``: the
    articles whose files' ids to keep, when not ``known``'s (``_ids_of``).

    A file may hold several articles (a JSON Lines export): it is unchanged, or
    read again, as a whole, and the articles it no longer holds are deleted. The
    articles of a folder or file indexed before that no longer exists (moved,
    renamed, deleted: ``gone_sources``) are deleted too, with a warning: indexed
    again where it went, a moved folder would be in the index twice. A file found
    with the id and bytes of one that is gone is that file, moved: under the same
    name in a folder of the same name (``_moved``), its articles are kept
    (``moved``), not read again; else it is read again, and its old articles are
    taken out, wherever they were. A file that can no longer be read has its
    articles taken out (``unreadable``), as a fresh build leaves them out.
    """
    # Each path resolved once, and each folder (``RealPaths``): known articles' paths
    # are met twice, and an update of 10,000 articles spent a second on them.
    resolved = RealPaths()
    files = _known_files(known, resolved)
    progress(0, 0, "finding files")
    # The ids of files that still exist are taken; a file deleted or moved frees its id
    # (moved with its folder, a file keeps its name, and takes its id with it).
    # The ids a fresh start keeps: those of the files under the paths it indexes (a
    # file it no longer indexes holds no id).
    owners = (
        files
        if ids is None
        else {
            path: file
            for path, file in _known_files(ids, resolved).items()
            if any(_within(path, Path(os.path.realpath(root))) for root in paths)
        }
    )
    sources, skipped, passed_over = find_files(
        paths, {path: file.id for path, file in owners.items() if os.path.lexists(path)}, resolved
    )
    if not sources and not skipped:
        raise no_article_files(paths, passed_over)
    changes = _Changes(skipped=skipped, warnings=passed_over_warnings(passed_over))
    # Every file's hash first, so that the ids of unchanged files are known to be taken
    # before any changed file names its articles (its bytes are read again then, rather
    # than held: a first build would hold the whole corpus).
    taken = changes.taken
    taken.update(known)
    # The files the index read that are not where they were, by id and hash: one found
    # elsewhere with the same id (its name, as ids go) and the same bytes moved there.
    # (Made when a file is met that the index did not read there: most updates meet none.)
    missing: dict[tuple[str, str], str] | None = None
    moved_from: set[str] = set()
    for done, source in enumerate(sources):
        progress(done, len(sources), "reading files")
        data = read_source(source)
        old = files.get(resolved(source.path)) if files else None
        if isinstance(data, Skipped):
            changes.skipped.append(data)
            if old is not None:
                # Unreadable now (binary, too large, a read error): a fresh build leaves
                # it out, so its articles go, as a deleted file's do.
                changes.unreadable.extend(old.articles)
            continue
        hashed = digest(data)
        if old is not None and old.digest == hashed:
            changes.unchanged += len(old.articles)
            continue
        if old is None and files:
            if missing is None:
                missing = {
                    (file.id, file.digest): path
                    for path, file in files.items()
                    if not os.path.lexists(path)
                }
            was = missing.pop((source.article_id, hashed), None)
            if was is not None:  # a file the index read elsewhere, moved here
                moved_from.add(was)
                if _moved(known[files[was].articles[0]].path, source.path):
                    # What it gives is as it was (its name, its folder's): not read again.
                    now = os.path.abspath(source.path)  # (as a record holds its path)
                    changes.moved.extend((article_id, now) for article_id in files[was].articles)
                    continue
                # Its folder's name changed (its articles' source, maybe): read again here,
                # and taken out from there (outside the paths given, it would stay too).
                changes.gone.extend(files[was].articles)
        changes.changed.append(_Changed(source.path, source.article_id, old))
        changes.size += len(data)
        if then is not None and changes.size >= then[0]:
            then[1]()
            then = None
        for article_id in old.articles if old is not None else ():
            taken.remove(article_id)  # the file says again what it holds
    # (A first build knows no file: its paths are not resolved again, nor kept.)
    seen = {resolved(s.path) for s in sources} | moved_from if known else set()
    roots = [(root.resolve(), root.is_dir()) for root in paths]
    # (By the files already grouped: each article's record is read from its JSON once.)
    for path, file in files.items():
        if _gone(path, roots, seen):
            changes.gone.extend(file.articles)
    kept = {article_id for article_id, _ in changes.moved}
    for root in gone_sources:
        lost = [
            a.id
            for a in known.values()
            if a.id not in changes.gone
            and a.id not in kept
            and _within(a.path, root)
            and not Path(a.path).exists()
        ]
        if lost:
            changes.gone.extend(lost)
            what = "its article is" if len(lost) == 1 else f"its {len(lost):,} articles are"
            changes.warnings.append(f"{root} is gone: {what} taken out of the index")
    for article_id in [*changes.gone, *changes.unreadable]:
        taken.remove(article_id)  # a file gone, or moved: its ids are free again
    if not changes.changed and not changes.unchanged and not changes.gone and not changes.moved:
        raise _nothing_readable(paths, changes)
    return changes


def _nothing_readable(paths: Sequence[Path], changes: _Changes) -> CorpusError:
    """The error of a build that found no article to index, keep or delete."""
    first = f": {changes.skipped[0]}" if changes.skipped else ""
    return CorpusError(
        Reason.NO_READABLE_ARTICLE,
        f"no article could be read from {', '.join(map(str, paths))}{first}",
        count=len(changes.skipped) + len(changes.warnings),
    )


@dataclass(frozen=True, slots=True)
class _KnownFile:
    """A file the index has read: its id, its hash, the articles it held."""

    id: str
    digest: str
    articles: tuple[str, ...]


def _known_files(
    known: Mapping[str, ArticleInfo], resolved: Callable[[str], str]
) -> dict[str, _KnownFile]:
    """The files the index has read, by resolved path (each article's record is read
    once, and not held: ``known`` holds them as JSON)."""
    grouped: dict[str, tuple[str, str, list[str]]] = {}
    for article_id, info in known.items():
        path = resolved(info.path)
        if path in grouped:
            grouped[path][2].append(article_id)
        else:
            grouped[path] = (info.file_id or article_id, info.digest, [article_id])
    return {
        path: _KnownFile(file_id, digest, tuple(ids))
        for path, (file_id, digest, ids) in grouped.items()
    }


def _articles_of(source: SourceFile, changes: _Changes) -> Iterator[tuple[Article, str]]:
    """The articles of a new or changed file, read again, each with an id no other
    file has, and the hash of the bytes they were read from. An id another file
    already has (a record's own id, say) gets a number after it, with a warning, so
    that no file's article replaces another's."""
    data = read_source(source)
    if isinstance(data, Skipped):  # changed again, or gone, since it was hashed
        changes.skipped.append(data)
        return
    from leisearch.ingest.reading import parse_source  # (only where a file changed)

    hashed = digest(data)  # as read now, should it have changed since it was hashed
    taken = changes.taken
    for parsed in parse_source(source, data):  # one article, or one per JSON record
        if isinstance(parsed, Skipped):
            changes.skipped.append(parsed)
            continue
        article_id, n = parsed.id, 2
        while article_id in taken:
            article_id, n = f"{parsed.id}-{n}", n + 1
        if article_id != parsed.id:
            changes.warnings.append(
                f"{source.path}: the id {quoted(parsed.id)} is another file's: "
                f"indexed as {quoted(article_id)}"
            )
        taken.add(article_id)
        changes.warnings.extend(parsed.warnings)
        yield (replace(parsed, id=article_id) if article_id != parsed.id else parsed), hashed


def _person_reader() -> PersonOf:
    """How a build reads its articles' names (``quotes.person_reader``), imported when
    a build reads an article: one that finds nothing changed reads none."""
    from leisearch.quotes import person_reader

    return person_reader()


@dataclass(frozen=True, slots=True)
class _Target:
    """Where and how a build writes."""

    data_dir: Path  # the new generation
    index_dir: Path
    base_dir: Path | None  # the generation it starts from (None: from nothing)
    stemmer: Stemmer
    #: How many indexed texts (paragraphs, titles) hold each word, kept up to date.
    words: WordCounts
    crew: Crew | None  # the processes that index, started (None: this one)
    #: The rows this build adds to the copies, articles and quotes tables
    #: (``store.tables``), sorted into runs beside them once they are many.
    copies: SortedRows
    metadata: SortedRows
    quotes: SortedRows
    #: The records of the articles this build indexes, for the manifest's list (id and
    #: JSON, by id), sorted into runs beside the tables' in short runs: held until the
    #: manifest is written, 100,000 articles' took 34 MB.
    articles: SortedRows
    #: The articles this build takes out (deleted, or indexed again).
    removed: set[str] = field(default_factory=set)
    #: How the build's articles' names are read: kept from one article to the next.
    people: PersonOf = field(default_factory=_person_reader)


def _words_of(base_dir: Path | None, data_dir: Path) -> tuple[WordCounts, Stemmer]:
    """The word counts, from those of ``base_dir``'s vocabulary on, and a stemmer that
    looks there first (an update meets mostly known words; NLTK is slower)."""
    if base_dir is None:
        stemmer = Stemmer()
        return WordCounts(data_dir, stemmer.stem), stemmer
    vocabulary = open_vocabulary(base_dir)
    stemmer = Stemmer(vocabulary)
    return WordCounts(data_dir, stemmer.stem, vocabulary), stemmer


def _count(words: WordCounts, texts: Iterable[str], sign: int) -> None:
    """Add (``sign`` 1) or take away (-1) the words of each text."""
    for text in texts:
        words.add(word_set(text), sign)


def _forget(target: _Target, ids: Iterable[str], known: Mapping[str, ArticleInfo]) -> None:
    """Take the words of the articles ``ids`` (about to be removed) out of the counts."""
    assert target.base_dir is not None
    reader = open_reader(target.base_dir, target.index_dir)
    with reader.searcher() as searcher:
        for article_id in ids:
            texts = [s.text for s in searcher.documents(Term("article", article_id))]
            _count(target.words, [known[article_id].title, *texts], -1)


def _writer(target: _Target) -> Writer:
    if target.base_dir is None:
        return backend.create(target.data_dir, target.index_dir, target.stemmer, target.crew)
    return backend.derive(
        target.base_dir, target.data_dir, target.index_dir, target.stemmer, target.crew
    )


def _write(
    target: _Target,
    start: _Start,
    changes: _Changes,
    known: ArticleRecords,
    progress: ProgressCallback,
    meanwhile: Callable[[], None],
) -> _Indexed:
    """Take out the articles of the files gone or changed (from ``known`` too), then
    read each new or changed file again and index its articles, one at a time (their
    records to ``target.articles``); the word counts follow. ``meanwhile`` runs once
    every article is handed on, while the backend finishes (its workers write their
    segments), before the commit."""
    removed = [*changes.gone, *changes.unreadable, *changes.replaced]
    target.removed.update(removed)
    if removed:
        _forget(target, removed, known)
    indexed = _Indexed()
    writer = _writer(target)
    try:
        for article_id in removed:
            writer.delete_article(article_id)
            del known[article_id]
        total = len(changes.changed)
        for done, change in enumerate(changes.changed):
            progress(done, total, "indexing files")
            for article, hashed in _articles_of(change.source, changes):
                info = _index_article(target, writer, article, start.aliases)
                file_id = change.article_id if change.article_id != article.id else ""
                info = replace(info, digest=hashed, file_id=file_id)
                target.articles.append((article.id, article_json(info)))
                indexed.articles += 1
                indexed.paragraphs += info.paragraphs
                indexed.again += article.id in target.removed
        if not (indexed.articles or changes.unchanged or changes.gone or changes.moved):
            raise _nothing_readable(start.paths, changes)
        writer.finish()
        meanwhile()
        # The backend's commit waits for its workers, merges and writes: no count.
        progress(0, 0, "writing the index")
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    return indexed


def _index_article(
    target: _Target, writer: Writer, article: Article, aliases: Mapping[str, str]
) -> ArticleInfo:
    """Attribute one article's quotations and hand its paragraphs to the backend; its
    rows of the tables and its words to the build; what the index keeps of it."""
    from leisearch.quotes import extract_quotes

    # Speakers are resolved within each article (and the user's aliases), so an
    # article's quotations never depend on which other articles this run reads.
    quotes = extract_quotes(article, aliases, target.people)
    # Counted here, not by the analyser: it may run in other processes.
    # (The title is counted once, though analysed with every paragraph.)
    _count(target.words, [article.title, *(p.text for p in article.paragraphs)], 1)
    target.copies.extend(
        (key, article.id, str(p.number))
        for p in article.paragraphs
        if (key := copy_key(p.text)) is not None
    )
    target.metadata.append((article.id, *article_meta(article)))
    target.quotes.extend(
        (speaker, key, str(level), article.id) for speaker, key, level in quote_keys(quotes)
    )
    for document in documents_of(article, quotes):
        writer.add(document)
    return ArticleInfo(
        article.id,
        article.title,
        len(article.paragraphs),
        article.path,
        removed=dict(Counter(removal.rule for removal in article.removed)),
    )


def _write_tables(target: _Target) -> frozenset[tuple[str, str]] | None:
    """The copies, articles and quotes tables: the base's, less the articles removed,
    with the added ones' rows (``store.tables``), spliced where the update is small.
    The quotations (speaker and key) whose rows the quotes table lost or gained, where
    it was spliced (None where it was merged whole)."""
    quoted = None
    for name, added, article in (
        (COPIES, target.copies, 1),
        (ARTICLES, target.metadata, 0),
        (QUOTES, target.quotes, 3),
    ):
        base = Table.open(target.base_dir / name) if target.base_dir is not None else None
        # The added rows sorted once, if they are all held and a splice may take them.
        few = None
        if base is not None and may_splice(target.removed):
            few = added.few()
        splice = None
        if base is not None and few is not None:
            splice = spliced(base.data, target.removed, few, article)
        with open(target.data_dir / name, "wb") as out:
            if splice is not None:
                out.writelines(splice.pieces())
            else:
                old = base.lines() if base is not None else iter(())
                rows = few if few is not None else added.sorted()
                out.writelines(merged(old, target.removed, rows, article))
        if name == QUOTES and splice is not None and few is not None:
            quoted = frozenset((row[0], row[1]) for row in (*splice.removed, *few))
        added.close()
    return quoted


def _speakers(
    data_dir: Path,
    user_aliases: Mapping[str, str],
    update: tuple[Iterable[SpeakerInfo], Path, Collection[tuple[str, str]]] | None = None,
) -> tuple[SpeakerInfo, ...]:
    """Write the speaker alias table beside the index; the speaker list. ``update``:
    the speakers of the generation an update starts from, its folder, and the
    quotations (speaker and key) whose rows the update took out or added."""
    table = Table.open(data_dir / QUOTES)
    counts = None
    if update is not None:
        counted, base_dir, quoted = update
        counts = counts_changed(table, Table.open(base_dir / QUOTES), counted, quoted)
    if counts is None:
        # From the quotes table just written, every article's, old and new: the same as
        # a fresh build's.
        rows = table.rows()
        counts = speaker_counts((speaker, key, int(level)) for speaker, key, level, _ in rows)
    from leisearch.quotes import speaker_table

    aliases = speaker_table(counts, user_aliases)
    write_atomic(data_dir / ALIASES, json_table_line(aliases))
    return speaker_list(counts, aliases, user_aliases)


def _once(items: Sequence[SpeakerInfo]) -> Iterable[SpeakerInfo]:
    """A manifest's list for one pass, not kept if it was not made yet (``Deferred``)."""
    return items.once() if isinstance(items, Deferred) else items


def _start_crew(crew: Crew) -> None:
    """Fork ``crew``'s processes; where the system refuses (too many processes, no
    memory), the build goes on in this one alone."""
    with contextlib.suppress(OSError):
        crew.start()


def _by_id(row: Row) -> str:
    """The order of the manifest's list: by id, as ``sorted`` orders strings."""
    return row[0]


def _within(path: str, root: Path) -> bool:
    """Whether the file ``path`` is ``root`` or in it (neither need exist)."""
    absolute = Path(os.path.abspath(path))
    return absolute == root or absolute.is_relative_to(root)


def _moved(was: str, now: str) -> bool:
    """Whether a file read from ``was`` and found, the same bytes, at ``now`` gives the
    same articles: the same name (the format, an article's date) in a folder of the
    same name (the articles' source, where nothing else names one)."""
    before, after = PurePath(was), PurePath(os.path.abspath(now))
    return before.name == after.name and before.parent.name == after.parent.name


def _gone(path: str, roots: Sequence[tuple[Path, bool]], seen: set[str]) -> bool:
    """An indexed file (its resolved ``path``) under one of ``roots`` (each resolved,
    and whether it is a folder) that this run did not find any more."""
    if path in seen:
        return False
    resolved = Path(path)
    for root, is_dir in roots:
        if resolved == root or (is_dir and resolved.is_relative_to(root)):
            return not resolved.exists() or resolved.suffix.lower() not in SUFFIXES
    return False


def _report(
    known: Mapping[str, ArticleInfo],
    started: float,
    changes: _Changes,
    indexed: _Indexed,
    deleted: int,
) -> BuildReport:
    """What a build did: ``known`` are the articles it kept, ``indexed`` those it indexed."""
    return BuildReport(
        articles=len(known) + indexed.articles,
        paragraphs=sum(a.paragraphs for a in known.values()) + indexed.paragraphs,
        seconds=time.perf_counter() - started,
        warnings=tuple(changes.warnings),
        skipped=tuple(changes.skipped),
        indexed_articles=indexed.articles,
        indexed_paragraphs=indexed.paragraphs,
        new=indexed.articles - indexed.again,
        changed=indexed.again,
        deleted=deleted,
        unchanged=changes.unchanged,
        moved=len(changes.moved),
    )
