"""What every output shows of the review record (复核), and the reviewer's workbook.

The sample is scored and given decisions the way the engine records them
(``review_outputs.with_reviews``: accepted, partly accepted, rejected, and a
stale one); every format must show them, a unit's page only its own, and a run
without a review record none of it.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import openpyxl
import pytest
from review_outputs import ROOT, STALE, sample_evaluation, with_reviews

from evaluator._core.model import Evaluation, Location
from evaluator._core.problems import Refusal
from evaluator._reports.baseline import load_baseline
from evaluator._reports.feedback import write_feedback
from evaluator._reports.html import write_html
from evaluator._reports.json_results import dumps_json, results_schema
from evaluator._reports.output import Output
from evaluator._reports.review_cells import review_rows, review_table
from evaluator._reports.review_template import COLUMNS
from evaluator._reports.template import template_command
from evaluator._reports.text import render
from evaluator._reports.withdrawn import Lost, withdrawn

CONTRACT_HEADERS = ("单位编号", "指标编号", "问题代码", "涉及记录", "复核结论", "调整分值", "理由")
CONTRACT_HEADERS += ("复核人", "复核日期")
DECISION_WORDS = {"accepted": "采纳", "partly": "部分采纳", "rejected": "不采纳"}
STALE_WHERE = f"{STALE.location.path}:{STALE.location.line}"


@pytest.fixture(scope="module")
def sample() -> Evaluation:
    return sample_evaluation()


@pytest.fixture(scope="module")
def reviewed(sample: Evaluation) -> Evaluation:
    return with_reviews(sample)


def decided(evaluation: Evaluation) -> list[Any]:
    """The units with decisions, in order."""
    return [u for u in evaluation.units if u.reviews]


def finding_of(unit: Any, review: Any) -> Any:
    indicator = next(i for i in unit.indicators if i.id == review.indicator)
    return indicator, next(f for f in indicator.findings if f.code == review.code)


def workbook(evaluation: Evaluation, path: Path, **options: Any) -> openpyxl.Workbook:
    Output("xlsx", str(path), **options).write(evaluation)
    return openpyxl.load_workbook(path)


# ---------------------------------------------------------------- the unit's page


def test_a_unit_page_shows_each_of_its_decisions_in_words(reviewed, tmp_path) -> None:
    write_feedback(reviewed, str(tmp_path / "r"))
    for unit in decided(reviewed):
        page = (tmp_path / "r" / f"{unit.id}.html").read_text(encoding="utf-8")
        section = page[page.index('<h2 id="reviews">') :]
        section = section[: section.index("</table>")]
        for review in unit.reviews:
            indicator, finding = finding_of(unit, review)
            cells = re.findall(r"<td[^>]*>(.*?)</td>", section, re.S)
            assert indicator.name in cells
            assert finding.message in cells  # the finding's text, not its code
            assert review.code not in section
            assert f"<strong>{DECISION_WORDS[review.decision]}</strong>" in section
            assert review.reason in section and review.reviewer in section
            assert review.decided_on.isoformat() in section
            before, after = float(review.before), float(review.after)
            assert f"{before:g} → {after:g}" in section
            for record in review.records:
                assert record in section


def test_a_unit_page_shows_no_other_units_decisions_and_no_stale_one(reviewed, tmp_path) -> None:
    write_feedback(reviewed, str(tmp_path / "r"))
    reasons = {u.id: [r.reason for r in u.reviews] for u in decided(reviewed)}
    for page in (tmp_path / "r").glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert STALE_WHERE not in text and "2016-9999" not in text, page.name
        for unit_id, theirs in reasons.items():
            if page.stem != unit_id:
                assert not any(reason in text for reason in theirs), (page.name, unit_id)
    quiet = next(u for u in reviewed.units if not u.reviews)
    assert 'id="reviews"' not in (tmp_path / "r" / f"{quiet.id}.html").read_text("utf-8")


def test_a_decision_on_a_finding_gone_since_is_named_in_words_not_by_code() -> None:
    unit = {
        "indicators": [{"id": "rate", "name": "解读率", "findings": []}],
        "reviews": [
            {"indicator": "rate", "code": "audit.document_class", "records": ["T05"]},
            {"indicator": "rate", "code": "policy.none_interpreted", "records": []},
        ],
        "baseline": {
            "withdrawn": [
                {"indicator": "rate", "code": "policy.none_interpreted", "message": "未解读"}
            ]
        },
    }
    rows = review_rows(unit, 2, "zh")
    assert [r["finding"] for r in rows] == [
        "单位自报的分类（待核实事项，经复核已不再列出）",
        "未解读",
    ]
    assert all("audit." not in r["finding"] and r["indicator"] == "解读率" for r in rows)


# ---------------------------------------------------------------- the rankings


def test_html_ranking_marks_units_whose_score_changed_and_lists_the_stale(reviewed) -> None:
    out = io.StringIO()
    write_html(reviewed, out)
    page = out.getvalue()
    for unit in reviewed.units:
        row = re.search(rf'<tr class="unit[^"]*" data-unit="{unit.id}">(.*?)</tr>', page, re.S)
        assert row is not None
        cell = re.search(r'<td class="review">(.*?)</td>', row.group(1), re.S)
        assert cell is not None
        changed = any(r.before != r.after for r in unit.reviews or ())
        expected = "已改分" if changed else "已复核" if unit.reviews else ""
        assert re.sub(r"<[^>]+>", "", cell.group(1)) == expected, unit.id
    assert page.count(STALE_WHERE) == 1  # in the 复核 section, not again among warnings
    first = decided(reviewed)[0]
    detail = page[page.index(f'id="u-{first.id}"') :]
    assert first.reviews[0].reason in detail[: detail.index("</section>")]


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_text_rankings_get_a_review_column_and_its_footnote(reviewed, fmt) -> None:
    text = render(reviewed, fmt)
    header = next(line for line in text.splitlines() if "排名" in line and "备注" in line)
    assert "复核" in header
    for unit in reviewed.units:
        line = next(line for line in text.splitlines() if f" {unit.id} " in line)
        changed = any(r.before != r.after for r in unit.reviews or ())
        assert ("已改分" in line) == changed and ("已复核" in line) == (
            bool(unit.reviews) and not changed
        )
    assert "复核：已改分＝" in text


def test_detail_lists_each_units_decisions_in_brief(reviewed) -> None:
    text = render(reviewed, "table", detail=True)
    for unit in decided(reviewed):
        block = text[text.index(f"（{unit.id}）") :]
        block = block[: block.index("扣分明细", 1)] if "扣分明细" in block[1:] else block
        review = unit.reviews[0]
        assert DECISION_WORDS[review.decision] in block and review.reason in block


def test_csv_gets_a_review_column_only_when_the_run_has_a_review_record(reviewed, sample) -> None:
    rows = [line.split(",") for line in render(reviewed, "csv").splitlines()]
    column = rows[0].index("复核")
    assert rows[0][column + 1] == "备注"
    marks = {row[2]: row[column] for row in rows[1:]}
    assert marks["xc-finance"] == "已改分" and marks["xc-civil-affairs"] == "已复核"
    assert marks["xc-audit"] == ""
    assert "复核" not in render(sample, "csv").splitlines()[0].split(",")


def test_workbook_marks_rankings_and_lists_every_decision(reviewed, tmp_path) -> None:
    book = workbook(reviewed, tmp_path / "r.xlsx")
    ranking = book[book.sheetnames[0]]
    header = [c.value for c in ranking[1]]
    assert header[header.index("复核") + 1] == "备注"
    rows = list(book["复核"].iter_rows(values_only=True))
    assert rows[0][:7] == ("编号", "单位", "指标", "代码", "涉及记录", "复核结论", "调整分值")
    applied = [r for r in rows[1:] if r[-1] == "已应用"]
    expected = [(u.id, r) for u in reviewed.units for r in u.reviews or ()]
    assert len(applied) == len(expected)
    for row, (unit_id, review) in zip(applied, expected, strict=True):
        assert row[0] == unit_id and row[3] == review.code
        assert row[5] == DECISION_WORDS[review.decision] and row[7] == review.reason
        assert row[10] == float(review.before) and row[11] == float(review.after)
    stale = [r for r in rows[1:] if r[-1] != "已应用"]
    assert len(stale) == 1 and STALE_WHERE in stale[0][-1] and stale[0][0] == "xc-audit"


def test_a_stale_row_names_the_unit_and_indicator_and_the_row_as_the_warning_does() -> None:
    # a decision in a workbook of decisions, its unit id in another case than the results'
    where = Location("reviews/复核.xlsx", 181, 0, "复核")
    entry = {"path": where.path, "line": 181, "column": None, "sheet": "复核"}
    params = {"unit": "XC-Culture", "indicator": "incidents", "code": "incidents.late"}
    units = [
        {
            "id": "xc-culture",
            "name": "文化委员会",
            "indicators": [{"id": "incidents", "name": "舆情"}],
        }
    ]
    run = {"stale": [{**entry, "params": {**params, "records": ["2016-YQ-01"]}}]}
    _, (row,) = review_table(units, run, "zh")
    assert row[:5] == ["XC-Culture", "文化委员会", "舆情", "incidents.late", "2016-YQ-01"]
    assert row[-1] == f"未匹配任何问题，未应用（{where}）"
    assert str(where) == "reviews/复核.xlsx:复核!181:181"  # as the run's warning says it
    unscored = {"stale": [{**entry, "params": {**params, "unit": "xc-gone"}}]}
    _, (row,) = review_table(units, unscored, "zh")
    assert row[1:3] == ["", "incidents"]  # no unit scored of that id: the id as written


# ---------------------------------------------------------------- without a review record


def test_a_run_without_a_review_record_shows_nothing_of_it(sample, tmp_path) -> None:
    texts = [render(sample, fmt, detail=True) for fmt in ("table", "markdown", "csv", "json")]
    out = io.StringIO()
    write_html(sample, out)
    texts.append(out.getvalue())
    write_feedback(sample, str(tmp_path / "r"))
    texts += [p.read_text(encoding="utf-8") for p in (tmp_path / "r").glob("*.html")]
    for text in texts:
        assert "复核" not in text and "已改分" not in text and '"reviews"' not in text
    book = workbook(sample, tmp_path / "r.xlsx")
    assert "复核" not in book.sheetnames
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            assert not any(isinstance(v, str) and "复核" in v for v in row), sheet.title


# ---------------------------------------------------------------- --baseline before the review


@pytest.fixture(scope="module")
def before_review(sample: Evaluation, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("baseline") / "before.json"
    path.write_text(dumps_json(sample), encoding="utf-8")
    return path


def test_baseline_before_the_review_lists_the_deductions_withdrawn(reviewed, before_review) -> None:
    baseline = load_baseline(str(before_review))
    document = json.loads(dumps_json(reviewed, baseline))
    jsonschema.validate(document, results_schema())
    units = {u["id"]: u for u in document["units"]}
    for unit in decided(reviewed):
        review = unit.reviews[0]
        _, finding = finding_of(unit, review)
        found = units[unit.id]["baseline"]["withdrawn"]
        if review.decision == "rejected":
            assert found == []
            continue
        (entry,) = found
        assert (entry["indicator"], entry["code"]) == (review.indicator, review.code)
        assert entry["message"] == finding.message
        assert entry["before"] == pytest.approx(float(finding.deduction))
        assert entry["after"] == pytest.approx(float(finding.deduction) - float(review.points))
        assert entry["records"] == list(review.records or finding.records)
        assert entry["decision"]["decision"] == review.decision
        assert entry["decision"]["reviewer"] == review.reviewer
    quiet = [u for u in document["units"] if u["id"] not in {x.id for x in decided(reviewed)}]
    assert all(u["baseline"]["withdrawn"] == [] for u in quiet)


def test_baseline_without_reviews_lists_nothing_withdrawn(sample, before_review) -> None:
    document = json.loads(dumps_json(sample, load_baseline(str(before_review))))
    assert all("withdrawn" not in u["baseline"] for u in document["units"])


def test_withdrawn_deductions_show_on_the_page_in_the_tables_and_the_workbook(
    reviewed, before_review, tmp_path
) -> None:
    baseline = load_baseline(str(before_review))
    first = decided(reviewed)[0]
    _, finding = finding_of(first, first.reviews[0])
    write_feedback(reviewed, str(tmp_path / "r"), baseline=baseline)
    page = (tmp_path / "r" / f"{first.id}.html").read_text(encoding="utf-8")
    withdrawn_part = page[page.index('<h2 id="withdrawn">') :]
    assert finding.message in withdrawn_part[: withdrawn_part.index("</ul>")]
    text = render(reviewed, "table", baseline=baseline)
    block = text[text.index("撤销或减少的扣分") :]
    assert f"（{first.id}）" in block and "复核采纳" in block
    book = workbook(reviewed, tmp_path / "r.xlsx", baseline=baseline)
    rows = list(book["复核"].iter_rows(values_only=True))
    start = [r[0] for r in rows].index("撤销或减少的扣分")
    listed = [r for r in rows[start + 2 :] if r[0]]
    assert [r[0] for r in listed] == [u.id for u in decided(reviewed)[:2]]


def test_a_merged_finding_that_names_fewer_records_now_is_withdrawn_for_those() -> None:
    earlier = [Lost("late", "requests.late", ("a", "b", "c"), 3.0, "三件逾期")]
    unit = {
        "indicators": [
            {
                "id": "late",
                "findings": [{"code": "requests.late", "records": ["a"], "deduction": 1.0}],
            }
        ],
        "reviews": [],
    }
    (entry,) = withdrawn(earlier, unit, 2)
    assert entry["records"] == ["b", "c"] and (entry["before"], entry["after"]) == (3.0, 1.0)
    assert entry["decision"] is None
    unit["indicators"][0]["findings"][0]["records"] = ["a", "b", "c"]
    unit["indicators"][0]["findings"][0]["deduction"] = 3.0
    assert withdrawn(earlier, unit, 2) == []


# ---------------------------------------------------------------- the reviewer's workbook


def test_reviewers_workbook_lists_every_finding_that_cost_points(run_cli, tmp_path) -> None:
    results, target = tmp_path / "results.json", tmp_path / "复核.xlsx"
    run_cli("submissions", "--format", "json", "-o", str(results), cwd=ROOT)
    said = run_cli("template", "--reviews", "--from", str(results), "-o", str(target), cwd=ROOT)
    assert said.status == 0 and str(target) in said.out
    document = json.loads(results.read_text(encoding="utf-8"))
    expected = [
        (u["id"], i["id"], f["code"], "、".join(f["records"]), f["deduction"])
        for u in document["units"]
        for i in u["indicators"]
        for f in i["findings"]
        if (f["deduction"] or 0) > 0
        or (f["code"].startswith("audit.") and "at_stake" in f["params"])
    ]
    book = openpyxl.load_workbook(target)
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[2]]
    assert header == [title for title, _ in COLUMNS]
    assert [h for h in header if not h.startswith("#") and h != "扣分"] == list(CONTRACT_HEADERS)
    at = {name: header.index(name) for name in header}
    rows = [r for r in sheet.iter_rows(min_row=3, values_only=True)]
    got = [
        (
            r[at["单位编号"]],
            r[at["指标编号"]],
            r[at["问题代码"]],
            r[at["涉及记录"]] or "",
            r[at["扣分"]],
        )
        for r in rows
    ]
    assert got == expected and str(len(expected)) in said.out
    assert all(r[at["复核结论"]] is None and r[at["理由"]] is None for r in rows)
    sha256 = hashlib.sha256(results.read_bytes()).hexdigest()
    assert sha256 in sheet["A1"].value and sha256 in said.out
    assert ("sha256", sha256) in list(book["#来源"].iter_rows(values_only=True))
    letter = sheet.cell(row=2, column=at["复核结论"] + 1).column_letter
    dropdown = next(v for v in sheet.data_validations.dataValidation if v.type == "list")
    assert dropdown.formula1 == '"采纳,部分采纳,不采纳"'
    assert f"{letter}3:{letter}{len(rows) + 2}" in str(dropdown.sqref)
    dated = next(v for v in sheet.data_validations.dataValidation if v.type == "date")
    date_letter = sheet.cell(row=2, column=at["复核日期"] + 1).column_letter
    assert str(dated.sqref).startswith(f"{date_letter}3:")


def test_reviewers_workbook_runs_no_formula_and_keeps_ids_as_written(tmp_path) -> None:
    finding = {
        "code": "x.late",
        "records": ["=1+1", "b"],
        "deduction": 2,
        "message": "=HYPERLINK()",
    }
    results = {
        "units": [
            {
                "id": "u1",
                "name": "@单位",
                "indicators": [{"id": "late", "name": "时效", "findings": [finding]}],
            }
        ]
    }
    source = tmp_path / "r.json"
    source.write_text(json.dumps(results), encoding="utf-8")
    template_command(
        str(tmp_path / "t.xlsx"), lambda: None, kind=None, reviews_book=True, results=str(source)
    )
    row = next(openpyxl.load_workbook(tmp_path / "t.xlsx").worksheets[0].iter_rows(min_row=3))
    assert all(c.data_type != "f" for c in row)
    assert row[5].value == "=1+1、b"  # read back as the finding names them
    assert row[1].value == "'@单位" and row[7].value == "'=HYPERLINK()"


@pytest.mark.parametrize(
    ("given", "code"),
    [
        ({"reviews_book": True}, "cli.template_reviews_needs_from"),
        ({"results": "r.json"}, "cli.template_needs_reviews"),
        (
            {"reviews_book": True, "results": "r.json", "kind": "bureau"},
            "cli.template_not_with_reviews",
        ),
        (
            {"reviews_book": True, "results": "r.json", "evidence": True},
            "cli.template_not_with_reviews",
        ),
        (
            {"reviews_book": True, "results": "r.json", "submissions": "s"},
            "cli.template_not_with_reviews",
        ),
    ],
)
def test_reviewers_workbook_refuses_other_options(tmp_path, given, code) -> None:
    options: dict[str, Any] = {"kind": None, **given}

    def load() -> Any:
        raise AssertionError("the reviewer's workbook needs no criteria")

    with pytest.raises(Refusal) as refused:
        template_command(str(tmp_path / "x.xlsx"), load, **options)
    assert [p.code for p in refused.value.problems] == [code]
    assert not (tmp_path / "x.xlsx").exists()


def test_reviewers_workbook_refuses_a_file_that_is_no_results(run_cli, tmp_path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"units": [{"id": 1e400}]}', encoding="utf-8")
    said = run_cli("template", "--reviews", "--from", str(bad), "-o", str(tmp_path / "x.xlsx"))
    assert said.status == 2 and "$.units[0].id" in said.err
    assert not (tmp_path / "x.xlsx").exists()
