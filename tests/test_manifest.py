"""``store.manifest``: the manifest written a piece at a time is the one written at once."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from leisearch.models import ArticleInfo, SpeakerInfo
from leisearch.store.integrity import FileRecord
from leisearch.store.manifest import Manifest

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
    manifest = Manifest(
        schema_version=13,
        built_at="2026-12-06T10:00:00+00:00",
        sources=tuple(sources),
        articles=tuple(articles),
        speakers=tuple(speakers),
        generation="gen-1",
        alias_files={"/a/leisearch.aliases": {"Mr Lei": "Lei Jun"}},
        files={"MAIN.toc": FileRecord(10, 99)},
    )
    text = "".join(manifest.lines())
    assert text == at_once(manifest)
    assert text.count("\n") == 3
    back = Manifest.from_bytes(text.encode(), lambda error: error)
    assert list(back.articles) == articles
