"""An empty request log where the unit's own annual report counts requests: flagged, naming both.

``integrity.empty_but_reported`` (issue 22, item 5): listed at no cost by
default (the report covers the year before), the indicator scoring 0 when the
scheme sets ``empty_but_reported.cost: points``.
"""

from __future__ import annotations

from typing import Any

import pytest
from plugin_support import MakeContext, codes, load_plugin, scorers_of

from evaluator import Outcome

plugin = load_plugin("responsiveness")
REQUESTS = scorers_of(plugin)["responsiveness.requests"]
CODE = "integrity.empty_but_reported"


def report(figures: dict[str, Any]) -> dict[str, Any]:
    return {"annual_report": {"year": 2015, "figures": figures}}


def run(make_context: MakeContext, submission: dict[str, Any], **params: Any) -> Outcome:
    context = make_context(
        {"requests": []}, scorer=REQUESTS, submission=submission, params=params, max_points=35
    )
    return REQUESTS.score(context)


def test_an_empty_log_beside_a_report_counting_requests_is_flagged_at_no_cost(
    make_context: MakeContext,
) -> None:
    figures = {"requests": {"received": {"total": {"value": 92, "change": -14}}}}
    outcome = run(make_context, report(figures))
    assert outcome.status == "not_applicable"
    assert codes(outcome) == ["audit.none_reported", CODE]
    flag = outcome.findings[-1]
    assert flag.deduction == 0
    assert {k: flag.params[k] for k in ("list", "source", "figure", "value", "report_year")} == {
        "list": "responsiveness.requests",
        "source": "annual_report",
        "figure": "requests.received.total",
        "value": 92,
        "report_year": 2015,
    }


def test_the_scheme_can_make_it_cost_the_indicators_points(make_context: MakeContext) -> None:
    figures = {"requests": {"new": {"total": 3}}}  # the 2019 and 2021 formats' row, a bare number
    setting = {"figures": ["requests.received.total", "requests.new.total"], "cost": "points"}
    outcome = run(make_context, report(figures), empty_but_reported=setting)
    assert outcome.status == "ok"
    assert outcome.points == 0
    assert outcome.findings[-1].code == CODE
    assert outcome.findings[-1].deduction == 35
    assert outcome.findings[-1].params["figure"] == "requests.new.total"


@pytest.mark.parametrize(
    "submission",
    [
        {},  # no annual report
        report({"requests": {"received": {"total": 0}}}),  # the report says none as well
        report({"proactive": {"total": 300}}),  # no count of requests in it
    ],
    ids=["no report", "report says 0", "no such figure"],
)
def test_nothing_is_flagged_when_nothing_shows_requests(
    make_context: MakeContext, submission: dict[str, Any]
) -> None:
    setting = {"figures": ["requests.received.total"], "cost": "points"}
    outcome = run(make_context, submission, empty_but_reported=setting)
    assert codes(outcome) == ["audit.none_reported"]
    assert outcome.status == "not_applicable"


def test_a_log_with_requests_is_never_flagged(make_context: MakeContext) -> None:
    figures = {"requests": {"received": {"total": 1}}}
    context = make_context(
        {"requests": [{"id": "R1", "received_on": "2016-03-01", "replied_on": "2016-03-02"}]},
        scorer=REQUESTS,
        submission=report(figures),
    )
    assert CODE not in codes(REQUESTS.score(context))
