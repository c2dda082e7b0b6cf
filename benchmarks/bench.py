"""Speed and scale of leisearch against baselines measured in the same run.

    python benchmarks/bench.py [--sizes seeds,100,1000,10000] [--runs 10] [--out FILE]

For each size, a synthetic corpus of that many articles is generated once by
``synth.py`` in a temporary folder (``seeds`` means the five seed articles
themselves). Then, on that corpus:

* **full build**: ``leisearch index DIR --rebuild --index X`` against a plain
  Whoosh index and an FTS5 database of the same paragraphs, each built by a
  child process (``baselines.py``), so imports count the same way;
* **index size**: bytes on disk of each;
* **peak memory**: the child's maximum resident set size, from ``os.wait4``;
* **cold query**: ``leisearch query "word of mouth" --json`` in a fresh process
  against ``sqlite-utils search DB paragraphs "word of mouth" --limit 10`` and
  ``python -c pass``, after one warm-up run each so bytecode caches exist;
* **warm query**: the 50 queries of ``queries.json`` in one process per engine
  (``baselines.py warm``), per-query milliseconds;
* **batch**: ``leisearch query - --json`` with 1,000 queries on stdin, queries
  a second ("n/a" when this leisearch has no batch mode; a run still going
  after 120 s is stopped and reported as fewer than 1,000 / 120);
* **re-index**: ``leisearch index DIR --index X`` with nothing changed and
  then after one article changed, as a fraction of the full build. A run is
  stopped after ``--reindex-cutoff`` of the full build (at least 10 s) and
  reported as more than that.

The machine is noisy, so every timing is a median and is also given as a
ratio to its baselines; the runs of different engines are interleaved.
Builds are repeated ``--build-runs`` times (default: 3 up to 100 articles,
else once). ``PYTHONDONTWRITEBYTECODE`` is removed from the children's
environment, as users do not set it. A Markdown table per size goes to stdout
and every raw sample to ``--out`` (JSON).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, TextIO

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
QUERY = "word of mouth"
BATCH_QUERIES = 1000
MIN_CUTOFF_SECONDS = 10.0
BATCH_TIMEOUT_SECONDS = 120.0

sys.path.insert(0, str(HERE))
import baselines  # noqa: E402  (sibling scripts, not a package)
import synth  # noqa: E402


@dataclass(frozen=True)
class Sample:
    """One child process: wall time, peak memory, exit code, and whether it was stopped."""

    seconds: float
    max_rss_mb: float
    returncode: int
    timed_out: bool = False


def child_env() -> dict[str, str]:
    """The environment users have: bytecode caching on, no index override, no colour."""
    drop = {"PYTHONDONTWRITEBYTECODE", "LEISEARCH_INDEX"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env["NO_COLOR"] = "1"
    return env


def run(
    argv: list[str],
    *,
    stdin: Path | None = None,
    stdout: Path | None = None,
    timeout: float | None = None,
) -> Sample:
    """Run ``argv`` to the end (or kill it at ``timeout``); time it and read its peak RSS.

    ``os.wait4`` reaps the child itself, so ``ru_maxrss`` is that process's own
    peak (Linux reports kilobytes), not the maximum over all children so far.
    """
    with (
        open(stdin or os.devnull, "rb") as fin,
        open(stdout or os.devnull, "wb") as fout,
    ):
        start = time.perf_counter()
        proc = subprocess.Popen(
            argv, stdin=fin, stdout=fout, stderr=subprocess.DEVNULL, env=child_env()
        )
        fired = threading.Event()

        def stop() -> None:
            fired.set()
            proc.kill()

        timer = threading.Timer(timeout, stop) if timeout else None
        if timer:
            timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        if timer:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
    return Sample(seconds, usage.ru_maxrss / 1024, proc.returncode, fired.is_set())


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
    return {
        "seconds": median([s.seconds for s in samples]),
        "max_rss_mb": median([s.max_rss_mb for s in samples]),
        "samples": [asdict(s) for s in samples],
    }


def checked(sample: Sample, what: str) -> Sample:
    if sample.returncode != 0 or sample.timed_out:
        raise SystemExit(f"bench: {what} failed with exit code {sample.returncode}")
    return sample


def make_corpus(size: str, work: Path) -> Path:
    """The corpus for ``size``: a copy of the seeds, or ``size`` synthetic articles."""
    corpus = work / "corpus"
    if size == "seeds":
        shutil.copytree(ROOT / "seeds", corpus)
    else:
        synth.generate(int(size), corpus)
    return corpus


def measure_builds(
    corpus: Path, work: Path, leisearch: str, runs: int
) -> tuple[dict[str, Any], dict[str, Path]]:
    """Full builds of the three engines, interleaved; the last index of each is kept."""
    scripts = str(HERE / "baselines.py")
    samples: dict[str, list[Sample]] = {"leisearch": [], "whoosh": [], "fts5": []}
    paths: dict[str, Path] = {}
    for attempt in range(runs):
        paths = {
            "leisearch": work / f"leisearch-{attempt}",
            "whoosh": work / f"whoosh-{attempt}",
            "fts5": work / f"fts5-{attempt}.db",
        }
        index = str(paths["leisearch"])
        argvs = {
            "leisearch": [leisearch, "index", str(corpus), "--rebuild", "--index", index],
            "whoosh": [sys.executable, scripts, "whoosh-build", str(corpus), str(paths["whoosh"])],
            "fts5": [sys.executable, scripts, "fts5-build", str(corpus), str(paths["fts5"])],
        }
        for engine, argv in argvs.items():
            samples[engine].append(checked(run(argv), f"{engine} build"))
        if attempt < runs - 1:
            for path in paths.values():
                shutil.rmtree(path) if path.is_dir() else path.unlink()
    result = {engine: summary(s) for engine, s in samples.items()}
    for engine, path in paths.items():
        result[engine]["bytes"] = disk_size(path)
    return result, paths


def measure_cold(paths: dict[str, Path], leisearch: str, runs: int) -> dict[str, Any]:
    """Fresh-process query latency, interleaved, after one warm-up run of each command."""
    argvs = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "leisearch": [leisearch, "query", QUERY, "--json", "--index", str(paths["leisearch"])],
    }
    sqlite_utils = tool("sqlite-utils")
    if sqlite_utils:
        argvs["sqlite-utils"] = [sqlite_utils, "search", str(paths["fts5"]), "paragraphs"]
        argvs["sqlite-utils"] += [QUERY, "--limit", "10"]
    samples: dict[str, list[Sample]] = {name: [] for name in argvs}
    for name, argv in argvs.items():
        checked(run(argv), f"cold {name} warm-up")
    for _ in range(runs):
        for name, argv in argvs.items():
            samples[name].append(checked(run(argv), f"cold {name}"))
    return {name: summary(s) for name, s in samples.items()}


def query_list() -> list[str]:
    """The 50 held-out queries of ``queries.json``, one per line."""
    data = json.loads((HERE / "queries.json").read_text(encoding="utf-8"))
    return [str(q["query"]) for q in data["queries"]]


def measure_warm(paths: dict[str, Path], work: Path, repeat: int) -> dict[str, Any]:
    """Per-query latency with the index opened once, per engine, in a child process."""
    queries = work / "queries.txt"
    queries.write_text("\n".join(query_list()) + "\n", encoding="utf-8")
    result: dict[str, Any] = {}
    for engine in ("leisearch", "whoosh", "fts5"):
        out = work / f"warm-{engine}.json"
        argv = [sys.executable, str(HERE / "baselines.py"), "warm", engine, str(paths[engine])]
        sample = checked(
            run([*argv, str(queries), "--repeat", str(repeat)], stdout=out), f"warm {engine}"
        )
        ms = json.loads(out.read_text(encoding="utf-8"))
        result[engine] = {
            "ms": median(ms),
            "p90_ms": statistics.quantiles(ms, n=10)[-1] if len(ms) > 1 else ms[0],
            "max_rss_mb": sample.max_rss_mb,
            "samples_ms": ms,
        }
    return result


def measure_batch(index: Path, work: Path, leisearch: str) -> dict[str, Any]:
    """``leisearch query -`` over 1,000 queries on stdin: queries a second, or n/a."""
    queries = query_list()
    stdin = work / "batch.txt"
    stdin.write_text(
        "\n".join(queries[i % len(queries)] for i in range(BATCH_QUERIES)) + "\n", encoding="utf-8"
    )
    out = work / "batch.jsonl"
    argv = [leisearch, "query", "-", "--json", "--index", str(index)]
    sample = run(argv, stdin=stdin, stdout=out, timeout=BATCH_TIMEOUT_SECONDS)
    answered: set[str] = set()
    try:
        for line in out.read_text(encoding="utf-8").splitlines():
            answered.add(json.loads(line)["query"])
    except (ValueError, KeyError, TypeError):
        answered = set()
    if sample.timed_out:
        bound = BATCH_QUERIES / BATCH_TIMEOUT_SECONDS
        return {"qps": None, "qps_below": bound, "note": "stopped", **asdict(sample)}
    if sample.returncode not in (0, 1) or not answered:
        return {"qps": None, "note": "n/a: no batch mode (or it failed)", **asdict(sample)}
    return {"qps": BATCH_QUERIES / sample.seconds, "queries_with_hits": len(answered)} | asdict(
        sample
    )


def measure_reindex(
    corpus: Path, index: Path, leisearch: str, full_build: float, cutoff: float
) -> dict[str, Any]:
    """Re-index with nothing changed, then after one article changed."""
    timeout = max(cutoff * full_build, MIN_CUTOFF_SECONDS)
    argv = [leisearch, "index", str(corpus), "--index", str(index)]
    result: dict[str, Any] = {"timeout_seconds": timeout}
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


def bench_size(size: str, args: argparse.Namespace, leisearch: str) -> dict[str, Any]:
    """Every measurement for one corpus size."""
    with tempfile.TemporaryDirectory(prefix=f"leisearch-bench-{size}-") as tmp:
        work = Path(tmp)
        start = time.perf_counter()
        corpus = make_corpus(size, work)
        files = list(corpus.rglob("*.txt"))
        result: dict[str, Any] = {
            "size": size,
            "articles": len(files),
            "corpus_bytes": sum(p.stat().st_size for p in files),
            "paragraphs": sum(1 for _ in baselines.paragraphs(corpus)),
            "generate_seconds": time.perf_counter() - start,
        }
        progress(f"{size}: corpus of {len(files)} articles; building")
        build_runs = args.build_runs or (3 if len(files) <= 100 else 1)
        result["build"], paths = measure_builds(corpus, work, leisearch, build_runs)
        progress(f"{size}: cold queries")
        result["cold"] = measure_cold(paths, leisearch, args.runs)
        progress(f"{size}: warm queries")
        result["warm"] = measure_warm(paths, work, args.warm_repeat)
        progress(f"{size}: batch")
        result["batch"] = measure_batch(paths["leisearch"], work, leisearch)
        progress(f"{size}: re-index")
        result["reindex"] = measure_reindex(
            corpus,
            paths["leisearch"],
            leisearch,
            result["build"]["leisearch"]["seconds"],
            args.reindex_cutoff,
        )
        result["total_seconds"] = time.perf_counter() - start
        return result


def progress(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}" if a is not None and b else "-"


def reindex_cell(entry: dict[str, Any] | None, cutoff: float) -> tuple[str, str]:
    """(seconds, percent of the full build) for a re-index run, or why there is none."""
    if entry is None:
        return "not run", "-"
    if entry["timed_out"]:
        return f"> {entry['seconds']:.1f}", f"> {cutoff:.0%} (stopped)"
    if entry["returncode"] != 0:
        return f"failed ({entry['returncode']})", "-"
    return f"{entry['seconds']:.2f}", f"{entry['fraction']:.1%}"


def table(result: dict[str, Any], cutoff: float, out: TextIO) -> None:
    """The Markdown table for one size: leisearch, a baseline, and their ratio per row."""
    build, cold, warm = result["build"], result["cold"], result["warm"]
    lei_build = build["leisearch"]["seconds"]
    rows: list[tuple[str, str, str, str, str]] = []
    for name, label in (("whoosh", "plain Whoosh"), ("fts5", "SQLite FTS5")):
        rows.append(
            (
                "full build, s",
                f"{lei_build:.2f}",
                label,
                f"{build[name]['seconds']:.2f}",
                ratio(lei_build, build[name]["seconds"]),
            )
        )
    for name, label in (("whoosh", "plain Whoosh"), ("fts5", "SQLite FTS5")):
        lei, base = build["leisearch"]["max_rss_mb"], build[name]["max_rss_mb"]
        rows.append(("build peak memory, MB", f"{lei:.0f}", label, f"{base:.0f}", ratio(lei, base)))
    for name, label in (("whoosh", "plain Whoosh"), ("fts5", "SQLite FTS5 (whole db)")):
        lei, base = build["leisearch"]["bytes"] / 1e6, build[name]["bytes"] / 1e6
        rows.append(("index size, MB", f"{lei:.1f}", label, f"{base:.1f}", ratio(lei, base)))
    reindex = result["reindex"]
    for key, label in (("unchanged", "nothing changed"), ("one_changed", "one article changed")):
        seconds, percent = reindex_cell(reindex[key], cutoff)
        rows.append(
            (f"re-index, {label}, s", seconds, "leisearch full build", f"{lei_build:.2f}", percent)
        )
    lei_cold = cold["leisearch"]["seconds"] * 1000
    for name in ("sqlite-utils", "python -c pass"):
        if name in cold:
            base = cold[name]["seconds"] * 1000
            rows.append(
                (
                    "cold query, ms",
                    f"{lei_cold:.0f}",
                    f"`{name}`",
                    f"{base:.0f}",
                    ratio(lei_cold, base),
                )
            )
    lei_mem = cold["leisearch"]["max_rss_mb"]
    if "sqlite-utils" in cold:
        base = cold["sqlite-utils"]["max_rss_mb"]
        rows.append(
            (
                "query peak memory, MB",
                f"{lei_mem:.0f}",
                "`sqlite-utils`",
                f"{base:.0f}",
                ratio(lei_mem, base),
            )
        )
    for name, label in (("whoosh", "plain Whoosh"), ("fts5", "SQLite FTS5")):
        lei, base = warm["leisearch"]["ms"], warm[name]["ms"]
        rows.append(
            ("warm query (median), ms", f"{lei:.2f}", label, f"{base:.2f}", ratio(lei, base))
        )
    batch = result["batch"]
    if batch["qps"]:
        qps = f"{batch['qps']:.0f}"
    elif batch.get("qps_below"):
        qps = f"< {batch['qps_below']:.1f} (stopped at {BATCH_TIMEOUT_SECONDS:.0f} s)"
    else:
        qps = "n/a"
    rows.append(("batch `query -`, queries/s", qps, "-", "-", "-"))

    print(
        f"\n### {result['size']}: {result['articles']:,} articles, "
        f"{result['paragraphs']:,} paragraphs, {result['corpus_bytes'] / 1e6:.1f} MB\n",
        file=out,
    )
    print("| measure | leisearch | baseline | baseline value | leisearch ÷ baseline |", file=out)
    print("|---|---:|---|---:|---:|", file=out)
    for row in rows:
        print("| " + " | ".join(row) + " |", file=out)


def leisearch_version() -> dict[str, Any]:
    """The commit measured, and whether the working tree had changes on top of it."""

    def git(*argv: str) -> str:
        done = subprocess.run(["git", *argv], cwd=ROOT, capture_output=True, text=True)
        return done.stdout.rstrip("\n")

    return {
        "commit": git("rev-parse", "HEAD"),
        "changed_files": git("status", "--short").splitlines(),
    }


def parse_sizes(text: str) -> list[str]:
    sizes = [s.strip() for s in text.split(",") if s.strip()]
    for size in sizes:
        if size != "seeds" and not size.isdigit():
            raise argparse.ArgumentTypeError(f"not a size: {size!r} (a number, or 'seeds')")
    return sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=parse_sizes, default="seeds,100,1000,10000")
    parser.add_argument("--runs", type=int, default=10, help="cold-query runs per command")
    parser.add_argument("--build-runs", type=int, default=0, help="0: 3 up to 100 articles, else 1")
    parser.add_argument("--warm-repeat", type=int, default=3, help="passes over the 50 queries")
    parser.add_argument("--reindex-cutoff", type=float, default=0.25)
    parser.add_argument("--out", type=Path, default=HERE / "results.json")
    args = parser.parse_args()

    leisearch = tool("leisearch")
    if leisearch is None:
        raise SystemExit("bench: leisearch is not installed in this venv: pip install -e .")
    if tool("sqlite-utils") is None:
        progress("sqlite-utils is not installed (pip install sqlite-utils): no CLI peer")
    report: dict[str, Any] = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
        },
        "leisearch": leisearch_version(),
        "args": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
        "sizes": [],
    }
    for size in args.sizes:
        result = bench_size(size, args, leisearch)
        report["sizes"].append(result)
        table(result, args.reindex_cutoff, sys.stdout)
        sys.stdout.flush()
        args.out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    progress(f"raw numbers in {args.out}")


if __name__ == "__main__":
    main()
