"""Reliability: interrupted and concurrent builds, hostile corpus files.

The builds here run in real subprocesses, interrupted with real signals: an
interrupted build must leave the last index whole and answering.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import cast

import pytest

from leisearch.engine.whoosh.workers import Crew, Worker
from leisearch.engine.whoosh.writer import WhooshWriter
from leisearch.errors import IndexUnwritable, Reason
from leisearch.service.build import build
from leisearch.service.opening import open_index
from leisearch.service.search import search
from leisearch.store.folder import GENERATION_PREFIX

from .conftest import SEEDS, run_process

#: Copies of the seeds, enough for a parallel build that lasts several seconds.
COPIES = 80


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("big")
    for copy in range(COPIES):
        for seed in SEEDS.glob("*.txt"):
            (folder / f"{copy:03d}-{seed.name}").write_bytes(seed.read_bytes())
    return folder


def answers(index_dir: Path) -> list[tuple[str, int]]:
    hits = search(open_index(index_dir).index, "word of mouth", limit=0).hits
    return [(h.article, h.paragraph) for h in hits]


def start_build(corpus: Path, index_dir: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "leisearch",
            "index",
            str(corpus),
            "--index",
            str(index_dir),
            *extra,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_until_writing(index_dir: Path, before: set[str], timeout: float = 30) -> None:
    """Until the build has made its new generation folder (it is writing)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = {p.name for p in index_dir.iterdir() if p.name.startswith(GENERATION_PREFIX)}
        if now - before:
            time.sleep(0.5)
            return
        time.sleep(0.05)
    pytest.fail("the build never started writing")


@pytest.fixture
def seeded_index(tmp_path: Path) -> Path:
    index_dir = tmp_path / "ix"
    build([SEEDS], index_dir)
    return index_dir


def generations(index_dir: Path) -> set[str]:
    return {p.name for p in index_dir.iterdir() if p.name.startswith(GENERATION_PREFIX)}


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["ctrl-c", "kill"])
def test_an_interrupted_rebuild_keeps_the_last_index(
    seeded_index: Path, big_corpus: Path, sig: signal.Signals
) -> None:
    before = answers(seeded_index)
    old = generations(seeded_index)
    proc = start_build(big_corpus, seeded_index, "--rebuild")
    wait_until_writing(seeded_index, old)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    if sig == signal.SIGINT:
        assert proc.returncode == 130
        assert err == "leisearch: interrupted\n"  # one line: no traceback from any process
    else:
        assert proc.returncode == -signal.SIGKILL
    assert answers(seeded_index) == before
    # The next build clears what the interrupted one left, and works.
    report = build([SEEDS], seeded_index, rebuild=True)
    assert report.articles == 5
    assert len(generations(seeded_index)) <= 2


def test_an_interrupted_update_keeps_the_last_index(seeded_index: Path, big_corpus: Path) -> None:
    before = answers(seeded_index)
    proc = start_build(big_corpus, seeded_index)
    time.sleep(1.5)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode in (0, 130)
    assert "Traceback" not in err
    if proc.returncode == 130:
        assert answers(seeded_index) == before
    assert search(open_index(seeded_index).index, "patents").hits


def test_cancelling_a_parallel_build_stops_its_workers_first() -> None:
    # Cancelling a Whoosh writer deletes the temporary folder holding the job
    # files its workers read; a worker still reading printed a traceback.
    events: list[str] = []

    class Task:
        def terminate(self) -> None:
            events.append("terminate")

        def join(self, timeout: float) -> None:
            events.append("join")

    class Writer:
        def cancel(self) -> None:
            events.append("cancel")

    crew = Crew(2, {})
    crew.tasks = cast(list[Worker], [Task(), Task()])
    WhooshWriter(None, Writer(), Path(), Path(), crew).cancel()
    assert events == ["terminate", "terminate", "join", "join", "cancel"]


@pytest.mark.parametrize("copies", [1, 6])
def test_a_build_whose_indexing_processes_die_fails_and_leaves_the_index_as_it_was(
    seeded_index: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, copies: int
) -> None:
    # Whoosh's writer waited a second for each result and committed without the ones
    # that never came: the paragraphs of a killed worker were silently left out. And
    # with more jobs than its queue holds (six copies of the seeds: ten jobs, room for
    # eight), it waited for room for ever.
    corpus = tmp_path / "corpus"
    for n in range(copies):
        shutil.copytree(SEEDS, corpus / f"copy{n}")
    before = answers(seeded_index)
    monkeypatch.setattr(Worker, "_work", lambda self: os._exit(3))
    with pytest.raises(IndexUnwritable) as caught:
        build([corpus], seeded_index, rebuild=True, procs=2)
    assert caught.value.reason is Reason.WRITE_FAILED
    assert "an indexing process ended" in str(caught.value)
    assert answers(seeded_index) == before


def test_a_second_build_stops_with_a_clear_error(seeded_index: Path, big_corpus: Path) -> None:
    before = answers(seeded_index)
    old = generations(seeded_index)
    first = start_build(big_corpus, seeded_index, "--rebuild")
    try:
        wait_until_writing(seeded_index, old)
        second = run_process("index", str(SEEDS), "--index", str(seeded_index))
        assert second.returncode == 2
        assert "another leisearch index run is writing" in second.stderr
        # Queries keep answering from the last committed index meanwhile.
        query = run_process("query", "word of mouth", "--json", "--index", str(seeded_index))
        assert query.returncode == 0
        assert [
            (r["article"], r["paragraph"]) for r in map(json.loads, query.stdout.splitlines())
        ] == before[:10]
    finally:
        _, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
    assert len(open_index(seeded_index).index.manifest.articles) == COPIES * 5


def test_bad_files_are_skipped_with_one_warning(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "good.txt").write_text("Good\n\nReal words here.", encoding="utf-8")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02 binary")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    (corpus / "latin1.txt").write_bytes("Caf\xe9\n\nCaf\xe9 au lait.".encode("latin-1"))
    (corpus / "notes.md").write_text("---\nauthor: Ann Roe\n---\n", encoding="utf-8")
    (corpus / "scan.pdf").write_bytes(b"%PDF-1.7 \x00\x01")
    (corpus / "loop").symlink_to(corpus, target_is_directory=True)
    unreadable = corpus / "secret.txt"
    unreadable.write_text("Secret\n\nhidden", encoding="utf-8")
    unreadable.chmod(0)
    try:
        result = run_process("index", str(corpus), "--index", str(tmp_path / "ix"))
    finally:
        unreadable.chmod(0o644)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    skipped = [line for line in lines if line.startswith("leisearch: warning: skipped")]
    assert len(skipped) == 1
    assert "binary.txt (binary file)" in skipped[0] and "empty.txt (no text)" in skipped[0]
    assert "notes.md (no text)" in skipped[0]
    if os.geteuid() != 0:  # root reads any file
        assert "secret.txt" in skipped[0]
    # Latin-1 text is read as such (no replacement characters), and the warning says so.
    assert any(line.endswith("latin1.txt: not UTF-8: read as Windows-1252") for line in lines)
    # Files of other suffixes in a folder: counted, in one line.
    assert "leisearch: warning: passed over 1 .pdf file (not a format leisearch reads)" in lines
    assert "Traceback" not in result.stderr
    ids = {a.id for a in open_index(tmp_path / "ix").index.manifest.articles}
    assert {"good", "latin1"} <= ids and "binary" not in ids
