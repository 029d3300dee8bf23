"""`evaluate --version` and `--help` start without importing any dependency."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("pluggy", "jsonschema", "yaml", "holidays", "tabulate")


def _imported(*arguments: str) -> set[str]:
    """Top-level names of every module a fresh ``python -m evaluator ...`` imports."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "evaluator", *arguments],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout  # the version or the help was printed
    return {
        line.rsplit("|", 1)[1].strip().split(".")[0]
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }


@pytest.mark.parametrize(
    "arguments",
    [
        ["--version"],
        ["--help"],
        ["validate", "--help"],
        ["init", "--help"],
        ["new-plugin", "--help"],
    ],
)
def test_version_and_help_import_no_dependency(arguments: list[str]) -> None:
    imported = _imported(*arguments)
    assert "evaluator" in imported
    assert imported.isdisjoint(HEAVY), sorted(imported & set(HEAVY))
