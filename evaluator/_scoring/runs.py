"""A run from the folders a user named: options, plugins, the engine, then scoring or checking.

What the command line calls. Every problem that stops a run before it starts is
a :class:`~evaluator._core.problems.Refusal` (exit 2): no criteria folder, a
broken plugin, criteria naming a scorer no plugin has (with where plugins were
looked for), no units to score, no Dask to score on.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import importlib
import importlib.metadata
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

from evaluator._core.model import Evaluation, InputError, Message, ScorerFailure
from evaluator._core.paths import show_folder_as
from evaluator._core.problems import Refusal, marked
from evaluator._inputs.entries import has_entries
from evaluator._inputs.urls import copy_folder, is_url
from evaluator._plugins.loader import ENTRY_POINT_GROUP, PluginError, Registry, load_plugins
from evaluator._reading.files import DEFAULT_MAX_BYTES
from evaluator._scheme.criteria import SchemeError, scheme_disabled
from evaluator._scoring.engine import Engine, Options, check, evaluate, shipment
from evaluator._scoring.progress import ProgressBar
from evaluator._scoring.robustness import with_rank_ranges
from evaluator._scoring.shipping import version_problems, worker_versions
from evaluator._scoring.spool import Render, UnitSpool

__all__ = [
    "check_submissions",
    "evidence_folder",
    "load_engine",
    "load_registry",
    "localized",
    "plugins_folder",
    "reviews_folder",
    "run_options",
    "scored",
    "validated",
]


def run_options(
    criteria: str | None,
    plugins_dir: str | None,
    *,
    entry_points: bool = True,
    disabled: Sequence[str] = (),
    max_file_size: int | None = None,
    lang: str = "zh",
    findings: bool = True,
    evidence: str | None = None,
    reviews: str | None = None,
) -> Options:
    """The options of a run on ``criteria`` (default ``./criteria``), plugins as
    :func:`plugins_folder` finds them, the evaluator's evidence as
    :func:`evidence_folder` does and its review decisions as :func:`reviews_folder`
    does; refused when a folder is missing."""
    folder = criteria or "criteria"
    if not os.path.isdir(folder):
        raise Refusal(Message("cli.no_criteria", {"folder": folder}))
    return Options(
        criteria_dir=folder,
        plugins_dir=plugins_folder(criteria, plugins_dir),
        entry_points=entry_points,
        disabled=tuple(disabled),
        max_file_size=max_file_size or DEFAULT_MAX_BYTES,
        findings=findings,
        lang=lang,
        evidence_dir=evidence_folder(criteria, evidence),
        reviews_dir=reviews_folder(criteria, reviews),
    )


BESIDE_CRITERIA = {"plugins_dir": "plugins", "evidence": "evidence", "reviews": "reviews"}
"""The folders found beside the criteria folder when no option names them, by option
(``argparse`` name): locally (:func:`_folder_beside`) and beside a criteria URL."""


def evidence_folder(criteria: str | None, evidence: str | None) -> str | None:
    """``evidence`` (refused when missing), else ``evidence/`` beside the criteria folder
    when there is one (relative to the current folder), else None."""
    return _folder_beside(criteria, evidence, BESIDE_CRITERIA["evidence"], "cli.no_evidence_folder")


def reviews_folder(criteria: str | None, reviews: str | None) -> str | None:
    """``reviews`` (refused when missing), else ``reviews/`` beside the criteria folder
    when there is one (relative to the current folder), else None."""
    return _folder_beside(criteria, reviews, BESIDE_CRITERIA["reviews"], "cli.no_reviews_folder")


def plugins_folder(criteria: str | None, plugins_dir: str | None) -> str | None:
    """``plugins_dir`` (refused when missing), else ``plugins/`` beside the criteria folder
    when there is one (relative to the current folder), else None."""
    return _folder_beside(
        criteria, plugins_dir, BESIDE_CRITERIA["plugins_dir"], "cli.no_plugins_folder"
    )


def _folder_beside(criteria: str | None, given: str | None, name: str, missing: str) -> str | None:
    """``given`` (refused with ``missing`` when it is no folder), else the folder ``name``
    beside the criteria folder when there is one, relative to the current folder."""
    if given is not None:
        if not os.path.isdir(given):
            raise Refusal(Message(missing, {"folder": given}))
        return str(given)
    beside = os.path.join(os.path.dirname(os.path.abspath(criteria or "criteria")), name)
    return os.path.relpath(beside) if os.path.isdir(beside) else None


def load_registry(
    criteria: str | None,
    plugins_dir: str | None,
    *,
    entry_points: bool = True,
    disabled: Sequence[str] = (),
    strict: bool = True,
) -> Registry:
    """The plugins alone, found as :func:`plugins_folder` says, less those the scheme's
    ``disable_plugins`` leaves out (the one key of the criteria read here).

    With ``strict``, a broken plugin refuses the run; else it is one of the
    registry's problems (what ``evaluate plugins`` lists).
    """
    folder = plugins_folder(criteria, plugins_dir)
    try:
        return load_plugins(
            folder,
            entry_points=entry_points,
            disabled=disabled,
            by_scheme=scheme_disabled(criteria or "criteria"),
            strict=strict,
        )
    except PluginError as exc:
        raise Refusal(*exc.problems) from None


def load_engine(options: Options) -> Engine:
    """The scheme and plugins of ``options``, loaded; refused with every problem found.

    When the criteria name a scorer no plugin has, the refusal also says where
    plugins were looked for.
    """
    try:
        return Engine.load(options)
    except PluginError as exc:
        raise Refusal(*exc.problems) from None
    except SchemeError as exc:
        problems: list[Message | InputError] = list(exc.errors)
        if any(e.code == "scheme.unknown_scorer" for e in exc.errors):
            if options.plugins_dir:
                problems.append(Message("cli.plugins_from", {"folder": options.plugins_dir}))
            else:
                problems.append(Message("cli.plugins_from_nowhere"))
        raise Refusal(*problems) from None


def check_submissions(folder: str) -> None:
    """Refuse a ``folder`` that is not a folder or holds no unit entry at all."""
    if not os.path.isdir(folder):
        code = "cli.not_a_folder" if os.path.exists(folder) else "cli.no_such_folder"
        raise Refusal(Message(code, {"folder": folder}))
    if not has_entries(folder):
        raise Refusal(Message("cli.no_submissions", {"folder": folder}))


@contextlib.contextmanager
def scored(
    engine: Engine,
    folder: str,
    *,
    jobs: int = 1,
    dask: bool = False,
    scheduler: str | None = None,
    progress: bool = False,
    lang: str = "zh",
    robustness: int = 0,
    spread: float | None = None,
    seed: int | None = None,
    render: Render | None = None,
) -> Iterator[Evaluation]:
    """Every unit of ``folder`` scored; render the evaluation inside the block.

    Units are scored in ``jobs`` local processes, or with ``dask`` (implied by
    ``scheduler``, its address) on a Dask cluster: that needs the extra
    ``evaluator[dask]`` and a scheduler, refused without; the workers are sent
    the files as bytes and must have the plugins' distributions installed at
    the versions loaded here (:func:`check_workers`). ``progress`` shows a
    bar on a terminal (:mod:`.progress`) while scoring. When the engine keeps
    findings, full results are spooled (:mod:`.spool`) and read back while the
    block renders them. ``robustness`` adds each unit's rank range over that many
    perturbed weight vectors (:func:`~evaluator._scoring.robustness.with_rank_ranges`).
    ``render`` is what local workers render of each unit for the output to write as it is
    (the spool's, :mod:`.spool`).
    """
    # an output rendered in the workers reads every unit back: lean summaries, unless the
    # rank ranges, which read every summary's indicators, are asked for too
    lean = render is not None and not robustness
    spool = (
        UnitSpool(render=render, lean=lean) if engine.options.findings else contextlib.nullcontext()
    )
    with spool as kept:
        client = _dask_client(scheduler) if dask or scheduler else None
        try:
            shipped = None if client is None else _shipped_to(client, engine)
            with ProgressBar(progress, lang) as bar, _refused_reviews():
                evaluation = evaluate(
                    engine,
                    folder,
                    jobs=jobs,
                    # not pure: a unit's result depends on its files, which may change
                    executor=None if client is None else client.get_executor(pure=False),
                    progress=bar,
                    spool=kept,
                    shipped=shipped,
                )
        finally:
            if client is not None:
                client.close()
        if robustness:
            evaluation = with_rank_ranges(evaluation, robustness, spread=spread, seed=seed)
        yield evaluation


@contextlib.contextmanager
def _refused_reviews() -> Iterator[None]:
    """A review decision naming a unit the submissions folder does not hold refuses the run."""
    try:
        yield
    except SchemeError as exc:
        raise Refusal(*exc.errors) from None


def _shipped_to(client: Any, engine: Engine) -> Any:
    """The engine's folders sent once to every worker (a Dask future), after checking them."""
    check_workers(client, engine.registry)
    return client.scatter(shipment(engine), broadcast=True)


def check_workers(client: Any, registry: Registry) -> None:
    """Refuse the run unless every worker has this evaluator and each distribution the
    loaded plugins come from installed at the version loaded here (``cli.dask_worker_version``,
    naming the worker). Plugins of a plugins folder are sent with it, not checked."""
    loaded = {plugin.name for plugin in registry.plugins}
    wanted = worker_versions(["evaluator"])
    for entry in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
        if entry.name in loaded and entry.dist is not None:
            wanted[entry.dist.name] = entry.dist.version
    found = client.run(worker_versions, sorted(wanted))
    problems = version_problems(wanted, found)
    if problems:
        raise Refusal(*problems)


def localized(args: argparse.Namespace) -> argparse.Namespace:
    """``args`` with each URL among the evaluator's folders (:data:`URL_ARGUMENTS`) copied
    here (:func:`~evaluator._inputs.urls.copy_folder`), for the command's lifetime.

    The folders beside a criteria URL (``plugins``, ``evidence``, ``reviews``) are
    copied beside its copy when there are any and no option names them, as
    local ones are found beside a local criteria folder.
    """
    given = {key: getattr(args, key, None) for key in URL_ARGUMENTS}
    urls = {key: v for key, v in given.items() if isinstance(v, str) and is_url(v)}
    if not urls:
        return args
    top = tempfile.mkdtemp(prefix="evaluator-urls-")
    atexit.register(shutil.rmtree, top, True)
    cap = getattr(args, "max_file_size", None) or DEFAULT_MAX_BYTES
    changed: dict[str, str] = {}
    for number, key in enumerate(sorted(urls)):
        parent, _, name = urls[key].rstrip("/").rpartition("/")
        here = os.path.join(top, str(number))
        copy_folder(urls[key], os.path.join(here, name), cap)
        show_folder_as(here, parent)
        changed[key] = os.path.join(here, name)
        if key != "criteria":
            continue
        for option, beside in BESIDE_CRITERIA.items():
            if hasattr(args, option) and given[option] is None and _is_folder(parent, beside):
                copy_folder(f"{parent}/{beside}", os.path.join(here, beside), cap)
    return argparse.Namespace(**{**vars(args), **changed})


URL_ARGUMENTS = ("submissions", "criteria", "plugins_dir", "evidence", "reviews")
"""The options (``argparse`` names) that may be URLs: the evaluator's own folders."""


def _is_folder(parent: str, name: str) -> bool:
    """Whether ``parent/name`` is a folder that can be listed (a URL)."""
    fsspec: Any = importlib.import_module("fsspec")
    try:
        fs, path = fsspec.core.url_to_fs(f"{parent}/{name}")
        return bool(fs.isdir(path))
    except Exception:  # unreachable, or refused: as a missing folder beside local criteria
        return False


def _dask_client(address: str | None) -> Any:
    try:
        # imported by name: an optional extra, typed or not depending on its version
        distributed: Any = importlib.import_module("distributed")
    except ImportError:
        raise Refusal(Message("cli.dask_missing")) from None
    if not address:
        raise Refusal(Message("cli.dask_needs_scheduler"))
    return distributed.Client(address)


class Validated(NamedTuple):
    """What ``evaluate validate`` says: its lines, the summary, the exit status, and the
    scorers that raised (worded by the command line, with ``--debug`` their tracebacks)."""

    lines: list[str]
    summary: Message
    status: int
    failures: Sequence[ScorerFailure]


def validated(engine: Engine, folder: str, lang: str = "zh") -> Validated:
    """Check every unit of ``folder`` without ranking (:func:`~evaluator._scoring.engine.check`).

    The lines are each problem, one per line: located input errors, each
    ``integrity.`` finding at the record it names and the unit's warnings (a
    section the scheme scores that it did not send), then each section no unit
    sent, at its dimension in the scheme, then the entries that are not units.
    """
    validation = check(engine, folder)
    lines: list[str] = []
    for unit in validation.units:
        lines += [error.located(lang) for error in unit.errors]
        places = unit.places or (None,) * len(unit.findings)
        for finding, place in zip(unit.findings, places, strict=True):
            where = str(place) if place is not None else unit.shown
            lines.append(f"{where}: {marked('warning', finding.message, lang)}")
        lines += [f"{unit.shown}: {marked('warning', w.text(lang), lang)}" for w in unit.warnings]
    lines += [
        f"{gap.location}: {marked('warning', gap.message.text(lang), lang)}"
        for gap in validation.unsent
    ]
    lines += [marked("warning", stray.text(lang), lang) for stray in validation.strays]
    valid = len(validation.units) - validation.invalid
    params = {"valid": valid, "invalid": validation.invalid, "scheme": engine.scheme.id}
    summary = Message("cli.validated", params)
    return Validated(lines, summary, validation.exit_status, validation.failures)
