"""Exact points in the types a plugin author writes: a ``Finding``'s deduction, a ``Deduction``.

Scorers compute points as fractions (so that equal true totals tie); the
types of what carries them must say so, or ``mypy --strict`` refuses an
author's correct code.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from types import MappingProxyType

from strict_types import mypy_strict

from evaluator import Finding
from evaluator._scoring.score import apportion
from evaluator.rules import Deduction, capped_deductions

AUTHOR = """\
from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType

from evaluator import Finding
from evaluator.rules import Deduction

THIRD = Finding("demo.late", deduction=Fraction(1, 3))
TENTH = Finding("demo.late", deduction=Decimal("0.1"))
WHOLE = Finding("demo.late", deduction=2)
EACH = Deduction(
    "demo.late", "", ("R1",), Fraction(1, 3), params=MappingProxyType({"id": "R1"})
)
CAPPED = EACH.finding(Fraction(1, 3))
"""


def test_exact_deductions_pass_mypy_strict(tmp_path: Path) -> None:
    author = tmp_path / "author.py"
    author.write_text(AUTHOR, encoding="utf-8")
    done = mypy_strict(author, cwd=tmp_path, cache=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr


def test_fraction_deductions_are_apportioned_to_the_points_lost() -> None:
    findings = [Finding("a", deduction=Fraction(1, 3)), Finding("b", deduction=Fraction(2, 3))]
    shown = apportion(findings, Fraction(1), 2)
    assert [f.deduction for f in shown] == [0.33, 0.67]


def test_a_deduction_takes_read_only_params_and_exact_amounts() -> None:
    each = Deduction("a", "", ("R1", "R2"), Fraction(1, 3), params=MappingProxyType({"n": 2}))
    left, (finding,) = capped_deductions(Fraction(1, 2), [each])
    assert left == 0
    assert finding.deduction == 0.5
    assert finding.params == {"n": 2}
