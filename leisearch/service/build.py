"""Building an index: read what changed, attribute quotations, write, switch.

Without ``rebuild``, only what changed since the last run is processed: new
files, files whose content hash differs, and files gone from the folders
given (their articles are removed). Unchanged files are read and hashed,
nothing more. With ``rebuild`` (or when there is no index yet, or its schema
version differs) the index is built from scratch in a new generation folder,
and the manifest is switched to it only once it is complete: an interrupted
build leaves the last index as it was.

The steps, each a function below: ``_start`` (what to update from),
``_aliases`` (the user's ``leisearch.aliases`` files; a changed one means every
article again), ``_changes`` (read and hash the files), ``_write`` (attribute
and index the articles that changed), ``_finish`` (vocabulary, speaker table,
manifest).

Each build stems with a ``Stemmer`` of its own, seeded with the vocabulary of
the index it updates: what one build learns never reaches another index.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from leisearch.engine.protocol import Reader
from leisearch.engine.whoosh import writer as backend
from leisearch.errors import CorpusError, IndexCorrupt, IndexUnwritable, Reason
from leisearch.ingest.files import digest, find_files, read_source
from leisearch.ingest.reading import as_paths, no_article_files, parse_source
from leisearch.models import Article, ArticleInfo, BuildReport, Skipped, SpeakerInfo
from leisearch.quotes import attribute_corpus, speaker_table
from leisearch.store.folder import check_ours, locked, new_generation, prepare_dir, sweep
from leisearch.store.manifest import (
    ALIASES,
    MANIFEST,
    SCHEMA_VERSION,
    VOCABULARY,
    Manifest,
    json_line,
    not_a_file,
    open_vocabulary,
    read_manifest,
    write_atomic,
)
from leisearch.store.vocabulary import vocabulary_text
from leisearch.text.stemming import Stemmer

from .documents import documents_of, speaker_counts
from .speakers import ALIAS_FILE, alias_files, speaker_list

#: ``progress(done, total, stage)``: articles done of total, in a named stage.
ProgressCallback = Callable[[int, int, str], None]
#: From this many articles to index, the backend indexes them on every core;
#: below it, starting the processes costs more than it saves.
PARALLEL_MIN_ARTICLES = 200


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
    from ``PARALLEL_MIN_ARTICLES`` articles on); the index is the same either
    way. Only one build runs on an index at a time: another one stops with
    ``IndexUnwritable`` at once.
    """
    folder = Path(index_dir)
    not_a_file(folder)
    check_ours(folder)
    prepare_dir(folder)
    with locked(folder):
        # Again under the lock: another build may have been making the folder meanwhile.
        check_ours(folder)
        return build_locked(as_paths(paths), folder, rebuild, progress, procs)


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


@dataclass(slots=True)
class _Changes:
    """What reading the files found (filled while reading, then only read)."""

    articles: list[Article] = field(default_factory=list)
    digests: dict[str, str] = field(default_factory=dict)
    unchanged: int = 0
    deleted: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def build_locked(
    paths: Sequence[Path],
    index_dir: Path,
    rebuild: bool,
    progress: ProgressCallback | None,
    procs: int | None,
) -> BuildReport:
    """``build``, with the build lock already held."""
    with _disk_errors(index_dir):
        return _build_steps(paths, index_dir, rebuild, progress, procs)


def _build_steps(
    paths: Sequence[Path],
    index_dir: Path,
    rebuild: bool,
    progress: ProgressCallback | None,
    procs: int | None,
) -> BuildReport:
    """The steps of the module docstring, in order."""
    started = time.perf_counter()
    start = _start(paths, index_dir, rebuild)
    known = {a.id: a for a in start.base.articles} if start.base else {}
    changes = _changes(start.paths, known)
    changes.warnings[:0] = start.notes
    counts = _counts(changes, known)
    if not changes.articles and not changes.deleted:
        # Nothing to write: the index is as it was, and so are its files.
        return _report(known, started, changes, counts)
    fresh = start.base is None
    if start.base is None:
        data_dir, stemmer = new_generation(index_dir), Stemmer()
    else:
        data_dir = index_dir / start.base.generation
        stemmer = Stemmer(memo=dict(open_vocabulary(data_dir).items()))
    if procs is None:
        many = len(changes.articles) >= PARALLEL_MIN_ARTICLES
        procs = (os.cpu_count() or 1) if many else 1
    try:
        reader = _write(data_dir, index_dir, stemmer, procs, start, changes, known, progress)
        speakers = _finish(data_dir, reader, stemmer, known, start.aliases)
    except BaseException:
        if fresh:
            shutil.rmtree(data_dir, ignore_errors=True)
        raise
    previous = start.base.sources if start.base else ()
    manifest = Manifest(
        schema_version=SCHEMA_VERSION,
        built_at=datetime.now(UTC).isoformat(timespec="seconds"),
        sources=tuple(dict.fromkeys([*previous, *(str(p.resolve()) for p in start.paths)])),
        articles=tuple(sorted(known.values(), key=lambda a: a.id)),
        speakers=speakers,
        generation=data_dir.name,
        alias_files=start.alias_files,
    )
    # The switch: readers see the old index or the new one, never a mixture.
    write_atomic(index_dir / MANIFEST, manifest.to_text())
    if fresh:
        # A query that read the old manifest a moment ago may still be opening the
        # previous generation: it is kept until the next build.
        current = start.current.generation if start.current else ""
        sweep(index_dir, keep={data_dir.name, current}, flat=True)
    return _report(known, started, changes, counts)


def _start(paths: Sequence[Path], index_dir: Path, rebuild: bool) -> _Start:
    """The manifest to update from and the alias files, or a fresh build."""
    current = _usable_manifest(index_dir)
    # Generations that no manifest points to are left from interrupted builds.
    sweep(index_dir, keep={current.generation} if current else set(), flat=False)
    base = None if rebuild else current
    if base is not None and not backend.exists(index_dir / base.generation):
        base = None
    found = alias_files(paths)
    if base is None:
        return _Start(current, None, tuple(paths), found)
    recorded = dict(base.alias_files)
    if any(recorded.get(path) != table for path, table in found.items()):
        # Speakers of every article may change: index all recorded sources again.
        sources = [*{Path(p) for p in base.sources if Path(p).exists()}, *paths]
        note = f"{ALIAS_FILE} changed: indexing every article again"
        return _Start(current, None, tuple(sources), {**recorded, **found}, (note,))
    return _Start(current, base, tuple(paths), {**recorded, **found})


def _usable_manifest(index_dir: Path) -> Manifest | None:
    """The manifest to update from; ``None`` (a fresh build) when any of it is unusable."""
    try:
        manifest = read_manifest(index_dir)
        if manifest is None or manifest.schema_version != SCHEMA_VERSION:
            return None
        len(manifest.articles), len(manifest.speakers)  # parsed now: damage shows here
    except IndexCorrupt:
        return None
    return manifest


def _changes(paths: Sequence[Path], known: Mapping[str, ArticleInfo]) -> _Changes:
    """Read and hash every file; parse the new and changed ones."""
    sources, skipped = find_files(paths, {_resolved(a.path): a.id for a in known.values()})
    if not sources and not skipped:
        raise no_article_files(paths)
    changes = _Changes(skipped=skipped)
    for source in sources:
        data = read_source(source)
        if isinstance(data, Skipped):
            changes.skipped.append(data)
            continue
        changes.digests[source.article_id] = digest(data)
        old = known.get(source.article_id)
        if old is not None and old.digest == changes.digests[source.article_id]:
            changes.unchanged += 1
            continue
        parsed = parse_source(source, data)
        if isinstance(parsed, Skipped):
            changes.skipped.append(parsed)
        else:
            changes.warnings.extend(parsed.warnings)
            changes.articles.append(parsed)
    seen = {_resolved(s.path) for s in sources}
    changes.deleted = [a.id for a in known.values() if _gone(a.path, paths, seen)]
    if not changes.articles and not changes.unchanged and not changes.deleted:
        first = f": {changes.skipped[0]}" if changes.skipped else ""
        raise CorpusError(
            Reason.NO_READABLE_ARTICLE,
            f"no article could be read from {', '.join(map(str, paths))}{first}",
            count=len(changes.skipped) + len(changes.warnings),
        )
    return changes


def _write(
    data_dir: Path,
    index_dir: Path,
    stemmer: Stemmer,
    procs: int,
    start: _Start,
    changes: _Changes,
    known: dict[str, ArticleInfo],
    progress: ProgressCallback | None,
) -> Reader:
    """Attribute and index the changed articles, delete the gone ones; ``known`` follows."""
    fresh = start.base is None
    make = backend.create if fresh else backend.update
    writer = make(data_dir, index_dir, stemmer, procs)
    articles = changes.articles
    try:
        for article_id in changes.deleted:
            writer.delete_article(article_id)
            del known[article_id]
        # Speakers are resolved within each article (and the user's aliases), so an
        # article's quotations never depend on which other articles this run reads.
        quoted = zip(articles, attribute_corpus(articles, start.aliases), strict=True)
        for done, (article, quotes) in enumerate(quoted, start=1):
            if not fresh:
                # Even for an article the manifest does not know: a run killed
                # after the backend's commit but before the manifest's may have added it.
                writer.delete_article(article.id)
            for document in documents_of(article, quotes):
                writer.add(document)
            if procs > 1:
                # Analysis runs in the backend's processes: learn the stems here.
                stemmer.learn(article.title)
                for paragraph in article.paragraphs:
                    stemmer.learn(paragraph.text)
            known[article.id] = ArticleInfo(
                article.id,
                article.title,
                len(article.paragraphs),
                article.path,
                speaker_counts(quotes),
                changes.digests[article.id],
            )
            if progress is not None:
                progress(done, len(articles), "indexing")
        if progress is not None:
            progress(len(articles), len(articles), "writing the index")
        return writer.commit()
    except BaseException:
        writer.cancel()
        raise


def _finish(
    data_dir: Path,
    reader: Reader,
    stemmer: Stemmer,
    known: Mapping[str, ArticleInfo],
    user_aliases: Mapping[str, str],
) -> tuple[SpeakerInfo, ...]:
    """Write the vocabulary and the speaker table beside the index; the speakers."""
    with reader.searcher() as searcher:
        lexicon = set(searcher.terms("text"))
    lexicon.update(stem for a in known.values() for stem in stemmer.analyze(a.title))
    # The memo's words whose stems are in the index or a title: its surface vocabulary.
    vocabulary = {word: s for word, s in stemmer.memo.items() if s in lexicon}
    write_atomic(data_dir / VOCABULARY, vocabulary_text(vocabulary))
    # From the speakers of every article, old and new: the same as a fresh build's.
    names = {name for info in known.values() for name in info.speakers}
    aliases = speaker_table(names, user_aliases)
    write_atomic(data_dir / ALIASES, json_line(aliases))
    return speaker_list(known.values(), aliases, user_aliases)


def _counts(changes: _Changes, known: Mapping[str, ArticleInfo]) -> dict[str, int]:
    new = sum(1 for a in changes.articles if a.id not in known)
    return {
        "new": new,
        "changed": len(changes.articles) - new,
        "deleted": len(changes.deleted),
        "unchanged": changes.unchanged,
    }


def _resolved(path: str | Path) -> str:
    return str(Path(path).resolve())


def _gone(path: str, roots: Sequence[Path], seen: set[str]) -> bool:
    """An indexed file under one of ``roots`` that this run did not find any more."""
    resolved = Path(_resolved(path))
    if str(resolved) in seen:
        return False
    for root in roots:
        root = root.resolve()
        if resolved == root or (root.is_dir() and resolved.is_relative_to(root)):
            return not resolved.exists() or resolved.suffix.lower() != ".txt"
    return False


def _report(
    known: Mapping[str, ArticleInfo],
    started: float,
    changes: _Changes,
    counts: Mapping[str, int],
) -> BuildReport:
    return BuildReport(
        articles=len(known),
        paragraphs=sum(a.paragraphs for a in known.values()),
        seconds=time.perf_counter() - started,
        warnings=tuple(changes.warnings),
        skipped=tuple(changes.skipped),
        indexed_articles=len(changes.articles),
        indexed_paragraphs=sum(len(a.paragraphs) for a in changes.articles),
        new=counts["new"],
        changed=counts["changed"],
        deleted=counts["deleted"],
        unchanged=counts["unchanged"],
    )
