"""Output: how leisearch draws its results for people and for programs.

``terminal``
    ``Terminal``: the streams and how to draw on them, decided once from the
    streams and the environment; ``OutputFormat``; the pager;
``human``
    plain text when piped, Rich tables and highlighted snippets on a terminal;
``machine``
    JSON Lines, JSON and CSV from the models' ``to_json`` records;
``progress``
    a progress bar on stderr while a build runs.

The only package that imports Rich, inside the functions that draw with it.
May import: ``models``, the standard library, Rich.
"""
