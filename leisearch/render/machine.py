"""Machine formats: JSON Lines, JSON and CSV, a documented and tested contract.

Records are the ``to_json`` dicts of the models (see ``models``), written
with ``json.dumps`` straight to the stream: Rich would wrap long lines and
read ``[brackets]`` in article text as markup. JSON keeps the exact text, with
every control character escaped; CSV, for spreadsheets, shows them instead
(see ``safe``).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any, TextIO

from .safe import json_text, visible


def write_jsonl(
    records: Iterable[Mapping[str, Any]], out: TextIO, keys: Sequence[str] = ()
) -> None:
    """One compact JSON object per line, UTF-8 text kept as is."""
    ascii_only = not _holds_unicode(out)
    for record in records:
        # One write a line, its end included: a stream cut off (Ctrl-C) ends at a line.
        out.write(json_text(json.dumps(record, ensure_ascii=ascii_only)) + "\n")


def write_json(records: Iterable[Mapping[str, Any]], out: TextIO, keys: Sequence[str] = ()) -> None:
    """One JSON array of the same objects as JSON Lines."""
    out.write(json_text(json.dumps(list(records), ensure_ascii=not _holds_unicode(out), indent=2)))
    out.write("\n")


def _holds_unicode(out: TextIO) -> bool:
    """Whether ``out`` can take any character: else JSON escapes what is not ASCII."""
    encoding = (getattr(out, "encoding", None) or "utf-8").lower().replace("_", "-")
    return encoding.startswith("utf")


def write_csv(
    records: Iterable[Mapping[str, Any]],
    out: TextIO,
    keys: Sequence[str] = (),
    names: Collection[str] = (),
) -> None:
    """RFC 4180 CSV (CRLF line ends, quoting where needed), a header of the JSON keys.

    The header is ``keys`` (the record type's JSON keys), so that even no records
    give it; without ``keys``, the first record's. The lists of names (the keys of
    ``names``: the record type's lists of strings) become one cell joined with ``"; "``,
    and true or false is written as JSON writes it; other nested values (``show``'s
    quotations, ``speakers``' ``by_confidence``) are kept as JSON text, an empty list
    too (``[]``: an empty cell is a null).
    """
    import csv

    writer: Any = None
    if keys:
        writer = csv.DictWriter(out, fieldnames=list(keys), lineterminator="\r\n")
        writer.writeheader()
    for record in records:
        row = {key: _cell(value, key in names) for key, value in record.items()}
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(row), lineterminator="\r\n")
            writer.writeheader()
        writer.writerow(row)


def _cell(value: Any, names: bool) -> Any:
    """A CSV cell: text with its control characters shown (see ``safe``; a line break or
    a tab stays, inside the cell's quotes), a list of names joined, other values as JSON."""
    if isinstance(value, bool):  # as in JSON, not Python's ``True``
        return "true" if value else "false"
    if names and isinstance(value, list):
        return visible("; ".join(value), keep="\n\t")
    if isinstance(value, list | dict):  # show's quotations, speakers' by_confidence
        return json_text(json.dumps(value, ensure_ascii=False))
    return visible(value, keep="\n\t") if isinstance(value, str) else value
