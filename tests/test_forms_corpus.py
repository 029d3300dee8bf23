"""Real-looking exports read as the records they hold, or fail with the expected errors.

The corpus in ``tests/fixtures/forms`` (written by ``tests/fixtures/make_forms.py``)
holds one task list saved the ways clerks' programs save it; every good one must
read as exactly the same records. Read with the mini scheme's demo plugin.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from evaluator._core.model import Submission
from evaluator._inputs.entries import Entry, discover
from evaluator._inputs.submissions import read_submission
from evaluator._scoring.engine import Engine

FORMS = Path(__file__).parent / "fixtures" / "forms"

TASKS = [
    {
        "id": "T1",
        "due_on": dt.date(2016, 3, 5),
        "done_on": dt.date(2016, 3, 4),
        "kind": "routine",
        "verified": True,
    },
    {"id": "T2", "due_on": dt.date(2016, 3, 10), "kind": "urgent", "verified": False},
    {
        "id": "T3",
        "due_on": dt.date(2016, 12, 31),
        "done_on": dt.date(2016, 12, 30),
        "kind": "routine",
        "verified": True,
    },
]

# unit -> (what it is, the warning codes reading it gives)
GOOD = {
    "b-excel-csv": ("Excel 'CSV UTF-8': BOM, CRLF, title row, 备注, 2016/3/5, trailing ,,,,", []),
    "b-gbk-csv": ("Excel 'CSV' on Chinese Windows: the same in GBK", ["csv.legacy_encoding"]),
    "b-wps-csv": ("WPS: 2016年3月5日, TRUE/FALSE, padded cells, mixed headers", []),
    "b-xlsx": ("xlsx: merged title cells, 备注, date cells, an empty trailing row", []),
    "b-xls": ("the xlsx saved by LibreOffice as Excel 97-2003", []),
    "b-ods": ("the xlsx saved by LibreOffice as OpenDocument", []),
    "b-workbook": ("a whole-unit workbook filled in from the template", []),
}

# unit -> every error: (where, code, params it must include)
BAD: dict[str, list[tuple[str, str, dict[str, Any]]]] = {
    "b-xlsx-bad": [
        ("b-xlsx-bad/任务.xlsx:任务!B3", "csv.date", {"value": "03/05/2016", "field": "截止日期"}),
        ("b-xlsx-bad/任务.xlsx:任务!B4", "csv.date", {"value": "2016-13-01"}),
        ("b-xlsx-bad/任务.xlsx:任务!E5", "csv.boolean", {"value": "对", "field": "是否核查"}),
    ],
    "b-wbbad": [
        ("b-wbbad.xlsx:demo!B2", "csv.integer", {"value": "两个", "field": "done"}),
        ("b-wbbad.xlsx:demo!A6", "workbook.unknown_label", {"label": "finished"}),
        ("b-wbbad.xlsx:任物", "workbook.unknown_sheet", {"sheet": "任物"}),
        ("b-wbbad.xlsx:单位!B1", "unit.id_mismatch", {"id": "b-other", "form": "word.workbook"}),
    ],
}


@pytest.fixture(scope="module")
def entries() -> dict[str, Entry]:
    return {entry.name: entry for entry in discover(str(FORMS))}


def _read(engine: Engine, entry: Entry) -> Submission | list[Any]:
    return read_submission(entry, engine.scheme, engine.schema, shown_as=entry.path)


@pytest.mark.parametrize("unit", list(GOOD))
def test_every_export_reads_as_the_same_tasks(
    mini_engine: Engine, entries: dict[str, Entry], unit: str
) -> None:
    submission = _read(mini_engine, entries[unit])
    assert isinstance(submission, Submission), submission
    assert submission.sections["demo"] == {"done": 2, "required": 3, "tasks": TASKS}
    assert [w.code for w in submission.warnings] == GOOD[unit][1]


def test_the_gbk_warning_names_the_file(mini_engine: Engine, entries: dict[str, Entry]) -> None:
    submission = _read(mini_engine, entries["b-gbk-csv"])
    assert isinstance(submission, Submission)
    (warning,) = submission.warnings
    assert warning.params["path"].endswith("b-gbk-csv/任务.csv")


@pytest.mark.parametrize("unit", list(BAD))
def test_bad_exports_give_their_errors_at_their_cells(
    mini_engine: Engine, entries: dict[str, Entry], unit: str
) -> None:
    errors = _read(mini_engine, entries[unit])
    assert isinstance(errors, list)
    got = [(str(e.location).replace(str(FORMS) + "/", ""), e.code, dict(e.params)) for e in errors]
    assert [(at, code) for at, code, _ in got] == [(at, code) for at, code, _ in BAD[unit]]
    for (_, _, params), (_, _, want) in zip(got, BAD[unit], strict=True):
        assert want.items() <= params.items()


def test_a_workbook_entry_is_fingerprinted_as_one_file(
    mini_engine: Engine, entries: dict[str, Entry]
) -> None:
    import hashlib

    submission = _read(mini_engine, entries["b-workbook"])
    assert isinstance(submission, Submission)
    data = (FORMS / "b-workbook.xlsx").read_bytes()
    assert submission.sha256 == hashlib.sha256(data).hexdigest()
    assert submission.files == ()
    assert (submission.unit.id, submission.unit.name, submission.unit.type) == (
        "b-workbook",
        "工作簿局",
        "bureau",
    )


def test_a_workbook_record_file_is_fingerprinted(
    mini_engine: Engine, entries: dict[str, Entry]
) -> None:
    submission = _read(mini_engine, entries["b-xls"])
    assert isinstance(submission, Submission)
    ((path, digest),) = submission.files
    assert path.endswith("b-xls/任务.xls") and len(digest) == 64
