"""One scorer at a time, as the engine runs it: :func:`load_plugin` and :class:`PluginUnderTest`."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from evaluator._core.frozen import freeze
from evaluator._core.messages import Catalogue
from evaluator._core.model import (
    Checklist,
    Dimension,
    Finding,
    Grade,
    Indicator,
    IndicatorResult,
    InputError,
    Location,
    Scheme,
    SelfClaims,
    SmallCounts,
    Submission,
    Unit,
)
from evaluator._inputs.drafts import Draft, SubmissionSchema, finish_submission
from evaluator._inputs.entries import Entry
from evaluator._plugins.loader import Registry, load_plugins
from evaluator._reading.validation import convert, validate
from evaluator._reading.yaml_reader import Positions
from evaluator._scheme.criteria import facts_schema, packaged_schema
from evaluator._scheme.params import (
    check_params,
    checked_params,
    small_counts_problem,
    veto_mismatch,
    written_params,
)
from evaluator._scoring.score import score_indicator, scoring_context
from evaluator.plugin_api import Outcome, Scorer, ScoringContext, Section

__all__ = [
    "DEFAULT_UNIT",
    "DEFAULT_UNIT_TYPES",
    "InvalidInput",
    "PluginSource",
    "PluginUnderTest",
    "codes",
    "finding",
    "load_plugin",
]

PluginSource = str | os.PathLike[str] | ModuleType | object
"""A plugin to test: the path of a plugin file, an imported module, or a plugin object."""

DEFAULT_UNIT_TYPES: Mapping[str, str] = {"bureau": "区政府工作部门", "street": "街道办事处"}
"""The unit kinds of a test scheme unless given: those of the shipped default scheme."""
DEFAULT_UNIT = Unit("test-unit", "测试单位", "bureau")
"""The unit a context is built for unless given."""


class InvalidInput(ValueError):
    """Data or params the engine would refuse: ``errors`` lists each, as a run reports it."""

    def __init__(self, errors: Sequence[InputError]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(error.located("en") for error in self.errors))


def load_plugin(*sources: PluginSource) -> PluginUnderTest:
    """Load plugins exactly as the engine does, and only these (no installed package).

    Each source is the path of a plugin file (imported as ``--plugins-dir``
    imports it, named by its file name), an imported module or a plugin
    object (named by its module's last name). Give several when a scorer
    reads a section another plugin registers. A plugin the engine would refuse
    raises :class:`~evaluator._plugins.loader.PluginError`, its ``problems`` worded as
    a run words them.
    """
    files: list[str] = []
    extra: list[tuple[str, object, str]] = []
    for source in sources:
        if isinstance(source, str | os.PathLike):
            files.append(os.fspath(source))
        else:
            module = source.__name__ if isinstance(source, ModuleType) else type(source).__module__
            extra.append((module.rsplit(".", 1)[-1], source, module))
    registry = load_plugins(None, entry_points=False, files=files, extra=extra)
    return PluginUnderTest(registry)


def codes(result: IndicatorResult | Outcome) -> list[str]:
    """The codes of a result's findings, in order: what tests pin."""
    return [finding.code for finding in result.findings]


@dataclass(frozen=True)
class PluginUnderTest:
    """Loaded plugins, and their scorers run one indicator at a time as a run runs them.

    :meth:`context` builds the :class:`~evaluator.plugin_api.ScoringContext` a
    run would give a scorer; :meth:`score` scores through the engine itself
    (findings worded from the plugins' texts, deductions apportioned, one-record
    findings of one code merged). Both take
    the section's data as a submission writes it (dates as ``"2016-03-01"`` or
    ``datetime.date``), validate and convert it against the section's schema,
    validate the params and fill their defaults, and make both read-only.
    """

    registry: Registry
    plugins: Mapping[str, object] = field(init=False)

    def __post_init__(self) -> None:
        plugins = dict(self.registry.manager.list_name_plugin())
        object.__setattr__(self, "plugins", plugins)

    @property
    def scorers(self) -> Mapping[str, Scorer]:
        """Every loaded scorer, by name."""
        return self.registry.scorers

    @property
    def sections(self) -> Mapping[str, Section]:
        """Every loaded section, by name."""
        return self.registry.sections

    @property
    def catalogue(self) -> Catalogue:
        """The engine's texts and the plugins' (``register_messages``)."""
        return self.registry.catalogue

    def scorer(self, name: str) -> Scorer:
        """The scorer ``name``; a ``KeyError`` names the loaded ones."""
        try:
            return self.registry.scorers[name]
        except KeyError:
            known = ", ".join(sorted(self.registry.scorers)) or "none"
            raise KeyError(f"no scorer {name!r} is loaded (loaded: {known})") from None

    def context(self, scorer: str | Scorer, data: Any, **settings: Any) -> ScoringContext:
        """The context a run gives ``scorer`` for one unit whose section holds ``data``.

        ``settings`` (all optional): ``params`` (as the criteria write them),
        ``max_points`` (100), ``unit`` (:data:`DEFAULT_UNIT`), ``year`` (2016),
        ``as_of`` (2017-01-10), ``regime`` (``ogi-2008``), ``precision`` (2),
        ``unit_types`` (:data:`DEFAULT_UNIT_TYPES`), ``checklists`` (by id),
        ``facts`` (as ``criteria/facts.yaml`` gives one unit's), ``submission``
        (the unit's other sections, validated the same way), ``indicator``
        (``test_indicator``), ``veto`` (the scorer's ``vetoes``: a run refuses
        any other), ``small_counts`` (as the criteria write it:
        ``{"below": 5, "per_case": 4, "cap": 10}``) and ``self_claims``
        (``trusted``, or ``strict``: the scheme's policy on the unit's own
        classes). :class:`InvalidInput` when a run would refuse the data, the
        params, the veto or the small-count rule.
        """
        chosen = self._scorer(scorer)
        if chosen.section is not None and data is None:
            raise ValueError(
                f"{chosen.name} reads the section {chosen.section!r}: a run never calls it "
                "without one; give data, or see the no-data result with score()"
            )
        indicator, submission, scheme = self._prepared(chosen, data, settings)
        return scoring_context(indicator, chosen, submission, scheme)

    def score(
        self,
        scorer: str | Scorer,
        data: Any,
        *,
        lang: str = "zh",
        catch: bool = False,
        **settings: Any,
    ) -> IndicatorResult:
        """Score one indicator through the engine, as a run does.

        Takes :meth:`context`'s ``settings``. ``data=None`` is a unit that did not
        submit the section. The result's findings are worded in ``lang`` from the
        plugins' texts, their deductions apportioned to add up to the points
        lost, and those of one code naming one record each merged into one. An
        exception the scorer raises goes through, with its traceback into the
        plugin's code, so that a test fails where the plugin did;
        ``catch=True`` gives instead what a run records: status ``error``, the
        error located in an ``engine.scorer_failed`` finding.
        """
        __tracebackhide__ = True  # pytest: the failure is the plugin's, not this frame's
        chosen = self._scorer(scorer)
        indicator, submission, scheme = self._prepared(chosen, data, settings)
        plugin = self.registry.scorer_plugin.get(chosen.name, "test")
        catalogue = self.registry.catalogue
        section = self.registry.sections.get(chosen.section or "")
        return score_indicator(
            indicator,
            chosen,
            plugin,
            submission,
            scheme,
            catalogue=catalogue,
            lang=lang,
            section_title=section.title if section else "",
            raising=not catch,
        )

    # ------------------------------------------------------------ building what a run builds

    def _scorer(self, scorer: str | Scorer) -> Scorer:
        return self.scorer(scorer) if isinstance(scorer, str) else scorer

    def _prepared(
        self, scorer: Scorer, data: Any, settings: Mapping[str, Any]
    ) -> tuple[Indicator, Submission, Scheme]:
        known = {
            "params",
            "max_points",
            "unit",
            "year",
            "as_of",
            "regime",
            "precision",
            "unit_types",
            "checklists",
            "facts",
            "submission",
            "indicator",
            "veto",
            "small_counts",
            "self_claims",
        }
        unknown = sorted(set(settings) - known)
        if unknown:
            raise TypeError(f"unknown settings {unknown} (known: {', '.join(sorted(known))})")
        ident = settings.get("indicator", "test_indicator")
        params, errors = checked_params(
            _as_written(settings.get("params") or {}), scorer, Positions(), "params", ident
        )
        facts, found = self._facts(settings.get("facts") or {})
        errors += found
        veto = bool(settings.get("veto", scorer.vetoes))
        plugin = self.registry.scorer_plugin.get(scorer.name, "test")
        mismatch = veto_mismatch(ident, veto, scorer, plugin)
        if mismatch is not None:
            errors.append(InputError(Location("veto"), *mismatch))
        points = float(settings.get("max_points", 100.0))
        small = settings.get("small_counts")
        rule, found = _small_counts(small, ident, points, scorer, plugin)
        errors += found
        if errors:
            raise InvalidInput(errors)
        indicator = Indicator(
            id=ident,
            name=ident,
            dimension="test",
            scorer=scorer.name,
            points=points,
            veto=veto,
            applies_to=None,
            params=params,
            location=Location("params"),
            small_counts=rule,
        )
        scheme = _scheme(settings, indicator, facts)
        written = written_params(_as_written(settings.get("params") or {}), scorer)
        problems = check_params(indicator, written, scorer, plugin, scheme, self.registry.catalogue)
        if problems:
            raise InvalidInput(problems)
        sections = dict(settings.get("submission") or {})
        if scorer.section is not None and data is not None:
            sections[scorer.section] = data
        submission = self._submission(settings.get("unit") or DEFAULT_UNIT, sections, scheme)
        return indicator, submission, scheme

    def _submission(self, unit: Unit, sections: Mapping[str, Any], scheme: Scheme) -> Submission:
        """The unit's submission read as a run reads a YAML file; ``InvalidInput`` if refused."""
        document = {"unit": {"id": unit.id, "name": unit.name, "type": unit.type}}
        document |= _as_written(sections)
        draft = Draft(document, Positions(), [], [], [], [], [], [], "")
        entry = Entry(unit.id, "submission", "", form="file")
        schema = SubmissionSchema(packaged_schema("submission-base"), self.registry)
        read = finish_submission(draft, entry, scheme, schema, "submission")
        if isinstance(read, list):
            raise InvalidInput(read)
        # read-only, as the engine hands sections to scorers
        return dataclasses.replace(read, sections=freeze(read.sections))

    def _facts(self, facts: Mapping[str, Any]) -> tuple[Mapping[str, Any], list[InputError]]:
        """One unit's facts validated and converted as ``criteria/facts.yaml`` is."""
        record = facts_schema(self.registry)["properties"]["defaults"]
        given = _as_written(facts)
        errors = validate(given, record, Positions(), "facts")
        return ({}, errors) if errors else (freeze(convert(given, record)), [])


def _small_counts(
    given: Mapping[str, Any] | None, ident: str, points: float, scorer: Scorer, plugin: str
) -> tuple[SmallCounts | None, list[InputError]]:
    """The ``small_counts`` setting as a run reads it from the criteria, or what a run refuses."""
    if given is None:
        return None, []
    schema = packaged_schema("dimension")["properties"]["indicators"]["items"]["properties"]
    errors = validate(dict(given), schema["small_counts"], Positions(), "small_counts")
    if errors:
        return None, errors
    problem = small_counts_problem(ident, given, points, scorer, plugin)
    if problem is not None:
        return None, [InputError(Location("small_counts"), problem[1], problem[2])]
    return SmallCounts(int(given["below"]), float(given["per_case"]), float(given["cap"])), []


def _scheme(settings: Mapping[str, Any], indicator: Indicator, facts: Mapping[str, Any]) -> Scheme:
    """A scheme holding just ``indicator``, with the settings' year, dates and kinds."""
    as_of = settings.get("as_of", dt.date(2017, 1, 10))
    kinds = dict(settings.get("unit_types") or DEFAULT_UNIT_TYPES)
    checklists: Mapping[str, Checklist] = settings.get("checklists") or {}
    return Scheme(
        id="test",
        name="test",
        version="1",
        year=int(settings.get("year", 2016)),
        as_of=as_of if isinstance(as_of, dt.date) else dt.date.fromisoformat(as_of),
        regime=str(settings.get("regime", "ogi-2008")),
        precision=int(settings.get("precision", 2)),
        unit_types=kinds,
        dimensions=(Dimension("test", "test", dict.fromkeys(kinds, 1.0), (indicator,)),),
        grades=(Grade("-", 0.0),),
        checklists=checklists,
        sha256="",
        directory="",
        fact_defaults=facts,
        self_claims=_self_claims(settings.get("self_claims", "trusted")),
    )


def _self_claims(given: object) -> SelfClaims:
    """The ``self_claims`` setting, one of the values ``scheme.yaml`` accepts."""
    if given == "trusted" or given == "strict":
        return given
    raise ValueError(f"self_claims is 'trusted' or 'strict', not {given!r}")


def _as_written(value: Any) -> Any:
    """``value`` as a submission file writes it: dates in ISO form, plain dicts and lists."""
    if isinstance(value, dt.date):  # datetime included
        return value.isoformat()
    if isinstance(value, Mapping):
        return {k: _as_written(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_as_written(v) for v in value]
    return copy.copy(value)


def finding(result: IndicatorResult | Outcome, code: str) -> Finding:
    """The one finding of ``result`` with ``code``; ``AssertionError`` unless there is one."""
    found = [f for f in result.findings if f.code == code]
    if len(found) != 1:
        raise AssertionError(f"expected one {code!r} finding, got {codes(result)}")
    return found[0]
