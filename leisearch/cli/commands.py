"""The commands, as Typer sees them: parse options, make one service call, render, exit.

Service and render modules are imported inside the commands, so ``--help``
stays fast and each command pays only for what it uses. ``query`` and
``quotes`` are declared here and run in ``searching``, without Typer.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from leisearch import models
from leisearch.errors import CorpusError, ExitCode, IndexCorrupt, Reason, UsageError
from leisearch.models import (
    ArticleInfo,
    SortOrder,
    SpeakerInfo,
)
from leisearch.render.terminal import OutputFormat

from . import searching
from .options import (
    AllCopiesOption,
    ArticleOption,
    ArticleTarget,
    ByOption,
    ConfidenceOption,
    FormatOption,
    IndexOption,
    JobsOption,
    JsonOption,
    LimitOption,
    PagerOption,
    QuotedByOption,
    SinceOption,
    SortOption,
    SourceOption,
    SpeakerOption,
    UntilOption,
)
from .searching import DEFAULT_LEVEL, tallies
from .session import Session, guarded, index_location, note


@guarded
def index_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[PATH...]",
            help="Files or folders of articles: .txt .md .html .json .jsonl [default: seeds/].",
            show_default=False,
        ),
    ] = None,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Start from scratch instead of adding to the index.")
    ] = False,
    check: Annotated[
        bool,
        typer.Option(
            "--check", help="Check every file of the index and change nothing (exit 2: damaged)."
        ),
    ] = False,
    index_dir: IndexOption = None,
) -> None:
    """Index articles: only new, changed and deleted files (--rebuild: all).

    On a corpus it has seen, leisearch reprocesses only what changed (by content
    hash), and removes articles whose files are gone from the folders given.
    From 1 MB of new or changed files on, every core is used. Ctrl-C keeps the last index.

    \b
    Examples:
      leisearch index                      # the seed articles
      leisearch index ~/articles --rebuild
      leisearch index new.txt --index /tmp/idx
      leisearch index --check              # is the index sound?
    """
    from leisearch.render.human import skipped_line
    from leisearch.render.progress import Progress
    from leisearch.service.build import build, recorded_sources
    from leisearch.store.locations import default_corpus

    target, _ = index_location(index_dir)
    if check:
        if paths or rebuild:
            raise UsageError(
                Reason.CONFLICTING_OPTIONS,
                "--check checks the index as it is: it takes no path and no --rebuild",
                option="check",
            )
        _check_index(target)
        return
    session = Session.start()
    recorded = [] if paths else list(recorded_sources(target))
    sources = list(paths or ()) or [path for path in recorded if path.exists()]
    if recorded and not sources:  # (not the seeds: they would fill the user's index)
        raise CorpusError(
            Reason.SOURCES_GONE,
            "every file and folder the index was built from is gone: "
            + ", ".join(map(str, recorded)),
            path=target,
        )
    if sources and recorded:
        gone = [str(path) for path in recorded if path not in sources]
        listed = ", ".join(map(str, sources)) + "".join(f" ({path} is gone)" for path in gone)
        note(f"updating from what the index was built from: {listed}")
    sources = sources or [default_corpus()]
    with Progress(session.terminal) as progress:
        report = build(sources, target, rebuild=rebuild, progress=progress)
    if report.skipped:
        note(f"warning: {skipped_line(report.skipped)}")
    for warning in report.warnings:
        note(f"warning: {warning}")
    note(f"{report.summary()} → {target}")


def _check_index(target: Path) -> None:
    """``index --check``: what is damaged, one line each, and an error if anything is."""
    from leisearch.render.human import human_size
    from leisearch.service.checking import check_index

    found = check_index(target)
    for part in found.damaged:
        note(f"damaged: {part}")
    if found.damaged:
        names = ", ".join(part.split(" (")[0] for part in found.damaged)
        raise IndexCorrupt(
            Reason.DAMAGED, f"the index at {target} is damaged: {names}", path=target
        )
    note(
        f"the index at {target} is sound: {found.files:,} files "
        f"({human_size(found.size_bytes)}), {found.articles:,} articles, "
        f"{found.paragraphs:,} paragraphs checked"
    )


# query_command is over 40 lines for its help text (the syntax table users read with
# --help); its code is one call.
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
    since: SinceOption = None,
    until: UntilOption = None,
    source: SourceOption = None,
    sort: SortOption = SortOrder.RELEVANCE,
    all_copies: AllCopiesOption = False,
    json_output: JsonOption = False,
    output_format: FormatOption = OutputFormat.AUTO,
    pager: PagerOption = None,
    jobs: JobsOption = None,
    index_dir: IndexOption = None,
) -> None:
    """Search paragraphs, best first, with highlighted snippets.

    \b
    Syntax:
      word of mouth        loose words: any may match, more matches rank higher
      "word of mouth"      a phrase (quote it inside the shell quotes)
      patents AND Apple    both;  Apple OR Samsung: either;  NOT car or -car: exclude
      title:Sony           words in the title;  article:003: one article
      date:2024-03         a day, month, year or span (2023..2024);  source:"The Herald"
      xiao*  Xioami~       a prefix;  a fuzzy match (~1, ~2 set the edits)
    \b
    Examples:
      leisearch query "word of mouth"
      leisearch query '"sea of stars" OR triathlon' -n 5
      leisearch query patents --speaker "Lei Jun"
      leisearch query patents --json | jq -r .snippet
      leisearch query strike --since 2024-03 --source "The Herald" --sort date
      cat questions.txt | leisearch query - > hits.jsonl    # batch: one query a line
    """
    searching.query(**locals())  # (the parameters, as Typer gave them)


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
    since: SinceOption = None,
    until: UntilOption = None,
    source: SourceOption = None,
    sort: SortOption = SortOrder.RELEVANCE,
    all_copies: AllCopiesOption = False,
    json_output: JsonOption = False,
    output_format: FormatOption = OutputFormat.AUTO,
    by: ByOption = None,
    pager: PagerOption = None,
    jobs: JobsOption = None,
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
      leisearch quotes --speaker Lei --by month        # quotations per month
      cat topics.txt | leisearch quotes - --speaker Lei   # batch: one query a line
    """
    searching.quotes(**locals())  # (the parameters, as Typer gave them)


@guarded
def show_command(
    target: ArticleTarget,
    context: Annotated[
        int,
        typer.Option("--context", "-C", min=0, metavar="N", help="Paragraphs around the focus."),
    ] = 2,
    raw: Annotated[
        bool,
        typer.Option(
            "--raw",
            help="The article as its file reads, with the blocks cleaning removed and why.",
        ),
    ] = False,
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
      leisearch show 004 --raw      # with what cleaning removed, and the rule
    """
    from leisearch.render.human import write_shown_plain, write_shown_rich

    session = Session.start()
    fmt = session.format(json_output, output_format)
    if raw:
        _show_raw(session, session.open(index_dir), target, context, fmt, pager)
        return
    from leisearch.service.browse import show

    shown = show(session.open(index_dir), target, context)
    session.emit(
        shown.paragraphs,
        models.ShownParagraph,
        fmt,
        write_shown_rich,
        write_shown_plain,
        shown,
        pager,
    )


@guarded
def speakers_command(
    min_confidence: ConfidenceOption = DEFAULT_LEVEL,
    by: ByOption = None,
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
      leisearch speakers --by year                     # each one's quotations per year
    """
    from leisearch.render.human import write_speakers_plain, write_speakers_rich
    from leisearch.service.search import list_speakers

    session = Session.start()
    if by is not None:
        over = {"each_speaker": True, "min_confidence": min_confidence}
        tallies(session, session.open(index_dir), by, json_output, output_format, pager, **over)
        return
    speakers = list_speakers(session.open(index_dir), min_confidence)
    fmt = session.format(json_output, output_format)
    session.emit(
        speakers, SpeakerInfo, fmt, write_speakers_rich, write_speakers_plain, speakers, pager
    )
    if not speakers:
        note("no quotations in the index")
        raise typer.Exit(ExitCode.NO_RESULTS)


def _show_raw(
    session: Session,
    index: Any,
    target: str,
    context: int,
    fmt: OutputFormat,
    pager: bool | None,
) -> None:
    """``show --raw``: the article read again from its file, removed blocks marked."""
    from leisearch.render.human import write_raw_plain, write_raw_rich
    from leisearch.service.raw import raw_article

    raw = raw_article(index, target, context)
    if raw.changed:
        note(f"warning: {raw.path} has changed since it was indexed: shown as it is now")
    session.emit(raw.blocks, models.RawBlock, fmt, write_raw_rich, write_raw_plain, raw, pager)


@guarded
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
    from leisearch.render.human import write_stats_plain, write_stats_rich
    from leisearch.service.browse import stats

    session = Session.start()
    summary = stats(session.open(index_dir))
    fmt = session.format(json_output, output_format)
    session.emit(
        [summary], models.IndexStats, fmt, write_stats_rich, write_stats_plain, summary, pager
    )


@guarded
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
    from leisearch.render.human import write_articles_plain, write_articles_rich
    from leisearch.service.browse import list_articles

    session = Session.start()
    articles = list_articles(session.open(index_dir))
    fmt = session.format(json_output, output_format)
    session.emit(
        articles, ArticleInfo, fmt, write_articles_rich, write_articles_plain, articles, pager
    )
    if not articles:
        note("no articles in the index")
        raise typer.Exit(ExitCode.NO_RESULTS)


#: Every command, by name, in the order ``--help`` lists them.
COMMANDS: dict[str, Callable[..., None]] = {
    "index": index_command,
    "query": query_command,
    "quotes": quotes_command,
    "show": show_command,
    "speakers": speakers_command,
    "stats": stats_command,
    "articles": articles_command,
}
