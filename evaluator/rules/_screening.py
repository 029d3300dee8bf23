"""Screening records by id and key date, the first copy of an id counting (the earlier helpers).

Kept for plugins written against them. Where a unit could gain from which copy
of a record counts, find copies with :func:`~evaluator.rules.find_copies` on
normalised ids and judge the worst (:func:`~evaluator.rules.worst`) instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from evaluator._core.model import Finding
from evaluator._core.shared_texts import (
    AFTER_SNAPSHOT,
    DATE,
    DUPLICATE_ID,
    FIRST_COUNTS,
    OUTSIDE_YEAR,
    RECORD,
    SET_ASIDE,
    subject,
    terms,
)

R = TypeVar("R", bound=Mapping[str, Any])


@dataclass(frozen=True)
class ScreeningMessages:
    """How :func:`screen_records` words its findings, so each plugin keeps its own phrasing.

    ``after_snapshot`` and ``outside_year`` get the record id and its key date,
    ``duplicate`` the record id. Without ``duplicate`` ids are not checked: for
    records already unique, such as the values of :func:`first_of_each`. The
    findings also carry the params of the shared texts (a generic "record" and
    "date"), which a run's catalogue words in its language.
    """

    after_snapshot: Callable[[str, dt.date], str]
    outside_year: Callable[[str, dt.date], str]
    duplicate: Callable[[str], str] | None = None


def _duplicate(rid: str, copies: int, message: str) -> Finding:
    params = {
        **terms(subject=subject(RECORD, rid), effect=FIRST_COUNTS),
        "id": rid,
        "copies": copies,
        "variants": [rid],
    }
    return Finding(DUPLICATE_ID, message, (rid,), None, params)


def _set_aside(
    rid: str, day: dt.date, year: int, snapshot: dt.date, describe: ScreeningMessages
) -> Finding:
    """The finding for a record whose key ``day`` is after ``snapshot`` or else outside the year."""
    params = {
        **terms(subject=subject(RECORD, rid), field=DATE, effect=SET_ASIDE),
        "id": rid,
        "day": day,
        "snapshot": snapshot,
        "year": year,
    }
    if day > snapshot:
        return Finding(AFTER_SNAPSHOT, describe.after_snapshot(rid, day), (rid,), None, params)
    return Finding(OUTSIDE_YEAR, describe.outside_year(rid, day), (rid,), None, params)


# The two screening functions below run once per record, so each tests the common
# case (a new id, a date in the year) inline and builds findings only for the rest.


def screen_each(
    records: Iterable[R],
    *,
    record_id: Callable[[R], str],
    key_date: Callable[[R], dt.date],
    year: int,
    snapshot: dt.date,
    describe: ScreeningMessages,
) -> Iterator[tuple[R, Finding | None]]:
    """Each record, in order, with the integrity finding that sets it aside (``None``: judge it).

    A record whose id was already seen is a duplicate (``integrity.duplicate_id``,
    when ``describe.duplicate`` is given; its ``copies`` counts the copies so
    far); otherwise its ``key_date`` after ``snapshot``
    (``integrity.after_snapshot``) or outside ``year``
    (``integrity.outside_year``) sets it aside. Use this form when a scorer's
    own findings must stay interleaved with these, in record order.
    """
    duplicate = describe.duplicate
    seen: dict[str, int] = {}
    for record in records:
        rid = record_id(record)
        if duplicate is not None:
            if rid in seen:
                seen[rid] += 1
                yield record, _duplicate(rid, seen[rid], duplicate(rid))
                continue
            seen[rid] = 1
        day = key_date(record)
        if day <= snapshot and day.year == year:
            yield record, None
        else:
            yield record, _set_aside(rid, day, year, snapshot, describe)


def screen_records(
    records: Iterable[R],
    *,
    record_id: Callable[[R], str],
    key_date: Callable[[R], dt.date],
    year: int,
    snapshot: dt.date,
    describe: ScreeningMessages,
) -> tuple[list[R], list[Finding]]:
    """The records to judge and the findings for the rest, as :func:`screen_each` decides.

    Kept: the first record of each id whose key date lies in ``year`` and not
    after ``snapshot``. ``key_date`` must return a ``date`` (convert a
    ``datetime`` to the local calendar day first).
    """
    kept: list[R] = []
    findings: list[Finding] = []
    for record, excluded in screen_each(
        records,
        record_id=record_id,
        key_date=key_date,
        year=year,
        snapshot=snapshot,
        describe=describe,
    ):
        if excluded is None:
            kept.append(record)
        else:
            findings.append(excluded)
    return kept, findings


def first_of_each(
    records: Iterable[R],
    *,
    record_id: Callable[[R], str],
    describe_duplicate: Callable[[str, int], str],
) -> tuple[dict[str, R], tuple[Finding, ...]]:
    """The first record of each id, in order of first appearance, and one finding per repeated id.

    ``describe_duplicate(id, copies)`` words the ``integrity.duplicate_id``
    finding of an id submitted ``copies`` (more than one) times.
    """
    first: dict[str, R] = {}
    copies: dict[str, int] = {}
    for record in records:
        rid = record_id(record)
        first.setdefault(rid, record)
        copies[rid] = copies.get(rid, 0) + 1
    duplicates = tuple(
        _duplicate(rid, n, describe_duplicate(rid, n)) for rid, n in copies.items() if n > 1
    )
    return first, duplicates
