"""CLI tests: exit codes, stdout (data) and stderr (messages), each checked separately."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from leisearch import __version__, cli
from leisearch.cli.app import app_for, make_app
from leisearch.cli.commands import COMMANDS
from leisearch.store import locations
from leisearch.store import manifest as manifest_module

from .conftest import ROOT, SEEDS, run_cli, run_process, run_shell, write_corpus

ANSI = "\x1b["
#: An article's metadata, at the end of every record that names an article.
META_KEYS = ["date", "source", "author", "url"]
JSON_KEYS = [
    "rank",
    "score",
    "article",
    "title",
    "paragraph",
    "text",
    "snippet",
    "speakers",
    "duplicates",
    "date",
    "source",
    "author",
    "url",
    "by_headline",
]


def test_query_json_contract(seed_index_dir: Path) -> None:
    result = run_cli("query", "word of mouth", "--json", "--index", str(seed_index_dir))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 6
    for expected_rank, record in enumerate(records, start=1):
        assert list(record) == JSON_KEYS
        assert record["rank"] == expected_rank
        assert isinstance(record["score"], float)
        assert isinstance(record["paragraph"], int) and record["paragraph"] >= 1
        assert isinstance(record["speakers"], list)
        assert all(isinstance(name, str) for name in record["speakers"])
        assert record["by_headline"] is False  # every one holds the words itself
        assert ANSI not in record["snippet"]
        # The snippet is cut from the paragraph (ellipses aside).
        assert record["snippet"].strip("…").replace("\n", " ") in record["text"].replace("\n", " ")
    scores = [r["score"] for r in records]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize("fmt", ["plain", "table"])
def test_a_hit_found_by_its_headline_alone_says_so(tmp_path: Path, fmt: str) -> None:
    corpus = write_corpus(
        tmp_path / "c",
        {"dock": "Harbour strike ends\n\nThe dockers went back.\n\nThe strike cost a week."},
    )
    index = ["--index", str(tmp_path / "ix")]
    assert run_cli("index", str(corpus), *index).returncode == 0
    result = run_cli("query", "dockers OR strike", "-f", fmt, *index)
    assert result.returncode == 0, result.stderr
    assert "by its headline" not in result.stdout  # each holds a word of its own
    result = run_cli("query", '"strike ends"', "-f", fmt, *index)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("(matched by its headline, not this paragraph)") == 2
    assert json.loads(run_cli("query", '"strike ends"', "-n", "1", "--json", *index).stdout)[
        "by_headline"
    ]


def test_limit(seed_index_dir: Path) -> None:
    result = run_cli("query", "Xiaomi", "-n", "3", "--json", "--index", str(seed_index_dir))
    assert len(result.stdout.splitlines()) == 3
    result = run_cli("query", "Xiaomi", "--limit", "0", "--json", "--index", str(seed_index_dir))
    assert len(result.stdout.splitlines()) > 10


def test_json_is_written_directly_not_through_rich(tmp_path: Path) -> None:
    long = "Bracketed [bold]markup[/bold] text " + "filler words " * 60
    corpus = write_corpus(tmp_path / "c", {"b": f"Title\n\n{long}"})
    run_cli("index", str(corpus), "--index", str(tmp_path / "ix"))
    result = run_cli("query", "markup", "--json", "--index", str(tmp_path / "ix"))
    lines = result.stdout.splitlines()
    assert len(lines) == 1  # one record on one line, however long
    assert json.loads(lines[0])["text"] == long.strip()


def test_piped_output_is_plain(seed_index_dir: Path) -> None:
    result = run_cli("query", "patents", "--index", str(seed_index_dir))
    assert result.returncode == 0
    assert ANSI not in result.stdout
    assert "001_b626983f2601e7a1:" in result.stdout
    assert result.stdout.startswith("1. ")


def test_force_color_draws_rich_and_no_color_drops_ansi(seed_index_dir: Path) -> None:
    coloured = run_cli("query", "patents", "--index", str(seed_index_dir), env={"FORCE_COLOR": "1"})
    assert ANSI in coloured.stdout
    plain = run_cli(
        "query",
        "patents",
        "--index",
        str(seed_index_dir),
        env={"FORCE_COLOR": "1", "NO_COLOR": "1"},
    )
    assert ANSI not in plain.stdout
    assert "¶" in plain.stdout  # still the Rich layout


def test_no_hits_exit_1_with_suggestion(seed_index_dir: Path) -> None:
    result = run_cli("query", "pattents", "--index", str(seed_index_dir))
    assert result.returncode == 1
    assert result.stdout == ""
    assert "no results" in result.stderr
    assert "did you mean: patents" in result.stderr


@pytest.mark.parametrize("command", ["query", "quotes"])
def test_a_word_no_paragraph_has_is_named_after_the_hits(
    seed_index_dir: Path, command: str
) -> None:
    result = run_cli(command, "Xiaomi pattents", "-n", "1", "--index", str(seed_index_dir))
    assert result.returncode == 0
    assert result.stdout.startswith("1. ")
    assert result.stderr == (
        "leisearch: no paragraph has 'pattents', so it matched nothing; "
        "did you mean: Xiaomi patents\n"
    )
    batch = run_cli(command, "-", "--index", str(seed_index_dir), input="Xiaomi pattents\n")
    assert batch.returncode == 0 and batch.stdout and batch.stderr == ""
    # A pasted page's unknown words are not all listed: five, and how many more.
    page = "Xiaomi " + " ".join(f"zzq{letter}x" for letter in "abcdefg")
    many = run_cli(command, page, "-n", "1", "--index", str(seed_index_dir))
    assert many.returncode == 0
    assert "'zzqex' (2 more), so they matched nothing" in many.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["query", "NOT car"], "only says what to leave out"),
        (["query", ""], "no words to search for"),
        (["query", "Xiaomi", "--article", "nope"], "no article 'nope'"),
    ],
)
def test_bad_queries_exit_2_with_one_line(
    seed_index_dir: Path, args: list[str], message: str
) -> None:
    result = run_cli(*args, "--index", str(seed_index_dir))
    assert result.returncode == 2
    assert result.stdout == ""
    assert message in result.stderr
    assert "hint:" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "message", "hint"),
    [
        (["query", "x", "--limit", "-1"], "--limit / -n must be 0 or more, not -1", "query --help"),
        (["query", "x", "-n", "abc"], "--limit / -n takes a whole number, not 'abc'", "--help"),
        (["query", "x", "--limit=1.5"], "--limit / -n takes a whole number, not '1.5'", "--help"),
        (["query", "x", "-j", "two"], "--jobs / -j takes a whole number, not 'two'", "--help"),
        (["query"], "Missing argument", "see: leisearch query --help"),
        (["qurey", "x"], "Did you mean 'query'?", "see: leisearch --help"),
        (["show", "001", "-C", "-1"], "--context", "see: leisearch show --help"),
        (["query", "x", "-f", "xml"], "'xml' is not one of", "leisearch query --help"),
        (["query", "Apple", "-patents"], "No such option", "quote the whole query: 'Apple"),
        # -harbour is -h -a ... to Click: the word typed is named, not -a
        (["query", "-harbour"], "No such option: -harbour (hint", "leisearch query -- -harbour)"),
        (["query", "x", "-fplain", "-harbour"], "No such option: -harbour (hint", "'x -fplain"),
        # An unknown option: those a typing slip away, or none (Click's "--jobs" for it)
        (["quotes", "--speker", "Lei Jun"], "No such option: --speker", "did you mean: --speaker)"),
        (["query", "x", "--sourc", "y"], "No such option: --sourc", "mean: --source, --sort)"),
        (
            ["query", "x", "--bogus"],
            "No such option: --bogus (hint",
            "see: leisearch query --help)",
        ),
        # A format typed as an option, as --json is one
        (["query", "x", "--csv"], "No such option: --csv", "did you mean: --format csv)"),
        # -ferry is -f erry to Click: --format erry
        (["query", "Apple", "-ferry"], "'erry' is not one of", "query: 'Apple -ferry'"),
        (["quotes", "-ferry", "Apple"], "'erry'", "leisearch quotes -- '-ferry Apple'"),
        (
            ["query", "Xiaomi's", "car", "-Musk", "-n", "5", "--speaker", "Lei Jun"],
            "No such option: -Musk (hint",
            """quote the whole query: 'Xiaomi'"'"'s car -Musk')""",
        ),
    ],
)
def test_usage_errors_exit_2_with_one_line(
    seed_index_dir: Path, args: list[str], message: str, hint: str
) -> None:
    result = run_cli(*args, "--index", str(seed_index_dir))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("leisearch: error: ")
    assert len(result.stderr.splitlines()) == 1
    assert message in result.stderr
    assert hint in result.stderr.split("(hint: ")[1]


def test_an_option_given_no_value_points_to_its_commands_help(seed_index_dir: Path) -> None:
    # Click raises this one without a context: the command typed still names the help.
    result = run_cli("quotes", "--index", str(seed_index_dir), "--speaker")
    assert result.returncode == 2 and result.stdout == ""
    assert "'--speaker' requires an argument" in result.stderr
    assert result.stderr.endswith("(hint: see: leisearch quotes --help)\n")


def test_no_command_shows_the_help() -> None:
    result = run_cli()
    assert result.returncode == 2
    assert "Usage: leisearch" in result.stderr
    assert "query" in result.stderr


def test_missing_corpus_path(tmp_path: Path) -> None:
    result = run_cli("index", str(tmp_path / "nowhere"), "--index", str(tmp_path / "ix"))
    assert result.returncode == 2
    assert "no such file or folder" in result.stderr and "hint:" in result.stderr
    assert "Traceback" not in result.stderr
    # A first build that fails leaves no index folder behind; a folder the user made stays.
    assert not (tmp_path / "ix").exists()
    (tmp_path / "mine").mkdir()
    again = run_cli("index", str(tmp_path / "nowhere"), "--index", str(tmp_path / "mine"))
    assert again.returncode == 2 and "no such file or folder" in again.stderr
    assert (tmp_path / "mine").is_dir()


def test_unwritable_index_location(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    result = run_cli("index", str(SEEDS), "--index", str(blocker / "ix"))
    assert result.returncode == 2
    assert "cannot write the index" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_and_damaged_index(tmp_path: Path, copied_index: Path) -> None:
    missing = run_cli("query", "x", "--index", str(tmp_path / "none"))
    assert missing.returncode == 2 and "no leisearch index" in missing.stderr
    (copied_index / manifest_module.MANIFEST).write_text("{", encoding="utf-8")
    damaged = run_cli("query", "x", "--index", str(copied_index))
    assert damaged.returncode == 2
    assert "leisearch index --rebuild" in damaged.stderr
    assert "Traceback" not in damaged.stderr


@pytest.mark.parametrize("damage", ["cut", "undecodable"])
@pytest.mark.parametrize("line", [1, 2])
def test_a_damaged_article_or_speaker_list_is_reported_when_read(
    copied_index: Path, line: int, damage: str
) -> None:
    manifest = copied_index / manifest_module.MANIFEST
    lines = manifest.read_bytes().splitlines()
    half = len(lines[line]) // 2
    # Cut in half, or a byte that is no UTF-8 in the middle of a name.
    lines[line] = lines[line][:half] + (b"" if damage == "cut" else b"\xff" + lines[line][half:])
    manifest.write_bytes(b"\n".join(lines) + b"\n")
    # A query reads only the manifest's first line, and still answers.
    query = run_cli("query", "patents", "--json", "--index", str(copied_index))
    assert query.returncode == 0, query.stderr
    listing = run_cli("articles" if line == 1 else "speakers", "--index", str(copied_index))
    assert listing.returncode == 2
    assert listing.stdout == ""
    assert listing.stderr.startswith("leisearch: error: the index manifest")
    assert "leisearch index --rebuild" in listing.stderr
    assert len(listing.stderr.splitlines()) == 1


def test_index_summary_on_stderr_and_env_location(tmp_path: Path) -> None:
    target = tmp_path / "from-env"
    result = run_cli("index", str(SEEDS), env={"LEISEARCH_INDEX": str(target)})
    assert result.returncode == 0
    assert result.stdout == ""
    assert len(manifest_module.read_manifest(target).articles) == 5  # type: ignore[union-attr]
    assert re.search(r"indexed 5 articles, \d+ paragraphs in [\d.]+ s", result.stderr)
    # The index built in one process answers in another.
    query = run_cli("query", "patents", "--json", env={"LEISEARCH_INDEX": str(target)})
    assert query.returncode == 0 and query.stdout


def test_articles(seed_index_dir: Path) -> None:
    result = run_cli("articles", "--json", "--index", str(seed_index_dir))
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == sorted(p.stem for p in SEEDS.glob("*.txt"))
    for record in records:
        assert list(record) == ["id", "title", "paragraphs", *META_KEYS]
        first_line = next(
            line.strip()
            for line in (SEEDS / f"{record['id']}.txt").read_text(encoding="utf-8").splitlines()
            if line.strip()
        )
        assert record["title"] == first_line
    plain = run_cli("articles", "--index", str(seed_index_dir))
    assert plain.returncode == 0 and ANSI not in plain.stdout
    assert len(plain.stdout.splitlines()) == len(records)


def test_version_and_module_entry() -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"leisearch {__version__}"


def test_broken_pipe_is_quiet(seed_index_dir: Path) -> None:
    proc = run_shell(f'LEISEARCH query Xiaomi -n 0 --index "{seed_index_dir}" | head -1')
    assert proc.stdout.startswith("1. ")
    assert proc.stderr == ""


def test_first_query_builds_the_default_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(locations, "default_index_dir", lambda environ: tmp_path / "default")
    with pytest.raises(SystemExit) as done:
        cli.main(["query", "word of mouth", "--json"])
    assert done.value.code == 0
    out, err = capsys.readouterr()
    assert "building one from" in err and "indexed 5 articles" in err
    assert json.loads(out.splitlines()[0])["rank"] == 1
    assert (tmp_path / "default" / manifest_module.MANIFEST).is_file()


def test_unquoted_words_are_one_query(seed_index_dir: Path) -> None:
    loose = run_cli("query", "why", "did", "Lei", "Jun", "--json", "--index", str(seed_index_dir))
    quoted = run_cli("query", "why did Lei Jun", "--json", "--index", str(seed_index_dir))
    assert loose.returncode == 0 and loose.stdout == quoted.stdout


@pytest.mark.parametrize("reader", ["head -1", "true"])
@pytest.mark.parametrize("output", ["--json", "--format table", "--format csv", "--format plain"])
def test_a_reader_that_leaves_early_is_not_an_error(
    seed_index_dir: Path, reader: str, output: str
) -> None:
    # The table is drawn by Rich, which exits with 1 on a broken pipe unless told otherwise.
    for command in ("query Lei Jun", "quotes", "show 004"):
        query = f'LEISEARCH {command} -n 0 {output} --index "{seed_index_dir}"'
        if command.startswith("show"):
            query = query.replace(" -n 0", "")
        proc = run_shell(f"set -o pipefail; {query} | {reader}")
        assert (proc.returncode, proc.stderr) == (0, ""), command


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_is_one_line_and_exit_2(seed_index_dir: Path) -> None:
    proc = run_shell(f'LEISEARCH query Lei Jun -n 0 --index "{seed_index_dir}" > /dev/full')
    assert proc.returncode == 2
    assert (
        proc.stderr.strip() == "leisearch: error: cannot write the output: No space left on device"
    )


def test_batch_queries_from_stdin(seed_index_dir: Path) -> None:
    queries = ["patents", "word of mouth", "zzzznothing"]
    batch = run_cli(
        "query", "-", "-n", "3", "--index", str(seed_index_dir), input="\n".join(queries) + "\n\n"
    )
    assert batch.returncode == 0, batch.stderr
    records = [json.loads(line) for line in batch.stdout.splitlines()]
    assert [r["query"] for r in records] == ["patents"] * 3 + ["word of mouth"] * 3 + queries[2:]
    assert [r["line"] for r in records] == [1] * 3 + [2] * 3 + [3]
    for query in queries[:2]:
        single = run_cli("query", query, "-n", "3", "--json", "--index", str(seed_index_dir))
        expected = [json.loads(line) for line in single.stdout.splitlines()]
        assert [
            {k: v for k, v in r.items() if k not in ("query", "line", "error")}
            for r in records
            if r["query"] == query
        ] == expected
    # The batch's keys first, then a hit's; a query without hits still has its record:
    # the keys of a hit, all null.
    assert all(list(r)[:3] == ["query", "line", "error"] for r in records)
    assert {r["error"] for r in records} == {None}
    assert records[-1].keys() == {"query", "line", "error", *expected[0]}
    assert {v for k, v in records[-1].items() if k not in ("query", "line")} == {None}


@pytest.mark.parametrize("command", ["query", "quotes"])
@pytest.mark.parametrize("given", ["", "\n  \n\n"])
def test_a_batch_without_queries_says_so(seed_index_dir: Path, command: str, given: str) -> None:
    batch = run_cli(command, "-", "--index", str(seed_index_dir), input=given)
    assert batch.returncode == 1 and batch.stdout == ""
    assert batch.stderr == (
        "leisearch: no queries: stdin held no line with words (batch mode reads one query a line)\n"
    )


@pytest.mark.parametrize(
    ("options", "said"),
    [
        (["--speaker", "Nobody Known"], "no speaker 'Nobody Known' in the index"),
        (["--since", "notadate"], "'notadate' is not a day, a month or a year"),
        (["--since", "2025", "--until", "2024"], "ends before it starts"),
        (["--article", "zzz"], "no article 'zzz'"),
    ],
)
@pytest.mark.parametrize("command", ["query", "quotes"])
def test_a_batch_option_no_query_can_run_with_is_one_error(
    seed_index_dir: Path, command: str, options: list[str], said: str
) -> None:
    batch = run_cli(
        command, "-", *options, "--index", str(seed_index_dir), input="patents\ncar\nphone\n"
    )
    assert batch.returncode == 2 and batch.stdout == ""
    assert len(batch.stderr.splitlines()) == 1, batch.stderr  # once, not once a query
    assert said in batch.stderr and "(hint: " in batch.stderr and "line " not in batch.stderr


@pytest.mark.parametrize("command", ["query", "quotes"])
def test_a_batch_with_a_source_no_article_has_is_one_error_before_any_query(
    seed_index_dir: Path, command: str
) -> None:
    batch = run_cli(
        command,
        "-",
        "--source",
        "Nowhere Times",
        "--index",
        str(seed_index_dir),
        input="patents\ncar\n",
    )
    assert (batch.returncode, batch.stdout) == (2, "")
    assert batch.stderr.count("no article has the source 'Nowhere Times'") == 1


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_batch_reads_stdin_as_utf8_whatever_the_locale_says(
    seed_index_dir: Path, jobs: str
) -> None:
    # A byte-order mark first, and again where a second file was joined on (``cat a b``);
    # UTF-8 where the declared encoding is ASCII.
    lines = "\ufeffpatents\ncafé Xiaomi\n\ufeffcar\n"
    run = run_process(
        "query",
        "-",
        "-n",
        "1",
        "--jobs",
        jobs,
        "--index",
        str(seed_index_dir),
        env={"PYTHONIOENCODING": "ascii"},
        input=lines,
    )
    assert run.returncode == 0 and run.stderr == ""
    assert [json.loads(line)["query"] for line in run.stdout.splitlines()] == [
        "patents",
        "café Xiaomi",
        "car",
    ]


@pytest.mark.parametrize("command", ["query", "quotes"])
def test_batch_reports_bad_lines_and_goes_on(seed_index_dir: Path, command: str) -> None:
    batch = run_cli(
        command, "-", "-n", "1", "--index", str(seed_index_dir), input="\n\nNOT car\npatents\n"
    )
    assert batch.returncode == 2
    assert "line 3: the query only says what to leave out" in batch.stderr  # blank lines count
    # The bad line has its answer too (a coprocess waits for one): its error, then nulls.
    bad, good = (json.loads(line) for line in batch.stdout.splitlines())
    assert (bad["query"], bad["line"], good["query"], good["line"]) == ("NOT car", 3, "patents", 4)
    assert bad["error"] == {
        "reason": "only_exclusions",
        "message": "the query only says what to leave out",
    }
    assert {v for k, v in bad.items() if k not in ("query", "line", "error")} == {None}
    assert bad.keys() == good.keys() and good["error"] is None


def test_batch_quotes(seed_index_dir: Path) -> None:
    batch = run_cli(
        "quotes", "-", "--speaker", "Lei", "--index", str(seed_index_dir), input="patents\ncars\n"
    )
    assert batch.returncode == 0
    records = [json.loads(line) for line in batch.stdout.splitlines()]
    assert {r["query"] for r in records} == {"patents", "cars"}
    assert {r["speaker"] for r in records} == {"Lei Jun"}


@pytest.mark.parametrize(
    "args",
    [
        ["query", "word of mouth", "--json"],
        ["query", "flabbergasted mouth", "--json"],  # a word no text holds: NLTK's stemmer
        ["quotes", "patents", "--json"],
        ["articles"],
    ],
)
def test_machine_output_never_imports_nltk_rich_an_ingester_or_typer_for_a_query(
    seed_index_dir: Path, args: list[str]
) -> None:
    # As Typer tests its own lazy Rich import: NLTK and Rich cost ~260 ms of start-up,
    # and the libraries that read files (trafilatura and its lxml, Markdown, YAML,
    # charset detection) are for building only.
    heavy = {"nltk", "rich", "trafilatura", "htmldate", "lxml", "markdown_it", "yaml"}
    heavy |= {"charset_normalizer"}
    if args[0] in ("query", "quotes"):  # cli.quick: Typer is a fifth of a query's start-up
        heavy |= {"typer"}
    probe = (
        "import atexit, sys\n"
        "atexit.register(lambda: print(sorted({m.split('.')[0] for m in sys.modules}"
        f" & {heavy!r}) + [m for m in sys.modules if m.startswith('leisearch.ingest')],"
        " file=sys.stderr))\n"
        "from leisearch.cli import main\n"
        f"main({[*args, '--index', str(seed_index_dir)]!r})\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout
    assert proc.stderr.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize(
    ("args", "loaded"),
    [
        (["query", "word of mouth", "--json"], []),
        (["query", "Lei Jun", "--json"], []),  # hits that quote someone: their speakers
        (["query", "car"], []),
        (["quotes", "patents"], ["quotations"]),
        (["speakers", "--json"], ["catalogue"]),
    ],
)
def test_commands_create_only_the_records_they_return(
    seed_index_dir: Path, args: list[str], loaded: list[str]
) -> None:
    # Each frozen dataclass costs about a millisecond to create: the records a query
    # does not return live in submodules of leisearch.models, loaded on first use.
    printed = _after(
        seed_index_dir,
        args,
        "print([m for m in ('catalogue', 'quotations', 'reports')"
        " if f'leisearch.models.{m}' in sys.modules], file=sys.stderr)\n",
    )
    assert printed[-1] == repr(loaded)


def _after(index_dir: Path, args: list[str], then: str) -> list[str]:
    """Run a command in a fresh process, then the Python code ``then`` there (which
    prints to stderr); the lines on stderr. The command must write to stdout."""
    probe = (
        "import sys\n"
        "from leisearch.cli import main\n"
        "try:\n"
        f"    main({[*args, '--index', str(index_dir)]!r})\n"
        "except SystemExit:\n"
        "    pass\n"
    ) + then
    proc = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout
    return proc.stderr.strip().splitlines()


def test_queries_skip_the_whoosh_modules_they_never_use(seed_index_dir: Path) -> None:
    # See leisearch/engine/whoosh/imports.py: stand-ins that import the real module at first use.
    printed = _after(
        seed_index_dir,
        ["query", "word of mouth", "--json"],
        "unused = ('urllib.request', 'html', 'hashlib', '_hashlib', 'tempfile', 'shutil',"
        " 'calendar', 'random', 'queue', 'whoosh.lang.dmetaphone', 'whoosh.highlight',"
        " 'whoosh.searching', 'whoosh.query', 'whoosh.classify')\n"
        "print([name for name in unused if name in sys.modules], file=sys.stderr)\n"
        "print(type(sys.modules['whoosh.lang.morph_en']).__name__, file=sys.stderr)\n"
        "from whoosh.query.terms import variations\n"
        "print(sorted(variations('render')), file=sys.stderr)\n"
        "print(type(sys.modules['whoosh.lang.morph_en']).__name__, file=sys.stderr)\n"
        "from whoosh.compat import htmlescape\n"
        "from whoosh.filedb.filetables import md5\n"
        "import hashlib\n"
        "print(htmlescape('<a&b>'), md5(b'leisearch').hexdigest()"
        " == hashlib.md5(b'leisearch').hexdigest(), file=sys.stderr)\n"
        # The standard modules' stand-ins, kept by Whoosh's modules, work as the modules.
        "import io, whoosh.compat, whoosh.util, whoosh.util.times, whoosh.filedb.filestore\n"
        "from whoosh.filedb.compound import copyfileobj\n"
        "copied = io.BytesIO()\n"
        "copyfileobj(io.BytesIO(b'abc'), copied)\n"
        "print(copied.getvalue() == b'abc', whoosh.util.times.calendar.monthrange(2024, 2)[1],"
        " len(whoosh.util.random_name(6)), whoosh.compat.queue.Queue().empty(),"
        " whoosh.filedb.filestore.tempfile.gettempdir() != '', file=sys.stderr)\n"
        # Whoosh's own: its stemming analyzer stems and can be pickled (into a schema), its
        # metaphone filter works, and its searcher's highlighting module is there.
        "import pickle\n"
        "from whoosh.analysis import StemmingAnalyzer, DoubleMetaphoneFilter, RegexTokenizer\n"
        "import whoosh.searching\n"
        "print([t.text for t in pickle.loads(pickle.dumps(StemmingAnalyzer()))('Running cars')],"
        " [t.text for t in (RegexTokenizer() | DoubleMetaphoneFilter())('Smith')],"
        " whoosh.searching.highlight.HtmlFormatter.__name__, file=sys.stderr)\n",
    )
    loaded, before, variations, after, escaped, standing, whooshes = printed[-7:]
    assert loaded == "[]"
    assert before == "StandIn"
    assert "'rendered'" in variations
    assert "'renders'" in variations
    assert after == "module"
    assert escaped == "&lt;a&amp;b&gt; True"
    assert standing == "True 29 6 True True"
    # (As Whoosh gives them in a process without leisearch: its Porter stems "running" so.)
    assert whooshes == "['runn', 'car'] ['SM0', 'XMT'] HtmlFormatter"


@pytest.mark.parametrize("query", ["patents AND Apple", "car -battery", "title:Sony"])
def test_a_query_only_whoosh_ranks_imports_its_searcher_with_the_stand_ins(
    seed_index_dir: Path, query: str
) -> None:
    # engine.whoosh.imports: loose words are ranked without whoosh.searching; another
    # query imports it then, with the same stand-ins, and gets Whoosh's ranking.
    printed = _after(
        seed_index_dir,
        ["query", query, "--json"],
        # (Not whoosh.highlight: Whoosh's results make a highlighter, from the real module.)
        "unused = ('urllib.request', 'html', 'tempfile', 'shutil', 'calendar', 'random',"
        " 'queue')\n"
        "print([name for name in unused if name in sys.modules],"
        " 'whoosh.searching' in sys.modules, file=sys.stderr)\n",
    )
    assert printed[-1] == "[] True"


def test_a_query_never_imports_inspect_yet_dataclasses_still_use_it(seed_index_dir: Path) -> None:
    # leisearch.standins: ``dataclasses`` gets a stand-in for ``inspect``, which it calls
    # (before Python 3.12) only to write the docstring of a class that has none.
    printed = _after(
        seed_index_dir,
        ["query", "word of mouth", "--json"],
        "print([m for m in ('inspect', 'ast', 'dis') if m in sys.modules], file=sys.stderr)\n"
        "import dataclasses\n"
        "Point = dataclasses.make_dataclass('Point', [('x', int), ('y', float)])\n"
        "print(Point.__doc__, 'inspect' in sys.modules, file=sys.stderr)\n",
    )
    loaded, made = printed[-2:]
    assert made == "Point(x: int, y: float) True"
    if sys.version_info < (3, 12):  # from 3.12, dataclasses reads every class with inspect
        assert loaded == "[]"


def test_batch_goes_on_after_an_unknown_article(seed_index_dir: Path) -> None:
    batch = run_cli(
        "query",
        "-",
        "--index",
        str(seed_index_dir),
        input="patents\narticle:zzz patents\nword of mouth\n",
    )
    assert batch.returncode == 2
    assert "line 2: no article 'zzz'" in batch.stderr
    records = [json.loads(line) for line in batch.stdout.splitlines()]
    assert [(r["query"], r["line"]) for r in records if r["error"]] == [("article:zzz patents", 2)]
    assert records[[r["line"] for r in records].index(2)]["error"]["reason"] == "unknown_article"
    assert {r["query"] for r in records if not r["error"]} == {"patents", "word of mouth"}


def test_show_a_hit_in_context(seed_index_dir: Path) -> None:
    hit = json.loads(
        run_cli("query", "patents", "-n", "1", "--json", "--index", str(seed_index_dir)).stdout
    )
    target = f"{hit['article']}:{hit['paragraph']}"
    shown = run_cli("show", target, "--context", "1", "--json", "--index", str(seed_index_dir))
    assert shown.returncode == 0, shown.stderr
    records = [json.loads(line) for line in shown.stdout.splitlines()]
    assert [r["paragraph"] for r in records] == [
        hit["paragraph"] - 1,
        hit["paragraph"],
        hit["paragraph"] + 1,
    ]
    assert list(records[0]) == ["article", "paragraph", "text", "quotes", *META_KEYS]
    focus = records[1]
    assert focus["text"] == hit["text"]
    for quote in focus["quotes"]:
        assert focus["text"][quote["start"] : quote["end"]] == quote["text"]
        assert quote["speaker"] in hit["speakers"]
    plain = run_cli("show", target, "-C", "0", "--index", str(seed_index_dir))
    assert f">[{hit['paragraph']}]" in plain.stdout and "quoted: Lei Jun" in plain.stdout


def test_show_a_whole_article_by_prefix(seed_index_dir: Path) -> None:
    shown = run_cli("show", "004", "--json", "--index", str(seed_index_dir))
    numbers = [json.loads(line)["paragraph"] for line in shown.stdout.splitlines()]
    articles = run_cli("articles", "--json", "--index", str(seed_index_dir)).stdout.splitlines()
    expected = next(json.loads(a)["paragraphs"] for a in articles if a.startswith('{"id": "004'))
    assert numbers == list(range(1, expected + 1))


@pytest.mark.parametrize(
    "target", ["004:0", "004:999", "004:x", "zzz:1", "00:1", "004:\u00b2", "004:\uff11"]
)
def test_show_rejects_bad_targets(seed_index_dir: Path, target: str) -> None:
    shown = run_cli("show", target, "--index", str(seed_index_dir))
    assert shown.returncode == 2
    assert shown.stdout == "" and "hint:" in shown.stderr and "Traceback" not in shown.stderr


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("extra", [["--help"], ["--no-such-option"]])
def test_a_command_run_alone_behaves_as_in_the_whole_app(
    command: str, extra: list[str], tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    args = [command, *extra]
    alone = app_for(args)
    assert [info.name for info in alone.registered_commands] == [command]
    args += ["--index", str(tmp_path / "missing")]
    runner = CliRunner()
    whole_result = runner.invoke(make_app(), args, prog_name="leisearch")
    alone_result = runner.invoke(alone, args, prog_name="leisearch")
    assert whole_result.output
    assert (alone_result.exit_code, alone_result.output) == (
        whole_result.exit_code,
        whole_result.output,
    )


@pytest.mark.parametrize("args", [[], ["--version"], ["qurey", "x"]])
def test_anything_but_a_command_gets_the_whole_app(args: list[str]) -> None:
    names = [info.name for info in app_for(args).registered_commands]
    assert names == list(COMMANDS)


@pytest.mark.parametrize("fmt", ["csv", "plain", "json"])
def test_batch_mode_says_it_writes_json_lines(seed_index_dir: Path, fmt: str) -> None:
    result = run_cli("query", "-", "-f", fmt, "--index", str(seed_index_dir), input="patents\n")
    assert result.returncode == 0
    assert json.loads(result.stdout.splitlines()[0])["query"] == "patents"
    assert f"batch mode writes JSON Lines: --format {fmt} is ignored" in result.stderr


def test_a_foreign_folder_is_not_offered_as_an_index(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = run_cli("query", "patents", "--index", str(tmp_path))
    assert result.returncode == 2
    assert "is not a leisearch index" in result.stderr
    # Building there would be refused: the hint names a new folder instead.
    assert f"leisearch index --index {tmp_path}" not in result.stderr
    assert "NEW_FOLDER" in result.stderr
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("module", ["leisearch.cli", "leisearch.cli.app"])
def test_ctrl_c_while_the_command_line_loads_is_one_line(module: str) -> None:
    # Ctrl-C lands while the command line, or Typer for a command line that needs it
    # (none here: Typer's help), is still importing: a finder interrupts that import.
    probe = (
        "import sys\n"
        "class Interrupt:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        f"        if name == {module!r}:\n"
        "            raise KeyboardInterrupt\n"
        "sys.meta_path.insert(0, Interrupt())\n"
        "from leisearch.__main__ import run\n"
        "run()\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 130
    assert proc.stderr == "leisearch: interrupted\n"
    assert proc.stdout == ""


def test_a_cold_query_makes_the_collector_pass_over_nothing(seed_index_dir: Path) -> None:
    # Its passes over the objects of the modules as they load were a few milliseconds of
    # every query (``leisearch.__main__``); the query makes far fewer objects than it
    # takes for a pass now.
    probe = (
        "import atexit, gc, sys\n"
        "passes = []\n"
        "gc.callbacks.append(lambda phase, info: phase == 'start' and passes.append(1))\n"
        "atexit.register(lambda: print('passes', len(passes), file=sys.stderr))\n"
        f"sys.argv = ['leisearch', 'query', 'word of mouth', '--json', '--index', "
        f"{str(seed_index_dir)!r}]\n"
        "from leisearch.__main__ import run\n"
        "passes.clear()\n"  # (those while the package's own first module loaded)
        "run()\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout.splitlines()[0])["rank"] == 1
    assert proc.stderr == "passes 0\n"


def test_show_takes_an_id_that_holds_a_colon(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a:b.txt").write_text("Title\n\nFirst.\n\nSecond.", encoding="utf-8")
    run_cli("index", str(corpus), "--index", str(tmp_path / "ix"))
    whole = run_cli("show", "a:b", "--index", str(tmp_path / "ix"))
    assert whole.returncode == 0, whole.stderr
    assert "[1] First." in whole.stdout and "[2] Second." in whole.stdout
    focused = run_cli("show", "a:b:2", "-C", "0", "--index", str(tmp_path / "ix"))
    assert focused.returncode == 0 and ">[2] Second." in focused.stdout


def test_a_hard_wrapped_quotation_reads_on_one_line(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "wrapped.txt").write_text(
        "Harbour news\n\n"
        '"The ferry will sail again from the harbour\nin the spring," said Ann Roe, the harbour\n'
        "master of the town.",
        encoding="utf-8",
    )
    index = str(tmp_path / "ix")
    run_cli("index", str(corpus), "--index", index)
    quotes = run_cli("quotes", "--index", index)
    assert quotes.returncode == 0, quotes.stderr
    assert "The ferry will sail again from the harbour in the spring," in quotes.stdout
    assert "\u240a" not in quotes.stdout  # (no control picture for a line break)
    shown = run_cli("show", "wrapped", "--index", index)
    lines = shown.stdout.splitlines()
    # the paragraph's wraps joined when it was read: one line
    joined = (
        ' [1] "The ferry will sail again from the harbour in the spring," said Ann Roe, the'
        " harbour master of the town."
    )
    assert joined in lines


def test_json_with_another_format_says_which_wins(seed_index_dir: Path) -> None:
    both = run_cli(
        "query", "patents", "-n", "1", "--json", "-f", "csv", "--index", str(seed_index_dir)
    )
    assert json.loads(both.stdout.splitlines()[0])["rank"] == 1
    assert "--json writes JSON Lines: --format csv is ignored" in both.stderr


def test_no_results_names_the_filters_and_the_index(seed_index_dir: Path) -> None:
    found = run_cli("query", "patents", "--article", "003", "--index", str(seed_index_dir))
    assert found.returncode == 1
    assert found.stderr.splitlines()[0] == (
        f"leisearch: no results for 'patents' with --article '003' in the index at "
        f"{seed_index_dir} (5 articles)"
    )
    quotes = run_cli("quotes", "zzyzx", "--since", "2020", "--index", str(seed_index_dir))
    assert quotes.returncode == 1
    assert quotes.stderr.startswith(
        f"leisearch: no quotations of 'zzyzx' with --since '2020' in the index at {seed_index_dir}"
    )


@pytest.mark.parametrize(
    ("query", "hint"),
    [
        ("NOT council", "add something to look for, e.g. council NOT library"),
        ("?!", 'try e.g. leisearch query "council library"'),
    ],
)
def test_hints_give_examples_in_the_index_own_words(tmp_path: Path, query: str, hint: str) -> None:
    index_dir = tmp_path / "ix"
    assert (
        run_cli(
            "index", str(ROOT / "tests" / "fixtures" / "formats"), "--index", str(index_dir)
        ).returncode
        == 0
    )
    for command in ("query", "quotes"):
        result = run_cli(command, query, "--index", str(index_dir))
        assert result.returncode == 2
        assert result.stderr.strip().endswith(f"(hint: {hint})")


def test_the_index_may_be_named_before_the_command(seed_index_dir: Path) -> None:
    after = run_cli("query", "patents", "--json", "-n", "2", "--index", str(seed_index_dir))
    before = run_cli("--index", str(seed_index_dir), "query", "patents", "--json", "-n", "2")
    joined = run_cli(f"--index={seed_index_dir}", "query", "patents", "--json", "-n", "2")
    assert after.returncode == before.returncode == joined.returncode == 0
    assert before.stdout == after.stdout == joined.stdout != ""
