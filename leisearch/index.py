"""The on-disk index: Whoosh plus a manifest and two tables, treated as an API.

An index folder holds:

``leisearch.json``
    The manifest, and the one file that is replaced to switch generations:
    schema version, the generation folder, build time, the source paths, the
    alias files read, each article's id, title, paragraph count, absolute path,
    content hash and quotations per speaker, and the speakers with their counts
    and aliases. ``articles`` and article-id checks read only this file. Three
    lines of JSON: a query parses only the first (see ``manifest``).
``leisearch.lock``
    The build lock (an OS file lock: it goes with a killed process).
``gen-…/``
    A generation: the Whoosh index (one document per paragraph, with fields
    ``article``, ``title`` and ``paragraph`` (stored), ``text`` (indexed and
    stored), ``speaker`` (canonical names quoted in it) and ``quotes`` (stored:
    ``[start, end, speaker, cue]`` per quotation, its text being
    ``text[start:end]``), in separate segment files; ``vocabulary.txt``, every
    indexed word and its stem, so a query is stemmed exactly as the text was
    without importing NLTK (sorted lines, looked up in place: see
    ``vocabulary``); and ``aliases.json``, the speaker alias table.

A full build writes a new generation and switches the manifest to it when it
is complete; an incremental build commits into the current one. The schema
version is checked on every open: an index of another version is rebuilt from
its recorded sources, with a note. Only a manifest makes a folder ours: a
folder with other files and no manifest is never written to or deleted.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .errors import CorpusError, IndexCorrupt, IndexNotFound, IndexUnwritable
from .locations import default_corpus
from .manifest import (
    ALIASES,
    MANIFEST,
    VOCABULARY,
    Manifest,
    json_line,
    load_aliases,
    not_a_file,
    open_vocabulary,
    read_manifest,
    write_atomic,
)
from .models import (
    CONFIDENCE_LEVELS,
    LOW,
    Article,
    ArticleInfo,
    BuildReport,
    LevelCounts,
    Quote,
    SpeakerInfo,
    at_least,
)
from .vocabulary import vocabulary_text

#: Bump when the schema, the analyzer or the cleaning rules change what is indexed.
SCHEMA_VERSION = 6
INDEX_NAME = "MAIN"
LOCK = "leisearch.lock"
GENERATION_PREFIX = "gen-"
#: Files a fresh checkout may have in the default index folder.
_HARMLESS = frozenset({".gitkeep", ".gitignore", ".DS_Store", LOCK})

#: ``progress(done, total, stage)``: articles done of total, in a named stage.
ProgressCallback = Callable[[int, int, str], None]
#: From this many articles to index, Whoosh's multiprocessing writer indexes them
#: on every core; below it, starting the processes costs more than it saves.
PARALLEL_MIN_ARTICLES = 200


# --- schema --------------------------------------------------------------------------


def make_schema() -> Any:
    from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

    from .analysis import article_analyzer

    analyzer = article_analyzer()
    return Schema(
        article=ID(stored=True),
        # Stored only: ``title:`` queries are answered from the manifest's titles
        # (see search), so a title is not analysed again for each of its paragraphs.
        title=STORED(),
        paragraph=STORED(),
        text=TEXT(analyzer=analyzer, stored=True, multitoken_query="phrase"),
        # The speakers quoted, once as a name for any confidence and once with each
        # level they reach ("lei jun|medium", "lei jun|high"): see speaker_terms.
        speaker=KEYWORD(commas=True, lowercase=True, scorable=False),
        quotes=STORED(),
    )


# --- building ------------------------------------------------------------------------


def _check_ours(index_dir: Path) -> None:
    """Refuse to write into a folder that is neither empty nor a leisearch index.

    Only a manifest makes a folder ours: builds sweep generation folders and old
    index files, so a look-alike name (``gen-results/``, ``MAINTAINERS``) in a
    folder of someone else's must stop the build, not be deleted.
    """
    if _is_foreign(index_dir):
        raise IndexUnwritable(
            f"{index_dir} is not a leisearch index and is not empty",
            "choose an empty or new folder with --index DIR",
        )


def _is_foreign(index_dir: Path) -> bool:
    """A folder with no manifest and files that no leisearch build made."""
    if not index_dir.is_dir() or (index_dir / MANIFEST).exists():
        return False
    # A first build killed before its manifest was written leaves a generation folder
    # of Whoosh files: that, and only that, is ours without a manifest.
    return any(p.name not in _HARMLESS and not _is_generation(p) for p in index_dir.iterdir())


_GENERATION_RE = re.compile(rf"{GENERATION_PREFIX}[0-9a-f]+")
# stems.json: the vocabulary's file before schema version 5, swept after a rebuild.
_WHOOSH_FILE_RE = re.compile(
    r"(?:_?MAIN[_.].*|MAIN_WRITELOCK|vocabulary\.txt|stems\.json|aliases\.json)"
)


def _is_generation(path: Path) -> bool:
    """A generation folder: named as leisearch names them, holding only index files."""
    return (
        path.is_dir()
        and _GENERATION_RE.fullmatch(path.name) is not None
        and all(_WHOOSH_FILE_RE.fullmatch(p.name) for p in path.iterdir())
    )


def _prepare_dir(index_dir: Path) -> None:
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=index_dir, prefix=".probe"):
            pass
    except OSError as error:
        raise IndexUnwritable(
            f"cannot write the index at {index_dir}: {error.strerror or error}",
            "choose a writable folder with --index DIR or LEISEARCH_INDEX",
        ) from error


def speaker_term(name: str, floor: str) -> str:
    """The ``speaker`` term for paragraphs that quote ``name`` at ``floor`` or surer.

    >>> speaker_term("Lei Jun", "low"), speaker_term("Lei Jun", "high")
    ('lei jun', 'lei jun|high')
    """
    # Lower case, as Whoosh's KEYWORD(lowercase=True) indexes it ("Strauß" stays ß); a
    # comma would end the term and "|" mark a level, so a name holds neither.
    name = name.lower().replace(",", " ").replace("|", " ")
    return name if floor == LOW else f"{name}|{floor}"


def _paragraph_docs(article: Article, quotes: Sequence[Quote]) -> list[dict[str, Any]]:
    by_paragraph: dict[int, list[Quote]] = {}
    for quote in quotes:
        if quote.speaker:
            by_paragraph.setdefault(quote.paragraph, []).append(quote)
    docs = []
    for p in article.paragraphs:
        here = by_paragraph.get(p.number, [])
        terms = {
            speaker_term(str(q.speaker), floor)
            for q in here
            for floor in CONFIDENCE_LEVELS
            if at_least(q.confidence, floor)
        }
        docs.append(
            {
                "article": article.id,
                "title": article.title,
                "paragraph": p.number,
                "text": p.text,
                "speaker": ",".join(sorted(terms)),
                "quotes": [[q.start, q.end, q.speaker, q.cue, q.confidence] for q in here],
            }
        )
    return docs


def quotes_of(fields: Mapping[str, Any]) -> list[Quote]:
    """The quotations stored on a paragraph document."""
    text = fields["text"]
    return [
        Quote(
            fields["article"],
            fields["title"],
            int(fields["paragraph"]),
            text[start:end],
            start,
            end,
            speaker,
            cue,
            confidence,
        )
        for start, end, speaker, cue, confidence in fields.get("quotes") or []
    ]


def _speaker_counts(quotes: Sequence[Quote]) -> dict[str, LevelCounts]:
    counts: dict[str, list[int]] = {}
    for quote in quotes:
        if quote.speaker:
            level = CONFIDENCE_LEVELS.index(quote.confidence)
            counts.setdefault(quote.speaker, [0, 0, 0])[level] += 1
    return {name: (c[0], c[1], c[2]) for name, c in counts.items()}


ALIAS_FILE = "leisearch.aliases"


def _alias_files(paths: Sequence[Path]) -> dict[str, dict[str, str]]:
    """The ``leisearch.aliases`` files in the given folders (or beside the given files)."""
    from .quotes import parse_alias_file

    tables: dict[str, dict[str, str]] = {}
    folders = dict.fromkeys(p if p.is_dir() else p.parent for p in paths)
    for folder in folders:
        path = folder / ALIAS_FILE
        if path.is_file():
            try:
                tables[_resolved(path)] = parse_alias_file(path.read_text(encoding="utf-8"))
            except CorpusError as error:
                raise CorpusError(f"{path}: {error.message}", error.hint) from error
            except (OSError, UnicodeDecodeError) as error:
                raise CorpusError(f"cannot read {path}: {error}", "check the file") from error
    return tables


def _open_writer(index_dir: Path, fresh: bool, procs: int) -> tuple[Any, Any]:
    """The index and a writer; with ``procs`` > 1, Whoosh's multiprocessing writer.

    The parallel writer analyses and indexes batches of documents in ``procs``
    processes and keeps their segments as they are (``multisegment``): merging
    them would cost most of what the processes saved. Search results are the
    same either way, as Whoosh computes its statistics over all segments.
    """
    from whoosh import index as whoosh_index
    from whoosh.index import LockError

    try:
        if fresh:
            ix = whoosh_index.create_in(str(index_dir), make_schema(), indexname=INDEX_NAME)
        else:
            ix = whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME)
        # Segments as separate files, not one compound file: Whoosh copies every
        # part of a compound file into memory when a query opens it, so memory per
        # query would grow with the index (about 30 MB at 1,000 articles).
        options = {"timeout": 0.0, "limitmb": 128, "compound": False}
        if procs > 1:
            from ._workers import start_workers

            writer = ix.writer(procs=procs, multisegment=True, **options)
            start_workers(writer)
            return ix, writer
        return ix, ix.writer(**options)
    except LockError as error:
        raise IndexUnwritable(
            f"another leisearch index run is writing {index_dir}",
            "wait for it to finish, then try again",
        ) from error
    except OSError as error:
        raise IndexUnwritable(
            f"cannot write the index at {index_dir}: {error.strerror or error}",
            "choose a writable folder with --index DIR or LEISEARCH_INDEX",
        ) from error


def build(
    paths: Sequence[Path],
    index_dir: Path,
    *,
    rebuild: bool = False,
    progress: ProgressCallback | None = None,
    procs: int | None = None,
) -> BuildReport:
    """Index the articles under ``paths`` into ``index_dir``, incrementally.

    Without ``rebuild``, only what changed since the last run is processed:
    new files, files whose content hash differs, and files gone from the
    folders given (their articles are removed). Unchanged files are read and
    hashed, nothing more. With ``rebuild`` (or when there is no index yet, or
    its schema version differs) the index is built from scratch in a new
    generation folder, and the manifest is switched to it only once it is
    complete: an interrupted build leaves the last index as it was.

    Articles are parsed first, because the speaker alias table is built from
    all of them; then each is indexed with its quotations. ``procs`` is how
    many processes analyse and index (default: every core, from
    ``PARALLEL_MIN_ARTICLES`` articles on); the index is the same either way.
    Only one build runs on an index at a time: another one stops with
    ``IndexUnwritable`` at once.
    """
    not_a_file(index_dir)
    _check_ours(index_dir)
    _prepare_dir(index_dir)
    with _locked(index_dir):
        try:
            return _build_locked(paths, index_dir, rebuild, progress, procs)
        except OSError as error:  # a full disk, a folder made read-only meanwhile, ...
            raise IndexUnwritable(
                f"cannot write the index at {index_dir}: {error.strerror or error}",
                "free some space or choose another folder with --index DIR",
            ) from error


def _build_locked(
    paths: Sequence[Path],
    index_dir: Path,
    rebuild: bool,
    progress: ProgressCallback | None,
    procs: int | None,
) -> BuildReport:
    from whoosh import index as whoosh_index

    from . import analysis
    from .corpus import digest, find_files, parse_source, read_source
    from .quotes import attribute_corpus, speaker_table

    started = time.perf_counter()
    current = _manifest_or_none(index_dir)
    # Generations that no manifest points to are left from interrupted builds.
    _sweep(index_dir, keep={current.generation} if current else set(), flat=False)
    manifest = None if rebuild else current
    fresh = manifest is None or not whoosh_index.exists_in(
        str(index_dir / manifest.generation), INDEX_NAME
    )
    warnings: list[str] = []
    alias_files = dict(manifest.alias_files) if manifest is not None and not fresh else {}
    found_alias_files = _alias_files(paths)
    if not fresh and any(
        alias_files.get(path) != table for path, table in found_alias_files.items()
    ):
        # Speakers of every article may change: index all recorded sources again.
        warnings.append(f"{ALIAS_FILE} changed: indexing every article again")
        paths = (
            [*{Path(p) for p in manifest.sources if Path(p).exists()}, *paths]
            if manifest
            else paths
        )
        fresh, manifest = True, None
    alias_files.update(found_alias_files)
    user_aliases = {k: v for table in alias_files.values() for k, v in table.items()}
    known: dict[str, ArticleInfo] = {}
    previous_sources: tuple[str, ...] = ()
    if not fresh and manifest is not None:
        known = {a.id: a for a in manifest.articles}
        previous_sources = manifest.sources

    sources, found_warnings = find_files(paths, {_resolved(a.path): a.id for a in known.values()})
    warnings.extend(found_warnings)
    if not sources and not found_warnings:
        raise CorpusError(
            f"no .txt files in {', '.join(map(str, paths))}",
            "point leisearch index at a folder of .txt articles",
        )
    articles: list[Article] = []
    digests: dict[str, str] = {}
    unchanged = 0
    for source in sources:
        data = read_source(source)
        if isinstance(data, str):
            warnings.append(data)
            continue
        digests[source.article_id] = digest(data)
        old = known.get(source.article_id)
        if old is not None and old.digest == digests[source.article_id]:
            unchanged += 1
            continue
        parsed = parse_source(source, data)
        if isinstance(parsed, str):
            warnings.append(parsed)
        else:
            warnings.extend(parsed.warnings)
            articles.append(parsed)
    seen = {_resolved(s.path) for s in sources}
    deleted = [a.id for a in known.values() if _gone(a.path, paths, seen)]
    if not articles and not unchanged and not deleted:
        first = f": {warnings[0]}" if warnings else ""
        raise CorpusError(
            f"no article could be read from {', '.join(map(str, paths))}{first}",
            f"give .txt files with text in them ({len(warnings)} skipped)",
        )
    new = sum(1 for a in articles if a.id not in known)
    counts = {"new": new, "changed": len(articles) - new, "deleted": len(deleted)}
    counts["unchanged"] = unchanged
    if not articles and not deleted:
        # Nothing to write: the index is as it was, and so are its files.
        return _report(known, started, warnings, articles, counts)

    if fresh:
        data_dir = _new_generation(index_dir)
    else:
        assert manifest is not None
        data_dir = index_dir / manifest.generation
        analysis.preload_stems(dict(open_vocabulary(data_dir).items()))

    if procs is None:
        many = len(articles) >= PARALLEL_MIN_ARTICLES
        procs = (os.cpu_count() or 1) if many else 1
    try:
        ix, writer = _open_writer(data_dir, fresh, procs)
        try:
            for article_id in deleted:
                writer.delete_by_term("article", article_id)
                del known[article_id]
            # Speakers are resolved within each article (and the user's aliases), so an
            # article's quotations never depend on which other articles this run reads.
            quoted = zip(articles, attribute_corpus(articles, user_aliases), strict=True)
            for done, (article, quotes) in enumerate(quoted, start=1):
                if not fresh:
                    # Even for an article the manifest does not know: a run killed
                    # after Whoosh's commit but before the manifest's may have added it.
                    writer.delete_by_term("article", article.id)
                for doc in _paragraph_docs(article, quotes):
                    writer.add_document(**doc)
                if procs > 1:
                    # Analysis runs in the writer's processes: learn the stems here.
                    analysis.learn_stems(article.title)
                    for paragraph in article.paragraphs:
                        analysis.learn_stems(paragraph.text)
                known[article.id] = ArticleInfo(
                    article.id,
                    article.title,
                    len(article.paragraphs),
                    article.path,
                    _speaker_counts(quotes),
                    digests[article.id],
                )
                if progress is not None:
                    progress(done, len(articles), "indexing")
            if progress is not None:
                progress(len(articles), len(articles), "writing the index")
            writer.commit()
        except BaseException:
            _cancel(writer)
            raise
        titles = [a.title for a in known.values()]
        vocabulary = _vocabulary(ix, titles, analysis.known_stems())
        write_atomic(data_dir / VOCABULARY, vocabulary_text(vocabulary))
        # From the speakers of every article, old and new: the same as a fresh build's.
        names = {name for info in known.values() for name in info.speakers}
        aliases = speaker_table(names, user_aliases)
        write_atomic(data_dir / ALIASES, json_line(aliases))
    except BaseException:
        if fresh:
            shutil.rmtree(data_dir, ignore_errors=True)
        raise

    all_sources = tuple(dict.fromkeys([*previous_sources, *(str(p.resolve()) for p in paths)]))
    new_manifest = Manifest(
        schema_version=SCHEMA_VERSION,
        built_at=datetime.now(UTC).isoformat(timespec="seconds"),
        sources=all_sources,
        articles=tuple(sorted(known.values(), key=lambda a: a.id)),
        speakers=_speakers(known.values(), aliases, user_aliases),
        generation=data_dir.name,
        alias_files=alias_files,
    )
    # The switch: readers see the old index or the new one, never a mixture.
    write_atomic(index_dir / MANIFEST, new_manifest.to_text())
    if fresh:
        # A query that read the old manifest a moment ago may still be opening the
        # previous generation: it is kept until the next build.
        _sweep(index_dir, keep={data_dir.name, current.generation if current else ""}, flat=True)
    return _report(known, started, warnings, articles, counts)


@contextlib.contextmanager
def _locked(index_dir: Path, wait: bool = False) -> Iterator[None]:
    """Hold the index's build lock; another build stops at once with a clear error
    (or, with ``wait``, waits for it).

    The lock is an OS file lock (Whoosh's), so the lock of a killed build goes
    with its process: there are no stale locks to clear.
    """
    from whoosh.util.filelock import FileLock

    lock = FileLock(str(index_dir / LOCK))
    try:
        acquired = lock.acquire(blocking=wait)
    except OSError as error:
        raise IndexUnwritable(
            f"cannot lock the index at {index_dir}: {error.strerror or error}",
            "choose a writable folder with --index DIR or LEISEARCH_INDEX",
        ) from error
    if not acquired:
        raise IndexUnwritable(
            f"another leisearch index run is writing {index_dir}",
            "wait for it to finish, then try again",
        )
    try:
        yield
    finally:
        lock.release()


def _new_generation(index_dir: Path) -> Path:
    path = index_dir / f"{GENERATION_PREFIX}{time.time_ns():x}"
    path.mkdir()
    return path


def _sweep(index_dir: Path, keep: set[str], flat: bool) -> None:
    """Remove generation folders not in ``keep``; with ``flat``, also the files that
    indexes of schema version 2 and before kept at the top of the folder.

    Called with the build lock held, so nothing removed is being written.
    """
    for path in index_dir.iterdir():
        name = path.name
        if name not in keep and _is_generation(path):
            shutil.rmtree(path, ignore_errors=True)
        elif flat and path.is_file() and _WHOOSH_FILE_RE.fullmatch(name):
            path.unlink(missing_ok=True)


def _cancel(writer: Any) -> None:
    """Cancel a writer, and stop the processes of a multiprocessing one."""
    from ._workers import stop_workers

    # Workers first: cancelling deletes the shared temporary folder that holds
    # the job files they read, and a worker reading one would fail loudly.
    try:
        stop_workers(writer)
    finally:
        writer.cancel()


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
    warnings: Sequence[str],
    articles: Sequence[Article],
    counts: Mapping[str, int],
) -> BuildReport:
    return BuildReport(
        articles=len(known),
        paragraphs=sum(a.paragraphs for a in known.values()),
        seconds=time.perf_counter() - started,
        warnings=tuple(warnings),
        indexed_articles=len(articles),
        indexed_paragraphs=sum(len(a.paragraphs) for a in articles),
        new=counts["new"],
        changed=counts["changed"],
        deleted=counts["deleted"],
        unchanged=counts["unchanged"],
    )


def _speakers(
    articles: Iterable[ArticleInfo], aliases: Mapping[str, str], user: Mapping[str, str]
) -> tuple[SpeakerInfo, ...]:
    """Every speaker in the index, most quoted first, with their aliases.

    Listed aliases are the user's (``leisearch.aliases``) and the shorter forms of
    a name (``lei`` for Lei Jun); longer variants that the name table also folds
    in (a name read off a headline with a word too many) work but are not shown.
    """
    counts: dict[str, list[int]] = {}
    for article in articles:
        for name, levels in article.speakers.items():
            total = counts.setdefault(name, [0, 0, 0])
            for level, count in enumerate(levels):
                total[level] += count
    names: dict[str, list[str]] = {}
    for alias, name in sorted(aliases.items()):
        shorter = set(alias.split()) <= set(name.casefold().split())
        if alias != name.casefold() and (shorter or alias in user):
            names.setdefault(name, []).append(alias)
    return tuple(
        SpeakerInfo(
            name, sum(levels), tuple(names.get(name, [])), (levels[0], levels[1], levels[2])
        )
        for name, levels in sorted(counts.items(), key=lambda item: (-sum(item[1]), item[0]))
    )


def _vocabulary(ix: Any, titles: Iterable[str], memo: Mapping[str, str]) -> dict[str, str]:
    """The memo entries whose stems are in the index or a title: its surface vocabulary."""
    from .analysis import analyze

    with ix.reader() as reader:
        lexicon = {t.decode("utf-8") for t in reader.lexicon("text")}
    lexicon.update(stem for title in titles for stem in analyze(title))
    return {word: s for word, s in memo.items() if s in lexicon}


def _manifest_or_none(index_dir: Path) -> Manifest | None:
    """The manifest to update from; ``None`` (a fresh build) when any of it is unusable."""
    try:
        manifest = read_manifest(index_dir)
        if manifest is None or manifest.schema_version != SCHEMA_VERSION:
            return None
        len(manifest.articles), len(manifest.speakers)  # parsed now: damage shows here
    except IndexCorrupt:
        return None
    return manifest


# --- opening ---------------------------------------------------------------------


@dataclass(frozen=True)
class OpenIndex:
    """An opened index: the Whoosh index, its manifest and where it lives."""

    path: Path
    whoosh: Any
    manifest: Manifest
    #: Surface word -> stem for every word in the index (its vocabulary).
    stems: Mapping[str, str]

    @functools.cached_property
    def aliases(self) -> Mapping[str, str]:
        """Lower-cased alias -> canonical speaker (read on first use)."""
        return load_aliases(self.path / self.manifest.generation)

    @functools.cached_property
    def title_stems(self) -> dict[str, tuple[str, ...]]:
        """Article id -> the stems of its title, for ``title:`` queries (made on first use)."""
        from .analysis import analyze

        return {a.id: tuple(analyze(a.title)) for a in self.manifest.articles}

    def speaker(self, wanted: str) -> str:
        """The canonical speaker for a name or alias, matched case-insensitively.

        Honorifics and appositives are ignored, as in attribution: ``Mr. Lei``
        and ``Lei Jun, Chairman of Xiaomi`` are both ``Lei Jun``.
        """
        from .errors import UsageError
        from .quotes import canonical_speaker

        typed = " ".join(wanted.split())
        if not typed:
            raise UsageError("the speaker's name is empty", "list them with: leisearch speakers")
        names = {s.name.casefold(): s.name for s in self.manifest.speakers}
        for candidate in (typed, canonical_speaker(typed, self.aliases)):
            key = candidate.casefold()
            if key in names:
                return names[key]
            if key in self.aliases and self.aliases[key].casefold() in names:
                return self.aliases[key]
        holders = self.fuller_speakers(typed)
        if holders:  # "Brown": Gordon Brown and Margaret Brown are different people
            raise UsageError(
                f"no speaker {wanted!r} in the index", "did you mean: " + ", ".join(holders[:5])
            )
        raise UsageError(
            f"no speaker {wanted!r} in the index", "list them with: leisearch speakers"
        )

    def fuller_speakers(self, name: str) -> list[str]:
        """Speakers whose names hold ``name`` as whole words, besides ``name`` itself
        (``Brown``: Gordon Brown, Margaret Brown), most quoted first."""
        from .quotes.words import FUNCTION_WORDS

        words = name.casefold().split()
        if all(w in FUNCTION_WORDS for w in words):
            return []
        n = len(words)
        return [
            s.name
            for s in self.manifest.speakers
            if s.name.casefold() != name.casefold()
            and any(
                s.name.casefold().split()[i : i + n] == words
                for i in range(len(s.name.split()) - n + 1)
            )
        ]

    def article(self, wanted: str) -> ArticleInfo:
        """The article with this id, or the only one whose id starts with it."""
        from .errors import UsageError

        if not wanted:
            raise UsageError("the article id is empty", "list the ids with: leisearch articles")
        exact = [a for a in self.manifest.articles if a.id == wanted]
        matches = exact or [a for a in self.manifest.articles if a.id.startswith(wanted)]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise UsageError(
                f"no article {wanted!r} in the index", "list the ids with: leisearch articles"
            )
        raise UsageError(
            f"{wanted!r} matches {len(matches)} articles",
            "give more of the id (see: leisearch articles)",
        )


@dataclass(frozen=True, slots=True)
class Opened:
    """The result of ``open_index``: the index, and notes for the user."""

    index: OpenIndex
    notes: tuple[str, ...] = ()


def open_index(
    index_dir: Path,
    *,
    build_if_missing: bool = False,
    progress: ProgressCallback | None = None,
) -> Opened:
    """Open the index, building it first where that is what the user expects.

    With ``build_if_missing`` (the default index location), a missing index
    is built from the seed articles. An index of another schema version is
    rebuilt from its recorded sources, wherever it is.
    """

    from . import analysis

    notes: list[str] = []
    manifest = read_manifest(index_dir)
    if manifest is None:
        if not build_if_missing and _is_foreign(index_dir):
            raise IndexNotFound(
                f"{index_dir} is not a leisearch index",
                "give --index an index folder, or build one in a new folder: "
                "leisearch index --index NEW_FOLDER PATH",
            )
        if not build_if_missing:
            raise IndexNotFound(
                f"no leisearch index at {index_dir}",
                f"build one: leisearch index --index {index_dir} PATH",
            )
        corpus = default_corpus()
        _prepare_dir(index_dir)
        # Two first queries at once: the second waits for the first one's build.
        with _locked(index_dir, wait=True):
            manifest = read_manifest(index_dir)
            if manifest is None:
                notes.append(f"no index yet: building one from {corpus} (once)")
                report = _build_locked([corpus], index_dir, True, progress, None)
                notes.append(f"{summary(report)} → {index_dir}")
                manifest = read_manifest(index_dir)
    elif manifest.schema_version != SCHEMA_VERSION:
        sources = [Path(s) for s in manifest.sources if Path(s).exists()]
        if not sources and build_if_missing:
            # The default index of an installed leisearch: its seeds moved with a reinstall.
            sources = [default_corpus()]
        if not sources:
            raise IndexCorrupt(
                f"the index at {index_dir} has schema version {manifest.schema_version} "
                f"(this leisearch needs {SCHEMA_VERSION}) and its sources are gone",
                f"rebuild it: leisearch index --rebuild --index {index_dir} PATH",
            )
        notes.append(f"the index at {index_dir} is from another leisearch version: rebuilding it")
        report = build(sources, index_dir, rebuild=True, progress=progress)
        notes.append(summary(report))
        manifest = read_manifest(index_dir)
    assert manifest is not None
    data_dir = index_dir / manifest.generation
    ix = _open_whoosh(index_dir, manifest.generation)
    vocabulary = open_vocabulary(data_dir)
    analysis.consult(vocabulary)
    opened = OpenIndex(index_dir, ix, manifest, vocabulary)
    return Opened(opened, tuple(notes))


def reopen(opened: OpenIndex) -> Any:
    """The Whoosh index read again: after a build has committed and cleaned up files
    that the table of contents read earlier still named."""
    return _open_whoosh(opened.path, opened.manifest.generation)


def _open_whoosh(index_dir: Path, generation: str, name: str = INDEX_NAME) -> Any:
    from whoosh import index as whoosh_index

    try:
        return whoosh_index.open_dir(str(index_dir / generation), indexname=name, readonly=True)
    except Exception as error:  # Whoosh raises many types for a damaged index
        raise IndexCorrupt(
            f"the index at {index_dir} cannot be opened ({type(error).__name__})",
            f"rebuild it: leisearch index --rebuild --index {index_dir}",
        ) from error


def summary(report: BuildReport) -> str:
    """One line for stderr after a build.

    >>> summary(BuildReport(articles=5, paragraphs=163, seconds=0.25, indexed_articles=5,
    ...                     indexed_paragraphs=163, new=5))
    'indexed 5 articles, 163 paragraphs in 0.25 s'
    >>> line = summary(BuildReport(articles=5, paragraphs=163, seconds=0.05,
    ...     indexed_articles=1, indexed_paragraphs=22, changed=1, unchanged=4))
    >>> for part in line.split("; "): print(part)
    1 changed, 4 unchanged: indexed 1 article, 22 paragraphs in 0.05 s
    the index has 5 articles, 163 paragraphs
    """
    line = (
        f"indexed {_count(report.indexed_articles, 'article')}, "
        f"{_count(report.indexed_paragraphs, 'paragraph')} in {report.seconds:.2f} s"
    )
    changes = {
        "new": report.new,
        "changed": report.changed,
        "deleted": report.deleted,
        "unchanged": report.unchanged,
    }
    if any(changes[k] for k in ("changed", "deleted", "unchanged")):
        line = ", ".join(f"{n} {k}" for k, n in changes.items() if n) + ": " + line
    if (report.indexed_articles, report.indexed_paragraphs) != (report.articles, report.paragraphs):
        line += (
            f"; the index has {_count(report.articles, 'article')}, "
            f"{_count(report.paragraphs, 'paragraph')}"
        )
    return line


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
