"""Where each value of a small segment's column starts, found in C.

Whoosh's ``VarBytesColumn`` (the stored fields, and the ``print`` and ``place``
columns) keeps each document's length; a segment of more than 32,768 documents
also writes where each value starts. For a smaller one, its reader works the
starts out when it is made, adding the lengths up in a Python loop: a few
milliseconds for each of the three columns of each segment that a query opens,
10 ms of a cold query at 1,000 synthetic articles (two segments of 20,000
paragraphs), and as much on a real collection of that size.

``use_fast_offsets`` gives the reader class a method that adds them up with
``itertools.accumulate``: the same numbers in an array of the same type (a test
compares the two on random lengths), so the index and every value read from it
are unchanged.
"""

from __future__ import annotations

import struct
from array import array
from itertools import accumulate, chain
from typing import Any

from whoosh.columns import VarBytesColumn

#: Whoosh's own method, kept for the comparison (``tests/test_offsets.py``).
WHOOSH_OFFSETS = VarBytesColumn.Reader._read_offsets_and_lengths


def _read_offsets_and_lengths(self: Any) -> None:
    """``VarBytesColumn.Reader._read_offsets_and_lengths`` (Whoosh 2.7.4), with the
    starts of a column without them added up in C."""
    dbfile = self._dbfile
    doccount = self._doccount
    # The last byte is the lengths' type code, or "X" after the offsets' and lengths'.
    lastbyte = self._basepos + self._length - 1
    lens_code = chr(dbfile.get_byte(lastbyte))
    offsets = None
    if lens_code == "X":
        self.had_stored_offsets = True
        lens_code = chr(dbfile.get_byte(lastbyte - 2))
        offsets_code = chr(dbfile.get_byte(lastbyte - 1))
        itemsize = struct.calcsize(offsets_code)
        offsetstart = (lastbyte - 2) - doccount * itemsize
        offsets = dbfile.get_array(offsetstart, offsets_code, doccount)
        lastbyte = offsetstart
    lenstart = lastbyte - struct.calcsize(lens_code) * doccount
    lengths = dbfile.get_array(lenstart, lens_code, doccount)
    if offsets is None:
        # 0, then each running sum but the last: where each value starts.
        offsets = array("L", accumulate(chain((0,), lengths)))
        del offsets[-1]
    self._offsets = offsets
    self._lengths = lengths


def use_fast_offsets() -> None:
    """Give Whoosh's column reader ``_read_offsets_and_lengths`` (once; idempotent)."""
    VarBytesColumn.Reader._read_offsets_and_lengths = _read_offsets_and_lengths
