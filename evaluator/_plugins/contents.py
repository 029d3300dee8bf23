"""What the loaded plugins register, collected and checked plugin by plugin.

Each plugin's ``register_*`` hooks are called on their own, so that a problem
is attributed to the plugin that caused it: a hook that raises, returns the
wrong thing, a schema that is not valid JSON Schema, a params default that
breaks its own schema, a name two plugins register (both are named, with where
each comes from). Every problem is a :class:`~evaluator._core.model.Message` with the
plugin's name among its params.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, TypeVar

import jsonschema

from evaluator._core.catalogue import ENGINE
from evaluator._core.hints import did_you_mean
from evaluator._core.messages import Catalogue, check_templates, missing_audiences
from evaluator._core.model import Message
from evaluator._core.tracebacks import where_raised
from evaluator._reading.validation import check_schema, validator_for
from evaluator.plugin_api import EvidenceList, Fact, Scorer, Section

__all__ = ["Collected", "collect"]

_Item = TypeVar("_Item", Scorer, Section, Fact, EvidenceList)

_KIND_WORDS = {
    Scorer: "word.scorer",
    Section: "word.section",
    Fact: "word.fact",
    EvidenceList: "word.evidence_list",
}


class Collected:
    """Everything the plugins registered, by name, with the plugin that registered it."""

    def __init__(self) -> None:
        self.scorers: dict[str, Scorer] = {}
        self.sections: dict[str, Section] = {}
        self.facts: dict[str, Fact] = {}
        self.evidence: dict[str, EvidenceList] = {}
        self.owners: dict[tuple[type, str], str] = {}
        self.catalogue: Catalogue = ENGINE
        self.problems: list[Message] = []
        self.warnings: list[Message] = []
        """What is wrong but not fatal: ``audit.`` codes that do not say who reads them."""

    def owner(self, kind: type, name: str) -> str:
        """The plugin that registered the ``kind`` (Scorer, Section, Fact) called ``name``."""
        return self.owners[(kind, name)]


def collect(manager: Any, sources: Mapping[str, str]) -> Collected:
    """Call every registered plugin's hooks and check what they give.

    ``sources`` says where each plugin comes from (a file, an entry point), for
    messages that name two plugins.
    """
    found = Collected()
    hooks = manager.hook
    _collect(hooks.register_scorers, Scorer, found.scorers, found, sources)
    _collect(hooks.register_sections, Section, found.sections, found, sources)
    _collect(hooks.register_facts, Fact, found.facts, found, sources)
    _collect(hooks.register_evidence, EvidenceList, found.evidence, found, sources)
    for name, listed in sorted(found.evidence.items()):
        if "unit" not in listed.schema.get("properties", {}):
            owner = found.owner(EvidenceList, name)
            found.problems.append(
                Message("plugin.evidence_without_unit", {"plugin": owner, "name": name})
            )
    for impl in hooks.register_messages.get_hookimpls():
        _messages(impl, found, sources)
    if "unit" in found.sections:
        plugin = found.owner(Section, "unit")
        found.problems.append(Message("plugin.reserved_section", {"plugin": plugin}))
    for name, scorer in sorted(found.scorers.items()):
        if scorer.section is not None and scorer.section not in found.sections:
            params = {
                "plugin": found.owner(Scorer, name),
                "scorer": name,
                "section": scorer.section,
                "known": sorted(found.sections) or ["-"],
            }
            found.problems.append(Message("plugin.unknown_section", params))
    found.problems.extend(_codes_without_text(found))
    return found


def _codes_without_text(found: Collected) -> Iterator[Message]:
    """A problem for each finding code a scorer declares that no catalogue has a text for."""
    known = found.catalogue.codes()
    for name, scorer in sorted(found.scorers.items()):
        for code in scorer.codes or ():
            if code not in known:
                params = {
                    "plugin": found.owner(Scorer, name),
                    "scorer": name,
                    "code": str(code),
                    **did_you_mean(str(code), known),
                }
                yield Message("plugin.code_without_text", params)


def _collect(
    hook: Any,
    kind: type[_Item],
    table: dict[str, _Item],
    found: Collected,
    sources: Mapping[str, str],
) -> None:
    """File what each plugin's implementation of ``hook`` gives, plugin by plugin."""
    for impl in hook.get_hookimpls():
        for item in _items(impl, kind, found.problems):
            _file(item, impl.plugin_name, table, found, sources)


def _call(impl: Any, problems: list[Message]) -> tuple[bool, Any]:
    """``(True, result)`` of one plugin's hook implementation, or ``(False, None)`` if it raised."""
    try:
        return True, impl.function()
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        params = {
            "plugin": impl.plugin_name,
            "hook": impl.function.__name__,
            "error": error,
            "where": where_raised(exc, impl.function),
        }
        problems.append(Message("plugin.hook_failed", params))
        return False, None


def _items(impl: Any, kind: type[_Item], problems: list[Message]) -> Iterator[_Item]:
    """The ``kind`` items one plugin's hook returned; a problem for anything else."""
    done, result = _call(impl, problems)
    if not done or result is None:
        return
    plugin, hook = impl.plugin_name, impl.function.__name__
    if isinstance(result, str | bytes | Mapping) or not hasattr(result, "__iter__"):
        expected = f"word.list_of_{kind.__name__.lower()}"
        problems.append(
            Message("plugin.bad_return", {"plugin": plugin, "hook": hook, "expected": expected})
        )
        return
    for item in result:
        if isinstance(item, kind):
            yield item
        else:
            shown = repr(item)
            shown = shown if len(shown) <= 80 else shown[:77] + "..."
            params = {"plugin": plugin, "hook": hook, "item": shown, "expected": kind.__name__}
            problems.append(Message("plugin.wrong_item", params))


def _file(
    item: _Item,
    plugin: str,
    table: dict[str, _Item],
    found: Collected,
    sources: Mapping[str, str],
) -> None:
    """Put ``item`` in its table under its name, after checking its schema and name."""
    kind = type(item)
    word = _KIND_WORDS[kind]
    if item.name in table:
        first = found.owner(kind, item.name)
        found.problems.append(_collision(word, item.name, first, plugin, sources))
        return
    table[item.name] = item
    found.owners[(kind, item.name)] = plugin
    schema = item.params if isinstance(item, Scorer) else item.schema
    what = "word.params_schema" if isinstance(item, Scorer) else "word.schema"
    problem = check_schema(schema)
    if problem:
        params = {"plugin": plugin, "kind": word, "name": item.name, "what": what}
        found.problems.append(Message("plugin.bad_schema", {**params, "problem": problem}))
    elif isinstance(item, Scorer):
        for param, default, broken in bad_defaults(item.params):
            params = {"plugin": plugin, "scorer": item.name, "param": param, "default": default}
            found.problems.append(Message("plugin.bad_default", {**params, "problem": broken}))


def _collision(
    word: str, name: str, first: str, second: str, sources: Mapping[str, str]
) -> Message:
    """Two plugins registering one name: both named, with where each comes from."""
    params = {
        "kind": word,
        "name": name,
        "first": first,
        "first_source": sources.get(first, first),
        "second": second,
        "second_source": sources.get(second, second),
        "plugin": second,
        # registered plugins' names differ: each name drops just that plugin
        "drop_first": first,
        "drop_second": second,
    }
    return Message("plugin.collision", params)


def bad_defaults(schema: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, Any, str]]:
    """Each ``default`` in a params schema that its own property's schema refuses.

    Yields the param's dotted path, the default and what is wrong with it;
    nested ``properties`` are walked too.
    """
    properties = schema.get("properties")
    if not isinstance(properties, Mapping):
        return
    for name, sub in properties.items():
        if not isinstance(sub, Mapping):
            continue
        path = f"{prefix}{name}"
        if "default" in sub:
            error = jsonschema.exceptions.best_match(validator_for(sub).iter_errors(sub["default"]))
            if error is not None:
                yield path, sub["default"], error.message
        yield from bad_defaults(sub, f"{path}.")


def _messages(impl: Any, found: Collected, sources: Mapping[str, str]) -> None:
    """Add one plugin's finding texts to the catalogue, after checking them."""
    plugin = impl.plugin_name
    done, templates = _call(impl, found.problems)
    if not done:
        return
    if not isinstance(templates, Mapping):
        expected = "word.mapping_of_texts"
        params = {"plugin": plugin, "hook": "register_messages", "expected": expected}
        found.problems.append(Message("plugin.bad_return", params))
        return
    broken = check_templates(templates)
    if broken:
        found.problems.extend(
            Message("plugin.bad_messages", {"plugin": plugin, "problem": p}) for p in broken
        )
        return
    unheard = missing_audiences(templates)
    if unheard:
        found.warnings.append(
            Message("plugin.audience_missing", {"plugin": plugin, "codes": unheard})
        )
    fresh: dict[str, Mapping[str, str]] = {}
    for code, texts in templates.items():
        if code in ENGINE:
            found.problems.append(Message("plugin.engine_code", {"plugin": plugin, "code": code}))
        elif code in found.catalogue:
            first = found.owners[(Catalogue, code)]
            found.problems.append(_collision("word.message_code", code, first, plugin, sources))
        else:
            fresh[code] = texts
            found.owners[(Catalogue, code)] = plugin
    found.catalogue = found.catalogue.extended(fresh)
