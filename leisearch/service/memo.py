"""Memos of what a query works out from a paragraph's text, for the paragraphs met.

A query ranks, folds and snippets its candidates from their texts; a batch, or
a caller that keeps an index open, meets the same paragraphs again and again.
An opened index keeps, for each paragraph it has met (by article and number),
what was worked out from it: an index's paragraphs never change (an update is
another generation, opened as another index), so a memo never goes stale. Each
memo is bounded, and starts afresh when full, as the stemmer's memo of words
does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from leisearch.engine.protocol import Stored
from leisearch.kept import Kept

T = TypeVar("T")


class ByParagraph(Generic[T]):
    """``compute(text)`` of each paragraph met, kept for the next time.

    >>> calls = []
    >>> lengths = ByParagraph(lambda text: calls.append(text) or len(text))
    >>> p = Stored("003", "Title", 4, "Word of mouth.", ())
    >>> lengths(p), lengths(p._replace(score=2.0)), calls
    (14, 14, ['Word of mouth.'])
    """

    __slots__ = ("_values",)

    def __init__(self, compute: Callable[[str], T], kept: int = 4096) -> None:
        # Keyed by article and number; the text rides along for ``compute``.
        self._values: Kept[tuple[str, int, str], T] = Kept(kept, lambda key: compute(key[2]))

    def __call__(self, stored: Stored) -> T:
        return self._values((stored.article, stored.paragraph, stored.text))
