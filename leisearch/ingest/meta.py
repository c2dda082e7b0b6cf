"""What a file says about its article: title, date, author, URL, source, id.

Every format fills one ``Meta`` from its own places (a front-matter block, a JSON
record's keys, an HTML page's metadata), through the same helpers, so that a value
means the same whatever file it came from:

``text_value``
    a string with its whitespace collapsed (numbers are written out; anything
    else, such as a list where a title should be, is no value);
``authors_value``
    one name, or several (a list, or objects with a ``name``) joined with ``"; "``,
    the separator trafilatura writes between names;
``front_matter``
    an optional YAML block between ``---`` lines at the very start of a text, as
    Markdown notes carry (``title``, ``date``, ``author`` or ``authors``, ``url``,
    ``source``; keys in any case; other keys are ignored).

PyYAML is imported only when a text starts with ``---``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from leisearch.errors import quoted

from .dates import parse_date_or_month

#: The separator between several authors' names.
AUTHOR_SEPARATOR = "; "
#: A front-matter block: ``---`` alone on the first line, YAML, then ``---`` (or
#: YAML's ``...``) alone on a line.
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)


@dataclass(frozen=True, slots=True)
class Meta:
    """An article's metadata as a file gives it; ``None`` where it gives none."""

    title: str | None = None
    date: str | None = None
    author: str | None = None
    url: str | None = None
    source: str | None = None
    id: str | None = None

    @classmethod
    def of(cls, fields: Mapping[str, Any]) -> Meta:
        """The metadata in a mapping with leisearch's own keys (a front matter)."""
        return cls(
            title=text_value(fields.get("title")),
            date=parse_date_or_month(fields.get("date")),
            author=authors_value(fields.get("author", fields.get("authors"))),
            url=text_value(fields.get("url")),
            source=text_value(fields.get("source")),
            id=text_value(fields.get("id")),
        )


_KEY_LINE = re.compile(r"\s*([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*")


def _key_lines(block: str) -> dict[str, Any]:
    """A block's ``key: value`` lines as keys (lower-cased) and text values, when every
    line of it is one; else nothing.

    >>> _key_lines('title: An "open quote\\ndate: [not a date\\n')
    {'title': 'An "open quote', 'date': '[not a date'}
    >>> _key_lines("title: Ferry\\n  - a list item\\n")
    {}
    """
    fields: dict[str, Any] = {}
    for line in block.splitlines():
        if not line.strip():
            continue
        found = _KEY_LINE.fullmatch(line)
        if found is None:
            return {}
        fields[found.group(1).lower()] = found.group(2)
    return fields


def unread_date(fields: Mapping[str, Any], meta: Meta) -> list[str]:
    """A warning for a front matter's date that could not be read (it is left empty,
    and date filters leave the article out).

    >>> unread_date({"date": "yesterday"}, Meta())
    ["the date 'yesterday' could not be read: the article has none"]
    >>> unread_date({"date": "March 2024"}, Meta(date="2024-03")), unread_date({}, Meta())
    ([], [])
    """
    value = fields.get("date")
    if meta.date is not None or value is None or value == "":
        return []
    shown = value if isinstance(value, str) else str(value)
    return [f"the date {quoted(shown[:40])} could not be read: the article has none"]


def text_value(value: object) -> str | None:
    """A metadata value as one line of text, or ``None``.

    >>> text_value("  The  ferry\\n route "), text_value(42), text_value(["a"]), text_value(" ")
    ('The ferry route', '42', None, None)
    """
    if isinstance(value, bool):  # YAML reads "yes" and "no" as booleans: no title
        return None
    if isinstance(value, int | float):
        return str(value)
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def authors_value(value: object) -> str | None:
    """One author, or several joined with ``"; "``, or ``None``.

    >>> authors_value(["Jane Roe", {"name": "Ann Lee"}, 7, ""]), authors_value("Jane Roe")
    ('Jane Roe; Ann Lee', 'Jane Roe')
    """
    if isinstance(value, Mapping):
        return _person(text_value(value.get("name")))
    if isinstance(value, list | tuple):
        names = [
            authors_value(v) if isinstance(v, Mapping) else _person(text_value(v)) for v in value
        ]
        found = [n for n in names if n and not n.isdigit()]
        return AUTHOR_SEPARATOR.join(dict.fromkeys(found)) or None
    return _person(text_value(value))


#: A writer's role, in any case (``Courts Correspondent``, ``staff writer``): an author's,
#: and a byline's (``ingest.clean``).
WRITERS_ROLE = (
    r"(?:[\w'&-]+\s+){0,3}(?:writer|reporter|correspondent|editor|columnist|contributor"
    r"|critic|producer|analyst|staff|desk|bureau)s?"
)
_WRITERS_ROLE = re.compile(WRITERS_ROLE, re.IGNORECASE)


def _person(author: str | None) -> str | None:
    """An author as a person: without a writer's role after the name (``Ciarán de Búrca,
    Courts Correspondent``), and none for a role alone (``Staff Reporter``).

    >>> _person("Ciarán de Búrca, Courts Correspondent"), _person("Staff Reporter")
    ('Ciarán de Búrca', None)
    >>> _person("Roe, Ann"), _person("Reuters")
    ('Roe, Ann', 'Reuters')
    """
    if author is None or _WRITERS_ROLE.fullmatch(author.strip()):
        return None
    name, comma, rest = author.partition(",")
    return name.strip() if comma and _WRITERS_ROLE.fullmatch(rest.strip()) else author


def front_matter(text: str) -> tuple[dict[str, Any] | None, str, list[str]]:
    """A leading YAML block's keys (lower-cased), the text after it, and warnings.

    Without such a block, or when the block is not a YAML mapping (a text that
    merely opens with a ``---`` rule), the keys are ``None`` and the text is
    returned whole: nothing is taken out that is not metadata. Invalid YAML says
    so in a warning and is read as text too.

    >>> front_matter("---\\nTitle: Ferry\\ndate: 2024-03-05\\n---\\nBody")
    ({'title': 'Ferry', 'date': datetime.date(2024, 3, 5)}, 'Body', [])
    >>> front_matter("---\\nJust a rule\\n---\\nBody")
    (None, '---\\nJust a rule\\n---\\nBody', [])
    """
    found = _FRONT_MATTER.match(text)
    if not found:
        return None, text, []
    import yaml  # only for texts that open with ---

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C one is 10x faster
    try:
        fields = yaml.load(found.group(1), Loader=loader)
    except Exception as error:
        # Not only YAMLError: an impossible timestamp (2024-13-45) is a ValueError,
        # deep nesting a RecursionError.
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        simple = _key_lines(found.group(1))
        if simple:  # "title: An unclosed "quote": keys a person wrote, read line by line
            note = f"the front matter is not valid YAML ({reason}): read line by line"
            return simple, text[found.end() :], [note]
        return None, text, [f"the front matter is not valid YAML ({reason}): read as text"]
    if fields is None:  # an empty block
        return {}, text[found.end() :], []
    if not isinstance(fields, dict):
        return None, text, []
    return {str(k).lower(): v for k, v in fields.items()}, text[found.end() :], []


def read_head(text: str) -> tuple[Meta, str, list[str]]:
    """A text's front matter read as ``Meta``, the text after it, and the warnings:
    the block's own, and a date it gave that could not be read.

    >>> meta, body, notes = read_head("---\\ntitle: Ferry\\ndate: someday\\n---\\nBody")
    >>> meta.title, body, notes
    ('Ferry', 'Body', ["the date 'someday' could not be read: the article has none"])
    """
    fields, body, notes = front_matter(text)
    meta = Meta.of(fields) if fields is not None else Meta()
    return meta, body, [*notes, *unread_date(fields or {}, meta)]
