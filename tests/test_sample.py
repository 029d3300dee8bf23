"""The sample evaluation in submissions/ scores to the published ranking tables.

The expected table below is the reviewed ranking of the sample (invented
figures). Beside it, checks that do not depend on it: totals follow from the
dimension scores and the scheme's weights, the tie ties, a veto scores its
dimension 0 (the scheme's veto_scope) and the unit ranks by its total, and the
hand-counted National Day requests are judged right.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]

# (kind, rank, unit id, total, grade, vetoed), as published. How and why each
# rule change moved it is told in submissions/README.md ("How the ranking changed"),
# whose "now" column is held to this run below.
EXPECTED = [
    ("bureau", 1, "xc-finance", 99.68, "优秀", False),
    ("bureau", 2, "xc-justice", 98.77, "优秀", False),
    ("bureau", 3, "xc-civil-affairs", 96.79, "优秀", False),
    ("bureau", 4, "xc-audit", 96.54, "优秀", False),
    ("bureau", 5, "xc-food-drug", 94.12, "优秀", False),
    ("bureau", 6, "xc-hrss", 93.84, "优秀", False),
    ("bureau", 7, "xc-development-reform", 93.38, "优秀", False),
    ("bureau", 8, "xc-education", 92.37, "优秀", False),
    ("bureau", 9, "xc-health", 92.34, "优秀", False),
    ("bureau", 10, "xc-environment", 90.51, "优秀", False),
    ("bureau", 11, "xc-housing", 85.99, "良好", False),
    ("bureau", 12, "xc-safety", 79.72, "合格", False),
    ("bureau", 13, "xc-city-management", 78.75, "合格", True),
    ("bureau", 14, "xc-commerce", 78.65, "合格", True),
    ("bureau", 15, "xc-statistics", 75.29, "合格", False),
    ("bureau", 16, "xc-culture", 64.16, "合格", False),
    ("street", 1, "xc-xichanganjie", 99.38, "优秀", False),
    ("street", 2, "xc-jinrongjie", 98.02, "优秀", False),
    ("street", 3, "xc-guanganmennei", 97.66, "优秀", False),
    ("street", 4, "xc-xinjiekou", 94.73, "优秀", False),
    ("street", 5, "xc-yuetan", 94.58, "优秀", False),
    ("street", 6, "xc-tianqiao", 92.06, "优秀", False),
    ("street", 7, "xc-baizhifang", 92.01, "优秀", False),
    ("street", 8, "xc-zhanlanlu", 90.54, "优秀", False),
    ("street", 9, "xc-chunshu", 90.1, "优秀", False),
    ("street", 9, "xc-taoranting", 90.1, "优秀", False),
    ("street", 11, "xc-desheng", 89.55, "良好", False),
    ("street", 12, "xc-niujie", 84.34, "良好", False),
    ("street", 13, "xc-dashilan", 78.38, "合格", False),
    ("street", 14, "xc-guanganmenwai", 77.63, "合格", True),
    ("street", 15, "xc-shichahai", 76.91, "合格", False),
]

# criteria/scheme.yaml, per kind: key area, policy, responsiveness, website, annual report,
# safeguards, decision openness.
WEIGHTS = {"bureau": [30, 20, 25, 25, 10, 10, 10], "street": [30, 15, 30, 25, 10, 10, 0]}


@pytest.fixture(scope="module")
def result() -> dict[str, Any]:
    run = subprocess.run(
        [sys.executable, "-m", "evaluator", "submissions/", "--format", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={"SOURCE_DATE_EPOCH": "0", "PATH": ""},
    )
    assert run.returncode == 0, run.stderr
    data: dict[str, Any] = json.loads(run.stdout)
    return data


def _unit(result: dict[str, Any], unit_id: str) -> dict[str, Any]:
    return next(u for u in result["units"] if u["id"] == unit_id)


def test_sample_scores_to_the_published_ranking(result: dict[str, Any]) -> None:
    table = [
        (u["type"], u["rank"], u["id"], u["total"], u["grade"], u["vetoed"])
        for u in result["units"]
    ]
    assert table == EXPECTED
    assert result["errors"] == []


def _readme_ranking_rows() -> list[list[str]]:
    text = (ROOT / "submissions" / "README.md").read_text(encoding="utf-8")
    section = text.split("## 排名变化", 1)[1].split("\n## ", 1)[0]
    return [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in section.splitlines()
        if line.startswith("| xc-")
    ]


def test_the_readme_tells_the_ranking_as_it_is_now(result: dict[str, Any]) -> None:
    rows = _readme_ranking_rows()
    assert [row[0] for row in rows] == [u["id"] for u in result["units"]]
    for (uid, _, now, why), unit in zip(rows, result["units"], strict=True):
        total, rank, grade = (part.strip() for part in now.split(","))
        vetoed = grade.endswith("(vetoed)")
        assert (float(total), int(rank), grade.removesuffix(" (vetoed)"), vetoed) == (
            unit["total"],
            unit["rank"],
            unit["grade"],
            unit["vetoed"],
        ), uid
        if unit.get("unvetoed_rank"):
            assert f"unvetoed rank {unit['unvetoed_rank']}" in why, uid


def test_every_total_is_the_weighted_mean_of_its_dimension_scores(
    result: dict[str, Any],
) -> None:
    for unit in result["units"]:
        scores = [d["score"] for d in unit["dimensions"]]
        weights = WEIGHTS[unit["type"]]
        weighed = [(w, s) for w, s in zip(weights, scores, strict=True) if w]
        expected = sum(w * s for w, s in weighed) / sum(w for w, _ in weighed)
        # dimension scores are shown rounded to 0.01, so allow their rounding
        assert unit["total"] == pytest.approx(expected, abs=0.01), unit["id"]


def test_the_sample_sizes_feel_real(result: dict[str, Any]) -> None:
    kinds = [u["type"] for u in result["units"]]
    assert kinds.count("bureau") >= 12
    assert kinds.count("street") >= 10


def test_identical_streets_tie_and_share_a_rank(result: dict[str, Any]) -> None:
    chunshu, taoranting = _unit(result, "xc-chunshu"), _unit(result, "xc-taoranting")
    assert chunshu["total"] == taoranting["total"]
    assert chunshu["rank"] == taoranting["rank"]
    following = [u for u in result["units"] if u["type"] == "street" and not u["vetoed"]]
    ranks = [u["rank"] for u in following]
    assert ranks[ranks.index(chunshu["rank"]) + 2] == chunshu["rank"] + 2  # 8, 8, 10


@pytest.mark.parametrize(
    ("unit_id", "indicator"),
    [
        ("xc-commerce", "homepage_fresh"),
        ("xc-city-management", "messages"),
        ("xc-guanganmenwai", "column_freshness"),
    ],
)
def test_vetoed_units_name_their_veto_score_0_on_the_website_and_rank_by_total(
    result: dict[str, Any], unit_id: str, indicator: str
) -> None:
    assert (result["scheme"]["veto_scope"], result["scheme"]["veto_scope_stated"]) == (
        "dimension",
        True,
    )
    unit = _unit(result, unit_id)
    vetoing = [i["id"] for i in unit["indicators"] if i["vetoed"]]
    assert vetoing == [indicator]
    website = next(d for d in unit["dimensions"] if d["id"] == "website_timeliness")
    assert (website["score"], website["status"]) == (0.0, "vetoed")
    others = [u for u in result["units"] if u["type"] == unit["type"] and u["id"] != unit_id]
    assert unit["rank"] == 1 + sum(1 for u in others if u["total"] > unit["total"])
    ahead = sum(1 for u in others if u["total"] > unit["unvetoed_total"])
    assert unit["unvetoed_rank"] == ahead + 1
    assert unit["unvetoed_total"] > unit["total"]


def test_missing_section_scores_zero_with_no_data_findings(result: dict[str, Any]) -> None:
    unit = _unit(result, "xc-niujie")
    policy = [i for i in unit["indicators"] if i["dimension"] == "policy_interpretation"]
    assert policy and all(i["status"] == "no_data" and i["points"] == 0 for i in policy)
    assert all(f["code"] == "engine.no_data" for i in policy for f in i["findings"])
    assert next(d for d in unit["dimensions"] if d["id"] == "policy_interpretation")["score"] == 0


def test_national_day_requests_are_counted_in_official_working_days(
    result: dict[str, Any],
) -> None:
    unit = _unit(result, "xc-civil-affairs")
    late = {
        record
        for i in unit["indicators"]
        for f in i["findings"]
        if f["code"] == "requests.late"
        for record in f["records"]
    }
    # GQ04: Tue 09-20 -> 10-18 is working day 17 (3 + 5 in September, the
    # working 10-08/09, 10-10..14, 10-17/18): late under the 15-day rule.
    assert "2016-GQ04" in late
    # GQ01 09-29 -> 10-21 day 13; GQ02 09-30 -> 10-21 day 12; GQ03 received on
    # the holiday 10-01 -> 10-24 day 13.
    assert not late & {"2016-GQ01", "2016-GQ02", "2016-GQ03"}
    # GQ05 extended, 09-29 -> 11-08 day 25: within 30, but no date of notice is given,
    # so the extension is not shown and the limit is 15 (issue 18, item 2)
    assert "2016-GQ05" in late


def test_csv_record_files_are_fingerprinted_with_their_submission(
    result: dict[str, Any],
) -> None:
    source = _unit(result, "xc-housing")["source"]
    files = {f["path"]: f["sha256"] for f in source["files"]}
    assert set(files) == {
        "submissions/xc-housing/key_area_items.csv",
        "submissions/xc-housing/requests.csv",
    }
    for path, digest in files.items():
        assert digest == hashlib.sha256((ROOT / path).read_bytes()).hexdigest()
    assert "files" not in _unit(result, "xc-finance")["source"]  # YAML only


def _annual_report_findings(result: dict[str, Any], unit_id: str) -> list[dict[str, Any]]:
    unit = _unit(result, unit_id)
    return [
        f for i in unit["indicators"] if i["dimension"] == "annual_report" for f in i["findings"]
    ]


@pytest.mark.parametrize(
    ("unit_id", "found"),
    [
        # Each unit's report is read from its document (annual_report.document): the
        # text's in-person 53 of 120 requests = 44.166...% prints 44.17; the report prints 44.18
        ("xc-health", [("annual_report.share", ["narrative.requests.in_person"], 10.0)]),
        # its 统计表: new media 515 > proactive total 503
        ("xc-environment", [("annual_report.at_most", ["table.proactive.new_media"], 10.0)]),
        # its 统计表 has no 电话咨询 row (39 + 10 of 117 consultations stand)
        ("xc-safety", [("annual_report.missing_figure", ["table.consultations.phone"], 5.0)]),
        # published 2016-04-18, 18 days after 03-31: 40 × 18/30 = 24 points lost
        ("xc-culture", [("annual_report.late", ["annual_report.published_on"], 24.0)]),
        # the 2016 report, not the 2015 one: both indicators score 0; it states
        # 24 requests received in 2016, the log holds 22
        (
            "xc-shichahai",
            [
                ("annual_report.wrong_year", ["annual_report.year"], 40.0),
                ("annual_report.wrong_year", ["annual_report.year"], 60.0),
                (
                    "integrity.request_count_mismatch",
                    ["requests.received.total", "responsiveness.requests"],
                    None,
                ),
            ],
        ),
        ("xc-finance", []),
        ("xc-chunshu", []),
    ],
)
def test_planted_annual_report_breaks_are_found(
    result: dict[str, Any], unit_id: str, found: list[tuple[str, list[str], float | None]]
) -> None:
    findings = _annual_report_findings(result, unit_id)
    assert [(f["code"], f["records"], f.get("deduction")) for f in findings] == found


def test_the_annual_report_is_judged_once_in_its_own_dimension(result: dict[str, Any]) -> None:
    for unit in result["units"]:
        item = "ogi-annual-report" if unit["type"] == "bureau" else "st-ogi-annual-report"
        key_area = [i for i in unit["indicators"] if i["dimension"] == "key_area_disclosure"]
        notes = [
            f for i in key_area for f in i["findings"] if f["code"] == "key_area.judged_elsewhere"
        ]
        assert [(n["records"], n["params"]["dimension"]) for n in notes] == [([item], "年度报告")]
        named = [r for i in key_area for f in i["findings"] for r in f["records"]]
        assert not [r for r in named if r.startswith(f"{item}@")], unit["id"]
        deadline = next(i for i in unit["indicators"] if i["id"] == "report_deadline")
        assert deadline["status"] in ("ok", "no_data"), unit["id"]


def test_the_wrong_year_report_is_compared_with_the_request_log(result: dict[str, Any]) -> None:
    [mismatch] = [
        f
        for f in _annual_report_findings(result, "xc-shichahai")
        if f["code"] == "integrity.request_count_mismatch"
    ]
    requests = sum(1 for _ in _log_ids("xc-shichahai"))
    assert mismatch["params"] == {
        "year": 2016,
        "path": "requests.received.total",
        "name": "依申请公开·收到申请·总数",
        "stated": requests + 2,
        "counted": requests,
    }


def _log_ids(unit_id: str) -> set[str]:
    import yaml

    data = yaml.safe_load((ROOT / "submissions" / unit_id / "submission.yaml").read_text("utf-8"))
    return {r["id"] for r in data["responsiveness"]["requests"]}


# ---------------------------------------------------------------- reports handed in as documents

TYPED_ONLY = {"xc-audit", "xc-niujie", "xc-yuetan"}
"""Units whose report is judged from typed figures: xc-audit by choice (tests add a
document to it), the one-file xc-niujie and the workbook xc-yuetan have no folder."""
EVALUATOR_COPIES = {"xc-dashilan": "txt", "xc-xinjiekou": "html"}


def _judged_copy(unit: dict[str, Any]) -> tuple[str, str] | None:
    """Whose copy of the report was judged, and its path (None: typed figures)."""
    judged = [d for d in unit["source"].get("documents", []) if d["judged"]]
    return (judged[0]["copy"], judged[0]["path"]) if judged else None


def test_every_folder_unit_hands_its_report_in_as_a_document(result: dict[str, Any]) -> None:
    make_sample = _make_sample()
    forms = set()
    for unit in result["units"]:
        uid = unit["id"]
        if uid in TYPED_ONLY:
            assert _judged_copy(unit) is None, uid
        elif uid in EVALUATOR_COPIES:
            path = f"evidence/annual_reports/{uid}.{EVALUATOR_COPIES[uid]}"
            assert _judged_copy(unit) == ("evaluator", path), uid
        else:
            copy, path = _judged_copy(unit) or ("", "")
            folder = f"submissions/{uid}/"
            assert copy == "unit" and path.startswith(folder), uid
            assert path.endswith(
                f".{make_sample.REPORT_SUFFIXES.get(make_sample.REPORT_FORMS.get(uid, 'txt'))}"
            )
            forms.add(Path(path).suffix)
    assert forms == {".txt", ".html", ".docx"}


def test_the_tabled_reports_are_read_by_their_statistics_table() -> None:
    from plugins.annual_report.document import read_document
    from plugins.annual_report.extract import extract
    from plugins.annual_report.formats import choose, load_formats

    make_sample = _make_sample()
    fmt = choose(2015, load_formats(ROOT / "criteria" / "report_formats"))
    assert fmt.id == "xicheng_2015"
    for uid, form in make_sample.REPORT_FORMS.items():
        [path] = (ROOT / "submissions" / uid).glob("*年度报告.*")
        extracted = extract(read_document(path), fmt)
        assert extracted.tables == ["statistics"], (uid, form)
        assert "table.requests.received" in extracted.figures, uid


def test_the_documents_give_exactly_the_planted_breaks(result: dict[str, Any]) -> None:
    """Every annual-report finding of the sample: the planted breaks, read from the
    documents, and the evaluator's copy of xc-xinjiekou differing from the unit's."""
    planted = {
        "xc-health": ["annual_report.share"],
        "xc-environment": ["annual_report.at_most"],
        "xc-safety": ["annual_report.missing_figure"],
        "xc-culture": ["annual_report.late"],
        "xc-shichahai": [
            "annual_report.wrong_year",
            "annual_report.wrong_year",
            "integrity.request_count_mismatch",
        ],
        "xc-xinjiekou": ["integrity.document_differs"],
    }
    assert set(_make_sample().ANNUAL_REPORT_PLANTS) == set(planted) - {"xc-xinjiekou"}
    found = {
        u["id"]: [f["code"] for f in _annual_report_findings(result, u["id"])]
        for u in result["units"]
    }
    assert {uid: codes for uid, codes in found.items() if codes} == planted


def test_the_evaluators_copy_differs_from_the_units_and_is_judged(result: dict[str, Any]) -> None:
    [differs] = _findings(result, "xc-xinjiekou", "integrity.document_differs")
    params = differs["params"]
    for copy in ("evaluator", "unit"):
        digest = hashlib.sha256((ROOT / params[copy]).read_bytes()).hexdigest()
        assert params[f"{copy}_sha256"] == digest
    assert params["evaluator"] == "evidence/annual_reports/xc-xinjiekou.html"
    assert params["unit"].startswith("submissions/xc-xinjiekou/")
    assert params["evaluator_sha256"] != params["unit_sha256"]


def test_the_docx_report_is_the_same_bytes_on_every_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """python-docx stamps the time into the zip: a run on another day writes the same bytes,
    those committed."""
    import time

    make_sample = _make_sample()
    [spec] = [u for u in make_sample.UNITS if make_sample.REPORT_FORMS.get(u.id) == "docx"]
    report = make_sample.build(spec)["annual_report"]
    first = make_sample.report_bytes(spec, report, "docx")
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + 400 * 86400)
    assert make_sample.report_bytes(spec, report, "docx") == first
    committed = ROOT / "submissions" / spec.id / make_sample.report_file(report, "docx")
    assert committed.read_bytes() == first


# ---------------------------------------------------------------- units handed in as workbooks

WORKBOOK_UNITS = {
    "xc-justice": "submissions/xc-justice/台账.xlsx",  # items and requests, two sheets
    "xc-statistics": "submissions/xc-statistics/依申请公开.xlsx",
    "xc-yuetan": "submissions/xc-yuetan.xlsx",  # the whole unit
}


def test_some_units_hand_their_records_in_as_workbooks(result: dict[str, Any]) -> None:
    assert (ROOT / "submissions" / "xc-yuetan.xlsx").is_file()
    assert _unit(result, "xc-yuetan")["source"]["path"] == "submissions/xc-yuetan.xlsx"
    for unit_id in ("xc-justice", "xc-statistics"):
        files = [f["path"] for f in _unit(result, unit_id)["source"]["files"]]
        assert files == [WORKBOOK_UNITS[unit_id]]


def _make_sample() -> Any:
    """scripts/make_sample.py as a module."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import make_sample
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    return make_sample


def test_a_unit_in_a_workbook_scores_as_the_same_unit_in_yaml(
    result: dict[str, Any], tmp_path: Path
) -> None:
    """The point of the workbooks: the same data scores the same, whatever it came in."""
    make_sample = _make_sample()
    folder = tmp_path / "submissions"
    for spec in (*make_sample.BUREAUS, *make_sample.STREETS):
        if spec.id in WORKBOOK_UNITS:
            (folder / spec.id).mkdir(parents=True)
            text = make_sample.dump_yaml(make_sample.build(spec))
            (folder / spec.id / "submission.yaml").write_text(text, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "evaluator", str(folder), "--format", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={"SOURCE_DATE_EPOCH": "0", "PATH": ""},
    )
    assert run.returncode == 0, run.stderr
    as_yaml = {u["id"]: u for u in json.loads(run.stdout)["units"]}
    assert set(as_yaml) == set(WORKBOOK_UNITS)
    for unit_id, unit in as_yaml.items():
        published = _unit(result, unit_id)
        for key in ("total", "dimensions", "indicators", "vetoed", "status"):
            assert published[key] == unit[key], (unit_id, key)


def _findings(result: dict[str, Any], unit_id: str, code: str) -> list[dict[str, Any]]:
    unit = _unit(result, unit_id)
    return [f for i in unit["indicators"] for f in i["findings"] if f["code"] == code]


@pytest.mark.parametrize(
    ("unit_id", "code", "record"),
    [
        # a check date the unit chose is shown, not used (its homepage veto stands)
        ("xc-commerce", "audit.checked_on", "website.checked_on"),
        # an answered copy of a late request, its id ending in a zero-width space
        ("xc-hrss", "integrity.duplicate_id", "2016-0006\u200b"),
        # a request received 2016-12-23, due 2017-01-16: judged in the 2017 run
        ("xc-justice", "requests.carried_over", "2016-YE01"),
        # lawful pauses, each the unit's claim; a 2008-era correction restarts nothing
        ("xc-civil-affairs", "audit.correction_2008", "2016-BZ01"),
        ("xc-civil-affairs", "audit.consultation", "2016-ZQ01"),
        # an extension with no date of notice adds nothing
        ("xc-civil-affairs", "requests.extension_unproven", "2016-GQ05"),
        # an incident before 国办发〔2016〕61号 had no hour limit
        ("xc-shichahai", "incidents.no_limit", "2016-YQ-01"),
        # a stale column the unit labelled "other", judged by its name as a notice column
        ("xc-statistics", "audit.column_name_kind", "通知公告"),
        # an incident classed 一般 that would fail the major limits: to verify (trusted)
        ("xc-housing", "audit.incident_level", "2016-YQ-01"),
        # a quarterly list with a quarter missing
        ("xc-shichahai", "key_area.periods_missing", "st-subsistence"),
    ],
)
def test_the_sample_shows_gaming_routes_closed_and_legal_edges(
    result: dict[str, Any], unit_id: str, code: str, record: str
) -> None:
    found = _findings(result, unit_id, code)
    assert found and any(record in f["records"] for f in found), (unit_id, code)


def test_the_scheme_trusts_the_units_classes_and_lists_each_with_its_stake(
    result: dict[str, Any],
) -> None:
    assert (result["scheme"]["self_claims"], result["scheme"]["self_claims_stated"]) == (
        "trusted",
        True,
    )
    # xc-housing's 2016-YQ-01, classed general, one of its incidents judged under the
    # small-count rule: refused, it would cost 4 of the indicator's 20 points
    [claim] = _findings(result, "xc-housing", "audit.incident_level")
    assert (claim["records"], claim["params"]["at_stake"], claim["deduction"]) == (
        ["2016-YQ-01"],
        4.0,
        None,
    )
    for unit in result["units"]:
        for ind in unit["indicators"]:
            for finding in ind["findings"]:
                assert not finding["code"].endswith("_unconfirmed"), (unit["id"], finding)


def test_the_2016_website_vetoes_are_the_censuss_whatever_the_19号_facts_say(
    result: dict[str, Any],
) -> None:
    # the evaluator found no working enquiry channel at xc-dashilan (criteria/facts.yaml):
    # a veto only from 2019 (国办秘函〔2019〕19号), not in the 2015 census the 2016 scheme uses
    dashilan = _unit(result, "xc-dashilan")
    assert not dashilan["vetoed"] and dashilan["grade"] == "合格"
    assert not [i for i in dashilan["indicators"] if i["id"] == "enquiry_channel"]
    # the census's 严重错误: checked for every unit (facts.yaml), nothing found
    for unit in result["units"]:
        [serious] = [i for i in unit["indicators"] if i["id"] == "serious_errors"]
        assert (serious["status"], serious["vetoed"], serious["findings"]) == ("ok", False, [])


def test_a_late_request_with_an_answered_copy_first_still_counts_late(
    result: dict[str, Any],
) -> None:
    late = {r for f in _findings(result, "xc-hrss", "requests.late") for r in f["records"]}
    assert "2016-0006" in late


def test_a_request_received_last_december_is_judged_in_the_year_it_settled(
    result: dict[str, Any],
) -> None:
    # 2015-1228, received 2015-12-28 and answered 2016-01-18 (due 01-19): on time in 2016
    unit = _unit(result, "xc-housing")
    named = {r for i in unit["indicators"] for f in i["findings"] for r in f["records"]}
    assert "2015-1228" not in named  # judged, on time, nothing to say


def test_the_readme_tells_how_the_new_dimensions_spread_the_former_tie(
    result: dict[str, Any],
) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    from make_sample import FORMER_TIE

    for uid, safeguards, decisions, responsiveness, total, rank, _ in FORMER_TIE:
        unit = _unit(result, uid)
        scores = {d["id"]: d["score"] for d in unit["dimensions"]}
        shown = [f"{scores['safeguards']:.2f}", "—", f"{scores['responsiveness']:.2f}"]
        if scores["decision_openness"] is not None:
            shown[1] = f"{scores['decision_openness']:.2f}"
        assert [safeguards, decisions, responsiveness] == shown, uid
        assert (total, rank) == (f"{unit['total']:.2f}", unit["rank"]), uid
    totals = {uid: total for uid, *_, total, _rank, _why in FORMER_TIE}
    assert len(set(totals.values())) == len(totals)  # the tie is gone
    text = (ROOT / "submissions" / "README.md").read_text(encoding="utf-8")
    assert "| xc-audit | 92.50 | 80.00 | 95.00 | 96.54 | 4 |" in text


def test_the_planted_decision_and_safeguard_cases_are_found(result: dict[str, Any]) -> None:
    def found(uid: str, indicator: str) -> list[str]:
        unit = _unit(result, uid)
        return [
            f["code"] for i in unit["indicators"] if i["id"] == indicator for f in i["findings"]
        ]

    assert found("xc-development-reform", "consultation") == ["decisions.comment_short"]
    short = next(
        f
        for i in _unit(result, "xc-development-reform")["indicators"]
        if i["id"] == "consultation"
        for f in i["findings"]
    )
    assert (short["params"]["days"], short["params"]["required"]) == (10, 30)
    assert found("xc-housing", "consultation") == ["audit.comment_shortened"]
    assert found("xc-commerce", "publication") == ["decisions.published_late"]
    assert found("xc-jinrongjie", "guide") == ["safeguards.not_updated"]
    assert found("xc-safety", "catalogue") == ["safeguards.not_found"]
    assert found("xc-culture", "office") == ["safeguards.no_office"]
    assert found("xc-yuetan", "guide") == ["audit.guide_unverified"]
