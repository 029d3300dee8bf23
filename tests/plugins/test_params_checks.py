"""The area scorers' own checks of their params, run when the criteria are loaded.

Each test breaks one line of a private copy of the real criteria/ and expects
the load to stop (exit status 2 on the command line) naming the indicator.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

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


def load_errors(criteria: Path) -> list[tuple[str, str, dict[str, Any]]]:
    """Each problem the scorers' checks found: the indicator, the problem's code and params."""
    registry = load_plugins(str(ROOT / "plugins"), entry_points=False)
    with pytest.raises(SchemeError) as info:
        load_scheme(str(criteria), registry)
    errors: list[InputError] = info.value.errors
    # a coded problem, worded from the plugin's texts in both languages
    assert all(e.code == "scheme.params_problem" for e in errors)
    assert all(e.params["text_zh"] != e.params["text_en"] for e in errors)
    return [(e.params["indicator"], e.params["problem"], e.params["values"]) for e in errors]


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
    values = {
        "param": "checklists.street",
        "checklist": "street-2106",
        "known": ["bureau-2016", "street-2016"],
    }
    # one per key-area indicator
    assert [(problem, found) for _, problem, found in errors] == [
        ("key_area.checklist_unknown", values)
    ] * 3
    assert [indicator for indicator, _, _ in errors] == [
        "coverage",
        "timeliness",
        "designated_column",
    ]


def test_a_checklist_for_an_unknown_kind_is_named(criteria: Path) -> None:
    replace(criteria / "key_area_disclosure.yaml", "street: street-2016", "stret: street-2016", 3)
    values = {"param": "checklists", "kind": "stret", "kinds": ["bureau", "street"]}
    assert {(p, str(v)) for _, p, v in load_errors(criteria)} == {
        ("key_area.checklist_kind_unknown", str(values))
    }


def test_regimes_must_cover_the_schemes_regime(criteria: Path) -> None:
    replace(criteria / "scheme.yaml", "regime: ogi-2008", "regime: auto")
    replace(criteria / "responsiveness.yaml", "        ogi-2019:", "        ogi-2O19:")
    (error,) = load_errors(criteria)
    assert error[1:] == ("requests.regime_missing", {"param": "regimes", "regime": "ogi-2019"})


def test_goalposts_that_coincide_are_named(criteria: Path) -> None:
    replace(
        criteria / "responsiveness.yaml",
        "completion:   {full_at: 0.85, zero_at: 0.55, weight: 1}",
        "completion:   {full_at: 0.55, zero_at: 0.55, weight: 1}",
    )
    (error,) = load_errors(criteria)
    assert error[1:] == (
        "responsiveness.goalposts_coincide",
        {
            "full_at": "rates.completion.full_at",
            "zero_at": "rates.completion.zero_at",
            "value": 0.55,
        },
    )


def test_regimes_must_cover_the_law_in_force_whatever_the_schemes_regime(criteria: Path) -> None:
    # A 2019 scheme fixed to ogi-2019 still judges requests received from 2018-01-01 to
    # 2019-05-14 under the 2008 regulation, so its limits must be given.
    replace(criteria / "scheme.yaml", "regime: ogi-2008", "regime: ogi-2019")
    replace(criteria / "scheme.yaml", "year: 2016", "year: 2019")
    replace(criteria / "scheme.yaml", "as_of: 2017-01-10", "as_of: 2020-01-10")
    replace(criteria / "responsiveness.yaml", "        ogi-2008:", "        ogi-2O08:")
    (error,) = load_errors(criteria)
    assert error[1:] == (
        "requests.regime_in_force_missing",
        {
            "param": "regimes",
            "regime": "ogi-2008",
            "received_from": "2018-01-01",
            "received_to": "2020-01-10",
        },
    )


def test_appeal_goalposts_that_coincide_are_named(criteria: Path) -> None:
    replace(criteria / "responsiveness.yaml", "full_at: 0.0 ", "full_at: 0.2 ")
    (error,) = load_errors(criteria)
    assert error == (
        "appeals",
        "responsiveness.goalposts_coincide",
        {"full_at": "full_at", "zero_at": "zero_at", "value": 0.2},
    )


def test_the_checks_problems_read_in_both_languages(criteria: Path) -> None:
    replace(criteria / "responsiveness.yaml", "full_at: 0.0 ", "full_at: 0.2 ")
    registry = load_plugins(str(ROOT / "plugins"), entry_points=False)
    with pytest.raises(SchemeError) as info:
        load_scheme(str(criteria), registry)
    (error,) = info.value.errors
    assert error.text("en") == (
        "params of appeals (responsiveness.appeals): full_at and zero_at are both 0.2: "
        "no rate can be placed between them"
    )
    assert error.text("zh") == (
        "指标 appeals 的参数（responsiveness.appeals）：参数 full_at 与 zero_at 相同（均为 0.2），"
        "无法在两者之间按比例计分"
    )


def test_dated_incident_limits_must_run_in_order(criteria: Path) -> None:
    # 80号's entry dated on 61号's day: the second must start after the first.
    replace(criteria / "responsiveness.yaml", '- from: "2016-11-15"', '- from: "2016-08-12"')
    (error,) = load_errors(criteria)
    assert error == (
        "incidents",
        "incidents.limits_out_of_order",
        {"param": "limits[1].from", "day": "2016-08-12", "before": "2016-08-12"},
    )
