"""The evaluator's test requests (验证性申请): the record list, the day of receipt, the log match.

The evaluator sends requests of its own to each unit and records them in
``evidence/test_requests.csv`` (or ``.xlsx``, sheet 验证性申请; contract v3):
one row per request, never in a unit's folder. A column headed 备注 holds the
evaluator's internal notes: the reader never reads it, so no result shows it.

The day of receipt is the one 2019 条例 art. 31 defines (收到申请之日): in
person, the day handed in; by post, the day the unit signed for it; online
(and by e-mail, an online channel), the day both sides confirm. When the
evaluator leaves ``received_on`` blank it is derived (:func:`received_day`):
``in_person`` from ``sent_on``; ``letter`` from ``acknowledged_on`` (the
signed postal receipt, 回执), none without it; ``online`` and ``email`` from
``acknowledged_on`` (the unit's confirmation), else ``sent_on`` (a platform
confirms as it accepts: the scheme's reading). The 2008 regulation defines no
day of receipt; its requests use art. 31's definition too (the scheme's reading).

A test request is matched to the unit's own request log (:func:`log_matches`)
by the unit's registration number (``unit_ref``) when the evaluator has it,
else by the day of receipt, the outcome and (when the log gives one) the
channel: exactly one candidate is a match.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from evaluator import EvidenceList
from evaluator.rules import normalise_id
from evaluator.section_schema import BOOLEAN, DATE, ENUM_TITLES, ID, record_schema

from .._disclosure.labels import field
from .schema import CHANNELS, OUTCOMES

LIST = "test_requests"
"""The list's name: ``evidence/test_requests.csv`` or ``.xlsx``."""
SHEET = "验证性申请"

_APPLIES = {
    "type": "string",
    "enum": ["yes", "no", "not_applicable"],
    ENUM_TITLES: {"yes": "是", "no": "否", "not_applicable": "不适用"},
}

_ROW = record_schema(
    {
        "unit": field(ID, "单位编号", "单位编号 / the unit's id"),
        "id": field(ID, "申请编号", "评估方的申请编号 / the evaluator's reference"),
        "unit_ref": field(
            ID, "单位受理编号", "单位回执上的受理编号（无则空） / the unit's registration number"
        ),
        "channel": field(
            {"type": "string", "enum": list(CHANNELS), ENUM_TITLES: CHANNELS},
            "申请渠道",
            "申请渠道：online 网上平台 | letter 信函 | email 电子邮件 | in_person 当面 / channel",
        ),
        "sent_on": field(DATE, "发出日期", "发出日期 / the day the evaluator sent it"),
        "accepted": field(BOOLEAN, "渠道是否受理", "渠道是否受理 / the channel accepted it"),
        "acknowledged_on": field(DATE, "回执日期", "回执日期 / the unit's acknowledgement"),
        "received_on": field(
            DATE,
            "受理日期",
            "收到申请之日（2019年条例第三十一条；空则按渠道推定） / the day of receipt "
            "(2019 art. 31; derived by channel when blank)",
        ),
        "replied_on": field(DATE, "答复日期", "答复日期（空=未答复） / reply date"),
        "outcome": field(
            {"type": "string", "enum": list(OUTCOMES), ENUM_TITLES: OUTCOMES},
            "答复结果",
            "答复结果 / the reply's outcome",
        ),
        "notice": field(BOOLEAN, "是否出具告知书", "是否出具书面告知书 / a written notice"),
        "legal_basis": field(BOOLEAN, "是否引用法律依据", "是否引用法律依据 / legal basis cited"),
        "reasons": field(
            _APPLIES, "是否说明理由", "不予公开、部分公开时是否说明理由 / reasons given"
        ),
        "agency_named": field(
            _APPLIES,
            "是否告知主管机关",
            "信息不存在或不属本机关时是否告知主管机关 / the competent agency named",
        ),
        "remedy": field(
            BOOLEAN, "是否告知救济途径", "是否告知复议、诉讼途径及期限 / remedies and limits"
        ),
        "correction_notified_on": field(DATE, "补正告知日期", "补正告知日期 / notice to correct"),
        "outcome_defensible": field(
            BOOLEAN, "答复结果是否妥当", "评估方对答复结果的判断 / the evaluator's judgement"
        ),
    },
    ["unit", "id", "channel", "sent_on", "accepted"],
    "验证性申请 / the evaluator's test request",
)

EVIDENCE = EvidenceList(LIST, _ROW, title="验证性申请", sheet=SHEET)

Row = Mapping[str, Any]


def received_day(row: Row) -> dt.date | None:
    """The day the unit received the request (2019 art. 31), given or derived by channel;
    ``None`` when it cannot be told (a letter with no signed receipt)."""
    given: dt.date | None = row.get("received_on")
    if given is not None:
        return given
    channel = row["channel"]
    if channel == "in_person":
        sent: dt.date = row["sent_on"]
        return sent
    acknowledged: dt.date | None = row.get("acknowledged_on")
    if channel == "letter":
        return acknowledged
    return acknowledged or row["sent_on"]


def accepted_rows(rows: Sequence[Row]) -> list[Row]:
    """The test requests a channel took in: those the unit owes a reply."""
    return [row for row in rows if row["accepted"]]


@dataclass(frozen=True)
class Match:
    """What the unit's log holds for one test request: its candidates and how they were found.

    ``by`` is ``unit_ref`` or ``contents``; one candidate is a match, none an
    unlogged request, several an ambiguity for the evaluator to settle.
    """

    row: Row
    received: dt.date | None
    candidates: tuple[Row, ...]
    by: str


def log_matches(rows: Sequence[Row], log: Sequence[Row]) -> list[Match]:
    """Each accepted test request's candidates in the unit's own request log."""
    by_ref: dict[str, list[Row]] = {}
    for entry in log:
        by_ref.setdefault(normalise_id(str(entry["id"])), []).append(entry)
    found = []
    for row in accepted_rows(rows):
        received = received_day(row)
        ref = row.get("unit_ref")
        if ref:
            candidates = by_ref.get(normalise_id(str(ref)), [])
            found.append(Match(row, received, tuple(candidates), "unit_ref"))
            continue
        alike = [entry for entry in log if _alike(row, received, entry)]
        found.append(Match(row, received, tuple(alike), "contents"))
    return found


def _alike(row: Row, received: dt.date | None, entry: Row) -> bool:
    """Whether a log entry may be this test request: same day of receipt and outcome, and
    the same channel where the log gives one."""
    if received is None or entry.get("received_on") != received:
        return False
    if entry.get("outcome") != row.get("outcome"):
        return False
    channel = entry.get("channel")
    return channel is None or channel == row["channel"]


def date_differences(match: Match) -> dict[str, tuple[Any, Any]]:
    """The dates a matched log entry gives otherwise than the test request: by field,
    (the evaluator's, the log's)."""
    (entry,) = match.candidates
    ours = {"received_on": match.received, "replied_on": match.row.get("replied_on")}
    return {
        name: (value, entry.get(name))
        for name, value in ours.items()
        if value is not None and entry.get(name) != value
    }
