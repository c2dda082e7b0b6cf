"""``query`` and ``quotes``, the commands run most: their work, without Typer.

Typer costs a query a fifth of its start-up (about 25 ms of 130 on the seeds:
importing it and building the command), so these two commands are plain
functions here. ``commands`` declares them to Typer, for help, completion and
every usage error; ``quick`` parses their common command lines itself and calls
them directly. Their defaults are the ones Typer gives: ``tests/test_quick.py``
compares what each path passes, argument by argument.
"""

from __future__ import annotations

import contextlib
import enum
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from leisearch import models
from leisearch.errors import ExitCode, QueryError, Reason, UsageError, quoted
from leisearch.models import DEFAULT_CONFIDENCE, HIGH, LOW, MEDIUM, Hit, Period, SortOrder
from leisearch.render.terminal import OutputFormat

from .messages import EXAMPLE_REASONS
from .session import MAX_JOBS, Session, cores, guarded, note


class Confidence(enum.StrEnum):
    """``--min-confidence``: how sure an attribution must be to be listed."""

    LOW = LOW
    MEDIUM = MEDIUM
    HIGH = HIGH


DEFAULT_LEVEL = Confidence(DEFAULT_CONFIDENCE)


@guarded
def query(
    words: list[str],
    limit: int = 10,
    article: str | None = None,
    speaker: str | None = None,
    min_confidence: Confidence = DEFAULT_LEVEL,
    since: str | None = None,
    until: str | None = None,
    source: str | None = None,
    sort: SortOrder = SortOrder.RELEVANCE,
    all_copies: bool = False,
    json_output: bool = False,
    output_format: OutputFormat = OutputFormat.AUTO,
    pager: bool | None = None,
    jobs: int | None = None,
    index_dir: Path | None = None,
) -> None:
    """``leisearch query``: ranked paragraphs, with highlighted snippets."""
    from leisearch.render.human import write_hits_plain, write_hits_rich
    from leisearch.service.search import batch_jobs, search, search_many
    from leisearch.service.snippets import DEFAULT_SNIPPET_CHARS

    query = " ".join(words)
    session = Session.start()
    index = session.open(index_dir)
    options: dict[str, Any] = {
        "limit": limit,
        "article": article,
        "speaker": speaker,
        "min_confidence": min_confidence,
        "all_copies": all_copies,
        "since": since,
        "until": until,
        "source": source,
        "sort": sort.value,
    }
    if query == "-":
        # Batch records have no room for a "did you mean": none is looked for.
        batch = {
            **options,
            "suggestions": False,
            "jobs": jobs or batch_jobs(index, min(cores(), MAX_JOBS)),
        }
        session.batch(search_many, index, output_format, batch, Hit)
    _one_process(jobs)
    fmt = session.format(json_output, output_format)
    rich = fmt is OutputFormat.TABLE
    table = session.terminal._replace(rich=True)
    chars = table.snippet_chars if rich else DEFAULT_SNIPPET_CHARS
    with _examples_from(index):
        result = search(index, query, snippet_chars=chars, **options)
    for text in result.notes:
        note(text)
    session.emit(result.hits, Hit, fmt, write_hits_rich, write_hits_plain, result, pager)
    _say_unknown(result)
    if not result.hits:
        filters = {"article": article, "speaker": speaker, "since": since, "until": until}
        what = f"no results for {quoted(_shorten(query))}"
        less_sure = _less_sure(search, index, query, options)
        _nothing_found_exit(what, index, result, filters, source, less_sure)


@guarded
def quotes(
    words: list[str] | None = None,
    speaker: str | None = None,
    article: str | None = None,
    limit: int = 10,
    min_confidence: Confidence = DEFAULT_LEVEL,
    since: str | None = None,
    until: str | None = None,
    source: str | None = None,
    sort: SortOrder = SortOrder.RELEVANCE,
    all_copies: bool = False,
    json_output: bool = False,
    output_format: OutputFormat = OutputFormat.AUTO,
    by: Period | None = None,
    pager: bool | None = None,
    jobs: int | None = None,
    index_dir: Path | None = None,
) -> None:
    """``leisearch quotes``: direct quotations, who said what and where."""
    from leisearch.render.human import write_quotes_plain, write_quotes_rich
    from leisearch.service.search import batch_jobs, find_quotes, find_quotes_many

    query = " ".join(words) if words else None
    session = Session.start()
    index = session.open(index_dir)
    if by is not None:
        if query == "-":
            raise UsageError(
                Reason.NOT_IN_BATCH,
                "--by counts the quotations of one query, not of a batch (-)",
                option="by",
            )
        # Quotations over time: the query, the speaker and the filters choose them.
        over = {"speaker": speaker, "query": query, "min_confidence": min_confidence}
        over |= {"since": since, "until": until, "source": source}
        with _examples_from(index):
            tallies(session, index, by, json_output, output_format, pager, **over)
        return
    options: dict[str, Any] = {
        "speaker": speaker,
        "article": article,
        "limit": limit,
        "min_confidence": min_confidence,
        "all_copies": all_copies,
        "since": since,
        "until": until,
        "source": source,
        "sort": sort.value,
    }
    if query == "-":
        batch = {
            **options,
            "suggestions": False,
            "jobs": jobs or batch_jobs(index, min(cores(), MAX_JOBS)),
        }
        session.batch(find_quotes_many, index, output_format, batch, models.QuoteHit)
    _one_process(jobs)
    with _examples_from(index):
        result = find_quotes(index, query, **options)
    for text in result.notes:
        note(text)
    fmt = session.format(json_output, output_format)
    session.emit(
        result.hits, models.QuoteHit, fmt, write_quotes_rich, write_quotes_plain, result, pager
    )
    _say_unknown(result)
    # People merge across articles only by full name: say who else may be meant.
    if result.fuller:
        note(f"also quoted under a fuller name: {', '.join(result.fuller[:5])}")
    if result.shorter:
        note(f"also quoted as {', '.join(result.shorter[:5])}, maybe the same person")
    if not result.hits:
        what = f"no quotations of {quoted(_shorten(query))}" if query else "no quotations"
        filters = {"article": article, "speaker": speaker, "since": since, "until": until}
        # Only where the speaker is all that was asked: a query or another filter may
        # be why nothing was found, at any confidence.
        alone = query is None and not any((article, since, until, source))
        if alone:
            quieter = _quieter(index, speaker, min_confidence)
        else:
            quieter = _less_sure(find_quotes, index, query, options)
        _nothing_found_exit(what, index, result, filters, source, quieter)


def _less_sure(
    run: Callable[..., Any], index: Any, query: str | None, options: dict[str, Any]
) -> str | None:
    """Where a search for a speaker's words found nothing at ``--min-confidence``, but
    finds some when less sure quotations count, a note that says so (``query wages
    --speaker X``: X's quotation there may be one only the context attributes)."""
    speaker, floor = options.get("speaker"), options.get("min_confidence")
    if speaker is None or floor == LOW:
        return None
    found = run(index, query, **{**options, "min_confidence": LOW, "limit": 1})
    if not found.hits:
        return None
    return (
        f"it finds quotations of {quoted(speaker)} less sure than --min-confidence {floor} "
        "(see them with --min-confidence low)"
    )


def _quieter(index: Any, speaker: str | None, floor: str) -> str | None:
    """Where a speaker has quotations less sure than ``--min-confidence``, a note that
    says so: without it, a name the index knows may look quoted nowhere."""
    if speaker is None:
        return None
    from leisearch.service.browse import quieter_quotes

    name, count = quieter_quotes(index, speaker, floor)
    if not count:
        return None
    quotations = "quotation" if count == 1 else "quotations"
    return (
        f"{name} has {count} {quotations} less sure than --min-confidence {floor} "
        "(see them with --min-confidence low)"
    )


#: The unknown words a note names at most (a pasted page may have dozens).
_UNKNOWN_SHOWN = 5


def _say_unknown(result: Any) -> None:
    """Say which of the query's words no paragraph has, where the others found hits: a
    misspelt word among several would otherwise go unseen (the hits are the other
    words' alone), with a "did you mean" if one finds something."""
    if not (result.hits and result.unknown):
        return
    shown = [quoted(word) for word in result.unknown[:_UNKNOWN_SHOWN]]
    more = len(result.unknown) - len(shown)
    words = " or ".join(shown) + (f" ({more} more)" if more > 0 else "")
    they = "it" if len(result.unknown) == 1 else "they"
    said = f"no paragraph has {words}, so {they} matched nothing"
    note(f"{said}; did you mean: {result.suggestion}" if result.suggestion else said)


def _one_process(jobs: int | None) -> None:
    """One query is answered by one process: say so if more were asked for."""
    if jobs is not None and jobs > 1:
        note(f"--jobs {jobs} is for batch mode (-): one query runs in one process")


def _shorten(text: str, width: int = 80) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _nothing_found(what: str, index: Any, **filters: str | None) -> str:
    """A "no results" note: what was looked for, under which filters (the words may be
    in the index, only not where the filters looked), and in which index.

    >>> from types import SimpleNamespace
    >>> index = SimpleNamespace(path="ix", manifest=SimpleNamespace(articles=[1, 2]))
    >>> _nothing_found("no results for 'x'", index, article="003", speaker=None, since="2024")
    "no results for 'x' with --article '003' --since '2024' in the index at ix (2 articles)"
    """
    flags = [f"--{name} {quoted(value)}" for name, value in filters.items() if value is not None]
    within = " with " + " ".join(flags) if flags else ""
    count = len(index.manifest.articles)
    articles = "article" if count == 1 else "articles"
    return f"{what}{within} in the index at {index.path} ({count:,} {articles})"


def _nothing_found_exit(
    what: str,
    index: Any,
    result: Any,
    filters: dict[str, str | None],
    source: str | None,
    also: str | None = None,
) -> None:
    """Say that nothing was found and why it may be (a word that may be misspelt,
    ``also``), then exit 1."""
    note(_nothing_found(what, index, **filters, source=source))
    if also is not None:
        note(also)
    if result.suggestion:
        note(f"did you mean: {result.suggestion}")
    raise SystemExit(ExitCode.NO_RESULTS)


@contextlib.contextmanager
def _examples_from(index: Any) -> Iterator[None]:
    """A query that has nothing to look for is told what to type in this index's own
    words (its top terms), not in words from elsewhere."""
    try:
        yield
    except QueryError as error:
        if error.reason not in EXAMPLE_REASONS or error.candidates:
            raise
        from leisearch.service.browse import top_terms

        words = [word for word, _ in top_terms(index, 2)]
        raise QueryError(error.reason, error.message, candidates=words) from None


def tallies(
    session: Session,
    index: Any,
    by: Period,
    json_output: bool,
    output_format: OutputFormat,
    pager: bool | None,
    **options: Any,
) -> None:
    """``--by``: quotations per period, drawn as bars or written as rows."""
    from leisearch.render.human import write_tallies_plain, write_tallies_rich
    from leisearch.service.search import quotes_over_time

    counted = quotes_over_time(index, by.value, **options)
    fmt = session.format(json_output, output_format)
    session.emit(
        counted, models.Tally, fmt, write_tallies_rich, write_tallies_plain, counted, pager
    )
    if not counted:
        query = options.get("query")
        what = f"no quotations of {quoted(_shorten(query))}" if query else "no quotations"
        filters = {name: options.get(name) for name in ("speaker", "since", "until", "source")}
        note(_nothing_found(what, index, **filters))
        raise SystemExit(ExitCode.NO_RESULTS)
