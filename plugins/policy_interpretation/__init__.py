"""Policy interpretation (政策解读): which documents were explained, when, how and by whom.

Documents needing an interpretation are the normative (规范性文件) and major
(重大政策) ones, as the unit classes them; documents classed as neither, and
major-only rules spared by a document not classed major, are listed for audit
(``audit.document_class``). Integrity rules shared by the four scorers:

- copies of a document (ids that read alike) are judged by the worst copy;
- a document published after the snapshot or outside the assessed year is
  excluded from every rule (its interpretations with it);
- an interpretation published after the snapshot or before its document
  earns nothing (the document then counts as not interpreted by it);
- an interpretation naming no submitted document is an orphan: it counts as
  missing, since an interpretation not linked to its document cannot be found.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from evaluator import (
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

from .._disclosure.findings import duplicate, listing
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
NEITHER = Term(
    "既非规范性文件也非重大政策，未纳入解读考核",
    "are neither normative nor major and were not required to be interpreted",
)
NOT_MAJOR = Term(
    "不是重大政策，未考核解读形式（按重大政策则形式单一）",
    "are not major policies, so their forms were not judged (as major they would fail)",
)

RULE_BY_RULE = Term(
    "各项规则均按其中最不利的一份评判", "judged, rule by rule, by the least favourable copy"
)

# What a copy of a document comes to under one rule, ordered by what it costs the unit.
PASS, NOT_JUDGED, FAIL = 0, 1, 2


@dataclass(frozen=True)
class _Document:
    """One copy of a document, counted in this run, with the interpretations credited to it."""

    record: Record
    interpretations: tuple[Record, ...]

    @property
    def id(self) -> str:
        return str(self.record["id"])

    @property
    def needing(self) -> bool:
        return bool(self.record.get("normative") or self.record.get("major"))

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


def _judge(
    ctx: ScoringContext,
    found: _Review,
    judge: Callable[[_Document], Verdict],
    code: str,
    empty: str,
    spared: Callable[[_Document], bool] = lambda d: False,
    rule: Term = NEITHER,
) -> Outcome:
    """Each document group judged by its worst copy; each failing group costs an equal share."""
    failed: list[tuple[str, dict[str, Any]]] = []
    listed: list[str] = []
    judged = 0
    for group in found.groups:
        verdicts = [(NOT_JUDGED, None) if c is None else judge(c) for c in group]
        kept = worst(verdicts, lambda v: v[0])
        level, failure = verdicts[kept]
        chosen = group[kept]
        if chosen is not None and level == NOT_JUDGED and spared(chosen):
            listed.append(chosen.id)
        if level == NOT_JUDGED:
            continue
        judged += 1
        if level == FAIL and chosen is not None and failure is not None:
            failed.append((chosen.id, failure))
    notes = list(found.notes)
    if listed:
        notes.append(listing("audit.document_class", listed, **terms(rule=rule)))
    if not judged:
        return Outcome(0, (Finding(empty), *notes), "not_applicable")
    whole = exact_number(ctx.max_points)
    each = float(whole / judged)
    lost = [Finding(code, records=(rid,), deduction=each, params=p) for rid, p in failed]
    return Outcome(whole * (judged - len(failed)) / judged, (*lost, *notes))


def _neither(document: _Document) -> bool:
    return not document.needing


REVIEW_CODES = (
    DUPLICATE_ID,
    AFTER_SNAPSHOT,
    OUTSIDE_YEAR,
    "integrity.interpretation_before_document",
    "audit.document_class",
)
"""The codes every policy scorer may give: the review of the documents, the audit list."""


@scorer(
    "policy.interpretation_rate",
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
        ctx, found, judge, "policy.not_interpreted", "policy.nothing_to_interpret", _neither
    )
    if outcome.status == "ok":
        outcome = Outcome(outcome.points, (*outcome.findings, *found.orphans))
    return outcome


@scorer(
    "policy.synchronisation",
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
        ctx, _review(ctx), judge, "policy.not_synchronous", "policy.none_interpreted", _neither
    )


@scorer(
    "policy.form_diversity",
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
        if not document.record.get("major"):
            return NOT_JUDGED, None
        if diverse(document):
            return PASS, None
        return FAIL, {"document": document.shown, **terms(forms=wanted)}

    def spared(document: _Document) -> bool:
        return not document.record.get("major") and not diverse(document)

    return _judge(
        ctx, _review(ctx), judge, "policy.plain_form", "policy.no_major", spared, NOT_MAJOR
    )


@scorer(
    "policy.principal_interpretation",
    section=SECTION,
    params=PRINCIPAL_PARAMS,
    codes=(*REVIEW_CODES, "policy.nothing_to_interpret", "policy.principal_short"),
)
def principal_interpretation(ctx: ScoringContext) -> Outcome:
    """Whether principal leaders interpreted enough documents themselves (第一解读人)."""
    found = _review(ctx)
    required: int = ctx.params["required"]

    def level(document: _Document | None) -> int:
        if document is None or not document.needing:
            return NOT_JUDGED
        return PASS if any(i.get("by_principal") for i in document.interpretations) else FAIL

    by_principal: list[str] = []
    listed: list[str] = []
    needing = 0
    for group in found.groups:
        levels = [level(c) for c in group]
        kept = worst(levels, lambda v: v)
        chosen = group[kept]
        if levels[kept] == NOT_JUDGED:
            if chosen is not None:
                listed.append(chosen.id)
            continue
        needing += 1
        if levels[kept] == PASS and chosen is not None:
            by_principal.append(chosen.id)
    notes = list(found.notes)
    if listed:
        notes.append(listing("audit.document_class", listed, **terms(rule=NEITHER)))
    if not needing:
        return Outcome(0, (Finding("policy.nothing_to_interpret"), *notes), "not_applicable")
    whole = exact_number(ctx.max_points)
    points = whole * Fraction(min(len(by_principal), required), required)
    findings = list(notes)
    if len(by_principal) < required:
        params = {"count": len(by_principal), "required": required}
        cost = float(whole - points)
        short = Finding(
            "policy.principal_short", records=tuple(by_principal), deduction=cost, params=params
        )
        findings.insert(0, short)
    return Outcome(points, tuple(findings))


@hookimpl
def register_sections() -> list[Section]:
    return [Section(SECTION, SCHEMA, title="政策解读")]


@hookimpl
def register_scorers() -> list[Scorer]:
    return [interpretation_rate, synchronisation, form_diversity, principal_interpretation]


@hookimpl
def register_messages() -> Templates:
    return MESSAGES
