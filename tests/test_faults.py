"""Fault injection: a plugin that raises, exits, writes what it reads, sleeps or kills its
worker costs only the unit it was scoring; an interrupt ends the run promptly and cleanly.

Each run scores clean units beside faulty ones (tests/fixtures/faults: the
``faults.act`` scorer misbehaves as a unit's ``fault.mode`` asks) and compares
every clean unit's result with a run of the clean units alone.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

FAULTS = Path(__file__).parent / "fixtures" / "faults"
CLEAN = {"b-1": (3, 4), "b-2": (4, 4), "b-3": (1, 4), "b-4": (2, 4), "b-5": (4, 4)}


def unit(folder: Path, ident: str, done: int, required: int, mode: str = "none") -> None:
    kind = "street" if ident.startswith("s-") else "bureau"
    (folder / f"{ident}.yaml").write_text(
        f"unit: {{id: {ident}, name: 单位{ident}, type: {kind}}}\n"
        f"fault: {{done: {done}, required: {required}, mode: {mode}}}\n",
        encoding="utf-8",
    )


def evaluation(tmp_path: Path, faulty: dict[str, str]) -> Path:
    folder = tmp_path / ("subs-" + "-".join(sorted(faulty)) if faulty else "clean")
    folder.mkdir()
    for ident, (done, required) in CLEAN.items():
        unit(folder, ident, done, required)
    for ident, mode in faulty.items():
        unit(folder, ident, 4, 4, mode)
    return folder


def run(folder: Path, *options: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "evaluator",
            str(folder),
            "--criteria",
            str(FAULTS / "criteria"),
            "--no-entry-points",
            "--format",
            "json",
            *options,
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1484006400"},
    )


def clean_units(document: dict[str, Any]) -> list[dict[str, Any]]:
    """The clean units' entries, source paths made comparable across folders."""
    units = [u for u in document["units"] if u["id"] in CLEAN]
    for entry in units:
        entry["source"] = {"path": Path(entry["source"]["path"]).name}
    return units


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    done = run(evaluation(tmp_path_factory.mktemp("ref"), {}))
    assert done.returncode == 0, done.stderr
    return clean_units(json.loads(done.stdout))


MISBEHAVING = {
    "b-raise": "raise",
    "b-exit": "exit",
    "b-base": "base",
    "b-memory": "memory",
    "b-params": "params",
    "b-data": "data",
    "s-sleep": "sleep",
}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_misbehaving_scorers_cost_only_their_own_units(
    tmp_path: Path, reference: list[dict[str, Any]], jobs: str
) -> None:
    done = run(evaluation(tmp_path, MISBEHAVING), "--jobs", jobs)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    document = json.loads(done.stdout)
    assert clean_units(document) == reference
    units = {u["id"]: u for u in document["units"]}
    for ident, mode in MISBEHAVING.items():
        if mode == "sleep":
            assert units[ident]["status"] == "ok"
            continue
        failed = [i for i in units[ident]["indicators"] if i["status"] == "error"]
        assert [i["id"] for i in failed] == ["act"], ident
        assert units[ident]["rank"] is None
    # the unit that tried to zero its own `done` for the next scorer: share still read 4 of 4
    share = next(i for i in units["b-data"]["indicators"] if i["id"] == "share")
    assert share["points"] == 10.0
    error = units["b-exit"]["indicators"][0]["findings"][0]["params"]
    assert (error["plugin"], error["scorer"], error["error"]) == (
        "faults",
        "faults.act",
        "SystemExit: 3",
    )


def test_a_killed_worker_costs_only_the_unit_that_killed_it(
    tmp_path: Path, reference: list[dict[str, Any]]
) -> None:
    done = run(evaluation(tmp_path, {"b-kill": "kill", "b-raise": "raise"}), "--jobs", "2")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "BrokenProcessPool" not in done.stderr
    document = json.loads(done.stdout)
    assert clean_units(document) == reference
    assert [(Path(e["path"]).name, e["code"]) for e in document["errors"]] == [
        ("b-kill.yaml", "unit.worker_died")
    ]


def _children(pid: int) -> list[int]:
    """Process ids whose parent is ``pid`` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _start(folder: Path, out: Path, *options: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "evaluator",
            str(folder),
            "--criteria",
            str(FAULTS / "criteria"),
            "--no-entry-points",
            "-o",
            str(out),
            *options,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for_workers(process: subprocess.Popen[str], count: int) -> list[int]:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        children = _children(process.pid)
        if len(children) >= count:
            return children
        time.sleep(0.05)
    raise AssertionError("the workers never started")


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="counts worker processes in /proc")
def test_two_interrupts_end_a_parallel_run_at_once_leaving_nothing_behind(tmp_path: Path) -> None:
    folder = evaluation(tmp_path, {"b-hog1": "hog", "b-hog2": "hog"})
    out = tmp_path / "out"
    out.mkdir()
    process = _start(folder, out / "results.json", "--jobs", "2")
    workers = _wait_for_workers(process, 2)
    time.sleep(0.5)  # the workers are busy with the hogs
    process.send_signal(signal.SIGINT)
    time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    started = time.monotonic()
    _, err = process.communicate(timeout=20)
    assert time.monotonic() - started < 10
    assert process.returncode == 130, err
    assert "Traceback" not in err
    for pid in workers:
        assert not Path(f"/proc/{pid}").exists() or _zombie(pid), f"worker {pid} left running"
    assert list(out.iterdir()) == []  # neither the result nor a temporary file


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


def test_sigterm_while_writing_removes_the_temporary_file(tmp_path: Path) -> None:
    folder = evaluation(tmp_path, {"b-hog": "hog"})
    out = tmp_path / "out"
    out.mkdir()
    (out / "results.json").write_text("last year's", encoding="utf-8")
    process = _start(folder, out / "results.json")
    time.sleep(3)  # scoring: stuck on the hog
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=20)
    assert process.returncode == 143, err
    assert "Traceback" not in err
    # the earlier file is untouched, and no temporary file is left beside it
    assert [p.name for p in out.iterdir()] == ["results.json"]
    assert (out / "results.json").read_text(encoding="utf-8") == "last year's"


def test_sigterm_in_the_middle_of_writing_removes_the_partial_file(
    run_cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import evaluator._reports.json_results as json_results

    real = json_results.unit_document
    written: list[str] = []

    def slow(*args: Any, **kwargs: Any) -> Any:
        written.append("unit")
        if len(written) == 3:  # part of the document is on disk by now
            os.kill(os.getpid(), signal.SIGTERM)
        return real(*args, **kwargs)

    monkeypatch.setattr(json_results, "unit_document", slow)
    previous = signal.getsignal(signal.SIGTERM)
    out = tmp_path / "out"
    out.mkdir()
    try:
        done = run_cli("submissions", "--format", "json", "-o", str(out / "r.json"))
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert done.status == 143
    assert list(out.iterdir()) == []
