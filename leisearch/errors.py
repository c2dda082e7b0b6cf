"""One exception family for everything a user can cause.

Every error says what went wrong in a sentence of its own (``message``, no
command-line syntax in it), why in a machine-readable ``reason``, and carries
the data a caller needs to act on it (``path``, ``value``, ``candidates`` …).
What to do next depends on the caller: the command line turns the reason into
its one-line hint (``leisearch.cli.messages``), a web page or a Python program
can offer its own. Library code only raises.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum, StrEnum
from pathlib import Path


class ExitCode(IntEnum):
    """Process exit codes, as in grep and ripgrep."""

    OK = 0  # results
    NO_RESULTS = 1
    ERROR = 2  # usage errors, bad input, bad queries and failures
    INTERRUPTED = 130  # Ctrl-C


class Reason(StrEnum):
    """Why an operation failed, which is also what the remedy is."""

    # corpus
    NO_SUCH_PATH = "no_such_path"
    NO_ARTICLE_FILES = "no_article_files"
    NO_READABLE_ARTICLE = "no_readable_article"
    BAD_ALIAS_LINE = "bad_alias_line"
    UNREADABLE_ALIAS_FILE = "unreadable_alias_file"
    NO_SEEDS = "no_seeds"
    # index folder
    NO_INDEX = "no_index"
    NOT_AN_INDEX = "not_an_index"
    IS_A_FILE = "is_a_file"
    FOREIGN_FOLDER = "foreign_folder"
    UNWRITABLE = "unwritable"
    WRITE_FAILED = "write_failed"
    BUSY = "busy"
    UNREADABLE = "unreadable"
    DAMAGED = "damaged"
    OLD_SCHEMA_NO_SOURCES = "old_schema_no_sources"
    SOURCES_GONE = "sources_gone"
    # queries and options
    NO_WORDS = "no_words"
    ONLY_PUNCTUATION = "only_punctuation"
    WORDS_TOO_LONG = "words_too_long"
    ONLY_EXCLUSIONS = "only_exclusions"
    TOO_COMPLEX = "too_complex"
    NEGATIVE_OPTION = "negative_option"
    UNKNOWN_CONFIDENCE = "unknown_confidence"
    EMPTY_SPEAKER = "empty_speaker"
    UNKNOWN_SPEAKER = "unknown_speaker"
    AMBIGUOUS_SPEAKER = "ambiguous_speaker"
    EMPTY_ARTICLE = "empty_article"
    UNKNOWN_ARTICLE = "unknown_article"
    AMBIGUOUS_ARTICLE = "ambiguous_article"
    NO_SUCH_PARAGRAPH = "no_such_paragraph"
    CONFLICTING_OPTIONS = "conflicting_options"
    BAD_DATE = "bad_date"
    BACKWARDS_DATES = "backwards_dates"
    UNKNOWN_SORT = "unknown_sort"
    UNKNOWN_PERIOD = "unknown_period"
    UNKNOWN_SOURCE = "unknown_source"
    SOURCE_UNREADABLE = "source_unreadable"
    NOT_IN_SOURCE = "not_in_source"
    NOT_IN_BATCH = "not_in_batch"
    # processes
    PROCESS_LOST = "process_lost"


class LeisearchError(Exception):
    """Base class: a sentence for people, a reason for programs, and the data.

    ``path`` is the file or folder concerned, ``value`` what the caller gave,
    ``candidates`` what it may have meant, ``count`` a number that explains
    the failure (files skipped, paragraphs an article has), ``option`` the
    parameter a bad value was given for.
    """

    exit_code = ExitCode.ERROR

    def __init__(
        self,
        reason: Reason,
        message: str,
        *,
        path: Path | str | None = None,
        value: str = "",
        candidates: Sequence[str] = (),
        count: int = 0,
        option: str = "",
    ) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.path = Path(path) if path is not None else None
        self.value = value
        self.candidates = tuple(candidates)
        self.count = count
        self.option = option

    def __reduce__(self) -> tuple[object, ...]:
        # Pickled (a worker process's error) and copied with its reason and data.
        return (type(self), (self.reason, self.message), self.__dict__)


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


class BatchFailed(LeisearchError):
    """A process answering a batch's queries ended (killed, out of memory) before its
    work was done."""


def quoted(text: str) -> str:
    """``text`` in quotes, for a message: as it was typed, where ``repr`` would write a
    control character as an escape (``\\x1b``, where a message shows it as every text
    is shown: ``␛``, ``render.safe``) and double each backslash. Double quotes for a
    text that holds a single one.

    >>> print(quoted("Lei Jun"), quoted("don't"), quoted("C:\\\\data"))
    'Lei Jun' "don't" 'C:\\data'
    >>> quoted("a\\x1bb") == "'a\\x1bb'"
    True
    """
    mark = '"' if "'" in text and '"' not in text else "'"
    return f"{mark}{text}{mark}"
