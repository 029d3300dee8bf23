"""The annual report's section schema and the params of its two scorers (defaults live only here).

A report's ``figures`` are groups nesting freely (at most ``MAX_DEPTH`` deep),
each leaf a figure: a number or ``{value, percent, change}``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from evaluator.section_schema import (
    COUNT,
    DATE,
    FILE_NAME,
    NON_NEGATIVE,
    POSITIVE_COUNT,
    TEXT,
    params,
)

from .._disclosure import report_due

FIGURE_KEYS = ("value", "percent", "change")


# Groups nest this deep at most (a figure's path has at most this many dots);
# the 2021 national format needs four.
MAX_DEPTH = 8


def _field(schema: Mapping[str, Any], title: str, description: str) -> dict[str, Any]:
    """``schema`` with its Chinese name (``title``) and an explanation."""
    return {**schema, "title": title, "description": description}


_NUMBER: dict[str, Any] = {"type": "number"}


FIGURE_SCHEMA = {
    "type": "object",
    "properties": {
        "value": _field(NON_NEGATIVE, "数值", "报告所列数值 / the figure as printed"),
        "percent": _field(
            NON_NEGATIVE, "占比", "报告所列占比，单位% (52.18 即 52.18%) / share as printed, in %"
        ),
        "change": _field(
            _NUMBER, "同比增减", "报告所列同比增减 / stated change against the previous year"
        ),
    },
    "required": ["value"],
    "additionalProperties": False,
}


def _node(depth: int) -> dict[str, Any]:
    """A figure (a number, or ``{value, percent, change}``) or, above depth 0, a group."""
    has_figure_key = {"type": "object", "anyOf": [{"required": [k]} for k in FIGURE_KEYS]}
    deeper = _group(depth - 1) if depth else {"type": "number"}  # no group below the last level
    return {
        "type": ["number", "object"],
        "minimum": 0,
        "if": has_figure_key,
        "then": FIGURE_SCHEMA,
        "else": {"if": {"type": "object"}, "then": deeper},
    }


def _group(depth: int) -> dict[str, Any]:
    """A group of figures: names (without dots) to figures or further groups."""
    return _field(
        {
            "type": "object",
            "propertyNames": {"pattern": r"^[^.]+$"},
            "additionalProperties": _node(depth),
        },
        "统计分组",
        "一组统计数据，名称中不能有“.” / a group of figures; names must not contain dots",
    )


SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "year": _field(
            {"type": "integer", "minimum": 1900, "maximum": 2099},
            "年度",
            "报告所属年度（Y 年的评估看 Y−1 年度的报告） / the year the report covers "
            "(a scheme for year Y judges the report on Y−1)",
        ),
        "published_on": _field(
            DATE, "公布日期", "报告公布日期 / the date the report was published"
        ),
        "url": _field(TEXT, "网址", "报告网址 / where the report is published"),
        "document": _field(
            FILE_NAME,
            "报告原文",
            "报告原文的文件名：把从网站保存的报告文件（.html .htm .txt .docx .pdf）放在本单位"
            "文件夹（<单位编号>/，与 submission.yaml 同在）中，在此填写文件名；交了原文即按原文"
            "评判，统计数据可不填。整本工作簿提交的单位没有文件夹，原文由评估方保存"
            "（evidence/annual_reports/） / the file name of the published report as saved "
            "from the website: put the file in the unit's folder (<unit-id>/, beside "
            "submission.yaml) and name it here; the document's figures are then judged and "
            "the figures may be left out. A unit handing in one workbook has no folder: the "
            "evaluator saves its report (evidence/annual_reports/)",
        ),
        "figures": _field(
            _group(MAX_DEPTH),
            "统计数据",
            "报告的统计表：可多级分组；每项是一个数，或 {value 数值, percent 占比, change 同比增减}"
            " / the report's tables: groups nest freely; a figure is a number or "
            "{value, percent, change} (percent as printed, change against the previous year)",
        ),
    },
    "required": ["year"],
    "additionalProperties": False,
    "description": "政府信息公开工作年度报告 / annual report on open government information",
}


PATH: dict[str, Any] = {
    "type": "string",
    "pattern": r"^[^.]+(\.[^.]+)*$",
    "description": "a figure's dotted path, e.g. requests.received.in_person",
}


PATHS: dict[str, Any] = {"type": "array", "items": PATH, "minItems": 1}


def _rule(properties: Mapping[str, Any], description: str) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": dict(properties),
        "required": list(properties),
        "additionalProperties": False,
        "description": description,
    }


RULE: dict[str, Any] = {
    "oneOf": [
        _rule({"sum": PATH, "of": PATHS}, "value = sum of the parts' values (and changes)"),
        _rule({"share": PATHS, "of": PATH}, "each stated percent = 100 × part / base"),
        _rule({"at_most": PATH, "of": PATH}, "value ≤ the other's value"),
        _rule({"balance": PATHS, "equals": PATHS}, "the two lists add up to the same value"),
    ]
}


ARITHMETIC_DEFAULTS: dict[str, Any] = {
    "decimals": 2,
    "required": [],
    "rules": [],
    "per_break": 5,
    "per_missing": 5,
    "log_total": "requests.received.total",
    "labels": {},
    "max_pages": 500,
    "format": None,
    "formats": None,
    "document_paths": {},
}


LABELS: dict[str, Any] = {
    "type": "object",
    "propertyNames": PATH,
    "additionalProperties": {"type": "string", "minLength": 1, "maxLength": 60},
    "description": (
        "Chinese names of the figures' levels as the report's table gives them, by dotted "
        "path (requests.received) or by a level's own name (total), for the template and "
        "the findings: requests.received.in_person reads 依申请公开·收到申请·当面申请"
    ),
}


ARITHMETIC_PARAMS = params(
    {
        "decimals": {**COUNT, "maximum": 6},
        "required": {"type": "array", "items": PATH},
        "rules": {"type": "array", "items": RULE},
        "per_break": NON_NEGATIVE,
        "per_missing": NON_NEGATIVE,
        "log_total": {"anyOf": [PATH, {"type": "null"}]},
        "labels": LABELS,
        "max_pages": POSITIVE_COUNT,
        "format": {
            "anyOf": [{"type": "string", "pattern": r"^[a-z0-9_]+$"}, {"type": "null"}],
            "description": "the report format every document is read by (a format's id); "
            "null: the one covering the year the report is on",
        },
        "formats": {
            "anyOf": [{"type": "string", "minLength": 1}, {"type": "null"}],
            "description": "a folder of the scheme's own report formats, relative to the "
            "criteria folder: a file with a new id adds a format, one with a built-in id "
            "replaces it",
        },
        "document_paths": {
            "type": "object",
            "propertyNames": PATH,
            "additionalProperties": PATH,
            "description": "the document's path of each typed figure whose path differs "
            "(requests.received.total: narrative.requests.received), for "
            "integrity.transcription",
        },
    },
    ARITHMETIC_DEFAULTS,
)


DEADLINE_DEFAULTS: dict[str, Any] = {
    **report_due.DEFAULTS,  # the national rule (plugins/_disclosure/report_due.py)
    "deadline_override": None,
    "zero_after_days": 30,
}


DEADLINE_PARAMS = params(
    {**report_due.PARAMS, "zero_after_days": POSITIVE_COUNT},
    DEADLINE_DEFAULTS,
)
