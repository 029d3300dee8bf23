"""The request clock as the law words it (issue 18, items 2 and 3).

An extension counts only when the applicant was shown to be told; a
consultation pauses the clock within its caps; a corrected application
restarts it only after a timely one-time notice under the 2019 regulation; a
request open when the 2019 regulation took effect keeps the 2008 limit unless
the scheme reads it otherwise. Dates were counted against the official
calendar (2016: National Day off 10-01..07, 10-08/09 worked; 2019: May Day off
05-01..04 with 04-28 and 05-05 worked, Dragon Boat 06-07 off) and checked with
``WORKING_DAYS.due``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from plugin_support import MakeContext, codes, load_plugin, lost, only, scorers_of, worded

from evaluator import Outcome
from evaluator.rules import WORKING_DAYS

plugin = load_plugin("responsiveness")
REQUESTS = scorers_of(plugin)["responsiveness.requests"]
D = dt.date
IN_2019 = {"regime": "auto", "year": 2019, "as_of": D(2020, 1, 10)}


def run(make_context: MakeContext, records: list[dict[str, Any]], **kw: Any) -> Outcome:
    context = make_context({"requests": records}, scorer=REQUESTS, **kw)
    return REQUESTS.score(context)


def request(rid: str, received: dt.date, replied: dt.date, **kw: Any) -> dict[str, Any]:
    return {"id": rid, "received_on": received, "replied_on": replied, **kw}


# ---------------------------------------------------------------- item 2: extensions shown


def test_an_extension_with_no_date_of_notice_adds_nothing(make_context: MakeContext) -> None:
    # From Friday 2016-09-30, day 15 is 10-26 and day 30 is 11-16. Told on 10-26 the
    # extension counts; with no date of notice the reply on day 30 is judged against 15.
    records = [
        request(
            "told",
            D(2016, 9, 30),
            D(2016, 11, 16),
            extended=True,
            extension_notified_on=D(2016, 10, 26),
        ),
        request("untold", D(2016, 9, 30), D(2016, 11, 16), extended=True),
        request("untold-in-time", D(2016, 9, 30), D(2016, 10, 26), extended=True),
    ]
    outcome = run(make_context, records)
    assert outcome.points == pytest.approx(200 / 3)
    late = only(outcome, "requests.late")
    assert (late.records, late.params["limit"], late.params["used"]) == (("untold",), 15, 30)
    unproven = only(outcome, "requests.extension_unproven")
    assert (unproven.records, unproven.deduction) == (("untold", "untold-in-time"), None)
    text = worded(plugin, unproven)
    for source in ("第二十四条第二款", "第三十三条第二款", "行政诉讼法第三十四条", "举证责任"):
        assert source in text
    assert only(outcome, "audit.extended").records == ("told",)
    assert "audit.extension_notice_missing" not in codes(outcome)


def test_an_unproven_extension_under_the_2019_regulation_is_judged_on_20_days(
    make_context: MakeContext,
) -> None:
    # From Monday 2019-06-03: day 20 is 07-02, day 40 is 07-30.
    records = [
        request("day-20", D(2019, 6, 3), D(2019, 7, 2), extended=True),
        request("day-40", D(2019, 6, 3), D(2019, 7, 30), extended=True),
    ]
    outcome = run(make_context, records, **IN_2019)
    assert outcome.points == 50
    assert lost(outcome) == [("requests.late", ("day-40",))]
    assert only(outcome, "requests.late").params["limit"] == 20


def test_a_transition_year_may_credit_unproven_extensions_for_audit(
    make_context: MakeContext,
) -> None:
    records = [request("untold", D(2016, 9, 30), D(2016, 11, 16), extended=True)]
    outcome = run(make_context, records, params={"credit_unproven_extensions": True})
    assert outcome.points == 100
    assert codes(outcome) == ["audit.extended", "audit.extension_notice_missing"]


# ---------------------------------------------------------------- item 3: consultation caps

# Received Monday 2016-03-07; a consultation from 03-08: 15 working days end on 03-29,
# 16 on 03-30. Fifteen paused days give 30: due 04-19.


def consulted(rid: str, ended: dt.date, replied: dt.date, **kw: Any) -> dict[str, Any]:
    return request(
        rid, D(2016, 3, 7), replied, consultation_from=D(2016, 3, 8), consultation_to=ended, **kw
    )


def test_a_third_party_consultation_pauses_at_most_15_working_days(
    make_context: MakeContext,
) -> None:
    # The 2008 regulation names no period: the scheme reads 2019 art. 32's 15 days into it.
    assert WORKING_DAYS.between(D(2016, 3, 8), D(2016, 3, 29)) == 15
    records = [
        consulted("fifteen", D(2016, 3, 29), D(2016, 4, 19)),
        consulted("sixteen", D(2016, 3, 30), D(2016, 4, 20)),
    ]
    outcome = run(make_context, records)
    assert outcome.points == 50
    late = only(outcome, "requests.late")
    assert (late.records, late.params["limit"]) == (("sixteen",), 30)
    capped = only(outcome, "requests.pause_capped")
    assert (capped.records, capped.params["days"], capped.params["cap"]) == (("sixteen",), 16, 15)
    assert worded(plugin, capped) == (
        "依申请公开“sixteen”征求第三方意见用时16个工作日，按方案每次最多扣除15个工作日"
    )
    # with no cap the sixteenth day pauses too
    uncapped = run(make_context, records, params={"third_party_pause_max": None})
    assert (uncapped.points, codes(uncapped)) == (100, ["audit.consultation"])


def test_a_consultation_of_other_agencies_is_uncapped_but_listed_past_15_days(
    make_context: MakeContext,
) -> None:
    # 2019: from Monday 06-03 (day 20 is 07-02); consulting from 06-04, 15 working days end
    # on 06-26 and 16 on 06-27; 20 + 16 from 06-03 is 07-24.
    def agency(rid: str, ended: dt.date, replied: dt.date) -> dict[str, Any]:
        return request(
            rid,
            D(2019, 6, 3),
            replied,
            consultation_from=D(2019, 6, 4),
            consultation_to=ended,
            consulted_agency=True,
        )

    assert WORKING_DAYS.due(D(2019, 6, 3), 36) == D(2019, 7, 24)
    records = [
        agency("fifteen", D(2019, 6, 26), D(2019, 7, 23)),
        agency("sixteen", D(2019, 6, 27), D(2019, 7, 24)),
    ]
    outcome = run(make_context, records, **IN_2019)
    assert outcome.points == 100
    listed = only(outcome, "audit.agency_consultation")
    assert (listed.records, listed.params["days"], listed.deduction) == (("sixteen",), 15, None)
    assert "requests.pause_capped" not in codes(outcome)
    # a scheme that caps them: 16 days pause 15, the reply on 07-24 is a day late
    capped = run(make_context, records, params={"agency_pause_max": 15}, **IN_2019)
    assert lost(capped) == [("requests.late", ("sixteen",))]
    assert only(capped, "requests.pause_capped").params["whom_zh"] == "其他机关"


# ---------------------------------------------------------------- item 3: corrections (2019)

# Received Monday 2019-06-03: working day 7 is 06-13, day 8 is 06-14. Corrected on 06-17,
# day 20 from it is 07-15; from receipt 07-15 is day 29.
RECEIVED = D(2019, 6, 3)
CORRECTED = D(2019, 6, 17)
REPLIED = D(2019, 7, 15)


def corrected(rid: str, **kw: Any) -> dict[str, Any]:
    return request(rid, RECEIVED, REPLIED, corrected_on=CORRECTED, **kw)


def test_a_correction_restarts_the_clock_only_after_a_notice_within_7_working_days(
    make_context: MakeContext,
) -> None:
    assert WORKING_DAYS.due(RECEIVED, 7) == D(2019, 6, 13)
    assert WORKING_DAYS.due(CORRECTED, 20) == REPLIED
    records = [
        corrected("day-7", correction_notified_on=D(2019, 6, 13)),
        corrected("day-8", correction_notified_on=D(2019, 6, 14)),
    ]
    outcome = run(make_context, records, **IN_2019)
    assert outcome.points == 50
    assert only(outcome, "audit.correction").records == ("day-7",)
    note = only(outcome, "requests.correction_not_restarted")
    assert (note.records, note.params["why"], note.params["due"]) == (
        ("day-8",),
        "notice_late",
        D(2019, 6, 13),
    )
    assert worded(plugin, note) == (
        "依申请公开“day-8”：补正告知日期2019-06-14晚于告知期限2019-06-13（2019年条例第三十条），"
        "按方案对该条的理解，补正不重新起算答复期限，期限自收到申请之日起算"
    )
    late = only(outcome, "requests.late")
    assert (late.records, late.params["used"]) == (("day-8",), 29)


def test_a_scheme_may_read_a_late_notice_as_restarting_the_clock(
    make_context: MakeContext,
) -> None:
    records = [corrected("day-8", correction_notified_on=D(2019, 6, 14))]
    params = {"late_correction_notice": "restart"}
    outcome = run(make_context, records, params=params, **IN_2019)
    assert outcome.points == 100
    assert codes(outcome) == ["audit.correction", "audit.correction_late_notice"]


def test_a_correction_without_a_notice_date_or_asked_twice_restarts_nothing(
    make_context: MakeContext,
) -> None:
    told = {"correction_notified_on": D(2019, 6, 5)}
    records = [
        corrected("no-notice"),
        corrected("twice", corrections=2, **told),
        corrected("once", corrections=1, **told),
    ]
    outcome = run(make_context, records, **IN_2019)
    assert outcome.points == pytest.approx(100 / 3)
    notes = [
        (f.records, f.params["why"])
        for f in outcome.findings
        if f.code == "requests.correction_not_restarted"
    ]
    assert notes == [(("no-notice",), "notice_missing"), (("twice",), "repeated")]
    assert only(outcome, "audit.correction").records == ("once",)
    assert {f.records for f in outcome.findings if f.code == "requests.late"} == {
        ("no-notice",),
        ("twice",),
    }
    twice = next(f for f in outcome.findings if f.params.get("why") == "repeated")
    assert "告知补正2次，未一次性告知" in worded(plugin, twice)


@pytest.mark.parametrize("notified", [D(2019, 5, 31), D(2019, 6, 18)])
def test_a_notice_to_correct_outside_receipt_and_correction_is_not_credited(
    make_context: MakeContext, notified: dt.date
) -> None:
    outcome = run(make_context, [corrected("R", correction_notified_on=notified)], **IN_2019)
    assert outcome.points == 0
    flagged = only(outcome, "integrity.correction_notice_out_of_order")
    assert (flagged.records, flagged.params["notified"]) == (("R",), notified)


def test_a_notice_on_the_day_of_receipt_or_of_the_correction_is_in_order(
    make_context: MakeContext,
) -> None:
    records = [
        request(
            "same-day",
            RECEIVED,
            REPLIED,
            corrected_on=D(2019, 6, 4),
            correction_notified_on=RECEIVED,
        ),
        request(
            "told-and-corrected",
            RECEIVED,
            D(2019, 7, 4),
            corrected_on=D(2019, 6, 5),
            correction_notified_on=D(2019, 6, 5),
        ),
    ]
    # from 06-04 day 20 is 07-03 (07-15 is day 28: late); from 06-05 day 20 is 07-04
    outcome = run(make_context, records, **IN_2019)
    assert "integrity.correction_notice_out_of_order" not in codes(outcome)
    assert lost(outcome) == [("requests.late", ("same-day",))]


# ---------------------------------------------------------------- item 3: the switch


# Received 2019-04-22 the 2008 limit ran out on 05-14, the day before the 2019 regulation;
# received 04-23 it ran out on 05-15, when the 2019 regulation was in force. Each is
# answered on its day 20 (05-21, 05-22).
ACROSS = [
    request("ran-out-before", D(2019, 4, 22), D(2019, 5, 21)),
    request("running-at-switch", D(2019, 4, 23), D(2019, 5, 22)),
]


def test_a_request_open_at_the_switch_keeps_the_2008_limit(make_context: MakeContext) -> None:
    outcome = run(make_context, ACROSS, **IN_2019)
    assert outcome.points == 0
    assert {f.params["limit"] for f in outcome.findings if f.code == "requests.late"} == {15}


def test_a_scheme_may_give_a_request_open_at_the_switch_the_2019_limit(
    make_context: MakeContext,
) -> None:
    assert WORKING_DAYS.due(D(2019, 4, 22), 15) == D(2019, 5, 14)
    assert WORKING_DAYS.due(D(2019, 4, 23), 15) == D(2019, 5, 15)
    params = {"open_at_switch": "new_law"}
    outcome = run(make_context, ACROSS, params=params, **IN_2019)
    assert outcome.points == 50
    assert lost(outcome) == [("requests.late", ("ran-out-before",))]
    # under a scheme fixed to the 2008 regime, the request given the 2019 limit is named;
    # one answered before the switch keeps the 2008 limit and is not
    answered_before = request("answered-before", D(2019, 4, 23), D(2019, 5, 14))
    answered_that_day = request("answered-that-day", D(2019, 4, 23), D(2019, 5, 15))
    fixed = run(
        make_context,
        [*ACROSS, answered_before, answered_that_day],
        params=params,
        regime="ogi-2008",
        year=2019,
        as_of=D(2020, 1, 10),
    )
    overridden = only(fixed, "requests.regime_overridden").records
    assert overridden == ("running-at-switch", "answered-that-day")


def test_before_the_switch_a_snapshot_sees_no_request_open_at_it(
    make_context: MakeContext,
) -> None:
    # A snapshot of 2019-05-14 under new_law: the request from 04-23 is open but the 2019
    # regulation is not yet in force, so its 2008 limit (05-15) stands: not yet due.
    open_request = {"id": "open", "received_on": D(2019, 4, 23)}
    outcome = run(
        make_context,
        [open_request],
        params={
            "open_at_switch": "new_law",
            "regimes": {"ogi-2008": {"limit": 15, "extension": 15}},
        },
        regime="ogi-2008",
        year=2019,
        as_of=D(2019, 5, 14),
    )
    assert outcome.status == "not_applicable"
    assert "requests.regime_overridden" not in codes(outcome)
