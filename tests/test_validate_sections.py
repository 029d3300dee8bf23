"""``evaluate validate`` warns of scored sections that a unit, or every unit, did not send.

A unit without a section gets 0 on every indicator reading it; a section no
unit sends at all is usually a misspelt section name. Both are warnings,
located, in Chinese by default, with codes: the exit status stays as it was.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from evaluator._core.model import Message
from evaluator._scoring.engine import Engine, Options, Validation, check

MINI = Path(__file__).parent / "fixtures" / "mini"
EXTRA = """\
from evaluator import Outcome, Section, hookimpl, scorer


@scorer("extra.flat", section="extra")
def flat(ctx):
    return Outcome(ctx.max_points)


@hookimpl
def register_sections():
    return [Section("extra", {"type": "object"}, title="附加")]


@hookimpl
def register_scorers():
    return [flat]
"""


def warning(message: Message, where: str, lang: str = "zh") -> str:
    """The line ``validate`` prints for a warning at ``where``."""
    return f"{where}: {Message('cli.warning_prefix').text(lang)}{message.text(lang)}"


def line_of(path: Path, text: str) -> int:
    """The 1-based number of the line of ``path`` that is ``text``."""
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


def missing(section: str, title: str, indicators: list[str]) -> Message:
    params = {"section": section, "title": title, "indicators": indicators}
    return Message("validate.section_missing", params)


def unsent(dimension: str, name: str, section: str, title: str) -> Message:
    params = {"dimension": dimension, "name": name, "section": section, "title": title}
    return Message("validate.section_unsent", params)


def test_a_unit_without_a_scored_section_is_warned_at_its_file(run_cli) -> None:
    run = run_cli("validate", "submissions")
    assert run.status == 1  # s-bad is invalid, as before; the warning does not count
    demo = missing("demo", "demo", ["share", "tasks", "ok_check"])
    assert warning(demo, "submissions/s-one/submission.yaml") in run.out.splitlines()
    english = run_cli("validate", "submissions", "--lang", "en")
    assert warning(demo, "submissions/s-one/submission.yaml", "en") in english.out.splitlines()
    assert "no demo section (demo): the indicators the scheme scores from it" in english.out


def warned_units(checked: Validation) -> dict[str, tuple[Message, ...]]:
    """The warnings of each unit that has some, by unit id (its file's or folder's name)."""
    return {_unit_id(u.shown): u.warnings for u in checked.units if u.warnings}


def _unit_id(shown: str) -> str:
    path = Path(shown)
    return path.parent.name if path.name == "submission.yaml" else path.stem


def test_units_that_send_every_section_are_not_warned(mini_engine: Engine) -> None:
    checked = check(mini_engine, str(MINI / "submissions"))
    assert warned_units(checked) == {
        "s-one": (missing("demo", "demo", ["share", "tasks", "ok_check"]),)
    }
    assert checked.unsent == ()  # the other units send demo


def test_a_section_no_unit_sends_is_warned_at_each_dimension_scoring_it(
    run_cli, tmp_path: Path
) -> None:
    folder = tmp_path / "subs"
    folder.mkdir()
    shutil.copy(MINI / "submissions" / "s-one" / "submission.yaml", folder / "s-one.yaml")
    run = run_cli("validate", str(folder), "--criteria", "criteria")
    assert run.status == 0  # a valid unit: warnings alone never fail validate
    scheme = MINI / "criteria" / "scheme.yaml"
    work, checks = line_of(scheme, "  - id: work"), line_of(scheme, "  - id: checks")
    assert run.out.splitlines()[-2:] == [
        warning(unsent("work", "工作", "demo", "demo"), f"criteria/scheme.yaml:{work}:5"),
        warning(unsent("checks", "检查", "demo", "demo"), f"criteria/scheme.yaml:{checks}:5"),
    ]


def test_a_section_scored_for_one_kind_is_asked_of_that_kind_only(run_cli, mini_copy: Path) -> None:
    (mini_copy / "plugins" / "extra.py").write_text(EXTRA, encoding="utf-8")
    with (mini_copy / "criteria" / "checks.yaml").open("a", encoding="utf-8") as criteria:
        criteria.write(
            "  - id: flat\n    name: 平\n    scorer: extra.flat\n    points: 5\n"
            "    applies_to: [street]\n"
        )
    engine = Engine.load(
        Options(str(mini_copy / "criteria"), str(mini_copy / "plugins"), entry_points=False)
    )
    checked = check(engine, str(mini_copy / "submissions"))
    extra = missing("extra", "附加", ["flat"])
    # the streets lack it (s-one lacks demo too); no bureau is asked for it
    assert warned_units(checked) == {
        "s-one": (missing("demo", "demo", ["share", "tasks", "ok_check"]), extra),
        "s-two": (extra,),
    }
    (gap,) = checked.unsent
    assert gap.message == unsent("checks", "检查", "extra", "附加")
    scheme = mini_copy / "criteria" / "scheme.yaml"
    assert (gap.location.line, gap.location.column) == (line_of(scheme, "  - id: checks"), 5)


def test_no_valid_unit_means_no_section_warnings(run_cli, tmp_path: Path) -> None:
    folder = tmp_path / "subs"
    folder.mkdir()
    shutil.copy(MINI / "submissions" / "s-bad" / "submission.yaml", folder / "s-bad.yaml")
    run = run_cli("validate", str(folder), "--criteria", "criteria")
    assert run.status == 1
    assert "validate" not in run.out and "警告" not in run.out
