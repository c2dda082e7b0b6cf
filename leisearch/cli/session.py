"""One run of the command: its streams, its index, its messages and its output.

This is where the command line meets the process: ``sys.stdout`` and
``sys.stderr`` (through one ``Terminal``), the environment (``LEISEARCH_INDEX``
is read in ``index_location`` alone) and exit codes. stdout is data, stderr is
messages, each message one line that starts with ``leisearch:``.
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, NoReturn, ParamSpec

from leisearch.errors import ExitCode, LeisearchError
from leisearch.models import Record
from leisearch.render.safe import visible
from leisearch.render.terminal import OutputFormat, Terminal

from .messages import error_line, message

if TYPE_CHECKING:
    from leisearch.models import QuoteResult, SearchResult
    from leisearch.service.opening import Index

P = ParamSpec("P")


def index_location(option: Path | None) -> tuple[Path, bool]:
    """``--index DIR``, then ``$LEISEARCH_INDEX``, then the default location; and
    whether it is the default one, which builds itself from the seeds once."""
    from leisearch.store.locations import INDEX_VARIABLE, resolve_index_dir

    default = option is None and not os.environ.get(INDEX_VARIABLE)
    return resolve_index_dir(option, os.environ), default


def note(text: str) -> None:
    """One message line on stderr, with any control character in it shown, not obeyed
    (messages quote file names and queries)."""
    print(f"leisearch: {visible(text)}", file=sys.stderr)


def output_failed(error: OSError) -> ExitCode:
    """What to do when stdout cannot be written: the reader went away (``head``, a
    closed pager), so stop quietly as ripgrep does; or the output failed (a full
    disk behind ``> file``): say so once. Either way, write nothing more."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())  # the interpreter's final flush is quiet too
    if isinstance(error, BrokenPipeError):
        return ExitCode.OK
    note(f"error: cannot write the output: {error.strerror or error}")
    return ExitCode.ERROR


def _replace_what_cannot_be_encoded() -> None:
    """On a stream whose encoding cannot hold every character (``PYTHONIOENCODING=ascii``,
    an old Windows console), people's text shows ``?`` for what it cannot hold (JSON
    escapes it instead: see ``render.machine``), rather than stopping with an error."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("_", "-")
        if not encoding.startswith("utf") and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


def guarded(command: Callable[P, None]) -> Callable[P, None]:
    """Turn library errors, Ctrl-C and output failures into one line and an exit code.

    Usage errors (a bad option, a missing argument) are Typer's: see ``app.run``.
    """

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            command(*args, **kwargs)
        except LeisearchError as error:
            note(error_line(error))
            raise SystemExit(error.exit_code) from None
        except KeyboardInterrupt:
            note("interrupted")
            raise SystemExit(ExitCode.INTERRUPTED) from None
        except OSError as error:
            # Not a library error, so not the index or the corpus: the output.
            raise SystemExit(output_failed(error)) from None

    return run


class Session(NamedTuple):
    """The terminal of this run, and what commands do with it (a named tuple, as
    ``Terminal`` is)."""

    terminal: Terminal

    @classmethod
    def start(cls) -> Session:
        _replace_what_cannot_be_encoded()
        return cls(Terminal.detect(sys.stdout, sys.stderr, os.environ))

    def open(self, option: Path | None) -> Index:
        """Open the chosen index; the default location builds itself from seeds/ once."""
        from leisearch.render.progress import Progress
        from leisearch.service.opening import open_index

        path, build_if_missing = index_location(option)
        with Progress(self.terminal, "building the index") as progress:
            opened = open_index(path, build_if_missing=build_if_missing, progress=progress)
        for text in opened.notes:
            note(text)
        return opened.index

    def format(self, json_output: bool, output_format: OutputFormat) -> OutputFormat:
        """The format to write: ``--json`` wins (with a note if ``--format`` said
        otherwise); ``auto`` follows the terminal."""
        if json_output:
            if output_format not in (OutputFormat.AUTO, OutputFormat.JSONL):
                note(f"--json writes JSON Lines: --format {output_format.value} is ignored")
            return OutputFormat.JSONL
        if output_format is OutputFormat.AUTO:
            return OutputFormat.TABLE if self.terminal.rich else OutputFormat.PLAIN
        return output_format

    def emit(
        self,
        records: Iterable[Record],
        kind: type[Record],
        fmt: OutputFormat,
        rich: Callable[[Any, Terminal], None],
        plain: Callable[[Any, Terminal], None],
        payload: Any,
        pager: bool | None = False,
    ) -> None:
        """Write ``records`` (of type ``kind``) for programs, or ``payload`` drawn as a
        table or in plain text.

        People's formats go through a pager on a terminal (unless ``--no-pager``);
        machine formats and piped output never do.
        """
        from leisearch.render.machine import write_csv, write_json, write_jsonl
        from leisearch.render.terminal import page, pager_command

        machine = {
            OutputFormat.JSONL: write_jsonl,
            OutputFormat.JSON: write_json,
            OutputFormat.CSV: write_csv,
        }
        if fmt in machine:
            keys = [field.key for field in kind.JSON]
            rows = (record.to_json() for record in records)
            if fmt is OutputFormat.CSV:  # (its lists of names, joined, by the record's type)
                names = {field.key for field in kind.JSON if field.kind == "list of strings"}
                write_csv(rows, self.terminal.out, keys, names)
            else:
                machine[fmt](rows, self.terminal.out, keys)
            return
        interactive = pager is not False and self.terminal.interactive
        command = pager_command(os.environ) if interactive else None
        buffer = io.StringIO() if command else None
        # The Rich layout even when piped for --format table; colour still only on a terminal.
        terminal = self.terminal._replace(
            out=buffer or self.terminal.out, rich=fmt is OutputFormat.TABLE
        )
        (rich if fmt is OutputFormat.TABLE else plain)(payload, terminal)
        if command and buffer is not None:
            page(buffer.getvalue(), command, self.terminal.out)

    def batch(
        self,
        run: Callable[..., Iterable[SearchResult | QuoteResult | LeisearchError]],
        index: Index,
        output_format: OutputFormat,
        options: Mapping[str, Any],
        record: type[Record],
    ) -> NoReturn:
        """Batch mode: ``run`` (``search_many``, ``find_quotes_many``) on every query of
        stdin, and JSON Lines for the results (``record``s), each with its ``query``,
        the ``line`` of stdin it came from and its ``error`` (null); then exit.

        Every query has an answer in the output, so that a coprocess that writes a
        line and reads its answer never waits for one that will not come. A query that
        finds nothing writes one record of nulls; a line that is not a valid query, one
        record of nulls with its ``error`` (reason and message), and the same message
        on stderr, with its line number; the stream goes on, and the exit code is then
        2. Otherwise 0 if any query found something, else 1.
        """
        from leisearch.render.machine import write_jsonl

        if output_format not in (OutputFormat.AUTO, OutputFormat.JSONL):
            note(f"batch mode writes JSON Lines: --format {output_format.value} is ignored")
        # The line and text of each query read and not answered yet: appended as stdin is
        # read (by another thread, where processes answer), taken as each answer comes,
        # in the same order.
        pending: deque[tuple[int, str]] = deque()
        failed = found = asked = False
        out = self.terminal.out
        nothing = dict.fromkeys(field.key for field in record.JSON)
        answers = run(index, stdin_queries(pending), **options)
        # Closed however the loop ends (a reader gone, Ctrl-C): processes answering the
        # queries are ended then, not when the collector gets to it.
        with contextlib.closing(answers):  # type: ignore[type-var]
            for result in answers:
                line, query = pending.popleft()
                asked = True
                if isinstance(result, LeisearchError):
                    failed = True
                    said = message(result)
                    note(f"error: line {line}: {said}")
                    error = {"reason": str(result.reason), "message": said}
                    write_jsonl([{"query": query, "line": line, "error": error, **nothing}], out)
                else:
                    found = found or bool(result.hits)
                    head = {"query": result.query, "line": line, "error": None}
                    hits = [hit.to_json() for hit in result.hits] or [nothing]
                    write_jsonl(({**head, **hit} for hit in hits), out)
                out.flush()  # a coprocess reading answers gets each one as it is ready
        if failed:
            raise SystemExit(ExitCode.ERROR)
        if not asked:  # (nothing to answer: said, so that an empty input is not a mystery)
            note("no queries: stdin held no line with words (batch mode reads one query a line)")
        raise SystemExit(ExitCode.OK if found else ExitCode.NO_RESULTS)


#: Batch mode's processes at most, unless ``--jobs`` asks for more: past a few, the
#: main process (reading the answers, writing JSON) is what a batch waits for.
MAX_JOBS = 8


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # (not on every system)
        return os.cpu_count() or 1


def stdin_queries(pending: deque[tuple[int, str]]) -> Iterator[str]:
    """Batch mode: one query per non-blank line of stdin; each query's line number and
    text are appended to ``pending`` as it is read.

    Lines are read as bytes and decoded here: as UTF-8, or else in stdin's own
    encoding, what cannot be read replaced (U+FFFD). Decoded by Python's stream, a
    byte that the locale's encoding cannot read (``PYTHONIOENCODING=ascii``) stopped
    the batch with a traceback. A byte-order mark that opens a line is dropped: before
    the first, or where files were joined (``cat a.txt b.txt``).
    """
    raw = getattr(sys.stdin, "buffer", None)
    if raw is None:  # (a stream of text only, as a test may give)
        texts: Iterable[str] = sys.stdin
    else:
        encoding = getattr(sys.stdin, "encoding", None) or "utf-8"
        texts = (_decoded(line, encoding) for line in _lines_of(raw))
    for number, line in enumerate(texts, start=1):
        if query := line.removeprefix("\ufeff").strip():
            pending.append((number, query))
            yield query


def _lines_of(stream: Any) -> Iterator[bytes]:
    """The lines of a binary stream, read from its file descriptor where it has one.

    Python's buffered stream holds a lock while it waits for input: a batch whose
    queries are read by a thread (``service.parallel``) and that ends while stdin is
    still open (Ctrl-C, a reader gone) would leave the lock held, and the interpreter
    aborts at exit when it cannot take it ("could not acquire lock ... at interpreter
    shutdown"). ``os.read`` waits without one.
    """
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):  # (not a file: a test's stream)
        yield from stream
        return
    pending = b""
    while chunk := os.read(fd, 1 << 16):
        pending += chunk
        *lines, pending = pending.split(b"\n")
        for line in lines:
            yield line + b"\n"
    if pending:
        yield pending


def _decoded(line: bytes, encoding: str) -> str:
    """A line of stdin as text: UTF-8, or else ``encoding``, with replacements.

    >>> _decoded("café".encode(), "ascii"), _decoded("café".encode("latin-1"), "latin-1")
    ('café', 'café')
    >>> _decoded(b"caf\\xe9", "ascii")
    'caf\\ufffd'
    """
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return line.decode(encoding, "replace")
        except LookupError:  # (an encoding Python does not know)
            return line.decode("utf-8", "replace")
