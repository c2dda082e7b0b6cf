"""Hostile bytes in articles and file names never reach the terminal raw.

A scraped page may hold escape sequences (a terminal title, a screen clear), C1
controls and bidi overrides; so may a file name. Every output path shows them
(``␛``, ``�``) instead; JSON keeps the exact text, escaped.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from leisearch.render.safe import json_text, visible

from .conftest import run_cli, run_process

#: What must never be written raw: C0 controls but line breaks and tabs, DEL, C1, bidi.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
OSC_TITLE = "\x1b]0;pwned\x07"
HOSTILE = f"{OSC_TITLE}\x1b[2J\x9b31m\u202eevil\u202c\x08\x0b\r"


@pytest.fixture(scope="module")
def hostile_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    corpus = root / "corpus"
    corpus.mkdir()
    article = (
        f"Headline {HOSTILE}\n\n"
        f'"We will {HOSTILE} win the vote at the café," said Jane Roe, the mayor.\n\n'
        f'A spokesman {HOSTILE} for the council said: "Nothing was {HOSTILE} decided."\n'
    )
    (corpus / f"story{HOSTILE.replace('/', '')}.txt").write_text(article, encoding="utf-8")
    (corpus / f"bad{OSC_TITLE}.txt").write_bytes(b"\x00binary")
    index = root / "ix"
    result = run_cli("index", str(corpus), "--index", str(index))
    assert result.returncode == 0, result.stderr
    assert not RAW.search(result.stderr), repr(result.stderr)
    assert "␛" in result.stderr  # the skipped file's name, shown
    return index


def _article_id(index: Path) -> str:
    listed = run_cli("articles", "--json", "--index", str(index))
    return str(json.loads(listed.stdout.splitlines()[0])["id"])


COMMANDS = [
    ["query", "vote"],
    ["quotes", "--min-confidence", "low"],
    ["speakers", "--min-confidence", "low"],
    ["articles"],
    ["stats"],
    ["show", "ARTICLE"],
    ["query", "nothing-at-all-\x1b[2J"],
]


@pytest.mark.parametrize("fmt", ["plain", "table", "json", "jsonl", "csv"])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_no_control_character_reaches_the_terminal(
    hostile_index: Path, command: list[str], fmt: str
) -> None:
    args = [_article_id(hostile_index) if a == "ARTICLE" else a for a in command]
    result = run_cli(*args, "--format", fmt, "--index", str(hostile_index))
    assert result.returncode in (0, 1), result.stderr
    stdout = result.stdout.replace("\r\n", "\n") if fmt == "csv" else result.stdout  # RFC 4180
    assert not RAW.search(stdout), repr(stdout[:300])
    assert not RAW.search(result.stderr), repr(result.stderr[:300])


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ("nothing-at-all-\x1b[2J", "no results for 'nothing-at-all-␛[2J'"),
        ("vote \x1b[2Jzzq", "no paragraph has '␛[2Jzzq'"),  # found hits for "vote"
        ("don't\\x1b", 'no results for "don\'t\\x1b"'),  # typed backslashes stay single
    ],
)
def test_a_typed_query_is_quoted_as_typed(hostile_index: Path, query: str, said: str) -> None:
    # As every other text is shown: a control as its picture, not Python's escape.
    result = run_cli("query", query, "--index", str(hostile_index))
    assert said in result.stderr
    assert not RAW.search(result.stderr)


def test_json_keeps_the_exact_text(hostile_index: Path) -> None:
    result = run_cli("query", "vote", "--json", "--index", str(hostile_index))
    hit = json.loads(result.stdout.splitlines()[0])
    assert HOSTILE.replace("\r", "") in hit["text"] or OSC_TITLE in hit["text"]
    assert "\\u001b" in result.stdout and "\\u202e" in result.stdout


def test_a_tab_or_newline_in_an_id_keeps_the_rows(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "two\tparts\nhere.txt").write_text("Title\n\nSome words.", encoding="utf-8")
    run_cli("index", str(corpus), "--index", str(tmp_path / "ix"))
    listed = run_cli("articles", "--index", str(tmp_path / "ix"))
    rows = listed.stdout.splitlines()
    assert len(rows) == 1 and rows[0].count("\t") == 4, rows  # id, paragraphs, title, date, source
    assert rows[0].startswith("two\u2409parts\u240ahere\t")  # seen, not a space


@pytest.mark.parametrize(
    ("text", "keep", "shown"),
    [
        ("plain words", "", "plain words"),
        ("a\x1bb", "", "a␛b"),
        ("line\nbreak\ttab", "\n", "line\nbreak␉tab"),
        ("c1\x9bx", "", "c1\ufffdx"),
        ("bidi\u202eevil", "", "bidi\ufffdevil"),
        ("del\x7f", "", "del\u2421"),
        ("caf\udce9 \ud83d", "", "caf\ufffd \ufffd"),  # bytes that were not UTF-8
    ],
)
def test_visible(text: str, keep: str, shown: str) -> None:
    assert visible(text, keep) == shown
    assert len(visible(text, keep)) == len(text)  # offsets of highlights still hold


def test_json_text_escapes_what_json_dumps_leaves_raw() -> None:
    dumped = json_text(json.dumps({"t": "a\x9b\u202eb\u2028"}, ensure_ascii=False))
    assert not RAW.search(dumped) and "\u2028" not in dumped
    assert json.loads(dumped) == {"t": "a\x9b\u202eb\u2028"}


# --- special files -------------------------------------------------------------------


def test_a_fifo_and_a_device_are_skipped_not_read(tmp_path: Path) -> None:
    import os

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "real.txt").write_text("Real\n\nWords here.", encoding="utf-8")
    os.mkfifo(corpus / "pipe.txt")  # reading it would wait for a writer for ever
    (corpus / "zero.txt").symlink_to("/dev/zero")  # reading it would never end
    result = run_process("index", str(corpus), "--index", str(tmp_path / "ix"), timeout=60)
    assert result.returncode == 0, result.stderr
    assert "skipped 2 files" in result.stderr and "not a regular file" in result.stderr
    assert "indexed 1 article" in result.stderr


def test_a_file_over_the_size_limit_is_skipped(tmp_path: Path) -> None:
    from leisearch.ingest.files import MAX_FILE_BYTES

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "real.txt").write_text("Real\n\nWords here.", encoding="utf-8")
    with open(corpus / "huge.txt", "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk used
    result = run_cli("index", str(corpus), "--index", str(tmp_path / "ix"))
    assert result.returncode == 0, result.stderr
    assert "huge.txt (larger than 50 MB)" in result.stderr


def test_a_deleted_symlink_removes_its_article(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "far.txt").write_text("Far away\n\nA distant article.", encoding="utf-8")
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "near.txt").write_text("Near\n\nA close article.", encoding="utf-8")
    (corpus / "far.txt").symlink_to(outside / "far.txt")
    run_cli("index", str(corpus), "--index", str(tmp_path / "ix"))
    (corpus / "far.txt").unlink()
    again = run_cli("index", str(corpus), "--index", str(tmp_path / "ix"))
    assert "1 deleted" in again.stderr, again.stderr
    listed = run_cli("articles", "--index", str(tmp_path / "ix"))
    assert [row.split("\t")[0] for row in listed.stdout.splitlines()] == ["near"]


# --- an output encoding that cannot hold the text -------------------------------------


@pytest.mark.parametrize("args", [["query", "vote"], ["query", "vote", "--json"], ["articles"]])
def test_an_ascii_terminal_gets_a_clean_result(hostile_index: Path, args: list[str]) -> None:
    result = run_process(
        *args, "--index", str(hostile_index), env={"PYTHONIOENCODING": "ascii"}, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout.isascii()
    if "--json" in args:
        assert "\\u00e9" in result.stdout  # "café", escaped
        assert "café" in json.loads(result.stdout.splitlines()[0])["text"]


def test_a_file_name_that_is_not_text_is_indexed_under_a_readable_id(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    try:
        (corpus / os.fsdecode(b"bad\xff.txt")).write_text("Title\n\nSome words.", "utf-8")
    except (OSError, UnicodeError):
        pytest.skip("this file system takes only text for a file name")
    index = str(tmp_path / "ix")
    first = run_cli("index", str(corpus), "--index", index)
    assert first.returncode == 0, first.stderr
    listed = run_cli("articles", "--index", index)
    assert listed.stdout.startswith("bad\ufffd\t1\tTitle")
    again = run_cli("index", str(corpus), "--index", index)  # the same file, recognised
    assert again.returncode == 0 and "1 unchanged" in again.stderr


def test_a_query_of_bytes_that_are_not_utf8_is_quoted_as_typed(seed_index_dir: Path) -> None:
    # ``caf\xe9`` typed in Latin-1 reaches Python as a lone surrogate; a message shows the
    # replacement character for it, as batch mode does, not Python's ``\udce9``.
    result = run_process("query", "caf\udce9 Xiaomi", "-n", "1", "--index", str(seed_index_dir))
    assert result.returncode == 0, result.stderr
    assert "'caf\ufffd'" in result.stderr
    assert "\\udc" not in result.stderr
