"""Indicator scoring (a failing scorer never raises) and aggregation to dimension and total."""

from __future__ import annotations

import dataclasses
import datetime as dt
import unittest.mock
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

from evaluator import Outcome, Scorer, ScoringContext
from evaluator._core.model import (
    Cases,
    Dimension,
    Finding,
    Grade,
    Indicator,
    IndicatorResult,
    IndicatorStatus,
    Location,
    Scheme,
    Submission,
    Unit,
    exact_number,
)
from evaluator._scoring.score import (
    _all_findings,
    _exact_sum,
    _replaced,
    aggregate,
    apportion,
    round_half_up,
    score_indicator,
)


def make_indicator(
    ident: str = "ind", points: float = 10, *, veto: bool = False, dimension: str = "a"
) -> Indicator:
    return Indicator(
        id=ident,
        name=ident,
        dimension=dimension,
        scorer="test.scorer",
        points=points,
        veto=veto,
        applies_to=None,
        params={},
        location=Location("criteria/a.yaml", 1, 1),
    )


def make_scheme(*dimensions: Dimension, precision: int = 2) -> Scheme:
    return Scheme(
        id="t",
        name="t",
        version="1",
        year=2016,
        as_of=dt.date(2017, 1, 10),
        regime="ogi-2008",
        precision=precision,
        unit_types={"bureau": "部门", "street": "街道"},
        dimensions=dimensions,
        grades=(Grade("合格", 60), Grade("不合格", 0)),
        checklists={},
        sha256="0" * 64,
        directory="criteria",
    )


def dim(ident: str, bureau: float, street: float = 0) -> Dimension:
    return Dimension(ident, ident, {"bureau": bureau, "street": street}, ())


def result(
    points: float, max_points: float, dimension: str = "a", status: IndicatorStatus = "ok"
) -> IndicatorResult:
    return IndicatorResult("i", dimension, "i", points, max_points, status)


SUBMISSION = Submission(
    unit=Unit("b-one", "一局", "bureau"), sections={"demo": {"n": 1}}, path="b-one.yaml", sha256=""
)


def score_with(
    function: Any, indicator: Indicator | None = None, section: str = "demo", **declared: Any
) -> Any:
    scorer = Scorer("test.scorer", function, section=section, **declared)
    return score_indicator(
        indicator or make_indicator(), scorer, "testplugin", SUBMISSION, make_scheme(dim("a", 1))
    )


def aggregate_for(
    scheme: Scheme, results: Sequence[IndicatorResult], kind: str = "bureau"
) -> tuple[list[float | None], float | None]:
    dimensions, total, _, _ = aggregate(scheme, kind, results)
    return [d.score for d in dimensions], total


# ---------------------------------------------------------------- rounding


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (87.125, 2, 87.13),  # exactly half: up (round() would give 87.12)
        (3.125, 2, 3.13),
        (2.5, 0, 3.0),
        (87.124, 2, 87.12),
        (70.0, 2, 70.0),
    ],
)
def test_round_half_up(value: float, places: int, expected: float) -> None:
    assert round_half_up(value, places) == expected


def test_total_of_exactly_a_half_hundredth_rounds_up() -> None:
    # a: 87 of 100 -> 87.0 (weight 3); b: 7 of 8 -> 87.5 (weight 1)
    # total = (3 * 87 + 87.5) / 4 = 348.5 / 4 = 87.125 -> 87.13
    scheme = make_scheme(dim("a", 3), dim("b", 1))
    scores, total = aggregate_for(scheme, [result(87, 100, "a"), result(7, 8, "b")])
    assert scores == [87.0, 87.5]
    assert total == 87.13


def test_order_of_addition_does_not_break_a_tie() -> None:
    scheme = make_scheme(dim("a", 1))
    parts = [result(0.1, 1), result(0.2, 1), result(0.3, 1)]
    _, forward = aggregate_for(scheme, parts)
    _, backward = aggregate_for(scheme, parts[::-1])
    # (0.1 + 0.2 + 0.3) / 3 = 0.2 -> 20.00 exactly, whichever way it is summed
    assert forward == backward == 20.0


def _two_indicator_total(first: Any, second: Any) -> float | None:
    """The total of a unit scored by two indicators (25 and 15 points) of one dimension."""
    scheme = make_scheme(dim("a", 1))
    results = [
        score_with(lambda ctx: Outcome(first), make_indicator("one", 25)),
        score_with(lambda ctx: Outcome(second), make_indicator("two", 15)),
    ]
    return aggregate(scheme, "bureau", results)[1]


def test_exact_points_keep_a_total_that_is_exactly_on_a_half() -> None:
    # 25 x 1/12 + 15 x 7/9 = 25/12 + 35/3 = 165/12 = 13.75 of 40 -> 34.375 -> 34.38
    assert _two_indicator_total(Fraction(25, 12), Fraction(105, 9)) == 34.38
    assert _two_indicator_total(Decimal("2.0833"), Fraction(35, 3)) == 34.37  # 13.7499... of 40


def test_float_points_are_read_as_printed_and_may_round_the_other_way() -> None:
    # the same true points as floats: 2.0833333333333335 + 11.666666666666666 falls
    # just under 13.75, so the float scorer's unit gets 34.37: why built-in scorers
    # return Fractions
    assert _two_indicator_total(25 * 1 / 12, 15 * 7 / 9) == 34.37


def test_exact_points_are_kept_beside_their_float() -> None:
    scored = score_with(lambda ctx: Outcome(Fraction(20, 3)))
    assert scored.exact == Fraction(20, 3)
    assert scored.points == 20 / 3


@pytest.mark.parametrize(
    ("points", "code"),
    [
        (Decimal("NaN"), "engine.points_not_finite"),
        (Fraction(21, 2), "engine.points_out_of_range"),
        (Decimal("-0.5"), "engine.points_out_of_range"),
        (10**400, "engine.points_out_of_range"),  # beyond any float
        (-Fraction(10**400, 3), "engine.points_out_of_range"),
        (Decimal("1e400"), "engine.points_out_of_range"),
    ],
)
def test_exact_points_out_of_range_or_not_finite_are_errors(points: Any, code: str) -> None:
    scored = score_with(lambda ctx: Outcome(points))
    assert scored.status == "error"
    assert scored.findings[0].code == code


# ---------------------------------------------------------------- aggregation


def test_dimension_score_is_points_over_possible() -> None:
    scheme = make_scheme(dim("a", 1))
    # (30 + 15) of (40 + 60) = 45%
    assert aggregate_for(scheme, [result(30, 40), result(15, 60)]) == ([45.0], 45.0)


def test_not_applicable_indicator_is_left_out_of_its_dimension() -> None:
    scheme = make_scheme(dim("a", 1))
    results = [result(20, 40), result(0, 60, status="not_applicable")]
    # 20 of 40 = 50, not 20 of 100
    assert aggregate_for(scheme, results) == ([50.0], 50.0)


def test_dimension_with_nothing_applicable_is_left_out_of_the_total() -> None:
    scheme = make_scheme(dim("a", 60), dim("b", 40))
    results = [result(30, 40, "a"), result(0, 10, "b", status="not_applicable")]
    # b has no score; the total is a's 75 alone, not (60 * 75 + 40 * 0) / 100 = 45
    assert aggregate_for(scheme, results) == ([75.0, None], 75.0)


def test_no_data_indicator_counts_as_zero() -> None:
    scheme = make_scheme(dim("a", 1))
    results = [result(40, 40), result(0, 60, status="no_data")]
    assert aggregate_for(scheme, results) == ([40.0], 40.0)


def test_weights_are_per_unit_kind() -> None:
    scheme = make_scheme(dim("a", bureau=60, street=50), dim("b", bureau=40, street=50))
    results = [result(50, 100, "a"), result(100, 100, "b")]
    # bureau: (60 * 50 + 40 * 100) / 100 = 70; street: (50 * 50 + 50 * 100) / 100 = 75
    assert aggregate_for(scheme, results, "bureau")[1] == 70.0
    assert aggregate_for(scheme, results, "street")[1] == 75.0


def test_zero_weight_dimension_is_shown_but_not_counted() -> None:
    scheme = make_scheme(dim("a", bureau=1), dim("b", bureau=0))
    scores, total = aggregate_for(scheme, [result(10, 10, "a"), result(0, 10, "b")])
    assert scores == [100.0, 0.0]
    assert total == 100.0


def test_weights_need_not_sum_to_100() -> None:
    scheme = make_scheme(dim("a", 3), dim("b", 1))
    # (3 * 100 + 1 * 0) / 4 = 75
    assert aggregate_for(scheme, [result(1, 1, "a"), result(0, 1, "b")])[1] == 75.0


def test_error_marks_the_unit_incomplete() -> None:
    scheme = make_scheme(dim("a", 1))
    _, _, vetoed, status = aggregate(scheme, "bureau", [result(0, 10, status="error")])
    assert status == "incomplete"
    assert not vetoed


def test_nothing_applicable_at_all_gives_no_total() -> None:
    scheme = make_scheme(dim("a", 1))
    assert aggregate_for(scheme, [result(0, 10, status="not_applicable")]) == ([None], None)


# ---------------------------------------------------------------- score_indicator


def test_outcome_becomes_the_indicator_result() -> None:
    finding = Finding("late", "late replies", ("R1",), 2)
    scored = score_with(lambda ctx: Outcome(8, (finding,)))
    assert (scored.points, scored.max, scored.status) == (8, 10, "ok")
    assert scored.findings == (finding,)


def test_scorer_gets_its_section_and_params() -> None:
    seen: dict[str, Any] = {}

    def spy(ctx: ScoringContext) -> Outcome:
        seen.update(data=ctx.data, unit=ctx.unit.id, max=ctx.max_points, year=ctx.year)
        return Outcome(ctx.max_points)

    score_with(spy)
    assert seen == {"data": {"n": 1}, "unit": "b-one", "max": 10, "year": 2016}


def test_scorer_that_raises_gives_status_error_naming_scorer_and_line() -> None:
    def broken(ctx: ScoringContext) -> Outcome:
        raise ZeroDivisionError("division by zero")

    scored = score_with(broken)
    assert scored.status == "error"
    assert scored.points == 0
    (finding,) = scored.findings
    assert finding.code == "engine.scorer_failed"
    assert finding.params["scorer"] == "test.scorer"
    assert finding.params["plugin"] == "testplugin"
    assert finding.params["error"] == "ZeroDivisionError: division by zero"
    assert finding.params["where"].startswith("tests/test_scoring.py:")
    assert finding.params["where"] in finding.message


@pytest.mark.parametrize(
    ("raised", "error"),
    [
        (SystemExit(3), "SystemExit: 3"),
        (SystemExit(), "SystemExit"),
        (GeneratorExit(), "GeneratorExit"),
        (MemoryError(), "MemoryError"),
        (RecursionError("deep"), "RecursionError: deep"),
    ],
)
def test_any_base_exception_but_an_interrupt_is_the_indicators_error(
    raised: BaseException, error: str
) -> None:
    def leaves(ctx: ScoringContext) -> Outcome:
        raise raised

    scored = score_with(leaves)
    assert scored.status == "error"
    (finding,) = scored.findings
    assert (finding.code, finding.params["error"]) == ("engine.scorer_failed", error)
    assert finding.params["scorer"] == "test.scorer"


def test_an_interrupt_is_never_swallowed() -> None:
    def interrupted(ctx: ScoringContext) -> Outcome:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        score_with(interrupted)


def test_the_error_is_located_in_the_plugins_own_line_not_the_standard_library() -> None:
    def parses(ctx: ScoringContext) -> Outcome:
        dt.date.fromisoformat("2016-02-30")  # raises inside the standard library
        return Outcome(0)

    scored = score_with(parses)
    where = scored.findings[0].params["where"]
    line = parses.__code__.co_firstlineno + 1
    assert where == f"tests/test_scoring.py:{line}"


@pytest.mark.parametrize(
    ("outcome", "code", "params"),
    [
        (Outcome(10.5), "engine.points_out_of_range", {"points": "10.5", "max": 10}),
        (Outcome(-1), "engine.points_out_of_range", {"points": "-1", "max": 10}),
        (Outcome(float("nan")), "engine.points_not_finite", {"points": "nan"}),
        (8, "engine.not_an_outcome", {"type": "int"}),
        (None, "engine.not_an_outcome", {"type": "NoneType"}),
        (Outcome(5, ("late",)), "engine.bad_findings", {}),  # type: ignore[arg-type]
    ],
)
def test_bad_return_value_gives_status_error(
    outcome: Any, code: str, params: dict[str, Any]
) -> None:
    scored = score_with(lambda ctx: outcome)
    assert scored.status == "error"
    (finding,) = scored.findings
    assert finding.code == code
    assert finding.params == {"scorer": "test.scorer", "plugin": "testplugin", **params}


def test_findings_are_told_by_their_types_and_by_what_each_claims_to_be() -> None:
    claims = unittest.mock.Mock(spec=Finding)  # no subclass, yet an instance to isinstance
    late = Finding("late", deduction=1)
    assert _all_findings([late, late, claims]) and _all_findings(())
    assert not _all_findings([late, "late"]) and not _all_findings([claims, 1])


@pytest.mark.parametrize("status", ["no_data", "error", "ok ", "NOT_APPLICABLE", None])
def test_a_scorer_returning_an_unknown_status_fails_its_indicator(status: Any) -> None:
    # Only "ok" and "not_applicable" are a scorer's to return; "no_data" and "error" are
    # the engine's. A status outside the two must never pass as either.
    scored = score_with(lambda ctx: Outcome(5, status=status))
    assert (scored.status, scored.points) == ("error", 0)
    (finding,) = scored.findings
    assert (finding.code, finding.params["status"]) == ("engine.bad_status", repr(status))


@pytest.mark.parametrize("status", ["ok", "not_applicable"])
def test_a_scorer_returning_a_known_status_keeps_it(status: Any) -> None:
    scored = score_with(lambda ctx: Outcome(5, status=status))
    assert scored.status == status


def test_points_within_rounding_noise_of_the_maximum_are_clamped() -> None:
    scored = score_with(lambda ctx: Outcome(10 + 1e-12))
    assert (scored.status, scored.points) == ("ok", 10)


def test_not_applicable_outcome_scores_nothing() -> None:
    scored = score_with(lambda ctx: Outcome.not_applicable("no requests received"))
    assert (scored.status, scored.points) == ("not_applicable", 0)
    assert scored.findings[0].message == "no requests received"


def test_missing_section_scores_zero_with_a_no_data_finding_without_calling_the_scorer() -> None:
    def never(ctx: ScoringContext) -> Outcome:
        raise AssertionError("must not be called")

    scored = score_with(never, section="website")
    assert (scored.status, scored.points, scored.vetoed) == ("no_data", 0, False)
    (finding,) = scored.findings
    assert finding.code == "engine.no_data"
    assert "website" in finding.message
    assert finding.deduction == 10  # the whole indicator


def test_missing_section_fails_a_veto_indicator() -> None:
    scored = score_with(lambda ctx: Outcome(0), make_indicator(veto=True), section="website")
    assert scored.vetoed
    assert [f.code for f in scored.findings] == ["engine.no_data", "engine.no_data_veto"]


def test_veto_condition_counts_only_when_the_indicator_is_a_veto() -> None:
    failing = Outcome(0, veto=True)
    # (the criteria loader refuses a vetoing scorer on an indicator without veto: true)
    assert not score_with(lambda ctx: failing, make_indicator(veto=False), vetoes=True).vetoed
    assert score_with(lambda ctx: failing, make_indicator(veto=True), vetoes=True).vetoed
    assert not score_with(lambda ctx: Outcome(10), make_indicator(veto=True), vetoes=True).vetoed


def test_a_veto_from_a_scorer_that_does_not_declare_vetoes_is_the_scorer_failing() -> None:
    scored = score_with(lambda ctx: Outcome(0, veto=True), make_indicator(veto=True))
    assert (scored.status, scored.vetoed, scored.points) == ("error", False, 0)
    (finding,) = scored.findings
    assert (finding.code, finding.params) == (
        "engine.undeclared_veto",
        {"scorer": "test.scorer", "plugin": "testplugin"},
    )
    assert score_with(lambda ctx: Outcome(0, veto=False), make_indicator(veto=True)).status == "ok"


def test_a_finding_code_the_scorer_did_not_declare_is_the_scorer_failing() -> None:
    def one(ctx: ScoringContext) -> Outcome:
        return Outcome(5, (Finding("test.late", params={"n": 1}), Finding("test.lost")))

    declared = score_with(one, codes=("test.late", "test.lost"))
    assert (declared.status, [f.code for f in declared.findings]) == (
        "ok",
        ["test.late", "test.lost"],
    )
    scored = score_with(one, codes=["test.late"])
    assert (scored.status, scored.points) == ("error", 0)
    (finding,) = scored.findings
    assert (finding.code, finding.params) == (
        "engine.undeclared_code",
        {"scorer": "test.scorer", "plugin": "testplugin", "code": "test.lost"},
    )


def test_a_code_without_text_or_message_from_a_scorer_declaring_none_is_the_scorer_failing() -> (
    None
):
    def bare(ctx: ScoringContext) -> Outcome:
        return Outcome(5, (Finding("test.late", params={"n": 1}),))

    scored = score_with(bare)
    assert [(f.code, f.params["code"]) for f in scored.findings] == [
        ("engine.code_without_text", "test.late")
    ]
    assert scored.status == "error"
    # its own message, or a code the catalogue words, is fine (integrity.duplicate_id: shared)
    worded = score_with(lambda ctx: Outcome(5, (Finding("test.late", "3 late"),)))
    assert (worded.status, worded.findings[0].message) == ("ok", "3 late")
    shared = score_with(lambda ctx: Outcome(5, (Finding("integrity.duplicate_id"),)))
    assert shared.status == "ok"


def test_vetoed_indicator_vetoes_the_unit() -> None:
    scheme = make_scheme(dim("a", 1))
    vetoing = IndicatorResult("v", "a", "v", 0, 10, "ok", vetoed=True)
    _, total, vetoed, status = aggregate(scheme, "bureau", [result(10, 10), vetoing])
    # the points still count: 10 of 20 = 50
    assert (total, vetoed, status) == (50.0, True, "ok")


def test_dimension_weights_are_reported_normalised_to_100() -> None:
    # weights 60 and 40 and 50: a sum of 150, so 40, 26.67 and 33.33
    scheme = make_scheme(dim("a", 60), dim("b", 40), dim("c", 50))
    results = [result(5, 10, "a"), result(5, 10, "b"), result(5, 10, "c")]
    dimensions, _, _, _ = aggregate(scheme, "bureau", results)
    assert [d.weight for d in dimensions] == [40.0, 26.67, 33.33]


def test_unit_with_nothing_applicable_has_no_total_and_is_incomplete() -> None:
    scheme = make_scheme(dim("a", 1))
    _, total, _, status = aggregate(scheme, "bureau", [result(0, 10, status="not_applicable")])
    assert total is None
    assert status == "incomplete"  # listed, not ranked: there is nothing to rank it by


# ---------------------------------------------------------------- apportioned deductions


def test_equal_shares_are_apportioned_to_add_up_to_the_points_lost() -> None:
    # 30 late records of 390, each costing 35/390 = 0.0897...: 30 x 35/390 = 2.6923 -> 2.69
    findings = [Finding("late", "", (f"r{n}",), 35 / 390) for n in range(30)]
    shared = apportion(findings, Fraction(35 * 30, 390), 2)
    # 269 hundredths over 30 equal shares: 8 each (240), and the 29 left go one
    # each to the first 29 (equal remainders: the earlier first): 29 x 0.09 + 0.08
    assert [f.deduction for f in shared] == [0.09] * 29 + [0.08]


def test_largest_remainders_get_the_leftover_hundredths() -> None:
    # lost 1.00 over weights 1, 1, 1: quotas 33.33 each -> 33, 33, 33 and 1 left,
    # to the first (equal remainders go to the earlier finding)
    findings = [Finding("x", "", (), 1 / 3) for _ in range(3)]
    assert [f.deduction for f in apportion(findings, Fraction(1), 2)] == [0.34, 0.33, 0.33]
    # weights 1, 2: quotas 33.33 and 66.67 -> 33 and 66, the larger remainder (0.67) gets 1
    uneven = [Finding("x", "", (), 1.0), Finding("y", "", (), 2.0)]
    assert [f.deduction for f in apportion(uneven, Fraction(1), 2)] == [0.33, 0.67]


def test_findings_without_a_deduction_are_left_alone() -> None:
    findings = [Finding("note", "", ()), Finding("cost", "", (), 2.0), Finding("free", "", (), 0.0)]
    shared = apportion(findings, Fraction(3, 2), 2)
    assert [f.deduction for f in shared] == [None, 1.5, 0.0]


def test_scored_indicator_findings_add_up_to_its_lost_points() -> None:
    def thirty_of_390(ctx: ScoringContext) -> Outcome:
        each = Fraction(35, 390)
        return Outcome(
            Fraction(35) - 30 * each,
            tuple(Finding("late", "late", (), float(each)) for _ in range(30)),
        )

    scored = score_with(thirty_of_390, make_indicator("req", 35))
    assert round(35 - scored.points, 2) == 2.69
    assert round(sum(f.deduction for f in scored.findings), 2) == 2.69


def test_findings_of_a_not_applicable_indicator_cost_nothing() -> None:
    def set_aside(ctx: ScoringContext) -> Outcome:
        return Outcome(0, (Finding("dup", "copy", ("r1",), 2.0),), status="not_applicable")

    scored = score_with(set_aside)
    assert [f.deduction for f in scored.findings] == [0.0]


# ------------------------------------------------ a dimension with nothing applicable


def test_empty_dimension_is_left_out_and_marked_empty_by_default() -> None:
    # a: 5 of 10 -> 50 (weight 1); b: nothing applicable (weight 3) -> total 50.0
    scheme = make_scheme(dim("a", 1), dim("b", 3))
    dimensions, total, _, _ = aggregate(
        scheme, "bureau", [result(5, 10, "a"), result(0, 10, "b", "not_applicable")]
    )
    assert total == 50.0
    assert [(d.score, d.status) for d in dimensions] == [(50.0, "scored"), (None, "empty")]


def test_empty_dimension_with_a_fixed_score_counts_with_its_weight() -> None:
    # a: 50 (weight 1); b: fixed 60 (weight 3) -> (50 + 180) / 4 = 57.5
    fixed = dataclasses.replace(dim("b", 3), when_empty=60.0)
    scheme = make_scheme(dim("a", 1), fixed)
    dimensions, total, _, _ = aggregate(
        scheme, "bureau", [result(5, 10, "a"), result(0, 10, "b", "not_applicable")]
    )
    assert total == 57.5
    assert [(d.score, d.status) for d in dimensions] == [(50.0, "scored"), (60.0, "fixed")]


def test_fixed_score_applies_only_when_nothing_applies() -> None:
    fixed = dataclasses.replace(dim("b", 1), when_empty=60.0)
    dimensions, total, _, _ = aggregate(make_scheme(fixed), "bureau", [result(9, 10, "b")])
    assert (total, dimensions[0].status) == (90.0, "scored")


@pytest.mark.parametrize(
    "values",
    [
        [],
        [0.1] * 30,
        [0.1, Fraction(0.1), Decimal("0.1"), Decimal("0.10"), Fraction(1, 3), 0.1, 2, 2.0],
    ],
)
def test_deductions_are_summed_exactly_each_as_exact_number_reads_it(values: list[Any]) -> None:
    # float 0.1 and the fraction of its binary value are equal keys, yet differ exactly
    assert _exact_sum(values) == sum(map(exact_number, values), Fraction(0))


def test_a_finding_or_result_copied_with_changes_is_what_dataclasses_replace_makes() -> None:
    finding = Finding("c", "m", ("r",), Fraction(1, 3), {"a": 1}, (0.5,), Fraction(2), "evaluator")
    changes: dict[str, Any] = {"message": "n", "params": {"b": 2}, "audience": "unit"}
    result = IndicatorResult(
        "i", "d", "n", 1.0, 2.0, "ok", True, (finding,), Fraction(1), Cases(1, 0, Fraction(1))
    )
    result = dataclasses.replace(result, traceback="tb")
    for value, change in ((finding, changes), (result, {"findings": ()})):
        copied, replaced = _replaced(value, **change), dataclasses.replace(value, **change)
        assert type(copied) is type(replaced) and vars(copied) == vars(replaced)
        # the copy sets fields as given: a __post_init__ would be left out
        assert not hasattr(type(value), "__post_init__")

    @dataclasses.dataclass(frozen=True)
    class Checked(Finding):
        def __post_init__(self) -> None:
            object.__setattr__(self, "message", self.message.upper())

    copied = _replaced(Checked("c"), message="n")
    assert type(copied) is Checked and copied.message == "N"
