"""Output formats, stats and help: the everyday surface of every command."""

from __future__ import annotations

import csv
import io
import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from leisearch.cli.app import make_app
from leisearch.models import Record
from leisearch.render.machine import write_jsonl
from leisearch.service.build import build
from leisearch.store import manifest as manifest_module

from .conftest import SEEDS, run_cli, run_shell

COMMANDS = [
    ["query", "patents"],
    ["quotes", "--speaker", "Lei Jun"],
    ["speakers"],
    ["articles"],
    ["show", "003:4"],
    ["stats"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_json_csv_and_jsonl_hold_the_same_records(seed_index_dir: Path, args: list[str]) -> None:
    index = ["--index", str(seed_index_dir)]
    jsonl = run_cli(*args, "--format", "jsonl", *index)
    assert jsonl.returncode == 0, jsonl.stderr
    records = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert records
    assert run_cli(*args, "--json", *index).stdout == jsonl.stdout
    assert json.loads(run_cli(*args, "--format", "json", *index).stdout) == records

    raw = subprocess.run(
        [sys.executable, "-m", "leisearch", *args, "-f", "csv", *index],
        capture_output=True,
        check=True,
    ).stdout
    assert raw.count(b"\r\n") >= len(records) + 1  # RFC 4180 line ends: header and rows
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert [list(row) for row in rows] == [list(record) for record in records]
    for row, record in zip(rows, records, strict=True):
        for key, value in record.items():
            if isinstance(value, str):
                assert row[key] == value  # commas, quotes and newlines survive
            elif isinstance(value, bool):  # (before int: a bool is one)
                assert row[key] == json.dumps(value)
            elif isinstance(value, int | float):
                assert float(row[key]) == value
            elif isinstance(value, dict):  # by_confidence, top terms' records: JSON text
                assert json.loads(row[key]) == value
            elif key in _name_lists():  # speakers, duplicates, aliases: one joined cell
                assert row[key] == "; ".join(value)
            elif isinstance(value, list):  # show's quotations: JSON text, an empty one too
                assert json.loads(row[key]) == value


def _name_lists() -> set[str]:
    """The keys of every record's lists of names (``list of strings`` in the README)."""
    found: set[str] = set()
    pending: list[type[Record]] = [Record]
    while pending:
        kind = pending.pop()
        found.update(f.key for f in kind.JSON if f.kind == "list of strings")
        pending.extend(kind.__subclasses__())
    return found


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_table_and_plain_formats(seed_index_dir: Path, args: list[str]) -> None:
    table = run_cli(*args, "--format", "table", "--index", str(seed_index_dir))
    plain = run_cli(*args, "--format", "plain", "--index", str(seed_index_dir))
    assert table.returncode == plain.returncode == 0
    assert "\x1b[" not in table.stdout  # piped: the Rich layout, without colour
    assert table.stdout != plain.stdout
    auto = run_cli(*args, "--index", str(seed_index_dir))
    assert auto.stdout == plain.stdout  # auto is plain when piped


def test_stats(seed_index_dir: Path) -> None:
    result = run_cli("stats", "--json", "--index", str(seed_index_dir))
    stats = json.loads(result.stdout)
    assert list(stats) == [
        "location",
        "size_bytes",
        "schema_version",
        "built_at",
        "articles",
        "paragraphs",
        "quotations",
        "quotations_by_confidence",
        "speakers",
        "top_terms",
        "removed",
    ]
    assert stats["articles"] == len(list(SEEDS.glob("*.txt")))
    assert stats["paragraphs"] == sum(
        json.loads(line)["paragraphs"]
        for line in run_cli(
            "articles", "--json", "--index", str(seed_index_dir)
        ).stdout.splitlines()
    )
    assert stats["quotations"] == sum(
        json.loads(line)["quotes"]
        for line in run_cli(
            "speakers", "--json", "--index", str(seed_index_dir)
        ).stdout.splitlines()
    )
    assert stats["size_bytes"] > 0
    terms = [t["term"] for t in stats["top_terms"]]
    assert len(terms) == 10 and "xiaomi" in terms and "the" not in terms
    counts = [t["paragraphs"] for t in stats["top_terms"]]
    assert counts == sorted(counts, reverse=True)


def test_stats_reports_the_index_location_as_an_absolute_path(
    seed_index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(seed_index_dir.parent)
    result = run_cli("stats", "--json", "--index", seed_index_dir.name)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["location"] == str(seed_index_dir)


def command_names() -> list[str]:
    return sorted(command.name or "" for command in make_app().registered_commands)


def test_every_command_has_help_with_examples() -> None:
    names = command_names()
    assert {"index", "query", "quotes", "speakers", "articles", "show", "stats"} <= set(names)
    for name in names:
        result = run_cli(name, "--help")
        assert result.returncode == 0
        assert "Examples:" in result.stdout, name
        examples = result.stdout.split("Examples:", 1)[1]
        assert examples.count("leisearch ") >= 2, name


def test_query_help_teaches_the_syntax() -> None:
    text = run_cli("query", "--help").stdout
    for piece in ['"word of mouth"', "AND", "OR", "NOT", "title:", "xiao*", "Xioami~"]:
        assert piece in text


def test_version() -> None:
    assert run_cli("--version").stdout.startswith("leisearch ")


def complete(seed_index_dir: Path, words: str) -> list[str]:
    """Ask the CLI for bash completions of the last word of ``words``."""
    env = {
        "_LEISEARCH_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - 1),
        "LEISEARCH_INDEX": str(seed_index_dir),
    }
    result = run_cli(env=env)
    # Completion never fails, whatever the index: no message, no traceback.
    assert (result.returncode, result.stderr) == (0, "")
    return [line for line in result.stdout.splitlines() if line]


def test_completion_of_article_ids_and_speakers(seed_index_dir: Path) -> None:
    ids = sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert complete(seed_index_dir, "leisearch show 00") == ids
    assert complete(seed_index_dir, "leisearch query x --article 003") == [ids[3]]
    # Bash inserts a completion as it is: a name's space comes escaped, as bash writes it.
    assert complete(seed_index_dir, "leisearch quotes --speaker L") == ["Lei\\ Jun", "Li\\ Jing"]
    assert complete(seed_index_dir, "leisearch quotes --speaker zz") == []


#: A bash session: completion as bash runs it, then each completion inserted, the quote
#: the user opened closed, and the command line read as bash reads it.
_BASH_SESSION = r"""
export LEISEARCH_INDEX=__INDEX__
eval "$(__PROGRAM__ --show-completion bash)"
COMP_WORDS=(__WORDS__); COMP_CWORD=__CWORD__
_leisearch_completion __PROGRAM__
for reply in "${COMPREPLY[@]}"; do
    line="$reply"
    if [ "${reply:0:1}" = '"' ]; then line="$reply\""; fi
    if [ "${reply:0:1}" = "'" ]; then line="$reply'"; fi
    eval "set -- $line"
    printf '%s => %s (%s words)\n' "$reply" "$1" "$#"
done
"""


def _bash_completes(index_dir: Path, tmp_path: Path, words: str, cword: int) -> list[str]:
    """Run bash's own completion script with ``COMP_WORDS=(words)`` (bash syntax, as bash
    splits the command line) and return each completion with what bash makes of it once
    inserted: the word, after the shell's quoting."""
    program = tmp_path / "leisearch"  # the script runs $1 as one word: a one-word program
    program.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m leisearch "$@"\n')
    program.chmod(0o755)
    session = (
        _BASH_SESSION.replace("__INDEX__", shlex.quote(str(index_dir)))
        .replace("__PROGRAM__", shlex.quote(str(program)))
        .replace("__WORDS__", words)
        .replace("__CWORD__", str(cword))
    )
    result = subprocess.run(
        ["/bin/bash", "-c", session], capture_output=True, text=True, check=False
    )
    assert result.stderr == ""
    return result.stdout.splitlines()


@pytest.mark.parametrize(
    ("typed", "completed"),
    [
        # The user typed `--speaker Lei\ J` and pressed Tab.
        ("'Lei\\ J'", "Lei\\ Jun => Lei Jun (1 words)"),
        # Inside a double quote a backslash would stay: the quote is kept open instead.
        ("'\"Lei J'", '"Lei Jun => Lei Jun (1 words)'),
        ('"\'Li J"', "'Li Jing => Li Jing (1 words)"),
    ],
)
def test_bash_completion_of_a_name_gives_one_word(
    seed_index_dir: Path, tmp_path: Path, typed: str, completed: str
) -> None:
    assert _bash_completes(seed_index_dir, tmp_path, f"leisearch quotes --speaker {typed}", 3) == [
        completed
    ]


def test_bash_completion_of_an_id_with_control_characters(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "red\x1b[31mflood\nwarning.txt").write_text("Flood\n\nThe river rose.\n")
    build([corpus], tmp_path / "ix")
    # One candidate, in bash's $'…' quoting: the escape and the newline as escapes.
    assert _bash_completes(tmp_path / "ix", tmp_path, "leisearch show red", 2) == [
        "$'red\\x1b[31mflood\\nwarning' => red\x1b[31mflood",  # the id's own newline
        "warning (1 words)",
    ]


def test_completion_never_fails_without_an_index(tmp_path: Path) -> None:
    assert complete(tmp_path / "none", "leisearch show 00") == []


def test_completion_never_fails_on_a_damaged_index(copied_index: Path) -> None:
    manifest = copied_index / manifest_module.MANIFEST
    header = manifest.read_text(encoding="utf-8").splitlines()[0]
    manifest.write_text(f"{header}\nnull\n[1]\n", encoding="utf-8")
    assert complete(copied_index, "leisearch show 00") == []
    assert complete(copied_index, "leisearch quotes --speaker L") == []


def test_completion_scripts_are_offered() -> None:
    # Typer finds the shell among the parent processes: bash stays one here
    # (a lone command would be exec'd by bash, which would leave none).
    result = run_shell("LEISEARCH --show-completion; true")
    assert "_LEISEARCH_COMPLETE" in result.stdout
    assert "complete -o" in result.stdout  # the bash script


def run_in_terminal(args: list[str], env: dict[str, str]) -> str:
    """Run the CLI with stdout on a pseudo-terminal; return what reached the terminal."""
    import os
    import pty

    leader, follower = pty.openpty()
    full_env = {**os.environ, "COLUMNS": "100", **env}
    full_env.pop("NO_COLOR", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "leisearch", *args],
        stdout=follower,
        stderr=subprocess.DEVNULL,
        env=full_env,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", errors="replace")


def test_the_pager_runs_on_a_terminal_only(seed_index_dir: Path, tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    env = {"PAGER": f"tee {paged}"}
    args = ["articles", "--index", str(seed_index_dir)]
    screen = run_in_terminal(args, env)
    assert "Lei Jun Interview" in paged.read_text(encoding="utf-8")
    assert "Lei Jun Interview" in screen  # tee shows it too
    paged.unlink()
    run_in_terminal([*args, "--no-pager"], env)
    assert not paged.exists()
    piped = run_cli(*args, "--pager", env=env)
    assert piped.returncode == 0 and "Lei Jun Interview" in piped.stdout
    assert not paged.exists()  # never when piped


def test_articles_on_a_narrow_terminal_keep_their_titles(seed_index_dir: Path) -> None:
    args = ["articles", "--format", "table", "--index", str(seed_index_dir)]
    narrow = run_cli(*args, env={"COLUMNS": "50"}).stdout
    wide = run_cli(*args, env={"COLUMNS": "120"}).stdout
    for title in ("Lei Jun Interview", "Lei Jun's message to Xiaomi's followers"):
        assert title in narrow and title in wide
    assert max(len(line) for line in narrow.splitlines()) <= 50


def test_a_json_line_is_written_whole_at_once() -> None:
    """A stream cut off between two writes (Ctrl-C in a batch) ends at a line's end."""
    writes: list[str] = []

    class Recorded(io.StringIO):
        def write(self, text: str) -> int:
            writes.append(text)
            return super().write(text)

    write_jsonl([{"a": 1}, {"b": "é"}], Recorded())
    assert writes == ['{"a": 1}\n', '{"b": "é"}\n']
