"""Import Whoosh without the parts the query path never uses.

Two of Whoosh's imports cost a sixth of a cold query and are never used by
leisearch:

* ``whoosh.compat`` runs ``from urllib.request import urlretrieve`` on import,
  which pulls in ``http.client``, ``email`` and ``ssl`` (about 16 ms). Nothing
  in leisearch or in the Whoosh code it calls downloads anything.
* ``whoosh.query.terms`` imports ``whoosh.lang.morph_en`` for its ``Variations``
  query, which leisearch does not use; the module compiles a few hundred
  regular expressions on import (about 4.5 ms).

Each is replaced by a stand-in module whose functions import the real module
at their first call, so the behaviour is unchanged if they are ever used. The
``urllib.request`` stand-in is removed straight after ``whoosh.compat`` is
imported, so any later ``import urllib.request`` gets the real module. The
``whoosh.lang.morph_en`` one stays until its first use, because
``whoosh.query`` is imported later, and only on some paths.
"""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Callable
from typing import Any


class StandIn(types.ModuleType):
    """A module whose named functions import the real module when first called."""

    def __init__(self, name: str, functions: tuple[str, ...]) -> None:
        super().__init__(name)
        for function in functions:
            setattr(self, function, _deferred(name, function))

    def __getattr__(self, attribute: str) -> Any:
        # The import system probes dunders (``__path__``, ...): those must not import.
        if attribute.startswith("__"):
            raise AttributeError(attribute)
        return getattr(real_module(self.__name__), attribute)


def real_module(name: str) -> types.ModuleType:
    """The real module ``name``, imported now if only its stand-in was."""
    if isinstance(sys.modules.get(name), StandIn):
        del sys.modules[name]
    return importlib.import_module(name)


def _deferred(name: str, function: str) -> Callable[..., Any]:
    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(real_module(name), function)(*args, **kwargs)

    call.__name__ = call.__qualname__ = function
    return call


def _stand_in(name: str, functions: tuple[str, ...]) -> StandIn | None:
    """Put a stand-in for ``name`` in ``sys.modules``, unless the real one is there."""
    if name in sys.modules:
        return None
    module = sys.modules[name] = StandIn(name, functions)
    return module


def import_whoosh() -> None:
    """Put the stand-ins in place and import ``whoosh.compat`` (later calls do nothing)."""
    _stand_in("whoosh.lang.morph_en", ("variations",))
    if "whoosh.compat" in sys.modules:
        return
    urllib_stand_in = _stand_in("urllib.request", ("urlretrieve",))
    try:
        import whoosh.compat  # noqa: F401
    finally:
        if urllib_stand_in is not None and sys.modules.get("urllib.request") is urllib_stand_in:
            del sys.modules["urllib.request"]


import_whoosh()
