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

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .reading import load_articles


def __getattr__(name: str) -> Any:
    # ``load_articles`` when first asked for: an update that finds nothing changed
    # imports ``files`` only, not every format's reader and the cleaning rules.
    if name == "load_articles":
        from .reading import load_articles

        globals()[name] = load_articles
        return load_articles
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["load_articles"]
