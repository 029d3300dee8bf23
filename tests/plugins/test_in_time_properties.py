"""The column-at-a-time fast paths judge every record as the rule does (hypothesis).

Requests and messages are judged by a rule stated once, one record at a time
(``RequestClock.judge``, ``MessageJudge.__call__``); ``judge_all`` passes the
plain ones a column at a time (``_disclosure.in_time.plain_in_time``) and
leaves the rest to the rule. For any record the strategies below can make, the
verdict ``judge_all`` gives must be the rule's. The strategies aim at the
boundaries: received on a year's last working day or around a holiday or a
worked weekend (调休), or where the 2008 limit runs out either side of the
2019 regulation's first day; replied on the due day, the day after (often a
holiday), on working day 15/16 and 20/21, on the snapshot day and the day
after, around the months line of a message; extensions notified or not, in
time or late, credited unproven or not; consultation pauses whole or out of
order, for agencies or not, at and around their caps; corrections in and out
of the request's life, told on working day 7 or 8 or out of order, once or
more, restarting after a late notice or not; either reading of a request open
at the switch; copies under ids that read alike.
"""

from __future__ import annotations

import atexit
import dataclasses
import datetime as dt
import shutil
import tempfile
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any
from unittest import mock

import numpy as np
import pytest
from evaluator_areas._disclosure.in_time import plain_in_time, plain_in_time_columns
from evaluator_areas.responsiveness import clock as clock_module
from evaluator_areas.responsiveness.clock import (
    ON_TIME,
    RARE_FIELDS,
    Regime,
    RequestClock,
    content_classes,
)
from evaluator_areas.website.checks import FINE, MessageJudge, add_months
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir
from plugin_support import MakeContext, load_plugin, scorers_of

from evaluator import Coded, Outcome, RecordColumns
from evaluator.rules import WORKING_DAYS
from evaluator.working_days import (
    day_ordinals,
    is_working_day,
    schedule_known,
    take_unknown_years,
)

# Hypothesis caches what it learns under ./.hypothesis: keep that in a temporary folder.
_STORAGE = tempfile.mkdtemp(prefix="evaluator-hypothesis-")
atexit.register(shutil.rmtree, _STORAGE, ignore_errors=True)
set_hypothesis_home_dir(_STORAGE)

D = dt.date
DAY = dt.timedelta(days=1)
SWITCH = D(2019, 5, 15)  # the 2019 regulation's first day
YEARS = (2016, 2019)  # 2019: both regulations within the year

SETTINGS = settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# ---------------------------------------------------------------- the calendar's edges


@cache
def edges(year: int) -> tuple[D, ...]:
    """Days where deadlines turn, from November before ``year`` to February after it.

    The last and first working days of each year, December 31 and January 1,
    worked weekends (调休), the working day before a holiday and the holiday's
    first day, and the last day of a holiday before a working day.
    """
    found = {D(y, 12, 31) for y in (year - 1, year)} | {D(y, 1, 1) for y in (year, year + 1)}
    day = D(year - 1, 11, 1)
    while day <= D(year + 1, 2, 28):
        working, tomorrow = is_working_day(day), is_working_day(day + DAY)
        if working and day.weekday() >= 5:
            found.add(day)  # a worked weekend
        if working != tomorrow and (day + DAY).weekday() < 5 and day.weekday() < 5:
            found |= {day, day + DAY}  # a holiday begins or ends on a weekday
        day += DAY
    for y in (year - 1, year):
        last, first = D(y, 12, 31), D(y + 1, 1, 1)
        while not is_working_day(last):
            last -= DAY
        while not is_working_day(first):
            first += DAY
        found |= {last, first}
    if year == SWITCH.year:
        # the switch, and the days of receipt whose 2008 limit runs out either side of it
        found |= {SWITCH - DAY, SWITCH, D(2019, 4, 22), D(2019, 4, 23)}
    return tuple(sorted(found))


def rest_day_after(day: D) -> D:
    """The first day after ``day`` that is not a working day (a weekend or a holiday)."""
    day += DAY
    while is_working_day(day):
        day += DAY
    return day


def snapshots(year: int) -> list[D]:
    """Check dates: the usual one in January, the year's last days, one within the year."""
    last = D(year, 12, 31)
    while not is_working_day(last):
        last -= DAY
    return [D(year + 1, 1, 10), D(year, 12, 31), last, D(year + 1, 1, 1), D(year, 12, 20)]


def days_around(year: int) -> st.SearchStrategy[D]:
    return st.one_of(st.sampled_from(edges(year)), st.dates(D(year - 1, 11, 1), D(year + 1, 1, 31)))


# Working days counted from a start, to reach due days and the days either side.
COUNTS = (0, 1, 9, 10, 11, 14, 15, 16, 19, 20, 21, 29, 30, 31, 39, 40, 41)


@st.composite
def reply_to(draw: st.DrawFn, starts: Sequence[D], snapshot: D, due_days: Sequence[D]) -> D | None:
    """A reply date at a boundary of one of ``starts`` (or none)."""
    start = draw(st.sampled_from(starts))
    way = draw(st.integers(0, 6))
    if way == 0:
        return None
    if way == 1:  # on working day N, or a day either side
        return WORKING_DAYS.due(start, draw(st.sampled_from(COUNTS))) + draw(
            st.sampled_from((-DAY, dt.timedelta(0), DAY))
        )
    if way == 2:  # on the rest day after a due day
        return rest_day_after(WORKING_DAYS.due(start, draw(st.sampled_from(COUNTS))))
    if way == 3:  # on the snapshot day or the day after
        return snapshot + draw(st.sampled_from((dt.timedelta(0), DAY)))
    if way == 4 and due_days:  # on or around a due day the caller worked out
        return draw(st.sampled_from(due_days)) + draw(st.sampled_from((-DAY, dt.timedelta(0), DAY)))
    return start + dt.timedelta(days=draw(st.integers(-5, 100)))


def with_copies(draw: st.DrawFn, records: list[dict[str, Any]]) -> tuple[list[Any], list[str]]:
    """``records`` with ids, some repeated under an id that reads alike (maybe unanswered)."""
    rows: list[dict[str, Any]] = []
    for number, record in enumerate(records):
        rid = f"R-{number}"
        rows.append({"id": rid, **record})
        if draw(st.integers(0, 4)) == 0:
            copy = {**record, "id": draw(st.sampled_from((rid.lower(), f"{rid}\u200b", f" {rid}")))}
            if draw(st.booleans()):
                copy.pop("replied_on", None)
            rows.insert(draw(st.integers(0, len(rows))), copy)
    return rows, [str(r["id"]) for r in rows]


# ---------------------------------------------------------------- requests


@st.composite
def a_request(draw: st.DrawFn, clock: RequestClock) -> dict[str, Any]:
    received = draw(days_around(clock.year))
    if clock.year == SWITCH.year and draw(st.integers(0, 2)) == 0:
        # received in the weeks before the 2019 regulation, open across its first day
        received = draw(st.dates(SWITCH - dt.timedelta(days=35), SWITCH - DAY))
    record: dict[str, Any] = {"received_on": received}
    starts = [received]
    if draw(st.integers(0, 3)) == 0:  # a corrected application, maybe out of order
        corrected = received + dt.timedelta(days=draw(st.integers(-3, 30)))
        record["corrected_on"] = corrected
        starts.append(corrected)
        if draw(st.integers(0, 3)):  # told on working day 7 or 8, out of order, or any day
            record["correction_notified_on"] = draw(
                st.one_of(
                    st.sampled_from(
                        (
                            WORKING_DAYS.due(received, 7),
                            WORKING_DAYS.due(received, 8),
                            received - DAY,
                            received,
                            corrected,
                            corrected + DAY,
                        )
                    ),
                    st.dates(received - 2 * DAY, received + dt.timedelta(days=20)),
                )
            )
        if draw(st.integers(0, 3)) == 0:
            record["corrections"] = draw(st.integers(1, 3))
    elif draw(st.integers(0, 9)) == 0:  # a notice or a count with no correction
        name = draw(st.sampled_from(("correction_notified_on", "corrections")))
        record[name] = received if name == "correction_notified_on" else 1
    if draw(st.integers(0, 3)) == 0:  # a consultation pause, whole or not, near its caps
        begun = draw(st.sampled_from(starts)) + dt.timedelta(days=draw(st.integers(-2, 20)))
        if draw(st.integers(0, 5)):
            record["consultation_from"] = begun
        if draw(st.integers(0, 5)):
            record["consultation_to"] = draw(
                st.one_of(
                    st.sampled_from([WORKING_DAYS.due(begun, n) for n in (14, 15, 16)]),
                    st.just(begun + dt.timedelta(days=draw(st.integers(-1, 25)))),
                )
            )
        if draw(st.booleans()):
            record["consulted_agency"] = draw(st.booleans())
    if draw(st.integers(0, 2)) == 0:
        record["extended"] = draw(st.booleans())
        if draw(st.booleans()):  # notified before receipt, by the original due day, or after
            original = WORKING_DAYS.due(received, draw(st.sampled_from((15, 20))))
            record["extension_notified_on"] = draw(
                st.sampled_from((received - DAY, received, original, original + DAY))
            )
    limits = [rule.limit + more for rule in clock.regimes.values() for more in (0, rule.extension)]
    due_days = [WORKING_DAYS.due(start, limit) for start in starts for limit in limits]
    if received < SWITCH <= received + dt.timedelta(days=60):
        due_days += [SWITCH - DAY, SWITCH]
    replied = draw(reply_to(starts, clock.as_of, due_days))
    if received < SWITCH <= received + dt.timedelta(days=60) and draw(st.booleans()):
        # around the switch and the 2008 and 2019 due days either side of it
        replied = draw(st.sampled_from([*due_days[-2:], SWITCH + DAY, *due_days[:4]]))
    if replied is not None:
        record["replied_on"] = replied
    if draw(st.booleans()):
        record["outcome"] = draw(st.sampled_from(("granted", "refused", "other")))
    return record


@st.composite
def request_cases(draw: st.DrawFn) -> tuple[RequestClock, list[Any], list[str]]:
    """A unit's clock (year, snapshot, the scheme's regime, the limits) and its requests."""
    year = draw(st.sampled_from(YEARS))
    # the regulations' limits and extensions, mostly the law's, sometimes odd ones
    limits = draw(st.sampled_from(((15, 15, 20, 20), (15, 15, 20, 20), (0, 1, 10, 0))))
    regimes = {
        "ogi-2008": Regime("ogi-2008", limits[0], limits[1], False),
        "ogi-2019": Regime("ogi-2019", limits[2], limits[3], True),
    }
    clock = RequestClock(
        year,
        draw(st.sampled_from(snapshots(year))),
        draw(st.sampled_from(("auto", "ogi-2008", "ogi-2019"))),
        regimes,
        SWITCH,
        credit_unproven_extensions=draw(st.booleans()),
        third_party_pause_max=draw(st.sampled_from((15, 15, None, 0, 3))),
        agency_pause_max=draw(st.sampled_from((None, None, 15, 2))),
        agency_pause_audit_after=draw(st.sampled_from((15, 0, 4))),
        correction_notice_within=draw(st.sampled_from((7, 7, 0, 20))),
        late_correction_notice=draw(st.sampled_from(("no_restart", "restart"))),
        open_at_switch=draw(st.sampled_from(("law_at_receipt", "new_law"))),
    )
    records = draw(st.lists(a_request(clock), min_size=1, max_size=8))
    rows, ids = with_copies(draw, records)
    return clock, rows, ids


@pytest.mark.parametrize("form", ["dicts", "coded"])
@pytest.mark.parametrize("over_columns", [True, False], ids=["numpy", "no_numpy"])
@SETTINGS
@given(case=request_cases())
def test_the_request_fast_path_gives_every_request_the_rules_verdict(
    over_columns: bool, form: str, case: tuple[RequestClock, list[Any], list[str]]
) -> None:
    # over columns (the rules' column forms, numpy) or, without numpy, the plain ones only;
    # the records as dicts, or coded as pyarrow's reader gives them
    clock, records, ids = case
    asked: list[Any] = []
    with asking_the_rule(asked), mock.patch.object(clock_module, "COLUMNS", over_columns):
        verdicts, _ = clock.judge_all(as_form(records, form), ids)
    by_rule = [clock.judge(r, rid) for r, rid in zip(records, ids, strict=True)]
    assert verdicts == by_rule
    # and it misses none: a request that claims nothing, which the rule passes with
    # nothing to say, is passed a column at a time (which ties its due day to the rule's);
    # only one the 2019 regulation may take over at the switch is left to the rule
    for record, verdict in zip(records, by_rule, strict=True):
        if claims_nothing(record) and verdict is ON_TIME:
            if clock.new_law_may_apply(record["received_on"]):
                continue
            assert not any(r is record or r == record for r in asked), record


def same_partition(keys: Sequence[Any], reference: Sequence[Any]) -> bool:
    """Whether ``keys`` are equal exactly where ``reference``'s are (pair by pair)."""
    return all(
        (keys[i] == keys[j]) == (reference[i] == reference[j])
        for i in range(len(keys))
        for j in range(len(keys))
    )


@st.composite
def alike_requests(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Requests drawn from a few values each, so that many are equal but for their ids."""
    rows = []
    for number in range(draw(st.integers(1, 12))):
        row: dict[str, Any] = {
            "id": f"R-{number}",
            "received_on": draw(st.sampled_from((D(2016, 3, 1), D(2016, 3, 2)))),
        }
        for name, values in (
            ("replied_on", (D(2016, 3, 8), D(2016, 3, 9))),
            ("extended", (True, False, 1, 0)),  # 1 is True to a tuple, and to the numbers
            ("outcome", ("granted", "refused", "不予公开")),
        ):
            if draw(st.integers(0, 2)):
                row[name] = draw(st.sampled_from(values))
        if draw(st.integers(0, 2)) == 0:  # a rarer field, of its type
            rarer = draw(st.sampled_from(RARE_FIELDS))
            kinds = {"corrections": (1, 2), "consulted_agency": (True, False)}
            row[rarer] = draw(st.sampled_from(kinds.get(rarer, (D(2016, 3, 3), D(2016, 3, 4)))))
        rows.append(row)
    return rows


@pytest.mark.parametrize("form", ["dicts", "columns", "coded"])
@SETTINGS
@given(records=alike_requests())
def test_requests_content_keys_are_equal_where_their_contents_are(
    form: str, records: list[dict[str, Any]]
) -> None:
    # numpy's class numbers (content_classes) must group requests as their values do: the
    # tuples judge_all makes without numpy; a rarer field's value makes its own group
    clock = RequestClock(
        2016, D(2017, 1, 10), "ogi-2008", {"ogi-2008": Regime("ogi-2008", 15, 15, False)}, SWITCH
    )
    ids = [r["id"] for r in records]
    with mock.patch.object(clock_module, "COLUMNS", False):
        _, tuples = clock.judge_all(as_form(records, "columns" if form == "coded" else form), ids)
    with mock.patch.object(clock_module, "COLUMNS", True):
        _, classes = clock.judge_all(as_form(records, form), ids)
    fields = ("received_on", "replied_on", "extended", "outcome")
    reference = [
        (*(r.get(n) for n in fields), *(r.get(n) for n in RARE_FIELDS))
        if not frozenset(RARE_FIELDS).isdisjoint(r)
        else tuple(r.get(n) for n in fields)
        for r in records
    ]
    assert list(tuples) == reference
    assert same_partition(list(classes), reference)


def test_content_classes_tell_apart_many_distinct_outcomes() -> None:
    # past 2 ** 19 pairs of (extension, outcome) the numbers are renumbered before they
    # are combined: still one number per distinct content, none shared by two
    count = 1 << 19
    draws = np.random.default_rng(2016)  # dense: many equal contents, many near ones
    start = D(2016, 3, 1).toordinal()
    rec = draws.integers(0, 4, count) + start
    rep = np.where(draws.integers(0, 4, count) == 0, 0, draws.integers(0, 3, count) + start + 7)
    extended = [(True, False, None)[n] for n in draws.integers(0, 3, count).tolist()]
    outcome = [f"outcome {n}" for n in draws.integers(0, 1 << 18, count).tolist()]
    classes = content_classes(rec, rep, extended, outcome, {})
    keys = list(zip(rec.tolist(), rep.tolist(), extended, outcome, strict=True))
    assert len(set(classes.tolist())) == len(set(keys))
    first: dict[Any, int] = {}
    for key, number in zip(keys, classes.tolist(), strict=True):
        assert first.setdefault(key, number) == number
    # and a request with a rarer field is unequal to every other, but to its equal
    same = np.full(3, start, dtype=np.int64)
    rarer = content_classes(same, same, [None] * 3, ["x"] * 3, {0: (1,), 2: (1,)})
    assert rarer[0] == rarer[2] != rarer[1]


def asking_the_rule(asked: list[Any]) -> Any:
    """While in effect, each request ``RequestClock.judge`` is asked about joins ``asked``."""
    rule = RequestClock.judge

    def judge(self: RequestClock, record: Any, rid: str) -> Any:
        asked.append(record)
        return rule(self, record, rid)

    return mock.patch.object(RequestClock, "judge", judge)


def claims_nothing(record: Any) -> bool:
    """No extension, correction, pause or notice: what the rule may pass as plain."""
    return not record.get("extended") and frozenset(RARE_FIELDS).isdisjoint(record)


def test_a_request_that_claims_nothing_is_judged_without_the_rule() -> None:
    # The fast path is what keeps hundreds of thousands of requests cheap: a request
    # that claims nothing (or an extension with no date of notice) never reaches the rule
    # one by one, in time or late; one with a rarer field (a notice's date) does.
    clock = RequestClock(
        2016, D(2017, 1, 10), "ogi-2008", {"ogi-2008": Regime("ogi-2008", 15, 15, False)}, SWITCH
    )
    records = [
        {"id": "plain", "received_on": D(2016, 9, 30), "replied_on": D(2016, 10, 26)},
        {"id": "late", "received_on": D(2016, 9, 30), "replied_on": D(2016, 10, 27)},
        {"id": "open", "received_on": D(2016, 12, 29)},
        {"id": "x", "received_on": D(2016, 9, 30), "replied_on": D(2016, 10, 27), "extended": True},
        {
            "id": "y",
            "received_on": D(2016, 9, 30),
            "replied_on": D(2016, 10, 27),
            "extended": True,
            "extension_notified_on": D(2016, 10, 10),
        },
    ]
    ids = ["plain", "late", "open", "x", "y"]
    asked: list[Any] = []
    with asking_the_rule(asked):
        verdicts, _ = clock.judge_all(records, ids)
    assert verdicts[0] is ON_TIME and verdicts[1].kind == "late" and verdicts[2].kind == "later"
    assert verdicts[1].failure == clock.judge(records[1], "late").failure
    assert verdicts[3].claims == ("unproven",) and verdicts[3].kind == "late"
    assert asked == [records[4]]
    # the scheme crediting extensions with no date of notice: in time, and listed
    credit = dataclasses.replace(clock, credit_unproven_extensions=True)
    asked.clear()
    with asking_the_rule(asked):
        verdicts, _ = credit.judge_all(records, ids)
    assert verdicts[3].claims == ("extended", "unnotified") and verdicts[3].kind == "on_time"
    assert asked == [records[4]]
    assert verdicts == [credit.judge(r, rid) for r, rid in zip(records, ids, strict=True)]


# ---------------------------------------------------------------- messages


@st.composite
def message_cases(draw: st.DrawFn) -> tuple[MessageJudge, list[Any], list[str]]:
    """A unit's message judge (check date, reply limit, months line) and its messages."""
    year = draw(st.sampled_from(YEARS))
    checked = draw(st.sampled_from(snapshots(year)))
    within = draw(st.sampled_from((10, 10, 1, 20, 45)))
    months = draw(st.sampled_from((3, 3, 1, 2)))
    judge = MessageJudge(checked, year, within, months, 1.0, add_months(checked, -12))
    records = []
    for _ in range(draw(st.integers(1, 8))):
        received = draw(days_around(year))
        line = add_months(received, months)
        due_days = [WORKING_DAYS.due(received, within), line]
        record: dict[str, Any] = {"received_on": received}
        replied = draw(reply_to([received], checked, due_days))
        if replied is not None:
            record["replied_on"] = replied
        records.append(record)
    rows, ids = with_copies(draw, records)
    return judge, rows, ids


def as_form(records: list[dict[str, Any]], form: str) -> Any:
    """``records`` as dicts, as columns, or as columns coded as pyarrow's reader gives them
    (every field but the id as values and the rows' codes: :class:`Coded`; each value held
    twice, odd rows coded to the second, as two chunks or two spellings of a cell give)."""
    if form == "dicts":
        return records
    names = list(dict.fromkeys(n for r in records for n in r))
    found: dict[str, Any] = {n: [r.get(n) for r in records] for n in names}
    if form == "coded":
        for name in names:
            if name != "id":
                distinct = list(dict.fromkeys(found[name]))
                codes = [
                    distinct.index(v) + (len(distinct) if row % 2 else 0)
                    for row, v in enumerate(found[name])
                ]
                found[name] = Coded(distinct * 2, np.asarray(codes, dtype=np.int64))
    return RecordColumns(found, len(records))


@pytest.mark.parametrize("form", ["dicts", "columns", "coded"])
@SETTINGS
@given(message_cases())
def test_the_message_fast_path_gives_every_message_the_rules_verdict(
    form: str, case: tuple[MessageJudge, list[Any], list[str]]
) -> None:
    judge, records, ids = case
    assert judge.judge_all(as_form(records, form), ids) == [
        judge(r, rid) for r, rid in zip(records, ids, strict=True)
    ]


def received_and_replied(year: int) -> st.SearchStrategy[tuple[D, D | None]]:
    """A day of receipt and a reply: none, any day around the year, or some days after it."""
    return days_around(year).flatmap(
        lambda day: st.tuples(
            st.just(day),
            st.one_of(
                st.none(),
                days_around(year),
                st.integers(-1, 40).map(lambda n: day + dt.timedelta(days=n)),
            ),
        )
    )


@SETTINGS
@given(
    st.lists(received_and_replied(2016), min_size=1),
    st.sampled_from(snapshots(2016)),
    st.integers(0, 30),
)
@example([(D(2016, 1, 1), D(2016, 1, 1)), (D(2015, 12, 31), D(2016, 1, 1))], D(2017, 1, 10), 1)
@example([(D(2016, 12, 30), D(2016, 12, 31)), (D(2016, 12, 31), D(2017, 1, 3))], D(2017, 1, 10), 1)
def test_plain_in_time_over_ordinals_is_plain_in_time(
    rows: list[tuple[D, D | None]], snapshot: D, within: int
) -> None:
    # the same verdicts, and the due day asked for the same days (each a year it may note)
    asked: dict[str, list[D]] = {"dates": [], "ordinals": []}

    def due(way: str) -> Any:
        return lambda day: asked[way].append(day) or WORKING_DAYS.due(day, within)

    received, replied = [r for r, _ in rows], [a for _, a in rows]
    by_dates = plain_in_time(received, replied, year=2016, snapshot=snapshot, due=due("dates"))
    by_ordinals = plain_in_time_columns(
        day_ordinals(received),
        day_ordinals(replied),
        year=2016,
        snapshot=snapshot,
        due=due("ordinals"),
    )
    assert by_ordinals.tolist() == by_dates
    assert sorted(asked["ordinals"]) == sorted(set(asked["dates"]))


def test_a_plain_message_answered_in_time_is_passed_without_the_rule() -> None:
    checked = D(2017, 1, 10)
    judge = MessageJudge(checked, 2016, 10, 3, 1.0, add_months(checked, -12))
    records = [
        {"id": "plain", "received_on": D(2016, 9, 30), "replied_on": D(2016, 10, 19)},
        {"id": "slow", "received_on": D(2016, 9, 30), "replied_on": D(2016, 10, 20)},
    ]
    calls: list[str] = []
    with mock.patch.object(MessageJudge, "__call__", lambda self, r, rid: calls.append(rid)):
        verdicts = judge.judge_all(records, ["plain", "slow"])
    assert verdicts[0] is FINE
    assert calls == ["slow"]


@pytest.mark.parametrize(
    ("checked", "received", "replied"),
    [
        (D(2017, 1, 10), D(2016, 12, 20), D(2016, 12, 31)),  # on the year's last day
        (D(2016, 12, 15), D(2016, 12, 12), D(2016, 12, 15)),  # on the snapshot day
        (D(2017, 1, 10), D(2016, 1, 1), D(2016, 1, 1)),  # on the year's first day, same day
    ],
)
def test_a_reply_on_the_edge_of_the_window_is_plain(checked: D, received: D, replied: D) -> None:
    """The window's edges are in it: such a message is passed a column at a time, not sent
    to the rule (which would pass it too: only this test sees a fast path too cautious)."""
    judge = MessageJudge(checked, 2016, 10, 3, 1.0, add_months(checked, -12))
    records = [{"received_on": received, "replied_on": replied}]
    calls: list[str] = []
    with mock.patch.object(MessageJudge, "__call__", lambda self, r, rid: calls.append(rid)):
        verdicts = judge.judge_all(records, ["edge"])
    assert verdicts == [FINE] and calls == []


def test_a_reply_in_time_but_past_the_months_line_is_vetoed_not_passed() -> None:
    # Twenty working days from Thursday 2016-01-28 run past the Spring Festival (02-07..13
    # off, Saturday 02-06 and Sunday 02-14 worked) to 03-01, after the one-month line
    # (02-28): a reply on 03-01 is in time, yet the message waited more than a month, so
    # the 19号 veto applies (the fast path once passed it as answered in time).
    checked = D(2017, 1, 10)
    judge = MessageJudge(checked, 2016, 20, 1, 1.0, add_months(checked, -12))
    record = {"id": "M-1", "received_on": D(2016, 1, 28), "replied_on": D(2016, 3, 1)}
    assert WORKING_DAYS.due(D(2016, 1, 28), 20) == D(2016, 3, 1)
    [verdict] = judge.judge_all([record], ["M-1"])
    severity, kind, _, slow, veto = verdict
    assert (severity, kind, slow) == (3, "judged", None)
    assert veto is not None and "2016-03-01" in veto.en


# ---------------------------------------------------------------- the scorers, copies and all

RESPONSIVENESS = scorers_of(load_plugin("responsiveness"))
WEBSITE = scorers_of(load_plugin("website"))


def one_by_one(judge_all: Callable[..., Any], rule: Callable[[Any], Callable[..., Any]]) -> Any:
    """A ``judge_all`` that asks the rule for every record (keeping the content keys)."""

    def judged(self: Any, records: Sequence[Any], ids: Sequence[str]) -> Any:
        found = judge_all(self, records, ids)
        verdicts = [rule(self)(r, rid) for r, rid in zip(records, ids, strict=True)]
        return (verdicts, found[1]) if isinstance(found, tuple) else verdicts

    return judged


SCORER_SETTINGS = settings(SETTINGS, max_examples=100)


def both_ways(score: Callable[[], Outcome], owner: type, rule: Callable[[Any], Any]) -> None:
    fast = score()
    with mock.patch.object(owner, "judge_all", one_by_one(owner.judge_all, rule)):  # type: ignore[attr-defined]
        slow = score()
    assert fast == slow


@SCORER_SETTINGS
@given(request_cases())
def test_the_requests_scorer_scores_as_if_every_request_went_through_the_rule(
    make_context: MakeContext, case: tuple[RequestClock, list[Any], list[str]]
) -> None:
    clock, records, _ = case
    scorer = RESPONSIVENESS["responsiveness.requests"]
    context = make_context(
        {"requests": records},
        scorer=scorer,
        year=clock.year,
        as_of=clock.as_of,
        regime=clock.scheme_regime,
    )
    both_ways(lambda: scorer.score(context), RequestClock, lambda self: self.judge)


@SCORER_SETTINGS
@given(message_cases())
def test_the_messages_scorer_scores_as_if_every_message_went_through_the_rule(
    make_context: MakeContext, case: tuple[MessageJudge, list[Any], list[str]]
) -> None:
    judge, records, _ = case
    scorer = WEBSITE["website.messages"]
    params = {"reply_within_working_days": judge.within, "veto_unanswered_months": judge.months}
    context = make_context(
        {"messages": records, "columns": [], "monitoring": {"visits": 1, "failures": 0}},
        scorer=scorer,
        year=judge.year,
        as_of=judge.checked,
        params=params,
    )
    both_ways(lambda: scorer.score(context), MessageJudge, lambda self: self)


def test_a_message_due_in_a_year_without_a_schedule_is_noted_for_every_unit() -> None:
    """Plain messages' due days are kept for the whole run, except where a year's schedule
    is not known: each unit whose message needs such a year notes it (unit.calendar_unknown)."""
    last = max(y for y in range(2016, 2040) if schedule_known(y))
    checked = D(last + 1, 1, 20)
    received, replied = D(last, 12, 28), D(last, 12, 29)  # due in the next year
    take_unknown_years()
    for unit, form in enumerate(["dicts", "coded", "dicts", "coded"]):
        judge = MessageJudge(checked, last, 10, 3, 1.0, add_months(checked, -12))
        records = as_form([{"received_on": received, "replied_on": replied}], form)
        verdicts = judge.judge_all(records, [f"m-{unit}"])
        assert verdicts == [FINE]
        assert take_unknown_years() == (last + 1,), unit


def test_requests_in_a_year_without_a_schedule_are_judged_and_noted_as_the_rule_does() -> None:
    # the day index holds only years whose calendar is known: a request due in the next
    # year goes to the rule, which notes that year (unit.calendar_unknown)
    last = max(y for y in range(2016, 2040) if schedule_known(y))
    regimes = {
        "ogi-2008": Regime("ogi-2008", 15, 15, False),
        "ogi-2019": Regime("ogi-2019", 20, 20, True),
    }
    clock = RequestClock(last, D(last, 12, 31), "auto", regimes, SWITCH)
    records = [
        {"received_on": D(last, 6, 1), "replied_on": D(last, 6, 10)},
        {"received_on": D(last, 12, 28)},
        {"received_on": D(last, 12, 24), "replied_on": D(last, 12, 30)},
        {"received_on": D(last, 11, 2)},
    ]
    ids = ["known", "open-due-next-year", "answered-due-next-year", "overdue"]
    take_unknown_years()
    by_rule = [clock.judge(record, rid) for record, rid in zip(records, ids, strict=True)]
    noted = take_unknown_years()
    assert noted == (last + 1,)
    assert [v.kind for v in by_rule] == ["on_time", "later", "on_time", "late"]
    for over_columns in (True, False):
        with mock.patch.object(clock_module, "COLUMNS", over_columns):
            verdicts, _ = clock.judge_all(records, ids)
        assert verdicts == by_rule
        assert take_unknown_years() == noted
