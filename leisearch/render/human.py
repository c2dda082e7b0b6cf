"""People's formats: plain text when piped, Rich tables and highlights on a terminal.

Rich is imported inside the functions that draw with it: ``--json`` and piped
output never pay for the import (about 45 ms). Every writer draws on
``terminal.out``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from leisearch.models import HIGH, ArticleMeta, Hit, SearchResult, Snippet

if TYPE_CHECKING:  # records of other commands than query, loaded when those run
    from leisearch.models import (
        ArticleInfo,
        IndexStats,
        Quote,
        QuoteResult,
        RawArticle,
        Shown,
        Skipped,
        SpeakerInfo,
        Tally,
    )

from .safe import prose, visible
from .terminal import Terminal, console_for

HIGHLIGHT_STYLE = "bold black on yellow"


def skipped_line(skipped: Sequence[Skipped]) -> str:
    """One line for all the files, and records of files, that a build skipped: each
    file once, with its reasons (a record's name its line).

    >>> from leisearch.models import Skipped
    >>> skipped_line([Skipped("a.bin", "binary file"), Skipped("b.pdf", "not a .md file")])
    'skipped 2 files: a.bin (binary file), b.pdf (not a .md file)'
    >>> print(skipped_line([Skipped("x", "line 5: no text"), Skipped("a.bin", "binary"),
    ...                     Skipped("x", "line 7: not JSON")]))
    skipped 1 file and 2 records of 1 file: x (line 5: no text; line 7: not JSON), a.bin (binary)
    """
    reasons: dict[str, list[str]] = {}
    for skip in skipped:
        reasons.setdefault(skip.path, []).append(skip.reason)
    records = {path: why for path, why in reasons.items() if all(_is_record(r) for r in why)}
    files = len(reasons) - len(records)
    parts = [_count(files, "file")] if files else []
    if records:
        count = sum(len(why) for why in records.values())
        parts.append(f"{_count(count, 'record')} of {_count(len(records), 'file')}")
    listed = ", ".join(f"{path} ({'; '.join(why)})" for path, why in reasons.items())
    return f"skipped {' and '.join(parts)}: {listed}"


def _is_record(reason: str) -> bool:
    """Whether a skip reason is a record's (``line 5: no text``), not a whole file's."""
    return reason.startswith("line ") and reason[5:6].isdigit()


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def target(hit: Hit) -> str:
    """The ``ARTICLE:PARAGRAPH`` address of a hit."""
    return f"{visible(hit.article)}:{hit.paragraph}"


#: Under a hit whose paragraph holds none of the query's words: its headline does.
BY_HEADLINE = "(matched by its headline, not this paragraph)"


def also_in(duplicates: Sequence[str], article: str) -> str:
    """The line that says where else a hit or quotation was published ("" if nowhere);
    ``article`` is the hit's own, whose other paragraphs are no other article.

    >>> also_in(["b:3", "c:1", "c:7"], "a")
    'also in 2 articles: b:3, c:1, c:7'
    >>> also_in(["b:3"], "a"), also_in(["a:37"], "a")
    ('also in 1 article: b:3', 'also in this article: a:37')
    >>> also_in(["a:37", "b:3"], "a")
    'also in this article and 1 other: a:37, b:3'

    (Each address names its article: the ids are not listed again before them, which
    made the line twice as long where ids are long.)
    """
    if not duplicates:
        return ""
    places = ", ".join(map(visible, duplicates))
    articles = dict.fromkeys(d.rpartition(":")[0] for d in duplicates)
    here = article in articles
    others = len(articles) - here
    if not others:
        return f"also in this article: {places}"
    if here:
        noun = "other" if others == 1 else "others"
        return f"also in this article and {others:,} {noun}: {places}"
    noun = "article" if others == 1 else "articles"
    return f"also in {others:,} {noun}: {places}"


def dateline(meta: ArticleMeta) -> str:
    """``Source, 2024-03-05``: where and when an article was published, as far as known.

    >>> dateline(ArticleMeta("2024-03-05T10:00:00+00:00", "The Herald")), dateline(ArticleMeta())
    ('The Herald, 2024-03-05', '')
    """
    return ", ".join(visible(part) for part in (meta.source, meta.day) if part)


def write_hits_plain(result: SearchResult, terminal: Terminal) -> None:
    """Two lines per hit: rank, title, source and date, and address; then the snippet (and
    where else it was published)."""
    out = terminal.out
    for hit in result.hits:
        title = visible(hit.title)
        when = f" ({dateline(hit.meta)})" if dateline(hit.meta) else ""
        out.write(f"{hit.rank}. {title}{when} — paragraph {hit.paragraph} ({target(hit)})\n")
        out.write(f"   {prose(hit.snippet.text)}\n")
        if hit.by_headline:
            out.write(f"   {BY_HEADLINE}\n")
        if hit.duplicates:
            out.write(f"   {also_in(hit.duplicates, hit.article)}\n")
        out.write("\n")


def write_quotes_plain(result: QuoteResult, terminal: Terminal) -> None:
    """Two lines per quotation: the quote; then speaker, title and address."""
    out = terminal.out
    for hit in result.hits:
        quote = hit.quote
        out.write(f"{hit.rank}. \u201c{prose(quote.text)}\u201d\n")
        when = f" ({dateline(hit.meta)})" if dateline(hit.meta) else ""
        out.write(
            f"   \u2014 {visible(str(quote.speaker))}{_unsure(quote)}, {visible(quote.title)}{when}"
            f" \u2014 paragraph {quote.paragraph} ({visible(quote.article)}:{quote.paragraph})\n"
        )
        if hit.duplicates:
            out.write(f"   {also_in(hit.duplicates, quote.article)}\n")
        out.write("\n")


def _unsure(quote: Quote) -> str:
    """`` (medium)`` or `` (low)`` after a speaker whose attribution is not explicit."""
    return "" if quote.confidence == HIGH else f" ({quote.confidence})"


def write_quotes_rich(result: QuoteResult, terminal: Terminal) -> None:
    """The quote with query terms highlighted, then who said it and where."""
    from rich.padding import Padding
    from rich.text import Text

    console = console_for(terminal)
    for hit in result.hits:
        quote = hit.quote
        body = Text("\u201c")
        body.append_text(_snippet_text(Snippet(quote.text, hit.spans)))
        body.append("\u201d")
        head = Text()
        head.append(f"{hit.rank:>2}  ", style="bold cyan")
        head.append(visible(str(quote.speaker)), style="bold green")
        if quote.confidence != HIGH:
            head.append(f" ({quote.confidence})", style="yellow")
        head.append(f"  {visible(quote.title)}", style="bold")
        if dateline(hit.meta):
            head.append(f"  {dateline(hit.meta)}", style="yellow")
        head.append(f"  \u00b6{quote.paragraph}", style="magenta")
        head.append(f"  {visible(quote.article)}:{quote.paragraph}", style="dim")
        console.print(head)
        console.print(Padding(body, (0, 0, 0 if hit.duplicates else 1, 4)))
        if hit.duplicates:
            line = also_in(hit.duplicates, quote.article)
            console.print(Padding(Text(line, style="dim"), (0, 0, 1, 4)))


def write_shown_plain(shown: Shown, terminal: Terminal) -> None:
    """The title, then each paragraph as ``[N] text``, its quotations listed after it."""
    out = terminal.out
    out.write(f"{visible(shown.title)} ({visible(shown.article)})\n")
    for line in _byline(shown.meta):
        out.write(f"{line}\n")
    out.write("\n")
    for paragraph in shown.paragraphs:
        prefix = f"{'>' if paragraph.number == shown.focus else ' '}[{paragraph.number}] "
        # A hard-wrapped paragraph's lines hang under its first, after the number.
        text = visible(paragraph.text, keep="\n").replace("\n", "\n" + " " * len(prefix))
        out.write(f"{prefix}{text}\n")
        for quote in paragraph.quotes:
            words = quote.text if len(quote.text) <= 60 else quote.text[:59] + "\u2026"
            how = quote.cue if quote.confidence == HIGH else f"{quote.cue}, {quote.confidence}"
            speaker = visible(str(quote.speaker))
            out.write(f"     \u2014 quoted: {speaker} ({how}): \u201c{prose(words)}\u201d\n")
        out.write("\n")


def write_raw_plain(raw: RawArticle, terminal: Terminal) -> None:
    """The article as its file reads: ``[N] text`` for a paragraph the index kept, and
    ``  - removed (rule): text`` for a block that cleaning took out."""
    out = terminal.out
    out.write(f"{visible(raw.title)} ({visible(raw.article)})\n")
    for line in [*_byline(raw.meta), *_raw_notes(raw)]:
        out.write(f"{line}\n")
    out.write("\n")
    for block in raw.blocks:
        text = visible(block.text, keep=chr(10))
        if block.removed is not None:
            out.write(f"  - removed ({block.removed}): {text}\n\n")
        else:
            mark = ">" if block.paragraph == raw.focus else " "
            out.write(f"{mark}[{block.paragraph}] {text}\n\n")


def write_raw_rich(raw: RawArticle, terminal: Terminal) -> None:
    """Paragraphs as ``show`` draws them; removed blocks dim and struck through, with
    their rule in red."""
    from rich.padding import Padding
    from rich.text import Text

    console = console_for(terminal)
    heading = ((visible(raw.title), "bold"), ("  " + visible(raw.article), "dim"))
    console.print(Text.assemble(*heading))
    for line in _byline(raw.meta):
        console.print(Text(line, style="yellow"))
    for line in _raw_notes(raw):
        console.print(Text(line, style="dim"))
    console.print()
    for block in raw.blocks:
        text = visible(block.text, keep="\n")
        if block.removed is not None:
            console.print(Text(f"removed: {block.removed}", style="red"))
            console.print(Padding(Text(text, style="dim strike"), (0, 0, 1, 4)))
            continue
        focus = block.paragraph == raw.focus
        mark = Text(f"\u00b6{block.paragraph}", style="bold magenta" if focus else "magenta")
        console.print(mark)
        console.print(Padding(Text(text, style="bold" if focus else ""), (0, 0, 1, 4)))


def _raw_notes(raw: RawArticle) -> list[str]:
    """Where the article was read from."""
    return [f"read from {visible(raw.path)}"]


def _byline(meta: ArticleMeta) -> list[str]:
    """The lines under a shown article's title: where and when, by whom, its address."""
    lines = [dateline(meta)] if dateline(meta) else []
    if meta.author:
        lines.append(f"by {visible(meta.author)}")
    if meta.url:
        lines.append(visible(meta.url))
    return lines


def write_shown_rich(shown: Shown, terminal: Terminal) -> None:
    """Paragraphs with their quotations underlined and their speakers after them."""
    from rich.padding import Padding
    from rich.text import Text

    console = console_for(terminal)
    heading = ((visible(shown.title), "bold"), ("  " + visible(shown.article), "dim"))
    console.print(Text.assemble(*heading))
    for line in _byline(shown.meta):
        console.print(Text(line, style="yellow"))
    console.print()
    for paragraph in shown.paragraphs:
        focus = paragraph.number == shown.focus
        text = Text(visible(paragraph.text, keep="\n"), style="bold" if focus else "")
        for quote in paragraph.quotes:
            text.stylize("italic green", quote.start, quote.end)
        speakers = sorted({visible(str(q.speaker)) for q in paragraph.quotes})
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
        ("removed", _removals(stats.removed)),
    ]


def _removals(removed: Sequence[tuple[str, int]]) -> str:
    """The blocks cleaning removed, by rule.

    >>> _removals([("trailer", 12), ("author-bio", 1)])
    '13 blocks: trailer 12, author-bio 1 (see: leisearch show ARTICLE --raw)'
    >>> _removals([])
    'nothing'
    """
    total = sum(n for _, n in removed)
    if not total:
        return "nothing"
    rules = ", ".join(f"{rule} {n:,}" for rule, n in removed)
    blocks = "block" if total == 1 else "blocks"
    return f"{total:,} {blocks}: {rules} (see: leisearch show ARTICLE --raw)"


def write_stats_plain(stats: IndexStats, terminal: Terminal) -> None:
    out = terminal.out
    for name, value in _stats_rows(stats):
        out.write(f"{name}\t{visible(value)}\n")


def write_stats_rich(stats: IndexStats, terminal: Terminal) -> None:
    from rich.table import Table

    table = Table(show_header=False, show_edge=False, box=None)
    table.add_column(style="bold")
    table.add_column()
    for name, value in _stats_rows(stats):
        table.add_row(name, visible(value))
    console_for(terminal).print(table)


def write_speakers_plain(speakers: Iterable[SpeakerInfo], terminal: Terminal) -> None:
    out = terminal.out
    for info in speakers:
        aliases = visible(", ".join(info.aliases))
        out.write(f"{info.quotes}\t{visible(info.name)}\t{aliases}\n")


def write_speakers_rich(speakers: Iterable[SpeakerInfo], terminal: Terminal) -> None:
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
        table.add_row(visible(info.name), str(info.quotes), bar, visible(", ".join(info.aliases)))
    console_for(terminal).print(table)


def write_tallies_plain(tallies: Iterable[Tally], terminal: Terminal) -> None:
    """One row per period: ``period<TAB>quotations``, after the speaker when there is one."""
    out = terminal.out
    for tally in tallies:
        who = f"{visible(tally.speaker)}\t" if tally.speaker is not None else ""
        out.write(f"{who}{tally.period}\t{tally.quotes}\n")


def write_tallies_rich(tallies: Iterable[Tally], terminal: Terminal) -> None:
    """A bar chart of quotations per period (for each speaker, when there are several)."""
    from rich.table import Table

    rows = list(tallies)
    most = max((t.quotes for t in rows), default=1)
    bar_width = max(10, min(50, terminal.width // 2))
    several = len({t.speaker for t in rows}) > 1
    table = Table(show_edge=False, header_style="bold")
    if several:
        table.add_column("speaker", style="green")
    table.add_column("period", style="cyan", no_wrap=True)
    table.add_column("quotes", justify="right")
    table.add_column("", no_wrap=True)
    previous: str | None = None
    for tally in rows:
        bar = "\u2588" * max(1, round(tally.quotes / most * bar_width))
        cells = [tally.period, str(tally.quotes), bar]
        if several:
            # A speaker's name on their first row only: the bars read as one chart each.
            name = visible(str(tally.speaker)) if tally.speaker != previous else ""
            cells.insert(0, name)
            previous = tally.speaker
        table.add_row(*cells)
    console_for(terminal).print(table)


def _snippet_text(snippet: Snippet) -> Any:
    from rich.text import Text

    text = Text(prose(snippet.text))
    for span in snippet.spans:
        text.stylize(HIGHLIGHT_STYLE, span.start, span.end)
    return text


def write_hits_rich(result: SearchResult, terminal: Terminal) -> None:
    """A readable list: rank, title, paragraph, address, and a highlighted snippet."""
    from rich.padding import Padding
    from rich.text import Text

    console = console_for(terminal)
    for hit in result.hits:
        head = Text()
        head.append(f"{hit.rank:>2}  ", style="bold cyan")
        head.append(visible(hit.title), style="bold")
        if dateline(hit.meta):
            head.append(f"  {dateline(hit.meta)}", style="yellow")
        head.append(f"  ¶{hit.paragraph}", style="magenta")
        head.append(f"  {target(hit)}", style="dim")
        console.print(head)
        notes = [BY_HEADLINE] if hit.by_headline else []
        if hit.duplicates:
            notes.append(also_in(hit.duplicates, hit.article))
        console.print(Padding(_snippet_text(hit.snippet), (0, 0, 0 if notes else 1, 4)))
        for at, line in enumerate(notes, start=1):
            bottom = 1 if at == len(notes) else 0
            console.print(Padding(Text(line, style="dim"), (0, 0, bottom, 4)))


# --- articles --------------------------------------------------------------------------


def write_articles_plain(articles: Iterable[ArticleInfo], terminal: Terminal) -> None:
    out = terminal.out
    for info in articles:
        meta = info.meta
        out.write(
            f"{visible(info.id)}\t{info.paragraphs}\t{visible(info.title)}"
            f"\t{meta.day}\t{visible(meta.source)}\n"
        )


#: Below this many columns, a table of five columns leaves none for the titles: each
#: article is listed on lines of its own instead.
NARROW_COLUMNS = 80


def write_articles_rich(articles: Iterable[ArticleInfo], terminal: Terminal) -> None:
    """A table (the id folded to a third of the width at most, so that titles keep
    room), or on a narrow terminal each article as its id and a line under it."""
    from rich.table import Table
    from rich.text import Text

    console = console_for(terminal)
    if terminal.width < NARROW_COLUMNS:
        for info in articles:
            console.print(Text(visible(info.id), style="cyan"))
            when = ", ".join(part for part in (info.meta.day, visible(info.meta.source)) if part)
            line = Text("  " + visible(info.title))
            line.append(f"  {when}" if when else "", style="yellow")
            line.append(f"  ({_count(info.paragraphs, 'paragraph')})", style="dim")
            console.print(line)
        return
    table = Table(show_edge=False, header_style="bold")
    table.add_column("id", style="cyan", overflow="fold", max_width=terminal.width // 3)
    table.add_column("paragraphs", justify="right")
    table.add_column("title", min_width=20, ratio=1)
    table.add_column("date", no_wrap=True)
    table.add_column("source", max_width=20)
    for info in articles:
        meta = info.meta
        table.add_row(
            visible(info.id),
            str(info.paragraphs),
            visible(info.title),
            meta.day,
            visible(meta.source),
        )
    console.print(table)
