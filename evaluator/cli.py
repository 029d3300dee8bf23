"""The ``evaluate`` command: argument parsing and output only; the work is in the library.

Imports of the engine happen inside the commands so that ``--help`` and
``--version`` start instantly.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import os
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, BinaryIO, NoReturn, TextIO

from evaluator._core.model import InputError, Message
from evaluator._core.version import __version__

if TYPE_CHECKING:
    from evaluator._core.model import Evaluation
    from evaluator._plugins.loader import Registry
    from evaluator._scoring.engine import Engine, Options
    from evaluator._scoring.spool import UnitSpool

__all__ = ["COMMANDS", "main"]

SCHEMAS = ("submission", "criteria", "dimension", "checklist", "facts", "results")
FORMATS = ("table", "markdown", "csv", "json", "xlsx", "html")
EXTENSIONS = {
    ".json": "json",
    ".csv": "csv",
    ".md": "markdown",
    ".xlsx": "xlsx",
    ".html": "html",
    ".txt": "table",
}
"""The format ``-o FILE`` means when ``--format`` is not given (data contract, version 2)."""

EXIT_OK, EXIT_SOME_FAILED, EXIT_UNUSABLE = 0, 1, 2


class UsageFailure(Exception):
    """Problems that stop the whole run (exit 2): messages, or input errors with their place."""

    def __init__(self, *problems: Message | InputError) -> None:
        super().__init__(*problems)
        self.problems = problems

    def lines(self, lang: str) -> list[str]:
        """Each problem in ``lang``, one line each, safe to print."""
        return [
            _shown(p.located(lang) if isinstance(p, InputError) else p.text(lang))
            for p in self.problems
        ]


def _shown(text: str) -> str:
    """Text for the terminal: a unit's name or path cannot forge a line or send escapes."""
    from evaluator._reports.escaping import display_text

    return display_text(text, limit=2000)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--criteria",
        metavar="DIR",
        default=None,
        help="folder holding scheme.yaml (default: ./criteria)",
    )
    parser.add_argument(
        "--plugins-dir",
        metavar="DIR",
        default=None,
        help="folder of *.py scorer plugins (default: plugins/ beside the criteria folder)",
    )
    parser.add_argument(
        "--no-entry-points",
        action="store_true",
        help="do not load installed plugin packages (entry-point group 'evaluator')",
    )
    parser.add_argument(
        "--disable-plugin",
        metavar="NAME[@WHERE]",
        action="append",
        default=[],
        help="do not load the plugin NAME (as `evaluate plugins` lists it), or only the one "
        "from distribution, module or file WHERE; repeatable",
    )
    parser.add_argument(
        "--max-file-size",
        metavar="BYTES",
        type=_positive_int,
        default=None,
        help="refuse input files larger than this (default: 64 MiB)",
    )
    parser.add_argument(
        "--lang",
        choices=("zh", "en"),
        default="zh",
        help="language of messages and report labels (default: zh)",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks of unexpected errors")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected 1 or more, got {value}")
    return value


def _count(text: str) -> int:
    """A whole number, 0 or more."""
    value = _seed(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected 0 or more, got {value}")
    return value


def _seed(text: str) -> int:
    """Any whole number."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None


def _spread(text: str) -> float:
    """A spread of weights: at least 0 and less than 1 (weights must stay positive)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not 0 <= value < 1:
        raise argparse.ArgumentTypeError(f"expected at least 0 and less than 1, got {text}")
    return value


def _score_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="evaluate",
        description=(
            "Score every unit's submission against the criteria and print ranking "
            "tables, one per kind of unit. Other commands: validate, report, plugins, schema, "
            "init, new-plugin (run `evaluate COMMAND --help`)."
        ),
        epilog="Exit status: 0 everything scored; 1 some submissions invalid or units "
        "incomplete (the rest still scored); 2 nothing could be scored.",
    )
    parser.add_argument("submissions", metavar="SUBMISSIONS", help="folder with one entry per unit")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="output form (default: from the -o file's extension, else table); "
        "xlsx needs -o FILE.xlsx",
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of stdout"
    )
    parser.add_argument(
        "--detail", action="store_true", help="add each unit's lost points (扣分明细)"
    )
    parser.add_argument(
        "--jobs",
        "-j",
        type=_positive_int,
        default=1,
        metavar="N",
        help="score units in N worker processes (default: 1)",
    )
    parser.add_argument(
        "--executor",
        choices=("process", "dask"),
        default="process",
        help="with --jobs or --scheduler: local processes or a Dask cluster",
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="Dask scheduler address (needs evaluator[dask]; implies --executor dask)",
    )
    parser.add_argument("--no-progress", action="store_true", help="never show a progress bar")
    parser.add_argument(
        "--robustness",
        type=_count,
        default=0,
        metavar="N",
        help="add each unit's rank range over N random perturbations of the dimension "
        "weights (default: 0, off)",
    )
    parser.add_argument(
        "--robustness-spread",
        type=_spread,
        default=None,
        metavar="X",
        help="with --robustness: each weight times a factor uniform in [1-X, 1+X] (default: 0.2)",
    )
    parser.add_argument(
        "--robustness-seed",
        type=_seed,
        default=None,
        metavar="S",
        help="with --robustness: seed of the random draws (default: 0)",
    )
    _report_options(parser)
    parser.add_argument("--version", action="version", version=f"evaluate {__version__}")
    _common(parser)
    return parser


def _report_options(parser: argparse.ArgumentParser) -> None:
    """Options of the client reports, shared by scoring and ``evaluate report``."""
    parser.add_argument(
        "--baseline",
        metavar="PREVIOUS.json",
        default=None,
        help="compare with an earlier results file (last year's, or a run before appeals): "
        "previous total, rank, grade and the change per unit, and the units gone",
    )
    parser.add_argument(
        "--template",
        metavar="DIR",
        default=None,
        help="folder of Jinja2 templates replacing the shipped ones of the HTML page and "
        "feedback pages (e.g. base.html with a letterhead); see the README",
    )


def _report_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="evaluate report",
        description="Score, then write one feedback page per unit (一单位一报告): DIR/index.html "
        "and DIR/<unit-id>.html with the unit's total, rank, grade, dimension chart, every "
        "lost point with its records, the findings to verify and the criteria's advice.",
        epilog="The folder is written whole or not at all: a new folder renamed into place. "
        "Exit status as for scoring.",
    )
    parser.add_argument("submissions", metavar="SUBMISSIONS", help="folder with one entry per unit")
    parser.add_argument("-o", "--output", metavar="DIR", required=True, help="folder to write")
    parser.add_argument(
        "--jobs",
        "-j",
        type=_positive_int,
        default=1,
        metavar="N",
        help="score units in N worker processes (default: 1)",
    )
    parser.add_argument("--no-progress", action="store_true", help="never show a progress bar")
    _report_options(parser)
    _common(parser)
    return parser


def _validate_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="evaluate validate",
        description="Check the criteria and every submission without scoring; report every problem "
        "with file, line and column.",
    )
    parser.add_argument("submissions", metavar="SUBMISSIONS", help="folder with one entry per unit")
    _common(parser)
    return parser


def _plugins_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="evaluate plugins",
        description="List loaded plugins with their version, scorers, sections and hooks.",
    )
    parser.add_argument("--json", action="store_true", help="print as JSON")
    _common(parser)
    return parser


def _schema_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="evaluate schema",
        description="Print a JSON Schema, e.g. for yaml-language-server: "
        "`# yaml-language-server: $schema=submission.schema.json`.",
    )
    parser.add_argument("which", choices=SCHEMAS, help="which file's schema")
    _common(parser)
    return parser


def _basic(parser: argparse.ArgumentParser) -> None:
    """``--lang`` and ``--debug``, for commands that load no plugins and no criteria."""
    parser.add_argument(
        "--lang",
        choices=("zh", "en"),
        default="zh",
        help="language of messages (default: zh)",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks of unexpected errors")


def _init_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="evaluate init",
        description="Write a new evaluation folder DIR to start from: the default scheme "
        "(criteria/), one invented example unit per kind (submissions/), an empty plugins/ "
        "and a README. Then: cd DIR && evaluate submissions/",
    )
    parser.add_argument("folder", metavar="DIR", help="folder to write (new, or empty)")
    _basic(parser)
    return parser


def _new_plugin_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="evaluate new-plugin",
        description="Write a plugin package ready to install: pyproject.toml with the entry "
        "point, one section and one scorer with a params schema and its texts, a criteria "
        "snippet, an example evaluation, tests using evaluator.testing and a README. Then: "
        "pip install -e 'DIR[test]' && python -m pytest DIR",
    )
    parser.add_argument(
        "name",
        metavar="NAME",
        help="the plugin's name: its entry point, section and scorer prefix (budget_tables)",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="DIR",
        default=None,
        help="folder to write (new, or empty; default: evaluator-NAME with dashes)",
    )
    parser.add_argument(
        "--title",
        metavar="TEXT",
        default=None,
        help="the section's and dimension's Chinese name (default: NAME)",
    )
    _basic(parser)
    return parser


def _template_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="evaluate template",
        description="Write the fill-in workbook for a unit of one kind: a sheet 单位 (id, name, "
        "kind), one sheet per record list with Chinese headers, dropdowns and date cells, and "
        "a sheet per section with other values. Filled in and saved as "
        "submissions/<unit-id>.xlsx, it is that unit's submission.",
    )
    parser.add_argument(
        "--kind",
        required=True,
        metavar="KIND",
        help="the unit kind (a key of the scheme's unit_types)",
    )
    parser.add_argument(
        "-o", "--output", required=True, metavar="FILE.xlsx", help="where to write the workbook"
    )
    parser.add_argument("--id", default="", metavar="ID", help="fill in the unit id")
    parser.add_argument("--name", default="", metavar="NAME", help="fill in the unit name")
    _common(parser)
    return parser


COMMANDS: dict[str, Callable[[], argparse.ArgumentParser]] = {
    "validate": _validate_parser,
    "plugins": _plugins_parser,
    "schema": _schema_parser,
    "report": _report_parser,
    "init": _init_parser,
    "new-plugin": _new_plugin_parser,
    "template": _template_parser,
}
"""Subcommands besides scoring (``evaluate SUBMISSIONS``), by name."""


def _options(args: argparse.Namespace) -> Options:
    from evaluator._reading.files import DEFAULT_MAX_BYTES
    from evaluator._scoring.engine import Options

    criteria = args.criteria or "criteria"
    if not os.path.isdir(criteria):
        raise UsageFailure(Message("cli.no_criteria", {"folder": criteria}))
    return Options(
        criteria_dir=criteria,
        plugins_dir=_plugins_dir(args),
        entry_points=not args.no_entry_points,
        disabled=tuple(args.disable_plugin),
        max_file_size=args.max_file_size or DEFAULT_MAX_BYTES,
        lang=args.lang,
    )


def _check_submissions(folder: str) -> None:
    """Stop (exit 2) when ``folder`` is not a folder or holds no unit entry at all."""
    from evaluator._inputs.entries import discover

    if not os.path.isdir(folder):
        code = "cli.not_a_folder" if os.path.exists(folder) else "cli.no_such_folder"
        raise UsageFailure(Message(code, {"folder": folder}))
    if not discover(folder):
        raise UsageFailure(Message("cli.no_submissions", {"folder": folder}))


def _plugins_dir(args: argparse.Namespace) -> str | None:
    """``--plugins-dir``, else ``plugins/`` beside the criteria folder when there is one."""
    if args.plugins_dir is not None:
        if not os.path.isdir(args.plugins_dir):
            raise UsageFailure(Message("cli.no_plugins_folder", {"folder": args.plugins_dir}))
        return str(args.plugins_dir)
    criteria = os.path.abspath(args.criteria or "criteria")
    candidate = os.path.join(os.path.dirname(criteria), "plugins")
    return os.path.relpath(candidate) if os.path.isdir(candidate) else None


def _load_registry(args: argparse.Namespace, *, strict: bool = True) -> Registry:
    """The plugins, less those scheme.yaml leaves out (for `plugins` and `schema submission`)."""
    from evaluator._plugins.loader import PluginError, load_plugins
    from evaluator._scheme.criteria import scheme_disabled

    try:
        return load_plugins(
            _plugins_dir(args),
            entry_points=not args.no_entry_points,
            disabled=args.disable_plugin,
            by_scheme=scheme_disabled(args.criteria or "criteria"),
            strict=strict,
        )
    except PluginError as exc:
        raise UsageFailure(*exc.problems) from None


def _load_engine(options: Options) -> Engine:
    from evaluator._plugins.loader import PluginError
    from evaluator._scheme.criteria import SchemeError
    from evaluator._scoring.engine import Engine

    try:
        return Engine.load(options)
    except PluginError as exc:
        raise UsageFailure(*exc.problems) from None
    except SchemeError as exc:
        problems: list[Message | InputError] = list(exc.errors)
        if any(e.code == "scheme.unknown_scorer" for e in exc.errors):
            if options.plugins_dir:
                problems.append(Message("cli.plugins_from", {"folder": options.plugins_dir}))
            else:
                problems.append(Message("cli.plugins_from_nowhere"))
        raise UsageFailure(*problems) from None


@contextlib.contextmanager
def _output(output: str | None, *, bom: bool = False) -> Iterator[TextIO]:
    """A stream to stdout, or to ``output`` atomically: a temp file beside it, renamed
    into place when the block ends normally and removed if it raises."""
    if output is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    encoding = "utf-8-sig" if bom else "utf-8"
    with (
        _atomic_file(output) as handle,
        os.fdopen(handle, "w", encoding=encoding, newline="") as stream,
    ):
        yield stream


@contextlib.contextmanager
def _binary_output(output: str) -> Iterator[BinaryIO]:
    """A binary stream to ``output``, written atomically as :func:`_output` does."""
    with _atomic_file(output) as handle, os.fdopen(handle, "wb") as stream:
        yield stream


@contextlib.contextmanager
def _atomic_file(output: str) -> Iterator[int]:
    """A descriptor of a temp file beside ``output``, renamed into place at the end."""
    folder = os.path.dirname(os.path.abspath(output))
    handle, temporary = tempfile.mkstemp(prefix=".evaluate-", dir=folder)
    try:
        yield handle
        # mkstemp makes the file private (0600); a result file gets the usual mode
        os.chmod(temporary, _file_mode(output))
        os.replace(temporary, output)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def _file_mode(path: str) -> int:
    """The mode to give ``path``: the existing file's, else 0666 less the umask."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _check_output(output: str | None) -> None:
    """Stop (exit 2) before any work when ``-o`` cannot be written."""
    if output is None:
        return
    folder = os.path.dirname(os.path.abspath(output))
    if os.path.isdir(output):
        raise UsageFailure(Message("cli.output_is_folder", {"output": output}))
    if not os.path.isdir(folder):
        raise UsageFailure(Message("cli.output_no_folder", {"output": output, "folder": folder}))
    if not os.access(folder, os.W_OK):
        raise UsageFailure(Message("cli.output_not_writable", {"output": output, "folder": folder}))


class _Progress:
    """A one-line progress bar on stderr, only on a terminal and only after a moment."""

    def __init__(self, enabled: bool, lang: str = "zh") -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.lang = lang
        self.started = time.monotonic()
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or (not self.shown and time.monotonic() - self.started < 0.5):
            return
        self.shown = True
        width = 30
        filled = width * done // max(total, 1)
        count = Message("cli.progress", {"done": done, "total": total}).text(self.lang)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {count}")
        sys.stderr.flush()

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


def _cmd_score(args: argparse.Namespace) -> int:
    from evaluator._scoring.spool import UnitSpool

    _check_submissions(args.submissions)
    _check_destination(args.format, args.output)
    args.format = _resolve_format(args.format, args.output)
    args.loaded_baseline = _read_baseline(args.baseline)
    _check_templates(args.template)
    # Ranking tables show no findings: then units need not keep them (see Options).
    # Output that does show them spools each unit's full result to a temporary file
    # and keeps only its summary, reading it back as it is written (evaluator._scoring.spool).
    shows_findings = args.detail or args.format in ("json", "xlsx", "html", "report")
    options = dataclasses.replace(_options(args), findings=shows_findings)
    engine = _load_engine(options)
    if not shows_findings:
        return _score(args, engine, None)
    with UnitSpool() as spool:
        return _score(args, engine, spool)


def _score(args: argparse.Namespace, engine: Engine, spool: UnitSpool | None) -> int:
    """Score, write the output, report problems on stderr; the exit status."""
    from evaluator._scoring.engine import evaluate

    progress = _Progress(not args.no_progress, args.lang)
    executor: Any = None
    client: Any = None
    if args.scheduler or args.executor == "dask":
        client = _dask_client(args.scheduler)
        # not pure: a unit's result depends on its files, which may change between runs
        executor = client.get_executor(pure=False)
    try:
        evaluation = evaluate(
            engine,
            args.submissions,
            jobs=args.jobs,
            executor=executor,
            progress=progress,
            spool=spool,
        )
    finally:
        progress.close()
        if client is not None:
            client.close()
    if args.robustness:
        evaluation = _with_robustness(evaluation, args)
    _write_output(evaluation, args)
    if args.output or args.format not in ("table", "markdown"):
        _report_problems(evaluation, args.lang)
    return evaluation.exit_status


def _report_problems(evaluation: Evaluation, lang: str) -> None:
    """On stderr, one line each: unreadable inputs, warnings, and why units are incomplete."""
    lines = [_label("error", lang) + e.located(lang) for e in evaluation.errors]
    lines += [_label("warning", lang) + w.text(lang) for w in evaluation.warnings]
    for unit in evaluation.units:
        lines += [_label("warning", lang) + f"{unit.id}: {w.text(lang)}" for w in unit.warnings]
    for unit in evaluation.units:
        for indicator in unit.indicators:
            if indicator.status == "error":
                reasons = "; ".join(f.message for f in indicator.findings)
                where = Message(
                    "cli.incomplete",
                    {"unit": unit.id, "indicator": indicator.id, "reasons": reasons},
                )
                lines.append(_label("error", lang) + where.text(lang))
    for line in lines:
        print(_shown(line), file=sys.stderr)


def _label(kind: str, lang: str) -> str:
    """The ``error: `` / ``warning: `` prefix of a stderr line."""
    return Message(f"cli.{kind}_prefix").text(lang)


# ---------------------------------------------------------------- reports (issue 11)


def _resolve_format(given: str | None, output: str | None) -> str:
    """``--format``, else the ``-o`` file's extension, else table; exit 2 when neither fits."""
    if given == "report":
        return given
    if given is None:
        if output is None:
            return "table"
        extension = os.path.splitext(output)[1].lower()
        if extension not in EXTENSIONS:
            raise UsageFailure(
                Message(
                    "cli.unknown_extension",
                    {"output": output, "extension": extension, "known": list(EXTENSIONS)},
                )
            )
        given = EXTENSIONS[extension]
    if given == "xlsx" and output is None:
        raise UsageFailure(Message("cli.xlsx_needs_output"))
    return given


def _check_destination(fmt: str | None, output: str | None) -> None:
    """Stop (exit 2) before scoring when the file, or the report folder, cannot be written."""
    if fmt != "report":
        _check_output(output)
        return
    assert output is not None  # required by the report parser
    parent = os.path.dirname(os.path.abspath(output))
    if os.path.exists(output) and not os.path.isdir(output):
        raise UsageFailure(Message("cli.report_is_file", {"output": output}))
    from evaluator._reports.feedback import replaceable

    if os.path.isdir(output) and not replaceable(output):
        raise UsageFailure(Message("cli.report_folder_in_use", {"output": output}))
    if not os.path.isdir(parent):
        raise UsageFailure(Message("cli.output_no_folder", {"output": output, "folder": parent}))
    if not os.access(parent, os.W_OK):
        raise UsageFailure(Message("cli.output_not_writable", {"output": output, "folder": parent}))


def _read_baseline(path: str | None) -> Any:
    """The earlier results file of ``--baseline``, read before scoring (exit 2 if unusable)."""
    if path is None:
        return None
    from evaluator._reports.baseline import BaselineError, load_baseline

    try:
        return load_baseline(path)
    except BaselineError as exc:
        raise UsageFailure(Message("cli.baseline_unusable", {"problem": str(exc)})) from None


def _check_templates(folder: str | None) -> None:
    """Stop (exit 2) before scoring when ``--template DIR`` is missing or a template is broken."""
    if folder is None:
        return
    from evaluator._reports.templating import TemplateProblem, check_templates

    try:
        check_templates(folder)
    except TemplateProblem as exc:
        raise UsageFailure(Message("cli.template_unusable", {"problem": str(exc)})) from None


def _write_output(evaluation: Evaluation, args: argparse.Namespace) -> None:
    """Write the evaluation in ``args.format`` to ``-o`` (a file, or the report folder)."""
    baseline = args.loaded_baseline
    if baseline is not None:
        from evaluator._reports.json_results import unit_documents

        units = unit_documents(evaluation, detailed=False, lang=args.lang)
        for difference in baseline.differences(units, args.lang):
            line = f"--baseline {baseline.path}: {difference['message']}"
            print(_shown(_label("warning", args.lang) + line), file=sys.stderr)
    if args.format == "report":
        from evaluator._reports.feedback import write_feedback

        write_feedback(
            evaluation, args.output, lang=args.lang, baseline=baseline, templates=args.template
        )
    elif args.format == "xlsx":
        from evaluator._reports.xlsx import write_xlsx

        with _binary_output(args.output) as binary:
            write_xlsx(evaluation, binary, lang=args.lang, baseline=baseline)
    elif args.format == "html":
        from evaluator._reports.html import write_html

        with _output(args.output) as stream:
            write_html(
                evaluation, stream, lang=args.lang, baseline=baseline, templates=args.template
            )
    else:
        from evaluator._reports.text import write

        with _output(args.output, bom=args.format == "csv") as stream:
            write(
                evaluation,
                args.format,
                stream,
                lang=args.lang,
                detail=args.detail,
                baseline=baseline,
            )


def _cmd_report(args: argparse.Namespace) -> int:
    """``evaluate report``: score as ``evaluate`` does (its defaults), write the feedback folder."""
    defaults = vars(_score_parser().parse_args([args.submissions]))
    merged = argparse.Namespace(**{**defaults, **vars(args), "format": "report"})
    return _cmd_score(merged)


def _with_robustness(evaluation: Evaluation, args: argparse.Namespace) -> Evaluation:
    """The evaluation with rank ranges under ``--robustness N`` perturbed weight vectors."""
    from evaluator._scoring import robustness

    spread = robustness.DEFAULT_SPREAD if args.robustness_spread is None else args.robustness_spread
    seed = robustness.DEFAULT_SEED if args.robustness_seed is None else args.robustness_seed
    analysis = robustness.analyse(
        evaluation.scheme, evaluation.units, draws=args.robustness, spread=spread, seed=seed
    )
    return dataclasses.replace(evaluation, robustness=analysis)


def _dask_client(address: str | None) -> Any:
    import importlib

    try:
        # imported by name: an optional extra, typed or not depending on its version
        distributed: Any = importlib.import_module("distributed")
    except ImportError:
        raise UsageFailure(Message("cli.dask_missing")) from None
    if not address:
        raise UsageFailure(Message("cli.dask_needs_scheduler"))
    return distributed.Client(address)


def _cmd_validate(args: argparse.Namespace) -> int:
    from evaluator._scoring.engine import check

    _check_submissions(args.submissions)
    engine = _load_engine(_options(args))
    validation = check(engine, args.submissions)
    lang = args.lang
    for unit in validation.units:
        for error in unit.errors:
            print(_shown(error.located(lang)))
        places = unit.places or (None,) * len(unit.findings)
        for finding, place in zip(unit.findings, places, strict=True):
            where = str(place) if place is not None else unit.shown
            print(_shown(f"{where}: {_label('warning', lang)}{finding.message}"))
    for stray in validation.strays:
        print(_shown(_label("warning", lang) + stray.text(lang)))
    valid = len(validation.units) - validation.invalid
    summary = Message(
        "cli.validated",
        {"valid": valid, "invalid": validation.invalid, "scheme": engine.scheme.id},
    )
    print(summary.text(lang), file=sys.stderr)
    return validation.exit_status


def _cmd_plugins(args: argparse.Namespace) -> int:
    """List the plugins; broken ones are listed with their problem, not a failure (exit 1)."""
    import json

    from evaluator._plugins.loader import describe

    registry = _load_registry(args, strict=False)
    if not registry.plugins and not registry.problems:
        print(
            "no plugins loaded: no plugins/ folder beside the criteria and no installed "
            "plugin package; pass --plugins-dir DIR",
            file=sys.stderr,
        )
    status = EXIT_SOME_FAILED if registry.problems else EXIT_OK
    if args.json:
        print(json.dumps(describe(registry, args.lang), ensure_ascii=False, indent=2))
        return status
    from tabulate import tabulate

    rows = [
        [
            p.name,
            p.version or "-",
            "\n".join(p.scorers) or "-",
            ", ".join(p.sections) or "-",
            ", ".join(p.hooks),
            p.source,
        ]
        for p in registry.plugins
    ]
    print(
        tabulate(
            rows,
            headers=["plugin", "version", "scorers", "sections", "hooks", "source"],
            tablefmt="simple",
        )
    )
    for kind, found in (
        ("error", registry.problems),
        ("warning", registry.warnings),
        ("note", registry.notes),
    ):
        for message in found:
            print(_shown(_label(kind, args.lang) + message.text(args.lang)), file=sys.stderr)
    return status


def _cmd_schema(args: argparse.Namespace) -> int:
    import json

    from evaluator._scheme.criteria import packaged_schema

    if args.which == "submission":
        from evaluator._inputs.drafts import SubmissionSchema

        registry = _load_registry(args)
        schema: Any = SubmissionSchema(packaged_schema("submission-base"), registry).schema
    elif args.which == "facts":
        from evaluator._scheme.criteria import facts_schema

        schema = facts_schema(_load_registry(args))
    else:
        name = {"criteria": "scheme"}.get(args.which, args.which)
        schema = packaged_schema(name)
    print(json.dumps(schema, ensure_ascii=False, indent=2))
    return EXIT_OK


def _cmd_init(args: argparse.Namespace) -> int:
    """``evaluate init DIR``: the default scheme and example units in a new folder."""
    from evaluator._scaffold.starter import StarterError, write_starter

    try:
        written = write_starter(args.folder)
    except StarterError as exc:
        raise UsageFailure(Message(exc.code, {"folder": exc.folder})) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        params = {"folder": args.folder, "reason": reason}
        raise UsageFailure(Message("cli.cannot_write", params)) from None
    units = [p for p in written if p.parent.name == "submissions" and p.suffix == ".yaml"]
    params = {
        "folder": args.folder,
        "criteria": sum(1 for p in written if "criteria" in p.parts),
        "units": len(units),
    }
    print(_shown(Message("cli.init_done", params).text(args.lang)))
    return EXIT_OK


def _cmd_new_plugin(args: argparse.Namespace) -> int:
    """``evaluate new-plugin NAME``: a plugin package in a new folder."""
    from evaluator._scaffold.new_plugin import name_problem, package_folder, write_plugin

    problem = name_problem(args.name)
    if problem is not None:
        raise UsageFailure(problem)
    folder = args.output or package_folder(args.name)
    try:
        write_plugin(args.name, folder, args.title)
    except FileExistsError:
        raise UsageFailure(Message("cli.folder_in_use", {"folder": folder})) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        params = {"folder": folder, "reason": reason}
        raise UsageFailure(Message("cli.cannot_write", params)) from None
    done = Message("cli.new_plugin_done", {"name": args.name, "folder": folder})
    print(_shown(done.text(args.lang)))
    return EXIT_OK


def _expected_fields(engine: Engine, kind: str, lang: str) -> dict[str, dict[str, str]]:
    """Per section, what the kind's scorers expect where names are open (``Scorer.fields``).

    A plugin's ``fields`` that fails or returns something else only loses its
    rows (the template is still whole), with a warning naming the plugin.
    """
    expected: dict[str, dict[str, str]] = {}
    for indicator in engine.scheme.indicators():
        scorer = engine.registry.scorers[indicator.scorer]
        if scorer.fields is None or scorer.section is None or not indicator.applies(kind):
            continue
        try:
            given = dict(scorer.fields(indicator.params))
            if not all(isinstance(k, str) and isinstance(v, str) for k, v in given.items()):
                raise TypeError("fields() must map dotted paths to texts")
        except Exception as exc:
            plugin = engine.registry.scorer_plugin[indicator.scorer]
            error = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            params = {"plugin": plugin, "scorer": scorer.name, "error": error}
            warning = Message("cli.template_fields_failed", params).text(lang)
            print(_shown(_label("warning", lang) + warning), file=sys.stderr)
            continue
        section = expected.setdefault(scorer.section, {})
        for path, text in given.items():
            section.setdefault(path, text)
    return expected


def _cmd_template(args: argparse.Namespace) -> int:
    from evaluator._reports.template import write_template

    if not args.output.lower().endswith(".xlsx"):
        raise UsageFailure(Message("cli.template_suffix", {"output": args.output}))
    _check_output(args.output)
    engine = _load_engine(_options(args))
    kinds = engine.scheme.unit_types
    if args.kind not in kinds:
        raise UsageFailure(Message("cli.unknown_kind", {"kind": args.kind, "kinds": list(kinds)}))
    order = [engine.registry.scorers[i.scorer].section or "" for i in engine.scheme.indicators()]
    expected = _expected_fields(engine, args.kind, args.lang)
    folder = os.path.dirname(os.path.abspath(args.output))
    handle, temporary = tempfile.mkstemp(prefix=".evaluate-", suffix=".xlsx", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            write_template(
                stream,
                engine.schema.schema,
                kinds,
                args.kind,
                order=list(dict.fromkeys(order)),
                unit_id=args.id,
                unit_name=args.name,
                expected=expected,
            )
        os.chmod(temporary, _file_mode(args.output))
        os.replace(temporary, args.output)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    return EXIT_OK


_HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "validate": _cmd_validate,
    "plugins": _cmd_plugins,
    "schema": _cmd_schema,
    "report": _cmd_report,
    "init": _cmd_init,
    "new-plugin": _cmd_new_plugin,
    "template": _cmd_template,
}


class Terminated(KeyboardInterrupt):
    """The process was asked to end (``SIGTERM``): unwind, removing partial output.

    A kind of interruption, so that everything that lets an interrupt through
    (the per-unit and per-scorer catch-alls) lets this through as well.
    """


def _end_on_sigterm() -> None:
    """Turn ``SIGTERM`` into :class:`Terminated`, so every ``finally`` runs on the way out.

    By default the signal ends the process at once and a half-written ``-o``
    temporary file stays behind; unwinding removes it and ends the workers.
    """
    if threading.current_thread() is not threading.main_thread():
        return  # signal handlers can only be set from the main thread

    def terminate(number: int, frame: object) -> None:
        raise Terminated

    signal.signal(signal.SIGTERM, terminate)


def _ignore_further(number: signal.Signals) -> None:
    """Once the run is ending on a signal, the same signal again is not an error."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(number, signal.SIG_IGN)


def _fail(lines: Sequence[str]) -> NoReturn:
    for line in lines:
        print(f"evaluate: error: {line}", file=sys.stderr)
    raise SystemExit(EXIT_UNUSABLE)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0, 1 or 2)."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    command = arguments[0] if arguments and arguments[0] in COMMANDS else None
    parser = COMMANDS[command]() if command else _score_parser()
    args = parser.parse_args(arguments[1:] if command else arguments)
    handler = _HANDLERS[command] if command else _cmd_score
    _end_on_sigterm()
    try:
        return handler(args)
    except UsageFailure as exc:
        _fail(exc.lines(args.lang))
    except Terminated:
        _ignore_further(signal.SIGTERM)
        print(Message("cli.terminated").text(args.lang), file=sys.stderr)
        return 143  # 128 + SIGTERM
    except KeyboardInterrupt:
        _ignore_further(signal.SIGINT)  # a second Ctrl-C must not break the way out
        print(Message("cli.interrupted").text(args.lang), file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader stopped early (`evaluate ... | head`): not an error to report;
        # point stdout at nothing so the interpreter's final flush cannot fail again
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, as a shell reports a command killed by it
    except Exception as exc:
        if args.debug:
            raise
        error = f"{type(exc).__name__}: {exc}"
        _fail([_shown(Message("cli.unexpected", {"error": error}).text(args.lang))])


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
