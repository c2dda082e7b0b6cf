"""The ``leisearch`` program as a Typer app, and ``run``, which runs it.

Typer turns every registered command into a Click command on each run, by
inspecting its signature: a third of the time a query spent after its
imports. So ``run`` builds an app that holds only the command being run when
the first argument names one (``make_app``); help, completion and usage errors
of that command are the same either way, and anything else (top-level options,
a mistyped command) gets the whole app.
"""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import Annotated, Any

import typer
import typer.main

# Typer ships its own Click from 0.26 (pinned: >=0.26,<0.29), and raises that Click's
# errors; they are imported from where Typer keeps them.
from typer._click.exceptions import (
    BadParameter,
    ClickException,
    NoArgsIsHelpError,
    NoSuchOption,
)
from typer._click.shell_completion import add_completion_class

from leisearch.errors import ExitCode, quoted
from leisearch.version import __version__

from .commands import COMMANDS
from .completion import BashCompletion
from .main import COMPLETION_VARIABLE
from .session import note, output_failed

HELP = "Full-text search for collections of articles: what was said, by whom, and where."


def _version(value: bool) -> None:
    if value:
        print(f"leisearch {__version__}")
        raise typer.Exit()


def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Full-text search for collections of articles: what was said, by whom, and where."""


def make_app(only: str | None = None) -> typer.Typer:
    """The app with every command, or with only the command named ``only``."""
    app = typer.Typer(
        name="leisearch",
        help=HELP,
        no_args_is_help=True,
        add_completion=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.callback()(_root)
    for name, command in COMMANDS.items():
        if only is None or name == only:
            app.command(name)(command)
    return app


def app_for(args: Sequence[str]) -> typer.Typer:
    """The app ``main`` runs for ``args``: only the command they name, if they name one
    (and no shell completion is under way), else the whole app."""
    if args and args[0] in COMMANDS and COMPLETION_VARIABLE not in os.environ:
        return make_app(args[0])
    return make_app()


def usage_error(error: ClickException, args: Sequence[str]) -> str:
    """A Click usage error as one line, like every other error, with where to look.

    >>> class Ctx:
    ...     command_path, command = "leisearch query", None
    >>> error = NoSuchOption("-p")
    >>> error.ctx = Ctx()
    >>> usage_error(error, ["query", "Apple", "-pie"])
    "error: No such option: -pie (hint: to leave a word out, quote the whole query: 'Apple -pie')"
    """
    ctx = getattr(error, "ctx", None)
    # Some parse errors carry no context ("Option '--speaker' requires an argument"):
    # the command typed is still the one whose help to see.
    named = f"leisearch {args[0]}" if args and args[0] in COMMANDS else "leisearch"
    command = ctx.command_path if ctx else named
    hint = f"see: {command} --help"
    message = error.format_message()
    if isinstance(error, BadParameter):
        message = _number_message(error, args) or message
    if isinstance(error, NoSuchOption):
        # Click suggests what difflib finds close, which is loose ("--bogus": --jobs):
        # only the options a typing slip away, or that begin with what was typed.
        message = error.message
        # "-harbour" is -h -a -r... to Click, which names the first letter it does not
        # know ("-a"): the word typed is what the user will recognise.
        valued = _valued_options(ctx.command) if ctx else frozenset()
        typed = _cluster_of(error.option_name, args, valued)
        if typed:
            message = message.replace(error.option_name, typed, 1)
        options = _options(ctx.command) if ctx else list(error.possibilities or ())
        near = _near_options(error.option_name, options)
        # "--csv" after "--json": a format is a value of --format.
        formats = _choices(ctx.command, "--format") if ctx else ()
        if error.option_name.lstrip("-") in formats:
            near = [f"--format {error.option_name.lstrip('-')}"]
        if near:
            hint = f"did you mean: {', '.join(near)}"
    # "leisearch query Apple -patents": the shell passed -patents as an option, and Click
    # read it as one it knows (-f atents, "-ferry": --format erry) or does not.
    excluded = [a for a in args[1:] if len(a) > 2 and a[0] == "-" and a[1].isalpha()]
    if excluded and args[:1] in (["query"], ["quotes"]) and isinstance(error, _MISREAD):
        words = _typed_words(args[1:], ctx.command if ctx else None)
        words += [word for word in excluded if word not in words]
        typed = shlex.quote(" ".join(words))
        if words[0].startswith("-"):
            hint = f"to leave a word out, put -- before the query: leisearch {args[0]} -- {typed}"
        else:
            hint = f"to leave a word out, quote the whole query: {typed}"
    return f"error: {message} (hint: {hint})"


#: The errors of a word to leave out that Click took for an option.
_MISREAD = (NoSuchOption, BadParameter)


def _before_end_of_options(args: Sequence[str]) -> Sequence[str]:
    """The arguments before ``--``, after which none is an option."""
    return args[: args.index("--")] if "--" in args else args


def _cluster_of(
    option: str, args: Sequence[str], valued: frozenset[str] = frozenset()
) -> str | None:
    """The argument that Click read as a run of one-letter options, one of them
    ``option``, which it does not know (``-harbour`` for ``-a``); None if ``option``
    was typed as it is. An option that takes a value (``valued``: ``-f``) is passed
    over with it, attached or not (``-fplain``, ``-f plain``).

    >>> _cluster_of("-a", ["query", "-harbour"]), _cluster_of("-M", ["query", "-M"])
    ('-harbour', None)
    >>> _cluster_of("-a", ["query", "x", "-fplain", "-harbour"], frozenset({"-f"}))
    '-harbour'
    """
    if len(option) != 2 or option in args:
        return None
    value_next = False
    for arg in _before_end_of_options(args):
        if value_next:
            value_next = False
        elif arg in valued:
            value_next = True
        elif (
            len(arg) > 2
            and arg[0] == "-"
            and arg[1] != "-"
            and arg[:2] not in valued
            and option[1] in arg[1:]
        ):
            return arg
    return None


def _valued_options(command: Any) -> frozenset[str]:
    """A command's one-letter options that take a value (``-f``, ``-n``)."""
    return frozenset(
        name
        for names, param in _option_params(command)
        if not (getattr(param, "is_flag", False) or getattr(param, "count", False))
        for name in names
        if len(name) == 2
    )


def _number_message(error: BadParameter, args: Sequence[str]) -> str | None:
    """A whole-number option's bad value in words (``--limit / -n takes a whole number,
    not 'abc'``, ``--limit / -n must be 0 or more, not -1``), where Click's says "int
    range" and ``x>=0``; None for any other option, or a value not typed."""
    param = error.param
    kind = getattr(param, "type", None)
    if param is None or getattr(kind, "name", "") not in ("int", "int range"):
        return None
    value = _typed_value(param.opts, args)
    if value is None:
        return None
    names = " / ".join(param.opts)
    try:
        number = int(value)
    except ValueError:
        return f"{names} takes a whole number, not {quoted(value)}"
    low = getattr(kind, "min", None)
    if low is not None and number < low:
        return f"{names} must be {low} or more, not {number}"
    return None


def _typed_value(names: Sequence[str], args: Sequence[str]) -> str | None:
    """The value typed last for an option of these ``names`` (``-n 5``, ``-n5``,
    ``--limit=5``): the one Click reads.

    >>> _typed_value(["--limit", "-n"], ["query", "x", "-n", "2", "--limit=abc"])
    'abc'
    >>> _typed_value(["--limit", "-n"], ["query", "-nabc"]), _typed_value(["-n"], ["q", "-n"])
    ('abc', None)
    """
    found = None
    args = _before_end_of_options(args)
    for at, arg in enumerate(args):
        for name in names:
            if arg == name:
                found = args[at + 1] if at + 1 < len(args) else None
            elif name.startswith("--") and arg.startswith(name + "="):
                found = arg[len(name) + 1 :]
            elif not name.startswith("--") and arg.startswith(name) and len(arg) > len(name):
                found = arg[len(name) :]
    return found


def _option_params(command: Any) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Each option of ``command``: its names as typed (``--limit``, ``-n``), and it,
    in the order of its help."""
    for param in getattr(command, "params", ()):
        if getattr(param, "param_type_name", "") == "option":
            yield (*param.opts, *getattr(param, "secondary_opts", ())), param


def _options(command: Any) -> list[str]:
    """A command's options, as typed, in the order of its help."""
    return [name for names, _ in _option_params(command) for name in names]


def _choices(command: Any, option: str) -> tuple[str, ...]:
    """The values an option of ``command`` takes, if they are a fixed few."""
    for names, param in _option_params(command):
        if option in names:
            return tuple(getattr(param.type, "choices", ()) or ())
    return ()


def _near_options(typed: str, options: Iterable[str]) -> list[str]:
    """The long ``options`` a typing slip from ``typed`` (as many edits as ``word~``
    allows) or that begin with it, nearest first (then in their order).

    >>> _near_options("--sourc", ["--json", "--sort", "--source"])
    ['--source', '--sort']
    >>> _near_options("--bogus", ["--jobs"]), _near_options("--lim", ["--limit"])
    ([], ['--limit'])
    """
    from leisearch.service.suggest import default_distance, edit_distance

    name = typed.lstrip("-")
    allowed = default_distance(name)
    near = []
    for option in options:
        if not option.startswith("--"):
            continue  # (-n for --jobs would be no help)
        edits = edit_distance(name, option[2:], allowed)
        if edits <= allowed or option.startswith(typed):
            near.append((min(edits, allowed + 1), option))
    return [option for _, option in sorted(near, key=lambda pair: pair[0])]


def _typed_words(args: Sequence[str], command: Any) -> list[str]:
    """The arguments that are neither the command's options nor their values."""
    takes_value: dict[str, bool] = {}
    for names, param in _option_params(command):
        flag = bool(getattr(param, "is_flag", False) or getattr(param, "count", False))
        takes_value.update(dict.fromkeys(names, not flag))
    words: list[str] = []
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg in takes_value:
            skip = takes_value[arg]
        elif not arg.startswith("--"):
            words.append(arg)
    return words


def _command(app: typer.Typer) -> Any:
    """The app's Click command, with the bash completion above in place of Typer's
    (which building the command registers, so it is replaced after)."""
    command = typer.main.get_command(app)
    add_completion_class(BashCompletion, "bash")
    return command


def run(argv: list[str] | None = None) -> None:
    """Run the app (``main`` does, for what ``quick`` does not run). Output is flushed
    here, so write errors at the end are handled too.

    Click's usage errors (an unknown option, a bad value) become one line too.
    """
    args = sys.argv[1:] if argv is None else argv
    try:
        try:
            # args=argv: with None, Click expands wildcards itself on Windows.
            command = _command(app_for(args))
            code = command(args=argv, prog_name="leisearch", standalone_mode=False)
        except typer.Abort:  # end of input at a prompt
            note("interrupted")
            code = ExitCode.INTERRUPTED
        except NoArgsIsHelpError as error:
            error.show()  # `leisearch` alone: the help
            code = ExitCode.ERROR
        except ClickException as error:
            note(usage_error(error, args))
            code = ExitCode.ERROR
        finally:
            sys.stdout.flush()
        sys.exit(code if isinstance(code, int) else ExitCode.OK)
    except OSError as error:
        sys.exit(output_failed(error))
