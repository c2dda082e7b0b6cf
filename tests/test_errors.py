"""Errors: the library says what went wrong and why; the command line says what to type.

Library errors carry a reason and data, never command-line syntax; every reason
has a one-line hint in ``cli.messages``, and the lines users see are as before.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import leisearch
from leisearch.cli.messages import HINTS, error_line
from leisearch.errors import (
    IndexCorrupt,
    IndexNotFound,
    IndexUnwritable,
    LeisearchError,
    QueryError,
    Reason,
    UsageError,
)

from .conftest import ROOT

LIBRARY = [p for p in (ROOT / "leisearch").rglob("*.py") if "cli" not in p.parts]
#: What only a shell user can type: an option, a placeholder, a command after a colon.
CLI_SYNTAX = re.compile(r"(?<![\w-])--[a-z]|`|\bPATH\b|:\s*leisearch [a-z]+")
ERROR_NAMES = re.compile(r"(?:Error|NotFound|Unwritable|Corrupt)$")


def _error_texts(path: Path) -> list[str]:
    """The string parts of every error constructed in ``path``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if ERROR_NAMES.search(name):
                for arg in [*node.args, *(k.value for k in node.keywords)]:
                    for part in ast.walk(arg):
                        if isinstance(part, ast.Constant) and isinstance(part.value, str):
                            found.append(part.value)
    return found


def test_library_errors_speak_no_command_line() -> None:
    texts = {str(p.relative_to(ROOT)): _error_texts(p) for p in LIBRARY}
    assert sum(len(t) for t in texts.values()) > 30  # the scan does find the messages
    offending = {p: [t for t in ts if CLI_SYNTAX.search(t)] for p, ts in texts.items()}
    assert {p: ts for p, ts in offending.items() if ts} == {}


def test_every_reason_has_a_hint() -> None:
    assert set(HINTS) == set(Reason)


@pytest.mark.parametrize(
    ("error", "line"),
    [
        (
            IndexCorrupt(Reason.DAMAGED, "the index manifest x is damaged", path="/ix"),
            "error: the index manifest x is damaged"
            " (hint: rebuild it: leisearch index --rebuild --index /ix)",
        ),
        (
            IndexNotFound(Reason.NO_INDEX, "no leisearch index at /ix", path="/ix"),
            "error: no leisearch index at /ix (hint: build one: leisearch index --index /ix PATH)",
        ),
        (
            IndexUnwritable(Reason.BUSY, "another leisearch index run is writing /ix"),
            "error: another leisearch index run is writing /ix"
            " (hint: wait for it to finish, then try again)",
        ),
        (
            QueryError(
                Reason.NEGATIVE_OPTION,
                "limit must be 0 or more, not -1",
                value="-1",
                option="limit",
            ),
            "error: --limit must be 0 or more, not -1 (hint: use e.g. --limit 20)",
        ),
        (
            UsageError(
                Reason.AMBIGUOUS_SPEAKER, "no speaker 'Brown'", candidates=["Ann Brown", "Bo Brown"]
            ),
            "error: no speaker 'Brown' (hint: did you mean: Ann Brown, Bo Brown)",
        ),
        (
            UsageError(Reason.NO_SUCH_PARAGRAPH, "004 has paragraphs 1 to 9", value="004", count=9),
            "error: 004 has paragraphs 1 to 9 (hint: show one of them, e.g. leisearch show 004:1)",
        ),
    ],
)
def test_reasons_become_the_lines_users_see(error: LeisearchError, line: str) -> None:
    assert error_line(error) == line


def test_a_python_caller_gets_a_typed_error_it_can_act_on(tmp_path: Path) -> None:
    with pytest.raises(leisearch.IndexNotFound) as missing:
        leisearch.open_index(tmp_path / "nowhere")
    assert missing.value.reason is Reason.NO_INDEX
    assert missing.value.path == tmp_path / "nowhere"
    assert not CLI_SYNTAX.search(str(missing.value))
