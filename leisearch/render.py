"""Output: Rich for people on a terminal, plain text when piped, JSON Lines for scripts.

This is the only module that imports Rich, and it does so inside the
functions that draw with it: ``--json`` and piped output never pay for the
import (about 45 ms).

``Terminal`` decides once, from the streams and the environment, how output
looks (as httpie's ``Environment`` does):

* stdout is a terminal, or ``FORCE_COLOR`` is set: Rich layout;
  with ``NO_COLOR`` set as well, the same layout without any ANSI codes.
* otherwise: plain text, no ANSI codes, no wrapping.

JSON Lines are written with ``json.dumps`` straight to stdout: Rich would wrap
long lines and read ``[brackets]`` in article text as markup.
"""

from __future__ import annotations

import enum
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TextIO

from .models import (
    HIGH,
    ArticleInfo,
    Hit,
    IndexStats,
    Quote,
    QuoteResult,
    SearchResult,
    Shown,
    Snippet,
    SpeakerInfo,
)

HIGHLIGHT_STYLE = "bold black on yellow"


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


@dataclass(frozen=True, slots=True)
class Terminal:
    """How to draw: decided in one place from the streams and the environment."""

    rich: bool  # Rich layout on stdout
    color: bool  # ANSI styles allowed on stdout
    width: int
    stderr_rich: bool  # progress bars on stderr

    @classmethod
    def detect(cls, stdout: TextIO, stderr: TextIO, environ: Mapping[str, str]) -> Terminal:
        no_color = bool(environ.get("NO_COLOR"))
        force = bool(environ.get("FORCE_COLOR"))
        rich = _isatty(stdout) or force
        try:
            columns = int(environ.get("COLUMNS") or 0)
            width = columns or os.get_terminal_size(stdout.fileno()).columns
        except (ValueError, OSError, AttributeError):
            width = 100
        return cls(
            rich=rich,
            color=rich and not no_color,
            width=max(40, width),
            stderr_rich=_isatty(stderr) and environ.get("TERM") != "dumb",
        )

    @property
    def snippet_chars(self) -> int:
        """Snippets fill about three lines of the terminal."""
        return max(120, (self.width - 6) * 3) if self.rich else 240


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _console(terminal: Terminal, stream: TextIO) -> Any:
    from rich.console import Console

    return Console(
        file=stream,
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


# --- JSON Lines ---------------------------------------------------------------------


def write_jsonl(records: Iterable[Mapping[str, Any]], out: TextIO) -> None:
    """One compact JSON object per line, UTF-8 text kept as is."""
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False))
        out.write("\n")


def write_json(records: Iterable[Mapping[str, Any]], out: TextIO) -> None:
    """One JSON array of the same objects as JSON Lines."""
    json.dump(list(records), out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_csv(records: Iterable[Mapping[str, Any]], out: TextIO) -> None:
    """RFC 4180 CSV (CRLF line ends, quoting where needed), a header of the JSON keys.

    Lists of names become one cell joined with ``"; "``; other nested values
    (``show``'s quotations, ``speakers``' ``by_confidence``) are kept as JSON text.
    """
    import csv

    writer: Any = None
    for record in records:
        row = {key: _cell(value) for key, value in record.items()}
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(row), lineterminator="\r\n")
            writer.writeheader()
        writer.writerow(row)


def _cell(value: Any) -> Any:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "; ".join(value)
    if isinstance(value, list | dict):  # show's quotations, speakers' by_confidence
        return json.dumps(value, ensure_ascii=False)
    return value


# --- query hits -----------------------------------------------------------------------


def target(hit: Hit) -> str:
    """The ``ARTICLE:PARAGRAPH`` address of a hit."""
    return f"{hit.article}:{hit.paragraph}"


def write_hits_plain(result: SearchResult, out: TextIO) -> None:
    """Two lines per hit: rank, title and address; then the snippet."""
    for hit in result.hits:
        out.write(f"{hit.rank}. {hit.title} — paragraph {hit.paragraph} ({target(hit)})\n")
        out.write(f"   {hit.snippet.text}\n\n")


def write_quotes_plain(result: QuoteResult, out: TextIO) -> None:
    """Two lines per quotation: the quote; then speaker, title and address."""
    for hit in result.hits:
        quote = hit.quote
        out.write(f"{hit.rank}. \u201c{quote.text}\u201d\n")
        out.write(
            f"   \u2014 {quote.speaker}{_unsure(quote)}, {quote.title} \u2014 paragraph "
            f"{quote.paragraph} ({quote.article}:{quote.paragraph})\n\n"
        )


def _unsure(quote: Quote) -> str:
    """`` (medium)`` or `` (low)`` after a speaker whose attribution is not explicit."""
    return "" if quote.confidence == HIGH else f" ({quote.confidence})"


def write_quotes_rich(result: QuoteResult, terminal: Terminal, out: TextIO) -> None:
    """The quote with query terms highlighted, then who said it and where."""
    from rich.padding import Padding
    from rich.text import Text

    console = _console(terminal, out)
    for hit in result.hits:
        quote = hit.quote
        body = Text("\u201c")
        body.append_text(_snippet_text(Snippet(quote.text, hit.spans)))
        body.append("\u201d")
        head = Text()
        head.append(f"{hit.rank:>2}  ", style="bold cyan")
        head.append(str(quote.speaker), style="bold green")
        if quote.confidence != HIGH:
            head.append(f" ({quote.confidence})", style="yellow")
        head.append(f"  {quote.title}", style="bold")
        head.append(f"  \u00b6{quote.paragraph}", style="magenta")
        head.append(f"  {quote.article}:{quote.paragraph}", style="dim")
        console.print(head)
        console.print(Padding(body, (0, 0, 1, 4)))


def write_shown_plain(shown: Shown, out: TextIO) -> None:
    """The title, then each paragraph as ``[N] text``, its quotations listed after it."""
    out.write(f"{shown.title} ({shown.article})\n\n")
    for paragraph in shown.paragraphs:
        mark = ">" if paragraph.number == shown.focus else " "
        out.write(f"{mark}[{paragraph.number}] {paragraph.text}\n")
        for quote in paragraph.quotes:
            words = quote.text if len(quote.text) <= 60 else quote.text[:59] + "\u2026"
            how = quote.cue if quote.confidence == HIGH else f"{quote.cue}, {quote.confidence}"
            out.write(f"     \u2014 quoted: {quote.speaker} ({how}): \u201c{words}\u201d\n")
        out.write("\n")


def write_shown_rich(shown: Shown, terminal: Terminal, out: TextIO) -> None:
    """Paragraphs with their quotations underlined and their speakers after them."""
    from rich.padding import Padding
    from rich.text import Text

    console = _console(terminal, out)
    console.print(Text.assemble((shown.title, "bold"), ("  " + shown.article, "dim")))
    console.print()
    for paragraph in shown.paragraphs:
        focus = paragraph.number == shown.focus
        text = Text(paragraph.text, style="bold" if focus else "")
        for quote in paragraph.quotes:
            text.stylize("italic green", quote.start, quote.end)
        speakers = sorted({str(q.speaker) for q in paragraph.quotes})
        head = Text(f"\u00b6{paragraph.number}", style="bold magenta" if focus else "magenta")
        if speakers:
            head.append("  quotes " + ", ".join(speakers), style="green")
        console.print(head)
        console.print(Padding(text, (0, 0, 1, 4)))


def human_size(size: int) -> str:
    """Bytes in the unit that reads best.

    >>> sizes = (0, 999, 48_213, 999_999, 12_400_000, 999_960_000, 2_100_000_000)
    >>> [human_size(n) for n in sizes]
    ['0 bytes', '999 bytes', '48 kB', '1.0 MB', '12.4 MB', '1.0 GB', '2.1 GB']
    """
    if size < 1000:
        return f"{size} bytes"
    if round(size / 1000) < 1000:
        return f"{size / 1000:.0f} kB"
    if round(size / 1e6, 1) < 1000:
        return f"{size / 1e6:.1f} MB"
    return f"{size / 1e9:.1f} GB"


def _stats_rows(stats: IndexStats) -> list[tuple[str, str]]:
    return [
        ("index", stats.location),
        ("size", human_size(stats.size_bytes)),
        ("schema version", str(stats.schema_version)),
        ("built", stats.built_at),
        ("articles", f"{stats.articles:,}"),
        ("paragraphs", f"{stats.paragraphs:,}"),
        (
            "quotations",
            f"{stats.quotations:,} ({sum(stats.levels):,} counting low-confidence ones)",
        ),
        ("speakers", f"{stats.speakers:,}"),
        ("top terms", ", ".join(f"{t} ({n})" for t, n in stats.top_terms)),
    ]


def write_stats_plain(stats: IndexStats, out: TextIO) -> None:
    for name, value in _stats_rows(stats):
        out.write(f"{name}\t{value}\n")


def write_stats_rich(stats: IndexStats, terminal: Terminal, out: TextIO) -> None:
    from rich.table import Table

    table = Table(show_header=False, show_edge=False, box=None)
    table.add_column(style="bold")
    table.add_column()
    for name, value in _stats_rows(stats):
        table.add_row(name, value)
    _console(terminal, out).print(table)


def write_speakers_plain(speakers: Iterable[SpeakerInfo], out: TextIO) -> None:
    for info in speakers:
        out.write(f"{info.quotes}\t{info.name}\t{', '.join(info.aliases)}\n")


def write_speakers_rich(speakers: Iterable[SpeakerInfo], terminal: Terminal, out: TextIO) -> None:
    """A table with a bar per speaker, scaled to the most quoted one."""
    from rich.table import Table

    rows = list(speakers)
    most = max((s.quotes for s in rows), default=1)
    bar_width = max(10, min(40, terminal.width // 3))
    table = Table(show_edge=False, header_style="bold")
    table.add_column("speaker", style="green")
    table.add_column("quotes", justify="right")
    table.add_column("", no_wrap=True)
    table.add_column("aliases", style="dim")
    for info in rows:
        bar = "\u2588" * max(1, round(info.quotes / most * bar_width))
        table.add_row(info.name, str(info.quotes), bar, ", ".join(info.aliases))
    _console(terminal, out).print(table)


def _snippet_text(snippet: Snippet) -> Any:
    from rich.text import Text

    text = Text(snippet.text)
    for span in snippet.spans:
        text.stylize(HIGHLIGHT_STYLE, span.start, span.end)
    return text


def write_hits_rich(result: SearchResult, terminal: Terminal, out: TextIO) -> None:
    """A readable list: rank, title, paragraph, address, and a highlighted snippet."""
    from rich.padding import Padding
    from rich.text import Text

    console = _console(terminal, out)
    for hit in result.hits:
        head = Text()
        head.append(f"{hit.rank:>2}  ", style="bold cyan")
        head.append(hit.title, style="bold")
        head.append(f"  ¶{hit.paragraph}", style="magenta")
        head.append(f"  {target(hit)}", style="dim")
        console.print(head)
        console.print(Padding(_snippet_text(hit.snippet), (0, 0, 1, 4)))


# --- articles --------------------------------------------------------------------------


def write_articles_plain(articles: Iterable[ArticleInfo], out: TextIO) -> None:
    for info in articles:
        out.write(f"{info.id}\t{info.paragraphs}\t{info.title}\n")


def write_articles_rich(articles: Iterable[ArticleInfo], terminal: Terminal, out: TextIO) -> None:
    from rich.table import Table

    table = Table(show_edge=False, header_style="bold")
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("paragraphs", justify="right")
    table.add_column("title")
    for info in articles:
        table.add_row(info.id, str(info.paragraphs), info.title)
    _console(terminal, out).print(table)


# --- progress on stderr -------------------------------------------------------------------


class Progress:
    """A Rich progress bar on stderr (stage, bar, count, rate, time left), or nothing
    when stderr is not a terminal. Call it as ``progress(done, total, stage)``.

    The bar (and Rich's import) starts at the first call, so a command that ends
    up with nothing to report, such as a query on a built index, draws nothing.
    """

    def __init__(self, terminal: Terminal, err: TextIO, label: str) -> None:
        self._enabled = terminal.stderr_rich
        self._err = err
        self._label = label
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)

    def _start(self) -> Any:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
        from rich.progress import Progress as RichProgress

        bar = RichProgress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
            console=Console(file=self._err),
            transient=True,
        )
        bar.__enter__()
        return bar

    def __call__(self, done: int, total: int, stage: str = "") -> None:
        if not self._enabled:
            return
        if self._bar is None:
            self._bar = self._start()
        description = f"{self._label}: {stage}" if stage else self._label
        if self._task is None:
            self._task = self._bar.add_task(description, total=total, rate="")
        speed = self._bar.tasks[0].speed if self._bar.tasks else None
        rate = f"{speed:,.0f} articles/s" if speed else ""
        self._bar.update(
            self._task, completed=done, total=total, description=description, rate=rate
        )
