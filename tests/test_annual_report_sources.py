"""Where a unit's published report comes from, whose copy is judged, and what the results keep.

Each test copies the sample's criteria and two of its units (xc-audit, the
one that gets documents; xc-baizhifang, which must keep its result whatever
happens to the other) into a fresh folder and runs ``evaluate --format json``.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from document_files import scanned_pdf, word_file

RunCli = Callable[..., Any]  # the run_cli fixture (tests/conftest.py)

ROOT = Path(__file__).parent.parent
UNIT, OTHER = "xc-audit", "xc-baizhifang"
TITLE = "<p>北京市西城区审计局2015年政府信息公开工作年度报告</p>"
REPORT = f"<html><body>{TITLE}<p>本局共收到政府信息公开申请3件，其中当面申请3件。</p></body></html>"
"""A report whose figures add up (3 = 3): judged from the document, it costs nothing."""
EMPTY = f"<html><body>{TITLE}</body></html>"
"""A report stating no figure its format reads."""


def _evaluation(tmp_path: Path, required: bool = False) -> Path:
    shutil.copytree(ROOT / "criteria", tmp_path / "criteria")
    if required:
        scheme = tmp_path / "criteria" / "scheme.yaml"
        scheme.write_text(
            scheme.read_text(encoding="utf-8") + "annual_report_document: required\n",
            encoding="utf-8",
        )
    for unit in (UNIT, OTHER):
        shutil.copytree(ROOT / "submissions" / unit, tmp_path / "submissions" / unit)
    return tmp_path


def _names_document(folder: Path, name: str, data: bytes) -> Path:
    """The unit's copy beside its submission, named by ``annual_report.document``."""
    unit = folder / "submissions" / UNIT
    (unit / name).write_bytes(data)
    yaml = unit / "submission.yaml"
    text = yaml.read_text(encoding="utf-8")
    yaml.write_text(
        text.replace("annual_report:\n", f"annual_report:\n  document: {name}\n", 1),
        encoding="utf-8",
    )
    return unit / name


def _saved(folder: Path, name: str, data: bytes) -> Path:
    """The evaluator's copy in ``evidence/annual_reports``."""
    place = folder / "evidence" / "annual_reports"
    place.mkdir(parents=True, exist_ok=True)
    (place / name).write_bytes(data)
    return place / name


def _run(run_cli: RunCli, folder: Path, *more: str) -> dict[str, Any]:
    run = run_cli("submissions", "--format", "json", *more, cwd=folder)
    assert run.status == 0, run.err
    results: dict[str, Any] = json.loads(run.out)
    return results


def _unit(results: dict[str, Any], unit: str = UNIT) -> dict[str, Any]:
    found: dict[str, Any] = next(u for u in results["units"] if u["id"] == unit)
    return found


def _arithmetic(unit: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = next(i for i in unit["indicators"] if i["id"] == "report_arithmetic")
    return found


def _codes(indicator: dict[str, Any]) -> list[str]:
    return [f["code"] for f in indicator["findings"]]


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def baseline(run_cli: RunCli, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return _run(run_cli, _evaluation(tmp_path_factory.mktemp("plain")))


def test_without_documents_nothing_changes(baseline: dict[str, Any]) -> None:
    unit = _unit(baseline)
    assert "documents" not in unit["source"]
    assert not any(
        c.startswith(("annual_report.doc", "integrity.doc")) for c in _codes(_arithmetic(unit))
    )


def test_the_units_copy_is_recorded_and_judged_instead_of_the_typed_figures(
    run_cli: RunCli, tmp_path: Path
) -> None:
    folder = _evaluation(tmp_path)
    data = REPORT.encode()
    _names_document(folder, "report.html", data)
    unit = _unit(_run(run_cli, folder))
    assert unit["source"]["documents"] == [
        {
            "path": f"submissions/{UNIT}/report.html",
            "sha256": _sha(data),
            "copy": "unit",
            "judged": True,
        }
    ]
    # the document's figures are judged, not the typed ones (whose missing rows cost nothing)
    arithmetic = _arithmetic(unit)
    assert arithmetic["points"] == arithmetic["max"]
    assert "annual_report.missing_figure" not in _codes(arithmetic)


def test_the_evaluators_copy_wins_and_a_different_one_is_an_integrity_finding(
    run_cli: RunCli, tmp_path: Path
) -> None:
    folder = _evaluation(tmp_path)
    own, saved = EMPTY.encode(), REPORT.replace("年度报告", "年度报告（原文）").encode()
    _names_document(folder, "report.html", own)
    _saved(folder, f"{UNIT}.html", saved)
    unit = _unit(_run(run_cli, folder))
    assert unit["source"]["documents"] == [
        {
            "path": f"evidence/annual_reports/{UNIT}.html",
            "sha256": _sha(saved),
            "copy": "evaluator",
            "judged": True,
        },
        {
            "path": f"submissions/{UNIT}/report.html",
            "sha256": _sha(own),
            "copy": "unit",
            "judged": False,
        },
    ]
    (differs,) = [
        f for f in _arithmetic(unit)["findings"] if f["code"] == "integrity.document_differs"
    ]
    assert differs["params"] == {
        "evaluator": f"evidence/annual_reports/{UNIT}.html",
        "evaluator_sha256": _sha(saved),
        "unit": f"submissions/{UNIT}/report.html",
        "unit_sha256": _sha(own),
    }
    assert differs["deduction"] is None
    # the evaluator's copy is judged (the unit's states no figure, and would cost everything)
    assert _arithmetic(unit)["points"] == _arithmetic(unit)["max"]
    # the same bytes in both places: recorded twice, no finding
    _saved(folder, f"{UNIT}.html", own)
    same = _arithmetic(_unit(_run(run_cli, folder)))
    assert "integrity.document_differs" not in _codes(same)


def test_evidence_dir_names_another_evidence_folder(run_cli: RunCli, tmp_path: Path) -> None:
    folder = _evaluation(tmp_path)
    elsewhere = tmp_path / "gathered"
    (elsewhere / "annual_reports").mkdir(parents=True)
    (elsewhere / "annual_reports" / f"{UNIT}.docx").write_bytes(word_file(["年度报告"]))
    unit = _unit(_run(run_cli, folder, "--evidence", str(elsewhere)))
    (document,) = unit["source"]["documents"]
    assert (document["copy"], document["judged"]) == ("evaluator", True)
    assert document["path"].endswith(f"gathered/annual_reports/{UNIT}.docx")
    run = run_cli("submissions", "--evidence", "nowhere", cwd=folder)
    assert run.status == 2 and "nowhere" in run.err


def test_a_document_stating_no_figure_costs_the_arithmetic(run_cli: RunCli, tmp_path: Path) -> None:
    folder = _evaluation(tmp_path)
    _names_document(folder, "report.html", EMPTY.encode())
    yaml = folder / "submissions" / UNIT / "submission.yaml"
    lines = yaml.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(n for n, line in enumerate(lines) if line.startswith("  figures:"))
    after = (n for n in range(start + 1, len(lines)) if not lines[n].startswith("    "))
    end = next(after, len(lines))
    yaml.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")
    arithmetic = _arithmetic(_unit(_run(run_cli, folder)))
    (finding,) = arithmetic["findings"]
    assert finding["code"] == "annual_report.no_figures"
    # the 2015 report's format: the sample scheme's own (criteria/report_formats/)
    assert finding["params"]["format"] == "xicheng_2015"
    assert (arithmetic["points"], finding["deduction"]) == (0, arithmetic["max"])


def test_a_required_document_missing_costs_the_arithmetic(run_cli: RunCli, tmp_path: Path) -> None:
    folder = _evaluation(tmp_path, required=True)
    results = _run(run_cli, folder)
    arithmetic = _arithmetic(_unit(results))
    assert arithmetic["points"] == 0
    (finding,) = arithmetic["findings"]
    assert finding["code"] == "annual_report.no_document"
    assert finding["deduction"] == arithmetic["max"]
    # either copy lifts it: the evaluator's
    _saved(folder, f"{UNIT}.html", REPORT.encode())
    lifted = _arithmetic(_unit(_run(run_cli, folder)))
    assert lifted["points"] == lifted["max"]


@pytest.mark.parametrize(
    ("reference", "code"),
    [("../xc-baizhifang/submission.yaml", "reference.parent"), ("gone.html", "reference.missing")],
)
def test_a_unit_may_name_only_a_file_in_its_own_folder(
    run_cli: RunCli, tmp_path: Path, reference: str, code: str
) -> None:
    folder = _evaluation(tmp_path)
    yaml = folder / "submissions" / UNIT / "submission.yaml"
    text = yaml.read_text(encoding="utf-8")
    yaml.write_text(
        text.replace("annual_report:\n", f"annual_report:\n  document: {reference}\n", 1),
        encoding="utf-8",
    )
    arithmetic = _arithmetic(_unit(_run(run_cli, folder)))
    (finding,) = arithmetic["findings"]
    assert (finding["code"], finding["params"]["problem"]) == (
        "annual_report.document_unreadable",
        code,
    )
    assert arithmetic["points"] == 0


def test_a_scanned_report_costs_its_unit_the_arithmetic_only(
    run_cli: RunCli, tmp_path: Path, baseline: dict[str, Any]
) -> None:
    folder = _evaluation(tmp_path)
    _names_document(folder, "report.pdf", scanned_pdf(2))
    results = _run(run_cli, folder)
    arithmetic = _arithmetic(_unit(results))
    (finding,) = arithmetic["findings"]
    assert finding["code"] == "annual_report.document_unreadable"
    assert finding["params"] == {
        "pages": 2,
        "file": f"submissions/{UNIT}/report.pdf",
        "problem": "document.no_text",
    }
    assert "没有文字层" in finding["message"]
    assert _unit(results, OTHER) == _unit(baseline, OTHER)
