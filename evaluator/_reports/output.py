"""Where results go and in which form (``--format``, ``-o``), checked before any scoring.

:func:`prepare_output` checks everything a run's output needs before a unit is
scored (the destination, the form, the ``--baseline`` file, the ``--template``
folder, the ``--brand`` file), so that a long run never ends unable to write; each problem is a
:class:`~evaluator._core.problems.Refusal`. :meth:`Output.write` then writes the
evaluation: to stdout, to a file atomically (:mod:`.atomic`), or as the folder
of feedback pages. Renderers are imported only for the form asked for.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from evaluator._core.model import Brand, Evaluation, Message, UnitResult
from evaluator._core.problems import Refusal, marked
from evaluator._reports.atomic import binary_output, text_output

if TYPE_CHECKING:
    from evaluator._reports.baseline import Baseline

__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "REPORT",
    "Output",
    "check_destination",
    "check_output_file",
    "prepare_output",
    "problem_lines",
    "results_format",
]

FORMATS = ("table", "markdown", "csv", "json", "xlsx", "html")
"""The forms ``--format`` offers."""
REPORT = "report"
"""The form of ``evaluate report``: a folder of feedback pages, ``-o`` naming the folder."""
EXTENSIONS = {
    ".json": "json",
    ".csv": "csv",
    ".md": "markdown",
    ".xlsx": "xlsx",
    ".html": "html",
    ".txt": "table",
}
"""The format ``-o FILE`` means when ``--format`` is not given (data contract, version 2)."""
_SHOWING_FINDINGS = ("json", "xlsx", "html", REPORT)
_HOLDING_PROBLEMS = ("table", "markdown")


@dataclass(frozen=True)
class Output:
    """How and where an evaluation's results are written, as :func:`prepare_output` checked.

    ``path`` is None for stdout; ``detail`` adds the lost points to tables and
    CSV; ``templates`` is a folder replacing the shipped templates of the HTML
    page and the feedback pages; ``brand`` is the letterhead ``--brand`` names (else the
    pages and the workbook show the scheme's, if any).
    """

    format: str
    path: str | None = None
    lang: str = "zh"
    detail: bool = False
    baseline: Baseline | None = None
    templates: str | None = None
    brand: Brand | None = None
    internal: bool = False
    """``--internal``: the evaluator's notes (audience ``evaluator``) shown too."""
    public: bool = False
    """``--public``: the ranking as the public reads it (HTML or XLSX), no finding at all."""

    @property
    def shows_findings(self) -> bool:
        """Whether the results show findings; ranking tables alone do not, so scoring for
        them need not keep any (:class:`~evaluator._scoring.engine.Options`)."""
        return not self.public and (self.detail or self.format in _SHOWING_FINDINGS)

    @property
    def rendered_in_workers(self) -> Callable[[UnitResult], bytes] | None:
        """What the workers that score units render of each for this output to write as it is
        (:class:`~evaluator._scoring.spool.UnitSpool`'s ``render``): the JSON results'
        indicators, unless compared with a baseline (which reads every finding back)."""
        if self.format != "json" or self.baseline is not None:
            return None
        from evaluator._reports.json_results import indicators_json

        return indicators_json

    def write(self, evaluation: Evaluation) -> None:
        """Write ``evaluation`` in :attr:`format` to :attr:`path`: every finding in JSON, else
        without the evaluator's notes unless :attr:`internal` (:mod:`.audience`)."""
        from evaluator._reports.audience import for_clients
        from evaluator._reports.letterhead import chosen

        if not self.internal and self.format != "json":
            evaluation = for_clients(evaluation)
        lang, baseline, templates, public = self.lang, self.baseline, self.templates, self.public
        brand = chosen(self.brand, evaluation)
        if self.format == REPORT:
            from evaluator._reports.feedback import write_feedback

            assert self.path is not None  # a report is always written to a folder
            write_feedback(
                evaluation,
                self.path,
                lang=lang,
                baseline=baseline,
                templates=templates,
                brand=brand,
            )
        elif self.format == "xlsx":
            from evaluator._reports.xlsx import write_xlsx

            assert self.path is not None  # results_format asks for a file
            with binary_output(self.path) as binary:
                write_xlsx(
                    evaluation, binary, lang=lang, baseline=baseline, brand=brand, public=public
                )
        elif self.format == "html":
            from evaluator._reports.html import write_html

            with text_output(self.path) as stream:
                write_html(
                    evaluation,
                    stream,
                    lang=lang,
                    baseline=baseline,
                    templates=templates,
                    brand=brand,
                    public=public,
                )
        else:
            from evaluator._reports.text import write

            with text_output(self.path, bom=self.format == "csv") as stream:
                write(
                    evaluation,
                    self.format,
                    stream,
                    lang=lang,
                    detail=self.detail,
                    baseline=baseline,
                )

    def differences(self, evaluation: Evaluation) -> list[str]:
        """Warnings, one line each, where the ``--baseline`` file may not compare with
        ``evaluation`` (other dimensions or weights, plugins of other versions)."""
        if self.baseline is None:
            return []
        from evaluator._reports.json_results import unit_documents

        units = unit_documents(evaluation, detailed=False, lang=self.lang)
        return [
            marked("warning", f"--baseline {self.baseline.path}: {found['message']}", self.lang)
            for found in self.baseline.differences(units, self.lang, plugins=evaluation.plugins)
        ]

    def problems(self, evaluation: Evaluation) -> list[str]:
        """:func:`problem_lines` for stderr, unless tables on stdout already list them."""
        if self.path is None and self.format in _HOLDING_PROBLEMS:
            return []
        return problem_lines(evaluation, self.lang)


def prepare_output(
    given: str | None,
    path: str | None,
    *,
    lang: str = "zh",
    detail: bool = False,
    baseline: str | None = None,
    templates: str | None = None,
    brand: str | None = None,
    internal: bool = False,
    public: bool = False,
) -> Output:
    """The output of a run, checked: ``--format`` (``given``), ``-o`` (``path``), the
    ``--baseline`` file, read, the ``--template`` folder, the ``--brand`` file, read, and
    ``--public`` with the rest (:func:`~evaluator._reports.audience.check_public`).

    Raises :class:`~evaluator._core.problems.Refusal` for the first problem found.
    """
    check_destination(given, path)
    fmt = results_format(given, path)
    if public:
        from evaluator._reports.audience import check_public

        check_public(fmt, detail=detail, internal=internal)
    earlier = None
    if baseline is not None:
        from evaluator._reports.baseline import BaselineError, load_baseline

        try:
            earlier = load_baseline(baseline)
        except BaselineError as exc:
            raise Refusal(Message("cli.baseline_unusable", {"problem": str(exc)})) from None
    if templates is not None:
        from evaluator._reports.templating import TemplateProblem, check_templates

        try:
            check_templates(templates)
        except TemplateProblem as exc:
            raise Refusal(Message("cli.template_unusable", {"problem": str(exc)})) from None
    from evaluator._reports.letterhead import load_brand_option

    return Output(
        fmt, path, lang, detail, earlier, templates, load_brand_option(brand), internal, public
    )


def results_format(given: str | None, path: str | None) -> str:
    """``--format``, else the ``-o`` file's extension, else table.

    Raises :class:`~evaluator._core.problems.Refusal` for an extension that names
    no format, and for xlsx without a file to write it to.
    """
    if given == REPORT:
        return given
    if given is None:
        if path is None:
            return "table"
        extension = os.path.splitext(path)[1].lower()
        if extension not in EXTENSIONS:
            params = {"output": path, "extension": extension, "known": list(EXTENSIONS)}
            raise Refusal(Message("cli.unknown_extension", params))
        given = EXTENSIONS[extension]
    if given == "xlsx" and path is None:
        raise Refusal(Message("cli.xlsx_needs_output"))
    return given


def check_destination(fmt: str | None, path: str | None) -> None:
    """Refuse (:class:`~evaluator._core.problems.Refusal`) a file, or a report folder, that
    cannot be written: a folder in the way, a missing or read-only parent, other contents."""
    if fmt != REPORT:
        check_output_file(path)
        return
    assert path is not None  # a report is always written to a folder
    if os.path.exists(path) and not os.path.isdir(path):
        raise Refusal(Message("cli.report_is_file", {"output": path}))
    from evaluator._reports.feedback import replaceable

    if os.path.isdir(path) and not replaceable(path):
        raise Refusal(Message("cli.report_folder_in_use", {"output": path}))
    _check_parent(path)


def check_output_file(path: str | None) -> None:
    """Refuse (:class:`~evaluator._core.problems.Refusal`) a file that cannot be written
    (None: stdout, always fine)."""
    if path is None:
        return
    if os.path.isdir(path):
        raise Refusal(Message("cli.output_is_folder", {"output": path}))
    _check_parent(path)


def _check_parent(path: str) -> None:
    params = {"output": path, "folder": os.path.dirname(os.path.abspath(path))}
    if not os.path.isdir(params["folder"]):
        raise Refusal(Message("cli.output_no_folder", params))
    if not os.access(params["folder"], os.W_OK):
        raise Refusal(Message("cli.output_not_writable", params))


def problem_lines(evaluation: Evaluation, lang: str = "zh") -> list[str]:
    """One line each: the inputs that could not be read, the warnings, and why each
    incomplete unit is incomplete."""
    lines = [marked("error", e.located(lang), lang) for e in evaluation.errors]
    lines += [marked("warning", w.text(lang), lang) for w in evaluation.warnings]
    for unit in evaluation.units:
        lines += [marked("warning", f"{unit.id}: {w.text(lang)}", lang) for w in unit.warnings]
    for unit in evaluation.units:
        for indicator in unit.indicators:
            if indicator.status == "error":
                reasons = "; ".join(f.message for f in indicator.findings)
                params = {"unit": unit.id, "indicator": indicator.id, "reasons": reasons}
                lines.append(marked("error", Message("cli.incomplete", params).text(lang), lang))
    return lines
