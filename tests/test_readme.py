"""The README against the code: its JSON key tables, its Python example, its schema version."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import leisearch
from leisearch import models
from leisearch.models import catalogue, quotations, reports

from .conftest import ROOT, SEEDS

README = (ROOT / "README.md").read_text(encoding="utf-8")
_TABLE = re.compile(
    r"<!-- keys: (\w+) -->\n\| key \| type \| meaning \|\n\|---\|---\|---\|\n((?:\|.*\|\n)+)"
)
_ROW = re.compile(r"^\| `([^`]+)` \| ([^|]+?) \|", re.M)


def readme_tables() -> dict[str, list[tuple[str, str]]]:
    return {name: _ROW.findall(rows) for name, rows in _TABLE.findall(README)}


def test_the_readme_documents_every_record_that_leaves_the_program() -> None:
    records = {
        name
        for module in (models, catalogue, quotations, reports)
        for name, value in vars(module).items()
        if isinstance(value, type) and issubclass(value, models.Record) and value.JSON
    }
    # quotes --json writes QuoteHit records, whose keys are Quote's.
    assert set(readme_tables()) == records - {"Quote"} | {"SHOWN_QUOTE"}


@pytest.mark.parametrize("name", sorted(readme_tables()))
def test_a_readme_key_table_matches_its_record(name: str) -> None:
    fields = getattr(models, name)
    fields = fields.JSON if isinstance(fields, type) else fields
    assert readme_tables()[name] == [(f.key, f.kind) for f in fields]


def _python_example() -> str:
    section = README.split("## Use it from Python", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)  # type: ignore[union-attr]


def test_the_python_example_runs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = (
        _python_example()
        .replace('"seeds/"', repr(str(SEEDS)))
        .replace('"index/"', repr(str(tmp_path / "ix")))
    )
    exec(compile(code, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "Lei Jun" in out and "word of mouth" in out.lower()


def test_the_public_api_is_pinned() -> None:
    assert leisearch.__all__ == [
        "Article",
        "ArticleInfo",
        "BuildReport",
        "CorpusError",
        "Hit",
        "Index",
        "IndexCorrupt",
        "IndexNotFound",
        "IndexStats",
        "IndexUnwritable",
        "LeisearchError",
        "Opened",
        "Paragraph",
        "QueryError",
        "Quote",
        "QuoteHit",
        "QuoteResult",
        "Reason",
        "SearchResult",
        "Shown",
        "ShownParagraph",
        "Skipped",
        "Snippet",
        "Span",
        "SpeakerInfo",
        "UsageError",
        "__version__",
        "build",
        "extract_quotes",
        "find_quotes",
        "list_articles",
        "list_speakers",
        "load_articles",
        "open_index",
        "search",
        "show",
        "stats",
    ]
    kinds = {name: type(getattr(leisearch, name)).__name__ for name in leisearch.__all__}
    # the operations are functions, the rest are classes (records, errors, Reason)
    operations = {n for n in leisearch.__all__ if n.islower() and not n.startswith("_")}
    assert {n for n, k in kinds.items() if k == "function"} == operations
    assert kinds["__version__"] == "str"
    assert all(k in ("function", "str", "type", "EnumType") for k in kinds.values()), kinds


def test_the_version_is_the_packages() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert leisearch.__version__ == project["version"]


def test_the_stats_example_shows_the_current_schema_version() -> None:
    from leisearch.store.manifest import SCHEMA_VERSION

    shown = re.findall(r"^schema version\t(\d+)$", README, re.M)
    assert shown == [str(SCHEMA_VERSION)]
