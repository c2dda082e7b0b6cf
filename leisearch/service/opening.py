"""Opening an index: the manifest, the backend's reader, the vocabulary, a stemmer.

``open_index`` builds first where that is what the user expects: the default
location builds itself from the seed articles once, and an index of another
schema version is rebuilt from its recorded sources, wherever it is (waiting
for a build that runs meanwhile, as a first build does). What it did is said
in ``Opened.notes``.

An opened index pins its generation (``store.folder.pin_generation``): a build
that commits meanwhile leaves it whole, so everything read later from it (the
alias table, a column Whoosh opens when first needed) is from the same
generation as the hits. Opening checks the generation's files against the
manifest's records, cheaply (``store.integrity``): a query that meets damage
says so instead of answering wrongly.

An ``Index`` is one opened index and everything a query needs from it: the
speakers and articles by name (``speaker``, ``article``), and its own
``Stemmer``, which looks words up in the index's vocabulary before NLTK.

The build (with ingest, the quotation engine and the backend's writer, which
starts processes) and the quotation engine are imported where they are used,
off the query path.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from leisearch.engine.protocol import Head, Reader, Stored, in_full
from leisearch.engine.whoosh.reader import open_reader
from leisearch.errors import IndexCorrupt, IndexNotFound, Reason, UsageError, quoted
from leisearch.kept import Kept
from leisearch.models import ArticleMeta
from leisearch.store.folder import is_foreign, locked, pin_generation, prepare_dir
from leisearch.store.integrity import check
from leisearch.store.locations import default_corpus
from leisearch.store.lock import Pin
from leisearch.store.manifest import (
    ALIASES,
    ARTICLES,
    COPIES,
    SCHEMA_VERSION,
    VOCABULARY,
    Manifest,
    load_aliases,
    open_vocabulary,
    read_manifest,
)
from leisearch.store.tables import Table
from leisearch.store.vocabulary import Vocabulary
from leisearch.text.copies import Print, print_from, print_of
from leisearch.text.stemming import Stemmer
from leisearch.text.words import fold_accents, glued_parts

from .memo import ByParagraph

if TYPE_CHECKING:
    from leisearch.models import ArticleInfo

    from .build import ProgressCallback


#: How many articles' metadata an index keeps read (``Index.meta``).
METAS_KEPT = 65536
#: How many paragraphs' prints an index keeps made (``Index.prints``): a batch of 50
#: queries at 2,000 articles folds about 8,000 paragraphs, and started afresh again and
#: again at 4,096 (50 warm queries in process: 415 ms, and 331 at 8,192; 16,384 gained
#: nothing more at 2,000 or 10,000 articles). A print takes 1 to 8 kB (its word pairs,
#: as a ``frozenset``): at most about 64 MB, 16 MB at 10,000 synthetic articles.
PRINTS_KEPT = 8192


@dataclasses.dataclass(frozen=True)
class Index:
    """An opened index: where it lives, its manifest, its reader, its vocabulary."""

    path: Path
    manifest: Manifest
    reader: Reader
    #: Surface word -> stem for every word in the index, with how many texts hold it.
    vocabulary: Vocabulary
    stemmer: Stemmer
    #: The hold on the generation against sweeping, for as long as the index is open.
    pin: Pin | None = None

    @functools.cached_property
    def aliases(self) -> Mapping[str, str]:
        """Lower-cased alias -> canonical speaker (read on first use)."""
        return load_aliases(self.path / self.manifest.generation)

    @functools.cached_property
    def copies(self) -> Table:
        """Where each paragraph fingerprint is (read on first use, in the pinned generation)."""
        return Table.open(self.path / self.manifest.generation / COPIES)

    @functools.cached_property
    def metadata(self) -> Table:
        """Each article's date, source, author and URL (read on first use)."""
        return Table.open(self.path / self.manifest.generation / ARTICLES)

    def meta(self, article_id: str) -> ArticleMeta:
        """What the article's file said of it: date, source, author, URL (empty if nothing)."""
        return self._metas(article_id)

    @functools.cached_property
    def _metas(self) -> Kept[str, ArticleMeta]:
        """``meta``'s answers so far: a batch shows the same articles again and again."""
        return Kept(METAS_KEPT, self._read_meta)

    def _read_meta(self, article_id: str) -> ArticleMeta:
        rows = self.metadata.get(article_id)
        return _meta_of(rows[0]) if rows else ArticleMeta()

    def every_meta(self) -> dict[str, ArticleMeta]:
        """Every article's metadata, by id (the whole table read: for listings)."""
        return {row[0]: _meta_of(row) for row in self.metadata.rows()}

    @functools.cached_property
    def _speaker_keys(self) -> dict[str, str]:
        """Each speaker by its name as ``speaker`` compares names (``_key``), made once: a
        batch asks for speakers again and again."""
        return {_key(s.name): s.name for s in self.manifest.speakers}

    @functools.cached_property
    def title_stems(self) -> dict[str, tuple[str, ...]]:
        """Article id -> the stems of its title, for ``title:`` queries (made on first use)."""
        return {a.id: tuple(self.stemmer.analyze(a.title)) for a in self.manifest.articles}

    @functools.cached_property
    def prints(self) -> ByParagraph[Stored | Head, Print]:
        """Each paragraph's fingerprint, word pairs and sketch, for folding, kept
        (``memo``; a batch folds the same paragraphs again and again)."""
        return ByParagraph(_print_of, PRINTS_KEPT)

    @functools.cached_property
    def glued(self) -> ByParagraph[Stored, frozenset[tuple[int, int]]]:
        """Where each paragraph's glued words are (``PlayStation``), kept (``memo``)."""
        # Most paragraphs have none (one shared empty set): room for many.
        return ByParagraph(lambda stored: frozenset(glued_parts(stored.text)), 65536)

    def close(self) -> None:
        """Close the searcher kept for this index's queries, and let builds sweep its
        generation (closing the process does both)."""
        self.reader.close()
        if self.pin is not None:
            self.pin.release()

    def reopened(self) -> Index:
        """This index with a reader of its own (``Reader.reopened``), for a forked
        process: the same generation, pinned by this index (a fork holds a copy of its
        pin's descriptor), so that closing the copy leaves the pin alone."""
        return dataclasses.replace(self, reader=self.reader.reopened(), pin=None)

    def speaker(self, wanted: str) -> str:
        """The canonical speaker for a name or alias, matched case-insensitively.

        Honorifics and appositives are ignored, as in attribution: ``Mr. Lei``
        and ``Lei Jun, Chairman of Xiaomi`` are both ``Lei Jun``; so is a label in
        brackets after the name (``Elizabeth Warren (D-Mass.)``), and a hyphen may be
        typed as a space, when no name is the words as typed. A surname several speakers
        share, with an honorific that says a sex, is the one of them whose given name is
        not the other sex's (``Mr. Clinton``, with Bill and Hillary Clinton). A name that
        is in one speaker's name only, and ends no other's, is that speaker (``Okonkwo``:
        Mary Okonkwo, where no other speaker holds the word). A name of two words typed
        in the other order is offered first among the names it may mean (``Renji
        Takahashi``: ``did you mean: Takahashi Renji``).
        """
        from leisearch.quotes.phrases import canonical_speaker

        typed = " ".join(wanted.split())
        if not typed:
            raise UsageError(Reason.EMPTY_SPEAKER, "the speaker's name is empty")
        # In any case, and with or without accents: "renee francois" is Renée François.
        names = self._speaker_keys
        aliases = {_key(alias): name for alias, name in self.aliases.items()}

        def found(typed: str) -> str | None:
            # An organisation of one word is named with its article ("The Hill"): typed
            # with or without it, it is found.
            bare = typed[4:] if typed[:4].casefold() == "the " else typed
            for candidate in (typed, canonical_speaker(typed, self.aliases), bare, f"The {bare}"):
                key = _key(candidate)
                if key in names:
                    return names[key]
                if key in aliases and _key(aliases[key]) in names:
                    return names[_key(aliases[key])]
            return None

        if (name := found(typed)) is not None:
            return name
        # An office before the name ("Mayor van der Berg", "Senator Okafor"): the name.
        # A nickname in quotes ('Robert "Bobby" Tran') is read past too.
        untitled = _NICKNAME.sub(" ", _untitled(typed))
        if " ".join(untitled.split()) != typed:
            try:
                return self.speaker(untitled)
            except UsageError as error:
                if error.reason is Reason.AMBIGUOUS_SPEAKER:
                    raise  # ("Sen. Whitcomb": Carla or Dale Whitcomb)
        # A hyphen typed as a space ("Holtz Eakin"), when no name is the words as typed.
        spaced = {_key(n).translate(_HYPHENS): n for n in names.values()}
        for alias, name in aliases.items():
            if _key(name) in names:
                spaced.setdefault(alias.translate(_HYPHENS), names[_key(name)])
        if (name := spaced.get(_key(typed).translate(_HYPHENS))) is not None:
            return name
        # A name of two words typed in the other order ("Renji Takahashi" for a paper's
        # Takahashi Renji, family name first) is offered, never taken: "Thomas Lee" and
        # "Lee Thomas" may be two people.
        words = typed.split()
        swapped = found(f"{words[1]} {words[0]}") if len(words) == 2 else None
        fuller, shorter = self.other_speakers(typed)
        from leisearch.quotes.names import given_name_gender, honorific_gender

        gender = honorific_gender(typed)
        if gender is not None and fuller:
            # "Mr. Clinton": of the speakers of that surname, not Hillary Clinton, whose
            # given name is a woman's ("Ms. Grace" is not Grace Meng, whose given name it is).
            surname = _key(typed).rsplit(" ", 1)[-1]
            agreeing = [
                n
                for n in fuller
                if _key(n).rsplit(" ", 1)[-1] == surname and given_name_gender(n) in (gender, None)
            ]
            if len(agreeing) == 1:
                return agreeing[0]
            fuller = agreeing or fuller
        if len(fuller) == 1 and not shorter:  # no one else it could be
            return fuller[0]
        # A misspelt name's nearest names come first: "Hilary Clinton" is Hillary Clinton
        # (235 quotations) before Clinton (11), who only ends it.
        close = [n for n in self.close_speakers(typed) if n not in fuller and n not in shorter]
        if fuller:  # "Brown": Gordon Brown and Margaret Brown are different people
            several = (
                f"{quoted(wanted)} is in the names of several speakers"
                if len(fuller) > 1
                else f"{quoted(wanted)} may be {len(fuller) + len(shorter)} speakers"
            )
            raise UsageError(
                Reason.AMBIGUOUS_SPEAKER,
                several,
                value=wanted,
                candidates=[*close, *fuller, *shorter][:5],
            )
        # Only shorter names ("Hilary Clinton": Clinton): the name typed is no one's. An
        # organisation may speak only through unnamed sources ("Senn Water": a Senn Water
        # spokeswoman), who come last.
        message = f"no speaker {quoted(wanted)} in the index"
        first = [swapped] if swapped is not None and swapped not in close else []
        candidates = [*first, *close, *shorter, *self.unnamed_holding(typed)][:5]
        raise UsageError(Reason.UNKNOWN_SPEAKER, message, value=wanted, candidates=candidates)

    def unnamed_holding(self, name: str) -> list[str]:
        """Unnamed sources whose words hold ``name``'s, as whole words, in order (``Senn
        Water``: a Senn Water spokeswoman), most quoted first."""
        from leisearch.quotes.phrases import is_unnamed

        words = _key(name).split()
        return [
            speaker.name
            for speaker in self.manifest.speakers
            if is_unnamed(speaker.name) and _holds(_key(speaker.name).split(), words)
        ]

    def close_speakers(self, name: str) -> list[str]:
        """Named speakers whose names are a typing slip away from ``name`` (case and
        accents aside): one edit (a transposition counts one) for a name of fewer than
        ten letters, two from ten; for a word alone, whose surname is; nearest first,
        then most quoted."""
        from leisearch.quotes.phrases import is_unnamed

        from .suggest import edit_distance

        key = _key(" ".join(name.split()))
        most = 2 if len(key) >= 10 else 1
        found = []
        for speaker in self.manifest.speakers:
            other = _key(speaker.name)
            # A surname typed alone is compared with each surname ("Sandres": Sanders).
            if " " not in key and " " in other:
                other = other.rsplit(" ", 1)[1]
            if other == key or abs(len(other) - len(key)) > most:
                continue
            distance = edit_distance(key, other, most)
            if distance <= most and not is_unnamed(speaker.name):
                found.append((distance, -speaker.quotes, speaker.name))
        return [found_name for _, _, found_name in sorted(found)]

    def other_speakers(self, name: str) -> tuple[list[str], list[str]]:
        """Named speakers who may be ``name`` under another name, each list most quoted
        first, found in one pass over the speakers; case, accents and honorifics aside,
        as ``speaker`` compares names. Unnamed sources (``a person familiar with Lei
        Jun``) are never among them: they are not other names of anyone.

        * fuller: names that hold ``name`` as whole words (``Brown`` or ``Ms Brown``:
          Gordon Brown, Margaret Brown), or its first and last words around others
          (``Hillary Clinton``: Hillary Rodham Clinton);
        * shorter: the end of the name, a surname at least (``Barack Obama``: Obama,
          from articles that never gave the full name; not ``Barack``, who may be
          anyone), and the name with or without a middle initial (``Paul Ryan``,
          ``Paul D. Ryan``).

        People merge across articles only by full name, so these stay apart; a user
        asking for one may want the others.
        """
        from leisearch.quotes.names import HONORIFIC
        from leisearch.quotes.phrases import is_unnamed
        from leisearch.quotes.words import FUNCTION_WORDS

        words = _key(HONORIFIC.sub("", " ".join(name.split()))).split()
        fuller: list[str] = []
        shorter: list[str] = []
        if not words or all(w in FUNCTION_WORDS for w in words):
            return fuller, shorter
        n, plain = len(words), _without_initials(words)
        for speaker in self.manifest.speakers:
            other = _key(speaker.name).split()
            if other == words:
                continue
            initial = len(plain) > 1 and _without_initials(other) == plain
            if len(other) > n:
                holds = _holds(other, words)
                # "Hillary Rodham Clinton" for "Hillary Clinton" (a middle initial: below)
                around = n > 1 and other[0] == words[0] and other[-1] == words[-1]
                holds = holds or (around and not initial)
                ends = False
            else:
                holds, ends = False, words[-len(other) :] == other
            if (holds or ends or initial) and not is_unnamed(speaker.name):
                (fuller if holds else shorter).append(speaker.name)
        return fuller, shorter

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
                Reason.UNKNOWN_ARTICLE, f"no article {quoted(wanted)} in the index", value=wanted
            )
        raise UsageError(
            Reason.AMBIGUOUS_ARTICLE,
            f"{quoted(wanted)} matches {len(matches)} articles",
            value=wanted,
            candidates=[a.id for a in matches[:5]],
            count=len(matches),
        )


@dataclasses.dataclass(frozen=True, slots=True)
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
    manifest, pin = _pinned(index_dir, build_if_missing, progress, notes)
    data_dir = index_dir / manifest.generation
    damage = check(data_dir, manifest.files, deep=False, always=_VITAL)
    if damage:
        raise IndexCorrupt(
            Reason.DAMAGED,
            f"the index at {index_dir} is damaged: " + ", ".join(map(str, damage[:3])),
            path=index_dir,
        )
    # One searcher for all of this index's queries (``engine.whoosh.reader``).
    reader = open_reader(data_dir, index_dir, keep=True)
    vocabulary = open_vocabulary(data_dir)
    index = Index(index_dir, manifest, reader, vocabulary, Stemmer(vocabulary), pin)
    return Opened(index, tuple(notes))


#: The tables every query reads, checked in full at every open (with the small files).
_VITAL = frozenset({VOCABULARY, ALIASES})
#: How many times a query reads the manifest again when a build has just swept the
#: generation it named (each time, a newer manifest names a newer generation).
_PIN_TRIES = 20


def _pinned(
    index_dir: Path, build_if_missing: bool, progress: ProgressCallback | None, notes: list[str]
) -> tuple[Manifest, Pin]:
    """The current manifest, with its generation pinned (building first if need be)."""
    manifest = read_manifest(index_dir)
    if manifest is None:
        _first_build(index_dir, build_if_missing, progress, notes)
        manifest = None
    elif manifest.schema_version != SCHEMA_VERSION:
        _rebuild(index_dir, manifest, build_if_missing, progress, notes)
        manifest = None
    return pin_current(index_dir, manifest)


def pin_current(index_dir: Path, read: Manifest | None = None) -> tuple[Manifest, Pin]:
    """The manifest on disk (``read``, if just read), with its generation pinned;
    ``IndexNotFound`` if there is none."""
    for _ in range(_PIN_TRIES):
        manifest, read = read or read_manifest(index_dir), None
        if manifest is None:
            raise IndexNotFound(
                Reason.NO_INDEX, f"no leisearch index at {index_dir}", path=index_dir
            )
        pin = pin_generation(index_dir / manifest.generation)
        if pin is not None:
            return manifest, pin
        again = read_manifest(index_dir)
        if again is None or again.generation == manifest.generation:
            break  # not swept by a newer build: the manifest names a folder that is gone
    raise IndexCorrupt(
        Reason.DAMAGED,
        f"the index at {index_dir} is damaged: its generation folder is missing",
        path=index_dir,
    )


def _first_build(
    index_dir: Path, build_if_missing: bool, progress: ProgressCallback | None, notes: list[str]
) -> None:
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
    with locked(index_dir, wait=True) as lock:
        manifest = read_manifest(index_dir)
        if manifest is None:
            notes.append(f"no index yet: building one from {corpus} (once)")
            report = build_locked([corpus], index_dir, True, progress, None, lock)
            notes.append(f"{report.summary()} → {index_dir}")


def _rebuild(
    index_dir: Path,
    manifest: Manifest,
    build_if_missing: bool,
    progress: ProgressCallback | None,
    notes: list[str],
) -> None:
    from .build import build_locked

    # Several queries may meet the old index at once: the first rebuilds it, the
    # others wait for the lock and find it done.
    with locked(index_dir, wait=True) as lock:
        current = read_manifest(index_dir)
        if current is not None and current.schema_version == SCHEMA_VERSION:
            return  # rebuilt by another query meanwhile
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
        notes.append(f"the index at {index_dir} is from another leisearch version: rebuilding it")
        report = build_locked(sources, index_dir, True, progress, None, lock)
        notes.append(report.summary())


#: Hyphens in a name, which a user may type as spaces (``Holtz Eakin``).
_HYPHENS = str.maketrans("-\u2010\u2011", "   ")


def _key(name: str) -> str:
    """A speaker's name as ``Index.speaker`` compares it: case and accents folded, and
    initials however dotted and spaced (``J.R. Okafor``, ``JR Okafor``, ``J. R. Okafor``).

    >>> _key("J. R. Økafor"), _key("Paul D. Ryan"), _key("Dr. Roe")
    ('jr okafor', 'paul d ryan', 'dr. roe')
    """
    folded = fold_accents(name).casefold()
    if _INITIAL.search(folded) is None:  # (most names: no initial to read)
        return folded
    words = _INITIAL_DOT.sub(" ", folded).split()
    # A run of single letters is one set of initials: "j r okafor" is "jr okafor".
    runs = itertools.groupby(words, key=lambda word: len(word) == 1)
    return " ".join(word for single, run in runs for word in (["".join(run)] if single else run))


#: A nickname in quotes inside a name typed for ``--speaker`` (``Robert "Bobby" Tran``).
_NICKNAME = re.compile(r"\s[\"\u201c\u2018'][^\"\u201d\u2019']{1,20}[\"\u201d\u2019']\s")
#: A dot after a single letter: an initial's.
_INITIAL_DOT = re.compile(r"(?<=\b[^\W\d_])\.")
#: Initials to read: a letter and a dot, or two single letters (``j.``, ``j r``).
_INITIAL = re.compile(r"\b[^\W\d_](?:\.|\s+[^\W\d_]\b)")


def _untitled(name: str) -> str:
    """A name typed for ``--speaker`` without an office before it (``Mayor van der Berg``:
    ``van der Berg``); the name as typed if it has none, or is the office alone.

    >>> _untitled("Mayor van der Berg"), _untitled("Mayor"), _untitled("Ann Roe")
    ('van der Berg', 'Mayor', 'Ann Roe')
    """
    from leisearch.quotes.words import OPENING_TITLE_WORDS, TITLE_ABBREVIATIONS, TITLE_WORDS

    first, _, rest = name.partition(" ")
    office = first.casefold().rstrip(".")
    offices = TITLE_WORDS | OPENING_TITLE_WORDS | set(TITLE_ABBREVIATIONS)
    return rest.strip() if rest.strip() and office in offices else name


def _meta_of(row: tuple[str, ...]) -> ArticleMeta:
    """An ``articles.tsv`` row (id, date, source, author, URL) as its metadata."""
    return ArticleMeta(*row[1:5]) if len(row) >= 5 else ArticleMeta()


def _print_of(paragraph: Stored | Head) -> Print:
    """A paragraph's print as the index keeps it (``text.copies.print_bytes``), or made
    from its text if it was read without one."""
    data = paragraph.print_data
    if data is not None:
        return print_from(data)
    return print_of(in_full(paragraph).text)


def _holds(words: list[str], wanted: list[str]) -> bool:
    """Whether ``wanted`` is a run of ``words``.

    >>> _holds(["a", "senn", "water", "spokeswoman"], ["senn", "water"])
    True
    """
    n = len(wanted)
    return n > 0 and any(words[i : i + n] == wanted for i in range(len(words) - n + 1))


def _without_initials(words: list[str]) -> list[str]:
    """A name's words less its middle initials (``paul d. ryan``: paul ryan).

    >>> _without_initials(["paul", "d.", "ryan"]), _without_initials(["j.", "smith"])
    (['paul', 'ryan'], ['j.', 'smith'])
    """
    middle = [w for w in words[1:-1] if len(w.rstrip(".")) > 1]
    return [*words[:1], *middle, *words[-1:]] if len(words) > 2 else words
