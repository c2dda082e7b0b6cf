"""Speaker names across a corpus, and the user's alias file.

Alias file
----------
``parse_alias_file`` reads a user's overrides, one speaker per line::

    # comments start with a hash; blank lines are ignored
    Lei Jun: Lei, Mr. Lei, Lei Jun, Chairman Lei
    Steve Jobs: Jobs

The canonical name comes before the colon and its aliases after it,
separated by commas; matching is case-insensitive. A line without a colon, or
with an empty name or alias list, raises ``CorpusError``.
"""

from __future__ import annotations

from collections.abc import Iterable

from leisearch.errors import CorpusError
from leisearch.models import Article

from .names import name_owners, person_runs
from .sentences import is_heading, mask_abbreviations


def build_aliases(articles: Iterable[Article]) -> dict[str, str]:
    """Map lower-cased name variants to canonical names, from one corpus.

    >>> from leisearch.models import Article, Paragraph
    >>> from leisearch.quotes.phrases import canonical_speaker
    >>> text = "Lei Jun said it. Later, Mr. Lei said more."
    >>> table = build_aliases([Article("a", "t", "", (Paragraph(1, text),))])
    >>> table["lei"], table["lei jun"], canonical_speaker("Mr. Lei", table)
    ('Lei Jun', 'Lei Jun', 'Lei Jun')
    """
    names: list[str] = []
    for article in articles:
        for para in article.paragraphs:
            if not is_heading(para.text):
                text = mask_abbreviations(para.text)
                names.extend(n for _, _, n, _ in person_runs(text, multi=True))
    return name_owners(names)


def parse_alias_file(text: str) -> dict[str, str]:
    """Parse the alias override format (see the module docstring).

    >>> parse_alias_file("# people\\nLei Jun: Lei, Mr. Lei\\n")
    {'lei jun': 'Lei Jun', 'lei': 'Lei Jun', 'mr. lei': 'Lei Jun'}
    """
    table: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, colon, rest = line.partition(":")
        aliases = [a.strip() for a in rest.split(",") if a.strip()]
        if not colon or not name.strip() or not aliases:
            raise CorpusError(
                f"alias file line {number} is malformed: {line!r}",
                "write one speaker per line as `Canonical Name: alias, other alias`",
            )
        canonical = " ".join(name.split())
        table[canonical.lower()] = canonical
        for alias in aliases:
            table[" ".join(alias.split()).lower()] = canonical
    return table
