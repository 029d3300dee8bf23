"""Finding and loading plugins: installed packages first, then files in a plugins folder.

The loading rules, in order (docs/plugins.md, "Where plugins come from"):

1. **Installed plugins**: every entry point of the group ``evaluator``, by
   name. The five built-in areas are entry points of this package (module
   ``evaluator_areas``, the repository's ``plugins/`` folder), so a clone
   installed with ``pip install -e .`` and a wheel load them the same way.
2. **File plugins** add to them: each ``*.py`` file and each package folder
   (with an ``__init__.py``) in the plugins folder (``--plugins-dir``, else
   ``plugins/`` beside the criteria) not starting with ``_`` or ``.``, named by
   its stem. A folder's plugins are imported as subpackages of one parent
   package whose path is the folder, so a package may import its siblings
   relatively (``from .._shared import x``: folders starting with ``_`` hold
   such shared code and are never plugins). A file or package that *is* an
   installed plugin's module (the same path, or the same code under the same
   name) is skipped and noted once; one with an installed plugin's name but
   other content is not loaded, with a ``plugin.shadowed`` warning.
3. ``--disable-plugin NAME`` (or ``NAME@WHERE``, one plugin of that name) and
   the scheme's ``disable_plugins`` drop plugins before they are imported
   (:mod:`~evaluator._plugins.disabling`).

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
from evaluator._core.hints import did_you_mean
from evaluator._core.messages import Catalogue
from evaluator._core.model import Message, PluginInfo
from evaluator._core.paths import as_copied
from evaluator._core.tracebacks import where_raised
from evaluator._plugins.contents import collect
from evaluator._plugins.disabling import COMMAND_LINE, Disabling, SchemeDisabled, exact
from evaluator.plugin_api import EvidenceList, Fact, Scorer, Section

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
    evidence: dict[str, EvidenceList] = field(default_factory=dict)
    """The record lists the evaluator keeps in its evidence folder (``register_evidence``)."""
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
    disabled: dict[str, str] = field(default_factory=dict)
    """Each plugin left out, by name, with what left it out: ``--disable-plugin`` or the
    scheme's file."""

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
    dist: str | None = None
    """The distribution an entry point comes from."""

    @property
    def places(self) -> tuple[str, ...]:
        """What ``--disable-plugin NAME@WHERE`` may name it by, the most readable first."""
        if self.path is not None:
            return (self.path,)
        found = tuple(p for p in (self.dist, self.module) if p)
        return found or (self.source,)


def _folder_package(folder: str) -> str:
    """The package a plugins folder's plugins are imported under, created on first use.

    Each folder gets its own (``evaluator_file_plugins.d<digest of its real path>``),
    so that a plugin package in it can import its siblings relatively
    (``from .._shared import x``) and two folders' plugins of one name stay apart.
    """
    real = os.path.realpath(folder)
    digest = hashlib.sha256(real.encode("utf-8", "surrogateescape")).hexdigest()
    name = f"{_FILE_MODULE_PREFIX}d{digest[:12]}"
    if _FILE_MODULE_PREFIX[:-1] not in sys.modules:
        root = ModuleType(_FILE_MODULE_PREFIX[:-1], "File plugins, one package per plugins folder.")
        root.__path__ = []
        sys.modules[root.__name__] = root
    package = sys.modules.get(name)
    if package is None:
        package = ModuleType(name, f"The plugins of {real}.")
        package.__path__ = [real]
        package.__package__ = name
        sys.modules[name] = package
    return name


def _plugin_file(path: str) -> str:
    """The file Python runs for a plugin path: a module file, or a package's ``__init__.py``."""
    return os.path.join(path, "__init__.py") if os.path.isdir(path) else path


def _import_file(path: str) -> ModuleType:
    """Import a file plugin (``x.py``) or a plugin package (a folder with ``__init__.py``)."""
    path = path.rstrip("/" + os.sep) or path
    stem = os.path.splitext(os.path.basename(path))[0]
    name = f"{_folder_package(os.path.dirname(os.path.abspath(path)))}.{stem}"
    cached = sys.modules.get(name)
    cached_file = getattr(cached, "__file__", None) or ""
    # reuse only the same file: another plugin of the same name is another plugin
    if cached is not None and os.path.realpath(cached_file) == os.path.realpath(_plugin_file(path)):
        return cached
    folder = path if os.path.isdir(path) else None
    spec = importlib.util.spec_from_file_location(
        name, _plugin_file(path), submodule_search_locations=[folder] if folder else None
    )
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
    """The plugins of a folder: each ``*.py`` file and each package folder (with an
    ``__init__.py``), neither starting with ``_`` or ``.``; by name."""
    if not os.path.isdir(directory):
        return []
    found = []
    for name in sorted(os.listdir(directory)):
        path = os.path.join(directory, name)
        if name.startswith(("_", ".")):
            continue
        if (name.endswith(".py") and not os.path.isdir(path)) or os.path.isfile(
            os.path.join(path, "__init__.py")
        ):
            found.append(path)
    return found


def _entry_candidates() -> list[_Candidate]:
    found = []
    seen: dict[str, tuple[str, str]] = {}
    for entry in sorted(
        metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: (e.name, e.value)
    ):
        dist = entry.dist
        name, version = _described(dist, seen) if dist else (None, None)
        source = f"entry point {entry.value}" + (f" ({name} {version})" if dist else "")
        found.append(
            _Candidate(entry.name, source, version, entry.load, module=entry.module, dist=name)
        )
    return found


def _described(dist: metadata.Distribution, seen: dict[str, tuple[str, str]]) -> tuple[str, str]:
    """A distribution's name and version, its metadata read once for all its entry points
    (``seen``: by folder; each ``dist.name`` and ``dist.version`` parses the whole file)."""
    where = str(getattr(dist, "_path", "")) or None  # a PathDistribution's folder
    if where is not None and where in seen:
        return seen[where]
    read = dist.metadata
    described = (read["Name"], read["Version"])
    if where is not None:
        seen[where] = described
    return described


def _file_candidates(paths: Iterable[str]) -> list[_Candidate]:
    return [
        _Candidate(
            os.path.splitext(os.path.basename(path))[0],
            as_copied(path),  # a copied URL's plugin by its URL, not the copy's place
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
    """The sha256 of a plugin's code: a file's bytes, or a package's ``*.py`` files and names."""
    if not path:
        return None
    try:
        if not os.path.isdir(path):
            with open(path, "rb") as handle:
                return hashlib.sha256(handle.read()).hexdigest()
        digest = hashlib.sha256()
        for folder, folders, names in os.walk(path):
            folders[:] = sorted(n for n in folders if n != "__pycache__")
            for name in sorted(n for n in names if n.endswith(".py")):
                full = os.path.join(folder, name)
                digest.update(os.path.relpath(full, path).encode("utf-8", "surrogateescape"))
                with open(full, "rb") as handle:
                    digest.update(hashlib.sha256(handle.read()).digest())
        return digest.hexdigest()
    except OSError:
        return None


def _module_file(plugin: object, candidate: _Candidate) -> str | None:
    """Where an installed plugin was imported from: its module's file, or its package's folder."""
    module = plugin if isinstance(plugin, ModuleType) else sys.modules.get(candidate.module or "")
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path:
        return None
    if os.path.basename(path) == "__init__.py":
        path = os.path.dirname(path)
    return os.path.realpath(path)


class _Loader:
    """One load: candidates in order, what was registered, and what went wrong."""

    def __init__(self, manager: pluggy.PluginManager, registry: Registry) -> None:
        self.manager = manager
        self.registry = registry
        self.sources: dict[str, str] = {}
        self.registered: dict[str, _Candidate] = {}
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
            first = self.registered[candidate.name]
            params = {
                "kind": "word.plugin_name",
                "name": candidate.name,
                "first": candidate.name,
                "first_source": first.source,
                "second": candidate.name,
                "second_source": candidate.source,
                "plugin": candidate.name,
                "drop_first": exact(first),
                "drop_second": exact(candidate),
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
        self.registered[candidate.name] = candidate
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
                    **did_you_mean(caller.name, specified),
                }
                self.registry.problems.append(Message("plugin.unknown_hook", params))


def load_plugins(
    plugins_dir: str | None,
    *,
    entry_points: bool = True,
    disabled: Iterable[str] = (),
    by_scheme: SchemeDisabled | None = None,
    strict: bool = True,
    files: Sequence[str] = (),
    extra: Sequence[tuple[str, object, str]] = (),
) -> Registry:
    """Load every plugin (rules in the module docstring) and collect what each registers.

    ``disabled`` are the command line's ``--disable-plugin`` arguments and
    ``by_scheme`` the scheme's ``disable_plugins`` (see
    :mod:`~evaluator._plugins.disabling`). ``files`` adds plugin files one by
    one, as if they were in the plugins folder; ``extra`` adds already-imported
    plugin objects, each as ``(name, plugin, source)``, after the others
    (:mod:`evaluator.testing` uses both). With ``strict`` (the default) any
    problem raises :class:`PluginError`; without, problems are kept in
    :attr:`Registry.problems`.
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
    disabling = Disabling(disabled, by_scheme)
    unknown, unheard = disabling.unknown(candidates)
    if unknown:  # a typo on the command line, whatever else is loaded
        raise PluginError(unknown)
    registry.warnings.extend(unheard)
    loader = _Loader(manager, registry)
    for candidate in candidates:
        left_out = disabling.why(candidate)
        if left_out is None:
            loader.add(candidate)
            continue
        registry.notes.append(left_out)
        registry.disabled.setdefault(candidate.name, left_out.params.get("path", COMMAND_LINE))
    loader.check_hooks()
    found = collect(manager, loader.sources)
    registry.problems.extend(found.problems)
    registry.warnings.extend(found.warnings)
    if registry.problems and strict:
        raise PluginError(registry.problems)
    registry.scorers, registry.sections, registry.facts = found.scorers, found.sections, found.facts
    registry.evidence = found.evidence
    registry.scorer_plugin = {n: found.owner(Scorer, n) for n in found.scorers}
    registry.section_plugin = {n: found.owner(Section, n) for n in found.sections}
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
    reads, whether it is a single veto, whether it counts cases (so that
    criteria may give it ``small_counts``), the finding codes it declares
    (``None``: undeclared) and its params schema (defaults included), for
    criteria authors; and the problems, warnings and notes of loading, each
    with its code and params.
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
                "vetoes": scorer.vetoes,
                "counts_cases": scorer.counts_cases,
                "codes": None if scorer.codes is None else list(scorer.codes),
                "params": scorer.params,
            }
            for name, scorer in sorted(registry.scorers.items())
        },
        "problems": messages(registry.problems),
        "warnings": messages(registry.warnings),
        "notes": messages(registry.notes),
    }
