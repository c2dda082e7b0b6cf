"""The fields of ``engine.protocol`` as a Whoosh schema."""

from __future__ import annotations

from typing import Any

from whoosh.fields import COLUMN, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.formats import Existence

from leisearch.text.copies import print_bytes
from leisearch.text.stemming import Stemmer

from .analyzer import ArticlePositions, article_analyzer
from .offsets import OffsetsColumn

#: The name of the index inside its generation folder (Whoosh's ``indexname``).
INDEX_NAME = "MAIN"


def _existence(field: Any) -> Any:
    """``field`` with postings that say only which documents hold a term (no counts)."""
    field.format = Existence()
    return field


def _article_positions(field: Any) -> Any:
    """``field`` with its positions made faster to index (``ArticlePositions``)."""
    field.format = ArticlePositions(field_boost=field.format.field_boost)
    return field


def make_schema(stemmer: Stemmer | None = None) -> Any:
    return Schema(
        article=ID(stored=True),
        # Stored only: the text field analyses it with every paragraph of its article
        # (see the analyzer), and ``title:`` is answered from the manifest's titles.
        title=STORED(),
        paragraph=STORED(),
        text=_article_positions(
            TEXT(analyzer=article_analyzer(stemmer), stored=True, multitoken_query="phrase")
        ),
        # The speakers quoted, once as a name for any confidence and once with each
        # level they reach ("lei jun|medium", "lei jun|high").
        speaker=KEYWORD(commas=True, lowercase=True, scorable=False),
        # The fingerprints of the paragraph's quotations (``text.copies.text_key``): a
        # shown quotation's copies are one term's postings away.
        said=_existence(KEYWORD(commas=True, scorable=False)),
        quotes=STORED(),
        # The article's day and source, for filters.
        date=ID(),
        source=ID(),
        # The day again, its digits turned round (``age``): newest first is ascending,
        # which Whoosh sorts by the column itself (a reversed sort it does value by value).
        age=COLUMN(OffsetsColumn()),
        # The paragraph's article and number (``place``): paragraphs that score the same
        # come in this order, read where they tie (``reader.settled``).
        place=COLUMN(OffsetsColumn()),
        # What folding compares of the paragraph (``text.copies.print_bytes``), made
        # from its text by the process that writes it (a build's workers).
        print=PRINT(OffsetsColumn()),
    )


class PRINT(COLUMN):  # type: ignore[misc]
    """A column of each paragraph's print, given the paragraph's text: Whoosh asks the
    field for the column's value in the process that writes the document, so a
    parallel build makes the prints in its workers, not in the main process. (The
    schema is pickled into the index: this class keeps its name and module.)"""

    def to_bytes(self, v: Any) -> bytes:
        return print_bytes(v)


def place(article: str, paragraph: int) -> bytes:
    """A paragraph's place as a key whose order is the article's id, then its number.

    >>> sorted([place("a0", 1), place("a", 10), place("a", 9)]) == [
    ...     place("a", 9), place("a", 10), place("a0", 1)]
    True
    """
    # UTF-8 keeps the order of code points, as str does; NUL comes before every
    # character an id may hold (ids are file names).
    return f"{article}\x00{paragraph:010d}".encode()


def age(day: str) -> bytes:
    """How old a day is, as a key whose ascending order is newest first (undated last).

    >>> sorted([age("2024-04-20"), age(""), age("1998-06-12"), age("2024-03-05")])
    [b'7975-95-79', b'7975-96-94', b'8001-93-87', b'~']
    """
    return day.translate(_TURNED).encode("ascii", "replace") if day else b"~"


def day_of(key: bytes) -> str:
    """The day of an ``age`` key ("" for undated): its digits turned back.

    >>> [day_of(age(day)) for day in ("2024-03-05", "2024-03", "")]
    ['2024-03-05', '2024-03', '']
    """
    return "" if key == b"~" else key.decode("ascii", "replace").translate(_TURNED)


#: A digit turned round (9 for 0, 8 for 1 …): turned twice, a digit is itself.
_TURNED = str.maketrans("0123456789", "9876543210")
