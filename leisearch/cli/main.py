"""``main``: the program. A common query runs without Typer; the rest, with it.

``quick.parse`` reads the usual command lines of ``query`` and ``quotes`` and
says which function to call; they run here, with no Typer imported. Every other
command line goes to the Typer app (``app.run``): the other commands, help,
shell completion, and anything ``parse`` leaves alone, usage errors included.
Either way, the command runs the same function with the same arguments.
"""

from __future__ import annotations

import os
import sys

from leisearch.errors import ExitCode

from .quick import parse
from .session import note, output_failed

#: Set by the shell while it asks for completions (Click's ``_{PROG}_COMPLETE``).
COMPLETION_VARIABLE = "_LEISEARCH_COMPLETE"


def index_after_command(args: list[str]) -> list[str]:
    """The arguments with an ``--index`` typed before the command moved after it, where
    every command takes it (``leisearch --index DIR query dam``: ``query --index DIR
    dam``).

    >>> index_after_command(["--index", "ix", "query", "dam"])
    ['query', '--index', 'ix', 'dam']
    >>> index_after_command(["--index=ix", "stats"]), index_after_command(["query", "x"])
    (['stats', '--index=ix'], ['query', 'x'])
    """
    if len(args) >= 3 and args[0] == "--index" and not args[2].startswith("-"):
        return [args[2], *args[:2], *args[3:]]
    if len(args) >= 2 and args[0].startswith("--index=") and not args[1].startswith("-"):
        return [args[1], args[0], *args[2:]]
    return args


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the command line (``sys.argv`` unless given), then exit with
    its code. Output is flushed here, so write errors at the end are handled too."""
    args = sys.argv[1:] if argv is None else argv
    moved = index_after_command(args)
    if moved != args:
        args = argv = moved
    # On Windows, Click expands wildcards and ~ in the arguments it reads from the
    # process (argv None): those command lines stay Typer's, to read them as before.
    typer_reads = COMPLETION_VARIABLE in os.environ or (argv is None and sys.platform == "win32")
    call = None if typer_reads else parse(args)
    if call is None:
        try:
            from .app import run
        except KeyboardInterrupt:  # Ctrl-C while Typer is imported: one line, as later
            note("interrupted")
            sys.exit(ExitCode.INTERRUPTED)
        run(argv)
        return
    command, arguments = call
    try:
        try:
            command(**arguments)  # errors, Ctrl-C, no results: its own exit (``guarded``)
        finally:
            sys.stdout.flush()
    except OSError as error:
        sys.exit(output_failed(error))
    sys.exit(ExitCode.OK)
