"""Opening an index: the manifest, the backend's reader, the vocabulary, a stemmer.

``open_index`` builds first where that is what the user expects: the default
location builds itself from the seed articles once, and an index of another
schema version is rebuilt from its recorded sources, wherever it is. What it
did is said in ``Opened.notes``.

An ``Index`` is one opened index and everything a query needs from it: the
speakers and articles by name (``speaker``, ``article``), and its own
``Stemmer``, which looks words up in the index's vocabulary before NLTK.

The build (with ingest, the quotation engine and the backend's writer, which
starts processes) and the quotation engine are imported where they are used,
off the query path.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from leisearch.engine.protocol import Reader
from leisearch.engine.whoosh.reader import open_reader
from leisearch.errors import IndexCorrupt, IndexNotFound, Reason, UsageError
from leisearch.models import ArticleInfo
from leisearch.store.folder import is_foreign, locked, prepare_dir
from leisearch.store.locations import default_corpus
from leisearch.store.manifest import (
    SCHEMA_VERSION,
    Manifest,
    load_aliases,
    open_vocabulary,
    read_manifest,
)
from leisearch.text.stemming import Stemmer

if TYPE_CHECKING:
    from .build import ProgressCallback


@dataclass(frozen=True)
class Index:
    """An opened index: where it lives, its manifest, its reader, its vocabulary."""

    path: Path
    manifest: Manifest
    reader: Reader
    #: Surface word -> stem for every word in the index (its vocabulary).
    vocabulary: Mapping[str, str]
    stemmer: Stemmer

    @functools.cached_property
    def aliases(self) -> Mapping[str, str]:
        """Lower-cased alias -> canonical speaker (read on first use)."""
        return load_aliases(self.path / self.manifest.generation)

    @functools.cached_property
    def title_stems(self) -> dict[str, tuple[str, ...]]:
        """Article id -> the stems of its title, for ``title:`` queries (made on first use)."""
        return {a.id: tuple(self.stemmer.analyze(a.title)) for a in self.manifest.articles}

    def speaker(self, wanted: str) -> str:
        """The canonical speaker for a name or alias, matched case-insensitively.

        Honorifics and appositives are ignored, as in attribution: ``Mr. Lei``
        and ``Lei Jun, Chairman of Xiaomi`` are both ``Lei Jun``.
        """
        from leisearch.quotes.phrases import canonical_speaker

        typed = " ".join(wanted.split())
        if not typed:
            raise UsageError(Reason.EMPTY_SPEAKER, "the speaker's name is empty")
        names = {s.name.casefold(): s.name for s in self.manifest.speakers}
        for candidate in (typed, canonical_speaker(typed, self.aliases)):
            key = candidate.casefold()
            if key in names:
                return names[key]
            if key in self.aliases and self.aliases[key].casefold() in names:
                return self.aliases[key]
        holders = self.fuller_speakers(typed)
        message = f"no speaker {wanted!r} in the index"
        if holders:  # "Brown": Gordon Brown and Margaret Brown are different people
            raise UsageError(
                Reason.AMBIGUOUS_SPEAKER, message, value=wanted, candidates=holders[:5]
            )
        raise UsageError(Reason.UNKNOWN_SPEAKER, message, value=wanted)

    def fuller_speakers(self, name: str) -> list[str]:
        """Named speakers whose names hold ``name`` as whole words, besides ``name``
        itself (``Brown`` or ``Ms Brown``: Gordon Brown, Margaret Brown), most quoted
        first. Unnamed sources (``a person familiar with Lei Jun``) are never among them:
        they are not other names of anyone."""
        from leisearch.quotes.names import HONORIFIC
        from leisearch.quotes.phrases import is_unnamed
        from leisearch.quotes.words import FUNCTION_WORDS

        bare = HONORIFIC.sub("", " ".join(name.split()))
        words = bare.casefold().split()
        if not words or all(w in FUNCTION_WORDS for w in words):
            return []
        n = len(words)
        return [
            s.name
            for s in self.manifest.speakers
            if s.name.casefold() not in (name.casefold(), bare.casefold())
            and not is_unnamed(s.name)
            and any(
                s.name.casefold().split()[i : i + n] == words
                for i in range(len(s.name.split()) - n + 1)
            )
        ]

    def article(self, wanted: str) -> ArticleInfo:
        """The article with this id, or the only one whose id starts with it."""
        if not wanted:
            raise UsageError(Reason.EMPTY_ARTICLE, "the article id is empty")
        exact = [a for a in self.manifest.articles if a.id == wanted]
        matches = exact or [a for a in self.manifest.articles if a.id.startswith(wanted)]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise UsageError(
                Reason.UNKNOWN_ARTICLE, f"no article {wanted!r} in the index", value=wanted
            )
        raise UsageError(
            Reason.AMBIGUOUS_ARTICLE,
            f"{wanted!r} matches {len(matches)} articles",
            value=wanted,
            candidates=[a.id for a in matches[:5]],
            count=len(matches),
        )


@dataclass(frozen=True, slots=True)
class Opened:
    """The result of ``open_index``: the index, and notes for the user."""

    index: Index
    notes: tuple[str, ...] = ()


def open_index(
    index_dir: str | Path,
    *,
    build_if_missing: bool = False,
    progress: ProgressCallback | None = None,
) -> Opened:
    """Open the index, building it first where that is what the user expects.

    With ``build_if_missing`` (the default index location), a missing index
    is built from the seed articles. An index of another schema version is
    rebuilt from its recorded sources, wherever it is.
    """
    index_dir = Path(index_dir)
    notes: list[str] = []
    manifest = read_manifest(index_dir)
    if manifest is None:
        manifest = _first_build(index_dir, build_if_missing, progress, notes)
    elif manifest.schema_version != SCHEMA_VERSION:
        manifest = _rebuild(index_dir, manifest, build_if_missing, progress, notes)
    data_dir = index_dir / manifest.generation
    reader = open_reader(data_dir, index_dir)
    vocabulary = open_vocabulary(data_dir)
    index = Index(index_dir, manifest, reader, vocabulary, Stemmer(vocabulary))
    return Opened(index, tuple(notes))


def _first_build(
    index_dir: Path, build_if_missing: bool, progress: ProgressCallback | None, notes: list[str]
) -> Manifest:
    if not build_if_missing and is_foreign(index_dir):
        raise IndexNotFound(
            Reason.NOT_AN_INDEX, f"{index_dir} is not a leisearch index", path=index_dir
        )
    if not build_if_missing:
        raise IndexNotFound(Reason.NO_INDEX, f"no leisearch index at {index_dir}", path=index_dir)
    from .build import build_locked

    corpus = default_corpus()
    prepare_dir(index_dir)
    # Two first queries at once: the second waits for the first one's build.
    with locked(index_dir, wait=True):
        manifest = read_manifest(index_dir)
        if manifest is None:
            notes.append(f"no index yet: building one from {corpus} (once)")
            report = build_locked([corpus], index_dir, True, progress, None)
            notes.append(f"{report.summary()} → {index_dir}")
            manifest = read_manifest(index_dir)
    assert manifest is not None
    return manifest


def _rebuild(
    index_dir: Path,
    manifest: Manifest,
    build_if_missing: bool,
    progress: ProgressCallback | None,
    notes: list[str],
) -> Manifest:
    sources = [Path(s) for s in manifest.sources if Path(s).exists()]
    if not sources and build_if_missing:
        # The default index of an installed leisearch: its seeds moved with a reinstall.
        sources = [default_corpus()]
    if not sources:
        raise IndexCorrupt(
            Reason.OLD_SCHEMA_NO_SOURCES,
            f"the index at {index_dir} has schema version {manifest.schema_version} "
            f"(this leisearch needs {SCHEMA_VERSION}) and its sources are gone",
            path=index_dir,
        )
    from .build import build

    notes.append(f"the index at {index_dir} is from another leisearch version: rebuilding it")
    report = build(sources, index_dir, rebuild=True, progress=progress)
    notes.append(report.summary())
    rebuilt = read_manifest(index_dir)
    assert rebuilt is not None
    return rebuilt
