"""Findings of one code naming one record each are one finding (issue 19.7).

Each unit is scored twice in this process: as the engine does (merged), and with
the findings kept apart as before (``separate``: apportioned then worded, one per
record). Every total, rank, grade, veto and indicator's points must be the same,
and each merged finding must name the separate ones' records, in order, at the
sum of their shown deductions; its records' exact shares must add up to the
points the indicator lost. Then what each format shows of a merged finding.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from collections.abc import Iterator, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

import jsonschema
import openpyxl
import pytest
from late_requests import UNIT_ID, write_unit

import evaluator._scoring.score as score_module
from evaluator._core.catalogue import ENGINE as ENGINE_TEXTS
from evaluator._core.messages import Catalogue
from evaluator._core.model import MERGED_SHOWN, Finding, IndicatorResult, UnitResult, exact_number
from evaluator._inputs.entries import survey
from evaluator._reports.json_results import results_schema
from evaluator._scoring.engine import Engine, Options
from evaluator._scoring.ranking import rank
from evaluator._scoring.score import apportion, merge_findings, worded

ROOT = Path(__file__).resolve().parents[1]
ENGINE = Engine.load(Options(str(ROOT / "criteria"), str(ROOT / "plugins"), entry_points=False))
CATALOGUE = ENGINE_TEXTS.extended({"t.late": {"zh": "“{id}”逾期", "en": "{id} late"}})


def separate(
    findings: Sequence[Finding], lost: Fraction, places: int, catalogue: Catalogue, lang: str
) -> tuple[Finding, ...]:
    """The findings as the engine showed them before merging: one per record."""
    return tuple(worded(f, catalogue, lang) for f in apportion(findings, lost, places))


def _scored(folder: Path) -> tuple[UnitResult, ...]:
    """Every unit of ``folder`` scored in this process, then ranked and graded."""
    entries, _ = survey(str(folder))
    units = [ENGINE.process(entry, entry.path) for entry in entries]
    assert all(isinstance(u, UnitResult) for u in units), units
    return rank(ENGINE.scheme, [u for u in units if isinstance(u, UnitResult)])


def _both(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[UnitResult, UnitResult]]:
    """Each unit of ``folder`` merged and separate, in the same order."""
    merged = _scored(folder)
    with monkeypatch.context() as patch:
        patch.setattr(score_module, "merge_findings", separate)
        apart = _scored(folder)
    assert [u.id for u in merged] == [u.id for u in apart]
    return zip(merged, apart, strict=True)


def _summary(unit: UnitResult) -> tuple[Any, ...]:
    """What merging must not change: the unit's scores, rank, grade, veto, every indicator's."""
    return (
        unit.total,
        unit.rank,
        unit.grade,
        unit.vetoed,
        unit.status,
        unit.unvetoed_total,
        unit.dimensions,  # scores and statuses, no findings
        [(i.id, i.points, i.earned, i.status, i.vetoed) for i in unit.indicators],
    )


def _compare(merged: IndicatorResult, apart: IndicatorResult, places: int) -> int:
    """Check one indicator's merged findings against its separate ones; how many merged."""
    singles: dict[str, list[Finding]] = {}
    for finding in apart.findings:
        if len(finding.records) == 1:
            singles.setdefault(finding.code, []).append(finding)
    merges = 0
    for finding in merged.findings:
        parts = singles.get(finding.code, [])
        if len(parts) < 2:  # left as it was
            assert finding in apart.findings
            continue
        merges += 1
        assert finding.records == tuple(p.records[0] for p in parts)
        assert finding.params["merged_count"] == len(parts)
        costs = [p.deduction for p in parts if p.deduction is not None]
        if costs:
            assert finding.deduction == round(sum(costs), places)
        else:
            assert finding.deduction is None
    # the same points shown, fewer rows
    shown = [f.deduction for f in merged.findings if f.deduction is not None]
    before = [f.deduction for f in apart.findings if f.deduction is not None]
    assert round(sum(shown), places) == round(sum(before), places)
    # the records' exact shares and every other finding's deduction: the points lost
    lost = exact_number(merged.max) - merged.earned
    shared = [f for f in merged.findings if f.share_scale is not None]
    unmerged = [f for f in merged.findings if f.deduction and f.share_scale is None]
    if shared and not unmerged and merged.status == "ok":
        assert sum((s for f in shared for s in f.record_shares()), Fraction(0)) == lost
    return merges


def test_the_sample_scores_unit_by_unit_as_with_separate_findings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    merges = 0
    for merged, apart in _both(ROOT / "submissions", monkeypatch):
        assert _summary(merged) == _summary(apart), merged.id
        for ours, theirs in zip(merged.indicators, apart.indicators, strict=True):
            merges += _compare(ours, theirs, ENGINE.scheme.precision)
    assert merges > 50  # the sample's late requests, slow messages, late items ...


def test_100000_late_requests_score_as_with_separate_findings_in_few(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_unit(tmp_path, 100_000)
    ((merged, apart),) = _both(tmp_path, monkeypatch)
    assert _summary(merged) == _summary(apart)
    (requests,) = [i for i in merged.indicators if i.id == "requests"]
    (before,) = [i for i in apart.indicators if i.id == "requests"]
    assert _compare(requests, before, ENGINE.scheme.precision) == 1
    assert len(before.findings) > 100_000 and len(requests.findings) < 5
    (late,) = [f for f in requests.findings if f.code == "requests.late"]
    assert (len(late.records), late.deduction) == (100_000, 35)
    assert sum(late.record_shares()) == 35  # every point of the indicator, exactly
    assert late.message.endswith("；… 等 100000 条")
    assert late.message.count("依申请公开“R") == MERGED_SHOWN


MEMORY = 1 << 30


def _capped_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


@pytest.mark.skipif(not hasattr(resource, "RLIMIT_AS"), reason="no address-space limit here")
def test_100000_late_requests_give_a_small_json_and_workbook_in_capped_memory(
    tmp_path: Path,
) -> None:
    write_unit(tmp_path / "in", 100_000)
    for fmt, most in (("json", 10_000_000), ("xlsx", 10_000_000)):  # JSON: 76 MB before
        target = tmp_path / f"results.{fmt}"
        command = [sys.executable, "-m", "evaluator", "in", "-o", str(target), "--no-progress"]
        run = subprocess.run(
            [*command, "--criteria", str(ROOT / "criteria")],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            preexec_fn=_capped_memory,
            env={**os.environ, "SOURCE_DATE_EPOCH": "0"},
            check=False,
        )
        assert run.returncode == 0, run.stderr[-2000:]
        assert target.stat().st_size < most


# ---------------------------------------------------------------- the merge itself


def _late(number: int, cost: float | Fraction | None = 1) -> Finding:
    rid = f"R{number}"
    return Finding("t.late", records=(rid,), deduction=cost, params={"id": rid})


@pytest.mark.parametrize(
    ("count", "lang", "text"),
    [
        (MERGED_SHOWN, "zh", "“R0”逾期；“R1”逾期；“R2”逾期"),
        (MERGED_SHOWN + 1, "zh", "“R0”逾期；“R1”逾期；“R2”逾期；… 等 4 条"),
        (MERGED_SHOWN + 1, "en", "R0 late; R1 late; R2 late; … 4 in all"),
    ],
)
def test_a_merged_text_words_the_first_records_then_counts_them_all(
    count: int, lang: str, text: str
) -> None:
    (merged,) = merge_findings(
        [_late(n) for n in range(count)], Fraction(count), 2, CATALOGUE, lang
    )
    assert merged.message == text
    assert merged.params["merged_count"] == count
    assert merged.params["merged_first"] == [{"id": f"R{n}"} for n in range(MERGED_SHOWN)]
    assert merged.params["id"] == "R0"


def test_only_findings_of_one_code_naming_one_record_each_merge_in_the_first_ones_place() -> None:
    listing = Finding("t.list", records=("A", "B"), params={"ids": ["A", "B"]})
    other = Finding("t.other", records=("C",), deduction=1)
    findings = [_late(1), listing, other, _late(2), Finding("t.note")]
    shown = merge_findings(findings, Fraction(3), 2, CATALOGUE, "zh")
    assert [(f.code, f.records) for f in shown] == [
        ("t.late", ("R1", "R2")),
        ("t.list", ("A", "B")),
        ("t.other", ("C",)),
        ("t.note", ()),
    ]
    assert [f.deduction for f in shown] == [2, None, 1, None]
    assert [f.record_deductions for f in shown] == [(1, 1), (), (), ()]


def test_claims_to_verify_are_never_merged_for_each_keeps_its_points_at_stake() -> None:
    claims = [
        Finding("audit.t_claim", records=(r,), params={"id": r, "at_stake": stake})
        for r, stake in (("A", 2), ("B", 5))
    ]
    texts = CATALOGUE.extended({"audit.t_claim": {"zh": "“{id}”待核实", "en": "{id} to verify"}})
    shown = merge_findings([*claims, _late(1), _late(2)], Fraction(2), 2, texts, "zh")
    assert [(f.code, f.records, f.params.get("at_stake")) for f in shown] == [
        ("audit.t_claim", ("A",), 2),
        ("audit.t_claim", ("B",), 5),
        ("t.late", ("R1", "R2"), None),
    ]


def test_a_records_share_is_its_deduction_scaled_by_the_cap_exactly() -> None:
    # 10 points given over three records, the indicator capped at 5 lost
    findings = [_late(0, 5), _late(1, Fraction(10, 3)), _late(2, Fraction(5, 3))]
    (merged,) = merge_findings(findings, Fraction(5), 2, CATALOGUE, "zh")
    assert merged.share_scale == Fraction(1, 2)
    assert merged.record_shares() == (Fraction(5, 2), Fraction(5, 3), Fraction(5, 6))
    assert merged.deduction == 5  # 2.50 + 1.67 + 0.83 as shown apart


def test_the_json_keeps_every_records_deduction_and_the_scale_as_fractions(
    tmp_path: Path, run_cli: Any
) -> None:
    write_unit(tmp_path / "in", 60)
    out = tmp_path / "results.json"
    run = run_cli(
        "in", "--detail", "-o", str(out), "--criteria", str(ROOT / "criteria"), cwd=tmp_path
    )
    assert run.status == 0, run.err
    results = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(results, results_schema())
    (unit,) = results["units"]
    (requests,) = [i for i in unit["indicators"] if i["id"] == "requests"]
    (late,) = [f for f in requests["findings"] if f["code"] == "requests.late"]
    assert len(late["records"]) == len(late["record_deductions"]) == 60
    scale = Fraction(late["share_scale"])
    shares = [exact_number(d) * scale for d in late["record_deductions"]]
    assert sum(shares) == Fraction(requests["max"]) - Fraction(requests["points"])


def test_the_workbook_lists_every_record_of_a_finding_naming_many_in_a_sheet_of_its_own(
    tmp_path: Path, run_cli: Any
) -> None:
    write_unit(tmp_path / "in", 60)
    out = tmp_path / "results.xlsx"
    run = run_cli("in", "-o", str(out), "--criteria", str(ROOT / "criteria"), cwd=tmp_path)
    assert run.status == 0, run.err
    book = openpyxl.load_workbook(out)
    assert book.sheetnames.index("扣分记录") == book.sheetnames.index("扣分明细") + 1
    rows = list(book["扣分记录"].iter_rows(values_only=True))
    assert rows[0] == ("编号", "单位", "指标", "代码", "记录", "扣分")
    late = [r for r in rows if r[3] == "requests.late"]
    assert [r[4] for r in late] == [f"R{n:06d}" for n in range(60)]
    assert {r[0] for r in late} == {UNIT_ID}
    assert sum(r[5] for r in late) == pytest.approx(35)
    # 扣分明细 keeps one row for the finding
    details = [r for r in book["扣分明细"].iter_rows(values_only=True) if r[5] == "requests.late"]
    assert len(details) == 1 and details[0][4] == 35


def test_the_feedback_page_lists_every_record_collapsed(tmp_path: Path, run_cli: Any) -> None:
    write_unit(tmp_path / "in", 60)
    out = tmp_path / "report"
    run = run_cli(
        "report", "in", "-o", str(out), "--criteria", str(ROOT / "criteria"), cwd=tmp_path
    )
    assert run.status == 0, run.err
    page = (out / f"{UNIT_ID}.html").read_text(encoding="utf-8")
    details = page[page.index("<details>") : page.index("</details>")]
    assert all(f"R{n:06d}" in details for n in range(60))
    assert "… 共60条</summary>" in details


@pytest.mark.parametrize("count", [MERGED_SHOWN, MERGED_SHOWN + 1])
def test_the_record_sheet_is_there_only_when_a_finding_names_more_than_its_text_words(
    tmp_path: Path, run_cli: Any, count: int
) -> None:
    write_unit(tmp_path / "in", count)
    out = tmp_path / "results.xlsx"
    run = run_cli("in", "-o", str(out), "--criteria", str(ROOT / "criteria"), cwd=tmp_path)
    assert run.status == 0, run.err
    sheets = openpyxl.load_workbook(out).sheetnames
    assert ("扣分记录" in sheets) == (count > MERGED_SHOWN)
