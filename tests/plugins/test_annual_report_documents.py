"""The arithmetic scorer on a published report: the document's figures judged, the typed compared.

The Xicheng district's 2016 report (tests/fixtures/annual_reports, real text) is a
bureau's document in a 2017 scheme; its six breaks are worked out by hand in
tests/test_annual_report_formats.py.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from evaluator_areas.annual_report.document import read_document
from evaluator_areas.annual_report.judging import check_formats
from plugin_support import areas, load_plugin, scorers_of

from evaluator import Evidence, Outcome, ParamsCheck
from evaluator._core.messages import Catalogue

plugin = load_plugin("annual_report")
ARITHMETIC = scorers_of(plugin)["annual_report.arithmetic"]
XICHENG = (
    Path(__file__).parents[1] / "fixtures" / "annual_reports" / "xicheng-2016-annual-report.txt"
)
SIX = [
    ("annual_report.sum", ("narrative.requests.received",)),
    ("annual_report.change", ("narrative.requests.received",)),
    ("annual_report.share", ("narrative.replies.not_ours",)),
    ("annual_report.share", ("narrative.consultations.in_person",)),
    ("annual_report.sum", ("narrative.responses.total",)),
    ("annual_report.at_most", ("narrative.responses.other",)),
]

# The typed copy of the requests the Xicheng text states, with the total "fixed" to
# what its parts add to: 765 + 58 + 650 = 1,473 (the text says 1,466), changes
# −252 + 36 + 84 = −132 (the text says −122). Typed alone, it breaks nothing.
TYPED = {
    "requests": {
        "received": {
            "total": {"value": 1473, "change": -132},
            "in_person": {"value": 765, "change": -252},
            "online": {"value": 58, "change": 36},
            "letter": {"value": 650, "change": 84},
        }
    }
}
PATHS = {
    "requests.received.total": "narrative.requests.received",
    "requests.received.in_person": "narrative.requests.in_person",
    "requests.received.online": "narrative.requests.online",
    "requests.received.letter": "narrative.requests.letter",
}
TYPED_RULES = {
    "rules": [
        {
            "sum": "requests.received.total",
            "of": [
                "requests.received.in_person",
                "requests.received.online",
                "requests.received.letter",
            ],
        }
    ]
}


def _score(tmp_path: Path, data: dict[str, Any], params: dict[str, Any] | None = None) -> Outcome:
    """The arithmetic of a 2017 bureau whose folder holds ``data``'s files, at 60 points."""
    params = {"per_break": 5, "per_missing": 5, **(params or {})}
    ctx = areas().context(
        ARITHMETIC,
        {"year": 2016, **data},
        params=params,
        max_points=60,
        year=2017,
        as_of=dt.date(2017, 6, 1),
    )
    ctx = dataclasses.replace(ctx, evidence=Evidence(unit_folder=str(tmp_path)))
    return ARITHMETIC.score(ctx)


def _xicheng(tmp_path: Path) -> str:
    shutil.copy(XICHENG, tmp_path / "report.txt")
    return "report.txt"


def _breaks(outcome: Outcome) -> list[tuple[str, tuple[str, ...]]]:
    return sorted(
        (f.code, f.records) for f in outcome.findings if f.code.startswith("annual_report.")
    )


def test_the_xicheng_report_as_a_document_costs_exactly_its_six_breaks(tmp_path: Path) -> None:
    outcome = _score(tmp_path, {"document": _xicheng(tmp_path)})
    assert _breaks(outcome) == sorted(SIX)
    assert outcome.points == 60 - 6 * 5  # per_break each
    assert all(f.deduction == 5 for f in outcome.findings)
    (total,) = [
        f for f in outcome.findings if f.code == "annual_report.sum" and "requests" in f.records[0]
    ]
    # named by the format's labels, placed where the text states it
    assert total.params["name"] == "正文·依申请公开·收到申请"
    assert total.params["where"] == "annual_report.at"
    place = total.params["place"]
    assert place.startswith("第") and place.endswith("段")
    paragraph = total.params["at"]["paragraph"]
    stated = read_document(XICHENG).paragraphs[paragraph - 1].text
    assert "1466" in stated.replace(",", "")
    text = Catalogue(plugin.register_messages()).text(total.code, total.params)
    assert text.endswith(f"（原文{place}）")


def test_the_breaks_are_capped_at_the_indicators_points(tmp_path: Path) -> None:
    outcome = _score(tmp_path, {"document": _xicheng(tmp_path)}, {"per_break": 25})
    assert outcome.points == 0
    assert sum(f.deduction or 0 for f in outcome.findings) == 60  # 25 + 25 + 10 + 0 ...


def test_a_typed_copy_that_hides_a_break_is_a_transcription_and_the_document_is_judged(
    tmp_path: Path,
) -> None:
    typed_alone = _score(tmp_path, {"figures": TYPED}, TYPED_RULES)
    assert _breaks(typed_alone) == [] and typed_alone.points == 60
    outcome = _score(
        tmp_path,
        {"document": _xicheng(tmp_path), "figures": TYPED},
        {**TYPED_RULES, "document_paths": PATHS},
    )
    assert _breaks(outcome) == sorted(SIX)  # the document's breaks, not the typed copy's none
    copied = [f for f in outcome.findings if f.code == "integrity.transcription"]
    found = {(f.params["figure"], f.params["part"]): f for f in copied}
    assert sorted(found) == [
        ("requests.received.total", "change"),
        ("requests.received.total", "value"),
    ]
    value = found[("requests.received.total", "value")]
    assert (value.params["typed"], value.params["document"]) == (1473, 1466)
    assert value.params["document_path"] == "narrative.requests.received"
    assert value.params["place"] == found[("requests.received.total", "change")].params["place"]
    assert value.deduction is None  # the break it hid costs the points
    assert value.records == ("requests.received.total",)


def test_without_document_paths_only_the_same_paths_are_compared(tmp_path: Path) -> None:
    outcome = _score(tmp_path, {"document": _xicheng(tmp_path), "figures": TYPED}, TYPED_RULES)
    assert "integrity.transcription" not in [f.code for f in outcome.findings]


def test_a_scheme_may_pin_the_format(tmp_path: Path) -> None:
    # the 2008-era format reads no 回应解读 sentence: its two breaks are not judged
    outcome = _score(tmp_path, {"document": _xicheng(tmp_path)}, {"format": "ogi_2008_text"})
    assert _breaks(outcome) == sorted(SIX[:4])


def test_a_document_from_which_nothing_is_read_costs_the_indicator(tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_text("西城区2016年政府信息公开工作年度报告\n", encoding="utf-8")
    outcome = _score(tmp_path, {"document": "report.txt"})
    (finding,) = outcome.findings
    assert finding.code == "annual_report.no_figures"
    assert (outcome.points, finding.deduction) == (0, 60)


def test_a_bad_format_file_of_the_scheme_is_a_located_problem(tmp_path: Path) -> None:
    (tmp_path / "formats").mkdir()
    (tmp_path / "formats" / "mine.yaml").write_text(
        "id: mine\nname: 我的\nsource: 方案\nyears: {from: 2016}\nrules: 3\n", encoding="utf-8"
    )
    scheme: Any = SimpleNamespace(directory=str(tmp_path), year=2017)
    params = {"formats": "formats", "format": None}
    (problem,) = check_formats(ParamsCheck(params, params, scheme, "report_arithmetic"))
    assert problem.code == "format.invalid"
    assert (problem.params["line"], problem.params["field"]) == (5, "rules")
    assert problem.params["file"].endswith("mine.yaml")
    pinned = {"formats": None, "format": "nowhere"}
    (problem,) = check_formats(ParamsCheck(pinned, pinned, scheme, "report_arithmetic"))
    assert problem.code == "format.unknown"
