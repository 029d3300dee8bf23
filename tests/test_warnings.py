"""A year whose official working-day calendar is not known is warned about, once."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from evaluator._core.model import Message

ROOT = Path(__file__).resolve().parents[1]
GUESSED = Message("unit.calendar_unknown", {"year": 2031})


@pytest.fixture
def future(tmp_path: Path) -> Path:
    """The real criteria moved to 2031, and one unit with a request that year."""
    for folder in ("criteria", "plugins"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    # the sample's facts name the sample's units, which this evaluation does not have
    (tmp_path / "criteria" / "facts.yaml").unlink()
    scheme = tmp_path / "criteria" / "scheme.yaml"
    text = scheme.read_text(encoding="utf-8")
    text = text.replace("year: 2016", "year: 2031").replace(
        "as_of: 2017-01-10", "as_of: 2032-01-10"
    )
    scheme.write_text(text, encoding="utf-8")
    (tmp_path / "submissions").mkdir()
    (tmp_path / "submissions" / "xc-test.yaml").write_text(
        "unit: {id: xc-test, name: 测试局, type: bureau}\n"
        "responsiveness:\n"
        "  requests:\n"
        "    - {id: R1, received_on: 2031-03-03, replied_on: 2031-03-10}\n",
        encoding="utf-8",
    )
    return tmp_path


def run(folder: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "evaluator", "submissions/", *options],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )


def test_guessed_calendar_is_warned_once_in_the_table(future: Path) -> None:
    table = run(future)
    assert table.returncode == 0
    assert table.stdout.count(GUESSED.text()) == 1
    assert "测试局（xc-test）：" + GUESSED.text() in table.stdout


def test_guessed_calendar_is_warned_on_the_unit_in_json(future: Path) -> None:
    result = run(future, "--format", "json")
    data = json.loads(result.stdout)
    (unit,) = data["units"]
    assert [(w["code"], w["params"]) for w in unit["warnings"]] == [
        ("unit.calendar_unknown", {"year": 2031})
    ]
    assert data["warnings"] == []  # the run itself has nothing to warn about
    assert result.stderr.count("xc-test: " + GUESSED.text()) == 1


def test_a_unit_is_not_warned_of_a_year_used_before_it_was_scored(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a year without a schedule used in this process before the unit (say by a plugin or
    # an earlier unit's reading) is not the unit's: only what its own scoring used is
    import datetime as dt

    from evaluator import working_days
    from evaluator._scoring.engine import Engine, Options, evaluate

    monkeypatch.chdir(ROOT)
    engine = Engine.load(Options("criteria", "plugins", entry_points=False))
    working_days.take_unknown_years()
    working_days.deadline(dt.date(2031, 3, 3), 5)  # 2031 has no schedule
    ev = evaluate(engine, "submissions")
    assert ev.units and all(u.warnings is not None for u in ev.units)
    told = [w for u in ev.units for w in u.warnings if w.code == "unit.calendar_unknown"]
    assert told == []
