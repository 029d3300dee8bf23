"""Loading criteria: the mini scheme loads; each incoherence is a located SchemeError.

Each test breaks one line of a private copy of ``tests/fixtures/mini/criteria``;
line and column numbers refer to those files.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from evaluator._core.model import InputError
from evaluator._plugins.loader import Registry
from evaluator._scheme.criteria import SchemeError, load_scheme


def scheme_errors(criteria: Path, registry: Registry) -> list[InputError]:
    with pytest.raises(SchemeError) as info:
        load_scheme(str(criteria), registry)
    return info.value.errors


def only(errors: list[InputError]) -> InputError:
    assert len(errors) == 1, [str(e) for e in errors]
    return errors[0]


def where(error: InputError) -> tuple[str, int, int]:
    return (Path(error.location.path).name, error.location.line, error.location.column)


def test_mini_scheme_loads(mini_copy: Path, mini_registry: Registry) -> None:
    scheme = load_scheme(str(mini_copy / "criteria"), mini_registry)
    assert (scheme.id, scheme.year, scheme.precision) == ("mini", 2016, 2)
    assert scheme.as_of == dt.date(2017, 1, 10)
    assert list(scheme.unit_types) == ["bureau", "street"]
    assert [d.id for d in scheme.dimensions] == ["work", "checks"]
    assert scheme.dimensions[0].weights == {"bureau": 60, "street": 50}
    assert [(i.id, i.points, i.veto) for i in scheme.indicators()] == [
        ("share", 40, False),
        ("tasks", 60, False),
        ("ok_check", 10, True),
    ]
    assert scheme.indicators()[2].params == {"strict": True}
    assert [g.name for g in scheme.grades] == ["优秀", "合格", "不合格"]


def test_fingerprint_changes_with_any_criteria_file(mini_copy, mini_registry, edit) -> None:
    criteria = mini_copy / "criteria"
    before = load_scheme(str(criteria), mini_registry).sha256
    assert load_scheme(str(criteria), mini_registry).sha256 == before
    edit(criteria / "work.yaml", "points: 40", "points: 41")
    assert load_scheme(str(criteria), mini_registry).sha256 != before


def test_unknown_scorer_names_it_and_lists_the_known_ones(mini_copy, mini_registry, edit) -> None:
    edit(mini_copy / "criteria/work.yaml", "scorer: demo.tasks", "scorer: demo.taks")
    error = only(scheme_errors(mini_copy / "criteria", mini_registry))
    assert where(error) == ("work.yaml", 10, 13)
    assert (error.code, error.params) == (
        "scheme.unknown_scorer",
        {
            "scorer": "demo.taks",
            "known": ["demo.check", "demo.share", "demo.tasks"],
            "hint": "hint.did_you_mean",
            "suggestion": "demo.tasks",
        },
    )
    assert "did you mean 'demo.tasks'?" in error.text("en")


def test_an_unknown_scorer_far_from_every_known_one_gets_no_suggestion(
    mini_copy, mini_registry, edit
) -> None:
    edit(mini_copy / "criteria/work.yaml", "scorer: demo.tasks", "scorer: budget.tables")
    error = only(scheme_errors(mini_copy / "criteria", mini_registry))
    assert (error.params["hint"], "did you mean" in error.text("en")) == ("", False)


def test_params_of_the_wrong_type_are_located(mini_copy, mini_registry, edit) -> None:
    edit(mini_copy / "criteria/checks.yaml", "{strict: true}", "{strict: yes}")
    error = only(scheme_errors(mini_copy / "criteria", mini_registry))
    # `    params: {strict: yes}`: the value yes starts at column 22
    assert where(error) == ("checks.yaml", 9, 22)
    assert error.code == "scheme.params"
    assert error.params["indicator"] == "ok_check" and error.params["scorer"] == "demo.check"
    assert (error.params["problem"], error.params["where"]) == ("schema.type", "strict")
    assert error.text("en") == (
        "params of ok_check (demo.check): strict: expected true or false, got 'yes'"
    )


def test_unknown_param_is_located_at_its_key(mini_copy, mini_registry, edit) -> None:
    edit(mini_copy / "criteria/checks.yaml", "{strict: true}", "{strictt: true}")
    error = only(scheme_errors(mini_copy / "criteria", mini_registry))
    assert where(error) == ("checks.yaml", 9, 14)
    assert (error.params["problem"], error.params["field"]) == ("schema.unknown_field", "strictt")
    assert error.params["suggestion"] == "strict"


def test_weight_missing_for_a_kind(mini_copy, mini_registry, edit) -> None:
    edit(mini_copy / "criteria/scheme.yaml", "{bureau: 60, street: 50}", "{bureau: 60}")
    error = only(scheme_errors(mini_copy / "criteria", mini_registry))
    assert where(error) == ("scheme.yaml", 14, 13)
    assert (error.code, error.params) == (
        "scheme.weight_missing",
        {"dimension": "work", "kind": "street"},
    )


def test_weight_for_an_unknown_kind(mini_copy, mini_registry, edit) -> None:
    edit(
        mini_copy / "criteria/scheme.yaml",
        "{bureau: 60, street: 50}",
        "{bureau: 60, street: 50, town: 5}",
    )
    error = only(scheme_errors(mini_copy / "criteria", mini_registry))
    # the value 5 of town: `    weight: {bureau: 60, street: 50, town: 5}`
    assert where(error) == ("scheme.yaml", 14, 44)
    assert (error.code, error.params["kind"]) == ("scheme.weight_unknown_kind", "town")


def test_kind_without_any_weight(mini_copy, mini_registry, edit) -> None:
    criteria = mini_copy / "criteria/scheme.yaml"
    edit(criteria, "{bureau: 60, street: 50}", "{bureau: 60, street: 0}")
    edit(criteria, "{bureau: 40, street: 50}", "{bureau: 40, street: 0}")
    error = only(scheme_errors(mini_copy / "criteria", mini_registry))
    assert where(error) == ("scheme.yaml", 10, 11)  # the value 街道 of street
    assert (error.code, error.params) == ("scheme.kind_unweighted", {"kind": "street"})


def test_grades_out_of_order(mini_copy, mini_registry, edit) -> None:
    edit(mini_copy / "criteria/scheme.yaml", "{name: 合格, min: 60}", "{name: 合格, min: 95}")
    error = only(scheme_errors(mini_copy / "criteria", mini_registry))
    # `  - {name: 合格, min: 95}`: columns count characters, 95 is the 21st
    assert where(error) == ("scheme.yaml", 20, 21)
    assert error.code == "scheme.grades_order"
    assert error.params == {"grade": "合格", "min": 95, "previous": "优秀", "previous_min": 90}


def test_last_grade_must_start_at_zero(mini_copy, mini_registry, edit) -> None:
    edit(mini_copy / "criteria/scheme.yaml", "{name: 不合格, min: 0}", "{name: 不合格, min: 10}")
    error = only(scheme_errors(mini_copy / "criteria", mini_registry))
    assert where(error) == ("scheme.yaml", 21, 22)
    assert error.code == "scheme.last_grade"


def test_duplicate_indicator_id_in_one_file(mini_copy, mini_registry, edit) -> None:
    edit(mini_copy / "criteria/work.yaml", "- id: tasks", "- id: share")
    error = only(scheme_errors(mini_copy / "criteria", mini_registry))
    assert where(error) == ("work.yaml", 8, 9)
    assert (error.code, error.params["id"]) == ("scheme.indicator_twice", "share")
    assert error.params["first"].endswith("work.yaml")


def test_duplicate_indicator_id_across_files(mini_copy, mini_registry, edit) -> None:
    edit(mini_copy / "criteria/checks.yaml", "- id: ok_check", "- id: tasks")
    error = only(scheme_errors(mini_copy / "criteria", mini_registry))
    assert where(error) == ("checks.yaml", 4, 9)
    assert error.params["first"].endswith("work.yaml")


def test_duplicate_dimension_id(mini_copy, mini_registry, edit) -> None:
    edit(mini_copy / "criteria/scheme.yaml", "- id: checks", "- id: work")
    errors = scheme_errors(mini_copy / "criteria", mini_registry)
    assert ("scheme.yaml", 15, 9) in [where(e) for e in errors]
    assert ("scheme.dimension_twice", {"id": "work"}) in [(e.code, e.params) for e in errors]


def test_unknown_applies_to_kind(mini_copy, mini_registry, edit) -> None:
    edit(
        mini_copy / "criteria/work.yaml",
        "    points: 40\n",
        "    points: 40\n    applies_to: [bureau, burea]\n",
    )
    error = only(scheme_errors(mini_copy / "criteria", mini_registry))
    assert where(error) == ("work.yaml", 8, 17)
    assert (error.code, error.params) == (
        "scheme.indicator_unknown_kind",
        {"kind": "burea", "kinds": ["bureau", "street"]},
    )


def test_indicator_that_can_never_count(mini_copy, mini_registry, edit) -> None:
    edit(mini_copy / "criteria/work.yaml", "    points: 60\n", "")
    error = only(scheme_errors(mini_copy / "criteria", mini_registry))
    assert where(error) == ("work.yaml", 8, 5)  # no points key: the indicator itself
    assert (error.code, error.params) == ("scheme.indicator_never_counts", {"id": "tasks"})


def test_dimension_file_id_must_match_the_scheme(mini_copy, mini_registry, edit) -> None:
    edit(mini_copy / "criteria/checks.yaml", "id: checks", "id: check")
    error = only(scheme_errors(mini_copy / "criteria", mini_registry))
    assert where(error) == ("checks.yaml", 1, 5)
    assert (error.code, error.params) == (
        "scheme.dimension_id_differs",
        {"id": "check", "expected": "checks"},
    )


def test_missing_dimension_file(mini_copy, mini_registry) -> None:
    (mini_copy / "criteria/checks.yaml").unlink()
    error = only(scheme_errors(mini_copy / "criteria", mini_registry))
    assert (error.code, error.params) == ("scheme.dimension_file_missing", {"id": "checks"})


def test_unknown_scheme_key_is_a_schema_error(mini_copy, mini_registry, edit) -> None:
    edit(mini_copy / "criteria/scheme.yaml", "precision: 2", "precison: 2")
    errors = scheme_errors(mini_copy / "criteria", mini_registry)
    unknown = [e for e in errors if e.code == "schema.unknown_field"]
    assert [where(e) for e in unknown] == [("scheme.yaml", 7, 1)]
    assert unknown[0].params["suggestion"] == "precision"


def test_yaml_error_in_criteria_is_located(mini_copy, mini_registry, edit) -> None:
    edit(mini_copy / "criteria/work.yaml", "name: 工作", "name: 工作\nname: 又一个")
    error = only(scheme_errors(mini_copy / "criteria", mini_registry))
    assert where(error) == ("work.yaml", 3, 1)
    assert (error.code, error.params) == ("yaml.duplicate_key", {"key": "name", "first": 2})


def test_folder_without_scheme(tmp_path: Path, mini_registry: Registry) -> None:
    error = only(scheme_errors(tmp_path, mini_registry))
    assert error.code == "scheme.missing"


def test_every_problem_is_reported_at_once(mini_copy, mini_registry, edit) -> None:
    edit(mini_copy / "criteria/work.yaml", "scorer: demo.tasks", "scorer: demo.taks")
    edit(mini_copy / "criteria/checks.yaml", "{strict: true}", "{strict: yes}")
    errors = scheme_errors(mini_copy / "criteria", mini_registry)
    assert sorted(where(e) for e in errors) == [("checks.yaml", 9, 22), ("work.yaml", 10, 13)]


def test_unit_kind_with_nothing_to_score_is_an_error(mini_copy, mini_registry, edit) -> None:
    # every indicator restricted to bureaus: streets would be weighed but never scored
    criteria = mini_copy / "criteria"
    edit(criteria / "work.yaml", "    points: 40\n", "    points: 40\n    applies_to: [bureau]\n")
    edit(criteria / "work.yaml", "    points: 60\n", "    points: 60\n    applies_to: [bureau]\n")
    edit(criteria / "checks.yaml", "    veto: true\n", "    veto: true\n    applies_to: [bureau]\n")
    error = only(scheme_errors(criteria, mini_registry))
    assert (error.code, error.params) == ("scheme.kind_nothing_to_score", {"kind": "street"})
    assert where(error)[0] == "scheme.yaml"


def test_checklist_item_for_an_unknown_kind_is_an_error(mini_copy, mini_registry) -> None:
    folder = mini_copy / "criteria" / "checklists"
    folder.mkdir()
    (folder / "list.yaml").write_text(
        "id: list\nname: 清单\nitems:\n"
        "  - {id: a, name: 甲, category: 类}\n"
        "  - {id: b, name: 乙, category: 类, applies_to: [bureua]}\n",
        encoding="utf-8",
    )
    error = only(scheme_errors(mini_copy / "criteria", mini_registry))
    # "  - {" 5, "id: b, " 7, "name: 乙, " 9, "category: 类, " 13, "applies_to: " 12: 46 before "["
    assert where(error) == ("list.yaml", 5, 47)
    assert (error.code, error.params["kind"]) == ("scheme.item_unknown_kind", "bureua")


def test_checklist_items_carry_their_own_deadline_and_frequency(mini_copy, mini_registry) -> None:
    folder = mini_copy / "criteria" / "checklists"
    folder.mkdir()
    (folder / "list.yaml").write_text(
        "id: list\nname: 清单\nitems:\n"
        "  - {id: budget, name: 预算, category: 财政, deadline: {calendar_days: 20}}\n"
        "  - {id: penalty, name: 处罚, category: 执法, deadline: {working_days: 7}}\n"
        "  - {id: report, name: 年报, category: 工作, deadline: {by: 03-31}, frequency: yearly}\n"
        "  - {id: list, name: 名单, category: 救助, frequency: monthly}\n",
        encoding="utf-8",
    )
    scheme = load_scheme(str(mini_copy / "criteria"), mini_registry)
    items = {i.id: i for i in scheme.checklists["list"].items}
    assert items["budget"].deadline == {"calendar_days": 20}
    assert items["penalty"].deadline == {"working_days": 7}
    assert (items["report"].deadline, items["report"].frequency) == ({"by": "03-31"}, "yearly")
    assert (items["list"].deadline, items["list"].frequency) == (None, "monthly")


def test_an_item_judged_by_a_dimension_is_left_to_it_for_the_kinds_it_judges(
    mini_copy, mini_registry, edit
) -> None:
    criteria = mini_copy / "criteria"
    (criteria / "checklists").mkdir()
    (criteria / "checklists" / "list.yaml").write_text(
        "id: list\nname: 清单\nitems:\n"
        "  - {id: report, name: 年报, category: 工作, deadline: {rule: annual_report},"
        " judged_by: checks}\n"
        "  - {id: other, name: 其他, category: 工作, judged_by: annual_report}\n"
        "  - {id: plain, name: 名单, category: 救助}\n",
        encoding="utf-8",
    )
    # the dimension weighs nothing for streets: judged there for bureaus only
    edit(criteria / "scheme.yaml", "{bureau: 40, street: 50}", "{bureau: 40, street: 0}")
    scheme = load_scheme(str(criteria), mini_registry)
    items = {i.id: i for i in scheme.checklists["list"].items}
    report = items["report"]
    assert (report.deadline, report.judged_by) == ({"rule": "annual_report"}, "checks")
    assert (report.judged_for, report.judged_in) == (("bureau",), "检查")
    assert report.judged_elsewhere("bureau") and not report.judged_elsewhere("street")
    # a dimension the scheme does not have: the checklist's scorers judge the item
    assert (items["other"].judged_for, items["other"].judged_elsewhere("bureau")) == ((), False)
    assert (items["plain"].judged_by, items["plain"].judged_for) == (None, ())


def test_an_item_judged_by_a_misspelt_dimension_is_an_error(mini_copy, mini_registry) -> None:
    criteria = mini_copy / "criteria"
    (criteria / "checklists").mkdir()
    (criteria / "checklists" / "list.yaml").write_text(
        "id: list\nname: 清单\nitems:\n"
        "  - {id: report, name: 年报, category: 工作, judged_by: chekcs}\n",
        encoding="utf-8",
    )
    error = only(scheme_errors(criteria, mini_registry))
    assert (error.code, error.params["dimension"]) == ("scheme.judged_by_unknown", "chekcs")
    assert error.params["suggestion"] == "checks"
    assert where(error)[:2] == ("list.yaml", 4)


@pytest.mark.parametrize(
    ("deadline", "problem"),
    [
        ("{by: 02-29}", "is not a day of every year"),
        ("{by: 04-31}", "is not a day of every year"),
        ("{by: 3-31}", "does not match"),
        ("{working_days: 7, calendar_days: 20}", "has too many properties"),
        ("{weeks: 2}", "“weeks”"),
    ],
)
def test_a_checklist_deadline_must_be_one_real_day_or_count(
    mini_copy, mini_registry, deadline: str, problem: str
) -> None:
    folder = mini_copy / "criteria" / "checklists"
    folder.mkdir()
    (folder / "list.yaml").write_text(
        "id: list\nname: 清单\nitems:\n"
        f"  - {{id: a, name: 甲, category: 类, deadline: {deadline}}}\n",
        encoding="utf-8",
    )
    error = only(scheme_errors(mini_copy / "criteria", mini_registry))
    assert where(error)[:2] == ("list.yaml", 4)
    assert problem in error.message


def test_a_scorers_own_check_of_its_params_stops_loading(mini_copy, edit) -> None:
    from evaluator import Outcome, Scheme, scorer
    from evaluator._plugins.loader import load_plugins

    registry = load_plugins(str(mini_copy / "plugins"), entry_points=False)

    def no_strict(params: dict[str, object], scheme: Scheme) -> list[str]:
        return ["strict must be false in a 2016 scheme"] if params.get("strict") else []

    strict = {"type": "object", "properties": {"strict": {"type": "boolean"}}}

    @scorer("demo.check", section="demo", params=strict, check=no_strict, vetoes=True)
    def replacement(ctx: object) -> Outcome:
        return Outcome(0.0)

    registry.scorers["demo.check"] = replacement
    error = only(scheme_errors(mini_copy / "criteria", registry))
    assert (error.code, error.params) == (
        "scheme.params_check",
        {
            "indicator": "ok_check",
            "scorer": "demo.check",
            "problem": "strict must be false in a 2016 scheme",
        },
    )
    assert where(error) == ("checks.yaml", 4, 5)


STRICT = """\
from evaluator import Outcome, Problem, hookimpl, scorer
from evaluator.section_schema import BOOLEAN, COUNT, params

SEEN = []


def no_strict(check):
    SEEN.append(check)
    if check.written.get("strict"):
        return [Problem("strict.refused", {"level": check.params["level"], "kinds": 2})]
    return []


@scorer(
    "strict.share",
    params=params({"strict": BOOLEAN, "level": COUNT}, {"level": 3}),
    check=no_strict,
)
def share(ctx):
    return Outcome(ctx.max_points)


@hookimpl
def register_scorers():
    return [share]


@hookimpl
def register_messages():
    return {
        "strict.refused": {
            "zh": "不能在{kinds}类单位的方案中要求严格（级别 {level}）",
            "en": "strict cannot be asked of {kinds} kinds (level {level})",
        }
    }
"""


def strict_registry(mini: Path, edit, line: str) -> tuple[Registry, list[object]]:
    """The mini plugins and ``strict``, whose check refuses strict: true; share uses it."""
    from evaluator._plugins.loader import load_plugins

    (mini / "plugins" / "strict.py").write_text(STRICT, encoding="utf-8")
    edit(
        mini / "criteria/work.yaml", "    scorer: demo.share\n", f"    scorer: strict.share\n{line}"
    )
    registry = load_plugins(str(mini / "plugins"), entry_points=False)
    module = dict(registry.manager.list_name_plugin())["strict"]
    return registry, module.SEEN


def test_a_check_sees_the_params_as_written_and_with_defaults(mini_copy, edit) -> None:
    registry, seen = strict_registry(mini_copy, edit, "    params: {strict: false}\n")
    load_scheme(str(mini_copy / "criteria"), registry)
    (check,) = seen
    assert (dict(check.written), dict(check.params)) == (
        {"strict": False},
        {"strict": False, "level": 3},
    )
    assert (check.indicator, check.scheme.id) == ("share", "mini")


def test_a_checks_problem_has_a_code_and_params_worded_by_the_plugins_texts(
    mini_copy, edit
) -> None:
    registry, _ = strict_registry(mini_copy, edit, "    params: {strict: true}\n")
    error = only(scheme_errors(mini_copy / "criteria", registry))
    assert where(error) == ("work.yaml", 4, 5)
    assert (error.code, error.params["problem"], error.params["values"]) == (
        "scheme.params_problem",
        "strict.refused",
        {"level": 3, "kinds": 2},
    )
    assert (error.params["indicator"], error.params["scorer"], error.params["plugin"]) == (
        "share",
        "strict.share",
        "strict",
    )
    assert (
        error.text("en")
        == "params of share (strict.share): strict cannot be asked of 2 kinds (level 3)"
    )
    assert (
        error.text("zh")
        == "指标 share 的参数（strict.share）：不能在2类单位的方案中要求严格（级别 3）"
    )


class _CallableCheck:
    def __call__(self, check: object) -> list[str]:
        return [f"given {type(check).__name__}"]


@pytest.mark.parametrize(
    ("check", "given"),
    [
        (lambda check: [f"given {type(check).__name__}"], "given ParamsCheck"),
        (_CallableCheck(), "given ParamsCheck"),
        (lambda params, scheme: [f"given {type(scheme).__name__}"], "given Scheme"),
        (lambda params, scheme=None: [f"given {type(scheme).__name__}"], "given Scheme"),
    ],
)
def test_a_check_taking_one_argument_gets_a_params_check_and_one_taking_two_the_old_pair(
    mini_copy, mini_registry, check: Any, given: str
) -> None:
    from evaluator import Outcome, scorer

    strict = {"type": "object", "properties": {"strict": {"type": "boolean"}}}

    @scorer("demo.check", section="demo", params=strict, check=check, vetoes=True)
    def replacement(ctx: object) -> Outcome:
        return Outcome(0.0)

    mini_registry.scorers["demo.check"] = replacement
    error = only(scheme_errors(mini_copy / "criteria", mini_registry))
    # a plain string is shown as written, under the code it always had
    assert (error.code, error.params["problem"]) == ("scheme.params_check", given)


def test_a_vetoing_scorer_on_an_indicator_without_veto_true_stops_loading(
    mini_copy, mini_registry, edit
) -> None:
    # demo.check declares vetoes=True: without the flag its veto would count as points only
    edit(mini_copy / "criteria/checks.yaml", "    veto: true\n", "")
    error = only(scheme_errors(mini_copy / "criteria", mini_registry))
    assert (error.code, error.params) == (
        "scheme.veto_missing",
        {"indicator": "ok_check", "scorer": "demo.check", "plugin": "demo"},
    )
    assert where(error) == ("checks.yaml", 4, 5)  # the indicator, which lacks the key
    assert "mark the indicator veto: true" in error.text("en")


def test_veto_false_on_a_vetoing_scorer_is_located_at_the_flag(
    mini_copy, mini_registry, edit
) -> None:
    edit(mini_copy / "criteria/checks.yaml", "    veto: true\n", "    veto: false\n")
    error = only(scheme_errors(mini_copy / "criteria", mini_registry))
    assert (error.code, where(error)) == ("scheme.veto_missing", ("checks.yaml", 8, 11))


def test_veto_true_on_a_scorer_that_never_vetoes_stops_loading(
    mini_copy, mini_registry, edit
) -> None:
    edit(mini_copy / "criteria/work.yaml", "    points: 60\n", "    points: 60\n    veto: true\n")
    error = only(scheme_errors(mini_copy / "criteria", mini_registry))
    assert (error.code, error.params) == (
        "scheme.veto_unsupported",
        {"indicator": "tasks", "scorer": "demo.tasks", "plugin": "demo"},
    )
    assert where(error) == ("work.yaml", 12, 11)


def test_when_empty_is_renormalise_by_default_or_a_fixed_score(
    mini_copy, mini_registry, edit
) -> None:
    scheme = load_scheme(str(mini_copy / "criteria"), mini_registry)
    assert [d.when_empty for d in scheme.dimensions] == [None, None]
    edit(
        mini_copy / "criteria/scheme.yaml",
        "    file: checks.yaml\n",
        "    file: checks.yaml\n    when_empty: {score: 60}\n",
    )
    scheme = load_scheme(str(mini_copy / "criteria"), mini_registry)
    assert [d.when_empty for d in scheme.dimensions] == [None, 60.0]


def test_when_empty_must_be_renormalise_or_a_score(mini_copy, mini_registry, edit) -> None:
    edit(
        mini_copy / "criteria/scheme.yaml",
        "    file: checks.yaml\n",
        "    file: checks.yaml\n    when_empty: zero\n",
    )
    error = only(scheme_errors(mini_copy / "criteria", mini_registry))
    assert where(error)[0] == "scheme.yaml"
    assert "when_empty" in error.params["where"]
