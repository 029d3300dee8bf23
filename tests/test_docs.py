"""Documentation cannot drift: every command and option has help and is in README.md,
every hook and every public name a plugin may use is in docs/plugins.md, every hook has a test."""

from __future__ import annotations

import argparse
import ast
import importlib
import inspect
import re
from pathlib import Path

import pytest

from evaluator import hookspecs
from evaluator.cli import SCORE, build_parser, main, subcommands

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
GUIDE = ROOT / "docs" / "plugins.md"
PUBLIC = (
    "evaluator.plugin_api",
    "evaluator.rules",
    "evaluator.testing",
    "evaluator.section_schema",
    "evaluator.working_days",
)

PARSERS = subcommands(build_parser())
SUMMARIES = {
    action.dest: action.help
    for action in next(
        a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)
    )._get_subactions()
}
COMMANDS = [name for name in PARSERS if name != SCORE]
# the scoring command has no name of its own: `evaluate SUBMISSIONS`
COMMAND_LINES = {None: "evaluate submissions", **{name: f"evaluate {name}" for name in COMMANDS}}

HOOKS = sorted(
    name
    for name, function in vars(hookspecs).items()
    if hasattr(function, f"{hookspecs.PROJECT}_spec")
)


@pytest.fixture(scope="module")
def readme() -> str:
    assert README.is_file(), "README.md is missing"
    return README.read_text(encoding="utf-8")


@pytest.mark.parametrize("command", list(COMMAND_LINES))
def test_command_has_help(command: str | None, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main([command, "--help"] if command else ["--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: {COMMAND_LINES[command].split(' submissions')[0]}")
    assert len(out.splitlines()) > 3


@pytest.mark.parametrize("command", list(COMMAND_LINES))
def test_command_is_documented_in_readme(command: str | None, readme: str) -> None:
    assert COMMAND_LINES[command] in readme.lower()


def test_the_parser_has_the_commands_the_docs_know() -> None:
    assert COMMANDS == [
        "report",
        "validate",
        "template",
        "plugins",
        "schema",
        "init",
        "new-plugin",
        "annual-report",
    ]


def test_evaluate_help_lists_every_command_with_its_summary(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    listing = capsys.readouterr().out.split("Other commands", 1)[1].split("Exit status")[0]
    listed = dict(re.findall(r"^  ([a-z-]+) +(\S.*)$", listing, re.MULTILINE))
    assert list(listed) == COMMANDS
    assert listed == {name: SUMMARIES[name] for name in COMMANDS}


def _command_table(readme: str) -> list[str]:
    """The first cell of each row of the README's "Commands" table."""
    section = readme.split("\n## Commands\n", 1)[1].split("\n## ", 1)[0]
    return [
        line.split(" | ")[0].lstrip("| ") for line in section.splitlines() if line.startswith("| `")
    ]


@pytest.mark.parametrize("command", list(COMMAND_LINES))
def test_the_readmes_command_table_names_every_command(command: str | None, readme: str) -> None:
    named = "`evaluate SUBMISSIONS" if command is None else f"`evaluate {command}"
    assert any(cell.startswith(named) for cell in _command_table(readme))


def test_hooks_are_found() -> None:
    assert {"register_scorers", "register_sections"} <= set(HOOKS)


@pytest.mark.parametrize("hook", HOOKS)
def test_hook_has_a_docstring(hook: str) -> None:
    assert inspect.getdoc(getattr(hookspecs, hook))


@pytest.mark.parametrize("hook", HOOKS)
def test_hook_is_documented_in_readme(hook: str, readme: str) -> None:
    assert hook in readme


@pytest.fixture(scope="module")
def guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


OPTIONS = sorted(
    {
        ("" if name == SCORE else name, tuple(action.option_strings))
        for name, parser in PARSERS.items()
        for action in parser._actions
        if action.option_strings
    }
)


@pytest.mark.parametrize(("command", "option"), OPTIONS, ids=lambda o: str(o))
def test_every_option_is_in_the_readme(command: str, option: tuple[str, ...], readme: str) -> None:
    found = [o for o in option if re.search(rf"(?<![\w-]){re.escape(o)}(?![\w-])", readme)]
    assert found, f"evaluate {command} {'/'.join(option)} is not in README.md"


@pytest.mark.parametrize(
    ("module", "name"),
    [(m, n) for m in PUBLIC for n in importlib.import_module(m).__all__],
)
def test_every_public_name_a_plugin_may_use_is_in_the_guide(
    module: str, name: str, guide: str
) -> None:
    mentioned = re.search(rf"`{re.escape(name)}(?!\w)", guide)
    assert mentioned, f"{module}.{name} is not documented in docs/plugins.md"


@pytest.mark.parametrize("hook", HOOKS)
def test_hook_is_documented_in_the_guide(hook: str, guide: str) -> None:
    assert f"`{hook}(" in guide


def _test_functions() -> set[str]:
    names: set[str] = set()
    for path in (ROOT / "tests").rglob("test_*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names |= {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
    return names


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_has_a_test(hook: str) -> None:
    assert f"test_hook_{hook}" in _test_functions()
