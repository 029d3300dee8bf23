"""A website column's kind: what its name says, what the unit claims, what the evaluator confirmed.

The kind decides a column's update interval and whether it counts toward the
veto (国办发〔2015〕15号, 普查评分表“栏目不更新”: 动态、要闻类栏目 2 weeks,
通知公告、政策文件类栏目 6 months). The unit gives each column's kind; the
scheme's ``name_endings`` lists, per kind, words a column's name ends with
that say its kind. Chinese column names put their head word last (工作 **动态**,
通知 **公告**, 政策 **解读**), so the ending names the class, where a word
found anywhere in the name would not (政策文件 **解读** is an interpretation
column, not a policy-document one, whatever a scheme makes of it). Names and
words are compared as :func:`~evaluator.rules.normalise_id` reads them
(full-width forms plain, invisible characters and outer spaces dropped), and
the longest word the name ends with decides; the criteria may not list one
word for two kinds.

A column's kind is then, in order:

1. the claim, when the evaluator confirmed it (:func:`confirmed_columns`);
2. when its name speaks for a kind other than the claim: the name's, unless
   the claimed kind judges the column more harshly (a class against the
   unit's own interest stands); a column judged by its name is listed
   (``audit.column_name_kind``);
3. when its name speaks for no kind: the claim, unless the alternative
   (``unknown_name_kind``, news by default, the census's strictest class)
   judges the column more harshly: then the claim is the unit's own, scored
   under the scheme's ``self_claims`` (:mod:`.._disclosure.claims`).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from evaluator import Finding, ParamsCheck, Problem, ScoringContext
from evaluator.rules import Term, normalise_id, terms

from .._disclosure.claims import Decided, decided_records, scores_alternative
from .checks import ColumnVerdict, judge_column
from .schema import KIND_NAMES

Record = Mapping[str, Any]
NameIndex = tuple[tuple[str, str], ...]
"""The name endings of a scheme, longest first: (word as normalised, kind)."""

CONFIRMED_FACT = "confirmed_columns"
"""The evaluator-owned fact listing the columns (by name) whose stated kind it confirmed."""

NAME_KIND = "audit.column_name_kind"


def confirmed_columns(ctx: ScoringContext) -> Decided:
    """The columns (names as normalised) whose stated kind the evaluator confirmed or refused.

    The one place the website plugin reads confirmations: the facts file
    (``confirmed_columns``) and the review decisions.
    """
    return decided_records(ctx, CONFIRMED_FACT)


def name_index(endings: Mapping[str, Any]) -> NameIndex:
    """The ``name_endings`` param as :func:`kind_named` reads it: each word normalised,
    longest first (ties in the params' order)."""
    pairs = [(normalise_id(str(word)), kind) for kind, words in endings.items() for word in words]
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


@functools.lru_cache(maxsize=65536)  # the same few column names recur in every unit
def kind_named(name: str, index: NameIndex) -> str | None:
    """The kind a column's name speaks for: that of the longest word of ``index`` the name
    ends with, or ``None`` when it ends with none."""
    key = normalise_id(name)
    for word, kind in index:
        if word and key.endswith(word):
            return kind
    return None


def endings_listed_twice(endings: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """Each word ``name_endings`` lists under two kinds (as normalised): (word, kind, kind)."""
    first: dict[str, str] = {}
    twice: list[tuple[str, str, str]] = []
    for kind, words in endings.items():
        for word in words:
            key = normalise_id(str(word))
            if key in first and first[key] != kind:
                twice.append((str(word), first[key], kind))
            first.setdefault(key, kind)
    return twice


def check_column_params(check: ParamsCheck) -> list[Problem]:
    """A word ``name_endings`` lists under two kinds, and an ``unknown_name_kind`` with no
    interval (it could never judge a column more harshly), are mistakes in the criteria."""
    p = check.params
    problems = [
        Problem(
            "columns.name_ending_twice",
            {"param": "name_endings", "word": word, "first": first, "second": second},
        )
        for word, first, second in endings_listed_twice(p["name_endings"])
    ]
    if p["unknown_name_kind"] not in p["max_age"]:
        params = {"param": "unknown_name_kind", "kind": p["unknown_name_kind"]}
        problems.append(Problem("columns.unknown_name_kind_no_interval", params))
    return problems


@dataclass(frozen=True)
class ColumnReading:
    """One column judged: the kind it is scored by and its verdict, and the other reading of
    a claim of the unit's, when there is one that matters.

    ``other`` is the verdict under the claim's other reading (``trusted``: the
    alternative kind, had the claim been refused; ``strict``: the claimed
    kind, had it been confirmed), with ``other_kind``; ``claimed`` and
    ``alternative`` name both classes. ``named`` is the finding of a column
    judged by its name against the unit's kind.
    """

    kind: str
    verdict: ColumnVerdict
    other: ColumnVerdict | None = None
    other_kind: str = ""
    claimed: Term | None = None
    alternative: Term | None = None
    named: Finding | None = None


@dataclass(frozen=True)
class ColumnKinds:
    """What decides the kinds of one unit's columns: the scheme's name endings and its
    ``self_claims``, and the columns whose kind the evaluator confirmed."""

    index: NameIndex
    alternative: str
    strict: bool
    decided: Decided
    veto_kinds: frozenset[str]

    @classmethod
    def of(cls, ctx: ScoringContext) -> ColumnKinds:
        """The unit's, from the indicator's params, the scheme's policy and the facts."""
        p = ctx.params
        return cls(
            name_index(p["name_endings"]),
            p["unknown_name_kind"],
            scores_alternative(ctx.self_claims),
            confirmed_columns(ctx),
            frozenset(p["veto_kinds"]),
        )

    def harsher(self, first: tuple[ColumnVerdict, str], second: tuple[ColumnVerdict, str]) -> bool:
        """Whether the first (verdict, kind) judges the column more harshly than the second:
        stale where the other is not, or counted toward the veto where the other is not."""
        return self._harshness(*first) > self._harshness(*second)

    def _harshness(self, verdict: ColumnVerdict, kind: str) -> tuple[bool, bool]:
        stale = verdict[1] is not None
        return stale, stale and kind in self.veto_kinds

    def read(
        self,
        column: Record,
        name: str,
        checked: dt.date,
        p: Mapping[str, Any],
        limits: Mapping[str, tuple[dt.date, Term]],
    ) -> ColumnReading:
        """The column judged by the kind the rules give it (see the module's order)."""
        claimed: str = column["kind"]
        as_claimed = judge_column(column, checked, p, limits)
        key = normalise_id(name)
        if column.get("blank") or key in self.decided.confirmed:
            return ColumnReading(claimed, as_claimed)  # a blank column is blank whatever its kind
        named = kind_named(name, self.index)
        if named is not None:
            if named == claimed:
                return ColumnReading(claimed, as_claimed)
            as_named = judge_column(column, checked, p, limits, kind=named)
            if self.harsher((as_claimed, claimed), (as_named, named)):
                return ColumnReading(claimed, as_claimed)
            return ColumnReading(named, as_named, named=self._named(name, claimed, named))
        alternative = self.alternative
        if claimed == alternative:
            return ColumnReading(claimed, as_claimed)
        as_alternative = judge_column(column, checked, p, limits, kind=alternative)
        if not self.harsher((as_alternative, alternative), (as_claimed, claimed)):
            return ColumnReading(claimed, as_claimed)
        if key in self.decided.refused:
            return ColumnReading(alternative, as_alternative)
        words = (KIND_NAMES[claimed], KIND_NAMES[alternative])
        if self.strict:
            return ColumnReading(alternative, as_alternative, as_claimed, claimed, *words)
        return ColumnReading(claimed, as_claimed, as_alternative, alternative, *words)

    @staticmethod
    def _named(name: str, claimed: str, named: str) -> Finding:
        params = {
            "name": name,
            **terms(claimed=KIND_NAMES[claimed], applied=KIND_NAMES[named]),
        }
        return Finding(NAME_KIND, records=(name,), params=params)
