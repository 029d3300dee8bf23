"""The integer forms of scoring's exact arithmetic give what the fractions gave (hypothesis).

Rounding half-up, adding a unit's points and splitting an indicator's lost points
over its findings are worked in integers, for speed; each is checked here against
the plain :class:`~fractions.Fraction` form it replaced, kept below as the reference.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from evaluator._core.model import Finding, exact_sum, round_half_up
from evaluator._scoring.score import _apportioned

SETTINGS = settings(max_examples=300, deadline=None, derandomize=True, database=None)

FRACTIONS = st.fractions(max_denominator=10**6)
DEDUCTIONS = st.one_of(
    st.floats(min_value=1e-6, max_value=100, allow_nan=False, allow_infinity=False),
    st.fractions(min_value=Fraction(1, 1000), max_value=100, max_denominator=1000),
    st.decimals(min_value=Decimal("0.001"), max_value=100, places=3),
    st.integers(min_value=1, max_value=100),
    st.just(0.1),
)


def _rounded(value: Fraction, places: int) -> float:
    """round_half_up as it was: in fractions."""
    scaled = value * 10**places
    magnitude = math.floor(abs(scaled) + Fraction(1, 2))
    return float(Fraction(magnitude if scaled >= 0 else -magnitude, 10**places))


def _split(deductions: list[float | Fraction | Decimal], lost: Fraction, places: int) -> list[int]:
    """The largest-remainder split as it was: a fraction per finding."""
    target = math.floor(lost * 10**places + Fraction(1, 2))
    if len(set(deductions)) == 1:
        base, left = divmod(target, len(deductions))
        return [base + (1 if k < left else 0) for k in range(len(deductions))]
    weights = [Fraction(d) for d in deductions]
    whole = sum(weights, Fraction(0))
    quotas = [target * w / whole for w in weights]
    shares = [math.floor(q) for q in quotas]
    left = target - sum(shares)
    for k in sorted(range(len(weights)), key=lambda k: (-(quotas[k] - shares[k]), k))[:left]:
        shares[k] += 1
    return shares


@SETTINGS
@given(FRACTIONS, st.integers(min_value=0, max_value=6))
def test_rounding_half_up_in_integers_is_the_rounding_in_fractions(
    value: Fraction, places: int
) -> None:
    assert round_half_up(value, places) == _rounded(value, places)


@SETTINGS
@given(st.integers(min_value=-(10**6), max_value=10**6), st.integers(min_value=0, max_value=4))
def test_a_value_on_a_half_rounds_away_from_zero(units: int, places: int) -> None:
    value = Fraction(2 * units + 1, 2 * 10**places)  # exactly halfway between two steps
    assert round_half_up(value, places) == _rounded(value, places)
    assert abs(round_half_up(value, places)) == (abs(units) + (units >= 0)) / 10**places


@SETTINGS
@given(st.lists(FRACTIONS, max_size=40))
def test_a_sum_in_integers_is_the_sum_of_the_fractions(values: list[Fraction]) -> None:
    total = exact_sum(values)
    assert type(total) is Fraction and total == sum(values, Fraction(0))


@SETTINGS
@given(
    st.lists(DEDUCTIONS, min_size=1, max_size=30),
    st.fractions(min_value=0, max_value=100, max_denominator=1000),
    st.integers(min_value=0, max_value=4),
)
def test_the_split_in_integers_is_the_split_in_fractions(
    deductions: list[float | Fraction | Decimal], lost: Fraction, places: int
) -> None:
    findings = [Finding("c", records=(str(k),), deduction=d) for k, d in enumerate(deductions)]
    shares = _apportioned(findings, lost, places)
    assert list(shares) == list(range(len(deductions)))
    assert list(shares.values()) == _split(deductions, lost, places)
