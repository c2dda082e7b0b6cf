"""The index backend as the rest of leisearch sees it: documents in, stored paragraphs out.

One document per paragraph, with these fields:

``article``
    the article id, matched exactly (``Term``) or by prefix (``Prefix``);
``text``
    the paragraph with its article's headline after it, analysed into stems
    with positions (``Term``, ``Phrase``): a paragraph is found by its
    headline's words too, each weighing less than its own (the backend says
    how much); the paragraph alone is stored;
``speaker``
    one term per speaker quoted, and per confidence level reached (see
    ``service.documents.speaker_term``);
``date``
    the article's day, ``YYYY-MM-DD`` (``Range`` over it; results can be
    sorted by it, newest first);
``source``
    the article's source, case and spacing folded (``Term``);
``title``, ``paragraph``, ``quotes``
    stored only;
``print``
    kept only: the backend makes it from the paragraph's text at index time
    (``text.copies.print_bytes``) and gives it back with the paragraph
    (``Stored.print_data``), and with a ranked result's ``Head``.

A search's results (``Ranked``) may be read only when looked at (a Whoosh
ranked search's are); each one's ``Head`` (article, paragraph, score and print)
comes without reading its stored fields, which is all that folding copies needs.

Queries are small frozen trees (``Term``, ``Phrase``, ``Prefix``, ``Range``, ``AnyOf``,
``AllOf``, ``Not``, ``Without``, ``Every``) that a backend translates into its
own. Ranking is the backend's (Whoosh: BM25F). A backend raises
``IndexCorrupt`` for damage it finds while reading, and ``IndexUnwritable``
when it cannot write.

The records are typed named tuples, not dataclasses: this module is on the
query path, and a named tuple class costs a tenth of a dataclass to create
(about 0.1 ms against 1 ms each, measured). They are compared by type where
it matters (``isinstance``), never by value across types.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from typing import Any, NamedTuple, Protocol, TypeVar, overload

#: A stored quotation: ``(start, end, speaker, cue, confidence)`` in the paragraph's text.
StoredQuote = tuple[int, int, str | None, str, str]


class Document(NamedTuple):
    """One paragraph to write."""

    article: str
    title: str
    paragraph: int
    text: str
    #: The ``speaker`` terms of the paragraph.
    speakers: tuple[str, ...]
    quotes: tuple[StoredQuote, ...]
    #: The article's day (``YYYY-MM-DD``) and source term; "" when it has none.
    date: str = ""
    source: str = ""
    #: The fingerprints of the attributed quotations (``text.copies.text_key``).
    said: tuple[str, ...] = ()


class Stored(NamedTuple):
    """One paragraph read back, with its score when a ranked search found it."""

    article: str
    title: str
    paragraph: int
    text: str
    quotes: tuple[StoredQuote, ...]
    score: float = 0.0
    #: What folding compares of the paragraph (``text.copies.print_bytes``), as the
    #: backend keeps it; ``None`` if it keeps none (then it is made from the text).
    print_data: bytes | None = None
    #: The article's day as the backend keeps it with the paragraph (``Document.date``:
    #: the start of the article's date, "" for none); ``None`` if it keeps none.
    day: str | None = None


class Head(NamedTuple):
    """What a ranked search knows of a result without reading its stored fields: where
    it is, its score and its print. Folding copies needs no more, and most of a
    search's candidates are copies folded away where an archive is full of them."""

    article: str
    paragraph: int
    score: float
    print_data: bytes | None
    #: Reads the rest: the result in full (as the search's results give it).
    read: Callable[[], Stored]
    #: The article's day, as ``Stored.day``.
    day: str | None = None


def in_full(result: Stored | Head) -> Stored:
    """A result read in full: a ``Head`` reads its stored fields now."""
    return result.read() if isinstance(result, Head) else result


class Ranked(Sequence[Stored]):
    """A search's results, best first: each in full (a backend may read it only when
    it is looked at), and its ``Head`` without reading it."""

    __slots__ = ()

    @abstractmethod
    def head(self, at: int) -> Head: ...


class Listed(Ranked):
    """Results read in full already (``Ranked`` over a list)."""

    __slots__ = ("_found",)

    def __init__(self, found: Sequence[Stored]) -> None:
        self._found = found

    def __len__(self) -> int:
        return len(self._found)

    @overload
    def __getitem__(self, i: int) -> Stored: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[Stored]: ...
    def __getitem__(self, i: int | slice) -> Stored | Sequence[Stored]:
        return self._found[i]

    def head(self, at: int) -> Head:
        found = self._found[at]
        return Head(
            found.article, found.paragraph, found.score, found.print_data, lambda: found, found.day
        )


K = TypeVar("K", bound=tuple[Any, ...])


def _by_kind(kind: type[K]) -> type[K]:
    """A kind of query whose queries equal only queries of their kind. Named tuples
    compare as tuples, whatever their class: ``AnyOf(parts) == AllOf(parts)`` would be
    true, and a searcher's memo keyed by a query (a filter's documents, its last
    ranking) would answer one with the other's. (Hashes stay the tuple's: equal
    queries hash alike still.)

    >>> parts = (Term("text", "sea"), Term("text", "stars"))
    >>> AnyOf(parts) == AllOf(parts), AnyOf(parts) != AllOf(parts), AnyOf(parts) == AnyOf(parts)
    (False, True, True)
    """
    setattr(kind, "__eq__", _same_kind)  # noqa: B010 (a NamedTuple's class body cannot)
    setattr(kind, "__ne__", lambda query, other: not _same_kind(query, other))  # noqa: B010
    return kind


def _same_kind(query: tuple[Any, ...], other: object) -> bool:
    return type(query) is type(other) and tuple.__eq__(query, other)


@_by_kind
class Term(NamedTuple):
    field: str
    text: str
    boost: float = 1.0


@_by_kind
class Phrase(NamedTuple):
    field: str
    words: tuple[str, ...]
    boost: float = 1.0


@_by_kind
class Range(NamedTuple):
    """Terms of ``field`` from ``low`` to ``high``, both included ("" for open)."""

    field: str
    low: str
    high: str


@_by_kind
class Prefix(NamedTuple):
    field: str
    text: str


@_by_kind
class AnyOf(NamedTuple):
    """Ranked OR: a document with more of the parts scores higher."""

    parts: tuple[Query, ...]


@_by_kind
class AllOf(NamedTuple):
    parts: tuple[Query, ...]


@_by_kind
class Not(NamedTuple):
    """Inside ``AllOf``: documents that do not match ``query``."""

    query: Query


@_by_kind
class Without(NamedTuple):
    """``query``, leaving out what ``excluded`` matches."""

    query: Query
    excluded: Query


@_by_kind
class Every(NamedTuple):
    """Every document with any term in ``field``. The terms that hold ``skipping`` (if
    given) need not be read: the caller knows that a document with one of them has
    another term without it."""

    field: str
    skipping: str = ""


Query = Term | Phrase | Prefix | Range | AnyOf | AllOf | Not | Without | Every


class Searcher(Protocol):
    """Reads one consistent view of the index."""

    def search(
        self,
        query: Query,
        *,
        limit: int | None,
        filter: Query | None = None,
        newest_first: bool = False,
    ) -> Ranked:
        """The best ``limit`` documents (all with ``None``), best first; with
        ``newest_first``, the newest first (by ``date``; undated ones last), unscored.
        Documents that score the same (or, newest first, share a day) come by article
        and paragraph, so which of them make the best ``limit`` does not depend on how
        the build numbered them. A backend may read each one's stored fields only when
        it is looked at."""
        ...

    def documents(self, query: Query) -> list[Stored]:
        """Every document ``query`` matches, unranked."""
        ...

    def doc_frequency(self, field: str, term: str) -> int:
        """How many documents hold ``term`` in ``field`` (deleted ones not counted)."""
        ...

    def doc_count(self) -> int:
        """How many documents the index holds (deleted ones not counted)."""
        ...


class Reader(Protocol):
    """An opened index, for reading."""

    def searcher(self) -> AbstractContextManager[Searcher]: ...

    def close(self) -> None:
        """Close what the reader keeps open between searches (nothing, unless it keeps a
        searcher)."""
        ...

    def reopened(self) -> Reader:
        """A reader of the same index with files of its own, for a forked process: a
        fork shares its parent's open files, and with them where each is read from."""
        ...


class Writer(Protocol):
    """Writes documents into an index: all of them, at ``commit``, or none."""

    def add(self, document: Document) -> None: ...

    def delete_article(self, article_id: str) -> None: ...

    def finish(self) -> None:
        """No more documents come: a writer whose work goes on elsewhere (in other
        processes) has it finish while the caller does something else, until
        ``commit``."""
        ...

    def commit(self) -> Reader:
        """Make the writes visible; the index, for reading."""
        ...

    def cancel(self) -> None: ...
