"""leisearch: full-text search for collections of articles.

Find what was said, by whom, and where. Each module depends only on those
below it::

    cli        (typer)  parse options, one library call, render, exit code
    render     (rich)   tables and highlighted snippets; JSON Lines
    search              ranking, snippets, suggestions (querylang: the parser)
    index      (whoosh) schema, build, open, generations, lock (_workers)
    manifest            the manifest and tables beside Whoosh's files (vocabulary)
    locations           where the index and the seed articles are
    quotes/             quotations: spans, speech, cues, names, cast, ranker, attribution
    corpus              read files, clean web residue, split paragraphs
    analysis   (nltk)   tokenizer and stemmer as a Whoosh analyzer (_whoosh)
    models, errors      frozen dataclasses; one exception family
"""

__version__ = "0.1.0"
__all__ = ["__version__"]
