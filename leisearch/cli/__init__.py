"""The command line: the only package that imports Typer.

``main``
    the program: a common query without Typer (``quick``), the rest with it (``app``);
``app``
    the Typer app (``make_app``), and usage errors as one line;
``commands``
    one function per command, as Typer declares it: options in, one service call,
    render, exit code;
``searching``
    the work of ``query`` and ``quotes``, the commands run most, with no Typer;
``quick``
    their common command lines, read without Typer;
``options``
    the options the commands share, and shell completion;
``session``
    one run: the streams, the index location, messages, output and exit codes;
``messages``
    errors as one line with a hint of what to type.

May import every other package; nothing imports it.
"""

from .main import main

__all__ = ["main"]
