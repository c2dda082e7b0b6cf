"""Where indexes written before the package layout find their analyzer's classes.

Whoosh pickles the schema, analyzers included, into every index, by module and
class name: ``leisearch.analysis.ArticleTokenizer`` and ``NltkStemFilter`` for
an index built before the classes moved to ``leisearch.engine.whoosh.analyzer``.
These names let such an index open as it is, with no rebuild. Nothing else
imports this module.
"""

from leisearch.engine.whoosh.analyzer import ArticleTokenizer, NltkStemFilter

__all__ = ["ArticleTokenizer", "NltkStemFilter"]
