"""Policy interpretation scorers: rate, synchronisation, form diversity, principal leaders.

Working-day counts are worked out by hand from the 2016 official calendar:
端午 6-09..11 off with Sunday 6-12 worked; 国庆 10-01..07 off with
Saturday/Sunday 10-08/09 worked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from plugin_support import (
    MakeContext,
    codes,
    deductions_explain_points,
    load_plugin,
    only,
    scorers_of,
    worded,
)

from evaluator import Outcome

plugin = load_plugin("policy_interpretation")
SCORERS = scorers_of(plugin)
MAX = 20.0


def doc(doc_id: str, published: str, **flags: Any) -> dict[str, Any]:
    return {"id": doc_id, "published_on": dt.date.fromisoformat(published), **flags}


def interp(doc_id: str, published: str, form: str | None = "text", **extra: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "document": doc_id,
        "published_on": dt.date.fromisoformat(published),
        **extra,
    }
    if form is not None:
        record["form"] = form
    return record


# A normative document on Monday 6-06, a major one on Friday 9-30, and one needing nothing.
NORMATIVE = doc("XZF-2016-12", "2016-06-06", normative=True, title="居家养老服务补贴实施办法")
MAJOR = doc("XZF-2016-30", "2016-09-30", major=True)
PLAIN = doc("XZF-2016-31", "2016-10-10")


def run(
    make_context: MakeContext,
    name: str,
    documents: Iterable[Mapping[str, Any]],
    interpretations: Iterable[Mapping[str, Any]] = (),
    params: Mapping[str, Any] | None = None,
    **kw: Any,
) -> Outcome:
    data = {"documents": list(documents), "interpretations": list(interpretations)}
    ctx = make_context(data, params=params, max_points=MAX, scorer=SCORERS[name], **kw)
    return SCORERS[name].score(ctx)


def assert_deductions_explain_points(outcome: Outcome) -> None:
    assert deductions_explain_points(outcome, MAX), outcome


# ---------------------------------------------------------------- registration and schemas


def test_plugin_registers_four_scorers_on_its_section() -> None:
    assert set(SCORERS) == {
        "policy.interpretation_rate",
        "policy.synchronisation",
        "policy.form_diversity",
        "policy.principal_interpretation",
    }
    assert {s.section for s in SCORERS.values()} == {"policy_interpretation"}
    assert [s.name for s in plugin.register_sections()] == ["policy_interpretation"]


@pytest.mark.parametrize("name", sorted(SCORERS))
def test_params_schema_rejects_unknown_keys(name: str) -> None:
    schema = SCORERS[name].params
    Draft202012Validator.check_schema(schema)
    assert schema["additionalProperties"] is False
    assert Draft202012Validator(schema).is_valid({})  # every param has a default
    assert not Draft202012Validator(schema).is_valid({"tolerance_workdays": 3})


def test_params_schemas_hold_the_documented_defaults_and_bounds() -> None:
    sync = SCORERS["policy.synchronisation"].params
    forms = SCORERS["policy.form_diversity"].params
    principal = SCORERS["policy.principal_interpretation"].params
    assert sync["properties"]["tolerance_working_days"]["default"] == 0
    assert forms["properties"]["forms"]["default"] == [
        "graphic",
        "video",
        "press_conference",
        "interview",
    ]
    assert principal["properties"]["required"]["default"] == 1
    assert not Draft202012Validator(sync).is_valid({"tolerance_working_days": -1})
    assert not Draft202012Validator(forms).is_valid({"forms": ["podcast"]})
    assert not Draft202012Validator(principal).is_valid({"required": 0})


def test_section_schema_accepts_the_contract_example_and_rejects_typos() -> None:
    (section,) = plugin.register_sections()
    validator = Draft202012Validator(section.schema)
    example = {
        "documents": [
            {
                "id": "XZF-2016-12",
                "title": "西城区中重度失能老年人居家养老服务补贴实施办法",
                "published_on": "2016-06-01",
                "normative": True,
                "major": True,
            }
        ],
        "interpretations": [
            {
                "document": "XZF-2016-12",
                "published_on": "2016-06-01",
                "form": "graphic",
                "by_principal": False,
            }
        ],
    }
    assert validator.is_valid(example)
    assert not validator.is_valid({"documents": [], "interpretations": [{"doc": "X"}]})
    bad_form = {"document": "X", "published_on": "2016-06-01", "form": "podcast"}
    assert not validator.is_valid({"documents": [], "interpretations": [bad_form]})


# ---------------------------------------------------------------- interpretation rate


def test_each_uninterpreted_document_costs_its_share(make_context: MakeContext) -> None:
    outcome = run(
        make_context,
        "policy.interpretation_rate",
        [NORMATIVE, MAJOR, PLAIN],
        [interp("XZF-2016-12", "2016-06-06")],
    )
    # PLAIN needs nothing; 1 of 2 needing documents interpreted: 20 * 1/2 = 10.
    assert outcome.points == pytest.approx(10.0)
    finding = only(outcome, "policy.not_interpreted")
    assert finding.records == ("XZF-2016-30",)
    assert finding.deduction == pytest.approx(10.0)
    assert_deductions_explain_points(outcome)


def test_interpretation_naming_no_submitted_document_is_an_orphan(
    make_context: MakeContext,
) -> None:
    outcome = run(
        make_context,
        "policy.interpretation_rate",
        [NORMATIVE],
        [interp("XZF-2016-12", "2016-06-06"), interp("XZF-2016-99", "2016-06-06")],
    )
    assert outcome.points == MAX
    orphan = only(outcome, "policy.orphan_interpretation")
    assert orphan.records == ("XZF-2016-99",)
    assert orphan.deduction is None


def test_no_document_needing_interpretation_is_not_applicable(make_context: MakeContext) -> None:
    # Interpreted (in text, by no principal leader) and classed neither: the rate is not
    # applicable either way (as major it would pass), so nothing turns on the class there;
    # the principal-leader rule would fail it as major, so the claim is listed with the
    # whole indicator at stake.
    interpreted = [interp("XZF-2016-31", "2016-10-10")]
    rate = run(make_context, "policy.interpretation_rate", [PLAIN], interpreted)
    assert (rate.status, codes(rate)) == ("not_applicable", ["policy.nothing_to_interpret"])
    principal = run(make_context, "policy.principal_interpretation", [PLAIN], interpreted)
    assert principal.status == "not_applicable"
    assert codes(principal) == ["policy.nothing_to_interpret", "audit.document_class"]
    audit = principal.findings[1]
    assert (audit.records, audit.params["at_stake"]) == (("XZF-2016-31",), MAX)


def test_every_document_classed_as_neither_is_listed_for_audit(make_context: MakeContext) -> None:
    # Classing every document neither normative nor major empties the dimension; each
    # claim is listed in each rule it spared, with what refusing it would cost: the rate
    # and form diversity (uninterpreted, as major policies both fail). Synchronisation
    # judges only interpreted documents, so nothing turns on their class there.
    plain = [doc("XZF-2016-12", "2016-06-06"), doc("XZF-2016-30", "2016-09-30")]
    for name in ("policy.interpretation_rate", "policy.form_diversity"):
        outcome = run(make_context, name, plain)
        assert outcome.status == "not_applicable"
        audit = only(outcome, "audit.document_class")
        assert audit.records == ("XZF-2016-12", "XZF-2016-30")
        # each refused alone fails the only document judged; both, the same whole
        assert (audit.params["stakes"], audit.params["at_stake"]) == ([MAX, MAX], MAX)
    sync = run(make_context, "policy.synchronisation", plain)
    assert codes(sync) == ["policy.none_interpreted"]


def test_interpretation_before_its_document_is_flagged_and_not_credited(
    make_context: MakeContext,
) -> None:
    outcome = run(
        make_context,
        "policy.interpretation_rate",
        [NORMATIVE],
        [interp("XZF-2016-12", "2016-06-03")],
    )
    assert outcome.points == 0.0
    finding = only(outcome, "integrity.interpretation_before_document")
    assert finding.records == ("XZF-2016-12",)
    assert only(outcome, "policy.not_interpreted").deduction == pytest.approx(MAX)


def test_interpretation_after_the_snapshot_is_flagged_and_not_credited(
    make_context: MakeContext,
) -> None:
    # Snapshot (as_of) is 2017-01-10.
    outcome = run(
        make_context,
        "policy.interpretation_rate",
        [NORMATIVE],
        [interp("XZF-2016-12", "2017-01-11")],
    )
    assert outcome.points == 0.0
    assert only(outcome, "integrity.after_snapshot").records == ("XZF-2016-12",)


def test_document_outside_the_year_is_excluded_with_its_interpretations(
    make_context: MakeContext,
) -> None:
    old = doc("XZF-2015-40", "2015-12-30", normative=True)
    outcome = run(
        make_context,
        "policy.interpretation_rate",
        [old, NORMATIVE],
        [interp("XZF-2016-12", "2016-06-06")],
    )
    assert outcome.points == MAX  # 1 of 1 counted document interpreted
    assert only(outcome, "integrity.outside_year").records == ("XZF-2015-40",)
    assert "policy.orphan_interpretation" not in codes(outcome)


def test_document_dated_after_the_snapshot_is_excluded(make_context: MakeContext) -> None:
    future = doc("XZF-2017-01", "2017-02-01", major=True)
    outcome = run(make_context, "policy.interpretation_rate", [future])
    assert outcome.status == "not_applicable"
    assert "integrity.after_snapshot" in codes(outcome)


def test_duplicate_document_is_judged_by_its_worst_copy(make_context: MakeContext) -> None:
    # A plain copy placed first does not take the normative one out of the rule.
    plain_first = doc("XZF-2016-12", "2016-06-06")
    outcome = run(make_context, "policy.interpretation_rate", [plain_first, NORMATIVE])
    assert outcome.points == 0
    assert only(outcome, "integrity.duplicate_id").records == ("XZF-2016-12",)
    assert only(outcome, "policy.not_interpreted").records == ("XZF-2016-12",)


# ---------------------------------------------------------------- synchronisation


def test_interpretation_on_the_same_day_is_synchronous(make_context: MakeContext) -> None:
    outcome = run(
        make_context,
        "policy.synchronisation",
        [NORMATIVE],
        [interp("XZF-2016-12", "2016-06-06")],
    )
    assert outcome.points == MAX
    assert outcome.findings == ()


def test_interpretation_after_a_holiday_is_within_one_working_day_but_not_the_same_date(
    make_context: MakeContext,
) -> None:
    # Friday 9-30 to Friday 10-07: every day between is weekend or 国庆 holiday, so no
    # working day passed; but with no tolerance "same time" means the same date.
    late = run(
        make_context, "policy.synchronisation", [MAJOR], [interp("XZF-2016-30", "2016-10-07")]
    )
    assert late.points == 0
    # One working day of tolerance runs to Saturday 10-08, the first working day after.
    within = run(
        make_context,
        "policy.synchronisation",
        [MAJOR],
        [interp("XZF-2016-30", "2016-10-07")],
        {"tolerance_working_days": 1},
    )
    assert within.points == MAX


def test_interpretation_on_a_make_up_saturday_is_one_working_day_late(
    make_context: MakeContext,
) -> None:
    # Saturday 10-08 was a working day: the first after Friday 9-30.
    outcome = run(
        make_context,
        "policy.synchronisation",
        [NORMATIVE, MAJOR],
        [interp("XZF-2016-12", "2016-06-06"), interp("XZF-2016-30", "2016-10-08")],
    )
    # 1 of 2 interpreted documents synchronous: 20 * 1/2 = 10.
    assert outcome.points == pytest.approx(10.0)
    late = only(outcome, "policy.not_synchronous")
    assert late.records == ("XZF-2016-30",)
    assert (late.params["used"], late.params["due"]) == (1, dt.date(2016, 9, 30))
    assert_deductions_explain_points(outcome)


def test_tolerance_of_3_working_days_skips_the_dragon_boat_holiday(
    make_context: MakeContext,
) -> None:
    # From Monday 6-06: Tue 6-07 is day 1, Wed 6-08 day 2, 6-09..11 off, Sunday 6-12 day 3,
    # Monday 6-13 day 4.
    params = {"tolerance_working_days": 3}
    on_time = run(
        make_context,
        "policy.synchronisation",
        [NORMATIVE],
        [interp("XZF-2016-12", "2016-06-12")],
        params,
    )
    assert on_time.points == MAX
    late = run(
        make_context,
        "policy.synchronisation",
        [NORMATIVE],
        [interp("XZF-2016-12", "2016-06-13")],
        params,
    )
    assert late.points == 0.0
    late_finding = only(late, "policy.not_synchronous")
    assert (late_finding.params["used"], late_finding.params["due"]) == (4, dt.date(2016, 6, 12))
    # the due day is the worked Sunday, and the text says so
    assert worded(plugin, late_finding).endswith(
        "晚于允许的2016-06-12（调休工作日）（3个工作日内）"
    )


def test_earliest_interpretation_decides_synchronisation(make_context: MakeContext) -> None:
    outcome = run(
        make_context,
        "policy.synchronisation",
        [NORMATIVE],
        [interp("XZF-2016-12", "2016-06-13", "video"), interp("XZF-2016-12", "2016-06-06")],
    )
    assert outcome.points == MAX


def test_synchronisation_judges_interpreted_documents_only(make_context: MakeContext) -> None:
    outcome = run(
        make_context,
        "policy.synchronisation",
        [NORMATIVE, MAJOR],
        [interp("XZF-2016-12", "2016-06-06")],
    )
    assert outcome.points == MAX  # MAJOR has no interpretation: the rate scorer's business
    none = run(make_context, "policy.synchronisation", [NORMATIVE, MAJOR])
    assert none.status == "not_applicable"


# ---------------------------------------------------------------- form diversity


def test_major_policy_explained_only_in_text_costs_its_share(make_context: MakeContext) -> None:
    other_major = doc("XZF-2016-40", "2016-11-01", major=True)
    outcome = run(
        make_context,
        "policy.form_diversity",
        [NORMATIVE, MAJOR, other_major],
        [
            interp("XZF-2016-12", "2016-06-06", "text"),  # normative only: not judged
            interp("XZF-2016-30", "2016-09-30", "text"),
            interp("XZF-2016-30", "2016-09-30", "graphic"),
            interp("XZF-2016-40", "2016-11-01", "text"),
            interp("XZF-2016-40", "2016-11-01", None),  # no form given counts as text
        ],
    )
    # 1 of 2 major documents has more than text: 20 * 1/2 = 10.
    assert outcome.points == pytest.approx(10.0)
    finding = only(outcome, "policy.plain_form")
    assert finding.records == ("XZF-2016-40",)
    assert finding.deduction == pytest.approx(10.0)


def test_form_list_from_params_decides_what_counts(make_context: MakeContext) -> None:
    interpretations = [interp("XZF-2016-30", "2016-09-30", "graphic")]
    default = run(make_context, "policy.form_diversity", [MAJOR], interpretations)
    assert default.points == MAX
    video_only = run(
        make_context, "policy.form_diversity", [MAJOR], interpretations, {"forms": ["video"]}
    )
    assert video_only.points == 0.0
    assert only(video_only, "policy.plain_form").params["forms_zh"] == "音视频"


def test_form_diversity_without_major_policy_is_not_applicable(
    make_context: MakeContext,
) -> None:
    outcome = run(make_context, "policy.form_diversity", [NORMATIVE])
    assert outcome.status == "not_applicable"
    assert codes(outcome) == ["policy.no_major", "audit.document_class"]
    assert only(outcome, "audit.document_class").params["rule_zh"] == "解读形式是否多样"


# ---------------------------------------------------------------- principal interpretation


def test_one_principal_interpretation_meets_the_default_requirement(
    make_context: MakeContext,
) -> None:
    outcome = run(
        make_context,
        "policy.principal_interpretation",
        [NORMATIVE, MAJOR],
        [interp("XZF-2016-30", "2016-09-30", "interview", by_principal=True)],
    )
    assert outcome.points == MAX


def test_principal_interpretations_short_of_the_requirement_earn_a_share(
    make_context: MakeContext,
) -> None:
    outcome = run(
        make_context,
        "policy.principal_interpretation",
        [NORMATIVE, MAJOR, PLAIN],
        [
            interp("XZF-2016-30", "2016-09-30", by_principal=True),
            interp("XZF-2016-12", "2016-06-06", by_principal=False),
            interp("XZF-2016-31", "2016-10-10", by_principal=True),  # PLAIN needs none
        ],
        {"required": 2},
    )
    # 1 of the 2 required: 20 * 1/2 = 10.
    assert outcome.points == pytest.approx(10.0)
    finding = only(outcome, "policy.principal_short")
    assert finding.records == ("XZF-2016-30",)
    assert finding.deduction == pytest.approx(10.0)


def test_no_principal_interpretation_scores_zero(make_context: MakeContext) -> None:
    outcome = run(
        make_context,
        "policy.principal_interpretation",
        [NORMATIVE],
        [
            interp("XZF-2016-12", "2016-06-06"),
            interp("XZF-2016-12", "2016-06-03", by_principal=True),  # before the document
        ],
    )
    assert outcome.points == 0.0
    assert only(outcome, "policy.principal_short").deduction == pytest.approx(MAX)
    assert "integrity.interpretation_before_document" in codes(outcome)


def test_zero_tolerance_for_a_document_dated_on_a_holiday_means_that_same_date(
    make_context: MakeContext,
) -> None:
    # Published Monday 2016-10-03, a National Day holiday: interpreted that day it is
    # synchronous; on 10-04, also a holiday (no working day between), it is not.
    holiday = doc("XZF-2016-33", "2016-10-03", normative=True)
    same = run(
        make_context, "policy.synchronisation", [holiday], [interp("XZF-2016-33", "2016-10-03")]
    )
    assert same.points == MAX
    next_day = run(
        make_context, "policy.synchronisation", [holiday], [interp("XZF-2016-33", "2016-10-04")]
    )
    assert next_day.points == 0
    late = only(next_day, "policy.not_synchronous")
    assert (late.params["used"], late.params["due"]) == (0, dt.date(2016, 10, 3))
