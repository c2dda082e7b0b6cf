"""Whoosh's posting pool, kept by term: only the terms are sorted, not the postings.

A Whoosh writer pools the postings of the documents it indexes, each a tuple
``(field, term, document, weight, value)``. When the pool reaches its memory
limit (``writer.POOL_MB``), Whoosh's ``PostingPool`` sorts the tuples and writes
them to a run file; at the end it merges the runs, a posting at a time, in
Python (``heapq.merge``), and the segment writer reads them in that order. At
1,000 articles, sampled with py-spy, adding, sorting, writing and merging the
postings were about a quarter of the build's samples.

But a writer adds a document's postings after the previous document's, so each
term's postings come in order of their documents already. ``TermPool`` keeps
each term's postings in a list of their own, as they come: it sorts the terms
only (a segment has tens of thousands, against millions of postings), writes a
run a term at a time, and merges the runs a term at a time, a term's lists from
the runs joined in the order the runs were written.

Nothing else changes: the postings come out in Whoosh's order, and they are the
same tuples, so the index is the same, byte for byte. A posting that does not
come after its term's last one (Whoosh adds a spelling word as document 0 each
time) makes its term's postings sorted in full before they are written; one
that does not come after every posting of the runs written so far (a merged
segment's, added a term at a time) makes the merge sort each term's postings
whole: that order is Whoosh's, whatever order the postings came in. (A merged
segment's postings are in order term by term, but the pool cannot tell without
keeping each term's last document: an update that rewrites a segment with many
deletions holds its commonest word's postings whole for a moment, where Whoosh
held one from each run.)

A run is written in blocks of about ``RUN_BLOCK`` postings, a common term's
in several, and a merge holds one block of each run it reads: at most 128 runs
(Whoosh's limit of open files), while the pool itself, which could hold
``POOL_MB``, is empty by then. A term's postings are handed on a block at a
time, never whole (the word in most paragraphs of 10,000 articles has 200,000).
"""

from __future__ import annotations

import functools
import heapq
import itertools
import marshal
import struct
from collections.abc import Iterable, Iterator
from operator import itemgetter
from typing import Any, BinaryIO

from whoosh.writing import PostingPool

from .flush import flush_segment

#: About how many postings are written, and read back, in one call.
RUN_BLOCK = 256
#: What Whoosh's estimate leaves out of a term's first posting, here: its list and the
#: slot of its dictionary.
_TERM_BYTES = 160
_MB = 1024 * 1024
#: A block's size in bytes, before it in a run.
_SIZE = struct.Struct("<I")

#: A posting: (field, term, document, weight, value).
Posting = tuple[str, bytes, int, float, "bytes | None"]
#: A term with its postings in order, in pieces: (field, term, the pieces).
Term = tuple[str, bytes, Iterable[list[Posting]]]
#: Terms in order.
Terms = Iterator[Term]
_first_two = itemgetter(0, 1)


class TermPool(PostingPool):  # type: ignore[misc]
    """A ``PostingPool`` that keeps each term's postings in a list of their own."""

    #: (Whoosh's: the run files written, and the estimate of what the pool holds.)
    runs: list[str]
    currentsize: int

    def __init__(self, tempstore: Any, segment: Any, limitmb: int = 128, **kwargs: Any) -> None:
        super().__init__(tempstore, segment, limitmb=limitmb, **kwargs)
        #: field -> term -> its postings, in the order they came.
        self._terms: dict[str, dict[bytes, list[Posting]]] = {}
        #: id -> a term's postings that came out of order (sorted before they are read).
        self._unsorted: dict[int, list[Posting]] = {}
        #: The highest document of the runs written so far (-1: none), and the terms
        #: written with a posting of it (a run is written in the middle of a document).
        self._written = -1
        self._written_terms: set[tuple[str, bytes]] = set()
        #: Whether every posting came after every written one of its term: then a term's
        #: postings are in order run after run, and are merged without sorting.
        self._ordered = True

    def add(self, item: Posting) -> None:
        terms = self._terms.get(item[0])
        if terms is None:
            terms = self._terms[item[0]] = {}
            self.fieldnames.add(item[0])
        postings = terms.get(item[1])
        value = item[4]
        # Whoosh's estimate of what a posting takes, in short (``PostingPool.add``).
        size = 154 + 2 * len(item[1]) + (len(value) if value else 0)
        if postings is None:
            terms[item[1]] = [item]
            size += _TERM_BYTES
        else:
            if item[2] <= postings[-1][2]:
                self._unsorted[id(postings)] = postings
            postings.append(item)
        if item[2] <= self._written and (
            item[2] < self._written or (item[0], item[1]) in self._written_terms
        ):  # (a merged segment's, added a term at a time)
            self._ordered = False
        self.currentsize += size
        if self.currentsize > self.limit:
            self.save()

    def save(self) -> None:
        if self._terms:
            path, f = self._new_run()
            self._write_run(f, self._sorted())
            self._add_run(path)
            # (Each term's postings are in order by now: its last is its highest.)
            highest = max(p[-1][2] for terms in self._terms.values() for p in terms.values())
            if highest > self._written:
                self._written, self._written_terms = highest, set()
            if highest == self._written:
                self._written_terms.update(
                    (field, text)
                    for field, terms in self._terms.items()
                    for text, postings in terms.items()
                    if postings[-1][2] == highest
                )
            self._terms, self._unsorted = {}, {}
        self.currentsize = 0

    def items(self, maxfiles: int = 128) -> Iterator[Posting]:
        pieces = itertools.chain.from_iterable(map(itemgetter(2), self.terms(maxfiles)))
        return itertools.chain.from_iterable(pieces)

    def terms(self, maxfiles: int = 128) -> Terms:
        """The pool's terms in order, each with its postings in order (``items``, a
        term at a time), its runs merged ``maxfiles`` at most at once. Each term's
        pieces are to be read before the next term is asked for."""
        if not self.runs:
            return self._sorted()
        self.save()
        if len(self.runs) > maxfiles:
            self.reduce_to(maxfiles, maxfiles)
        runs, self.runs = self.runs, []  # (read once, and removed as they are)
        return self._merged(runs)

    def reduce_to(self, target: int, k: int) -> None:
        """Merge runs ``k`` at a time until there are ``target``: the first ``k`` into one
        that takes their place, so that the runs stay in the order they were written
        (Whoosh's takes them from the end, as its runs' order does not matter)."""
        if k < 2 or target < 1:
            raise ValueError(f"cannot reduce runs to {target}, {k} at a time")
        while len(self.runs) > target:
            first, self.runs = self.runs[:k], self.runs[k:]
            path, f = self._new_run()
            self._write_run(f, self._merged(first))
            self.runs.insert(0, path)

    def _sorted(self) -> Terms:
        """The pool's terms in order, each with its postings in order, in one piece."""
        for postings in self._unsorted.values():
            postings.sort()
        for field in sorted(self._terms):
            terms = self._terms[field]
            for text in sorted(terms):
                yield field, text, (terms[text],)

    def _merged(self, paths: list[str]) -> Terms:
        """The terms of runs, in order, each with its postings from every run in order:
        the pieces of each run in turn, as they are read (a common word's postings are
        never held whole), or sorted whole if the runs' postings are not in order."""
        runs = [self._read_run(path, number) for number, path in enumerate(paths)]
        # (heapq.merge holds one entry of each run, and two runs' entries differ in their
        # numbers: pieces are never compared.)
        for (field, text), entries in itertools.groupby(heapq.merge(*runs), key=_first_two):
            pieces = map(itemgetter(3), entries)
            if self._ordered:
                yield field, text, pieces
            else:
                yield field, text, (sorted(itertools.chain.from_iterable(pieces)),)

    def _write_run(self, f: BinaryIO, terms: Terms) -> None:
        # A block of about RUN_BLOCK postings: whole terms, and a common term in pieces.
        try:
            block: list[tuple[str, bytes, list[Posting]]] = []
            count = 0
            for field, text, pieces in terms:
                for piece in pieces:
                    for start in range(0, len(piece), RUN_BLOCK):
                        part = piece[start : start + RUN_BLOCK] if len(piece) > RUN_BLOCK else piece
                        block.append((field, text, part))
                        count += len(part)
                        if count >= RUN_BLOCK:
                            _dump(block, f)
                            block, count = [], 0
            if block:
                _dump(block, f)
        finally:
            f.close()

    def _read_run(self, path: str, number: int) -> Iterator[tuple[str, bytes, int, list[Posting]]]:
        f = self._open_run(path)
        try:
            while size := f.read(_SIZE.size):
                for field, text, piece in marshal.loads(f.read(_SIZE.unpack(size)[0])):
                    yield field, text, number, piece
        finally:
            f.close()
            self._remove_run(path)


def _dump(block: list[tuple[str, bytes, list[Posting]]], f: BinaryIO) -> None:
    # Each block after its size: ``marshal.load`` from a file reads it an object at a
    # time, a call to the file each (about a microsecond a posting).
    data = marshal.dumps(block)
    f.write(_SIZE.pack(len(data)))
    f.write(data)


def use_term_pool(writer: Any) -> None:
    """Give a Whoosh segment writer a ``TermPool`` with its pool's limit, in place of
    that pool, before it holds any posting, and have the writer write the pool's
    postings a term at a time when it closes its segment (``flush.flush_segment``)."""
    pool = writer.pool
    if isinstance(pool, TermPool):
        return
    if pool.current or pool.runs:
        raise ValueError("the writer's pool already holds postings")
    writer.pool = TermPool(pool.tempstore, pool.segment, limitmb=pool.limit // _MB)
    writer._flush_segment = functools.partial(flush_segment, writer)
