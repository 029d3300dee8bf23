"""Hostile workbooks cost only their own unit, in a run whose memory the test caps.

The cases of ``tests/hostile/cases.yaml`` that ``generate`` their workbooks
(:mod:`hostile_workbooks`) each asked the reader for gigabytes, or to loop for
ever, before the checks of :mod:`evaluator._inputs.workbook_checks`; with those
checks gone the run would abort (exit 134) or exhaust the machine. So each runs
``evaluate`` in a subprocess whose address space is capped at 1 GiB
(``RLIMIT_AS``, inherited by its workers) and its CPU time at two minutes
(``RLIMIT_CPU``: the reader loops for ever on an OpenDocument table that never
closes): a regression fails the test instead of taking the machine down, and
peak memory stays under 1 GiB by construction.
Each case is checked exactly (its errors, each at its file with its code and
params, or the unit scored with its warning), then all the cases together,
beside a valid unit, with ``--jobs 1`` and ``--jobs 2``: every hostile unit
unscored with its own error, the valid unit's result unchanged, exit 1.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from hostile_workbooks import GENERATORS
from test_hostile import ALL_CASES, CORPUS, MINI, build

CASES = [c for c in ALL_CASES if "generate" in c]
MEMORY = 1 << 30
CPU_SECONDS = 120  # a reader looping for ever ends with SIGXCPU, not a hung test
GOOD_TOTAL = 100.0  # b-alpha of the mini evaluation


def _capped() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def _place(case: Mapping[str, Any], folder: Path) -> None:
    """The case's corpus files and generated workbooks, under ``folder``."""
    build(case, folder)
    for target, name in case["generate"].items():
        path = folder / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(GENERATORS[name]())


def _criteria(case: Mapping[str, Any], tmp_path: Path) -> Path:
    """The mini criteria, with the case's scheme options added."""
    options: Mapping[str, Any] = case.get("scheme_options", {})
    if not options:
        return MINI / "criteria"
    criteria = tmp_path / "criteria"
    shutil.copytree(MINI / "criteria", criteria)
    with (criteria / "scheme.yaml").open("a", encoding="utf-8") as scheme:
        scheme.writelines(f"{key}: {value}\n" for key, value in options.items())
    return criteria


def _evaluate(folder: Path, criteria: Path, jobs: str) -> tuple[int, dict[str, Any], str]:
    """``evaluate . --format json`` inside ``folder``, capped at 1 GiB: status, results, stderr."""
    command = [sys.executable, "-m", "evaluator", ".", "--format", "json", "--no-progress"]
    command += ["--no-entry-points", "--criteria", str(criteria), "--jobs", jobs]
    command += ["--plugins-dir", str(MINI / "plugins")]
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1484006400"}
    done = subprocess.run(
        command, cwd=folder, capture_output=True, preexec_fn=_capped, env=env, check=False
    )
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.stdout, f"no results (exit {done.returncode}): {stderr[-2000:]}"
    return done.returncode, json.loads(done.stdout), stderr


def _errors(results: Mapping[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    def at(error: Mapping[str, Any]) -> str:
        where = error["path"]
        if error.get("sheet") and not error.get("line"):
            where += f":{error['sheet']}"
        if error.get("line"):
            where += f":{error['line']}:{error['column']}"
        return str(where)

    return [(at(e), e["code"], e["params"]) for e in results["errors"]]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_a_generated_workbook_is_refused_or_read_as_excel_shows_it(
    case: Mapping[str, Any], tmp_path: Path
) -> None:
    folder = tmp_path / "submissions"
    _place(case, folder)
    status, results, stderr = _evaluate(folder, _criteria(case, tmp_path), "1")
    assert "Traceback" not in stderr
    errors = _errors(results)
    if "error" in case:
        want = case["error"]
        assert [(at, code) for at, code, _ in errors] == [(want["at"], want["code"])], errors
        assert want.get("params", {}).items() <= errors[0][2].items(), errors
        assert status == 1
        assert results["units"] == []
        return
    assert (status, errors) == (0, [])
    (unit,) = results["units"]
    assert unit["status"] == "ok"
    if "warning" in case:
        want = case["warning"]
        assert any(
            w["code"] == want["code"] and want["params"].items() <= w["params"].items()
            for w in unit["warnings"]
        ), unit["warnings"]
    else:
        assert unit["warnings"] == []


REFUSED = [c for c in CASES if "error" in c and "scheme_options" not in c]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_every_hostile_workbook_costs_only_its_own_unit(tmp_path: Path, jobs: str) -> None:
    folder = tmp_path / "submissions"
    shutil.copytree(MINI / "submissions" / "b-alpha", folder / "b-alpha")
    expected: dict[str, str] = {}
    for index, case in enumerate(REFUSED):
        unit = f"x-{index:02d}"
        part = tmp_path / "parts" / unit
        _place(case, part)
        for entry in part.iterdir():
            shutil.move(str(entry), str(folder / entry.name.replace("u-1", unit)))
        expected[case["error"]["at"].replace("u-1", unit)] = case["error"]["code"]
    status, results, stderr = _evaluate(folder, MINI / "criteria", jobs)
    assert status == 1
    assert "Traceback" not in stderr
    assert [(u["id"], u["total"]) for u in results["units"]] == [("b-alpha", GOOD_TOTAL)]
    found = {(at, code) for at, code, _ in _errors(results)}
    assert set(expected.items()) <= found, sorted(found)


def test_the_corpus_files_of_generated_cases_exist() -> None:
    for case in CASES:
        assert set(case["generate"].values()) <= set(GENERATORS), case["id"]
        if "submission" in case:
            assert (CORPUS / case["submission"]).is_file()
