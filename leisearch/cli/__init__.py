"""The command line: the only package that imports Typer.

``main``
    the program: the Typer app (``make_app``), ``main``, usage errors;
``commands``
    one function per command: options in, one service call, render, exit code;
``options``
    the options the commands share, and shell completion;
``session``
    one run: the streams, the index location, messages, output and exit codes;
``messages``
    errors as one line with a hint of what to type.

May import every other package; nothing imports it.
"""

from .main import main, make_app

__all__ = ["main", "make_app"]
