"""What a unit reads in its findings: no loss that is not one.

A rate that lost points never prints as its full-marks or veto line; a due date
on a worked weekend day (调休上班) says so; "应于X（含）前" says that the due day
itself is in time, and the rule agrees. Each finding is scored through the
engine (``evaluator.testing``) and worded as a run words it.

Hand-checked dates: 端午 2016-06-09..11 off and Sunday 06-12 worked. From
Thursday 2016-05-12, 20 working days end on that Sunday; from Thursday
2016-05-19, 15 do.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from plugin_support import areas

from evaluator._core.model import Checklist, ChecklistItem, Finding

D = dt.date
CHECKLIST = Checklist(
    id="bureau-2016",
    name="区级重点领域政务公开清单",
    items=(ChecklistItem("penalties", "行政处罚", "行政执法"),),
)


def findings(scorer: str, data: Any, lang: str = "zh", **settings: Any) -> list[Finding]:
    """The findings of ``scorer`` on ``data``, worded in ``lang`` as a run words them."""
    return list(areas().score(scorer, data, lang=lang, **settings).findings)


def message(scorer: str, data: Any, code: str, lang: str = "zh", **settings: Any) -> str:
    """The text of the one finding with ``code``."""
    [found] = [f for f in findings(scorer, data, lang, **settings) if f.code == code]
    return found.message


# ---------------------------------------------------------------- rates beside their lines


def test_a_hotline_rate_just_below_full_marks_does_not_print_as_full_marks() -> None:
    # 265/279 is 94.98%: one decimal would print it as the 95.0% line it fell short of
    data = {"hotline": {"calls": 279, "connected": 265}}
    params = {"rates": {"connection": {"full_at": 0.95, "zero_at": 0.70}}}
    text = message("responsiveness.hotline", data, "hotline.below_full", params=params)
    assert text == "热线接通率94.98%（265/279），满分线95.0%，零分线70.0%"
    english = message("responsiveness.hotline", data, "hotline.below_full", "en", params=params)
    assert english.startswith("hotline connection rate 94.98% (265/279); full marks at 95.0%")


def test_a_corrected_share_just_below_the_zero_line_does_not_print_as_the_line() -> None:
    # 1,999 of 10,000 decided cases corrected: 19.99%, under the 20% zero line
    data = {"appeals": {"reconsideration": {"upheld": 8001, "corrected": 1999}}}
    text = message("responsiveness.appeals", data, "appeals.corrected")
    assert text.endswith("纠错率19.99%（满分线0.0%，零分线20.0%）")


def site(visits: int, failures: int) -> dict[str, Any]:
    """A website section with its monitoring figures and nothing else."""
    return {"monitoring": {"visits": visits, "failures": failures}, "columns": [], "messages": []}


def test_a_failure_rate_just_below_the_veto_line_does_not_print_as_the_line() -> None:
    text = message("website.availability", site(100000, 4995), "availability.failures")
    assert text.startswith("监测100000次，访问失败4995次，失败率4.995%，低于5.0%的单项否决线")
    at_line = site(1000, 50)
    veto = message("website.availability", at_line, "availability.veto")
    assert "失败率5.0%，达到5.0%的单项否决线" in veto  # equal, and shown equal


# ---------------------------------------------------------------- due dates


@pytest.mark.parametrize(("published", "late"), [("2016-06-12", False), ("2016-06-13", True)])
def test_a_key_area_due_day_is_in_time_and_says_when_it_is_a_worked_sunday(
    published: str, late: bool
) -> None:
    record = {
        "item": "penalties",
        "formed_on": D(2016, 5, 12),
        "published_on": D.fromisoformat(published),
        "in_designated_column": True,
    }
    found = findings(
        "key_area.timeliness",
        {"items": [record]},
        params={"checklists": {"bureau": "bureau-2016"}},
        checklists={"bureau-2016": CHECKLIST},
    )
    assert [f.code for f in found] == (["key_area.late"] if late else [])
    if late:
        assert "应于2016-06-12（调休工作日）（含）前公开（形成后20个工作日内）" in found[0].message


@pytest.mark.parametrize(("replied", "late"), [(D(2016, 6, 12), False), (D(2016, 6, 13), True)])
def test_a_request_due_on_a_worked_sunday_says_so(replied: dt.date, late: bool) -> None:
    data = {"requests": [{"id": "2016-0001", "received_on": D(2016, 5, 19), "replied_on": replied}]}
    found = [f for f in findings("responsiveness.requests", data) if f.code == "requests.late"]
    assert len(found) == late
    if late:
        assert found[0].message.startswith(
            "依申请公开“2016-0001”（2016-05-19收到）的答复期限为2016-06-12（调休工作日）"
            "（15个工作日），于2016-06-13"
        )
        english = message("responsiveness.requests", data, "requests.late", "en")
        assert "was due on 2016-06-12 (an adjusted working day) (15 working days)" in english


def test_a_due_date_on_an_ordinary_weekday_is_shown_plain() -> None:
    # from Friday 2016-09-30, 15 working days end on Wednesday 10-26
    data = {"requests": [{"id": "r", "received_on": D(2016, 9, 30), "replied_on": D(2016, 10, 27)}]}
    text = message("responsiveness.requests", data, "requests.late")
    assert "的答复期限为2016-10-26（15个工作日）" in text
