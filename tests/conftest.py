"""Shared fixtures: the seed corpus, a seed index built once, a clean environment."""

from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from leisearch.service.build import build
from leisearch.service.opening import Index, open_index

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

# A shell without job control starts a command in the background (``cmd &`` in a script, as
# a CI runner may) with Ctrl-C ignored, and every process it starts inherits that: the tests
# that press Ctrl-C on a command would see it go on. They test the commands, not the shell.
if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Output must not depend on the developer's terminal or settings."""
    for name in ("NO_COLOR", "FORCE_COLOR", "LEISEARCH_INDEX", "TERM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "100")


@pytest.fixture(scope="session")
def seed_index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seed-index")
    build([SEEDS], path, rebuild=True)
    return path


@pytest.fixture(scope="session")
def seed_index(seed_index_dir: Path) -> Index:
    return open_index(seed_index_dir).index


def load_benchmark(name: str) -> ModuleType:
    """A script of ``benchmarks/`` as a module, for tests of its scoring."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def write_corpus(folder: Path, articles: dict[str, str]) -> Path:
    """Write ``{stem: text}`` as .txt files and return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for stem, text in articles.items():
        (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
    return folder


#: Variables that change how leisearch draws or where it looks: unset for every run.
_CLEAN = ("NO_COLOR", "FORCE_COLOR", "LEISEARCH_INDEX", "TERM")


def run_cli(
    *args: str, env: dict[str, str] | None = None, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the ``leisearch`` command in this process, with stdin, stdout and stderr as
    pipes (not a terminal): what ``python -m leisearch`` does, without the start-up.
    Signals, broken pipes and locks need a real process: ``run_process``."""
    from typer.testing import CliRunner

    from leisearch.cli import main

    runner = CliRunner()
    overrides: dict[str, str | None] = dict.fromkeys(_CLEAN)
    overrides.update(env or {})
    code: int = 0
    with runner.isolation(input=input, env=overrides) as (out, err, _):
        try:
            main(list(args))
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else int(done.code is not None)
        sys.stdout.flush()
        sys.stderr.flush()
        stdout, stderr = out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8")
    return subprocess.CompletedProcess(["leisearch", *args], code, stdout, stderr)


def run_process(
    *args: str, env: dict[str, str] | None = None, input: str | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m leisearch`` in a fresh process with pipes (not a terminal)."""
    full_env = {k: v for k, v in os.environ.items() if k not in _CLEAN}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "leisearch", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=full_env,
        input=input,
        timeout=timeout,
        check=False,
        errors="replace",
    )


def run_shell(command: str) -> subprocess.CompletedProcess[str]:
    """Run a bash pipeline in which ``LEISEARCH`` is this Python's ``-m leisearch``."""
    return subprocess.run(
        command.replace("LEISEARCH", f'"{sys.executable}" -m leisearch'),
        shell=True,
        capture_output=True,
        text=True,
        check=False,
        executable="/bin/bash",
    )


@pytest.fixture
def copied_index(seed_index_dir: Path, tmp_path: Path) -> Iterator[Path]:
    """A private copy of the seed index that a test may damage."""
    target = tmp_path / "index"
    shutil.copytree(seed_index_dir, target)
    yield target
