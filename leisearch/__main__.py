"""``python -m leisearch`` and the ``leisearch`` command start here.

The command-line modules take tens of milliseconds to import: a Ctrl-C
pressed meanwhile is an interrupt like any other (one line, exit 130), not a
traceback. From then on ``cli.main`` handles it (and Typer's import, for the
command lines that need it).

The cycle collector passes over the young objects every 700 new ones, by
default: a cold query makes about 33,000 (23,000 of them its modules' and
classes', none garbage), so it made about 50 passes, a few milliseconds of it.
From ``COLLECT_AFTER`` new objects instead, a query makes none, and anything
that runs long (a batch, a build) is still collected, less often, which costs
less too: most objects are freed as soon as they are unused (by reference
count), and only those in cycles wait for a pass.
"""

import gc
import sys

from .errors import ExitCode

#: New objects (of the kinds the collector tracks) between two of its passes.
COLLECT_AFTER = 50_000


def run() -> None:
    """The ``leisearch`` command."""
    gc.set_threshold(COLLECT_AFTER, *gc.get_threshold()[1:])
    try:
        from .cli import main
    except KeyboardInterrupt:
        print("leisearch: interrupted", file=sys.stderr)
        raise SystemExit(ExitCode.INTERRUPTED) from None
    main()


if __name__ == "__main__":
    run()
