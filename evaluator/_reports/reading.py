"""``evaluate annual-report FILE``: a plugin reads one published report; this prints what it read.

The plugin that answers the ``read_published_report`` hook (the built-in
annual-report area) reads the file and judges it; this module words its
findings with the registry's catalogue and prints them as text (the figures
group by group, each with where it stands, then every break) or as the JSON of
contract v3: ``{"document", "format", "year", "figures": {path: value},
"findings": [{"code", "records", "message", "params"}]}``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the command line imports this module before it needs the engine
    from evaluator._plugins.loader import Registry
    from evaluator.plugin_api import ReportReading

__all__ = ["ABOUT", "Printed", "add_options", "read_report"]

EXIT_CLEAN, EXIT_BREAKS, EXIT_UNREADABLE = 0, 1, 2

ABOUT = (
    "read one published annual report: the figures it states and every break",
    "Read one published annual report (.html .htm .txt .docx .pdf) as the evaluator would, "
    "before anything else: print the figures it states (table by table, then its text's, "
    "each with where it stands), what its format looked for and did not find, and every "
    "break of its format's rules. Without a scheme it judges what needs none: the built-in "
    "format of the year the report covers, and with --kind the national due date against "
    "the date the report prints at its end. A scheme's own formats, points and local due "
    "dates are the scorer's. Exit status: 0 no break, 1 breaks, 2 the file cannot be read.",
)
"""The command's summary and description (``evaluate annual-report --help``)."""


def add_options(add: Callable[..., Any]) -> None:
    """The command's arguments, added with ``add`` (its parser's ``add_argument``)."""
    add("file", metavar="FILE", help="the report as saved from the website")
    add("--format", choices=("text", "json"), default="text", help="output form")
    add("--year", type=int, metavar="Y", help="the year the report covers (default: its title's)")
    add("--kind", metavar="KIND", help="the unit kind (bureau, street), for the due date")


@dataclass(frozen=True)
class Printed:
    """What the command prints: to stdout (ready: JSON, or text lines made safe for the
    terminal), to stderr line by line; and its exit status."""

    out: str
    err: tuple[str, ...]
    status: int


def read_report(
    registry: Registry,
    path: str,
    year: int | None = None,
    kind: str | None = None,
    *,
    as_json: bool = False,
    lang: str = "zh",
) -> Printed:
    """The report at ``path`` read by the plugin that reads published reports, and printed.

    Exit 0 when it found no break, 1 when it found breaks, 2 when the file
    cannot be read; a :class:`Refusal` when no plugin reads reports.
    """
    from evaluator._core.messages import plain
    from evaluator._core.model import Message
    from evaluator._core.problems import Refusal
    from evaluator._reports.escaping import display_text
    from evaluator.plugin_api import ReportReading

    reading = registry.manager.hook.read_published_report(path=path, year=year, kind=kind)
    if not isinstance(reading, ReportReading):
        raise Refusal(Message("run.no_report_reader", {"file": path}))
    catalogue = registry.catalogue
    if reading.problem is not None:
        said = catalogue.text(reading.problem.code, reading.problem.params, lang)
        return Printed("", (f"evaluate: error: {said}",), EXIT_UNREADABLE)
    status = EXIT_BREAKS if reading.findings else EXIT_CLEAN
    findings = [
        {
            "code": f.code,
            "records": list(f.records),
            "message": catalogue.text(f.code, f.params, lang),
            "params": plain(f.params),
        }
        for f in reading.findings
    ]
    if as_json:
        return Printed(_json(reading, findings), (), status)
    lines = _text(reading, findings, lang)
    shown = ((" " * (len(line) - len(line.lstrip()))) + display_text(line) for line in lines)
    return Printed("\n".join(shown) + "\n", (), status)


def _json(reading: ReportReading, findings: list[dict[str, Any]]) -> str:
    data = {
        "document": reading.document,
        "format": reading.format,
        "year": reading.year,
        "figures": {f.path: f.value for f in reading.figures},
        "findings": findings,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


_WORDS = {
    "zh": ("年度报告", "格式", "年度", "未读到", "问题", "未发现问题", "说明"),
    "en": ("report", "format", "year", "not found", "breaks", "no break found", "notes"),
}


def _text(reading: ReportReading, findings: list[dict[str, Any]], lang: str) -> tuple[str, ...]:
    """The figures group by group (name, value, where), what was not found, then the breaks."""
    report, fmt, year, unread, breaks, clean, notes = _WORDS.get(lang, _WORDS["en"])
    lines = [f"{report}: {reading.document}", f"{fmt}: {reading.format}", f"{year}: {reading.year}"]
    group = None
    for figure in reading.figures:
        if figure.group != group:
            group = figure.group
            lines += ["", f"[{group}]"]
        where = f"  ({figure.where})" if figure.where else ""
        lines.append(f"  {figure.name or figure.path}  {figure.path} = {figure.value}{where}")
    if reading.unread:
        lines += ["", f"[{unread}]", *(f"  {item}" for item in reading.unread)]
    if reading.notes:
        lines += ["", f"[{notes}]", *(f"  {item}" for item in reading.notes)]
    lines += ["", f"[{breaks}]" if findings else clean]
    lines += [f"  {f['code']}: {f['message']}" for f in findings]
    return tuple(lines)
