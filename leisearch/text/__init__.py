"""Pure text tools shared by indexing and searching.

``words``
    quote-mark normalisation, tokenising, unglueing scraped words, stop words;
``stemming``
    ``Stemmer``: NLTK's Snowball stems, memoised per index (NLTK is imported
    only for a word no index knows);
``querylang``
    the query language, parsed into a small syntax tree (no input is an error).

May import: the standard library and NLTK's stemmer (lazily). Nothing else of
leisearch.
"""
