"""``evaluate new-plugin NAME``: a plugin package whose tests pass once it is installed.

The package is built into a wheel and unpacked on a temporary import path,
as ``pip install`` lays it out (CI installs it for real, in a fresh virtual
environment); its own tests then run with pytest, and the example evaluation
with ``evaluate``, in fresh processes.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from packaging.utils import InvalidName, canonicalize_name
from strict_types import mypy_strict

from evaluator._core.model import Message
from evaluator._scaffold.new_plugin import name_problem, plugin_names

BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``evaluate new-plugin budget_tables`` run in a fresh folder."""
    root = tmp_path_factory.mktemp("new-plugin")
    done = subprocess.run(
        [sys.executable, "-m", "evaluator", "new-plugin", "budget_tables", "--title", "预算公开表"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return root / "evaluator-budget-tables"


@pytest.fixture(scope="module")
def installed(package: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """An environment in which the package is installed as its pyproject.toml says.

    Its metadata and entry points, read from the generated ``pyproject.toml``,
    go in a ``*.dist-info`` folder on the import path, beside its ``src/``: what
    ``pip install -e`` leaves, without a build (CI installs it for real).
    """
    project = tomllib.loads((package / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    site = tmp_path_factory.mktemp("site")
    info = site / f"{project['name'].replace('-', '_')}-{project['version']}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {project['name']}\nVersion: {project['version']}\n",
        encoding="utf-8",
    )
    groups = project["entry-points"]
    (info / "entry_points.txt").write_text(
        "".join(
            f"[{group}]\n" + "".join(f"{k} = {v}\n" for k, v in points.items())
            for group, points in groups.items()
        ),
        encoding="utf-8",
    )
    environment = dict(os.environ)
    paths = [str(site), str(package / "src"), environment.get("PYTHONPATH", "")]
    environment["PYTHONPATH"] = os.pathsep.join(paths)
    return environment


def test_it_writes_a_ready_package(package: Path) -> None:
    written = sorted(str(p.relative_to(package)) for p in package.rglob("*") if p.is_file())
    assert written == [
        "README.md",
        "example/criteria/budget_tables.yaml",
        "example/criteria/scheme.yaml",
        "example/submissions/example-unit.yaml",
        "pyproject.toml",
        "src/evaluator_budget_tables/__init__.py",
        "tests/test_budget_tables.py",
    ]
    pyproject = (package / "pyproject.toml").read_text(encoding="utf-8")
    assert 'budget_tables = "evaluator_budget_tables"' in pyproject
    assert "[project.entry-points.evaluator]" in pyproject


def test_the_plugin_declares_its_texts_titles_and_closed_params(package: Path) -> None:
    source = (package / "src" / "evaluator_budget_tables" / "__init__.py").read_text("utf-8")
    assert "def register_messages()" in source
    assert 'titled(DATE, "完成日期")' in source and 'title="预算公开表"' in source
    assert "params(" in source and "Fraction(" in source


def test_the_generated_code_is_lint_clean(package: Path) -> None:
    for command in (["check", "--no-cache", "."], ["format", "--check", "--no-cache", "."]):
        done = subprocess.run(
            [str(BIN / "ruff"), *command], cwd=package, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stdout + done.stderr


def test_its_tests_pass_once_installed(package: Path, installed: dict[str, str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=package,
        env=installed,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "8 passed" in done.stdout


def test_its_example_evaluation_scores_with_the_installed_plugin(
    package: Path, installed: dict[str, str]
) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "evaluator", "submissions/", "--format", "json"],
        cwd=package / "example",
        env=installed,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert '"budget_tables.late"' in done.stdout
    listed = subprocess.run(
        [sys.executable, "-m", "evaluator", "plugins"],
        cwd=package,
        env=installed,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "entry point evaluator_budget_tables (evaluator-budget-tables 0.1.0)" in listed.stdout


def test_the_generated_code_passes_mypy_strict(package: Path, tmp_path: Path) -> None:
    # as the package's own pyproject.toml runs it (strict, src/ and tests/), and strict
    # again on the command line, whatever that file comes to say
    done = mypy_strict(cwd=package, cache=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("name", ["demo-check", "Demo.Check", "demo_check", "DEMO__check"])
def test_names_packaging_holds_equal_make_one_plugin(run_cli, tmp_path: Path, name: str) -> None:
    run = run_cli("new-plugin", name, cwd=tmp_path)
    assert run.status == 0, run.err
    package = tmp_path / "evaluator-demo-check"
    assert (package / "src" / "evaluator_demo_check" / "__init__.py").is_file()
    assert (package / "tests" / "test_demo_check.py").is_file()
    project = tomllib.loads((package / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["name"] == "evaluator-demo-check"
    assert project["entry-points"]["evaluator"] == {"demo_check": "evaluator_demo_check"}
    source = (package / "src" / "evaluator_demo_check" / "__init__.py").read_text("utf-8")
    assert 'SECTION = "demo_check"' in source
    assert '@scorer("demo_check.on_time"' in source


@pytest.mark.parametrize(
    ("name", "code", "params"),
    [
        ("", "cli.plugin_name_empty", {}),
        ("budget tables", "cli.plugin_name_character", {"character": " "}),
        ("预算表", "cli.plugin_name_character", {"character": "预"}),
        ("budget/tables", "cli.plugin_name_character", {"character": "/"}),
        ("-budget", "cli.plugin_name_edge", {}),
        ("budget_", "cli.plugin_name_edge", {}),
        ("2tables", "cli.plugin_name_start", {"plugin": "2tables"}),
        ("Class", "cli.plugin_name_keyword", {"plugin": "class"}),
        ("Unit", "cli.plugin_name_reserved", {"plugin": "unit"}),
        ("b" * 41, "cli.plugin_name_long", {"plugin": "b" * 41, "limit": 40}),
    ],
)
def test_a_name_that_cannot_name_a_plugin_is_refused_with_the_reason(
    run_cli, tmp_path: Path, name: str, code: str, params: dict[str, object]
) -> None:
    problem = name_problem(name)
    assert problem is not None
    assert problem.code == code
    assert params.items() <= problem.params.items()
    run = run_cli("new-plugin", "--lang", "en", "--", name, cwd=tmp_path)
    assert run.status == 2
    assert problem.text("en") in run.err
    assert "cannot name a plugin" in run.err
    assert list(tmp_path.iterdir()) == []


def test_forty_characters_are_still_a_plugin_name() -> None:
    assert name_problem("b" * 40) is None


@settings(max_examples=300, database=None)
@given(st.text(alphabet="aZ09._- é/", max_size=8))
def test_packaging_and_new_plugin_agree_on_names(name: str) -> None:
    try:
        canonical = canonicalize_name(name, validate=True)
    except InvalidName:
        problem = name_problem(name)
        assert problem is not None
        assert problem.code in {
            "cli.plugin_name_empty",
            "cli.plugin_name_character",
            "cli.plugin_name_edge",
        }
        return
    assert plugin_names(name).plugin == canonical.replace("-", "_")
    assert plugin_names(name).distribution == "evaluator-" + canonical
    problem = name_problem(name)
    assert problem is None or problem.code in {
        "cli.plugin_name_start",
        "cli.plugin_name_keyword",
        "cli.plugin_name_reserved",
        "cli.plugin_name_taken",
    }


def test_a_refusal_is_worded_in_chinese_by_default(run_cli, tmp_path: Path) -> None:
    run = run_cli("new-plugin", "budget tables", cwd=tmp_path)
    said = Message("cli.plugin_name_character", {"name": "budget tables", "character": " "})
    assert said.text("zh") in run.err


def test_an_installed_plugins_name_is_refused(run_cli, tmp_path: Path) -> None:
    run = run_cli("new-plugin", "website", "--lang", "en", cwd=tmp_path)
    assert run.status == 2
    assert "an installed plugin is already called 'website'" in run.err


def test_it_never_writes_into_a_folder_in_use(run_cli, tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("mine", encoding="utf-8")
    run = run_cli("new-plugin", "budget_tables", "-o", "mine", "--lang", "en", cwd=tmp_path)
    assert run.status == 2
    assert "mine: exists and is not an empty folder" in run.err
