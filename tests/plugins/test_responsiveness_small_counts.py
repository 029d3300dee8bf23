"""The responsiveness scorers count their cases, so that ``small_counts`` can judge few of them.

Incidents, requests and appeals each say how many cases their rate was taken
over and how many failed (``Outcome(cases=..., failed=...)``); scored through
the engine with a ``small_counts`` rule (:meth:`evaluator.testing.PluginUnderTest.score`)
a unit with few cases loses a capped amount per failed case instead of the rate.
Dates as in ``test_responsiveness.py``, counted by hand.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

import pytest
from plugin_support import MakeContext, areas, load_plugin, scorers_of

from evaluator import testing

plugin = load_plugin("responsiveness")
SCORERS = scorers_of(plugin)
BJ = dt.timezone(dt.timedelta(hours=8))
D = dt.date

# the Xicheng scheme's rules (criteria/responsiveness.yaml)
INCIDENTS = {"below": 5, "per_case": 4, "cap": 20}
REQUESTS = {"below": 10, "per_case": 3.5, "cap": 35}
APPEALS = {"below": 20, "per_case": 5, "cap": 20}


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    # December 2016: under the limits of 国办发〔2016〕61号 and 80号 (from 2016-11-15)
    return dt.datetime(2016, 12, day, hour, minute, tzinfo=BJ)


def incident(rid: str, first: dt.datetime, press: dt.datetime | None = None) -> dict[str, Any]:
    """A major incident that emerged on 2016-12-10 at 09:00."""
    record: dict[str, Any] = {
        "id": rid,
        "level": "major",
        "emerged_at": at(10, 9),
        "first_response_at": first,
    }
    if press is not None:
        record["press_conference_at"] = press
    return record


def appeals(corrected: int, upheld: int, pending: int = 0) -> dict[str, Any]:
    return {
        "appeals": {
            "reconsideration": {"upheld": upheld, "corrected": corrected, "pending": pending},
        }
    }


def requests(on_time: int, late: int) -> dict[str, Any]:
    """Requests received 2016-03-01 (a Tuesday): answered on 03-02, or on 03-31 (day 22)."""
    made = [
        {"id": f"R{n}", "received_on": D(2016, 3, 1), "replied_on": D(2016, 3, 2)}
        for n in range(on_time)
    ]
    made += [
        {"id": f"L{n}", "received_on": D(2016, 3, 1), "replied_on": D(2016, 3, 31)}
        for n in range(late)
    ]
    return {"requests": made}


def score(name: str, data: dict[str, Any], points: float, rule: dict[str, Any] | None) -> Any:
    settings: dict[str, Any] = {"max_points": points}
    if rule is not None:
        settings["small_counts"] = rule
    return areas().score(f"responsiveness.{name}", data, **settings)


# ---------------------------------------------------------------- what each scorer counts


def test_appeals_count_decided_cases_and_those_corrected(make_context: MakeContext) -> None:
    scorer = SCORERS["responsiveness.appeals"]
    outcome = scorer.score(make_context(appeals(1, 1, pending=3), scorer=scorer))
    assert (outcome.cases, outcome.failed) == (2, 1)  # pending cases are not decided


def test_incidents_count_those_judged_and_those_late(make_context: MakeContext) -> None:
    scorer = SCORERS["responsiveness.incidents"]
    data = {
        "incidents": [
            incident("on-time", at(10, 13), at(11, 9)),
            incident("late", at(10, 15), at(11, 9)),
        ]
    }
    outcome = scorer.score(make_context(data, scorer=scorer))
    assert (outcome.cases, outcome.failed) == (2, 1)


def test_requests_count_those_judged_and_those_late(make_context: MakeContext) -> None:
    scorer = SCORERS["responsiveness.requests"]
    outcome = scorer.score(make_context(requests(2, 1), scorer=scorer))
    assert (outcome.cases, outcome.failed) == (3, 1)


def test_requests_carried_over_are_not_cases_of_this_year(make_context: MakeContext) -> None:
    scorer = SCORERS["responsiveness.requests"]
    data = requests(2, 0)
    # received 2016-12-28, unanswered at the snapshot, not yet due: judged next year
    data["requests"].append({"id": "Dec", "received_on": D(2016, 12, 28)})
    outcome = scorer.score(make_context(data, scorer=scorer))
    assert (outcome.cases, outcome.failed) == (2, 0)


@pytest.mark.parametrize("name", ["incidents", "requests", "appeals"])
def test_each_declares_that_it_counts_cases(name: str) -> None:
    assert SCORERS[f"responsiveness.{name}"].counts_cases


def test_the_hotline_counts_no_cases_so_small_counts_is_refused() -> None:
    with pytest.raises(testing.InvalidInput) as refused:
        score("hotline", {"hotline": {"dispatched": 3}}, 25, APPEALS)
    assert [e.code for e in refused.value.errors] == ["scheme.small_counts_unsupported"]


# ---------------------------------------------------------------- scored with the scheme's rules


def test_one_corrected_appeal_of_two_costs_5_points_not_all_20() -> None:
    data = appeals(1, 1)
    assert score("appeals", data, 20, None).points == 0  # 50% corrected, past the 20% goalpost
    result = score("appeals", data, 20, APPEALS)
    assert result.points == 15
    said = testing.finding(result, "engine.small_counts")
    assert {k: said.params[k] for k in ("judged", "failed", "lost", "by_rate")} == {
        "judged": 2,
        "failed": 1,
        "lost": 5.0,
        "by_rate": 0.0,
    }
    assert testing.finding(result, "appeals.corrected").deduction == 5.0


def test_twenty_decided_appeals_are_scored_by_the_rate() -> None:
    # 3 of 20 corrected: 15%, a quarter of the way to the 20% goalpost: 5 points
    result = score("appeals", appeals(3, 17), 20, APPEALS)
    assert result.points == 5
    assert "engine.small_counts" not in testing.codes(result)


def test_nineteen_decided_appeals_are_judged_as_if_there_were_twenty() -> None:
    # 3 of 19 corrected: 15.8%, the rate would give 20 × (0.2 - 3/19) / 0.2 = 4.21;
    # 3 × 5 = 15 lost gives the 5 points of 3 of 20: leaving out an upheld case never pays
    assert score("appeals", appeals(3, 16), 20, None).points == pytest.approx(80 / 19)
    assert score("appeals", appeals(3, 16), 20, APPEALS).points == 5


def test_a_single_late_incident_costs_4_points_not_all_20() -> None:
    data = {"incidents": [incident("late", at(10, 15), at(11, 9))]}
    assert score("incidents", data, 20, None).points == 0
    assert score("incidents", data, 20, INCIDENTS).points == 16


def test_two_late_requests_of_nine_cost_7_points() -> None:
    data = requests(7, 2)
    assert score("requests", data, 35, None).points == pytest.approx(35 * 7 / 9)
    result = score("requests", data, 35, REQUESTS)
    assert result.points == 28
    (late,) = [f for f in result.findings if f.code == "requests.late"]
    assert (len(late.records), late.deduction) == (2, 7)
    assert late.record_shares() == (Fraction(7, 2), Fraction(7, 2))
