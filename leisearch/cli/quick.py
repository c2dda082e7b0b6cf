"""The common command lines of ``query`` and ``quotes``, read without Typer.

A query's start-up is mostly imports, and Typer is a fifth of them (about 25 ms
of 130 on the seeds, with building the command). ``parse`` reads what people
and scripts type most: the words, and each option once, spelt out
(``--limit 5``, ``-n 5``, ``--speaker=Lei``), with ``--`` before words that
begin with a dash. It says which function to call with which arguments, the
ones Typer would pass; for anything else it says ``None`` and the Typer app
reads the line: help, completion, ``-n5``, a repeated, unknown or misspelt
option, a value Typer would refuse (it says why, in one line with a hint).

``tests/test_quick.py`` checks both against each other on generated command
lines: whatever ``parse`` reads, Typer reads the same.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import Enum
from pathlib import Path
from typing import Any, NamedTuple

from leisearch.models import Period, SortOrder
from leisearch.render.terminal import OutputFormat

from . import searching
from .searching import Confidence


class Option(NamedTuple):
    """How an option is read: the parameter it sets, and either how to read the value
    that follows it or, for a flag, the value it sets."""

    parameter: str
    read: Callable[[str], Any] | None = None
    flag: Any = True


def _count(text: str) -> int:
    """``--limit``: a whole number, 0 or more (``int``'s syntax, as Click's)."""
    number = int(text)
    if number < 0:
        raise ValueError(text)
    return number


def _jobs(text: str) -> int:
    """``--jobs``: a whole number, 1 or more."""
    number = int(text)
    if number < 1:
        raise ValueError(text)
    return number


def _choice(kind: type[Enum]) -> Callable[[str], Any]:
    """A choice of ``kind``'s values, in any case."""
    members = {str(member.value).casefold(): member for member in kind}

    def read(text: str) -> Any:
        member = members.get(text.casefold())
        if member is None:
            raise ValueError(text)
        return member

    return read


_SHARED = {
    "--limit": Option("limit", _count),
    "-n": Option("limit", _count),
    "--article": Option("article", str),
    "--speaker": Option("speaker", str),
    "--min-confidence": Option("min_confidence", _choice(Confidence)),
    "--since": Option("since", str),
    "--until": Option("until", str),
    "--source": Option("source", str),
    "--sort": Option("sort", _choice(SortOrder)),
    "--all-copies": Option("all_copies"),
    "--json": Option("json_output"),
    "--format": Option("output_format", _choice(OutputFormat)),
    "-f": Option("output_format", _choice(OutputFormat)),
    "--pager": Option("pager"),
    "--no-pager": Option("pager", flag=False),
    "--index": Option("index_dir", Path),
    "--jobs": Option("jobs", _jobs),
    "-j": Option("jobs", _jobs),
}
#: Each command read here: its function, its options, whether it needs words.
COMMANDS: dict[str, tuple[Callable[..., None], dict[str, Option], bool]] = {
    "query": (searching.query, _SHARED, True),
    "quotes": (searching.quotes, {**_SHARED, "--by": Option("by", _choice(Period))}, False),
}


def parse(args: Sequence[str]) -> tuple[Callable[..., None], dict[str, Any]] | None:
    """The function a command line runs and its arguments (those not given take its
    defaults), or ``None`` for a line that Typer should read.

    >>> run, arguments = parse(["query", "word", "of", "mouth", "-n", "3", "--json"])
    >>> run.__name__, arguments
    ('query', {'limit': 3, 'json_output': True, 'words': ['word', 'of', 'mouth']})
    >>> parse(["query", "mouth", "--help"]), parse(["query", "mouth", "-n5"])
    (None, None)
    """
    if not args or args[0] not in COMMANDS:
        return None
    run, options, needs_words = COMMANDS[args[0]]
    words: list[str] = []
    arguments: dict[str, Any] = {}
    rest = iter(args[1:])
    for arg in rest:
        if arg == "--":
            words.extend(rest)
            break
        if arg == "-" or not arg.startswith("-"):
            words.append(arg)
            continue
        name, equals, value = arg.partition("=")
        option = options.get(name)
        # (Click reads "-n=5" as -n "=5", and refuses a value given to a flag.)
        given = equals and (option is None or option.read is None or name[1] != "-")
        if option is None or option.parameter in arguments or given:
            return None
        if option.read is None:
            arguments[option.parameter] = option.flag
            continue
        if not equals:
            value = next(rest, "-")
            if value.startswith("-"):  # a missing value, or one Click may read otherwise
                return None
        try:
            arguments[option.parameter] = option.read(value)
        except ValueError:
            return None
    if words:
        arguments["words"] = words
    elif needs_words:
        return None
    return run, arguments
