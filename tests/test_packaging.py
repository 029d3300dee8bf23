"""Where the built-in areas come from: the package evaluator_areas, through entry points.

A clone installed with ``pip install -e .`` and a wheel load them the same
way: as installed plugins. The repository's own ``plugins/`` folder, beside
``criteria/``, is then the same files, and is not loaded a second time.
"""

from __future__ import annotations

import tomllib
from importlib import metadata
from pathlib import Path

from evaluator._plugins.loader import load_plugins

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
AREAS = sorted(
    p.parent.name for p in (ROOT / "plugins").glob("*/__init__.py") if p.parent.name[0] != "_"
)
MINI = ROOT / "tests" / "fixtures" / "mini"


def test_every_package_folder_of_the_engine_is_in_the_wheel() -> None:
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "evaluator").rglob("__init__.py")
    }
    assert found <= listed, sorted(found - listed)


def test_the_plugins_folder_is_the_package_evaluator_areas() -> None:
    assert PYPROJECT["tool"]["setuptools"]["package-dir"]["evaluator_areas"] == "plugins"
    assert "evaluator_areas" in PYPROJECT["tool"]["setuptools"]["packages"]


def test_there_are_seven_areas_each_a_package() -> None:
    assert AREAS == [
        "annual_report",
        "decision_openness",
        "key_area_disclosure",
        "policy_interpretation",
        "responsiveness",
        "safeguards",
        "website",
    ]
    assert not list((ROOT / "plugins").glob("[!_]*.py"))


def test_every_area_package_is_listed_in_the_wheel() -> None:
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    found = {
        ".".join(("evaluator_areas", *init.parent.relative_to(ROOT / "plugins").parts))
        for init in (ROOT / "plugins").rglob("__init__.py")
        if init.parent != ROOT / "plugins"
    }
    assert found <= listed, sorted(found - listed)


def test_every_area_module_is_registered_as_an_entry_point() -> None:
    declared = PYPROJECT["project"]["entry-points"]["evaluator"]
    assert declared == {name: f"evaluator_areas.{name}" for name in AREAS}


def test_the_installed_package_declares_the_same_entry_points() -> None:
    installed = {e.name: e.value for e in metadata.entry_points(group="evaluator")}
    assert {name: installed.get(name) for name in AREAS} == {
        name: f"evaluator_areas.{name}" for name in AREAS
    }


def test_in_a_clone_each_area_loads_once_and_the_folder_is_noted() -> None:
    registry = load_plugins(str(ROOT / "plugins"))
    names = [p.name for p in registry.plugins]
    assert sorted(names) == AREAS
    assert all(p.source.startswith("entry point evaluator_areas.") for p in registry.plugins)
    assert sorted(n.params["plugin"] for n in registry.notes) == AREAS
    assert {n.code for n in registry.notes} == {"plugin.same_file"}
    assert registry.warnings == []


def test_a_plugins_folder_adds_to_the_built_in_areas() -> None:
    registry = load_plugins(str(MINI / "plugins"))
    assert sorted(p.name for p in registry.plugins) == sorted([*AREAS, "demo"])
    assert registry.scorer_plugin["website.homepage_fresh"] == "website"
    assert registry.scorer_plugin["demo.share"] == "demo"


def test_without_entry_points_the_areas_load_as_plain_files() -> None:
    registry = load_plugins(str(ROOT / "plugins"), entry_points=False)
    assert sorted(p.name for p in registry.plugins) == AREAS
    assert all(p.source.startswith(str(ROOT / "plugins")) for p in registry.plugins)


def test_disable_plugin_drops_one_built_in_area() -> None:
    registry = load_plugins(None, disabled=["website"])
    assert sorted(p.name for p in registry.plugins) == [a for a in AREAS if a != "website"]
    assert "website.homepage_fresh" not in registry.scorers
