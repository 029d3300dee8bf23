"""The JSON results document: contract key order, number form, schema validity."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import jsonschema
import pytest

from evaluator._core.model import (
    Dimension,
    DimensionResult,
    Evaluation,
    Finding,
    Grade,
    IndicatorResult,
    InputError,
    Location,
    Message,
    PluginInfo,
    Scheme,
    UnitResult,
    UnitStatus,
)
from evaluator._reports.json_results import dumps_json, evaluation_to_dict, results_schema

SCHEME = Scheme(
    id="demo-2016",
    name="示例区政务公开第三方评估（2016年度）",
    version="1.0",
    year=2016,
    as_of=dt.date(2017, 1, 10),
    regime="ogi-2008",
    precision=2,
    unit_types={"bureau": "区政府工作部门", "street": "街道办事处"},
    dimensions=(Dimension("website", "网站建设", {"bureau": 100, "street": 100}, ()),),
    grades=(Grade("优秀", 90), Grade("不合格", 0)),
    checklists={},
    sha256="a" * 64,
    directory="criteria",
)


def unit_result(
    unit_id: str, *, total: float | None, rank: int | None, status: UnitStatus = "ok"
) -> UnitResult:
    """A bureau with one website indicator that lost 5 of 40 points."""
    finding = Finding("stale_column", "栏目超过两周未更新", ("工作动态",), 5)
    indicator = IndicatorResult(
        "column_freshness", "website", "栏目更新及时", 35, 40, "ok", findings=(finding,)
    )
    return UnitResult(
        id=unit_id,
        name="西城区财政局",
        type="bureau",
        total=total,
        rank=rank,
        grade=None if total is None else "优秀",
        vetoed=False,
        status=status,
        dimensions=(DimensionResult("website", "网站建设", None if total is None else 87.5, 100),),
        indicators=(indicator,),
        source_path=f"submissions/{unit_id}/submission.yaml",
        source_sha256="b" * 64,
        warnings=(Message("unit.calendar_unknown", {"year": 2031}),),
    )


def evaluation() -> Evaluation:
    """Two units (one incomplete), one unreadable submission, one plugin."""
    return Evaluation(
        scheme=SCHEME,
        engine_version="0.1.0",
        generated_at="2017-01-10T00:00:00+00:00",
        units=(
            unit_result("xc-finance", total=87.5, rank=1),
            unit_result("xc-audit", total=None, rank=None, status="incomplete"),
        ),
        errors=(
            InputError(
                Location("submissions/xc-a.yaml", 12, 5),
                "yaml.duplicate_key",
                {"key": "id", "first": 3},
            ),
            InputError(Location("submissions/xc-b.yaml"), "submission.not_a_mapping"),
        ),
        plugins=(PluginInfo("website", "1.0", ("website.x",), (), (), "plugins/website.py"),),
        warnings=(Message("run.facts_unknown_unit", {"id": "xc-gone"}),),
    )


def test_results_validate_against_the_schema() -> None:
    jsonschema.Draft202012Validator(results_schema()).validate(evaluation_to_dict(evaluation()))


def test_the_schema_itself_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(results_schema())


def test_schema_rejects_keys_it_does_not_know() -> None:
    doc = evaluation_to_dict(evaluation())
    doc["units"][0]["totl"] = 1.0
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(results_schema()).validate(doc)


def test_schema_rejects_a_ranked_incomplete_unit() -> None:
    doc = evaluation_to_dict(evaluation())
    doc["units"][1]["rank"] = 2
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(results_schema()).validate(doc)


def test_keys_follow_the_contract_order() -> None:
    doc = evaluation_to_dict(evaluation())
    assert list(doc) == [
        "scheme",
        "engine",
        "generated_at",
        "plugins",
        "units",
        "errors",
        "warnings",
    ]
    assert list(doc["scheme"]) == [
        "id",
        "name",
        "version",
        "sha256",
        "veto_scope",
        "veto_scope_stated",
        "self_claims",
        "self_claims_stated",
    ]
    assert doc["engine"] == {"name": "evaluator", "version": "0.1.0"}
    assert list(doc["units"][0]) == [
        "id",
        "name",
        "type",
        "total",
        "rank",
        "grade",
        "vetoed",
        "status",
        "unvetoed_total",
        "unvetoed_rank",
        "dimensions",
        "indicators",
        "source",
        "warnings",
    ]
    indicator = doc["units"][0]["indicators"][0]
    assert list(indicator) == [
        "id",
        "dimension",
        "name",
        "points",
        "max",
        "status",
        "vetoed",
        "findings",
    ]
    assert list(indicator["findings"][0]) == [
        "code",
        "message",
        "records",
        "deduction",
        "params",
        "audience",
    ]


def test_numbers_are_emitted_as_floats() -> None:
    text = dumps_json(evaluation())
    assert '"points": 35.0' in text
    assert '"max": 40.0' in text
    assert '"weight": 100.0' in text
    assert '"deduction": 5.0' in text


def test_incomplete_unit_has_null_rank_and_total() -> None:
    unit = evaluation_to_dict(evaluation())["units"][1]
    assert (unit["status"], unit["rank"], unit["total"]) == ("incomplete", None, None)


def test_errors_give_unknown_line_and_column_as_null() -> None:
    errors = evaluation_to_dict(evaluation())["errors"]
    assert errors == [
        {
            "path": "submissions/xc-a.yaml",
            "line": 12,
            "column": 5,
            "code": "yaml.duplicate_key",
            "message": Message("yaml.duplicate_key", {"key": "id", "first": 3}).text(),
            "params": {"key": "id", "first": 3},
        },
        {
            "path": "submissions/xc-b.yaml",
            "line": None,
            "column": None,
            "code": "submission.not_a_mapping",
            "message": Message("submission.not_a_mapping").text(),
            "params": {},
        },
    ]


def test_messages_follow_the_language_asked_for() -> None:
    english = evaluation_to_dict(evaluation(), lang="en")
    assert english["errors"][1]["message"] == "expected a mapping with `unit:` and sections"
    assert english["warnings"] == [
        {
            "code": "run.facts_unknown_unit",
            "message": "criteria/facts.yaml gives facts for unit 'xc-gone', "
            "which handed in no submission",
            "params": {"id": "xc-gone"},
        }
    ]


def test_source_and_plugins_are_listed() -> None:
    doc = evaluation_to_dict(evaluation())
    assert doc["units"][0]["source"] == {
        "path": "submissions/xc-finance/submission.yaml",
        "sha256": "b" * 64,
    }
    assert doc["plugins"] == [{"name": "website", "version": "1.0"}]


def test_json_text_round_trips_and_keeps_chinese_readable() -> None:
    text = dumps_json(evaluation())
    parsed: dict[str, Any] = json.loads(text)
    assert parsed == evaluation_to_dict(evaluation())
    assert "西城区财政局" in text
    assert text.endswith("}\n")


def test_json_text_is_deterministic() -> None:
    assert dumps_json(evaluation()) == dumps_json(evaluation())
