"""An incident's level as the unit gives it: trusted, strict, confirmed, and what it puts at stake.

Issue 18, item 10. No field of an incident names its level (whether it was a
特别重大、重大突发事件 depends on the event), so a unit's 一般 is a claim: under
``trusted`` it is scored and listed with the points refusing it would cost;
under ``strict`` the incident is judged by the major limits in force the day it
emerged until the evaluator confirms the level (fact ``confirmed_incidents``).
In December 2016 a major incident needs an authoritative release within 5 hours
and a press conference within 24 (国办发〔2016〕80号, 61号); a general one a
response within 48.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from plugin_support import MakeContext, codes, load_plugin, lost, only, scorers_of, worded

from evaluator import Outcome

plugin = load_plugin("responsiveness")
SCORER = scorers_of(plugin)["responsiveness.incidents"]
BJ = dt.timezone(dt.timedelta(hours=8))
EMERGED = dt.datetime(2016, 12, 10, 9, 0, tzinfo=BJ)


def general(rid: str, first_after: float, press_after: float | None = None) -> dict[str, Any]:
    """An incident classed general, answered ``first_after`` hours on (briefed after
    ``press_after`` hours, when given)."""
    record: dict[str, Any] = {
        "id": rid,
        "level": "general",
        "emerged_at": EMERGED,
        "first_response_at": EMERGED + dt.timedelta(hours=first_after),
    }
    if press_after is not None:
        record["press_conference_at"] = EMERGED + dt.timedelta(hours=press_after)
    return record


def incidents(make_context: MakeContext, *records: dict[str, Any], **kw: Any) -> Outcome:
    return SCORER.score(make_context({"incidents": list(records)}, scorer=SCORER, **kw))


@pytest.mark.parametrize(("first_after", "listed"), [(5, False), (6, True)])
def test_a_general_incident_is_a_claim_only_past_the_major_limits_by_an_hour(
    make_context: MakeContext, first_after: float, listed: bool
) -> None:
    # Briefed within 24 hours: answered in 5 hours it meets the major limits too, and
    # nothing turns on its class; in 6 it would fail them, and the class is listed.
    outcome = incidents(make_context, general("YQ-1", first_after, 23))
    assert outcome.points == 100
    assert codes(outcome) == (["audit.incident_level"] if listed else [])


@pytest.mark.parametrize(("first_after", "points"), [(5, 100), (6, 0)])
def test_strict_judges_an_unconfirmed_general_incident_by_the_major_limits(
    make_context: MakeContext, first_after: float, points: int
) -> None:
    outcome = incidents(make_context, general("YQ-1", first_after, 23), self_claims="strict")
    assert outcome.points == points
    if points:
        assert codes(outcome) == []
    else:
        assert lost(outcome) == [("incidents.late", ("YQ-1",))]
        audit = only(outcome, "audit.incident_level_unconfirmed")
        assert (audit.records, audit.params["at_stake"]) == (("YQ-1",), 100)
        assert "本指标可多得100分" in worded(plugin, audit)


def test_trusted_lists_each_claim_with_what_refusing_it_would_cost(
    make_context: MakeContext,
) -> None:
    # Three judged, one late as general: 200/3. Refusing either claim fails one more
    # (a third of 100 each); refusing both, two more: all 200/3 lost.
    outcome = incidents(
        make_context,
        general("YQ-1", 8),
        general("YQ-2", 10),
        general("YQ-3", 50),
    )
    assert outcome.points == pytest.approx(200 / 3)
    audit = only(outcome, "audit.incident_level")
    assert audit.records == ("YQ-1", "YQ-2")
    assert audit.params["stakes"] == [pytest.approx(100 / 3)] * 2
    assert audit.params["at_stake"] == pytest.approx(200 / 3)


@pytest.mark.parametrize("policy", ["trusted", "strict"])
def test_a_confirmed_level_is_scored_as_given_and_not_listed(
    make_context: MakeContext, policy: str
) -> None:
    # Ids compare as normalised: the evaluator's "yq-1" confirms the unit's "YQ-1".
    outcome = incidents(
        make_context,
        general("YQ-1", 8),
        general("YQ-2", 8),
        self_claims=policy,
        facts={"confirmed_incidents": ["yq-1"]},
    )
    code = "audit.incident_level" if policy == "trusted" else "audit.incident_level_unconfirmed"
    assert only(outcome, code).records == ("YQ-2",)
    assert outcome.points == (100 if policy == "trusted" else 50)


def test_the_stake_is_what_the_small_count_rule_would_deduct(make_context: MakeContext) -> None:
    # One incident judged, under small_counts (below 5, 4 points a case, at most 20): as
    # major it would cost 4 points of 20, not the whole rate.
    rule = {"below": 5, "per_case": 4, "cap": 20}
    outcome = incidents(make_context, general("YQ-1", 8), max_points=20.0, small_counts=rule)
    audit = only(outcome, "audit.incident_level")
    assert (audit.params["stakes"], audit.params["at_stake"]) == ([4], 4)


def test_an_incident_failing_as_general_is_no_claim(make_context: MakeContext) -> None:
    # Late under its own class already: the stricter one cannot cost it more.
    outcome = incidents(make_context, general("YQ-1", 50), self_claims="strict")
    assert codes(outcome) == ["incidents.late"]
    assert outcome.findings[0].params["level_en"] == "general"
