"""Packaging outside a checkout: the seeds ship in the package, the index finds a home.

The unit tests pretend to be installed (``project_root`` gives None) on each
platform. The slow test does it for real: it builds a wheel, installs it into a
fresh venv and runs a first query from ``/``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

import leisearch
from leisearch.cli.messages import hint
from leisearch.errors import IndexNotFound
from leisearch.service.opening import open_index
from leisearch.store import locations
from leisearch.store.locations import default_corpus, default_index_dir, packaged_seeds

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
PACKAGED = Path(leisearch.__file__).resolve().parent / "seeds"


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.txt"))}


def test_packaged_seeds_are_the_checkout_seeds_byte_for_byte() -> None:
    assert _files(PACKAGED) == _files(SEEDS)
    assert len(_files(SEEDS)) == 5


def test_inside_a_checkout_the_defaults_are_in_the_project() -> None:
    assert locations.project_root() == ROOT
    assert default_index_dir(os.environ) == ROOT / "index"
    assert default_corpus() == SEEDS


def test_an_editable_install_adds_no_import_hook_to_every_start() -> None:
    """The README's `pip install -e .` puts a path in a .pth file (pyproject's
    `package-dir`), not setuptools' finder, whose imports cost every command of the
    venv about 15 ms: a plain Python start of this venv loads nothing editable."""
    started = subprocess.run(
        [sys.executable, "-c", "import sys; print(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    )
    loaded = started.stdout.split()
    assert "sys" in loaded
    assert [name for name in loaded if name.startswith("__editable__")] == []


# --- installed: project_root() is None --------------------------------------------------


@pytest.fixture
def installed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Outside a checkout, with a clean home folder and no data-folder variables."""
    monkeypatch.setattr(locations, "project_root", lambda: None)
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))
    for name in ("XDG_DATA_HOME", "LOCALAPPDATA"):
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.mark.parametrize(
    ("platform", "env", "expected"),
    [
        ("linux", {}, "HOME/.local/share/leisearch/index"),
        ("linux", {"XDG_DATA_HOME": "TMP/xdg"}, "TMP/xdg/leisearch/index"),
        ("linux", {"XDG_DATA_HOME": ""}, "HOME/.local/share/leisearch/index"),
        # The XDG spec: a relative path is invalid and ignored.
        ("linux", {"XDG_DATA_HOME": "relative/data"}, "HOME/.local/share/leisearch/index"),
        ("freebsd14", {"XDG_DATA_HOME": "TMP/xdg"}, "TMP/xdg/leisearch/index"),
        ("darwin", {}, "HOME/Library/Application Support/leisearch/index"),
        ("darwin", {"XDG_DATA_HOME": "TMP/x"}, "HOME/Library/Application Support/leisearch/index"),
        ("win32", {"LOCALAPPDATA": "TMP/local"}, "TMP/local/leisearch/index"),
        ("win32", {}, "HOME/AppData/Local/leisearch/index"),
        ("win32", {"XDG_DATA_HOME": "TMP/xdg"}, "HOME/AppData/Local/leisearch/index"),
    ],
)
def test_installed_index_lives_in_the_user_data_folder(
    installed: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    platform: str,
    env: dict[str, str],
    expected: str,
) -> None:
    def here(value: str) -> str:
        return value.replace("HOME", str(installed)).replace("TMP", str(tmp_path))

    for name, value in env.items():
        monkeypatch.setenv(name, here(value))
    with monkeypatch.context() as patch:  # sys.platform is back before pytest reports
        patch.setattr(sys, "platform", platform)
        found = default_index_dir(os.environ)
    assert found == Path(here(expected))


def test_installed_corpus_is_the_packaged_seeds(installed: Path) -> None:
    assert default_corpus() == packaged_seeds() == PACKAGED
    assert _files(default_corpus()) == _files(SEEDS)


def test_no_packaged_seeds_is_a_clear_error(
    installed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from importlib import resources

    monkeypatch.setattr(resources, "files", lambda package: tmp_path / "no-package")
    with pytest.raises(IndexNotFound) as caught:
        default_corpus()
    assert "leisearch index PATH" in hint(caught.value)


def test_installed_first_open_builds_from_the_packaged_seeds(
    installed: Path, tmp_path: Path
) -> None:
    opened = open_index(tmp_path / "fresh", build_if_missing=True)
    assert f"building one from {PACKAGED} (once)" in opened.notes[0]
    assert opened.index.manifest.sources == (str(PACKAGED),)
    assert len(opened.index.manifest.articles) == 5


# --- a wheel in a fresh venv --------------------------------------------------------------


def _run(
    *args: str | Path, cwd: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a command to success (or fail the test with its output)."""
    done = subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, timeout=120, cwd=cwd, env=env
    )
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.mark.slow
def test_wheel_in_a_fresh_venv_answers_a_first_query_from_root(tmp_path: Path) -> None:
    setuptools = tuple(int(n) for n in metadata.version("setuptools").split(".")[:2])
    if setuptools < (70, 1):
        pytest.fail("setuptools 70.1 or newer builds wheels offline: pip install -e '.[dev]'")

    # Build from a copy: setuptools writes build/ and *.egg-info into the tree it
    # builds, and the checkout may be in use. No build isolation and no index, so
    # nothing is downloaded; the running environment's setuptools builds it.
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "leisearch",
        source / "leisearch",
        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"),
    )
    dist = tmp_path / "dist"
    built = _run(
        sys.executable,
        *("-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index"),
        *("--quiet", "-w", dist, source),
    )
    assert "leisearch.seeds' is absent" not in built.stderr  # listed in packages
    (wheel,) = dist.glob("leisearch-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        shipped = {n for n in archive.namelist() if n.startswith("leisearch/seeds/")}
    assert shipped == {f"leisearch/seeds/{name}" for name in _files(SEEDS)}

    # A plain venv, without pip (ensurepip takes seconds): the running pip installs
    # into it. The wheel goes in with --no-deps; its dependencies (Whoosh, typer,
    # rich, nltk) come from this environment through a .pth file, so the test needs
    # no network. (--system-site-packages would not do: it exposes the base
    # Python's packages, not this venv's.) A .pth line only appends a folder to
    # sys.path, after the new venv's own site-packages, and the .pth files inside
    # it are not run, so this checkout's editable install stays out: leisearch is
    # imported from the wheel.
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    bin_dir = env_dir / ("Scripts" if sys.platform == "win32" else "bin")
    python = bin_dir / "python"
    pip = (sys.executable, "-m", "pip", "--python", python)
    _run(*pip, "install", "--no-deps", "--no-index", "--quiet", wheel)
    where = _run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))")
    purelib = Path(where.stdout.strip())
    ours = sorted({sysconfig.get_path("purelib"), sysconfig.get_path("platlib")})
    (purelib / "_test_deps.pth").write_text("\n".join(ours) + "\n", encoding="utf-8")

    # A new user: an empty home, a data folder, no LEISEARCH_INDEX, not in a checkout.
    home, data = tmp_path / "home", tmp_path / "data"
    home.mkdir()
    path = f"{bin_dir}{os.pathsep}{os.defpath}"
    env = {"PATH": path, "HOME": str(home), "XDG_DATA_HOME": str(data)}
    leisearch_exe = bin_dir / "leisearch"
    first = _run(leisearch_exe, "query", "word of mouth", "--json", cwd="/", env=env)

    hits = [json.loads(line) for line in first.stdout.splitlines()]
    assert hits
    assert {"rank", "article", "paragraph", "text", "snippet"} <= hits[0].keys()
    assert "word of mouth" in hits[0]["text"].lower()
    index_dir = data / "leisearch" / "index"
    assert (index_dir / "leisearch.json").is_file()
    assert not (home / ".local").exists()
    assert f"building one from {purelib / 'leisearch' / 'seeds'} (once)" in first.stderr

    again = _run(leisearch_exe, "query", "word of mouth", "--json", cwd="/", env=env)
    assert again.stdout == first.stdout
    assert "building" not in again.stderr
