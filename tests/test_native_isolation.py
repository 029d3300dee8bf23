"""A native reader that aborts costs only its unit, with --jobs 1 and in validate too.

The reader is made to abort where a real one would (inside the workbook's
native read, after the checks passed): ``CalamineWorkbook.from_filelike`` is
replaced, before the run forks its worker, by a function that prints what
Rust prints when an allocation fails and aborts the process. The unit gets
``sheet.reader_died`` at its workbook, naming the signal and the bytes asked
for; every other unit is scored as before.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from evaluator._reading.native import Death, death_note, isolate, native_reading
from evaluator._scoring.engine import Engine, check, evaluate
from evaluator._scoring.workers import map_in_workers

MINI = Path(__file__).parent / "fixtures" / "mini"
HOSTILE = Path(__file__).parent / "hostile"

pytestmark = pytest.mark.skipif(
    sys.platform != "linux", reason="workers fork; RLIMIT_AS is Linux's"
)


def _abort(*_: Any) -> Any:
    os.write(2, b"memory allocation of 549755813888 bytes failed\n")
    os.abort()


@pytest.fixture
def aborting_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    import python_calamine

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_filelike", _abort)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    submissions = tmp_path / "submissions"
    shutil.copytree(MINI / "submissions" / "b-alpha", submissions / "b-alpha")
    (submissions / "u-1").mkdir()
    shutil.copy(HOSTILE / "units" / "valid_with_xlsx.yaml", submissions / "u-1" / "submission.yaml")
    shutil.copy(HOSTILE / "sheets" / "valid.xlsx", submissions / "u-1" / "tasks.xlsx")
    monkeypatch.chdir(submissions)
    return submissions


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_aborting_reader_costs_only_its_unit(
    aborting_reader: None, folder: Path, mini_engine: Engine, jobs: int
) -> None:
    evaluation = evaluate(mini_engine, ".", jobs=jobs)
    assert [(u.id, u.total) for u in evaluation.units] == [("b-alpha", 100.0)]
    (error,) = evaluation.errors
    assert (str(error.location), error.code) == ("u-1/tasks.xlsx", "sheet.reader_died")
    assert error.params == {
        "signal": "SIGABRT",
        "memory": "word.out_of_memory",
        "asked": 549755813888,
    }
    assert "549,755,813,888" in error.text("en")
    assert evaluation.exit_status == 1


def test_validate_reads_in_a_worker_too(
    aborting_reader: None, folder: Path, mini_engine: Engine
) -> None:
    validation = check(mini_engine, ".")
    errors = {u.shown: [e.code for e in u.errors] for u in validation.units}
    assert errors == {"b-alpha/submission.yaml": [], "u-1/submission.yaml": ["sheet.reader_died"]}
    assert validation.exit_status == 1


def _read_and_die(path: str) -> str:
    with native_reading(path, 1 << 20):
        os.write(2, b"memory allocation of 1234 bytes failed\n")
        os.abort()


def _read_and_live(path: str) -> str:
    with native_reading(path, 1 << 20):
        pass
    return path


def test_a_worker_that_dies_reading_names_the_file_and_the_signal() -> None:
    deaths: list[Death] = []

    def died(item: str, death: Death) -> str:
        deaths.append(death)
        return "died"

    results = list(map_in_workers(_read_and_die, ["x/a.xlsx"], jobs=1, died=died))
    assert results == ["died"]
    (death,) = deaths
    assert (death.signal, death.reading, death.asked) == ("SIGABRT", "x/a.xlsx", 1234)
    assert death.out_of_memory
    assert list(map_in_workers(_read_and_live, ["y.xlsx"], jobs=1, died=died)) == ["y.xlsx"]


def test_a_read_through_leaves_no_note_and_outside_a_worker_nothing_is_capped(
    tmp_path: Path,
) -> None:
    import resource

    before = resource.getrlimit(resource.RLIMIT_AS)
    with native_reading("z.xlsx", 1 << 20):
        assert resource.getrlimit(resource.RLIMIT_AS) == before
    isolate(str(tmp_path))
    try:
        with native_reading("z.xlsx", 1 << 20):
            assert resource.getrlimit(resource.RLIMIT_AS)[0] != before[0]
        assert resource.getrlimit(resource.RLIMIT_AS) == before
        note = death_note(str(tmp_path), os.getpid(), -9)
        assert (note.signal, note.reading, note.asked) == ("SIGKILL", None, None)
    finally:
        isolate(None)
