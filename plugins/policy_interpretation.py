"""Policy interpretation (政策解读): which documents were explained, when, how and by whom.

Documents needing an interpretation are the normative (规范性文件) and major
(重大政策) ones. Integrity rules shared by the four scorers:

- duplicate document ids: only the first document counts;
- a document published after the snapshot or outside the assessed year is
  excluded from every rule (its interpretations with it);
- an interpretation published after the snapshot or before its document
  earns nothing (the document then counts as not interpreted by it);
- an interpretation naming no submitted document is an orphan: it counts as
  missing, since an interpretation not linked to its document cannot be found.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from evaluator import Finding, Outcome, Scorer, ScoringContext, Section, hookimpl, scorer
from evaluator.rules import (
    WORKING_DAYS,
    DeadlineStatus,
    ScreeningMessages,
    check_deadline,
    first_of_each,
    screen_records,
    share_points,
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
    described,
    params,
    record_schema,
)

SECTION = "policy_interpretation"

# Display names of the interpretation forms, in the contract's order.
FORMS = {
    "text": "文字",
    "graphic": "图解",
    "video": "音视频",
    "press_conference": "新闻发布会",
    "interview": "在线访谈",
}

_DOCUMENT = record_schema(
    {
        "id": described({**ID, "title": "文件编号"}, "文号 / document id"),
        "title": described({**TEXT, "title": "标题"}, "标题 / title"),
        "published_on": described({**DATE, "title": "发布日期"}, "发布日期 / publication date"),
        "normative": described(
            {**BOOLEAN, "title": "规范性文件"},
            "是否规范性文件（缺省为否）/ normative document (absent = false)",
        ),
        "major": described(
            {**BOOLEAN, "title": "重大政策"},
            "是否重大政策（缺省为否）/ major policy (absent = false)",
        ),
        "url": described(TEXT, "发布网址 / where it is published"),
    },
    ["id", "published_on"],
)
_INTERPRETATION = record_schema(
    {
        "document": described(
            {**ID, "title": "文件编号"}, "所解读文件的文号 / id of the document interpreted"
        ),
        "published_on": described(
            {**DATE, "title": "发布日期"}, "解读发布日期 / publication date of the interpretation"
        ),
        "form": described(
            {
                "enum": list(FORMS),
                "title": "解读形式",
                ENUM_TITLES: {
                    "text": "文字",
                    "graphic": "图解",
                    "video": "视频",
                    "press_conference": "新闻发布会",
                    "interview": "在线访谈",
                },
            },
            "解读形式（缺省视为文字）/ form (absent = text)",
        ),
        "by_principal": described(
            {**BOOLEAN, "title": "主要负责人解读"},
            "是否由主要负责同志解读（缺省为否）/ given by a principal leader (absent = false)",
        ),
        "url": described(TEXT, "解读网址 / where it is published"),
    },
    ["document", "published_on"],
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
)

RATE_PARAMS = params({})
SYNCHRONISATION_PARAMS = params(
    {
        "tolerance_working_days": described(
            COUNT,
            "解读可晚于文件的工作日数（0 = 同日）/ working days an interpretation "
            "may follow its document (0 = same day)",
        ),
    },
    {"tolerance_working_days": 0},
)
FORM_DIVERSITY_PARAMS = params(
    {
        "forms": described(
            {"type": "array", "items": {"enum": list(FORMS)}, "uniqueItems": True, "minItems": 1},
            "计为多样化解读的形式 / forms that count as more than text",
        ),
    },
    {"forms": ["graphic", "video", "press_conference", "interview"]},
)
PRINCIPAL_PARAMS = params(
    {
        "required": described(
            POSITIVE_COUNT,
            "主要负责同志应解读的文件数 / documents a principal leader should interpret",
        ),
    },
    {"required": 1},
)


Record = Mapping[str, Any]


@dataclass(frozen=True)
class _Review:
    """The unit's documents and interpretations after the integrity rules."""

    documents: tuple[Record, ...]  # counted documents, first occurrence of each id
    interpretations: Mapping[str, tuple[Record, ...]]  # document id -> credited ones
    notes: tuple[Finding, ...]  # integrity findings (they cost nothing by themselves)
    orphans: tuple[Finding, ...]

    @property
    def needing(self) -> tuple[Record, ...]:
        """Documents that must be interpreted: normative or major ones."""
        return tuple(d for d in self.documents if d.get("normative") or d.get("major"))

    def of(self, document: Record) -> tuple[Record, ...]:
        return self.interpretations.get(document["id"], ())


def _label(document: Record) -> str:
    title = document.get("title")
    return f"{document['id']}《{title}》" if title else str(document["id"])


def _review(ctx: ScoringContext) -> _Review:
    documents: Sequence[Record] = ctx.data.get("documents", [])
    interpretations: Sequence[Record] = ctx.data.get("interpretations", [])

    first, duplicates = first_of_each(
        documents,
        record_id=lambda d: str(d["id"]),
        describe_duplicate=lambda doc_id, n: f"政策文件 {doc_id} 重复提交 {n} 条，仅计第一条",
    )
    kept, excluded = screen_records(
        first.values(),
        record_id=lambda d: str(d["id"]),
        key_date=lambda d: d["published_on"],
        year=ctx.year,
        snapshot=ctx.as_of,
        describe=ScreeningMessages(
            after_snapshot=lambda doc_id, day: (
                f"政策文件 {doc_id} 的发布日期 {day} 晚于评估截止日 {ctx.as_of}，不计入"
            ),
            outside_year=lambda doc_id, day: (
                f"政策文件 {doc_id} 的发布日期 {day} 不在评估年度 {ctx.year} 内，不计入"
            ),
        ),
    )
    notes: list[Finding] = [*duplicates, *excluded]
    counted = {str(d["id"]): d for d in kept}

    credited: dict[str, list[Record]] = {}
    orphans: dict[str, int] = {}
    for interpretation in interpretations:
        doc_id = str(interpretation["document"])
        published = interpretation["published_on"]
        if doc_id not in first:
            orphans[doc_id] = orphans.get(doc_id, 0) + 1
            continue
        target = counted.get(doc_id)
        if target is None:
            continue  # its document is excluded, and already has a finding
        if published > ctx.as_of:
            message = (
                f"政策文件 {doc_id} 的解读发布日期 {published} 晚于评估截止日 {ctx.as_of}，不予认可"
            )
            notes.append(Finding("integrity.after_snapshot", message, (doc_id,)))
        elif published < target["published_on"]:
            message = (
                f"政策文件 {doc_id} 的解读发布日期 {published} 早于文件发布日期 "
                f"{target['published_on']}，不予认可"
            )
            notes.append(Finding("integrity.interpretation_before_document", message, (doc_id,)))
        else:
            credited.setdefault(doc_id, []).append(interpretation)

    orphan_findings = tuple(
        Finding(
            "policy.orphan_interpretation",
            f"有 {n} 条解读所称文件 {doc_id} 不在提交的政策文件中，视为未关联",
            (doc_id,),
        )
        for doc_id, n in orphans.items()
    )
    return _Review(
        documents=tuple(counted.values()),
        interpretations={k: tuple(v) for k, v in credited.items()},
        notes=tuple(notes),
        orphans=orphan_findings,
    )


def _not_applicable(code: str, reason: str, review: _Review) -> Outcome:
    """Not applicable, keeping the integrity findings in view."""
    return Outcome(0.0, (Finding(code, reason), *review.notes), status="not_applicable")


def _share(
    ctx: ScoringContext, judged: int, lost: list[Finding], notes: Sequence[Finding]
) -> Outcome:
    """Points in proportion to judged documents that lost nothing (one finding each)."""
    points = share_points(judged - len(lost), judged, ctx.max_points)
    return Outcome(points=points, findings=(*lost, *notes))


@scorer("policy.interpretation_rate", section=SECTION, params=RATE_PARAMS)
def interpretation_rate(ctx: ScoringContext) -> Outcome:
    """Share of normative and major documents published with at least one interpretation."""
    review = _review(ctx)
    needing = review.needing
    if not needing:
        reason = "本年度无需解读的规范性文件或重大政策"
        return _not_applicable("policy.nothing_to_interpret", reason, review)
    each = ctx.max_points / len(needing)
    lost = [
        Finding("policy.not_interpreted", f"政策文件 {_label(d)} 未发布解读", (d["id"],), each)
        for d in needing
        if not review.of(d)
    ]
    return _share(ctx, len(needing), lost, (*review.notes, *review.orphans))


@scorer("policy.synchronisation", section=SECTION, params=SYNCHRONISATION_PARAMS)
def synchronisation(ctx: ScoringContext) -> Outcome:
    """Share of interpreted documents whose first interpretation came out with them (三同步)."""
    review = _review(ctx)
    tolerance: int = ctx.params["tolerance_working_days"]
    interpreted = [d for d in review.needing if review.of(d)]
    if not interpreted:
        return _not_applicable("policy.none_interpreted", "无已解读的政策文件", review)
    each = ctx.max_points / len(interpreted)
    lost: list[Finding] = []
    for document in interpreted:
        earliest = min(i["published_on"] for i in review.of(document))
        published = document["published_on"]
        check = check_deadline(published, earliest, tolerance, clock=WORKING_DAYS, now=ctx.as_of)
        if check.status is DeadlineStatus.LATE:
            message = (
                f"政策文件 {_label(document)} 于 {published} 发布，首份解读于 "
                f"{earliest} 发布，晚{check.used}个工作日，超过允许的{tolerance}个工作日"
            )
            lost.append(Finding("policy.not_synchronous", message, (document["id"],), each))
    return _share(ctx, len(interpreted), lost, review.notes)


@scorer("policy.form_diversity", section=SECTION, params=FORM_DIVERSITY_PARAMS)
def form_diversity(ctx: ScoringContext) -> Outcome:
    """Share of major policies interpreted in at least one form beyond plain text."""
    review = _review(ctx)
    forms: list[str] = ctx.params["forms"]
    major = [d for d in review.documents if d.get("major")]
    if not major:
        return _not_applicable("policy.no_major", "本年度无重大政策", review)
    each = ctx.max_points / len(major)
    wanted = "、".join(FORMS[f] for f in forms)
    lost = [
        Finding(
            "policy.plain_form",
            f"重大政策 {_label(d)} 无{wanted}等形式的解读",
            (d["id"],),
            each,
        )
        for d in major
        if not any(i.get("form", "text") in forms for i in review.of(d))
    ]
    return _share(ctx, len(major), lost, review.notes)


@scorer("policy.principal_interpretation", section=SECTION, params=PRINCIPAL_PARAMS)
def principal_interpretation(ctx: ScoringContext) -> Outcome:
    """Whether principal leaders interpreted enough documents themselves (第一解读人)."""
    review = _review(ctx)
    required: int = ctx.params["required"]
    needing = review.needing
    if not needing:
        reason = "本年度无需解读的规范性文件或重大政策"
        return _not_applicable("policy.nothing_to_interpret", reason, review)
    by_principal = tuple(
        str(d["id"]) for d in needing if any(i.get("by_principal") for i in review.of(d))
    )
    points = ctx.max_points * min(len(by_principal), required) / required
    findings = list(review.notes)
    if len(by_principal) < required:
        message = f"主要负责同志解读政策文件 {len(by_principal)} 件，少于要求的 {required} 件"
        lost = Finding("policy.principal_short", message, by_principal, ctx.max_points - points)
        findings.insert(0, lost)
    return Outcome(points=points, findings=tuple(findings))


@hookimpl
def register_sections() -> list[Section]:
    return [Section(SECTION, SCHEMA, title="政策解读")]


@hookimpl
def register_scorers() -> list[Scorer]:
    return [interpretation_rate, synchronisation, form_diversity, principal_interpretation]
