"""Sorted tables beside the index, read in place: copies, articles' metadata, quotations.

A table is a text file of tab-separated rows sorted by their first field, so
that a query finds a key's rows by bisection over the mapped file, as the
vocabulary's words are found (``vocabulary``): it reads a few pages, never the
whole table. Three of them live in a generation:

``copies.tsv``
    ``key, article, paragraph``: every paragraph's copy fingerprint
    (``text.copies.copy_key``), so that a hit's copies are one look-up away;
``articles.tsv``
    ``article, date, source, author, url``: what an article's file said of it,
    shown with its hits and quotations, without parsing the manifest's article
    list (2 MB at 10,000 articles) on every query;
``quotes.tsv``
    ``speaker, key, level, article``: every attributed quotation's speaker,
    fingerprint of its words and confidence level (0 to 2), each speaker's
    together, from which a build counts the speaker list a speaker at a time
    (``service.speakers``) instead of holding every article's quotations.

An incremental build merges the table it starts from, less the articles it
removes, with the rows of the articles it adds (``merged``): the table is a
fresh build's, and is never held whole in memory. The added rows are many (one
per paragraph, for the copies): ``SortedRows`` keeps a bounded number of them
and sorts the rest into runs on the disk, merged as the table is written.

An update of a few articles splices instead (``spliced``): the same lines, but
the old table is copied in spans between the lines it loses and gains, found
by searching and bisecting its bytes, rather than read, compared and written a
line at a time in Python (400,000 copies rows at 10,000 articles: 0.6 s for an
update of one file, to a few milliseconds).

A field's tab, line break and backslash are escaped (``\\t``, ``\\n``,
``\\\\``): an article id is a file name, and a file name may hold anything.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "t.tsv"
>>> rows = [("bb", "b", "2"), ("aa", "a", "1"), ("bb", "a\\tb", "3")]
>>> added = sorted(rows, key=order)
>>> _ = path.write_bytes(b"".join(merged(iter(()), set(), added, 1)))
>>> table = Table.open(path)
>>> table.get("bb"), table.get("cc")
([('bb', 'a\\tb', '3'), ('bb', 'b', '2')], [])
>>> table.get("bb").clear(); len(table.get("bb"))  # a key's rows are kept, and handed out as copies
2
"""

from __future__ import annotations

import heapq
import mmap
import os
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from leisearch.kept import Kept

Row = tuple[str, ...]
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_UNESCAPES = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}


def mapped(path: Path) -> bytes | mmap.mmap:
    """A file of the index, mapped read-only; ``b""`` if there is no such file.

    Raises ``OSError`` if the file exists but cannot be read.
    """
    try:
        with open(path, "rb") as handle:
            # Windows cannot replace a mapped file, and an update build replaces these
            # files while queries run: read it there (one read of the whole file).
            if os.name == "nt" or not os.fstat(handle.fileno()).st_size:
                return handle.read()
            return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except FileNotFoundError:
        return b""


def escape(field: str) -> str:
    """A field as a row holds it.

    >>> escape("a\\tb\\\\c")
    'a\\\\tb\\\\\\\\c'
    """
    return field.translate(_ESCAPES)


def unescape(field: str) -> str:
    """A field as it was given.

    >>> unescape(escape("a\\tb\\\\c\\nd")) == "a\\tb\\\\c\\nd"
    True
    """
    if "\\" not in field:
        return field
    out, chars = [], iter(field)
    for char in chars:
        out.append(_UNESCAPES.get(next(chars, ""), "") if char == "\\" else char)
    return "".join(out)


def line_of(row: Row) -> str:
    """One line of a table."""
    return "\t".join(map(escape, row)) + "\n"


#: How many keys' rows a table keeps once looked up.
ROWS_KEPT = 16384


class Table:
    """A sorted table, read in place: the rows of a key, or all of them in order."""

    def __init__(self, data: bytes | mmap.mmap) -> None:
        self._data = data
        #: Rows looked up so far: a batch of queries shows the same hits again and again.
        self._got: Kept[str, tuple[Row, ...]] = Kept(ROWS_KEPT, self._find)

    @classmethod
    def open(cls, path: Path) -> Table:
        """The table in ``path``; empty if there is no such file."""
        return cls(mapped(path))

    def get(self, key: str) -> list[Row]:
        """Every row whose first field is ``key``, in order."""
        return list(self._got(key))

    @property
    def data(self) -> bytes | mmap.mmap:
        """The table's bytes, as read (``spliced`` copies spans of them)."""
        return self._data

    def rows_of(self, *key: str) -> Iterator[Row]:
        """Every row whose first fields are ``key``'s, in order, read one at a time (not
        kept, unlike ``get``'s: a speaker may have a hundred thousand rows)."""
        data, size = self._data, len(key)
        wanted = tuple(escape(field).encode("utf-8", "surrogatepass") for field in key)
        low = _first_line(data, lambda start, end: _fields(data, start, end, size) < wanted)
        while low < len(data):
            end = data.find(b"\n", low)
            end = len(data) if end < 0 else end
            if _fields(data, low, end, size) != wanted:
                return
            yield _row(data[low:end])
            low = end + 1

    def _find(self, key: str) -> tuple[Row, ...]:
        return tuple(self.rows_of(key))

    def rows(self) -> Iterator[Row]:
        """Every row, in order, read one at a time."""
        return (_row(line) for line in self.lines())

    def lines(self) -> Iterator[bytes]:
        """Every line as the file holds it (escaped, without its line break), in order."""
        data, start = self._data, 0
        while start < len(data):
            end = data.find(b"\n", start)
            end = len(data) if end < 0 else end
            yield data[start:end]
            start = end + 1


def _fields(data: bytes | mmap.mmap, start: int, end: int, size: int) -> tuple[bytes, ...]:
    """The first ``size`` fields of the line from ``start`` to ``end``, as it holds them."""
    if size == 1:  # (the common case: a key's rows)
        tab = data.find(b"\t", start, end)
        return (data[start : end if tab < 0 else tab],)
    return tuple(data[start:end].split(b"\t", size)[:size])


def _row(line: bytes) -> Row:
    return tuple(unescape(field) for field in line.decode("utf-8", "replace").split("\t"))


def merged(
    old: Iterable[bytes], removed: Collection[str], new: Iterable[Row], article: int
) -> Iterator[bytes]:
    """A table's lines, encoded: ``old``'s (``Table.lines``) less those whose field
    ``article`` is one of ``removed``, with ``new``'s rows; both sorted (``order``).

    An old line is its own sort key (its fields as the file holds them: ``order``)
    and is written again as it was read: an update that changes one article does not
    decode, unescape, escape and encode every other row of the table again.
    """
    gone = {escape(article_id).encode("utf-8", "surrogatepass") for article_id in removed}
    kept = (
        (fields, line) for line in old if (fields := tuple(line.split(b"\t")))[article] not in gone
    )
    added = ((order(row), line_of(row)[:-1].encode("utf-8")) for row in new)
    for _, line in heapq.merge(kept, added, key=_first):
        yield line + b"\n"


def _first(pair: tuple[tuple[bytes, ...], bytes]) -> tuple[bytes, ...]:
    return pair[0]


#: ``spliced`` takes out the rows of at most this many articles (each is searched for
#: through the whole table, in C: about 5 ms at 10,000 articles)...
SPLICE_ARTICLES = 64
#: ... and gives up after this many lines that hold an article's id elsewhere than in
#: its article field (a short id, ``7``, may be in many rows' other fields).
SPLICE_MISSES = 4096


#: ``Splice.pieces`` copies the old table in pieces of at most this many bytes: a
#: table is never held whole (at 100,000 articles, ``copies.tsv`` is 160 MB).
SPAN_BYTES = 1 << 20


def may_splice(removed: Collection[str]) -> bool:
    """Whether ``spliced`` may take out the articles ``removed`` (not too many)."""
    return len(removed) <= SPLICE_ARTICLES


class Splice(NamedTuple):
    """A table's new content: spans of the old table's bytes (``data``) and new lines,
    in order (``parts``), and the rows it took out (a named tuple: this module is on the
    query path, where a frozen dataclass costs a millisecond at import)."""

    data: bytes | mmap.mmap
    parts: tuple[tuple[int, int] | bytes, ...]
    removed: tuple[Row, ...]

    def pieces(self) -> Iterator[bytes]:
        """The new table's bytes, a piece at a time (none longer than ``SPAN_BYTES``)."""
        for part in self.parts:
            if isinstance(part, bytes):
                yield part
                continue
            yield from chunks(self.data, *part)


def spliced(
    data: bytes | mmap.mmap, removed: Collection[str], new: Sequence[Row], article: int
) -> Splice | None:
    r"""``merged``'s lines, for an old table read in place (``data``, as a ``Table``
    holds it) and rows ``new``, in order; None where splicing would cost more than
    merging (more than ``SPLICE_ARTICLES`` articles to take out, or their ids in more
    than ``SPLICE_MISSES`` lines' other fields), and where it cannot be done (an empty
    id, a table whose last line has no line break).

    >>> data = b"a\tx\t1\nb\tx\t2\nb\ty\t3\nc\tx\t4\n"
    >>> new = [("a", "y", "5"), ("b", "y", "2")]
    >>> splice = spliced(data, {"x"}, new, 1)
    >>> b"".join(splice.pieces()) == b"".join(merged(Table(data).lines(), {"x"}, new, 1))
    True
    >>> b"".join(splice.pieces()).decode(), sorted(splice.removed)
    ('a\ty\t5\nb\ty\t2\nb\ty\t3\n', [('a', 'x', '1'), ('b', 'x', '2'), ('c', 'x', '4')])
    """
    if not may_splice(removed) or (data and data[-1:] != b"\n"):
        return None
    cuts = _cuts(data, removed, article)
    if cuts is None:
        return None
    # (place, 0, row) before (place, 1, cut) at one place: the cut line is not written.
    events: list[tuple[int, int, Any]] = [(start, 1, end) for start, end in cuts]
    events += ((_after(data, order(row)), 0, row) for row in new)
    events.sort(key=lambda event: event[:2])  # (stable: added rows keep their order)
    parts: list[tuple[int, int] | bytes] = []
    at = 0
    for place, kind, what in events:
        parts.append((at, place))
        if kind:
            at = what
        else:
            parts.append(line_of(what).encode("utf-8"))
            at = place
    parts.append((at, len(data)))
    removed_rows = tuple(_row(data[start : end - 1]) for start, end in cuts)
    return Splice(data, tuple(parts), removed_rows)


def _cuts(
    data: bytes | mmap.mmap, removed: Collection[str], article: int
) -> list[tuple[int, int]] | None:
    """Where the lines whose field ``article`` is one of ``removed`` start and end (with
    their line break), in order; None past ``SPLICE_MISSES`` lines that hold an id elsewhere."""
    cuts, misses = [], 0
    for article_id in removed:
        wanted = escape(article_id).encode("utf-8", "surrogatepass")
        if not wanted:
            return None
        at = data.find(wanted)
        while at >= 0:
            start = data.rfind(b"\n", 0, at) + 1
            end = data.find(b"\n", at) + 1
            fields = data[start : end - 1].split(b"\t")
            if article < len(fields) and fields[article] == wanted:
                cuts.append((start, end))
            else:
                misses += 1
                if misses > SPLICE_MISSES:
                    return None
            at = data.find(wanted, end)
    return sorted(cuts)


def _after(data: bytes | mmap.mmap, key: tuple[bytes, ...]) -> int:
    """Where the first line whose fields come after ``key`` starts (the end of the data
    if none does), by bisection: an added row goes after the old rows equal to it, as
    ``merged`` puts it (``heapq.merge`` takes the old first)."""
    return _first_line(data, lambda start, end: tuple(data[start:end].split(b"\t")) <= key)


def _first_line(data: bytes | mmap.mmap, before: Callable[[int, int], bool]) -> int:
    """Where the first line that is not ``before(start, end)`` starts (the end of the
    data if every line is), by bisection over lines in order."""
    low, high = 0, len(data)
    # Both bounds are line starts; each step drops at least one line.
    while low < high:
        start = data.rfind(b"\n", low, (low + high) // 2) + 1 or low
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        if before(start, end):
            low = end + 1
        else:
            high = start
    return low


def chunks(data: bytes | mmap.mmap, start: int, end: int) -> Iterator[bytes]:
    """The bytes of ``data`` from ``start`` to ``end``, at most ``SPAN_BYTES`` at a time."""
    for at in range(start, end, SPAN_BYTES):
        yield data[at : min(at + SPAN_BYTES, end)]


#: How many added rows ``SortedRows`` holds before it sorts them into a run on the
#: disk: about 5 MB of copies rows (three short strings each), 600 articles' worth.
#: Sorting makes a key of every row held, for a while twice the rows' memory: at
#: 10,000 articles, the build's main process peaked at 141 MB with 100,000 rows a
#: run and at 98 MB with 25,000, in the same time.
RUN_ROWS = 25_000
#: At most this many runs of a table are on the disk at once: the next is the merge
#: of them all, so that the final merge never opens more files than this (at 100,000
#: articles, four million copies rows would otherwise be 160 runs).
MAX_RUNS = 64


class SortedRows:
    """Rows added in any order, given back in table order (or ``key``'s), in bounded
    memory.

    Once ``run_rows`` rows are held they are sorted and written, as table lines, to
    a run file in ``folder`` (named ``NAME.run-N``); once there are ``max_runs``
    runs, they are merged into one. ``sorted`` merges the runs with the rows still
    held, reading each run a line at a time, and ``close`` deletes the runs.

    >>> import tempfile, pathlib
    >>> rows = SortedRows(pathlib.Path(tempfile.mkdtemp()), "t", run_rows=2)
    >>> rows.extend([("c", "3"), ("a", "1"), ("d", "4"), ("b", "2"), ("a", "0")])
    >>> list(rows.sorted()), len(rows.runs)
    ([('a', '0'), ('a', '1'), ('b', '2'), ('c', '3'), ('d', '4')], 2)
    >>> rows.close(); [run.exists() for run in rows.runs]
    [False, False]
    """

    def __init__(
        self,
        folder: Path,
        name: str,
        run_rows: int | None = None,
        max_runs: int = MAX_RUNS,
        key: Callable[[Row], Any] | None = None,
    ) -> None:
        self.folder, self.name, self.run_rows = folder, name, run_rows or RUN_ROWS
        self.max_runs = max(2, max_runs)
        self.key = key or order  # the rows' order: the table's, unless told
        self.held: list[Row] = []
        self.runs: list[Path] = []
        self._made = 0  # runs written so far, for their names

    def append(self, row: Row) -> None:
        self.held.append(row)
        if len(self.held) >= self.run_rows:
            self._spill()

    def extend(self, rows: Iterable[Row]) -> None:
        for row in rows:
            self.append(row)

    def _spill(self) -> None:
        self.runs.append(self._write(sorted(self.held, key=self.key)))
        self.held = []
        if len(self.runs) >= self.max_runs:
            merged_run = self._write(heapq.merge(*map(_read_run, self.runs), key=self.key))
            for run in self.runs:
                run.unlink()
            self.runs = [merged_run]

    def _write(self, rows: Iterable[Row]) -> Path:
        """A new run file of ``rows``, already in order."""
        run = self.folder / f"{self.name}.run-{self._made}"
        self._made += 1
        with open(run, "w", encoding="utf-8", newline="") as out:
            out.writelines(map(line_of, rows))
        return run

    def few(self) -> list[Row] | None:
        """Every row added, in order, if they are all still held (none in a run)."""
        return None if self.runs else sorted(self.held, key=self.key)

    def sorted(self) -> Iterator[Row]:
        """Every row added, in table order (or ``key``'s)."""
        return heapq.merge(
            *(_read_run(run) for run in self.runs), sorted(self.held, key=self.key), key=self.key
        )

    def close(self) -> None:
        """Delete the runs."""
        for run in self.runs:
            run.unlink(missing_ok=True)


def _read_run(path: Path) -> Iterator[Row]:
    with open(path, "rb") as lines:
        for line in lines:
            yield _row(line.rstrip(b"\n"))


def order(row: Row) -> tuple[bytes, ...]:
    """A row's place: its fields as the file holds them, compared as bytes, as
    ``Table.get`` compares keys."""
    return tuple(escape(field).encode("utf-8", "surrogatepass") for field in row)
