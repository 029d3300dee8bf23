"""Review decisions (复核, issue 22 items 1 and 3): read, applied in the engine, recorded, loud.

The sample is scored with a reviews folder written per test. The numbers are
checked by hand against the sample's figures:

- xc-civil-affairs ``synchronisation`` 20/25, one finding ``policy.not_synchronous``
  of 5 points; ``appeals`` 15/20, ``appeals.corrected`` of 5;
- its ``requests`` 35 × 171/178 (7 of 178 requests late: one merged
  ``requests.late`` finding of 7 records, each 35/178); two records restored
  give 35 × 173/178, their share exactly 35/89;
- xc-city-management's ``messages`` (25 points) vetoes with ``messages.unanswered``;
- xc-food-drug's ``incidents`` 20/20 with the claim ``audit.incident_level`` on
  2016-YQ-02 (general, as the unit says), 4 points at stake under ``trusted``.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from evaluator.testing import EvaluationFolder
from evaluator.testing._folder import Results

ROOT = Path(__file__).resolve().parents[1]
UNIT = "xc-civil-affairs"


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> EvaluationFolder:
    folder = EvaluationFolder(tmp_path_factory.mktemp("sample"))
    folder.copy(ROOT)
    return folder


@pytest.fixture(scope="module")
def base(sample: EvaluationFolder) -> Results:
    done = sample.run()
    assert done.status == 0, done.stderr
    return done


def decision(unit: str, indicator: str, code: str, choice: str, **more: Any) -> dict[str, Any]:
    return {
        "unit": unit,
        "indicator": indicator,
        "code": code,
        "decision": choice,
        "reason": "单位提供了证明材料",
        "reviewer": "张三",
        "decided_on": "2017-05-02",
        **more,
    }


def reviewed(
    sample: EvaluationFolder, tmp_path: Path, decisions: Sequence[Mapping[str, Any]], *args: str
) -> Results:
    folder = tmp_path / "reviews"
    folder.mkdir(exist_ok=True)
    text = yaml.safe_dump(list(decisions), allow_unicode=True, sort_keys=False)
    (folder / "decisions.yaml").write_text(text, encoding="utf-8")
    return sample.run("--reviews", str(folder), *args)


def unit(done: Results, unit_id: str) -> Mapping[str, Any]:
    return next(u for u in done.document["units"] if u["id"] == unit_id)


def indicator(done: Results, unit_id: str, indicator_id: str) -> Mapping[str, Any]:
    return next(i for i in unit(done, unit_id)["indicators"] if i["id"] == indicator_id)


def dimension(done: Results, unit_id: str, dimension_id: str) -> Mapping[str, Any]:
    return next(d for d in unit(done, unit_id)["dimensions"] if d["id"] == dimension_id)


def test_the_samples_figures_are_those_the_numbers_were_checked_on(base: Results) -> None:
    assert indicator(base, UNIT, "synchronisation")["points"] == 20.0
    assert indicator(base, UNIT, "appeals")["points"] == 15.0
    assert indicator(base, UNIT, "requests")["points"] == float(Fraction(35 * 171, 178))
    late = [
        f for f in indicator(base, UNIT, "requests")["findings"] if f["code"] == "requests.late"
    ]
    assert len(late) == 1 and len(late[0]["records"]) == 7
    assert unit(base, "xc-city-management")["vetoed"]
    assert indicator(base, "xc-food-drug", "incidents")["points"] == 20.0
    assert "reviews" not in base.document and "reviews" not in unit(base, UNIT)


def test_accepted_partly_and_rejected_decisions(
    sample: EvaluationFolder, base: Results, tmp_path: Path
) -> None:
    done = reviewed(
        sample,
        tmp_path,
        [
            decision(UNIT, "synchronisation", "policy.not_synchronous", "部分采纳", points=2.5),
            decision(UNIT, "appeals", "appeals.corrected", "accepted"),
            decision(UNIT, "availability", "availability.failures", "不采纳"),
        ],
    )
    assert done.status == 0, done.stderr
    assert indicator(done, UNIT, "synchronisation")["points"] == 22.5  # 20 + 2.5
    assert indicator(done, UNIT, "appeals")["points"] == 20.0  # 15 + 5
    assert indicator(done, UNIT, "availability") == indicator(base, UNIT, "availability")
    # the policy dimension: its indicators' points over their maximum, 2.5 points more
    policy = [
        i for i in unit(done, UNIT)["indicators"] if i["dimension"] == "policy_interpretation"
    ]
    earned = sum(Fraction(str(i["points"])) for i in policy)
    possible = sum(Fraction(str(i["max"])) for i in policy)
    shown = dimension(done, UNIT, "policy_interpretation")["score"]
    assert shown == float(round(100 * earned / possible, 2))
    assert shown > dimension(base, UNIT, "policy_interpretation")["score"]
    assert unit(done, UNIT)["total"] > unit(base, UNIT)["total"]
    records = unit(done, UNIT)["reviews"]
    assert [
        (r["indicator"], r["decision"], r["points"], r["before"], r["after"]) for r in records
    ] == [
        ("synchronisation", "partly", 2.5, 20.0, 22.5),
        ("appeals", "accepted", 5.0, 15.0, 20.0),
        ("availability", "rejected", 0.0, 13.0, 13.0),
    ]
    assert records[0]["reason"] == "单位提供了证明材料" and records[0]["reviewer"] == "张三"
    assert records[0]["decided_on"] == "2017-05-02" and records[0]["line"] == 1
    # the other units as scored, with no decision
    assert unit(done, "xc-finance")["reviews"] == []
    assert unit(done, "xc-finance")["indicators"] == unit(base, "xc-finance")["indicators"]


def test_naming_records_of_a_merged_finding_restores_their_exact_share(
    sample: EvaluationFolder, base: Results, tmp_path: Path
) -> None:
    late = next(
        f for f in indicator(base, UNIT, "requests")["findings"] if f["code"] == "requests.late"
    )
    named = late["records"][:2]
    scale = Fraction(late["share_scale"])
    # a record's share is its deduction times the scale (results keep both exactly)
    share = sum(Fraction(repr(d)) * scale for d in late["record_deductions"][:2])
    assert share == Fraction(35, 89)  # 2 of the 7 late requests of 178: 2 × 35/178
    done = reviewed(
        sample,
        tmp_path,
        [decision(UNIT, "requests", "requests.late", "采纳", records="、".join(named))],
    )
    assert done.status == 0, done.stderr
    assert indicator(done, UNIT, "requests")["points"] == float(Fraction(35 * 173, 178))
    (record,) = unit(done, UNIT)["reviews"]
    assert record["records"] == named
    assert record["points"] == 0.39  # 35/89 = 0.3932..., at the scheme's 2 decimals


def test_accepting_the_veto_finding_lifts_the_veto(
    sample: EvaluationFolder, base: Results, tmp_path: Path
) -> None:
    city = "xc-city-management"
    assert dimension(base, city, "website_timeliness")["status"] == "vetoed"
    done = reviewed(
        sample, tmp_path, [decision(city, "messages", "messages.unanswered", "accepted")]
    )
    assert done.status == 0, done.stderr
    assert not unit(done, city)["vetoed"]
    messages = indicator(done, city, "messages")
    assert not messages["vetoed"] and messages["points"] == 25.0  # it had lost all its 25
    assert dimension(done, city, "website_timeliness")["status"] == "scored"
    assert unit(done, city)["rank"] < unit(base, city)["rank"]
    # a rejected decision on it leaves the veto as it was
    again = reviewed(
        sample, tmp_path, [decision(city, "messages", "messages.unanswered", "rejected")]
    )
    assert unit(again, city)["vetoed"] and unit(again, city)["total"] == unit(base, city)["total"]


def _strict(sample: EvaluationFolder, tmp_path: Path, confirm: bool) -> EvaluationFolder:
    """The sample under ``self_claims: strict``, confirming 2016-YQ-02 in the facts file or not."""
    folder = EvaluationFolder(tmp_path / ("confirmed" if confirm else "strict"))
    folder.copy(sample.path)
    scheme = folder.criteria / "scheme.yaml"
    text = scheme.read_text("utf-8")
    assert "\nself_claims: trusted\n" in text
    scheme.write_text(text.replace("\nself_claims: trusted\n", "\nself_claims: strict\n"), "utf-8")
    if confirm:
        facts = folder.criteria / "facts.yaml"
        text = facts.read_text("utf-8")
        assert "\n  xc-food-drug:\n" in text
        text = text.replace(
            "\n  xc-food-drug:\n", "\n  xc-food-drug:\n    confirmed_incidents: [2016-YQ-02]\n"
        )
        facts.write_text(text, "utf-8")
    return folder


def test_a_claim_confirmed_on_review_scores_as_the_facts_files_confirmation(
    sample: EvaluationFolder, tmp_path: Path
) -> None:
    food = "xc-food-drug"
    strict = _strict(sample, tmp_path, confirm=False)
    confirmed = _strict(sample, tmp_path, confirm=True).run()
    plain = strict.run()
    assert indicator(plain, food, "incidents")["points"] == 16.0  # 20 less the 4 at stake
    assert indicator(confirmed, food, "incidents")["points"] == 20.0
    done = reviewed(
        strict,
        tmp_path,
        [decision(food, "incidents", "audit.incident_level_unconfirmed", "采纳")],
    )
    assert done.status == 0, done.stderr
    assert indicator(done, food, "incidents") == indicator(confirmed, food, "incidents")
    assert unit(done, food)["total"] == unit(confirmed, food)["total"]
    (record,) = unit(done, food)["reviews"]
    assert (record["points"], record["before"], record["after"]) == (4.0, 16.0, 20.0)


def test_a_claim_refused_on_review_scores_its_stricter_class(
    sample: EvaluationFolder, base: Results, tmp_path: Path
) -> None:
    food = "xc-food-drug"
    done = reviewed(
        sample,
        tmp_path,
        [decision(food, "incidents", "audit.incident_level", "不采纳", records="2016-YQ-02")],
    )
    assert done.status == 0, done.stderr
    incidents = indicator(done, food, "incidents")
    assert incidents["points"] == 16.0  # 20 less the 4 the claim put at stake
    assert "audit.incident_level" not in {f["code"] for f in incidents["findings"]}
    strict = _strict(sample, tmp_path, confirm=False).run()
    assert incidents["points"] == indicator(strict, food, "incidents")["points"]
    (record,) = unit(done, food)["reviews"]
    assert (record["decision"], record["points"], record["after"]) == ("rejected", -4.0, 16.0)
    assert unit(done, food)["total"] < unit(base, food)["total"]


def test_restoring_more_than_was_lost_is_refused_loudly(
    sample: EvaluationFolder, base: Results, tmp_path: Path
) -> None:
    done = reviewed(
        sample,
        tmp_path,
        [
            decision(UNIT, "synchronisation", "policy.not_synchronous", "partly", points=5.01),
            decision(UNIT, "requests", "requests.late", "accepted", records="2016-0013,no-such"),
            decision(UNIT, "appeals", "appeals.corrected", "accepted"),
            decision(UNIT, "appeals", "appeals.corrected", "accepted"),
        ],
    )
    assert done.status == 1
    refused = [e for e in done.document["errors"] if e["code"] == "review.too_much"]
    assert [(e["line"], e["params"]["why"]) for e in refused] == [
        (1, "review.more_than_lost"),
        (24, "review.restored_twice"),
    ]
    # a record the finding does not name (now) is no typo of points: the decision is stale
    (gone,) = done.document["reviews"]["stale"]
    assert (gone["line"], gone["params"]["why"]) == (9, "review.records_gone")
    assert gone["params"]["named"] == ["no-such"]
    assert indicator(done, UNIT, "synchronisation") == indicator(base, UNIT, "synchronisation")
    assert indicator(done, UNIT, "requests") == indicator(base, UNIT, "requests")
    assert indicator(done, UNIT, "appeals")["points"] == 20.0  # the first one stands
    assert "review.too_much" in done.stderr or "more than the finding lost" in done.stderr
    # exactly what was lost is not too much
    exact = reviewed(
        sample,
        tmp_path,
        [decision(UNIT, "synchronisation", "policy.not_synchronous", "partly", points=5)],
    )
    assert exact.status == 0 and indicator(exact, UNIT, "synchronisation")["points"] == 25.0


def test_a_cost_the_engine_cannot_split_needs_the_points_to_restore(
    sample: EvaluationFolder, base: Results, tmp_path: Path
) -> None:
    # appeals.corrected names two records and costs 5 as one finding: not split by record
    (corrected,) = [
        f for f in indicator(base, UNIT, "appeals")["findings"] if f["code"] == "appeals.corrected"
    ]
    assert len(corrected["records"]) == 2 and "record_deductions" not in corrected
    one = corrected["records"][0]
    done = reviewed(
        sample,
        tmp_path,
        [
            decision(UNIT, "appeals", "appeals.corrected", "accepted", records=one),
            decision(UNIT, "requests", "audit.same_content", "accepted"),  # a note: nothing
        ],
    )
    assert done.status == 1
    (error,) = [e for e in done.document["errors"] if e["code"] == "review.no_share"]
    assert error["line"] == 1
    assert indicator(done, UNIT, "appeals") == indicator(base, UNIT, "appeals")
    assert indicator(done, UNIT, "requests") == indicator(base, UNIT, "requests")
    assert [r["points"] for r in unit(done, UNIT)["reviews"]] == [0.0]
    partly = reviewed(
        sample,
        tmp_path,
        [decision(UNIT, "appeals", "appeals.corrected", "partly", records=one, points=2)],
    )
    assert partly.status == 0, partly.stderr
    assert indicator(partly, UNIT, "appeals")["points"] == 17.0  # 15 + 2


@pytest.mark.parametrize(
    ("field", "value", "what"),
    [
        ("unit", "xc-nowhere", "word.unit"),
        ("indicator", "no_such", "word.indicator"),
        ("code", "requests.typo", "word.code"),
    ],
)
def test_an_unknown_unit_indicator_or_code_refuses_the_run_at_its_line(
    sample: EvaluationFolder, tmp_path: Path, field: str, value: str, what: str
) -> None:
    good = decision(UNIT, "appeals", "appeals.corrected", "accepted")
    done = reviewed(sample, tmp_path, [good, {**good, field: value}])
    assert done.status == 2 and not done.document
    assert re.search(r"decisions\.yaml:8(:\d+)?: ", done.stderr), done.stderr
    assert value in done.stderr


def test_a_stale_decision_is_listed_warned_and_exits_1(
    sample: EvaluationFolder, base: Results, tmp_path: Path
) -> None:
    done = reviewed(
        sample,
        tmp_path,
        [
            decision(UNIT, "appeals", "appeals.corrected", "accepted"),
            decision("xc-finance", "synchronisation", "policy.not_synchronous", "accepted"),
        ],
    )
    assert done.status == 1
    (stale,) = done.document["reviews"]["stale"]
    assert stale["code"] == "review.stale" and stale["line"] == 8
    assert stale["path"].endswith("decisions.yaml")
    assert stale["params"]["unit"] == "xc-finance"
    assert stale["params"]["why"] == "review.no_finding"
    warned = [w for w in done.document["warnings"] if w["code"] == "review.stale"]
    assert len(warned) == 1 and "decisions.yaml:8" in warned[0]["message"]
    assert "decisions.yaml:8" in done.stderr
    assert unit(done, "xc-finance")["total"] == unit(base, "xc-finance")["total"]
    assert indicator(done, UNIT, "appeals")["points"] == 20.0  # the others still apply


def test_unit_ids_match_without_regard_to_case(sample: EvaluationFolder, tmp_path: Path) -> None:
    decided = decision("XC-Civil-Affairs", "appeals", "appeals.corrected", "采纳")
    done = reviewed(sample, tmp_path, [{**decided, "decided_on": "2017.5.2"}])
    assert done.status == 0, done.stderr
    assert indicator(done, UNIT, "appeals")["points"] == 20.0
    assert unit(done, UNIT)["reviews"][0]["decided_on"] == "2017-05-02"  # as a cell reads it


HEADERS = [
    "单位编号",
    "指标编号",
    "问题代码",
    "涉及记录",
    "复核结论",
    "调整分值",
    "理由",
    "复核人",
    "复核日期",
    "备注",
]
ROWS = [
    [
        UNIT,
        "synchronisation",
        "policy.not_synchronous",
        "",
        "部分采纳",
        "2.5",
        "有证明",
        "李四",
        "2017.5.2",
        "内部备注",
    ],
    [
        UNIT,
        "requests",
        "requests.late",
        "2016-0013、2016-0042",
        "采纳",
        "",
        "有证明",
        "李四",
        "2017-05-02",
        "",
    ],
]


def _expect_csv_or_workbook(done: Results) -> None:
    assert done.status == 0, done.stderr
    assert indicator(done, UNIT, "synchronisation")["points"] == 22.5
    assert indicator(done, UNIT, "requests")["points"] == float(Fraction(35 * 173, 178))
    dates = [r["decided_on"] for r in unit(done, UNIT)["reviews"]]
    assert dates == ["2017-05-02", "2017-05-02"]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """An empty reviews folder."""
    made = tmp_path / "reviews"
    made.mkdir()
    return made


def test_a_csv_file_with_chinese_headers_a_title_row_and_a_bom(
    sample: EvaluationFolder, folder: Path
) -> None:
    lines = ["2016年度复核决定", ",".join(HEADERS), *(",".join(row) for row in ROWS)]
    (folder / "复核.csv").write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8"))
    done = sample.run("--reviews", str(folder))
    _expect_csv_or_workbook(done)
    assert [r["line"] for r in unit(done, UNIT)["reviews"]] == [3, 4]


def test_a_workbook_with_chinese_headers_and_a_title_row(
    sample: EvaluationFolder, folder: Path
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "复核"
    sheet.append(["西城区2016年度政务公开评估复核决定"])
    sheet.append(HEADERS)
    for row in ROWS:
        sheet.append([2.5 if cell == "2.5" else cell for cell in row])
    book.save(folder / "复核.xlsx")
    done = sample.run("--reviews", str(folder))
    _expect_csv_or_workbook(done)
    assert [r["line"] for r in unit(done, UNIT)["reviews"]] == [3, 4]


def test_a_bad_cell_refuses_the_run_located_by_file_line_and_field(
    sample: EvaluationFolder, folder: Path, tmp_path: Path
) -> None:
    lines = [",".join(HEADERS), ",".join(ROWS[0]).replace("部分采纳", "也许")]
    (folder / "a.csv").write_text("\n".join(lines), encoding="utf-8")
    done = sample.run("--reviews", str(folder))
    assert done.status == 2
    assert re.search(r"a\.csv:2:5: ", done.stderr), done.stderr  # the 5th column: 复核结论
    # a partly decision without its points, in YAML: at its line
    done = reviewed(
        sample, tmp_path, [decision(UNIT, "synchronisation", "policy.not_synchronous", "partly")]
    )
    assert done.status == 2 and re.search(r"decisions\.yaml:1(:\d+)?: ", done.stderr)


def test_the_folders_sha256_is_that_of_its_sorted_files(
    sample: EvaluationFolder, folder: Path
) -> None:
    one = yaml.safe_dump([decision(UNIT, "appeals", "appeals.corrected", "accepted")])
    two = yaml.safe_dump([decision(UNIT, "synchronisation", "policy.not_synchronous", "rejected")])
    (folder / "b.yaml").write_text(one, encoding="utf-8")
    (folder / "a.yaml").write_text(two, encoding="utf-8")
    (folder / "~$a.xlsx").write_bytes(b"an open workbook's lock file")
    done = sample.run("--reviews", str(folder))
    assert done.status == 0, done.stderr
    files = sorted(
        (name, hashlib.sha256((folder / name).read_bytes()).hexdigest())
        for name in ("a.yaml", "b.yaml")
    )
    text = "".join(f"{name}\t{digest}\n" for name, digest in files)
    record = done.document["reviews"]
    assert record["files"] == [{"name": n, "sha256": d} for n, d in files]
    assert record["sha256"] == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert record["stale"] == []


def test_a_reviews_folder_beside_the_criteria_is_found(
    sample: EvaluationFolder, tmp_path: Path
) -> None:
    folder = EvaluationFolder(tmp_path / "beside")
    folder.copy(sample.path)
    folder.write("reviews/r.yaml", [decision(UNIT, "appeals", "appeals.corrected", "accepted")])
    done = folder.run()
    assert done.status == 0, done.stderr
    assert indicator(done, UNIT, "appeals")["points"] == 20.0
    assert done.document["reviews"]["path"] == "reviews"


def test_workers_give_the_same_results_with_reviews(
    sample: EvaluationFolder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1500000000")
    decisions = [
        decision(UNIT, "requests", "requests.late", "accepted", records="2016-0013"),
        decision("xc-city-management", "messages", "messages.unanswered", "accepted"),
        decision("xc-food-drug", "incidents", "audit.incident_level", "rejected"),
    ]
    one = reviewed(sample, tmp_path, decisions, "--jobs", "1")
    two = reviewed(sample, tmp_path, decisions, "--jobs", "2")
    assert one.status == 0, one.stderr
    assert json.dumps(one.document, sort_keys=True) == json.dumps(two.document, sort_keys=True)
    assert sum(len(u["reviews"]) for u in two.document["units"]) == 3


def test_the_schema_of_a_decisions_file(sample: EvaluationFolder) -> None:
    done = sample.cli("schema", "reviews")
    assert done.status == 0
    schema = json.loads(done.stdout)
    row = schema["items"]
    assert {"unit", "indicator", "code", "decision", "reason", "reviewer"} <= set(row["required"])
    assert row["properties"]["decision"]["x-enum-titles"]["partly"] == "部分采纳"
    assert row["properties"]["decided_on"]["title"] == "复核日期"
