"""The tables the sample evaluation and the benchmark's synthetic evaluations share.

``scripts/make_sample.py`` (the Xicheng sample) and ``benchmarks/generate.py``
(1,000 synthetic units) both draw from these; where the benchmark means to
differ (a city-wide mix of outcomes, looser update ages), it says so with named
overrides of its own.
"""

from __future__ import annotations

import datetime as dt

YEAR = 2016
"""The assessed year of the default scheme."""
CHECKED_ON = dt.date(2017, 1, 10)
"""The scheme's ``as_of``: the evaluator's default check date."""

OUTCOMES = (
    ("granted", 40),
    ("partly_granted", 12),
    ("refused", 10),
    ("unable", 28),
    ("not_processed", 5),
    ("other", 5),
)
"""Information-request outcomes and their weights, in the schema's order."""

COLUMNS = {
    "bureau": (
        ("工作动态", "news"),
        ("通知公告", "notice"),
        ("政策文件", "policy"),
        ("政策解读", "policy"),
        ("人事信息", "personnel"),
        ("规划计划", "planning"),
        ("办事指南", "other"),
        ("财政预决算", "other"),
    ),
    "street": (
        ("街道动态", "news"),
        ("社区动态", "news"),
        ("通知公告", "notice"),
        ("公示公告", "notice"),
        ("政策文件", "policy"),
        ("政策解读", "policy"),
        ("人事信息", "personnel"),
        ("办事指南", "other"),
    ),
}
"""A unit's website columns by kind: name and kind."""

STALE_AGE = {
    "news": (20, 60),
    "notice": (200, 300),
    "policy": (200, 320),
    "personnel": (380, 500),
    "planning": (380, 500),
}
"""Days since a stale column's last update, by column kind (lowest, highest)."""

FRESH_AGE = {
    "news": (0, 6),
    "notice": (3, 40),
    "policy": (5, 90),
    "personnel": (20, 200),
    "planning": (30, 250),
    "other": (10, 300),
}
"""Days since a fresh column's last update, by column kind (lowest, highest)."""
