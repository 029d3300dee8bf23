"""The evaluator's test requests (issue 21, items 1-3): the day of receipt, the channel, in
time by the request clock, the reply's elements, the outcome, and the cross-check against the
unit's own log.

Dates are counted against the official calendar: from Friday 2016-09-30, the 15th working
day is 2016-10-26 (National Day off 10-01..07, 10-08/09 worked), as test_request_law counts.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from plugin_support import MakeContext, codes, load_plugin, lost, only, scorers_of

from evaluator import Evidence, Outcome

plugin = load_plugin("responsiveness")
SCORERS = scorers_of(plugin)
D = dt.date

from evaluator_areas.responsiveness.verification import received_day  # noqa: E402


def row(rid: str, **kw: Any) -> dict[str, Any]:
    """A test request sent online on 2016-09-30, accepted, granted on 10-10."""
    return {
        "unit": "b-one",
        "id": rid,
        "channel": "online",
        "sent_on": D(2016, 9, 30),
        "accepted": True,
        "replied_on": D(2016, 10, 10),
        "outcome": "granted",
        **kw,
    }


def run(
    make_context: MakeContext,
    name: str,
    rows: list[dict[str, Any]] | None,
    log: list[dict[str, Any]] | None = None,
    **kw: Any,
) -> Outcome:
    scorer = SCORERS[name]
    submission = {} if log is None else {"responsiveness": {"requests": log}}
    context = make_context(None, scorer=scorer, submission=submission, **kw)
    lists = {} if rows is None else {"test_requests": tuple(rows)}
    return scorer.score(dataclasses.replace(context, evidence=Evidence(lists=lists)))


# ---------------------------------------------------------------- the day of receipt


def test_the_day_of_receipt_is_derived_by_channel_as_2019_art_31_defines_it() -> None:
    sent, acknowledged = D(2016, 9, 27), D(2016, 9, 30)
    given = {"sent_on": sent, "acknowledged_on": acknowledged}
    assert received_day({**given, "channel": "in_person"}) == sent  # handed in
    assert received_day({**given, "channel": "letter"}) == acknowledged  # signed for
    assert received_day({"sent_on": sent, "channel": "letter"}) is None  # no receipt
    assert received_day({**given, "channel": "online"}) == acknowledged  # both confirm
    assert received_day({"sent_on": sent, "channel": "email"}) == sent
    assert received_day({**given, "channel": "letter", "received_on": D(2016, 10, 9)}) == D(
        2016, 10, 9
    )


# ---------------------------------------------------------------- nothing to judge


def test_without_the_evaluators_list_the_test_request_indicators_do_not_apply(
    make_context: MakeContext,
) -> None:
    for name in (
        "responsiveness.test_channels",
        "responsiveness.test_in_time",
        "responsiveness.test_reply_form",
        "responsiveness.test_outcomes",
        "responsiveness.test_log",
    ):
        outcome = run(make_context, name, None)
        assert (outcome.status, codes(outcome)) == ("not_applicable", ["test_requests.none"])
        outcome = run(make_context, name, [])
        assert codes(outcome) == ["test_requests.none_sent"]


# ---------------------------------------------------------------- the channel


def test_a_channel_that_refused_costs_its_share_and_every_request_is_listed(
    make_context: MakeContext,
) -> None:
    rows = [row("t1"), row("t2", channel="email", accepted=False, replied_on=None)]
    outcome = run(make_context, "responsiveness.test_channels", rows)
    assert outcome.points == 50
    assert lost(outcome) == [("test_requests.channel_refused", ("t2",))]
    listed = [f.params["id"] for f in outcome.findings if f.code == "test_requests.sent"]
    assert listed == ["t1", "t2"]


# ---------------------------------------------------------------- in time


def test_a_reply_on_the_last_working_day_is_in_time_and_the_next_day_late(
    make_context: MakeContext,
) -> None:
    last = run(make_context, "responsiveness.test_in_time", [row("t1", replied_on=D(2016, 10, 26))])
    assert (last.points, lost(last)) == (100, [])
    late = run(make_context, "responsiveness.test_in_time", [row("t1", replied_on=D(2016, 10, 27))])
    assert late.points == 0
    finding = only(late, "test_requests.late")
    assert (finding.params["due"], finding.params["limit"]) == (D(2016, 10, 26), 15)


def test_a_letter_is_timed_from_the_day_it_was_signed_for(make_context: MakeContext) -> None:
    # sent 09-20, signed for 09-30: due 10-26, as from 09-30; from 09-20 it would be late
    letter = row(
        "t1",
        channel="letter",
        sent_on=D(2016, 9, 20),
        acknowledged_on=D(2016, 9, 30),
        replied_on=D(2016, 10, 26),
    )
    assert run(make_context, "responsiveness.test_in_time", [letter]).points == 100
    unsigned = {k: v for k, v in letter.items() if k != "acknowledged_on"}
    outcome = run(make_context, "responsiveness.test_in_time", [unsigned])
    assert "test_requests.no_receipt_day" in codes(outcome)
    assert outcome.status == "not_applicable"


def test_a_refused_channel_is_not_timed(make_context: MakeContext) -> None:
    rows = [row("t1"), row("t2", accepted=False, replied_on=None)]
    assert run(make_context, "responsiveness.test_in_time", rows).points == 100


# ---------------------------------------------------------------- the reply's form


def test_a_refusal_without_its_remedy_clause_loses_that_elements_share(
    make_context: MakeContext,
) -> None:
    refusal = row(
        "t1",
        outcome="refused",
        reasons="yes",
        legal_basis=True,
        remedy=False,
        notice=False,
    )
    # owed with a source: reasons, legal_basis and remedy; notice has none (listed, free)
    params = {
        "elements": {
            "reasons": {"weight": 1, "source": "条例（2008）第21条第2项"},
            "legal_basis": {"weight": 1, "source": "本方案"},
            "remedy": {"weight": 2, "source": "法释〔2018〕1号第64条"},
            "notice": {"weight": 1, "source": ""},
        }
    }
    outcome = run(make_context, "responsiveness.test_reply_form", [refusal], params=params)
    assert outcome.points == 50  # 2 of 4 weights owed with a source
    (missing,) = [f for f in outcome.findings if f.code == "test_requests.form_missing"]
    assert (missing.params["element"], missing.deduction) == ("remedy", 50)
    unsourced = only(outcome, "test_requests.form_unsourced")
    assert (unsourced.params["element"], unsourced.deduction) == ("notice", None)


def test_reasons_not_applicable_and_a_grant_owe_no_reasons_or_remedy(
    make_context: MakeContext,
) -> None:
    rows = [row("t1", reasons="no", remedy=False, legal_basis=True)]
    params = {
        "elements": {
            "reasons": {"weight": 1, "source": "a"},
            "remedy": {"weight": 1, "source": "b"},
            "legal_basis": {"weight": 1, "source": "c"},
        }
    }
    outcome = run(make_context, "responsiveness.test_reply_form", rows, params=params)
    assert (outcome.points, lost(outcome)) == (100, [])


def test_a_notice_to_correct_is_due_within_7_working_days_under_the_2019_regulation(
    make_context: MakeContext,
) -> None:
    # received Friday 2019-06-14 (Dragon Boat 06-07 before it): day 7 is 2019-06-25
    settings = {"regime": "auto", "year": 2019, "as_of": D(2020, 1, 10)}
    params = {"elements": {"correction_notice": {"weight": 1, "source": "条例（2019）第30条"}}}

    def told(day: dt.date) -> Outcome:
        asked = row(
            "t1",
            sent_on=D(2019, 6, 14),
            replied_on=D(2019, 7, 1),
            correction_notified_on=day,
        )
        return run(
            make_context, "responsiveness.test_reply_form", [asked], params=params, **settings
        )

    assert told(D(2019, 6, 25)).points == 100
    assert lost(told(D(2019, 6, 26))) == [("test_requests.form_missing", ("t1",))]


# ---------------------------------------------------------------- the outcome


def test_an_outcome_the_evaluator_judged_indefensible_costs_its_share(
    make_context: MakeContext,
) -> None:
    rows = [
        row("t1", outcome_defensible=True),
        row("t2", outcome="refused", outcome_defensible=False),
        row("t3"),
    ]
    outcome = run(make_context, "responsiveness.test_outcomes", rows)
    assert outcome.points == 50
    assert lost(outcome) == [("test_requests.outcome_indefensible", ("t2",))]


# ---------------------------------------------------------------- the unit's log


def logged(rid: str, **kw: Any) -> dict[str, Any]:
    return {
        "id": rid,
        "received_on": "2016-09-30",
        "replied_on": "2016-10-10",
        "outcome": "granted",
        **kw,
    }


def test_a_test_request_missing_from_the_log_costs_what_the_scheme_sets(
    make_context: MakeContext,
) -> None:
    rows = [row("t1", unit_ref="YSQ-7"), row("t2", sent_on=D(2016, 10, 10))]
    log = [logged("ysq-7")]
    outcome = run(make_context, "responsiveness.test_log", rows, log, max_points=10)
    assert outcome.points == 5
    finding = only(outcome, "integrity.test_request_unlogged")
    assert (finding.records, finding.deduction) == (("t2",), 5)
    params = {"unlogged_cost": 3}
    outcome = run(make_context, "responsiveness.test_log", rows, log, max_points=10, params=params)
    assert outcome.points == 7


def test_a_match_by_the_units_number_with_other_dates_names_both_records(
    make_context: MakeContext,
) -> None:
    rows = [row("t1", unit_ref="YSQ-7")]
    log = [logged("YSQ-7", replied_on="2016-10-08")]
    outcome = run(make_context, "responsiveness.test_log", rows, log, max_points=10)
    finding = only(outcome, "integrity.test_request_dates")
    assert finding.records == ("t1", "YSQ-7")
    assert finding.params["differences"] == ["replied_on: 2016-10-10 / 2016-10-08"]
    assert outcome.points == 8


def test_without_the_units_number_exactly_one_candidate_matches(
    make_context: MakeContext,
) -> None:
    rows = [row("t1")]
    one = run(
        make_context, "responsiveness.test_log", rows, [logged("a"), logged("b", outcome="refused")]
    )
    assert one.findings == () and one.points == 100
    by_channel = [logged("a", channel="letter"), logged("b", channel="online")]
    assert run(make_context, "responsiveness.test_log", rows, by_channel).findings == ()
    two = run(make_context, "responsiveness.test_log", rows, [logged("a"), logged("b")])
    finding = only(two, "audit.test_request_candidates")
    assert (finding.params["candidates"], finding.deduction) == (["a", "b"], None)


def test_a_log_far_more_punctual_than_the_test_requests_is_listed_for_audit(
    make_context: MakeContext,
) -> None:
    rows = [row("t1", unit_ref="L1", replied_on=D(2016, 10, 27))]  # late by a day
    log = [
        logged("L1", replied_on="2016-10-27"),
        *(logged(f"L{n}", received_on="2016-03-01", replied_on="2016-03-02") for n in range(2, 6)),
    ]
    outcome = run(make_context, "responsiveness.test_log", rows, log)
    finding = only(outcome, "audit.test_request_in_time_gap")
    assert (finding.params["log_share"], finding.params["test_share"]) == (0.8, 0.0)
    close = run(make_context, "responsiveness.test_log", rows, log, params={"in_time_gap": 0.8})
    assert "audit.test_request_in_time_gap" not in codes(close)
