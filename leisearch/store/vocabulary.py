"""The index's vocabulary on disk: every indexed word, its stem and its count, read lazily.

A query is stemmed exactly as the articles were, without importing NLTK, by
looking its words up in this table. At 10,000 synthetic articles it holds
some 165,000 words, and parsing all of it (as JSON, say) would cost a cold
query tens of milliseconds. A query
needs only its own few words, so the table is a text file of
``word<TAB>stem<TAB>count`` lines sorted by word (UTF-8 byte order, which is
code point order), mapped into memory and searched by bisection: a lookup
touches a few pages of it. Prefix and fuzzy expansion, and suggestions, read
the lines of the words that begin as theirs do (``starting``: the file is
sorted, so they are one run of lines); iterating (``stats``) parses the
whole file once.

``count`` is how many indexed texts (paragraphs, and titles) hold the word.
An incremental build keeps the counts exact (it takes away the words of the
texts it removes and adds those of the texts it adds), so that a word leaves
the vocabulary with its last text, as it would in a fresh build: otherwise
``xiao*`` would expand to words that no paragraph holds any more.

A build counts in bounded memory (``WordCounts``): a collection's words keep
coming as it grows (165,000 at 10,000 synthetic articles, most of them made-up
words, names and numbers), so the counts are summed in memory only up to
``WORDS_HELD`` words, then written out as sorted runs beside the new
generation; the vocabulary file is their merge, with the lines of the
vocabulary an update starts from, written a line at a time, each new word
stemmed once as its line is written. An update whose counts are all still in
memory (a few files' words) splices them in instead (``_spliced``): the lines of
the words whose counts changed are found by bisection and written anew, and the
rest of the file is copied in spans.

>>> table = Vocabulary(b"mouth\\tmouth\\t5\\npatent\\tpatent\\t1\\npatents\\tpatent\\t2\\n")
>>> table.get("patents"), table.get("missing"), "mouth" in table, len(table)
('patent', None, True, 3)
>>> sorted(table.items())
[('mouth', 'mouth'), ('patent', 'patent'), ('patents', 'patent')]
>>> table.count("patents"), table.count("missing")
(2, 0)
"""

from __future__ import annotations

import bisect
import codecs
import heapq
import itertools
import mmap
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from pathlib import Path

from .tables import MAX_RUNS, Row, SortedRows, chunks, mapped, order

#: After this many look-ups by bisection, a table of at most ``SMALL`` bytes is read whole.
LOOKUPS_BEFORE_LOADING = 200
SMALL = 256 * 1024
#: After this many look-ups by bisection, a larger table's signposts are read: the word
#: at the first line of each ``SIGNPOST_BYTES`` of it (``_signposts``).
LOOKUPS_BEFORE_SIGNPOSTS = 32
SIGNPOST_BYTES = 4096


class Vocabulary(Mapping[str, str]):
    """A read-only word -> stem table over the bytes of a vocabulary file."""

    def __init__(self, data: bytes | mmap.mmap) -> None:
        self._data = data
        self._all: dict[str, str] | None = None
        self._counts: dict[str, int] | None = None
        #: Look-ups by bisection so far (see ``__getitem__``).
        self._looked_up = 0
        #: The first word of each ``SIGNPOST_BYTES`` and where its line starts, once read.
        self._posts: tuple[list[bytes], list[int]] | None = None

    @property
    def data(self) -> bytes | mmap.mmap:
        """The table's bytes, as read (``WordCounts`` splices spans of them)."""
        return self._data

    @classmethod
    def open(cls, path: Path) -> Vocabulary:
        """The table in ``path``; empty if there is no such file.

        Raises ``OSError`` if the file exists but cannot be read.
        """
        return cls(mapped(path))

    def __getitem__(self, word: str) -> str:
        if self._all is not None:
            return self._all[word]
        # A query looks up a few words; ranking again its best paragraphs looks up every
        # word of them (a thousand or so). A small table is then quicker read whole
        # (SMALL bytes: about 3 ms) than bisected word by word (about 10 us each); a
        # larger one is bisected from its signposts (``_signposts``).
        self._looked_up += 1
        if self._looked_up > LOOKUPS_BEFORE_LOADING and len(self._data) <= SMALL:
            return self._loaded()[word]
        if self._looked_up == LOOKUPS_BEFORE_SIGNPOSTS and len(self._data) > SMALL:
            self._posts = _signposts(self._data)
        return self._line(word)[0]

    def count(self, word: str) -> int:
        """How many indexed texts hold ``word`` (0 for a word the index lacks)."""
        if self._counts is not None:
            return self._counts.get(word, 0)
        try:
            return self._line(word)[1]
        except KeyError:
            return 0

    def counts(self) -> Mapping[str, int]:
        """Every word and its count (parses the whole file once)."""
        self._loaded()
        assert self._counts is not None
        return self._counts

    def _line(self, word: str) -> tuple[str, int]:
        """The stem and count on ``word``'s line, by bisection over the sorted lines."""
        key = word.encode("utf-8", "surrogatepass")
        data = self._data
        start = self._first_at(key)
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        found, tab, rest = data[start:end].rstrip(b"\r").partition(b"\t")
        if start >= len(data) or found != key:
            raise KeyError(word)
        return _fields(rest) if tab else ("", 0)

    def _first_at(self, key: bytes) -> int:
        """Where the first line whose word is ``key`` or after it starts (the end of the
        data if there is none), by bisection over the sorted lines."""
        data = self._data
        low, high = 0, len(data)
        if self._posts is not None:
            # Between the last signpost at or before the key and the next one (the words
            # are sorted, and no two lines hold the same word).
            words, starts = self._posts
            at = bisect.bisect_right(words, key)
            low = starts[at - 1] if at else 0
            high = starts[at] if at < len(starts) else high
        # Both bounds are line starts; each step drops at least one line.
        while low < high:
            start = data.rfind(b"\n", low, (low + high) // 2) + 1 or low
            end = data.find(b"\n", start)
            end = len(data) if end < 0 else end
            word, _, _ = data[start:end].rstrip(b"\r").partition(b"\t")  # (CRLF too)
            if word < key:
                low = end + 1
            else:
                high = start
        return low

    def starting(self, prefix: str) -> Iterator[tuple[str, str]]:
        """``(word, stem)`` of the words that begin with ``prefix``, in order: found by
        bisection and read from there, a line at a time (prefix and fuzzy expansion look
        at the words of one first letter or more, not at a table of 165,000)."""
        for word, stem, _ in self._rows(self._first_at(prefix.encode("utf-8", "surrogatepass"))):
            if not word.startswith(prefix):
                return
            yield word, stem

    def rows(self) -> Iterator[Row]:
        """``(word, stem, count)`` for each line, in the file's order, a line at a time
        (the whole table is never parsed into memory)."""
        return self._rows(0)

    def _rows(self, start: int) -> Iterator[Row]:
        """``rows`` from the line that starts at ``start`` on (a line without a tab holds
        no word, as when the whole table is read)."""
        data = self._data
        while start < len(data):
            end = data.find(b"\n", start)
            end = len(data) if end < 0 else end
            word, tab, rest = bytes(data[start:end]).rstrip(b"\r").partition(b"\t")
            if tab:
                stem, count = _fields(rest)
                yield word.decode("utf-8", "replace"), stem, str(count)
            start = end + 1

    def __iter__(self) -> Iterator[str]:
        return iter(self._loaded())

    def __len__(self) -> int:
        return len(self._loaded())

    def _loaded(self) -> dict[str, str]:
        if self._all is None:
            text = bytes(self._data).decode("utf-8", "replace")
            stems: dict[str, str] = {}
            counts: dict[str, int] = {}
            for line in text.splitlines():
                word, tab, rest = line.partition("\t")
                if tab:
                    stem, _, count = rest.partition("\t")
                    stems[word], counts[word] = stem, int(count or 0)
            self._all, self._counts = stems, counts
        return self._all


def _signposts(data: bytes | mmap.mmap) -> tuple[list[bytes], list[int]]:
    """The word of the first line that starts in each ``SIGNPOST_BYTES`` of ``data``
    after the first, and where that line starts, in order: a look-up bisects only the
    lines between two of them (a rerank of 50 news paragraphs looks up some 400 words;
    at 2,000 articles, half the steps of bisecting the whole table, for 180 signposts
    read in under a millisecond)."""
    words: list[bytes] = []
    starts: list[int] = []
    for near in range(SIGNPOST_BYTES, len(data), SIGNPOST_BYTES):
        start = data.find(b"\n", near - 1) + 1
        if not start or start >= len(data) or (starts and starts[-1] == start):
            continue
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        word, tab, _ = bytes(data[start:end]).rstrip(b"\r").partition(b"\t")
        # A line without a word (a blank one: a file edited by hand) or out of order is no
        # signpost: the signposts must be sorted for their bisection.
        if tab and (not words or word > words[-1]):
            words.append(word)
            starts.append(start)
    return words, starts


def _fields(rest: bytes) -> tuple[str, int]:
    """``stem<TAB>count`` as a stem and a number."""
    stem, _, count = rest.partition(b"\t")
    return stem.decode("utf-8", "replace"), int(count or 0)


#: How many words a build's counts hold in memory before they are written out.
WORDS_HELD = 65_536


class WordCounts:
    r"""How many indexed texts hold each word, counted by a build in bounded memory.

    ``add`` sums counts in memory; past ``held`` words, they are written as rows of
    a ``SortedRows`` in ``folder`` (the new generation; ``run_rows`` and ``max_runs``
    are its own). ``lines`` merges them with the rows of ``base`` (the vocabulary an
    update starts from) into a vocabulary file's lines, a line at a time: the words
    whose counts come to more than 0, each once, with the base's stem, or ``stem``'s
    for a word the base lacks (each word stemmed once, however many runs held it).

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> counts = WordCounts(folder, str.upper, held=2, run_rows=1)
    >>> counts.add(["b", "a"], 1); counts.add(["c", "a"], 1); counts.add(["b"], -1)
    >>> text = "".join(counts.lines()); counts.close(); text
    'a\tA\t2\nc\tC\t1\n'
    >>> more = WordCounts(folder, str.title, Vocabulary(text.encode()))
    >>> more.add(["a", "d"], 1); more.add(["c"], -1)
    >>> "".join(more.lines())
    'a\tA\t3\nd\tD\t1\n'
    """

    __slots__ = ("_base", "_counts", "_held", "_rows", "_stem")

    def __init__(
        self,
        folder: Path,
        stem: Callable[[str], str],
        base: Vocabulary | None = None,
        held: int | None = None,
        run_rows: int | None = None,
        max_runs: int | None = None,
    ) -> None:
        self._stem = stem
        self._base = base
        self._held = held or WORDS_HELD
        self._counts: Counter[str] = Counter()
        self._rows = SortedRows(folder, "vocabulary", run_rows, max_runs or MAX_RUNS)

    def add(self, words: Iterable[str], sign: int) -> None:
        """Count ``words`` once each: in one more text (``sign`` 1) or one fewer (-1)."""
        counts = self._counts
        if sign == 1:  # (counted in C: a build counts every paragraph's words)
            counts.update(words)
        else:
            for word in words:
                counts[word] += sign
        if len(counts) >= self._held:
            self._spill()

    def _spill(self) -> None:
        self._rows.extend((word, str(n)) for word, n in self._counts.items() if n)
        self._counts = Counter()

    def lines(self) -> Generator[str, None, None]:
        """The vocabulary file's lines, sorted by word (``close`` deletes the runs
        after): as pieces of text, spliced into the base's where the counts are all
        still held (``_spliced``)."""
        self._spill()
        few = self._rows.few()
        if self._base is not None and few is not None:
            pieces = _spliced(self._base, few, self._stem)
            if pieces is not None:
                return (piece for piece in pieces)  # (a generator: ``close``d by the caller)
        base = self._base.rows() if self._base is not None else iter(())
        return _lines(heapq.merge(base, self._rows.sorted(), key=_by_word), self._stem)

    def close(self) -> None:
        """Delete the runs."""
        self._rows.close()


def _by_word(row: Row) -> tuple[bytes, ...]:
    return order(row[:1])


def _lines(rows: Iterable[Row], stem: Callable[[str], str]) -> Generator[str, None, None]:
    """The vocabulary's lines of ``rows`` sorted by word (a base vocabulary's ``(word,
    stem, count)``, and a build's ``(word, count)``): each word once, with its counts
    summed, if they come to more than 0 (words that hold a line break or a tab are left
    out rather than break the file)."""
    for word, same in itertools.groupby(rows, key=lambda row: row[0]):
        total, stems = 0, list[str]()
        for row in same:
            total += int(row[-1])
            stems += row[1:-1]
        if total > 0 and not _BREAKS.intersection(word):
            yield f"{word}\t{stems[0] if stems else stem(word)}\t{total}\n"


def _spliced(
    base: Vocabulary, rows: Iterable[Row], stem: Callable[[str], str]
) -> Iterator[str] | None:
    """``_lines`` of ``base``'s rows and ``rows`` (a build's ``(word, count)``), as
    pieces of text: the base's text between the lines that change (read a piece at a
    time: ``tables.chunks``), and those lines. Each changed word's line is found by
    bisection, so an update of one article writes a few hundred lines of 165,000
    anew, not every one (writing them all took 0.7 s at 10,000 articles).

    None where the base does not end with a line break, or a word holds a backslash
    (``_first_at`` compares words as they are, and the file is in ``order``'s order:
    the same but for backslashes, which no indexed word holds).
    """
    data = base.data
    if data and data[-1:] != b"\n":
        return None
    changes: Counter[str] = Counter()
    for word, added in rows:
        changes[word] += int(added)
    # Spans of the base to copy, and the lines between them.
    parts: list[tuple[int, int] | str] = []
    at = 0
    for word in sorted(changes, key=lambda word: word.encode("utf-8", "surrogatepass")):
        if "\\" in word:
            return None
        key = word.encode("utf-8", "surrogatepass")
        start = base._first_at(key)
        end = data.find(b"\n", start) + 1 if start < len(data) else start
        found, tab, rest = data[start : end - 1].partition(b"\t")
        parts.append((at, start))
        if found == key and end > start:
            old_stem, before = _fields(rest) if tab else ("", 0)
            if before + changes[word] > 0:
                parts.append(f"{word}\t{old_stem}\t{before + changes[word]}\n")
            at = end
        else:  # a new word: its line goes in before the one at ``start``
            if changes[word] > 0 and not _BREAKS.intersection(word):
                parts.append(f"{word}\t{stem(word)}\t{changes[word]}\n")
            at = start
    parts.append((at, len(data)))
    return _pieces(data, parts)


def _pieces(data: bytes | mmap.mmap, parts: list[tuple[int, int] | str]) -> Iterator[str]:
    """The text of ``parts``: lines as they are, and spans of ``data`` decoded a piece
    at a time (a piece may end within a character: the decoder holds its first bytes)."""
    for part in parts:
        if isinstance(part, str):
            yield part
            continue
        decoder = codecs.getincrementaldecoder("utf-8")("replace")
        yield from map(decoder.decode, chunks(data, *part))
        yield decoder.decode(b"", final=True)


_BREAKS = frozenset("\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
