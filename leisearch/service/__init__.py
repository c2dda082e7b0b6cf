"""The library's operations: build, open, query, quotes, show, stats. They return
models and raise ``errors``; they never print, exit or read the environment.

``build``
    index what changed under some paths (``build``, a ``BuildReport``);
``speakers``
    the user's alias files and the speaker list;
``opening``
    ``open_index``: an ``Index`` (manifest, backend reader, vocabulary,
    stemmer), built first where the user expects it;
``search``
    ranked paragraphs (``search``), quotations (``find_quotes``), speakers
    (``list_speakers``), and their batch forms;
``browse``
    an article in context (``show``), ``stats``, ``list_articles``;
``compile``, ``snippets``, ``suggest``
    the query tree to a backend query; snippets and highlights; "did you mean";
``documents``
    articles and quotations as the backend's paragraph documents, and back.

May import: ``engine``, ``store``, ``ingest``, ``quotes``, ``text``, ``models``,
``errors``. The build and the quotation engine are imported where they are
used, so that a query never loads them.
"""
