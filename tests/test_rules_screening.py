"""Record screening: first of each id, key date within the year and by the snapshot."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from evaluator._core.model import Finding
from evaluator.rules import (
    DATE,
    FIRST_COUNTS,
    RECORD,
    SET_ASIDE,
    ScreeningMessages,
    first_of_each,
    screen_each,
    screen_records,
    subject,
    terms,
)

D = dt.date
SNAPSHOT = D(2017, 1, 10)
WORDS = ScreeningMessages(
    duplicate=lambda rid: f"dup {rid}",
    after_snapshot=lambda rid, day: f"late {rid} {day}",
    outside_year=lambda rid, day: f"off-year {rid} {day}",
)


def rec(rid: str, on: dt.date) -> dict[str, Any]:
    return {"id": rid, "on": on}


def screen(
    records: list[dict[str, Any]], describe: ScreeningMessages = WORDS
) -> tuple[list[dict[str, Any]], list[Finding]]:
    return screen_records(
        records,
        record_id=lambda r: str(r["id"]),
        key_date=lambda r: r["on"],
        year=2016,
        snapshot=SNAPSHOT,
        describe=describe,
    )


def test_records_dated_in_the_year_and_by_the_snapshot_are_all_kept() -> None:
    records = [rec("a", D(2016, 1, 1)), rec("b", D(2016, 12, 31))]
    assert screen(records) == (records, [])


def test_a_repeated_id_keeps_only_its_first_record() -> None:
    first, again = rec("a", D(2016, 3, 1)), rec("a", D(2016, 4, 1))
    kept, findings = screen([first, again])
    assert kept == [first]
    params = {
        **terms(subject=subject(RECORD, "a"), effect=FIRST_COUNTS),
        "id": "a",
        "copies": 2,
        "variants": ["a"],
    }
    assert findings == [Finding("integrity.duplicate_id", "dup a", ("a",), None, params)]


def test_a_record_dated_after_the_snapshot_is_set_aside_even_inside_the_next_year() -> None:
    kept, findings = screen([rec("a", D(2017, 1, 11))])
    assert kept == []
    params = {
        **terms(subject=subject(RECORD, "a"), field=DATE, effect=SET_ASIDE),
        "id": "a",
        "day": D(2017, 1, 11),
        "snapshot": SNAPSHOT,
        "year": 2016,
    }
    assert findings == [
        Finding("integrity.after_snapshot", "late a 2017-01-11", ("a",), None, params)
    ]


def test_a_record_dated_on_the_snapshot_outside_the_year_is_outside_the_year() -> None:
    kept, findings = screen([rec("a", SNAPSHOT), rec("b", D(2015, 12, 31))])
    assert kept == []
    assert [f.code for f in findings] == ["integrity.outside_year", "integrity.outside_year"]
    assert findings[1].message == "off-year b 2015-12-31"


def test_a_duplicate_of_a_set_aside_record_is_still_a_duplicate() -> None:
    kept, findings = screen([rec("a", D(2015, 6, 1)), rec("a", D(2016, 6, 1))])
    assert kept == []
    assert [f.code for f in findings] == ["integrity.outside_year", "integrity.duplicate_id"]


def test_findings_come_in_record_order() -> None:
    records = [rec("a", D(2017, 2, 1)), rec("b", D(2016, 5, 1)), rec("b", D(2016, 5, 2))]
    _, findings = screen(records)
    assert [f.records for f in findings] == [("a",), ("b",)]


def test_without_duplicate_wording_ids_are_not_checked() -> None:
    unchecked = ScreeningMessages(
        after_snapshot=WORDS.after_snapshot, outside_year=WORDS.outside_year
    )
    records = [rec("a", D(2016, 3, 1)), rec("a", D(2016, 4, 1))]
    assert screen(records, unchecked) == (records, [])


def test_screen_each_pairs_every_record_with_its_verdict() -> None:
    records = [rec("a", D(2016, 3, 1)), rec("a", D(2016, 4, 1)), rec("b", D(2017, 3, 1))]
    verdicts = list(
        screen_each(
            records,
            record_id=lambda r: str(r["id"]),
            key_date=lambda r: r["on"],
            year=2016,
            snapshot=SNAPSHOT,
            describe=WORDS,
        )
    )
    assert [record for record, _ in verdicts] == records
    assert [f.code if f else None for _, f in verdicts] == [
        None,
        "integrity.duplicate_id",
        "integrity.after_snapshot",
    ]


def test_screen_records_splits_what_screen_each_pairs() -> None:
    records = [
        rec("a", D(2016, 3, 1)),
        rec("b", D(2017, 1, 11)),
        rec("a", D(2016, 4, 1)),
        rec("c", D(2015, 12, 31)),
        rec("b", D(2016, 5, 1)),
        rec("d", SNAPSHOT),
        rec("e", D(2016, 12, 31)),
    ]
    for words in (WORDS, ScreeningMessages(WORDS.after_snapshot, WORDS.outside_year)):
        pairs = list(
            screen_each(
                records,
                record_id=lambda r: str(r["id"]),
                key_date=lambda r: r["on"],
                year=2016,
                snapshot=SNAPSHOT,
                describe=words,
            )
        )
        kept = [record for record, finding in pairs if finding is None]
        findings = [finding for _, finding in pairs if finding is not None]
        assert screen(records, words) == (kept, findings)


def test_key_date_decides_which_field_is_screened() -> None:
    record: dict[str, Any] = {"id": "a", "received": D(2016, 3, 1), "replied": D(2017, 3, 1)}
    kept, _ = screen_records(
        [record],
        record_id=lambda r: str(r["id"]),
        key_date=lambda r: r["received"],
        year=2016,
        snapshot=SNAPSHOT,
        describe=WORDS,
    )
    assert kept == [record]


def test_first_of_each_reports_each_repeated_id_once_with_its_count() -> None:
    records: list[Mapping[str, Any]] = [
        {"item": "b", "n": 1},
        {"item": "a", "n": 2},
        {"item": "b", "n": 3},
        {"item": "b", "n": 4},
    ]
    first, duplicates = first_of_each(
        records,
        record_id=lambda r: str(r["item"]),
        describe_duplicate=lambda rid, copies: f"{rid} x{copies}",
    )
    assert list(first) == ["b", "a"]
    assert first["b"]["n"] == 1
    params = {
        **terms(subject=subject(RECORD, "b"), effect=FIRST_COUNTS),
        "id": "b",
        "copies": 3,
        "variants": ["b"],
    }
    assert duplicates == (Finding("integrity.duplicate_id", "b x3", ("b",), None, params),)


def test_first_of_each_of_unique_records_finds_nothing() -> None:
    first, duplicates = first_of_each(
        [{"id": "a"}], record_id=lambda r: str(r["id"]), describe_duplicate=lambda r, n: ""
    )
    assert first == {"a": {"id": "a"}}
    assert duplicates == ()


def test_first_of_each_reports_an_id_submitted_exactly_twice() -> None:
    records = [{"id": "a", "n": 1}, {"id": "a", "n": 2}]
    first, duplicates = first_of_each(
        records, record_id=lambda r: str(r["id"]), describe_duplicate=lambda r, n: f"{r} x{n}"
    )
    assert first["a"]["n"] == 1
    assert [(f.records, f.params["copies"]) for f in duplicates] == [(("a",), 2)]
