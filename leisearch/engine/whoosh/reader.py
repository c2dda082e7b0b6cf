"""Reading a Whoosh index: protocol queries in, ``Stored`` paragraphs out.

A reader opened with ``keep=True`` (a query's index) opens one Whoosh searcher
on first use and hands it to every ``searcher()`` block until ``close``: a
warm caller's queries share its term statistics, its open columns and the
document sets of its filters, which a searcher of its own would read again
each time (a generation never changes, so none of it goes stale). The kept
searcher is closed by ``close``, or when the reader is collected: its files
are never left open for the garbage collector to complain about. A filter's
documents are found once per searcher (``WhooshSearcher.search``): ``quotes``
filters every query by ``Every("speaker")``, whose documents Whoosh would
otherwise gather again for each query from every speaker term's postings.

A damaged segment makes Whoosh raise almost anything (a bare ``Exception``
for a truncated posting block, ``UnicodeEncodeError`` for a cut stored
field): whatever comes up through Whoosh's code while reading is damage, and
becomes ``IndexCorrupt``; anything raised by leisearch's own code is a bug and
goes up as it is.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import mmap
import os
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple, overload

import whoosh
from whoosh import index as whoosh_index
from whoosh.columns import VarBytesColumn

from leisearch.engine.protocol import (
    AllOf,
    Every,
    Head,
    Listed,
    Query,
    Ranked,
    Reader,
    Stored,
    Term,
)
from leisearch.errors import IndexCorrupt, LeisearchError, QueryError, Reason
from leisearch.kept import Kept

from . import topk
from .light import ReaderSearcher
from .offsets import MappedArray
from .schema import INDEX_NAME, day_of
from .scoring import Bm25


def open_reader(data_dir: Path, index_dir: Path, *, keep: bool = False) -> Reader:
    """The index in ``data_dir`` (a generation of the index folder ``index_dir``); with
    ``keep``, one searcher serves every ``searcher()`` block until ``close``."""
    return WhooshReader(data_dir, index_dir, _open(data_dir, index_dir), keep=keep)


def _open(data_dir: Path, index_dir: Path) -> Any:
    try:
        return whoosh_index.open_dir(str(data_dir), indexname=INDEX_NAME, readonly=True)
    except Exception as error:  # Whoosh raises many types for a damaged index
        raise IndexCorrupt(
            Reason.DAMAGED,
            f"the index at {index_dir} cannot be opened ({type(error).__name__})",
            path=index_dir,
        ) from error


class WhooshReader:
    """An opened Whoosh index (the ``Reader`` of ``engine.protocol``)."""

    def __init__(self, data_dir: Path, index_dir: Path, ix: Any, *, keep: bool = False) -> None:
        self._data_dir = data_dir
        self._index_dir = index_dir
        self._ix = ix
        self._keep = keep
        self._kept: WhooshSearcher | None = None
        self._closer: weakref.finalize[Any, Any] | None = None

    @contextlib.contextmanager
    def searcher(self) -> Iterator[WhooshSearcher]:
        try:
            if self._keep:
                if self._kept is None:
                    self._kept = WhooshSearcher(self._ix)
                    self._closer = weakref.finalize(self, self._kept.close)
                yield self._kept
            else:
                searcher = WhooshSearcher(self._ix)
                try:
                    yield searcher
                finally:
                    searcher.close()
        except RecursionError as error:
            raise QueryError(Reason.TOO_COMPLEX, "the query is too complex to run") from error
        except (LeisearchError, ImportError):
            # (An import fails in Whoosh's files only where Whoosh is broken: whoosh.searching,
            # imported at the first query that needs it. Rebuilding the index would not help.)
            raise
        except Exception as error:
            if not _raised_in_whoosh(error):
                raise
            raise IndexCorrupt(
                Reason.DAMAGED,
                f"the index at {self._index_dir} is damaged ({type(error).__name__}: {error})",
                path=self._index_dir,
            ) from error

    def close(self) -> None:
        closer, self._closer, self._kept = self._closer, None, None
        if closer is not None:
            closer()

    def reopened(self) -> WhooshReader:
        # Whoosh reads a file by seeking it, then reading: two processes reading through
        # one open file would move each other's position. (The parent's files stay open
        # in the fork, unread: closing them there would flush nothing and free nothing.)
        ix = _open(self._data_dir, self._index_dir)
        return WhooshReader(self._data_dir, self._index_dir, ix, keep=self._keep)


#: Where Whoosh's own modules are: a frame of a file under it is Whoosh's code (this
#: package, ``leisearch/engine/whoosh/``, is not, though its path holds "whoosh").
_WHOOSH_DIR = os.path.dirname(os.path.abspath(whoosh.__file__)) + os.sep


def _raised_in_whoosh(error: BaseException) -> bool:
    """Whether the error came up through Whoosh's code (it may start in the library
    Whoosh called, as a FileNotFoundError from ``os.path.getsize`` does)."""
    tb = error.__traceback__
    while tb is not None:
        if os.path.abspath(tb.tb_frame.f_code.co_filename).startswith(_WHOOSH_DIR):
            return True
        tb = tb.tb_next
    return False


#: How many documents' stored fields, prints and days a searcher keeps read: a batch's
#: candidates at 2,000 articles and more (50 queries, about 170 each, most different)
#: did not fit in 4,096, which started afresh again and again.
_FIELDS_KEPT = 16384
#: Filters whose documents a searcher keeps (a long-lived caller may use many: one an
#: article shown); beyond this many, it starts afresh.
_FILTERS_KEPT = 64


class WhooshSearcher:
    """One consistent view of the index (the ``Searcher`` of ``engine.protocol``): the
    index's reader, ranked from by ``topk`` (``light``), and Whoosh's own searcher over
    it, made for the first query that ``topk`` cannot rank."""

    def __init__(self, ix: Any) -> None:
        self._ix = ix
        reader = ix.reader()
        try:  # (the reader is this searcher's to close: closed here if it is never made)
            self._searcher = searcher = ReaderSearcher(reader, Bm25())
            self._full: Any = None
            #: The documents of each filter used so far (global document numbers; a ``set``,
            #: as Whoosh takes a filter's documents in nothing else, never changed).
            self._filters: Kept[Query, set[int]] = Kept(_FILTERS_KEPT, self._find_docs)
            self._scores = topk.Scores()
            #: The last loose-words search's ranking (``_Ranking``), for one that asks for
            #: more of the same.
            self._last: _Ranking | None = None
            #: Each document's ``place`` (read when scores first tie).
            self._places: _Places | None = None
            #: Each document's print (``schema.PRINT``), given back with a ranked search's
            #: paragraphs, which are folded; kept, as the stored fields are.
            self._print_column = _Column(searcher.reader(), "print", None)
            self._prints = Kept(_FIELDS_KEPT, self._print_column)
            #: Each document's day (its ``age``), given back with it: a copy's date, without
            #: looking its article up (the earliest of a hit's copies is the one shown).
            self._age_column = _Column(searcher.reader(), "age", None)
            self._days = Kept(_FIELDS_KEPT, self._day)
            #: Each document's stored fields once read (a batch shows the same paragraphs
            #: again and again; each read decompresses and unpickles).
            self._stored_fields: Kept[int, Mapping[str, Any]] = Kept(
                _FIELDS_KEPT, searcher.stored_fields
            )
        except BaseException:
            reader.close()
            raise

    def close(self) -> None:
        self.unmap()
        if self._full is not None:
            self._full.close()  # (it leaves the reader open)
        self._searcher.close()

    @property
    def whoosh(self) -> Any:
        """Whoosh's searcher over this one's reader (made at first use)."""
        if self._full is None:
            from .translation import whoosh_searcher

            self._full = whoosh_searcher(
                self._searcher.reader(), self._searcher.weighting, self._ix
            )
        return self._full

    def unmap(self) -> None:
        """Unmap the column files mapped in memory (``_sliced``): the searcher is done."""
        self._print_column.close()
        self._age_column.close()
        if self._places is not None:
            self._places.close()

    def search(
        self,
        query: Query,
        *,
        limit: int | None,
        filter: Query | None = None,
        newest_first: bool = False,
    ) -> Ranked:
        allowed = self._docs(filter) if filter is not None else None
        if allowed is not None and not allowed:
            return Listed(())  # (Whoosh takes an empty filter for none)
        if not newest_first:
            # Loose words: Whoosh's ranking, a term at a time (``topk``).
            best = self._ranked(query, filter, allowed, limit)
            if best is not None:
                return _Hits(best, self._stored, self._head)
        if newest_first:
            # The age column's ascending order is newest first, undated last (schema.age);
            # a day's paragraphs by their place.
            from .translation import translate

            results = self.whoosh.search(
                translate(query), limit=limit, filter=allowed, sortedby=["age", "place"]
            )
            return Listed([self._stored(hit.docnum, 0.0) for hit in results])
        from .translation import translate

        top = self._whoosh_ranked(translate(query), limit, allowed)
        return Listed([self._stored(doc, score) for score, doc in top])

    def _ranked(
        self, query: Query, filter: Query | None, allowed: set[int] | None, limit: int | None
    ) -> list[tuple[float, int]] | None:
        """``topk.ranked``'s best ``limit``, ties settled by place (None if it cannot rank
        the query), from the last search's ranking if that holds them.

        A search asks for more of the same when copies fold away (``service.search``:
        4 times as many, and again), and at 10,000 articles each asked again cost a
        third of the first. ``topk.ranked`` gives the best ``limit`` and every document
        that ties with the last (all of them, at ``tied``'s floor below its score); a
        longer list ending on a document that scores exactly that much (the thousands
        of copies of one paragraph) is the same documents, so the same order.
        """
        last = self._last
        if (
            last is not None
            and limit is not None
            and last.limit < limit <= len(last.top)
            and last.top[limit - 1][0] == last.top[last.limit - 1][0]
            and last.query == query
            and last.filter == filter
        ):
            if last.order is None:
                last = self._last = last._replace(order=settled(last.top, None, self._places_of))
            assert last.order is not None
            return last.order[:limit]
        top = topk.ranked(self._searcher, query, limit, allowed, self._scores, ties=True)
        if top is None:
            return None
        self._last = _Ranking(query, filter, limit, top) if limit is not None else None
        return settled(top, limit, self._places_of)

    def _whoosh_ranked(
        self, query: Any, limit: int | None, allowed: set[int] | None
    ) -> list[tuple[float, int]]:
        """Whoosh's best ``limit``, ties settled by place: Whoosh cuts among ties by
        document number, so it is asked for more until the one after the last differs."""

        def best(n: int | None) -> list[tuple[float, int]]:
            return [
                (hit.score, hit.docnum)
                for hit in self.whoosh.search(query, limit=n, filter=allowed)
            ]

        if limit is None:
            return settled(best(None), None, self._places_of)
        asked = limit + 1
        while len(top := best(asked)) == asked and topk.tied(top[limit - 1][0], top[-1][0]):
            asked *= 2
        return settled(top, limit, self._places_of)

    def _stored(self, doc: int, score: float) -> Stored:
        """A ranked document: its stored fields and print, with its score."""
        return self._paragraph(doc, score, self._prints(doc))

    def _head(self, doc: int, score: float, read: Callable[[], Stored]) -> Head:
        """A ranked document's place, score and print, its stored fields unread."""
        # (Every paragraph has its place: an index without them is rebuilt on opening.)
        article, _, number = self._place(doc).decode().rpartition("\x00")
        return Head(
            article, int(number), float(score or 0.0), self._prints(doc), read, self._days(doc)
        )

    def _day(self, doc: int) -> str | None:
        """A document's day from its ``age`` (None in an index without the column)."""
        key = self._age_column(doc)
        return None if key is None else day_of(key)

    def _paragraph(self, doc: int, score: float, print_data: bytes | None = None) -> Stored:
        fields = self._stored_fields(doc)
        return Stored(
            article=fields["article"],
            title=fields["title"],
            paragraph=int(fields["paragraph"]),
            text=fields["text"],
            quotes=tuple(
                (int(start), int(end), speaker, cue, confidence)
                for start, end, speaker, cue, confidence in fields.get("quotes") or ()
            ),
            score=float(score or 0.0),
            print_data=print_data,
            day=self._days(doc),
        )

    def _places_of(self, docs: list[int]) -> list[bytes]:
        """The places of ``docs``, as ``_place`` gives each, read in one call."""
        return [place or b"" for place in self._place_column().many(docs)]

    def _place(self, doc: int) -> bytes:
        """A document's article and paragraph, as a key (``schema.place``)."""
        return self._place_column()(doc) or b""

    def _place_column(self) -> _Places:
        """The place column, made at first use."""
        if self._places is None:
            self._places = _Places(self._searcher.reader())
        return self._places

    def _docs(self, query: Query) -> set[int]:
        """The documents ``query`` matches, found once for this searcher."""
        return self._filters(query)

    def _find_docs(self, query: Query) -> set[int]:
        if isinstance(query, Every):
            return self._every(query.field, query.skipping.encode("utf-8"))
        from .translation import translate

        return set(self.whoosh.docs_for_query(translate(query)))

    def _every(self, field: str, skipping: bytes = b"") -> set[int]:
        """``Every(field)``'s documents, read as Whoosh's own ``Every`` reads them (each
        term's postings, deleted documents left out), but with the field's terms and
        their entries read in one pass, in order, not each looked up, and without a
        scorer for each: a segment of 200,000 paragraphs has thousands of speakers. The
        terms that hold ``skipping`` are not read (``Every.skipping``)."""
        found: set[int] = set()
        for reader, offset in self._searcher.reader().leaf_readers():
            if field not in reader.schema:
                continue
            form = reader.schema[field].format
            deleted: set[int] = set()
            if reader.has_deletions():
                deleted = set(range(reader.doc_count_all())).difference(reader.all_doc_ids())
            for (name, text), info in reader.iter_from(field, b""):
                if name != field:
                    break  # (the next field's terms)
                if skipping and skipping in text:
                    continue
                # A term's postings as its entry gives them (inlined, or where they are),
                # as ``SegmentReader.postings`` reads them after looking the term up.
                matcher = reader._codec.postings_reader(reader._terms._postfile, info, form)
                found.update(offset + doc for doc in matcher.all_ids() if doc not in deleted)
        return found

    def documents(self, query: Query) -> list[Stored]:
        if isinstance(query, AllOf) and any(isinstance(p, Term) for p in query.parts):
            # Not kept as a filter: a quotation's copies are asked for once or so, and
            # the terms' postings are quicker intersected than Whoosh intersects them.
            found = self._all_of(query.parts)
        else:
            found = self._docs(query)
        # Not folded (quotations fold by their words): no print.
        return [self._paragraph(doc, 0.0) for doc in sorted(found)]

    def _all_of(self, parts: tuple[Query, ...]) -> set[int]:
        """The documents that hold every term of ``parts`` and match the rest, the rarest
        term read first and each next one only in the blocks that hold a document still
        in play. Whoosh's intersection skips through every term posting by posting, in
        Python: where a term is common (a speaker quoted in every article), that was
        tens of milliseconds."""
        terms = [p for p in parts if isinstance(p, Term)]
        found: set[int] = set()
        for reader, offset in self._searcher.reader().leaf_readers():
            held: set[int] | None = None
            for term in sorted(terms, key=lambda t: reader.doc_frequency(t.field, t.text)):
                held = topk.documents_holding(reader, term.field, term.text, held)
                if not held:
                    break
            found.update(offset + doc for doc in held or ())
        for other in parts:
            if not isinstance(other, Term) and found:
                found &= self._docs(other)
        return found

    def doc_frequency(self, field: str, term: str) -> int:
        # Whoosh's own count includes deleted documents until their segment is
        # rewritten; a segment with deletions is counted from its postings instead.
        count = 0
        for reader, _ in self._searcher.reader().leaf_readers():
            if not reader.has_deletions():
                count += reader.doc_frequency(field, term)
            elif (field, term) in reader:
                count += sum(1 for _ in reader.postings(field, term).all_ids())
        return count

    def doc_count(self) -> int:
        return int(self._searcher.doc_count())


class _Ranking(NamedTuple):
    """A search's ranking (``WhooshSearcher._ranked``): its query and filter, the limit
    asked for, ``topk.ranked``'s documents with their ties, and all of those settled
    (``settled``), once asked for."""

    query: Query
    filter: Query | None
    limit: int
    top: list[tuple[float, int]]
    order: list[tuple[float, int]] | None = None


def settled(
    top: list[tuple[float, int]], limit: int | None, places: Callable[[list[int]], Sequence[Any]]
) -> list[tuple[float, int]]:
    """The best ``limit`` of ``top`` (best first, equal scores by document number, with
    those that tie with the last beyond ``limit``), scores that tie (``topk.tied``: the
    same, or the same sum added in another order) by their documents' ``place`` instead.

    Document numbers are the build's: a parallel build numbers paragraphs otherwise
    than a sequential one, and an update numbers its new ones last. Which of the
    paragraphs that tie make the best N, and their order, must not depend on that.
    Their places (``schema.place``: a column, a few microseconds each) are read only
    where scores tie.

    >>> where = {3: ("b", 1), 5: ("c", 2), 9: ("a", 4), 7: ("z", 0)}
    >>> settled([(2.0, 7), (1.0, 5), (1.0, 3), (1.0, 9)], 2, lambda docs: [where[d] for d in docs])
    [(2.0, 7), (1.0, 9)]
    """
    out: list[tuple[float, int]] = []
    at = 0
    while at < len(top) and (limit is None or len(out) < limit):
        # The run of scores that tie with its first (``topk.tied``), found by bisection:
        # thousands of copies may tie.
        first = top[at][0]
        end = bisect.bisect_right(
            top, -topk.lowest_tie(first), lo=at + 1, key=lambda pair: -pair[0]
        )
        run = top[at:end]
        if len(run) > 1:
            # Their places read at once (``places``), then the run in their order (a stable
            # sort, as ``list.sort`` by key).
            keys = places([doc for _, doc in run])
            run = [run[i] for i in sorted(range(len(run)), key=keys.__getitem__)]
        out += run
        at = end
    return out[:limit] if limit is not None else out


class _Column:
    """Each document's value in one column, found through its segment, whose reader is
    made at first use (a query may read a few documents of a large index); ``missing``
    for a segment without the column."""

    __slots__ = ("_leaves", "_maps", "_missing", "_name", "_read", "_starts")

    def __init__(self, reader: Any, name: str, missing: bytes | None) -> None:
        self._name = name
        self._missing = missing
        leaves = reader.leaf_readers()
        self._leaves = [leaf for leaf, _ in leaves]
        self._starts = [offset for _, offset in leaves]
        self._read: list[Callable[[int], bytes | None] | None] = [None] * len(self._leaves)
        #: The files mapped in memory (``_sliced``), each holding a file descriptor.
        self._maps: list[mmap.mmap] = []

    def close(self) -> None:
        """Unmap the files mapped so far (the column is not read after)."""
        for data in self._maps:
            data.close()
        self._maps.clear()

    def __call__(self, doc: int) -> bytes | None:
        segment = bisect.bisect_right(self._starts, doc) - 1
        read = self._read[segment] or self._open(segment)
        return read(doc - self._starts[segment])

    def many(self, docs: Iterable[int]) -> list[bytes | None]:
        """Each of ``docs``' value, as ``self(doc)`` gives it, in one call: a query on a
        collection of copies settles thousands of ties by place (``settled``), and a call
        a value through this class cost more than the read."""
        starts, reads = self._starts, self._read
        found: list[bytes | None] = []
        for doc in docs:
            segment = bisect.bisect_right(starts, doc) - 1
            found.append((reads[segment] or self._open(segment))(doc - starts[segment]))
        return found

    def _open(self, segment: int) -> Callable[[int], bytes | None]:
        """How the segment's values are read, made at its first use."""
        leaf = self._leaves[segment]
        if leaf.has_column(self._name):
            read = self._reader(leaf.column_reader(self._name, translate=False))
        else:  # (Whoosh would give its default, as if the value were empty)
            read = self._absent
        self._read[segment] = read
        return read

    def _absent(self, doc: int) -> bytes | None:
        return self._missing

    def _reader(self, column: Any) -> Callable[[int], bytes | None]:
        """How one segment's values are read: each a slice of the column's file mapped in
        memory (``_sliced``), or else ``_unmapped``."""
        sliced = _sliced(column, self._maps)
        return sliced if sliced is not None else self._unmapped(column)

    def _unmapped(self, column: Any) -> Callable[[int], bytes | None]:
        """How a segment's values are read where its file is not mapped: one at a time, as
        Whoosh reads them."""
        return lambda doc: bytes(column[doc])


def _sliced(column: Any, maps: list[mmap.mmap]) -> Callable[[int], bytes] | None:
    """Each document's value in a segment's ``VarBytesColumn``, sliced from its file
    mapped in memory: the bytes Whoosh's reader gives (the value at its offset, of its
    length: the reader's own arrays), without its seek and read, two system calls a
    value. A search reads the print of each of hundreds of candidates (``Head``) and
    the place of each that ties. The map goes to ``maps``, to be closed with the
    searcher. None where the file cannot be mapped (and on Windows, where a mapped file
    could not be removed once its generation is replaced). A file cut short while it is
    mapped would stop the process (SIGBUS): an index's files are never rewritten, as a
    build writes a generation of its own."""
    if os.name == "nt" or not isinstance(column, VarBytesColumn.Reader):
        return None
    offsets, lengths, base = column._offsets, column._lengths, column._basepos
    if isinstance(offsets, MappedArray) and isinstance(lengths, MappedArray):
        maps.append(offsets.data)  # (closed with the searcher, as the maps below)
        return _read_mapped(offsets, lengths, base)
    dbfile = column._dbfile
    if not getattr(dbfile, "is_real", False):  # (a file in memory, or in a compound file)
        return None
    try:
        data = mmap.mmap(dbfile.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # (an empty file cannot be mapped)
        return None
    maps.append(data)

    def read(doc: int) -> bytes:
        start = base + offsets[doc]
        return data[start : start + lengths[doc]]

    return read


def _read_mapped(offsets: MappedArray, lengths: MappedArray, base: int) -> Callable[[int], bytes]:
    """``_sliced``'s reading where the column's arrays are views of its map already
    (``offsets.MappedArray``): each value's start and length unpacked from the map
    here, without a call of the array's class between."""
    data = offsets.data
    at_offset, offset_size, offset_of = offsets.start, offsets.size, offsets.unpack
    at_length, length_size, length_of = lengths.start, lengths.size, lengths.unpack

    def read(doc: int) -> bytes:
        start = base + offset_of(data, at_offset + doc * offset_size)[0]
        value: bytes = data[start : start + length_of(data, at_length + doc * length_size)[0]]
        return value

    return read


class _Places(_Column):
    """Each document's ``place``, sliced from each segment's column mapped in memory, or
    read whole at first use where it cannot be mapped.

    Paragraphs that tie come by place (``settled``); on a large collection of copies,
    thousands tie with the last of the best N, query after query. Whoosh's column
    reader reads one value at a time from the file, a microsecond and more each; a
    segment's values are a few bytes a paragraph (3.4 MB for 200,000).
    """

    __slots__ = ()

    def __init__(self, reader: Any) -> None:
        super().__init__(reader, "place", b"")

    def _unmapped(self, column: Any) -> Callable[[int], bytes | None]:
        if not (isinstance(column, VarBytesColumn.Reader) and len(column._lengths)):
            return super()._unmapped(column)  # (another kind of column, or an empty segment)
        offsets, lengths = column._offsets, column._lengths
        data = column._dbfile.get(column._basepos, offsets[-1] + lengths[-1])

        def read(doc: int) -> bytes:
            start = offsets[doc]
            return bytes(data[start : start + lengths[doc]])

        return read


class _Hits(Ranked):
    """Ranked documents whose stored fields are read when first looked at: a search
    that stops early (``quotes`` has what it shows), or that folds most of them away as
    copies (``Ranked.head``), reads no more of them."""

    __slots__ = ("_head", "_read", "_stored", "_top")

    def __init__(
        self,
        top: list[tuple[float, int]],
        read: Callable[[int, float], Stored],
        head: Callable[[int, float, Callable[[], Stored]], Head],
    ) -> None:
        self._top = top
        self._read = read
        self._head = head
        self._stored: list[Stored | None] = [None] * len(top)

    def __len__(self) -> int:
        return len(self._top)

    @overload
    def __getitem__(self, i: int) -> Stored: ...
    @overload
    def __getitem__(self, i: slice) -> list[Stored]: ...
    def __getitem__(self, i: int | slice) -> Stored | list[Stored]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self._top)))]
        found = self._stored[i]
        if found is None:
            score, doc = self._top[i]
            found = self._stored[i] = self._read(doc, score)
        return found

    def head(self, at: int) -> Head:
        found = self._stored[at]
        read = functools.partial(self.__getitem__, at)
        if found is not None:
            return Head(
                found.article, found.paragraph, found.score, found.print_data, read, found.day
            )
        score, doc = self._top[at]
        return self._head(doc, score, read)
