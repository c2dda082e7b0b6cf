"""``python -m leisearch`` and the ``leisearch`` command start here.

The command-line modules take tens of milliseconds to import: a Ctrl-C
pressed meanwhile is an interrupt like any other (one line, exit 130), not a
traceback. From then on ``cli.main`` handles it (and Typer's import, for the
command lines that need it).
"""

import sys

from .errors import ExitCode


def run() -> None:
    """The ``leisearch`` command."""
    try:
        from .cli import main
    except KeyboardInterrupt:
        print("leisearch: interrupted", file=sys.stderr)
        raise SystemExit(ExitCode.INTERRUPTED) from None
    main()


if __name__ == "__main__":
    run()
