"""Ingest: find article files, read and decode them, clean web residue, split paragraphs.

``files``
    paths to ``SourceFile`` records with stable ids, bytes, hashes, decoding;
``plain``
    the ``.txt`` format: title line, blank-line separated paragraphs;
``clean``
    the residue rules (navigation, credits, link lines, trailers, tags, bios);
``reading``
    ``load_articles``, ``read_source`` and ``parse_source``: from files to
    ``Article`` records.

A file that cannot be used is a ``Skipped`` record, never an exception. May
import: ``models``, ``errors``, the standard library.
"""

from .reading import load_articles

__all__ = ["load_articles"]
