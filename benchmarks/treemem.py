"""Peak memory of a process tree: a process and all its descendants, polled, summed.

``bench.py`` runs each build in a child process and, while it runs, a
``TreePeak`` thread polls that child and every process below it (leisearch's
Whoosh workers) every 10 ms or more (see below), sums their memory and keeps
the largest sum.

What is summed, from ``/proc/PID/smaps_rollup`` (Linux 4.14 and later):

* **PSS** (proportional set size), the figure that is reported: every page
  counts once, split between the processes that map it. Forked workers share
  their parent's pages (the interpreter, the imported modules, anything built
  before the fork) until one of them writes to a page; RSS would count such a
  page once per process, so a sum of RSS overstates a forking tree, and more
  the more workers it has. A sum of PSS is the tree's own memory, plus its share
  of pages it shares with processes outside it (shared libraries; a few MB).
* **RSS**, summed too, as the upper bound (shared pages counted in every process).
* **USS** (``Private_Clean`` + ``Private_Dirty``: pages no other process maps),
  the lower bound.

Where ``smaps_rollup`` cannot be read, ``/proc/PID/status`` gives ``VmRSS``, and PSS
and USS are taken as equal to it (``source`` says ``status``). Without ``/proc``
(macOS, Windows) nothing is measured and the figures are ``None``.

The descendants are found through ``/proc/PID/task/TID/children`` (the children
each thread started; Linux with ``CONFIG_PROC_CHILDREN``, as distributions
build it), else by reading every ``/proc/PID/stat`` for its parent. A
descendant whose parent exited before it is re-parented away from the tree and
no longer counted; leisearch's workers die with their build, so none are lost.

Polling misses what happens between two polls: a peak that lasts less than the
interval can be missed, so the figure is a lower bound of the true peak, close
for a build whose memory grows over seconds. Reading ``smaps_rollup`` makes the
kernel walk the process's page tables; on the development machine it took
0.25 ms for a small Python process, 2 ms for a leisearch build of 100 MB and
9 ms for a process holding one buffer of 800 MB. So that the polls (in the
benchmark's own process) never take more than 5% of a core from what they
measure, a poll that took ``t`` is followed by a wait of ``19 t`` when that is
longer than 10 ms: 40 ms for that 100 MB build, 75 ms for a build of 150 MB in
three processes. ``tree_interval_ms`` reports the mean interval a run had and
``tree_polls`` how many polls there were: a run of a fraction of a second (an
FTS5 build of the seeds) gets a few, and its figures are rough.

Run as a script, it measures one command that way, with nothing beside it (no
baseline, no other size): ``python benchmarks/treemem.py leisearch index DIR
--rebuild --index X`` prints one JSON object: the tree's peaks, the largest
process's peak resident size (``os.wait4``, as ``bench.py`` reads it), the
seconds and the exit status. It is how a build of 100,000 articles was measured
on its own (see the benchmarks' README), where ``bench.py`` would build plain
Whoosh and FTS5 at that size too.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PROC = Path("/proc")
INTERVAL_SECONDS = 0.01
#: The largest share of one core the polls may take: a poll that took t seconds is
#: followed by a wait of at least t * (1 / MAX_DUTY - 1).
MAX_DUTY = 0.05


@dataclass(frozen=True)
class Memory:
    """One process's memory, in kB."""

    rss_kb: int
    pss_kb: int
    uss_kb: int
    source: str  # "smaps_rollup" or "status"


@dataclass(frozen=True)
class Reading:
    """A tree's memory at one moment: the sums over its processes, in kB."""

    rss_kb: int
    pss_kb: int
    uss_kb: int
    processes: int
    source: str


def read_memory(pid: int, proc: Path = PROC) -> Memory | None:
    """The memory of ``pid``, or None if it is gone (or a zombie, which has none)."""
    with contextlib.suppress(OSError):
        fields = _kb_fields((proc / str(pid) / "smaps_rollup").read_text())
        if "Rss" in fields:
            uss = fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0)
            pss = fields.get("Pss", fields["Rss"])
            return Memory(fields["Rss"], pss, uss, "smaps_rollup")
    with contextlib.suppress(OSError):
        status = _kb_fields((proc / str(pid) / "status").read_text())
        if "VmRSS" in status:
            rss = status["VmRSS"]
            return Memory(rss, rss, rss, "status")
    return None


def _kb_fields(text: str) -> dict[str, int]:
    """``Name:   123 kB`` lines as {name: 123}; other lines are passed over."""
    fields: dict[str, int] = {}
    for line in text.splitlines():
        name, _, rest = line.partition(":")
        parts = rest.split()
        if len(parts) == 2 and parts[1] == "kB" and parts[0].isdigit():
            fields[name.strip()] = int(parts[0])
    return fields


def children(pid: int, proc: Path = PROC) -> list[int] | None:
    """The children of ``pid`` from its threads' ``children`` files; None if the kernel
    has no such files (or ``pid`` is gone)."""
    found: list[int] = []
    try:
        tasks = list((proc / str(pid) / "task").iterdir())
    except OSError:
        return None
    seen_file = False
    for task in tasks:
        with contextlib.suppress(OSError):
            found.extend(int(c) for c in (task / "children").read_text().split())
            seen_file = True
    return found if seen_file else None


def parents(proc: Path = PROC) -> dict[int, int]:
    """{pid: parent pid} for every process, from ``/proc/PID/stat``."""
    table: dict[int, int] = {}
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, ValueError, IndexError):
            # "pid (comm) state ppid ...": comm may hold spaces and parentheses.
            after = (entry / "stat").read_text().rpartition(")")[2].split()
            table[int(entry.name)] = int(after[1])
    return table


def tree(root: int, proc: Path = PROC) -> list[int]:
    """``root`` and all its descendants, root first."""
    if children(root, proc) is not None:

        def below(pid: int) -> list[int]:
            return children(pid, proc) or []

    else:
        index: dict[int, list[int]] = {}
        for pid, parent in parents(proc).items():
            index.setdefault(parent, []).append(pid)

        def below(pid: int) -> list[int]:
            return index.get(pid, [])

    found, todo, seen = [], [root], {root}
    while todo:
        pid = todo.pop(0)
        found.append(pid)
        for child in below(pid):
            if child not in seen:
                seen.add(child)
                todo.append(child)
    return found


def read_tree(root: int, proc: Path = PROC) -> Reading | None:
    """The summed memory of ``root`` and its descendants now, or None if none is readable."""
    memories = [m for m in (read_memory(pid, proc) for pid in tree(root, proc)) if m]
    if not memories:
        return None
    source = "status" if any(m.source == "status" for m in memories) else "smaps_rollup"
    return Reading(
        rss_kb=sum(m.rss_kb for m in memories),
        pss_kb=sum(m.pss_kb for m in memories),
        uss_kb=sum(m.uss_kb for m in memories),
        processes=len(memories),
        source=source,
    )


@dataclass
class Peaks:
    """The largest of each sum over the polls (each its own maximum: they may come from
    different polls), how many processes there were at most, and what the polls cost."""

    rss_kb: int = 0
    pss_kb: int = 0
    uss_kb: int = 0
    processes: int = 0
    polls: int = 0
    poll_seconds: float = 0.0
    elapsed_seconds: float = 0.0
    sources: set[str] = field(default_factory=set)

    def add(self, reading: Reading) -> None:
        self.rss_kb = max(self.rss_kb, reading.rss_kb)
        self.pss_kb = max(self.pss_kb, reading.pss_kb)
        self.uss_kb = max(self.uss_kb, reading.uss_kb)
        self.processes = max(self.processes, reading.processes)
        self.sources.add(reading.source)

    def as_dict(self) -> dict[str, Any]:
        """The peaks in MB (MiB, as ``bench.py``'s figures from ``ru_maxrss``), None if
        nothing was read."""
        measured = self.polls > 0 and bool(self.sources)
        return {
            "tree_pss_mb": self.pss_kb / 1024 if measured else None,
            "tree_rss_mb": self.rss_kb / 1024 if measured else None,
            "tree_uss_mb": self.uss_kb / 1024 if measured else None,
            "tree_processes": self.processes,
            "tree_polls": self.polls,
            "tree_poll_ms": 1000 * self.poll_seconds / self.polls if self.polls else None,
            "tree_interval_ms": 1000 * self.elapsed_seconds / self.polls if self.polls else None,
            "tree_source": "+".join(sorted(self.sources)) or None,
        }


class TreePeak:
    """Polls the tree under ``pid`` in a thread from ``start()`` to ``stop()``."""

    def __init__(self, pid: int, interval: float = INTERVAL_SECONDS, proc: Path = PROC):
        self.pid = pid
        self.interval = interval
        self.proc = proc
        self.peaks = Peaks()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def poll(self) -> float:
        """Read the tree once; return how long that took."""
        start = time.perf_counter()
        reading = read_tree(self.pid, self.proc)
        took = time.perf_counter() - start
        self.peaks.poll_seconds += took
        self.peaks.polls += 1
        if reading:
            self.peaks.add(reading)
        return took

    def _run(self) -> None:
        start = time.perf_counter()
        while not self._stop.is_set():
            took = self.poll()
            self._stop.wait(max(self.interval, took * (1 / MAX_DUTY - 1)))
        self.peaks.elapsed_seconds = time.perf_counter() - start

    def start(self) -> TreePeak:
        if self.proc.is_dir():
            self._thread.start()
        return self

    def stop(self) -> Peaks:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
        return self.peaks


def measure(command: list[str]) -> dict[str, Any]:
    """Run ``command`` (its output thrown away, its errors shown), polling its tree."""
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    peak = TreePeak(child.pid).start()
    _, status, usage = os.wait4(child.pid, 0)
    peaks = peak.stop()
    return {
        "command": command,
        "exit_status": os.waitstatus_to_exitcode(status),
        "seconds": round(time.perf_counter() - started, 1),
        # ru_maxrss is in KB on Linux: the child's own peak, or a waited-for descendant's.
        "largest_process_mb": usage.ru_maxrss / 1024,
        **peaks.as_dict(),
    }


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: python benchmarks/treemem.py COMMAND [ARG ...]", file=sys.stderr)
        return 2
    print(json.dumps(measure(argv)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
