"""Loading plugins from files and entry points; every broken plugin is named and located."""

from __future__ import annotations

import json
import sys
import textwrap
import types
from importlib import metadata
from pathlib import Path

import pytest

from evaluator import Outcome, Scorer, ScoringContext, hookimpl
from evaluator._core.model import Message
from evaluator._plugins import loader as plugins
from evaluator._plugins.loader import PluginError, load_plugins

MINI = Path(__file__).parent / "fixtures" / "mini"

ONE_SCORER = """\
from evaluator import Outcome, hookimpl, scorer


@scorer("{name}")
def one(ctx):
    return Outcome(ctx.max_points)


@hookimpl
def register_scorers():
    return [one]
"""


def write(folder: Path, name: str, source: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return path


def problems(folder: Path) -> list[Message]:
    with pytest.raises(PluginError) as info:
        load_plugins(str(folder), entry_points=False)
    return info.value.problems


def pinned(found: list[Message]) -> list[tuple[str, dict[str, object]]]:
    """Each problem's code and params, as tests pin them."""
    return [(m.code, dict(m.params)) for m in found]


def test_file_plugin_is_loaded_with_what_it_provides(tmp_path: Path) -> None:
    path = write(tmp_path / "plugins", "counting.py", ONE_SCORER.format(name="count.one"))
    registry = load_plugins(str(tmp_path / "plugins"), entry_points=False)
    assert list(registry.scorers) == ["count.one"]
    assert registry.scorer_plugin == {"count.one": "counting"}
    (info,) = registry.plugins
    assert (info.name, info.scorers, info.hooks) == (
        "counting",
        ("count.one",),
        ("register_scorers",),
    )
    assert info.source == str(path)


def test_files_starting_with_underscore_or_dot_are_skipped(tmp_path: Path) -> None:
    write(tmp_path / "plugins", "_shared.py", "raise RuntimeError('not a plugin')\n")
    write(tmp_path / "plugins", ".hidden.py", "raise RuntimeError('not a plugin')\n")
    assert load_plugins(str(tmp_path / "plugins"), entry_points=False).plugins == []


def test_missing_plugins_folder_loads_nothing(tmp_path: Path) -> None:
    assert load_plugins(str(tmp_path / "absent"), entry_points=False).scorers == {}


def test_same_file_name_in_another_folder_is_another_plugin(tmp_path: Path) -> None:
    write(tmp_path / "a", "area.py", ONE_SCORER.format(name="a.one"))
    write(tmp_path / "b", "area.py", ONE_SCORER.format(name="b.one"))
    assert list(load_plugins(str(tmp_path / "a"), entry_points=False).scorers) == ["a.one"]
    assert list(load_plugins(str(tmp_path / "b"), entry_points=False).scorers) == ["b.one"]


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path / "plugins", "typo.py", "import os\n\ndef broken(:\n    pass\n")
    (problem,) = problems(tmp_path / "plugins")
    assert problem.code == "plugin.import_failed"
    assert (problem.params["plugin"], problem.params["where"]) == ("typo", f"{path}:3")
    assert problem.params["error"].startswith("SyntaxError")


def test_error_at_import_names_file_and_line(tmp_path: Path) -> None:
    path = write(
        tmp_path / "plugins",
        "needs_config.py",
        """\
        import os

        SETTINGS = {}
        TOKEN = SETTINGS["token"]
        """,
    )
    assert pinned(problems(tmp_path / "plugins")) == [
        (
            "plugin.import_failed",
            {
                "plugin": "needs_config",
                "source": str(path),
                "where": f"{path}:4",
                "error": "KeyError: 'token'",
            },
        )
    ]
    assert not [name for name in sys.modules if name.endswith(".needs_config")]


def test_one_broken_plugin_among_good_ones_stops_the_load(tmp_path: Path) -> None:
    write(tmp_path / "plugins", "good.py", ONE_SCORER.format(name="good.one"))
    write(tmp_path / "plugins", "bad.py", "raise ImportError('no module named pandas')\n")
    (problem,) = problems(tmp_path / "plugins")
    assert problem.params["where"].endswith("bad.py:1")
    assert problem.params["error"] == "ImportError: no module named pandas"


def test_misspelled_hook_is_an_error_naming_the_known_hooks(tmp_path: Path) -> None:
    write(
        tmp_path / "plugins",
        "misspelt.py",
        """\
        from evaluator import hookimpl


        @hookimpl
        def register_scorer():
            return []
        """,
    )
    (problem,) = problems(tmp_path / "plugins")
    assert problem.code == "plugin.unknown_hook"
    assert (problem.params["plugin"], problem.params["hook"]) == ("misspelt", "register_scorer")
    assert problem.params["suggestion"] == "register_scorers"
    assert "register_scorers" in problem.params["known"]
    assert "register_scorer" not in problem.params["known"]
    assert "did you mean 'register_scorers'?" in problem.text("en")


DECLARING = """\
from evaluator import Finding, Outcome, hookimpl, scorer


@scorer("count.one", codes={codes})
def one(ctx):
    return Outcome(ctx.max_points)


@hookimpl
def register_scorers():
    return [one]


@hookimpl
def register_messages():
    return {{"count.short": {{"zh": "少了", "en": "short"}}}}
"""


def test_a_declared_finding_code_without_a_text_stops_loading(tmp_path: Path) -> None:
    codes = '("count.short", "count.shrot", "integrity.duplicate_id", "engine.no_data")'
    write(tmp_path / "plugins", "counting.py", DECLARING.format(codes=codes))
    # its own texts, a shared text and an engine text all count; a misspelling does not
    assert pinned(problems(tmp_path / "plugins")) == [
        (
            "plugin.code_without_text",
            {
                "plugin": "counting",
                "scorer": "count.one",
                "code": "count.shrot",
                "hint": "hint.did_you_mean",
                "suggestion": "count.short",
            },
        )
    ]


def test_declared_codes_load_and_are_listed_by_evaluate_plugins(run_cli, tmp_path: Path) -> None:
    write(tmp_path / "plugins", "counting.py", DECLARING.format(codes='{"count.short": 1}'))
    registry = load_plugins(str(tmp_path / "plugins"), entry_points=False)
    assert registry.scorers["count.one"].codes == ("count.short",)
    run = run_cli("plugins", "--json", "--no-entry-points", cwd=tmp_path)
    assert json.loads(run.out)["scorers"]["count.one"]["codes"] == ["count.short"]
    other = tmp_path / "other"
    write(other / "plugins", "counting.py", ONE_SCORER.format(name="count.one"))
    run = run_cli("plugins", "--json", "--no-entry-points", cwd=other)
    assert json.loads(run.out)["scorers"]["count.one"]["codes"] is None  # not declared


def test_two_plugins_registering_one_scorer_name(tmp_path: Path) -> None:
    first = write(tmp_path / "plugins", "first.py", ONE_SCORER.format(name="shared.one"))
    second = write(tmp_path / "plugins", "second.py", ONE_SCORER.format(name="shared.one"))
    (problem,) = problems(tmp_path / "plugins")
    assert pinned([problem]) == [
        (
            "plugin.collision",
            {
                "kind": "word.scorer",
                "name": "shared.one",
                "first": "first",
                "first_source": str(first),
                "second": "second",
                "second_source": str(second),
                "plugin": "second",
                "drop_first": "first",
                "drop_second": "second",
            },
        )
    ]
    text = problem.text("en")
    assert str(first) in text and str(second) in text
    assert text.endswith("drop one with --disable-plugin first or --disable-plugin second")


def test_two_plugins_registering_one_section(tmp_path: Path) -> None:
    section = """\
    from evaluator import Section, hookimpl


    @hookimpl
    def register_sections():
        return [Section("website", {"type": "object"})]
    """
    write(tmp_path / "plugins", "site_a.py", section)
    write(tmp_path / "plugins", "site_b.py", section)
    (problem,) = problems(tmp_path / "plugins")
    assert problem.code == "plugin.collision"
    assert (problem.params["kind"], problem.params["name"]) == ("word.section", "website")
    assert (problem.params["first"], problem.params["second"]) == ("site_a", "site_b")


def test_plugin_may_not_define_the_unit_section(tmp_path: Path) -> None:
    write(
        tmp_path / "plugins",
        "unit_thief.py",
        """\
        from evaluator import Section, hookimpl


        @hookimpl
        def register_sections():
            return [Section("unit", {"type": "object"})]
        """,
    )
    assert pinned(problems(tmp_path / "plugins")) == [
        ("plugin.reserved_section", {"plugin": "unit_thief"})
    ]


def test_hook_returning_something_else_than_scorers(tmp_path: Path) -> None:
    write(
        tmp_path / "plugins",
        "loose.py",
        """\
        from evaluator import hookimpl


        def score(ctx):
            return None


        @hookimpl
        def register_scorers():
            return [score]
        """,
    )
    (problem,) = problems(tmp_path / "plugins")
    assert problem.code == "plugin.wrong_item"
    assert (problem.params["plugin"], problem.params["hook"]) == ("loose", "register_scorers")
    assert problem.params["item"].startswith("<function score")
    assert problem.params["expected"] == "Scorer"


def test_hook_that_raises(tmp_path: Path) -> None:
    write(
        tmp_path / "plugins",
        "raising.py",
        """\
        from evaluator import hookimpl


        @hookimpl
        def register_scorers():
            raise ValueError("bad table")
        """,
    )
    (problem,) = problems(tmp_path / "plugins")
    assert problem.code == "plugin.hook_failed"
    params = problem.params
    assert (params["plugin"], params["hook"]) == ("raising", "register_scorers")
    assert params["error"] == "ValueError: bad table"
    assert params["where"] == f"{tmp_path / 'plugins' / 'raising.py'}:6"


def test_invalid_params_schema_is_refused(tmp_path: Path) -> None:
    write(
        tmp_path / "plugins",
        "schema_typo.py",
        """\
        from evaluator import Outcome, hookimpl, scorer


        @scorer("typo.one", params={"type": "objekt"})
        def one(ctx):
            return Outcome(0)


        @hookimpl
        def register_scorers():
            return [one]
        """,
    )
    (problem,) = problems(tmp_path / "plugins")
    assert problem.code == "plugin.bad_schema"
    assert {k: problem.params[k] for k in ("plugin", "kind", "name", "what")} == {
        "plugin": "schema_typo",
        "kind": "word.scorer",
        "name": "typo.one",
        "what": "word.params_schema",
    }
    assert problem.params["problem"].startswith("at type:")


# ---------------------------------------------------------------- entry points


def _full(ctx: ScoringContext) -> Outcome:
    return Outcome(ctx.max_points)


class _Installed:
    """An installed plugin object, as an entry point would load it."""

    @hookimpl
    def register_scorers(self) -> list[Scorer]:
        return [Scorer("installed.full", _full)]


def test_entry_point_plugin_is_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType("evaluator_test_installed")
    module.plugin = _Installed()  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "evaluator_test_installed", module)
    entry = metadata.EntryPoint("installed", "evaluator_test_installed:plugin", "evaluator")
    monkeypatch.setattr(plugins.metadata, "entry_points", lambda group: [entry])
    registry = load_plugins(None)
    assert registry.scorer_plugin == {"installed.full": "installed"}
    assert registry.plugins[0].source == "entry point evaluator_test_installed:plugin"
    assert registry.problems == registry.warnings == registry.notes == []


def test_entry_point_that_fails_to_load_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    entry = metadata.EntryPoint("ghost", "evaluator_test_no_such_module:plugin", "evaluator")
    monkeypatch.setattr(plugins.metadata, "entry_points", lambda group: [entry])
    with pytest.raises(PluginError) as info:
        load_plugins(None)
    (problem,) = info.value.problems
    assert problem.code == "plugin.import_failed"
    assert problem.params["plugin"] == "ghost"
    assert problem.params["source"] == "entry point evaluator_test_no_such_module:plugin"
    assert problem.params["error"].startswith("ModuleNotFoundError")


# ---------------------------------------------------------------- evaluate plugins


def test_plugins_command_lists_name_scorers_sections_and_hooks(run_cli) -> None:
    run = run_cli("plugins", "--no-entry-points")
    assert run.status == 0
    lines = run.out.splitlines()
    assert lines[0].split() == ["plugin", "version", "scorers", "sections", "hooks", "source"]
    row = lines[2].split()
    assert row[:4] == ["demo", "-", "demo.check", "demo"]
    assert "register_scorers," in row
    assert "register_sections" in row
    # one scorer per line: the other two follow on their own lines
    assert [line.split() for line in lines[3:5]] == [["demo.share"], ["demo.tasks"]]


def test_plugins_command_as_json(run_cli) -> None:
    run = run_cli("plugins", "--json", "--no-entry-points")
    assert run.status == 0
    (demo,) = json.loads(run.out)["plugins"]
    assert demo["name"] == "demo"
    assert demo["scorers"] == ["demo.check", "demo.share", "demo.tasks"]
    assert demo["sections"] == ["demo"]
    assert demo["hooks"] == ["register_scorers", "register_sections"]
    assert demo["source"].endswith("demo.py")


def test_plugins_json_describes_each_scorer_and_its_params(run_cli) -> None:
    run = run_cli("plugins", "--json", "--no-entry-points")
    scorers = json.loads(run.out)["scorers"]
    assert sorted(scorers) == ["demo.check", "demo.share", "demo.tasks"]
    check = scorers["demo.check"]
    assert check["plugin"] == "demo"
    assert check["section"] == "demo"
    assert check["description"].startswith("Full points when ok is true")
    assert check["params"]["properties"] == {"strict": {"type": "boolean"}}
    assert (check["vetoes"], scorers["demo.share"]["vetoes"]) == (True, False)


def test_plugins_command_lists_a_broken_plugin_with_its_error_and_the_rest(
    run_cli, tmp_path: Path
) -> None:
    path = write(tmp_path / "plugins", "typo.py", "def broken(:\n")
    write(tmp_path / "plugins", "good.py", ONE_SCORER.format(name="good.one"))
    run = run_cli(
        "plugins", "--plugins-dir", str(tmp_path / "plugins"), "--no-entry-points", "--lang", "en"
    )
    assert run.status == 1
    assert "good.one" in run.out
    assert f"error: plugin 'typo' cannot be loaded: {path}:1: SyntaxError" in run.err
    assert "Traceback" not in run.err


def test_plugins_command_as_json_lists_problems_with_code_and_params(
    run_cli, tmp_path: Path
) -> None:
    write(tmp_path / "plugins", "typo.py", "def broken(:\n")
    write(tmp_path / "plugins", "good.py", ONE_SCORER.format(name="good.one"))
    run = run_cli(
        "plugins", "--json", "--plugins-dir", str(tmp_path / "plugins"), "--no-entry-points"
    )
    assert run.status == 1
    listed = json.loads(run.out)
    assert [p["name"] for p in listed["plugins"]] == ["good"]
    (problem,) = listed["problems"]
    assert (problem["code"], problem["params"]["plugin"]) == ("plugin.import_failed", "typo")


def test_plugins_command_says_where_to_look_when_none_are_found(run_cli, tmp_path: Path) -> None:
    run = run_cli("plugins", "--no-entry-points", cwd=tmp_path)
    assert run.status == 0
    assert "no plugins loaded" in run.err and "--plugins-dir" in run.err


def test_plugins_command_takes_the_plugins_beside_given_criteria(run_cli, tmp_path: Path) -> None:
    run = run_cli(
        "plugins", "--no-entry-points", "--criteria", str(MINI / "criteria"), cwd=tmp_path
    )
    assert run.status == 0
    assert "demo.share" in run.out


def test_scorer_reading_a_section_nobody_registers_is_an_error(tmp_path: Path) -> None:
    write(
        tmp_path / "plugins",
        "typo.py",
        """\
        from evaluator import Outcome, hookimpl, scorer


        @scorer("typo.one", section="websit")
        def one(ctx):
            return Outcome(ctx.max_points)


        @hookimpl
        def register_scorers():
            return [one]
        """,
    )
    assert pinned(problems(tmp_path / "plugins")) == [
        (
            "plugin.unknown_section",
            {"plugin": "typo", "scorer": "typo.one", "section": "websit", "known": ["-"]},
        )
    ]
