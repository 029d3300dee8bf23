"""Plain CSV text is split with str methods: the records must be the csv module's, always.

``read_records`` splits a record file at commas and line ends itself when the
text has nothing the csv module would read differently (no quote, no lone
carriage return, no blank line, no overlong line, the header's width on every
line), and hands anything else to the csv module. Each test here reads a text
both ways (the plain split turned off with ``monkeypatch``) and compares the
records, errors and warnings. Read as columns, a text goes first to pyarrow's C reader
(``arrow_records``, for files of ``MIN_BYTES`` and more: here every size), and its columns
must be those of the split.
"""

from __future__ import annotations

import atexit
import datetime as dt
import importlib
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir
from request_table import TABLE

from evaluator import RecordColumns
from evaluator._inputs import arrow_records, csv_records
from evaluator._inputs.csv_records import read_records
from evaluator.working_days import day_ordinals

_STORAGE = tempfile.mkdtemp(prefix="evaluator-hypothesis-")
atexit.register(shutil.rmtree, _STORAGE, ignore_errors=True)
set_hypothesis_home_dir(_STORAGE)


def three_ways(folder: Path, data: bytes, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any, Any]:
    """What reading ``data`` gives as columns (plain texts only), with the plain split into
    rows, and with the csv module only; the records as plain lists, their form beside."""
    (folder / "r.csv").write_bytes(data)

    def read(as_columns: bool) -> Any:
        try:
            found = read_records(
                "r.csv", str(folder), TABLE, shown_as="u/r.csv", as_columns=as_columns
            )
        except Exception as exc:  # a FileProblem: compared like a result
            return type(exc).__name__, str(exc), getattr(exc, "code", None)
        return list(found.records), found.errors, found.warnings

    with monkeypatch.context() as patched:
        patched.setattr(arrow_records, "MIN_BYTES", 0)
        by_arrow = results_of(patched, arrow_records, "arrow_columns")
        arrow = read(True)
    assert arrow_records.available()  # the test extra installs pyarrow: the C reader ran
    for found in by_arrow:
        if found is not None:
            dated_by_ordinals(found)
    columns = read(True)
    assert arrow == columns
    split = read(False)
    with monkeypatch.context() as patched:
        patched.setattr(csv_records, "_plain_blocks", lambda *args: None)
        module = read(False)
    return columns, split, module


def dated_by_ordinals(records: RecordColumns) -> None:
    """pyarrow's columns of dates have their ordinals, ``day_ordinals``' of the dates (0 for
    an empty cell); a column of other values has none."""
    for name, column in records.columns.items():
        days = records.ordinals(name)
        if any(type(v) is dt.date for v in column):
            assert days is not None, name
        if days is not None:
            assert all(type(v) is dt.date or v is None for v in column), name
            assert days.tolist() == day_ordinals(column).tolist(), name


def both_ways(folder: Path, data: bytes, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    """What reading ``data`` gives with the plain split, and with the csv module only; the
    records read as columns (by pyarrow, and by the split) must be the split's."""
    columns, split, module = three_ways(folder, data, monkeypatch)
    assert columns == split
    return split, module


def results_of(patched: pytest.MonkeyPatch, module: Any, name: str) -> list[Any]:
    """While ``patched`` lasts, each result of ``module.name`` joins the list returned."""
    results: list[Any] = []
    real = getattr(module, name)

    def spy(*args: Any) -> Any:
        results.append(real(*args))
        return results[-1]

    patched.setattr(module, name, spy)
    return results


def read_by_arrow(folder: Path, data: bytes, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Whether ``data``'s records came as columns from pyarrow's reader (every file size)."""
    (folder / "r.csv").write_bytes(data)
    with monkeypatch.context() as patched:
        patched.setattr(arrow_records, "MIN_BYTES", 0)
        calls = results_of(patched, arrow_records, "arrow_columns")
        read_records("r.csv", str(folder), TABLE, shown_as="u/r.csv", as_columns=True)
    return bool(calls) and isinstance(calls[-1], RecordColumns)


def used_plain_split(folder: Path, data: bytes) -> bool:
    (folder / "r.csv").write_bytes(data)
    with pytest.MonkeyPatch.context() as patched:
        calls = results_of(patched, csv_records, "_plain_blocks")
        read_records("r.csv", str(folder), TABLE, shown_as="u/r.csv")
    return bool(calls) and calls[-1] is not None


def read_as_columns(folder: Path, data: bytes) -> bool:
    """Whether ``data``'s records come as columns when asked for."""
    (folder / "r.csv").write_bytes(data)
    found = read_records("r.csv", str(folder), TABLE, shown_as="u/r.csv", as_columns=True)
    return isinstance(found.records, RecordColumns)


HEADER = "id,received_on,replied_on,extended,outcome"
ROWS = ["R-1,2016-03-01,2016-03-10,false,granted", "R-2,2016-03-02,,true,refused"]

TEXTS = {
    "plain": "\n".join([HEADER, *ROWS]) + "\n",
    "no final line end": "\n".join([HEADER, *ROWS]),
    "crlf": "\r\n".join([HEADER, *ROWS]) + "\r\n",
    "bom": "\ufeff" + "\n".join([HEADER, *ROWS]) + "\n",
    "title rows": "依申请公开登记表\n\n" + "\n".join([HEADER, *ROWS]) + "\n",
    "chinese header": "申请编号,收到日期,答复日期,是否延期,处理结果\n" + "\n".join(ROWS) + "\n",
    "chinese values": "id,received_on,outcome\nR-1,2016年3月1日,予以公开\n",
    "spaces kept and trimmed": "id,received_on\n R-1 , 2016-03-01 \n",
    "quoted cell": HEADER + '\n"R,1",2016-03-01,,false,granted\n',
    "quoted cells without commas": HEADER + '\n"R-1","2016-03-01",,"false",granted\n',
    "doubled quotes": HEADER + '\n"R ""1""",2016-03-01,,false,granted\n',
    "carriage return in an id": HEADER + "\nR\r1,2016-03-01,,false,granted\n",
    "quoted line end": HEADER + '\n"R\n1",2016-03-01,,false,granted\n',
    "lone carriage return": HEADER + "\rR-1,2016-03-01,,false,granted\n",
    "carriage return in a row": HEADER + "\nR-1,2016-03-01,,false,gran\rted\n",
    "blank line between rows": "\n".join([HEADER, ROWS[0], "", ROWS[1]]) + "\n",
    "blank lines at the end": "\n".join([HEADER, *ROWS]) + "\n\n\n",
    "short row": HEADER + "\nR-1,2016-03-01\n",
    "long row": HEADER + "\nR-1,2016-03-01,,false,granted,extra\n",
    "all commas": HEADER + "\n,,,,\n" + ROWS[0] + "\n",
    "header only": HEADER + "\n",
    "header only, no line end": HEADER,
    "bad cell": HEADER + "\nR-1,2016-02-30,,false,granted\n",
    "line separator in a cell": HEADER + "\nR\u2028-1,2016-03-01,,false,granted\n",
    "form feed and vertical tab": HEADER + "\nR\x0c1\x0b,2016-03-01,,false,granted\n",
    "one column": "id\nR-1\n\nR-2\n",
    "notes column": "id,received_on,备注\nR-1,2016-03-01,补正后受理\n",
    "unnamed column with a cell": "id,received_on,\nR-1,2016-03-01,x\n",
    "cell over the csv limit": "id,received_on\n" + "x" * 140_000 + ",2016-03-01\n",
}


@pytest.mark.parametrize("block", [1, 30, 1 << 20])  # lines checked and split in blocks
@pytest.mark.parametrize("name", list(TEXTS))
def test_the_plain_split_reads_as_the_csv_module(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, block: int
) -> None:
    monkeypatch.setattr(csv_records, "_BLOCK", block)
    split, module = both_ways(tmp_path, TEXTS[name].encode("utf-8"), monkeypatch)
    assert split == module


def test_a_long_file_is_split_block_by_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [f"R-{n},2016-03-{n % 28 + 1:02d},,false,granted" for n in range(500)]
    text = "\r\n".join([HEADER, *rows]) + "\r\n"
    for block in (1, 100, 4096):
        monkeypatch.setattr(csv_records, "_BLOCK", block)
        split, module = both_ways(tmp_path, text.encode(), monkeypatch)
        assert split == module and len(split[0]) == 500
    # one bad line far down still sends the whole file to the csv module
    bad = "\n".join([HEADER, *rows[:300], "R-x,2016-03-01", *rows[300:]]) + "\n"
    monkeypatch.setattr(csv_records, "_BLOCK", 100)
    assert not used_plain_split(tmp_path, bad.encode())
    split, module = both_ways(tmp_path, bad.encode(), monkeypatch)
    assert split == module and split[1][0].code == "csv.cell_count"


def test_a_legacy_encoding_reads_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "申请编号,收到日期\n申-1,2016-03-01\n"
    split, module = both_ways(tmp_path, text.encode("gb18030"), monkeypatch)
    assert split == module and split[2]  # the legacy-encoding warning too


def test_plain_files_take_the_split_and_others_the_csv_module(tmp_path: Path) -> None:
    assert used_plain_split(tmp_path, TEXTS["plain"].encode())
    assert used_plain_split(tmp_path, TEXTS["crlf"].encode())
    assert used_plain_split(tmp_path, TEXTS["title rows"].encode())
    for name in ("quoted cell", "lone carriage return", "blank line between rows", "short row"):
        assert not used_plain_split(tmp_path, TEXTS[name].encode()), name
    assert not used_plain_split(tmp_path, TEXTS["cell over the csv limit"].encode())


def test_plain_files_without_problems_come_as_columns(tmp_path: Path) -> None:
    for name in ("plain", "crlf", "title rows", "chinese header", "no final line end"):
        assert read_as_columns(tmp_path, TEXTS[name].encode()), name
    # not plain, or a problem a row-by-row read must locate (or a blank row it must skip)
    for name in (
        "quoted cell",
        "bad cell",
        "all commas",
        "unnamed column with a cell",
        "short row",
    ):
        assert not read_as_columns(tmp_path, TEXTS[name].encode()), name


cells = st.text(alphabet=st.sampled_from('R-1, "\r\n\u2028\x0c 2016-03-01truefalsegranted申'))


@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    rows=st.lists(st.lists(cells, min_size=1, max_size=6), max_size=5),
    end=st.sampled_from(["\n", "\r\n", "\r", ""]),
    block=st.sampled_from([1, 20, 1 << 20]),
)
def test_any_text_reads_as_the_csv_module(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: list[list[str]], end: str, block: int
) -> None:
    monkeypatch.setattr(csv_records, "_BLOCK", block)
    text = HEADER + end + end.join(",".join(row) for row in rows) + end
    split, module = both_ways(tmp_path, text.encode("utf-8"), monkeypatch)
    assert split == module


def test_plain_files_are_read_by_pyarrow_and_others_are_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("plain", "crlf", "bom", "title rows", "chinese header", "no final line end"):
        assert read_by_arrow(tmp_path, TEXTS[name].encode(), monkeypatch), name
    for name in (
        "quoted cell",
        "lone carriage return",
        "carriage return in a row",
        "blank line between rows",
        "blank lines at the end",
        "short row",
        "long row",
        "bad cell",
        "all commas",
        "unnamed column with a cell",
        "cell over the csv limit",
        "header only",
    ):
        assert not read_by_arrow(tmp_path, TEXTS[name].encode(), monkeypatch), name
    legacy = (TEXTS["chinese header"] + "申-3,2016-03-03,,false,granted\n").encode("gb18030")
    assert not read_by_arrow(tmp_path, legacy, monkeypatch)  # UTF-8 only


def test_small_and_big_files_and_a_missing_pyarrow_leave_the_split(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = TEXTS["plain"].encode()
    (tmp_path / "r.csv").write_bytes(data)
    monkeypatch.setattr(arrow_records, "arrow_columns", lambda *args: pytest.fail("read by arrow"))
    found = read_records("r.csv", str(tmp_path), TABLE, shown_as="u/r.csv", as_columns=True)
    assert isinstance(found.records, RecordColumns) and len(found.records) == 2
    monkeypatch.setattr(arrow_records, "MIN_BYTES", 0)
    monkeypatch.setattr(arrow_records, "MAX_BYTES", len(data) - 1)  # too big for pyarrow
    assert read_records("r.csv", str(tmp_path), TABLE, shown_as="u/r.csv", as_columns=True) == found
    monkeypatch.undo()
    monkeypatch.setattr(arrow_records, "MIN_BYTES", 0)
    monkeypatch.setattr(arrow_records, "_pyarrow", False)  # as when it is not installed
    assert not arrow_records.available()
    without = read_records("r.csv", str(tmp_path), TABLE, shown_as="u/r.csv", as_columns=True)
    assert isinstance(without.records, RecordColumns)
    assert list(without.records) == list(found.records)


def test_pyarrow_without_numpy_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    # pyarrow installs without numpy; its columns' codes need numpy: then no pyarrow at all
    real = importlib.import_module

    def without_numpy(name: str, *args: Any) -> Any:
        if name == "numpy":
            raise ImportError("No module named 'numpy'")
        return real(name, *args)

    monkeypatch.setattr(arrow_records, "_pyarrow", None)
    monkeypatch.setattr(arrow_records.importlib, "import_module", without_numpy)
    assert not arrow_records.available()
    monkeypatch.setattr(arrow_records.importlib, "import_module", real)
    monkeypatch.setattr(arrow_records, "_pyarrow", None)
    assert arrow_records.available()


def test_a_file_read_in_several_blocks_keeps_every_row_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pyarrow reads a big file in blocks (several chunks per column, each encoded apart)."""
    rows = [
        f"R-{n},2016-{n % 12 + 1:02d}-{n % 28 + 1:02d},{'' if n % 7 else '2016-12-30'},"
        f"{'true' if n % 3 else 'false'},{'refused' if n % 5 else 'granted'}"
        for n in range(3000)
    ]
    data = ("\n".join([HEADER, *rows]) + "\n").encode()
    monkeypatch.setattr(arrow_records, "BLOCK_SIZE", 4096)
    assert read_by_arrow(tmp_path, data, monkeypatch)
    split, module = both_ways(tmp_path, data, monkeypatch)
    assert split == module and len(split[0]) == 3000
    assert split[0][7] == {
        "id": "R-7",
        "received_on": dt.date(2016, 8, 8),
        "replied_on": dt.date(2016, 12, 30),
        "extended": True,
        "outcome": "refused",
    }
