"""``evaluate validate`` says where a warning's record is: the YAML line, the CSV row, the figure.

A unit is valid but one of its records looks impossible (an ``integrity.``
finding): the warning points at the first record it names, in the scorer's own
section. A record it cannot find, or a workbook, keeps the unit's file alone.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluator._core.model import Location
from evaluator._inputs.locate import locate_all
from evaluator._scoring.engine import Engine, Options, check

ROOT = Path(__file__).resolve().parents[1]
ENGINE = Engine.load(Options(str(ROOT / "criteria"), str(ROOT / "plugins"), entry_points=False))

UNIT = "unit: {id: xc-x, name: 测试局, type: bureau}\n"


def places(folder: Path) -> dict[str, list[tuple[str, Location | None]]]:
    """Each unit's warnings (by code) with the place given."""
    found: dict[str, list[tuple[str, Location | None]]] = {}
    for unit in check(ENGINE, str(folder)).units:
        assert not unit.errors, unit.errors
        pairs = zip(unit.findings, unit.places, strict=True)
        found[unit.shown] = [(finding.code, place) for finding, place in pairs]
    return found


def test_a_record_of_a_yaml_list_is_pointed_at_by_its_line(tmp_path: Path) -> None:
    text = (
        UNIT + "responsiveness:\n  requests:\n"
        "    - {id: R-1, received_on: 2016-03-01, replied_on: 2016-03-08}\n"
        "    - {id: R-2, received_on: 2016-03-10, replied_on: 2016-03-02}\n"
    )
    (tmp_path / "xc-x.yaml").write_text(text, encoding="utf-8")
    [(code, place)] = places(tmp_path)[f"{tmp_path}/xc-x.yaml"]
    assert code == "integrity.reply_before_request"
    assert place == Location(f"{tmp_path}/xc-x.yaml", 5, 7)


def test_a_row_of_a_record_file_is_pointed_at_by_its_line_and_id_column(tmp_path: Path) -> None:
    unit = tmp_path / "xc-x"
    unit.mkdir()
    (unit / "submission.yaml").write_text(
        UNIT + "responsiveness:\n  requests: {csv: requests.csv}\n", encoding="utf-8"
    )
    (unit / "requests.csv").write_text(
        "依申请公开登记表\n"  # a title row: lines are the file's own
        "收到日期,申请编号,答复日期\n"
        "2016-03-01,R-1,2016-03-08\n"
        "2016-03-10,R-2,2016-03-02\n",
        encoding="utf-8",
    )
    [(code, place)] = places(tmp_path)[f"{unit}/submission.yaml"]
    assert code == "integrity.reply_before_request"
    assert place == Location(f"{unit}/requests.csv", 4, 2)


def test_a_figure_is_pointed_at_by_its_dotted_path_under_the_section(tmp_path: Path) -> None:
    # a typed report on 2016 states 3 requests received where the unit's 2016 log has 1
    # (the sample's reports are documents now: a typed one is written here)
    text = (
        UNIT + "responsiveness:\n  requests:\n"
        "    - {id: R-1, received_on: 2016-03-01, replied_on: 2016-03-08}\n"
        "annual_report:\n  year: 2016\n  published_on: 2017-01-06\n  figures:\n"
        "    requests:\n      received:\n        total: {value: 3}\n"
    )
    (tmp_path / "xc-x.yaml").write_text(text, encoding="utf-8")
    [(code, place)] = places(tmp_path)[f"{tmp_path}/xc-x.yaml"]
    assert code == "integrity.request_count_mismatch"
    # annual_report.figures.requests.received.total: the value of "total" under "received"
    assert place == Location(f"{tmp_path}/xc-x.yaml", 11, 16)


def test_a_record_not_found_keeps_the_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "xc-x.yaml"
    path.write_text(UNIT + "responsiveness:\n  requests: []\n", encoding="utf-8")
    tables = ENGINE.schema.tables_of
    shown = str(path)
    findings = [("responsiveness", ["R-9"]), ("website", ["R-9"]), ("responsiveness", [])]
    assert locate_all(str(path), None, findings, tables, shown) == [None, None, None]
    # an unreadable file is no place either, never a failure
    missing = str(tmp_path / "gone.yaml")
    assert locate_all(missing, None, [("responsiveness", ["R-1"])], tables, shown) == [None]


def test_a_workbook_unit_keeps_its_file_alone() -> None:
    from evaluator._core.model import Finding
    from evaluator._inputs.entries import Entry
    from evaluator._scoring.engine import _places

    entry = Entry("xc-x", "xc-x.xlsx", ".", None, "workbook")
    finding = Finding("integrity.reply_before_request", records=("R-1",))
    assert _places(ENGINE, entry, "xc-x.xlsx", [(finding, "responsiveness")]) == (None,)


def test_a_units_files_are_read_once_for_all_its_warnings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from evaluator._inputs import locate

    unit = tmp_path / "xc-x"
    unit.mkdir()
    (unit / "submission.yaml").write_text(
        UNIT + "responsiveness:\n  requests: {csv: requests.csv}\n", encoding="utf-8"
    )
    # three replied before they came (one merged finding, located at its first record),
    # two told of an extension before they came (another)
    rows = [f"R-{n},2016-03-10,2016-03-0{n},false," for n in range(1, 4)]
    rows += [f"R-{n},2016-03-10,2016-04-2{n},true,2016-03-0{n}" for n in range(4, 6)]
    (unit / "requests.csv").write_text(
        "id,received_on,replied_on,extended,extension_notified_on\n" + "\n".join(rows) + "\n",
        encoding="utf-8",
    )
    reads: list[str] = []
    real = locate._csv_rows

    def counted(reference: str, *args: object) -> dict[str, tuple[int, int]]:
        reads.append(reference)
        return real(reference, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(locate, "_csv_rows", counted)
    found = places(tmp_path)[f"{unit}/submission.yaml"]
    assert sorted((place for _, place in found), key=lambda p: p.line if p else 0) == [
        Location(f"{unit}/requests.csv", line, 1) for line in (2, 5)
    ]
    assert reads == ["requests.csv"]
