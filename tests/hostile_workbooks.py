"""Hostile workbooks made byte by byte, for the cases of ``tests/hostile/cases.yaml`` that say
``generate: {PATH: NAME}`` (:data:`GENERATORS`).

Each is small (a few kilobytes) and asks the reader for far more than it is:
a sheet whose last row holds 16,384 cells without an ``r`` attribute, a sheet
part stored where only the workbook's relationships say, an ``.xlsx`` saved
under an ``.xls`` name, a shared string copied into thousands of cells, an
OpenDocument cell repeated 9,999 × 10,000 times, ``.xls`` records announcing
more than they hold. The mini evaluation's task list (``任务``: 任务编号,
截止日期, 完成日期) heads each, so that only what is hostile about it is wrong.
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Callable, Mapping

__all__ = ["GENERATORS"]

HEADER = ("任务编号", "截止日期", "完成日期")
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _text_cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _header_row() -> str:
    cells = "".join(_text_cell(f"{c}1", t) for c, t in zip("ABC", HEADER, strict=True))
    return f'<row r="1">{cells}</row>'


def _task_row(row: int) -> str:
    cells = _text_cell(f"A{row}", f"T{row}") + _text_cell(f"B{row}", "2016-03-01")
    return f'<row r="{row}">{cells}</row>'


def xlsx(
    sheets: Mapping[str, str],
    *,
    shared: tuple[str, ...] | None = None,
    places: Mapping[str, str] | None = None,
    states: Mapping[str, str] | None = None,
) -> bytes:
    """A workbook of ``sheets`` (name: XML inside ``<sheetData>``), parts where ``places`` say."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/></Types>',
        )
        book.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{_RELS}"><Relationship Id="rId1" '
            f'Type="{_DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        entries, rels = [], []
        for number, (name, data) in enumerate(sheets.items(), 1):
            state = (states or {}).get(name)
            hidden = f' state="{state}"' if state else ""
            entries.append(f'<sheet name="{name}" sheetId="{number}"{hidden} r:id="rId{number}"/>')
            target = (places or {}).get(name, f"worksheets/sheet{number}.xml")
            rels.append(
                f'<Relationship Id="rId{number}" Type="{_DOC}/worksheet" Target="{target}"/>'
            )
            part = target[1:] if target.startswith("/") else f"xl/{target}"
            sheet = f'<worksheet xmlns="{_MAIN}"><sheetData>{data}</sheetData></worksheet>'
            book.writestr(part, sheet)
        if shared is not None:
            rels.append(
                f'<Relationship Id="rIdS" Type="{_DOC}/sharedStrings" Target="sharedStrings.xml"/>'
            )
            items = "".join(f"<si><t>{s}</t></si>" for s in shared)
            book.writestr("xl/sharedStrings.xml", f'<sst xmlns="{_MAIN}">{items}</sst>')
        listed = "".join(entries)
        book.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{_MAIN}" xmlns:r="{_DOC}"><sheets>{listed}</sheets></workbook>',
        )
        related = "".join(rels)
        book.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{_RELS}">{related}</Relationships>',
        )
    return out.getvalue()


def rows_without_r() -> bytes:
    """A header, then row 1,048,576 with 16,384 cells that carry no ``r``: 2 KB, 549 GB asked."""
    far = '<row r="1048576">' + "<c><v>1</v></c>" * 16_384 + "</row>"
    return xlsx({"任务": _header_row() + far})


def far_cells() -> str:
    return _header_row() + _task_row(2) + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'


def sheet_elsewhere() -> bytes:
    """The far cells in a sheet part the rels put outside ``xl/worksheets/``."""
    return xlsx({"任务": far_cells()}, places={"任务": "/data/任务.bin"})


def xlsx_named_xls() -> bytes:
    """The far cells in an ``.xlsx`` (to be saved under an ``.xls`` name)."""
    return xlsx({"任务": far_cells()})


def shared_string_bomb() -> bytes:
    """One 1,000,000-character shared string named by 3,000 cells: 27 KB, 3 GB of copies."""
    cells = "".join(f'<row r="{r}"><c r="C{r}" t="s"><v>0</v></c></row>' for r in range(2, 3002))
    return xlsx({"任务": _header_row() + cells}, shared=("x" * 1_000_000,))


def shared_string_copies() -> bytes:
    """A 30,000-character shared string (within Excel's limit) named by 10,000 cells."""
    cells = "".join(f'<row r="{r}"><c r="C{r}" t="s"><v>0</v></c></row>' for r in range(2, 10_002))
    return xlsx({"任务": _header_row() + cells}, shared=("x" * 30_000,))


def very_hidden_first() -> bytes:
    """A ``veryHidden`` first sheet holding other tasks (one with a bad date) than the visible."""
    bad = f'<row r="3">{_text_cell("A3", "T3")}{_text_cell("B3", "不是日期")}</row>'
    return xlsx(
        {"隐藏": _header_row() + _task_row(2) + bad, "任务": _header_row() + _task_row(2)},
        states={"隐藏": "veryHidden"},
    )


def hidden_named() -> bytes:
    """The task sheet itself hidden (``hidden``)."""
    return xlsx({"任务": _header_row() + _task_row(2)}, states={"任务": "hidden"})


def unit_with_hidden_tasks() -> bytes:
    """A whole-unit workbook (单位 and 任务) whose task sheet is hidden and holds a formula."""
    unit = "".join(
        f'<row r="{r}">{_text_cell(f"A{r}", label)}{_text_cell(f"B{r}", value)}</row>'
        for r, (label, value) in enumerate(
            [("单位编号", "u-1"), ("单位名称", "测试局"), ("单位类型", "部门")], 1
        )
    )
    formula = '<c r="A2" t="str"><f>"T"&amp;1</f><v>T1</v></c>'
    tasks = _header_row() + f'<row r="2">{formula}{_text_cell("B2", "2016-03-01")}</row>'
    return xlsx({"单位": unit, "任务": tasks}, states={"任务": "hidden"})


def formula_cells() -> bytes:
    """A task list whose completion dates are formulas (their saved values would be read)."""
    rows = "".join(
        f'<row r="{r}">{_text_cell(f"A{r}", f"T{r}")}{_text_cell(f"B{r}", "2016-03-01")}'
        f'<c r="C{r}" t="str"><f>B{r}</f><v>2016-03-01</v></c></row>'
        for r in range(2, 15)
    )
    return xlsx({"任务": _header_row() + rows})


def ods(content: str) -> bytes:
    """An OpenDocument spreadsheet whose ``office:body`` holds ``content``."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        book.writestr(
            "META-INF/manifest.xml",
            "<manifest:manifest"
            ' xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
            '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/'
            'vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>',
        )
        book.writestr(
            "content.xml",
            "<office:document-content"
            ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
            ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
            ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
            f"<office:body><office:spreadsheet>{content}</office:spreadsheet></office:body>"
            "</office:document-content>",
        )
    return out.getvalue()


def _ods_text(text: str) -> str:
    paragraph = f"<text:p>{text}</text:p>"
    return f'<table:table-cell office:value-type="string">{paragraph}</table:table-cell>'


def ods_repeats() -> bytes:
    """One cell repeated 9,999 columns × 10,000 rows: 1 KB, 5 GB asked (the reader's cap: 100 M)."""
    header = "<table:table-row>" + "".join(_ods_text(t) for t in HEADER) + "</table:table-row>"
    far = (
        '<table:table-row table:number-rows-repeated="10000">'
        '<table:table-cell table:number-columns-repeated="9999" office:value-type="float" '
        'office:value="1"/></table:table-row>'
    )
    return ods(f'<table:table table:name="任务">{header}{far}</table:table>')


def ods_never_closed() -> bytes:
    """A table that never closes: the reader would loop for ever looking for its end."""
    header = "<table:table-row>" + "".join(_ods_text(t) for t in HEADER) + "</table:table-row>"
    return ods(f'<table:table table:name="任务">{header}')


# ---------------------------------------------------------------- .xls (BIFF8 in a compound file)


def _record(kind: int, data: bytes) -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def _bof(kind: int) -> bytes:
    return _record(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0, 0, 0, 0))


def xls(cells: bytes, name: str = "任务") -> bytes:
    """An ``.xls`` of one sheet ``name`` whose records (after its BOF) are ``cells``."""
    encoded = name.encode("utf-16-le")
    sheet_at_placeholder = 0
    bound = struct.pack("<IBB", sheet_at_placeholder, 0, 0) + bytes([len(name), 1]) + encoded
    workbook = _bof(0x0005) + _record(0x0085, bound) + _record(0x000A, b"")
    at = len(workbook)
    bound = struct.pack("<IBB", at, 0, 0) + bytes([len(name), 1]) + encoded
    workbook = _bof(0x0005) + _record(0x0085, bound) + _record(0x000A, b"")
    stream = workbook + _bof(0x0010) + cells + _record(0x000A, b"")
    stream = stream.ljust(max(4096, -(-len(stream) // 512) * 512), b"\0")
    return _compound(stream)


def _compound(stream: bytes) -> bytes:
    """A compound file (512-byte sectors) holding ``stream`` as ``Workbook``."""
    size = 512
    count = len(stream) // size
    assert count + 2 <= 128, "one sector of the allocation table holds 128 entries"
    end, free = 0xFFFFFFFE, 0xFFFFFFFF
    fat = [0xFFFFFFFD, end] + [3 + i for i in range(count - 1)] + [end]
    fat += [free] * (128 - len(fat))
    header = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16)
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
    header += struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
    header += struct.pack("<I", 0) + struct.pack("<I", free) * 108
    directory = _entry("Root Entry", 5, end, 0) + _entry("Workbook", 2, 2, len(stream))
    directory += _entry("", 0, 0, 0) * 2
    return bytes(header) + struct.pack("<128I", *fat) + directory + stream


def _entry(name: str, kind: int, start: int, length: int) -> bytes:
    encoded = (name + "\0").encode("utf-16-le") if name else b""
    child = 1 if name == "Root Entry" else 0xFFFFFFFF
    raw = encoded.ljust(64, b"\0") + struct.pack("<HBB", len(encoded), kind, 1)
    raw += struct.pack("<III", 0xFFFFFFFF, 0xFFFFFFFF, child) + b"\0" * 36
    return raw + struct.pack("<IIi", start, length, 0)


def _number(row: int, column: int, value: float) -> bytes:
    return _record(0x0203, struct.pack("<HHHd", row, column, 0, value))


def _label(row: int, column: int, text: str, claimed: int | None = None) -> bytes:
    encoded = text.encode("latin-1")
    length = len(text) if claimed is None else claimed
    return _record(0x0204, struct.pack("<HHHHB", row, column, 0, length, 0) + encoded)


def _xls_header() -> bytes:
    return b"".join(_label(0, c, t) for c, t in enumerate(("id", "due_on", "done_on")))


def xls_far_cells() -> bytes:
    """Two cells 65,536 rows × 256 columns apart (16.7 million cells of grid)."""
    return xls(_xls_header() + _number(65535, 255, 1.0))


def xls_dimensions() -> bytes:
    """A DIMENSIONS record announcing 4 billion rows: the reader sets room aside for them."""
    dimensions = _record(0x0200, struct.pack("<IIHHH", 0, 0xFFFFFFFF, 0, 256, 0))
    return xls(dimensions + _xls_header())


def xls_label_claims() -> bytes:
    """4,200 text cells each claiming 65,535 characters (and holding one): 275 M set aside."""
    cells = b"".join(_label(1 + r % 4000, r // 4000, "x", 65_535) for r in range(4_200))
    return xls(_xls_header() + cells)


def xls_looping_chain() -> bytes:
    """The compound file's sector chain for the workbook loops back on itself."""
    data = bytearray(xls(_xls_header()))
    fat_at = 512
    data[fat_at + 4 * 3 : fat_at + 4 * 4] = struct.pack("<I", 2)  # sector 3 leads back to 2
    return bytes(data)


GENERATORS: dict[str, Callable[[], bytes]] = {
    "rows_without_r": rows_without_r,
    "sheet_elsewhere": sheet_elsewhere,
    "xlsx_named_xls": xlsx_named_xls,
    "shared_string_bomb": shared_string_bomb,
    "shared_string_copies": shared_string_copies,
    "very_hidden_first": very_hidden_first,
    "hidden_named": hidden_named,
    "formula_cells": formula_cells,
    "unit_with_hidden_tasks": unit_with_hidden_tasks,
    "ods_repeats": ods_repeats,
    "ods_never_closed": ods_never_closed,
    "xls_far_cells": xls_far_cells,
    "xls_dimensions": xls_dimensions,
    "xls_label_claims": xls_label_claims,
    "xls_looping_chain": xls_looping_chain,
}
"""Each generator by the name ``generate:`` gives it."""
