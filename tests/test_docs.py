"""Documentation cannot drift: every command has help and is in README.md, every hook too."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from evaluator import hookspecs
from evaluator.cli import COMMANDS, main

README = Path(__file__).resolve().parents[1] / "README.md"

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


def test_hooks_are_found() -> None:
    assert {"register_scorers", "register_sections"} <= set(HOOKS)


@pytest.mark.parametrize("hook", HOOKS)
def test_hook_has_a_docstring(hook: str) -> None:
    assert inspect.getdoc(getattr(hookspecs, hook))


@pytest.mark.parametrize("hook", HOOKS)
def test_hook_is_documented_in_readme(hook: str, readme: str) -> None:
    assert hook in readme
