"""One exception family for everything a user can cause.

Every error carries a one-line ``message`` (what went wrong) and a ``hint``
(what to do next). The CLI turns them into a single stderr line and an exit
code in one place; library code only raises.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes, as in grep and ripgrep."""

    OK = 0  # results
    NO_RESULTS = 1
    ERROR = 2  # usage errors, bad input, bad queries and failures
    INTERRUPTED = 130  # Ctrl-C


class LeisearchError(Exception):
    """Base class: a message and a hint for the user."""

    exit_code = ExitCode.ERROR

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class CorpusError(LeisearchError):
    """A corpus path is missing, unreadable, or holds no articles."""


class IndexNotFound(LeisearchError):
    """There is no leisearch index at the chosen location."""


class IndexUnwritable(LeisearchError):
    """The index location cannot be created or written."""


class IndexCorrupt(LeisearchError):
    """The index exists but cannot be opened or read."""


class QueryError(LeisearchError):
    """The query cannot be run (for example, it is empty)."""


class UsageError(LeisearchError):
    """An option value is invalid (for example, an unknown article id)."""
