"""Rank robustness: rank ranges under perturbed weights (``--robustness N``).

The pure analysis runs on hand-built unit summaries of a scheme with two
dimensions, ``a`` and ``b``, weighted 50/50 for bureaus and 30/70 for streets;
the command-line tests run on ``tests/fixtures/mini``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
from decimal import Decimal
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from evaluator._core.model import (
    Dimension,
    DimensionResult,
    Grade,
    RankRange,
    Scheme,
    UnitResult,
    UnitStatus,
)
from evaluator._reports.json_results import results_schema
from evaluator._scoring.ranking import rank
from evaluator._scoring.robustness import _percentile, _rounding, analyse
from evaluator._scoring.score import round_half_up

SCHEME = Scheme(
    id="t",
    name="t",
    version="1",
    year=2016,
    as_of=dt.date(2017, 1, 10),
    regime="ogi-2008",
    precision=2,
    unit_types={"bureau": "部门", "street": "街道"},
    dimensions=(
        Dimension("a", "甲", {"bureau": 50, "street": 30}, ()),
        Dimension("b", "乙", {"bureau": 50, "street": 70}, ()),
    ),
    grades=(Grade("合格", 60), Grade("不合格", 0)),
    checklists={},
    sha256="0" * 64,
    directory="criteria",
)


def unit(
    ident: str,
    a: float | None,
    b: float | None,
    *,
    total: float | None = None,
    kind: str = "bureau",
    vetoed: bool = False,
    status: UnitStatus = "ok",
) -> UnitResult:
    """A scored unit; its total is the weighted mean of ``a`` and ``b`` unless given."""
    weights = {d.id: d.weights[kind] for d in SCHEME.dimensions}
    scores = {"a": a, "b": b}
    if total is None and status == "ok":
        present = [(weights[k], s) for k, s in scores.items() if s is not None]
        if present:
            mean = sum(w * s for w, s in present) / sum(w for w, _ in present)
            total = round_half_up(mean, SCHEME.precision)
    return UnitResult(
        id=ident,
        name=ident,
        type=kind,
        total=total,
        rank=None,
        grade=None,
        vetoed=vetoed,
        status=status,
        dimensions=tuple(DimensionResult(k, k, s, weights[k]) for k, s in scores.items()),
        indicators=(),
        source_path=f"{ident}.yaml",
        source_sha256="",
    )


def ranges(*units: UnitResult, draws: int = 500, **options: Any) -> dict[str, tuple[int, ...]]:
    """(p5, median, p95) of each ranked unit, as the analysis of the ranked units gives them."""
    analysis = analyse(SCHEME, rank(SCHEME, units), draws=draws, **options)
    return {i: (r.p5, r.median_rank, r.p95) for i, r in analysis.ranges.items()}


# ---------------------------------------------------------------- the analysis


def test_a_clear_leader_keeps_rank_1_in_every_draw() -> None:
    analysis = analyse(
        SCHEME,
        rank(SCHEME, [unit("lead", 95, 90), unit("x", 70, 60), unit("y", 60, 70)]),
        draws=500,
    )
    assert analysis.ranges["lead"] == RankRange(median_rank=1, p5=1, p95=1, stable_share=1.0)


def test_units_whose_scores_cross_range_over_ranks_1_and_2() -> None:
    # 100/60 and 60/100 tie at 80 with weights 50/50; any perturbation puts one ahead
    analysis = analyse(SCHEME, rank(SCHEME, [unit("a", 100, 60), unit("b", 60, 100)]), draws=500)
    first, second = analysis.ranges["a"], analysis.ranges["b"]
    assert (first.p5, first.p95) == (second.p5, second.p95) == (1, 2)
    # both published rank 1; each keeps it in the draws it wins (about half)
    assert 0.3 < first.stable_share < 0.7
    assert first.stable_share + second.stable_share == pytest.approx(1.0, abs=0.02)


def test_a_unit_that_only_moves_among_its_neighbours_keeps_its_other_ranks() -> None:
    found = ranges(unit("top", 99, 99), unit("a", 100, 60), unit("b", 60, 100), unit("low", 50, 50))
    assert found["top"] == (1, 1, 1)
    assert found["a"][::2] == found["b"][::2] == (2, 3)  # (p5, p95)
    assert found["low"] == (4, 4, 4)


def test_vetoed_units_stay_after_every_other_unit_whatever_the_weights() -> None:
    found = ranges(
        unit("v1", 100, 60, vetoed=True),
        unit("v2", 60, 100, vetoed=True),
        unit("x", 50, 40),
        unit("y", 40, 50),
    )
    assert found["x"][::2] == found["y"][::2] == (1, 2)
    assert found["v1"][::2] == found["v2"][::2] == (3, 4)


def test_incomplete_and_unscored_units_are_left_out_and_take_no_rank() -> None:
    analysis = analyse(
        SCHEME,
        rank(
            SCHEME,
            [
                unit("broken", 100, 100, status="incomplete"),
                unit("nothing", None, None),
                unit("x", 80, 80),
            ],
        ),
        draws=50,
    )
    assert set(analysis.ranges) == {"x"}
    assert analysis.ranges["x"].p95 == 1


def test_a_dimension_without_a_score_is_dropped_from_the_mean() -> None:
    # "half" has only dimension a (90): its total stays 90 whatever the weights
    found = ranges(unit("half", 90, None), unit("a", 100, 60), unit("b", 60, 100))
    assert found["half"] == (1, 1, 1)


def test_kinds_are_ranked_separately() -> None:
    found = ranges(unit("bureau", 50, 50), unit("street", 40, 40, kind="street"))
    assert found == {"bureau": (1, 1, 1), "street": (1, 1, 1)}


def test_spread_0_gives_every_published_rank_in_every_draw() -> None:
    units = [
        unit("a", 100, 60),
        unit("b", 60, 100),
        unit("c", 70, 70, vetoed=True),
        unit("s1", 90, 10, kind="street"),
        unit("s2", 10, 90, kind="street"),
    ]
    ranked = rank(SCHEME, units)
    analysis = analyse(SCHEME, ranked, draws=100, spread=0)
    assert analysis.ranges == {
        u.id: RankRange(u.rank, u.rank, u.rank, 1.0) for u in ranked if u.rank is not None
    }


def test_spread_0_gives_back_the_published_rank_though_dimension_scores_are_rounded() -> None:
    # Street weights 30/70. Exact scores 33.3422 and 66.6749 give 56.6751 -> 56.68, but
    # the rounded 33.34 and 66.67 give 56.671 -> 56.67: recomputed from them, "y" would
    # tie with "z". Draws move the published total instead, so it keeps rank 1.
    y = unit("y", 33.34, 66.67, total=56.68, kind="street")
    z = unit("z", 56.67, 56.67, kind="street")
    assert ranges(y, z, draws=50, spread=0) == {"y": (1, 1, 1), "z": (2, 2, 2)}


def test_the_same_seed_gives_the_same_ranges() -> None:
    units = rank(SCHEME, [unit("a", 100, 60), unit("b", 60, 100), unit("c", 79, 82)])
    assert analyse(SCHEME, units, draws=40, seed=7) == analyse(SCHEME, units, draws=40, seed=7)


def test_another_seed_draws_other_weights() -> None:
    units = rank(SCHEME, [unit("a", 100, 60), unit("b", 60, 100)])
    shares = {analyse(SCHEME, units, draws=15, seed=s).ranges["a"].stable_share for s in range(4)}
    assert len(shares) > 1


def test_ranges_of_a_kind_do_not_depend_on_the_other_units() -> None:
    streets = [unit("s1", 90, 60, kind="street"), unit("s2", 70, 75, kind="street")]
    alone = analyse(SCHEME, rank(SCHEME, streets), draws=200).ranges
    bureaus = [unit("a", 100, 60), unit("b", 60, 100)]
    together = analyse(SCHEME, rank(SCHEME, [*bureaus, *streets]), draws=200).ranges
    assert {k: together[k] for k in alone} == alone


def test_the_analysis_records_how_it_drew() -> None:
    analysis = analyse(SCHEME, [], draws=3, spread=0.1, seed=5)
    assert (analysis.draws, analysis.spread, analysis.seed) == (3, 0.1, 5)
    assert "nearest-rank" in analysis.method


@pytest.mark.parametrize(
    "options", [{"draws": 0}, {"draws": 5, "spread": 1.0}, {"draws": 5, "spread": -0.1}]
)
def test_bad_draws_or_spread_are_refused(options: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        analyse(SCHEME, [], **options)


def test_percentiles_use_the_nearest_rank() -> None:
    ranks = sorted([1] * 5 + [2] * 90 + [3] * 5)  # 100 draws
    assert (_percentile(ranks, 5), _percentile(ranks, 50), _percentile(ranks, 95)) == (1, 2, 2)
    assert _percentile([1, 2], 50) == 1  # of an even number of draws, the lower middle
    assert _percentile([4], 5) == _percentile([4], 95) == 4


@pytest.mark.parametrize("places", [0, 1, 2, 3])
def test_quick_rounding_gives_what_round_half_up_gives(places: int) -> None:
    rounded = _rounding(places)
    rng = random.Random(1)
    halfway = [
        float(Decimal(n) / 10**places + Decimal(5) / 10 ** (places + 1)) for n in range(2000)
    ]
    values = halfway + [rng.uniform(0, 100) for _ in range(2000)] + [87.125, 1.005, 0.0, 100.0]
    assert [rounded(v) for v in values] == [round_half_up(v, places) for v in values]


# ---------------------------------------------------------------- command line


def document(run_cli, *args: str) -> dict[str, Any]:
    run = run_cli("submissions", "--format", "json", *args)
    assert run.status == 1, run.err
    found: dict[str, Any] = json.loads(run.out)
    return found


def test_json_gains_the_analysis_and_each_units_range(run_cli) -> None:
    found = document(run_cli, "--robustness", "200")
    assert list(found)[-2:] == ["warnings", "robustness"]
    assert {k: found["robustness"][k] for k in ("draws", "spread", "seed")} == {
        "draws": 200,
        "spread": 0.2,
        "seed": 0,
    }
    for each in found["units"]:
        assert list(each)[-2:] == ["warnings", "robustness"]
    by_id = {u["id"]: u["robustness"] for u in found["units"]}
    assert by_id["b-epsilon"] is None  # incomplete: not ranked
    assert by_id["b-alpha"] == {"median_rank": 1, "p5": 1, "p95": 1, "stable_share": 1.0}
    assert by_id["b-delta"]["p5"] == 4  # vetoed: after the three others whatever the weights


def test_json_with_robustness_follows_the_results_schema(run_cli) -> None:
    found = document(run_cli, "--robustness", "200", "--robustness-spread", "0.5")
    Draft202012Validator(results_schema()).validate(found)


def test_without_the_option_the_json_is_unchanged(run_cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    plain = run_cli("submissions", "--format", "json").out
    assert run_cli("submissions", "--format", "json", "--robustness", "0").out == plain
    assert '"robustness"' not in plain
    with_ranges = json.loads(run_cli("submissions", "--format", "json", "--robustness", "50").out)
    del with_ranges["robustness"]
    for each in with_ranges["units"]:
        del each["robustness"]
    assert json.dumps(with_ranges, ensure_ascii=False, indent=2) + "\n" == plain


def test_without_the_option_tables_are_unchanged(run_cli) -> None:
    for fmt in ("table", "markdown", "csv"):
        plain = run_cli("submissions", "--format", fmt).out
        assert run_cli("submissions", "--format", fmt, "--robustness", "0").out == plain
        assert "排名区间" not in plain and "排名中位数" not in plain


def test_the_seed_and_spread_are_used_and_recorded(run_cli) -> None:
    found = document(
        run_cli, "--robustness", "20", "--robustness-seed", "9", "--robustness-spread", "0.05"
    )
    assert (found["robustness"]["seed"], found["robustness"]["spread"]) == (9, 0.05)


def test_two_jobs_give_the_same_ranges_as_one(run_cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    args = ("submissions", "--format", "json", "--robustness", "100")
    assert run_cli(*args, "--jobs", "2").out == run_cli(*args, "--jobs", "1").out


def test_table_has_a_rank_range_column_and_says_what_was_perturbed(run_cli) -> None:
    out = run_cli("submissions", "--robustness", "200").out
    header = next(line for line in out.splitlines() if "编号" in line)
    cells = [c.strip() for c in header.strip("|").split("|")]
    assert cells[:3] == ["排名", "排名区间", "单位"]
    alpha = next(line for line in out.splitlines() if " b-alpha " in line)
    assert [c.strip() for c in alpha.strip("|").split("|")][:2] == ["1", "1–1（中位 1）"]
    epsilon = next(line for line in out.splitlines() if " b-epsilon " in line)
    assert [c.strip() for c in epsilon.strip("|").split("|")][:2] == ["—", "—"]
    assert out.count("±20%") == 2  # under each kind's table
    assert "抽样 200 次（随机种子 0）" in out


def test_markdown_in_english_names_the_range_and_the_draws(run_cli) -> None:
    out = run_cli("submissions", "--format", "markdown", "--lang", "en", "--robustness", "30").out
    header = out.splitlines()[2]
    assert [c.strip() for c in header.strip("|").split("|")][:3] == ["Rank", "Rank range", "Unit"]
    assert "1–1 (median 1)" in out
    assert "30 draws (seed 0)" in out


def test_csv_adds_median_percentile_and_share_columns(run_cli) -> None:
    out = run_cli("submissions", "--format", "csv", "--robustness", "30").out
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][1:6] == ["排名", "排名中位数", "排名第5百分位", "排名第95百分位", "名次不变比例"]
    by_id = {r[6]: r for r in rows[1:]}
    assert by_id["b-alpha"][1:6] == ["1", "1", "1", "1", "1.0"]
    assert by_id["b-epsilon"][1:6] == ["", "", "", "", ""]


def test_every_format_shows_the_range_results_hold() -> None:
    from evaluator._reports import cells

    ranked = {"robustness": {"median_rank": 2, "p5": 1, "p95": 4, "stable_share": 0.75}}
    assert cells.rank_range_text(ranked, "en") == "1–4 (median 2)"
    assert cells.rank_range_values(ranked) == ["2", "1", "4", "0.75"]  # CSV's column order
    unranked = {"robustness": None}
    assert cells.rank_range_text(unranked, "en") == cells.MISSING
    assert cells.rank_range_values(unranked) == ["", "", "", ""]


@pytest.mark.parametrize(
    "args",
    [
        ["--robustness", "-1"],
        ["--robustness", "many"],
        ["--robustness-spread", "1"],
        ["--robustness-spread", "-0.1"],
        ["--robustness-spread", "wide"],
        ["--robustness-seed", "x"],
    ],
)
def test_bad_robustness_arguments_exit_2(run_cli, args: list[str]) -> None:
    run = run_cli("submissions", *args)
    assert run.status == 2
    assert "usage: evaluate" in run.err
