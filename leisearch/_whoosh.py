"""Import Whoosh without the parts of its Python 2 layer that the query path never uses.

``whoosh.compat`` runs ``from urllib.request import urlretrieve`` on import, which
pulls in ``http.client``, ``email`` and ``ssl``: about 16 ms, an eighth of a cold
query. Nothing in leisearch (or in the Whoosh code it calls) downloads anything,
so while ``whoosh.compat`` is first imported, ``urllib.request`` is a stand-in
whose ``urlretrieve`` imports the real module if it is ever called. The stand-in
is removed straight after, so any later ``import urllib.request`` gets the real
module.
"""

from __future__ import annotations

import sys
import types
from typing import Any


def _urlretrieve(*args: Any, **kwargs: Any) -> Any:
    sys.modules.pop("urllib.request", None)
    import urllib.request

    return urllib.request.urlretrieve(*args, **kwargs)


def import_whoosh_compat() -> None:
    """Import ``whoosh.compat`` with the stand-in in place (once; later calls do nothing)."""
    if "whoosh.compat" in sys.modules:
        return
    stand_in = None
    if "urllib.request" not in sys.modules:
        stand_in = types.ModuleType("urllib.request")
        stand_in.urlretrieve = _urlretrieve  # type: ignore[attr-defined]
        sys.modules["urllib.request"] = stand_in
    try:
        import whoosh.compat  # noqa: F401
    finally:
        if stand_in is not None and sys.modules.get("urllib.request") is stand_in:
            del sys.modules["urllib.request"]


import_whoosh_compat()
