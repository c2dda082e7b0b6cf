"""The index backend behind a small typed protocol.

``protocol``
    what the rest of leisearch may ask of a backend: write ``Document``
    paragraphs, search with a tree of ``Query`` nodes, read ``Stored``
    paragraphs back (``Writer``, ``Reader``, ``Searcher``);
``whoosh``
    the one implementation today, and the only package that imports Whoosh.

May import: ``text``, ``errors``, the standard library. Nothing above it: a
backend knows paragraphs and terms, not articles, quotations or the CLI.
"""
