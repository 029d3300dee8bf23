"""Each hook, end to end: a plugin implementing it, a whole run, what the run shows.

The runs use the testing kit's ``evaluation_folder`` fixture (evaluator's own
pytest plugin), installed plugins left out so that only the plugin under
test is loaded.
"""

from __future__ import annotations

import json
import textwrap

from evaluator.testing import EvaluationFolder

PLUGIN = """\
from fractions import Fraction

from evaluator import Fact, Finding, Outcome, ReadFigure, ReportReading, Section, hookimpl, scorer
from evaluator.section_schema import COUNT, DATE, params, record_schema


@scorer("tally.rate", section="tally", params=params({"floor": COUNT}, {"floor": 1}))
def rate(ctx):
    done, due = ctx.data["done"], ctx.data["due"]
    audited = ctx.facts.get("audited_on")
    if audited and ctx.data.get("closed_on", ctx.as_of) > audited:
        return Outcome(0, (Finding("tally.after_audit", params={"on": audited}),))
    if done >= due:
        return Outcome(Fraction(ctx.max_points))
    values = {"done": done, "due": due}
    finding = Finding("tally.short", records=("tally",), deduction=1, params=values)
    return Outcome(Fraction(ctx.max_points) * done / due, (finding,))


@hookimpl
def register_scorers():
    return [rate]


@hookimpl
def register_sections():
    fields = {
        "done": {**COUNT, "title": "完成数"},
        "due": {**COUNT, "title": "应完成数"},
        "closed_on": {**DATE, "title": "结账日期"},
    }
    return [Section("tally", record_schema(fields, required=["done", "due"]), title="台账")]


@hookimpl
def register_messages():
    return {
        "tally.short": {"zh": "完成{done}件，应完成{due}件", "en": "{done} done of {due}"},
        "tally.after_audit": {"zh": "结账晚于审计日{on}", "en": "closed after the audit on {on}"},
    }


@hookimpl
def register_facts():
    return [Fact("audited_on", DATE, title="审计日期")]


@hookimpl
def read_published_report(path, year, kind):
    figures = (ReadFigure("done", 3, "台账", "完成数", "第1段"),)
    short = Finding("tally.short", params={"done": 3, "due": 4})
    return ReportReading(path, "tally_format", year or 2016, figures, (short,))
"""


def evaluation(folder: EvaluationFolder, **tally: object) -> EvaluationFolder:
    folder.plugin("tally", textwrap.dedent(PLUGIN))
    folder.dimension(
        "work", [{"id": "tally", "name": "台账", "scorer": "tally.rate", "points": 10}]
    )
    folder.unit("b-one", {"tally": {"done": 3, "due": 4, **tally}})
    return folder


def test_hook_register_scorers(evaluation_folder: EvaluationFolder) -> None:
    results = evaluation(evaluation_folder).run(entry_points=False)
    assert results.status == 0, results.stderr
    assert results.indicator("b-one", "tally")["points"] == 7.5
    assert evaluation_folder.cli("plugins", "--no-entry-points").stdout.count("tally.rate") == 1


def test_hook_register_sections(evaluation_folder: EvaluationFolder) -> None:
    evaluation(evaluation_folder, dne=3)
    results = evaluation_folder.run(entry_points=False)
    assert results.status == 1
    (error,) = results.errors
    assert (error["code"], error["params"]["field"]) == ("schema.unknown_field", "dne")
    schema = evaluation_folder.cli("schema", "submission", "--no-entry-points").stdout
    assert '"title": "应完成数"' in schema


def test_hook_register_messages(evaluation_folder: EvaluationFolder) -> None:
    evaluation(evaluation_folder)
    finding = evaluation_folder.run(entry_points=False).indicator("b-one", "tally")["findings"][0]
    assert (finding["code"], finding["message"]) == ("tally.short", "3 done of 4")
    zh = evaluation_folder.run(lang="zh", entry_points=False).indicator("b-one", "tally")
    assert zh["findings"][0]["message"] == "完成3件，应完成4件"


def test_hook_register_facts(evaluation_folder: EvaluationFolder) -> None:
    evaluation(evaluation_folder, closed_on="2016-12-31")
    evaluation_folder.write(
        "criteria/facts.yaml", {"units": {"b-one": {"audited_on": "2016-12-20"}}}
    )
    results = evaluation_folder.run(entry_points=False)
    assert results.codes("b-one", "tally") == ["tally.after_audit"]
    evaluation_folder.write("criteria/facts.yaml", {"units": {"b-one": {"audited": "2016-12-20"}}})
    assert evaluation_folder.run(entry_points=False).status == 2


EVIDENCE_PLUGIN = """\
from evaluator import EvidenceList, Finding, Outcome, hookimpl, scorer
from evaluator.section_schema import DATE, ID, record_schema


@scorer("visits.count", codes=("visits.none", "visits.seen"))
def count(ctx):
    rows = ctx.evidence.records("visits")
    if rows is None:
        return Outcome(0, (Finding("visits.none"),))
    days = [str(row["day"]) for row in rows]
    return Outcome(len(rows), (Finding("visits.seen", params={"days": days}),))


@hookimpl
def register_scorers():
    return [count]


@hookimpl
def register_evidence():
    fields = {"unit": {**ID, "title": "单位编号"}, "day": {**DATE, "title": "日期"}}
    return [EvidenceList("visits", record_schema(fields, ["unit", "day"]), title="走访")]


@hookimpl
def register_messages():
    return {
        "visits.none": {"zh": "无走访记录", "en": "no visits file"},
        "visits.seen": {"zh": "走访：{days}", "en": "visits: {days}"},
    }
"""


def _visits(folder: EvaluationFolder) -> EvaluationFolder:
    folder.plugin("visits", EVIDENCE_PLUGIN)
    folder.dimension(
        "work", [{"id": "visits", "name": "走访", "scorer": "visits.count", "points": 10}]
    )
    folder.unit("b-one", {})
    folder.unit("b-two", {})
    return folder


def test_hook_register_evidence(evaluation_folder: EvaluationFolder) -> None:
    _visits(evaluation_folder)
    assert evaluation_folder.run(entry_points=False).codes("b-one", "visits") == ["visits.none"]
    evaluation_folder.write(
        "evidence/visits.csv",
        "单位编号,日期,备注\nB-ONE,2016-05-03,内部\nb-one,2016/6/1,\nb-nine,2016-01-01,\n",
    )
    results = evaluation_folder.run(entry_points=False)
    one, two = results.indicator("b-one", "visits"), results.indicator("b-two", "visits")
    assert (one["points"], one["findings"][0]["params"]["days"]) == (
        2,
        ["2016-05-03", "2016-06-01"],
    )
    assert (two["points"], two["findings"][0]["params"]["days"]) == (0, [])
    unknown = [w for w in results.warnings if w["code"] == "run.evidence_unknown_unit"]
    assert [w["params"]["id"] for w in unknown] == ["b-nine"]
    assert "内部" not in json.dumps(results.document, ensure_ascii=False)
    schema = json.loads(evaluation_folder.cli("schema", "evidence", "--no-entry-points").stdout)
    assert schema["properties"]["visits"]["items"]["properties"]["day"]["title"] == "日期"


def test_a_bad_cell_of_an_evidence_list_refuses_the_run_naming_file_line_and_field(
    evaluation_folder: EvaluationFolder,
) -> None:
    _visits(evaluation_folder)
    evaluation_folder.write(
        "evidence/visits.csv", "单位编号,日期\nb-one,2016-05-03\nb-two,03/05/2016\n"
    )
    done = evaluation_folder.cli("submissions", "--no-entry-points", "--lang", "en")
    assert done.status == 2
    assert "visits.csv:3" in done.stderr and "日期" in done.stderr, done.stderr


def test_an_evidence_list_given_both_as_csv_and_workbook_is_refused(
    evaluation_folder: EvaluationFolder,
) -> None:
    _visits(evaluation_folder)
    evaluation_folder.write("evidence/visits.csv", "单位编号,日期\nb-one,2016-05-03\n")
    evaluation_folder.write("evidence/visits.xlsx", "not a workbook")
    done = evaluation_folder.cli("submissions", "--no-entry-points", "--lang", "en")
    assert done.status == 2
    assert "visits.csv" in done.stderr and "visits.xlsx" in done.stderr, done.stderr


def test_hook_read_published_report(evaluation_folder: EvaluationFolder) -> None:
    evaluation(evaluation_folder)
    run = evaluation_folder.cli("annual-report", "r.txt", "--format", "json", "--no-entry-points")
    assert run.status == 1, run.stderr  # a finding: a break
    assert json.loads(run.stdout) == {
        "document": "r.txt",
        "format": "tally_format",
        "year": 2016,
        "figures": {"done": 3},
        "findings": [
            {
                "code": "tally.short",
                "records": [],
                "message": "完成3件，应完成4件",  # worded with the plugin's texts
                "params": {"done": 3, "due": 4},
            }
        ],
    }
    text = evaluation_folder.cli("annual-report", "r.txt", "--no-entry-points", "--lang", "en")
    assert "完成数  done = 3  (第1段)" in text.stdout and "3 done of 4" in text.stdout
