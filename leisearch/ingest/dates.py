"""Dates as articles write them, read once at ingest into ISO 8601.

``parse_date`` takes what a file gives (a front-matter value, a JSON key, an HTML
page's metadata) and returns an ISO 8601 string, or ``None`` when it finds no date
it can be sure of: never an exception, whatever it is given. The forms it reads,
tried in this order:

1. Python ``date`` and ``datetime`` values (YAML front matter reads ``date:
   2024-03-05`` as one).
2. ISO 8601: ``2024-03-05``, ``20240305``, ``2024-03-05T10:00:00Z``,
   ``2024-03-05 10:00:00`` (news-please's form), with or without an offset.
3. RFC 2822, as e-mail and RSS write it: ``Tue, 05 Mar 2024 10:00:00 GMT``
   (the weekday and the zone may be missing; without a time, it is form 4).
4. A date with an English month name, full or three letters, any case, with an
   optional weekday before and ordinal after the day: ``March 3, 2024``, ``Mar. 3
   2024``, ``3 March 2024``, ``Tuesday 5th of March, 2024``.
5. All numbers: ``2024/03/05`` and ``2024.03.05`` are year, month, day.
   ``03/05/2024`` (and ``03-05-2024``) is read month first, the American order,
   unless the first number is over 12 (``25/03/2024`` can only be day first);
   with dots, ``05.03.2024`` is day first, as the countries that write dots do. A
   two-digit year is 1969-1999 from 69 up and 2000-2068 below (POSIX ``%y``).

Forms 4 and 5 are found anywhere in a short text (``Posted on February 28, 2024
at 9:12 am``, ``Updated: 12/03/2024``), and give the date alone: the time of
day beside them is dropped, as its zone is rarely given. Forms 1 to 3 keep a time
when they have one, to the second, normalised by ``datetime.isoformat``
(``2024-03-05T10:00:00+00:00``; ``Z`` and ``GMT`` become ``+00:00``). The first
ten characters are always the date as the source wrote it, in its own zone.

Not read (``None``): a month and year without a day (``March 2024``), a year
alone, Unix timestamps (a bare number could be anything), dates that do not
exist (``2024-02-30``), other languages' month names. ``parse_date_or_month``
reads a value that is only a month and year, or only a year, as ISO 8601 does
at that precision (``2024-03``, ``2024``): what a file says its date is, where
a date found in running text must have its day.

>>> [parse_date(s) for s in ("March 3, 2024", "3 March 2024", "03/05/2024", "25/03/2024")]
['2024-03-03', '2024-03-03', '2024-03-05', '2024-03-25']
>>> parse_date("2024-03-03T10:00:00Z"), parse_date("Tue, 05 Mar 2024 10:00:00 GMT")
('2024-03-03T10:00:00+00:00', '2024-03-05T10:00:00+00:00')
>>> parse_date("next Tuesday"), parse_date("None"), parse_date(20240305)
(None, None, None)
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

#: Only the start of a value is read: a date is short, and a "date" key that holds a
#: page of text must not cost a page of regular-expression work.
_MAX_CHARS = 120

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_MONTH_FIRST = re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I)
_DAY_FIRST = re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I)
_YEAR_FIRST = re.compile(r"\b(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})\b")
_SLASHED = re.compile(r"\b(?P<a>\d{1,2})(?P<sep>[/-])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4}|\d{2})\b")
_DOTTED = re.compile(r"\b(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4}|\d{2})\b")
#: RFC 2822's shape, strictly: the standard library's parser is lenient, and reads
#: ``March 3, 2024 10:00 PM`` as ten in the morning. Without a time, ``5 Mar 2024`` is
#: left to the month-name forms.
_RFC2822 = re.compile(
    r"(?:[a-z]{3},?\s+)?\d{1,2}\s+[a-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?"
    r"(?:\s+(?:[+-]\d{4}|[a-z]{1,5}))?",
    re.I,
)
#: The ISO forms ``fromisoformat`` takes that are worth trying: they start with a year.
_ISO_START = re.compile(r"\d{4}-?\d{2}")


def parse_date(value: object) -> str | None:
    """An ISO 8601 date (or date and time) for ``value``, or ``None`` (see the module)."""
    if isinstance(value, datetime):
        return _iso_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    text = " ".join(value[:_MAX_CHARS].split())
    if not text:
        return None
    return _iso(text) or _rfc2822(text) or _written(text)


_MONTH_YEAR = re.compile(_MONTH + r",? (?P<year>\d{4})", re.I)
_YEAR_MONTH = re.compile(r"(?P<year>\d{4})[-/](?P<month>\d{1,2})")
_YEAR_ALONE = re.compile(r"(?:1[89]|2[01])\d{2}")


def parse_date_or_month(value: object) -> str | None:
    """``parse_date``'s date, or a value that is only a month and a year, or a year, at
    that precision.

    >>> [parse_date_or_month(v) for v in ("March 2024", "Sept. 2023", "2024-3", "2024")]
    ['2024-03', '2023-09', '2024-03', '2024']
    >>> parse_date_or_month("5 March 2024"), parse_date_or_month("yesterday")
    ('2024-03-05', None)

    A number is a year if it is written as one (YAML reads ``date: 2016`` as a number);
    any other number could be anything (a Unix time, a count):

    >>> [parse_date_or_month(v) for v in ("Marching 2024", "2024-13", 2016, 1492, True, "1492")]
    [None, None, '2016', None, None, None]
    """
    if type(value) is int and 1800 <= value <= 2199:  # (as ``_YEAR_ALONE`` reads one)
        return str(value)
    found = parse_date(value)
    if found is not None or not isinstance(value, str):
        return found
    text = " ".join(value.split())
    written = _MONTH_YEAR.fullmatch(text)
    if written:
        return f"{written['year']}-{_MONTHS[written['month'][:3].lower()]:02d}"
    numbers = _YEAR_MONTH.fullmatch(text)
    if numbers and 1 <= int(numbers["month"]) <= 12:
        return f"{numbers['year']}-{int(numbers['month']):02d}"
    return text if _YEAR_ALONE.fullmatch(text) else None


def _iso_datetime(moment: datetime) -> str:
    return moment.replace(microsecond=0).isoformat()


def _iso(text: str) -> str | None:
    if not _ISO_START.match(text):
        return None
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    try:
        return _iso_datetime(datetime.fromisoformat(text))
    except ValueError:
        return None


def _rfc2822(text: str) -> str | None:
    if not _RFC2822.fullmatch(text):
        return None
    try:
        return _iso_datetime(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError, OverflowError):
        # Each of these has been raised by some malformed date in some Python version.
        return None


def _written(text: str) -> str | None:
    """A date written with a month name or in numbers, anywhere in ``text``."""
    for pattern in (_MONTH_FIRST, _DAY_FIRST):
        found = pattern.search(text)
        if found:
            month = _MONTHS[found["month"][:3].lower()]
            return ymd(int(found["year"]), month, int(found["day"]))
    found = _YEAR_FIRST.search(text)
    if found:
        return ymd(int(found["year"]), int(found["month"]), int(found["day"]))
    found = _SLASHED.search(text)
    if found:
        first, second = int(found["a"]), int(found["b"])
        month, day = (second, first) if first > 12 else (first, second)
        return ymd(_full_year(found["year"]), month, day)
    found = _DOTTED.search(text)
    if found:
        return ymd(_full_year(found["year"]), int(found["month"]), int(found["day"]))
    return None


def _full_year(digits: str) -> int:
    """A year from four digits, or from two as POSIX ``%y`` reads them."""
    year = int(digits)
    if len(digits) == 2:
        year += 1900 if year >= 69 else 2000
    return year


def ymd(year: int, month: int, day: int) -> str | None:
    """The day as ISO 8601, or None if there is no such day.

    >>> ymd(2024, 2, 29), ymd(2023, 2, 29)
    ('2024-02-29', None)
    """
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
