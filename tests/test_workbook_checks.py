"""The checks before the reader: what they count agrees with what calamine builds, at the limits.

Each tricky layout is read by calamine itself (small, so safe) and by the
checks: the grid the checks count from ``A1`` must reach at least as far as
calamine's last cell, for cells with and without ``r``, prefixed elements,
comments, CDATA and quoted attributes holding markup. The limits are tested
at their edges, so that a ``<`` turned into ``<=`` fails here.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from hostile_workbooks import HEADER, _label, _number, _record, ods, xls, xlsx
from python_calamine import CalamineWorkbook

from evaluator._inputs.sheet_limits import (
    MAX_SHEET_CELLS,
    MAX_STRING,
    SheetCount,
    Tally,
)
from evaluator._inputs.workbook_checks import inspect_workbook
from evaluator._reading.files import FileProblem

LAYOUTS = {
    "explicit": '<row r="2"><c r="C2"><v>1</v></c></row>',
    "rows and cells without r": (
        "<row><c><v>1</v></c><c><v>1</v></c></row><row/><row><c/><c><v>2</v></c></row>"
    ),
    "a row with r, cells without": (
        '<row r="7"><c><v>1</v></c><c r="E7"><v>1</v></c><c><v>1</v></c></row>'
    ),
    "r not first": '<row><c s="0" r="D9"><v>1</v></c></row>',
    "cells outside rows": "<c><v>1</v></c><c><v>1</v></c><c><v>1</v></c>",
    "prefixed": '<x:row xmlns:x="urn:x"><x:c><x:v>1</x:v></x:c><x:c><x:v>2</x:v></x:c></x:row>',
    "a row end in a comment": (
        "<row><c><v>1</v></c><!-- </row> --><c><v>1</v></c><c><v>1</v></c></row>"
    ),
    "a row end in CDATA": "<row><c><v>1</v></c><![CDATA[</row>]]><c><v>1</v></c></row>",
    "a row end in an attribute": '<row><c><v>1</v></c><x a="</row>"/><c><v>1</v></c></row>',
    "markup in a cell's attribute": (
        '<row><c><v>1</v></c><c s="</row>" t="n"><v>1</v></c><c><v>1</v></c></row>'
    ),
    "a far cell after quoted markup": '<row><c s=">" r="F11"><v>1</v></c></row>',
    "r written twice": '<row><c r="B2" s="0" t="n" r="H9"><v>1</v></c><c><v>1</v></c></row>',
    "a row set back": (
        '<row r="30"><c><v>1</v></c></row><row r="2"><c><v>1</v></c><c><v>1</v></c></row>'
    ),
}


def _calamine_end(data: bytes) -> tuple[int, int]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    end = book.get_sheet_by_name("任务").end
    assert end is not None
    return end[0] + 1, end[1] + 1


def _counted(data: bytes) -> SheetCount:
    counted: list[SheetCount] = []

    class Keep(Tally):
        def add(self, sheet: SheetCount) -> None:
            counted.append(sheet)
            super().add(sheet)

    import evaluator._inputs.workbook_checks as zipped
    import evaluator._inputs.xls_checks as compound

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(zipped, "Tally", Keep)
        patch.setattr(compound, "Tally", Keep)
        inspect_workbook(data, 64 << 20)
    (sheet,) = counted
    return sheet


@pytest.mark.parametrize("layout", LAYOUTS, ids=list(LAYOUTS))
def test_the_grid_counted_reaches_as_far_as_calamines(layout: str) -> None:
    data = xlsx({"任务": LAYOUTS[layout]})
    rows, columns = _calamine_end(data)
    sheet = _counted(data)
    assert sheet.rows >= rows and sheet.columns >= columns, (sheet, rows, columns)


def test_cells_without_r_are_placed_exactly_where_the_reader_puts_them() -> None:
    data = xlsx({"任务": LAYOUTS["a row with r, cells without"]})
    sheet = _counted(data)
    assert (sheet.rows, sheet.columns) == _calamine_end(data) == (7, 6)


def test_a_grid_of_exactly_the_limit_passes_and_one_more_cell_is_refused() -> None:
    tally = Tally(64 << 20)
    tally.add(SheetCount("a", rows=MAX_SHEET_CELLS // 10, columns=10))
    with pytest.raises(FileProblem) as info:
        tally.add(SheetCount("b", rows=1, columns=1))
    assert info.value.code == "sheet.too_many_cells"
    assert info.value.params["cells"] == MAX_SHEET_CELLS + 1
    assert info.value.params["sheet"] == "b"


def test_copied_text_of_exactly_the_budget_passes_and_one_more_is_refused() -> None:
    tally = Tally(1000)
    tally.add(SheetCount("a", strings=4000))
    with pytest.raises(FileProblem) as info:
        tally.add(SheetCount("b", strings=1))
    assert (info.value.code, info.value.params["size"]) == ("sheet.strings_too_large", 4001)


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("字" * MAX_STRING, MAX_STRING),
        ("字" * (MAX_STRING + 1), MAX_STRING + 1),
        ("&amp;" + "x" * (MAX_STRING - 1), MAX_STRING),  # "&" written as five characters
        ("&amp;" + "x" * MAX_STRING, MAX_STRING + 1),
    ],
)
def test_a_shared_string_may_be_as_long_as_an_excel_cell_and_no_longer(
    text: str, length: int
) -> None:
    data = xlsx({"任务": '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'}, shared=(text,))
    if length <= MAX_STRING:
        assert inspect_workbook(data, 64 << 20).kind == "xlsx"
        return
    with pytest.raises(FileProblem) as info:
        inspect_workbook(data, 64 << 20)
    assert (info.value.code, info.value.params["length"]) == ("sheet.string_too_long", length)


def test_a_shared_string_named_by_more_cells_than_the_budget_allows_is_refused() -> None:
    cells = "".join(f'<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>' for r in range(1, 101))
    data = xlsx({"任务": cells}, shared=("x" * 1000,))
    assert inspect_workbook(data, 25_000).kind == "xlsx"  # 100 × 1,000 = 4 × 25,000
    with pytest.raises(FileProblem) as info:
        inspect_workbook(data, 24_999)
    assert info.value.code == "sheet.strings_too_large"


def test_ods_repeats_are_multiplied_out_and_trailing_empty_ones_are_not() -> None:
    def table(rows: int, columns: int) -> bytes:
        cell = (
            f'<table:table-cell table:number-columns-repeated="{columns}"'
            ' office:value-type="float" office:value="1"/>'
        )
        trailing = (
            '<table:table-row table:number-rows-repeated="1048000">'
            '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
        )
        row = f'<table:table-row table:number-rows-repeated="{rows}">{cell}</table:table-row>'
        return ods(f'<table:table table:name="任务">{row}{trailing}</table:table>')

    assert inspect_workbook(table(1000, 10_000), 64 << 20).kind == "ods"  # 10 M
    with pytest.raises(FileProblem) as info:
        inspect_workbook(table(1001, 10_000), 64 << 20)
    assert info.value.params["cells"] == 10_010_000
    data = table(3, 4)
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    assert book.get_sheet_by_name("任务").end == (2, 3)


def test_an_ods_note_that_never_closes_is_refused() -> None:
    cell = '<table:table-cell office:value-type="string"><office:annotation><text:p>x'
    data = ods(f'<table:table table:name="任务"><table:table-row>{cell}')
    with pytest.raises(FileProblem, match="never closes"):
        inspect_workbook(data, 64 << 20)


def test_ods_spaces_count_towards_a_cells_length() -> None:
    cell = (
        '<table:table-cell office:value-type="string">'
        '<text:p>a<text:s text:c="{n}"/></text:p></table:table-cell>'
    )
    for spaces, refused in [(MAX_STRING - 1, False), (MAX_STRING, True)]:
        row = "<table:table-row>" + cell.format(n=spaces) + "</table:table-row>"
        data = ods(f'<table:table table:name="任务">{row}</table:table>')
        if not refused:
            assert inspect_workbook(data, 64 << 20).kind == "ods"
            continue
        with pytest.raises(FileProblem) as info:
            inspect_workbook(data, 64 << 20)
        assert info.value.code == "sheet.string_too_long"


def test_an_xls_is_counted_cell_by_cell_and_its_names_decoded() -> None:
    header = b"".join(_label(0, c, t) for c, t in enumerate(("id", "due_on", "done_on")))
    data = xls(header + _number(99, 9, 1.0))
    sheet = _counted(data)
    assert (sheet.name, sheet.rows, sheet.columns) == ("任务", 100, 10)
    formula = _record(0x0006, bytes(4) + bytes(16) + b"\x03\x00\x44\x00\x00")
    assert inspect_workbook(xls(header + formula), 64 << 20).formulas == {"任务": (("A1",), 1)}


def test_an_xlsb_and_a_zip_with_two_parts_of_one_name_are_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as book:
        book.writestr("xl/workbook.bin", b"")
    with pytest.raises(FileProblem, match="xlsb"):
        inspect_workbook(out.getvalue(), 64 << 20)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as book:
        book.writestr("xl/sharedStrings.xml", b"<sst/>")
        book.writestr("XL/SharedStrings.xml", b"<sst/>")
    with pytest.raises(FileProblem, match="same name"):
        inspect_workbook(out.getvalue(), 64 << 20)


def test_formulas_are_named_up_to_ten_and_all_counted() -> None:
    rows = "".join(f'<row r="{r}"><c r="B{r}"><f>1+1</f><v>2</v></c></row>' for r in range(1, 13))
    assert inspect_workbook(xlsx({"任务": rows}), 64 << 20).formulas == {
        "任务": (tuple(f"B{r}" for r in range(1, 11)), 12)
    }
    walked = rows.replace(' r="B', ' s="0" r="B')  # r not first: walked cell by cell
    assert inspect_workbook(xlsx({"任务": walked}), 64 << 20).formulas == {
        "任务": (tuple(f"B{r}" for r in range(1, 11)), 12)
    }


def test_the_header_of_the_generated_workbooks_is_the_mini_task_list() -> None:
    assert HEADER == ("任务编号", "截止日期", "完成日期")
