"""``store.manifest``: the manifest written a piece at a time is the one written at once,
and a build's article records (held as JSON) are the articles they were given."""

from __future__ import annotations

import json
import tempfile
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leisearch.models import ArticleInfo, SpeakerInfo
from leisearch.store.integrity import FileRecord
from leisearch.store.manifest import (
    ArticleRecords,
    Deferred,
    Manifest,
    article_json,
    drained,
    json_line,
    json_list_line,
    json_table_line,
)
from leisearch.store.tables import SortedRows

TEXT = st.text(max_size=12)
ARTICLES = st.lists(
    st.builds(
        ArticleInfo,
        TEXT,
        TEXT,
        st.integers(0, 500),
        TEXT,
        st.text("0123456789abcdef", max_size=64),
        st.dictionaries(TEXT, st.integers(0, 9), max_size=3),
        file_id=TEXT,
    ),
    max_size=6,
)
SPEAKERS = st.lists(
    st.builds(SpeakerInfo, TEXT, st.integers(0, 50), st.lists(TEXT, max_size=2).map(tuple)),
    max_size=3,
)


def _line(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def at_once(manifest: Manifest) -> str:
    """The manifest's text as it was written before: each list made whole, then dumped."""
    header = {
        "schema_version": manifest.schema_version,
        "leisearch_version": json.loads(next(iter(manifest.lines())))["leisearch_version"],
        "generation": manifest.generation,
        "alias_files": {path: dict(table) for path, table in manifest.alias_files.items()},
        "built_at": manifest.built_at,
        "sources": list(manifest.sources),
        "files": {name: [r.size, r.crc32] for name, r in manifest.files.items()},
    }
    articles = [
        {
            "id": a.id,
            "title": a.title,
            "paragraphs": a.paragraphs,
            "path": a.path,
            "removed": dict(a.removed),
            **({"file": a.file_id} if a.file_id else {}),
            "sha256": a.digest,
        }
        for a in manifest.articles
    ]
    return _line(header) + _line(articles) + _line([s.to_json() for s in manifest.speakers])


@settings(max_examples=150, deadline=None)
@given(ARTICLES, SPEAKERS, st.lists(TEXT, max_size=2))
def test_a_manifest_written_in_pieces_reads_back_as_written_at_once(
    articles: list[ArticleInfo], speakers: list[SpeakerInfo], sources: list[str]
) -> None:
    manifest = _manifest(tuple(articles), tuple(speakers), tuple(sources))
    text = "".join(manifest.lines())
    assert text == at_once(manifest)
    assert text.count("\n") == 3
    back = Manifest.from_bytes(text.encode(), lambda error: error)
    assert list(back.articles) == articles


def _manifest(
    articles: Any, speakers: tuple[SpeakerInfo, ...] = (), sources: tuple[str, ...] = ()
) -> Manifest:
    return Manifest(
        schema_version=13,
        built_at="2026-12-06T10:00:00+00:00",
        sources=sources,
        articles=articles,
        speakers=speakers,
        generation="gen-1",
        alias_files={"/a/leisearch.aliases": {"Mr Lei": "Lei Jun"}},
        files={"MAIN.toc": FileRecord(10, 99)},
    )


@settings(max_examples=150, deadline=None)
@given(ARTICLES, ARTICLES, st.lists(TEXT, max_size=4))
def test_article_records_are_the_articles_they_were_given(
    first: list[ArticleInfo], then: list[ArticleInfo], dropped: list[str]
) -> None:
    records, oracle = ArticleRecords(first), {a.id: a for a in first}
    for article in then:
        records[article.id] = oracle[article.id] = article
    for article_id in dropped:
        if article_id in oracle:
            del records[article_id], oracle[article_id]
        else:
            assert article_id not in records
            with pytest.raises(KeyError):
                del records[article_id]
    assert dict(records) == oracle
    assert len(records) == len(oracle)
    in_order = sorted(oracle.values(), key=lambda a: a.id)
    listed = records.in_order()
    assert list(listed) == in_order
    assert [listed[i] for i in range(-len(listed), 0)] == in_order
    assert list(listed[1:3]) == in_order[1:3]
    # The manifest's text from the records is the one from the articles themselves.
    assert "".join(_manifest(listed).lines()) == "".join(_manifest(tuple(in_order)).lines())


@settings(max_examples=100, deadline=None)
@given(ARTICLES, ARTICLES, st.integers(min_value=1, max_value=4))
def test_records_and_rows_sorted_on_the_disk_make_one_list_by_id(
    held: list[ArticleInfo], added: list[ArticleInfo], run_rows: int
) -> None:
    """A build's new articles go to sorted runs (id and JSON, by id as ``sorted`` orders
    strings, not as the tables' escaped bytes: a tab comes before "A" here)."""
    records = ArticleRecords(held)
    new = {a.id: a for a in added if a.id not in records}
    with tempfile.TemporaryDirectory() as folder:
        rows = SortedRows(Path(folder), "records", run_rows=run_rows, key=lambda row: row[0])
        rows.extend((a.id, article_json(a)) for a in new.values())
        listed = records.in_order(rows.sorted)
        every = sorted([*records.values(), *new.values()], key=lambda a: a.id)
        assert list(listed) == every
        assert "".join(_manifest(listed).lines()) == "".join(_manifest(tuple(every)).lines())
        rows.close()


def test_an_article_filed_under_another_id_is_refused() -> None:
    records = ArticleRecords()
    with pytest.raises(ValueError, match="'b' filed under 'a'"):
        records["a"] = ArticleInfo("b", "B", 1, "/b.txt")
    assert "a" not in records and len(records) == 0


def _article(n: int) -> ArticleInfo:
    """What a build gets for an article: an id, a title, a path and a SHA-256 made for
    it (new strings, as a file read makes them), and no cleaning to report."""
    return ArticleInfo(
        f"{n:06d}",
        f"Article {n}: a title of a few words, as a news article has",
        30 + n % 20,
        f"/archive/2026/{n // 1000:03d}/{n:06d}.txt",
        f"{n:064x}",
        {},
    )


def _traced(make: Any) -> int:
    """The bytes what ``make()`` returns holds, made from nothing held already."""
    tracemalloc.start()
    try:
        made = make()
        size = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert made
    return size


def test_article_records_hold_less_than_the_articles_themselves() -> None:
    as_objects = _traced(lambda: {a.id: a for a in map(_article, range(2000))})
    as_json = _traced(lambda: ArticleRecords(map(_article, range(2000))))
    assert as_json < 0.75 * as_objects, (as_json, as_objects)


def test_a_deferred_list_read_once_is_not_kept() -> None:
    loads: list[int] = []

    def load() -> tuple[int, ...]:
        loads.append(1)
        return (3, 1, 2)

    deferred = Deferred(load)
    assert list(deferred.once()) == [3, 1, 2] and list(deferred.once()) == [3, 1, 2]
    assert len(loads) == 2  # made each time, kept by nobody
    assert deferred[0] == 3 and len(deferred) == 3 and len(loads) == 3
    assert list(deferred.once()) == [3, 1, 2] and len(loads) == 3  # kept now: not made again


@settings(max_examples=50, deadline=None)
@given(ARTICLES)
def test_a_manifests_records_are_its_articles(articles: list[ArticleInfo]) -> None:
    text = "".join(_manifest(tuple(articles)).lines())
    back = Manifest.from_bytes(text.encode(), lambda error: error)
    assert dict(back.records()) == {a.id: a for a in articles}
    assert dict(_manifest(tuple(articles)).records()) == {a.id: a for a in articles}


@pytest.mark.parametrize("items", [[], ["a"], ["a", "b", "c", "d"]])
def test_a_drained_list_lets_each_item_go_as_it_is_handed_out(items: list[str]) -> None:
    pending = list(items)
    handed = []
    for done, item in enumerate(drained(pending)):
        handed.append(item)
        assert len(pending) == len(items) - done - 1  # the list no longer holds it
    assert handed == items and pending == []


@pytest.mark.parametrize("line", [b"[{}]", b'[{"id": "a"}]', b"[1]", b'{"id": "a"}'])
def test_a_damaged_article_list_is_the_manifests_error(line: bytes) -> None:
    text = "".join(_manifest(()).lines()).encode()
    first, _, rest = text.partition(b"\n")
    damaged = first + b"\n" + line + b"\n" + rest.split(b"\n", 2)[1] + b"\n"
    back = Manifest.from_bytes(damaged, lambda error: Damaged("damaged"))
    with pytest.raises(Damaged):
        back.verify()
    with pytest.raises(Damaged):
        back.records()
    with pytest.raises(Damaged):
        list(back.articles)
    with pytest.raises(Damaged):  # and again: found damaged once is not forgotten
        list(back.articles)


class Damaged(Exception):
    """The error a test's damaged manifest raises."""


def test_verifying_a_manifest_keeps_none_of_its_articles() -> None:
    articles = tuple(_article(n) for n in range(2000))
    manifest = Manifest.from_bytes("".join(_manifest(articles).lines()).encode(), Damaged)
    # Parsed and kept, the list takes a megabyte; verified, nothing is kept.
    assert _traced(lambda: manifest.verify() or True) < 20_000
    assert _traced(lambda: list(manifest.articles)) > 500_000


def test_an_old_manifest_of_one_line_reads_the_same_twice() -> None:
    articles = tuple(_article(n) for n in range(3))
    new = "".join(_manifest(articles).lines())
    header, listed, speakers = (json.loads(line) for line in new.splitlines())
    old = json.dumps({**header, "articles": listed, "speakers": speakers}).encode()
    back = Manifest.from_bytes(old, Damaged)
    assert dict(back.records()) == {a.id: a for a in articles}
    assert tuple(back.articles) == articles
    assert dict(back.records()) == {a.id: a for a in articles}


@given(st.dictionaries(st.text(), st.text()), st.lists(st.text() | st.integers()))
def test_json_written_a_piece_at_a_time_is_the_json_written_at_once(
    table: dict[str, str], items: list[str | int]
) -> None:
    assert "".join(json_table_line(table)) == json_line(table)
    assert "".join(json_list_line(json_line(i)[:-1] for i in items)) == json_line(items)
