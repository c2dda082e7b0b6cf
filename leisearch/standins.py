"""Stand-ins: modules imported for functions the program may never call.

Python imports a module whole, with everything it imports in turn, even when the
importer only calls one of its functions now and then. A cold query pays for
each such import (``engine.whoosh.imports`` lists Whoosh's; the ``leisearch``
package stands in for ``inspect`` while ``dataclasses`` is imported, which before
Python 3.12 calls it only for a class without a docstring: about 4 ms).

A stand-in is a module object put in ``sys.modules`` in the real one's place,
for the time of an import (``standing_in``). The importer keeps it; any of its
attributes, looked up later, is the real module's, which is imported then
(``real_module``). The named functions given to it import the real module at
their first call instead, for importers that take a function at import time
(``from shutil import copyfileobj``). ``standing_in`` takes the stand-in out of
``sys.modules`` straight after the import, so that any later import gets the real
module; ``stand_in`` leaves it there until the real module is first used.
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


def stand_in(name: str, **functions: Callable[..., Any] | None) -> StandIn | None:
    """Put a stand-in for ``name`` in ``sys.modules``, unless the real one is there."""
    if name in sys.modules:
        return None
    module = sys.modules[name] = StandIn(name, functions)
    return module


@contextlib.contextmanager
def standing_in(name: str, **functions: Callable[..., Any] | None) -> Iterator[None]:
    """A stand-in for ``name`` for the time of the ``with`` block only."""
    module = stand_in(name, **functions)
    try:
        yield
    finally:
        if module is not None and sys.modules.get(name) is module:
            del sys.modules[name]
