"""Each failure a new plugin author hit (issue 12), and the message it gives now.

Every test starts from a private copy of the mini evaluation (or a folder
from ``evaluate init``, where the built-in areas matter), adds what the author
wrote, runs ``evaluate`` as they would and pins the code, its params or the
words they read (English, ``--lang en``): a scorer without ``params=`` taking
any keys, a params default breaking its own schema, an exception in
``check=``, a scorer's error located in the standard library, the table
hiding why a unit is incomplete, ``--plugins-dir`` replacing the built-in
areas, a file plugin and its installed package under one name, a scorer
collision between two packages, ``evaluate plugins`` failing on one broken
plugin.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

SECTIONLESS = """\
from evaluator import Outcome, hookimpl, scorer
{extra}

@scorer("extra.flat", section="demo"{params}{check})
def flat(ctx):
    return Outcome(ctx.max_points)


@hookimpl
def register_scorers():
    return [flat]
"""


def add_plugin(evaluation: Path, params: str = "", check: str = "", extra: str = "") -> Path:
    """``plugins/extra.py`` with one scorer on the demo section."""
    source = SECTIONLESS.format(params=params, check=check, extra=textwrap.dedent(extra))
    path = evaluation / "plugins" / "extra.py"
    path.write_text(source, encoding="utf-8")
    return path


def add_indicator(evaluation: Path, params: str = "") -> None:
    """An indicator of the checks dimension scored by ``extra.flat``."""
    with (evaluation / "criteria" / "checks.yaml").open("a", encoding="utf-8") as criteria:
        criteria.write("  - id: flat\n    name: 平\n    scorer: extra.flat\n    points: 5\n")
        if params:
            criteria.write(f"    params: {params}\n")


def run(run_cli, evaluation: Path, *args: str):  # type: ignore[no-untyped-def]
    return run_cli("submissions", "--no-entry-points", "--lang", "en", *args, cwd=evaluation)


def test_a_scorer_declared_without_params_refuses_any(mini_copy: Path, run_cli) -> None:
    add_plugin(mini_copy)
    add_indicator(mini_copy, "{treshold: 3}")
    done = run(run_cli, mini_copy)
    assert done.status == 2
    assert (
        "criteria/checks.yaml:14:13: params of flat: the scorer extra.flat takes no params "
        "(given: treshold); remove params:"
    ) in done.err


def test_a_params_schema_is_closed_unless_it_says_otherwise(mini_copy: Path, run_cli) -> None:
    schema = '{"type": "object", "properties": {"threshold": {"type": "integer"}}}'
    add_plugin(mini_copy, params=f", params={schema}")
    add_indicator(mini_copy, "{treshold: 3}")
    done = run(run_cli, mini_copy)
    assert done.status == 2
    assert "unknown field 'treshold'" in done.err
    assert "did you mean 'threshold'?" in done.err


def test_a_params_default_that_breaks_its_own_schema_is_refused_at_load(
    mini_copy: Path, run_cli
) -> None:
    schema = '{"type": "object", "properties": {"days": {"type": "integer", "default": "15"}}}'
    add_plugin(mini_copy, params=f", params={schema}")
    done = run(run_cli, mini_copy)
    assert done.status == 2
    assert (
        "error: scorer 'extra.flat' (plugin 'extra'): the default 15 of param 'days' breaks "
        "its own schema: '15' is not of type 'integer'"
    ) in done.err


def test_an_exception_in_a_check_names_plugin_scorer_indicator_and_line(
    mini_copy: Path, run_cli
) -> None:
    path = add_plugin(
        mini_copy,
        check=", check=needs_limit",
        extra="""

        def needs_limit(params, scheme):
            return [] if params["limit"] > 0 else ["limit must be positive"]
        """,
    )
    add_indicator(mini_copy)
    done = run(run_cli, mini_copy)
    assert done.status == 2
    line = (
        path.read_text(encoding="utf-8")
        .splitlines()
        .index('    return [] if params["limit"] > 0 else ["limit must be positive"]')
    )
    assert (
        "criteria/checks.yaml:10:5: params of flat: the check of scorer 'extra.flat' "
        f"(plugin 'extra') raised KeyError: 'limit' at plugins/extra.py:{line + 1}"
    ) in done.err
    assert "unexpected" not in done.err


def test_a_scorers_error_is_located_in_the_plugins_own_line(mini_copy: Path, run_cli) -> None:
    path = mini_copy / "plugins" / "extra.py"
    path.write_text(
        textwrap.dedent(
            """\
            import datetime

            from evaluator import Outcome, hookimpl, scorer


            @scorer("extra.flat", section="demo")
            def flat(ctx):
                datetime.date.fromisoformat("2016-02-30")
                return Outcome(ctx.max_points)


            @hookimpl
            def register_scorers():
                return [flat]
            """
        ),
        encoding="utf-8",
    )
    add_indicator(mini_copy)
    done = run(run_cli, mini_copy, "--format", "json")
    unit = next(u for u in json.loads(done.out)["units"] if u["id"] == "b-alpha")
    (failed,) = [i for i in unit["indicators"] if i["id"] == "flat"]
    (finding,) = failed["findings"]
    assert finding["code"] == "engine.scorer_failed"
    assert finding["params"]["where"] == "plugins/extra.py:8"


def test_the_table_says_in_short_why_a_unit_is_incomplete(mini_copy: Path, run_cli) -> None:
    (mini_copy / "plugins" / "extra.py").write_text(
        SECTIONLESS.format(params="", check="", extra="").replace(
            "return Outcome(ctx.max_points)", "return Outcome(ctx.max_points * ctx.data['x'])"
        ),
        encoding="utf-8",
    )
    add_indicator(mini_copy)
    done = run(run_cli, mini_copy)
    assert done.status == 1
    row = next(line for line in done.out.splitlines() if "b-alpha" in line)
    assert "incomplete: 平 (scorer raised KeyError)" in row


# ---------------------------------------------------------------- loading that composes


@pytest.fixture
def evaluation(run_cli, tmp_path: Path) -> Path:
    """A fresh evaluation folder from ``evaluate init``: the built-in areas score it."""
    assert run_cli("init", "ev", cwd=tmp_path).status == 0
    return tmp_path / "ev"


def test_plugins_dir_adds_to_the_built_in_areas(evaluation: Path, run_cli) -> None:
    extra = evaluation.parent / "extra"
    extra.mkdir()
    (extra / "extra.py").write_text(
        SECTIONLESS.format(params="", check="", extra="").replace('section="demo"', "section=None"),
        encoding="utf-8",
    )
    with (evaluation / "criteria" / "annual_report.yaml").open("a", encoding="utf-8") as file:
        file.write("  - id: flat\n    name: 平\n    scorer: extra.flat\n    points: 5\n")
    done = run_cli("submissions", "--plugins-dir", str(extra), "--format", "json", cwd=evaluation)
    assert done.status == 0, done.err
    units = json.loads(done.out)["units"]
    scored = {i["id"] for u in units for i in u["indicators"] if i["status"] == "ok"}
    assert {"flat", "homepage_fresh", "report_deadline"} <= scored


def test_a_file_plugin_shadowed_by_its_installed_package_is_reported_once(
    evaluation: Path, run_cli
) -> None:
    # an older copy of the installed website plugin, left in the evaluation's plugins/
    import evaluator_areas.website as installed

    copy = Path(installed.__file__).read_text(encoding="utf-8") + "\n# an older copy\n"
    (evaluation / "plugins" / "website.py").write_text(copy, encoding="utf-8")
    done = run_cli("submissions", "--format", "json", "--lang", "en", cwd=evaluation)
    assert done.status == 0, done.err
    warnings = [w for w in json.loads(done.out)["warnings"] if w["code"].startswith("plugin.")]
    assert [(w["code"], w["params"]["plugin"]) for w in warnings] == [
        ("plugin.shadowed", "website")
    ]
    assert warnings[0]["message"].startswith(
        "the plugin file plugins/website.py was not loaded: the installed plugin 'website' "
        "(entry point evaluator_areas.website"
    )
    assert done.err.count("plugins/website.py") == 1


def test_a_scorer_collision_between_packages_names_both_and_one_can_be_dropped(
    evaluation: Path, run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    for dist in ("left", "right"):
        (site / f"{dist}_rates.py").write_text(
            SECTIONLESS.format(params="", check="", extra="")
            .replace("extra.flat", "shared.rate")
            .replace('section="demo"', "section=None"),
            encoding="utf-8",
        )
        info = site / f"evaluator_{dist}-1.0.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: evaluator-{dist}\nVersion: 1.0\n", encoding="utf-8"
        )
        (info / "entry_points.txt").write_text(
            f"[evaluator]\n{dist} = {dist}_rates\n", encoding="utf-8"
        )
    done = run_cli("submissions", "--lang", "en", cwd=evaluation)
    assert done.status == 2
    assert (
        "scorer 'shared.rate' is registered by two plugins: 'left' (entry point left_rates "
        "(evaluator-left 1.0)) and 'right' (entry point right_rates (evaluator-right 1.0)); "
        "drop one with --disable-plugin left or --disable-plugin right"
    ) in done.err
    assert run_cli("submissions", "--disable-plugin", "left", cwd=evaluation).status == 0


def test_evaluate_plugins_lists_a_broken_plugin_beside_the_rest(evaluation: Path, run_cli) -> None:
    (evaluation / "plugins" / "half.py").write_text("def score(ctx:\n", encoding="utf-8")
    done = run_cli("plugins", "--lang", "en", cwd=evaluation)
    assert done.status == 1
    assert "website.homepage_fresh" in done.out
    assert "error: plugin 'half' cannot be loaded: plugins/half.py:1: SyntaxError" in done.err
