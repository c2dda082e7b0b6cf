"""leisearch: full-text search for collections of articles.

Find what was said, by whom, and where. The library is layered so that each
module depends only on those below it::

    cli      (typer)  parse options, one library call, render, exit code
    render   (rich)   tables and highlighted snippets; JSON Lines
    search            query language, ranking, snippets, suggestions
    index    (whoosh) schema, build, open, manifest
    corpus            read files, clean web residue, split paragraphs
    analysis (nltk)   tokenizer and stemmer as a Whoosh analyzer
    models, errors    frozen dataclasses; one exception family
"""

__version__ = "0.1.0"
__all__ = ["__version__"]
