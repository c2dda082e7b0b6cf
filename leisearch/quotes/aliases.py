"""Speaker names across a corpus, and the user's alias file.

Speakers are resolved within their article (``attribution``): a surname, a
title or a pronoun becomes the fullest name that article gives. Across
articles, nothing is inferred: two quotations have the same speaker only when
their articles wrote the same full name, or when the user's alias file says
so. "Brown" in an article about a novelist is never the politician Gordon
Brown of another article.

``speaker_table`` is the lookup table of an index: every speaker's name, the
given name and the surname of a person's full name when no other speaker's name
holds them (so ``--speaker Lei`` finds Lei Jun while he is the only Lei), and the
user's aliases. It is made
from the list of speakers alone, never from article text, so an index
updated article by article has exactly the table of a fresh build.

Alias file
----------
``parse_alias_file`` reads a user's overrides, one speaker per line::

    # comments start with a hash; blank lines are ignored
    Lei Jun: Lei, Mr. Lei, Lei Jun, Chairman Lei
    Steve Jobs: Jobs

The canonical name comes before the colon and its aliases after it,
separated by commas; matching is case-insensitive. A line without a colon, or
with an empty name or alias list, raises ``CorpusError``.

Lines that contradict each other (a name that one line makes canonical and a
later one an alias of someone else, ``A: B`` then ``B: A``) are resolved the
same way every time: the later line wins, and what pointed at the name it
renamed follows it (``Lei Jun: Lei`` then ``Xiaomi CEO: Lei Jun``: ``Lei``
is Xiaomi CEO too). ``alias_contradictions`` lists the line numbers, for a
warning.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from leisearch.errors import CorpusError, Reason, quoted

from .names import HONORIFIC, is_person_name
from .phrases import is_unnamed
from .words import FUNCTION_WORDS, PARTICLE_SET


def speaker_table(speakers: Iterable[str], user: Mapping[str, str]) -> dict[str, str]:
    """Lower-cased lookup forms of the index's speakers -> the canonical speaker.

    >>> table = speaker_table(["Lei Jun", "Li Jing", "Jing Wu"], {"chairman lei": "Lei Jun"})
    >>> table["lei"], table["lei jun"], table["chairman lei"], "jing" in table
    ('Lei Jun', 'Lei Jun', 'Lei Jun', False)
    >>> sorted(speaker_table(["Institute for Fiscal Studies", "a spokesman for the firm"], {}))
    ['a spokesman for the firm', 'institute for fiscal studies']
    >>> sorted(speaker_table(["H. R. Patel", "Mr Speaker"], {}))
    ['h. r. patel', 'mr speaker', 'patel', 'speaker']
    """
    names = sorted(set(speakers))
    table = {name.lower(): name for name in names}
    # Each word's one holder, or "" once two names hold it (a set a word took 20 MB
    # of the 70,000 speakers of 100,000 synthetic articles).
    holders: dict[str, str] = {}
    for name in names:
        if " " not in name or is_unnamed(name) or not is_person_name(name):
            continue  # organisations and sources are found by their whole name
        for word in (name.split()[0], name.split()[-1]):  # the given name and the surname
            key = word.lower()
            # (not an initial, "H.", nor a title, "Mr": no one's name alone)
            if (
                len(key.rstrip(".\u2024")) > 1
                and key not in PARTICLE_SET
                and key not in FUNCTION_WORDS
                and not HONORIFIC.match(word + " ")
            ):
                holders[key] = name if holders.get(key, name) == name else ""
    for word, owner in holders.items():
        if owner and word not in table:
            table[word] = owner
    table.update({alias.lower(): name for alias, name in user.items()})
    return table


def parse_alias_file(text: str) -> dict[str, str]:
    """Parse the alias override format (see the module docstring).

    >>> parse_alias_file("# people\\nLei Jun: Lei, Mr. Lei\\n")
    {'lei jun': 'Lei Jun', 'lei': 'Lei Jun', 'mr. lei': 'Lei Jun'}
    >>> parse_alias_file("Lei Jun: Lei\\nXiaomi CEO: Lei Jun\\n")["lei"]
    'Xiaomi CEO'
    >>> sorted(set(parse_alias_file("A: B\\nB: A\\n").values()))
    ['B']
    """
    assigned, _ = _assignments(text)
    table = {}
    for key, (canonical, _line) in assigned.items():
        # Follow a renamed canonical name to the line that renamed it (no cycles: the
        # last line that names a key assigns it, and a line has one canonical name).
        while (renamed := assigned[canonical.lower()][0]) != canonical:
            canonical = renamed
        table[key] = canonical
    return table


def alias_contradictions(text: str) -> list[tuple[int, int]]:
    """Pairs of line numbers that give one name to two speakers (the later one wins).

    >>> alias_contradictions("A: B\\nC: D\\nB: A\\n")
    [(1, 3)]
    """
    return _assignments(text)[1]


def _assignments(text: str) -> tuple[dict[str, tuple[str, int]], list[tuple[int, int]]]:
    """Lower-cased name -> (canonical name, line) as the last line naming it says, and
    the pairs of lines that disagree."""
    assigned: dict[str, tuple[str, int]] = {}
    clashes: dict[tuple[int, int], None] = {}
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, colon, rest = line.partition(":")
        aliases = [a.strip() for a in rest.split(",") if a.strip()]
        if not colon or not name.strip() or not aliases:
            raise CorpusError(
                Reason.BAD_ALIAS_LINE,
                f"alias file line {number} is malformed: {quoted(line)}",
                value=line,
                count=number,
            )
        canonical = " ".join(name.split())
        for form in (canonical, *aliases):
            key = " ".join(form.split()).lower()
            before = assigned.get(key)
            if before is not None and before[0] != canonical and before[1] != number:
                clashes[(before[1], number)] = None
            assigned[key] = (canonical, number)
    return assigned, list(clashes)
