"""The quick path (``cli.quick``): what it reads, Typer reads the same; the rest is Typer's."""

from __future__ import annotations

import contextlib
import inspect
from typing import Any

import pytest
import typer.main
from hypothesis import given, settings
from hypothesis import strategies as st
from typer._click.exceptions import ClickException

from leisearch.cli import quick, searching
from leisearch.cli.app import make_app
from leisearch.cli.searching import Confidence
from leisearch.models import Period, SortOrder
from leisearch.render.terminal import OutputFormat


def typer_reads(args: list[str], monkeypatch: pytest.MonkeyPatch) -> tuple[str, dict[str, Any]]:
    """The function the Typer app calls for ``args``, and every argument it passes."""
    called: list[tuple[str, dict[str, Any]]] = []
    for name in quick.COMMANDS:
        monkeypatch.setattr(
            searching, name, lambda name=name, **kwargs: called.append((name, kwargs))
        )
    command = typer.main.get_command(make_app(args[0]))
    command.main(args=args, prog_name="leisearch", standalone_mode=False)
    monkeypatch.undo()
    assert len(called) == 1
    return called[0]


def quick_reads(args: list[str]) -> tuple[str, dict[str, Any]] | None:
    """What ``quick.parse`` calls for ``args``, every argument given (defaults too)."""
    call = quick.parse(args)
    if call is None:
        return None
    run, arguments = call
    bound = inspect.signature(run).bind(**arguments)
    bound.apply_defaults()
    return run.__name__, dict(bound.arguments)


@pytest.mark.parametrize(
    "args",
    [
        ["query", "word of mouth"],
        ["query", "word", "of", "mouth", "--json"],
        ["query", "patents", "-n", "3", "--speaker", "Lei Jun", "--index", "ix"],
        ["query", "strike", "--since", "2024-03", "--source=The Herald", "--sort", "DATE"],
        ["query", "-", "--json", "--min-confidence", "high", "--all-copies", "--no-pager"],
        ["query", "--limit=0", "--", "-car", "--json"],
        ["query", "x", "-f", "CSV", "--article", "003", "--until", "2025", "--pager"],
        ["quotes"],
        ["quotes", "--speaker", "Lei Jun", "--by", "Month", "--format", "jsonl"],
        ["quotes", "patents", "--speaker=Lei", "-n", "1_0"],
        ["quotes", "-", "--speaker", "", "--index="],
    ],
)
def test_the_usual_command_lines_run_without_typer_as_typer_runs_them(
    args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = quick_reads(args)
    assert fast is not None
    assert fast == typer_reads(args, monkeypatch)


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["index"],
        ["--version"],
        ["query"],  # no words: Typer says what is missing
        ["query", "x", "--help"],
        ["quotes", "-h"],
        ["query", "x", "-n5"],  # Click's short form: Typer's
        ["query", "x", "-n=5"],
        ["query", "x", "-n", "-1"],  # out of range: Typer says so
        ["query", "x", "--limit=-1"],
        ["query", "x", "-n", "five"],
        ["query", "x", "-n"],  # no value
        ["query", "x", "--speaker", "--json"],
        ["query", "x", "--json=yes"],  # a flag takes no value
        ["query", "x", "--json", "--json"],  # repeated
        ["query", "x", "--pager", "--no-pager"],
        ["query", "x", "--lim", "3"],  # abbreviated: Typer suggests the option
        ["query", "Apple", "-patents"],  # a word to leave out: Typer's hint
        ["query", "x", "--by", "month"],  # quotes only
        ["query", "x", "--sort", "newest"],
        ["quotes", "x", "--min-confidence", "certain"],
        ["quotes", "x", "--format="],
    ],
)
def test_anything_else_goes_to_typer(args: list[str]) -> None:
    assert quick.parse(args) is None


_WORDS = st.sampled_from(["word", "of", "Lei Jun", "-", "--", "", "a=b", "-car", "été", "5"])
_OPTIONS = st.sampled_from(
    [*quick.COMMANDS["quotes"][1], "-h", "--lim", "-x", "--no-json", "-n5", "--limit=", "--json=1"]
)
_VALUES = st.sampled_from(
    ["5", "0", "-1", " 7", "1_0", "x", "", "-", "--", "/tmp/ix", "Lei Jun"]
    + [v.upper() for kind in (Confidence, SortOrder, Period, OutputFormat) for v in kind]
    + [v for kind in (Confidence, SortOrder, Period, OutputFormat) for v in kind]
)
_PIECES = st.one_of(
    _WORDS.map(lambda word: [word]),
    _OPTIONS.map(lambda option: [option]),
    st.tuples(_OPTIONS, _VALUES).map(list),
    st.tuples(_OPTIONS, _VALUES).map(lambda pair: [f"{pair[0]}={pair[1]}"]),
)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(sorted(quick.COMMANDS)), st.lists(_PIECES, max_size=6))
def test_what_the_quick_path_reads_typer_reads_the_same(
    command: str, pieces: list[list[str]]
) -> None:
    args = [command, *(arg for piece in pieces for arg in piece)]
    fast = quick_reads(args)
    if fast is None:
        return
    with pytest.MonkeyPatch.context() as monkeypatch:
        try:
            slow = typer_reads(args, monkeypatch)
        except ClickException as error:
            pytest.fail(f"the quick path ran {args}, which Typer refuses: {error}")
    assert fast == slow


@pytest.mark.parametrize(("platform", "typer_runs"), [("win32", True), ("linux", False)])
def test_on_windows_typer_reads_the_process_arguments(
    platform: str, typer_runs: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Click expands wildcards and ~ in the arguments of a Windows process: the quick
    # path would read `xiao*` otherwise, so Typer reads them there.
    import importlib
    import sys

    from leisearch.cli import app

    entry = importlib.import_module("leisearch.cli.main")  # (the package's main is its function)
    ran: list[str] = []
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(sys, "argv", ["leisearch", "query", "xiao*", "--json"])
    monkeypatch.setattr(app, "run", lambda argv: ran.append("typer"))
    _, options, needs_words = quick.COMMANDS["query"]
    recorded = (lambda **kwargs: ran.append("quick"), options, needs_words)
    monkeypatch.setitem(quick.COMMANDS, "query", recorded)
    with pytest.raises(SystemExit) if not typer_runs else contextlib.nullcontext():
        entry.main()
    assert ran == ["typer" if typer_runs else "quick"]
