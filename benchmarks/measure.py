"""One timed run of a command: wall and CPU seconds, peak RSS, exit status.

Shared by ``run.py``, ``worst.py``, ``against.py`` and ``render.py``: the
command runs in a child process, its output discarded; CPU time and peak RSS
come from ``wait4`` (user + system, children of its own included).
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Sample:
    """One run of a command: wall and CPU seconds, peak RSS in MiB, exit status."""

    wall: float
    cpu: float
    rss: float
    status: int


def run(
    command: Sequence[str],
    env: dict[str, str] | None = None,
    *,
    cwd: Path = ROOT,
    accepted: Collection[int] = (0,),
) -> Sample:
    """Run ``command`` from ``cwd``; stop with its error output unless its status is accepted."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors, env=env
        )
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = code = os.waitstatus_to_exitcode(status)
        if code not in accepted:
            errors.seek(0)
            message = errors.read().decode("utf-8", "replace")[-2000:]
            raise SystemExit(f"{' '.join(command)} (in {cwd}) exited {code}:\n{message}")
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, code)
