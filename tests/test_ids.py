"""Unit ids match without regard to case, through one function (issue 19).

Each place an id is matched has its test here or beside its feature: facts
(tests/test_facts.py), entries of the submissions folder (tests/hostile/cases.yaml
``units.ids_equal_but_for_case_both_reported``), a checklist's ``units``, an
earlier results file (tests/test_baseline_checks.py) and feedback pages
(tests/test_feedback_unscored.py).
"""

from __future__ import annotations

from evaluator._core.ids import id_key, id_twins, keyed_by_id, same_id
from evaluator._core.model import ChecklistItem


def test_id_key_folds_case_the_unicode_way() -> None:
    assert id_key("XC-DASHILAN") == id_key("xc-dashilan") == "xc-dashilan"
    assert same_id("STRASSE", "straße")  # casefold, not lower: ß is ss
    assert not same_id("xc-a", "xc-b")


def test_keyed_by_id_finds_a_unit_written_in_another_case() -> None:
    found = keyed_by_id({"XC-Finance": 1, "xc-health": 2})
    assert found.get(id_key("xc-finance")) == 1
    assert found.get(id_key("XC-HEALTH")) == 2


def test_id_twins_names_every_spelling_in_order() -> None:
    assert id_twins(["hp-dup", "b", "HP-DUP", "c"]) == {"hp-dup": ["hp-dup", "HP-DUP"]}
    assert id_twins(["a", "b"]) == {}


def test_a_checklist_item_for_named_units_binds_them_whatever_the_case() -> None:
    item = ChecklistItem("fiscal-budget", "部门预算", "财政预决算", units=("xc-finance",))
    assert item.required_of("XC-FINANCE", "bureau")
    assert not item.required_of("xc-health", "bureau")
