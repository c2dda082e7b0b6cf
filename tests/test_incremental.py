"""Incremental indexing: only new, changed and deleted files are processed.

Tests compare the incremental index with a full rebuild of the same files:
the same hits, the same quotations and speakers. The order of hits with
close scores may differ: Whoosh deletes documents softly, so BM25's
collection statistics count replaced paragraphs until segments are merged
(``leisearch index --rebuild`` gives exact full-build scores again).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import index as whoosh_index

from leisearch.engine.whoosh import writer as backend
from leisearch.engine.whoosh.schema import INDEX_NAME
from leisearch.engine.whoosh.workers import SEGMENT_DOCS
from leisearch.errors import CorpusError, Reason
from leisearch.models import BuildReport, Hit, QuoteHit
from leisearch.service import build as build_module
from leisearch.service.build import build
from leisearch.service.opening import open_index
from leisearch.service.search import find_quotes, search
from leisearch.service.speakers import ALIAS_FILE
from leisearch.store import tables
from leisearch.store.manifest import (
    ALIASES,
    ARTICLES,
    COPIES,
    MANIFEST,
    QUOTES,
    SCHEMA_VERSION,
    VOCABULARY,
)
from leisearch.store.tables import Table

from .conftest import ROOT, SEEDS, run_cli, write_corpus

QUERIES = ["word of mouth", "patents", "Xiaomi AND car", '"sea of stars"', "Musk", "xiao*"]


def results(index_dir: Path) -> list[object]:
    """Everything a user can see, for comparing two indexes."""
    opened = open_index(index_dir).index
    seen: list[object] = [
        [(a.id, a.title, a.paragraphs) for a in opened.manifest.articles],
        list(opened.manifest.speakers),
        # Every article's quotations, as the speaker list is counted from them.
        list(Table.open(index_dir / opened.manifest.generation / QUOTES).rows()),
    ]
    for query in QUERIES:
        hits = search(opened, query, limit=0).hits
        seen.append(sorted((h.article, h.paragraph, h.speakers) for h in hits))
    seen.append([h.quote for h in find_quotes(opened, limit=0).hits])
    seen.append(dict(opened.aliases))
    return seen


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    return folder


def rebuilt(corpus: Path, tmp_path: Path) -> list[object]:
    fresh = tmp_path / "fresh"
    build([corpus], fresh, rebuild=True)
    return results(fresh)


def counts(report: BuildReport) -> tuple[int, int, int, int]:
    return report.new, report.changed, report.deleted, report.unchanged


def test_nothing_changed_touches_nothing(corpus: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "ix"
    assert counts(build([corpus], index_dir)) == (5, 0, 0, 0)
    before = (index_dir / MANIFEST).stat().st_mtime_ns
    report = build([corpus], index_dir)
    assert counts(report) == (0, 0, 0, 5)
    assert report.indexed_articles == 0
    assert (index_dir / MANIFEST).stat().st_mtime_ns == before


def test_nothing_changed_reads_no_article(corpus: Path, tmp_path: Path) -> None:
    """An update that finds nothing changed hashes the files and stops: it never imports
    the formats' readers, the cleaning rules or the quotation extractor (a fifth of its
    time on 2,000 news articles); one that changes a file does."""
    index_dir = tmp_path / "ix"
    build([corpus], index_dir)
    script = (
        "import sys; from leisearch.service.build import build; "
        f"build([{str(corpus)!r}], {str(index_dir)!r}); "
        "print(sorted(m for m in ('leisearch.ingest.reading', 'leisearch.ingest.clean', "
        "'leisearch.quotes.attribution') if m in sys.modules))"
    )
    unchanged = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert unchanged.returncode == 0, unchanged.stderr
    assert unchanged.stdout.strip() == "[]"
    (corpus / "new.txt").write_text("A new article\n\nWith a paragraph.\n", encoding="utf-8")
    changed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert changed.returncode == 0, changed.stderr
    assert "leisearch.quotes.attribution" in changed.stdout


def side_files(index_dir: Path) -> dict[str, bytes]:
    """The files a generation holds beside the Whoosh index."""
    generation = index_dir / open_index(index_dir).index.manifest.generation
    names = (VOCABULARY, ALIASES, COPIES, ARTICLES, QUOTES)
    return {name: (generation / name).read_bytes() for name in names}


@pytest.mark.parametrize("way", ["spliced", "merged", "refused"])
def test_changed_new_and_deleted_files(
    corpus: Path, tmp_path: Path, way: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An update gives a fresh build's results, and its side files byte for byte, whether
    it splices them (a small update), merges them whole (runs of one row), or merges
    the tables after a splice was refused (then every speaker is counted again)."""
    if way == "merged":
        monkeypatch.setattr(tables, "RUN_ROWS", 1)
    elif way == "refused":
        monkeypatch.setattr(build_module, "spliced", lambda *_: None)
    index_dir = tmp_path / "ix"
    build([corpus], index_dir)
    changed = corpus / "003_7daf407d1e4a3c37.txt"
    title, rest = changed.read_text(encoding="utf-8").split("\n", 1)
    changed.write_text(f"{title}\n\nA new first paragraph about robots.\n{rest}", encoding="utf-8")
    (corpus / "002_c6858940bdfdaa75.txt").unlink()
    (corpus / "new.txt").write_text(
        'New article\n\nMaria Lopez said: "Robots will not replace reporters any time soon."\n',
        encoding="utf-8",
    )
    report = build([corpus], index_dir)
    assert counts(report) == (1, 1, 1, 3)
    assert report.indexed_articles == 2
    assert results(index_dir) == rebuilt(corpus, tmp_path)
    assert side_files(index_dir) == side_files(tmp_path / "fresh")
    assert b"robots" in side_files(index_dir)[VOCABULARY]
    opened = open_index(index_dir).index
    assert {h.article for h in search(opened, "robots", limit=0).hits} == {
        "new",
        "003_7daf407d1e4a3c37",
    }
    assert "002_c6858940bdfdaa75" not in {a.id for a in opened.manifest.articles}


def test_a_file_that_cannot_be_read_any_more_leaves_the_index(corpus: Path, tmp_path: Path) -> None:
    """A file overwritten with binary bytes is skipped, with a warning, and its article is
    taken out, as a fresh build leaves it out (it stayed, searchable, with its quotations)."""
    index_dir = tmp_path / "ix"
    build([corpus], index_dir)
    spoiled = corpus / "003_7daf407d1e4a3c37.txt"
    spoiled.write_bytes(b"\x00binary\x00" * 100)
    report = build([corpus], index_dir)
    assert counts(report) == (0, 0, 1, 4)
    assert [skipped.path for skipped in report.skipped] == [str(spoiled)]
    assert report.articles == 4
    assert results(index_dir) == rebuilt(corpus, tmp_path)
    assert "003_7daf407d1e4a3c37" not in {
        a.id for a in open_index(index_dir).index.manifest.articles
    }


def test_a_file_given_alone_does_not_delete_its_neighbours(corpus: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "ix"
    build([corpus], index_dir)
    report = build([corpus / "000_b0c0087b03902bf0.txt"], index_dir)
    assert counts(report) == (0, 0, 0, 1)
    assert len(open_index(index_dir).index.manifest.articles) == 5


def test_cli_reports_the_counts(corpus: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "ix"
    run_cli("index", str(corpus), "--index", str(index_dir))
    (corpus / "001_b626983f2601e7a1.txt").unlink()
    result = run_cli("index", str(corpus), "--index", str(index_dir))
    assert result.returncode == 0
    assert "1 deleted, 4 unchanged: indexed 0 articles" in result.stderr


def test_a_moved_folder_is_not_indexed_twice(corpus: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "ix"
    build([corpus], index_dir)
    moved = corpus.rename(tmp_path / "renamed")
    report = build([moved], index_dir)
    assert counts(report) == (0, 5, 0, 0)  # the same ids, from their new place
    # Each file is found, moved (its id and bytes): read again, and nothing said gone.
    assert not report.warnings
    assert results(index_dir) == rebuilt(moved, tmp_path)
    assert open_index(index_dir).index.manifest.sources == (str(moved.resolve()),)


def test_a_folder_moved_elsewhere_under_its_name_is_not_read_again(
    corpus: Path, tmp_path: Path
) -> None:
    """Moved whole, under the same name, a folder's files give the same articles (the same
    names, bytes and folder name, which may be their source): they are kept as they
    are, not read and indexed again, and their records say where they are now. The
    index is the one a fresh build of the new place makes."""
    index_dir = tmp_path / "ix"
    build([corpus], index_dir)
    (tmp_path / "archive").mkdir()
    moved = corpus.rename(tmp_path / "archive" / corpus.name)
    report = build([moved], index_dir)
    assert (counts(report), report.moved, report.indexed_articles) == ((0, 0, 0, 0), 5, 0)
    assert "5 moved: indexed 0 articles" in report.summary()
    assert not report.warnings  # nothing is gone
    assert results(index_dir) == rebuilt(moved, tmp_path)
    assert side_files(index_dir) == side_files(tmp_path / "fresh")
    index = open_index(index_dir).index
    assert index.manifest.sources == (str(moved.resolve()),)
    assert {Path(a.path).parent for a in index.manifest.articles} == {moved}
    shown = run_cli("show", "003_7daf407d1e4a3c37", "--raw", "--index", str(index_dir))
    assert (shown.returncode, shown.stderr) == (0, "")
    assert f"read from {moved / '003_7daf407d1e4a3c37.txt'}\n" in shown.stdout
    # One of them changed as well, and another moved into a folder of another name: those
    # two are read again (the folder's name may be the article's source).
    (moved / "003_7daf407d1e4a3c37.txt").write_text("Edited\n\nA new text.\n", encoding="utf-8")
    (moved / "sub").mkdir()
    (moved / "001_b626983f2601e7a1.txt").rename(moved / "sub" / "001_b626983f2601e7a1.txt")
    report = build([moved], index_dir)
    assert (counts(report), report.moved) == ((0, 2, 0, 3), 0)
    assert results(index_dir) == rebuilt(moved, tmp_path)
    assert side_files(index_dir) == side_files(tmp_path / "fresh")  # (articles.tsv: "sub")


def test_a_folder_moved_and_renamed_out_of_the_paths_given_is_in_the_index_once(
    tmp_path: Path,
) -> None:
    """Its files, found again (their ids and bytes) in a folder of another name, outside
    the paths this update was given, are read again there and taken out from where they
    were: they stayed too, and their copies came back as ``000-2``."""
    data, elsewhere = tmp_path / "data", tmp_path / "data2"
    seeds = sorted(SEEDS.glob("*.txt"))
    for folder, chosen in (("news", seeds[:2]), ("other", seeds[2:3])):
        (data / folder).mkdir(parents=True)
        for path in chosen:
            shutil.copy(path, data / folder / path.name)
    index_dir = tmp_path / "ix"
    build([data], index_dir)
    elsewhere.mkdir()
    (data / "news").rename(elsewhere / "gazette")
    report = build([elsewhere], index_dir)
    assert counts(report) == (0, 2, 0, 0)
    fresh = tmp_path / "fresh"
    build([data, elsewhere], fresh, rebuild=True)
    assert results(index_dir) == results(fresh)
    assert side_files(index_dir) == side_files(fresh)
    assert len(open_index(index_dir).index.manifest.articles) == 3


def test_an_alias_file_moved_away_with_its_folder_no_longer_applies(tmp_path: Path) -> None:
    """The alias file of a folder indexed before, moved away with it (the update given the
    folder it went into, where no alias file is looked for), is gone: every article is
    indexed again without it, as a fresh build of the same folder does (its table stayed
    in force)."""
    folder = tmp_path / "c" / "gazette"
    shutil.copytree(SEEDS, folder)
    (folder / ALIAS_FILE).write_text("Xiaomi Boss: Lei Jun\n", encoding="utf-8")
    index_dir = tmp_path / "ix"
    build([folder], index_dir)
    assert "Xiaomi Boss" in {s.name for s in open_index(index_dir).index.manifest.speakers}
    (tmp_path / "d").mkdir()
    folder.rename(tmp_path / "d" / "gazette")
    report = build([tmp_path / "d"], index_dir)
    assert f"{folder / ALIAS_FILE} is gone: indexing every article again" in report.warnings
    assert results(index_dir) == rebuilt(tmp_path / "d", tmp_path)
    assert "Xiaomi Boss" not in {s.name for s in open_index(index_dir).index.manifest.speakers}


def test_an_update_that_can_read_no_file_is_an_error_and_changes_nothing(
    corpus: Path, tmp_path: Path
) -> None:
    """Every file unreadable now: an error, as a fresh build of them is, and the index is
    as it was (not emptied)."""
    index_dir = tmp_path / "ix"
    build([corpus], index_dir)
    before = (index_dir / MANIFEST).read_bytes()
    for path in corpus.glob("*.txt"):
        path.write_bytes(b"\x00binary\x00" * 100)
    with pytest.raises(CorpusError) as error:
        build([corpus], index_dir)
    assert error.value.reason is Reason.NO_READABLE_ARTICLE
    assert (index_dir / MANIFEST).read_bytes() == before


def test_index_without_a_path_updates_from_what_the_index_was_built_from(
    corpus: Path, tmp_path: Path
) -> None:
    index_dir = tmp_path / "ix"
    build([corpus], index_dir)
    (corpus / "001_b626983f2601e7a1.txt").unlink()
    result = run_cli("index", "--index", str(index_dir))
    assert result.returncode == 0, result.stderr
    assert f"updating from what the index was built from: {corpus.resolve()}" in result.stderr
    assert "1 deleted, 4 unchanged" in result.stderr  # the seeds were not added
    assert results(index_dir) == rebuilt(corpus, tmp_path)


def test_index_without_a_path_names_a_recorded_source_that_is_gone(
    corpus: Path, tmp_path: Path
) -> None:
    other = write_corpus(tmp_path / "other", {"ferry": "Ferry\n\nThe ferry sails."})
    index_dir = tmp_path / "ix"
    build([corpus, other], index_dir)
    shutil.rmtree(other)
    result = run_cli("index", "--index", str(index_dir))
    assert result.returncode == 0, result.stderr
    assert (
        f"updating from what the index was built from: {corpus.resolve()} "
        f"({other.resolve()} is gone)"
    ) in result.stderr
    assert f"{other.resolve()} is gone: its article is taken out of the index" in result.stderr


def test_a_rebuild_keeps_every_files_id(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second" / "sub"
    write_corpus(first, {"ferry": "Ferry\n\nThe ferry sails."})
    write_corpus(second, {"ferry": "Ferry again\n\nThe ferry sails again."})
    index_dir = tmp_path / "ix"
    build([first], index_dir)
    build([second], index_dir)  # the stem is taken: the new file gets its folder's name

    def ids() -> list[str]:
        return sorted(a.id for a in open_index(index_dir).index.manifest.articles)

    assert ids() == ["ferry", "sub/ferry"]
    build([first, second], index_dir, rebuild=True)
    assert ids() == ["ferry", "sub/ferry"]  # not both with their folder's name, as afresh
    fresh = tmp_path / "fresh"
    build([first, second], fresh)
    assert sorted(a.id for a in open_index(fresh).index.manifest.articles) == [
        "first/ferry",
        "sub/ferry",
    ]
    # An index of another version is read for its ids too, when it is rebuilt.
    header, *rest = (index_dir / MANIFEST).read_text(encoding="utf-8").splitlines()
    older = json.loads(header) | {"schema_version": SCHEMA_VERSION - 1}
    (index_dir / MANIFEST).write_text("\n".join([json.dumps(older), *rest]), encoding="utf-8")
    assert any("rebuilding" in note for note in open_index(index_dir).notes)
    assert ids() == ["ferry", "sub/ferry"]
    # A file it no longer indexes holds no id: a new file takes its stem, as afresh.
    third = write_corpus(tmp_path / "third", {"ferry": "Ferry news\n\nThe ferry is late."})
    build([third], index_dir, rebuild=True)
    assert ids() == ["ferry"]  # not "third/ferry": the first folder's file is not indexed
    assert [a.path for a in open_index(index_dir).index.manifest.articles] == [
        str(third / "ferry.txt")
    ]


def test_a_changed_alias_file_walks_each_folder_once(corpus: Path, tmp_path: Path) -> None:
    (corpus / "scan.pdf").write_bytes(b"%PDF-1.4")
    index_dir = tmp_path / "ix"
    build([corpus], index_dir)
    (corpus / "leisearch.aliases").write_text("Lei Jun: Mr Lei\n", encoding="utf-8")
    report = build([corpus], index_dir)  # every recorded source again, and this one
    assert "passed over 1 .pdf file (not a format leisearch reads)" in report.warnings


def _build_in_a_fresh_process(
    index_dir: Path, procs: int, *paths: Path, segment_docs: int = SEGMENT_DOCS
) -> None:
    """A build in a new interpreter: nothing an earlier build learnt is in memory.
    Its workers start a new segment past ``segment_docs`` paragraphs."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from leisearch.engine.whoosh import workers\n"
        "from leisearch.service.build import build\n"
        "*paths, target, procs, docs = sys.argv[1:]\n"
        "workers.SEGMENT_DOCS = int(docs)\n"
        "build([Path(p) for p in paths], Path(target), rebuild=True, procs=int(procs))\n"
    )
    args = [sys.executable, "-c", script, *map(str, paths), str(index_dir), str(procs)]
    args.append(str(segment_docs))
    subprocess.run(args, check=True, capture_output=True, text=True)


def _segments(index_dir: Path) -> list[Any]:
    """The Whoosh segments of the index's current generation; checks that the
    generation holds no index file of any other segment."""
    folder = index_dir / open_index(index_dir).index.manifest.generation
    segments = whoosh_index.open_dir(str(folder), indexname=INDEX_NAME)._segments()
    ids = [segment.segid for segment in segments]
    strays = [
        name
        for name in backend.index_files(folder)
        if not name.endswith(".toc") and not any(segid in name for segid in ids)
    ]
    assert strays == []
    return list(segments)


@pytest.mark.parametrize("segment_docs", [SEGMENT_DOCS, 40])
def test_parallel_and_sequential_builds_agree(tmp_path: Path, segment_docs: int) -> None:
    """The multiprocessing writer is a speed-up only: same hits, scores, stems, whether
    its workers write one segment each or start new ones as they go. Each build runs in
    a fresh process, so neither can borrow what the other learnt."""
    corpus = tmp_path / "corpus"  # the seeds four times: copies to fold, and many jobs
    for n in range(4):
        shutil.copytree(SEEDS, corpus / f"copy{n}")
    _build_in_a_fresh_process(tmp_path / "one", 1, corpus)
    _build_in_a_fresh_process(tmp_path / "two", 2, corpus, segment_docs=segment_docs)
    segments = _segments(tmp_path / "two")
    paragraphs = sum(segment.doc_count_all() for segment in segments)
    assert paragraphs == sum(
        a.paragraphs for a in open_index(tmp_path / "one").index.manifest.articles
    )
    # Whoosh hands its workers 100 paragraphs a job: past 40, a worker closes its
    # segment after every job.
    jobs = -(-paragraphs // 100)
    # (One segment a worker, or one for both should the other be given no job.)
    assert len(segments) <= 2 if segment_docs == SEGMENT_DOCS else len(segments) == jobs
    assert jobs > 4
    one, two = open_index(tmp_path / "one").index, open_index(tmp_path / "two").index
    assert len(one.vocabulary) > 1000
    assert dict(one.vocabulary) == dict(two.vocabulary)
    assert results(tmp_path / "one") == results(tmp_path / "two")
    for query in QUERIES:
        hits_one, hits_two = search(one, query, limit=0).hits, search(two, query, limit=0).hits
        assert [(h.article, h.paragraph) for h in hits_one] == [
            (h.article, h.paragraph) for h in hits_two
        ]
        assert [h.score for h in hits_one] == pytest.approx([h.score for h in hits_two])


def test_a_parallel_update_of_many_segments_gives_what_a_fresh_build_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Workers that start a new segment every 40 paragraphs, then an update by them that
    deletes, changes and adds articles (and rewrites the segments that lost enough)."""
    from leisearch.engine.whoosh import workers

    monkeypatch.setattr(workers, "SEGMENT_DOCS", 40)  # (read by the forked workers)
    corpus = tmp_path / "corpus"
    for n in range(4):
        shutil.copytree(SEEDS, corpus / f"copy{n}")
    build([corpus], tmp_path / "ix", procs=2)
    first = sorted(corpus.rglob("*.txt"))
    first[0].unlink()
    first[5].write_text(first[5].read_text(encoding="utf-8") + "\n\nA new last paragraph.\n")
    shutil.copy(first[7], corpus / "copy0" / "added.txt")
    build([corpus], tmp_path / "ix", procs=2)
    assert len(_segments(tmp_path / "ix")) > 4
    _build_in_a_fresh_process(tmp_path / "fresh", 1, corpus)
    assert results(tmp_path / "ix") == results(tmp_path / "fresh")
    updated, fresh = open_index(tmp_path / "ix").index, open_index(tmp_path / "fresh").index
    for query in QUERIES:
        # The same paragraphs; scores within 2%, as deleted paragraphs count in BM25's
        # statistics until their segment is rewritten (see the README).
        hits = {(h.article, h.paragraph): h.score for h in search(updated, query, limit=0).hits}
        expected = {(h.article, h.paragraph): h.score for h in search(fresh, query, limit=0).hits}
        assert hits.keys() == expected.keys() and hits
        assert list(hits.values()) == pytest.approx([expected[key] for key in hits], rel=0.02)


def test_paragraphs_that_tie_are_chosen_alike_however_the_build_numbered_them(
    tmp_path: Path,
) -> None:
    """Paragraphs of the same words in other orders score the same to the last bit. A
    parallel build numbers them otherwise than a sequential one, and an update numbers
    the articles it adds after the others; which of them make the best N, and in which
    order, must not depend on that (they once came by number)."""
    import random

    rng = random.Random(5)
    words = ["the", "harbour", "ferry", "sailed", "again", "after", "winter", "storms"]
    words += ["closed", "the", "old", "pier"]

    def said(number: int) -> str:
        shuffled = rng.sample(words, len(words))
        return f'"{" ".join(shuffled).capitalize()} {number}," said Ana Ruiz.'

    articles = {
        f"a{i:02d}": "Harbour notes\n\n" + "\n\n".join(said(i * 10 + j) for j in range(8))
        for i in range(50)  # 400 paragraphs: Whoosh hands its workers 100 at a time
    }
    corpus = write_corpus(tmp_path / "corpus", articles)
    _build_in_a_fresh_process(tmp_path / "one", 1, corpus)
    _build_in_a_fresh_process(tmp_path / "two", 2, corpus)
    # The last articles first, then the others: numbered in the reverse of their order.
    later = write_corpus(tmp_path / "later", dict(list(articles.items())[25:]))
    build([later], tmp_path / "three", procs=1)
    for name, text in list(articles.items())[:25]:
        (later / f"{name}.txt").write_text(text, encoding="utf-8")
    build([later], tmp_path / "three", procs=1)
    indexes = [open_index(tmp_path / name).index for name in ("one", "two", "three")]

    def places(hits: Sequence[Hit | QuoteHit]) -> list[tuple[str, int]]:
        return [
            (h.quote.article, h.quote.paragraph)
            if isinstance(h, QuoteHit)
            else (h.article, h.paragraph)
            for h in hits
        ]

    for limit in (1, 3, 7, 20):
        found = {
            (query, sort): [
                places(search(ix, query, limit=limit, sort=sort).hits) for ix in indexes
            ]
            # Loose words, Whoosh's own ranking (AND), and newest first (no dates: all tie).
            for query, sort in (
                ("harbour ferry", "relevance"),
                ("harbour AND ferry", "relevance"),
                ("harbour", "date"),
            )
        }
        found["quotes"] = [
            places(find_quotes(ix, "ferry storms", limit=limit).hits) for ix in indexes
        ]
        for first, *others in found.values():
            assert len(first) == limit and all(other == first for other in others)
        assert found["harbour", "date"][0] == sorted(found["harbour", "date"][0])
        assert len({h.score for h in search(indexes[0], "harbour ferry", limit=limit).hits}) == 1


def test_two_indexes_built_in_one_process_each_hold_what_they_would_alone(
    tmp_path: Path,
) -> None:
    """An index's vocabulary is its own: building another one first, in the same
    process, changes nothing in it (the stem memo was once process-wide)."""
    first = write_corpus(tmp_path / "a", {"a.txt": "Patenting\n\nThe patenting of phones."})
    second = write_corpus(tmp_path / "b", {"b.txt": "Patent\n\nA patent on phones."})
    build([first], tmp_path / "ix_a", rebuild=True, procs=1)
    build([second], tmp_path / "ix_b", rebuild=True, procs=1)
    _build_in_a_fresh_process(tmp_path / "alone", 1, second)
    together, alone = open_index(tmp_path / "ix_b").index, open_index(tmp_path / "alone").index
    assert "patenting" not in together.vocabulary
    assert dict(together.vocabulary) == dict(alone.vocabulary)
    assert results(tmp_path / "ix_b") == results(tmp_path / "alone")
    assert search(together, "patenti*").hits == search(alone, "patenti*").hits == ()


def test_articles_added_one_by_one_give_the_speakers_of_a_fresh_build(tmp_path: Path) -> None:
    """Speakers are resolved per article: no order of updates changes a quotation's speaker.

    Thirty fixture articles (many people, shared surnames, unnamed sources) arrive one
    at a time, then one is edited and one deleted; after every run the index must hold
    exactly the quotations, speakers and alias table of a fresh build of the same files.
    """
    sources = sorted(
        path
        for name in ("heldout", "blind2", "blind3")
        for path in (ROOT / "tests" / "fixtures" / name).glob("*.txt")
    )
    assert len(sources) == 30
    corpus, index_dir = tmp_path / "corpus", tmp_path / "ix"
    corpus.mkdir()
    for number, source in enumerate(sources):
        shutil.copy(source, corpus / f"{number:02}_{source.name}")
        build([corpus], index_dir)
    edited = corpus / f"05_{sources[5].name}"
    edited.write_text(edited.read_text(encoding="utf-8") + '\n"We are done," said Ana Ruiz.\n')
    (corpus / f"11_{sources[11].name}").unlink()
    report = build([corpus], index_dir)
    assert counts(report) == (0, 1, 1, 28)
    mine, fresh = results(index_dir), rebuilt(corpus, tmp_path)
    assert mine[-2] == fresh[-2]  # every quotation, with its speaker and cue
    assert len(mine[-2]) > 250
    assert mine == fresh


def test_an_update_learns_the_new_words_as_a_fresh_build_does(tmp_path: Path) -> None:
    """The vocabulary after adding an article equals a fresh build's, so prefixes, fuzzy
    words and suggestions find the new words (an update once stemmed them with a
    throwaway stemmer, and left them out)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for path in seeds[:-1]:
        shutil.copy(path, corpus / path.name)
    build([corpus], tmp_path / "ix", procs=1)
    shutil.copy(seeds[-1], corpus / seeds[-1].name)
    report = build([corpus], tmp_path / "ix", procs=1)
    assert report.new == 1
    build([corpus], tmp_path / "fresh", rebuild=True, procs=1)
    updated, fresh = open_index(tmp_path / "ix").index, open_index(tmp_path / "fresh").index
    assert dict(updated.vocabulary) == dict(fresh.vocabulary)
    assert search(updated, "akio*").hits  # a word only the added article holds


def test_the_manifest_lists_the_articles_by_id_after_a_build_and_an_update(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build's new records are sorted on the disk in runs, and merged with those an
    update keeps: by id as Python orders strings (a tab before "A"; escaped as the
    tables write it, a tab would come after)."""
    from leisearch.service import build as build_module

    monkeypatch.setattr(build_module, "RECORD_RUN_ROWS", 2)  # several runs
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = (SEEDS / sorted(p.name for p in SEEDS.glob("*.txt"))[0]).read_text(encoding="utf-8")
    for stem in ["aA", "a\tb", "a\\c", "a", "b", "a~"]:
        (corpus / f"{stem}.txt").write_text(text, encoding="utf-8")
    build([corpus], tmp_path / "ix")
    ids = [a.id for a in open_index(tmp_path / "ix").index.manifest.articles]
    assert ids == sorted(ids) and len(ids) == 6 and ids.index("a\tb") < ids.index("aA")
    for stem in ["aB", "a\td"]:
        (corpus / f"{stem}.txt").write_text(text, encoding="utf-8")
    (corpus / "b.txt").write_text(text + "\n\nA paragraph more.\n", encoding="utf-8")
    report = build([corpus], tmp_path / "ix")
    assert (report.new, report.changed, report.unchanged, report.articles) == (2, 1, 5, 8)
    articles = open_index(tmp_path / "ix").index.manifest.articles
    ids = [a.id for a in articles]
    assert ids == sorted(ids) and len(ids) == 8 and ids.index("a\td") < ids.index("aB")
    assert report.paragraphs == sum(a.paragraphs for a in articles)
    assert list((tmp_path / "ix").rglob("*.run-*")) == []  # the runs are gone


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            # any path a system gives (no NUL), undecodable bytes as surrogates
            st.binary(min_size=1, max_size=40).filter(lambda b: b"\0" not in b).map(os.fsdecode),
            st.text(min_size=1, max_size=20).filter(lambda t: "\0" not in t),
            st.booleans(),
        ),
        max_size=30,
    )
)
def test_the_changed_files_come_back_as_they_went_in(
    files: list[tuple[str, str, bool]],
) -> None:
    changed = build_module._ChangedFiles()
    given_in = [
        build_module._Changed(path, article_id, build_module._KnownFile("f", "d", (article_id,)))
        if old
        else build_module._Changed(path, article_id, None)
        for path, article_id, old in files
    ]
    for change in given_in:
        changed.append(change)
    assert len(changed) == len(given_in)
    assert list(changed) == given_in
    assert list(changed) == given_in  # (and again: each pass reads the buffer afresh)
    assert changed.replaced() == [c.article_id for c in given_in if c.old is not None]


def test_an_update_passes_a_symlink_loop_as_a_first_build_does(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c", {"ferry": "Ferry\n\nThe ferry sails."})
    (corpus / "loop.txt").symlink_to(corpus / "loop.txt")
    index_dir = tmp_path / "ix"
    first = build([corpus], index_dir)
    assert [s.path for s in first.skipped] == [str(corpus / "loop.txt")]
    again = build([corpus], index_dir)  # (Path.resolve raised on the loop here)
    assert (again.unchanged, [s.path for s in again.skipped]) == (1, [str(corpus / "loop.txt")])


def test_index_without_a_path_when_every_source_is_gone_is_an_error(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c", {"ferry": "Ferry\n\nThe ferry sails."})
    index_dir = tmp_path / "ix"
    build([corpus], index_dir)
    shutil.rmtree(corpus)
    result = run_cli("index", "--index", str(index_dir))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (
        "leisearch: error: every file and folder the index was built from is gone: "
        f"{corpus.resolve()} (hint: index them where they went: leisearch index PATH)\n"
    )
    # the index is as it was: the seeds did not take its place
    assert [a.id for a in open_index(index_dir).index.manifest.articles] == ["ferry"]
