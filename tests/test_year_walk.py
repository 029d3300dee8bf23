"""A firm's year walked through the command, step by step (issue 22, "Done means").

The repository's sample is the firm's year: its criteria, evidence and plugins
copied to a folder of its own, its units as they came in, except three sent as
clerks' workbooks filled in from ``evaluate template`` (Chinese headers under a
title row, a 备注 column, dates typed with dots, and a street office's empty
incidents sheet saying 本年度无). Then, each step a fixture the next builds on:

1. validate, score (``-o 2016.json``) and the feedback pages;
2. the reviewer's workbook (``evaluate template --reviews --from 2016.json``)
   filled in with openpyxl: an accepted decision (采纳) on xc-food-drug's
   synchronisation, a rejected one (不采纳) on one of xc-desheng's late
   requests, a confirmed claim (xc-food-drug's own class of incident
   2016-YQ-02, 待核实 in the first run) and a decision on xc-culture's late
   incident, which goes stale when the unit sends its workbook again with the
   response on time; saved as ``reviews/复核.xlsx`` beside the criteria;
3. the run again with ``--baseline 2016.json``: exit 1 for the stale decision,
   every output (JSON, the pages, the workbook's 复核 sheet) carrying each
   decision;
4. next year's comparison: the review record closed, a unit fixes a record,
   and the run against the reviewed results shows the change.

Every figure asserted is read from an earlier step's output, never typed in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from clerks import clerks_workbook

from evaluator._core.frozen import thaw
from evaluator._core.model import Submission
from evaluator._inputs.entries import discover
from evaluator._inputs.submissions import read_submission
from evaluator._scoring.engine import Engine, Options
from evaluator.testing import EvaluationFolder

ROOT = Path(__file__).resolve().parents[1]
CLERKS = {"xc-culture": "区政府工作部门", "xc-food-drug": "bureau", "xc-desheng": "街道办事处"}
"""The units that send a clerk's workbook, with the kind as the firm names it for the template."""
ACCEPTED = ("xc-food-drug", "synchronisation", "policy.not_synchronous")
REJECTED = ("xc-desheng", "requests", "requests.late")
CLAIM = ("xc-food-drug", "incidents", "audit.incident_level")
GOES_STALE = ("xc-culture", "incidents", "incidents.late")
FIXES_NEXT_YEAR = ("xc-civil-affairs", "messages", "messages.slow")
DECISION_WORDS = {"accepted": "采纳", "rejected": "不采纳", "partly": "部分采纳"}


@pytest.fixture(scope="module", autouse=True)
def _reproducible() -> Iterator[None]:
    """Every output of the walk as on any other day (the scheme's as_of)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1484006400")
        yield


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.load(Options(str(ROOT / "criteria"), str(ROOT / "plugins"), entry_points=False))


def _sections(engine: Engine, unit_id: str) -> tuple[Any, dict[str, Any]]:
    """A sample unit as read: the unit and its sections as plain data."""
    (entry,) = [e for e in discover(str(ROOT / "submissions")) if e.name == unit_id]
    found = read_submission(entry, engine.scheme, engine.schema)
    assert isinstance(found, Submission), found
    return found.unit, thaw(found.sections)


def _unit(document: Mapping[str, Any], unit_id: str) -> Mapping[str, Any]:
    return next(u for u in document["units"] if u["id"] == unit_id)


def _indicator(document: Mapping[str, Any], unit_id: str, indicator_id: str) -> Mapping[str, Any]:
    return next(i for i in _unit(document, unit_id)["indicators"] if i["id"] == indicator_id)


def _finding(
    document: Mapping[str, Any], unit_id: str, indicator_id: str, code: str
) -> Mapping[str, Any]:
    (found,) = [
        f for f in _indicator(document, unit_id, indicator_id)["findings"] if f["code"] == code
    ]
    return found


def _text(html: str) -> str:
    """A page's text: tags dropped, entities of the texts compared undone, space collapsed."""
    text = re.sub(r"<[^>]+>", " ", html)
    text = text.replace("&amp;", "&").replace("&#34;", '"').replace("&#39;", "'")
    return re.sub(r"\s+", " ", text)


# ---------------------------------------------------------------- the year's inputs


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory, engine: Engine) -> EvaluationFolder:
    """The firm's folder: the sample's criteria, plugins and evidence, its units, and the
    three clerks' workbooks in place of those units' own files."""
    year = EvaluationFolder(tmp_path_factory.mktemp("year") / "西城区2016")
    year.copy(ROOT)
    shutil.copytree(ROOT / "evidence", year.path / "evidence")
    for unit_id, kind in CLERKS.items():
        template = year.path / f"模板-{unit_id}.xlsx"
        done = year.cli("template", "--kind", kind, "-o", str(template))
        assert done.status == 0, done.stderr
        assert done.stdout.startswith(f"已写入 {template}：")
        unit, sections = _sections(engine, unit_id)
        if unit_id == "xc-desheng":
            assert "incidents" not in sections.get("responsiveness", {})
            sections["responsiveness"]["incidents"] = []  # the clerk writes 本年度无
        shutil.rmtree(year.submissions / unit_id)
        book = year.submissions / f"{unit_id}.xlsx"
        clerks_workbook(template, engine, unit, sections, book, say_none=True)
    return year


def test_the_clerks_workbooks_are_filled_as_clerks_fill_them(year: EvaluationFolder) -> None:
    for unit_id in CLERKS:
        book = openpyxl.load_workbook(year.submissions / f"{unit_id}.xlsx")
        incidents = book["政务舆情"]
        assert str(incidents["A1"].value).endswith("2016年政务舆情台账")  # a title row
        headers = [c.value for c in incidents[2]]
        assert headers[0] == "舆情编号" and headers[-1] == "备注"
        rows = [
            [v for v in row if v is not None]
            for row in incidents.iter_rows(min_row=3, values_only=True)
        ]
        if unit_id == "xc-desheng":
            assert rows == [["本年度无"]]
        else:
            dates = [v for row in rows for v in row if isinstance(v, str) and "." in v]
            requests = book["依申请公开"]
            dates += [c.value for row in requests.iter_rows(min_row=3) for c in row]
            assert any(
                isinstance(d, str) and re.fullmatch(r"2016\.\d{1,2}\.\d{1,2}", d) for d in dates
            )


def test_validate_passes_and_warns_only_as_the_sample_does(year: EvaluationFolder) -> None:
    done = year.cli("validate", "submissions")
    assert done.status == 0, done.stderr
    units = len(discover(str(year.submissions)))
    assert f"有效 {units} 份，无效 0 份" in done.stdout + done.stderr
    sample = EvaluationFolder(ROOT).cli("validate", "submissions")
    assert sample.status == 0, sample.stderr

    def warnings(output: str) -> set[str]:
        return {line for line in output.splitlines() if "警告：" in line}

    expected = {
        line
        for line in warnings(sample.stdout + sample.stderr)
        if not any(f"submissions/{unit_id}/" in line for unit_id in CLERKS)
    }
    assert expected  # the sample's own warnings (a duplicate request, a section not sent...)
    assert warnings(done.stdout + done.stderr) == expected  # the workbooks raise none


# ---------------------------------------------------------------- scored, and the feedback pages


@pytest.fixture(scope="module")
def first(year: EvaluationFolder) -> Mapping[str, Any]:
    done = year.cli("submissions", "--no-progress", "-o", "2016.json")
    assert done.status == 0, done.stderr
    return json.loads((year.path / "2016.json").read_text("utf-8"))


def test_the_first_run_scores_the_workbooks_and_has_no_review_record(
    year: EvaluationFolder, first: Mapping[str, Any]
) -> None:
    assert "reviews" not in first
    for unit_id in CLERKS:
        unit = _unit(first, unit_id)
        assert unit["status"] == "ok" and unit["source"]["path"].endswith(f"{unit_id}.xlsx")
        assert "reviews" not in unit
    claim = _finding(first, *CLAIM)
    assert claim["records"] and claim["params"]["at_stake"] > 0  # 待核实, points at stake
    assert _finding(first, *ACCEPTED)["deduction"] > 0
    assert _finding(first, *REJECTED)["deduction"] > 0
    assert _finding(first, *GOES_STALE)["deduction"] > 0
    done = year.cli("report", "submissions", "--no-progress", "-o", "反馈-初评")
    assert done.status == 0, done.stderr
    pages = year.path / "反馈-初评"
    assert {p.stem for p in pages.glob("*.html")} == {u["id"] for u in first["units"]} | {"index"}
    assert not any('id="reviews"' in p.read_text("utf-8") for p in pages.glob("*.html"))


# ---------------------------------------------------------------- the appeals, decided


def _row_of(sheet: Any, unit_id: str, indicator_id: str, code: str) -> int:
    """The reviewer's workbook's row listing the finding (its first three columns)."""
    headers = [c.value for c in sheet[2]]
    at = [headers.index(h) for h in ("单位编号", "指标编号", "问题代码")]
    (row,) = [
        n
        for n, cells in enumerate(sheet.iter_rows(min_row=3, values_only=True), start=3)
        if [cells[i] for i in at] == [unit_id, indicator_id, code]
    ]
    return row


REASONS = {
    ACCEPTED: "单位补充提供了文件在政府网站同步发布的页面存档，发布日期与印发日期一致，予以采纳",
    REJECTED: "单位称延期答复经负责人同意，但未能提供延期审批单，维持原扣分",
    CLAIM: "经核实舆情发生时的传播范围与处置层级，单位自报的一般舆情属实",
    GOES_STALE: "单位称首次回应已在官方微博发布，提供了截图",
}


@pytest.fixture(scope="module")
def decided(year: EvaluationFolder, first: Mapping[str, Any], engine: Engine) -> dict[str, Any]:
    """The reviewer's workbook from the first run, decided, saved in ``reviews/``; then
    xc-culture sends its workbook again with its late incident answered in time."""
    blank = year.path / "复核-待填.xlsx"
    done = year.cli("template", "--reviews", "--from", "2016.json", "-o", str(blank))
    assert done.status == 0, done.stderr
    book = openpyxl.load_workbook(blank)
    sheet = book["复核"]
    headers = [c.value for c in sheet[2]]
    column = {h: headers.index(h) + 1 for h in headers}
    rows = {}
    decisions = {ACCEPTED: "采纳", REJECTED: "不采纳", CLAIM: "采纳", GOES_STALE: "采纳"}
    for key, word in decisions.items():
        row = rows[key] = _row_of(sheet, *key)
        sheet.cell(row=row, column=column["复核结论"], value=word)
        sheet.cell(row=row, column=column["理由"], value=REASONS[key])
        sheet.cell(row=row, column=column["复核人"], value="王评估")
        sheet.cell(row=row, column=column["复核日期"], value="2017.2.20")  # as typed
    rejected = sheet.cell(row=rows[REJECTED], column=column["涉及记录"])
    named = str(rejected.value).split("、")[0]  # the one request the unit contested
    rejected.value = named
    (year.path / "reviews").mkdir()
    book.save(year.path / "reviews" / "复核.xlsx")
    # xc-culture sends its workbook again: 2016-YQ-01 answered within the hour
    unit, sections = _sections(engine, "xc-culture")
    (incident,) = [i for i in sections["responsiveness"]["incidents"] if i["id"] == "2016-YQ-01"]
    incident["first_response_at"] = incident["emerged_at"] + dt.timedelta(hours=1)
    template = year.path / "模板-xc-culture.xlsx"
    clerks_workbook(template, engine, unit, sections, year.submissions / "xc-culture.xlsx")
    return {"rows": rows, "rejected_record": named, "blank": blank}


def test_the_reviewers_workbook_lists_the_first_runs_findings(
    year: EvaluationFolder, first: Mapping[str, Any], decided: Mapping[str, Any]
) -> None:
    sheet = openpyxl.load_workbook(decided["blank"])["复核"]
    sha = hashlib.sha256((year.path / "2016.json").read_bytes()).hexdigest()
    assert sha in str(sheet["A1"].value)
    headers = [c.value for c in sheet[2]]
    for key, row in decided["rows"].items():
        cells = dict(zip(headers, [c.value for c in sheet[row]], strict=True))
        found = _finding(first, *key)
        assert cells["涉及记录"] == "、".join(found["records"])
        assert cells["复核结论"] is None and cells["理由"] is None  # left to the reviewer
        if found["deduction"] is not None:
            assert cells["扣分"] == found["deduction"]


# ---------------------------------------------------------------- the run again, against the first


@pytest.fixture(scope="module")
def second(year: EvaluationFolder, decided: Mapping[str, Any]) -> dict[str, Any]:
    """The year scored again with the review record and ``--baseline 2016.json``: results,
    pages and workbook, each command's status and messages."""
    runs = {}
    for out in ("2016-复核.json", "2016-复核.xlsx"):
        runs[out] = year.cli("submissions", "--no-progress", "--baseline", "2016.json", "-o", out)
    runs["pages"] = year.cli(
        "report", "submissions", "--no-progress", "--baseline", "2016.json", "-o", "反馈-复核"
    )
    document = json.loads((year.path / "2016-复核.json").read_text("utf-8"))
    return {"runs": runs, "document": document}


def _review(document: Mapping[str, Any], key: tuple[str, str, str]) -> Mapping[str, Any]:
    unit_id, indicator_id, code = key
    (found,) = [
        r
        for r in _unit(document, unit_id)["reviews"]
        if (r["indicator"], r["code"]) == (indicator_id, code)
    ]
    return found


def test_the_stale_decision_is_listed_warned_and_exits_1(
    year: EvaluationFolder,
    first: Mapping[str, Any],
    decided: Mapping[str, Any],
    second: Mapping[str, Any],
) -> None:
    row = decided["rows"][GOES_STALE]
    for run in second["runs"].values():
        assert run.status == 1, run.stderr
        assert f"reviews/复核.xlsx:复核!{row}:{row}" in run.stderr
    record = second["document"]["reviews"]
    (stale,) = record["stale"]
    unit_id, indicator_id, code = GOES_STALE
    assert (stale["code"], stale["path"], stale["line"]) == (
        "review.stale",
        "reviews/复核.xlsx",
        row,
    )
    assert stale["params"]["why"] == "review.no_finding"
    assert (stale["params"]["unit"], stale["params"]["indicator"]) == (unit_id, indicator_id)
    assert stale["params"]["code"] == code
    assert stale["params"]["records"] == _finding(first, *GOES_STALE)["records"]
    warned = [w for w in second["document"]["warnings"] if w["code"] == "review.stale"]
    assert len(warned) == 1
    assert _unit(second["document"], unit_id)["reviews"] == []  # nothing applied to it
    sha = hashlib.sha256((year.path / "reviews" / "复核.xlsx").read_bytes()).hexdigest()
    assert record["files"] == [{"name": "复核.xlsx", "sha256": sha}]
    assert record["sha256"] == hashlib.sha256(f"复核.xlsx\t{sha}\n".encode()).hexdigest()


def test_the_accepted_decision_restores_exactly_the_findings_deduction(
    first: Mapping[str, Any], decided: Mapping[str, Any], second: Mapping[str, Any]
) -> None:
    document = second["document"]
    found = _finding(first, *ACCEPTED)
    before = _indicator(first, *ACCEPTED[:2])
    review = _review(document, ACCEPTED)
    assert review["decision"] == "accepted" and review["points"] == found["deduction"]
    assert review["records"] == found["records"]  # empty cell: all of them
    assert review["before"] == before["points"]
    assert review["after"] == min(before["max"], before["points"] + found["deduction"])
    assert _indicator(document, *ACCEPTED[:2])["points"] == review["after"]
    assert (review["reason"], review["reviewer"]) == (REASONS[ACCEPTED], "王评估")
    assert review["decided_on"] == "2017-02-20"  # typed 2017.2.20
    assert (review["file"], review["line"]) == ("reviews/复核.xlsx", decided["rows"][ACCEPTED])
    unit_id = ACCEPTED[0]
    assert _unit(document, unit_id)["total"] > _unit(first, unit_id)["total"]


def test_the_rejected_decision_is_recorded_and_moves_nothing(
    first: Mapping[str, Any], decided: Mapping[str, Any], second: Mapping[str, Any]
) -> None:
    document = second["document"]
    review = _review(document, REJECTED)
    points = _indicator(first, *REJECTED[:2])["points"]
    assert review["decision"] == "rejected" and review["points"] == 0
    assert review["before"] == review["after"] == round(points, 2)
    assert review["records"] == [decided["rejected_record"]]
    assert _indicator(document, *REJECTED[:2]) == _indicator(first, *REJECTED[:2])
    unit_id = REJECTED[0]
    assert _unit(document, unit_id)["total"] == _unit(first, unit_id)["total"]
    baseline = _unit(document, unit_id)["baseline"]
    assert baseline["change"] == 0 and baseline["withdrawn"] == []


def test_the_confirmed_claim_is_no_longer_to_verify(
    first: Mapping[str, Any], second: Mapping[str, Any]
) -> None:
    document = second["document"]
    review = _review(document, CLAIM)
    claim = _finding(first, *CLAIM)
    assert review["decision"] == "accepted" and review["records"] == claim["records"]
    # under the scheme's self_claims: trusted the claim scored as the unit said: confirmed,
    # the points stand, and it is no longer listed to verify
    points = _indicator(first, *CLAIM[:2])["points"]
    assert review["before"] == review["after"] == points and review["points"] == 0
    codes = [f["code"] for f in _indicator(document, *CLAIM[:2])["findings"]]
    assert CLAIM[2] not in codes


def test_the_baseline_lists_the_deductions_withdrawn_and_by_what(
    first: Mapping[str, Any], second: Mapping[str, Any]
) -> None:
    document = second["document"]
    unit_id = ACCEPTED[0]
    unit, earlier = _unit(document, unit_id), _unit(first, unit_id)
    baseline = unit["baseline"]
    assert baseline["total"] == earlier["total"]
    assert baseline["change"] == pytest.approx(unit["total"] - earlier["total"], abs=0.006)
    found, review = _finding(first, *ACCEPTED), _review(document, ACCEPTED)
    (withdrawn,) = baseline["withdrawn"]
    assert (withdrawn["indicator"], withdrawn["code"]) == ACCEPTED[1:]
    assert withdrawn["records"] == found["records"] and withdrawn["message"] == found["message"]
    assert (withdrawn["before"], withdrawn["after"]) == (found["deduction"], 0)
    assert withdrawn["decision"] == {
        k: review[k] for k in ("decision", "points", "reason", "reviewer", "decided_on")
    }
    # the stale decision's finding is withdrawn too, by the re-submission, not a decision
    (gone,) = _unit(document, GOES_STALE[0])["baseline"]["withdrawn"]
    assert (gone["indicator"], gone["code"], gone["decision"]) == (*GOES_STALE[1:], None)
    assert gone["before"] == _finding(first, *GOES_STALE)["deduction"]


def _section(page: str) -> str:
    """A unit page's 复核 section, as text."""
    start = page.index('<h2 id="reviews">')
    return _text(page[start : page.index("</table>", start)])


def test_the_pages_show_each_decision_and_the_ranking_marks_the_units(
    year: EvaluationFolder, first: Mapping[str, Any], second: Mapping[str, Any]
) -> None:
    assert second["runs"]["pages"].status == 1
    pages, document = year.path / "反馈-复核", second["document"]
    for unit_id in (ACCEPTED[0], REJECTED[0]):
        page = (pages / f"{unit_id}.html").read_text("utf-8")
        section = _section(page)
        for review in _unit(document, unit_id)["reviews"]:
            indicator = _indicator(document, unit_id, review["indicator"])
            assert indicator["name"] in section
            assert DECISION_WORDS[review["decision"]] in section
            assert review["reason"] in section and review["reviewer"] in section
            assert review["decided_on"] in section
            assert f"{review['before']:g} → {review['after']:g}" in section
            assert review["code"] not in section  # the finding in words
    accepted = _section((pages / f"{ACCEPTED[0]}.html").read_text("utf-8"))
    assert _finding(first, *ACCEPTED)["message"] in accepted
    rejected = _section((pages / f"{REJECTED[0]}.html").read_text("utf-8"))
    assert _finding(first, *REJECTED)["message"] in rejected
    stale = (pages / f"{GOES_STALE[0]}.html").read_text("utf-8")
    assert 'id="reviews"' not in stale and REASONS[GOES_STALE] not in stale
    withdrawn = _text((pages / f"{ACCEPTED[0]}.html").read_text("utf-8"))
    deduction = _finding(first, *ACCEPTED)["deduction"]
    assert f"扣分 {deduction:g}→0（复核采纳，王评估 2017-02-20）" in withdrawn
    index = (pages / "index.html").read_text("utf-8")
    marks = {ACCEPTED[0]: "已改分", REJECTED[0]: "已复核", GOES_STALE[0]: ""}
    for unit_id, mark in marks.items():
        row = re.search(rf'<tr class="unit[^"]*" data-unit="{unit_id}">(.*?)</tr>', index, re.S)
        assert row is not None, unit_id
        cell = re.search(r'<td class="review">(.*?)</td>', row.group(1), re.S)
        assert cell is not None and _text(cell.group(1)).strip() == mark, unit_id


def test_the_workbook_review_sheet_reads_back_every_decision(
    year: EvaluationFolder, first: Mapping[str, Any], second: Mapping[str, Any]
) -> None:
    sheet = openpyxl.load_workbook(year.path / "2016-复核.xlsx")["复核"]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    header = rows[0]
    table = [dict(zip(header, r, strict=True)) for r in rows[1 : rows.index([None] * len(header))]]
    document = second["document"]
    applied = [(u["id"], r) for u in document["units"] for r in u.get("reviews") or ()]
    assert len(table) == len(applied) + 1  # and the stale one
    for row, (unit_id, review) in zip(table[:-1], applied, strict=True):
        assert row["编号"] == unit_id and row["代码"] == review["code"]
        assert row["复核结论"] == DECISION_WORDS[review["decision"]]
        assert row["调整分值"] == review["points"] and row["理由"] == review["reason"]
        assert (row["复核前得分"], row["复核后得分"]) == (review["before"], review["after"])
        assert row["状态"] == "已应用"
    stale = table[-1]
    line = second["document"]["reviews"]["stale"][0]["line"]
    where = f"reviews/复核.xlsx:复核!{line}:{line}"  # as the run's warning says it
    assert (stale["编号"], stale["代码"]) == (GOES_STALE[0], GOES_STALE[2])
    unit_id, indicator_id, _ = GOES_STALE
    assert stale["单位"] == _unit(document, unit_id)["name"]
    assert stale["指标"] == _indicator(document, unit_id, indicator_id)["name"]
    assert stale["状态"] == f"未匹配任何问题，未应用（{where}）"
    foot = rows[rows.index([None] * len(header)) + 1 :]
    assert foot[0][0] == "撤销或减少的扣分"
    listed = {(r[0], r[3]): r for r in foot[2:]}
    found = _finding(first, *ACCEPTED)
    withdrawn = listed[(ACCEPTED[0], ACCEPTED[2])]
    assert withdrawn[5] == found["message"] and withdrawn[6:9] == [found["deduction"], 0, "采纳"]
    assert listed[(GOES_STALE[0], GOES_STALE[2])][8] is None  # the unit's own fix


def test_the_reviewed_run_gives_the_same_bytes_again(
    year: EvaluationFolder, second: Mapping[str, Any]
) -> None:
    for out in ("2016-复核.json", "2016-复核.xlsx"):
        again = f"again-{out}"
        done = year.cli("submissions", "--no-progress", "--baseline", "2016.json", "-o", again)
        assert done.status == second["runs"][out].status == 1
        assert (year.path / again).read_bytes() == (year.path / out).read_bytes(), out


# ---------------------------------------------------------------- the next comparison


@pytest.fixture(scope="module")
def later(year: EvaluationFolder, second: Mapping[str, Any]) -> Mapping[str, Any]:
    """The appeals closed (the record moved out of ``reviews/``), xc-civil-affairs answers
    its slow message in time, and the year is scored against the reviewed results."""
    (year.path / "reviews").rename(year.path / "复核-2016")
    unit_id, _, _ = FIXES_NEXT_YEAR
    (slow,) = _finding(second["document"], *FIXES_NEXT_YEAR)["records"][:1]
    path = year.submissions / unit_id / "submission.yaml"
    text = path.read_text("utf-8")
    line = re.search(rf"- \{{id: {slow}, received_on: (\S+), replied_on: (\S+),", text)
    assert line is not None
    received = dt.date.fromisoformat(line.group(1))
    fixed = line.group(0).replace(line.group(2), str(received + dt.timedelta(days=1)))
    path.write_text(text.replace(line.group(0), fixed), "utf-8")
    done = year.cli(
        "submissions", "--no-progress", "--baseline", "2016-复核.json", "-o", "2017.json"
    )
    assert done.status == 0, done.stderr
    pages = year.cli(
        "report",
        "submissions",
        "--no-progress",
        "--baseline",
        "2016-复核.json",
        "-o",
        "反馈-2017",
    )
    assert pages.status == 0, pages.stderr
    return {"document": json.loads((year.path / "2017.json").read_text("utf-8")), "slow": slow}


def test_the_next_comparison_shows_the_fix_and_the_review_no_longer_applied(
    year: EvaluationFolder, second: Mapping[str, Any], later: Mapping[str, Any]
) -> None:
    reviewed, document = second["document"], later["document"]
    assert "reviews" not in document
    unit_id, indicator_id, _ = FIXES_NEXT_YEAR
    found = _finding(reviewed, *FIXES_NEXT_YEAR)
    share = dict(
        zip(found["records"], found.get("record_deductions") or [found["deduction"]], strict=False)
    )
    before = _indicator(reviewed, unit_id, indicator_id)["points"]
    assert _indicator(document, unit_id, indicator_id)["points"] == before + share[later["slow"]]
    for unit_id in (FIXES_NEXT_YEAR[0], ACCEPTED[0]):
        unit, earlier = _unit(document, unit_id), _unit(reviewed, unit_id)
        assert unit["baseline"]["total"] == earlier["total"]
        assert unit["baseline"]["change"] == pytest.approx(
            unit["total"] - earlier["total"], abs=0.006
        )
    assert _unit(document, FIXES_NEXT_YEAR[0])["baseline"]["change"] > 0
    # the accepted decision was this year's: without the record the deduction is back
    assert _indicator(document, *ACCEPTED[:2]) == _indicator(
        json.loads((year.path / "2016.json").read_text("utf-8")), *ACCEPTED[:2]
    )
    assert _unit(document, ACCEPTED[0])["baseline"]["change"] < 0
    page = _text((year.path / "反馈-2017" / f"{FIXES_NEXT_YEAR[0]}.html").read_text("utf-8"))
    change = _unit(document, FIXES_NEXT_YEAR[0])["baseline"]["change"]
    assert f"+{change:.2f}" in page
    assert 'id="reviews"' not in page
