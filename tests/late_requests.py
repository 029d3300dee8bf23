"""A unit that hands in many information requests as CSV, all late or all on time (issue 19.7).

Shared by ``tests/test_merged_findings.py`` and ``benchmarks/worst.py``: every late
request is a finding of one code in one indicator, which the engine merges into one.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

UNIT_ID = "u-late"
_FIRST = dt.date(2016, 1, 4)
_DAYS = 300  # received within the year, answered (late) within it too


def write_unit(folder: Path, count: int, *, late: bool = True) -> Path:
    """``folder/UNIT_ID/`` with ``count`` requests in ``requests.csv``; the unit's folder.

    Late requests are answered 40 days after receipt (past the 15-working-day limit),
    on-time ones the day they arrive; both run to 2016-12 at the latest.
    """
    unit = folder / UNIT_ID
    unit.mkdir(parents=True, exist_ok=True)
    (unit / "submission.yaml").write_text(
        f"unit: {{id: {UNIT_ID}, name: 迟复局, type: bureau}}\n"
        "responsiveness:\n  requests: {csv: requests.csv}\n",
        encoding="utf-8",
    )
    lines = ["id,received_on,replied_on,extended,outcome"]
    wait = dt.timedelta(days=40 if late else 0)
    for number in range(count):
        received = _FIRST + dt.timedelta(days=number % _DAYS)
        lines.append(f"R{number:06d},{received},{received + wait},false,granted")
    (unit / "requests.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return unit
