"""What the command line says about an error: one line, with a hint of what to type.

The library's errors carry a reason and data, not command-line syntax; the
hints here are where ``--index``, ``--rebuild`` and ``leisearch speakers`` are
spelt out. Every reason has a hint (a test checks).
"""

from __future__ import annotations

from collections.abc import Callable

from leisearch.errors import LeisearchError, Reason

#: The reasons whose hint shows a query to type: the CLI gives their errors two of the
#: index's own words (its top terms) as ``candidates``.
EXAMPLE_REASONS = frozenset({Reason.NO_WORDS, Reason.ONLY_PUNCTUATION, Reason.ONLY_EXCLUSIONS})


def _query_example(error: LeisearchError) -> str:
    """A query to try, in the index's words.

    >>> from leisearch.errors import QueryError
    >>> _query_example(QueryError(Reason.NO_WORDS, "", candidates=["ferry", "council"]))
    'try e.g. leisearch query "ferry council"'
    """
    if not error.candidates:
        return "type a word to look for"
    return f'try e.g. leisearch query "{" ".join(error.candidates[:2])}"'


def _exclusion_example(error: LeisearchError) -> str:
    """What to look for besides what to leave out, in the index's words.

    >>> from leisearch.errors import QueryError
    >>> _exclusion_example(QueryError(Reason.ONLY_EXCLUSIONS, "", candidates=["ferry", "bus"]))
    'add something to look for, e.g. ferry NOT bus'
    """
    if len(error.candidates) < 2:
        return "add a word to look for besides the ones to leave out"
    first, second = error.candidates[:2]
    return f"add something to look for, e.g. {first} NOT {second}"


_LIST_SPEAKERS = "list them with: leisearch speakers"
_LIST_ARTICLES = "list the ids with: leisearch articles"
_WRITABLE = "choose a writable folder with --index DIR or LEISEARCH_INDEX"

#: A hint per reason: text, or a function of the error for hints that carry its data.
HINTS: dict[Reason, str | Callable[[LeisearchError], str]] = {
    Reason.NO_SUCH_PATH: (
        "check the path, or run `leisearch index` with no path to index the seed articles"
    ),
    Reason.NO_ARTICLE_FILES: (
        "point leisearch index at a folder of .txt, .md, .html, .json or .jsonl articles"
    ),
    Reason.NO_READABLE_ARTICLE: lambda e: f"give files with text in them ({e.count} skipped)",
    Reason.BAD_ALIAS_LINE: "write one speaker per line as `Canonical Name: alias, other alias`",
    Reason.UNREADABLE_ALIAS_FILE: "check the file",
    Reason.NO_SEEDS: "run `leisearch index PATH` with a folder of articles",
    Reason.SOURCES_GONE: "index them where they went: leisearch index PATH",
    Reason.NO_INDEX: lambda e: f"build one: leisearch index --index {e.path} PATH",
    Reason.NOT_AN_INDEX: (
        "give --index an index folder, or build one in a new folder: "
        "leisearch index --index NEW_FOLDER PATH"
    ),
    Reason.IS_A_FILE: "choose a folder with --index DIR",
    Reason.FOREIGN_FOLDER: "choose an empty or new folder with --index DIR",
    Reason.UNWRITABLE: _WRITABLE,
    Reason.WRITE_FAILED: "free some space or choose another folder with --index DIR",
    Reason.BUSY: "wait for it to finish, then try again",
    Reason.UNREADABLE: "check the folder's permissions",
    Reason.DAMAGED: lambda e: f"rebuild it: leisearch index --rebuild --index {e.path}",
    Reason.OLD_SCHEMA_NO_SOURCES: (
        lambda e: f"rebuild it: leisearch index --rebuild --index {e.path} PATH"
    ),
    Reason.NO_WORDS: _query_example,
    Reason.ONLY_PUNCTUATION: _query_example,
    Reason.WORDS_TOO_LONG: "search for the words around it: a hash or a URL is no word",
    Reason.ONLY_EXCLUSIONS: _exclusion_example,
    Reason.TOO_COMPLEX: "use fewer operators and parentheses",
    Reason.NEGATIVE_OPTION: (lambda e: f"use e.g. --{e.option} {20 if e.option == 'limit' else 2}"),
    Reason.UNKNOWN_CONFIDENCE: lambda e: "use one of: " + ", ".join(e.candidates),
    Reason.EMPTY_SPEAKER: _LIST_SPEAKERS,
    Reason.UNKNOWN_SPEAKER: (
        lambda e: "did you mean: " + ", ".join(e.candidates) if e.candidates else _LIST_SPEAKERS
    ),
    Reason.AMBIGUOUS_SPEAKER: lambda e: "did you mean: " + ", ".join(e.candidates),
    Reason.EMPTY_ARTICLE: _LIST_ARTICLES,
    Reason.UNKNOWN_ARTICLE: _LIST_ARTICLES,
    Reason.AMBIGUOUS_ARTICLE: "give more of the id (see: leisearch articles)",
    Reason.NO_SUCH_PARAGRAPH: lambda e: f"show one of them, e.g. leisearch show {e.value}:1",
    Reason.CONFLICTING_OPTIONS: lambda e: f"run --{e.option} on its own",
    Reason.BAD_DATE: lambda e: (
        (f"give --{e.option} " if e.option else "give ")
        + "a day (2024-03-05), a month (2024-03, March 2024) or a year"
    ),
    Reason.BACKWARDS_DATES: "put the earlier date first",
    Reason.UNKNOWN_SORT: lambda e: "use one of: " + ", ".join(e.candidates),
    Reason.UNKNOWN_PERIOD: lambda e: "use one of: " + ", ".join(e.candidates),
    Reason.UNKNOWN_SOURCE: lambda e: (
        "the index's sources: " + ", ".join(e.candidates) if e.candidates else _LIST_ARTICLES
    ),
    Reason.SOURCE_UNREADABLE: "show it as indexed, without --raw; index its folder again",
    Reason.NOT_IN_SOURCE: "show it as indexed, without --raw; index its file again",
    Reason.NOT_IN_BATCH: lambda e: f"give --{e.option} one query, or none, instead of -",
    Reason.PROCESS_LOST: "run it again; with --jobs 1, one process answers every query",
}


def message(error: LeisearchError) -> str:
    """What went wrong, as the command line puts it (an option by its flag).

    >>> from leisearch.errors import QueryError
    >>> message(QueryError(Reason.NEGATIVE_OPTION, "limit must be 0 or more, not -1",
    ...                    value="-1", option="limit"))
    '--limit must be 0 or more, not -1'
    """
    if error.reason is Reason.NEGATIVE_OPTION:
        return f"--{error.option} must be 0 or more, not {error.value}"
    return error.message


def hint(error: LeisearchError) -> str:
    """What to do next, with the command to type."""
    found = HINTS.get(error.reason, "")
    return found(error) if callable(found) else found


def error_line(error: LeisearchError) -> str:
    """``error: MESSAGE (hint: HINT)``, the one line a failed command prints."""
    advice = hint(error)
    return f"error: {message(error)}" + (f" (hint: {advice})" if advice else "")
