"""Every field of the four sections carries its Chinese name (the schema ``title``).

Spreadsheet headers and templates are read by these names, so the contract's
names (version 2, "Spreadsheets as record lists") are pinned here exactly, and
every field the project added must have one too.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import pytest
from plugin_support import load_plugin

# The contract's table: list -> field -> Chinese name, and each list's sheet name.
CONTRACT = {
    ("key_area_disclosure", "items"): {
        "item": "事项",
        "formed_on": "形成日期",
        "published_on": "公开日期",
        "url": "网址",
        "in_designated_column": "是否在指定栏目",
    },
    ("policy_interpretation", "documents"): {
        "id": "文件编号",
        "title": "标题",
        "published_on": "发布日期",
        "normative": "规范性文件",
        "major": "重大政策",
    },
    ("policy_interpretation", "interpretations"): {
        "document": "文件编号",
        "published_on": "发布日期",
        "form": "解读形式",
        "by_principal": "主要负责人解读",
    },
    ("responsiveness", "incidents"): {
        "id": "舆情编号",
        "level": "级别",
        "emerged_at": "发生时间",
        "first_response_at": "首次回应时间",
        "press_conference_at": "发布会时间",
    },
    ("responsiveness", "requests"): {
        "id": "申请编号",
        "received_on": "收到日期",
        "replied_on": "答复日期",
        "extended": "是否延期",
        "outcome": "处理结果",
    },
    ("website", "columns"): {
        "name": "栏目名称",
        "kind": "栏目类别",
        "last_updated": "最后更新日期",
        "blank": "是否空白",
    },
    ("website", "messages"): {
        "id": "留言编号",
        "received_on": "收到日期",
        "replied_on": "答复日期",
        "valid": "是否有效",
    },
}
SHEETS = {
    ("key_area_disclosure", "items"): "重点领域公开",
    ("policy_interpretation", "documents"): "政策文件",
    ("policy_interpretation", "interpretations"): "政策解读",
    ("responsiveness", "incidents"): "政务舆情",
    ("responsiveness", "requests"): "依申请公开",
    ("website", "columns"): "网站栏目",
    ("website", "messages"): "互动留言",
}
# Fields the project added, with their Chinese names.
ADDED = {
    ("key_area_disclosure", "items"): {"period": "所属期间"},
    ("responsiveness", "requests"): {
        "extension_notified_on": "延期告知日期",
        "corrected_on": "补正日期",
        "consultation_from": "征求意见开始日期",
        "consultation_to": "征求意见结束日期",
        "consulted_agency": "征求其他机关意见",
    },
    ("website", None): {"enquiry_url": "网上咨询建言渠道网址"},
    ("responsiveness", "hotline"): {"dispatched": "派单量"},
}


def _sections() -> dict[str, Mapping[str, Any]]:
    names = ("key_area_disclosure", "policy_interpretation", "responsiveness", "website")
    found = {}
    for name in names:
        (section,) = load_plugin(name).register_sections()
        assert section.title, name
        found[section.name] = section.schema
    return found


SECTIONS = _sections()


def _fields(schema: Mapping[str, Any], where: str = "") -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Every property of a schema, nested records and list items included, by dotted path."""
    for name, sub in schema.get("properties", {}).items():
        path = f"{where}{name}"
        yield path, sub
        if sub.get("type") == "array":
            yield from _fields(sub["items"], f"{path}[].")
        elif sub.get("type") == "object":
            yield from _fields(sub, f"{path}.")


def _record(section: str, key: str | None) -> Mapping[str, Any]:
    schema = SECTIONS[section]
    if key is None:
        return schema
    sub = schema["properties"][key]
    return sub["items"] if sub.get("type") == "array" else sub


@pytest.mark.parametrize("where", sorted(CONTRACT), ids=lambda w: ".".join(w))
def test_contract_fields_carry_exactly_the_contracts_chinese_names(where: tuple[str, str]) -> None:
    record = _record(*where)
    for field, title in CONTRACT[where].items():
        assert record["properties"][field]["title"] == title, (where, field)
    section, key = where
    assert SECTIONS[section]["properties"][key]["title"] == SHEETS[where]


@pytest.mark.parametrize("where", sorted(ADDED, key=str), ids=lambda w: ".".join(filter(None, w)))
def test_added_fields_carry_their_chinese_names(where: tuple[str, str | None]) -> None:
    record = _record(*where)
    for field, title in ADDED[where].items():
        assert record["properties"][field]["title"] == title, (where, field)


@pytest.mark.parametrize("section", sorted(SECTIONS))
def test_every_field_has_a_chinese_title(section: str) -> None:
    untitled = [path for path, sub in _fields(SECTIONS[section]) if not sub.get("title")]
    assert untitled == []
