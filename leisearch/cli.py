"""The ``leisearch`` command: parse options, make one library call, render, exit.

This is the only module that imports Typer. Library modules are imported
inside the commands, so ``--help`` stays fast and each command pays only for
what it uses. Errors from the library are turned into one stderr line and an
exit code in ``main``; nothing a user can cause prints a traceback.
"""

from __future__ import annotations

import copy
import dataclasses
import enum
import functools
import os
import shlex
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TextIO

import typer

from . import __version__
from .errors import ExitCode, LeisearchError
from .models import DEFAULT_CONFIDENCE, HIGH, LOW, MEDIUM
from .render import OutputFormat

P = ParamSpec("P")

if TYPE_CHECKING:
    from .index import OpenIndex
    from .models import QuoteResult, SearchResult
    from .render import Terminal

app = typer.Typer(
    name="leisearch",
    help="Full-text search for collections of articles: what was said, by whom, and where.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

IndexOption = Annotated[
    Path | None,
    typer.Option(
        "--index",
        metavar="DIR",
        help="Index folder [default: $LEISEARCH_INDEX, else index/ in the project].",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="JSON Lines: short for --format jsonl.")]
PagerOption = Annotated[
    bool | None,
    typer.Option(
        "--pager/--no-pager",
        help="Page long output on a terminal with $PAGER (default: less -FRX). Never when piped.",
        show_default=False,
    ),
]
FormatOption = Annotated[
    OutputFormat,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        help="auto (table on a terminal, else plain), table, plain, json, jsonl or csv.",
    ),
]


class Confidence(enum.StrEnum):
    """``--min-confidence``: how sure an attribution must be to be listed."""

    LOW = LOW
    MEDIUM = MEDIUM
    HIGH = HIGH


DEFAULT_LEVEL = Confidence(DEFAULT_CONFIDENCE)
ConfidenceOption = Annotated[
    Confidence,
    typer.Option(
        "--min-confidence",
        case_sensitive=False,
        help=(
            "Only attributions this sure: high (a cue that names the speaker), medium (a cue"
            " that points at them: he, the chancellor) or low (read from the context)."
        ),
    ),
]


def _complete_articles(incomplete: str) -> list[str]:
    """Shell completion: article ids from the default index (nothing on any error)."""
    ids = _completed(lambda manifest: [a.id for a in manifest.articles])
    return [i for i in ids if i.startswith(incomplete)]


def _complete_speakers(incomplete: str) -> list[str]:
    """Shell completion: speaker names from the default index (nothing on any error)."""
    wanted = incomplete.casefold()
    names = _completed(lambda manifest: [s.name for s in manifest.speakers])
    return [n for n in names if n.casefold().startswith(wanted)]


def _completed(names: Callable[[Any], list[str]]) -> list[str]:
    """``names`` of the manifest of $LEISEARCH_INDEX or the default index.

    Completion runs while a command line is being typed, so it never builds,
    never prints and never fails: an index that is missing or damaged (its
    lists are read only here) completes nothing.
    """
    from .locations import resolve_index_dir
    from .manifest import read_manifest

    try:
        manifest = read_manifest(resolve_index_dir(None, os.environ.get("LEISEARCH_INDEX")))
        return names(manifest) if manifest else []
    except Exception:
        return []


ArticleOption = Annotated[
    str | None,
    typer.Option(
        "--article",
        metavar="ID",
        help="Only this article (id or unique prefix).",
        autocompletion=_complete_articles,
    ),
]
SpeakerOption = Annotated[
    str | None,
    typer.Option(
        "--speaker",
        metavar="NAME",
        help="Only quotations by this speaker (or alias).",
        autocompletion=_complete_speakers,
    ),
]
QuotedByOption = Annotated[
    str | None,
    typer.Option(
        "--speaker",
        metavar="NAME",
        help="Only paragraphs that quote this speaker (or alias).",
        autocompletion=_complete_speakers,
    ),
]
LimitOption = Annotated[
    int,
    typer.Option("--limit", "-n", min=0, metavar="N", help="Most results to show; 0 shows all."),
]


def _terminal() -> Terminal:
    from .render import Terminal

    return Terminal.detect(sys.stdout, sys.stderr, os.environ)


def _shorten(text: str, width: int = 80) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _note(message: str) -> None:
    print(f"leisearch: {message}", file=sys.stderr)


def _open(index_dir: Path | None, terminal: Terminal) -> OpenIndex:
    """Open the chosen index; the default location builds itself from seeds/ once."""
    from .index import open_index
    from .locations import resolve_index_dir
    from .render import Progress

    env_value = os.environ.get("LEISEARCH_INDEX")
    path = resolve_index_dir(index_dir, env_value)
    build_if_missing = index_dir is None and not env_value
    with Progress(terminal, sys.stderr, "building the index") as progress:
        opened = open_index(path, build_if_missing=build_if_missing, progress=progress)
    for note in opened.notes:
        _note(note)
    return opened.index


def _guarded(command: Callable[P, None]) -> Callable[P, None]:
    """Turn library errors and Ctrl-C into one stderr line and an exit code.

    Usage errors (a bad option, a missing argument) are Typer's: exit 2 with usage.
    """

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            command(*args, **kwargs)
        except LeisearchError as error:
            hint = f" (hint: {error.hint})" if error.hint else ""
            _note(f"error: {error.message}{hint}")
            raise typer.Exit(error.exit_code) from None
        except KeyboardInterrupt:
            _note("interrupted")
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        except BrokenPipeError:
            # The reader (`head`, a closed pager) has gone: stop quietly, as ripgrep does.
            _silence_stdout()
            raise typer.Exit(ExitCode.OK) from None
        except OSError as error:
            # Not a library error, so not the index or the corpus: the output (a full
            # disk behind `> file`, say). Say so once, and write nothing more.
            _silence_stdout()
            _note(f"error: cannot write the output: {error.strerror or error}")
            raise typer.Exit(ExitCode.ERROR) from None

    return run


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that the interpreter's final flush is quiet too."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _format(json_output: bool, output_format: OutputFormat, terminal: Terminal) -> OutputFormat:
    """The format to write: ``--json`` wins; ``auto`` follows the terminal."""
    if json_output:
        return OutputFormat.JSONL
    if output_format is OutputFormat.AUTO:
        return OutputFormat.TABLE if terminal.rich else OutputFormat.PLAIN
    return output_format


def _emit(
    records: Iterable[Any],
    fmt: OutputFormat,
    terminal: Terminal,
    rich: Callable[[Any, Terminal, TextIO], None],
    plain: Callable[[Any, TextIO], None],
    payload: Any,
    pager: bool | None = False,
) -> None:
    """Write ``records`` for programs, or ``payload`` drawn as a table or in plain text.

    People's formats go through a pager on a terminal (unless ``--no-pager``);
    machine formats and piped output never do.
    """
    import io

    from .render import page, pager_command, write_csv, write_json, write_jsonl

    machine = {
        OutputFormat.JSONL: write_jsonl,
        OutputFormat.JSON: write_json,
        OutputFormat.CSV: write_csv,
    }
    if fmt in machine:
        machine[fmt]((record.to_json() for record in records), sys.stdout)
        return
    command = pager_command(os.environ) if pager is not False and sys.stdout.isatty() else None
    out: TextIO = io.StringIO() if command else sys.stdout
    if fmt is OutputFormat.TABLE:
        # The Rich layout even when piped; colour still only on a terminal.
        rich(payload, dataclasses.replace(terminal, rich=True), out)
    else:
        plain(payload, out)
    if command and isinstance(out, io.StringIO):
        page(out.getvalue(), command, sys.stdout)


def _stdin_queries() -> Iterator[str]:
    """Batch mode: one query per non-blank line of stdin."""
    for line in sys.stdin:
        if line.strip():
            yield line.strip()


def _batch_format(output_format: OutputFormat) -> None:
    """Batch mode writes JSON Lines (each record has its ``query``): say so if asked otherwise."""
    if output_format not in (OutputFormat.AUTO, OutputFormat.JSONL):
        _note(f"batch mode writes JSON Lines: --format {output_format.value} is ignored")


def _write_batch(results: Iterable[SearchResult | QuoteResult | LeisearchError]) -> int:
    """JSON Lines for a stream of results, each record with its ``query``; the exit code.

    A query that fails is one line on stderr and the stream goes on; the exit
    code is then 2. Otherwise 0 if any query found something, else 1.
    """
    from .render import write_jsonl

    failed = found = False
    for number, result in enumerate(results, start=1):
        if isinstance(result, LeisearchError):
            failed = True
            _note(f"error: query {number}: {result.message}")
            continue
        found = found or bool(result.hits)
        write_jsonl(({"query": result.query, **hit.to_json()} for hit in result.hits), sys.stdout)
        sys.stdout.flush()  # a coprocess reading answers gets each one as it is ready
    if failed:
        return ExitCode.ERROR
    return ExitCode.OK if found else ExitCode.NO_RESULTS


def _version(value: bool) -> None:
    if value:
        print(f"leisearch {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Full-text search for collections of articles: what was said, by whom, and where."""


@app.command("index")
@_guarded
def index_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[PATH...]",
            help="Files or folders of .txt articles [default: seeds/].",
            show_default=False,
        ),
    ] = None,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Start from scratch instead of adding to the index.")
    ] = False,
    index_dir: IndexOption = None,
) -> None:
    """Index .txt articles: only new, changed and deleted files (--rebuild: all).

    On a corpus it has seen, leisearch reprocesses only what changed (by content
    hash), and removes articles whose files are gone from the folders given.
    From 200 articles on, every core is used. Ctrl-C keeps the last index.

    \b
    Examples:
      leisearch index                      # the seed articles
      leisearch index ~/articles --rebuild
      leisearch index new.txt --index /tmp/idx
    """
    from .corpus import group_warnings
    from .index import build, summary
    from .locations import default_corpus, resolve_index_dir
    from .render import Progress

    terminal = _terminal()
    target = resolve_index_dir(index_dir, os.environ.get("LEISEARCH_INDEX"))
    sources = list(paths) if paths else [default_corpus()]
    with Progress(terminal, sys.stderr, "indexing") as progress:
        report = build(sources, target, rebuild=rebuild, progress=progress)
    for warning in group_warnings(report.warnings):
        _note(f"warning: {warning}")
    _note(f"{summary(report)} → {target}")


@app.command("query")
@_guarded
def query_command(
    words: Annotated[
        list[str],
        typer.Argument(
            metavar="QUERY...",
            help="What to look for; see Syntax above. Several words need no quotes.",
            show_default=False,
        ),
    ],
    limit: LimitOption = 10,
    article: ArticleOption = None,
    speaker: QuotedByOption = None,
    min_confidence: ConfidenceOption = DEFAULT_LEVEL,
    json_output: JsonOption = False,
    output_format: FormatOption = OutputFormat.AUTO,
    pager: PagerOption = None,
    index_dir: IndexOption = None,
) -> None:
    """Search paragraphs, best first, with highlighted snippets.

    \b
    Syntax:
      word of mouth        loose words: any may match, more matches rank higher
      "word of mouth"      a phrase (quote it inside the shell quotes)
      patents AND Apple    both;  Apple OR Samsung: either;  NOT car or -car: exclude
      title:Sony           words in the title;  article:003: one article
      xiao*  Xioami~       a prefix;  a fuzzy match (~1, ~2 set the edits)
    \b
    Examples:
      leisearch query "word of mouth"
      leisearch query '"sea of stars" OR triathlon' -n 5
      leisearch query patents --speaker "Lei Jun"
      leisearch query patents --json | jq -r .snippet
      cat questions.txt | leisearch query - > hits.jsonl    # batch: one query a line
    """
    from .render import write_hits_plain, write_hits_rich
    from .search import DEFAULT_SNIPPET_CHARS, search, search_many

    query = " ".join(words)
    terminal = _terminal()
    opened = _open(index_dir, terminal)
    if query == "-":
        _batch_format(output_format)
        batch = search_many(
            opened,
            _stdin_queries(),
            limit=limit,
            article=article,
            speaker=speaker,
            min_confidence=min_confidence,
        )
        raise typer.Exit(_write_batch(batch))
    fmt = _format(json_output, output_format, terminal)
    rich = fmt is OutputFormat.TABLE
    chars = (
        dataclasses.replace(terminal, rich=True).snippet_chars if rich else DEFAULT_SNIPPET_CHARS
    )
    result = search(
        opened,
        query,
        limit=limit,
        article=article,
        speaker=speaker,
        snippet_chars=chars,
        min_confidence=min_confidence,
    )
    for note in result.notes:
        _note(note)
    _emit(result.hits, fmt, terminal, write_hits_rich, write_hits_plain, result, pager)
    if not result.hits:
        _note(f"no results for {_shorten(query)!r}")
        if result.suggestion:
            _note(f"did you mean: {result.suggestion}")
        raise typer.Exit(ExitCode.NO_RESULTS)


@app.command("quotes")
@_guarded
def quotes_command(
    words: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[QUERY...]",
            help="Words in the quotation (the syntax of `leisearch query`).",
            show_default=False,
        ),
    ] = None,
    speaker: SpeakerOption = None,
    article: ArticleOption = None,
    limit: LimitOption = 10,
    min_confidence: ConfidenceOption = DEFAULT_LEVEL,
    json_output: JsonOption = False,
    output_format: FormatOption = OutputFormat.AUTO,
    pager: PagerOption = None,
    index_dir: IndexOption = None,
) -> None:
    """Direct quotations: who said what, where.

    With a QUERY, the quotations are ranked by it; without one, they are
    listed in reading order. Each says how sure its attribution is; those read
    only from the context (low) are left out unless --min-confidence low.

    \b
    Examples:
      leisearch quotes --speaker "Lei Jun"
      leisearch quotes patents --speaker Lei -n 3
      leisearch quotes --article 003 --limit 0 --json | jq -r .speaker
      leisearch quotes --speaker Lei --min-confidence high
      cat topics.txt | leisearch quotes - --speaker Lei   # batch: one query a line
    """
    from .render import write_quotes_plain, write_quotes_rich
    from .search import find_quotes, find_quotes_many

    query = " ".join(words) if words else None
    terminal = _terminal()
    opened = _open(index_dir, terminal)
    if query == "-":
        _batch_format(output_format)
        batch = find_quotes_many(
            opened,
            _stdin_queries(),
            speaker=speaker,
            article=article,
            limit=limit,
            min_confidence=min_confidence,
        )
        raise typer.Exit(_write_batch(batch))
    result = find_quotes(
        opened,
        query,
        speaker=speaker,
        article=article,
        limit=limit,
        min_confidence=min_confidence,
    )
    fmt = _format(json_output, output_format, terminal)
    _emit(result.hits, fmt, terminal, write_quotes_rich, write_quotes_plain, result, pager)
    if result.fuller:
        # People merge across articles only by full name: say who else may be meant.
        _note(f"also quoted under a fuller name: {', '.join(result.fuller[:5])}")
    if not result.hits:
        _note("no quotations found")
        if result.suggestion:
            _note(f"did you mean: {result.suggestion}")
        raise typer.Exit(ExitCode.NO_RESULTS)


@app.command("show")
@_guarded
def show_command(
    target: Annotated[
        str,
        typer.Argument(
            metavar="ARTICLE[:PARAGRAPH]",
            help="An article id (or unique prefix), with a paragraph number to focus on.",
            autocompletion=_complete_articles,
        ),
    ],
    context: Annotated[
        int,
        typer.Option("--context", "-C", min=0, metavar="N", help="Paragraphs around the focus."),
    ] = 2,
    json_output: JsonOption = False,
    output_format: FormatOption = OutputFormat.AUTO,
    pager: PagerOption = None,
    index_dir: IndexOption = None,
) -> None:
    """Show a hit in context, with the article's quotations and their speakers.

    Every hit of query and quotes ends with its ARTICLE:PARAGRAPH address.

    \b
    Examples:
      leisearch show 001_b626983f2601e7a1:10
      leisearch show 003:4 --context 0
      leisearch show 004 --json | jq -r .text
    """
    from .render import write_shown_plain, write_shown_rich
    from .search import show

    terminal = _terminal()
    shown = show(_open(index_dir, terminal), target, context)
    fmt = _format(json_output, output_format, terminal)
    _emit(shown.paragraphs, fmt, terminal, write_shown_rich, write_shown_plain, shown, pager)


@app.command("speakers")
@_guarded
def speakers_command(
    min_confidence: ConfidenceOption = DEFAULT_LEVEL,
    json_output: JsonOption = False,
    output_format: FormatOption = OutputFormat.AUTO,
    pager: PagerOption = None,
    index_dir: IndexOption = None,
) -> None:
    """Every quoted speaker, most quoted first, with their aliases.

    Quotations are counted at --min-confidence (medium unless told).

    \b
    Examples:
      leisearch speakers
      leisearch speakers --min-confidence high
      leisearch speakers --json | jq -r .speaker
    """
    from .render import write_speakers_plain, write_speakers_rich
    from .search import list_speakers

    terminal = _terminal()
    speakers = list_speakers(_open(index_dir, terminal), min_confidence)
    fmt = _format(json_output, output_format, terminal)
    _emit(speakers, fmt, terminal, write_speakers_rich, write_speakers_plain, speakers, pager)
    if not speakers:
        _note("no quotations in the index")
        raise typer.Exit(ExitCode.NO_RESULTS)


@app.command("stats")
@_guarded
def stats_command(
    json_output: JsonOption = False,
    output_format: FormatOption = OutputFormat.AUTO,
    pager: PagerOption = None,
    index_dir: IndexOption = None,
) -> None:
    """The index: location, size, schema version, counts, last build, top terms.

    \b
    Examples:
      leisearch stats
      leisearch stats --json | jq .paragraphs
    """
    from .render import write_stats_plain, write_stats_rich
    from .search import stats

    terminal = _terminal()
    summary = stats(_open(index_dir, terminal))
    fmt = _format(json_output, output_format, terminal)
    _emit([summary], fmt, terminal, write_stats_rich, write_stats_plain, summary, pager)


@app.command("articles")
@_guarded
def articles_command(
    json_output: JsonOption = False,
    output_format: FormatOption = OutputFormat.AUTO,
    pager: PagerOption = None,
    index_dir: IndexOption = None,
) -> None:
    """List the indexed articles: id, paragraphs, title.

    \b
    Examples:
      leisearch articles
      leisearch articles --json | jq -r .id
    """
    from .render import write_articles_plain, write_articles_rich

    terminal = _terminal()
    articles = _open(index_dir, terminal).manifest.articles
    fmt = _format(json_output, output_format, terminal)
    _emit(articles, fmt, terminal, write_articles_rich, write_articles_plain, articles, pager)
    if not articles:
        _note("no articles in the index")
        raise typer.Exit(ExitCode.NO_RESULTS)


def _app_for(args: Sequence[str]) -> typer.Typer:
    """The app, with only the command being run when the first argument names one.

    Typer turns every registered command into a Click command on each run, by
    inspecting its signature: a third of the time a query spends after its
    imports. Help, completion and usage errors of the command itself are the
    same either way; anything else (top-level options, a mistyped command,
    completion) gets the whole app.
    """
    if not args or "_LEISEARCH_COMPLETE" in os.environ:
        return app
    chosen = [info for info in app.registered_commands if info.name == args[0]]
    if not chosen:
        return app
    single = copy.copy(app)
    single.registered_commands = chosen
    return single


def _is_click_error(error: BaseException, name: str) -> bool:
    # Click's exceptions come from the copy of Click that Typer ships (typer._click),
    # a private module: matched by class name rather than imported.
    return any(cls.__name__ == name for cls in type(error).__mro__)


def _usage_error(error: Any, args: Sequence[str]) -> str:
    """A Click usage error as one line, like every other error, with where to look.

    >>> class NoSuchOption(Exception):
    ...     ctx = None
    ...     def format_message(self): return "No such option: -p"
    >>> _usage_error(NoSuchOption(), ["query", "Apple", "-patents"])
    "error: No such option: -p (hint: to leave a word out, quote the whole query: 'Apple -patents')"
    """
    ctx = getattr(error, "ctx", None)
    command = ctx.command_path if ctx else "leisearch"
    hint = f"see: {command} --help"
    # "leisearch query Apple -patents": the shell passed -patents as an option.
    excludes = any(len(a) > 2 and a[0] == "-" and a[1].isalpha() for a in args[1:])
    if excludes and args[0] in {"query", "quotes"} and _is_click_error(error, "NoSuchOption"):
        words = _typed_words(args[1:], ctx.command if ctx else None)
        hint = f"to leave a word out, quote the whole query: {shlex.quote(' '.join(words))}"
    return f"error: {error.format_message()} (hint: {hint})"


def _typed_words(args: Sequence[str], command: Any) -> list[str]:
    """The arguments that are neither the command's options nor their values."""
    takes_value: dict[str, bool] = {}
    for param in getattr(command, "params", ()):
        if getattr(param, "param_type_name", "") != "option":
            continue
        flag = bool(getattr(param, "is_flag", False) or getattr(param, "count", False))
        for name in (*param.opts, *getattr(param, "secondary_opts", ())):
            takes_value[name] = not flag
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


def main(argv: list[str] | None = None) -> None:
    """Entry point. Output is flushed here, so write errors at the end are handled too.

    Click's usage errors (an unknown option, a bad value) become one line too.
    """
    args = sys.argv[1:] if argv is None else argv
    try:
        try:
            # args=argv: with None, Click expands wildcards itself on Windows.
            code = _app_for(args)(args=argv, prog_name="leisearch", standalone_mode=False)
        except Exception as error:
            if _is_click_error(error, "Abort"):  # end of input at a prompt
                _note("interrupted")
                code = ExitCode.INTERRUPTED
            elif _is_click_error(error, "NoArgsIsHelpError"):
                error.show()  # type: ignore[attr-defined]  # `leisearch` alone: the help
                code = ExitCode.ERROR
            elif _is_click_error(error, "ClickException"):
                _note(_usage_error(error, args))
                code = ExitCode.ERROR
            else:
                raise
        finally:
            sys.stdout.flush()
        sys.exit(code if isinstance(code, int) else ExitCode.OK)
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(ExitCode.OK)
    except OSError as error:
        _silence_stdout()
        _note(f"error: cannot write the output: {error.strerror or error}")
        sys.exit(ExitCode.ERROR)
