"""The one parser: a subcommand per command, scoring without a command word, shared options."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from evaluator._core.model import Message
from evaluator.cli import SCORE, build_parser, parse, subcommands

PARSERS = subcommands(build_parser())
CRITERIA_OPTIONS = (
    "--criteria",
    "--plugins-dir",
    "--no-entry-points",
    "--disable-plugin",
    "--max-file-size",
)


def _option(command: str, flag: str) -> tuple[object, ...]:
    """What a user sees of an option: its flags, default, choices, metavar and help."""
    action = PARSERS[command]._option_string_actions[flag]
    return (
        tuple(action.option_strings),
        repr(action.default),
        action.choices and tuple(action.choices),
        action.metavar,
        action.help,
    )


def test_arguments_without_a_command_word_are_scorings() -> None:
    assert parse(["submissions/", "--detail"]).command == SCORE
    assert parse(["validate", "submissions/"]).command == "validate"


def test_a_folder_named_like_the_hidden_scoring_command_is_a_folder(run_cli) -> None:
    run = run_cli("score")
    assert run.status == 2
    assert Message("cli.no_such_folder", {"folder": "score"}).text() in run.err


def test_an_unknown_argument_is_told_under_its_commands_usage(run_cli) -> None:
    run = run_cli("validate", "submissions", "extra")
    assert run.status == 2
    assert run.err.startswith("usage: evaluate validate ")
    assert "evaluate validate: error: unrecognized arguments: extra" in run.err


def test_an_unknown_scoring_argument_is_told_under_evaluates_usage(run_cli) -> None:
    run = run_cli("submissions", "extra")
    assert run.status == 2
    assert run.err.startswith("usage: evaluate [-h]")
    assert "evaluate: error: unrecognized arguments: extra" in run.err


def test_report_scores_a_folder_named_like_a_command(
    run_cli, mini_copy: Path, tmp_path: Path
) -> None:
    shutil.move(mini_copy / "submissions", mini_copy / "validate")
    run = run_cli("report", "validate", "-o", str(tmp_path / "report"), cwd=mini_copy)
    assert run.status == 1, run.err  # the mini evaluation holds one invalid submission
    assert (tmp_path / "report" / "index.html").is_file()


@pytest.mark.parametrize("command", list(PARSERS))
def test_every_command_takes_lang_and_debug(command: str) -> None:
    assert {"--lang", "--debug"} <= set(PARSERS[command]._option_string_actions)


def test_the_criteria_options_are_the_same_wherever_they_are_taken() -> None:
    taking = [
        name for name, parser in PARSERS.items() if "--criteria" in parser._option_string_actions
    ]
    taking_all = [SCORE, "report", "validate", "template", "plugins", "schema", "annual-report"]
    assert taking == taking_all
    for flag in CRITERIA_OPTIONS:
        assert len({_option(name, flag) for name in taking}) == 1, flag


def test_report_takes_scorings_worker_and_report_options_as_they_are() -> None:
    for flag in ("--jobs", "--no-progress", "--baseline", "--template", "--lang"):
        assert _option("report", flag) == _option(SCORE, flag), flag
