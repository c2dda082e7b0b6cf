"""Whoosh 2.7.4 (pinned) behind the engine protocol: the one backend today.

``imports``
    Whoosh without the modules leisearch never uses (imported first, here);
``analyzer``
    the text fields' analyzer: the class names are pickled into every index;
``schema``
    the fields of ``engine.protocol``, as Whoosh fields;
``writer``
    ``create`` and ``update``: a ``Writer``, on every core for large builds
    (``workers``: Whoosh's processes, made safe to interrupt; ``pool``: their
    postings, kept and sorted by term);
``reader``
    ``open_reader``: a ``Reader`` whose searchers translate protocol queries
    and turn damage into ``IndexCorrupt`` (``offsets``: columns opened without
    reading every document's length, their starts written in every segment).

Only this package imports Whoosh. May import: ``engine.protocol``, ``text``,
``errors``.
"""

# Before any Whoosh import, on purpose: see imports.py.
from . import imports  # noqa: F401
from .offsets import use_fast_offsets, write_stored_offsets

use_fast_offsets()
write_stored_offsets()
