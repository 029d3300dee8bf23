"""The scheme's veto policy (``veto_scope``) and every vetoed unit's unvetoed rank.

``unit`` (the default, the contract's rule): a vetoed unit gets the last grade
and ranks after every unit not vetoed. ``dimension``: the dimension holding
the vetoed indicator scores 0 and the unit is graded and ranked by its total.
Either way a vetoed unit shows the rank its total would have with its own
vetoes lifted and all else unchanged ("未否决时排名 3").
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from evaluator._core.model import (
    Dimension,
    Evaluation,
    Grade,
    IndicatorResult,
    Scheme,
    UnitResult,
    VetoScope,
)
from evaluator._reports import cells
from evaluator._reports.json_results import unit_document
from evaluator._scoring.ranking import rank
from evaluator._scoring.robustness import analyse
from evaluator._scoring.score import aggregate, unvetoed_total

RunCli = Callable[..., Any]  # the run_cli fixture of tests/conftest.py
Edit = Callable[[Path, str, str], None]  # the edit fixture


def make_scheme(scope: VetoScope = "unit", *, stated: bool = True) -> Scheme:
    """Two dimensions, ``a`` (weight 3) and ``b`` (weight 1), for bureaus; grades 90/60/0."""
    return Scheme(
        id="t",
        name="t",
        version="1",
        year=2016,
        as_of=dt.date(2017, 1, 10),
        regime="ogi-2008",
        precision=2,
        unit_types={"bureau": "部门"},
        dimensions=(
            Dimension("a", "甲", {"bureau": 3}, ()),
            Dimension("b", "乙", {"bureau": 1}, ()),
        ),
        grades=(Grade("优秀", 90), Grade("合格", 60), Grade("不合格", 0)),
        checklists={},
        sha256="0" * 64,
        directory="criteria",
        veto_scope=scope,
        veto_scope_stated=stated,
    )


def indicator(
    ident: str, dimension: str, points: float, *, vetoed: bool = False
) -> IndicatorResult:
    return IndicatorResult(ident, dimension, ident, points, 10, "ok", vetoed=vetoed)


def scored(scheme: Scheme, ident: str, results: Sequence[IndicatorResult]) -> UnitResult:
    """A bureau scored as the engine scores it: aggregated, its unvetoed total set."""
    dimensions, total, vetoed, status = aggregate(scheme, "bureau", results)
    return UnitResult(
        id=ident,
        name=ident,
        type="bureau",
        total=total,
        rank=None,
        grade=None,
        vetoed=vetoed,
        status=status,
        dimensions=dimensions,
        indicators=tuple(results),
        source_path=f"{ident}.yaml",
        source_sha256="",
        unvetoed_total=unvetoed_total(scheme, "bureau", results, total),
    )


def plain(scheme: Scheme, ident: str, total: float, *, vetoed: bool = False) -> UnitResult:
    """A bureau with ``total`` in both dimensions (so that total), vetoed in ``b`` if asked."""
    return scored(
        scheme,
        ident,
        [indicator("x", "a", total / 10), indicator("y", "b", total / 10, vetoed=vetoed)],
    )


def table(
    scheme: Scheme, units: Sequence[UnitResult]
) -> list[tuple[str, float | None, int | None, str | None, int | None]]:
    return [(u.id, u.total, u.rank, u.grade, u.unvetoed_rank) for u in rank(scheme, units)]


# ---------------------------------------------------------------- scoring a vetoed unit


def test_under_unit_scope_a_veto_leaves_every_score_as_it_is() -> None:
    scheme = make_scheme("unit")
    unit = scored(scheme, "v", [indicator("x", "a", 8), indicator("y", "b", 10, vetoed=True)])
    assert [(d.score, d.status) for d in unit.dimensions] == [(80.0, "scored"), (100.0, "scored")]
    assert (unit.total, unit.vetoed, unit.unvetoed_total) == (85.0, True, 85.0)


def test_under_dimension_scope_the_vetoed_dimension_scores_0() -> None:
    scheme = make_scheme("dimension")
    unit = scored(scheme, "v", [indicator("x", "a", 8), indicator("y", "b", 10, vetoed=True)])
    assert [(d.score, d.status) for d in unit.dimensions] == [(80.0, "scored"), (0.0, "vetoed")]
    # (3 × 80 + 1 × 0) / 4 = 60; with the veto lifted (3 × 80 + 100) / 4 = 85
    assert (unit.total, unit.vetoed, unit.unvetoed_total) == (60.0, True, 85.0)


def test_a_unit_with_two_vetoes_in_two_dimensions_loses_both_and_gets_both_back() -> None:
    scheme = make_scheme("dimension")
    results = [indicator("x", "a", 8, vetoed=True), indicator("y", "b", 10, vetoed=True)]
    unit = scored(scheme, "v", results)
    assert [d.status for d in unit.dimensions] == ["vetoed", "vetoed"]
    assert (unit.total, unit.unvetoed_total) == (0.0, 85.0)


def test_a_unit_not_vetoed_has_no_unvetoed_total_or_rank() -> None:
    scheme = make_scheme("dimension")
    ranked = rank(scheme, [plain(scheme, "clear", 70)])
    assert (ranked[0].unvetoed_total, ranked[0].unvetoed_rank) == (None, None)


# ---------------------------------------------------------------- ranks and grades


def test_unit_scope_ranks_a_vetoed_unit_last_with_the_last_grade_and_its_unvetoed_rank() -> None:
    scheme = make_scheme("unit")
    units = [
        plain(scheme, "top", 95),
        plain(scheme, "v", 92, vetoed=True),
        plain(scheme, "low", 70),
    ]
    assert table(scheme, units) == [
        ("top", 95.0, 1, "优秀", None),
        ("low", 70.0, 2, "合格", None),
        # 92 would rank behind 95 only
        ("v", 92.0, 3, "不合格", 2),
    ]


def test_dimension_scope_grades_and_ranks_a_vetoed_unit_by_its_total() -> None:
    scheme = make_scheme("dimension")
    # v: 92 in a and b, b vetoed: (3 × 92 + 0) / 4 = 69, above "low" at 65
    units = [
        plain(scheme, "top", 95),
        plain(scheme, "v", 92, vetoed=True),
        plain(scheme, "low", 65),
    ]
    assert table(scheme, units) == [
        ("top", 95.0, 1, "优秀", None),
        ("v", 69.0, 2, "合格", 2),
        ("low", 65.0, 3, "合格", None),
    ]


def test_an_unvetoed_total_equal_to_another_unit_shares_its_rank() -> None:
    scheme = make_scheme("unit")
    units = [
        plain(scheme, "a", 90),
        plain(scheme, "b", 80),
        plain(scheme, "c", 80),
        plain(scheme, "v", 80, vetoed=True),
    ]
    # 80 ties with b and c: rank 2, as competition ranks share it
    assert rank(scheme, units)[-1].unvetoed_rank == 2


def test_a_hundredth_below_another_total_ranks_after_it() -> None:
    scheme = make_scheme("unit")
    units = [plain(scheme, "a", 80), plain(scheme, "v", 79.99, vetoed=True)]
    assert rank(scheme, units)[-1].unvetoed_rank == 2
    units = [plain(scheme, "a", 79.99), plain(scheme, "v", 80, vetoed=True)]
    assert rank(scheme, units)[-1].unvetoed_rank == 1


def test_under_unit_scope_other_vetoed_units_stay_behind_a_unit_whose_veto_is_lifted() -> None:
    scheme = make_scheme("unit")
    units = [
        plain(scheme, "clear", 70),
        plain(scheme, "v1", 95, vetoed=True),
        plain(scheme, "v2", 90, vetoed=True),
    ]
    found = {u.id: (u.rank, u.unvetoed_rank) for u in rank(scheme, units)}
    # lifting v2's veto alone puts it above "clear" only: v1 is still vetoed
    assert found == {"clear": (1, None), "v1": (2, 1), "v2": (3, 1)}


def test_under_dimension_scope_other_vetoed_units_count_with_their_published_totals() -> None:
    scheme = make_scheme("dimension")
    units = [
        plain(scheme, "clear", 70),
        plain(scheme, "v1", 96, vetoed=True),  # 72 published, 96 unvetoed
        plain(scheme, "v2", 71, vetoed=True),  # 53.25 published, 71 unvetoed
    ]
    found = {u.id: (u.total, u.rank, u.unvetoed_rank) for u in rank(scheme, units)}
    # v2 unvetoed (71) is behind v1 as published (72), ahead of clear (70)
    assert found == {"v1": (72.0, 1, 1), "clear": (70.0, 2, None), "v2": (53.25, 3, 2)}


def test_an_incomplete_vetoed_unit_has_no_unvetoed_rank() -> None:
    scheme = make_scheme("unit")
    broken = dataclasses.replace(plain(scheme, "v", 90, vetoed=True), status="incomplete")
    ranked = rank(scheme, [plain(scheme, "a", 70), broken])
    assert (ranked[-1].rank, ranked[-1].unvetoed_rank) == (None, None)


def test_rank_ranges_keep_a_vetoed_unit_last_only_under_unit_scope() -> None:
    for scope, first in (("unit", 2), ("dimension", 1)):
        scheme = make_scheme(scope)
        # v: 95 in a and b, b vetoed; c: 70 in both
        units = rank(scheme, [plain(scheme, "v", 95, vetoed=True), plain(scheme, "c", 70)])
        found = analyse(scheme, units, draws=200).ranges["v"]
        assert found.p5 == first, scope
    # under dimension scope v (95 × 3/4 = 71.25) falls behind c as a's weight shrinks
    assert found.p95 == 2


# ---------------------------------------------------------------- what the reports say


def document(scheme: Scheme, units: Sequence[UnitResult], unit_id: str) -> dict[str, Any]:
    ev = Evaluation(scheme, "0", "2017-01-10T00:00:00Z", rank(scheme, units), ())
    return unit_document(ev, next(u for u in ev.units if u.id == unit_id))


def test_the_note_names_the_veto_and_the_unvetoed_rank() -> None:
    scheme = make_scheme("unit")
    doc = document(scheme, [plain(scheme, "a", 95), plain(scheme, "v", 90, vetoed=True)], "v")
    assert (doc["unvetoed_total"], doc["unvetoed_rank"]) == (90.0, 2)
    assert cells.note(doc, "zh") == "一票否决：y；未否决时排名 2"
    assert cells.note(doc, "en") == "vetoed: y; rank 2 without the veto"


def test_under_dimension_scope_the_note_names_the_dimension_scored_0() -> None:
    scheme = make_scheme("dimension")
    doc = document(scheme, [plain(scheme, "a", 95), plain(scheme, "v", 90, vetoed=True)], "v")
    assert cells.note(doc, "zh") == "一票否决：y（乙计0分）；未否决时排名 2"


@pytest.mark.parametrize(
    ("scope", "stated", "text"),
    [
        (
            "unit",
            False,
            "否决规则：一票否决的单位评为最后一等，排在未被否决的单位之后（方案未规定，按默认）",
        ),
        ("unit", True, "否决规则：一票否决的单位评为最后一等，排在未被否决的单位之后（方案规定）"),
        ("dimension", True, "否决规则：一票否决项所在维度计0分，单位按总分评等和排名（方案规定）"),
    ],
)
def test_the_veto_policy_says_whether_the_scheme_states_it(
    scope: str, stated: bool, text: str
) -> None:
    assert cells.veto_policy({"veto_scope": scope, "veto_scope_stated": stated}, "zh") == text


# ---------------------------------------------------------------- a whole run (tests/fixtures/mini)


def test_the_mini_scheme_states_no_scope_so_the_results_say_unit_by_default(
    run_cli: RunCli,
) -> None:
    found = json.loads(run_cli("submissions", "--format", "json").out)
    assert found["scheme"]["veto_scope"] == "unit"
    assert found["scheme"]["veto_scope_stated"] is False
    delta = next(u for u in found["units"] if u["id"] == "b-delta")
    assert (delta["rank"], delta["grade"], delta["unvetoed_rank"]) == (4, "不合格", 4)


def with_dimension_scope(mini_copy: Path, edit: Edit) -> Path:
    """The mini evaluation under ``veto_scope: dimension``, its checks dimension holding a
    second indicator (10 points, done/required) beside the veto (10 points, 0 when vetoed)."""
    edit(
        mini_copy / "criteria" / "scheme.yaml",
        "precision: 2\n",
        "precision: 2\nveto_scope: dimension\n",
    )
    share = "  - id: share_too\n    name: 完成比例二\n    scorer: demo.share\n    points: 10\n"
    with (mini_copy / "criteria" / "checks.yaml").open("a", encoding="utf-8") as stream:
        stream.write(share)
    return mini_copy


def test_a_scheme_stating_dimension_scope_scores_the_vetoed_dimension_0(
    run_cli: RunCli, mini_copy: Path, edit: Edit
) -> None:
    folder = with_dimension_scope(mini_copy, edit)
    found = json.loads(run_cli("submissions", "--format", "json", cwd=folder).out)
    assert (found["scheme"]["veto_scope"], found["scheme"]["veto_scope_stated"]) == (
        "dimension",
        True,
    )
    delta = next(u for u in found["units"] if u["id"] == "b-delta")
    checks = next(d for d in delta["dimensions"] if d["id"] == "checks")
    assert (checks["score"], checks["status"]) == (0.0, "vetoed")
    # work 100 (weight 60), checks 0 (weight 40): 60, graded 合格 (from 60) and ranked by
    # it, tied with b-beta and b-gamma (work 50, checks 15 of 20: 30 + 30). Unvetoed,
    # checks is 10 of 20: 80, behind b-alpha only.
    assert (delta["total"], delta["grade"], delta["rank"]) == (60.0, "合格", 2)
    assert [u["rank"] for u in found["units"] if u["id"] in ("b-beta", "b-gamma")] == [2, 2]
    assert (delta["unvetoed_total"], delta["unvetoed_rank"]) == (80.0, 2)


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "html"])
def test_every_format_shows_the_unvetoed_rank(
    run_cli: RunCli, mini_copy: Path, edit: Edit, fmt: str
) -> None:
    folder = with_dimension_scope(mini_copy, edit)
    out = run_cli("submissions", "--format", fmt, cwd=folder).out
    assert "一票否决：合规（检查计0分）；未否决时排名 2" in out


def test_the_html_page_and_feedback_pages_print_the_veto_policy(
    run_cli: RunCli, mini_copy: Path, edit: Edit
) -> None:
    folder = with_dimension_scope(mini_copy, edit)
    policy = "否决规则：一票否决项所在维度计0分，单位按总分评等和排名（方案规定）"
    assert policy in run_cli("submissions", "--format", "html", cwd=folder).out
    run_cli("report", "submissions", "-o", "feedback", cwd=folder)
    for page in ("index.html", "b-delta.html", "b-alpha.html"):
        text = (folder / "feedback" / page).read_text(encoding="utf-8")
        assert policy in text, page
    unit_page = (folder / "feedback" / "b-delta.html").read_text(encoding="utf-8")
    assert "未否决时排名 2" in unit_page


def test_an_unknown_veto_scope_is_a_located_error(
    run_cli: RunCli, mini_copy: Path, edit: Edit
) -> None:
    edit(
        mini_copy / "criteria" / "scheme.yaml", "precision: 2\n", "precision: 2\nveto_scope: unti\n"
    )
    done = run_cli("submissions", cwd=mini_copy)
    assert done.status == 2
    assert "scheme.yaml:8" in done.err and "veto_scope" in done.err
