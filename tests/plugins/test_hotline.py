"""Hotline rates as the criteria cite them (issue 18, item 7).

The 2016 scheme judges a unit on the measures of the 12341 line's 2016
assessment that are its own, 办结率 and 满意率 of the tickets dispatched to it;
the 接诉即办 set (``criteria/formats/hotline_jiesu_jiban.yaml``) judges 响应率,
解决率 and 满意率, 解决率 from the callers' verdicts when the unit sends them and
over the tickets dispatched otherwise, the finding saying which.
"""

from __future__ import annotations

import shutil
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml
from plugin_support import MakeContext, codes, load_plugin, only, scorers_of, worded

from evaluator import Outcome

ROOT = Path(__file__).resolve().parents[2]
plugin = load_plugin("responsiveness")
HOTLINE = scorers_of(plugin)["responsiveness.hotline"]


def shipped_params(dimension_file: str) -> dict[str, Any]:
    """The params the shipped criteria file gives the hotline scorer."""
    data = yaml.safe_load((ROOT / "criteria" / dimension_file).read_text(encoding="utf-8"))
    [indicator] = [i for i in data["indicators"] if i["scorer"] == "responsiveness.hotline"]
    params: dict[str, Any] = indicator["params"]
    return params


XICHENG_2016 = shipped_params("responsiveness.yaml")
JIESU_JIBAN = shipped_params("formats/hotline_jiesu_jiban.yaml")


def score(make_context: MakeContext, figures: dict[str, int], params: Any) -> Outcome:
    return HOTLINE.score(make_context({"hotline": figures}, scorer=HOTLINE, params=params))


# ---------------------------------------------------------------- the 2016 scheme


def test_the_2016_scheme_weighs_completion_and_satisfaction_only() -> None:
    # The seed names 接听率、办结率、满意率; 接听率 is the call centre's.
    assert set(XICHENG_2016["rates"]) == {"completion", "satisfaction"}
    assert {r["weight"] for r in XICHENG_2016["rates"].values()} == {1}
    # the old claim that equal weights follow 接诉即办 is gone from the criteria
    text = (ROOT / "criteria/responsiveness.yaml").read_text(encoding="utf-8")
    assert "参照北京市" not in text


def test_the_2016_scheme_scores_completed_tickets_over_those_dispatched(
    make_context: MakeContext,
) -> None:
    # 办结率 170/200 = 85% and 满意率 85/100 (over the tickets rated on callback): both at
    # the full line.
    # The call centre's calls and the unit's response count play no part.
    figures = {
        "calls": 5000,
        "connected": 3000,
        "dispatched": 200,
        "responded": 10,
        "completed": 170,
        "surveyed": 100,
        "satisfied": 85,
    }
    assert score(make_context, figures, XICHENG_2016).points == 100
    # one ticket fewer completed: 169/200 = 84.5%, (0.845 - 0.55) / 0.30 of its half
    one_fewer = score(make_context, {**figures, "completed": 169}, XICHENG_2016)
    assert one_fewer.points == 50 + 50 * Fraction(295, 300)
    finding = only(one_fewer, "hotline.below_full")
    assert finding.records == ("hotline.completed", "hotline.dispatched")
    assert worded(plugin, finding) == "热线办结率84.5%（169/200），满分线85.0%，零分线55.0%"


def test_a_unit_that_sends_no_completed_count_loses_the_completion_half(
    make_context: MakeContext,
) -> None:
    # Its own count of tickets resolved is not a count of tickets completed.
    figures = {"dispatched": 200, "resolved": 190, "surveyed": 100, "satisfied": 90}
    outcome = score(make_context, figures, XICHENG_2016)
    assert outcome.points == 50
    missing = only(outcome, "hotline.no_data")
    assert missing.records == ("hotline.completed", "hotline.dispatched")
    assert worded(plugin, missing) == "未提交热线办结率所需的办结量和派单量，该项不得分"


# ---------------------------------------------------------------- 接诉即办


def test_resolution_comes_from_callback_verdicts_when_the_unit_sends_them(
    make_context: MakeContext,
) -> None:
    # 解决率 over the rated tickets: 84/100 callers said resolved, below the full line of
    # 85%; the unit's own count (200/200 resolved) is not read. Response 200/200 and
    # satisfaction 90/100 are full.
    figures = {
        "dispatched": 200,
        "responded": 200,
        "resolved": 200,
        "surveyed": 100,
        "callback_resolved": 84,
        "satisfied": 90,
    }
    outcome = score(make_context, figures, JIESU_JIBAN)
    finding = only(outcome, "hotline.below_full")
    assert finding.records == ("hotline.callback_resolved", "hotline.surveyed")
    assert (finding.params["part"], finding.params["whole"]) == (84, 100)
    assert worded(plugin, finding).startswith("热线解决率（按回访评价）84.0%（84/100）")
    assert worded(plugin, finding, "en").startswith(
        "hotline resolution rate (by callback verdicts) 84.0% (84/100)"
    )
    third = Fraction(100, 3)
    assert outcome.points == 2 * third + third * Fraction(29, 30)
    # one more caller satisfied that it was resolved: full marks
    assert score(make_context, {**figures, "callback_resolved": 85}, JIESU_JIBAN).points == 100


def test_resolution_falls_back_to_the_units_count_over_dispatched_tickets(
    make_context: MakeContext,
) -> None:
    figures = {
        "dispatched": 200,
        "responded": 200,
        "resolved": 168,
        "surveyed": 100,
        "satisfied": 90,
    }
    outcome = score(make_context, figures, JIESU_JIBAN)
    finding = only(outcome, "hotline.below_full")
    assert finding.records == ("hotline.resolved", "hotline.dispatched")
    assert worded(plugin, finding).startswith("热线解决率（按派单量）84.0%（168/200）")


def test_callback_verdicts_over_the_rated_tickets_are_impossible_and_score_nothing(
    make_context: MakeContext,
) -> None:
    figures = {"dispatched": 10, "responded": 10, "surveyed": 5, "callback_resolved": 6}
    outcome = score(make_context, {**figures, "satisfied": 5}, JIESU_JIBAN)
    impossible = only(outcome, "integrity.part_exceeds_total")
    assert impossible.records == ("hotline.callback_resolved", "hotline.surveyed")
    assert impossible.deduction == pytest.approx(100 / 3)
    # under the 2016 scheme no rate reads them: listed at no cost
    unscored = score(
        make_context, {**figures, "completed": 10, "satisfied": 5}, XICHENG_2016
    ).findings
    assert [(f.code, f.records, f.deduction) for f in unscored] == [
        ("integrity.part_exceeds_total", ("hotline.callback_resolved", "hotline.surveyed"), None)
    ]


def test_the_jiesu_jiban_file_states_that_its_weights_are_not_verified() -> None:
    text = (ROOT / "criteria/formats/hotline_jiesu_jiban.yaml").read_text(encoding="utf-8")
    assert "权重在此未能核实" in text
    assert set(JIESU_JIBAN["rates"]) == {"response", "resolution", "satisfaction"}


def test_a_later_scheme_loads_the_jiesu_jiban_file_as_a_dimension(tmp_path: Path) -> None:
    from evaluator._scoring.engine import Engine, Options, evaluate

    criteria = tmp_path / "criteria"
    criteria.mkdir()
    scheme = {
        "id": "test-2020",
        "name": "接诉即办测试方案",
        "version": "1.0",
        "year": 2020,
        "as_of": "2021-01-10",
        "regime": "ogi-2019",
        "precision": 2,
        "unit_types": {"bureau": "区政府工作部门"},
        "dimensions": [
            {"id": "hotline", "file": "hotline_jiesu_jiban.yaml", "weight": {"bureau": 100}}
        ],
        "grades": [{"name": "合格", "min": 60}, {"name": "不合格", "min": 0}],
    }
    (criteria / "scheme.yaml").write_text(yaml.safe_dump(scheme, allow_unicode=True), "utf-8")
    shutil.copy(ROOT / "criteria/formats/hotline_jiesu_jiban.yaml", criteria)
    units = tmp_path / "submissions"
    units.mkdir()
    figures = {
        "dispatched": 300,
        "responded": 300,
        "resolved": 300,
        "surveyed": 200,
        "callback_resolved": 170,
        "satisfied": 180,
    }
    body = {
        "unit": {"id": "b-1", "name": "b-1", "type": "bureau"},
        "responsiveness": {"hotline": figures},
    }
    (units / "b-1.yaml").write_text(yaml.safe_dump(body, allow_unicode=True), encoding="utf-8")
    engine = Engine.load(Options(str(criteria), str(ROOT / "plugins"), entry_points=False))
    result = evaluate(engine, str(units))
    assert result.errors == ()
    [unit] = result.units
    assert unit.total == 100.0  # 170/200 resolved on callback: at the full line
    assert codes(Outcome(0, unit.indicators[0].findings)) == []
