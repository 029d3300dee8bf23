"""Every list of errors a unit can grow is capped, with "… and N more" (issue 19, item 10).

A unit's errors are listed at most ``MAX_ERRORS_PER_FILE`` per file, then one
``file.more_errors`` counts the rest: 20,000 one-cell unknown sheets gave
20,000 errors (177 MB of JSON) before. The workbooks are generated here, as the
few XML parts a reader needs, so that 20,000 sheets cost a second to write.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from evaluator._reading.validation import MAX_ERRORS_PER_FILE
from evaluator._scoring.engine import Engine, evaluate

MINI = Path(__file__).parent / "fixtures" / "mini"
MEMORY = 1 << 30
"""The address space the capped run may use: a regression fails instead of swapping."""

Rows = Sequence[Sequence[str | int]]


def _cell(value: str | int) -> str:
    if isinstance(value, int):
        return f"<c><v>{value}</v></c>"
    return f'<c t="inlineStr"><is><t>{escape(value)}</t></is></c>'


def write_workbook(path: Path, sheets: Sequence[tuple[str, Rows]]) -> None:
    """An .xlsx of ``sheets`` (name, rows of cells), written as its bare XML parts."""
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/s{n}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for n in range(len(sheets))
    )
    main = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
    relation = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{main}"/>{overrides}</Types>',
        )
        book.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="r0" Type="{relation}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        listed = "".join(
            f'<sheet name="{escape(name)}" sheetId="{n + 1}" r:id="r{n}"/>'
            for n, (name, _) in enumerate(sheets)
        )
        book.writestr(
            "xl/workbook.xml",
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'xmlns:r="{relation}"><sheets>{listed}</sheets></workbook>',
        )
        targets = "".join(
            f'<Relationship Id="r{n}" Type="{relation}/worksheet" Target="worksheets/s{n}.xml"/>'
            for n in range(len(sheets))
        )
        book.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f"{targets}</Relationships>",
        )
        for n, (_, rows) in enumerate(sheets):
            data = "".join(f"<row>{''.join(_cell(v) for v in row)}</row>" for row in rows)
            book.writestr(
                f"xl/worksheets/s{n}.xml",
                '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                f"<sheetData>{data}</sheetData></worksheet>",
            )


UNIT: tuple[str, Rows] = (
    "单位",
    [["单位编号", "u-1"], ["单位名称", "测试局"], ["单位类型", "部门"]],
)
DEMO: Rows = [["demo"], ["done", 1], ["required", 1]]


def _only_errors(evaluation: object, path: str) -> list[tuple[str, dict[str, object]]]:
    errors = evaluation.errors  # type: ignore[attr-defined]
    assert all(e.location.path == path for e in errors)
    return [(e.code, dict(e.params)) for e in errors]


def _submissions(tmp_path: Path, sheets: Sequence[tuple[str, Rows]]) -> Path:
    folder = tmp_path / "submissions"
    folder.mkdir()
    write_workbook(folder / "u-1.xlsx", sheets)
    return folder


def test_a_fine_generated_workbook_is_scored(mini_engine: Engine, tmp_path: Path) -> None:
    folder = _submissions(tmp_path, [UNIT, ("demo", DEMO)])
    evaluation = evaluate(mini_engine, str(folder))
    assert not evaluation.errors and [u.id for u in evaluation.units] == ["u-1"]


@pytest.mark.parametrize("unknown", [MAX_ERRORS_PER_FILE, MAX_ERRORS_PER_FILE + 1, 20_000])
def test_unknown_sheets_are_listed_up_to_the_cap_then_counted(
    mini_engine: Engine, tmp_path: Path, unknown: int
) -> None:
    extra = [(f"x{n}", [["?"]]) for n in range(unknown)]
    folder = _submissions(tmp_path, [UNIT, ("demo", DEMO), *extra])
    errors = _only_errors(evaluate(mini_engine, str(folder)), str(folder / "u-1.xlsx"))
    listed = [e for e in errors if e[0] == "workbook.unknown_sheet"]
    assert len(listed) == min(unknown, MAX_ERRORS_PER_FILE)
    more = [params for code, params in errors if code == "file.more_errors"]
    if unknown > MAX_ERRORS_PER_FILE:
        assert more == [{"limit": MAX_ERRORS_PER_FILE, "more": unknown - MAX_ERRORS_PER_FILE}]
    else:
        assert more == []
    assert len(errors) == len(listed) + len(more)


def test_unknown_labels_on_every_row_are_capped(mini_engine: Engine, tmp_path: Path) -> None:
    rows = [*DEMO, *([f"label{n}", 1] for n in range(5_000))]
    folder = _submissions(tmp_path, [UNIT, ("demo", rows)])
    errors = _only_errors(evaluate(mini_engine, str(folder)), str(folder / "u-1.xlsx"))
    assert [c for c, _ in errors].count("workbook.unknown_label") == MAX_ERRORS_PER_FILE
    assert errors[-1] == ("file.more_errors", {"limit": MAX_ERRORS_PER_FILE, "more": 4_900})


def test_yaml_problems_are_capped(mini_engine: Engine, tmp_path: Path) -> None:
    folder = tmp_path / "submissions"
    folder.mkdir()
    tasks = "".join(f"    - {{id: T{n}, due_on: 2016-03-01, oops{n}: 1}}\n" for n in range(3_000))
    (folder / "u-1.yaml").write_text(
        "unit: {id: u-1, name: 测试局, type: bureau}\n"
        f"demo:\n  done: 1\n  required: 1\n  tasks:\n{tasks}",
        encoding="utf-8",
    )
    errors = _only_errors(evaluate(mini_engine, str(folder)), str(folder / "u-1.yaml"))
    assert len(errors) <= MAX_ERRORS_PER_FILE + 1
    assert errors[-1][0] in ("file.more_problems", "file.more_errors")


def _capped_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


@pytest.mark.skipif(not hasattr(resource, "RLIMIT_AS"), reason="no address-space limit here")
def test_twenty_thousand_unknown_sheets_give_a_small_json_in_capped_memory(
    tmp_path: Path,
) -> None:
    extra = [(f"x{n}", [["?"]]) for n in range(20_000)]
    folder = _submissions(tmp_path, [UNIT, ("demo", DEMO), *extra])
    target = tmp_path / "results.json"
    run = subprocess.run(
        [sys.executable, "-m", "evaluator", str(folder), "-o", str(target), "--no-entry-points"],
        cwd=MINI,
        capture_output=True,
        text=True,
        preexec_fn=_capped_memory,
        env={**os.environ, "SOURCE_DATE_EPOCH": "0"},
        check=False,
    )
    assert run.returncode == 1, run.stderr[-2000:]
    assert target.stat().st_size < 200_000  # 177 MB before the cap
    errors = json.loads(target.read_text(encoding="utf-8"))["errors"]
    assert len(errors) == MAX_ERRORS_PER_FILE + 1
