"""What the reports show of the review record (复核), from the results documents.

The engine applies the evaluator's review decisions and records them in the
results (contract v3, "Reviews"): each unit's ``reviews`` (every decision
applied to it, with the indicator's points before and after) and the run's
``reviews`` (the files read, their digests, and the ``stale`` decisions that
matched no finding). Every format shows them the same way from here: a unit's
decisions in words (采纳/部分采纳/不采纳, the finding's text, not its code), a
mark on the ranking tables for a unit whose score changed on review, and the
stale decisions on the evaluator's outputs, never on a unit's page. A run
without a review record shows none of it: its outputs are as they were.
Nothing here recomputes a score.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from evaluator._core.ids import id_key
from evaluator._core.model import Location
from evaluator._reports import cells
from evaluator._reports.labels import label

__all__ = [
    "DECISIONS",
    "REVIEW_CODES",
    "changed_on_review",
    "decision_text",
    "finding_text",
    "has_reviews",
    "indicator_name",
    "records_named",
    "review_lines",
    "review_mark",
    "review_rows",
    "review_table",
    "stale_lines",
    "stale_text",
    "withdrawn_lines",
    "withdrawn_table",
]

Doc = Mapping[str, Any]

REVIEW_CODES = "review."
"""The prefix of the review record's own codes (``review.stale``): run warnings the
feedback index leaves out, since they name units other than the reader's."""
DECISIONS = ("accepted", "partly", "rejected")
"""A decision's values in results; each is shown by its label ``decision_<value>``."""


def has_reviews(run: Doc | None, units: Iterable[Doc]) -> bool:
    """Whether the run applied a review record (its top-level ``reviews``, ``run``) or any
    unit carries decisions: what adds the review column to the ranking tables."""
    return run is not None or any(u.get("reviews") for u in units)


def changed_on_review(unit: Doc) -> bool:
    """Whether a decision changed one of the unit's scores (an indicator's points after
    the review differ from before)."""
    return any(_changed(r) for r in unit.get("reviews") or ())


def _changed(review: Doc) -> bool:
    before, after = review.get("before"), review.get("after")
    return before is not None and after is not None and before != after


def review_mark(unit: Doc, lang: str) -> str:
    """The ranking tables' review cell: 已改分 (a decision changed a score), 已复核 (decisions,
    none changing a score), or nothing (no decision on the unit)."""
    if changed_on_review(unit):
        return label("review_changed", lang)
    return label("review_kept", lang) if unit.get("reviews") else ""


def decision_text(decision: Any, lang: str) -> str:
    """A decision in words (采纳, 部分采纳, 不采纳); an unknown value as it is."""
    return label(f"decision_{decision}", lang) if decision in DECISIONS else str(decision)


def indicator_name(unit: Doc, indicator_id: Any) -> str:
    """The name of the unit's indicator ``indicator_id`` (the id when it has none such)."""
    found = next((i for i in unit.get("indicators") or () if i["id"] == indicator_id), None)
    return str(indicator_id) if found is None else str(found["name"])


def records_named(records: Any) -> list[str]:
    """A decision's or a stale entry's records as a list (text separated by 、 or , too)."""
    if records is None:
        return []
    if isinstance(records, str):
        return [r.strip() for r in records.replace("、", ",").split(",") if r.strip()]
    return [str(r) for r in records]


def _records_cell(records: Any, lang: str) -> str:
    named = records_named(records)
    return "、".join(named) if named else label("review_all_records", lang)


def finding_text(unit: Doc, review: Doc, lang: str = "zh") -> str:
    """The text of the finding a decision is about: the unit's finding of that indicator and
    code naming the decision's records (any of them), else the first of that code, else
    the earlier text of a deduction withdrawn since ``--baseline``; a finding gone without
    a trace (a claim confirmed is no claim any more) is named by what it was, never by
    its code."""
    indicator = next(
        (i for i in unit.get("indicators") or () if i["id"] == review.get("indicator")), None
    )
    earlier = (unit.get("baseline") or {}).get("withdrawn") or ()
    same = [f for f in (indicator or {}).get("findings") or () if f["code"] == review.get("code")]
    same += [
        w
        for w in earlier
        if w.get("indicator") == review.get("indicator") and w.get("code") == review.get("code")
    ]
    named = set(records_named(review.get("records")))
    overlapping = [f for f in same if named & set(f.get("records") or ())]
    chosen = (overlapping or same or [None])[0]
    if chosen is not None and chosen.get("message"):
        return str(chosen["message"])
    claim = str(review.get("code", "")).startswith("audit.")
    return label("review_claim_gone" if claim else "review_finding_gone", lang)


def review_rows(unit: Doc, precision: int, lang: str) -> list[dict[str, str]]:
    """The unit's decisions as its page shows them: indicator (its name), finding (its text),
    records, decision, points restored, reason, reviewer and date, points before → after."""
    rows = []
    for review in unit.get("reviews") or ():
        rows.append(
            {
                "indicator": indicator_name(unit, review.get("indicator")),
                "finding": finding_text(unit, review, lang),
                "records": _records_cell(review.get("records"), lang),
                "decision": decision_text(review.get("decision"), lang),
                "decision_value": str(review.get("decision", "")),
                "points": _points(review.get("points"), precision),
                "reason": str(review.get("reason") or ""),
                "reviewer": str(review.get("reviewer") or ""),
                "decided_on": str(review.get("decided_on") or ""),
                "before": _points(review.get("before"), precision),
                "after": _points(review.get("after"), precision),
                "changed": "1" if _changed(review) else "",
            }
        )
    return rows


def _points(value: Any, precision: int) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return cells.MISSING
    return cells.compact(float(value), precision)


def review_lines(unit: Doc, precision: int, lang: str) -> list[str]:
    """The unit's decisions in brief, one line each (text ``--detail``, the HTML page):
    ``指标：问题（记录）——采纳，理由；复核人 日期；得分 20→22.5``."""
    return [
        label("review_line", lang).format(**row, sep=label("colon", lang))
        for row in review_rows(unit, precision, lang)
    ]


def _stale_fields(entry: Doc) -> dict[str, Any]:
    """A stale decision's unit, indicator, code and records, and where it is written, from
    its entry in the results' ``reviews.stale`` (an error entry: path, line, params)."""
    params = entry.get("params") or {}
    found = {
        k: params[k] if k in params else entry.get(k)
        for k in ("unit", "indicator", "code", "records")
    }
    path = str(entry.get("path") or entry.get("file") or "")
    line, column, sheet = (entry.get(k) for k in ("line", "column", "sheet"))
    where = str(Location(path, _whole(line), _whole(column), str(sheet) if sheet else None))
    return {**found, "where": where if path else cells.MISSING}


def _whole(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def stale_text(entry: Doc, lang: str) -> str:
    """A decision that matched no finding, for the evaluator: where it is written (file and
    row) and what the results say of it (its message), else which unit, indicator, code
    and records it names."""
    fields = _stale_fields(entry)
    if entry.get("message"):
        return f"{fields['where']}{label('colon', lang)}{entry['message']}"
    return label("review_stale_line", lang).format(
        where=fields["where"],
        unit=fields["unit"] or "",
        indicator=fields["indicator"] or "",
        code=fields["code"] or "",
        records=_records_cell(fields["records"], lang),
    )


_TABLE_KEYS = (
    "id",
    "unit",
    "indicator",
    "code",
    "records",
    "review_decision",
    "review_points",
    "review_reason",
    "review_reviewer",
    "review_date",
    "review_before",
    "review_after",
    "review_state",
)


def review_table(
    units: Iterable[Doc], run: Doc | None, lang: str
) -> tuple[list[str], list[list[Any]]]:
    """Every decision of the run, for the workbook's 复核 sheet: the header, then a row per
    decision applied (unit by unit) and per stale decision (marked, with where it is
    written as the run's warning says it, and the unit's and indicator's names when the
    run scored the unit). Numbers (points, before, after) are kept as numbers."""
    header = [label(k, lang) for k in _TABLE_KEYS]
    rows: list[list[Any]] = []
    units = list(units)
    by_id = {id_key(str(u["id"])): u for u in units}
    for unit in units:
        for review in unit.get("reviews") or ():
            rows.append(
                [
                    unit["id"],
                    unit["name"],
                    indicator_name(unit, review.get("indicator")),
                    str(review.get("code", "")),
                    _records_cell(review.get("records"), lang),
                    decision_text(review.get("decision"), lang),
                    _number(review.get("points")),
                    str(review.get("reason") or ""),
                    str(review.get("reviewer") or ""),
                    str(review.get("decided_on") or ""),
                    _number(review.get("before")),
                    _number(review.get("after")),
                    label("review_applied", lang),
                ]
            )
    for entry in _stale(run):
        fields = _stale_fields(entry)
        state = label("review_stale", lang) + label("paren", lang).format(text=fields["where"])
        scored = by_id.get(id_key(str(fields["unit"] or "")), {})
        indicator = fields["indicator"] or ""
        rows.append(
            [
                str(fields["unit"] or ""),
                str(scored.get("name") or ""),
                indicator_name(scored, indicator) if indicator else "",
                str(fields["code"] or ""),
                _records_cell(fields["records"], lang),
                *([""] * 5),
                None,
                None,
                state,
            ]
        )
    return header, rows


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _stale(run: Doc | None) -> Sequence[Doc]:
    return list((run or {}).get("stale") or ())


def stale_lines(run: Doc | None, lang: str) -> list[str]:
    """:func:`stale_text` of each stale decision of the run (none without a review record)."""
    return [stale_text(entry, lang) for entry in _stale(run)]


def withdrawn_lines(unit: Doc, precision: int, lang: str) -> list[str]:
    """The unit's deductions withdrawn or reduced since the ``--baseline`` file (its
    ``baseline.withdrawn``), one line each: the indicator, the finding's text, the records,
    the deduction before and after, and the decision that did it when there is one."""
    before = unit.get("baseline") or {}
    lines = []
    for entry in before.get("withdrawn") or ():
        decision = entry.get("decision")
        by = ""
        if decision:
            by = label("withdrawn_by", lang).format(
                decision=decision_text(decision.get("decision"), lang),
                reviewer=decision.get("reviewer") or "",
                decided_on=decision.get("decided_on") or "",
            )
        lines.append(
            label("withdrawn_line", lang).format(
                indicator=indicator_name(unit, entry.get("indicator")),
                sep=label("colon", lang),
                finding=entry.get("message") or label("review_finding_gone", lang),
                records=_records_cell(entry.get("records"), lang),
                before=_points(entry.get("before"), precision),
                after=_points(entry.get("after"), precision),
                decision=by,
            )
        )
    return lines


_WITHDRAWN_KEYS = (
    "id",
    "unit",
    "indicator",
    "code",
    "records",
    "finding",
    "withdrawn_before",
    "withdrawn_after",
    "review_decision",
    "review_reviewer",
    "review_date",
)


def withdrawn_table(units: Iterable[Doc], lang: str) -> tuple[list[str], list[list[Any]]]:
    """The deductions withdrawn since the ``--baseline`` file, for the workbook: the header,
    then a row per withdrawn deduction of each unit (``units``: detailed, with their
    ``baseline``), the deduction before and after as numbers."""
    header = [label(k, lang) for k in _WITHDRAWN_KEYS]
    rows: list[list[Any]] = []
    for unit in units:
        for entry in (unit.get("baseline") or {}).get("withdrawn") or ():
            decision = entry.get("decision") or {}
            rows.append(
                [
                    unit["id"],
                    unit["name"],
                    indicator_name(unit, entry.get("indicator")),
                    str(entry.get("code", "")),
                    _records_cell(entry.get("records"), lang),
                    str(entry.get("message") or ""),
                    _number(entry.get("before")),
                    _number(entry.get("after")),
                    decision_text(decision["decision"], lang) if decision else "",
                    str(decision.get("reviewer") or ""),
                    str(decision.get("decided_on") or ""),
                ]
            )
    return header, rows
