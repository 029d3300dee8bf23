"""Running an evaluation: load the scheme and plugins once, then score unit by unit.

The per-unit step, :func:`process_entry`, is a pure function of
(:class:`Options`, entry) to a small result, so any
``concurrent.futures`` executor can run it: each worker process loads the
scheme and plugins once (cached by options) and keeps nothing of a unit after
returning its result. Peak memory is one unit's data per worker plus the
results kept, which a :class:`~evaluator._scoring.spool.UnitSpool` bounds to small summaries.
"""

from __future__ import annotations

import atexit
import collections
import dataclasses
import datetime as dt
import functools
import gc
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from typing import Any

from evaluator import working_days
from evaluator._core.frozen import freeze
from evaluator._core.ids import id_key
from evaluator._core.model import (
    AppliedReview,
    Evaluation,
    Finding,
    Indicator,
    IndicatorResult,
    InputError,
    Location,
    Message,
    Scheme,
    ScorerFailure,
    Submission,
    UnitResult,
    Unscored,
)
from evaluator._core.paths import display_path, show_folder_as, unshow_folder
from evaluator._core.version import __version__
from evaluator._inputs.drafts import SubmissionSchema
from evaluator._inputs.entries import Entry, survey
from evaluator._inputs.evidence_lists import EvidenceRecords, read_evidence_lists
from evaluator._inputs.reviews import Reviews, read_reviews
from evaluator._inputs.submissions import read_submission
from evaluator._inputs.workbook_layout import field_labels
from evaluator._plugins.loader import Registry, load_plugins
from evaluator._reading.files import DEFAULT_MAX_BYTES
from evaluator._reading.native import Death
from evaluator._scheme.criteria import SchemeError, load_scheme, packaged_schema, scheme_disabled
from evaluator._scoring import shipping
from evaluator._scoring.copies import same_files
from evaluator._scoring.coverage import LocatedWarning, SectionCoverage
from evaluator._scoring.failures import FailureLog
from evaluator._scoring.ranking import rank
from evaluator._scoring.reviews import (
    apply_reviews,
    reviews_record,
    unknown_in_reviews,
    unknown_units,
    unscored_decisions,
)
from evaluator._scoring.score import aggregate, score_indicator, unit_evidence, unvetoed_total
from evaluator._scoring.shipping import MAX_UNIT_BYTES
from evaluator._scoring.spool import Packed, Render, UnitSpool, pack
from evaluator._scoring.workers import WINDOW, map_in_workers

__all__ = [
    "Engine",
    "Options",
    "Shipment",
    "UnitCheck",
    "Validation",
    "check",
    "evaluate",
    "generated_at",
    "process_entry",
    "process_shipped",
    "shipment",
]


@dataclass(frozen=True)
class Options:
    """Where the criteria and plugins are, which to leave out, and input limits: all a worker needs.

    ``findings=False`` keeps only the findings of failed indicators: for output
    that shows no lost points (ranking tables), so that a run over thousands of
    units keeps a few hundred bytes per unit instead of every per-record finding.
    """

    criteria_dir: str
    plugins_dir: str | None
    entry_points: bool = True
    disabled: tuple[str, ...] = ()
    max_file_size: int = DEFAULT_MAX_BYTES
    findings: bool = True
    lang: str = "zh"
    evidence_dir: str | None = None
    """The evaluator's evidence folder (``evidence/`` beside the criteria, or ``--evidence``)."""
    reviews_dir: str | None = None
    """The evaluator's review decisions (``reviews/`` beside the criteria, or ``--reviews``)."""


class Engine:
    """A loaded scheme with its plugins, ready to score submissions."""

    def __init__(
        self,
        scheme: Scheme,
        registry: Registry,
        options: Options,
        evidence: EvidenceRecords | None = None,
        reviews: Reviews | None = None,
    ) -> None:
        self.scheme = scheme
        self.registry = registry
        self.options = options
        self.evidence = evidence or EvidenceRecords()
        """The evaluator's record lists (:mod:`~evaluator._inputs.evidence_lists`), by unit."""
        self.reviews = reviews
        """The review decisions (:mod:`~evaluator._inputs.reviews`); ``None``: no reviews folder."""
        self.schema = SubmissionSchema(packaged_schema("submission-base"), registry)
        self._titles = {name: section.title for name, section in registry.sections.items()}

    @classmethod
    def load(cls, options: Options) -> Engine:
        """Load plugins (less those the scheme leaves out), the scheme, then the evaluator's
        record lists and review decisions; raises ``PluginError``, or ``SchemeError`` (a bad
        list's cells too, and a decision naming an indicator or a code nothing knows)."""
        registry = load_plugins(
            options.plugins_dir,
            entry_points=options.entry_points,
            disabled=options.disabled,
            by_scheme=scheme_disabled(options.criteria_dir),
        )
        scheme = load_scheme(options.criteria_dir, registry)
        evidence, errors = read_evidence_lists(
            options.evidence_dir, registry.evidence, options.max_file_size
        )
        reviews, problems = read_reviews(options.reviews_dir, options.max_file_size)
        errors += problems
        if reviews is not None and not problems:
            errors += unknown_in_reviews(reviews, scheme, registry)
        if errors:
            raise SchemeError(errors)
        return cls(scheme, registry, options, evidence, reviews)

    def score(self, submission: Submission) -> UnitResult:
        """Score one unit (unranked, ungraded): never raises for a scorer's failure."""
        unit = submission.unit
        # the unit is warned of the unknown years its own scoring used: not of one that work
        # done before it in this process used (another unit's reading, a plugin, a test)
        working_days.take_unknown_years()
        # read-only, so that no scorer can change what the next one reads
        submission = dataclasses.replace(submission, sections=freeze(submission.sections))
        evidence = unit_evidence(
            submission,
            self.scheme,
            self.options.evidence_dir,
            self.options.max_file_size,
            lists=self.evidence.for_unit(unit.id),
        )
        decisions = self.reviews.for_unit(unit.id) if self.reviews is not None else ()
        # a unit with decisions keeps its findings until they are matched
        keep = self.options.findings or bool(decisions)
        indicators = {i.id: i for i in self.scheme.indicators() if i.applies(unit.type)}

        def scored(
            indicator: Indicator, claims: Mapping[str, bool] | None = None
        ) -> IndicatorResult:
            scorer = self.registry.scorers[indicator.scorer]
            return score_indicator(
                indicator,
                scorer,
                self.registry.scorer_plugin[indicator.scorer],
                submission,
                self.scheme,
                catalogue=self.registry.catalogue,
                lang=self.options.lang,
                findings=keep,
                section_title=self._titles.get(scorer.section or "", ""),
                evidence=evidence,
                claim_reviews=claims,
            )

        results = [scored(indicator) for indicator in indicators.values()]
        applied: tuple[AppliedReview, ...] | None = None if self.reviews is None else ()
        refused: tuple[InputError, ...] = ()
        if decisions:
            vetoes = {i: self.registry.scorers[indicators[i].scorer].veto_codes for i in indicators}
            results, applied, refused = apply_reviews(
                decisions, results, lambda which, claims: scored(indicators[which], claims), vetoes
            )
        dimensions, total, vetoed, status = aggregate(self.scheme, unit.type, results)
        guessed = working_days.take_unknown_years()
        nothing = (Message("unit.nothing_applicable"),) if total is None else ()
        warnings = (
            submission.warnings
            + nothing
            + tuple(Message("unit.calendar_unknown", {"year": year}) for year in guessed)
        )
        result = UnitResult(
            id=unit.id,
            name=unit.name,
            type=unit.type,
            total=total if status == "ok" else None,
            rank=None,
            grade=None,
            vetoed=vetoed,
            status=status,
            dimensions=dimensions,
            indicators=tuple(results),
            source_path=submission.path,
            source_sha256=submission.sha256,
            warnings=warnings,
            source_files=submission.files,
            record_digests=submission.record_digests,
            unvetoed_total=unvetoed_total(self.scheme, unit.type, results, total)
            if status == "ok"
            else None,
            reviews=applied,
            review_problems=refused,
        )
        return result if self.options.findings else result.without_findings()

    def section_of(self, indicator_id: str) -> str | None:
        """The submission section the scorer of an indicator reads."""
        for indicator in self.scheme.indicators():
            if indicator.id == indicator_id:
                return self.registry.scorers[indicator.scorer].section
        return None

    def process(self, entry: Entry, shown: str) -> UnitResult | tuple[InputError, ...]:
        """Read and score one entry: its result, or every error that kept it from scoring."""
        read = read_submission(
            entry, self.scheme, self.schema, shown_as=shown, max_bytes=self.options.max_file_size
        )
        if isinstance(read, list):
            return tuple(read)
        return self.score(read)


_engines: dict[Options, Engine] = {}


def process_entry(
    options: Options, entry: Entry, shown: str
) -> UnitResult | tuple[InputError, ...]:
    """Score one entry in this process, loading (once per process) the engine for ``options``.

    Never raises for what a unit's files or a plugin do: anything that escapes
    reading and scoring (a bug, ``MemoryError``, a plugin's ``sys.exit()``)
    becomes this unit's error, so that no unit can lose another its result.
    Only an interruption (``KeyboardInterrupt``) goes through.
    """
    engine = _engines.get(options)
    if engine is None:
        engine = _engines[options] = Engine.load(options)
    # A unit's records are thousands of small acyclic dicts, freed by reference
    # counting when the unit is done; the cycle collector would only rescan them
    # (and every result kept so far) over and over, at up to a third of the run time.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return engine.process(entry, shown)
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # the unit's error, whatever it was
        return (unit_failed(shown, exc),)
    finally:
        if collecting:
            gc.enable()


def unit_failed(shown: str, exc: BaseException | None) -> InputError:
    """The error of a unit whose reading or scoring failed (``None``: its worker died)."""
    if exc is None:
        return unit_died(shown, Death("", None, None, None))
    error = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return InputError(Location(shown), "unit.failed", {"error": error})


def unit_died(shown: str, death: Death) -> InputError:
    """The error of a unit whose worker died twice: at the workbook it was reading, if any."""
    cause = death.signal or (f"exit status {death.status}" if death.status is not None else "?")
    if death.reading is None:
        return InputError(Location(shown), "unit.worker_died", {"signal": cause})
    params = {
        "signal": cause,
        "memory": "word.out_of_memory" if death.out_of_memory else "",
        "asked": death.asked or 0,
    }
    workbook = death.reading.lower().endswith((".xlsx", ".xls", ".ods"))
    code = "sheet.reader_died" if workbook else "file.reader_died"
    return InputError(Location(death.reading), code, params)


def _in_workers(
    engine: Engine,
    entries: list[Entry],
    shown: list[str],
    jobs: int,
    spool: UnitSpool | None = None,
) -> Iterator[UnitResult | Packed | tuple[InputError, ...]]:
    """Each entry read and scored in ``jobs`` worker processes (one for ``--jobs 1``), in order.

    A worker that dies (a native reader's abort, the kernel's OOM killer) costs
    only the unit it was scoring, which is reported where it died. Entries go
    to the workers in chunks by the size of their files
    (:func:`~evaluator._scoring.workers.chunks`); with ``spool``, each result
    comes back packed for it (:func:`~evaluator._scoring.spool.pack`, rendered
    by the spool's ``render``), so that the work of storing it is the worker's.
    """
    options = _portable(engine)
    function: Callable[[tuple[Entry, str]], UnitResult | Packed | tuple[InputError, ...]]
    if spool is None:
        function = functools.partial(_process_pair, options)
    else:
        function = functools.partial(_process_packed, options, spool.render, spool.lean)
    return map_in_workers(
        function,
        [(_absolute(e), s) for e, s in zip(entries, shown, strict=True)],
        jobs=max(1, jobs),
        died=lambda pair, death: (unit_died(pair[1], death),),
        sizes=[_size(e) for e in entries],
    )


def _process_pair(options: Options, pair: tuple[Entry, str]) -> UnitResult | tuple[InputError, ...]:
    return process_entry(options, *pair)


def _process_packed(
    options: Options, render: Render | None, lean: bool, pair: tuple[Entry, str]
) -> Packed | tuple[InputError, ...]:
    """:func:`process_entry`, its result packed for the spool in this (the worker) process."""
    outcome = process_entry(options, *pair)
    if not isinstance(outcome, UnitResult):
        return outcome
    try:
        return pack(outcome, render, lean=lean)
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # a render that fails is the unit's error, as scoring's are
        return (unit_failed(pair[1], exc),)


def _size(entry: Entry) -> int:
    """The bytes of an entry's files (its own and, for a folder, those beside it), to chunk by."""
    try:
        if entry.form != "folder":
            return os.path.getsize(entry.path)
        with os.scandir(entry.folder) as found:
            return sum(f.stat().st_size for f in found if f.is_file())
    except OSError:
        return 0  # reading it will say what is wrong


def generated_at() -> str:
    """Now in UTC, ISO 8601; fixed by ``SOURCE_DATE_EPOCH`` for reproducible output."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = (
        dt.datetime.fromtimestamp(int(epoch), dt.UTC)
        if epoch and epoch.strip().isdigit()
        else dt.datetime.now(dt.UTC)
    )
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def evaluate(
    engine: Engine,
    directory: str,
    *,
    jobs: int = 1,
    executor: Executor | None = None,
    progress: Callable[[int, int], None] | None = None,
    spool: UnitSpool | None = None,
    shipped: Any = None,
) -> Evaluation:
    """Score every unit in ``directory``; errors in one unit never lose the others.

    Units are scored in ``jobs`` local worker processes, one for ``jobs=1`` (see
    :mod:`evaluator._scoring.workers`: a worker that dies, a native reader's abort
    included, costs at most the unit that killed it); ``executor`` (a Dask
    client's, say) scores wherever it runs tasks. Results are the same either
    way, byte for byte. With ``shipped`` (the engine's :func:`shipment`, or what
    stands for it on the executor's side: a Dask future), the executor's workers
    are sent each unit's files as bytes and need no access to this disk
    (:mod:`~evaluator._scoring.shipping`).

    With ``spool``, each unit's full result goes to the spool as soon as it is
    scored and the evaluation keeps only its summary (see :mod:`evaluator._scoring.spool`):
    memory then stays bounded however many units there are, and the evaluation's
    details can be read while the spool is open. Without, every unit's full
    result is kept in memory (or, with ``Options(findings=False)``, only its summary).
    """
    entries, strays = survey(directory)
    shown = [display_path(e.path) for e in entries]
    outcomes: Iterable[UnitResult | Packed | tuple[InputError, ...]]
    if executor is not None:
        outcomes = _mapped(executor, engine, entries, shown, shipped)
    else:
        outcomes = _in_workers(engine, entries, shown, jobs, spool)
    present = {id_key(e.name) for e in entries}
    if engine.reviews is not None:
        unknown = unknown_units(engine.reviews, present)
        if unknown:
            raise SchemeError(unknown)
    units: list[UnitResult] = []
    errors: list[InputError] = []
    unscored: list[Unscored] = []
    stale: list[InputError] = []
    failures = FailureLog()
    for done, (entry, outcome) in enumerate(zip(entries, outcomes, strict=True), start=1):
        if not isinstance(outcome, tuple):
            # a summary keeps the findings of failed indicators, all the failure log reads
            unit = spool.put(outcome) if spool is not None else _unpacked(outcome)
            failures.add(unit)
            units.append(unit)
            stale += [p for p in unit.review_problems if p.code == "review.stale"]
            errors += [p for p in unit.review_problems if p.code != "review.stale"]
        else:
            errors.extend(outcome)
            unscored.append(Unscored(entry.name, outcome))
            if engine.reviews is not None:
                stale += unscored_decisions(engine.reviews.for_unit(entry.name))
        if progress:
            progress(done, len(entries))
    warnings = list(engine.registry.warnings) + list(strays)
    warnings += [
        Message("run.facts_unknown_unit", {"id": unit})
        for unit in sorted(engine.scheme.unit_facts)
        if id_key(unit) not in present
    ]
    warnings += list(engine.evidence.warnings)
    warnings += [
        Message("run.evidence_unknown_unit", {"id": unit, "files": sorted(engine.evidence.files)})
        for unit in sorted(engine.evidence.units() - present)
    ]
    record = None if engine.reviews is None else reviews_record(engine.reviews, stale)
    if engine.reviews is not None and record is not None:
        warnings += list(engine.reviews.warnings)
        warnings += [
            Message("review.stale", {**s.params, "at": f"{s.location}: "}) for s in record.stale
        ]
    warnings += _shared_names(units)
    units = same_files(units)
    if not entries:
        errors.append(InputError(Location(directory), "run.no_submissions"))
    return Evaluation(
        scheme=engine.scheme,
        engine_version=__version__,
        generated_at=generated_at(),
        units=rank(engine.scheme, units),
        errors=tuple(errors),
        plugins=tuple(engine.registry.plugins),
        warnings=tuple(warnings),
        details=spool,
        failures=failures.failures(),
        unscored=tuple(unscored),
        reviews=record,
        record_names=_record_names(engine),
    )


def _unpacked(outcome: UnitResult | Packed) -> UnitResult:
    """A result kept in memory: only a spooled run packs, so never packed in fact."""
    return outcome.summary if isinstance(outcome, Packed) else outcome


def _record_names(engine: Engine) -> dict[str, str]:
    """How the pages name a finding's record that is no record of the unit's: a submission
    field by its label, a checklist item by its name."""
    items = {i.id: i.name for c in engine.scheme.checklists.values() for i in c.items}
    return {**items, **field_labels(engine.schema.schema)}


def _shared_names(units: Iterable[UnitResult]) -> list[Message]:
    """A warning for each unit name two units share: a copied file, or a mistake."""
    ids: dict[str, list[str]] = {}
    for unit in units:
        ids.setdefault(unit.name, []).append(unit.id)
    return [
        Message("unit.duplicate_name", {"name": name, "ids": sorted(owners)})
        for name, owners in sorted(ids.items())
        if len(owners) > 1
    ]


def _portable(engine: Engine) -> Options:
    """The engine's options with absolute folders, registered so forked workers reuse it.

    A worker's current folder need not be ours (a Dask worker's is not).
    """
    options = dataclasses.replace(
        engine.options,
        criteria_dir=os.path.abspath(engine.options.criteria_dir),
        plugins_dir=engine.options.plugins_dir and os.path.abspath(engine.options.plugins_dir),
        evidence_dir=engine.options.evidence_dir and os.path.abspath(engine.options.evidence_dir),
        reviews_dir=engine.options.reviews_dir and os.path.abspath(engine.options.reviews_dir),
    )
    _engines[options] = engine  # worker processes forked from here need not load it again
    return options


def _absolute(entry: Entry) -> Entry:
    """``entry`` with absolute paths; shown paths, computed here, keep results as serial ones."""
    here = os.getcwd()
    return dataclasses.replace(
        entry, path=os.path.join(here, entry.path), folder=os.path.join(here, entry.folder)
    )


def _mapped(
    executor: Executor,
    engine: Engine,
    entries: list[Entry],
    shown: list[str],
    shipped: Any = None,
) -> Iterator[UnitResult | tuple[InputError, ...]]:
    """Results in entry order from ``executor``, a bounded number of units in flight.

    A task that fails on the executor's side (a Dask worker lost, say) is that
    unit's error; the other units are still scored. With ``shipped``, each
    unit's files go with its task (:func:`process_shipped`).
    """
    options = _portable(engine)
    pending: collections.deque[tuple[str, Future[UnitResult | tuple[InputError, ...]] | None]]
    pending = collections.deque()
    ready: dict[str, tuple[InputError, ...]] = {}  # units not sent, and why

    def finished() -> UnitResult | tuple[InputError, ...]:
        name, future = pending.popleft()
        if future is None:
            return ready.pop(name)
        try:
            return future.result()
        except Exception as exc:
            return (unit_failed(name, exc),)

    for entry, name in zip(entries, shown, strict=True):
        if shipped is None:
            pending.append((name, executor.submit(process_entry, options, _absolute(entry), name)))
        else:
            pending.append((name, _ship(executor, shipped, entry, name, engine, ready)))
        if len(pending) >= WINDOW:
            yield finished()
    while pending:
        yield finished()


def _ship(
    executor: Executor,
    shipped: Any,
    entry: Entry,
    name: str,
    engine: Engine,
    ready: dict[str, tuple[InputError, ...]],
) -> Future[UnitResult | tuple[InputError, ...]] | None:
    """The task scoring ``entry`` from its files sent as bytes; ``None``, with why in ``ready``,
    when they cannot be sent (unreadable here, or over :data:`MAX_UNIT_BYTES`)."""
    try:
        unit = _shipped_unit(entry, engine.options.max_file_size)
    except OSError as exc:  # read as the worker would have: the unit's error
        ready[name] = (unit_failed(name, exc),)
        return None
    if unit.packed is not None and unit.packed.size > MAX_UNIT_BYTES:
        params = {"size": unit.packed.size, "limit": MAX_UNIT_BYTES}
        ready[name] = (InputError(Location(name), "unit.too_large_to_send", params),)
        return None
    return executor.submit(process_shipped, shipped, unit, name)


@dataclass(frozen=True)
class Shipment:
    """What each Dask worker is sent once: the options, and the folders they name as bytes
    (the :class:`Options` field, its files, and how this process shows the folder)."""

    options: Options
    folders: tuple[tuple[str, shipping.Packed, str], ...]

    @property
    def key(self) -> tuple[Options, tuple[str, ...]]:
        return self.options, tuple(packed.digest for _, packed, _ in self.folders)


def shipment(engine: Engine) -> Shipment:
    """The engine's folders (criteria, plugins, evidence, reviews) packed for workers."""
    options = engine.options
    folders = []
    for field in ("criteria_dir", "plugins_dir", "evidence_dir", "reviews_dir"):
        folder = getattr(options, field)
        if folder:
            packed = shipping.pack(folder, options.max_file_size)
            folders.append((field, packed, display_path(folder)))
    return Shipment(options, tuple(folders))


@dataclass(frozen=True)
class ShippedUnit:
    """One unit's entry, its files (``None`` for an entry with a problem: nothing is read)
    and how this process shows the folder they are in."""

    entry: Entry
    packed: shipping.Packed | None
    shown_folder: str


def _shipped_unit(entry: Entry, max_file_size: int) -> ShippedUnit:
    if entry.problem is not None:
        return ShippedUnit(entry, None, "")
    only = None if entry.form == "folder" else os.path.basename(entry.path)
    packed = shipping.pack(entry.folder, max_file_size, only)
    return ShippedUnit(entry, packed, display_path(entry.folder))


_options_unpacked: dict[tuple[Options, tuple[str, ...]], Options] = {}


def _options_here(shipped: Shipment) -> Options:
    """The shipment's options, its folders unpacked here (once per process)."""
    options = _options_unpacked.get(shipped.key)
    if options is None:
        top = tempfile.mkdtemp(prefix="evaluator-shipped-")
        atexit.register(shutil.rmtree, top, True)  # when the worker process ends
        changes: dict[str, Any] = {}
        for field, packed, shown in shipped.folders:
            here = os.path.join(top, field, os.path.basename(getattr(shipped.options, field)))
            os.makedirs(here)
            shipping.unpack(packed, here, os.path.join(top, "links", field))
            show_folder_as(here, shown)
            changes[field] = here
        options = _options_unpacked[shipped.key] = dataclasses.replace(shipped.options, **changes)
    return options


def process_shipped(
    shipped: Shipment, unit: ShippedUnit, shown: str
) -> UnitResult | tuple[InputError, ...]:
    """:func:`process_entry` on a worker that has only the bytes sent: the unit's files are
    unpacked into a temporary folder, read and scored there, and removed."""
    try:
        options = _options_here(shipped)
    except OSError as exc:
        return (unit_failed(shown, exc),)
    if unit.packed is None:
        return process_entry(options, unit.entry, shown)
    top = tempfile.mkdtemp(prefix="evaluator-unit-")
    folder = os.path.join(top, "unit")
    try:
        shipping.unpack(unit.packed, folder, os.path.join(top, "links"))
        show_folder_as(folder, unit.shown_folder)
        path = os.path.join(folder, os.path.basename(unit.entry.path))
        entry = dataclasses.replace(unit.entry, path=path, folder=folder)
        return process_entry(options, entry, shown)
    except OSError as exc:
        return (unit_failed(shown, exc),)
    finally:
        unshow_folder(folder)
        shutil.rmtree(top, ignore_errors=True)


@dataclass(frozen=True)
class UnitCheck:
    """What checking one entry found: why it cannot be scored, or what looks impossible.

    ``findings`` are the ``integrity.`` findings its scorers raised (values that
    cannot be true together, an item not on the checklist ...): the unit is
    valid, but its author should look at them before handing it in.
    ``warnings`` (about the unit's file, ``shown``) name each section the
    scheme scores for its kind that it did not send (``validate.section_missing``).
    """

    shown: str
    errors: tuple[InputError, ...] = ()
    findings: tuple[Finding, ...] = ()
    places: tuple[Location | None, ...] = ()
    """Where each finding's first record is in the unit's files, when it could be found."""
    warnings: tuple[Message, ...] = ()


@dataclass(frozen=True)
class Validation:
    """Every entry of a submissions folder checked, and the entries that are not units.

    ``unsent`` warns, at a dimension's entry in ``scheme.yaml``, of each section
    it scores that no valid unit sent (``validate.section_unsent``);
    ``failures`` are the scorers that raised, each once.
    """

    units: tuple[UnitCheck, ...]
    strays: tuple[Message, ...]
    unsent: tuple[LocatedWarning, ...] = ()
    failures: tuple[ScorerFailure, ...] = ()

    @property
    def invalid(self) -> int:
        return sum(1 for u in self.units if u.errors)

    @property
    def exit_status(self) -> int:
        """0 when every entry is a valid unit; 1 otherwise (warnings alone do not count)."""
        return 1 if self.invalid or self.strays or not self.units else 0


def _places(
    engine: Engine, entry: Entry, shown: str, found: Sequence[tuple[Finding, str | None]]
) -> tuple[Location | None, ...]:
    """Where each finding's first record is, in its scorer's section of the unit's files."""
    if entry.form == "workbook" or not found:
        return (None,) * len(found)
    from evaluator._inputs.locate import locate_all  # only when something is to be shown

    folder = entry.folder if entry.form == "folder" else None
    wanted = [
        (section or "", [str(r) for r in f.records] if section else []) for f, section in found
    ]
    return tuple(
        locate_all(
            entry.path,
            folder,
            wanted,
            engine.schema.tables_of,
            shown,
            max_bytes=engine.options.max_file_size,
        )
    )


def check(engine: Engine, directory: str) -> Validation:
    """Check every unit of ``directory`` as a run would read it, in one pass per unit.

    Units are read in a worker process, as a run reads them (a reader's abort
    costs only its unit). A unit that reads is also scored, so that what its scorers find impossible
    (``integrity.`` findings: ``connected`` above ``calls``, a reply before its
    request) is reported now, while it can still be fixed, rather than in the
    published results; so is each section the scheme scores that a unit, or
    every unit, did not send. Nothing is ranked or written.
    """
    entries, strays = survey(directory)
    shown = [display_path(e.path) for e in entries]
    outcomes = _in_workers(engine, entries, shown, 1)
    registry = engine.registry
    reads = {name: scorer.section for name, scorer in registry.scorers.items()}
    titles = {name: section.title for name, section in registry.sections.items()}
    coverage = SectionCoverage(engine.scheme, reads, titles)
    failures = FailureLog()
    checks: list[UnitCheck] = []
    for entry, name, scored in zip(entries, shown, outcomes, strict=True):
        if isinstance(scored, tuple):
            checks.append(UnitCheck(name, errors=scored))
            continue
        outcome = _unpacked(scored)  # not spooled: never packed
        seen: dict[tuple[str, str], tuple[Finding, str | None]] = {}
        for indicator in outcome.indicators:
            section = engine.section_of(indicator.id)
            for finding in indicator.findings:
                if finding.code.startswith("integrity."):
                    seen.setdefault((finding.code, finding.message), (finding, section))
        places = _places(engine, entry, name, list(seen.values()))
        findings = tuple(f for f, _ in seen.values())
        missing = coverage.add(outcome)
        failures.add(outcome)
        checks.append(UnitCheck(name, findings=findings, places=places, warnings=missing))
    notes = tuple(registry.warnings) + tuple(strays)
    return Validation(tuple(checks), notes, coverage.unsent(), failures.failures())
