"""Import Whoosh without the parts the query path never uses.

Some of Whoosh's imports cost a cold query about 25 ms and give leisearch
nothing:

* ``whoosh.compat`` runs ``from urllib.request import urlretrieve`` (which pulls
  in ``http.client``, ``email`` and ``ssl``: about 16 ms) and
  ``from html import escape`` (about 1 ms) on import. Nothing in leisearch or in
  the Whoosh code it calls downloads anything or writes HTML.
* ``whoosh.query.terms`` imports ``whoosh.lang.morph_en`` for its ``Variations``
  query, which leisearch does not use; the module compiles a few hundred
  regular expressions on import (about 4.5 ms).
* ``whoosh.filedb.filetables`` imports ``md5`` from ``hashlib``, which loads
  OpenSSL (about 3 ms). CPython's built-in ``_md5`` gives the same digests, and
  ``hashlib`` itself falls back to it.
* Five standard modules that Whoosh's modules import for functions a query
  never calls, about 5 ms together: ``tempfile`` and ``shutil`` (with ``bz2``
  and ``lzma``: a build's temporary storage, compound files), ``calendar``
  (with ``locale``: ``whoosh.util.times``, for dates typed in a Whoosh query),
  ``random`` (random file names, ``whoosh.classify``) and ``queue``
  (``whoosh.compat``, for Whoosh's multiprocessing writer). Whoosh only calls
  their functions, as ``tempfile.mkdtemp(...)``: a stand-in's attribute is the
  real module's, looked up then. So that they are in place for all of them,
  Whoosh's modules that a query uses are imported here, at once.

* Two of Whoosh's own modules, about a millisecond together:
  ``whoosh.lang.dmetaphone``, whose ``double_metaphone`` Whoosh's analysis modules
  take at import for a filter that leisearch's schema does not use, and
  ``whoosh.highlight``, which ``whoosh.searching`` imports for its
  ``Hit.highlights`` (leisearch makes its own snippets). Not ``whoosh.lang.porter``,
  whose ``stem`` is the default of Whoosh's ``StemFilter``: a stemming analyzer made
  with a stand-in's function could not be pickled into an index's schema.

Each of these modules is replaced by a stand-in (``leisearch.standins``) whose
functions import the real module at their first call (or, for ``md5``, are the
built-in one), so behaviour is unchanged if they are ever used. The stand-ins for standard
modules are removed straight after Whoosh's own imports, so any later
``import urllib.request`` gets the real module. The ``whoosh.lang.morph_en``
one stays until its first use (``whoosh.query.terms`` keeps it for its
``Variations`` query, which only Whoosh's query parser makes).

Whoosh's searcher and its queries (``whoosh.searching``, ``whoosh.query`` and
``whoosh.classify``: about 7 ms) are not imported with the rest: ``topk``
ranks loose words from the index's readers (``light``), and only another query
(``AND``, ``-word``, a field, newest first) needs them. ``import_searching``
imports them then, with the same stand-ins.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from typing import Any

from leisearch.standins import stand_in, standing_in


def _builtin_md5() -> Callable[..., Any] | None:
    try:
        from _md5 import md5  # type: ignore[import-not-found]
    except ImportError:  # a Python built without it: hashlib, when first called
        return None
    return md5  # type: ignore[no-any-return]


@contextlib.contextmanager
def _stand_ins() -> Iterator[None]:
    """The stand-ins of the modules listed above, for the time of Whoosh's imports."""
    with (
        standing_in("urllib.request", urlretrieve=None),
        standing_in("html", escape=None),
        standing_in("hashlib", md5=_builtin_md5()),
        standing_in("tempfile"),
        standing_in("shutil", copyfileobj=None),
        standing_in("calendar"),
        standing_in("random"),
        standing_in("queue"),
        standing_in("whoosh.lang.dmetaphone", double_metaphone=None),
        standing_in("whoosh.highlight"),
    ):
        yield


def import_whoosh() -> None:
    """Put the stand-ins in place and import Whoosh's base modules (once)."""
    stand_in("whoosh.lang.morph_en", variations=None)
    if "whoosh.filedb.filetables" in sys.modules:
        return
    with _stand_ins():
        import whoosh.codec.whoosh3
        import whoosh.compat
        import whoosh.filedb.filetables
        import whoosh.index  # noqa: F401


def import_searching() -> None:
    """Import Whoosh's searcher and queries (once), with the same stand-ins: only a
    query that ``topk`` cannot rank needs them (``translation``)."""
    if "whoosh.searching" in sys.modules:
        return
    with _stand_ins():
        import whoosh.query
        import whoosh.searching  # noqa: F401


import_whoosh()
