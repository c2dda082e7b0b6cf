"""Speed and scale of leisearch against baselines measured in the same run.

    python benchmarks/bench.py [--sizes seeds,100,1000,2000,10000] [--corpus synth|polnear:DIR]
        [--only build,size,reindex,cold,warm,batch,memory] [--runs 10] [--out FILE]
        [--extrapolate 100000 [--fit-sizes 10000,30000,...]] [--from FILE ...]

For each size, a corpus of that many articles is generated once in a temporary
folder: by ``synth.py`` from the seed paragraphs (``--corpus synth``, the
default), or by ``synth_news.py`` from a folder of real news articles
(``--corpus polnear:DIR``); ``seeds`` means the five seed articles themselves.
Then, on that corpus (``--only`` picks some of these; a measurement that needs an
index builds the engines it needs):

* **build**: ``leisearch index DIR --rebuild --index X`` against a plain
  Whoosh index and an FTS5 database of the same paragraphs, each built by a
  child process (``baselines.py``), so imports count the same way;
* **size**: bytes on disk of each;
* **memory**: the peak memory of each build, summed over its process tree
  (the build and its workers, polled every 10 ms or more; PSS, with RSS beside it: see
  ``treemem.py``), and the build process's own peak from ``os.wait4``; and the
  cold query's peak (``os.wait4``: a query is one process);
* **cold**: ``leisearch query QUERY --json`` in a fresh process against
  ``sqlite-utils search DB paragraphs QUERY --limit 10`` and ``python -c pass``,
  after one warm-up run each so bytecode caches exist;
* **warm**: the 50 queries of the corpus's query set in one process per
  engine (``baselines.py warm``), per-query milliseconds;
* **batch**: ``leisearch query - --json`` and ``leisearch quotes - --json``,
  each with the same 1,000 queries on stdin, queries a second and the ratio of
  their times ("n/a" when this leisearch has no batch mode; a run still going
  after ``--batch-timeout`` is stopped and reported as fewer than 1,000 / that);
* **reindex**: ``leisearch index DIR --index X`` with nothing changed and
  then after one article changed, as a fraction of the full build. A run is
  stopped after ``--reindex-cutoff`` of the full build (at least 10 s) and
  reported as more than that.

The machine is noisy, so every timing is a median and is also given as a
ratio to its baselines; the runs of different engines are interleaved.
Builds are repeated ``--build-runs`` times (default: 3 up to 100 articles,
else once). ``PYTHONDONTWRITEBYTECODE`` is removed from the children's
environment, as users do not set it. A Markdown table per size goes to stdout,
then the targets of issue 14 that apply at that size (``TARGETS``), each with
its baseline from the same run, the ratio and met or missed; every raw sample
goes to ``--out`` (JSON).

``--extrapolate N`` fits a power law ``y = a * size ** b`` through each
measure at the largest three sizes measured (or ``--fit-sizes``) and prints
the figure at ``N``, marked as extrapolated, with the exponent ``b`` and how
far the fit is from its own points; the targets at ``N`` are checked on the
extrapolated figures, marked so. ``--from FILE`` reads the sizes of earlier
``--out`` files (a run split by ``--only``, say) for the tables, the targets and
the fit; with ``--from`` and no ``--sizes``, nothing is measured.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, TextIO

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
BATCH_QUERIES = 1000
#: The name's ending of a batch run over ``distinct_queries`` (``query_distinct``).
DISTINCT = "_distinct"
MIN_CUTOFF_SECONDS = 10.0
BATCH_TIMEOUT_SECONDS = 120.0
DEFAULT_SIZES = "seeds,100,1000,2000,10000"
MEASUREMENTS = ("build", "size", "reindex", "cold", "warm", "batch", "memory")
ENGINES = ("leisearch", "whoosh", "fts5")
FIT_POINTS = 3
ROUGH_POLLS = 10

sys.path.insert(0, str(HERE))
import baselines  # noqa: E402  (sibling scripts, not a package)
import spawner  # noqa: E402
import synth  # noqa: E402
import synth_news  # noqa: E402
import treemem  # noqa: E402


@dataclass(frozen=True)
class QuerySet:
    """The queries a corpus is measured with: the cold query, and the 50 of a file."""

    cold: str
    path: Path

    def queries(self) -> list[str]:
        data = json.loads(self.path.read_text(encoding="utf-8"))
        return [str(q["query"]) for q in data["queries"]]


#: The seeds and ``synth.py``'s corpus are about Lei Jun and Xiaomi; ``synth_news.py``'s
#: about the 2016 US election.
QUERY_SETS = {
    "synth": QuerySet("word of mouth", HERE / "queries.json"),
    "polnear": QuerySet("Clinton email server", HERE / "news_queries.json"),
}


@dataclass(frozen=True)
class Corpus:
    """What the articles are made from: ``synth`` (the seed paragraphs) or real news."""

    kind: str
    source: Path | None = None

    def label(self) -> str:
        return self.kind if self.source is None else f"{self.kind}:{self.source}"


def parse_corpus(text: str) -> Corpus:
    """``synth``, or ``polnear:DIR`` (a folder of articles, given here, never built in)."""
    if text == "synth":
        return Corpus("synth")
    kind, _, folder = text.partition(":")
    if kind == "polnear" and folder:
        path = Path(folder).expanduser()
        if not path.is_dir():
            raise argparse.ArgumentTypeError(f"not a folder: {folder}")
        return Corpus("polnear", path.resolve())
    raise argparse.ArgumentTypeError(f"not a corpus: {text!r} (synth, or polnear:DIR)")


def parse_sizes(text: str) -> list[str]:
    sizes = [s.strip() for s in text.split(",") if s.strip()]
    for size in sizes:
        if size != "seeds" and not size.isdigit():
            raise argparse.ArgumentTypeError(f"not a size: {size!r} (a number, or 'seeds')")
    return sizes


def parse_only(text: str) -> list[str]:
    names = [s.strip() for s in text.split(",") if s.strip()]
    unknown = [n for n in names if n not in MEASUREMENTS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"not a measurement: {', '.join(unknown) or text!r} (of {', '.join(MEASUREMENTS)})"
        )
    return names


# --- Running a child -------------------------------------------------------------------


@dataclass(frozen=True)
class Sample:
    """One child process: wall time, peak memory, exit code, and whether it was stopped.

    ``max_rss_mb`` is the process's own peak (``os.wait4``); the ``tree_*`` fields, when
    the run was polled, the peaks of its process tree's summed memory (``treemem.py``).
    """

    seconds: float
    max_rss_mb: float
    returncode: int
    timed_out: bool = False
    tree_pss_mb: float | None = None
    tree_rss_mb: float | None = None
    tree_uss_mb: float | None = None
    tree_processes: int = 0
    tree_polls: int = 0
    tree_poll_ms: float | None = None
    tree_interval_ms: float | None = None
    tree_source: str | None = None


def child_env() -> dict[str, str]:
    """The environment users have: bytecode caching on, no index override, no colour."""
    drop = {"PYTHONDONTWRITEBYTECODE", "LEISEARCH_INDEX"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env["NO_COLOR"] = "1"
    return env


_spawner: spawner.Spawner | None = None


def start_spawner() -> spawner.Spawner:
    """The process that starts every child (``spawner.py``), started on first use: call
    this before the benchmark grows, so that the children's peak memory is theirs."""
    global _spawner
    if _spawner is None:
        _spawner = spawner.Spawner()
    return _spawner


def run(
    argv: list[str],
    *,
    stdin: Path | None = None,
    stdout: Path | None = None,
    timeout: float | None = None,
    tree: bool = False,
) -> Sample:
    """Run ``argv`` to the end (or kill it at ``timeout``); time it and read its peak RSS,
    and with ``tree``, poll the peak memory of it and its descendants as it runs.

    The child is started by ``spawner.py``'s small process, which reaps it with
    ``os.wait4``: ``ru_maxrss`` is the child's own peak (or, if larger, the largest of the
    children it waited for, and never below the spawner's 12 MB), not a sum over its
    processes, and not this benchmark's peak (see ``spawner.py``).
    """
    poller: list[treemem.TreePeak] = []

    def started(pid: int) -> None:
        if tree:
            poller.append(treemem.TreePeak(pid).start())

    done = start_spawner().run(
        argv,
        child_env(),
        stdin=str(stdin) if stdin else None,
        stdout=str(stdout) if stdout else None,
        timeout=timeout,
        started=started,
    )
    peaks = poller[0].stop().as_dict() if poller else {}
    return Sample(
        done["seconds"], done["max_rss_kb"] / 1024, done["returncode"], done["timed_out"], **peaks
    )


def tool(name: str) -> str | None:
    """The path of a console script installed next to this Python, if any."""
    return shutil.which(name, path=str(BIN))


def disk_size(path: Path) -> int:
    """Bytes on disk under ``path`` (a file or a folder)."""
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def summary(samples: list[Sample]) -> dict[str, Any]:
    """Medians over samples, and the samples themselves."""
    result: dict[str, Any] = {
        "seconds": median([s.seconds for s in samples]),
        "max_rss_mb": median([s.max_rss_mb for s in samples]),
    }
    for name in ("tree_pss_mb", "tree_rss_mb", "tree_uss_mb"):
        values = [v for s in samples if (v := getattr(s, name)) is not None]
        if values:
            result[name] = median(values)
    result["samples"] = [asdict(s) for s in samples]
    return result


def checked(sample: Sample, what: str) -> Sample:
    if sample.returncode != 0 or sample.timed_out:
        raise SystemExit(f"bench: {what} failed with exit code {sample.returncode}")
    return sample


# --- The measurements ------------------------------------------------------------------


def make_corpus(size: str, work: Path, corpus: Corpus = Corpus("synth")) -> Path:
    """The corpus for ``size``: a copy of the seeds, or ``size`` generated articles."""
    folder = work / "corpus"
    if size == "seeds":
        shutil.copytree(ROOT / "seeds", folder)
    elif corpus.source is not None:
        synth_news.generate(int(size), folder, corpus.source)
    else:
        synth.generate(int(size), folder)
    return folder


def engines_needed(only: Iterable[str]) -> list[str]:
    """The engines to build for the measurements in ``only``: leisearch always; plain
    Whoosh for its build, size, memory and warm queries; FTS5 for those and the cold
    query (``sqlite-utils search`` reads it)."""
    chosen = set(only)
    needed = ["leisearch"]
    if chosen & {"build", "size", "memory", "warm"}:
        needed.append("whoosh")
    if chosen & {"build", "size", "memory", "warm", "cold"}:
        needed.append("fts5")
    return needed


def measure_builds(
    corpus: Path, work: Path, leisearch: str, runs: int, engines: Iterable[str] = ENGINES
) -> tuple[dict[str, Any], dict[str, Path]]:
    """Full builds of the engines, interleaved, each polled for its process tree's
    memory; the last index of each is kept."""
    scripts = str(HERE / "baselines.py")
    engines = list(engines)
    samples: dict[str, list[Sample]] = {engine: [] for engine in engines}
    paths: dict[str, Path] = {}
    for attempt in range(runs):
        every = {
            "leisearch": work / f"leisearch-{attempt}",
            "whoosh": work / f"whoosh-{attempt}",
            "fts5": work / f"fts5-{attempt}.db",
        }
        paths = {engine: every[engine] for engine in engines}
        argvs = {
            "leisearch": [
                leisearch,
                "index",
                str(corpus),
                "--rebuild",
                "--index",
                str(every["leisearch"]),
            ],
            "whoosh": [sys.executable, scripts, "whoosh-build", str(corpus), str(every["whoosh"])],
            "fts5": [sys.executable, scripts, "fts5-build", str(corpus), str(every["fts5"])],
        }
        for engine in engines:
            samples[engine].append(checked(run(argvs[engine], tree=True), f"{engine} build"))
        if attempt < runs - 1:
            for path in paths.values():
                shutil.rmtree(path) if path.is_dir() else path.unlink()
    result = {engine: summary(s) for engine, s in samples.items()}
    for engine, path in paths.items():
        result[engine]["bytes"] = disk_size(path)
    return result, paths


def measure_cold(
    paths: dict[str, Path], leisearch: str, runs: int, query: str = "word of mouth"
) -> dict[str, Any]:
    """Fresh-process query latency, interleaved, after one warm-up run of each command."""
    argvs = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "leisearch": [leisearch, "query", query, "--json", "--index", str(paths["leisearch"])],
    }
    sqlite_utils = tool("sqlite-utils")
    if sqlite_utils and "fts5" in paths:
        argvs["sqlite-utils"] = [sqlite_utils, "search", str(paths["fts5"]), "paragraphs"]
        argvs["sqlite-utils"] += [query, "--limit", "10"]
    samples: dict[str, list[Sample]] = {name: [] for name in argvs}
    for name, argv in argvs.items():
        checked(run(argv), f"cold {name} warm-up")
    for _ in range(runs):
        for name, argv in argvs.items():
            samples[name].append(checked(run(argv), f"cold {name}"))
    return {name: summary(s) for name, s in samples.items()}


def measure_warm(
    paths: dict[str, Path], work: Path, repeat: int, queries: list[str]
) -> dict[str, Any]:
    """Per-query latency with the index opened once, per engine, in a child process."""
    listed = work / "queries.txt"
    listed.write_text("\n".join(queries) + "\n", encoding="utf-8")
    result: dict[str, Any] = {}
    for engine in ENGINES:
        out = work / f"warm-{engine}.json"
        argv = [sys.executable, str(HERE / "baselines.py"), "warm", engine, str(paths[engine])]
        sample = checked(
            run([*argv, str(listed), "--repeat", str(repeat)], stdout=out), f"warm {engine}"
        )
        ms = json.loads(out.read_text(encoding="utf-8"))
        result[engine] = {
            "ms": median(ms),
            "p90_ms": statistics.quantiles(ms, n=10)[-1] if len(ms) > 1 else ms[0],
            "max_rss_mb": sample.max_rss_mb,
            "samples_ms": ms,
        }
    return result


def batch_input(
    work: Path, queries: list[str], name: str = "batch.txt", cycled: bool = True
) -> Path:
    """The 1,000 queries of a batch run (``queries``, cycled), one a line; or
    ``queries`` once each, without ``cycled``."""
    stdin = work / name
    lines = (queries[i % len(queries)] for i in range(BATCH_QUERIES)) if cycled else queries
    stdin.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return stdin


def distinct_queries(corpus: Path, count: int = BATCH_QUERIES, seed: int = 14) -> list[str]:
    """``count`` different queries from the corpus's own text: one to three words of a
    paragraph drawn at random (words of four letters or more, as typed, in lower case).
    A batch of them asks no query twice, unlike the query set cycled (``batch_input``),
    whose answers leisearch keeps for the queries asked again."""
    chooser = random.Random(seed)
    texts = [text for _, _, text in baselines.paragraphs(corpus)]
    if not texts:
        return []
    found: dict[str, None] = {}
    for _ in range(100 * count):
        if len(found) == count:
            break
        words = re.findall(r"[A-Za-z]{4,}", chooser.choice(texts))
        if not words:
            continue
        start = chooser.randrange(len(words))
        found.setdefault(" ".join(words[start : start + chooser.randint(1, 3)]).lower())
    return list(found)


def measure_batch(
    index: Path,
    stdin: Path,
    work: Path,
    leisearch: str,
    command: str = "query",
    timeout: float = BATCH_TIMEOUT_SECONDS,
    name: str | None = None,
) -> dict[str, Any]:
    """``leisearch query -`` (or ``quotes -``) over the queries of ``stdin``: queries a
    second, or n/a. ``name`` is the run's, for its output file (the command's)."""
    out = work / f"batch-{name or command}.jsonl"
    argv = [leisearch, command, "-", "--json", "--index", str(index)]
    sample = run(argv, stdin=stdin, stdout=out, timeout=timeout)
    answered: set[str] = set()
    try:
        with out.open(encoding="utf-8") as lines:  # line by line: it can be large
            for line in lines:
                answered.add(json.loads(line)["query"])
    except (ValueError, KeyError, TypeError):
        answered = set()
    asked = sum(1 for line in stdin.read_text(encoding="utf-8").splitlines() if line.strip())
    if sample.timed_out:
        bound = asked / timeout
        return {"qps": None, "qps_below": bound, "note": "stopped", **asdict(sample)}
    if sample.returncode not in (0, 1) or not answered:
        return {"qps": None, "note": "n/a: no batch mode (or it failed)", **asdict(sample)}
    return {"qps": asked / sample.seconds, "queries_with_hits": len(answered)} | asdict(sample)


def measure_reindex(
    corpus: Path, index: Path, leisearch: str, full_build: float, cutoff: float
) -> dict[str, Any]:
    """Re-index with nothing changed, then after one article changed."""
    timeout = max(cutoff * full_build, MIN_CUTOFF_SECONDS)
    argv = [leisearch, "index", str(corpus), "--index", str(index)]
    result: dict[str, Any] = {"timeout_seconds": timeout, "full_build_seconds": full_build}
    unchanged = run(argv, timeout=timeout)
    result["unchanged"] = asdict(unchanged) | {"fraction": unchanged.seconds / full_build}
    if unchanged.timed_out or unchanged.returncode != 0:
        result["one_changed"] = None
        return result
    first = sorted(corpus.rglob("*.txt"))[0]
    with first.open("a", encoding="utf-8") as f:
        f.write("\nAn edited paragraph: quixotically rewritten for the benchmark.\n")
    changed = run(argv, timeout=timeout)
    result["one_changed"] = asdict(changed) | {"fraction": changed.seconds / full_build}
    return result


def bench_size(
    size: str, args: argparse.Namespace, leisearch: str, corpus_spec: Corpus = Corpus("synth")
) -> dict[str, Any]:
    """Every measurement of ``args.only`` for one corpus size."""
    only = list(args.only)
    kind = "synth" if size == "seeds" else corpus_spec.kind
    query_set = QUERY_SETS[kind]
    with tempfile.TemporaryDirectory(prefix=f"leisearch-bench-{size}-") as tmp:
        work = Path(tmp)
        start = time.perf_counter()
        corpus = make_corpus(size, work, corpus_spec)
        files = list(corpus.rglob("*.txt"))
        result: dict[str, Any] = {
            "size": size,
            "corpus": "seeds" if size == "seeds" else corpus_spec.label(),
            "corpus_kind": kind,
            "only": only,
            "articles": len(files),
            "corpus_bytes": sum(p.stat().st_size for p in files),
            "paragraphs": sum(1 for _ in baselines.paragraphs(corpus)),
            "generate_seconds": time.perf_counter() - start,
            "cold_query": query_set.cold,
            "query_file": query_set.path.name,
        }
        phases: dict[str, float] = {}
        result["phase_seconds"] = phases

        def phase(name: str, began: float) -> None:
            phases[name] = time.perf_counter() - began

        engines = engines_needed(only)
        build_runs = 1
        if {"build", "memory"} & set(only):
            build_runs = args.build_runs or (3 if len(files) <= 100 else 1)
        progress(f"{size}: corpus of {len(files)} articles; building {', '.join(engines)}")
        began = time.perf_counter()
        result["build"], paths = measure_builds(corpus, work, leisearch, build_runs, engines)
        phase("build", began)
        if {"cold", "memory"} & set(only):
            progress(f"{size}: cold queries")
            began = time.perf_counter()
            runs = args.runs if "cold" in only else 1
            result["cold"] = measure_cold(paths, leisearch, runs, query_set.cold)
            phase("cold", began)
        queries = query_set.queries()
        if "warm" in only:
            progress(f"{size}: warm queries")
            began = time.perf_counter()
            result["warm"] = measure_warm(paths, work, args.warm_repeat, queries)
            phase("warm", began)
        if "batch" in only:
            inputs = {
                "": batch_input(work, queries),
            }
            # (A corpus too small for 1,000 different queries asks as many as it holds.)
            distinct = distinct_queries(corpus)
            if distinct:
                inputs[DISTINCT] = batch_input(work, distinct, "batch-distinct.txt", cycled=False)
            result["batch"] = {}
            for kind, stdin in inputs.items():
                for command in ("query", "quotes"):
                    name = command + kind
                    progress(
                        f"{size}: batch {command} - ({'different' if kind else 'the'} queries)"
                    )
                    began = time.perf_counter()
                    result["batch"][name] = measure_batch(
                        paths["leisearch"],
                        stdin,
                        work,
                        leisearch,
                        command,
                        args.batch_timeout,
                        name,
                    )
                    phase(f"batch {name}", began)
        if "reindex" in only:
            progress(f"{size}: re-index")
            began = time.perf_counter()
            result["reindex"] = measure_reindex(
                corpus,
                paths["leisearch"],
                leisearch,
                result["build"]["leisearch"]["seconds"],
                args.reindex_cutoff,
            )
            phase("reindex", began)
        result["total_seconds"] = time.perf_counter() - start
        progress(f"{size}: done in {result['total_seconds']:.0f} s")
        return result


def progress(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


# --- Figures, with bounds and their provenance -----------------------------------------


@dataclass(frozen=True)
class Value:
    """A figure: exactly ``x`` ("="), more than ``x`` (">": a run stopped at a time
    limit), or less than ``x`` ("<"); ``extrapolated`` when a fit gave it, not a run."""

    x: float
    bound: str = "="
    extrapolated: bool = False


#: What each figure is, and its unit: (label, unit).
METRICS: dict[str, tuple[str, str]] = {
    **{f"build_s.{e}": (f"full build, {e}", "s") for e in ENGINES},
    **{f"tree_pss_mb.{e}": (f"build peak memory, process tree PSS, {e}", "MB") for e in ENGINES},
    **{f"tree_rss_mb.{e}": (f"build peak memory, process tree RSS, {e}", "MB") for e in ENGINES},
    **{f"own_mb.{e}": (f"build peak memory, main process, {e}", "MB") for e in ENGINES},
    **{f"index_mb.{e}": (f"index size, {e}", "MB") for e in ENGINES},
    "reindex_none_s": ("re-index, nothing changed", "s"),
    "reindex_one_s": ("re-index, one article changed", "s"),
    "reindex_build_s": ("leisearch full build of the re-index's run", "s"),
    "cold_ms.leisearch": ("cold query, leisearch", "ms"),
    "cold_ms.sqlite-utils": ("cold query, sqlite-utils", "ms"),
    "cold_ms.python": ("cold query, python -c pass", "ms"),
    "query_mb.leisearch": ("query peak memory, leisearch", "MB"),
    "query_mb.sqlite-utils": ("query peak memory, sqlite-utils", "MB"),
    **{f"warm_ms.{e}": (f"warm query (median), {e}", "ms") for e in ENGINES},
    "batch_qps.query": ("batch `query -`", "queries/s"),
    "batch_qps.quotes": ("batch `quotes -`", "queries/s"),
    "batch_s.query": ("batch `query -`, 1,000 queries", "s"),
    "batch_s.quotes": ("batch `quotes -`, 1,000 queries", "s"),
    "batch_qps.query_distinct": ("batch `query -`, 1,000 different queries", "queries/s"),
    "batch_qps.quotes_distinct": ("batch `quotes -`, 1,000 different queries", "queries/s"),
    "batch_s.query_distinct": ("batch `query -`, 1,000 different queries", "s"),
    "batch_s.quotes_distinct": ("batch `quotes -`, 1,000 different queries", "s"),
}


def _batch_values(entry: dict[str, Any]) -> dict[str, Value]:
    """Queries a second and seconds of one batch run, with bounds if it was stopped."""
    if entry.get("qps"):
        return {"qps": Value(entry["qps"]), "s": Value(entry["seconds"])}
    if entry.get("qps_below"):
        return {"qps": Value(entry["qps_below"], "<"), "s": Value(entry["seconds"], ">")}
    return {}


#: The ``--only`` measurement each kind of figure belongs to.
MEASUREMENT_OF = {
    "build_s": "build",
    "tree_pss_mb": "memory",
    "tree_rss_mb": "memory",
    "own_mb": "memory",
    "index_mb": "size",
    "reindex_none_s": "reindex",
    "reindex_one_s": "reindex",
    "reindex_build_s": "reindex",
    "cold_ms": "cold",
    "query_mb": "memory",
    "warm_ms": "warm",
    "batch_qps": "batch",
    "batch_s": "batch",
}


def measurement_of(metric: str) -> str:
    return MEASUREMENT_OF[metric.partition(".")[0]]


def metrics(result: dict[str, Any]) -> dict[str, Value]:
    """The figures of one size's raw result, by ``METRICS`` name: those of the
    measurements its run chose (``only``), and the build times, which every run takes
    (a single build when ``build`` was not chosen)."""
    only = set(result.get("only") or MEASUREMENTS) | {"build"}
    return {k: v for k, v in _all_metrics(result).items() if measurement_of(k) in only}


def _all_metrics(result: dict[str, Any]) -> dict[str, Value]:
    found: dict[str, Value] = {}
    for engine, entry in result.get("build", {}).items():
        found[f"build_s.{engine}"] = Value(entry["seconds"])
        found[f"own_mb.{engine}"] = Value(entry["max_rss_mb"])
        for name in ("tree_pss_mb", "tree_rss_mb"):
            if entry.get(name) is not None:
                found[f"{name}.{engine}"] = Value(entry[name])
        if "bytes" in entry:
            found[f"index_mb.{engine}"] = Value(entry["bytes"] / 1e6)
    reindex = result.get("reindex") or {}
    if "full_build_seconds" in reindex:
        found["reindex_build_s"] = Value(reindex["full_build_seconds"])
    elif reindex.get("unchanged", {}).get("fraction"):  # an --out file from before
        unchanged = reindex["unchanged"]
        found["reindex_build_s"] = Value(unchanged["seconds"] / unchanged["fraction"])
    for key, name in (("unchanged", "reindex_none_s"), ("one_changed", "reindex_one_s")):
        entry = reindex.get(key)
        if entry and entry["timed_out"]:
            found[name] = Value(entry["seconds"], ">")
        elif entry and entry["returncode"] == 0:
            found[name] = Value(entry["seconds"])
    cold = result.get("cold") or {}
    for engine, name in (
        ("leisearch", "leisearch"),
        ("sqlite-utils", "sqlite-utils"),
        ("python -c pass", "python"),
    ):
        if engine in cold:
            found[f"cold_ms.{name}"] = Value(cold[engine]["seconds"] * 1000)
            if name != "python":
                found[f"query_mb.{name}"] = Value(cold[engine]["max_rss_mb"])
    for engine, entry in (result.get("warm") or {}).items():
        found[f"warm_ms.{engine}"] = Value(entry["ms"])
    batch = result.get("batch") or {}
    if "qps" in batch:  # an --out file from before `quotes -` was measured
        batch = {"query": batch}
    for command, entry in batch.items():
        for unit, value in _batch_values(entry).items():
            found[f"batch_{unit}.{command}"] = value
    return found


def ratio_of(a: Value, b: Value) -> Value | None:
    """``a / b``, with what the bounds allow: None when they leave it open."""
    if b.x == 0:
        return None
    flip = {"=": "=", ">": "<", "<": ">"}
    bounds = {a.bound, flip[b.bound]} - {"="}
    if len(bounds) > 1:
        return None
    return Value(a.x / b.x, bounds.pop() if bounds else "=", a.extrapolated or b.extrapolated)


def verdict(value: Value | None, limit: float, at_most: bool = True) -> str:
    """``met`` or ``missed`` against ``limit`` (an upper one, else a lower one), or
    ``open`` when a bound leaves it undecided; ``(extrapolated)`` after a fitted figure."""
    if value is None:
        return "not measured"
    x, bound = value.x, value.bound
    if bound == "=":
        met: bool | None = x <= limit if at_most else x >= limit
    elif bound == ">":  # the truth is more than x
        met = (False if x >= limit else None) if at_most else (True if x >= limit else None)
    else:  # the truth is less than x
        met = (True if x <= limit else None) if at_most else (False if x <= limit else None)
    word = "open (a run was stopped)" if met is None else ("met" if met else "missed")
    return f"{word} (extrapolated)" if value.extrapolated else word


# --- The targets of issue 14 -----------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """One of the issue's targets: ``measured`` against ``baseline`` (a figure of the
    same size; ``SIZE:figure`` for another size's; None when ``limit`` is absolute), at
    the ``sizes`` it is set for: ``*`` (every size), ``<=N`` or a comma list."""

    name: str
    sizes: str
    measured: str
    baseline: str | None
    limit: float
    at_most: bool = True

    def applies(self, size: str) -> bool:
        if self.sizes == "*":
            return True
        if self.sizes.startswith("<="):
            return size == "seeds" or int(size) <= int(self.sizes[2:])
        return size in self.sizes.split(",")


#: Issue 14's targets ("Targets": batch, cold, build, memory, re-index; "What to build"
#: 3: `quotes -` within 1.5 times `query -`). Ratios are leisearch ÷ the baseline.
TARGETS = [
    Target("batch `query -`, queries/s", "seeds", "batch_qps.query", None, 1000, False),
    Target("batch `query -`, queries/s", "2000", "batch_qps.query", None, 300, False),
    Target("batch `query -`, queries/s", "10000", "batch_qps.query", None, 100, False),
    Target("batch `quotes -` time ÷ `query -` time", "*", "batch_s.quotes", "batch_s.query", 1.5),
    Target(
        "cold `query --json` ÷ `sqlite-utils search`",
        "<=10000",
        "cold_ms.leisearch",
        "cold_ms.sqlite-utils",
        0.8,
    ),
    Target("full build ÷ plain Whoosh", "1000,10000", "build_s.leisearch", "build_s.whoosh", 0.7),
    Target(
        "build peak memory, process tree PSS ÷ plain Whoosh's",
        "10000",
        "tree_pss_mb.leisearch",
        "tree_pss_mb.whoosh",
        1.5,
    ),
    Target(
        "build peak memory, process tree PSS ÷ leisearch's at 10,000",
        "100000",
        "tree_pss_mb.leisearch",
        "10000:tree_pss_mb.leisearch",
        1.2,
    ),
    Target(
        "re-index after one changed file ÷ full build",
        "10000",
        "reindex_one_s",
        "reindex_build_s",
        0.02,
    ),
]


@dataclass(frozen=True)
class TargetRow:
    target: Target
    measured: Value | None
    baseline: Value | None
    ratio: Value | None
    verdict: str


def check_targets(
    size: str,
    figures: dict[str, Value],
    others: dict[str, dict[str, Value]],
    only: Iterable[str] | None = None,
) -> list[TargetRow]:
    """Every target set for ``size`` whose measurement is in ``only`` (default: all),
    checked on its ``figures``; ``others`` holds the figures of the other sizes (same
    corpus), for a target against another size."""
    chosen = set(MEASUREMENTS if only is None else only)
    rows = []
    for target in TARGETS:
        if not target.applies(size) or measurement_of(target.measured) not in chosen:
            continue
        measured = figures.get(target.measured)
        if target.baseline is None:
            rows.append(
                TargetRow(
                    target,
                    measured,
                    None,
                    None,
                    verdict(measured, target.limit, target.at_most),
                )
            )
            continue
        where, _, name = target.baseline.rpartition(":")
        baseline = (others.get(where) or {}).get(name) if where else figures.get(name)
        ratio = ratio_of(measured, baseline) if measured and baseline else None
        if measured and baseline and ratio is None:
            word = "open (a run was stopped)"
        else:
            word = verdict(ratio, target.limit, target.at_most)
        rows.append(TargetRow(target, measured, baseline, ratio, word))
    return rows


# --- Fitting and extrapolating ---------------------------------------------------------


@dataclass(frozen=True)
class Fit:
    """``y = a * x ** b`` through ``points`` (least squares on the logarithms);
    ``worst`` is the largest relative distance of a point from the curve."""

    a: float
    b: float
    points: tuple[tuple[float, float], ...]
    worst: float

    def at(self, x: float) -> float:
        return float(self.a * x**self.b)


def power_fit(points: Iterable[tuple[float, float]]) -> Fit:
    """The power law through two or more points of positive ``x`` and ``y``."""
    pts = tuple(sorted(points))
    if len(pts) < 2 or len({x for x, _ in pts}) < 2:
        raise ValueError("a fit needs two sizes or more")
    if any(x <= 0 or y <= 0 for x, y in pts):
        raise ValueError("a power law needs positive figures")
    xs = [math.log(x) for x, _ in pts]
    ys = [math.log(y) for _, y in pts]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )
    a = math.exp(my - b * mx)
    worst = max(abs(y / float(a * x**b) - 1) for x, y in pts)
    return Fit(a, b, pts, worst)


def fit_sizes(measured: Iterable[str], wanted: list[str] | None) -> list[int]:
    """The sizes to fit on: ``wanted``, else the largest ``FIT_POINTS`` numeric ones."""
    numeric = sorted(int(s) for s in measured if s.isdigit())
    if wanted:
        return sorted(int(s) for s in wanted if s.isdigit() and int(s) in numeric)
    return numeric[-FIT_POINTS:]


def extrapolate(
    by_size: dict[str, dict[str, Value]], sizes: list[int], to: int
) -> dict[str, tuple[Value, Fit]]:
    """Each figure measured exactly at two of ``sizes`` or more, fitted and taken to ``to``."""
    found: dict[str, tuple[Value, Fit]] = {}
    for name in METRICS:
        if name == "reindex_build_s":  # build_s.leisearch, again
            continue
        points = [
            (float(size), value.x)
            for size in sizes
            if (value := by_size.get(str(size), {}).get(name))
            and value.bound == "="
            and not value.extrapolated
            and value.x > 0
        ]
        if len(points) < 2:
            continue
        fit = power_fit(points)
        found[name] = (Value(fit.at(to), "=", extrapolated=True), fit)
    return found


# --- Tables ----------------------------------------------------------------------------


def ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}" if a is not None and b else "-"


def show(value: Value | None, unit: str) -> str:
    """A figure as the tables print it: ``> 120.0``, ``~211.00 (extrapolated)``."""
    if value is None:
        return "-"
    if unit == "ratio":
        text = f"{value.x:.3g}"
    else:
        digits = {"s": 2, "ms": 1, "MB": 0, "queries/s": 0}.get(unit, 2)
        if value.x < 10 and unit in ("ms", "MB", "queries/s"):
            digits += 1
        text = f"{value.x:,.{digits}f}"
    prefix = {"=": "", ">": "> ", "<": "< "}[value.bound]
    return f"~{prefix}{text} (extrapolated)" if value.extrapolated else prefix + text


def reindex_cell(entry: dict[str, Any] | None, cutoff: float) -> tuple[str, str]:
    """(seconds, percent of the full build) for a re-index run, or why there is none."""
    if entry is None:
        return "not run", "-"
    if entry["timed_out"]:
        return f"> {entry['seconds']:.1f}", f"> {cutoff:.0%} (stopped)"
    if entry["returncode"] != 0:
        return f"failed ({entry['returncode']})", "-"
    return f"{entry['seconds']:.2f}", f"{entry['fraction']:.1%}"


def batch_cell(entry: dict[str, Any]) -> str:
    if entry.get("qps"):
        return f"{entry['qps']:.0f}"
    if entry.get("qps_below"):
        limit = BATCH_QUERIES / entry["qps_below"]
        return f"< {entry['qps_below']:.1f} (stopped at {limit:.0f} s)"
    return "n/a"


def few_polls(entry: dict[str, Any]) -> str:
    """`` (3 polls)`` after a figure polled fewer than ``ROUGH_POLLS`` times (a short
    build: the figure is rough), else nothing."""
    polls = min((s.get("tree_polls", 0) for s in entry.get("samples", [])), default=0)
    return f" ({polls} polls)" if polls < ROUGH_POLLS else ""


def baseline_labels() -> dict[str, str]:
    return {"whoosh": "plain Whoosh", "fts5": "SQLite FTS5"}


def table_rows(result: dict[str, Any], cutoff: float) -> list[tuple[str, str, str, str, str]]:
    """The rows of one size's table: leisearch, a baseline, and their ratio per row."""
    only = set(result.get("only") or MEASUREMENTS)
    build, cold, warm = result.get("build", {}), result.get("cold"), result.get("warm")
    rows: list[tuple[str, str, str, str, str]] = []
    lei = build.get("leisearch", {})
    others = [(n, label) for n, label in baseline_labels().items() if n in build]
    if "build" in only:
        for name, label in others:
            a, b = lei["seconds"], build[name]["seconds"]
            rows.append(("full build, s", f"{a:.2f}", label, f"{b:.2f}", ratio(a, b)))
    if "memory" in only:
        for key, what in (
            ("tree_pss_mb", "process tree PSS"),
            ("tree_rss_mb", "process tree RSS"),
            ("max_rss_mb", "main process (wait4)"),
        ):
            for name, label in others:
                a, b = lei.get(key), build[name].get(key)
                if a is None or b is None:
                    continue
                mine, theirs = f"{a:.0f}", f"{b:.0f}"
                if key != "max_rss_mb":
                    mine, theirs = mine + few_polls(lei), theirs + few_polls(build[name])
                row = (f"build peak memory, {what}, MB", mine, label, theirs, ratio(a, b))
                rows.append(row)
        if lei.get("samples") and lei["samples"][-1].get("tree_processes"):
            most = max(s["tree_processes"] for s in lei["samples"])
            rows.append(("build processes at most (main + workers)", str(most), "-", "-", "-"))
    if "size" in only:
        for name, label in others:
            label = "SQLite FTS5 (whole db)" if name == "fts5" else label
            a, b = lei["bytes"] / 1e6, build[name]["bytes"] / 1e6
            rows.append(("index size, MB", f"{a:.1f}", label, f"{b:.1f}", ratio(a, b)))
    reindex = result.get("reindex")
    if "reindex" in only and reindex:
        full = f"{lei['seconds']:.2f}"
        for key, label in (("unchanged", "nothing changed"), ("one_changed", "one file changed")):
            seconds, percent = reindex_cell(reindex[key], cutoff)
            rows.append((f"re-index, {label}, s", seconds, "leisearch full build", full, percent))
    if "cold" in only and cold:
        a = cold["leisearch"]["seconds"] * 1000
        for name in ("sqlite-utils", "python -c pass"):
            if name in cold:
                b = cold[name]["seconds"] * 1000
                rows.append(("cold query, ms", f"{a:.0f}", f"`{name}`", f"{b:.0f}", ratio(a, b)))
    if "memory" in only and cold and "sqlite-utils" in cold:
        a, b = cold["leisearch"]["max_rss_mb"], cold["sqlite-utils"]["max_rss_mb"]
        row = ("query peak memory, MB", f"{a:.0f}", "`sqlite-utils`", f"{b:.0f}", ratio(a, b))
        rows.append(row)
    if "warm" in only and warm:
        for name, label in baseline_labels().items():
            a, b = warm["leisearch"]["ms"], warm[name]["ms"]
            rows.append(("warm query (median), ms", f"{a:.2f}", label, f"{b:.2f}", ratio(a, b)))
    batch = result.get("batch")
    if "batch" in only and batch:
        if "qps" in batch:  # an --out file from before `quotes -` was measured
            batch = {"query": batch}
        for kind, asked in (("", "the query set, cycled"), (DISTINCT, "different queries")):
            query = batch.get("query" + kind)
            if query is None:
                continue  # (an --out file from before the different queries were asked)
            rows.append((f"batch `query -`, {asked}, queries/s", batch_cell(query), "-", "-", "-"))
            quotes = batch.get("quotes" + kind)
            if quotes is None:
                continue
            times = ratio_of(
                Value(quotes["seconds"], ">" if quotes["timed_out"] else "="),
                Value(query["seconds"], ">" if query["timed_out"] else "="),
            )
            rows.append(
                (
                    f"batch `quotes -`, {asked}, queries/s (÷: its time over `query -`'s)",
                    batch_cell(quotes),
                    "`query -`",
                    batch_cell(query),
                    show(times, "ratio") if times else "-",
                )
            )
    return rows


def heading(result: dict[str, Any]) -> str:
    corpus = result.get("corpus", "synth")
    seconds = result.get("total_seconds")
    took = f"; measured in {seconds:.0f} s" if seconds else ""
    if "from" in result:
        took += f" (from {result['from']}, {result.get('run_date')})"
    return (
        f"### {result['size']}: {result['articles']:,} articles ({corpus}), "
        f"{result['paragraphs']:,} paragraphs, {result['corpus_bytes'] / 1e6:.1f} MB{took}"
    )


def table(result: dict[str, Any], cutoff: float, out: TextIO) -> None:
    """The Markdown table for one size."""
    print(f"\n{heading(result)}\n", file=out)
    print("| measure | leisearch | baseline | baseline value | leisearch ÷ baseline |", file=out)
    print("|---|---:|---|---:|---:|", file=out)
    for row in table_rows(result, cutoff):
        print("| " + " | ".join(row) + " |", file=out)


def targets_table(title: str, rows: list[TargetRow], out: TextIO) -> None:
    """The targets set for one size, each with its figures, ratio and verdict."""
    if not rows:
        return
    print(f"\n{title}\n", file=out)
    print("| target | limit | leisearch | baseline | ratio | verdict |", file=out)
    print("|---|---:|---:|---:|---:|---|", file=out)
    for row in rows:
        target = row.target
        unit = METRICS[target.measured][1]
        limit = f"{'≤' if target.at_most else '≥'} {target.limit:g}"
        base = "-"
        if target.baseline is not None:
            where, _, name = target.baseline.rpartition(":")
            label = METRICS[name][0] + (f" at {where}" if where else "")
            base = f"{show(row.baseline, METRICS[name][1])} ({label})"
        cells = [target.name, limit, show(row.measured, unit), base]
        cells += [show(row.ratio, "ratio") if row.ratio else "-", row.verdict]
        print("| " + " | ".join(cells) + " |", file=out)


def extrapolation_table(
    corpus: str, found: dict[str, tuple[Value, Fit]], to: int, out: TextIO
) -> None:
    """The fitted figures at ``to``, each with its exponent and its fit's worst residual."""
    print(
        f"\n### {to:,} articles ({corpus}): EXTRAPOLATED, not measured\n\n"
        "Each figure is a power law `a * size ** b` fitted through the sizes named, "
        "taken to this size.\n",
        file=out,
    )
    print("| figure | fitted on sizes | exponent b | worst fit residual | extrapolated |", file=out)
    print("|---|---|---:|---:|---:|", file=out)
    for name, (value, fit) in found.items():
        label, unit = METRICS[name]
        sizes = ", ".join(f"{int(x):,}" for x, _ in fit.points)
        exact = " (2 points: exact)" if len(fit.points) == 2 else ""
        cells = [f"{label}, {unit}", sizes, f"{fit.b:.2f}", f"{fit.worst:.1%}{exact}"]
        cells.append(show(value, unit))
        print("| " + " | ".join(cells) + " |", file=out)


def report_targets(results: list[dict[str, Any]], out: TextIO) -> None:
    """The targets table of each size, checked against the sizes of the same corpus."""
    by_corpus = figures_by_corpus(results)
    for result in results:
        figures = by_corpus[result.get("corpus_kind", "synth")]
        only = result.get("only") or MEASUREMENTS
        rows = check_targets(result["size"], figures[result["size"]], figures, only)
        targets_table(f"#### Issue 14's targets at {result['size']}", rows, out)


def figures_by_corpus(results: list[dict[str, Any]]) -> dict[str, dict[str, dict[str, Value]]]:
    """{corpus kind: {size: figures}}, the seeds counted with every corpus."""
    found: dict[str, dict[str, dict[str, Value]]] = {}
    kinds = {r.get("corpus_kind", "synth") for r in results} | {"synth"}
    for kind in kinds:
        found[kind] = {
            r["size"]: metrics(r)
            for r in results
            if r.get("corpus_kind", "synth") == kind or r["size"] == "seeds"
        }
    return found


#: The sections of a size's raw result, and the measurements that write each.
SECTIONS = {
    "build": {"build", "memory", "size"},
    "cold": {"cold", "memory"},
    "warm": {"warm"},
    "batch": {"batch"},
    "reindex": {"reindex"},
}


def merge(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One result per (corpus, size). A later result's section replaces an earlier one's
    only when the later run chose a measurement that writes it (a run of ``--only batch``
    builds leisearch alone, and keeps the earlier run's builds of every engine)."""
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for result in results:
        key = (result.get("corpus_kind", "synth"), result["size"])
        earlier = merged.get(key)
        if earlier is None:
            merged[key] = dict(result)
            continue
        chosen = set(result.get("only") or MEASUREMENTS)
        combined = {**earlier, **{k: v for k, v in result.items() if k not in SECTIONS}}
        for section, writers in SECTIONS.items():
            if section in result and (chosen & writers or section not in earlier):
                combined[section] = result[section]
        combined["only"] = sorted(set(earlier.get("only") or MEASUREMENTS) | chosen)
        merged[key] = combined
    return list(merged.values())


def report_extrapolation(
    results: list[dict[str, Any]], to: int, wanted: list[str] | None, out: TextIO
) -> dict[str, Any]:
    """Fit each corpus's figures, print them at ``to`` and check the targets there."""
    summary_: dict[str, Any] = {}
    for kind, by_size in figures_by_corpus(results).items():
        sizes = fit_sizes([s for s in by_size if s != "seeds"], wanted)
        if len(sizes) < 2:
            if any(r.get("corpus_kind", "synth") == kind for r in results):
                progress(f"--extrapolate: fewer than two sizes of {kind} to fit; none")
            continue
        found = extrapolate(by_size, sizes, to)
        extrapolation_table(kind, found, to, out)
        figures = {name: value for name, (value, _) in found.items()}
        rows = check_targets(str(to), figures, by_size)
        targets_table(f"#### Issue 14's targets at {to:,}, on extrapolated figures", rows, out)
        summary_[kind] = {
            "to": to,
            "fitted_on": sizes,
            "figures": {
                name: {"value": value.x, "a": fit.a, "b": fit.b, "worst_residual": fit.worst}
                for name, (value, fit) in found.items()
            },
        }
    return summary_


def leisearch_version() -> dict[str, Any]:
    """The commit measured, and whether the working tree had changes on top of it."""

    def git(*argv: str) -> str:
        done = subprocess.run(["git", *argv], cwd=ROOT, capture_output=True, text=True)
        return done.stdout.rstrip("\n")

    return {
        "commit": git("rev-parse", "HEAD"),
        "changed_files": git("status", "--short").splitlines(),
    }


def load_results(paths: list[Path]) -> list[dict[str, Any]]:
    """The sizes of earlier ``--out`` files, each stamped with its file and date."""
    loaded = []
    for path in paths:
        report = json.loads(path.read_text(encoding="utf-8"))
        for result in report["sizes"]:
            loaded.append({"from": str(path), "run_date": report.get("date"), **result})
    return loaded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=parse_sizes, default=None, help=DEFAULT_SIZES)
    parser.add_argument("--corpus", type=parse_corpus, default=Corpus("synth"))
    parser.add_argument("--only", type=parse_only, default=list(MEASUREMENTS))
    parser.add_argument("--runs", type=int, default=10, help="cold-query runs per command")
    parser.add_argument("--build-runs", type=int, default=0, help="0: 3 up to 100 articles, else 1")
    parser.add_argument("--warm-repeat", type=int, default=3, help="passes over the 50 queries")
    parser.add_argument("--reindex-cutoff", type=float, default=0.25)
    parser.add_argument("--batch-timeout", type=float, default=BATCH_TIMEOUT_SECONDS)
    parser.add_argument("--extrapolate", type=int, default=None, metavar="N")
    parser.add_argument("--fit-sizes", type=parse_sizes, default=None)
    parser.add_argument("--from", dest="load", type=Path, action="append", default=[])
    parser.add_argument("--out", type=Path, default=HERE / "results.json")
    args = parser.parse_args()
    start_spawner()  # first, while this process is small
    if args.sizes is None:
        args.sizes = [] if args.load else parse_sizes(DEFAULT_SIZES)

    earlier = load_results(args.load)
    for result in earlier:
        table(result, args.reindex_cutoff, sys.stdout)
    leisearch = tool("leisearch")
    if args.sizes and leisearch is None:
        raise SystemExit("bench: leisearch is not installed in this venv: pip install -e .")
    if args.sizes and tool("sqlite-utils") is None:
        progress("sqlite-utils is not installed (pip install sqlite-utils): no CLI peer")
    report: dict[str, Any] = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
        },
        "leisearch": leisearch_version(),
        "args": {k: _plain(v) for k, v in vars(args).items()},
        "sizes": [],
    }
    for size in args.sizes:
        assert leisearch is not None
        result = bench_size(size, args, leisearch, args.corpus)
        report["sizes"].append(result)
        table(result, args.reindex_cutoff, sys.stdout)
        sys.stdout.flush()
        args.out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    results = merge(earlier + report["sizes"])
    print("\n## Issue 14's targets\n\nRatios are leisearch ÷ the baseline, from one run.")
    report_targets(results, sys.stdout)
    if args.extrapolate:
        report["extrapolated"] = report_extrapolation(
            results, args.extrapolate, args.fit_sizes, sys.stdout
        )
    if report["sizes"]:
        args.out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
        progress(f"raw numbers in {args.out}")
    start_spawner().close()


def _plain(value: Any) -> Any:
    """An argument as JSON can hold it."""
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, Corpus):
        return value.label()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


if __name__ == "__main__":
    main()
