"""The plugin author's kit, evaluator.testing: a scorer run as the engine runs it."""

from __future__ import annotations

import datetime as dt
import textwrap
from fractions import Fraction
from pathlib import Path

import pytest

from evaluator import testing
from evaluator._core.frozen import ReadOnlyError
from evaluator._core.model import Unit
from evaluator._plugins.loader import PluginError

FIXTURES = Path(__file__).parent / "fixtures"
DEMO = FIXTURES / "mini" / "plugins" / "demo.py"

RATES = '''\
"""A small plugin with every part a kit test needs."""

from fractions import Fraction

from evaluator import Finding, Outcome, Section, hookimpl, scorer
from evaluator.section_schema import COUNT, DATE, params, record_schema

SECTION = Section(
    "rates",
    record_schema(
        {
            "done": {**COUNT, "title": "完成数"},
            "due": {**COUNT, "title": "应完成数"},
            "checked_on": {**DATE, "title": "检查日期"},
        },
        required=["done", "due"],
    ),
    title="完成率",
)


def _at_least_one(settings, scheme):
    return [] if settings["minimum"] >= 1 else ["minimum must be at least 1"]


@scorer(
    "rates.share",
    section="rates",
    params=params({"minimum": COUNT, "since": DATE}, {"minimum": 1}),
    check=_at_least_one,
)
def share(ctx):
    """Points in proportion to done / due."""
    due, done = ctx.data["due"], min(ctx.data["done"], ctx.data["due"])
    if due < ctx.params["minimum"]:
        return Outcome.not_applicable("too few due", code="rates.too_few")
    missing = due - done
    findings = []
    for n in range(missing):
        finding = Finding("rates.short", records=(f"item-{n}",), deduction=1, params={"n": n})
        findings.append(finding)
    return Outcome(Fraction(ctx.max_points) * done / due, tuple(findings))


@scorer("rates.broken", section="rates")
def broken(ctx):
    return Outcome(ctx.data["missing"])


@hookimpl
def register_sections():
    return [SECTION]


@hookimpl
def register_scorers():
    return [share, broken]


@hookimpl
def register_messages():
    return {"rates.short": {"zh": "第{n}项未完成", "en": "item {n} not done"}}
'''


@pytest.fixture
def rates(tmp_path: Path) -> testing.PluginUnderTest:
    path = tmp_path / "rates.py"
    path.write_text(RATES, encoding="utf-8")
    return testing.load_plugin(path)


# ---------------------------------------------------------------- loading


def test_a_plugin_file_loads_as_the_engine_loads_it(rates: testing.PluginUnderTest) -> None:
    assert sorted(rates.scorers) == ["rates.broken", "rates.share"]
    assert list(rates.sections) == ["rates"]
    assert list(rates.plugins) == ["rates"]
    assert rates.registry.scorer_plugin["rates.share"] == "rates"
    assert "rates.short" in rates.catalogue


def test_an_imported_module_loads_too(rates: testing.PluginUnderTest) -> None:
    module = rates.plugins["rates"]
    again = testing.load_plugin(module)
    assert list(again.plugins) == ["rates"]
    assert sorted(again.scorers) == ["rates.broken", "rates.share"]


def test_a_plugin_the_engine_would_refuse_is_refused_with_its_codes(tmp_path: Path) -> None:
    path = tmp_path / "bad_default.py"
    path.write_text(
        textwrap.dedent(
            """\
            from evaluator import Outcome, hookimpl, scorer

            @scorer("bad.one", params={"type": "object", "properties": {
                "days": {"type": "integer", "default": "15"}}})
            def one(ctx):
                return Outcome(0)

            @hookimpl
            def register_scorers():
                return [one]
            """
        ),
        encoding="utf-8",
    )
    with pytest.raises(PluginError) as info:
        testing.load_plugin(path)
    assert [p.code for p in info.value.problems] == ["plugin.bad_default"]


def test_an_unknown_scorer_name_lists_the_loaded_ones(rates: testing.PluginUnderTest) -> None:
    with pytest.raises(KeyError, match=r"rates\.broken, rates\.share"):
        rates.scorer("rates.shar")


# ---------------------------------------------------------------- context


def test_context_converts_dates_written_either_way_and_fills_defaults(
    rates: testing.PluginUnderTest,
) -> None:
    for written in ("2016-12-30", dt.date(2016, 12, 30)):
        ctx = rates.context("rates.share", {"done": 3, "due": 4, "checked_on": written})
        assert ctx.data["checked_on"] == dt.date(2016, 12, 30)
        assert dict(ctx.params) == {"minimum": 1}
    assert (ctx.year, ctx.as_of, ctx.unit) == (2016, dt.date(2017, 1, 10), testing.DEFAULT_UNIT)


def test_context_data_and_params_are_read_only(rates: testing.PluginUnderTest) -> None:
    ctx = rates.context("rates.share", {"done": 3, "due": 4}, params={"since": "2016-01-01"})
    assert ctx.params["since"] == dt.date(2016, 1, 1)
    with pytest.raises(ReadOnlyError):
        ctx.data["done"] = 4
    with pytest.raises(ReadOnlyError):
        ctx.params["minimum"] = 0


def test_context_refuses_data_a_run_would_refuse(rates: testing.PluginUnderTest) -> None:
    with pytest.raises(testing.InvalidInput) as info:
        rates.context("rates.share", {"done": 3, "due": 4, "checked": "2016-12-30"})
    (error,) = info.value.errors
    assert (error.code, error.params["field"], error.params["suggestion"]) == (
        "schema.unknown_field",
        "checked",
        "checked_on",
    )
    assert "did you mean 'checked_on'?" in str(info.value)


def test_context_refuses_params_a_run_would_refuse(rates: testing.PluginUnderTest) -> None:
    with pytest.raises(testing.InvalidInput) as info:
        rates.context("rates.share", {"done": 1, "due": 1}, params={"minimun": 2})
    assert [e.code for e in info.value.errors] == ["scheme.params"]
    with pytest.raises(testing.InvalidInput) as info:
        rates.context("rates.share", {"done": 1, "due": 1}, params={"minimum": 0})
    assert [(e.code, e.params["problem"]) for e in info.value.errors] == [
        ("scheme.params_check", "minimum must be at least 1")
    ]
    with pytest.raises(testing.InvalidInput) as info:
        rates.context("rates.broken", {"done": 1, "due": 1}, params={"x": 1})
    assert [e.code for e in info.value.errors] == ["scheme.no_params"]


def test_context_refuses_params_a_coded_check_refuses_worded_from_the_plugins_texts() -> None:
    from evaluator_areas import annual_report

    kit = testing.load_plugin(annual_report)
    due = {"ogi-2008": {"bureau": "03-31"}}  # no date for streets
    with pytest.raises(testing.InvalidInput) as info:
        kit.context("annual_report.deadline", {"year": 2015}, params={"due": due})
    (error,) = info.value.errors
    assert (error.code, error.params["problem"], error.params["values"]) == (
        "scheme.params_problem",
        "annual_report.due_kind_missing",
        {"param": "due.ogi-2008", "kind": "street"},
    )
    assert error.params["text_en"] == "due.ogi-2008: no date for unit kind 'street'"


def test_context_refuses_a_unit_of_a_kind_the_scheme_does_not_have(
    rates: testing.PluginUnderTest,
) -> None:
    with pytest.raises(testing.InvalidInput) as info:
        rates.context("rates.share", {"done": 1, "due": 1}, unit=Unit("x", "某", "county"))
    assert [e.code for e in info.value.errors] == ["unit.type_unknown"]


def test_context_without_the_section_is_no_context_a_run_gives(
    rates: testing.PluginUnderTest,
) -> None:
    with pytest.raises(ValueError, match="score\\(\\)"):
        rates.context("rates.share", None)


def test_unknown_settings_are_named(rates: testing.PluginUnderTest) -> None:
    with pytest.raises(TypeError, match="max_point"):
        rates.context("rates.share", {"done": 1, "due": 1}, max_point=10)


def test_other_sections_must_be_loaded_to_be_given(rates: testing.PluginUnderTest) -> None:
    with pytest.raises(testing.InvalidInput) as info:
        rates.context("rates.share", {"done": 1, "due": 1}, submission={"website": {}})
    assert [e.params["field"] for e in info.value.errors] == ["website"]


# ---------------------------------------------------------------- score


def test_score_runs_the_engine_findings_worded_merged_and_deductions_apportioned(
    rates: testing.PluginUnderTest,
) -> None:
    result = rates.score("rates.share", {"done": 0, "due": 3}, max_points=10, lang="en")
    assert (result.status, result.exact) == ("ok", Fraction(0))
    # three findings of one code, one record each: one finding naming the three
    assert testing.codes(result) == ["rates.short"]
    (short,) = result.findings
    assert short.message == "item 0 not done; item 1 not done; item 2 not done"
    assert short.records == ("item-0", "item-1", "item-2")
    # 10 points lost, shown as the separate findings' 3.34 + 3.33 + 3.33
    assert short.deduction == 10
    assert short.record_shares() == (Fraction(10, 3),) * 3


def test_score_gives_exact_points(rates: testing.PluginUnderTest) -> None:
    result = rates.score("rates.share", {"done": 2, "due": 3}, max_points=10)
    assert result.exact == Fraction(20, 3)
    assert testing.finding(result, "rates.short").records == ("item-0",)


def test_score_without_the_section_is_the_engines_no_data(rates: testing.PluginUnderTest) -> None:
    result = rates.score("rates.share", None, max_points=10)
    assert (result.status, testing.codes(result)) == ("no_data", ["engine.no_data"])


def test_score_raises_the_scorers_exception_with_the_plugins_traceback(
    rates: testing.PluginUnderTest,
) -> None:
    with pytest.raises(KeyError, match="missing") as info:
        rates.score("rates.broken", {"done": 1, "due": 1})
    # the traceback goes into the plugin's own line, where the author must look
    line = RATES.splitlines().index('    return Outcome(ctx.data["missing"])') + 1
    frames = [(Path(entry.path).name, entry.lineno + 1) for entry in info.traceback]
    assert ("rates.py", line) in frames


def test_score_with_catch_gives_the_runs_error_located_in_the_plugin(
    rates: testing.PluginUnderTest, tmp_path: Path
) -> None:
    result = rates.score("rates.broken", {"done": 1, "due": 1}, catch=True)
    assert result.status == "error"
    finding = testing.finding(result, "engine.scorer_failed")
    assert finding.params["error"] == "KeyError: 'missing'"
    line = RATES.splitlines().index('    return Outcome(ctx.data["missing"])') + 1
    assert finding.params["where"].endswith(f"rates.py:{line}")


def test_a_vetoing_scorer_scores_a_veto_indicator_and_refuses_any_other() -> None:
    demo = testing.load_plugin(DEMO)
    result = demo.score("demo.check", {"ok": False}, max_points=10)
    assert (result.status, result.vetoed) == ("ok", True)
    with pytest.raises(testing.InvalidInput) as info:
        demo.score("demo.check", {"ok": False}, veto=False)
    assert [e.code for e in info.value.errors] == ["scheme.veto_missing"]
    with pytest.raises(testing.InvalidInput) as info:
        demo.context("demo.tasks", {"tasks": []}, veto=True)
    assert [e.code for e in info.value.errors] == ["scheme.veto_unsupported"]


def test_finding_fails_unless_exactly_one(rates: testing.PluginUnderTest) -> None:
    result = rates.score("rates.share", {"done": 2, "due": 2})
    with pytest.raises(AssertionError, match=r"rates\.short"):
        testing.finding(result, "rates.short")


def test_facts_are_validated_against_what_plugins_declare(tmp_path: Path) -> None:
    # the demo plugin declares no facts: any fact given is one a run would refuse
    demo = testing.load_plugin(DEMO)
    with pytest.raises(testing.InvalidInput) as info:
        demo.context("demo.share", {"done": 1, "required": 2}, facts={"checked_on": "2017-01-09"})
    assert [e.code for e in info.value.errors] == ["schema.unknown_field"]


# ---------------------------------------------------------------- a whole evaluation


def test_the_pytest_plugin_runs_a_whole_evaluation(
    evaluation_folder: testing.EvaluationFolder,
) -> None:
    evaluation_folder.plugin(DEMO)
    evaluation_folder.dimension(
        "work",
        [{"id": "share", "name": "完成比例", "scorer": "demo.share", "points": 40}],
        name="工作",
    )
    evaluation_folder.unit("b-one", {"demo": {"done": 3, "required": 4}})
    evaluation_folder.unit("s-one", {"demo": {"done": 2, "required": 2}}, type="street")
    results = evaluation_folder.run(entry_points=False)
    assert results.status == 0, results.stderr
    assert results.indicator("b-one", "share")["points"] == 30
    assert results.codes("b-one") == ["demo.short"]
    assert results.unit("s-one")["total"] == 100
    assert results.errors == []


def test_a_run_that_stops_says_why(evaluation_folder: testing.EvaluationFolder) -> None:
    evaluation_folder.dimension(
        "work", [{"id": "x", "name": "x", "scorer": "nobody.has", "points": 1}]
    )
    evaluation_folder.unit("b-one")
    results = evaluation_folder.run(entry_points=False)
    assert (results.status, results.document) == (2, {})
    assert "no plugin registers the scorer 'nobody.has'" in results.stderr
    with pytest.raises(KeyError, match="none"):
        results.unit("b-one")


def test_a_run_leaves_the_working_folder_as_it_was(
    evaluation_folder: testing.EvaluationFolder,
) -> None:
    import os

    here = os.getcwd()
    evaluation_folder.cli("plugins", "--no-entry-points")
    assert os.getcwd() == here
