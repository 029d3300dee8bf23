"""Grades and standard competition ranking within each unit kind."""

from __future__ import annotations

import datetime as dt

import pytest

from evaluator._core.model import Grade, Scheme, UnitResult, UnitStatus
from evaluator._scoring.ranking import competition_ranks, grade_for, rank

SCHEME = Scheme(
    id="t",
    name="t",
    version="1",
    year=2016,
    as_of=dt.date(2017, 1, 10),
    regime="ogi-2008",
    precision=2,
    unit_types={"bureau": "部门", "street": "街道"},
    dimensions=(),
    grades=(Grade("优秀", 90), Grade("良好", 80), Grade("合格", 60), Grade("不合格", 0)),
    checklists={},
    sha256="0" * 64,
    directory="criteria",
)


def unit(
    ident: str,
    total: float | None,
    kind: str = "bureau",
    *,
    vetoed: bool = False,
    status: UnitStatus = "ok",
) -> UnitResult:
    return UnitResult(
        id=ident,
        name=ident,
        type=kind,
        total=total,
        rank=None,
        grade=None,
        vetoed=vetoed,
        status=status,
        dimensions=(),
        indicators=(),
        source_path=f"{ident}.yaml",
        source_sha256="",
    )


def table(units: list[UnitResult]) -> list[tuple[str, int | None, str | None]]:
    return [(u.id, u.rank, u.grade) for u in rank(SCHEME, units)]


def test_competition_ranking_shares_a_rank_and_skips_the_next() -> None:
    units = [unit("d", 60), unit("b", 70), unit("a", 100), unit("c", 70)]
    assert table(units) == [("a", 1, "优秀"), ("b", 2, "合格"), ("c", 2, "合格"), ("d", 4, "合格")]


def test_three_way_tie() -> None:
    units = [unit("a", 80), unit("b", 80), unit("c", 80), unit("d", 79.99)]
    assert [r for _, r, _ in table(units)] == [1, 1, 1, 4]


def test_ties_list_by_id() -> None:
    assert [i for i, _, _ in table([unit("z", 70), unit("m", 70), unit("a", 70)])] == [
        "a",
        "m",
        "z",
    ]


def test_vetoed_unit_ranks_after_every_clear_unit_whatever_its_total() -> None:
    units = [unit("top", 99, vetoed=True), unit("low", 10), unit("mid", 50)]
    # top has the best total but is vetoed: it comes third, with the last grade
    assert table(units) == [("mid", 1, "不合格"), ("low", 2, "不合格"), ("top", 3, "不合格")]


def test_vetoed_units_rank_among_themselves() -> None:
    units = [unit("a", 90), unit("v1", 40, vetoed=True), unit("v2", 80, vetoed=True)]
    assert table(units) == [("a", 1, "优秀"), ("v2", 2, "不合格"), ("v1", 3, "不合格")]


def test_incomplete_unit_is_listed_last_without_rank_or_grade() -> None:
    units = [unit("a", None, status="incomplete"), unit("b", 70)]
    assert table(units) == [("b", 1, "合格"), ("a", None, None)]


def test_unit_with_no_total_is_not_ranked() -> None:
    assert table([unit("a", None), unit("b", 70)]) == [("b", 1, "合格"), ("a", None, None)]


def test_each_kind_is_ranked_on_its_own_and_listed_in_scheme_order() -> None:
    units = [
        unit("s-two", 80, "street"),
        unit("b-two", 60),
        unit("s-one", 90, "street"),
        unit("b-one", 95),
    ]
    assert [(u.type, u.id, u.rank) for u in rank(SCHEME, units)] == [
        ("bureau", "b-one", 1),
        ("bureau", "b-two", 2),
        ("street", "s-one", 1),
        ("street", "s-two", 2),
    ]


def test_order_is_kind_then_rank_then_id_then_unranked() -> None:
    units = [
        unit("s-x", None, "street", status="incomplete"),
        unit("s-b", 50, "street", vetoed=True),
        unit("b-y", 70),
        unit("s-a", 70, "street"),
        unit("b-x", 70),
    ]
    assert [(u.id, u.rank) for u in rank(SCHEME, units)] == [
        ("b-x", 1),
        ("b-y", 1),
        ("s-a", 1),
        ("s-b", 2),
        ("s-x", None),
    ]


@pytest.mark.parametrize(
    ("total", "grade"),
    [
        (100, "优秀"),
        (90, "优秀"),
        (89.99, "良好"),
        (80, "良好"),
        (79.99, "合格"),
        (60, "合格"),
        (59.99, "不合格"),
        (0, "不合格"),
    ],
)
def test_grade_bands_include_their_minimum(total: float, grade: str) -> None:
    assert grade_for(SCHEME, total, vetoed=False) == grade


def test_vetoed_unit_gets_the_last_grade() -> None:
    assert grade_for(SCHEME, 100, vetoed=True) == "不合格"


def test_competition_ranks_come_back_in_the_order_given() -> None:
    standings = [(False, 70.0), (True, 99.0), (False, 100.0), (False, 70.0), (True, 10.0)]
    assert competition_ranks(standings) == [2, 4, 1, 2, 5]


def test_a_unit_totalling_exactly_zero_is_ranked_and_graded() -> None:
    # 0.0 is a total, not a missing one: ranked after every positive total, with the last
    # grade, tied with another zero and ahead of an unranked unit.
    units = [
        unit("zero", 0.0),
        unit("low", 0.01),
        unit("also-zero", 0.0),
        unit("none", None, status="incomplete"),
    ]
    assert table(units) == [
        ("low", 1, "不合格"),
        ("also-zero", 2, "不合格"),
        ("zero", 2, "不合格"),
        ("none", None, None),
    ]


def test_a_vetoed_unit_with_a_higher_total_ranks_after_a_zero() -> None:
    units = [unit("vetoed", 95.0, vetoed=True), unit("zero", 0.0)]
    assert table(units) == [("zero", 1, "不合格"), ("vetoed", 2, "不合格")]


def test_grade_of_exactly_zero_is_the_last_grade() -> None:
    assert grade_for(SCHEME, 0.0, vetoed=False) == "不合格"
