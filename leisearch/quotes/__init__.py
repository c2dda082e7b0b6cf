"""Direct quotations: find quoted spans, keep the speech, attribute a speaker.

The engine reads one article at a time, in stages that are pure functions
over plain strings, so each rule can be tested on a sentence of its own and
none names a person, site or file:

``spans``
    Stage 1: the top-level quoted spans of a paragraph (``find_candidates``).
``speech``
    Stage 2: whether a span is speech or a term, title, heading or fragment
    (``classify``, ``label_candidates``).
``cues``
    The speech cues next to a quote (``X said:``, ``"…," said X``).
``names``, ``orgs``, ``phrases``
    Who a capitalised run is (people), organisations and acronyms, and the
    speaker phrase a cue gives (named, a pronoun, or an unnamed source).
``attribution``
    Stage 3: the speaker of each speech span (``extract_quotes``).
``aliases``
    Names across a corpus and the user's ``leisearch.aliases`` file.
``words``, ``sentences``
    Every word list and mark table, and sentence boundaries.

``mentions``
    The cast of one article: who is mentioned where, genders, and the grammar
    of a mention (``Cast``).
``genders``
    Who is a he and who a she: honorifics, pronouns after a name, given names,
    an unnamed source's noun (``a spokeswoman``).
``pronouns``, ``ranker``
    Who he or she is: candidates and their features, scored by a learned
    ranker.
``resolution``
    What a cue's phrase stands for in this article (``settle``): a name, a
    pronoun, ``the chancellor``, ``it``, ``the 28-year-old``.
``transcripts``
    Interview questions and answers, and transcript turns.

Modules import ``words`` and ``sentences`` freely; ``mentions``,
``resolution`` and ``attribution`` bring the others together, and nothing
imports ``attribution`` but this package. Nothing here imports NLTK, Whoosh, Typer or
Rich, or prints; the only files read are the package's own data, once, when
``names`` (``given_names.txt``) and ``ranker`` (``pronouns.json``) load.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .aliases import parse_alias_file, speaker_table
    from .attribution import attribute_corpus, extract_quotes
    from .names import person_reader
    from .phrases import canonical_speaker

#: Public name -> the module that defines it, imported on first use: a query that
#: names a speaker needs ``phrases`` only, not the whole engine (50 ms less).
_API = {
    "attribute_corpus": ".attribution",
    "canonical_speaker": ".phrases",
    "extract_quotes": ".attribution",
    "parse_alias_file": ".aliases",
    "person_reader": ".names",
    "speaker_table": ".aliases",
}

__all__ = [
    "attribute_corpus",
    "canonical_speaker",
    "extract_quotes",
    "parse_alias_file",
    "person_reader",
    "speaker_table",
]


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'leisearch.quotes' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value
