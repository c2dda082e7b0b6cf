"""The command line's options, shared by the commands, and shell completion."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from leisearch.models import Period, SortOrder
from leisearch.render.terminal import OutputFormat

from .searching import Confidence

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
    """Shell completion: speaker names from the default index, in any case (nothing on
    any error).

    Typer keeps only the completions that start with the word as typed, so a name
    found in another case is completed from what was typed: ``lei j`` gives
    ``lei jun``, which ``--speaker`` takes as it takes ``Lei Jun``.
    """
    wanted = incomplete.casefold()
    names = _completed(lambda manifest: [s.name for s in manifest.speakers])
    cut = len(incomplete)
    return [incomplete + name[cut:] for name in names if name[:cut].casefold() == wanted]


def _completed(names: Callable[[Any], list[str]]) -> list[str]:
    """``names`` of the manifest of $LEISEARCH_INDEX or the default index.

    Completion runs while a command line is being typed, so it never builds,
    never prints and never fails: an index that is missing or damaged (its
    lists are read only here) completes nothing.
    """
    from leisearch.store.manifest import read_manifest

    from .session import index_location

    try:
        manifest = read_manifest(index_location(None)[0])
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
SinceOption = Annotated[
    str | None,
    typer.Option(
        "--since",
        metavar="DATE",
        help="Only articles dated from DATE: a day, a month (2024-03) or a year.",
    ),
]
UntilOption = Annotated[
    str | None,
    typer.Option(
        "--until",
        metavar="DATE",
        help="Only articles dated up to DATE (a month or a year: to its end).",
    ),
]
SourceOption = Annotated[
    str | None,
    typer.Option(
        "--source",
        metavar="NAME",
        help="Only articles from this source (a site or paper, or a folder's name).",
    ),
]
SortOption = Annotated[
    SortOrder,
    typer.Option(
        "--sort", help="relevance (best first) or date (newest first).", case_sensitive=False
    ),
]
ByOption = Annotated[
    Period | None,
    typer.Option(
        "--by",
        help="Count the quotations per month or year (a bar chart on a terminal).",
        case_sensitive=False,
    ),
]
AllCopiesOption = Annotated[
    bool,
    typer.Option(
        "--all-copies",
        help="Show every copy of a paragraph or quotation (syndicated, reposted) as a result.",
    ),
]
JobsOption = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        metavar="N",
        show_default=False,
        help=(
            "Batch mode (-): processes answering the queries [default: one per core, at most 8;"
            " one for an index of fewer than 2,000 paragraphs]."
        ),
    ),
]
LimitOption = Annotated[
    int,
    typer.Option("--limit", "-n", min=0, metavar="N", help="Most results to show; 0 shows all."),
]
ArticleTarget = Annotated[
    str,
    typer.Argument(
        metavar="ARTICLE[:PARAGRAPH]",
        help="An article id (or unique prefix), with a paragraph number to focus on.",
        autocompletion=_complete_articles,
    ),
]
