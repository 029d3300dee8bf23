"""Each shipped indicator's advice (shown on the feedback pages) cites its source.

A unit told what to improve must be able to look the rule up: every ``advice:``
of the shipped criteria ends with "（依据：…）" naming a document by its number
and article (条例（2008）第24条, 国办发〔2016〕80号) or, where the rule is the
scheme's own choice, saying so (本方案).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

CRITERIA = Path(__file__).resolve().parents[1] / "criteria"
FILES = [*CRITERIA.glob("*.yaml"), *CRITERIA.glob("formats/*.yaml")]
DIMENSION_FILES = sorted(p for p in FILES if p.name != "scheme.yaml")
SOURCE = re.compile(r"（依据：([^（）]|（[^（）]*）)+）。?$")
"""The closing "（依据：…）", parentheses such as 条例（2008） allowed inside."""
DOCUMENT = re.compile(r"条例（(2008|2019)）第\d+条|〔\d{4}〕\d+号|本方案")


def indicators() -> list[tuple[str, dict[str, object]]]:
    found = []
    for path in DIMENSION_FILES:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(document, dict) and "indicators" in document:
            rel = str(path.relative_to(CRITERIA))
            found += [(f"{rel}:{i['id']}", i) for i in document["indicators"]]
    return found


def test_the_shipped_criteria_have_indicators() -> None:
    assert len(indicators()) >= 20


@pytest.mark.parametrize(("where", "indicator"), indicators(), ids=[w for w, _ in indicators()])
def test_advice_cites_its_source(where: str, indicator: dict[str, object]) -> None:
    advice = indicator.get("advice")
    assert isinstance(advice, str) and advice, f"{where}: no advice"
    cited = SOURCE.search(advice)
    assert cited is not None, f"{where}: advice does not end with （依据：…）"
    assert DOCUMENT.search(cited.group(0)), f"{where}: the source names no document or article"
    assert len(advice) <= 120, f"{where}: keep advice short ({len(advice)} characters)"


@pytest.mark.parametrize(
    "advice",
    [
        "定期检测网站链接。",  # no source
        "定期检测网站链接（依据：有关规定）。",  # a source naming nothing
    ],
)
def test_advice_without_a_named_source_is_caught(advice: str) -> None:
    cited = SOURCE.search(advice)
    assert cited is None or not DOCUMENT.search(cited.group(0))
