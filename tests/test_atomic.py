"""Output files are written whole or not at all: a temporary file beside, renamed into place."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from evaluator._reports.atomic import binary_output, file_mode, text_output


def test_a_finished_block_replaces_the_file_and_leaves_nothing_else(tmp_path: Path) -> None:
    target = tmp_path / "r.csv"
    target.write_text("old", encoding="utf-8")
    with text_output(str(target), bom=True) as stream:
        stream.write("名\r\n")
        assert target.read_text(encoding="utf-8") == "old"  # not yet: written beside it
    assert target.read_bytes() == "\ufeff名\r\n".encode()  # the BOM, newlines as written
    assert [p.name for p in tmp_path.iterdir()] == ["r.csv"]


@pytest.mark.parametrize("ending", [RuntimeError("disk full"), KeyboardInterrupt()])
def test_a_block_that_raises_leaves_the_earlier_file_and_no_temporary_file(
    tmp_path: Path, ending: BaseException
) -> None:
    target = tmp_path / "r.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(type(ending)), binary_output(str(target), suffix=".xlsx") as stream:
        stream.write(b"half")
        (temporary,) = [p for p in tmp_path.iterdir() if p.name != "r.xlsx"]
        assert temporary.name.startswith(".evaluate-") and temporary.suffix == ".xlsx"
        raise ending
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.xlsx"]


def test_no_file_means_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    with text_output(None) as stream:
        stream.write("ranking\n")
    assert capsys.readouterr().out == "ranking\n"


def test_a_new_file_gets_the_usual_mode_and_an_old_one_keeps_its_own(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        assert file_mode(str(tmp_path / "new.json")) == 0o640
        kept = tmp_path / "kept.json"
        kept.write_text("old", encoding="utf-8")
        kept.chmod(0o604)
        assert file_mode(str(kept)) == 0o604
    finally:
        os.umask(previous)
