"""Ingest: find article files, read and decode them, parse each format, clean web
residue, split paragraphs.

``files``
    paths to ``SourceFile`` records with stable ids (``find_files``, ``SUFFIXES``),
    bytes, hashes, decoding (UTF-8, byte-order marks, a detected legacy encoding);
``plain``, ``markdown_note``, ``html_page``, ``json_records``
    one module per format: ``.txt``; ``.md``; ``.html``; ``.json`` and ``.jsonl``
    (one article per record);
``meta``, ``dates``
    what a file says about its article (front matter, scraper keys) and dates
    in any common written form, read once into ISO 8601;
``clean``
    the residue rules (navigation, credits, link lines, trailers, tags, bios),
    each removal recorded with its rule;
``assemble``
    where every format ends: cleaning, numbering, the article's metadata;
``reading``
    ``load_articles``, ``read_source`` and ``parse_source``: from files to
    ``Article`` records.

A file that cannot be used is a ``Skipped`` record, never an exception. May
import: ``models``, ``errors``, the standard library, and the format libraries
(trafilatura, markdown-it-py, PyYAML, charset-normalizer), each inside the
function that needs it, so that importing ``leisearch.ingest`` imports none of them.
"""

from .reading import load_articles

__all__ = ["load_articles"]
