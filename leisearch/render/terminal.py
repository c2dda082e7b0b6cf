"""How to draw: the terminal, decided once, and the pager.

``Terminal`` decides once, from the streams and the environment, how output
looks (as httpie's ``Environment`` does), and holds the streams it decided
for, so that every writer draws on ``terminal.out``:

* stdout is a terminal, or ``FORCE_COLOR`` is set: Rich layout;
  with ``NO_COLOR`` set as well, the same layout without any ANSI codes.
* otherwise: plain text, no ANSI codes, no wrapping.
"""

from __future__ import annotations

import enum
import errno
import os
from collections.abc import Mapping
from typing import Any, NamedTuple, TextIO


class OutputFormat(enum.StrEnum):
    """``--format``: ``auto`` is ``table`` on a terminal and ``plain`` otherwise."""

    AUTO = "auto"
    TABLE = "table"
    PLAIN = "plain"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"

    @property
    def machine(self) -> bool:
        """A format for programs: records written whole, no terminal layout."""
        return self in (OutputFormat.JSON, OutputFormat.JSONL, OutputFormat.CSV)


class Terminal(NamedTuple):
    """How to draw, and where: decided in one place from the streams and the environment.

    A named tuple, not a frozen dataclass: every command makes one, and a frozen dataclass
    costs a cold query a millisecond or two at import, where its methods are compiled."""

    out: TextIO
    err: TextIO
    rich: bool  # Rich layout on out
    color: bool  # ANSI styles allowed on out
    width: int
    err_rich: bool  # progress bars on err

    @classmethod
    def detect(cls, out: TextIO, err: TextIO, environ: Mapping[str, str]) -> Terminal:
        no_color = bool(environ.get("NO_COLOR"))
        force = bool(environ.get("FORCE_COLOR"))
        rich = _isatty(out) or force
        try:
            columns = int(environ.get("COLUMNS") or 0)
            width = columns or os.get_terminal_size(out.fileno()).columns
        except (ValueError, OSError, AttributeError):
            width = 100
        return cls(
            out=out,
            err=err,
            rich=rich,
            color=rich and not no_color,
            width=max(40, width),
            err_rich=_isatty(err) and environ.get("TERM") != "dumb",
        )

    @property
    def snippet_chars(self) -> int:
        """Snippets fill about three lines of the terminal."""
        return max(120, (self.width - 6) * 3) if self.rich else 240

    @property
    def interactive(self) -> bool:
        """Whether ``out`` is a terminal a person reads (where a pager may run)."""
        return _isatty(self.out)


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def console_for(terminal: Terminal, stream: TextIO | None = None) -> Any:
    """A Rich console drawing as ``terminal`` says, on ``stream`` (default: its ``out``)."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # Rich exits with 1 when the reader goes away (``| head -1``): the error goes up
            # instead, to be handled as it is for every other format (quietly, with 0).
            self.quiet = True
            raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))

    return _Console(
        file=stream or terminal.out,
        width=terminal.width,
        color_system="auto" if terminal.color else None,
        force_terminal=terminal.color,
        no_color=not terminal.color,
        highlight=False,
        emoji=False,
        markup=False,
    )


# --- the pager ---------------------------------------------------------------------------

DEFAULT_PAGER = "less -FRX"  # quit if one screen, keep colours, leave the screen as is


def pager_command(environ: Mapping[str, str]) -> list[str] | None:
    """``$PAGER`` (empty: no pager), else ``less -FRX`` if ``less`` is installed."""
    import shlex
    import shutil

    value = environ.get("PAGER")
    if value is not None:
        return shlex.split(value) or None
    return shlex.split(DEFAULT_PAGER) if shutil.which("less") else None


def page(text: str, command: list[str], out: TextIO) -> None:
    """Show ``text`` through the pager; write it directly if the pager cannot start."""
    import subprocess

    try:
        subprocess.run(command, input=text, text=True, check=False)
    except OSError:
        out.write(text)
