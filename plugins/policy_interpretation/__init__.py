"""Policy interpretation (政策解读): which documents were explained, when, how and by whom.

Documents needing an interpretation are the normative (规范性文件) and major
(重大政策) ones, as the unit classes them. A class that spares a document a
rule it would fail as a major policy (the class every rule applies to) is the
unit's claim: scored under the scheme's ``self_claims`` until the evaluator
confirms it (``confirmed_documents``), and listed to verify with the points it
puts at stake (``audit.document_class``, ``audit.document_class_unconfirmed``).
Integrity rules shared by the four scorers:

- copies of a document (ids that read alike) are judged by the worst copy;
- a document published after the snapshot or outside the assessed year is
  excluded from every rule (its interpretations with it);
- an interpretation published after the snapshot or before its document
  earns nothing (the document then counts as not interpreted by it);
- an interpretation naming no submitted document is an orphan: it counts as
  missing, since an interpretation not linked to its document cannot be found.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from evaluator import (
    Fact,
    Finding,
    FrozenList,
    Outcome,
    Scorer,
    ScoringContext,
    Section,
    Templates,
    exact_number,
    hookimpl,
    scorer,
)
from evaluator import __version__ as __version__  # the areas ship with evaluator, at its version
from evaluator.rules import (
    AFTER_SNAPSHOT,
    DUPLICATE_ID,
    OUTSIDE_YEAR,
    SET_ASIDE,
    WORKING_DAYS,
    DeadlineStatus,
    Term,
    check_deadline,
    find_copies,
    normalise_id,
    normalised_ids,
    subject,
    terms,
    worst,
)
from evaluator.section_schema import (
    BOOLEAN,
    COUNT,
    DATE,
    ENUM_TITLES,
    ID,
    POSITIVE_COUNT,
    TEXT,
    array_of,
    params,
    record_schema,
)

from .._disclosure.claims import (
    ClaimedRecord,
    Counts,
    Decided,
    Score,
    decided_records,
    list_claims,
    rate_score,
    scores_alternative,
)
from .._disclosure.findings import duplicate
from .._disclosure.labels import DOCUMENT, ISSUED, NO_CREDIT, field
from .._disclosure.made_once import LastMade
from .texts import MESSAGES

SECTION = "policy_interpretation"

# Display names of the interpretation forms, in the contract's order.
FORMS = {
    "text": Term("文字", "text"),
    "graphic": Term("图解", "graphics"),
    "video": Term("音视频", "audio or video"),
    "press_conference": Term("新闻发布会", "press conference"),
    "interview": Term("在线访谈", "online interview"),
}

_DOCUMENT = record_schema(
    {
        "id": field(ID, "文件编号", "文号 / document id"),
        "title": field(TEXT, "标题", "标题 / title"),
        "published_on": field(DATE, "发布日期", "发布日期 / publication date"),
        "normative": field(
            BOOLEAN, "规范性文件", "是否规范性文件（缺省为否）/ normative document (absent = false)"
        ),
        "major": field(
            BOOLEAN, "重大政策", "是否重大政策（缺省为否）/ major policy (absent = false)"
        ),
        "url": field(TEXT, "网址", "发布网址 / where it is published"),
    },
    ["id", "published_on"],
    "政策文件 / policy document",
)
_INTERPRETATION = record_schema(
    {
        "document": field(ID, "文件编号", "所解读文件的文号 / id of the document interpreted"),
        "published_on": field(
            DATE, "发布日期", "解读发布日期 / publication date of the interpretation"
        ),
        "form": field(
            {
                "enum": list(FORMS),
                ENUM_TITLES: {
                    "text": "文字",
                    "graphic": "图解",
                    "video": "视频",
                    "press_conference": "新闻发布会",
                    "interview": "在线访谈",
                },
            },
            "解读形式",
            "解读形式：text 文字 | graphic 图解 | video 视频 | press_conference 新闻发布会 | "
            "interview 在线访谈（缺省视为文字）/ form (absent = text)",
        ),
        "by_principal": field(
            BOOLEAN,
            "主要负责人解读",
            "是否由主要负责同志解读（缺省为否）/ given by a principal leader (absent = false)",
        ),
        "url": field(TEXT, "网址", "解读网址 / where it is published"),
    },
    ["document", "published_on"],
    "政策解读 / interpretation",
)
SCHEMA: dict[str, Any] = record_schema(
    {
        "documents": {
            **array_of(_DOCUMENT, "本年度制发的政策文件 / policy documents issued in the year"),
            "title": "政策文件",
        },
        "interpretations": {
            **array_of(_INTERPRETATION, "政策解读（缺省为无）/ interpretations (absent = none)"),
            "title": "政策解读",
        },
    },
    ["documents"],
    "政策解读 / policy interpretation",
)

RATE_PARAMS = params({})
SYNCHRONISATION_PARAMS = params(
    {
        "tolerance_working_days": {
            **COUNT,
            "description": "解读可晚于文件的工作日数（0 = 同一日期）/ working days an "
            "interpretation may follow its document (0 = the same date)",
        },
    },
    {"tolerance_working_days": 0},
)
FORM_DIVERSITY_PARAMS = params(
    {
        "forms": {
            "type": "array",
            "items": {"enum": list(FORMS)},
            "uniqueItems": True,
            "minItems": 1,
            "description": "计为多样化解读的形式 / forms that count as more than text",
        },
    },
    {"forms": ["graphic", "video", "press_conference", "interview"]},
)
PRINCIPAL_PARAMS = params(
    {
        "required": {
            **POSITIVE_COUNT,
            "description": "主要负责同志应解读的文件数 / documents a principal leader should "
            "interpret",
        },
    },
    {"required": 1},
)

Record = Mapping[str, Any]
UNCLASSED = Term("既非规范性文件也非重大政策", "neither normative nor major")
NORMATIVE_ONLY = Term("规范性文件（非重大政策）", "normative, not major")
MAJOR = Term("重大政策", "a major policy")

CONFIRMED_FACT = "confirmed_documents"
"""The evaluator-owned fact listing the documents (by id) whose class it confirmed."""
CLASS_TRUSTED = "audit.document_class"
CLASS_UNCONFIRMED = "audit.document_class_unconfirmed"

FACTS = [
    Fact(
        CONFIRMED_FACT,
        {"type": "array", "items": {**TEXT, "minLength": 1}, "uniqueItems": True},
        title="已核实的政策文件类别",
        description="评估方已核实其自报类别（是否规范性文件、重大政策）的政策文件（文号）：按单位"
        "自报的类别评判，不列为待核实 / the documents (by id) whose class as the unit gives it "
        "(normative, major) the evaluator confirmed: judged by that class, and not listed as to "
        "be verified",
    )
]


def confirmed_documents(ctx: ScoringContext) -> Decided:
    """The documents (ids as normalised) whose class, as the unit gives it, the evaluator
    confirmed or refused. The one place the policy plugin reads confirmations: the facts
    file (``confirmed_documents``) and the review decisions."""
    return decided_records(ctx, CONFIRMED_FACT)


# What each rule judges of a document, for the list of claims that mattered to it.
INTERPRETED = Term("是否发布解读", "whether it was interpreted")
SYNCHRONOUS = Term("解读是否与文件同步", "whether its interpretation came out with it")
DIVERSE = Term("解读形式是否多样", "whether it was interpreted in more than text")
BY_PRINCIPAL = Term("是否由主要负责同志解读", "whether a principal leader interpreted it")

RULE_BY_RULE = Term(
    "各项规则均按其中最不利的一份评判", "judged, rule by rule, by the least favourable copy"
)

# What a copy of a document comes to under one rule, ordered by what it costs the unit.
PASS, NOT_JUDGED, FAIL = 0, 1, 2


@dataclass(frozen=True)
class _Document:
    """One copy of a document, counted in this run, with the interpretations credited to it.

    ``as_major`` judges it as a major policy (the class every rule applies to)
    whatever the unit says: the stricter reading of a class the unit gives it.
    """

    record: Record
    interpretations: tuple[Record, ...]
    as_major: bool = False

    @property
    def id(self) -> str:
        return str(self.record["id"])

    @property
    def needing(self) -> bool:
        return self.as_major or bool(self.record.get("normative") or self.record.get("major"))

    @property
    def major(self) -> bool:
        return self.as_major or bool(self.record.get("major"))

    @property
    def claimed(self) -> Term:
        """The class the unit gives the document, in words."""
        if self.record.get("major"):
            return MAJOR
        return NORMATIVE_ONLY if self.record.get("normative") else UNCLASSED

    def reclassed(self) -> _Document:
        """The document judged as a major policy."""
        return dataclasses.replace(self, as_major=True)

    @property
    def shown(self) -> str:
        title = self.record.get("title")
        return f"{self.id}《{title}》" if title else self.id


@dataclass(frozen=True)
class _Review:
    """The unit's documents, each a group of copies, after the integrity rules."""

    groups: tuple[tuple[_Document | None, ...], ...]  # None: a copy set aside (see notes)
    notes: tuple[Finding, ...]
    orphans: tuple[Finding, ...]


_NONE: Sequence[Record] = FrozenList()  # no records: one read-only empty list
_reviews: LastMade[_Review] = LastMade()


def _review(ctx: ScoringContext) -> _Review:
    """The unit's documents reviewed, once per unit for the scorers that ask (LastMade)."""
    documents: Sequence[Record] = ctx.data.get("documents", _NONE)
    interpretations: Sequence[Record] = ctx.data.get("interpretations", _NONE)
    return _reviews.get(
        (documents, interpretations),
        (ctx.as_of, ctx.year),
        lambda: _review_documents(ctx, documents, interpretations),
    )


def _review_documents(
    ctx: ScoringContext, documents: Sequence[Record], interpretations: Sequence[Record]
) -> _Review:
    ids = [str(d["id"]) for d in documents]
    keys = normalised_ids(ids)
    copies = find_copies(keys)
    by_document: dict[str, list[Record]] = {}
    for interpretation in interpretations:
        by_document.setdefault(normalise_id(str(interpretation["document"])), []).append(
            interpretation
        )
    notes: list[Finding] = []
    groups: list[tuple[_Document | None, ...]] = []
    for index in range(len(documents)):
        if index in copies.later:
            continue
        group = copies.groups.get(index, (index,))
        if len(group) > 1:
            notes.append(duplicate(DOCUMENT, [ids[i] for i in group], 0, RULE_BY_RULE))
        groups.append(
            tuple(_copy(ctx, documents[i], by_document.get(keys[i], []), notes) for i in group)
        )
    known = set(keys)
    orphans: dict[str, int] = {}
    for interpretation in interpretations:
        document = str(interpretation["document"])
        if normalise_id(document) not in known:
            orphans[document] = orphans.get(document, 0) + 1
    orphan_findings = tuple(
        Finding(
            "policy.orphan_interpretation",
            records=(document,),
            params={"document": document, "count": n},
        )
        for document, n in orphans.items()
    )
    return _Review(tuple(groups), tuple(notes), orphan_findings)


def _copy(
    ctx: ScoringContext, record: Record, interpretations: list[Record], notes: list[Finding]
) -> _Document | None:
    """A copy in this run, with its credited interpretations, or None when set aside."""
    rid = str(record["id"])
    published: dt.date = record["published_on"]
    base = {"id": rid, "snapshot": ctx.as_of, "year": ctx.year, "day": published}
    if published > ctx.as_of or published.year != ctx.year:
        code = AFTER_SNAPSHOT if published > ctx.as_of else OUTSIDE_YEAR
        params = {**terms(subject=subject(DOCUMENT, rid), field=ISSUED, effect=SET_ASIDE), **base}
        notes.append(Finding(code, records=(rid,), params=params))
        return None
    credited: list[Record] = []
    for interpretation in interpretations:
        day: dt.date = interpretation["published_on"]
        if day > ctx.as_of:
            what = Term(f"政策文件“{rid}”的解读", f"an interpretation of '{rid}'")
            params = {**terms(subject=what, field=ISSUED, effect=NO_CREDIT), **base, "day": day}
            notes.append(Finding(AFTER_SNAPSHOT, records=(rid,), params=params))
        elif day < published:
            params = {"document": rid, "interpreted": day, "published": published}
            code = "integrity.interpretation_before_document"
            notes.append(Finding(code, records=(rid,), params=params))
        else:
            credited.append(interpretation)
    return _Document(record, tuple(credited))


Verdict = tuple[int, dict[str, Any] | None]  # (PASS | NOT_JUDGED | FAIL, the failure's params)


@dataclass(frozen=True)
class _Reading:
    """One copy judged by a rule at the class the rules give it, and, when the unit's class
    mattered, the verdict under its other reading (``trusted``: as major, had the claim been
    refused; ``strict``: as the unit classes it, had it been confirmed)."""

    verdict: Verdict
    other: Verdict | None = None


class _Classes:
    """How one unit's documents are classed for a rule: the scheme's ``self_claims`` and the
    documents whose class the evaluator confirmed.

    A document the unit does not class major, and that the rule passes (or
    does not judge) as classed but fails as major, carries a claim: scored as
    classed under ``trusted``, as major under ``strict``, as classed once
    confirmed. No name speaks for a document's class: whether a document is
    normative (规范性文件) or major (重大政策) depends on how it was made and
    what it binds, which neither its title nor its number shows.
    """

    def __init__(self, ctx: ScoringContext, judge: Callable[[_Document], Verdict]) -> None:
        self.strict = scores_alternative(ctx.self_claims)
        self.decided = confirmed_documents(ctx)
        self.judge = judge

    def read(self, document: _Document | None) -> _Reading:
        if document is None:
            return _Reading((NOT_JUDGED, None))
        given = self.judge(document)
        key = normalise_id(document.id)
        if given[0] == FAIL or document.major or key in self.decided.confirmed:
            return _Reading(given)
        alternative = self.judge(document.reclassed())
        if alternative[0] != FAIL:
            return _Reading(given)
        if key in self.decided.refused:
            return _Reading(alternative)
        if self.strict:
            return _Reading(alternative, given)
        return _Reading(given, alternative)


def _tally(verdict: Verdict) -> Counts:
    """What one document's verdict adds to a rate: judged (0 or 1), failed (0 or 1)."""
    return int(verdict[0] != NOT_JUDGED), int(verdict[0] == FAIL)


def _claimed(
    readings: Sequence[_Reading],
    group: Sequence[_Document | None],
    scored: Verdict,
    tally: Callable[[Verdict], Counts],
) -> ClaimedRecord | None:
    """A document (its copies' readings) whose class as the unit gives it matters to the
    rule, with what it adds as scored and under the claim's other reading (worst copy)."""
    claims = [(r, d) for r, d in zip(readings, group, strict=True) if r.other is not None]
    if not claims:
        return None
    _, document = claims[0]
    assert document is not None
    others = [r.verdict if r.other is None else r.other for r in readings]
    other = others[worst(others, lambda v: v[0])]
    return ClaimedRecord(document.id, document.claimed, MAJOR, tally(scored), tally(other))


def _claims_listing(
    ctx: ScoringContext,
    classes: _Classes,
    score: Score,
    counts: Counts,
    claimed: Sequence[ClaimedRecord],
    rule: Term,
) -> Finding | None:
    code = CLASS_UNCONFIRMED if classes.strict else CLASS_TRUSTED
    return list_claims(code, score, counts, claimed, classes.strict, **terms(rule=rule))


def _judge(
    ctx: ScoringContext,
    found: _Review,
    judge: Callable[[_Document], Verdict],
    code: str,
    empty: str,
    rule: Term,
) -> Outcome:
    """Each document group judged by its worst copy; each failing group costs an equal share."""
    classes = _Classes(ctx, judge)
    failed: list[tuple[str, dict[str, Any]]] = []
    claimed: list[ClaimedRecord] = []
    judged = 0
    for group in found.groups:
        readings = [classes.read(c) for c in group]
        kept = worst(readings, lambda r: r.verdict[0])
        level, failure = readings[kept].verdict
        chosen = group[kept]
        claim = _claimed(readings, group, readings[kept].verdict, _tally)
        if claim is not None:
            claimed.append(claim)
        if level == NOT_JUDGED:
            continue
        judged += 1
        if level == FAIL and chosen is not None and failure is not None:
            failed.append((chosen.id, failure))
    notes = list(found.notes)
    if claimed:
        counts = (judged, len(failed))
        listed = _claims_listing(ctx, classes, rate_score(ctx), counts, claimed, rule)
        notes.extend(() if listed is None else (listed,))
    if not judged:
        return Outcome(0, (Finding(empty), *notes), "not_applicable")
    whole = exact_number(ctx.max_points)
    each = float(whole / judged)
    lost = [Finding(code, records=(rid,), deduction=each, params=p) for rid, p in failed]
    return Outcome(whole * (judged - len(failed)) / judged, (*lost, *notes))


REVIEW_CODES = (
    DUPLICATE_ID,
    AFTER_SNAPSHOT,
    OUTSIDE_YEAR,
    "integrity.interpretation_before_document",
    CLASS_TRUSTED,
    CLASS_UNCONFIRMED,
)
"""The codes every policy scorer may give: the review of the documents, the audit list."""


@scorer(
    "policy.interpretation_rate",
    records="columns",
    section=SECTION,
    params=RATE_PARAMS,
    codes=(
        *REVIEW_CODES,
        "policy.not_interpreted",
        "policy.nothing_to_interpret",
        "policy.orphan_interpretation",
    ),
)
def interpretation_rate(ctx: ScoringContext) -> Outcome:
    """Share of normative and major documents published with at least one interpretation."""
    found = _review(ctx)

    def judge(document: _Document) -> Verdict:
        if not document.needing:
            return NOT_JUDGED, None
        if document.interpretations:
            return PASS, None
        return FAIL, {"document": document.shown}

    outcome = _judge(
        ctx, found, judge, "policy.not_interpreted", "policy.nothing_to_interpret", INTERPRETED
    )
    if outcome.status == "ok":
        outcome = Outcome(outcome.points, (*outcome.findings, *found.orphans))
    return outcome


@scorer(
    "policy.synchronisation",
    records="columns",
    section=SECTION,
    params=SYNCHRONISATION_PARAMS,
    codes=(*REVIEW_CODES, "policy.not_synchronous", "policy.none_interpreted"),
)
def synchronisation(ctx: ScoringContext) -> Outcome:
    """Share of interpreted documents whose first interpretation came out with them (三同步)."""
    tolerance: int = ctx.params["tolerance_working_days"]

    def judge(document: _Document) -> Verdict:
        if not document.needing or not document.interpretations:
            return NOT_JUDGED, None
        first = min(i["published_on"] for i in document.interpretations)
        published = document.record["published_on"]
        # due dates are calendar dates: a tolerance of 0 means the same date
        check = check_deadline(published, first, tolerance, clock=WORKING_DAYS, now=ctx.as_of)
        if check.status is not DeadlineStatus.LATE:  # an interpretation first is in time too
            return PASS, None
        return FAIL, {
            "document": document.shown,
            "published": published,
            "first": first,
            "due": check.due,
            "used": check.used,
            "tolerance": tolerance,
        }

    return _judge(
        ctx, _review(ctx), judge, "policy.not_synchronous", "policy.none_interpreted", SYNCHRONOUS
    )


@scorer(
    "policy.form_diversity",
    records="columns",
    section=SECTION,
    params=FORM_DIVERSITY_PARAMS,
    codes=(*REVIEW_CODES, "policy.plain_form", "policy.no_major"),
)
def form_diversity(ctx: ScoringContext) -> Outcome:
    """Share of major policies interpreted in at least one form beyond plain text."""
    forms: list[str] = ctx.params["forms"]
    wanted = Term("、".join(FORMS[f].zh for f in forms), ", ".join(FORMS[f].en for f in forms))

    def diverse(document: _Document) -> bool:
        return any(i.get("form", "text") in forms for i in document.interpretations)

    def judge(document: _Document) -> Verdict:
        if not document.major:
            return NOT_JUDGED, None
        if diverse(document):
            return PASS, None
        return FAIL, {"document": document.shown, **terms(forms=wanted)}

    return _judge(ctx, _review(ctx), judge, "policy.plain_form", "policy.no_major", DIVERSE)


@scorer(
    "policy.principal_interpretation",
    records="columns",
    section=SECTION,
    params=PRINCIPAL_PARAMS,
    codes=(*REVIEW_CODES, "policy.nothing_to_interpret", "policy.principal_short"),
)
def principal_interpretation(ctx: ScoringContext) -> Outcome:
    """Whether principal leaders interpreted enough documents themselves (第一解读人)."""
    found = _review(ctx)
    required: int = ctx.params["required"]

    def judge(document: _Document) -> Verdict:
        if not document.needing:
            return NOT_JUDGED, None
        return (
            PASS if any(i.get("by_principal") for i in document.interpretations) else FAIL
        ), None

    classes = _Classes(ctx, judge)
    by_principal: list[str] = []
    claimed: list[ClaimedRecord] = []
    needing = 0
    for group in found.groups:
        readings = [classes.read(c) for c in group]
        kept = worst(readings, lambda r: r.verdict[0])
        level = readings[kept].verdict[0]
        chosen = group[kept]
        claim = _claimed(readings, group, readings[kept].verdict, _principal_tally)
        if claim is not None:
            claimed.append(claim)
        if level == NOT_JUDGED:
            continue
        needing += 1
        if level == PASS and chosen is not None:
            by_principal.append(chosen.id)
    notes = list(found.notes)
    if claimed:
        score = _principal_score(exact_number(ctx.max_points), required)
        counts = (needing, len(by_principal))
        listed = _claims_listing(ctx, classes, score, counts, claimed, BY_PRINCIPAL)
        notes.extend(() if listed is None else (listed,))
    if not needing:
        return Outcome(0, (Finding("policy.nothing_to_interpret"), *notes), "not_applicable")
    whole = exact_number(ctx.max_points)
    points = _principal_score(whole, required)((needing, len(by_principal)))[0]
    findings = list(notes)
    if len(by_principal) < required:
        params = {"count": len(by_principal), "required": required}
        cost = float(whole - points)
        short = Finding(
            "policy.principal_short", records=tuple(by_principal), deduction=cost, params=params
        )
        findings.insert(0, short)
    return Outcome(points, tuple(findings))


def _principal_tally(verdict: Verdict) -> Counts:
    """What one document adds to the principal-leader rule: needing an interpretation (0 or
    1), interpreted by a principal leader (0 or 1)."""
    return int(verdict[0] != NOT_JUDGED), int(verdict[0] == PASS)


def _principal_score(whole: Fraction, required: int) -> Score:
    """The principal-leader rule's points from (documents needing one, interpreted by a
    principal leader): a share of ``required``; with none needing, not applicable (nothing
    is lost)."""

    def score(counts: Counts) -> tuple[Fraction, bool]:
        needing, by_principal = counts
        if needing <= 0:
            return whole, False
        return whole * Fraction(min(by_principal, required), required), False

    return score


@hookimpl
def register_facts() -> list[Fact]:
    return list(FACTS)


@hookimpl
def register_sections() -> list[Section]:
    return [Section(SECTION, SCHEMA, title="政策解读")]


@hookimpl
def register_scorers() -> list[Scorer]:
    return [interpretation_rate, synchronisation, form_diversity, principal_interpretation]


@hookimpl
def register_messages() -> Templates:
    return MESSAGES
