"""A unit's feedback page lists its own test requests, and only its own (issue 21, item 4).

The sample's evidence/test_requests.csv holds the evaluator's internal notes in a 备注
column, which the reader never reads: no page, nor the results, may show them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from evaluator.testing import EvaluationFolder

ROOT = Path(__file__).resolve().parents[1]
NOTE = "邮件被退回"  # the evaluator's note on xc-jinrongjie's refused e-mail request


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = EvaluationFolder(tmp_path_factory.mktemp("sample"))
    folder.copy(ROOT)
    shutil.copytree(ROOT / "evidence", folder.path / "evidence")
    done = folder.cli("report", "submissions", "-o", "feedback")
    assert done.status == 0, done.stderr
    return folder.path / "feedback"


def test_a_units_page_lists_its_own_test_requests(pages: Path) -> None:
    page = (pages / "xc-jinrongjie.html").read_text(encoding="utf-8")
    for rid in ("YZ-jinrongjie-1", "YZ-jinrongjie-2", "YZ-jinrongjie-3", "YZ-jinrongjie-9"):
        assert f"验证性申请“{rid}”" in page, rid


def test_no_other_page_nor_the_index_shows_a_units_test_requests(pages: Path) -> None:
    showing = sorted(
        p.name for p in pages.glob("*.html") if "YZ-jinrongjie-" in p.read_text("utf-8")
    )
    assert showing == ["xc-jinrongjie.html"]


def test_the_evaluators_internal_notes_are_on_no_page(pages: Path) -> None:
    assert (ROOT / "evidence" / "test_requests.csv").read_text("utf-8").count(NOTE) == 1
    assert not [p.name for p in pages.glob("*.html") if NOTE in p.read_text("utf-8")]
