"""The index folder's own files beside Whoosh's: the manifest and two tables.

``leisearch.json``, the manifest, is the one file replaced to switch an index
to a new generation: every build writes a generation of its own and commits
by renaming a new manifest into place (``write_atomic``, flushed to the disk
before and after), so a reader sees the old index or the new one, never half.
It is three lines of JSON (see ``Manifest``), so that a query parses only what
it needs. It records every file of its generation with a size and a checksum
(``integrity``). A generation folder holds the backend's files,
``vocabulary.txt`` (see ``vocabulary``) and ``aliases.json``, the speaker
alias table.

Damage found in any of them is ``IndexCorrupt`` (reason ``damaged``: the
remedy is a rebuild).
"""

from __future__ import annotations

import heapq
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, overload

from leisearch import models
from leisearch.errors import IndexCorrupt, IndexNotFound, Reason
from leisearch.version import __version__

if TYPE_CHECKING:
    from leisearch.models import ArticleInfo, SpeakerInfo

from .integrity import FileRecord, sync_folder
from .vocabulary import Vocabulary

#: Bump when the schema, the analyzer or the cleaning rules change what is indexed:
#: an index of another version is rebuilt from its recorded sources, with a note.
#: 7: every build a generation of its own, file records, word counts in the vocabulary.
#: 8: each article's date, source, author and URL (articles.tsv; date, source, age fields).
#: 9: accents folded in stems (café is cafe); long blocks cut; datelines removed.
#: 10: each paragraph's quotations by fingerprint (``said``), for their copies.
#: 11: the quotations' keys in quotes.tsv, not in the manifest's article list.
#: 12: each paragraph's place (article, paragraph) in a column, to settle ties.
#: 13: each paragraph's print (``text.copies.print_bytes``) in a column, for folding.
#: 14: a plain-text block of long lines is a paragraph a line (``ingest.plain``), which
#:     numbers paragraphs otherwise; quotations between two apostrophes (``''``).
#: 15: a file's source from the site's name before the date in its name, as an
#:     archive writes it (``ingest.assemble.name_source``), before its folder's; the
#:     source term without spaces, hyphens and underscores (``source_term``).
#: 16: a JSON record's (or an extractor's) block of long lines is a paragraph a line,
#:     as in plain text, and its hard-wrapped lines one paragraph
#:     (``ingest.plain.split_text``); an organisation of one word keeps its article as a
#:     speaker ("The Hill").
#: 17: a syndicated story's pointer to the rest of it ("Read the rest here.") is page
#:     furniture; a pronoun resolved to a surname several people share is the full name
#:     a name would be (``quotes.resolution.referent``); a front matter's ``date: 2016``
#:     (a number) is a year.
#: 18: accents folded from the letters Unicode does not decompose (``ł``, ``ø``, ``ß``,
#:     ``æ``: ``text.words.fold_accents``); a line of ``By`` and names alone is a byline;
#:     a surname several people share, after an honorific that says a sex (``Mr.``) or a
#:     title (``Dr.``), is the one of them of that sex, or given that title
#:     (``quotes.resolution.settle``); guillemets are quote marks (``«…»``, ``»…«``).
#: 19: a dateline's byline may name a person whose name begins as a month or a day is
#:     abbreviated (``By Marcus Bell, March 24, 2024``: ``ingest.clean.dateline_date``);
#:     a role before a given name the census list lacks and a surname goes
#:     (``Shopkeeper Dev Patel``: ``quotes.names.person_of``); a block of a byline's
#:     line and a date's is a dateline (``ingest.clean.byline_and_date``), and an article
#:     whose file names no author takes its byline's (``ingest.clean.byline_author``);
#:     ``al-Rashid said`` names a speaker (``quotes.phrases.clean_speaker``); a quote
#:     alone in its paragraph after ``X said:`` is X's (``quotes.attribution``); a
#:     name's ``II``, ``III``, ``IV`` go as ``Jr.`` does, and ``Jr.`` before a quote
#:     mark ends its sentence (``quotes.sentences``); ``Owner``, ``Farmer`` … go before
#:     a full name, and ``Ó Briain`` is a name (``quotes.names``); a source's term
#:     drops an opening ``the`` (``service.documents.source_term``); a press release's
#:     marks and ``About`` its organisation are cut (``ingest.clean``); one label that
#:     answers question lines is an interview's turns (``quotes.transcripts``); a
#:     sentence of two words after a quote's attribution is speech (``quotes.speech``);
#:     a colon after a sentence that opens with a role and a name is that person's
#:     (``quotes.resolution.colon_cue``); a plain text's wraps are joined
#:     (``ingest.assemble.unwrapped``); a wire story's credits are cut, and a byline's
#:     role may be in lower case (``ingest.clean``); a label with an honorific is the
#:     person named (``MR. SMITH:``); what a sign "that said" is no one's words.
#: 20: quotations over several paragraphs in single marks (``quotes.spans``); a
#:     parliament's and an interviewer's transcript labels, one person's labels counted
#:     together (``quotes.transcripts``); Irish surnames, titles of other presses, an
#:     office alone is no name, what a role is of is no person (``quotes.names``);
#:     ``the Minister`` is the office's holder, ``the peer``, ``the Kerryman``
#:     (``quotes.resolution``); cues after ``Y said, adding``, a topic before the
#:     speaker, a label after a quote; a byline's role line, a section's label and a
#:     date, a copyright's holder, trailers after ``Comments (3)`` or ``Read more``
#:     (``ingest.clean``); a page's ``<q>`` and pull quotes (``ingest.html_page``);
#:     no initial or title as a speaker's alias (``quotes.aliases``); two words a sentence
#:     goes on after are a term, a clause after an inverted verb no speaker, a sign's
#:     words no one's, a quote signed with a dash its signer's (``quotes.speech``,
#:     ``quotes.cues``); an author is a person, without a writer's role
#:     (``ingest.meta``); a nickname and the surname are the full name.
#: 21: the ``age``, ``place`` and ``print`` columns write where each value starts in
#:     every segment, not only past 32,768 paragraphs, so a query reads them from the
#:     file's map without adding up its lengths (``engine.whoosh.offsets``).
SCHEMA_VERSION = 21
MANIFEST = "leisearch.json"
VOCABULARY = "vocabulary.txt"
ALIASES = "aliases.json"
COPIES = "copies.tsv"
ARTICLES = "articles.tsv"
QUOTES = "quotes.tsv"
#: leisearch's own files in a generation, beside the backend's.
OWN_FILES = (VOCABULARY, ALIASES, COPIES, ARTICLES, QUOTES)
T = TypeVar("T")


class Deferred(Sequence[T]):
    """A sequence made by ``load`` on first use (the manifest's article list)."""

    def __init__(self, load: Callable[[], Iterable[T]]) -> None:
        self._load: Callable[[], Iterable[T]] | None = load
        self._items: tuple[T, ...] = ()

    def _loaded(self) -> tuple[T, ...]:
        load = self._load
        if load is not None:
            self._items, self._load = tuple(load()), None
        return self._items

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[T]: ...
    def __getitem__(self, index: int | slice) -> T | Sequence[T]:
        return self._loaded()[index]

    def __len__(self) -> int:
        return len(self._loaded())

    def __iter__(self) -> Iterator[T]:
        return iter(self._loaded())

    def __repr__(self) -> str:
        return repr(self._loaded())

    def once(self) -> Iterable[T]:
        """The items, made again and not kept if they were not yet (for one pass over
        a long list that the caller holds otherwise)."""
        return self._items if self._load is None else self._load()


@dataclass(frozen=True, slots=True)
class Manifest:
    """The contents of ``leisearch.json``.

    On disk it is three lines of JSON: everything but the article and speaker
    lists, then the articles, then the speakers. A query reads only the first
    line's fields; the lists, some 2 MB at 10,000 articles, are parsed when
    first used (``articles``, ``--article``, ``--speaker``, ``stats``).
    """

    schema_version: int
    built_at: str
    sources: tuple[str, ...]
    articles: Sequence[ArticleInfo]
    speakers: Sequence[SpeakerInfo] = ()
    #: The folder (inside the index folder) that holds this generation's files.
    generation: str = ""
    #: Each ``leisearch.aliases`` file read so far (resolved path -> its table).
    alias_files: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    #: Every file of the generation, as the build wrote it (name -> size and checksum).
    files: Mapping[str, FileRecord] = field(default_factory=dict)

    def lines(self) -> Iterator[str]:
        """The manifest's text, a piece at a time: three lines of JSON (the rest, the
        articles, the speakers). The articles' line is made an article at a time, as a
        list of 30,000 articles' dicts and their JSON took 60 MB at once."""
        header = {
            "schema_version": self.schema_version,
            "leisearch_version": __version__,
            "generation": self.generation,
            "alias_files": {path: dict(table) for path, table in self.alias_files.items()},
            "built_at": self.built_at,
            "sources": list(self.sources),
            "files": {name: [r.size, r.crc32] for name, r in self.files.items()},
        }
        yield json_line(header)
        articles = self.articles
        if isinstance(articles, ArticleList):  # (held as their JSON already)
            yield from json_list_line(articles.json_items())
        else:
            yield from json_list_line(map(article_json, articles))
        yield from json_list_line(_compact(s.to_json()) for s in self.speakers)

    def verify(self) -> None:
        """Parse the article and speaker lists without keeping them: damage raises here
        (``from_bytes``'s ``damaged``). An update checks the manifest it starts from, then
        holds its articles as ``records``, not as this list too."""
        for items in (self.articles, self.speakers):
            for _ in _one_pass(items):
                pass

    def records(self) -> ArticleRecords:
        """The articles as a build holds them (``ArticleRecords``), read from the file
        without keeping the list here as well."""
        return ArticleRecords(_one_pass(self.articles))

    @classmethod
    def from_bytes(cls, raw: bytes, damaged: Callable[[Exception], Exception]) -> Manifest:
        """Parse ``lines``' output, as the file holds it; ``damaged`` makes the error
        for a bad list. Only the first line is decoded now (a query needs no more)."""
        first, _, rest = raw.partition(b"\n")
        data = json.loads(first)

        def raw_list(number: int, key: str) -> Any:
            if key in data:
                # One JSON object: the format before schema version 5 (then rebuilt). A
                # list is copied: a list is emptied as it is parsed (``_guarded``).
                value = data[key]
                return list(value) if isinstance(value, list) else value
            try:
                return json.loads(rest.split(b"\n", 2)[number])
            except (ValueError, IndexError) as error:
                raise damaged(error) from error

        return cls(
            schema_version=int(data["schema_version"]),
            built_at=str(data.get("built_at", "")),
            sources=tuple(str(s) for s in data.get("sources", [])),
            articles=Deferred(lambda: _guarded(_articles, raw_list(0, "articles"), damaged)),
            speakers=Deferred(lambda: _guarded(_speakers_of, raw_list(1, "speakers"), damaged)),
            generation=str(data.get("generation", "")),
            alias_files={
                str(path): {str(k): str(v) for k, v in table.items()}
                for path, table in data.get("alias_files", {}).items()
            },
            files={
                str(name): FileRecord(int(size), int(crc))
                for name, (size, crc) in data.get("files", {}).items()
            },
        )


def _one_pass(items: Sequence[T]) -> Iterable[T]:
    """``items`` for one pass: a ``Deferred`` list is made, not kept (``Deferred.once``)."""
    return items.once() if isinstance(items, Deferred) else items


def json_line(data: Any) -> str:
    return _compact(data) + "\n"


def json_list_line(items: Iterable[str]) -> Iterator[str]:
    """``json_line`` of a list, from each item's JSON, a piece at a time: "[", the
    items joined by ",", "]" (a list of 100,000 articles' or 70,000 speakers' dicts,
    and one string of it all, took tens of MB at once).

    >>> "".join(json_list_line(['"a"', "{}"])) == json_line(["a", {}])
    True
    """
    yield "["
    for n, item in enumerate(items):
        yield ("," if n else "") + item
    yield "]\n"


def json_table_line(table: Mapping[str, str]) -> Iterator[str]:
    """``json_line`` of a table of strings, a pair at a time.

    >>> "".join(json_table_line({"a": "b", "é": "\\n"})) == json_line({"a": "b", "é": "\\n"})
    True
    """
    yield "{"
    for n, (key, value) in enumerate(table.items()):
        yield f"{',' if n else ''}{_compact(key)}:{_compact(value)}"
    yield "}\n"


def _compact(data: Any) -> str:
    """Compact JSON, UTF-8 as written, but for a file name's bytes that are not text
    (surrogates, as the system gives them), escaped: the file stays UTF-8, and reading
    it gives the same path back.

    >>> _compact({"path": "caf\\udce9.txt", "é": 1})
    '{"path":"caf\\\\udce9.txt","é":1}'
    """
    dumped = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


_SURROGATE = re.compile("[\ud800-\udfff]")


def article_json(a: ArticleInfo) -> str:
    """An article as the manifest's list holds it: one JSON object, compact."""
    article = {
        "id": a.id,
        "title": a.title,
        "paragraphs": a.paragraphs,
        "path": a.path,
        "removed": dict(a.removed),
        **({"file": a.file_id} if a.file_id else {}),
        "sha256": a.digest,
    }
    return _compact(article)


def _articles(data: Iterable[Any]) -> Iterator[ArticleInfo]:
    for a in data:
        yield models.ArticleInfo(
            str(a["id"]),
            str(a["title"]),
            int(a["paragraphs"]),
            str(a["path"]),
            str(a.get("sha256", "")),
            {str(rule): int(n) for rule, n in a.get("removed", {}).items()},
            file_id=str(a.get("file", "")),
        )


class ArticleRecords(MutableMapping[str, "ArticleInfo"]):
    """Articles by id, each held as its JSON in the manifest (``article_json``, in
    UTF-8) and made an ``ArticleInfo`` again when looked at. An update holds one for
    every article of the index it starts from until it writes the manifest (a
    build's new articles go to sorted runs on the disk: ``in_order``'s ``added``):
    the JSON takes about 340 bytes where the objects took 540 (an id, a title, a
    path and a hash; ``tests/test_manifest.py``), so 100,000 articles hold 34 MB,
    not 54. What a build does with them (an update's checks, the manifest's list,
    the report's counts) reads each a few times.
    """

    __slots__ = ("_json",)

    def __init__(self, articles: Iterable[ArticleInfo] = ()) -> None:
        self._json: dict[str, bytes] = {a.id: article_json(a).encode() for a in articles}

    def __getitem__(self, article_id: str) -> ArticleInfo:
        return _article_of(self._json[article_id])

    def __setitem__(self, article_id: str, info: ArticleInfo) -> None:
        if info.id != article_id:
            raise ValueError(f"article {info.id!r} filed under {article_id!r}")
        self._json[article_id] = article_json(info).encode()

    def __delitem__(self, article_id: str) -> None:
        del self._json[article_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._json)

    def __len__(self) -> int:
        return len(self._json)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._json

    def in_order(self, added: Callable[[], Iterable[tuple[str, ...]]] = tuple) -> ArticleList:
        """Every article, by id, with those ``added`` gives (each article's id and JSON,
        by id: ids these records do not hold): the manifest's list."""
        return ArticleList(self._json, added)


class ArticleList(Deferred["ArticleInfo"]):
    """``ArticleRecords``' articles and more, by id, for the manifest (see ``in_order``).

    ``Manifest.lines`` writes each one's JSON as it is (``json_items``): the records'
    as they hold it, the others' as ``added`` reads it (a build's new articles, from
    sorted runs on the disk: ``store.tables.SortedRows``), an article at a time. As a
    sequence, the list is made on first use (``Deferred``).
    """

    def __init__(
        self, held: Mapping[str, bytes], added: Callable[[], Iterable[tuple[str, ...]]] = tuple
    ) -> None:
        self._held, self._added = held, added
        super().__init__(lambda: map(_article_of, self.json_items()))

    def json_items(self) -> Iterator[str]:
        """Each article's JSON, by id."""
        held = ((i, self._held[i].decode()) for i in sorted(self._held))
        return (row[1] for row in heapq.merge(held, self._added(), key=_first))


def _first(row: tuple[str, ...]) -> str:
    return row[0]


def _article_of(text: str | bytes) -> ArticleInfo:
    return next(_articles([json.loads(text)]))


def _speakers_of(data: Iterable[Any]) -> Iterator[SpeakerInfo]:
    for s in data:
        levels = s["by_confidence"]
        counts = (int(levels["low"]), int(levels["medium"]), int(levels["high"]))
        yield models.SpeakerInfo(str(s["speaker"]), int(s["quotes"]), tuple(s["aliases"]), counts)


def _guarded(
    parse: Callable[[Iterable[Any]], Iterator[T]],
    data: list[Any],
    damaged: Callable[[Exception], Exception],
) -> Iterator[T]:
    """``parse``'s items, each decoded item let go as it is parsed (``drained``): 100,000
    articles' dicts take 100 MB; damage found on the way is ``damaged``'s error."""
    try:
        yield from parse(drained(data))
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise damaged(error) from error


def drained(items: list[T]) -> Iterator[T]:
    """Each of ``items`` in order, taken out of the list as it is handed out (the list
    is empty at the end): a long list's items are let go one by one as they are used.

    >>> items = [1, 2, 3]
    >>> [(item, len(items)) for item in drained(items)], items
    ([(1, 2), (2, 1), (3, 0)], [])
    """
    items.reverse()
    while items:
        yield items.pop()


def not_a_file(index_dir: Path) -> None:
    if index_dir.exists() and not index_dir.is_dir():
        raise IndexNotFound(
            Reason.IS_A_FILE, f"{index_dir} is a file, not an index folder", path=index_dir
        )


def read_manifest(index_dir: Path) -> Manifest | None:
    """The manifest, ``None`` when there is none; ``IndexCorrupt`` when unreadable."""
    not_a_file(index_dir)
    path = index_dir / MANIFEST
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise IndexCorrupt(
            Reason.UNREADABLE, f"cannot read {path}: {error.strerror}", path=index_dir
        ) from error

    def damaged(error: Exception) -> IndexCorrupt:
        return IndexCorrupt(Reason.DAMAGED, f"the index manifest {path} is damaged", path=index_dir)

    try:
        return Manifest.from_bytes(raw, damaged)
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise damaged(error) from error


def write_atomic(path: Path, text: str | Iterable[str], durable: bool = False) -> None:
    """Write ``text`` (or its pieces, one after another) beside ``path`` and rename it
    into place, so readers never see half.

    ``durable``: the file reaches the disk before the rename, and the rename (the
    folder's entry) after it, so that a power cut leaves the old file or the new one.
    """
    import tempfile  # (builds only: a query does not pay for its import)

    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp makes the file private; an index is as readable as its folder.
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        # newline="": "\n" on every platform (the vocabulary's lookups split on it).
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.writelines([text] if isinstance(text, str) else text)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
        if durable:
            sync_folder(path.parent)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _damaged(name: str, data_dir: Path) -> IndexCorrupt:
    return IndexCorrupt(Reason.DAMAGED, f"{name} in {data_dir} is damaged", path=data_dir.parent)


def load_aliases(data_dir: Path) -> dict[str, str]:
    """The speaker alias table of a generation (``aliases.json``); {} if absent."""
    try:
        with open(data_dir / ALIASES, encoding="utf-8") as handle:
            table = json.load(handle)
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        raise _damaged(ALIASES, data_dir) from error
    return table if isinstance(table, dict) else {}


def open_vocabulary(data_dir: Path) -> Vocabulary:
    """The vocabulary of a generation (``vocabulary.txt``); empty if absent."""
    try:
        return Vocabulary.open(data_dir / VOCABULARY)
    except (OSError, ValueError) as error:
        raise _damaged(VOCABULARY, data_dir) from error
