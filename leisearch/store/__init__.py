"""The index folder on disk, around the backend's own files.

``locations``
    where the index and the seed articles are (``--index``, ``$LEISEARCH_INDEX``,
    the checkout's ``index/`` or the user's data folder);
``folder``
    which folders are ours, generations, sweeping, the build lock (``lock``);
``manifest``
    ``leisearch.json`` (schema version, sources, articles, speakers), atomic
    writes, the alias table;
``vocabulary``
    ``vocabulary.txt``: every indexed word and its stem, looked up in place.

May import: ``models``, ``errors``, the standard library. Not the backend: the
folder's layout and its files outlive any one index engine.
"""
