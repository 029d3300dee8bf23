"""A column's kind: what its name says, what the unit claims, and what the evaluator confirmed.

Issue 18, item 10. The snapshot is 2017-01-10 (the evaluator's check date: no
``checked_on`` fact), so a news column (14 days) is fresh when updated on
2016-12-27 and stale on 2016-12-26; each stale column costs 2 points of 100.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from plugin_support import MakeContext, codes, load_plugin, lost, only, scorers_of, worded
from test_params_checks import criteria, load_errors, replace

from evaluator import Outcome

plugin = load_plugin("website")
SCORERS = scorers_of(plugin)
D = dt.date
FRESH_AS_NEWS = D(2016, 12, 27)  # 14 days before the check
STALE_AS_NEWS = D(2016, 12, 26)  # 15 days

__all__ = ["criteria"]  # the fixture, shared with the params checks


def columns(*cols: dict[str, Any], **kw: Any) -> Outcome:
    """``website.column_freshness`` on a site with these columns (``kw``: context settings)."""
    scorer = SCORERS["website.column_freshness"]
    make: MakeContext = kw.pop("make_context")
    data = {
        "monitoring": {"visits": 1000, "failures": 0},
        "homepage_updated_on": D(2017, 1, 9),
        "columns": list(cols),
        "messages": [],
    }
    return scorer.score(make(data, scorer=scorer, **kw))


def column(name: str, kind: str, updated: dt.date | None = None) -> dict[str, Any]:
    record: dict[str, Any] = {"name": name, "kind": kind}
    if updated is not None:
        record["last_updated"] = updated
    return record


# ---------------------------------------------------------------- the name speaks


@pytest.mark.parametrize(("updated", "stale"), [(FRESH_AS_NEWS, False), (STALE_AS_NEWS, True)])
def test_a_column_named_work_news_labelled_other_is_judged_as_news(
    make_context: MakeContext, updated: dt.date, stale: bool
) -> None:
    # 工作动态 ends with 动态: news, whatever the unit says. 14 days old it is fresh, 15
    # stale (as "other" it would never be judged); either way the finding names both kinds.
    outcome = columns(column("工作动态", "other", updated), make_context=make_context)
    assert outcome.points == (98 if stale else 100)
    named = only(outcome, "audit.column_name_kind")
    assert (named.records, named.deduction) == (("工作动态",), None)
    assert (named.params["name"], named.params["claimed_zh"], named.params["applied_zh"]) == (
        "工作动态",
        "其他",
        "要闻动态类",
    )
    assert lost(outcome) == ([("columns.stale", ("工作动态",))] if stale else [])
    assert "audit.column_kind" not in codes(outcome)  # the name settled it: nothing to verify
    text = worded(plugin, named)
    assert "工作动态" in text and "其他" in text and "要闻动态类" in text


@pytest.mark.parametrize(
    ("name", "kind"),
    [("通知公告", "notice"), ("政策文件", "policy"), ("新闻动态", "news"), ("街道要闻", "news")],
)
def test_each_name_the_census_lists_speaks_for_its_class(
    make_context: MakeContext, name: str, kind: str
) -> None:
    # Labelled personnel (12 months, no veto) and 7 months old: stale as notice or policy
    # (6 months), as news (14 days) too; so each is judged by its name and counted stale.
    outcome = columns(column(name, "personnel", D(2016, 6, 1)), make_context=make_context)
    named = only(outcome, "audit.column_name_kind")
    assert named.params["applied_en"] == kind
    assert lost(outcome) == [("columns.stale", (name,))]


def test_five_stale_news_columns_relabelled_other_still_veto_by_their_names(
    make_context: MakeContext,
) -> None:
    # The gaming route: relabelling stale news columns. Their names say news: the veto stands.
    names = ["工作动态", "部门动态", "街道动态", "图片要闻", "政务要闻"]
    outcome = columns(
        *(column(n, "other", STALE_AS_NEWS) for n in names), make_context=make_context
    )
    assert (outcome.points, outcome.veto) == (0, True)
    assert codes(outcome).count("audit.column_name_kind") == 5


def test_a_name_is_read_as_normalised_and_by_its_longest_listed_ending(
    make_context: MakeContext,
) -> None:
    # Full-width forms and an invisible character do not hide an ending; of 公告 (news in
    # this scheme) and 通知公告 (notice), the longer decides.
    params = {"name_endings": {"news": ["动态", "公告"], "notice": ["通知公告"]}}
    outcome = columns(
        column("工作动态\u200b ", "other", STALE_AS_NEWS),
        column("通知公告", "other", D(2016, 12, 1)),  # fresh as notice, stale as news
        column("Ｘ公告", "other", D(2016, 12, 1)),
        make_context=make_context,
        params=params,
    )
    applied = [f.params["applied_en"] for f in outcome.findings if f.code.endswith("name_kind")]
    assert applied == ["news", "notice", "news"]
    assert lost(outcome) == [
        ("columns.stale", ("工作动态\u200b ",)),
        ("columns.stale", ("Ｘ公告",)),
    ]


def test_a_name_speaks_for_its_class_only_at_its_end(make_context: MakeContext) -> None:
    # 动态监测数据 holds 动态 but does not end with it: its name says nothing, and its
    # kind is the unit's own claim (listed to verify under trusted).
    outcome = columns(column("动态监测数据", "other", STALE_AS_NEWS), make_context=make_context)
    assert outcome.points == 100
    assert codes(outcome) == ["audit.column_kind"]


def test_a_unit_kind_harsher_than_the_names_stands(make_context: MakeContext) -> None:
    # 人事信息 is personnel by name (12 months); labelled news, the unit's harsher class is
    # kept: stale at 15 days, counted toward the veto, and nothing listed.
    outcome = columns(column("人事信息", "news", STALE_AS_NEWS), make_context=make_context)
    assert codes(outcome) == ["columns.stale"]
    assert outcome.findings[0].params["kind_en"] == "news"


def test_the_name_table_is_the_criterias(make_context: MakeContext) -> None:
    # With no word listed, 工作动态 speaks for nothing: the unit's "other" is a claim.
    outcome = columns(
        column("工作动态", "other", STALE_AS_NEWS),
        make_context=make_context,
        params={"name_endings": {}},
    )
    assert codes(outcome) == ["audit.column_kind"]


# ---------------------------------------------------------------- trusted and strict


def test_trusted_scores_the_claim_and_lists_what_refusing_it_would_cost(
    make_context: MakeContext,
) -> None:
    # Two stale columns whose names say nothing, labelled other and personnel: as news
    # each would cost 2 points. Scored as claimed (100), listed with 2 each and 4 in all.
    outcome = columns(
        column("专题专栏", "other", STALE_AS_NEWS),
        column("领导之窗", "personnel", STALE_AS_NEWS),
        column("工作动态", "news", FRESH_AS_NEWS),
        make_context=make_context,
    )
    assert outcome.points == 100
    audit = only(outcome, "audit.column_kind")
    assert audit.records == ("专题专栏", "领导之窗")
    assert (audit.params["stakes"], audit.params["at_stake"]) == ([2, 2], 4)
    assert audit.params["veto_at_stake"] is False
    assert "本指标将少得4分" in worded(plugin, audit)


def test_strict_scores_the_stricter_kind_and_lists_what_confirming_would_give_back(
    make_context: MakeContext,
) -> None:
    outcome = columns(
        column("专题专栏", "other", STALE_AS_NEWS),
        column("领导之窗", "personnel", STALE_AS_NEWS),
        make_context=make_context,
        self_claims="strict",
    )
    assert outcome.points == 96
    assert lost(outcome) == [("columns.stale", ("专题专栏",)), ("columns.stale", ("领导之窗",))]
    audit = only(outcome, "audit.column_kind_unconfirmed")
    assert (audit.params["stakes"], audit.params["at_stake"]) == ([2, 2], 4)
    assert "本指标可多得4分" in worded(plugin, audit)


@pytest.mark.parametrize("policy", ["trusted", "strict"])
def test_a_confirmed_claim_is_scored_as_given_and_not_listed(
    make_context: MakeContext, policy: str
) -> None:
    # The evaluator confirmed 专题专栏 as other (by name, as normalised) and even 工作动态:
    # a confirmation decides over the name. Only 领导之窗 is left to verify.
    outcome = columns(
        column("专题专栏", "other", STALE_AS_NEWS),
        column("工作动态", "other", STALE_AS_NEWS),
        column("领导之窗", "other", STALE_AS_NEWS),
        make_context=make_context,
        self_claims=policy,
        facts={"confirmed_columns": ["专题专栏 ", "工作动态"]},
    )
    assert "audit.column_name_kind" not in codes(outcome)
    code = "audit.column_kind" if policy == "trusted" else "audit.column_kind_unconfirmed"
    assert only(outcome, code).records == ("领导之窗",)
    assert outcome.points == (100 if policy == "trusted" else 98)


def test_a_claim_on_which_the_veto_turns_says_so(make_context: MakeContext) -> None:
    # Four stale news columns and one stale column labelled other under a name that says
    # nothing: refused, it is the fifth, and the indicator is vetoed (0 of 100 instead of 92).
    news = [column(n, "news", STALE_AS_NEWS) for n in ("工作动态", "部门动态", "街道动态", "要闻")]
    outcome = columns(*news, column("专题专栏", "other", STALE_AS_NEWS), make_context=make_context)
    assert (outcome.points, outcome.veto) == (92, False)
    audit = only(outcome, "audit.column_kind")
    assert (audit.params["at_stake"], audit.params["veto_at_stake"]) == (92, True)
    assert audit.params["veto_zh"] == "（涉及单项否决）"
    strict = columns(
        *news,
        column("专题专栏", "other", STALE_AS_NEWS),
        make_context=make_context,
        self_claims="strict",
    )
    assert (strict.points, strict.veto) == (0, True)
    confirmed = only(strict, "audit.column_kind_unconfirmed")
    assert (confirmed.params["at_stake"], confirmed.params["veto_at_stake"]) == (92, True)


def test_stakes_are_exact_where_deductions_reach_the_cap(make_context: MakeContext) -> None:
    # Worth 5 points: two stale news columns already cost 4; each of two claims would cost
    # 2 more, but together only the 1 left (the points never go below 0).
    news = [column(n, "news", STALE_AS_NEWS) for n in ("工作动态", "部门动态")]
    outcome = columns(
        *news,
        column("专题专栏", "other", STALE_AS_NEWS),
        column("领导之窗", "other", STALE_AS_NEWS),
        make_context=make_context,
        max_points=5.0,
    )
    assert outcome.points == 1
    audit = only(outcome, "audit.column_kind")
    assert (audit.params["stakes"], audit.params["at_stake"]) == ([1, 1], 1)
    assert isinstance(audit.params["at_stake"], Fraction)


@pytest.mark.parametrize(("updated", "listed"), [(FRESH_AS_NEWS, False), (STALE_AS_NEWS, True)])
def test_a_claim_is_listed_only_when_the_stricter_kind_would_fail_the_column(
    make_context: MakeContext, updated: dt.date, listed: bool
) -> None:
    # 14 days old, a column is fresh even as news: nothing turns on its claimed kind.
    outcome = columns(column("专题专栏", "other", updated), make_context=make_context)
    assert codes(outcome) == (["audit.column_kind"] if listed else [])


# ---------------------------------------------------------------- the criteria's own checks


def test_a_word_listed_for_two_kinds_is_refused(criteria: Path) -> None:
    replace(
        criteria / "website_timeliness.yaml",
        "planning: [规划计划, 发展规划]",
        "planning: [规划计划, 动态]",
    )
    [(indicator, problem, values)] = load_errors(criteria)
    assert (indicator, problem) == ("column_freshness", "columns.name_ending_twice")
    assert values == {
        "param": "name_endings",
        "word": "动态",
        "first": "news",
        "second": "planning",
    }


def test_an_alternative_kind_without_an_interval_is_refused(criteria: Path) -> None:
    replace(
        criteria / "website_timeliness.yaml", "unknown_name_kind: news", "unknown_name_kind: other"
    )
    [(indicator, problem, _)] = load_errors(criteria)
    assert (indicator, problem) == ("column_freshness", "columns.unknown_name_kind_no_interval")
