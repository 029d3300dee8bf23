"""Who reads an ``audit.`` finding (contract v3): each code declares its audience, the JSON
keeps every finding marked with it, and reports leave the evaluator's notes out unless
``--internal``."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from evaluator._core.catalogue import ENGINE as ENGINE_TEXTS
from evaluator._core.messages import check_templates
from evaluator._core.model import Evaluation, Finding, IndicatorResult, UnitResult
from evaluator._plugins.loader import load_plugins
from evaluator._reports.audience import for_clients, hidden
from evaluator.cli import main

ROOT = Path(__file__).resolve().parents[1]
CHECK_DATE = "audit.checked_on"
"""An evaluator's note: the sample's xc-commerce gives its own website check date."""


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The sample scored once into every form these tests read, with and without --internal."""
    out = tmp_path_factory.mktemp("audience")
    runs = {
        "results.json": [],
        "detail.txt": ["--detail"],
        "detail-internal.txt": ["--detail", "--internal"],
        "detail.md": ["--detail"],
        "detail-internal.md": ["--detail", "--internal"],
        "page.html": [],
        "page-internal.html": ["--internal"],
    }
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        patch.setenv("SOURCE_DATE_EPOCH", "1484006400")
        for name, options in runs.items():
            assert main(["submissions/", "-o", str(out / name), *options]) == 0, name
        assert main(["report", "submissions/", "-o", str(out / "pages")]) == 0
        assert main(["report", "submissions/", "--internal", "-o", str(out / "internal")]) == 0
    yield out


def results(sample: Path) -> dict[str, Any]:
    return json.loads((sample / "results.json").read_text(encoding="utf-8"))


def findings(sample: Path, unit_id: str | None = None) -> list[dict[str, Any]]:
    return [
        f
        for u in results(sample)["units"]
        if unit_id is None or u["id"] == unit_id
        for i in u["indicators"]
        for f in i["findings"]
    ]


def page_text(path: Path) -> str:
    """What a reader of the page reads: no styles, tags, tooltips or rule-code cells."""
    page = path.read_text(encoding="utf-8")
    page = re.sub(r"<style>.*?</style>", "", page, flags=re.S)
    page = re.sub(r'<(td|span) class="rule">.*?</\1>', "", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


# ---------------------------------------------------------------- declarations


def test_every_audit_code_of_the_areas_and_the_engine_declares_its_audience() -> None:
    catalogue = load_plugins(None).catalogue
    audit = sorted(c for c in catalogue.codes() if c.startswith("audit."))
    assert len(audit) > 20
    undeclared = [c for c in audit if "audience" not in catalogue.templates(c)]
    assert undeclared == []
    assert ENGINE_TEXTS.templates("audit.same_files")["audience"] == "evaluator"


def test_the_evaluators_notes_are_the_ones_the_contract_names() -> None:
    catalogue = load_plugins(None).catalogue
    notes = {c for c in catalogue.codes() if catalogue.audience(c) == "evaluator"}
    assert notes == {
        CHECK_DATE,
        "audit.test_request_candidates",
        "audit.test_request_in_time_gap",
        "audit.correction_2008",
        "audit.annual_report_deadline_override",
        "audit.checklist_report_deadline_override",
        "audit.same_files",
    }


def test_claims_the_unit_reads_ask_it_for_evidence_in_both_languages() -> None:
    catalogue = load_plugins(None).catalogue
    claims = [
        c for c in catalogue.codes() if c.startswith("audit.") and catalogue.audience(c) == "unit"
    ]
    assert len(claims) > 15
    for code in claims:
        texts = catalogue.templates(code)
        assert "请提供" in texts["zh"], code
        assert "please" in texts["en"], code


def test_an_unknown_audience_or_an_evaluators_integrity_code_is_refused() -> None:
    problems = check_templates(
        {
            "audit.a": {"zh": "甲", "audience": "units"},
            "integrity.b": {"zh": "乙", "audience": "evaluator"},
            "integrity.c": {"zh": "丙", "audience": "unit"},
        }
    )
    assert len(problems) == 2
    assert "'audit.a'" in problems[0] and "'integrity.b'" in problems[1]


PLUGIN = """
from evaluator import hookimpl

@hookimpl
def register_messages():
    return {
        "audit.demo_claim": {"zh": "待核实：甲"},
        "audit.demo_note": {"zh": "乙", "audience": "evaluator"},
    }
"""


def test_an_audit_code_without_an_audience_loads_as_the_units_with_a_warning(
    tmp_path: Path,
) -> None:
    plugin = tmp_path / "demo_audience.py"
    plugin.write_text(PLUGIN, encoding="utf-8")
    registry = load_plugins(None, entry_points=False, files=[str(plugin)])
    warned = [w for w in registry.warnings if w.code == "plugin.audience_missing"]
    assert [w.params["codes"] for w in warned] == [["audit.demo_claim"]]
    assert registry.catalogue.audience("audit.demo_claim") == "unit"
    assert registry.catalogue.audience("audit.demo_note") == "evaluator"


# ---------------------------------------------------------------- the results


def test_json_keeps_every_finding_marked_with_its_codes_audience(sample: Path) -> None:
    catalogue = load_plugins(None).catalogue
    found = findings(sample)
    assert {f["audience"] for f in found} == {"unit", "evaluator"}
    for finding in found:
        assert finding["audience"] == catalogue.audience(finding["code"]), finding["code"]
    assert [f["audience"] for f in findings(sample, "xc-commerce") if f["code"] == CHECK_DATE]


# ---------------------------------------------------------------- reports


def evaluator_notes(sample: Path, unit_id: str | None = None) -> list[str]:
    notes = [f["message"] for f in findings(sample, unit_id) if f["audience"] == "evaluator"]
    assert notes
    return notes


@pytest.mark.parametrize("name", ["detail.txt", "detail.md", "page.html"])
def test_reports_leave_the_evaluators_notes_out(sample: Path, name: str) -> None:
    text = html.unescape((sample / name).read_text(encoding="utf-8"))
    for note in evaluator_notes(sample):
        assert note[:40] not in text


@pytest.mark.parametrize(
    "name", ["detail-internal.txt", "detail-internal.md", "page-internal.html"]
)
def test_internal_reports_show_them(sample: Path, name: str) -> None:
    text = html.unescape((sample / name).read_text(encoding="utf-8"))
    for note in evaluator_notes(sample):
        assert note[:40] in text


def test_a_units_page_shows_its_claims_and_no_note_for_the_evaluator(sample: Path) -> None:
    client = page_text(sample / "pages" / "xc-commerce.html")
    internal = page_text(sample / "internal" / "xc-commerce.html")
    for note in evaluator_notes(sample, "xc-commerce"):
        assert note[:40] not in client
        assert note[:40] in internal
    claims = [
        f["message"]
        for f in findings(sample, "xc-commerce")
        if f["code"].startswith("audit.") and f["audience"] == "unit"
    ]
    assert claims
    for claim in claims:
        assert claim[:40] in client


def test_unit_pages_give_codes_only_in_their_rule_column(sample: Path) -> None:
    for unit in results(sample)["units"]:
        page = sample / "pages" / f"{unit['id']}.html"
        text = page_text(page)
        shown = {f["code"] for i in unit["indicators"] for f in i["findings"]}
        assert [c for c in shown if c in text] == [], unit["id"]
        # and each finding shown has its code in the column, for an appeal to cite
        raw = page.read_text(encoding="utf-8")
        columns = re.findall(r'<td class="rule"><code title="规则编号">([^<]+)</code>', raw)
        assert set(columns) <= shown


def test_a_lost_point_is_shown_whoever_it_is_for() -> None:
    costly = Finding("audit.x", "甲", deduction=2.0, audience="evaluator")
    free = Finding("audit.y", "乙", audience="evaluator")
    claim = Finding("audit.z", "丙")
    assert not hidden(costly) and hidden(free) and not hidden(claim)


class _Spool:
    """Full results kept apart from the evaluation's summaries, as a spool keeps them."""

    def __init__(self, full: UnitResult) -> None:
        self.full = full

    def load(self, unit: UnitResult) -> UnitResult:
        return self.full


def test_spooled_units_are_read_back_without_the_evaluators_notes(sample: Path) -> None:
    notes = (Finding("audit.y", "乙", audience="evaluator"), Finding("audit.z", "丙"))
    indicator = IndicatorResult("i", "d", "指标", 1.0, 1.0, "ok", findings=notes)
    full = UnitResult("u", "单位", "k", 100.0, 1, None, False, "ok", (), (indicator,), "", "")
    summary = full.without_findings()
    ev = Evaluation(_scheme(), "0", "", (summary,), (), details=_Spool(full))
    shown = for_clients(ev)
    loaded = shown.detailed(shown.units[0])
    assert [f.code for f in loaded.indicators[0].findings] == ["audit.z"]


def _scheme() -> Any:
    return _engine().scheme


def test_unit_pages_name_fields_checklist_items_and_figures_in_chinese(sample: Path) -> None:
    engine = _engine()
    items = {i.id for c in engine.scheme.checklists.values() for i in c.items}
    checked = 0
    for unit in results(sample)["units"]:
        text = page_text(sample / "pages" / f"{unit['id']}.html")
        for finding in (f for i in unit["indicators"] for f in i["findings"]):
            if finding["audience"] == "evaluator":
                continue
            for record in finding["records"]:
                item = record.partition("@")[0].partition("#")[0]
                field = "." in record and record.split(".")[0] in engine.registry.sections
                if item in items or field or finding["params"].get("path") == record:
                    assert record not in text, (unit["id"], record)
                    checked += 1
    assert checked > 100


def _engine() -> Any:
    from evaluator._scoring.runs import load_engine, run_options

    return load_engine(run_options(str(ROOT / "criteria"), None))
