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

Each of these modules is replaced by a stand-in whose functions import the
real module at their first call (or, for ``md5``, are the built-in one), so
behaviour is unchanged if they are ever used. The stand-ins for standard
modules are removed straight after Whoosh's own imports, so any later
``import urllib.request`` gets the real module. The ``whoosh.lang.morph_en``
one stays until its first use, because ``whoosh.query`` is imported later, and
only on some paths.
"""

from __future__ import annotations

import contextlib
import importlib
import sys
import types
from collections.abc import Callable, Iterator
from typing import Any


class StandIn(types.ModuleType):
    """A module whose named functions import the real module when first called."""

    def __init__(self, name: str, functions: dict[str, Callable[..., Any] | None]) -> None:
        super().__init__(name)
        for function, value in functions.items():
            setattr(self, function, value or _deferred(name, function))

    def __getattr__(self, attribute: str) -> Any:
        # The import system probes dunders (``__path__``, ...): those must not import.
        if attribute.startswith("__"):
            raise AttributeError(attribute)
        return getattr(real_module(self.__name__), attribute)


def real_module(name: str) -> types.ModuleType:
    """The real module ``name``, imported now if only its stand-in was."""
    if isinstance(sys.modules.get(name), StandIn):
        sys.modules.pop(name, None)
    return importlib.import_module(name)


def _deferred(name: str, function: str) -> Callable[..., Any]:
    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(real_module(name), function)(*args, **kwargs)

    call.__name__ = call.__qualname__ = function
    return call


def _stand_in(name: str, **functions: Callable[..., Any] | None) -> StandIn | None:
    """Put a stand-in for ``name`` in ``sys.modules``, unless the real one is there."""
    if name in sys.modules:
        return None
    module = sys.modules[name] = StandIn(name, functions)
    return module


@contextlib.contextmanager
def _standing_in(name: str, **functions: Callable[..., Any] | None) -> Iterator[None]:
    """A stand-in for ``name`` for the time of the ``with`` block only."""
    module = _stand_in(name, **functions)
    try:
        yield
    finally:
        if module is not None and sys.modules.get(name) is module:
            del sys.modules[name]


def _builtin_md5() -> Callable[..., Any] | None:
    try:
        from _md5 import md5  # type: ignore[import-not-found]
    except ImportError:  # a Python built without it: hashlib, when first called
        return None
    return md5  # type: ignore[no-any-return]


def import_whoosh() -> None:
    """Put the stand-ins in place and import Whoosh's base modules (once)."""
    _stand_in("whoosh.lang.morph_en", variations=None)
    if "whoosh.filedb.filetables" in sys.modules:
        return
    with (
        _standing_in("urllib.request", urlretrieve=None),
        _standing_in("html", escape=None),
        _standing_in("hashlib", md5=_builtin_md5()),
        _standing_in("tempfile"),
        _standing_in("shutil", copyfileobj=None),
        _standing_in("calendar"),
        _standing_in("random"),
        _standing_in("queue"),
    ):
        import whoosh.codec.whoosh3
        import whoosh.compat
        import whoosh.filedb.filetables
        import whoosh.index
        import whoosh.searching  # noqa: F401


import_whoosh()
