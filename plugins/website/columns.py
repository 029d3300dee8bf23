"""The column rule's sums: the veto lines, the capped deductions, and what each claim puts at stake.

A unit's columns come to three counts (stale columns of a veto kind, stale
columns of any kind with an interval, blank columns); the veto lines and the
deductions are worked out from them alone, so the points under another reading
of a claim are the same sums with one column's counts changed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from evaluator import exact_number

from .._disclosure.claims import Counts, Score
from .checks import ColumnVerdict

CLAIM_TRUSTED = "audit.column_kind"
CLAIM_UNCONFIRMED = "audit.column_kind_unconfirmed"


def counts_of(verdict: ColumnVerdict, kind: str, veto_kinds: Sequence[str]) -> Counts:
    """What one column's verdict, as a column of ``kind``, adds to the counts: a stale
    column of a veto kind, a stale column, a blank column (each 0 or 1)."""
    stale = verdict[1] is not None
    return int(stale and kind in veto_kinds), int(stale), int(verdict[2] is not None)


VetoLine = tuple[int, int, str, str]
"""A veto line reached: the count, the line, what was counted in Chinese and in English."""


def veto_lines(p: Mapping[str, Any], counts: Counts) -> list[VetoLine]:
    """The census's veto lines (普查评分表“栏目不更新”) the counts reach."""
    veto_stale, stale, blank = counts
    lines = (
        (
            veto_stale,
            p["veto_stale_columns"],
            "个动态、通知公告或政策类栏目未及时更新",
            " news, notice or policy columns not up to date",
        ),
        (
            stale,
            p["veto_unupdated_columns"],
            "个应更新栏目未及时更新",
            " columns due for an update not up to date",
        ),
        (blank, p["veto_blank_columns"], "个空白栏目", " blank columns"),
    )
    return [line for line in lines if line[0] >= line[1]]


def column_score(p: Mapping[str, Any], whole: Fraction) -> Score:
    """The indicator's points and whether it vetoes, from the counts: 0 and a veto at any
    line, else the whole less each stale and blank column's deduction, never below 0 (as
    :func:`~evaluator.rules.capped_deductions` takes them)."""
    per_stale = exact_number(p["deduction_per_stale"])
    per_blank = exact_number(p["deduction_per_blank"])

    def score(counts: Counts) -> tuple[Fraction, bool]:
        if veto_lines(p, counts):
            return Fraction(0), True
        _, stale, blank = counts
        return max(whole - stale * per_stale - blank * per_blank, Fraction(0)), False

    return score
