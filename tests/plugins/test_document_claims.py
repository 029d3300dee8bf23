"""A policy document's class as the unit gives it: trusted, strict, confirmed, and its stakes.

Issue 18, item 10. No field of a document names its class (whether it is a
规范性文件 or a 重大政策 depends on how it was made and what it binds), so a
document the unit does not class major is a claim wherever a rule would fail it
as a major policy, the class every rule applies to: under ``trusted`` scored as
classed and listed with the points refusing the class would cost; under
``strict`` judged as major until the evaluator confirms the class (fact
``confirmed_documents``). Each indicator is worth 20 points.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from plugin_support import MakeContext, codes, load_plugin, only, scorers_of, worded

from evaluator import Outcome

plugin = load_plugin("policy_interpretation")
SCORERS = scorers_of(plugin)
MAX = 20.0


def doc(doc_id: str, published: str, **flags: Any) -> dict[str, Any]:
    return {"id": doc_id, "published_on": dt.date.fromisoformat(published), **flags}


def interp(doc_id: str, published: str, **extra: Any) -> dict[str, Any]:
    return {"document": doc_id, "published_on": dt.date.fromisoformat(published), **extra}


NORMATIVE = doc("XZF-2016-12", "2016-06-06", normative=True)
PLAIN = doc("XZF-2016-31", "2016-10-10")
NORMATIVE_READ = interp("XZF-2016-12", "2016-06-06", form="text")


def run(
    make_context: MakeContext,
    name: str,
    documents: list[dict[str, Any]],
    interpretations: list[dict[str, Any]],
    **kw: Any,
) -> Outcome:
    scorer = SCORERS[f"policy.{name}"]
    data = {"documents": documents, "interpretations": interpretations}
    return scorer.score(make_context(data, max_points=MAX, scorer=scorer, **kw))


def test_trusted_scores_the_class_and_lists_what_refusing_it_would_cost(
    make_context: MakeContext,
) -> None:
    # One normative document interpreted, one classed neither and not: 1 of 1 judged (20);
    # as a major policy the second would be judged and fail, 1 of 2 (10): 10 at stake.
    outcome = run(make_context, "interpretation_rate", [NORMATIVE, PLAIN], [NORMATIVE_READ])
    assert outcome.points == MAX
    audit = only(outcome, "audit.document_class")
    assert (audit.records, audit.params["at_stake"]) == (("XZF-2016-31",), 10)
    assert audit.params["details_zh"] == (
        "“XZF-2016-31”（自报既非规范性文件也非重大政策，较严类别重大政策，相差10分）"
    )
    assert "本指标将少得10分" in worded(plugin, audit)


def test_strict_judges_an_unconfirmed_class_as_a_major_policy(make_context: MakeContext) -> None:
    outcome = run(
        make_context,
        "interpretation_rate",
        [NORMATIVE, PLAIN],
        [NORMATIVE_READ],
        self_claims="strict",
    )
    assert outcome.points == MAX / 2
    assert only(outcome, "policy.not_interpreted").records == ("XZF-2016-31",)
    audit = only(outcome, "audit.document_class_unconfirmed")
    assert (audit.records, audit.params["at_stake"]) == (("XZF-2016-31",), 10)
    assert "本指标可多得10分" in worded(plugin, audit)


@pytest.mark.parametrize("policy", ["trusted", "strict"])
def test_a_confirmed_class_is_scored_as_given_and_not_listed(
    make_context: MakeContext, policy: str
) -> None:
    outcome = run(
        make_context,
        "interpretation_rate",
        [NORMATIVE, PLAIN],
        [NORMATIVE_READ],
        self_claims=policy,
        facts={"confirmed_documents": ["XZF-2016-31"]},
    )
    assert (outcome.points, codes(outcome)) == (MAX, [])


@pytest.mark.parametrize(("forms", "listed"), [(["text"], True), (["text", "graphic"], False)])
def test_a_normative_document_is_a_claim_for_form_diversity_only_when_explained_in_text(
    make_context: MakeContext, forms: list[str], listed: bool
) -> None:
    # Not major, the form rule does not judge it; as major it fails only in text alone.
    read = [interp("XZF-2016-12", "2016-06-06", form=form) for form in forms]
    outcome = run(make_context, "form_diversity", [NORMATIVE], read, self_claims="strict")
    # judged as major and failed; or, passing even as major, not judged (no major policy)
    assert outcome.status == ("ok" if listed else "not_applicable")
    assert outcome.points == 0
    assert ("audit.document_class_unconfirmed" in codes(outcome)) is listed


def test_the_principal_rule_counts_up_to_its_requirement(make_context: MakeContext) -> None:
    # One principal-leader interpretation meets the default requirement (1): a second
    # document classed neither, whose interpretation no principal leader gave, would need
    # one as a major policy but cost nothing: nothing turns on its class.
    by_principal = interp("XZF-2016-12", "2016-06-06", by_principal=True)
    plain_read = interp("XZF-2016-31", "2016-10-10")
    outcome = run(
        make_context, "principal_interpretation", [NORMATIVE, PLAIN], [by_principal, plain_read]
    )
    assert (outcome.points, codes(outcome)) == (MAX, [])
