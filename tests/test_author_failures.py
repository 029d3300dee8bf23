"""Each failure a new plugin author hit (issue 12), and the message it gives now.

Every test starts from a private copy of the mini evaluation, adds what the
author wrote, runs ``evaluate`` as they would and pins the code, its params
and the words they read (English, ``--lang en``).
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

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
