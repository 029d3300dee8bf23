"""Responsiveness scorers: incidents, information requests, hotline, appeals.

Every date and figure below was counted by hand against the official calendar
(2016: National Day off 10-01..07, Saturday/Sunday 10-08/09 worked; 2017-01-02
off; 2019: Dragon Boat 06-07 off).
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

import pytest
from jsonschema import Draft202012Validator, ValidationError
from plugin_support import MakeContext, codes, load_plugin, lost, only, scorers_of, worded

from evaluator import Outcome, Scorer

plugin = load_plugin("responsiveness")
SCORERS = scorers_of(plugin)
BJ = dt.timezone(dt.timedelta(hours=8))
D = dt.date


def at(day: int, hour: int, minute: int = 0, month: int = 12) -> dt.datetime:
    # December 2016: under both 国办发〔2016〕61号 and 80号 (5, 24 and 48 hours)
    return dt.datetime(2016, month, day, hour, minute, tzinfo=BJ)


def run(name: str, make_context: MakeContext, data: dict[str, Any], **kw: Any) -> Outcome:
    scorer = SCORERS[f"responsiveness.{name}"]
    return scorer.score(make_context(data, scorer=scorer, **kw))


def request(
    rid: str, received: dt.date, replied: dt.date | None = None, **kw: Any
) -> dict[str, Any]:
    record: dict[str, Any] = {"id": rid, "received_on": received, **kw}
    if replied is not None:
        record["replied_on"] = replied
    return record


# ---------------------------------------------------------------- registration and schemas


def test_plugin_registers_four_scorers_on_its_section_and_five_on_the_evaluators_evidence() -> None:
    on_section = {n for n, s in SCORERS.items() if s.section == "responsiveness"}
    assert on_section == {
        "responsiveness.incidents",
        "responsiveness.requests",
        "responsiveness.hotline",
        "responsiveness.appeals",
    }
    assert set(SCORERS) - on_section == {
        "responsiveness.test_channels",
        "responsiveness.test_in_time",
        "responsiveness.test_reply_form",
        "responsiveness.test_outcomes",
        "responsiveness.test_log",
    }
    [listed] = plugin.register_evidence()
    assert (listed.name, listed.sheet) == ("test_requests", "验证性申请")
    [section] = plugin.register_sections()
    assert (section.name, section.title) == ("responsiveness", "回应关切")


@pytest.mark.parametrize("scorer", SCORERS.values(), ids=lambda s: s.name)
def test_params_schema_rejects_unknown_keys_and_accepts_its_defaults(scorer: Scorer) -> None:
    Draft202012Validator.check_schema(scorer.params)
    validator = Draft202012Validator(scorer.params)
    defaults = {k: v["default"] for k, v in scorer.params.get("properties", {}).items()}
    validator.validate(defaults)
    validator.validate({})
    with pytest.raises(ValidationError):
        validator.validate({**defaults, "treshold": 1})


def test_hotline_params_reject_an_unknown_rate_name() -> None:
    validator = Draft202012Validator(SCORERS["responsiveness.hotline"].params)
    with pytest.raises(ValidationError):
        validator.validate({"rates": {"pickup": {"full_at": 0.9, "zero_at": 0.5}}})


def test_section_schema_accepts_the_contract_example_and_rejects_a_typo() -> None:
    [section] = plugin.register_sections()
    Draft202012Validator.check_schema(section.schema)
    validator = Draft202012Validator(
        section.schema, format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    example = {
        "incidents": [
            {
                "id": "2016-YQ-03",
                "level": "major",
                "emerged_at": "2016-04-10T09:00:00+08:00",
                "first_response_at": "2016-04-10T13:30:00+08:00",
                "press_conference_at": "2016-04-11T10:00:00+08:00",
            }
        ],
        "requests": [
            {
                "id": "2016-0001",
                "received_on": "2016-03-01",
                "replied_on": "2016-03-18",
                "extended": False,
                "outcome": "granted",
            }
        ],
        "hotline": {
            "calls": 1200,
            "connected": 1160,
            "responded": 1100,
            "resolved": 1010,
            "surveyed": 900,
            "satisfied": 810,
        },
        "appeals": {
            "reconsideration": {"upheld": 7, "corrected": 2, "other": 1, "pending": 0},
            "litigation": {"upheld": 4, "corrected": 0, "other": 1, "pending": 1},
        },
    }
    validator.validate(example)
    typo = {"requests": [{"id": "2016-0002", "recieved_on": "2016-03-01"}]}
    with pytest.raises(ValidationError):
        validator.validate(typo)
    with pytest.raises(ValidationError):
        validator.validate({"hotline": {"calls": -1}})


# ---------------------------------------------------------------- requests


def test_request_received_before_national_day_is_on_time(make_context: MakeContext) -> None:
    # 10-08/09 worked, 10-10..14 and 10-17..21: 10-21 is working day 12 (a weekday count says 17).
    data = {"requests": [request("2016-0001", D(2016, 9, 30), D(2016, 10, 21))]}
    outcome = run("requests", make_context, data)
    assert outcome.points == 100
    assert outcome.findings == ()


def test_request_answered_on_working_day_16_is_late(make_context: MakeContext) -> None:
    # 10-24 is day 13, 10-25 day 14, 10-26 day 15, 10-27 day 16.
    data = {"requests": [request("2016-0001", D(2016, 9, 30), D(2016, 10, 27))]}
    outcome = run("requests", make_context, data)
    assert outcome.points == 0
    [finding] = outcome.findings
    assert finding.code == "requests.late"
    assert finding.records == ("2016-0001",)
    assert (finding.params["used"], finding.params["limit"]) == (16, 15)
    assert (finding.params["due"], finding.params["replied"]) == (D(2016, 10, 26), D(2016, 10, 27))
    assert worded(plugin, finding) == (
        "依申请公开“2016-0001”（2016-09-30收到）的答复期限为2016-10-26（15个工作日），"
        "于2016-10-27（第16个工作日）答复"
    )
    assert finding.deduction == 100


def test_reply_on_a_holiday_after_a_working_saturday_deadline_is_late(
    make_context: MakeContext,
) -> None:
    # From Monday 2016-01-18 day 15 is the worked Saturday 02-06; 02-07..13 were the Spring
    # Festival holiday, so 02-10 is still "working day 15", but after the due date.
    data = {
        "requests": [
            request("due-day", D(2016, 1, 18), D(2016, 2, 6)),
            request("holiday", D(2016, 1, 18), D(2016, 2, 10)),
        ]
    }
    outcome = run("requests", make_context, data)
    assert outcome.points == 50
    [finding] = outcome.findings
    assert (finding.code, finding.records) == ("requests.late", ("holiday",))
    assert (finding.params["used"], finding.params["due"]) == (15, D(2016, 2, 6))


def test_extended_request_has_thirty_working_days(make_context: MakeContext) -> None:
    # Day 16 is 10-27; 10-28 (17), 10-31..11-04 (18-22), 11-07..11 (23-27), 11-14 (28),
    # 11-15 (29), 11-16 (30), 11-17 (31). Both extensions were notified by day 15 (10-26).
    notified = D(2016, 10, 20)
    data = {
        "requests": [
            request(
                "A", D(2016, 9, 30), D(2016, 11, 16), extended=True, extension_notified_on=notified
            ),
            request(
                "B", D(2016, 9, 30), D(2016, 11, 17), extended=True, extension_notified_on=notified
            ),
        ]
    }
    outcome = run("requests", make_context, data)
    assert outcome.points == 50
    listed, finding = outcome.findings
    assert (listed.code, listed.records, listed.deduction) == ("audit.extended", ("A", "B"), None)
    assert finding.records == ("B",)
    assert (finding.params["used"], finding.params["limit"]) == (31, 30)
    assert finding.deduction == 50


CREDIT_UNPROVEN = {"credit_unproven_extensions": True}


def test_in_a_transition_year_extended_requests_are_credited_and_listed_for_audit(
    make_context: MakeContext,
) -> None:
    # credit_unproven_extensions: an extension with no date of notice is credited, as
    # before issue 18, and listed.
    # on-time: 09-30 -> 10-21 is day 12, within 15 even without the extension.
    # open: from Thursday 12-01 day 15 is 12-22 (late), but day 30 is 2017-01-13
    # (12-02 1, 12-05..30 2-21, 01-02 off, 01-03..06 22-25, 01-09..13 26-30): it falls
    # due after the year, so it is carried over, and listed.
    # last-year: received 2015-11-02 and answered 11-20, it settled in 2015: set aside,
    # so it is not listed.
    data = {
        "requests": [
            request("on-time", D(2016, 9, 30), D(2016, 10, 21), extended=True),
            request("plain", D(2016, 9, 30), D(2016, 10, 21)),
            request("last-year", D(2015, 11, 2), D(2015, 11, 20), extended=True),
            request("open", D(2016, 12, 1), extended=True),
        ]
    }
    outcome = run("requests", make_context, data, params=CREDIT_UNPROVEN)
    assert outcome.points == 100
    assert codes(outcome) == [
        "integrity.outside_year",
        "requests.carried_over",
        "audit.extended",
        "audit.extension_notice_missing",
    ]
    carried, listed, unnotified = outcome.findings[1:]
    assert carried.records == ("open",)
    assert (listed.records, listed.deduction) == (("on-time", "open"), None)
    assert listed.params["count"] == 2
    assert unnotified.records == ("on-time", "open")


def test_only_extended_open_requests_is_not_applicable_but_listed(
    make_context: MakeContext,
) -> None:
    data = {"requests": [request("open", D(2016, 12, 1), extended=True)]}
    outcome = run("requests", make_context, data, params=CREDIT_UNPROVEN)
    assert outcome.status == "not_applicable"
    assert codes(outcome) == [
        "requests.none_judged",
        "requests.carried_over",
        "audit.extended",
        "audit.extension_notice_missing",
    ]


def test_extended_flag_without_an_extension_in_the_regime_is_not_listed(
    make_context: MakeContext,
) -> None:
    # With no extension the flag changes nothing: day 16 (10-27) is late against 15.
    params = {"regimes": {"ogi-2008": {"limit": 15, "extension": 0}}}
    data = {"requests": [request("A", D(2016, 9, 30), D(2016, 10, 27), extended=True)]}
    outcome = run("requests", make_context, data, params=params)
    assert (outcome.points, codes(outcome)) == (0, ["requests.late"])


def test_a_one_day_extension_adds_exactly_one_working_day(make_context: MakeContext) -> None:
    # From Friday 09-30: day 16 is 10-27, day 17 is 10-28 (notified on day 15, 10-26).
    params = {"regimes": {"ogi-2008": {"limit": 15, "extension": 1}}}
    told = {"extended": True, "extension_notified_on": D(2016, 10, 26)}
    data = {
        "requests": [
            request("day-16", D(2016, 9, 30), D(2016, 10, 27), **told),
            request("day-17", D(2016, 9, 30), D(2016, 10, 28), **told),
        ]
    }
    outcome = run("requests", make_context, data, params=params)
    assert outcome.points == 50
    assert lost(outcome) == [("requests.late", ("day-17",))]


def test_extension_notified_after_the_original_deadline_does_not_count(
    make_context: MakeContext,
) -> None:
    # From Friday 09-30 the original deadline is 10-26 (day 15): notice on the 26th counts,
    # on the 27th it comes too late, and the reply on 11-16 (day 30) is judged against 15.
    data = {
        "requests": [
            request(
                "in-time",
                D(2016, 9, 30),
                D(2016, 11, 16),
                extended=True,
                extension_notified_on=D(2016, 10, 26),
            ),
            request(
                "too-late",
                D(2016, 9, 30),
                D(2016, 11, 16),
                extended=True,
                extension_notified_on=D(2016, 10, 27),
            ),
        ]
    }
    outcome = run("requests", make_context, data)
    assert outcome.points == 50
    notice = only(outcome, "requests.extension_late_notice")
    assert (notice.records, notice.deduction) == (("too-late",), None)
    assert (notice.params["notified"], notice.params["due"]) == (D(2016, 10, 27), D(2016, 10, 26))
    assert only(outcome, "audit.extended").records == ("in-time",)
    late = only(outcome, "requests.late")
    assert (late.records, late.params["limit"], late.params["used"]) == (("too-late",), 15, 30)


def test_corrected_application_restarts_the_clock_under_the_2019_regulation(
    make_context: MakeContext,
) -> None:
    # Received Monday 2019-06-03, told to correct it on 06-05, corrected 06-10: from 06-10
    # day 20 is 07-08 (06-11..14 1-4, 06-17..21 5-9, 06-24..28 10-14, 07-01..05 15-19).
    # From 06-03 day 20 is 07-02 (06-07 Dragon Boat off), so 07-08 is day 24.
    told = {"corrected_on": D(2019, 6, 10), "correction_notified_on": D(2019, 6, 5)}
    data = {
        "requests": [
            request("corrected", D(2019, 6, 3), D(2019, 7, 8), **told),
            request("not", D(2019, 6, 3), D(2019, 7, 8)),
        ]
    }
    outcome = run("requests", make_context, data, regime="auto", year=2019, as_of=D(2020, 1, 10))
    assert outcome.points == 50
    audit = only(outcome, "audit.correction")
    assert (audit.records, audit.deduction) == (("corrected",), None)
    late = only(outcome, "requests.late")
    assert (late.records, late.params["used"]) == (("not",), 24)


def test_a_2008_era_correction_is_listed_and_restarts_nothing(make_context: MakeContext) -> None:
    # Received Monday 2016-03-07, corrected 03-14: the 2008 regulation has no restart, and
    # 国办发〔2010〕5号 could not be verified: from 03-07, 04-05 is working day 20, late.
    data = {
        "requests": [
            request("corrected", D(2016, 3, 7), D(2016, 4, 5), corrected_on=D(2016, 3, 14)),
        ]
    }
    outcome = run("requests", make_context, data)
    assert outcome.points == 0
    audit = only(outcome, "audit.correction_2008")
    assert (audit.records, audit.deduction) == (("corrected",), None)
    assert "国办发〔2010〕5号未能核实" in worded(plugin, audit)
    late = only(outcome, "requests.late")
    assert (late.records, late.params["used"]) == (("corrected",), 20)
    assert "audit.correction" not in codes(outcome)


def test_correction_outside_the_requests_life_is_not_accepted(make_context: MakeContext) -> None:
    # A correction dated before receipt, or after the reply, restarts nothing: day 20 is late.
    data = {
        "requests": [
            request("before", D(2016, 3, 7), D(2016, 4, 5), corrected_on=D(2016, 3, 1)),
            request("after", D(2016, 3, 7), D(2016, 4, 5), corrected_on=D(2016, 4, 6)),
        ]
    }
    outcome = run("requests", make_context, data)
    assert outcome.points == 0
    flagged = [f.records for f in outcome.findings if f.code == "integrity.correction_out_of_order"]
    assert flagged == [("before",), ("after",)]
    assert "audit.correction" not in codes(outcome)


def test_consulting_a_third_party_pauses_the_clock(make_context: MakeContext) -> None:
    # Received Monday 03-07; consulted 03-14 to 03-21 (03-15..18 and 03-21: 5 working days
    # paused). Day 15 is 03-28; with the pause the limit is 20, 04-05. 04-01 is day 19.
    paused = {"consultation_from": D(2016, 3, 14), "consultation_to": D(2016, 3, 21)}
    data = {
        "requests": [
            request("paused", D(2016, 3, 7), D(2016, 4, 1), **paused),
            request("not", D(2016, 3, 7), D(2016, 4, 1)),
        ]
    }
    outcome = run("requests", make_context, data)
    assert outcome.points == 50
    assert only(outcome, "audit.consultation").records == ("paused",)
    assert lost(outcome) == [("requests.late", ("not",))]


def test_consulting_another_agency_pauses_only_under_the_2019_regulation(
    make_context: MakeContext,
) -> None:
    agency = {
        "consultation_from": D(2016, 3, 14),
        "consultation_to": D(2016, 3, 21),
        "consulted_agency": True,
    }
    old = run(
        "requests",
        make_context,
        {"requests": [request("A", D(2016, 3, 7), D(2016, 4, 1), **agency)]},
    )
    assert old.points == 0
    assert only(old, "requests.pause_not_lawful").records == ("A",)
    # 2019: received Monday 06-03, day 20 is 07-02 (06-07 Dragon Boat off); consulted 06-10
    # to 06-14 (4 working days): the limit is 24, 07-08.
    agency_2019 = {
        "consultation_from": D(2019, 6, 10),
        "consultation_to": D(2019, 6, 14),
        "consulted_agency": True,
    }
    data = {"requests": [request("B", D(2019, 6, 3), D(2019, 7, 8), **agency_2019)]}
    new = run("requests", make_context, data, regime="auto", year=2019, as_of=D(2020, 1, 10))
    assert new.points == 100
    assert codes(new) == ["audit.consultation"]


def test_incomplete_or_misplaced_consultation_pauses_nothing(make_context: MakeContext) -> None:
    data = {
        "requests": [
            request("no-end", D(2016, 3, 7), D(2016, 4, 1), consultation_from=D(2016, 3, 14)),
            request(
                "backwards",
                D(2016, 3, 7),
                D(2016, 4, 1),
                consultation_from=D(2016, 3, 21),
                consultation_to=D(2016, 3, 14),
            ),
        ]
    }
    outcome = run("requests", make_context, data)
    assert outcome.points == 0
    assert [f.records for f in outcome.findings if f.code == "integrity.pause_out_of_order"] == [
        ("no-end",),
        ("backwards",),
    ]


def test_auto_regime_gives_twenty_days_from_2019_05_15(make_context: MakeContext) -> None:
    # From Wednesday 05-15: 05-16..17 (1-2), 05-20..24 (3-7), 05-27..31 (8-12),
    # 06-03..06 (13-16), 06-07 Dragon Boat off, 06-10 (17), 06-11 (18), 06-12 (19).
    # From Tuesday 05-14 every count is one more: 06-11 is day 19.
    data = {
        "requests": [
            request("new-rules", D(2019, 5, 15), D(2019, 6, 12)),
            request("old-rules", D(2019, 5, 14), D(2019, 6, 11)),
        ]
    }
    outcome = run("requests", make_context, data, regime="auto", year=2019, as_of=D(2020, 1, 10))
    assert outcome.points == 50
    [finding] = outcome.findings
    assert finding.records == ("old-rules",)
    assert (finding.params["used"], finding.params["limit"]) == (19, 15)


@pytest.mark.parametrize(
    ("replied", "extended", "late"),
    [
        (D(2019, 7, 2), False, False),  # working day 20
        (D(2019, 7, 3), False, True),  # 21
        (D(2019, 7, 30), True, False),  # 40
        (D(2019, 7, 31), True, True),  # 41
    ],
)
def test_2019_limit_and_extension_end_on_working_days_20_and_40(
    make_context: MakeContext, replied: dt.date, extended: bool, late: bool
) -> None:
    # From Monday 2019-06-03 (06-07 off): 07-02 is day 20, 07-03 21; 07-30 is 40, 07-31 41.
    notice = {"extension_notified_on": D(2019, 6, 28)} if extended else {}
    data = {"requests": [request("R", D(2019, 6, 3), replied, extended=extended, **notice)]}
    outcome = run("requests", make_context, data, regime="auto", year=2019, as_of=D(2020, 1, 10))
    assert outcome.points == (0 if late else 100)


def test_fixed_regime_outside_its_legal_period_is_overridden_and_named(
    make_context: MakeContext,
) -> None:
    # Received Friday 2019-03-01, before the 2019 regulation took effect (05-15): the 2008
    # limit of 15 working days applies (03-22), whatever the scheme says. 03-25 is day 16.
    data = {
        "requests": [
            request("march", D(2019, 3, 1), D(2019, 3, 25)),
            request("june", D(2019, 6, 3), D(2019, 7, 2)),
        ]
    }
    outcome = run(
        "requests", make_context, data, regime="ogi-2019", year=2019, as_of=D(2020, 1, 10)
    )
    assert outcome.points == 50
    overridden = only(outcome, "requests.regime_overridden")
    assert (overridden.records, overridden.deduction) == (("march",), None)
    assert (overridden.params["scheme_zh"], overridden.params["applied_zh"]) == (
        "2019年《政府信息公开条例》",
        "2008年《政府信息公开条例》",
    )
    late = only(outcome, "requests.late")
    assert (late.records, late.params["limit"], late.params["used"]) == (("march",), 15, 16)
    # a 2016 request under a scheme fixed to ogi-2019 gets 15 days too: day 16 is late
    data_2016 = {"requests": [request("2016-0001", D(2016, 9, 30), D(2016, 10, 27))]}
    assert run("requests", make_context, data_2016, regime="ogi-2019").points == 0


def test_open_request_past_its_limit_counts_late(make_context: MakeContext) -> None:
    # From Thursday 2016-12-01: day 15 is 12-22; at as_of 2017-01-10 it is day 27
    # (12-23 16, 12-26..30 17-21, 01-02 off, 01-03..06 22-25, 01-09 26, 01-10 27).
    data = {
        "requests": [
            request("open", D(2016, 12, 1)),
            request("answered", D(2016, 9, 30), D(2016, 10, 21)),
        ]
    }
    outcome = run("requests", make_context, data)
    assert outcome.points == 50
    [finding] = outcome.findings
    assert finding.code == "requests.late"
    assert finding.records == ("open",)
    assert (finding.params["used"], finding.params["replied"]) == (27, None)
    assert "第27个工作日" in worded(plugin, finding) and "未答复" in worded(plugin, finding)


def test_open_requests_due_after_the_year_are_carried_over(make_context: MakeContext) -> None:
    # From Monday 12-19 day 15 is 2017-01-10 (the snapshot itself); from 12-20 it is 01-11.
    # Both fall due in 2017: the 2017 run judges them.
    data = {
        "requests": [
            request("due-on-snapshot", D(2016, 12, 19)),
            request("due-after", D(2016, 12, 20)),
            request("late", D(2016, 9, 30), D(2016, 10, 27)),
        ]
    }
    outcome = run("requests", make_context, data)
    assert outcome.points == 0
    carried = only(outcome, "requests.carried_over")
    assert (carried.records, carried.params["next"]) == (("due-on-snapshot", "due-after"), 2017)
    assert lost(outcome) == [("requests.late", ("late",))]


def test_open_request_due_on_a_snapshot_inside_the_year_is_not_judged_yet(
    make_context: MakeContext,
) -> None:
    # A snapshot of 2016-12-20: from Tuesday 11-29 day 15 is 12-20 (not yet late), from
    # Monday 11-28 it is 12-19 (late). A reply dated on the snapshot day counts; one dated
    # the day after is not accepted.
    as_of = D(2016, 12, 20)
    data = {
        "requests": [
            request("due-today", D(2016, 11, 29)),
            request("due-yesterday", D(2016, 11, 28)),
            request("answered-today", D(2016, 11, 29), as_of),
            request("extended-today", D(2016, 11, 29), as_of, extended=True),
            request("answered-tomorrow", D(2016, 11, 29), D(2016, 12, 21)),
        ]
    }
    outcome = run("requests", make_context, data, as_of=as_of)
    assert outcome.points == pytest.approx(200 / 3)  # two answered today, due-yesterday late
    assert only(outcome, "integrity.after_snapshot").records == ("answered-tomorrow",)
    assert lost(outcome) == [("requests.late", ("due-yesterday",))]


def test_replies_in_time_but_after_the_year_end_or_the_snapshot_are_not_judged_here(
    make_context: MakeContext,
) -> None:
    # Both replies are within 15 working days, but one is dated the first day of the next
    # year (it settles in 2017: carried over) and one the day after a snapshot of
    # 2016-12-20 (not accepted: the request is open and not yet due there).
    new_year = request("new-year", D(2016, 12, 29), D(2017, 1, 1))
    outcome = run("requests", make_context, {"requests": [new_year]})
    assert outcome.status == "not_applicable"
    assert only(outcome, "requests.carried_over").records == ("new-year",)
    after = request("after-snapshot", D(2016, 12, 19), D(2016, 12, 21))
    outcome = run("requests", make_context, {"requests": [after]}, as_of=D(2016, 12, 20))
    assert outcome.status == "not_applicable"
    assert only(outcome, "integrity.after_snapshot").records == ("after-snapshot",)


def test_only_open_requests_within_limit_is_not_applicable(make_context: MakeContext) -> None:
    data = {"requests": [request("due-after", D(2016, 12, 20))]}
    assert run("requests", make_context, data).status == "not_applicable"


def test_december_request_answered_late_in_january_is_judged_in_the_year_it_fell_due(
    make_context: MakeContext,
) -> None:
    # Received Friday 2016-12-23: day 15 is 2017-01-16, and the reply on 2017-02-20 is
    # working day 37. The 2016 run (snapshot 2017-01-10) cannot judge it and carries it
    # over; the 2017 run judges it late. It is judged exactly once.
    record = request("R", D(2016, 12, 23), D(2017, 2, 20))
    in_2016 = run("requests", make_context, {"requests": [record]})
    assert in_2016.status == "not_applicable"
    assert only(in_2016, "requests.carried_over").records == ("R",)
    in_2017 = run("requests", make_context, {"requests": [record]}, year=2017, as_of=D(2018, 1, 10))
    assert in_2017.points == 0
    late = only(in_2017, "requests.late")
    assert (late.params["used"], late.params["due"]) == (37, D(2017, 1, 16))


def test_request_received_last_year_that_fell_due_this_year_is_judged_here(
    make_context: MakeContext,
) -> None:
    # Received 2015-12-30, due 2016-01-21 (12-31, then 01-04..08, 01-11..15, 01-18..21),
    # answered 2016-03-01: late in 2016. One answered 2016-01-05, in time, settled in 2016 too.
    data = {
        "requests": [
            request("late", D(2015, 12, 30), D(2016, 3, 1)),
            request("on-time", D(2015, 12, 30), D(2016, 1, 5)),
        ]
    }
    outcome = run("requests", make_context, data)
    assert outcome.points == 50
    assert lost(outcome) == [("requests.late", ("late",))]


def test_not_applicable_keeps_the_integrity_findings(make_context: MakeContext) -> None:
    # Received 2015-12-21 and answered in time on the year's last day, 12-31: it settled
    # in 2015 (the boundary: a day later it would be this year's).
    data = {"requests": [request("last-year", D(2015, 12, 21), D(2015, 12, 31))]}
    outcome = run("requests", make_context, data)
    assert outcome.status == "not_applicable"
    assert codes(outcome) == ["requests.none_judged", "integrity.outside_year"]
    assert outcome.findings[1].params["day"] == D(2015, 12, 31)


def test_reply_before_request_is_flagged_and_not_credited(make_context: MakeContext) -> None:
    data = {
        "requests": [
            request("backdated", D(2016, 5, 10), D(2016, 5, 9)),
            request("fine", D(2016, 9, 30), D(2016, 10, 21)),
        ]
    }
    outcome = run("requests", make_context, data)
    assert outcome.points == 50
    [finding] = outcome.findings
    assert finding.code == "integrity.reply_before_request"
    assert finding.records == ("backdated",)
    assert finding.deduction == 50


def test_reply_dated_after_snapshot_is_treated_as_open(make_context: MakeContext) -> None:
    # Received 12-01, due 12-22: as an open request at 2017-01-10 it is late.
    data = {"requests": [request("future", D(2016, 12, 1), D(2017, 2, 1))]}
    outcome = run("requests", make_context, data)
    assert outcome.points == 0
    assert codes(outcome) == ["integrity.after_snapshot", "requests.late"]


def test_request_settled_last_year_or_received_after_the_snapshot_is_excluded(
    make_context: MakeContext,
) -> None:
    data = {
        "requests": [
            request("last-year", D(2015, 12, 1), D(2015, 12, 10)),
            request("future", D(2017, 2, 1)),
            request("fine", D(2016, 9, 30), D(2016, 10, 21)),
        ]
    }
    outcome = run("requests", make_context, data)
    assert outcome.points == 100
    assert codes(outcome) == ["integrity.outside_year", "integrity.after_snapshot"]
    assert [f.records for f in outcome.findings] == [("last-year",), ("future",)]


def test_request_received_next_year_before_the_snapshot_is_not_this_years(
    make_context: MakeContext,
) -> None:
    data = {"requests": [request("january", D(2017, 1, 3), D(2017, 1, 4))]}
    outcome = run("requests", make_context, data)
    assert outcome.status == "not_applicable"
    assert only(outcome, "integrity.outside_year").records == ("january",)


def test_duplicate_request_id_is_judged_by_its_worst_copy(make_context: MakeContext) -> None:
    # An answered copy placed before the late one does not hide it.
    data = {
        "requests": [
            request("2016-0001", D(2016, 9, 30), D(2016, 10, 21)),
            request("2016-0001", D(2016, 9, 30), D(2016, 10, 27)),
        ]
    }
    outcome = run("requests", make_context, data)
    assert outcome.points == 0
    duplicate, late = outcome.findings
    assert (duplicate.code, duplicate.records) == ("integrity.duplicate_id", ("2016-0001",))
    assert (duplicate.params["copies"], duplicate.params["variants"]) == (2, ["2016-0001"])
    assert "第 2 份" in duplicate.params["effect_zh"]
    assert (late.code, late.records) == ("requests.late", ("2016-0001",))


@pytest.mark.parametrize(
    "copy_id", ["2016-0001\u200b", "2016-0001 ", "２０１６-０００１", "\ufeff2016-0001"]
)
def test_copies_whose_ids_differ_invisibly_are_one_request(
    make_context: MakeContext, copy_id: str
) -> None:
    # Three on-time copies of one request do not dilute the late one.
    data = {
        "requests": [
            request("2016-0001", D(2016, 9, 30), D(2016, 10, 21)),
            request(copy_id, D(2016, 9, 30), D(2016, 10, 21)),
            request("2016-0002", D(2016, 9, 30), D(2016, 10, 27)),
        ]
    }
    outcome = run("requests", make_context, data)
    assert outcome.points == 50
    duplicate = only(outcome, "integrity.duplicate_id")
    assert duplicate.records == ("2016-0001", copy_id)


def test_requests_equal_but_for_their_ids_count_and_are_listed_for_audit(
    make_context: MakeContext,
) -> None:
    # Two requests received and answered the same days with the same outcome may be real.
    data = {
        "requests": [
            request("A", D(2016, 9, 30), D(2016, 10, 21), outcome="granted"),
            request("B", D(2016, 9, 30), D(2016, 10, 21), outcome="granted"),
            request("C", D(2016, 9, 30), D(2016, 10, 21), outcome="refused"),
            request("D", D(2016, 9, 30), D(2016, 10, 27)),
        ]
    }
    outcome = run("requests", make_context, data)
    assert outcome.points == 75
    same = only(outcome, "audit.same_content")
    assert (same.records, same.deduction, same.params["groups"]) == (("A", "B"), None, 1)


def test_missing_requests_score_zero_and_empty_list_is_not_applicable_for_audit(
    make_context: MakeContext,
) -> None:
    missing = run("requests", make_context, {"hotline": {"calls": 1}})
    assert (missing.points, missing.status, codes(missing)) == (0, "ok", ["requests.no_data"])
    empty = run("requests", make_context, {"requests": []})
    assert (empty.status, codes(empty)) == ("not_applicable", ["audit.none_reported"])
    assert empty.findings[0].params["what_zh"] == "依申请公开"


def test_regime_missing_from_params_is_an_error(make_context: MakeContext) -> None:
    # The law in force on the day of receipt needs its limits, whatever the scheme names.
    data = {"requests": [request("2016-0001", D(2016, 9, 30), D(2016, 10, 21))]}
    params = {"regimes": {"ogi-2019": {"limit": 20, "extension": 20}}}
    with pytest.raises(ValueError, match="ogi-2008"):
        run("requests", make_context, data, params=params, regime="ogi-2019")


# ---------------------------------------------------------------- incidents


def incident(
    rid: str, level: str, first: dt.datetime | None, press: dt.datetime | None = None
) -> dict[str, Any]:
    record: dict[str, Any] = {"id": rid, "level": level, "emerged_at": at(10, 9)}
    if first is not None:
        record["first_response_at"] = first
    if press is not None:
        record["press_conference_at"] = press
    return record


def test_major_incident_answered_in_exactly_five_hours_is_on_time(
    make_context: MakeContext,
) -> None:
    data = {"incidents": [incident("YQ-1", "major", at(10, 14), at(11, 9))]}
    outcome = run("incidents", make_context, data)
    assert (outcome.points, outcome.findings) == (100, ())


def test_major_incident_answered_in_five_hours_one_minute_is_late(
    make_context: MakeContext,
) -> None:
    data = {"incidents": [incident("YQ-1", "major", at(10, 14, 1), at(11, 9))]}
    outcome = run("incidents", make_context, data)
    assert outcome.points == 0
    [finding] = outcome.findings
    assert finding.code == "incidents.late"
    assert finding.params["problems_zh"] == "首次回应用时5小时1分钟，超过5小时时限"
    assert worded(plugin, finding) == (
        "重大舆情“YQ-1”：首次回应用时5小时1分钟，超过5小时时限（时限依据国办发〔2016〕61号、80号）"
    )


def test_major_incident_press_conference_after_24_hours_is_late(make_context: MakeContext) -> None:
    data = {"incidents": [incident("YQ-1", "major", at(10, 14), at(11, 9, 1))]}
    outcome = run("incidents", make_context, data)
    assert outcome.points == 0
    assert outcome.findings[0].params["problems_zh"] == "新闻发布会用时24小时1分钟，超过24小时时限"


def test_major_incident_without_press_conference_fails(make_context: MakeContext) -> None:
    data = {
        "incidents": [
            incident("YQ-1", "major", at(10, 13)),
            incident("YQ-2", "major", at(10, 13), at(10, 20)),
        ]
    }
    outcome = run("incidents", make_context, data)
    assert outcome.points == 50
    [finding] = outcome.findings
    assert finding.records == ("YQ-1",)
    assert finding.params["problems_zh"] == "未见新闻发布会（时限24小时）"


def test_general_incident_has_48_hours(make_context: MakeContext) -> None:
    data = {
        "incidents": [
            incident("on-time", "general", at(12, 9)),
            incident("late", "general", at(12, 9, 1)),
            incident("unanswered", "general", None),
        ]
    }
    outcome = run("incidents", make_context, data)
    assert outcome.points == pytest.approx(100 / 3)
    # none had a press conference: as a major incident the one in time would fail too, so
    # the unit's classing it general is listed, with the third of the points it holds up
    # (the two late ones fail either way: nothing turns on their class)
    assert [f.records for f in outcome.findings] == [("on-time",), ("late",), ("unanswered",)]
    audit = outcome.findings[0]
    assert (audit.code, audit.params["at_stake"]) == ("audit.incident_level", Fraction(100, 3))
    assert [f.deduction for f in outcome.findings] == [None, *[pytest.approx(100 / 3)] * 2]


def test_incident_times_compare_as_instants_across_offsets(make_context: MakeContext) -> None:
    # 06:00 UTC is 14:00 in Beijing: exactly 5 hours after 09:00+08:00.
    utc = dt.datetime(2016, 12, 10, 6, 0, tzinfo=dt.UTC)
    data = {"incidents": [incident("YQ-1", "major", utc, at(11, 9))]}
    assert run("incidents", make_context, data).points == 100


def test_response_before_emergence_is_flagged(make_context: MakeContext) -> None:
    data = {"incidents": [incident("YQ-1", "general", at(10, 8))]}
    outcome = run("incidents", make_context, data)
    assert outcome.points == 0
    # failed as classed: no stricter level could cost it more, so its class is not listed
    assert codes(outcome) == ["integrity.response_before_emergence"]


def test_no_incidents_is_not_applicable_and_listed_for_audit(make_context: MakeContext) -> None:
    for data in ({}, {"incidents": []}):
        outcome = run("incidents", make_context, data)
        assert (outcome.status, codes(outcome)) == ("not_applicable", ["audit.none_reported"])


def test_incident_still_within_its_limit_at_the_snapshot_is_not_judged(
    make_context: MakeContext,
) -> None:
    # Snapshot 2016-12-11: judged up to the end of that day (12-12 00:00). A general
    # incident from 12-10 09:00 is due 12-12 09:00: still open in time; one from 12-09
    # 23:59 was due 12-11 23:59, before the snapshot day ended: late.
    data = {
        "incidents": [
            {"id": "open", "level": "general", "emerged_at": at(10, 9)},
            {"id": "due-today", "level": "general", "emerged_at": at(9, 23, 59)},
        ]
    }
    outcome = run("incidents", make_context, data, as_of=D(2016, 12, 11))
    assert outcome.points == 0
    assert lost(outcome) == [("incidents.late", ("due-today",))]
    exactly = {"id": "due-at-midnight", "level": "general", "emerged_at": at(10, 0)}
    on_the_line = run("incidents", make_context, {"incidents": [exactly]}, as_of=D(2016, 12, 11))
    assert on_the_line.status == "not_applicable"  # due 12-12 00:00, the snapshot's end


def test_incident_dated_by_its_beijing_day_near_midnight_utc(make_context: MakeContext) -> None:
    # 2016-12-31 15:59 UTC is 23:59 in Beijing (in the year); 16:00 UTC is 2017-01-01 00:00.
    def utc(hour: int, minute: int) -> dt.datetime:
        return dt.datetime(2016, 12, 31, hour, minute, tzinfo=dt.UTC)

    data = {
        "incidents": [
            {
                "id": "in-year",
                "level": "general",
                "emerged_at": utc(15, 59),
                "first_response_at": utc(16, 30),
            },
            {
                "id": "next-year",
                "level": "general",
                "emerged_at": utc(16, 0),
                "first_response_at": utc(16, 30),
            },
        ]
    }
    outcome = run("incidents", make_context, data)
    assert outcome.status == "not_applicable"
    assert only(outcome, "integrity.outside_year").records == ("next-year",)
    # answered on 2017-01-01 Beijing time, in time: it settles in 2017 and is carried over
    assert only(outcome, "incidents.carried_over").records == ("in-year",)


def test_major_incident_classed_general_is_listed_and_judged_as_general(
    make_context: MakeContext,
) -> None:
    # Answered after 10 hours without a press conference: late as a major incident, in time
    # as a general one. The unit's own class decides, and the claim is listed.
    slow = incident("YQ-9", "general", at(10, 19))
    outcome = run("incidents", make_context, {"incidents": [slow]})
    assert outcome.points == 100
    audit = only(outcome, "audit.incident_level")
    assert (audit.records, audit.params["at_stake"], audit.params["stakes"]) == (
        ("YQ-9",),
        100,
        [100],
    )
    assert audit.params["details_zh"] == (
        "“YQ-9”（自报一般（首次回应48小时，国办发〔2016〕61号、80号），较严类别重大"
        "（首次回应5小时、新闻发布会24小时，国办发〔2016〕61号、80号），相差100分）"
    )
    as_major = run("incidents", make_context, {"incidents": [{**slow, "level": "major"}]})
    assert as_major.points == 0
    assert "audit.incident_level" not in codes(as_major)


def major_at(emerged: dt.datetime, first_after: float, press_after: float) -> dict[str, Any]:
    """A major incident answered ``first_after`` hours and briefed ``press_after`` hours on."""
    return {
        "id": f"YQ-{emerged:%m%d-%H%M}",
        "level": "major",
        "emerged_at": emerged,
        "first_response_at": emerged + dt.timedelta(hours=first_after),
        "press_conference_at": emerged + dt.timedelta(hours=press_after),
    }


def test_a_major_incident_is_judged_by_the_limits_in_force_the_day_it_emerged(
    make_context: MakeContext,
) -> None:
    # The example: answered after 8 hours, briefed within 24. On 2016-09-01 only
    # 国办发〔2016〕61号 applied (a press conference within 24 hours): on time. On
    # 2016-12-01 80号's 5 hours applied as well: late.
    september = major_at(dt.datetime(2016, 9, 1, 9, 0, tzinfo=BJ), 8, 20)
    december = major_at(dt.datetime(2016, 12, 1, 9, 0, tzinfo=BJ), 8, 20)
    assert run("incidents", make_context, {"incidents": [september]}).points == 100
    late = run("incidents", make_context, {"incidents": [december]})
    assert late.points == 0
    finding = only(late, "incidents.late")
    assert (finding.params["problems_zh"], finding.params["source"]) == (
        "首次回应用时8小时，超过5小时时限",
        "国办发〔2016〕61号、80号",
    )


@pytest.mark.parametrize(
    ("emerged", "judged"),
    [
        (dt.datetime(2016, 8, 11, 23, 59, tzinfo=BJ), False),
        (dt.datetime(2016, 8, 12, 0, 0, tzinfo=BJ), True),
        # 16:00 UTC on the 11th is already the 12th in Beijing
        (dt.datetime(2016, 8, 11, 15, 59, tzinfo=dt.UTC), False),
        (dt.datetime(2016, 8, 11, 16, 0, tzinfo=dt.UTC), True),
    ],
)
def test_no_hour_limit_applies_before_61_hao_was_published(
    make_context: MakeContext, emerged: dt.datetime, judged: bool
) -> None:
    # A general incident answered after 60 hours is late under 61号's 48 hours, which
    # applies to incidents from its publication day, 2016-08-12 (Beijing), on. Before it
    # no national document set an hour limit: not judged, and listed.
    slow = {
        "id": "YQ-1",
        "level": "general",
        "emerged_at": emerged,
        "first_response_at": emerged + dt.timedelta(hours=60),
    }
    outcome = run("incidents", make_context, {"incidents": [slow]})
    if judged:
        assert outcome.points == 0
        assert lost(outcome) == [("incidents.late", ("YQ-1",))]
        assert only(outcome, "incidents.late").params["source"] == "国办发〔2016〕61号"
    else:
        assert (outcome.status, codes(outcome)) == (
            "not_applicable",
            ["incidents.none_judged", "incidents.no_limit"],
        )
        listed = only(outcome, "incidents.no_limit")
        assert (listed.records, listed.deduction) == (("YQ-1",), None)
        assert (listed.params["since"], listed.params["source"]) == (
            D(2016, 8, 12),
            "国办发〔2016〕61号",
        )
        assert worded(plugin, listed) == (
            "以下1起舆情发生于2016-08-12（国办发〔2016〕61号公开发布）之前，当时没有回应时限的规定，"
            "不按时限评判：YQ-1"
        )


@pytest.mark.parametrize(("day", "late"), [(D(2016, 11, 14), False), (D(2016, 11, 15), True)])
def test_the_five_hour_limit_applies_from_80_hao_s_day(
    make_context: MakeContext, day: dt.date, late: bool
) -> None:
    # 80号 is taken as published 2016-11-15 (a date not verified here; the criteria say so):
    # from that day a major incident answered after 5 h 1 min is late; the day before, it
    # needed only its press conference within 24 hours.
    emerged = dt.datetime.combine(day, dt.time(0, 0), BJ)
    outcome = run("incidents", make_context, {"incidents": [major_at(emerged, 5 + 1 / 60, 24)]})
    assert outcome.points == (0 if late else 100)
    assert codes(outcome) == (["incidents.late"] if late else [])


def test_an_incident_classed_general_is_audited_against_the_major_limits_of_its_day(
    make_context: MakeContext,
) -> None:
    # Answered after 8 hours, no press conference. On 2016-09-01 a major incident needed a
    # press conference within 24 hours (61号): classed general, it is listed with those
    # limits. On 2016-12-01 it would fail 80号's 5 hours too. Before 2016-08-12 nothing
    # applied: not judged, so not listed as a class that spared it a rule.
    def general(rid: str, emerged: dt.datetime) -> dict[str, Any]:
        answered = emerged + dt.timedelta(hours=8)
        return {"id": rid, "level": "general", "emerged_at": emerged, "first_response_at": answered}

    data = {
        "incidents": [
            general("september", dt.datetime(2016, 9, 1, 9, 0, tzinfo=BJ)),
            general("december", dt.datetime(2016, 12, 1, 9, 0, tzinfo=BJ)),
            general("july", dt.datetime(2016, 7, 1, 9, 0, tzinfo=BJ)),
        ]
    }
    outcome = run("incidents", make_context, data)
    assert outcome.points == 100
    audit = only(outcome, "audit.incident_level")
    # each refused alone fails one of the two judged (50 points); both, all 100
    assert (audit.records, audit.params["stakes"], audit.params["at_stake"]) == (
        ("september", "december"),
        [50, 50],
        100,
    )
    assert audit.params["details_zh"] == (
        "“september”（自报一般（首次回应48小时，国办发〔2016〕61号），较严类别重大"
        "（新闻发布会24小时，国办发〔2016〕61号），相差50分）；"
        "“december”（自报一般（首次回应48小时，国办发〔2016〕61号、80号），较严类别重大"
        "（首次回应5小时、新闻发布会24小时，国办发〔2016〕61号、80号），相差50分）"
    )
    assert only(outcome, "incidents.no_limit").records == ("july",)


def test_a_scheme_may_add_its_own_limits_before_the_national_ones(
    make_context: MakeContext,
) -> None:
    # A scheme's own entry, stated as its own, judges the incidents before 2016-08-12.
    own = {
        "from": "2016-01-01",
        "source": "本方案自定",
        "major": {"press_conference_hours": 48},
        "general": {"first_response_hours": 72},
    }
    defaults = SCORERS["responsiveness.incidents"].params["properties"]["limits"]["default"]
    params = {"limits": [own, *defaults]}
    slow = {
        "id": "YQ-1",
        "level": "general",
        "emerged_at": dt.datetime(2016, 3, 1, 9, 0, tzinfo=BJ),
        "first_response_at": dt.datetime(2016, 3, 4, 9, 1, tzinfo=BJ),
    }
    outcome = run("incidents", make_context, {"incidents": [slow]}, params=params)
    assert outcome.points == 0
    late = only(outcome, "incidents.late")
    assert (late.params["problems_zh"], late.params["source"]) == (
        "首次回应用时72小时1分钟，超过72小时时限",
        "本方案自定",
    )


def test_duplicate_incident_is_judged_by_its_worst_copy(make_context: MakeContext) -> None:
    answered = incident("YQ-1", "major", at(10, 13), at(10, 20))
    unanswered = incident("yq-1", "major", None)
    outcome = run("incidents", make_context, {"incidents": [answered, unanswered]})
    assert outcome.points == 0
    assert only(outcome, "integrity.duplicate_id").records == ("YQ-1", "yq-1")


# ---------------------------------------------------------------- hotline

CONNECTION_ONLY = {"rates": {"connection": {"full_at": 0.95, "zero_at": 0.70}}}


@pytest.mark.parametrize(
    ("connected", "points"),
    [
        (950, 100.0),  # at the full line
        (949, 99.6),  # 0.249 of the 0.25 span
        (825, 50.0),  # half way
        (700, 0.0),  # at the zero line
        (699, 0.0),  # below it
    ],
)
def test_connection_rate_goalposts(
    make_context: MakeContext, connected: int, points: float
) -> None:
    data = {"hotline": {"calls": 1000, "connected": connected}}
    outcome = run("hotline", make_context, data, params=CONNECTION_ONLY)
    assert outcome.points == pytest.approx(points)
    assert sum(f.deduction or 0 for f in outcome.findings) == pytest.approx(100 - points)


def test_rate_below_full_names_the_rate_and_goalposts(make_context: MakeContext) -> None:
    data = {"hotline": {"calls": 1000, "connected": 949}}
    [finding] = run("hotline", make_context, data, params=CONNECTION_ONLY).findings
    assert finding.code == "hotline.below_full"
    assert (finding.params["value"], finding.params["full_at"], finding.params["zero_at"]) == (
        Fraction(949, 1000),
        0.95,
        0.70,
    )
    assert worded(plugin, finding) == "热线接通率94.9%（949/1000），满分线95.0%，零分线70.0%"


def test_hotline_rates_combine_by_weight(make_context: MakeContext) -> None:
    # Connection full (1.0, weight 3); satisfaction 75% between 60% and 90% is 0.5 (weight 1).
    params = {
        "rates": {
            "connection": {"full_at": 0.95, "zero_at": 0.70, "weight": 3},
            "satisfaction": {"full_at": 0.90, "zero_at": 0.60},
        }
    }
    data = {"hotline": {"calls": 1000, "connected": 950, "surveyed": 400, "satisfied": 300}}
    outcome = run("hotline", make_context, data, params=params)
    assert outcome.points == pytest.approx(87.5)
    [finding] = outcome.findings
    assert finding.deduction == pytest.approx(12.5)


ALL_FOUR = {
    "rates": {
        "connection": {"full_at": 0.95, "zero_at": 0.70},
        "response": {"full_at": 0.95, "zero_at": 0.70},
        "resolution": {"full_at": 0.90, "zero_at": 0.60},
        "satisfaction": {"full_at": 0.90, "zero_at": 0.60},
    }
}


def test_connected_more_than_calls_zeroes_the_connection_rate(make_context: MakeContext) -> None:
    # Four rates of equal weight; response 120/120, resolution 108/120 = 90% (both over the
    # tickets dispatched), satisfaction 90/100 = 90% are all at their full lines.
    data = {
        "hotline": {
            "calls": 100,
            "connected": 120,
            "dispatched": 120,
            "responded": 120,
            "resolved": 108,
            "surveyed": 100,
            "satisfied": 90,
        }
    }
    outcome = run("hotline", make_context, data, params=ALL_FOUR)
    assert outcome.points == pytest.approx(75)
    [finding] = outcome.findings
    assert finding.code == "integrity.part_exceeds_total"
    assert worded(plugin, finding) == "接通量（120）大于热线来电量（100），该项不得分"
    assert finding.deduction == pytest.approx(25)


def test_impossible_figures_the_scheme_does_not_score_are_still_listed(
    make_context: MakeContext,
) -> None:
    # Default params read dispatched tickets only; connected 5001 > calls 5000 costs nothing
    # but is listed (validate warns about it). Equal figures are possible and say nothing.
    data = {"hotline": {"calls": 5000, "connected": 5001, "dispatched": 10, "responded": 10}}
    data["hotline"] |= {"resolved": 10, "surveyed": 10, "satisfied": 10}
    outcome = run("hotline", make_context, data)
    assert outcome.points == 100
    [finding] = outcome.findings
    assert (finding.code, finding.records, finding.deduction) == (
        "integrity.part_exceeds_total",
        ("hotline.connected", "hotline.calls"),
        None,
    )
    assert worded(plugin, finding) == (
        "接通量（5001）大于热线来电量（5000），本方案不计这两项，但数据不可能成立，请核实"
    )
    data["hotline"]["connected"] = 5000
    assert run("hotline", make_context, data).findings == ()
    # with no ticket to judge the indicator is not applicable, and the figures are still listed
    idle = {"hotline": {"calls": 5000, "connected": 5001, "dispatched": 0}}
    assert codes(run("hotline", make_context, idle)) == [
        "hotline.no_tickets",
        "integrity.part_exceeds_total",
    ]


def test_hotline_rate_without_its_figures_scores_zero(make_context: MakeContext) -> None:
    # Connection 96% is full; response, resolution and satisfaction lack figures.
    data = {"hotline": {"calls": 100, "connected": 96}}
    outcome = run("hotline", make_context, data, params=ALL_FOUR)
    assert outcome.points == pytest.approx(25)
    assert codes(outcome) == ["hotline.no_data"] * 3


def test_hotline_rate_on_a_zero_base_scores_zero(make_context: MakeContext) -> None:
    data = {"hotline": {"calls": 100, "connected": 96, "surveyed": 0, "satisfied": 0}}
    params = {
        "rates": {
            "connection": {"full_at": 0.95, "zero_at": 0.70},
            "satisfaction": {"full_at": 0.90, "zero_at": 0.60},
        }
    }
    outcome = run("hotline", make_context, data, params=params)
    assert outcome.points == pytest.approx(50)
    assert codes(outcome) == ["hotline.no_base"]


def test_hotline_without_data_or_calls(make_context: MakeContext) -> None:
    missing = run("hotline", make_context, {})
    assert (missing.points, codes(missing)) == (0, ["hotline.no_data"])
    assert run("hotline", make_context, {"hotline": {"calls": 0}}).status == "not_applicable"


# ---------------------------------------------------------------- appeals


def test_units_are_scored_over_the_tickets_dispatched_to_them(make_context: MakeContext) -> None:
    # Default params: response, resolution and satisfaction, equal weights. 190/200 responded
    # (95%: full), 171/200 resolved (85.5%: (0.855 - 0.60) / 0.30 = 0.85 of its third),
    # 150/160 satisfied (93.75%: full). The call centre's 5,000 calls play no part.
    data = {
        "hotline": {
            "calls": 5000,
            "connected": 3000,
            "dispatched": 200,
            "responded": 190,
            "resolved": 171,
            "surveyed": 160,
            "satisfied": 150,
        }
    }
    outcome = run("hotline", make_context, data)
    assert outcome.points == Fraction(100, 3) * 2 + Fraction(100, 3) * Fraction(85, 100)
    [finding] = outcome.findings
    assert (finding.code, finding.records) == (
        "hotline.below_full",
        ("hotline.resolved", "hotline.dispatched"),
    )
    # without callback verdicts, 解决率 is the unit's own count over the tickets dispatched
    assert worded(plugin, finding).startswith("热线解决率（按派单量）85.5%（171/200）")


def test_unit_without_dispatched_tickets_is_not_applicable(make_context: MakeContext) -> None:
    # The call centre's calls do not make tickets for the unit.
    for data in (
        {"hotline": {"dispatched": 0, "surveyed": 0}},
        {"hotline": {"calls": 5000, "connected": 4800, "dispatched": 0}},
    ):
        outcome = run("hotline", make_context, data)
        assert (outcome.status, codes(outcome)) == ("not_applicable", ["hotline.no_tickets"])
    connection = run(
        "hotline",
        make_context,
        {"hotline": {"calls": 5000, "connected": 4800, "dispatched": 0}},
        params=CONNECTION_ONLY,
    )
    assert connection.status == "ok"


def test_hotline_finding_texts_name_figures_in_chinese(make_context: MakeContext) -> None:
    data = {"hotline": {"dispatched": 100, "responded": 120, "resolved": 90}}
    outcome = run("hotline", make_context, data)
    texts = [worded(plugin, f) for f in outcome.findings]
    assert texts == [
        "响应量（120）大于派单量（100），该项不得分",
        "未提交热线满意率所需的满意量和回访量，该项不得分",
    ]
    assert not any(word in text for text in texts for word in ("responded", "dispatched"))


def test_appeals_corrected_share_scores_between_goalposts(make_context: MakeContext) -> None:
    # Decided: 7+2+1 + 4+0+1 = 15 (the pending case left out); 2 corrected = 13.3%;
    # 1 - (2/15) / 0.2 = 1/3 of the points.
    data = {
        "appeals": {
            "reconsideration": {"upheld": 7, "corrected": 2, "other": 1, "pending": 0},
            "litigation": {"upheld": 4, "corrected": 0, "other": 1, "pending": 1},
        }
    }
    outcome = run("appeals", make_context, data)
    assert outcome.points == pytest.approx(100 / 3)
    [finding] = outcome.findings
    assert finding.code == "appeals.corrected"
    assert (finding.params["decided"], finding.params["corrected"]) == (15, 2)
    assert finding.params["share"] == Fraction(2, 15)
    assert "已审结15件，被纠错2件，纠错率13.3%" in worded(plugin, finding)
    assert finding.deduction == pytest.approx(200 / 3)


def test_appeals_without_corrections_earn_full_points(make_context: MakeContext) -> None:
    data = {"appeals": {"litigation": {"upheld": 3}}}
    outcome = run("appeals", make_context, data)
    assert (outcome.points, outcome.findings) == (100, ())


def test_appeals_corrected_share_at_the_zero_line_scores_zero(make_context: MakeContext) -> None:
    data = {"appeals": {"reconsideration": {"upheld": 4, "corrected": 1}}}
    assert run("appeals", make_context, data).points == 0


def test_appeals_with_only_pending_cases_is_not_applicable(make_context: MakeContext) -> None:
    data = {"appeals": {"reconsideration": {"pending": 2}, "litigation": {}}}
    assert run("appeals", make_context, data).status == "not_applicable"
    missing = run("appeals", make_context, {})
    assert (missing.points, codes(missing)) == (0, ["appeals.no_data"])


def test_the_clock_judges_records_of_any_mapping_type_alike() -> None:
    # The engine hands read-only dicts, read a column at a time with dict's own getters;
    # another mapping (a third party's, a proxy) takes the generic path, to the same end.
    from types import MappingProxyType

    from evaluator_areas.responsiveness.clock import RequestClock

    defaults = {
        k: v["default"] for k, v in SCORERS["responsiveness.requests"].params["properties"].items()
    }
    records = [
        request("on-time", D(2016, 3, 1), D(2016, 3, 8)),
        request("late", D(2016, 9, 30), D(2016, 10, 27)),
        request("open", D(2016, 12, 29)),
        request(
            "extended",
            D(2016, 3, 1),
            D(2016, 4, 8),
            extended=True,
            extension_notified_on=D(2016, 3, 15),
        ),
        request("paused", D(2016, 3, 1), D(2016, 3, 8), corrected_on=D(2016, 3, 2)),
    ]
    ids = [r["id"] for r in records]

    def judged(rows: list[Any]) -> tuple[list[Any], list[Any]]:
        clock = RequestClock.from_params(
            defaults, year=2016, as_of=D(2017, 1, 10), regime="ogi-2008"
        )
        verdicts, keys = clock.judge_all(rows, ids)
        return verdicts, list(keys)

    as_dicts = judged(records)
    as_proxies = judged([MappingProxyType(r) for r in records])
    assert as_proxies == as_dicts
    assert [v.kind for v in as_dicts[0]] == ["on_time", "late", "later", "on_time", "on_time"]
