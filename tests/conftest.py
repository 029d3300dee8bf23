"""Shared fixtures: the small evaluations under ``tests/fixtures`` and a CLI runner."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from evaluator._plugins.loader import Registry, load_plugins
from evaluator._scoring.engine import Engine, Options
from evaluator.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini"

# Loading the fixture plugins must not leave bytecode caches beside them.
sys.dont_write_bytecode = True


@dataclass(frozen=True)
class Run:
    """What one ``evaluate`` command did."""

    status: int
    out: str
    err: str


RunCli = Callable[..., Run]


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> RunCli:
    """Run ``evaluate ARGS`` in-process in folder ``cwd``; exit status and output."""

    def run(*args: str, cwd: Path = MINI) -> Run:
        monkeypatch.chdir(cwd)
        capsys.readouterr()
        try:
            status = main(list(args))
        except SystemExit as exc:  # argparse and usage failures exit directly
            status = exc.code if isinstance(exc.code, int) else 1
        captured = capsys.readouterr()
        return Run(status, captured.out, captured.err)

    return run


@pytest.fixture
def mini_registry() -> Registry:
    """The demo plugin of the mini evaluation, and nothing installed."""
    return load_plugins(str(MINI / "plugins"), entry_points=False)


@pytest.fixture
def mini_engine() -> Engine:
    """The mini evaluation's scheme and plugins, loaded."""
    return Engine.load(Options(str(MINI / "criteria"), str(MINI / "plugins"), entry_points=False))


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A private copy of the mini evaluation, for tests that break one of its files."""
    target = tmp_path / "mini"
    shutil.copytree(MINI, target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


Edit = Callable[[Path, str, str], None]


@pytest.fixture
def edit() -> Edit:
    """Replace ``old`` (which must occur exactly once) with ``new`` in a copied file."""

    def replace(path: Path, old: str, new: str) -> None:
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} is not in {path} exactly once"
        path.write_text(text.replace(old, new), encoding="utf-8")

    return replace
