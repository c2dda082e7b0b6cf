"""A small process that starts ``bench.py``'s children, so that their peak memory is theirs.

On Linux, the peak resident set size that ``wait4`` reports for a child
(``ru_maxrss``) is at least the peak of the process that started it: when the
child execs, the kernel keeps the high-water mark of the memory it replaces,
which is a copy of its parent's (``fork``) or the parent's itself (``vfork``,
``posix_spawn``). ``/bin/true`` started by a Python process that once held
200 MB reports 204 MB. ``bench.py`` grows as it works (it generates corpora,
reads the batch runs' output), so a child it started itself would report the
benchmark's peak whenever its own was smaller: a cold query of 25 MB, started
after the benchmark read a batch output of 50 MB, reported 50.

So ``bench.py`` starts this script once, before anything else, and asks it to
start each child: JSON lines in (``argv``, ``stdin``, ``stdout``, ``timeout``,
``env``), JSON lines out (the child's ``pid`` as soon as it runs, then its
``seconds``, ``max_rss_kb``, ``returncode`` and ``timed_out``). This process
imports nothing beyond the standard library's basics and stays near 10 MB, so
that is the floor of the figures it reports. Timing is taken here, around the
start and the reaping of the child, as ``bench.py`` took it before.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from typing import IO, Any


def start(request: dict[str, Any], report: IO[str]) -> dict[str, Any]:
    """Run one child to the end (or kill it at ``timeout``); report its pid once it runs."""
    with (
        open(request.get("stdin") or os.devnull, "rb") as fin,
        open(request.get("stdout") or os.devnull, "wb") as fout,
    ):
        began = time.perf_counter()
        try:
            proc = subprocess.Popen(
                request["argv"],
                stdin=fin,
                stdout=fout,
                stderr=subprocess.DEVNULL,
                env=request["env"],
            )
        except OSError as error:
            report.write(json.dumps({"pid": None, "error": str(error)}) + "\n")
            return {"seconds": 0.0, "max_rss_kb": 0, "returncode": 127, "timed_out": False}
        report.write(json.dumps({"pid": proc.pid}) + "\n")
        report.flush()
        fired = threading.Event()

        def stop() -> None:
            fired.set()
            proc.kill()

        timeout = request.get("timeout")
        timer = threading.Timer(timeout, stop) if timeout else None
        if timer:
            timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - began
        if timer:
            timer.cancel()
    return {
        "seconds": seconds,
        "max_rss_kb": usage.ru_maxrss,
        "returncode": os.waitstatus_to_exitcode(status),
        "timed_out": fired.is_set(),
    }


def serve(requests: IO[str], report: IO[str]) -> None:
    """Start one child per request line, until the input ends."""
    for line in requests:
        if line.strip():
            report.write(json.dumps(start(json.loads(line), report)) + "\n")
            report.flush()


class Spawner:
    """This script, running as a child of the caller, and the calls to it."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-S", "-I", __file__],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )

    def run(
        self,
        argv: list[str],
        env: dict[str, str],
        *,
        stdin: str | None = None,
        stdout: str | None = None,
        timeout: float | None = None,
        started: Any = None,
    ) -> dict[str, Any]:
        """Run ``argv``; call ``started(pid)`` once it runs; return the child's figures."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        request = {"argv": argv, "env": env, "stdin": stdin, "stdout": stdout, "timeout": timeout}
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("the spawner process ended")
        pid = json.loads(line)["pid"]
        if started and pid is not None:
            started(pid)
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("the spawner process ended")
        result: dict[str, Any] = json.loads(line)
        return result

    def close(self) -> None:
        """End the spawner (its input ends) and wait for it."""
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream:
                stream.close()
        self.proc.wait()


if __name__ == "__main__":
    serve(sys.stdin, sys.stdout)
