"""leisearch: full-text search for collections of articles: what was said, by whom, and where.

Use it from Python::

    import leisearch

    leisearch.build(["articles/"], "index/")
    index = leisearch.open_index("index/").index
    for hit in leisearch.search(index, "word of mouth").hits:
        print(hit.rank, hit.title, hit.snippet.text)

The packages, each depending only on those below it::

    cli       (typer)   the command line: options, one service call, render, exit code
    render    (rich)    terminal, human and machine formats, progress
    service             build, open, search, quotes, show, stats
    engine    (whoosh)  the index backend behind a protocol
    store               the index folder: locations, generations, lock, manifest, vocabulary
    ingest              find, read and clean articles
    quotes              quotations: spans, speech, cues, names, cast, ranker, attribution
    text      (nltk)    words, stemming, the query language
    models, errors      frozen records; one exception family
    kept, standins      bounded memos; stand-ins for modules a query never calls

Names are imported on first use (``leisearch.search`` loads the search
modules when first touched), so ``import leisearch`` costs little.
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING, Any

from .standins import standing_in
from .version import __version__

# ``dataclasses`` imports ``inspect`` (with ``ast``, ``dis`` and ``tokenize``: about 4 ms
# of a cold query), and every module of leisearch imports it. Before Python 3.12 it
# calls ``inspect`` only to write the docstring of a class that has none, so there
# ``dataclasses.inspect`` is a stand-in, which imports the real module if it is ever
# used (``standins``); from 3.12 on, it reads every class's annotations with it.
if sys.version_info < (3, 12):
    with standing_in("inspect"):
        import dataclasses  # noqa: F401

#: Public name -> the module that gives it (``leisearch.models`` gives some from its
#: submodules, on first use).
_API = {
    "build": "leisearch.service.build",
    "open_index": "leisearch.service.opening",
    "Index": "leisearch.service.opening",
    "Opened": "leisearch.service.opening",
    "search": "leisearch.service.search",
    "find_quotes": "leisearch.service.search",
    "list_speakers": "leisearch.service.search",
    "show": "leisearch.service.browse",
    "stats": "leisearch.service.browse",
    "list_articles": "leisearch.service.browse",
    "load_articles": "leisearch.ingest.reading",
    "extract_quotes": "leisearch.quotes",
    **dict.fromkeys(
        [
            "Article",
            "ArticleInfo",
            "BuildReport",
            "Hit",
            "IndexStats",
            "Paragraph",
            "Quote",
            "QuoteHit",
            "QuoteResult",
            "SearchResult",
            "Shown",
            "ShownParagraph",
            "Skipped",
            "Snippet",
            "Span",
            "SpeakerInfo",
        ],
        "leisearch.models",
    ),
    **dict.fromkeys(
        [
            "LeisearchError",
            "CorpusError",
            "IndexNotFound",
            "IndexUnwritable",
            "IndexCorrupt",
            "QueryError",
            "UsageError",
            "Reason",
        ],
        "leisearch.errors",
    ),
}

__all__ = [
    "Article",
    "ArticleInfo",
    "BuildReport",
    "CorpusError",
    "Hit",
    "Index",
    "IndexCorrupt",
    "IndexNotFound",
    "IndexStats",
    "IndexUnwritable",
    "LeisearchError",
    "Opened",
    "Paragraph",
    "QueryError",
    "Quote",
    "QuoteHit",
    "QuoteResult",
    "Reason",
    "SearchResult",
    "Shown",
    "ShownParagraph",
    "Skipped",
    "Snippet",
    "Span",
    "SpeakerInfo",
    "UsageError",
    "__version__",
    "build",
    "extract_quotes",
    "find_quotes",
    "list_articles",
    "list_speakers",
    "load_articles",
    "open_index",
    "search",
    "show",
    "stats",
]

if TYPE_CHECKING:
    from .errors import (
        CorpusError,
        IndexCorrupt,
        IndexNotFound,
        IndexUnwritable,
        LeisearchError,
        QueryError,
        Reason,
        UsageError,
    )
    from .ingest.reading import load_articles
    from .models import (
        Article,
        ArticleInfo,
        BuildReport,
        Hit,
        IndexStats,
        Paragraph,
        Quote,
        QuoteHit,
        QuoteResult,
        SearchResult,
        Shown,
        ShownParagraph,
        Skipped,
        Snippet,
        Span,
        SpeakerInfo,
    )
    from .quotes import extract_quotes
    from .service.browse import list_articles, show, stats
    from .service.build import build
    from .service.opening import Index, Opened, open_index
    from .service.search import find_quotes, list_speakers, search


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'leisearch' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # found once: the next use is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
