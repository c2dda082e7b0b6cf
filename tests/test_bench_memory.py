"""How ``benchmarks/`` measures memory: a process tree's summed PSS and RSS
(``treemem.py``), on a fake ``/proc`` and on real processes, and a child's own peak
through the spawner (``spawner.py``), which the benchmark's own peak must not raise."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import load_benchmark

treemem = load_benchmark("treemem")
spawner = load_benchmark("spawner")

LINUX_PROC = Path("/proc/self/smaps_rollup").exists()


def _process(
    proc: Path,
    pid: int,
    parent: int,
    children: list[int] | None,
    rss: int,
    pss: int,
    private: int,
    rollup: bool = True,
) -> None:
    """A fake /proc/PID: stat, status, smaps_rollup, and task/PID/children unless None."""
    folder = proc / str(pid)
    (folder / "task" / str(pid)).mkdir(parents=True)
    (folder / "stat").write_text(f"{pid} (python3 (worker) x) S {parent} 1 1 0 -1\n")
    (folder / "status").write_text(f"Name:\tpython3\nVmHWM:\t{rss + 5} kB\nVmRSS:\t{rss} kB\n")
    if rollup:
        (folder / "smaps_rollup").write_text(
            "00400000-7fff [rollup]\n"
            f"Rss:  {rss} kB\nPss:  {pss} kB\nPss_Anon:  {pss} kB\n"
            f"Shared_Clean:  {rss - private} kB\nPrivate_Clean:  0 kB\n"
            f"Private_Dirty:  {private} kB\nSwap:  0 kB\n"
        )
    if children is not None:
        (folder / "task" / str(pid) / "children").write_text(" ".join(map(str, children)) + " ")


def _fake_proc(tmp_path: Path, with_children_files: bool = True) -> Path:
    """Build 100 with workers 101 and 102 (102 started 103); 200 is someone else's."""
    proc = tmp_path / "proc"
    kids = {100: [101, 102], 101: [], 102: [103], 103: [], 200: []}
    memory = {100: (400, 300, 250), 101: (200, 80, 40), 102: (200, 80, 40), 103: (50, 50, 50)}
    memory[200] = (9000, 9000, 9000)
    parents = {100: 1, 101: 100, 102: 100, 103: 102, 200: 1}
    for pid, (rss, pss, private) in memory.items():
        listed = kids[pid] if with_children_files else None
        _process(proc, pid, parents[pid], listed, rss, pss, private)
    (proc / "self").mkdir()  # not a process: passed over
    return proc


@pytest.mark.parametrize("with_children_files", [True, False])
def test_the_tree_is_the_process_and_all_its_descendants(
    tmp_path: Path, with_children_files: bool
) -> None:
    proc = _fake_proc(tmp_path, with_children_files)
    assert sorted(treemem.tree(100, proc)) == [100, 101, 102, 103]
    assert treemem.tree(100, proc)[0] == 100
    assert treemem.tree(102, proc) == [102, 103]


def test_the_tree_sums_pss_rss_and_uss(tmp_path: Path) -> None:
    reading = treemem.read_tree(100, _fake_proc(tmp_path))
    assert reading == treemem.Reading(
        rss_kb=850, pss_kb=510, uss_kb=380, processes=4, source="smaps_rollup"
    )


def test_without_smaps_rollup_the_status_rss_stands_for_all_three(tmp_path: Path) -> None:
    proc = tmp_path / "proc"
    _process(proc, 10, 1, [11], rss=300, pss=100, private=50, rollup=False)
    _process(proc, 11, 10, [], rss=200, pss=100, private=50)
    reading = treemem.read_tree(10, proc)
    assert reading == treemem.Reading(
        rss_kb=500, pss_kb=400, uss_kb=350, processes=2, source="status"
    )


def test_a_process_gone_is_no_reading(tmp_path: Path) -> None:
    proc = _fake_proc(tmp_path)
    assert treemem.read_memory(999, proc) is None
    assert treemem.read_tree(999, proc) is None
    assert treemem.tree(999, proc) == [999]


def test_the_peaks_are_the_largest_sums_polled(tmp_path: Path) -> None:
    proc = _fake_proc(tmp_path)
    peak = treemem.TreePeak(100, interval=0.001, proc=proc)
    peak.poll()
    _process(proc, 104, 100, [], rss=1000, pss=1000, private=1000)
    (proc / "100" / "task" / "100" / "children").write_text("101 102 104")
    peak.poll()
    (proc / "100" / "task" / "100" / "children").write_text("101")
    peak.poll()
    figures = peak.peaks.as_dict()
    assert figures["tree_pss_mb"] == pytest.approx(1510 / 1024)
    assert figures["tree_rss_mb"] == pytest.approx(1850 / 1024)
    assert figures["tree_processes"] == 5
    assert figures["tree_polls"] == 3


# A parent that fills SHARED MB, then forks two children that each fill OWN MB of their
# own and wait; the parent waits for them.
SHARED, OWN = 60, 30
FORKING = f"""
import os, sys, time
shared = bytearray({SHARED} * 2**20)
for i in range(0, len(shared), 4096):
    shared[i] = 1
for _ in range(2):
    if os.fork() == 0:
        own = bytearray({OWN} * 2**20)
        for i in range(0, len(own), 4096):
            own[i] = 1
        time.sleep(1.0)
        os._exit(0)
time.sleep(0.5)
os.wait(); os.wait()
"""


@pytest.mark.skipif(not LINUX_PROC, reason="needs Linux's /proc/PID/smaps_rollup")
def test_a_forking_tree_counts_shared_pages_once_in_pss() -> None:
    child = subprocess.Popen([sys.executable, "-c", FORKING])
    peak = treemem.TreePeak(child.pid, interval=0.02).start()
    child.wait()
    figures = peak.stop().as_dict()
    assert figures["tree_processes"] == 3
    assert figures["tree_source"] == "smaps_rollup"
    pss, rss = figures["tree_pss_mb"], figures["tree_rss_mb"]
    # Everything allocated is counted once: the shared pages and each child's own.
    assert pss >= SHARED + 2 * OWN
    # The interpreter adds a little, not another copy of the shared pages.
    assert pss < 2 * SHARED + 2 * OWN
    # RSS counts the shared pages in each of the three processes.
    assert rss >= 3 * SHARED + 2 * OWN


@pytest.mark.skipif(not LINUX_PROC, reason="needs Linux's /proc and wait4")
def test_a_child_started_by_the_spawner_reports_its_own_peak() -> None:
    started = spawner.Spawner()  # before this process grows
    try:
        ballast = bytearray(150 * 2**20)
        for i in range(0, len(ballast), 4096):
            ballast[i] = 1
        # Started from here, even /bin/true reports this process's peak...
        direct = subprocess.Popen(["true"])
        _, status, usage = os.wait4(direct.pid, 0)
        direct.returncode = os.waitstatus_to_exitcode(status)
        assert usage.ru_maxrss / 1024 >= 150
        # ...and started by the spawner, its own (under the spawner's 12 MB or so).
        seen: list[int] = []
        done = started.run(["true"], dict(os.environ), started=seen.append)
        assert done["returncode"] == 0
        assert done["max_rss_kb"] / 1024 < 40
        assert seen and seen[0] > 0
        del ballast
    finally:
        started.close()


@pytest.mark.skipif(not LINUX_PROC, reason="needs Linux's /proc and wait4")
def test_the_spawner_times_stops_and_reports_failures() -> None:
    started = spawner.Spawner()
    try:
        began = time.perf_counter()
        stopped = started.run(["sleep", "5"], dict(os.environ), timeout=0.2)
        assert stopped["timed_out"] and stopped["returncode"] == -9
        assert 0.2 <= stopped["seconds"] < 2 and time.perf_counter() - began < 3
        failed = started.run(["/no/such/program"], dict(os.environ))
        assert failed["returncode"] == 127
        ok = started.run([sys.executable, "-c", "import sys; sys.exit(3)"], dict(os.environ))
        assert ok["returncode"] == 3 and not ok["timed_out"]
    finally:
        started.close()


@pytest.mark.skipif(not LINUX_PROC, reason="needs Linux's /proc")
def test_run_as_a_script_it_measures_one_commands_tree() -> None:
    # A parent of 10 MB that forks a child which makes 40 MB of its own.
    program = (
        "import os, time; a = bytearray(10_000_000); pid = os.fork()\n"
        "if pid == 0:\n    b = bytearray(40_000_000); time.sleep(0.6); os._exit(3)\n"
        "os.waitpid(pid, 0); time.sleep(0.2); raise SystemExit(5)"
    )
    script = Path(treemem.__file__)
    done = subprocess.run(
        [sys.executable, str(script), sys.executable, "-c", program],
        capture_output=True,
        text=True,
        check=True,
    )
    found = json.loads(done.stdout)
    assert found["exit_status"] == 5
    assert found["tree_processes"] == 2
    assert 48 <= found["tree_pss_mb"] < 80  # both, the 10 MB counted once
    assert 38 <= found["largest_process_mb"] < 60  # the child's own peak, not a sum
    assert found["seconds"] >= 0.8
    usage = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
    assert usage.returncode == 2 and "usage:" in usage.stderr and not usage.stdout
