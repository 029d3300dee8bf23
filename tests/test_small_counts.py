"""Small counts do not swing a rank: an indicator judged on few cases (criteria's
``small_counts``) loses a capped amount per failed case instead of its rate.

The rule itself (:func:`small_count_points`) at its two edges (the threshold,
the cap), then through the engine with a scorer that counts cases, the checks
of the criteria and of what a scorer returns, and rank robustness perturbing
the threshold and the cap.
"""

from __future__ import annotations

import atexit
import dataclasses
import datetime as dt
import shutil
import tempfile
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from evaluator import Outcome, Scorer, ScoringContext
from evaluator._core.model import (
    Cases,
    Dimension,
    DimensionResult,
    Finding,
    Grade,
    Indicator,
    IndicatorResult,
    Location,
    Scheme,
    SmallCounts,
    Submission,
    Unit,
    UnitResult,
)
from evaluator._scoring.ranking import rank
from evaluator._scoring.robustness import analyse
from evaluator._scoring.score import score_indicator
from evaluator._scoring.small_counts import small_count_points

# Hypothesis caches what it learns under ./.hypothesis: keep that in a temporary folder.
_STORAGE = tempfile.mkdtemp(prefix="evaluator-hypothesis-")
atexit.register(shutil.rmtree, _STORAGE, ignore_errors=True)
set_hypothesis_home_dir(_STORAGE)

TWENTY = Fraction(20)


def points(judged: int, failed: int, below: int = 5, per_case: float = 4, cap: float = 10) -> Any:
    return small_count_points(TWENTY, judged, failed, below=below, per_case=per_case, cap=cap)


# ---------------------------------------------------------------- the rule


def test_fewer_cases_than_the_threshold_lose_per_case() -> None:
    assert points(4, 1) == 16  # 4 cases < 5: one failed costs 4
    assert points(1, 1) == 16  # a single case: the same 4, not the whole 20 a rate would cost


def test_as_many_cases_as_the_threshold_keep_the_rate() -> None:
    assert points(5, 1) is None  # 5 cases: the rate stands (the engine keeps the scorer's points)


def test_the_loss_stops_at_the_cap() -> None:
    assert points(3, 2) == 12  # 2 × 4 = 8, under the cap of 10
    assert points(4, 3) == 10  # 3 × 4 = 12, capped at 10
    assert points(4, 3, per_case=10 / 3) == 10  # exactly at the cap: 10


def test_the_points_never_go_below_0() -> None:
    assert small_count_points(Fraction(5), 2, 2, below=5, per_case=4, cap=10) == 0


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(
    below=st.integers(1, 30),
    judged=st.integers(0, 40),
    data=st.data(),
    per_case=st.fractions(0, 20, max_denominator=4),
    cap=st.fractions(0, 20, max_denominator=4),
)
def test_one_more_failed_case_moves_the_points_by_at_most_the_cap(
    below: int, judged: int, data: st.DataObject, per_case: Fraction, cap: Fraction
) -> None:
    failed = data.draw(st.integers(0, max(judged - 1, 0)))
    before = small_count_points(TWENTY, judged, failed, below=below, per_case=per_case, cap=cap)
    after = small_count_points(TWENTY, judged, failed + 1, below=below, per_case=per_case, cap=cap)
    if judged >= below:
        assert before is None and after is None
        return
    assert before is not None and after is not None
    assert 0 <= before - after <= min(per_case, cap)
    assert TWENTY - after <= cap


def judged_as_rate_or_rule(judged: int, failed: int, below: int, cap: Fraction) -> Fraction:
    """A 20-point share of ``judged`` cases without failure, under the rule of ``below``."""
    by_rule = small_count_points(
        TWENTY, judged, failed, below=below, per_case=TWENTY / below, cap=cap
    )
    return TWENTY * (judged - failed) / judged if by_rule is None else by_rule


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(below=st.integers(2, 25), judged=st.integers(1, 30), data=st.data())
def test_per_case_at_the_rates_cost_and_no_lower_cap_never_reward_leaving_a_case_out(
    below: int, judged: int, data: st.DataObject
) -> None:
    # the Xicheng choice (criteria/responsiveness.yaml): per_case = points / below, cap = points
    failed = data.draw(st.integers(0, judged))
    one_more_passed = judged_as_rate_or_rule(judged + 1, failed, below, TWENTY)
    assert one_more_passed >= judged_as_rate_or_rule(judged, failed, below, TWENTY)


def test_a_cap_below_the_rates_cost_at_the_threshold_rewards_leaving_passed_cases_out() -> None:
    # why the Xicheng scheme's cap is the whole indicator: with a cap of 10, a unit with
    # 6 failed of 10 (rate: 8 points) gains by leaving one passed case out (9 cases: 10)
    assert judged_as_rate_or_rule(10, 6, 10, Fraction(10)) == 8
    assert judged_as_rate_or_rule(9, 6, 10, Fraction(10)) == 10
    assert judged_as_rate_or_rule(9, 6, 10, TWENTY) == 8


# ---------------------------------------------------------------- through the engine

RULE = SmallCounts(below=5, per_case=4, cap=10)


def make_indicator(rule: SmallCounts | None = RULE, points: float = 20) -> Indicator:
    return Indicator(
        id="ind",
        name="ind",
        dimension="a",
        scorer="test.cases",
        points=points,
        veto=False,
        applies_to=None,
        params={},
        location=Location("criteria/a.yaml", 1, 1),
        small_counts=rule,
    )


def make_scheme(*indicators: Indicator) -> Scheme:
    return Scheme(
        id="t",
        name="t",
        version="1",
        year=2016,
        as_of=dt.date(2017, 1, 10),
        regime="ogi-2008",
        precision=2,
        unit_types={"bureau": "部门"},
        dimensions=(Dimension("a", "甲", {"bureau": 1}, indicators),),
        grades=(Grade("合格", 60), Grade("不合格", 0)),
        checklists={},
        sha256="0" * 64,
        directory="criteria",
    )


SUBMISSION = Submission(
    unit=Unit("b-one", "一局", "bureau"), sections={"demo": {}}, path="b-one.yaml", sha256=""
)


def rate(judged: int, failed: int, **declared: Any) -> Scorer:
    """A scorer whose points are the share of ``judged`` cases that did not fail."""

    def score(ctx: ScoringContext) -> Outcome:
        share = Fraction(ctx.max_points) / judged
        lost = tuple(Finding("test.late", f"case {n}", (f"c{n}",), share) for n in range(failed))
        return Outcome(share * (judged - failed), lost, cases=judged, failed=failed)

    return Scorer("test.cases", score, section="demo", **{"counts_cases": True, **declared})


def scored(scorer: Scorer, indicator: Indicator | None = None) -> IndicatorResult:
    chosen = indicator or make_indicator()
    return score_indicator(chosen, scorer, "testplugin", SUBMISSION, make_scheme(chosen))


def test_one_failed_case_of_two_costs_per_case_not_half_the_indicator() -> None:
    result = scored(rate(2, 1))
    assert (result.points, result.status) == (16.0, "ok")
    said = next(f for f in result.findings if f.code == "engine.small_counts")
    assert said.params == {
        "judged": 2,
        "failed": 1,
        "below": 5,
        "per_case": 4.0,
        "cap": 10.0,
        "lost": 4.0,
        "by_rate": 10.0,
    }
    assert said.deduction is None  # the failed case's own finding carries the 4 points
    assert [f.deduction for f in result.findings if f.code == "test.late"] == [4.0]
    assert result.cases == Cases(2, 1, Fraction(10))


def test_at_the_threshold_the_rate_is_kept_and_nothing_is_said() -> None:
    result = scored(rate(5, 1))
    assert result.points == 16.0  # the rate: 4 of 5 cases
    result = scored(rate(5, 2))
    assert result.points == 12.0
    assert "engine.small_counts" not in [f.code for f in result.findings]
    assert result.cases == Cases(5, 2, Fraction(12))


def test_one_case_below_the_threshold_the_rule_applies() -> None:
    # 4 cases, 2 failed: the rate gives 10, the rule 20 - 2 × 4 = 12
    assert scored(rate(4, 2)).points == 12.0


def test_nothing_failed_below_the_threshold_says_nothing() -> None:
    result = scored(rate(3, 0))
    assert (result.points, [f.code for f in result.findings]) == (20.0, [])


def test_the_rule_in_english() -> None:
    chosen = make_indicator()
    result = score_indicator(
        chosen, rate(4, 3), "testplugin", SUBMISSION, make_scheme(chosen), lang="en"
    )
    said = next(f for f in result.findings if f.code == "engine.small_counts")
    assert said.message == (
        "judged on 4 cases (fewer than 5), so not scored as a rate: 3 failed, 4 points each, "
        "at most 10, 10 lost in all (the rate would give 5 points)"
    )


def test_without_small_counts_the_rate_stands_and_no_cases_are_kept() -> None:
    result = scored(rate(2, 1), make_indicator(rule=None))
    assert (result.points, result.cases) == (10.0, None)


def test_a_scorer_giving_cases_without_declaring_them_fails_its_indicator() -> None:
    result = scored(rate(2, 1, counts_cases=False), make_indicator(rule=None))
    assert result.status == "error"
    assert [f.code for f in result.findings] == ["engine.undeclared_cases"]


@pytest.mark.parametrize(
    ("cases", "failed"),
    [(2, 3), (-1, 0), (True, 0), (2.0, 1), (None, 1), (2, -1)],
)
def test_unusable_case_counts_fail_the_indicator(cases: Any, failed: Any) -> None:
    scorer = Scorer(
        "test.cases",
        lambda ctx: Outcome(10, cases=cases, failed=failed),
        section="demo",
        counts_cases=True,
    )
    result = scored(scorer)
    assert (result.status, [f.code for f in result.findings]) == ("error", ["engine.bad_cases"])


# ---------------------------------------------------------------- the criteria


def test_small_counts_on_a_scorer_that_counts_no_cases_is_refused(
    mini_copy: Path, run_cli: Any
) -> None:
    work = mini_copy / "criteria" / "work.yaml"
    text = work.read_text(encoding="utf-8").replace(
        "    points: 40\n", "    points: 40\n    small_counts: {below: 5, per_case: 4, cap: 10}\n"
    )
    work.write_text(text, encoding="utf-8")
    done = run_cli("submissions", cwd=mini_copy)
    assert done.status == 2
    assert "work.yaml:8:" in done.err and "counts_cases" in done.err


def test_a_cap_above_the_indicators_points_is_refused(mini_copy: Path, run_cli: Any) -> None:
    plugin = mini_copy / "plugins" / "demo.py"
    plugin.write_text(
        plugin.read_text(encoding="utf-8").replace(
            '@scorer("demo.share", section="demo",',
            '@scorer("demo.share", section="demo", counts_cases=True,',
        ),
        encoding="utf-8",
    )
    work = mini_copy / "criteria" / "work.yaml"
    text = work.read_text(encoding="utf-8").replace(
        "    points: 40\n", "    points: 40\n    small_counts: {below: 5, per_case: 4, cap: 41}\n"
    )
    work.write_text(text, encoding="utf-8")
    done = run_cli("submissions", cwd=mini_copy)
    assert done.status == 2
    assert "work.yaml:8:" in done.err and "41" in done.err
    # at the cap of the indicator's points, it loads
    work.write_text(text.replace("cap: 41", "cap: 40"), encoding="utf-8")
    assert run_cli("submissions", cwd=mini_copy).status == 1  # b-epsilon fails, s-bad is bad


@pytest.mark.parametrize(
    "rule",
    [
        "{below: 0, per_case: 4, cap: 10}",
        "{below: 5, per_case: -1, cap: 10}",
        "{below: 5, cap: 10}",
    ],
)
def test_a_malformed_rule_is_a_located_error(mini_copy: Path, run_cli: Any, rule: str) -> None:
    work = mini_copy / "criteria" / "work.yaml"
    text = work.read_text(encoding="utf-8").replace(
        "    points: 40\n", f"    points: 40\n    small_counts: {rule}\n"
    )
    work.write_text(text, encoding="utf-8")
    done = run_cli("submissions", cwd=mini_copy)
    assert done.status == 2
    assert "work.yaml:8:" in done.err


# ---------------------------------------------------------------- rank robustness


def unit(ident: str, score: float, cases: Cases | None = None, points: float = 20) -> UnitResult:
    """A bureau scored on one 20-point indicator of the only dimension."""
    result = IndicatorResult(
        "ind", "a", "ind", points, 20, "ok", exact=Fraction(points), cases=cases
    )
    return UnitResult(
        id=ident,
        name=ident,
        type="bureau",
        total=score,
        rank=None,
        grade=None,
        vetoed=False,
        status="ok",
        dimensions=(DimensionResult("a", "甲", score, 100.0),),
        indicators=(result,),
        source_path=f"{ident}.yaml",
        source_sha256="",
    )


def test_perturbing_the_threshold_lets_the_rate_judge_a_unit_near_it() -> None:
    scheme = make_scheme(make_indicator())
    # 4 cases, 1 failed: 16 of 20 by the rule (80), 15 by the rate (75). A draw whose
    # threshold rounds to 4 (factor below 0.9: a quarter of the draws at ±20%) uses the rate.
    near = unit("near", 80.0, Cases(4, 1, Fraction(15)), points=16)
    units = rank(scheme, [near, unit("other", 78.0)])
    found = analyse(scheme, units, draws=400, seed=3)
    assert found.small_counts == ("ind",)
    assert (found.ranges["near"].p5, found.ranges["near"].p95) == (1, 2)
    assert 0.6 < found.ranges["near"].stable_share < 0.9
    # with the weights alone (one dimension) nothing would ever move
    alone = dataclasses.replace(
        scheme,
        dimensions=(
            dataclasses.replace(scheme.dimensions[0], indicators=(make_indicator(rule=None),)),
        ),
    )
    assert analyse(alone, units, draws=400, seed=3).ranges["near"].stable_share == 1.0


def test_perturbing_the_cap_moves_a_unit_whose_loss_is_capped() -> None:
    scheme = make_scheme(make_indicator())
    # 3 cases, all failed: 3 × 4 = 12, capped at 10 → 10 of 20 (50); a drawn cap above
    # 10.2 costs more than 10.2 and puts it behind "other" at 48.9
    capped = unit("capped", 50.0, Cases(3, 3, Fraction(0)), points=10)
    units = rank(scheme, [capped, unit("other", 48.9)])
    found = analyse(scheme, units, draws=400, seed=5).ranges["capped"]
    assert (found.p5, found.p95) == (1, 2)
    assert 0.3 < found.stable_share < 0.7


def test_spread_0_keeps_the_published_small_count_points() -> None:
    scheme = make_scheme(make_indicator())
    near = unit("near", 80.0, Cases(4, 1, Fraction(15)), points=16)
    units = rank(scheme, [near, unit("other", 78.0)])
    found = analyse(scheme, units, draws=50, spread=0)
    assert found.ranges["near"].stable_share == 1.0


def test_a_unit_with_enough_cases_never_moves_with_the_threshold() -> None:
    scheme = make_scheme(make_indicator())
    # 7 cases: more than the largest threshold a draw gives (5 × 1.2 = 6)
    many = unit("many", 80.0, Cases(7, 1, Fraction(120, 7)), points=float(Fraction(120, 7)))
    units = rank(scheme, [many, unit("other", 79.9)])
    assert analyse(scheme, units, draws=200).ranges["many"].stable_share == 1.0


def test_the_same_seed_draws_the_same_rules() -> None:
    scheme = make_scheme(make_indicator())
    near = unit("near", 80.0, Cases(4, 1, Fraction(15)), points=16)
    units = rank(scheme, [near, unit("other", 78.0)])
    assert analyse(scheme, units, draws=60, seed=11) == analyse(scheme, units, draws=60, seed=11)
