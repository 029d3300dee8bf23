"""The scheme's ``self_claims`` and the claims to verify (待核实) in every report.

A unit's own class of a record that lowers its bar is scored under the
scheme's ``self_claims`` (``trusted`` by default, or ``strict``), and the
``audit.`` finding that lists such claims carries the points they put at
stake (``at_stake``): the detail tables show them in the deduction column, the
unit's feedback page in a section of its own, JSON in the finding's params.
The scorers' side is tested in ``tests/plugins/test_*_claims.py``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from evaluator._reports import cells

ROOT = Path(__file__).resolve().parents[1]
RunCli = Callable[..., Any]  # the run_cli fixture of tests/conftest.py
Edit = Callable[[Path, str, str], None]  # the edit fixture


# ---------------------------------------------------------------- the scheme


def test_a_scheme_that_does_not_say_trusts_the_units_classes(run_cli: RunCli) -> None:
    found = json.loads(run_cli("submissions", "--format", "json").out)
    assert (found["scheme"]["self_claims"], found["scheme"]["self_claims_stated"]) == (
        "trusted",
        False,
    )


def test_a_scheme_may_state_strict(run_cli: RunCli, mini_copy: Path, edit: Edit) -> None:
    scheme = mini_copy / "criteria" / "scheme.yaml"
    edit(scheme, "precision: 2\n", "precision: 2\nself_claims: strict\n")
    found = json.loads(run_cli("submissions", "--format", "json", cwd=mini_copy).out)
    assert (found["scheme"]["self_claims"], found["scheme"]["self_claims_stated"]) == (
        "strict",
        True,
    )
    page = run_cli("submissions", "--format", "html", cwd=mini_copy).out
    assert "单位自报分类：未经评估方核实的，按较严类别评分" in page and "（方案规定）" in page


def test_an_unknown_policy_is_a_located_error(run_cli: RunCli, mini_copy: Path, edit: Edit) -> None:
    scheme = mini_copy / "criteria" / "scheme.yaml"
    edit(scheme, "precision: 2\n", "precision: 2\nself_claims: strickt\n")
    done = run_cli("submissions", cwd=mini_copy)
    assert done.status == 2
    assert "scheme.yaml:8" in done.err and "self_claims" in done.err


# ---------------------------------------------------------------- the cells


def claim(code: str = "audit.column_kind", **params: Any) -> dict[str, Any]:
    return {"code": code, "deduction": None, "params": params}


def test_a_claims_finding_shows_its_stake_where_a_deduction_would_be() -> None:
    assert cells.at_stake(claim(at_stake=4.0)) == 4.0
    assert cells.deduction_text(claim(at_stake=4.0), 2, "zh") == "待核实 4"
    vetoing = claim(at_stake=92.0, veto_at_stake=True)
    assert cells.deduction_text(vetoing, 2, "zh") == "待核实 92（涉及否决）"
    assert cells.deduction_text(vetoing, 2, "en") == "to verify: 92 (a veto turns on it)"


@pytest.mark.parametrize(
    "finding",
    [
        # a cost is a cost, whatever its params say
        {"code": "columns.stale", "deduction": 2.0, "params": {"at_stake": 4.0}},
        # an audit finding without a stake, or with one that is not a number
        claim("audit.checked_on"),
        claim(at_stake=True),
        claim(at_stake="4"),
    ],
)
def test_only_an_audit_finding_with_a_number_at_stake_lists_claims(finding: dict[str, Any]) -> None:
    assert cells.at_stake(finding) is None
    shown = cells.deduction_text(finding, 2, "zh")
    assert shown == ("" if finding["deduction"] is None else "2")


def test_the_policy_says_whether_the_scheme_states_it() -> None:
    stated = cells.claims_policy({"self_claims": "trusted", "self_claims_stated": True}, "zh")
    assert stated == (
        "单位自报分类：未经评估方核实的，照单位自报评分，列为待核实并注明不予认可时相差的分数（方案规定）"
    )
    default = cells.claims_policy({"self_claims": "strict", "self_claims_stated": False}, "en")
    assert default.startswith("Units' own classes: scored by the stricter class")
    assert default.endswith("(the scheme does not say: the default)")


# ---------------------------------------------------------------- the sample's pages


def test_the_units_page_lists_its_claims_to_verify_with_the_points_at_stake(
    run_cli: RunCli, tmp_path: Path
) -> None:
    # xc-housing classes 2016-YQ-01 general: refused, it would cost 4 of 20 (small counts).
    folder = tmp_path / "feedback"
    run_cli("report", "submissions", "-o", str(folder), cwd=ROOT)
    page = (folder / "xc-housing.html").read_text(encoding="utf-8")
    section = page[page.index("待核实的单位自报分类") :]
    section = section[: section.index("</table>")]
    assert "单位自报分类：未经评估方核实的，照单位自报评分" in section  # the policy, stated
    assert "2016-YQ-01" in section and "audit.incident_level" in section
    assert '<td class="num">4</td>' in section
    # a unit with no claim at stake has no such section
    niujie = (folder / "xc-niujie.html").read_text(encoding="utf-8")
    assert "待核实的单位自报分类" not in niujie


def test_detail_shows_the_stake_in_the_deduction_column(run_cli: RunCli) -> None:
    out = run_cli("submissions", "--detail", cwd=ROOT).out
    row = next(line for line in out.splitlines() if "2016-YQ-01" in line and "待核实" in line)
    assert "待核实 4" in row
