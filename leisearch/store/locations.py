"""Where things are: the index folder and the seed articles, by the documented order.

``--index DIR``, then ``$LEISEARCH_INDEX``, then ``index/`` at the project root
inside a checkout, or the platform's user data folder when leisearch is
installed (pipx, a wheel). The seed articles that a first query indexes are the
checkout's ``seeds/``, or their copy inside the installed package.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

from leisearch.errors import IndexNotFound, Reason


def project_root() -> Path | None:
    """The checkout this package runs from (a folder with pyproject.toml and seeds/)."""
    root = Path(__file__).resolve().parents[2]  # leisearch/store/locations.py
    if (root / "pyproject.toml").is_file() and (root / "seeds").is_dir():
        return root
    return None


def default_index_dir(environ: Mapping[str, str]) -> Path:
    """Where the index lives unless ``--index`` or ``LEISEARCH_INDEX`` says otherwise.

    Inside a checkout, ``index/`` at the project root. Installed (pipx, a wheel),
    ``leisearch/index`` in the user's data folder (see ``_user_data_dir``, which
    follows the platform's conventions in ``environ``).
    """
    root = project_root()
    if root is not None:
        return root / "index"
    return _user_data_dir(sys.platform, environ, Path.home()) / "leisearch" / "index"


def _user_data_dir(platform: str, environ: Mapping[str, str], home: Path) -> Path:
    """The per-user data folder by each platform's convention, with the standard library only.

    Windows: ``%LOCALAPPDATA%`` (an index is rebuilt from its articles, so it
    does not roam), else ``~/AppData/Local``. macOS: ``~/Library/Application
    Support``. Linux and other Unixes: ``$XDG_DATA_HOME``, else
    ``~/.local/share``; as the XDG spec says, a relative ``$XDG_DATA_HOME`` is
    ignored.

    >>> home = Path("/home/lei")
    >>> _user_data_dir("linux", {"XDG_DATA_HOME": "/data"}, home).as_posix()
    '/data'
    >>> _user_data_dir("linux", {"XDG_DATA_HOME": "data"}, home).as_posix()
    '/home/lei/.local/share'
    >>> _user_data_dir("darwin", {}, home).as_posix()
    '/home/lei/Library/Application Support'
    """
    if platform == "win32":
        return Path(environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
    if platform == "darwin":
        return home / "Library" / "Application Support"
    xdg = environ.get("XDG_DATA_HOME", "")
    return Path(xdg) if os.path.isabs(xdg) else home / ".local" / "share"


def default_corpus() -> Path:
    """The seed articles that a first query indexes: the checkout's ``seeds/``,
    else the copy installed inside the package."""
    root = project_root()
    if root is not None:
        return root / "seeds"
    return packaged_seeds()


def packaged_seeds() -> Path:
    """``leisearch/seeds``: the seed articles as plain files in the installed package."""
    from importlib import resources

    seeds = resources.files("leisearch") / "seeds"
    # An index records the absolute paths of its sources, so the seeds must be
    # real files (setuptools installs them so), not members of a zip.
    if not isinstance(seeds, Path) or not seeds.is_dir():
        raise IndexNotFound(Reason.NO_SEEDS, "no index yet, and no seed articles to build one from")
    return seeds


#: The environment variable that names the index folder.
INDEX_VARIABLE = "LEISEARCH_INDEX"


def resolve_index_dir(option: Path | None, environ: Mapping[str, str]) -> Path:
    """``--index DIR``, then ``$LEISEARCH_INDEX`` in ``environ``, then the default."""
    if option is not None:
        return option
    if environ.get(INDEX_VARIABLE):
        return Path(environ[INDEX_VARIABLE])
    return default_index_dir(environ)
