"""The public ranking (``--public``): ranking tables, grades and the method, and nothing of
any unit's findings, notes to verify, warnings or the evaluator's paths."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from evaluator.cli import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The sample's JSON results, public page and public workbook, with a baseline (the
    same results) so that the comparison's path could leak."""
    out = tmp_path_factory.mktemp("public")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        patch.setenv("SOURCE_DATE_EPOCH", "1484006400")
        assert main(["submissions/", "-o", str(out / "results.json")]) == 0
        for name in ("排名.html", "排名.xlsx"):
            baseline = ["--baseline", str(out / "results.json")]
            assert main(["submissions/", "--public", "-o", str(out / name), *baseline]) == 0
    yield out


def results(sample: Path) -> dict[str, Any]:
    return json.loads((sample / "results.json").read_text(encoding="utf-8"))


def page(sample: Path) -> str:
    return html.unescape((sample / "排名.html").read_text(encoding="utf-8"))


def workbook_text(sample: Path) -> str:
    book = openpyxl.load_workbook(sample / "排名.xlsx")
    return "\n".join(str(cell.value) for sheet in book for row in sheet.iter_rows() for cell in row)


def said(sample: Path) -> tuple[set[str], set[str]]:
    """Every finding's and unit warning's code and message in the run's results."""
    codes: set[str] = set()
    messages: set[str] = set()
    for unit in results(sample)["units"]:
        told = [f for i in unit["indicators"] for f in i["findings"]] + unit["warnings"]
        codes |= {t["code"] for t in told}
        messages |= {t["message"] for t in told}
    return codes, messages


@pytest.mark.parametrize("form", ["html", "xlsx"])
def test_no_finding_code_or_message_of_the_run_is_published(sample: Path, form: str) -> None:
    text = page(sample) if form == "html" else workbook_text(sample)
    codes, messages = said(sample)
    assert len(codes) > 40 and len(messages) > 100
    assert [c for c in codes if c in text] == []
    assert [m for m in messages if m in text] == []
    for note in ("待核实", "请核实", "请提供", "扣分", str(ROOT), str(sample)):
        assert note not in text, note


def test_the_page_ranks_every_unit_by_name_with_total_and_grade(sample: Path) -> None:
    text = page(sample)
    for unit in results(sample)["units"]:
        row = re.search(
            rf'<tr class="unit[^"]*" data-unit="{re.escape(unit["id"])}">(.*?)</tr>', text, re.S
        )
        assert row is not None, unit["id"]
        cells = re.sub(r"<[^>]+>", "|", row.group(1))
        assert unit["name"] in cells and f"{unit['total']:.2f}" in cells and unit["grade"] in cells
        assert unit["id"] not in cells  # ids are the evaluator's, not the public's
    assert 'href="#u-' not in text  # no unit's details to link to


def test_the_page_states_the_method(sample: Path) -> None:
    text = page(sample)
    scheme = results(sample)["scheme"]
    assert "评估方法" in text and "评估基准日" in text and "2017-01-10" in text
    assert scheme["sha256"][:12] in text
    for unit in results(sample)["units"][:1]:
        for dim in unit["dimensions"]:
            assert dim["name"] in text
    assert "优秀" in text and "合格" in text  # the grade bands
    assert "一票否决" in text  # the veto policy


def test_the_workbook_holds_the_ranking_sheets_and_about_alone(sample: Path) -> None:
    book = openpyxl.load_workbook(sample / "排名.xlsx")
    assert book.sheetnames == ["区政府工作部门", "街道办事处", "说明"]
    ranking = book["区政府工作部门"]
    header = [c.value for c in ranking[1]]
    assert header[:3] == ["排名", "编号", "单位"]
    about = "\n".join(str(c.value) for row in book["说明"].iter_rows() for c in row)
    assert "评估基准日" in about and "对比" not in about


@pytest.mark.parametrize(
    ("options", "said_"),
    [
        (["--public", "--detail", "-o", "x.html"], "--detail"),
        (["--public", "--internal", "-o", "x.xlsx"], "--internal"),
        (["--public", "-o", "x.csv"], "csv"),
        (["--public", "--format", "json"], "json"),
    ],
)
def test_public_with_what_it_cannot_hold_is_refused(
    run_cli, tmp_path: Path, options: list[str], said_: str
) -> None:
    given = [o if not o.startswith("x.") else str(tmp_path / o) for o in options]
    run = run_cli("submissions", *given)
    assert run.status == 2
    assert "--public" in run.err and said_ in run.err
    assert not list(tmp_path.iterdir())


def test_public_feedback_pages_are_refused(run_cli, tmp_path: Path) -> None:
    run = run_cli("report", "submissions", "--public", "-o", str(tmp_path / "pages"))
    assert run.status == 2 and "evaluate report" in run.err


def test_a_review_changes_the_published_scores_and_nothing_else(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a decision that restores points: the public reads the unit's new total and nothing of
    # the review itself (its column, its note, the reason, the reviewer, the record's folder)
    unit = next(u for u in results(sample)["units"] if u["id"] == "xc-civil-affairs")
    indicator, lost = next(
        (i["id"], f) for i in unit["indicators"] for f in i["findings"] if f.get("deduction")
    )
    reviews = tmp_path / "reviews"
    reviews.mkdir()
    (reviews / "复核.csv").write_text(
        "单位编号,指标编号,问题代码,涉及记录,复核结论,调整分值,理由,复核人,复核日期\n"
        f"xc-civil-affairs,{indicator},{lost['code']},,采纳,,补交了证明材料甲,王芳,2017-02-20\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1484006400")
    given = ["submissions/", "--reviews", str(reviews)]
    assert main([*given, "-o", str(tmp_path / "results.json")]) == 0
    after = next(u for u in results(tmp_path)["units"] if u["id"] == "xc-civil-affairs")
    assert after["total"] > unit["total"]  # the review did change the score
    for name in ("排名.html", "排名.xlsx"):
        assert main([*given, "--public", "-o", str(tmp_path / name)]) == 0
    assert f"{after['total']:.2f}" in page(tmp_path)
    text = page(tmp_path) + workbook_text(tmp_path)
    for told in ("复核", "已改分", "已复核", "证明材料甲", "王芳", str(reviews)):
        assert told not in text, told
