"""Points from numbers: goalposts and capped deductions."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from evaluator._core.model import Finding, exact_number

Number = float | int | Fraction | Decimal


def exact_goalpost(value: Fraction, *, full_at: Number, zero_at: Number) -> Fraction:
    """The share of points (0..1) for ``value`` between two goalposts, exactly.

    Full points at or beyond ``full_at``, none at or beyond ``zero_at``, linear
    in between; either way round: a rate where higher is better
    (``full_at=0.95, zero_at=0.70``) or lower is better (``full_at=0,
    zero_at=0.2``). ``value`` is a fraction (``Fraction(resolved,
    dispatched)``), the goalposts are read as decimals, and the share comes out
    exact so that equal true totals tie.
    """
    full, zero = exact_number(full_at), exact_number(zero_at)
    if full == zero:
        raise ValueError("goalposts must differ")
    position = (value - zero) / (full - zero)
    return min(Fraction(1), max(Fraction(0), position))


@dataclass(frozen=True)
class Deduction:
    """A rule broken by some records, costing ``each`` points per record (or once).

    ``each`` is best exact (a ``Fraction`` or ``Decimal``; a ``float`` is read
    as the decimal it prints as). ``params`` are the values its finding's text
    is made of (see :class:`~evaluator._core.model.Finding`); ``message`` may be
    ``""`` when the code has a declared text.
    """

    code: str
    message: str
    records: tuple[str, ...]
    each: Number
    per_record: bool = True
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def amount(self) -> Fraction:
        """What the deduction costs before any cap, exactly."""
        each = exact_number(self.each)
        if not self.records and self.per_record:
            return Fraction(0)
        return each * len(self.records) if self.per_record else each

    def finding(self, deduction: Number | None = None) -> Finding:
        """The finding that names this deduction's records, costing ``deduction``.

        The cost is kept as a float: findings' deductions are only proportions
        to the engine, which apportions the exact points lost over them.
        """
        cost = None if deduction is None else float(deduction)
        return Finding(self.code, self.message, self.records, cost, self.params)


def capped_deductions(
    max_points: Number, deductions: Iterable[Deduction]
) -> tuple[Fraction, tuple[Finding, ...]]:
    """Points left after ``deductions``, which together never take more than ``max_points``.

    Deductions apply in the order given; the one that reaches the cap is
    reported with what it actually cost, later ones with zero, so the findings'
    deductions always add up to the points lost. Arithmetic is exact.
    """
    remaining = exact_number(max_points)
    findings: list[Finding] = []
    for deduction in deductions:
        amount = deduction.amount
        if amount <= 0:
            continue
        cost = min(amount, remaining)
        remaining -= cost
        findings.append(deduction.finding(cost))
    return remaining, tuple(findings)
