"""The JSON formats: each record of a ``.jsonl`` or ``.json`` file is one article.

A ``.jsonl`` file (JSON Lines) holds one JSON object per line; blank lines are
passed over. A ``.json`` file holds one object, or a list of objects. These are
what scrapers write, and each spells the keys its own way; the first key of each
row that a record has, with a value, is taken:

=========  ====================================================================
field      keys, in order of preference
=========  ====================================================================
text       ``text`` (leisearch, trafilatura, newspaper), ``maintext`` (news-please),
           ``raw_text`` (trafilatura, without its line breaks)
title      ``title``, ``title_page``, ``title_rss`` (news-please)
date       ``date`` (trafilatura), ``date_publish`` (news-please),
           ``publish_date`` (newspaper): the publication date, never the
           download date (``filedate``, ``date_download``) or an update's
author     ``author`` (a string; trafilatura's ``"A; B"`` for several), ``authors``
           (a list, news-please and newspaper)
url        ``url``, ``canonical_link`` (newspaper4k), ``source`` when it is a URL
           (trafilatura's JSON calls the page's URL ``source``)
source     ``source`` when it is not a URL, ``sitename``, ``source-hostname``
           (trafilatura), ``meta_site_name`` (newspaper4k), ``source_domain``
           (news-please), ``hostname`` (trafilatura); else the folder's name
id         ``id``
=========  ====================================================================

Other keys (``description``, ``excerpt``, ``comments``, ``tags``…) are not read:
a summary or the readers' comments are not the article's text. Dates are read by
``parse_date`` whatever their form (news-please writes ``2017-07-17 17:03:00``,
and ``None`` as a string when it has none). A text with blank lines is split at
them, and a block of long lines a paragraph a line, as a ``.txt`` file is; a text
without blank lines has one paragraph per line (unless its lines are hard-wrapped),
as trafilatura and news-please write them (``plain.split_text``). A record without
a title takes its text's first line, as a ``.txt`` file does.

Ids. A record's id is its own ``id``, made safe (path separators and control
characters become ``_``, at most 200 characters); else ``<file id>-<n>``, ``n``
its 1-based number among the file's records (blank lines do not count), so an id
is the same at every run while the file keeps its order. A ``.json`` file holding
a single object is one article with the file's own id (``files.find_files``)
unless the object has an ``id``. An id already used by an earlier record of the
file gets ``-2`` (then ``-3``…) and a warning: both records are indexed, since
they may well be different articles with a careless id.

What cannot be read is skipped with a reason that names its line: a line that is
not valid JSON or not an object, a record without text. A ``.json`` file that
stops being valid JSON partway keeps the records before the error.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from leisearch.errors import quoted
from leisearch.models import Article, Skipped

from .assemble import make_article
from .dates import parse_date_or_month
from .meta import Meta, authors_value, text_value
from .plain import split_text, title_and_body

#: The file name endings this format reads: JSON, and JSON Lines.
SUFFIXES = (".json", ".jsonl")
JSON_LINES = ".jsonl"

_TEXT_KEYS = ("text", "maintext", "raw_text")
_TITLE_KEYS = ("title", "title_page", "title_rss")
_DATE_KEYS = ("date", "date_publish", "publish_date")
_AUTHOR_KEYS = ("author", "authors")
_URL_KEYS = ("url", "canonical_link")
_SOURCE_KEYS = ("sitename", "source-hostname", "meta_site_name", "source_domain", "hostname")
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://\S+$", re.I)
_MAX_ID = 200
_UNSAFE_ID = re.compile(r"[/\\]")


def safe_id(value: object) -> str | None:
    """A record's own id as an article id: no path separators or control characters.

    >>> safe_id(" 2024/ferry\\\\story\\x1b "), safe_id(17), safe_id(""), safe_id(None)
    ('2024_ferry_story_', '17', None, None)
    """
    text = text_value(value)
    if text is None:
        return None
    text = "".join("_" if unicodedata.category(c)[0] == "C" else c for c in text)
    return _UNSAFE_ID.sub("_", text)[:_MAX_ID].strip() or None


def _first(record: Mapping[str, Any], keys: Sequence[str]) -> object:
    """The first of ``keys`` the record has a value for (news-please writes ``"text":
    null`` beside its ``maintext``)."""
    for key in keys:
        value = record.get(key)
        if value is not None and value != "" and value != []:
            return value
    return None


def record_meta(record: Mapping[str, Any]) -> Meta:
    """What a record says about its article, whatever scraper spelled its keys."""
    named = text_value(record.get("source"))
    is_url = named is not None and bool(_URL.match(named))
    return Meta(
        title=text_value(_first(record, _TITLE_KEYS)),
        date=parse_date_or_month(_first(record, _DATE_KEYS)),
        author=authors_value(_first(record, _AUTHOR_KEYS)),
        url=text_value(_first(record, _URL_KEYS)) or (named if is_url else None),
        source=(None if is_url else named) or text_value(_first(record, _SOURCE_KEYS)),
        id=safe_id(record.get("id")),
    )


def record_text(record: Mapping[str, Any]) -> str | None:
    """A record's text, if it has any."""
    for key in _TEXT_KEYS:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return None


#: One item of a file: its line, and the object there (or why there is none).
_Item = tuple[int, dict[str, Any] | str]


def _json_lines(text: str) -> Iterator[_Item]:
    # Not splitlines(): JSON strings may hold U+2028 and other line separators.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            yield number, _invalid(error)
            continue
        yield number, value if isinstance(value, dict) else "not a JSON object"


def _json_document(text: str) -> Iterator[_Item]:
    """The objects of a JSON file (one, or a list), each with the line it starts on."""
    decoder = json.JSONDecoder()
    start = len(text) - len(text.lstrip())
    if not text.startswith("[", start):
        try:
            value = json.loads(text)
        except json.JSONDecodeError as error:
            yield error.lineno, _invalid(error)
            return
        line = text.count("\n", 0, start) + 1
        yield line, value if isinstance(value, dict) else "not a JSON object or list of objects"
        return
    # A list, read element by element, so that each record knows its line.
    at = start + 1
    while True:
        at = _skip_space(text, at)
        if text.startswith("]", at):
            return
        line = text.count("\n", 0, at) + 1
        try:
            value, at = decoder.raw_decode(text, at)
        except json.JSONDecodeError as error:
            yield line, f"not valid JSON ({error.msg}): the rest of the file is not read"
            return
        yield line, value if isinstance(value, dict) else "not a JSON object"
        at = _skip_space(text, at)
        if text.startswith(",", at):
            at += 1
        elif not text.startswith("]", at):
            line = text.count("\n", 0, at) + 1
            yield line, "not valid JSON (expected , or ]): the rest of the file is not read"
            return


def _invalid(error: json.JSONDecodeError) -> str:
    """Why a line is not JSON, and where.

    >>> _invalid(json.JSONDecodeError("Unterminated string starting at", '{"a": "b', 6))
    'not valid JSON (unterminated string starting at column 7)'
    >>> _invalid(json.JSONDecodeError("Expecting value", "{", 1))
    'not valid JSON (expecting value, at column 2)'
    """
    what = error.msg[:1].lower() + error.msg[1:]
    where = f"column {error.colno}" if what.endswith(" at") else f"at column {error.colno}"
    return f"not valid JSON ({what}{' ' if what.endswith(' at') else ', '}{where})"


def _skip_space(text: str, at: int) -> int:
    while at < len(text) and text[at] in " \t\r\n":
        at += 1
    return at


def parse_records(
    file_id: str,
    text: str,
    path: str,
    name: str,
    *,
    json_lines: bool,
    warnings: Sequence[str] = (),
) -> list[Article | Skipped]:
    """The articles of a JSON or JSON Lines file, and what was skipped, line by line.

    ``path`` is the file's path as articles record it, ``name`` as messages give it;
    ``warnings`` (how the file was decoded) go with the first article.
    """
    items = list(_json_lines(text) if json_lines else _json_document(text))
    single = not json_lines and len(items) == 1 and not text.lstrip().startswith("[")
    results: list[Article | Skipped] = []
    used: dict[str, int] = {}  # id -> the line that took it
    pending = list(warnings)
    for number, (line, item) in enumerate(items, start=1):
        if isinstance(item, str):
            results.append(Skipped(name, f"line {line}: {item}"))
            continue
        body = record_text(item)
        meta = record_meta(item)
        notes: list[str] = []
        article_id = meta.id or (file_id if single else f"{file_id}-{number}")
        if article_id in used:
            base, n = article_id, 2
            while article_id in used:
                article_id, n = f"{base}-{n}", n + 1
            notes.append(
                f"{name}: line {line}: id {quoted(base)} is already used on line {used[base]}: "
                f"indexed as {quoted(article_id)}"
            )
        article = _article(article_id, body, path, meta, [*pending, *notes])
        if article is None:
            results.append(Skipped(name, f"line {line}: no text"))
            continue
        used[article_id] = line
        pending = []
        results.append(article)
    return results


def _article(
    article_id: str, body: str | None, path: str, meta: Meta, warnings: Sequence[str]
) -> Article | None:
    if body is None:
        return None
    blocks = split_text(body)
    title = meta.title
    if not title:
        title, blocks = title_and_body(blocks)
    return make_article(
        article_id, title, blocks, path, meta, warnings, one_of_many=True, wrapped=True
    )
