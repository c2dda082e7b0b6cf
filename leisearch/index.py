"""The on-disk index: a Whoosh index plus two small JSON files, treated as an API.

An index directory holds:

``MAIN_*.toc``, ``*.seg``
    The Whoosh index: one document per paragraph, with fields ``article``
    (id), ``title``, ``paragraph`` (number), ``text`` (the paragraph, stored)
    and ``speaker`` (canonical names of speakers quoted in the paragraph).
``leisearch.json``
    The manifest: schema version, build time, the source paths, and each
    article's id, title, paragraph count and file. ``articles`` and article-id
    checks read only this file.
``stems.json``
    Every word the index has seen, mapped to its stem. Loading it lets a query
    be stemmed exactly as the text was, without importing NLTK.

The manifest's ``schema_version`` is checked on every open. An index of
another version is rebuilt from its recorded sources, with a note. A folder
that holds other files and no manifest is never written to or deleted.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import __version__
from .errors import IndexCorrupt, IndexNotFound, IndexUnwritable
from .models import Article, ArticleInfo, BuildReport

#: Bump when the schema, the analyzer or the cleaning rules change what is indexed.
SCHEMA_VERSION = 1
INDEX_NAME = "MAIN"
MANIFEST = "leisearch.json"
STEMS = "stems.json"
#: Files a fresh checkout may have in the default index folder.
_HARMLESS = frozenset({".gitkeep", ".gitignore", ".DS_Store"})

ProgressCallback = Callable[[int, int], None]


def project_root() -> Path | None:
    """The checkout this package runs from (a folder with pyproject.toml and seeds/)."""
    root = Path(__file__).resolve().parent.parent
    if (root / "pyproject.toml").is_file() and (root / "seeds").is_dir():
        return root
    return None


def default_index_dir() -> Path:
    """``index/`` at the project root, else a per-user data folder."""
    root = project_root()
    if root is not None:
        return root / "index"
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "leisearch" / "index"


def default_corpus() -> Path:
    """The seed articles that a first query indexes."""
    root = project_root()
    if root is None:
        raise IndexNotFound(
            "no index yet, and no seed articles to build one from",
            "run `leisearch index PATH` with a folder of .txt articles",
        )
    return root / "seeds"


def resolve_index_dir(option: Path | None, env_value: str | None) -> Path:
    """``--index DIR``, then ``$LEISEARCH_INDEX``, then the default."""
    if option is not None:
        return option
    if env_value:
        return Path(env_value)
    return default_index_dir()


# --- schema --------------------------------------------------------------------------


def make_schema() -> Any:
    from whoosh.fields import ID, KEYWORD, NUMERIC, TEXT, Schema

    from .analysis import article_analyzer

    analyzer = article_analyzer()
    return Schema(
        article=ID(stored=True),
        title=TEXT(analyzer=analyzer, stored=True, multitoken_query="phrase"),
        paragraph=NUMERIC(int, stored=True),
        text=TEXT(analyzer=analyzer, stored=True, multitoken_query="phrase"),
        speaker=KEYWORD(stored=True, commas=True, lowercase=True, scorable=False),
    )


# --- manifest ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Manifest:
    """The contents of ``leisearch.json``."""

    schema_version: int
    built_at: str
    sources: tuple[str, ...]
    articles: tuple[ArticleInfo, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "schema_version": self.schema_version,
            "leisearch_version": __version__,
            "built_at": self.built_at,
            "sources": list(self.sources),
            "articles": [
                {"id": a.id, "title": a.title, "paragraphs": a.paragraphs, "path": a.path}
                for a in self.articles
            ],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Manifest:
        return cls(
            schema_version=int(data["schema_version"]),
            built_at=str(data.get("built_at", "")),
            sources=tuple(str(s) for s in data.get("sources", [])),
            articles=tuple(
                ArticleInfo(str(a["id"]), str(a["title"]), int(a["paragraphs"]), str(a["path"]))
                for a in data["articles"]
            ),
        )


def read_manifest(index_dir: Path) -> Manifest | None:
    """The manifest, ``None`` when there is none; ``IndexCorrupt`` when unreadable."""
    path = index_dir / MANIFEST
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as error:
        raise IndexCorrupt(
            f"cannot read {path}: {error.strerror}", "check the folder's permissions"
        ) from error
    try:
        return Manifest.from_json(json.loads(raw))
    except (ValueError, KeyError, TypeError) as error:
        raise IndexCorrupt(
            f"the index manifest {path} is damaged",
            f"rebuild it: leisearch index --rebuild --index {index_dir}",
        ) from error


def _write_json_atomic(path: Path, data: Any) -> None:
    """Write JSON beside ``path`` and rename it into place, so readers never see half."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp makes the file private; an index is as readable as its folder.
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load_stems(index_dir: Path) -> dict[str, str]:
    try:
        with open(index_dir / STEMS, encoding="utf-8") as handle:
            table = json.load(handle)
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        raise IndexCorrupt(
            f"the stem table in {index_dir} is damaged",
            f"rebuild it: leisearch index --rebuild --index {index_dir}",
        ) from error
    return table if isinstance(table, dict) else {}


# --- building ------------------------------------------------------------------------


def _check_ours(index_dir: Path) -> None:
    """Refuse to write into a folder holding files that are not a leisearch index."""
    if not index_dir.is_dir() or (index_dir / MANIFEST).exists():
        return
    foreign = [p.name for p in index_dir.iterdir() if p.name not in _HARMLESS]
    whoosh_only = foreign and all(
        n.startswith(("MAIN", "_MAIN")) or n.endswith(".seg") for n in foreign
    )
    if foreign and not whoosh_only:
        raise IndexUnwritable(
            f"{index_dir} is not a leisearch index and is not empty",
            "choose an empty or new folder with --index DIR",
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


def _documents(article: Article) -> list[dict[str, Any]]:
    return [
        {
            "article": article.id,
            "title": article.title,
            "paragraph": p.number,
            "text": p.text,
            "speaker": "",
        }
        for p in article.paragraphs
    ]


def build(
    paths: Sequence[Path],
    index_dir: Path,
    *,
    rebuild: bool = False,
    progress: ProgressCallback | None = None,
) -> BuildReport:
    """Index the articles under ``paths`` into ``index_dir``.

    Without ``rebuild``, the articles are added to the existing index, and an
    article indexed before under the same id is replaced. With ``rebuild`` (or
    when there is no index yet, or its schema version differs) the index is
    created from scratch.
    """
    from whoosh import index as whoosh_index
    from whoosh.index import LockError

    from . import analysis
    from .corpus import load_articles

    started = time.perf_counter()
    sources, stream = load_articles(paths)
    _check_ours(index_dir)
    _prepare_dir(index_dir)

    manifest = None if rebuild else _manifest_or_none(index_dir)
    known: dict[str, ArticleInfo] = {}
    try:
        if manifest is not None and whoosh_index.exists_in(str(index_dir), INDEX_NAME):
            analysis.preload_stems(load_stems(index_dir))
            ix = whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME)
            known = {a.id: a for a in manifest.articles}
            previous_sources = manifest.sources
        else:
            ix = whoosh_index.create_in(str(index_dir), make_schema(), indexname=INDEX_NAME)
            previous_sources = ()
        writer = ix.writer(timeout=0.0)
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

    warnings: list[str] = []
    added_paragraphs = 0
    try:
        done = 0
        for item in stream:
            if isinstance(item, str):
                warnings.append(item)
                continue
            warnings.extend(item.warnings)
            if item.id in known:
                writer.delete_by_term("article", item.id)
            for doc in _documents(item):
                writer.add_document(**doc)
            added_paragraphs += len(item.paragraphs)
            known[item.id] = ArticleInfo(item.id, item.title, len(item.paragraphs), item.path)
            done += 1
            if progress is not None:
                progress(done, len(sources))
        writer.commit()
    except BaseException:
        writer.cancel()
        raise

    all_sources = tuple(dict.fromkeys([*previous_sources, *(str(p.resolve()) for p in paths)]))
    new_manifest = Manifest(
        schema_version=SCHEMA_VERSION,
        built_at=datetime.now(UTC).isoformat(timespec="seconds"),
        sources=all_sources,
        articles=tuple(sorted(known.values(), key=lambda a: a.id)),
    )
    _write_json_atomic(index_dir / STEMS, _vocabulary(ix, analysis.known_stems()))
    _write_json_atomic(index_dir / MANIFEST, new_manifest.to_json())
    return BuildReport(
        articles=len(known),
        paragraphs=sum(a.paragraphs for a in known.values()),
        seconds=time.perf_counter() - started,
        warnings=tuple(warnings),
        indexed_articles=done,
        indexed_paragraphs=added_paragraphs,
    )


def _vocabulary(ix: Any, memo: Mapping[str, str]) -> dict[str, str]:
    """The memo entries whose stems are in the index: its surface vocabulary."""
    with ix.reader() as reader:
        lexicon = {t.decode("utf-8") for f in ("text", "title") for t in reader.lexicon(f)}
    return {word: s for word, s in memo.items() if s in lexicon}


def _manifest_or_none(index_dir: Path) -> Manifest | None:
    try:
        manifest = read_manifest(index_dir)
    except IndexCorrupt:
        return None
    if manifest is None or manifest.schema_version != SCHEMA_VERSION:
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

    def article(self, wanted: str) -> ArticleInfo:
        """The article with this id, or the only one whose id starts with it."""
        from .errors import UsageError

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
    from whoosh import index as whoosh_index

    from . import analysis

    notes: list[str] = []
    manifest = read_manifest(index_dir)
    if manifest is None:
        if not build_if_missing:
            raise IndexNotFound(
                f"no leisearch index at {index_dir}",
                f"build one: leisearch index --index {index_dir} PATH",
            )
        corpus = default_corpus()
        notes.append(f"no index yet: building one from {corpus} (once)")
        report = build([corpus], index_dir, rebuild=True, progress=progress)
        notes.append(summary(report))
        manifest = read_manifest(index_dir)
    elif manifest.schema_version != SCHEMA_VERSION:
        sources = [Path(s) for s in manifest.sources if Path(s).exists()]
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
    try:
        ix = whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME, readonly=True)
    except Exception as error:  # Whoosh raises many types for a damaged index
        raise IndexCorrupt(
            f"the index at {index_dir} cannot be opened ({type(error).__name__})",
            f"rebuild it: leisearch index --rebuild --index {index_dir}",
        ) from error
    stems = load_stems(index_dir)
    analysis.preload_stems(stems)
    return Opened(OpenIndex(index_dir, ix, manifest, stems), tuple(notes))


def summary(report: BuildReport) -> str:
    """One line for stderr after a build.

    >>> summary(BuildReport(articles=5, paragraphs=163, seconds=0.25, indexed_articles=5,
    ...                     indexed_paragraphs=163))
    'indexed 5 articles, 163 paragraphs in 0.25 s'
    >>> summary(BuildReport(articles=5, paragraphs=163, seconds=0.05, indexed_articles=1,
    ...                     indexed_paragraphs=22))
    'indexed 1 article, 22 paragraphs in 0.05 s; the index has 5 articles, 163 paragraphs'
    """
    line = (
        f"indexed {_count(report.indexed_articles, 'article')}, "
        f"{_count(report.indexed_paragraphs, 'paragraph')} in {report.seconds:.2f} s"
    )
    if (report.indexed_articles, report.indexed_paragraphs) != (report.articles, report.paragraphs):
        line += (
            f"; the index has {_count(report.articles, 'article')}, "
            f"{_count(report.paragraphs, 'paragraph')}"
        )
    return line


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
