"""Run ``mypy --strict`` as a plugin author would, on files outside this repository."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def mypy_strict(*paths: Path, cwd: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    """``mypy --strict PATHS`` in ``cwd`` (its configuration's files without ``PATHS``).

    An editable install is an import hook mypy cannot follow, so the checkout
    is put on ``MYPYPATH`` for ``evaluator``; the cache goes under ``cache``,
    never in the repository.
    """
    environment = {**os.environ, "MYPYPATH": str(ROOT)}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-error-summary",
            "--cache-dir",
            str(cache / ".mypy_cache"),
            *(str(p) for p in paths),
        ],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
