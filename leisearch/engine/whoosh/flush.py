"""A segment's postings written from its ``pool.TermPool`` a term at a time.

When a Whoosh segment writer closes its segment, it reads the pool's postings
one at a time (``FieldWriter.add_postings``): for each, it compares the field
and the term with the last posting's, looks up the document's length in the
length column (a call to the per-document reader, a call to the column), and
hands the posting to the postings writer (two calls more, and four type checks).
At 1,000 articles, that was about a tenth of a build worker's time.

``flush_segment`` does the same writing with what the pool already knows: its
terms come grouped, in order, so it starts each term once, and hands the term's
postings to the postings writer a piece at a time, as the pool reads them
(``_add_postings``: what ``W3PostingsWriter.add_posting`` does for each posting,
done for as many as fill its block). A field's lengths are read once, as bytes,
and turned into lengths by a table.

A block's postings are pickled with protocol 5 (``_write_block``), where Whoosh
pickles them with protocol 2: that protocol has no opcode for bytes, so each
posting's positions are pickled as a call to ``codecs.encode`` and unpickled by
making that call again. Reading a block of 128 postings took 44 µs, and 6 µs
with protocol 5, its compressed bytes half as many. A query reads a common
word's postings a block at a time (at 10,000 articles, "word of mouth" reads
214 blocks, and a phrase of common words thousands), and Whoosh reads either
protocol. The segment's other files are Whoosh's, byte for byte, but for the
term table, which points into the postings; its terms, their statistics, blocks
and postings are the same, read back (``tests/test_pool.py``). A codec or a
column other than Whoosh 2.7's (pinned) is written as Whoosh writes it.
"""

from __future__ import annotations

import functools
import itertools
import pickle
import zlib
from collections.abc import Callable
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3FieldWriter, W3PostingsWriter
from whoosh.system import emptybytes
from whoosh.util.numeric import byte_to_length, length_to_byte

from .scoring import length_bytes

if TYPE_CHECKING:
    from .pool import Posting, Terms

#: The pickle protocol of a block's postings (Whoosh's is 2: see the module docstring).
BLOCK_PROTOCOL = 5
#: A length byte's length, as ``W3PerDocReader.doc_field_length`` gives it (None for 0).
_LENGTH_OF_BYTE = tuple(byte_to_length(b) if b else None for b in range(256))


def flush_segment(writer: Any) -> None:
    """``SegmentWriter._flush_segment`` for a writer whose pool is a ``pool.TermPool``."""
    writer.perdocwriter.close()
    lengths = writer.per_document_reader() if writer.codec.length_stats else None
    write_terms(writer.fieldwriter, writer.schema, lengths, writer.pool.terms())
    writer.fieldwriter.close()
    if lengths:
        lengths.close()


def write_terms(fieldwriter: Any, schema: Any, lengths: Any, terms: Terms) -> None:
    """``FieldWriter.add_postings`` for postings grouped by term, in order."""
    for field, group in itertools.groupby(terms, key=itemgetter(0)):
        fieldwriter.start_field(field, schema[field])
        length_of = _lengths(lengths, field)
        direct = type(fieldwriter) is W3FieldWriter and type(fieldwriter._postwriter) is (
            W3PostingsWriter
        )
        if direct:
            postwriter = fieldwriter._postwriter
            # (An attribute of the instance: Whoosh's own ``finish_term`` calls it too.)
            postwriter._write_block = functools.partial(_write_block, postwriter)
        for _, text, pieces in group:
            started = False
            for piece in pieces:
                if piece[0][2] == -1:
                    # Words for a spelling dictionary, as document -1, which Whoosh leaves
                    # out (first, as the postings are in order): a term of only those is
                    # not started.
                    piece = [p for p in piece if p[2] != -1]
                    if not piece:
                        continue
                if not started:
                    fieldwriter.start_term(text)
                    started = True
                if direct:
                    _add_postings(fieldwriter._postwriter, piece, length_of)
                else:
                    for _, _, docnum, weight, value in piece:
                        value = emptybytes if value is None else value
                        fieldwriter.add(docnum, weight, value, length_of(docnum))
            if started:
                fieldwriter.finish_term()
        fieldwriter.finish_field()


def _lengths(lengths: Any, field: str) -> Callable[[int], int | None]:
    """A field's length of each document, as ``lengths.doc_field_length`` gives it."""
    if not lengths:
        return lambda docnum: 0
    data = length_bytes(lengths, field)
    if data is None:
        return lambda docnum: lengths.doc_field_length(docnum, field)
    if not data:
        if lengths.has_column(f"_{field}_len"):  # (a column of no values: Whoosh's reads)
            return lambda docnum: lengths.doc_field_length(docnum, field)
        return lambda docnum: 0  # no lengths kept: Whoosh's default
    # Whoosh's column leaves out the zeros after the last length: a document past them
    # reads 0, which is a length of None.
    data = data.ljust(lengths.doc_count_all(), b"\0")
    return lambda docnum: _LENGTH_OF_BYTE[data[docnum]]


def _add_postings(
    writer: W3PostingsWriter, postings: list[Posting], length_of: Callable[[int], int | None]
) -> None:
    """``writer.add_posting`` for each posting, in blocks: a block is written when a
    posting comes and the buffer is full, as there."""
    done, total, limit = 0, len(postings), writer._blocklimit
    while done < total:
        if len(writer._ids) >= limit:
            writer._write_block()
        part = postings[done : done + limit - len(writer._ids)]
        done += len(part)
        writer._ids.extend([p[2] for p in part])
        weights = [p[3] for p in part]
        writer._weights.extend(weights)
        # The first of the highest, kept only if higher than the block's so far (0 at
        # first, an int: a block of weights of 0 keeps it, and so pickles it, as there).
        highest = max(weights)
        if highest > writer._maxweight:
            writer._maxweight = highest
        writer._values.extend([p[4] for p in part if p[4]])
        found = [length for p in part if (length := length_of(p[2]))]
        if found:
            shortest, longest = min(found), max(found)
            if writer._minlength is None or shortest < writer._minlength:
                writer._minlength = shortest
            if longest > writer._maxlength:
                writer._maxlength = longest


def _write_block(writer: W3PostingsWriter, last: bool = False) -> None:
    """``W3PostingsWriter._write_block``, the same but for the protocol the block's
    postings are pickled with (``BLOCK_PROTOCOL``)."""
    if not writer._blockcount:
        writer._postfile.write(WHOOSH3_HEADER_MAGIC)
    writer._terminfo.add_block(writer)
    data = (writer._mini_ids(), writer._mini_weights(), writer._mini_values())
    databytes = pickle.dumps(data, BLOCK_PROTOCOL)
    # (Whoosh compresses every block, however short, at the writer's level.)
    compression = writer._compression
    if compression:
        databytes = zlib.compress(databytes, compression)
    ids = writer._ids
    info = (
        len(ids),
        ids[-1],
        writer._maxweight,
        compression,
        length_to_byte(writer._minlength),
        length_to_byte(writer._maxlength),
    )
    infobytes = pickle.dumps(info, 2)
    length = len(infobytes) + len(databytes)
    writer._postfile.write_int(-length if last else length)  # (the last block's, negative)
    writer._postfile.write(infobytes)
    writer._postfile.write(databytes)
    writer._blockcount += 1
    writer._new_block()
