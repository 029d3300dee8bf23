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
