"""``Kept``: what was worked out for a key, kept for the next time, within a bound.

An index's files never change (an update is another generation, opened as another
index), so what a reader, a stemmer or a table works out from them never goes
stale: a batch of queries, or a caller that keeps an index open, meets the same
paragraphs, words and keys again and again. Each memo is bounded, and starts afresh
when full, so memory stays flat however long a batch runs.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Kept(Generic[K, V]):
    """``make(key)`` for each key asked for, kept until ``most`` keys are held.

    >>> calls = []
    >>> lengths = Kept(2, lambda text: calls.append(text) or len(text))
    >>> lengths("ab"), lengths("ab"), lengths("abc"), lengths("x"), calls
    (2, 2, 3, 1, ['ab', 'abc', 'x'])
    >>> len(lengths)  # full at two keys: it started afresh for the third
    1
    """

    __slots__ = ("_items", "_make", "_most")

    def __init__(self, most: int, make: Callable[[K], V]) -> None:
        self._most = most
        self._make = make
        self._items: dict[K, V] = {}

    def __call__(self, key: K) -> V:
        try:
            return self._items[key]
        except KeyError:
            if len(self._items) >= self._most:
                self._items.clear()
            value = self._items[key] = self._make(key)
            return value

    def __len__(self) -> int:
        return len(self._items)
