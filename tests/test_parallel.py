"""Worker processes and a Dask cluster write, byte for byte, the results of a serial run."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest
from script_modules import script_module

from evaluator.cli import main

ROOT = Path(__file__).resolve().parents[1]
# Seed 5 draws all three submission forms (CSV lists, inline YAML, single file) in 10 units.
PLAN = {"units": 10, "records": 120, "seed": 5}


def _generator() -> ModuleType:
    return script_module("benchmarks/generate.py", "benchmark_generate")


@pytest.fixture(scope="module")
def evaluation(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small generated evaluation, plus one invalid unit so errors are compared too."""
    generate = _generator()
    folder = tmp_path_factory.mktemp("parallel") / "submissions"
    generate.generate(folder, generate.Plan(**PLAN))
    forms = {p.suffix or "folder" for p in folder.iterdir() if not p.name.startswith(".")}
    assert forms == {".yaml", "folder"}
    assert any(p.name.endswith(".csv") for p in folder.rglob("*"))
    (folder / "zz-broken.yaml").write_text(
        "unit: {id: zz-broken, name: 错误示例, type: bureau}\nwebsite: {recieved_on: 2016-01-01}\n",
        encoding="utf-8",
    )
    return folder


def _results(evaluation: Path, monkeypatch: pytest.MonkeyPatch, name: str, *options: str) -> bytes:
    """The JSON results of ``evaluate`` run from the evaluation's parent folder."""
    monkeypatch.chdir(evaluation.parent)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1484006400")
    out = evaluation.parent / f"{name}.json"
    status = main(
        [
            evaluation.name,
            "--criteria",
            str(ROOT / "criteria"),
            "--format",
            "json",
            "-o",
            str(out),
            "--no-progress",
            *options,
        ]
    )
    assert status == 1  # the broken unit is reported, every other unit scored
    return out.read_bytes()


@pytest.fixture(scope="module")
def serial(evaluation: Path) -> bytes:
    with pytest.MonkeyPatch.context() as monkeypatch:
        results = _results(evaluation, monkeypatch, "serial", "--jobs", "1")
    assert b'"id": "u00001-s"' in results and b"recieved_on" in results
    return results


def test_two_jobs_give_the_serial_results(
    evaluation: Path, serial: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _results(evaluation, monkeypatch, "jobs2", "--jobs", "2") == serial


def test_a_dask_cluster_gives_the_serial_results(
    evaluation: Path, serial: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
    ) as cluster:
        results = _results(
            evaluation,
            monkeypatch,
            "dask",
            "--executor",
            "dask",
            "--scheduler",
            cluster.scheduler_address,
        )
    assert results == serial


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_units_sent_in_chunks_give_the_serial_results(
    evaluation: Path, serial: bytes, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    """Several units to a task (the broken one inside a chunk, units of very different
    sizes: CSV folders, inline YAML, single files) write what one unit to a task writes."""
    from evaluator._scoring import engine, workers

    sent: list[list[range]] = []
    real = workers.chunks

    def recorded(sizes: list[int], jobs: int) -> list[range]:
        found = real(sizes, jobs)
        sent.append(found)
        return found

    monkeypatch.setattr(workers, "CHUNKS_PER_WORKER", 1)
    monkeypatch.setattr(workers, "chunks", recorded)
    assert _results(evaluation, monkeypatch, f"chunked{jobs}", "--jobs", jobs) == serial
    (found,) = sent
    assert max(len(c) for c in found) > 1
    sizes = [engine._size(e) for e in engine.survey(str(evaluation))[0]]
    assert max(sizes) > 10 * min(sizes)  # sizes as different as a city's units
