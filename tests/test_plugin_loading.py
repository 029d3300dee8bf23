"""How plugins compose: installed packages, then file plugins, names dropped on request.

Installed packages are real distributions here: a ``*.dist-info`` folder with
its entry points on a temporary import path, found by ``importlib.metadata``
exactly as a ``pip install`` would leave them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from evaluator._core.model import Message
from evaluator._plugins.loader import PluginError, load_plugins

SCORER = """\
from evaluator import Outcome, hookimpl, scorer


@scorer("{name}")
def one(ctx):
    return Outcome(ctx.max_points)


@hookimpl
def register_scorers():
    return [one]
"""


def install(site: Path, dist: str, modules: dict[str, str], entry_points: dict[str, str]) -> None:
    """Lay out an installed distribution ``dist`` 1.0 in ``site``, as pip does."""
    site.mkdir(exist_ok=True)
    for module, source in modules.items():
        (site / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    info = site / f"{dist.replace('-', '_')}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.0\n", encoding="utf-8"
    )
    lines = "".join(f"{name} = {value}\n" for name, value in entry_points.items())
    (info / "entry_points.txt").write_text(f"[evaluator]\n{lines}", encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder on the import path where test distributions are installed."""
    folder = tmp_path / "site"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))
    return folder


def mine(found: list[Message], plugin: str) -> list[tuple[str, dict[str, object]]]:
    """The messages about ``plugin``, as code and params."""
    return [(m.code, dict(m.params)) for m in found if m.params.get("plugin") == plugin]


def test_file_plugins_add_to_installed_ones(site: Path, tmp_path: Path) -> None:
    install(
        site,
        "evaluator-alpha",
        {"alpha_mod": SCORER.format(name="alpha.one")},
        {"alpha": "alpha_mod"},
    )
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "extra.py").write_text(SCORER.format(name="extra.one"), encoding="utf-8")
    registry = load_plugins(str(folder))
    assert registry.scorer_plugin["alpha.one"] == "alpha"
    assert registry.scorer_plugin["extra.one"] == "extra"
    sources = {p.name: p.source for p in registry.plugins}
    assert sources["alpha"] == "entry point alpha_mod (evaluator-alpha 1.0)"
    assert sources["extra"] == str(folder / "extra.py")


def test_a_file_that_is_an_installed_plugins_module_is_loaded_once(site: Path) -> None:
    # the folder holding the installed module is also the plugins folder (a clone's
    # plugins/ with `pip install -e .`): the file is the entry point's module
    install(
        site, "evaluator-beta", {"beta_mod": SCORER.format(name="beta.one")}, {"beta": "beta_mod"}
    )
    registry = load_plugins(str(site))
    assert registry.scorer_plugin["beta.one"] == "beta"
    assert "beta_mod" not in {p.name for p in registry.plugins}
    assert mine(registry.notes, "beta") == [
        (
            "plugin.same_file",
            {
                "plugin": "beta",
                "path": str(site / "beta_mod.py"),
                "source": "entry point beta_mod (evaluator-beta 1.0)",
            },
        )
    ]
    assert mine(registry.warnings, "beta") == []


def test_a_copy_of_an_installed_plugin_under_its_name_is_loaded_once(
    site: Path, tmp_path: Path
) -> None:
    install(site, "evaluator-gamma", {"gamma": SCORER.format(name="gamma.one")}, {"gamma": "gamma"})
    folder = tmp_path / "plugins"
    folder.mkdir()
    shutil.copy(site / "gamma.py", folder / "gamma.py")
    registry = load_plugins(str(folder))
    assert registry.scorer_plugin["gamma.one"] == "gamma"
    assert [code for code, _ in mine(registry.notes, "gamma")] == ["plugin.same_file"]
    assert mine(registry.warnings, "gamma") == []


def test_a_file_plugin_shadowed_by_its_installed_package_is_reported_once(
    site: Path, tmp_path: Path
) -> None:
    install(site, "evaluator-delta", {"delta": SCORER.format(name="delta.one")}, {"delta": "delta"})
    folder = tmp_path / "plugins"
    folder.mkdir()
    # an older copy that would fail if it were imported at all
    (folder / "delta.py").write_text("raise RuntimeError('imported')\n", encoding="utf-8")
    registry = load_plugins(str(folder))
    assert registry.scorer_plugin["delta.one"] == "delta"
    assert registry.problems == []
    assert mine(registry.warnings, "delta") == [
        (
            "plugin.shadowed",
            {
                "plugin": "delta",
                "path": str(folder / "delta.py"),
                "source": "entry point delta (evaluator-delta 1.0)",
            },
        )
    ]
    text = registry.warnings[-1].text("en")
    assert "was not loaded" in text and "--disable-plugin delta" in text


def test_disable_plugin_drops_an_installed_plugin_before_it_is_imported(
    site: Path, tmp_path: Path
) -> None:
    install(site, "evaluator-eps", {"eps": "raise RuntimeError('imported')\n"}, {"eps": "eps"})
    with pytest.raises(PluginError):
        load_plugins(None)
    registry = load_plugins(None, disabled=["eps"])
    assert "eps" not in {p.name for p in registry.plugins}
    assert mine(registry.notes, "eps") == [
        ("plugin.disabled", {"plugin": "eps", "source": "entry point eps (evaluator-eps 1.0)"})
    ]


def test_disable_plugin_drops_a_file_plugin(tmp_path: Path) -> None:
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "one.py").write_text(SCORER.format(name="one.one"), encoding="utf-8")
    (folder / "two.py").write_text(SCORER.format(name="two.one"), encoding="utf-8")
    registry = load_plugins(str(folder), entry_points=False, disabled=["two"])
    assert list(registry.scorers) == ["one.one"]


def test_disabling_a_plugin_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "one.py").write_text(SCORER.format(name="one.one"), encoding="utf-8")
    with pytest.raises(PluginError) as info:
        load_plugins(str(folder), entry_points=False, disabled=["on"])
    assert [(p.code, dict(p.params)) for p in info.value.problems] == [
        (
            "plugin.disable_unknown",
            {"plugin": "on", "known": ["one"], "hint": "hint.did_you_mean", "suggestion": "one"},
        )
    ]


def test_a_scorer_collision_between_packages_names_both_and_one_can_be_dropped(
    site: Path,
) -> None:
    install(site, "evaluator-left", {"left": SCORER.format(name="shared.rate")}, {"left": "left"})
    install(
        site, "evaluator-right", {"right": SCORER.format(name="shared.rate")}, {"right": "right"}
    )
    with pytest.raises(PluginError) as info:
        load_plugins(None)
    (problem,) = [p for p in info.value.problems if p.params.get("name") == "shared.rate"]
    assert (problem.code, problem.params["first"], problem.params["second"]) == (
        "plugin.collision",
        "left",
        "right",
    )
    assert problem.params["first_source"] == "entry point left (evaluator-left 1.0)"
    assert problem.params["second_source"] == "entry point right (evaluator-right 1.0)"
    registry = load_plugins(None, disabled=["left"])
    assert registry.scorer_plugin["shared.rate"] == "right"


def test_two_packages_with_one_plugin_name_are_named_with_their_sources(site: Path) -> None:
    install(site, "evaluator-one", {"one_mod": SCORER.format(name="x.one")}, {"same": "one_mod"})
    install(site, "evaluator-two", {"two_mod": SCORER.format(name="x.two")}, {"same": "two_mod"})
    with pytest.raises(PluginError) as info:
        load_plugins(None)
    (problem,) = [p for p in info.value.problems if p.params.get("name") == "same"]
    assert problem.code == "plugin.collision"
    assert problem.params["kind"] == "word.plugin_name"
    assert problem.params["first_source"] == "entry point one_mod (evaluator-one 1.0)"
    assert problem.params["second_source"] == "entry point two_mod (evaluator-two 1.0)"


def test_one_of_two_packages_with_one_plugin_name_is_dropped_by_its_distribution(
    site: Path,
) -> None:
    install(site, "evaluator-one", {"one_mod": SCORER.format(name="x.one")}, {"same": "one_mod"})
    install(site, "evaluator-two", {"two_mod": SCORER.format(name="x.two")}, {"same": "two_mod"})
    with pytest.raises(PluginError) as info:
        load_plugins(None)
    (problem,) = [p for p in info.value.problems if p.params.get("name") == "same"]
    # the advice names each exactly: a bare name would drop both
    assert (problem.params["drop_first"], problem.params["drop_second"]) == (
        "same@evaluator-one",
        "same@evaluator-two",
    )
    assert problem.text("en").endswith(
        "drop one with --disable-plugin same@evaluator-one or --disable-plugin same@evaluator-two"
    )
    for chosen, kept in (("same@evaluator-one", "x.two"), ("same@evaluator-two", "x.one")):
        registry = load_plugins(None, disabled=[chosen])
        assert sorted(registry.scorers.keys() & {"x.one", "x.two"}) == [kept]
        assert registry.scorer_plugin[kept] == "same"
        assert [m.params["source"] for m in registry.notes if m.code == "plugin.disabled"] == [
            f"entry point {'one' if kept == 'x.two' else 'two'}_mod "
            f"(evaluator-{'one' if kept == 'x.two' else 'two'} 1.0)"
        ]
    assert load_plugins(None, disabled=["same"]).scorers.keys() & {"x.one", "x.two"} == set()


@pytest.mark.parametrize("where", ["evaluator_one", "Evaluator.One", "one_mod"])
def test_name_at_where_takes_the_distribution_however_spelt_or_the_module(
    site: Path, where: str
) -> None:
    install(site, "evaluator-one", {"one_mod": SCORER.format(name="x.one")}, {"same": "one_mod"})
    install(site, "evaluator-two", {"two_mod": SCORER.format(name="x.two")}, {"same": "two_mod"})
    scorers = load_plugins(None, disabled=[f"same@{where}"]).scorers
    assert sorted(scorers.keys() & {"x.one", "x.two"}) == ["x.two"]


def test_name_at_path_drops_a_file_plugin_however_the_path_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "one.py").write_text(SCORER.format(name="one.one"), encoding="utf-8")
    (folder / "two.py").write_text(SCORER.format(name="two.one"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for written in (str(folder / "two.py"), "plugins/two.py", "./plugins/../plugins/two.py"):
        registry = load_plugins("plugins", entry_points=False, disabled=[f"two@{written}"])
        assert list(registry.scorers) == ["one.one"], written


def test_name_at_a_place_the_plugin_is_not_lists_where_each_of_that_name_is(site: Path) -> None:
    install(site, "evaluator-one", {"one_mod": SCORER.format(name="x.one")}, {"same": "one_mod"})
    with pytest.raises(PluginError) as info:
        load_plugins(None, disabled=["same@evaluator-uno"])
    (problem,) = info.value.problems
    assert (problem.code, problem.params["plugin"]) == (
        "plugin.disable_unknown",
        "same@evaluator-uno",
    )
    assert problem.params["known"] == ["same@evaluator-one"]
    assert problem.params["suggestion"] == "same@evaluator-one"


def test_the_command_drops_one_of_two_plugins_of_one_name_as_advised(
    site: Path, run_cli, tmp_path: Path
) -> None:
    install(site, "evaluator-one", {"one_mod": SCORER.format(name="x.one")}, {"same": "one_mod"})
    install(site, "evaluator-two", {"two_mod": SCORER.format(name="x.two")}, {"same": "two_mod"})
    run = run_cli("plugins", "--lang", "en", cwd=tmp_path)
    assert run.status == 1
    assert "--disable-plugin same@evaluator-two" in run.err
    run = run_cli("plugins", "--json", "--disable-plugin", "same@evaluator-two", cwd=tmp_path)
    assert run.status == 0
    assert "x.one" in run.out and "x.two" not in run.out


def test_a_hook_implemented_with_arguments_the_hook_does_not_have(tmp_path: Path) -> None:
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "args.py").write_text(
        "from evaluator import hookimpl\n\n\n@hookimpl\ndef register_scorers(scheme):\n"
        "    return []\n",
        encoding="utf-8",
    )
    with pytest.raises(PluginError) as info:
        load_plugins(str(folder), entry_points=False)
    (problem,) = info.value.problems
    assert (problem.code, problem.params["plugin"]) == ("plugin.bad_hook", "args")
    assert "scheme" in problem.params["problem"]
    assert "\n" not in problem.text("en")


def test_an_installed_plugin_failing_on_import_names_its_own_line(site: Path) -> None:
    install(
        site,
        "evaluator-zeta",
        {"zeta": "import datetime\n\nSTART = datetime.date.fromisoformat('2016-02-30')\n"},
        {"zeta": "zeta"},
    )
    with pytest.raises(PluginError) as info:
        load_plugins(None)
    (problem,) = [p for p in info.value.problems if p.params.get("plugin") == "zeta"]
    assert problem.code == "plugin.import_failed"
    assert problem.params["where"].endswith("zeta.py:3")
    assert problem.params["error"].startswith("ValueError")


def test_the_command_takes_disable_plugin(run_cli, tmp_path: Path) -> None:
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "one.py").write_text(SCORER.format(name="one.one"), encoding="utf-8")
    (folder / "broken.py").write_text("raise RuntimeError('broken')\n", encoding="utf-8")
    args = ["plugins", "--plugins-dir", str(folder), "--no-entry-points", "--lang", "en"]
    assert run_cli(*args).status == 1
    run = run_cli(*args, "--disable-plugin", "broken")
    assert run.status == 0
    assert "one.one" in run.out
    assert "note: plugin 'broken'" in run.err
    run = run_cli(*args, "--disable-plugin", "brokn")
    assert run.status == 2
    assert (
        "--disable-plugin brokn: no such plugin; did you mean 'broken'? (plugins: broken, one)"
    ) in run.err


def test_a_plugin_package_imports_its_siblings_relatively(tmp_path: Path) -> None:
    folder = tmp_path / "plugins"
    (folder / "_shared").mkdir(parents=True)
    (folder / "_shared" / "__init__.py").write_text("", encoding="utf-8")
    (folder / "_shared" / "points.py").write_text("FULL = 7\n", encoding="utf-8")
    (folder / "split").mkdir()
    (folder / "split" / "rules.py").write_text(
        "from .._shared.points import FULL\n\nPOINTS = FULL\n", encoding="utf-8"
    )
    (folder / "split" / "__init__.py").write_text(
        textwrap.dedent(
            """\
            from evaluator import Outcome, hookimpl, scorer

            from .rules import POINTS


            @scorer("split.one")
            def one(ctx):
                return Outcome(POINTS)


            @hookimpl
            def register_scorers():
                return [one]
            """
        ),
        encoding="utf-8",
    )
    registry = load_plugins(str(folder), entry_points=False)
    assert [p.name for p in registry.plugins] == ["split"]  # _shared is no plugin
    assert registry.scorer_plugin["split.one"] == "split"
    assert {p.name: p.source for p in registry.plugins}["split"] == str(folder / "split")
    outcome = registry.scorers["split.one"].score(None)  # type: ignore[arg-type]
    assert outcome.points == 7


def test_a_folder_without_init_is_no_plugin(tmp_path: Path) -> None:
    folder = tmp_path / "plugins"
    (folder / "examples").mkdir(parents=True)
    (folder / "examples" / "stray.py").write_text(SCORER.format(name="stray.one"))
    (folder / "one.py").write_text(SCORER.format(name="one.one"), encoding="utf-8")
    registry = load_plugins(str(folder), entry_points=False)
    assert [p.name for p in registry.plugins] == ["one"]


def test_two_folders_plugins_of_one_name_stay_apart(tmp_path: Path) -> None:
    for number in (1, 2):
        package = tmp_path / f"folder{number}" / "same"
        package.mkdir(parents=True)
        (package / "__init__.py").write_text(SCORER.format(name=f"same.v{number}"))
        registry = load_plugins(str(package.parent), entry_points=False)
        assert set(registry.scorers) == {f"same.v{number}"}


def test_the_built_in_areas_score_alike_as_installed_and_as_a_plugins_folder(
    tmp_path: Path,
) -> None:
    root = Path(__file__).resolve().parents[1]
    runs = {
        "installed": ["submissions/"],
        "folder": ["--no-entry-points", "--plugins-dir", "plugins", "submissions/"],
    }
    outputs = {}
    for name, args in runs.items():
        done = subprocess.run(
            [sys.executable, "-m", "evaluator", *args, "--detail", "--format", "json"],
            cwd=root,
            capture_output=True,
            env={**os.environ, "SOURCE_DATE_EPOCH": "0"},
            check=False,
        )
        assert done.returncode == 0, done.stderr.decode()
        outputs[name] = done.stdout
    assert outputs["installed"] == outputs["folder"]
    assert b'"key_area_disclosure"' in outputs["installed"]
