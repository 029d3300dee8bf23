"""The ``evaluate`` command: parse the arguments, call the library, map outcomes to exit statuses.

One parser (:func:`build_parser`) has a subcommand per command; options several
commands take come from parent parsers, so a new shared option is one
``add_argument`` in its parent. Scoring needs no command word (``evaluate
SUBMISSIONS``, see :func:`parse`). The library refuses what cannot run with a
:class:`~evaluator._core.problems.Refusal` (exit 2). The engine is imported
inside the commands, so that ``--help`` and ``--version`` start instantly.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from evaluator._core.arguments import spread as _spread
from evaluator._core.arguments import whole as _whole
from evaluator._core.model import Message
from evaluator._core.problems import Refusal, marked
from evaluator._core.version import __version__
from evaluator._reports import audience, letterhead
from evaluator._reports.output import FORMATS, REPORT
from evaluator._reports.reading import ABOUT as READING
from evaluator._reports.reading import add_options as add_reading_options
from evaluator._reports.review_template import add_options as add_review_template_options
from evaluator._reports.schemas import SCHEMAS
from evaluator._scoring.interrupts import end_on_sigterm, interrupted

if TYPE_CHECKING:
    from evaluator._plugins.loader import Registry
    from evaluator._scoring.engine import Engine

__all__ = ["SCORE", "build_parser", "main", "parse", "subcommands"]

SCORE = "score"
"""Scoring's subcommand, which users never type: arguments that name no command are its own."""
EXIT_OK, EXIT_SOME_FAILED, EXIT_UNUSABLE = 0, 1, 2
EXIT_STATUS = (
    "Exit status: 0 everything scored; 1 some submissions invalid or units incomplete (the "
    "rest still scored); 2 nothing could be scored."
)


def _shown(text: str) -> str:
    """Text for the terminal: a unit's name or path cannot forge a line or send escapes."""
    from evaluator._reports.escaping import display_text

    return display_text(text, limit=2000)


def _say(*lines: str, to: TextIO | None = None) -> None:
    """Print each line, :func:`_shown`, to stdout (or ``to``)."""
    for line in lines:
        print(_shown(line), file=to or sys.stdout)


# ---------------------------------------------------------------- the parser


def _parent(title: str | None = None) -> tuple[argparse.ArgumentParser, Callable[..., Any]]:
    """A parent parser of shared options, and how to add one (to its group ``title``)."""
    parent = argparse.ArgumentParser(add_help=False)
    return parent, (parent.add_argument_group(title) if title else parent).add_argument


def _submissions() -> argparse.ArgumentParser:
    parent, add = _parent()
    add("submissions", metavar="SUBMISSIONS", help="folder with one entry per unit")
    return parent


# The option tables below keep each option to its flags and settings on one line and
# its help on the next, as a table reads; the formatter would give every setting a line.


def _criteria_options() -> argparse.ArgumentParser:
    """Where the criteria and plugins are, which plugins to leave out, how big a file may be."""
    parent, add = _parent("criteria and plugins")
    # fmt: off
    add("--criteria", metavar="DIR", help="folder holding scheme.yaml (default: ./criteria)")
    add("--plugins-dir", metavar="DIR",
        help="folder of *.py scorer plugins (default: plugins/ beside the criteria folder)")
    add("--no-entry-points", action="store_true",
        help="do not load installed plugin packages (entry-point group 'evaluator')")
    add("--disable-plugin", metavar="NAME[@WHERE]", action="append", default=[],
        help="do not load the plugin NAME (as `evaluate plugins` lists it), or only the one "
        "from distribution, module or file WHERE; repeatable")
    add("--max-file-size", metavar="BYTES", type=_whole(1),
        help="refuse input files larger than this (default: 64 MiB)")
    # fmt: on
    return parent


def _scoring_options() -> argparse.ArgumentParser:
    parent, add = _parent("scoring")
    # fmt: off
    add("--jobs", "-j", type=_whole(1), default=1, metavar="N",
        help="score units in N worker processes (default: 1)")
    add("--no-progress", action="store_true", help="never show a progress bar")
    add("--evidence", metavar="DIR", help="the evaluator's evidence folder (default: evidence/ "
        "beside the criteria folder): annual_reports/<unit-id>.<ext> wins over a unit's copy")
    add("--reviews", metavar="DIR", help="the review decisions (复核) to apply on top of "
        "scoring (default: reviews/ beside the criteria folder)")
    # fmt: on
    return parent


def _report_options() -> argparse.ArgumentParser:
    parent, add = _parent("client reports")
    # fmt: off
    add("--baseline", metavar="PREVIOUS.json",
        help="compare with an earlier results file (last year's, or a run before appeals): "
        "previous total, rank, grade and the change per unit, and the units gone")
    add("--template", metavar="DIR",
        help="folder of Jinja2 templates replacing the shipped ones of the HTML page and "
        "feedback pages (e.g. base.html with a letterhead); see the README")
    letterhead.add_options(add)
    # fmt: on
    audience.add_options(add)
    return parent


def _message_options(lang_help: str) -> argparse.ArgumentParser:
    """``--lang`` (helped as ``lang_help``) and ``--debug``: every command's."""
    parent, add = _parent("messages")
    add("--lang", choices=("zh", "en"), default="zh", help=lang_help)
    add("--debug", action="store_true", help="show tracebacks of unexpected errors")
    return parent


def _add_score_options(add: Callable[..., Any]) -> None:
    # fmt: off
    add("--format", choices=FORMATS,
        help="output form (default: from the -o file's extension, else table); "
        "xlsx needs -o FILE.xlsx")
    add("-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of stdout")
    add("--detail", action="store_true", help="add each unit's lost points (扣分明细)")
    add("--executor", choices=("process", "dask"), default="process",
        help="with --jobs or --scheduler: local processes or a Dask cluster")
    add("--scheduler", metavar="ADDRESS",
        help="Dask scheduler address (needs evaluator[dask]; implies --executor dask)")
    add("--robustness", type=_whole(0), default=0, metavar="N",
        help="add each unit's rank range over N random perturbations of the dimension "
        "weights (default: 0, off)")
    add("--robustness-spread", type=_spread, metavar="X",
        help="with --robustness: each weight times a factor uniform in [1-X, 1+X] (default: 0.2)")
    add("--robustness-seed", type=_whole(), metavar="S",
        help="with --robustness: seed of the random draws (default: 0)")
    add("--version", action="version", version=f"evaluate {__version__}")
    # fmt: on


_ABOUT = {
    SCORE: (
        "score and print ranking tables, one per kind of unit",
        "Score every unit's submission against the criteria and print ranking tables, one per "
        "kind of unit.",
    ),
    "report": (
        "score, then write one feedback page per unit (一单位一报告)",
        "Score, then write one feedback page per unit (一单位一报告): DIR/index.html and "
        "DIR/<unit-id>.html with the unit's total, rank, grade, dimension chart, every lost "
        "point with its records, the findings to verify and the criteria's advice.",
    ),
    "validate": (
        "check the criteria and every submission without scoring",
        "Check the criteria and every submission without scoring; report every problem with "
        "file, line and column.",
    ),
    "template": (
        "write the fill-in workbook for a unit of one kind, or the evaluator's evidence workbook",
        "Write the fill-in workbook for a unit of one kind: a sheet 单位 (id, name, kind), one "
        "sheet per record list with Chinese headers, dropdowns and date cells, and a sheet per "
        "section with other values. Filled in and saved as submissions/<unit-id>.xlsx, it is "
        "that unit's submission. With --evidence: the evaluator's workbook, a sheet per evidence "
        "list (验证性申请), a block of rows per unit of --submissions DIR, for evidence/. With "
        "--reviews --from RESULTS.json: the reviewer's workbook of decisions (复核), for reviews/.",
    ),
    "plugins": (
        "list the loaded plugins: version, scorers, sections, hooks, source",
        "List loaded plugins with their version, scorers, sections and hooks.",
    ),
    "schema": (
        "print a JSON Schema, e.g. for an editor",
        "Print a JSON Schema, e.g. for yaml-language-server: "
        "`# yaml-language-server: $schema=submission.schema.json`.",
    ),
    "init": (
        "write a new evaluation folder to start from",
        "Write a new evaluation folder DIR to start from: the default scheme (criteria/), one "
        "invented example unit per kind (submissions/), an empty plugins/ and a README. Then: "
        "cd DIR && evaluate submissions/",
    ),
    "new-plugin": (
        "write a plugin package ready to install",
        "Write a plugin package ready to install: pyproject.toml with the entry point, one "
        "section and one scorer with a params schema and its texts, a criteria snippet, an "
        "example evaluation, tests using evaluator.testing and a README. Then: "
        "pip install -e 'DIR[test]' && python -m pytest DIR",
    ),
    "annual-report": READING,
}
"""Each command's summary (its line in ``evaluate --help``) and description (its ``--help``)."""


class _Help(argparse.HelpFormatter):
    """Help text reflowed as usual, except paragraphs of indented lines (the commands)."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        fill = super()._fill_text
        return "\n\n".join(
            "\n".join(indent + line for line in part.splitlines())
            if part.startswith("  ")
            else fill(part, width, indent)
            for part in text.split("\n\n")
        )


def build_parser() -> argparse.ArgumentParser:
    """The ``evaluate`` parser: a subcommand per command, shared options from parent parsers.

    Each subcommand's ``run`` default carries it out. Scoring's subcommand is
    :data:`SCORE`, shown as plain ``evaluate``; its help lists the other commands.
    """
    submissions, criteria, scoring = _submissions(), _criteria_options(), _scoring_options()
    reports = _report_options()
    labels = _message_options("language of messages and report labels (default: zh)")
    messages = _message_options("language of messages (default: zh)")
    parser = argparse.ArgumentParser(prog="evaluate", add_help=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(
        name: str, run: Callable[..., int], *parents: argparse.ArgumentParser, **more: Any
    ) -> Callable[..., Any]:
        """Add the command ``name`` (texts from :data:`_ABOUT`); how to add its own options."""
        summary, description = _ABOUT[name]
        made = commands.add_parser(
            name, help=summary, description=description, parents=parents, **more
        )
        made.set_defaults(run=run)
        return made.add_argument

    _add_score_options(
        command(SCORE, _score, submissions, scoring, reports, criteria, labels, prog="evaluate")
    )
    command(
        "report",
        _report,
        *(submissions, scoring, reports, criteria, labels),
        epilog="The folder is written whole or not at all: a new folder renamed into place. "
        "Exit status as for scoring.",
    )("-o", "--output", metavar="DIR", required=True, help="folder to write")
    command("validate", _validate, submissions, criteria, labels)
    # fmt: off
    add = command("template", _template, criteria, labels)
    add("--kind", metavar="KIND",
        help="the unit kind: a key of the scheme's unit_types or its name (街道办事处)")
    add("--evidence", dest="evidence_book", action="store_true",
        help="write the evaluator's evidence workbook instead (a sheet per evidence list)")
    add("--submissions", metavar="DIR", help="with --evidence: a block of rows per unit of DIR")
    add("-o", "--output", required=True, metavar="FILE.xlsx", help="where to write the workbook")
    add("--id", dest="unit_id", default="", metavar="ID", help="fill in the unit id")
    add("--name", dest="unit_name", default="", metavar="NAME", help="fill in the unit name")
    add_review_template_options(add)
    command("plugins", _plugins, criteria, labels)(
        "--json", action="store_true", help="print as JSON")
    command("schema", _schema, criteria, labels)(
        "which", choices=SCHEMAS, help="which file's schema")
    command("init", _init, messages)(
        "folder", metavar="DIR", help="folder to write (new, or empty)")
    add = command("new-plugin", _new_plugin, messages)
    add("name", metavar="NAME",
        help="the plugin's name: its entry point, section and scorer prefix (budget_tables)")
    add("-o", "--output", metavar="DIR",
        help="folder to write (new, or empty; default: evaluator-NAME with dashes)")
    add("--title", metavar="TEXT",
        help="the section's and dimension's Chinese name (default: NAME)")
    # fmt: on
    add_reading_options(command("annual-report", _annual_report, criteria, labels))
    score = subcommands(parser)[SCORE]
    score.formatter_class, score.epilog = _Help, _listing() + "\n\n" + EXIT_STATUS
    return parser


def _listing() -> str:
    """The commands besides scoring with their summaries, one a line (``evaluate --help``)."""
    others = {name: summary for name, (summary, _) in _ABOUT.items() if name != SCORE}
    width = max(map(len, others)) + 2
    lines = [f"  {name.ljust(width)}{summary}" for name, summary in others.items()]
    return "Other commands (`evaluate COMMAND --help` for each):\n\n" + "\n".join(lines)


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """The subcommands of :func:`build_parser`'s parser by name, :data:`SCORE` first."""
    found = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(found.choices)


def parse(arguments: Sequence[str]) -> argparse.Namespace:
    """``arguments`` parsed: exits 2 with the usage on bad ones, 0 after ``--help``/``--version``.

    Arguments whose first names no command are scoring's: ``evaluate SUBMISSIONS``
    is ``score SUBMISSIONS`` to the parser (a folder may be called ``score``).
    """
    parser = build_parser()
    commands = subcommands(parser)
    given = list(arguments)
    if not given or given[0] not in commands or given[0] == SCORE:
        given.insert(0, SCORE)
    args, unknown = parser.parse_known_args(given)
    if unknown:  # told by the command's own parser, under its own usage
        commands[args.command].error(f"unrecognized arguments: {' '.join(unknown)}")
    return args


# ---------------------------------------------------------------- the commands


def _engine(args: argparse.Namespace, *, findings: bool = True) -> Engine:
    """The criteria and plugins the options name, loaded (``findings``: kept for output)."""
    from evaluator._scoring.runs import load_engine, run_options

    options = run_options(
        args.criteria,
        args.plugins_dir,
        entry_points=not args.no_entry_points,
        disabled=args.disable_plugin,
        max_file_size=args.max_file_size,
        lang=args.lang,
        findings=findings,
        evidence=getattr(args, "evidence", None),
        reviews=getattr(args, "reviews", None),
    )
    return load_engine(options)


def _registry(args: argparse.Namespace, *, strict: bool = True) -> Registry:
    """The plugins the options name, without the criteria."""
    from evaluator._scoring.runs import load_registry

    entry_points, disabled = not args.no_entry_points, args.disable_plugin
    return load_registry(
        args.criteria, args.plugins_dir, entry_points=entry_points, disabled=disabled, strict=strict
    )


def _score(args: argparse.Namespace) -> int:
    """``evaluate SUBMISSIONS``: score, write the results, report problems on stderr."""
    from evaluator._reports.failures import failure_lines
    from evaluator._reports.output import prepare_output
    from evaluator._scoring.runs import check_submissions, scored

    check_submissions(args.submissions)
    keys = ("lang", "detail", "baseline", "brand", "internal", "public")
    given = {key: getattr(args, key) for key in keys}
    output = prepare_output(args.format, args.output, templates=args.template, **given)
    with scored(
        _engine(args, findings=output.shows_findings),
        args.submissions,
        jobs=args.jobs,
        dask=args.executor == "dask",
        scheduler=args.scheduler,
        progress=not args.no_progress,
        lang=args.lang,
        robustness=args.robustness,
        spread=args.robustness_spread,
        seed=args.robustness_seed,
        render=output.rendered_in_workers,
    ) as evaluation:
        _say(*output.differences(evaluation), to=sys.stderr)
        output.write(evaluation)
        _say(*output.problems(evaluation), to=sys.stderr)
        _say(*failure_lines(evaluation.failures, args.lang, debug=args.debug), to=sys.stderr)
    return evaluation.exit_status


def _report(args: argparse.Namespace) -> int:
    """``evaluate report``: score as ``evaluate`` does (its defaults), write the feedback folder."""
    scoring = subcommands(build_parser())[SCORE]
    defaults = vars(scoring.parse_args(["--", args.submissions]))  # any name, even `validate`
    return _score(argparse.Namespace(**{**defaults, **vars(args), "format": REPORT}))


def _validate(args: argparse.Namespace) -> int:
    from evaluator._reports.failures import failure_lines
    from evaluator._scoring.runs import check_submissions, validated

    check_submissions(args.submissions)
    report = validated(_engine(args), args.submissions, args.lang)
    _say(*report.lines)
    _say(*failure_lines(report.failures, args.lang, debug=args.debug), to=sys.stderr)
    print(report.summary.text(args.lang), file=sys.stderr)
    return report.status


def _plugins(args: argparse.Namespace) -> int:
    """List the plugins; broken ones are listed with their problem, not a failure (exit 1)."""
    from evaluator._plugins.listing import plugin_listing

    registry = _registry(args, strict=False)
    listing, said = plugin_listing(registry, args.lang, as_json=args.json)
    print(listing)
    _say(*said, to=sys.stderr)
    return EXIT_SOME_FAILED if registry.problems else EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    import json

    from evaluator._reports.schemas import json_schema

    schema = json_schema(args.which, lambda: _registry(args))
    print(json.dumps(schema, ensure_ascii=False, indent=2))
    return EXIT_OK


def _init(args: argparse.Namespace) -> int:
    from evaluator._scaffold.folders import start_evaluation

    _say(start_evaluation(args.folder).text(args.lang))
    return EXIT_OK


def _new_plugin(args: argparse.Namespace) -> int:
    from evaluator._scaffold.folders import start_plugin

    _say(start_plugin(args.name, args.output, args.title).text(args.lang))
    return EXIT_OK


def _template(args: argparse.Namespace) -> int:
    from evaluator._reports.template import template_command

    keys = ("kind", "unit_id", "unit_name", "submissions", "reviews_book", "results")
    given = {key: getattr(args, key) for key in keys}
    written, warnings = template_command(
        args.output, lambda: _engine(args), evidence=args.evidence_book, **given
    )
    _say(*(marked("warning", w.text(args.lang), args.lang) for w in warnings), to=sys.stderr)
    _say(written.text(args.lang))
    return EXIT_OK


def _annual_report(args: argparse.Namespace) -> int:
    from evaluator._reports.reading import read_report

    json, registry = args.format == "json", _registry(args)
    said = read_report(registry, args.file, args.year, args.kind, as_json=json, lang=args.lang)
    print(said.out, end="")  # JSON, or text made safe line by line (escaping.display_text)
    _say(*said.err, to=sys.stderr)
    return said.status


# ---------------------------------------------------------------- running


def _fail(lines: Sequence[str]) -> NoReturn:
    for line in lines:
        print(f"evaluate: error: {_shown(line)}", file=sys.stderr)
    raise SystemExit(EXIT_UNUSABLE)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0, 1 or 2; 130, 141 or 143 cut short)."""
    args = parse(sys.argv[1:] if argv is None else argv)
    end_on_sigterm()  # so that every `finally` runs: no partial output, no worker left
    try:
        from evaluator._scoring.runs import localized  # URL folders, copied here

        status: int = args.run(localized(args))
        return status
    except Refusal as exc:
        _fail(exc.lines(args.lang))
    except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM as Terminated
        status, said = interrupted(exc)
        print(said.text(args.lang), file=sys.stderr)
        return status
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
        _fail([Message("cli.unexpected", {"error": error}).text(args.lang)])


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
