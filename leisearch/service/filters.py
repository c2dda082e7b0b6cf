"""Dates and sources as filters: ``--since``, ``--until``, ``--source``, ``date:`` and
``source:``.

An article's day is indexed as ``YYYY-MM-DD`` (its date's first ten characters,
as its file gave it), so a range of days is a range of terms. A filter date may
be a day in any form the indexer reads (``2024-03-05``, ``5 March 2024``,
``March 5, 2024``, ``03/05/2024``: ``ingest.dates``), a month (``2024-03``,
``March 2024``) or a year (``2024``): ``--since`` takes its first day,
``--until`` its last, and ``date:`` all of it. ``date:2024-01..2024-06`` is a
range, both ends included, either one open (``date:..2023``). An article
without a date matches everything but a date filter.
"""

from __future__ import annotations

import re

#: After every day of a period: the end of a prefix range (``2024-03`` .. ``2024-03~``).
_AFTER = "~"
_YEAR = re.compile(r"\d{4}")
_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_MONTH_NAMES = (
    "jan feb mar apr may jun jul aug sep oct nov dec".split()  # noqa: SIM905
)
_NAMED_MONTH = re.compile(r"([A-Za-z]{3})[a-z]*\.?,?\s+(\d{4})")


def period(text: str) -> tuple[str, str] | None:
    """The first and last day (as index terms: a prefix and a bound after it) of a day,
    month or year written as ``text``; ``None`` if it is none of those.

    >>> period("2024"), period("2024-3"), period("March 2024")
    (('2024', '2024~'), ('2024-03', '2024-03~'), ('2024-03', '2024-03~'))
    >>> period("5 March 2024"), period("2024-03-05T10:00:00Z")
    (('2024-03-05', '2024-03-05~'), ('2024-03-05', '2024-03-05~'))
    >>> period("next week") is None, period("2024-13") is None
    (True, True)
    """
    text = " ".join(text.split())
    if _YEAR.fullmatch(text):
        return text, text + _AFTER
    month = _MONTH.fullmatch(text)
    named = _NAMED_MONTH.fullmatch(text)
    if month is not None:
        year, number = month.group(1), int(month.group(2))
    elif named is not None:
        year, number = named.group(2), _month_number(named.group(1))
    if month is not None or named is not None:
        if not 1 <= number <= 12:
            return None
        prefix = f"{year}-{number:02d}"
        return prefix, prefix + _AFTER
    from leisearch.ingest.dates import parse_date

    day = parse_date(text)
    return (day[:10], day[:10] + _AFTER) if day else None


def _month_number(name: str) -> int:
    name = name.lower()
    return _MONTH_NAMES.index(name) + 1 if name in _MONTH_NAMES else 0


def date_range(text: str) -> tuple[str, str] | None:
    """``date:``'s value as the low and high index terms ("" for an open end): a period
    or two of them joined by ``..``; ``None`` if unreadable.

    >>> date_range("2024-01..2024-06"), date_range("..2023"), date_range("2024")
    (('2024-01', '2024-06~'), ('', '2023~'), ('2024', '2024~'))
    >>> date_range("soon..later") is None
    True
    """
    if ".." not in text:
        return period(text)
    first, _, last = text.partition("..")
    low = period(first) if first.strip() else ("", "")
    high = period(last) if last.strip() else ("", "")
    if low is None or high is None or not (first.strip() or last.strip()):
        return None
    return low[0], high[1]


def backwards(low: str, high: str) -> bool:
    """Whether a range of date terms (``period``'s, ``""`` for an open end) ends before
    it starts: ``--since 2025 --until 2024``.

    >>> backwards("2025", "2024~"), backwards("2024-03-05", "2024-03~"), backwards("", "2024~")
    (True, False, False)
    """
    return bool(low and high) and high < low
