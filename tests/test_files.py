"""Reading input files: UTF-8 with or without BOM, any line ends; GBK and oversize refused."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import pytest

from evaluator._reading import files
from evaluator._reading.files import FileProblem, read_bytes, read_text


def test_plain_utf8_is_read(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes("name: 西城区财政局\n".encode())
    assert read_text(str(path)).text == "name: 西城区财政局\n"


def test_bom_is_dropped_but_hashed(tmp_path: Path) -> None:
    raw = b"\xef\xbb\xbfid: a\n"
    path = tmp_path / "a.yaml"
    path.write_bytes(raw)
    read = read_text(str(path))
    assert read.text == "id: a\n"
    assert read.sha256 == hashlib.sha256(raw).hexdigest()


def test_crlf_and_cr_line_ends_become_newlines(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b"id,name\r\n1,a\r2,b\r\n")
    assert read_text(str(path)).text == "id,name\n1,a\n2,b\n"


def test_gbk_file_is_refused_with_the_iconv_command(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes("编号,名称\n1,西城区财政局\n".encode("gbk"))
    with pytest.raises(FileProblem) as info:
        read_text(str(path))
    assert info.value.code == "file.gbk"
    # the conversion command names the file as shown to the user
    assert info.value.error("u/a.csv").params == {"path": "u/a.csv"}
    assert "iconv -f GB18030 -t UTF-8 u/a.csv" in info.value.error("u/a.csv").message
    assert info.value.line == 1


def test_bytes_that_are_neither_utf8_nor_gbk_ask_for_utf8(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"a: \xff\xff\n")
    with pytest.raises(FileProblem, match=r"^file\.not_utf8"):
        read_text(str(path))


def test_utf16_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes("a: 1\n".encode("utf-16-le"))
    with pytest.raises(FileProblem, match=r"^file\.nul_bytes"):
        read_text(str(path))


def test_file_at_the_cap_is_read(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"a: 1\n")  # 5 bytes
    assert read_text(str(path), max_bytes=5).text == "a: 1\n"


def test_file_over_the_cap_is_refused_without_being_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"a: 1\n")  # 5 bytes

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("an oversized file must not be opened")

    monkeypatch.setattr(files, "open", never, raising=False)
    with pytest.raises(FileProblem) as info:
        read_text(str(path), max_bytes=4)
    assert (info.value.code, info.value.params) == ("file.too_large", {"size": 5, "limit": 4})
    assert "--max-file-size" in info.value.text("en")


def _stat_smaller(monkeypatch: pytest.MonkeyPatch, path: Path, by: int) -> None:
    """``os.stat`` reports ``by`` bytes fewer for ``path``: the file grows after the check."""
    real = os.stat

    def stat(name: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        found = list(real(name, *args, **kwargs))
        if str(name) == str(path):
            found[6] -= by  # st_size
        return os.stat_result(found)

    monkeypatch.setattr(files.os, "stat", stat)


@pytest.mark.parametrize(("grew", "cap"), [(1, 6), (3, 7), (3, 8), (200, 10_000)])
def test_a_file_that_grew_after_the_size_check_is_read_whole_or_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, grew: int, cap: int
) -> None:
    """Read as big as the check found it and one byte more: a file that grew is read on,
    up to the cap and not a byte further."""
    path = tmp_path / "a.yaml"
    data = b"a: 1\n" + b"#" * (grew - 1) + b"\n"  # 5 + grew bytes
    path.write_bytes(data)
    _stat_smaller(monkeypatch, path, grew)
    if len(data) > cap:
        with pytest.raises(FileProblem) as info:
            read_bytes(str(path), max_bytes=cap)
        assert (info.value.code, info.value.params) == (
            "file.too_large",
            {"size": cap + 1, "limit": cap},
        )
    else:
        assert read_bytes(str(path), max_bytes=cap).data == data


def test_missing_file_is_a_file_problem(tmp_path: Path) -> None:
    with pytest.raises(FileProblem, match=r"^file\.unreadable"):
        read_text(str(tmp_path / "absent.yaml"))
