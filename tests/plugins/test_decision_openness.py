"""Decision openness scorers (决策公开): consultation and its period, feedback, publication within
20 working days, open meetings.

Working days are counted by hand on the 2016 official calendar: 国庆 10-01..07 off, with
Saturday/Sunday 10-08/09 worked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import pytest
from plugin_support import (
    MakeContext,
    codes,
    deductions_explain_points,
    load_plugin,
    only,
    scorers_of,
    worded,
)

from evaluator import Outcome

plugin = load_plugin("decision_openness")
SCORERS = scorers_of(plugin)
MAX = 20.0
D = dt.date.fromisoformat
SCHEME_2016 = {"from": "2016-01-01", "days": 30, "source": "本方案要求"}


def decision(did: str = "JC-01", **fields: Any) -> dict[str, Any]:
    """A major decision consulted on for 30 days from 03-01, made 04-15, published 04-20."""
    record: dict[str, Any] = {
        "id": did,
        "title": "老旧小区综合整治实施方案",
        "draft_published_on": D("2016-03-01"),
        "comment_ends_on": D("2016-03-31"),
        "decided_on": D("2016-04-15"),
        "feedback_published_on": D("2016-04-08"),
        "published_on": D("2016-04-20"),
    }
    for key, value in fields.items():
        if value is None:
            record.pop(key, None)
        else:
            record[key] = D(value) if key.endswith("_on") else value
    return record


def run(
    make_context: MakeContext,
    name: str,
    decisions: Sequence[Mapping[str, Any]] = (),
    meetings: Sequence[Mapping[str, Any]] = (),
    params: Mapping[str, Any] | None = None,
    **kw: Any,
) -> Outcome:
    data = {"decisions": list(decisions), "meetings": list(meetings)}
    if name == "decisions.consultation" and params is None:
        params = {"comment_days": [SCHEME_2016]}
    ctx = make_context(data, params=params, max_points=MAX, scorer=SCORERS[name], **kw)
    outcome = SCORERS[name].score(ctx)
    assert outcome.status == "not_applicable" or deductions_explain_points(outcome, MAX), outcome
    return outcome


def test_plugin_registers_its_section_and_four_scorers() -> None:
    assert set(SCORERS) == {
        "decisions.consultation",
        "decisions.feedback",
        "decisions.publication",
        "decisions.open_meetings",
    }
    assert [s.title for s in plugin.register_sections()] == ["决策公开"]


# ---------------------------------------------------------------- consultation


@pytest.mark.parametrize(
    ("ends", "days", "points"), [("2016-03-30", 29, 0), ("2016-03-31", 30, MAX)]
)
def test_thirty_days_of_comment_is_the_line(
    make_context: MakeContext, ends: str, days: int, points: float
) -> None:
    # the draft was published 03-01: counted from 03-02 to the end inclusive
    outcome = run(make_context, "decisions.consultation", [decision(comment_ends_on=ends)])
    assert outcome.points == points
    if not points:
        finding = only(outcome, "decisions.comment_short")
        assert (finding.params["days"], finding.params["required"]) == (days, 30)
        assert finding.records == ("JC-01",)


def test_a_published_reason_for_shortening_costs_nothing_and_is_listed(
    make_context: MakeContext,
) -> None:
    short = decision(comment_ends_on="2016-03-11", shortened_reason="汛期前须完成整治，情况紧急")
    outcome = run(make_context, "decisions.consultation", [short])
    assert (outcome.points, codes(outcome)) == (MAX, ["audit.comment_shortened"])
    note = only(outcome, "audit.comment_shortened")
    assert (note.deduction, note.params["days"], note.params["reason"]) == (
        None,
        10,
        "汛期前须完成整治，情况紧急",
    )


def test_a_decision_without_a_draft_was_not_consulted(make_context: MakeContext) -> None:
    outcome = run(
        make_context,
        "decisions.consultation",
        [decision(draft_published_on=None), decision("JC-02")],
    )
    assert (outcome.points, codes(outcome)) == (MAX / 2, ["decisions.not_consulted"])


def test_a_draft_published_on_the_day_of_the_decision_was_not_consulted(
    make_context: MakeContext,
) -> None:
    late = decision(draft_published_on="2016-04-15", comment_ends_on=None)
    outcome = run(make_context, "decisions.consultation", [late])
    assert codes(outcome) == ["decisions.not_consulted"]


def test_a_decision_made_before_its_comments_closed_is_not_credited(
    make_context: MakeContext,
) -> None:
    early = decision(decided_on="2016-03-31")
    outcome = run(make_context, "decisions.consultation", [early])
    assert (outcome.points, codes(outcome)) == (0, ["integrity.decided_during_comment"])


def test_the_period_is_the_one_in_force_on_the_draft_date(make_context: MakeContext) -> None:
    later = {"from": "2016-06-01", "days": 45, "source": "某规定"}
    params = {"comment_days": [SCHEME_2016, later]}
    before = decision()  # a draft of 03-01, 30 days: the first rule
    after = decision(
        "JC-02",
        draft_published_on="2016-06-01",
        comment_ends_on="2016-07-01",
        decided_on="2016-08-01",
        published_on="2016-08-02",
    )
    outcome = run(make_context, "decisions.consultation", [before, after], params=params)
    assert codes(outcome) == ["decisions.comment_short"]
    assert only(outcome, "decisions.comment_short").params["source"] == "某规定"


def test_the_shipped_default_is_30_days_from_september_2019(make_context: MakeContext) -> None:
    # 2016 drafts meet no rule by default: only publication for comment is judged, and said
    draft = decision(comment_ends_on="2016-03-05")
    outcome = run(make_context, "decisions.consultation", [draft], params={})
    assert (outcome.points, codes(outcome)) == (MAX, ["decisions.no_period_rule"])
    assert only(outcome, "decisions.no_period_rule").params["since"] == D("2019-09-01")
    fresh = decision(
        draft_published_on="2019-09-01", comment_ends_on="2019-09-30", decided_on="2019-10-20"
    )
    judged = run(
        make_context, "decisions.consultation", [fresh], params={}, year=2019, as_of=D("2020-01-10")
    )
    assert codes(judged) == ["decisions.comment_short"]
    assert only(judged, "decisions.comment_short").params["days"] == 29


def test_periods_out_of_order_stop_the_run(evaluation_folder: Any) -> None:
    periods = [
        {"from": "2019-09-01", "days": 30, "source": "a"},
        {"from": "2016-01-01", "days": 30, "source": "b"},
    ]
    indicator = {
        "id": "consultation",
        "name": "征求意见",
        "points": 10,
        "scorer": "decisions.consultation",
        "params": {"comment_days": periods},
    }
    evaluation_folder.dimension("decision_openness", [indicator])
    evaluation_folder.unit("xc-a", {"decision_openness": {}})
    result = evaluation_folder.run()
    assert result.status == 2
    assert "comment_days: 2016-01-01 is not after the entry before (2019-09-01)" in result.stderr


def test_no_decision_at_all_is_listed_for_audit(make_context: MakeContext) -> None:
    outcome = run(make_context, "decisions.consultation", [])
    assert (outcome.status, codes(outcome)) == ("not_applicable", ["audit.none_reported"])


def test_decisions_of_another_year_are_set_aside(make_context: MakeContext) -> None:
    old = decision("JC-2015", decided_on="2015-12-20")
    outcome = run(make_context, "decisions.consultation", [old, decision()])
    assert (outcome.points, codes(outcome)) == (MAX, ["decisions.outside_year"])
    alone = run(make_context, "decisions.consultation", [old])
    assert (alone.status, codes(alone)) == (
        "not_applicable",
        ["decisions.none_decided", "decisions.outside_year"],
    )


# ---------------------------------------------------------------- feedback


def test_feedback_is_judged_for_decisions_published_for_comment(make_context: MakeContext) -> None:
    silent = decision("JC-02", feedback_published_on=None)
    unconsulted = decision("JC-03", draft_published_on=None, feedback_published_on=None)
    outcome = run(make_context, "decisions.feedback", [decision(), silent, unconsulted])
    assert (outcome.points, codes(outcome)) == (MAX / 2, ["decisions.no_feedback"])
    assert only(outcome, "decisions.no_feedback").records == ("JC-02",)


def test_feedback_after_the_snapshot_does_not_count(make_context: MakeContext) -> None:
    later = decision(feedback_published_on="2017-01-11")
    outcome = run(make_context, "decisions.feedback", [later])
    assert codes(outcome) == ["decisions.no_feedback"]


# ---------------------------------------------------------------- publication


@pytest.mark.parametrize(("published", "on_time"), [("2016-10-21", True), ("2016-10-24", False)])
def test_the_twentieth_working_day_is_in_time_the_next_is_late(
    make_context: MakeContext, published: str, on_time: bool
) -> None:
    # decided Tuesday 09-20: working day 8 is 09-30, 9 and 10 the worked weekend 10-08/09,
    # 20 is Friday 10-21; Monday 10-24 is the 21st
    made = decision(decided_on="2016-09-20", published_on=published)
    outcome = run(make_context, "decisions.publication", [made])
    assert (outcome.points == MAX) == on_time
    if not on_time:
        finding = only(outcome, "decisions.published_late")
        assert finding.params["due"] == D("2016-10-21")


def test_an_unpublished_decision_past_its_due_day(make_context: MakeContext) -> None:
    outcome = run(make_context, "decisions.publication", [decision(published_on=None)])
    assert codes(outcome) == ["decisions.not_published"]
    assert "2016-05-16" in worded(plugin, only(outcome, "decisions.not_published"), "en")


def test_a_decision_not_yet_due_is_left_for_later(make_context: MakeContext) -> None:
    pending = decision("JC-02", decided_on="2016-12-28", published_on=None)
    outcome = run(make_context, "decisions.publication", [decision(), pending])
    assert (outcome.points, codes(outcome)) == (MAX, ["decisions.not_yet_due"])


def test_published_before_it_was_made_is_not_credited(make_context: MakeContext) -> None:
    outcome = run(make_context, "decisions.publication", [decision(published_on="2016-04-01")])
    assert codes(outcome) == ["integrity.published_before_decision"]


def test_a_decision_takes_its_policy_documents_date(make_context: MakeContext) -> None:
    made = decision(published_on=None, document="xzf-2016-12")
    policy = {"documents": [{"id": "XZF-2016-12", "published_on": "2016-05-30"}]}
    outcome = run(
        make_context,
        "decisions.publication",
        [made],
        submission={"policy_interpretation": policy},
    )
    # 04-15 to 05-30 is past 20 working days (due 05-16): the document's date is judged
    assert codes(outcome) == ["decisions.published_late"]
    assert only(outcome, "decisions.published_late").params["published_on"] == D("2016-05-30")


# ---------------------------------------------------------------- open meetings


def meeting(mid: str, held: str, observers: int = 3, record: str | None = "auto") -> dict[str, Any]:
    found: dict[str, Any] = {"id": mid, "held_on": D(held), "observers": observers}
    if record is not None:
        found["record_published_on"] = D(held) if record == "auto" else D(record)
    return found


def test_an_open_meeting_with_its_record_keeps_every_point(make_context: MakeContext) -> None:
    outcome = run(make_context, "decisions.open_meetings", meetings=[meeting("HY-1", "2016-05-10")])
    assert (outcome.points, codes(outcome)) == (MAX, [])


def test_meetings_without_public_or_record_do_not_count(make_context: MakeContext) -> None:
    closed = meeting("HY-1", "2016-05-10", observers=0)
    unrecorded = meeting("HY-2", "2016-06-10", record=None)
    outcome = run(
        make_context,
        "decisions.open_meetings",
        meetings=[closed, unrecorded],
        params={"required": 2},
    )
    assert outcome.points == 0
    assert codes(outcome) == ["decisions.meetings_short", "decisions.meeting_unrecorded"]
    assert only(outcome, "decisions.meeting_unrecorded").params["ids"] == ["HY-2"]


def test_open_meetings_count_towards_the_number_required(make_context: MakeContext) -> None:
    held = [meeting("HY-1", "2016-05-10"), meeting("HY-2", "2015-12-30")]
    outcome = run(make_context, "decisions.open_meetings", meetings=held, params={"required": 2})
    assert outcome.points == MAX / 2
    assert only(outcome, "decisions.meetings_short").params["count"] == 1
