"""The reviewer's workbook: ``evaluate template --reviews --from RESULTS.json -o 复核.xlsx``.

One row per published finding that cost points, and per claim to verify (an
``audit.`` finding with ``at_stake``), each with its unit, indicator, code,
records and deduction filled in, and the decision columns empty: 复核结论 (a
dropdown of 采纳/部分采纳/不采纳), 调整分值, 理由, 复核人, 复核日期 (a date).
Headers are the reviews' Chinese headers (contract v3, "Reviews"), in row 2
under a title row naming the results file and its sha256; the columns that
only help the reviewer read (the unit's and indicator's names, the finding's
text) start with ``#``, which the reader never reads, and 扣分 is read as the
published deduction and not used. A row left undecided is skipped, so the
reviewer fills in only the rows contested. Saved in the reviews folder, it is
a decisions file.

The results file is read as ``--baseline`` reads one (:func:`.baseline.read_results`:
nesting, finite numbers, a units list), keeping the findings that cost points
or put points at stake.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from evaluator._core.model import Message
from evaluator._core.problems import Refusal
from evaluator._reports.cells import at_stake, cost
from evaluator._reports.escaping import spreadsheet_cell

if TYPE_CHECKING:  # the command line imports this module for its options: openpyxl waits
    from openpyxl import Workbook

__all__ = [
    "COLUMNS",
    "SHEET",
    "add_options",
    "contested_rows",
    "review_workbook",
    "write_review_template",
]

SHEET = "复核"
"""The sheet of decisions (the first, which the reader reads)."""
SOURCE_SHEET = "#来源"
"""The sheet naming the results file the rows come from (``#``: never read)."""
COLUMNS = (
    ("单位编号", 16),
    ("#单位名称", 22),
    ("指标编号", 16),
    ("#指标名称", 24),
    ("问题代码", 26),
    ("涉及记录", 26),
    ("扣分", 8),
    ("#问题", 60),
    ("复核结论", 12),
    ("调整分值", 10),
    ("理由", 40),
    ("复核人", 12),
    ("复核日期", 13),
)
"""The columns, headed as the reader takes them (``#``: for reading only), with widths."""
RECORDS_LIMIT = 32_000
"""Longest records cell: beyond it the cell is left empty, which means all of the finding's
records (a cut list would name only some)."""
_REQUIRED = ("单位编号", "指标编号", "问题代码", "复核结论", "理由", "复核人")
_HEADER_COLOUR, _DECIDE_COLOUR = "DDEBF7", "FFF2CC"
_FIRST_ROW = 3


def add_options(add: Callable[..., Any]) -> None:
    """``evaluate template``'s options for the reviewer's workbook, added with ``add``."""
    # fmt: off
    add("--reviews", dest="reviews_book", action="store_true",
        help="write the reviewer's workbook of decisions (复核) instead: a row per finding "
        "that cost points in --from RESULTS.json, the decision columns empty")
    add("--from", dest="results", metavar="RESULTS.json",
        help="with --reviews: the results file (evaluate --format json) whose findings to list")
    # fmt: on


def _costs(finding: Mapping[str, Any]) -> bool:
    """Whether a published finding is one a unit may contest: it cost points, or it lists
    claims to verify with the points they put at stake."""
    return cost(finding) > 0 or at_stake(finding) is not None


def contested_rows(document: Mapping[str, Any]) -> Iterator[list[Any]]:
    """The rows of the reviewer's sheet, one per finding that cost points or puts points at
    stake, unit by unit in the results' order: id, name, indicator id and name, code,
    records (joined with 、), deduction (a claim's: none), the finding's text."""
    for unit in document["units"]:
        for indicator in unit.get("indicators") or ():
            for finding in indicator.get("findings") or ():
                if not _costs(finding):
                    continue
                records = "、".join(str(r) for r in finding.get("records") or ())
                stake = at_stake(finding)
                text = str(finding.get("message") or "")
                if stake is not None:
                    text = f"［待核实，涉及 {stake:g} 分］{text}"
                deduction = None if stake is not None else float(finding["deduction"])
                yield [
                    str(unit["id"]),
                    str(unit.get("name") or ""),
                    str(indicator["id"]),
                    str(indicator.get("name") or ""),
                    str(finding["code"]),
                    records if len(records) <= RECORDS_LIMIT else None,
                    deduction,
                    text,
                ]


def review_workbook(document: Mapping[str, Any], path: str, sha256: str) -> tuple[Workbook, int]:
    """The reviewer's workbook for the results ``document`` (read from ``path``, its digest
    ``sha256``), and how many finding rows it has."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    header_fill = PatternFill("solid", start_color=_HEADER_COLOUR, end_color=_HEADER_COLOUR)
    decide_fill = PatternFill("solid", start_color=_DECIDE_COLOUR, end_color=_DECIDE_COLOUR)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    note = (
        f"复核结论表：据评估结果 {path}（sha256 {sha256}）生成，每行一项扣分或待核实事项。"
        "只填写提出复核的行：复核结论（采纳/部分采纳/不采纳）、调整分值（部分采纳必填；"
        "采纳留空即恢复全部扣分）、理由、复核人、复核日期；未填结论的行不读取。"
        "涉及记录可删去部分记录，只对所列记录复核；以“#”开头的列不读取。"
        "填好后存入复核文件夹（reviews/）。"
    )
    sheet.cell(row=1, column=1, value=note).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    sheet.row_dimensions[1].height = 60
    for column, (title, width) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=2, column=column, value=title)
        cell.font = Font(bold=True, color="C00000" if title in _REQUIRED else None)
        cell.fill = header_fill
        sheet.column_dimensions[cell.column_letter].width = width
    count = 0
    for number, row in enumerate(contested_rows(document), start=_FIRST_ROW):
        for column, value in enumerate(row, start=1):
            if isinstance(value, str) and COLUMNS[column - 1][0].startswith("#"):
                value = spreadsheet_cell(value, 2000)  # shown only: made safe, never run
            if value is not None:
                cell = sheet.cell(row=number, column=column, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"  # what the reader reads back as written, never run

        for column in range(len(row) + 1, len(COLUMNS) + 1):
            sheet.cell(row=number, column=column).fill = decide_fill
        count += 1
    _validations(sheet, _FIRST_ROW + max(count, 1) - 1)
    sheet.freeze_panes = f"A{_FIRST_ROW}"
    source = book.create_sheet(SOURCE_SHEET)
    for number, (key, value) in enumerate(
        (
            ("评估结果文件", path),
            ("sha256", sha256),
            ("生成时间", str(document.get("generated_at") or "")),
            ("评估方案", str((document.get("scheme") or {}).get("name") or "")),
            ("扣分及待核实事项", str(count)),
        ),
        start=1,
    ):
        source.cell(row=number, column=1, value=key).font = Font(bold=True)
        source.cell(row=number, column=2, value=value)
    source.column_dimensions["A"].width = 18
    source.column_dimensions["B"].width = 80
    book.properties.creator = "evaluator"
    return book, count


def _validations(sheet: Any, last: int) -> None:
    """The decision columns' checks: a dropdown of the decisions, a non-negative number of
    points, a date."""
    from openpyxl.worksheet.datavalidation import DataValidation

    # the reader's decisions, by their Chinese names (imported here: its module loads
    # YAML and jsonschema, which `evaluate --help` never needs)
    from evaluator._inputs.reviews import DECISIONS

    column = {title: n for n, (title, _) in enumerate(COLUMNS, start=1)}
    letter = {title: sheet.cell(row=2, column=n).column_letter for title, n in column.items()}
    decision = DataValidation(
        type="list", formula1=f'"{",".join(DECISIONS.values())}"', allow_blank=True
    )
    decision.promptTitle, decision.prompt = "复核结论", "采纳、部分采纳或不采纳"
    decision.showInputMessage = True
    points = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0")
    points.allow_blank = True
    points.error = "调整分值为不小于0的数"
    date = DataValidation(type="date", operator="between", formula1="1", formula2="73050")
    date.allow_blank = True
    date.error = "请输入日期，如 2017-02-18"
    for validation, title in ((decision, "复核结论"), (points, "调整分值"), (date, "复核日期")):
        validation.showErrorMessage = title != "复核结论"  # 采纳 is also typed as accepted
        sheet.add_data_validation(validation)
        validation.add(f"{letter[title]}{_FIRST_ROW}:{letter[title]}{last}")
    for row in range(_FIRST_ROW, last + 1):
        sheet.cell(row=row, column=column["复核日期"]).number_format = "yyyy-mm-dd"


def write_review_template(path: str, results: str) -> Message:
    """Write to ``path``, atomically, the reviewer's workbook for the results file
    ``results``; what was written (``cli.review_template_written``). Refused when the
    results cannot be used (``cli.results_unusable``)."""
    from evaluator._reports.atomic import binary_output
    from evaluator._reports.baseline import BaselineError, read_results
    from evaluator._reports.xlsx import save_workbook

    try:
        document, sha256 = read_results(results, keep=_costs)
        book, count = review_workbook(document, results, sha256)
    except BaselineError as exc:
        raise Refusal(Message("cli.results_unusable", {"problem": str(exc)})) from None
    except (KeyError, TypeError, AttributeError, ValueError):
        problem = f"{results}: a unit, indicator or finding has no usable id, code or deduction"
        raise Refusal(Message("cli.results_unusable", {"problem": problem})) from None
    with binary_output(path, suffix=".xlsx") as stream:
        save_workbook(book, stream)
    params = {"output": path, "results": results, "sha256": sha256, "rows": count}
    return Message("cli.review_template_written", params)
