"""Record lists read as columns: the same records to any reader, in the form a scorer takes.

A plain CSV record file is read a column at a time into a ``RecordColumns``
(``tests/test_csv_plain_rows.py`` checks its records are the row reader's for
any text). Here: the sequence it is (index, slice, iteration, equality,
read-only, copies, pickling), the form each scorer is given by what it
declares (``@scorer(records=...)``), and that the built-in scorers score the
same records alike from columns, from rows and from YAML.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import pickle
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from evaluator import Coded, FrozenDict, FrozenList, RecordColumns, column_of, scorer
from evaluator._core.frozen import ReadOnlyError
from evaluator._core.records import dict_view
from evaluator._inputs import csv_records
from evaluator.testing import EvaluationFolder

D = dt.date
COLUMNS = {
    "id": ("R-1", "R-2", "R-3"),
    "received_on": (D(2016, 3, 1), D(2016, 3, 2), D(2016, 3, 3)),
    "replied_on": (D(2016, 3, 10), None, D(2016, 3, 4)),
    "extended": (False, True, None),
}
ROWS = [
    {"id": "R-1", "received_on": D(2016, 3, 1), "replied_on": D(2016, 3, 10), "extended": False},
    {"id": "R-2", "received_on": D(2016, 3, 2), "extended": True},
    {"id": "R-3", "received_on": D(2016, 3, 3), "replied_on": D(2016, 3, 4)},
]


def make() -> RecordColumns:
    return RecordColumns(COLUMNS, 3)


def test_read_as_a_sequence_it_is_the_row_readers_list() -> None:
    records = make()
    assert len(records) == 3
    assert records[1] == ROWS[1] and "replied_on" not in records[1]  # an empty cell: no key
    assert records[-1] == ROWS[-1]
    assert list(records[0]) == ["id", "received_on", "replied_on", "extended"]  # file order
    with pytest.raises(IndexError):
        records[3]
    with pytest.raises(IndexError):
        records[-4]
    assert list(records) == ROWS and records == ROWS and records == tuple(ROWS)
    assert records != ROWS[:2] and records != [*ROWS[:2], {**ROWS[2], "id": "R-9"}]
    assert records[1:] == ROWS[1:]
    assert records[0] == ROWS[0]  # by index again, now from the records built
    assert all(type(r) is FrozenDict for r in records)
    assert type(records.records()) is FrozenList and records.records() is records.records()


def test_columns_are_read_without_building_a_record() -> None:
    records = make()
    assert records.columns["replied_on"] == COLUMNS["replied_on"]
    assert records.column("outcome") == (None, None, None)  # no such column: all empty
    assert column_of(records, "extended") == (False, True, None)
    assert column_of(ROWS, "extended") == [False, True, None]  # rows alike
    assert records._records is None  # nothing built


def test_it_is_read_only() -> None:
    records = make()
    for change in (
        lambda: records.append({}),
        lambda: records.clear(),
        lambda: records.sort(),
        lambda: records.__setitem__(0, {}),
        lambda: records.__delitem__(0),
    ):
        with pytest.raises(ReadOnlyError):
            change()
    with pytest.raises(TypeError):
        records.columns["id"] = ()  # type: ignore[index]
    with pytest.raises(ReadOnlyError):
        records[0]["id"] = "X"  # type: ignore[index]
    assert records[0]["id"] == "R-1"


def test_copies_and_pickles() -> None:
    records = make()
    thawed = copy.deepcopy(records)
    assert thawed == ROWS and type(thawed) is list and type(thawed[0]) is dict
    thawed[0]["id"] = "X"
    assert records[0]["id"] == "R-1"
    again = pickle.loads(pickle.dumps(records))
    assert isinstance(again, RecordColumns) and again == records
    assert again.columns == records.columns


def test_select_keeps_the_chosen_records_as_columns() -> None:
    chosen = make().select([True, False, True])
    assert isinstance(chosen, RecordColumns) and chosen == [ROWS[0], ROWS[2]]
    assert make().select([False, False, False]) == []


def test_columns_of_another_length_are_refused() -> None:
    with pytest.raises(ValueError, match="replied_on"):
        RecordColumns({"id": ("a", "b"), "replied_on": (None,)}, 2)


def test_a_coded_column_gives_its_codes_and_makes_values_only_when_read() -> None:
    days = (D(2016, 3, 1), D(2016, 3, 2), None)
    coded = Coded(days, np.array([1, 0, 2, 1]))
    records = RecordColumns({"id": ("R-1", "R-2", "R-3", "R-4"), "replied_on": coded}, 4)
    assert records.coded("replied_on") is coded and records.coded("id") is None
    ordinals = records.ordinals("replied_on")
    assert ordinals.tolist() == [days[1].toordinal(), days[0].toordinal(), 0, days[1].toordinal()]
    assert records.ordinals("id") is None  # not dates
    for change in (lambda: ordinals.__setitem__(0, 0), lambda: coded.codes.__setitem__(0, 0)):
        with pytest.raises(ValueError):  # read-only, as the columns
            change()
    assert records[2] == {"id": "R-3"} and records[0]["replied_on"] == days[1]  # by index
    assert "replied_on" in records.columns and records._tuples == {}  # no value made yet
    assert records.columns["replied_on"] == (days[1], days[0], None, days[1])
    assert records == [
        {"id": "R-1", "replied_on": days[1]},
        {"id": "R-2", "replied_on": days[0]},
        {"id": "R-3"},
        {"id": "R-4", "replied_on": days[1]},
    ]
    chosen = records.select([True, False, True, False])  # codes kept, chosen by numpy
    assert chosen.coded("replied_on").codes.tolist() == [1, 2]  # type: ignore[union-attr]
    assert chosen == [{"id": "R-1", "replied_on": days[1]}, {"id": "R-3"}]
    assert pickle.loads(pickle.dumps(records)) == records
    with pytest.raises(ValueError, match="replied_on"):
        RecordColumns({"id": ("a", "b"), "replied_on": coded}, 2)


def test_a_scorer_declares_dicts_or_columns() -> None:
    def score(ctx: Any) -> Any:
        return None

    assert scorer("x.dicts")(score).records == "dicts"  # the default: as before
    assert scorer("x.columns", records="columns")(score).records == "columns"
    with pytest.raises(ValueError, match="records must be"):
        scorer("x.rows", records="rows")(score)  # type: ignore[arg-type]


def test_the_dicts_view_replaces_columns_at_any_depth_once() -> None:
    records = make()
    sections = FrozenDict(
        {"a": FrozenDict({"requests": records, "n": 1}), "b": FrozenDict({"deep": {"x": records}})}
    )
    view = dict_view(sections)
    assert type(view["a"]["requests"]) is FrozenList and view["a"]["requests"] == ROWS
    assert view["b"]["deep"]["x"] is view["a"]["requests"]  # built once
    assert type(view) is FrozenDict and view["a"]["n"] == 1
    assert dict_view(sections) is view  # a unit's scorers ask in turn: made once
    plain = FrozenDict({"a": FrozenDict({"n": 1})})
    assert dict_view(plain) is plain  # nothing to replace: the same object


# ---------------------------------------------------------------- in a run

PLUGIN = """
from evaluator import Finding, Outcome, RecordColumns, hookimpl, scorer


def _form(ctx):
    records = ctx.data["requests"]
    whole = ctx.submission["responsiveness"]["requests"]
    kind = type(records).__name__ + "/" + type(whole).__name__
    first = dict(records[0])
    return Outcome(1, (Finding("x.form", kind + " " + str(len(records)) + " " + first["id"]),))


as_dicts = scorer("x.dicts", section="responsiveness")(_form)
as_columns = scorer("x.columns", section="responsiveness", records="columns")(_form)


@hookimpl
def register_scorers():
    return [as_dicts, as_columns]
"""

REQUESTS = (
    "id,received_on,replied_on,extended,outcome\n"
    "R-1,2016-03-01,2016-03-10,false,granted\n"
    "R-2,2016-03-02,2016-04-20,false,granted\n"
    "R-3,2016-12-28,,false,\n"
)


def _evaluation(tmp_path: Path) -> EvaluationFolder:
    folder = EvaluationFolder(tmp_path)
    folder.plugin("forms", PLUGIN)
    folder.dimension(
        "d",
        [
            {"id": "dicts", "name": "dicts", "scorer": "x.dicts", "points": 1},
            {"id": "columns", "name": "columns", "scorer": "x.columns", "points": 1},
            {"id": "requests", "name": "依申请", "scorer": "responsiveness.requests", "points": 10},
        ],
    )
    return folder


def _unit(folder: EvaluationFolder, unit_id: str, requests: Any) -> None:
    body = {
        "unit": {"id": unit_id, "name": unit_id, "type": "bureau"},
        "responsiveness": {"requests": requests},
    }
    folder.write(f"submissions/{unit_id}/submission.yaml", body)


def _messages(unit: Any, indicator: str) -> list[str]:
    found = next(i for i in unit["indicators"] if i["id"] == indicator)
    return [f["message"] for f in found["findings"]]


def test_each_scorer_gets_the_form_it_declares(tmp_path: Path) -> None:
    folder = _evaluation(tmp_path)
    _unit(folder, "u-csv", {"csv": "requests.csv"})
    folder.write("submissions/u-csv/requests.csv", REQUESTS)
    results = folder.run()
    assert results.status == 0, results.stderr
    unit = results.unit("u-csv")
    assert _messages(unit, "dicts") == ["FrozenList/FrozenList 3 R-1"]
    assert _messages(unit, "columns") == ["RecordColumns/RecordColumns 3 R-1"]


def _written(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


RARER = (
    "id,received_on,replied_on,extended,extension_notified_on,corrected_on,outcome\n"
    "R-1,2016-03-01,2016-03-10,false,,,granted\n"
    "R-2,2016-03-02,2016-04-20,true,2016-03-20,,granted\n"
    "R-3,2016-03-02,2016-04-20,true,2016-04-18,,granted\n"
    "R-4,2016-05-03,2016-06-01,false,,2016-05-10,refused\n"
    "R-5,2016-06-01,2016-06-08,false,,,granted\n"
    "R-6,2016-12-28,,false,,,\n"
)


@pytest.mark.parametrize("text", [REQUESTS, RARER], ids=["plain", "rarer fields"])
def test_the_requests_scorer_scores_columns_rows_and_yaml_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    folder = _evaluation(tmp_path)
    lines = text.strip().split("\n")
    names = lines[0].split(",")
    rows = [dict(zip(names, line.split(","), strict=True)) for line in lines[1:]]
    listed = [
        {k: (v == "true" if k == "extended" else v) for k, v in row.items() if v} for row in rows
    ]
    _unit(folder, "u-csv", {"csv": "requests.csv"})
    folder.write("submissions/u-csv/requests.csv", text)
    _unit(folder, "u-yaml", listed)
    columns = folder.run()
    with monkeypatch.context() as patched:  # the same file read into rows
        patched.setattr(csv_records, "column_records", lambda *args: None)
        rows_run = folder.run()

    def scored(results: Any, unit_id: str) -> Any:
        found = next(i for i in results.unit(unit_id)["indicators"] if i["id"] == "requests")
        return json.dumps({**found, "findings": found["findings"]}, sort_keys=True)

    assert scored(columns, "u-csv") == scored(rows_run, "u-csv") == scored(columns, "u-yaml")
    assert "R-2" in scored(columns, "u-csv")  # answered late: named
    if text == RARER:  # the rarer fields were read and judged, from columns as from YAML
        assert "audit.correction_2008" in scored(columns, "u-csv")
        assert "requests.extension_late_notice" in scored(columns, "u-csv")
