"""A scheme that leaves plugins out for good (``disable_plugins`` in scheme.yaml).

Each test works on a private copy of the mini evaluation; its demo plugin
provides every scorer, so the plugins left out here are extra files, one of
which fails on import.
"""

from __future__ import annotations

import json
from pathlib import Path

from evaluator._core.model import Message

BROKEN = "raise RuntimeError('imported')\n"


def scheme_line(mini: Path, line: str) -> None:
    """Add a top-level line to the copy's scheme.yaml."""
    scheme = mini / "criteria" / "scheme.yaml"
    scheme.write_text(scheme.read_text(encoding="utf-8") + line, encoding="utf-8")


def with_broken_plugin(mini: Path) -> Path:
    path = mini / "plugins" / "zz_broken.py"
    path.write_text(BROKEN, encoding="utf-8")
    return path


def test_a_plugin_the_scheme_disables_is_never_imported(run_cli, mini_copy: Path) -> None:
    with_broken_plugin(mini_copy)
    args = ("submissions", "--no-entry-points", "--format", "json")
    assert run_cli(*args, cwd=mini_copy).status == 2
    scheme_line(mini_copy, "disable_plugins: [zz_broken]\n")
    run = run_cli(*args, cwd=mini_copy)
    assert run.status == 1  # as the mini evaluation always is: s-bad is invalid
    document = json.loads(run.out)
    assert [p["name"] for p in document["plugins"]] == ["demo"]
    assert document["warnings"] == []


def test_evaluate_plugins_and_validate_leave_it_out_too(run_cli, mini_copy: Path) -> None:
    path = with_broken_plugin(mini_copy)
    scheme_line(mini_copy, "disable_plugins: [zz_broken]\n")
    run = run_cli("plugins", "--no-entry-points", "--lang", "en", cwd=mini_copy)
    assert run.status == 0
    note = Message(
        "plugin.disabled_by_scheme",
        {"plugin": "zz_broken", "source": "plugins/zz_broken.py", "path": "criteria/scheme.yaml"},
    )
    assert f"note: {note.text('en')}" in run.err
    assert str(path.relative_to(mini_copy)) in run.err
    assert run_cli("validate", "submissions", "--no-entry-points", cwd=mini_copy).status == 1
    schema = run_cli("schema", "submission", "--no-entry-points", cwd=mini_copy)
    assert schema.status == 0


def test_a_name_the_scheme_disables_that_no_plugin_has_is_a_warning(
    run_cli, mini_copy: Path
) -> None:
    # the scheme may travel to a machine that never had the plugin: nothing to leave out
    scheme_line(mini_copy, "disable_plugins: [dem0_extra, dmeo]\n")
    run = run_cli("submissions", "--no-entry-points", "--format", "json", cwd=mini_copy)
    assert run.status == 1
    warnings = json.loads(run.out)["warnings"]
    assert [(w["code"], w["params"]["plugin"]) for w in warnings] == [
        ("plugin.disable_unknown_in_scheme", "dem0_extra"),
        ("plugin.disable_unknown_in_scheme", "dmeo"),
    ]
    assert warnings[1]["params"]["suggestion"] == "demo"
    assert warnings[1]["params"]["path"] == "criteria/scheme.yaml"


def test_the_command_line_still_refuses_a_name_no_plugin_has(run_cli, mini_copy: Path) -> None:
    scheme_line(mini_copy, "disable_plugins: [zz_broken]\n")
    run = run_cli("submissions", "--no-entry-points", "--disable-plugin", "dmeo", cwd=mini_copy)
    assert run.status == 2
    assert "--disable-plugin dmeo" in run.err


def test_disable_plugins_that_is_no_list_of_names_is_a_located_scheme_error(
    run_cli, mini_copy: Path
) -> None:
    scheme_line(mini_copy, "disable_plugins: zz_broken\n")
    run = run_cli("submissions", "--no-entry-points", "--lang", "en", cwd=mini_copy)
    assert run.status == 2
    assert "criteria/scheme.yaml:22:18: disable_plugins: expected a list" in run.err


def test_a_scheme_that_cannot_be_read_fails_as_before(run_cli, mini_copy: Path) -> None:
    # the early look at disable_plugins says nothing: the scheme's own load reports it
    scheme_line(mini_copy, "disable_plugins: [zz_broken\n")
    run = run_cli("submissions", "--no-entry-points", "--lang", "en", cwd=mini_copy)
    assert run.status == 2
    assert run.err.startswith("evaluate: error: criteria/scheme.yaml:")
    assert "invalid YAML" in run.err


# ---------------------------------------------------------------- a dimension whose plugin is out

ROOT = Path(__file__).resolve().parents[1]
EXTRA = """\
from evaluator import Outcome, hookimpl, scorer


@scorer("extra.flat")
def flat(ctx):
    return Outcome(ctx.max_points)


@hookimpl
def register_scorers():
    return [flat]
"""


def with_extra_dimension(mini: Path) -> None:
    """The copy with a plugin ``extra`` and a dimension ``more`` scored by it alone."""
    (mini / "plugins" / "extra.py").write_text(EXTRA, encoding="utf-8")
    (mini / "criteria" / "more.yaml").write_text(
        "id: more\nname: 其他\nindicators:\n"
        "  - {id: flat_one, name: 一, scorer: extra.flat, points: 5}\n"
        "  - {id: flat_two, name: 二, scorer: extra.flat, points: 5}\n",
        encoding="utf-8",
    )
    scheme = mini / "criteria" / "scheme.yaml"
    text = scheme.read_text(encoding="utf-8").replace(
        "grades:",
        "  - id: more\n    file: more.yaml\n    weight: {bureau: 10, street: 10}\ngrades:",
    )
    scheme.write_text(text, encoding="utf-8")


def test_disabling_the_plugin_of_a_dimension_still_in_the_scheme_is_one_plain_error(
    run_cli, mini_copy: Path
) -> None:
    with_extra_dimension(mini_copy)
    args = ("submissions", "--no-entry-points", "--lang", "en")
    assert run_cli(*args, cwd=mini_copy).status == 1
    run = run_cli(*args, "--disable-plugin", "extra", cwd=mini_copy)
    assert (run.status, run.out) == (2, "")
    params = {
        "dimension": "more",
        "file": "more.yaml",
        "indicators": ["flat_one", "flat_two"],
        "scorers": ["extra.flat"],
        "plugins": ["extra"],
        "by": ["--disable-plugin"],
    }
    said = Message("scheme.dimension_left_out", params).text("en")
    # located at the dimension's entry in scheme.yaml, the line to take out
    assert run.err == f"evaluate: error: criteria/scheme.yaml:18:5: {said}\n"
    assert "take the dimension out of scheme.yaml" in said


def test_the_error_says_when_the_scheme_itself_left_the_plugin_out(
    run_cli, mini_copy: Path
) -> None:
    with_extra_dimension(mini_copy)
    scheme_line(mini_copy, "disable_plugins: [extra]\n")
    run = run_cli("validate", "submissions", "--no-entry-points", "--lang", "en", cwd=mini_copy)
    assert run.status == 2
    assert "(criteria/scheme.yaml: disable_plugins)" in run.err
    assert run.err.count("evaluate: error:") == 1


def test_a_misspelt_scorer_stays_a_misspelt_scorer_when_a_plugin_is_left_out(
    run_cli, mini_copy: Path
) -> None:
    with_extra_dimension(mini_copy)
    (mini_copy / "criteria" / "work.yaml").write_text(
        (mini_copy / "criteria" / "work.yaml")
        .read_text(encoding="utf-8")
        .replace("demo.tasks", "demo.taks"),
        encoding="utf-8",
    )
    run = run_cli("submissions", "--no-entry-points", "--disable-plugin", "extra", cwd=mini_copy)
    assert run.status == 2
    unknown = Message(
        "scheme.unknown_scorer",
        {
            "scorer": "demo.taks",
            "known": ["demo.check", "demo.share", "demo.tasks"],
            "hint": "hint.did_you_mean",
            "suggestion": "demo.tasks",
        },
    )
    assert f"criteria/work.yaml:10:13: {unknown.text()}" in run.err
    assert "scheme.yaml:18:5" in run.err  # and the dimension left out, on its own line


def test_leaving_out_a_built_in_area_whose_dimension_is_in_the_scheme(run_cli) -> None:
    run = run_cli("submissions/", "--disable-plugin", "website", "--lang", "en", cwd=ROOT)
    assert run.status == 2
    (line,) = run.err.splitlines()  # no unknown scorer per indicator, no facts.yaml noise
    assert "dimension 'website_timeliness' cannot be scored: the plugin website is left out" in line
