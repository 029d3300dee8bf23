"""The progress bar: on a terminal after a moment, never in piped or redirected output."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from evaluator._core.model import Message
from evaluator._scoring import progress as bar

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    now = [100.0]
    monkeypatch.setattr(bar.time, "monotonic", lambda: now[0])
    return now


def test_bar_appears_on_a_terminal_once_the_run_takes_a_moment(
    monkeypatch: pytest.MonkeyPatch, clock: list[float]
) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    progress = bar.ProgressBar(enabled=True)
    progress(1, 4)
    assert terminal.getvalue() == ""  # too early: a quick run shows nothing
    clock[0] += 0.6
    progress(2, 4)
    count = Message("cli.progress", {"done": 2, "total": 4}).text()
    assert terminal.getvalue() == "\r[" + "#" * 15 + "." * 15 + "] " + count
    progress.close()
    assert terminal.getvalue().endswith("\r\033[K")  # the line is cleared at the end


def test_no_bar_when_stderr_is_not_a_terminal(
    monkeypatch: pytest.MonkeyPatch, clock: list[float]
) -> None:
    piped = io.StringIO()
    monkeypatch.setattr(sys, "stderr", piped)
    progress = bar.ProgressBar(enabled=True)
    clock[0] += 10
    progress(3, 4)
    progress.close()
    assert piped.getvalue() == ""


def test_no_bar_when_disabled_even_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch, clock: list[float]
) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    progress = bar.ProgressBar(enabled=False)
    clock[0] += 10
    progress(3, 4)
    progress.close()
    assert terminal.getvalue() == ""


def test_piped_run_has_no_progress_characters() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "evaluator", "submissions/", "--format", "json"],
        cwd=MINI,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1  # the fixture holds one invalid submission
    assert "\r" not in run.stderr and "units" not in run.stderr
    assert "\r" not in run.stdout


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_bar_speaks_the_language_asked_for(
    monkeypatch: pytest.MonkeyPatch, clock: list[float], lang: str
) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    progress = bar.ProgressBar(enabled=True, lang=lang)
    clock[0] += 0.6
    progress(1, 2)
    assert terminal.getvalue().endswith({"zh": "1/2 个单位", "en": "1/2 units"}[lang])
