"""Finding and loading plugins: installed packages first, then files in a plugins folder.

The loading rules, in order (docs/plugins.md, "Where plugins come from"):

1. **Installed plugins**: every entry point of the group ``evaluator``, by
   name. The five built-in areas are entry points of this package (module
   ``evaluator_areas``, the repository's ``plugins/`` folder), so a clone
   installed with ``pip install -e .`` and a wheel load them the same way.
2. **File plugins** add to them: each ``*.py`` in the plugins folder
   (``--plugins-dir``, else ``plugins/`` beside the criteria) not starting
   with ``_`` or ``.``, named by its stem. A file that *is* an installed
   plugin's module (the same file, or the same bytes under the same name) is
   skipped and noted once; a file with an installed plugin's name but other
   content is not loaded, with a ``plugin.shadowed`` warning.
3. ``--disable-plugin NAME`` drops every plugin of that name before it is
   imported; a name no plugin has is an error.

Every problem (an import that fails, a misspelt hook, a hook that raises, an
invalid schema, a default that breaks its schema, a name two plugins register)
is a :class:`~evaluator._core.model.Message` naming the plugin. A run stops on any
(exit status 2): scores from a partial set of rules would be wrong without
anyone noticing. ``evaluate plugins`` loads with ``strict=False`` and lists them.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
import stat
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from types import ModuleType
from typing import Any

import pluggy

from evaluator import hookspecs
from evaluator._core.catalogue import ENGINE
from evaluator._core.messages import Catalogue
from evaluator._core.model import Message, PluginInfo
from evaluator._core.tracebacks import where_raised
from evaluator._plugins.contents import collect
from evaluator.plugin_api import Fact, Scorer, Section

__all__ = ["ENTRY_POINT_GROUP", "PluginError", "Registry", "describe", "load_plugins"]

ENTRY_POINT_GROUP = "evaluator"
_FILE_MODULE_PREFIX = "evaluator_file_plugins."


class PluginError(Exception):
    """Plugins that cannot be used; ``problems`` lists each one as a message (code, params)."""

    def __init__(self, problems: Sequence[Message]) -> None:
        super().__init__("; ".join(p.text("en") for p in problems))
        self.problems = list(problems)


@dataclass
class Registry:
    """What the loaded plugins provide: scorers, sections and facts, each with its plugin."""

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
    """What loading noticed without refusing a plugin (a file others may write, a shadowed file)."""
    notes: list[Message] = field(default_factory=list)
    """What loading decided that is no problem: a file skipped as an installed plugin's own, a
    plugin disabled. ``evaluate plugins`` shows them; runs do not."""
    problems: list[Message] = field(default_factory=list)
    """Why plugins are broken; only ever non-empty when loaded with ``strict=False``."""

    def scorer(self, name: str) -> Scorer | None:
        return self.scorers.get(name)


@dataclass(frozen=True)
class _Candidate:
    """A plugin found but not imported yet: an entry point or a file."""

    name: str
    source: str
    version: str | None
    load: Callable[[], object]
    path: str | None = None
    """The file of a file plugin."""
    module: str | None = None
    """The module an entry point names."""


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


def _entry_candidates() -> list[_Candidate]:
    found = []
    for entry in sorted(
        metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: (e.name, e.value)
    ):
        dist = entry.dist
        source = f"entry point {entry.value}" + (f" ({dist.name} {dist.version})" if dist else "")
        version = dist.version if dist else None
        found.append(_Candidate(entry.name, source, version, entry.load, module=entry.module))
    return found


def _file_candidates(paths: Iterable[str]) -> list[_Candidate]:
    return [
        _Candidate(
            os.path.splitext(os.path.basename(path))[0],
            path,
            None,
            functools.partial(_import_file, path),
            path=path,
        )
        for path in paths
    ]


def _given(plugin: object) -> Callable[[], object]:
    """A loader of a plugin object that is already imported."""
    return lambda: plugin


def _digest(path: str | None) -> str | None:
    try:
        with open(path or "", "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        return None


def _module_file(plugin: object, candidate: _Candidate) -> str | None:
    """The file an installed plugin was imported from (its module's)."""
    module = plugin if isinstance(plugin, ModuleType) else sys.modules.get(candidate.module or "")
    path = getattr(module, "__file__", None)
    return os.path.realpath(path) if path else None


class _Loader:
    """One load: candidates in order, what was registered, and what went wrong."""

    def __init__(self, manager: pluggy.PluginManager, registry: Registry) -> None:
        self.manager = manager
        self.registry = registry
        self.sources: dict[str, str] = {}
        self.versions: dict[str, str | None] = {}
        self.installed_files: dict[str, tuple[str, str]] = {}  # realpath -> (name, source)
        self.installed: dict[str, tuple[str, str | None]] = {}  # name -> (source, file)

    def add(self, candidate: _Candidate) -> None:
        registry = self.registry
        if candidate.path is not None and self._skipped(candidate):
            return
        if candidate.path is not None and _writable_by_others(candidate.path):
            registry.warnings.append(Message("plugin.writable_by_others", {"path": candidate.path}))
        try:
            plugin = candidate.load()
        except Exception as exc:
            where = where_raised(exc, path=candidate.path)
            error = f"{type(exc).__name__}: {exc}"
            params = {"plugin": candidate.name, "source": candidate.source, "where": where}
            registry.problems.append(Message("plugin.import_failed", {**params, "error": error}))
            return
        if self.manager.is_registered(plugin):
            return  # one plugin object under two entry points: registered once
        if self.manager.has_plugin(candidate.name):
            params = {
                "kind": "word.plugin_name",
                "name": candidate.name,
                "first": candidate.name,
                "first_source": self.sources[candidate.name],
                "second": candidate.name,
                "second_source": candidate.source,
                "plugin": candidate.name,
            }
            registry.problems.append(Message("plugin.collision", params))
            return
        try:
            self.manager.register(plugin, name=candidate.name)
        except pluggy.PluginValidationError as exc:
            problem = " ".join(str(exc).split())
            params = {"plugin": candidate.name, "source": candidate.source, "problem": problem}
            registry.problems.append(Message("plugin.bad_hook", params))
            return
        self.sources[candidate.name] = candidate.source
        self.versions[candidate.name] = candidate.version or getattr(plugin, "__version__", None)
        if candidate.path is None:
            path = _module_file(plugin, candidate)
            self.installed[candidate.name] = (candidate.source, path)
            if path:
                self.installed_files[path] = (candidate.name, candidate.source)

    def _skipped(self, candidate: _Candidate) -> bool:
        """Whether a file plugin stays unloaded: an installed plugin is it, or has its name."""
        path = candidate.path or ""
        twin = self.installed_files.get(os.path.realpath(path))
        if twin is None and candidate.name in self.installed:
            source, installed_file = self.installed[candidate.name]
            if installed_file and _digest(installed_file) == _digest(path):
                twin = (candidate.name, source)
            else:
                params = {"plugin": candidate.name, "path": path, "source": source}
                self.registry.warnings.append(Message("plugin.shadowed", params))
                return True
        if twin is not None:
            params = {"plugin": twin[0], "path": path, "source": twin[1]}
            self.registry.notes.append(Message("plugin.same_file", params))
            return True
        return False

    def check_hooks(self) -> None:
        """A problem for each hook a plugin implements that no hookspec declares (a typo)."""
        specified = sorted(n for n, c in vars(self.manager.hook).items() if c.has_spec())
        for name, plugin in self.manager.list_name_plugin():
            for caller in self.manager.get_hookcallers(plugin) or ():
                if caller.has_spec():
                    continue
                impls = [i for i in caller.get_hookimpls() if i.plugin is plugin]
                if all(i.optionalhook for i in impls):
                    continue
                params: dict[str, Any] = {
                    "plugin": name,
                    "source": self.sources.get(name, name),
                    "hook": caller.name,
                    "known": specified,
                    **_suggestion(caller.name, specified),
                }
                self.registry.problems.append(Message("plugin.unknown_hook", params))


def _suggestion(name: str, known: Sequence[str]) -> dict[str, str]:
    import difflib

    close = difflib.get_close_matches(name, list(known), n=1)
    return {"hint": "hint.did_you_mean", "suggestion": close[0]} if close else {"hint": ""}


def load_plugins(
    plugins_dir: str | None,
    *,
    entry_points: bool = True,
    disabled: Iterable[str] = (),
    strict: bool = True,
    files: Sequence[str] = (),
    extra: Sequence[tuple[str, object, str]] = (),
) -> Registry:
    """Load every plugin (rules in the module docstring) and collect what each registers.

    ``files`` adds plugin files one by one, as if they were in the plugins
    folder; ``extra`` adds already-imported plugin objects, each as ``(name,
    plugin, source)``, after the others (:mod:`evaluator.testing` uses both). With
    ``strict`` (the default) any problem raises :class:`PluginError`; without,
    problems are kept in :attr:`Registry.problems`.
    """
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    registry = Registry(manager)
    candidates = _entry_candidates() if entry_points else []
    candidates += _file_candidates(_file_plugins(plugins_dir) if plugins_dir else [])
    candidates += _file_candidates(files)
    candidates += [
        _Candidate(name, source, getattr(plugin, "__version__", None), _given(plugin))
        for name, plugin, source in extra
    ]
    disabled = set(disabled)
    known = sorted({c.name for c in candidates})
    unknown = sorted(disabled - set(known))
    if unknown:  # a typo on the command line, whatever else is loaded
        raise PluginError(
            [
                Message("plugin.disable_unknown", {"plugin": n, "known": known or ["-"]})
                for n in unknown
            ]
        )
    loader = _Loader(manager, registry)
    for candidate in candidates:
        if candidate.name in disabled:
            params = {"plugin": candidate.name, "source": candidate.source}
            registry.notes.append(Message("plugin.disabled", params))
            continue
        loader.add(candidate)
    loader.check_hooks()
    found = collect(manager, loader.sources)
    registry.problems.extend(found.problems)
    if registry.problems and strict:
        raise PluginError(registry.problems)
    registry.scorers, registry.sections, registry.facts = found.scorers, found.sections, found.facts
    registry.scorer_plugin = {n: found.owner(Scorer, n) for n in found.scorers}
    registry.section_plugin = {n: found.owner(Section, n) for n in found.sections}
    registry.fact_plugin = {n: found.owner(Fact, n) for n in found.facts}
    registry.catalogue = found.catalogue
    for name, plugin in manager.list_name_plugin():
        hooks = tuple(sorted(c.name for c in _hookcallers_of(manager, plugin)))
        registry.plugins.append(
            PluginInfo(
                name=name,
                version=loader.versions.get(name),
                scorers=tuple(sorted(n for n, p in registry.scorer_plugin.items() if p == name)),
                sections=tuple(sorted(n for n, p in registry.section_plugin.items() if p == name)),
                hooks=hooks,
                source=loader.sources.get(name, getattr(plugin, "__name__", name)),
            )
        )
    registry.plugins.sort(key=lambda p: p.name)
    return registry


def _hookcallers_of(manager: pluggy.PluginManager, plugin: object) -> Iterable[Any]:
    for caller in manager.get_hookcallers(plugin) or ():
        if any(impl.plugin is plugin for impl in caller.get_hookimpls()):
            yield caller


def describe(registry: Registry, lang: str = "en") -> Mapping[str, Any]:
    """A plain summary of the registry (for ``evaluate plugins --json``).

    Besides the plugins, each scorer with its description, the section it
    reads and its params schema (defaults included), for criteria authors; and
    the problems, warnings and notes of loading, each with its code and params.
    """

    def messages(found: list[Message]) -> list[dict[str, Any]]:
        return [{"code": m.code, "message": m.text(lang), "params": dict(m.params)} for m in found]

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
        "problems": messages(registry.problems),
        "warnings": messages(registry.warnings),
        "notes": messages(registry.notes),
    }
