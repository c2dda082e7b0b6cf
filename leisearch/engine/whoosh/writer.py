"""Writing a Whoosh index: ``create`` a new one, or ``derive`` one from another.

Every build writes a generation folder of its own. ``derive`` starts one from
hard links to the files of the previous generation (copies where the file
system has no links) and opens a writer there: Whoosh never changes a file it
has written (deletions live in the table of contents, and a commit writes new
segment files and a new table), so the previous generation stays exactly as
it was while the new one is written, and a query reading it never notices.

Given a ``Crew`` of processes (``crew``), Whoosh's multiprocessing writer
analyses and indexes batches of documents in them and keeps their segments as
they are (``multisegment``): merging them would cost most of what the processes
saved. Each process starts a new segment past ``workers.SEGMENT_DOCS``
paragraphs, so that its memory stops growing with the corpus. Search results
are the same either way, as Whoosh computes its statistics over all segments.
The processes analyse with stemmers of their own: the caller counts the words
of what it adds, with their stems, for the vocabulary
(``store.vocabulary.WordCounts``).

Segments are separate files, not one compound file: Whoosh copies every part
of a compound file into memory when a query opens it, so memory per query
would grow with the index (about 30 MB at 1,000 articles).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.index import LockError
from whoosh.reading import SegmentReader
from whoosh.writing import MERGE_SMALL

from leisearch.engine.protocol import Document, Writer
from leisearch.errors import IndexUnwritable, Reason
from leisearch.text.stemming import Stemmer

from .analyzer import HEADLINE_MARK
from .pool import use_term_pool
from .reader import WhooshReader
from .schema import INDEX_NAME, age, make_schema, place
from .terms import use_compact_terms
from .workers import Crew, RollingWriter, WorkerLost

#: Whoosh's lock file in a generation: never linked into another generation (a lock
#: on one link of a file holds every link) and not part of the index's contents.
_LOCK_FILE = f"{INDEX_NAME}_WRITELOCK"
#: A segment is rewritten without its deleted documents once they are more than this
#: share of it: until then they still count in BM25's statistics (see the README).
REWRITE_DELETED = 0.05


def exists(data_dir: Path) -> bool:
    """Whether ``data_dir`` holds a Whoosh index of ours."""
    return bool(whoosh_index.exists_in(str(data_dir), INDEX_NAME))


def index_files(data_dir: Path) -> list[str]:
    """The names of the index's files in ``data_dir`` (its lock left out)."""
    return sorted(
        p.name
        for p in data_dir.iterdir()
        if p.is_file() and p.name != _LOCK_FILE and INDEX_NAME in p.name
    )


def crew(procs: int, close_fds: Sequence[int] = ()) -> Crew:
    """The worker processes of a writer yet to be made (``create``, ``derive``), not
    started: the caller starts them (``Crew.start``) while its memory is still small.

    ``close_fds``: descriptors that they close as they start (the build lock, which a
    forked worker would otherwise hold after its parent is gone).
    """
    return Crew(procs, _options(procs), close_fds)


def create(data_dir: Path, index_dir: Path, stemmer: Stemmer, crew: Crew | None = None) -> Writer:
    """A writer into a new, empty index in ``data_dir``: one that indexes in the
    processes of ``crew`` (started now if they are not yet), or in this one."""
    return _writer(data_dir, index_dir, stemmer, crew, fresh=True)


def derive(
    source_dir: Path,
    data_dir: Path,
    index_dir: Path,
    stemmer: Stemmer,
    crew: Crew | None = None,
) -> Writer:
    """A writer into a copy, in the empty folder ``data_dir``, of the index in
    ``source_dir``, which stays as it is (and indexes as ``create``'s does)."""
    for name in index_files(source_dir):
        try:
            os.link(source_dir / name, data_dir / name)
        except OSError:  # a file system without hard links, or across devices
            shutil.copy2(source_dir / name, data_dir / name)
    return _writer(data_dir, index_dir, stemmer, crew, fresh=False)


#: The memory a build's posting pools may take, shared by its processes (a worker's
#: own memory comes on top). Measured at 10,000 articles on two cores, 128 (Whoosh's
#: default) made each worker 129 MB and the build's processes 380 MB together (the sum
#: of their proportional set sizes); 64 made them 89 and 297 MB, and the build took as
#: long (298 s against 295; at 2,000 articles, 57 s both).
POOL_MB = 64


def _writer(
    data_dir: Path,
    index_dir: Path,
    stemmer: Stemmer,
    crew: Crew | None,
    fresh: bool,
) -> WhooshWriter:
    try:
        # The build's own schema, with its stemmer, in both cases: Whoosh unpickles a
        # fresh schema from the table of contents each time ``ix.schema`` is read, so a
        # stemmer set on that one would never be the one the writer analyses with.
        if fresh:
            ix = whoosh_index.create_in(str(data_dir), make_schema(stemmer), indexname=INDEX_NAME)
        else:
            ix = whoosh_index.open_dir(
                str(data_dir), indexname=INDEX_NAME, schema=make_schema(stemmer)
            )
        if crew is not None:
            writer = RollingWriter(ix, crew, **_options(crew.procs))
        else:
            writer = ix.writer(**_options(1))
        # (The workers' own: ``workers.Worker``.)
        use_term_pool(writer)
        use_compact_terms(writer)
    except LockError as error:
        raise IndexUnwritable(
            Reason.BUSY, f"another leisearch index run is writing {index_dir}", path=index_dir
        ) from error
    except OSError as error:
        raise IndexUnwritable(
            Reason.UNWRITABLE,
            f"cannot write the index at {index_dir}: {error.strerror or error}",
            path=index_dir,
        ) from error
    return WhooshWriter(ix, writer, data_dir, index_dir, crew)


def _options(procs: int) -> dict[str, Any]:
    """The options of each of a build's ``procs`` writers.

    Each process pools postings up to limitmb before it sorts them to the disk: the
    build's pools together hold POOL_MB, however many processes share it (and each at
    least 1 MB: at 0, every posting would be a run of its own).
    """
    return {"timeout": 0.0, "limitmb": max(1, POOL_MB // max(1, procs)), "compound": False}


class WhooshWriter:
    """The ``Writer`` of ``engine.protocol`` over a Whoosh writer."""

    def __init__(
        self, ix: Any, writer: Any, data_dir: Path, index_dir: Path, crew: Crew | None = None
    ) -> None:
        self._ix = ix
        self._writer = writer
        self._crew = crew
        self._data_dir = data_dir
        self._index_dir = index_dir

    def add(self, document: Document) -> None:
        try:
            self._add(document)
        except WorkerLost as error:  # a job for workers that are gone
            raise self._lost(error) from error

    def _add(self, document: Document) -> None:
        self._writer.add_document(
            article=document.article,
            title=document.title,
            paragraph=document.paragraph,
            # The paragraph is searched with its headline; it is stored alone.
            text=f"{document.text}{HEADLINE_MARK}{document.title}",
            _stored_text=document.text,
            speaker=",".join(document.speakers),
            said=",".join(document.said),
            quotes=[list(quote) for quote in document.quotes],
            **{name: value for name in ("date", "source") if (value := getattr(document, name))},
            age=age(document.date),
            place=place(document.article, document.paragraph),
            # The text again: the field makes the print of it (``schema.PRINT``).
            print=document.text,
        )

    def delete_article(self, article_id: str) -> None:
        self._writer.delete_by_term("article", article_id)

    def finish(self) -> None:
        if isinstance(self._writer, RollingWriter):
            try:
                self._writer.finish()
            except WorkerLost as error:
                raise self._lost(error) from error

    def commit(self) -> WhooshReader:
        try:
            self._writer.commit(mergetype=_merge_policy)
        except WorkerLost as error:
            raise self._lost(error) from error
        return WhooshReader(self._data_dir, self._index_dir, self._ix)

    def _lost(self, error: WorkerLost) -> IndexUnwritable:
        return IndexUnwritable(
            Reason.WRITE_FAILED,
            f"cannot write the index at {self._index_dir}: {error}",
            path=self._index_dir,
        )

    def cancel(self) -> None:
        """Cancel the writes, and stop the processes of a multiprocessing writer."""
        # Workers first: cancelling deletes the shared temporary folder that holds
        # the job files they read, and a worker reading one would fail loudly.
        try:
            if self._crew is not None:
                self._crew.stop()
        finally:
            self._writer.cancel()


def _merge_policy(writer: Any, segments: list[Any]) -> list[Any]:
    """Whoosh's own policy (merge the small segments), and rewrite every segment whose
    deleted documents are more than ``REWRITE_DELETED`` of it: the segments to keep."""
    kept = []
    for segment in MERGE_SMALL(writer, segments):
        if segment.deleted_count() > REWRITE_DELETED * segment.doc_count_all():
            reader = SegmentReader(writer.storage, writer.schema, segment)
            writer.add_reader(reader)  # copies the live documents only
            reader.close()
        else:
            kept.append(segment)
    return kept
