"""A record file byte-identical to another unit's is named on both (``audit.same_files``).

Issue 19, item 11: a copied submission under a new id drew no warning. Only
files holding at least one record count: a header-only file is the same for
every unit with nothing to report.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluator._scoring.engine import Engine, evaluate
from evaluator._scoring.spool import UnitSpool

CORPUS = Path(__file__).parent / "hostile"
TASKS = (CORPUS / "csv" / "valid.csv").read_bytes()
HEADER_ONLY = b"id,due_on,done_on\n"


def _unit(folder: Path, unit_id: str, tasks: bytes) -> None:
    own = folder / unit_id
    own.mkdir(parents=True)
    (own / "submission.yaml").write_text(
        f"unit: {{id: {unit_id}, name: 局{unit_id}, type: bureau}}\n"
        "demo:\n  done: 1\n  required: 1\n  tasks: {csv: tasks.csv}\n",
        encoding="utf-8",
    )
    (own / "tasks.csv").write_bytes(tasks)


def _same_files(engine: Engine, folder: Path, spooled: bool) -> dict[str, list[dict[str, object]]]:
    with UnitSpool() as spool:
        evaluation = evaluate(engine, str(folder), spool=spool if spooled else None)
        assert not evaluation.errors
        return {
            unit.id: [
                dict(w.params)
                for w in evaluation.detailed(unit).warnings
                if w.code == "audit.same_files"
            ]
            for unit in evaluation.units
        }


@pytest.mark.parametrize("spooled", [False, True])
def test_a_copied_record_file_is_named_on_both_units(
    mini_engine: Engine, tmp_path: Path, spooled: bool
) -> None:
    _unit(tmp_path, "b-one", TASKS)
    _unit(tmp_path, "b-copy", TASKS)
    _unit(tmp_path, "b-own", TASKS.replace(b"T2", b"T3"))
    found = _same_files(mini_engine, tmp_path, spooled)
    assert found["b-one"] == [{"units": ["b-copy"], "files": [f"{tmp_path}/b-one/tasks.csv"]}]
    assert found["b-copy"] == [{"units": ["b-one"], "files": [f"{tmp_path}/b-copy/tasks.csv"]}]
    assert found["b-own"] == []


def test_header_only_files_alike_are_no_copy(mini_engine: Engine, tmp_path: Path) -> None:
    _unit(tmp_path, "b-one", HEADER_ONLY)
    _unit(tmp_path, "b-two", HEADER_ONLY)
    assert _same_files(mini_engine, tmp_path, spooled=False) == {"b-one": [], "b-two": []}
