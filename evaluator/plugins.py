"""Finding and loading plugins: files in ``--plugins-dir`` and installed packages.

Every plugin, the shipped area scorers included, goes through the same two
hooks (:mod:`evaluator.hookspecs`). A plugin that fails to import, misspells a
hook, or registers a name twice is reported by name and location; the run
stops with exit status 2, since scores from a partial set of rules would be
wrong without anyone noticing.
"""

from __future__ import annotations

import importlib.util
import os
import stat
import sys
import traceback
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from importlib import metadata
from types import ModuleType
from typing import Any, TypeVar

import pluggy

from evaluator import hookspecs
from evaluator.catalogue import ENGINE
from evaluator.inputs.validation import check_schema
from evaluator.messages import Catalogue, check_templates
from evaluator.model import Message, PluginInfo
from evaluator.plugin_api import Fact, Scorer, Section

__all__ = ["ENTRY_POINT_GROUP", "PluginError", "Registry", "load_plugins"]

_Item = TypeVar("_Item", Scorer, Section, Fact)

ENTRY_POINT_GROUP = "evaluator"
_FILE_MODULE_PREFIX = "evaluator_file_plugins."


class PluginError(Exception):
    """Plugins that cannot be used; ``problems`` lists each one, located."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class Registry:
    """What the loaded plugins provide: scorers and sections, each with its plugin."""

    manager: pluggy.PluginManager
    scorers: dict[str, Scorer] = field(default_factory=dict)
    sections: dict[str, Section] = field(default_factory=dict)
    facts: dict[str, Fact] = field(default_factory=dict)
    fact_plugin: dict[str, str] = field(default_factory=dict)
    scorer_plugin: dict[str, str] = field(default_factory=dict)
    section_plugin: dict[str, str] = field(default_factory=dict)
    plugins: list[PluginInfo] = field(default_factory=list)
    catalogue: Catalogue = ENGINE
    """The engine's messages plus every plugin's finding texts (``register_messages``)."""
    warnings: list[Message] = field(default_factory=list)
    """What loading noticed without refusing a plugin (a plugin file others may write to)."""

    def scorer(self, name: str) -> Scorer | None:
        return self.scorers.get(name)


def _import_file(path: str) -> ModuleType:
    stem = os.path.splitext(os.path.basename(path))[0]
    name = _FILE_MODULE_PREFIX + stem
    cached = sys.modules.get(name)
    cached_file = getattr(cached, "__file__", None) or ""
    # reuse only the same file: another folder's plugin of the same name is another plugin
    if cached is not None and os.path.realpath(cached_file) == os.path.realpath(path):
        return cached
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    return module


def _where(exc: BaseException, path: str) -> str:
    """``path:line`` of the failure inside the plugin file, as precisely as known."""
    if isinstance(exc, SyntaxError) and exc.lineno:
        return f"{path}:{exc.lineno}"
    line = 0
    real = os.path.realpath(path)
    for frame in traceback.extract_tb(exc.__traceback__):
        if os.path.realpath(frame.filename) == real:
            line = frame.lineno or 0
    return f"{path}:{line}" if line else path


def _writable_by_others(path: str) -> bool:
    """Whether anyone besides its owner and group may change ``path`` or replace it.

    A plugin runs with the evaluator's rights and decides every score: a file
    any local user can edit, in a folder any user can write to (without the
    sticky bit), is worth a warning.
    """
    try:
        mode = os.stat(path).st_mode
        folder = os.stat(os.path.dirname(os.path.abspath(path))).st_mode
    except OSError:
        return False
    replaceable = bool(folder & stat.S_IWOTH) and not folder & stat.S_ISVTX
    return bool(mode & stat.S_IWOTH) or replaceable


def _file_plugins(directory: str) -> list[str]:
    if not os.path.isdir(directory):
        return []
    return sorted(
        os.path.join(directory, n)
        for n in os.listdir(directory)
        if n.endswith(".py") and not n.startswith(("_", "."))
    )


def load_plugins(plugins_dir: str | None, *, entry_points: bool = True) -> Registry:
    """Load every plugin and collect what it registers; :class:`PluginError` if any is broken."""
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    problems: list[str] = []
    sources: dict[str, tuple[str, str | None]] = {}

    warnings: list[Message] = []
    for path in _file_plugins(plugins_dir) if plugins_dir else []:
        if _writable_by_others(path):
            warnings.append(Message("plugin.writable_by_others", {"path": path}))
        try:
            module = _import_file(path)
            name = os.path.splitext(os.path.basename(path))[0]
            manager.register(module, name=name)
        except Exception as exc:
            problems.append(f"plugin file {_where(exc, path)}: {type(exc).__name__}: {exc}")
            continue
        sources[name] = (path, getattr(module, "__version__", None))

    if entry_points:
        for entry in sorted(metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
            dist = entry.dist
            label = f"plugin {entry.name!r} ({entry.value}"
            label += f", from {dist.name} {dist.version})" if dist else ")"
            try:
                plugin = entry.load()
                if manager.is_registered(plugin):
                    continue
                manager.register(plugin, name=entry.name)
            except Exception as exc:
                problems.append(f"{label}: {type(exc).__name__}: {exc}")
                continue
            sources[entry.name] = (
                f"entry point {entry.value}",
                dist.version if dist else None,
            )

    try:
        manager.check_pending()
    except pluggy.PluginValidationError as exc:
        # pluggy keeps a caller for the misspelt name too; list only the specified hooks
        callers = vars(manager.hook).items()
        known = ", ".join(sorted(n for n, c in callers if c.has_spec()))
        problems.append(f"{exc} (known hooks: {known})")
    if problems:
        raise PluginError(problems)

    registry = Registry(manager, warnings=warnings)
    provided_scorers = _collect(
        manager.hook.register_scorers,
        Scorer,
        lambda scorer: ("params schema", scorer.params),
        registry.scorers,
        registry.scorer_plugin,
        problems,
    )
    provided_sections = _collect(
        manager.hook.register_sections,
        Section,
        lambda section: ("schema", section.schema),
        registry.sections,
        registry.section_plugin,
        problems,
    )
    _collect(
        manager.hook.register_facts,
        Fact,
        lambda fact: ("schema", fact.schema),
        registry.facts,
        registry.fact_plugin,
        problems,
    )
    registry.catalogue = _collect_messages(manager.hook.register_messages, problems)
    if "unit" in registry.sections:
        problems.append("a plugin registers the section 'unit', which the engine owns")
    for name, item in sorted(registry.scorers.items()):
        if item.section is not None and item.section not in registry.sections:
            known = ", ".join(sorted(registry.sections)) or "none"
            problems.append(
                f"scorer {name!r} ({registry.scorer_plugin[name]}) reads the section "
                f"{item.section!r}, which no plugin registers (registered: {known})"
            )
    if problems:
        raise PluginError(problems)

    for name, plugin in manager.list_name_plugin():
        source, version = sources.get(name, (getattr(plugin, "__name__", name), None))
        hooks = tuple(sorted(impl.name for impl in _hookimpls_of(manager, plugin)))
        registry.plugins.append(
            PluginInfo(
                name=name,
                version=version,
                scorers=tuple(sorted(provided_scorers.get(name, ()))),
                sections=tuple(sorted(provided_sections.get(name, ()))),
                hooks=hooks,
                source=source,
            )
        )
    registry.plugins.sort(key=lambda p: p.name)
    return registry


def _hookimpls_of(manager: pluggy.PluginManager, plugin: object) -> Iterable[Any]:
    for caller in manager.get_hookcallers(plugin) or ():
        for impl in caller.get_hookimpls():
            if impl.plugin is plugin:
                yield caller
                break


def _call(impl: Any, problems: list[str]) -> list[Any]:
    try:
        result = impl.function()
    except Exception as exc:
        problems.append(f"plugin {impl.plugin_name!r}: {impl.function.__name__} raised {exc!r}")
        return []
    if result is None:
        return []
    try:
        return list(result)
    except TypeError:
        problems.append(f"plugin {impl.plugin_name!r}: {impl.function.__name__} must return a list")
        return []


def _collect(
    hook: Any,
    kind: type[_Item],
    schema_of: Callable[[_Item], tuple[str, Mapping[str, Any]]],
    table: dict[str, _Item],
    owners: dict[str, str],
    problems: list[str],
) -> dict[str, list[str]]:
    """Call each plugin's implementation of ``hook``; file what it gives by name.

    Each item must be a ``kind`` with a unique name and a valid JSON Schema.
    Returns the names each plugin provided.
    """
    what = kind.__name__.lower()
    provided: dict[str, list[str]] = {}
    for impl in hook.get_hookimpls():
        plugin = impl.plugin_name
        for item in _call(impl, problems):
            if not isinstance(item, kind):
                problems.append(
                    f"plugin {plugin!r}: {hook.name} gave {item!r}, not a {kind.__name__}"
                )
                continue
            if item.name in table:
                problems.append(
                    f"{what} {item.name!r} is registered by both {owners[item.name]!r} "
                    f"and {plugin!r}"
                )
                continue
            table[item.name] = item
            owners[item.name] = plugin
            provided.setdefault(plugin, []).append(item.name)
            label, schema = schema_of(item)
            problem = check_schema(schema)
            if problem:
                problems.append(f"{what} {item.name!r} ({plugin}): {label} {problem}")
    return provided


def _collect_messages(hook: Any, problems: list[str]) -> Catalogue:
    """The engine's catalogue extended with each plugin's finding texts, checked."""
    catalogue = ENGINE
    owners: dict[str, str] = {}
    for impl in hook.get_hookimpls():
        plugin = impl.plugin_name
        try:
            templates = impl.function()
        except Exception as exc:
            problems.append(f"plugin {plugin!r}: register_messages raised {exc!r}")
            continue
        if not isinstance(templates, Mapping):
            problems.append(f"plugin {plugin!r}: register_messages must return a mapping")
            continue
        found = check_templates(templates)
        if found:
            problems.extend(f"plugin {plugin!r}: {problem}" for problem in found)
            continue
        for code in templates:
            if code in catalogue:
                first = owners.get(code, "the engine")
                problems.append(f"message {code!r} is declared by both {first!r} and {plugin!r}")
        fresh = {code: texts for code, texts in templates.items() if code not in catalogue}
        catalogue = catalogue.extended(fresh)
        owners.update(dict.fromkeys(fresh, plugin))
    return catalogue


def describe(registry: Registry) -> Mapping[str, Any]:
    """A plain summary of the registry (for ``evaluate plugins --json``).

    Besides the plugins, each scorer with its description, the section it
    reads and its params schema (defaults included), for criteria authors.
    """
    return {
        "plugins": [
            {
                "name": p.name,
                "version": p.version,
                "source": p.source,
                "hooks": list(p.hooks),
                "scorers": list(p.scorers),
                "sections": list(p.sections),
            }
            for p in registry.plugins
        ],
        "scorers": {
            name: {
                "plugin": registry.scorer_plugin[name],
                "description": scorer.description,
                "section": scorer.section,
                "params": scorer.params,
            }
            for name, scorer in sorted(registry.scorers.items())
        },
    }
