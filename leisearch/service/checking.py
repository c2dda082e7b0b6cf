"""Checking an index in full: every file against its record, and the parts against
each other (``leisearch index --check``).

Opening an index checks cheaply (``store.integrity``); this reads everything:
the checksum of every file of the generation, the vocabulary and the alias
table parsed whole, and the backend's paragraphs counted against the
manifest's. It reports what is damaged and changes nothing.
"""

from __future__ import annotations

from pathlib import Path

from leisearch.engine.whoosh.reader import open_reader
from leisearch.errors import IndexCorrupt
from leisearch.models import IndexCheck
from leisearch.store.integrity import Damage, check
from leisearch.store.manifest import (
    ALIASES,
    MANIFEST,
    VOCABULARY,
    load_aliases,
    open_vocabulary,
)

from .opening import pin_current


def check_index(index_dir: str | Path) -> IndexCheck:
    """Check the index at ``index_dir`` in full; ``IndexNotFound`` when there is none,
    ``IndexCorrupt`` when its manifest cannot be read."""
    index_dir = Path(index_dir)
    manifest, pin = pin_current(index_dir)
    paragraphs = sum(a.paragraphs for a in manifest.articles)
    try:
        data_dir = index_dir / manifest.generation
        damaged = check(data_dir, manifest.files, deep=True)
        if not damaged:  # every file as written: do the parts agree?
            damaged = _parts(index_dir, data_dir, paragraphs)
    finally:
        pin.release()
    # The manifest was read whole too: counted, so that the size is what ``stats``
    # gives (the folder's files) unless an older build is still kept for a query.
    manifest_bytes = (index_dir / MANIFEST).stat().st_size
    return IndexCheck(
        location=str(index_dir),
        files=len(manifest.files) + 1,
        size_bytes=sum(r.size for r in manifest.files.values()) + manifest_bytes,
        articles=len(manifest.articles),
        paragraphs=paragraphs,
        damaged=tuple(str(d) for d in damaged),
    )


def _parts(index_dir: Path, data_dir: Path, paragraphs: int) -> list[Damage]:
    """The generation's tables parsed whole, and its paragraphs counted."""
    found = []
    try:
        open_vocabulary(data_dir).counts()
    except (IndexCorrupt, ValueError) as error:
        found.append(Damage(VOCABULARY, f"unreadable: {error}"))
    try:
        load_aliases(data_dir)
    except IndexCorrupt as error:
        found.append(Damage(ALIASES, f"unreadable: {error}"))
    try:
        with open_reader(data_dir, index_dir).searcher() as searcher:
            held = searcher.doc_count()
    except IndexCorrupt as error:
        return [*found, Damage("the index's segments", error.message)]
    if held != paragraphs:
        found.append(Damage("the index's segments", f"{held} paragraphs, not {paragraphs}"))
    return found
