"""Failure isolation end to end: broken plugins, misbehaving scorers, atomic output, inputs kept.

Runs ``evaluate`` in-process on a private copy of ``tests/fixtures/mini`` to
which ``tests/hostile/cli/`` adds a plugin whose scorer fails on request.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from evaluator._core.model import Message

RunCli = Callable[..., Any]  # the run_cli fixture of tests/conftest.py

CLI = Path(__file__).parent / "hostile" / "cli"
FAILING = {
    "b-raise": (
        "engine.scorer_failed",
        {"error": "ZeroDivisionError: division by zero in a rogue rule"},
    ),
    "b-too-many": ("engine.points_out_of_range", {"points": "15.0", "max": 10}),
    "b-negative": ("engine.points_out_of_range", {"points": "-1.0", "max": 10}),
    "b-nan": ("engine.points_not_finite", {"points": "nan"}),
    "b-not-an-outcome": ("engine.not_an_outcome", {"type": "dict"}),
    "b-bad-findings": ("engine.bad_findings", {}),
}


def tree_digest(*folders: Path) -> dict[str, str]:
    """sha256 of every file under ``folders`` (bytecode caches aside), by path."""
    digests: dict[str, str] = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digests[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digests


@pytest.fixture
def rogue(mini_copy: Path) -> Path:
    """The mini evaluation plus an indicator whose scorer fails for some units."""
    shutil.copy(CLI / "rogue.py", mini_copy / "plugins" / "rogue.py")
    shutil.copy(CLI / "checks.yaml", mini_copy / "criteria" / "checks.yaml")
    for unit in (CLI / "submissions").iterdir():
        shutil.copytree(unit, mini_copy / "submissions" / unit.name)
    return mini_copy


def test_plugin_failing_on_import_stops_with_file_and_line(
    mini_copy: Path, run_cli: RunCli
) -> None:
    shutil.copy(CLI / "broken_on_import.py", mini_copy / "plugins" / "broken_on_import.py")
    for command in (["submissions"], ["validate", "submissions"], ["plugins"]):
        run = run_cli(*command, "--no-entry-points", cwd=mini_copy)
        # a run stops; `evaluate plugins` lists the broken plugin among the rest
        assert run.status == (1 if command == ["plugins"] else 2), command
        assert "plugins/broken_on_import.py:7: KeyError: 'hours'" in run.err
        assert "Traceback" not in run.err


def test_plugin_with_a_syntax_error_stops_with_file_and_line(
    mini_copy: Path, run_cli: RunCli
) -> None:
    (mini_copy / "plugins" / "half_written.py").write_text(
        '"""Unfinished."""\n\n\ndef score(ctx:\n    return 1\n', encoding="utf-8"
    )
    run = run_cli("submissions", "--no-entry-points", cwd=mini_copy)
    assert run.status == 2
    assert "plugins/half_written.py:4: SyntaxError" in run.err
    assert "Traceback" not in run.err


def test_failing_scorer_marks_only_its_unit_incomplete(rogue: Path, run_cli: RunCli) -> None:
    run = run_cli("submissions", "--format", "json", "--no-entry-points", cwd=rogue)
    assert run.status == 1
    units = {u["id"]: u for u in json.loads(run.out)["units"]}
    for unit_id, (code, params) in FAILING.items():
        unit = units[unit_id]
        assert unit["status"] == "incomplete" and unit["rank"] is None, unit_id
        (failed,) = [i for i in unit["indicators"] if i["status"] == "error"]
        assert failed["id"] == "rogue_check"
        (finding,) = failed["findings"]
        assert finding["code"] == code
        assert finding["params"]["scorer"] == "rogue.misbehave"
        assert finding["params"]["plugin"] == "rogue"
        assert params.items() <= finding["params"].items()
        said = Message(
            "cli.incomplete", {"unit": unit_id, "indicator": "rogue_check", "reasons": ""}
        )
        assert any(line.startswith("错误：" + said.text()) for line in run.err.splitlines())
    # every other unit is still scored and ranked, the well-behaved rogue unit included
    assert units["b-fine"]["status"] == "ok" and units["b-fine"]["rank"] == 1
    for unit_id in ("b-alpha", "b-beta", "b-gamma", "b-delta"):
        assert units[unit_id]["status"] == "ok" and units[unit_id]["rank"] is not None
    assert units["b-epsilon"]["status"] == "incomplete"  # the demo plugin's own raising unit
    assert "Traceback" not in run.err


def test_failing_scorer_is_named_in_the_table_too(rogue: Path, run_cli: RunCli) -> None:
    run = run_cli("submissions", "--detail", "--no-entry-points", cwd=rogue)
    assert run.status == 1
    assert "评分插件 rogue 的评分器 rogue.misbehave 出错：ZeroDivisionError" in run.out
    assert "失控规则" in run.out


def test_output_file_is_complete_and_inputs_are_untouched(
    rogue: Path, tmp_path: Path, run_cli: RunCli
) -> None:
    inputs = [rogue / "criteria", rogue / "plugins", rogue / "submissions"]
    before = tree_digest(*inputs)
    out = tmp_path / "out"
    out.mkdir()
    for form in ("json", "csv", "markdown", "table"):
        target = out / f"results.{form}"
        run = run_cli(
            "submissions", "--format", form, "-o", str(target), "--no-entry-points", cwd=rogue
        )
        assert run.status == 1
        assert run.out == ""
        assert target.stat().st_size > 0
    json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert run_cli("validate", "submissions", "--no-entry-points", cwd=rogue).status == 1
    assert sorted(os.listdir(out)) == [f"results.{f}" for f in ("csv", "json", "markdown", "table")]
    assert tree_digest(*inputs) == before


def test_failed_write_leaves_the_old_output_and_no_temporary_file(
    mini_copy: Path, tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "results.json"
    target.write_text("previous results\n", encoding="utf-8")

    def disk_full(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    run = run_cli(
        "submissions", "--format", "json", "-o", str(target), "--no-entry-points", cwd=mini_copy
    )
    assert run.status == 2
    assert "No space left on device" in run.err
    assert target.read_text(encoding="utf-8") == "previous results\n"
    assert os.listdir(out) == ["results.json"]


def _strict_json(text: str) -> Any:
    """``text`` parsed as JSON proper: ``NaN`` and ``Infinity`` (which Python writes and
    reads by default) are refused."""

    def refuse(constant: str) -> None:
        raise ValueError(f"{constant} is not JSON")

    return json.loads(text, parse_constant=refuse)


def test_every_json_output_is_strict_json_even_when_scorers_return_nan(
    rogue: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    # issue 19: a NaN from a scorer or an earlier file must never reach the results
    first = tmp_path / "first.json"
    assert run_cli("submissions", "-o", str(first), cwd=rogue).status == 1
    documents = [_strict_json(first.read_text(encoding="utf-8"))]
    again = run_cli("submissions", "--format", "json", "--baseline", str(first), cwd=rogue)
    documents.append(_strict_json(again.out))
    robust = run_cli("submissions", "--format", "json", "--robustness", "20", cwd=rogue)
    documents.append(_strict_json(robust.out))
    nan = next(u for u in documents[0]["units"] if u["id"] == "b-nan")
    assert nan["status"] == "incomplete"
    assert all(d["units"] for d in documents)
