"""Memos of what a query works out from a paragraph's text, for the paragraphs met.

A query ranks and snippets its candidates from their texts; a batch, or
a caller that keeps an index open, meets the same paragraphs again and again.
An opened index keeps, for each paragraph it has met (by article and number),
what was worked out from it: an index's paragraphs never change (an update is
another generation, opened as another index), so a memo never goes stale. Each
memo is bounded, and starts afresh when full, as the stemmer's memo of words
does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, Protocol, TypeVar


class Placed(Protocol):
    """A paragraph as far as a memo keys it (``Stored``, ``Head``)."""

    @property
    def article(self) -> str: ...
    @property
    def paragraph(self) -> int: ...


P = TypeVar("P", bound=Placed)
T = TypeVar("T")


class ByParagraph(Generic[P, T]):
    """``compute(paragraph)`` of each paragraph met (by article and number), kept for the
    next time, until ``kept`` are held (then afresh, as ``kept.Kept``).

    >>> calls = []
    >>> lengths = ByParagraph(lambda p: calls.append(p.text) or len(p.text))
    >>> from leisearch.engine.protocol import Stored
    >>> p = Stored("003", "Title", 4, "Word of mouth.", ())
    >>> lengths(p), lengths(p._replace(score=2.0)), calls
    (14, 14, ['Word of mouth.'])
    """

    __slots__ = ("_compute", "_kept", "_values")

    def __init__(self, compute: Callable[[P], T], kept: int = 4096) -> None:
        self._compute = compute
        self._kept = kept
        self._values: dict[tuple[str, int], T] = {}

    def __call__(self, stored: P) -> T:
        key = (stored.article, stored.paragraph)
        try:
            return self._values[key]
        except KeyError:
            if len(self._values) >= self._kept:
                self._values.clear()
            value = self._values[key] = self._compute(stored)
            return value
