"""Cold start-up latency and seed indexing time, as medians and as ratios.

    python benchmarks/latency.py [--runs 15]

Every query starts a fresh Python process, so process start-up is the
product's latency. The machine is noisy, so each timing is also given as a
ratio to a baseline measured in the same run: ``python -c pass`` for start-up.
``PYTHONDONTWRITEBYTECODE`` is removed from the environment, as users do not
set it, and one warm-up run fills the bytecode cache first.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def timed(argv: list[str], env: dict[str, str], runs: int) -> list[float]:
    subprocess.run(argv, env=env, capture_output=True, check=False)  # warm-up
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, env=env, capture_output=True, check=False)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    leisearch = shutil.which("leisearch", path=str(BIN)) or "leisearch"
    with tempfile.TemporaryDirectory() as tmp:
        index = str(Path(tmp) / "index")
        seeds = str(ROOT / "seeds")
        rows = {
            "python -c pass (baseline)": timed([sys.executable, "-c", "pass"], env, args.runs),
            'query "word of mouth" --json': timed(
                [leisearch, "query", "word of mouth", "--json", "--index", index], env, args.runs
            )
            if subprocess.run(
                [leisearch, "index", seeds, "--index", index], env=env, capture_output=True
            ).returncode
            == 0
            else [],
            'query "word of mouth" (plain, piped)': timed(
                [leisearch, "query", "word of mouth", "--index", index], env, args.runs
            ),
            "index seeds --rebuild": timed(
                [leisearch, "index", seeds, "--rebuild", "--index", index],
                env,
                max(3, args.runs // 3),
            ),
        }
    base = statistics.median(rows["python -c pass (baseline)"])
    print("| command | median ms | min ms | x python start-up |\n|---|---:|---:|---:|")
    for name, samples in rows.items():
        median = statistics.median(samples)
        print(f"| {name} | {median:.0f} | {min(samples):.0f} | {median / base:.1f} |")


if __name__ == "__main__":
    main()
