"""The area scorers' own checks of their params, run when the criteria are loaded.

Each test breaks one line of a private copy of the real criteria/ and expects
the load to stop (exit status 2 on the command line) naming the indicator.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from evaluator._core.model import InputError
from evaluator._plugins.loader import load_plugins
from evaluator._scheme.criteria import SchemeError, load_scheme

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def criteria(tmp_path: Path) -> Path:
    target = tmp_path / "criteria"
    shutil.copytree(ROOT / "criteria", target)
    return target


def load_errors(criteria: Path) -> list[str]:
    registry = load_plugins(str(ROOT / "plugins"), entry_points=False)
    with pytest.raises(SchemeError) as info:
        load_scheme(str(criteria), registry)
    errors: list[InputError] = info.value.errors
    # a scorer's own check words its problems itself (English: its author's text)
    assert all(e.code == "scheme.params_check" for e in errors)
    return [
        f"{e.params['indicator']} ({e.params['scorer']}): {e.params['problem']}" for e in errors
    ]


def replace(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == count, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_shipped_criteria_pass_every_check(criteria: Path) -> None:
    registry = load_plugins(str(ROOT / "plugins"), entry_points=False)
    assert load_scheme(str(criteria), registry).id == "xicheng-2016"


def test_a_misspelt_checklist_is_named_before_any_unit_is_scored(criteria: Path) -> None:
    replace(criteria / "key_area_disclosure.yaml", "street: street-2016", "street: street-2106", 3)
    errors = load_errors(criteria)
    assert len(errors) == 3  # one per key-area indicator
    assert all(
        "checklists.street: no checklist 'street-2106' (known: bureau-2016, street-2016)" in e
        for e in errors
    )


def test_a_checklist_for_an_unknown_kind_is_named(criteria: Path) -> None:
    replace(criteria / "key_area_disclosure.yaml", "street: street-2016", "stret: street-2016", 3)
    assert all("checklists: unknown unit kind 'stret'" in e for e in load_errors(criteria))


def test_regimes_must_cover_the_schemes_regime(criteria: Path) -> None:
    replace(criteria / "scheme.yaml", "regime: ogi-2008", "regime: auto")
    replace(criteria / "responsiveness.yaml", "        ogi-2019:", "        ogi-2O19:")
    (error,) = load_errors(criteria)
    assert "regimes: no limits for 'ogi-2019', the scheme's regime" in error


def test_goalposts_that_coincide_are_named(criteria: Path) -> None:
    replace(
        criteria / "responsiveness.yaml",
        "response:     {full_at: 0.95, zero_at: 0.70, weight: 1}",
        "response:     {full_at: 0.70, zero_at: 0.70, weight: 1}",
    )
    (error,) = load_errors(criteria)
    assert "rates.response: full_at and zero_at are both 0.7" in error


def test_regimes_must_cover_the_law_in_force_whatever_the_schemes_regime(criteria: Path) -> None:
    # A 2019 scheme fixed to ogi-2019 still judges requests received from 2018-01-01 to
    # 2019-05-14 under the 2008 regulation, so its limits must be given.
    replace(criteria / "scheme.yaml", "regime: ogi-2008", "regime: ogi-2019")
    replace(criteria / "scheme.yaml", "year: 2016", "year: 2019")
    replace(criteria / "scheme.yaml", "as_of: 2017-01-10", "as_of: 2020-01-10")
    replace(criteria / "responsiveness.yaml", "        ogi-2008:", "        ogi-2O08:")
    (error,) = load_errors(criteria)
    assert (
        "regimes: no limits for 'ogi-2008', in force for requests received between "
        "2018-01-01 and 2020-01-10"
    ) in error


def test_appeal_goalposts_that_coincide_are_named(criteria: Path) -> None:
    replace(criteria / "responsiveness.yaml", "full_at: 0.0 ", "full_at: 0.2 ")
    (error,) = load_errors(criteria)
    assert error.endswith("(responsiveness.appeals): full_at and zero_at are both 0.2")
