"""The speakers of an index: the user's alias files, and the speaker list.

A user's ``leisearch.aliases`` file, in a folder they index, merges or renames
speakers (see ``quotes.aliases``). The speaker list is counted from the
quotations of every article (the index's quotes table, ``store.tables``), so an
updated index lists exactly what a fresh one would. The table is read a row at
a time, grouped by speaker: a build holds one speaker's quotations at a time,
not the corpus's (``speaker_counts``). An update that changed few quotations
starts from the counts of the index it updates and counts again only those
(``counts_changed``); so the counts of an index are carried from one update to
the next, and a change to how they are counted needs a new schema version.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterable, Mapping, Sequence
from pathlib import Path

from leisearch.errors import CorpusError, Reason
from leisearch.models import LevelCounts, QuoteKey, SpeakerInfo
from leisearch.quotes.aliases import alias_contradictions, parse_alias_file
from leisearch.store.tables import Table, order

#: The user's alias file, looked for in each folder indexed.
ALIAS_FILE = "leisearch.aliases"


def alias_files(paths: Sequence[Path]) -> tuple[dict[str, dict[str, str]], list[str]]:
    """The ``leisearch.aliases`` files in the given folders (or beside the given files),
    and a warning for each that contradicts itself."""
    tables: dict[str, dict[str, str]] = {}
    warnings: list[str] = []
    folders = dict.fromkeys(p if p.is_dir() else p.parent for p in paths)
    for folder in folders:
        path = folder / ALIAS_FILE
        if path.is_file():
            try:
                text = path.read_text(encoding="utf-8")
                tables[str(path.resolve())] = parse_alias_file(text)
                clashes = alias_contradictions(text)
                if clashes:
                    lines = "; ".join(f"{a} and {b}" for a, b in clashes)
                    warnings.append(
                        f"{path}: lines {lines} give one name to two speakers (the later line wins)"
                    )
            except CorpusError as error:
                raise CorpusError(
                    error.reason,
                    f"{path}: {error.message}",
                    path=path,
                    value=error.value,
                    count=error.count,
                ) from error
            except (OSError, UnicodeDecodeError) as error:
                raise CorpusError(
                    Reason.UNREADABLE_ALIAS_FILE, f"cannot read {path}: {error}", path=path
                ) from error
    return tables, warnings


def speaker_counts(quotes: Iterable[QuoteKey]) -> dict[str, LevelCounts]:
    """Each speaker's quotations at each level (low, medium, high), from every
    article's, in the quotes table's order: a speaker's rows together, and in them
    each quotation's (by key, in ``store.tables.order``).

    A quotation is counted once however many articles hold it (syndicated copies,
    reposts: the same words by the same speaker), at the surest level it has. One
    quotation's rows are read at a time: a speaker quoted in most articles (of
    100,000 synthetic ones, one had over 100,000 quotations) is never held whole.

    >>> speaker_counts([("A", "k1", 0), ("A", "k1", 2), ("A", "k2", 1), ("B", "k1", 0)])
    {'A': (0, 1, 1), 'B': (1, 0, 0)}
    >>> speaker_counts([("A", "k2", 0), ("A", "k1", 0)])
    Traceback (most recent call last):
    ValueError: the quotations of 'A' are not in the table's order
    """
    counts: dict[str, LevelCounts] = {}
    for name, rows in itertools.groupby(quotes, key=_speaker):
        # A speaker's rows together: a name met again would be counted twice.
        if name in counts:
            raise ValueError(f"the quotations of {name!r} are not together")
        levels = [0, 0, 0]
        previous: tuple[bytes, ...] = ()
        for key, same in itertools.groupby(rows, key=_key):
            # Likewise a quotation's rows: a key met again would be counted twice.
            if (place := order((key,))) < previous:
                raise ValueError(f"the quotations of {name!r} are not in the table's order")
            previous = place
            levels[max(level for _, _, level in same)] += 1
        counts[name] = (levels[0], levels[1], levels[2])
    return counts


def counts_changed(
    table: Table, base: Table, counted: Iterable[SpeakerInfo], quoted: Collection[tuple[str, str]]
) -> dict[str, LevelCounts] | None:
    """``speaker_counts`` of the quotes table ``table``, from those of the quotes table
    ``base`` (``counted``) and the quotations ``quoted`` (speaker and key), whose rows
    are all that changed; None if ``counted`` cannot be ``base``'s counts (a count
    would fall below 0), for the caller to count them all.

    A quotation counts once, at the surest level of its rows; its rows are one run of
    the table, found by bisection. So an update of one file looks at its own few
    quotations, in the old table and the new, rather than count the 500,000 rows of
    10,000 articles again (or the 80,000 of a speaker quoted in most of them).
    """
    levels = {speaker.name: list(speaker.levels) for speaker in counted}
    for speaker, key in quoted:
        for rows, sign in ((base.rows_of(speaker, key), -1), (table.rows_of(speaker, key), 1)):
            surest = max((int(row[2]) for row in rows), default=None)
            if surest is not None:
                levels.setdefault(speaker, [0, 0, 0])[surest] += sign
    if any(count < 0 for counts in levels.values() for count in counts):
        return None
    # In the table's order, as a full count gives them (the alias table is built from
    # them in that order).
    return {
        name: (counts[0], counts[1], counts[2])
        for name, counts in sorted(levels.items(), key=lambda item: order(item[:1]))
        if any(counts)
    }


def _key(quote: QuoteKey) -> str:
    return quote[1]


def _speaker(quote: QuoteKey) -> str:
    return quote[0]


def speaker_list(
    counts: Mapping[str, LevelCounts], aliases: Mapping[str, str], user: Mapping[str, str]
) -> tuple[SpeakerInfo, ...]:
    """Every speaker in the index (``speaker_counts``), most quoted first, with their
    aliases.

    Listed aliases are the user's (``leisearch.aliases``) and the shorter forms of
    a name (``lei`` for Lei Jun); longer variants that the name table also folds
    in (a name read off a headline with a word too many) work but are not shown.
    """
    names: dict[str, list[str]] = {}
    for alias, name in aliases.items():
        shorter = set(alias.split()) <= set(name.casefold().split())
        if alias != name.casefold() and (shorter or alias in user):
            names.setdefault(name, []).append(alias)
    for listed in names.values():  # (each name's sorted, not the whole table at once)
        listed.sort()
    return tuple(
        SpeakerInfo(
            name, sum(levels), tuple(names.get(name, [])), (levels[0], levels[1], levels[2])
        )
        for name, levels in sorted(counts.items(), key=lambda item: (-sum(item[1]), item[0]))
    )
