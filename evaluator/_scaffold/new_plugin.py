"""What ``evaluate new-plugin NAME`` writes: a plugin package ready to install and test.

The templates are ``evaluator/_scaffold/plugin_template/**/*.tmpl``, laid out as the
package they make (``__name__`` and ``__package__`` in a path stand for the
plugin's name and its module), filled with :class:`string.Template`:
``${name}`` (``budget_tables``), ``${package}`` (``evaluator_budget_tables``),
``${dist}`` (``evaluator-budget-tables``), ``${title}`` and
``${engine_version}``. The package has the entry point, one section and one
scorer with a closed params schema and declared texts, a criteria snippet, an
example evaluation, tests with :mod:`evaluator.testing`, and a README.

The name given may be any name Python packaging accepts (PEP 508); names
that packaging holds to be one (PEP 503: ``Demo.Check``, ``demo-check``,
``demo_check``) make one plugin, see :func:`plugin_names`.
"""

from __future__ import annotations

import keyword
import re
import string
from dataclasses import dataclass
from importlib import metadata, resources
from importlib.resources.abc import Traversable
from pathlib import Path

from evaluator._core.model import Message
from evaluator._core.version import __version__

__all__ = ["PluginNames", "name_problem", "package_folder", "plugin_names", "write_plugin"]

_PROJECT_NAME = re.compile(r"[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?\Z")
"""A project name as PEP 508 allows it."""
_PROJECT_CHARACTER = re.compile(r"[A-Za-z0-9._-]")
_LONGEST = 40
_RESERVED = ("unit", "evaluator", "test", "tests")


@dataclass(frozen=True)
class PluginNames:
    """What one name given to ``evaluate new-plugin`` becomes.

    ``plugin`` names the entry point, the section and the scorers' prefix
    (``demo_check``); ``package`` is the module (``evaluator_demo_check``) and
    ``distribution`` the project pip installs (``evaluator-demo-check``).
    """

    plugin: str
    package: str
    distribution: str


def plugin_names(name: str) -> PluginNames:
    """The names of the plugin ``name`` makes (check it first with :func:`name_problem`).

    ``name`` is normalised as packaging compares project names (PEP 503:
    lower case, each run of ``-``, ``_`` and ``.`` one separator), the
    separator being ``_`` in the plugin's and module's names, ``-`` in the
    distribution's.
    """
    plugin = re.sub(r"[-_.]+", "_", name).lower()
    return PluginNames(
        plugin=plugin,
        package=f"evaluator_{plugin}",
        distribution="evaluator-" + plugin.replace("_", "-"),
    )


def name_problem(name: str) -> Message | None:
    """Why ``name`` cannot name a new plugin, or ``None``.

    The name must be one Python packaging accepts (PEP 508: ASCII letters,
    digits, ``-``, ``_`` and ``.``, starting and ending with a letter or
    digit); the plugin name it makes (:func:`plugin_names`) must start with a
    letter, be at most 40 characters, be neither a Python keyword nor
    reserved, nor the name of a plugin already installed.
    """
    if not name:
        return Message("cli.plugin_name_empty", {"name": name})
    if not _PROJECT_NAME.match(name):
        wrong = [c for c in name if not _PROJECT_CHARACTER.match(c)]
        if wrong:
            return Message("cli.plugin_name_character", {"name": name, "character": wrong[0]})
        return Message("cli.plugin_name_edge", {"name": name})
    plugin = plugin_names(name).plugin
    params = {"name": name, "plugin": plugin}
    if not plugin[0].isalpha():
        return Message("cli.plugin_name_start", params)
    if len(plugin) > _LONGEST:
        return Message("cli.plugin_name_long", {**params, "limit": _LONGEST})
    if keyword.iskeyword(plugin):
        return Message("cli.plugin_name_keyword", params)
    if plugin in _RESERVED:
        return Message("cli.plugin_name_reserved", {**params, "reserved": list(_RESERVED)})
    installed = {e.name for e in metadata.entry_points(group="evaluator")}
    if plugin in installed:
        return Message("cli.plugin_name_taken", {"name": plugin})
    return None


def package_folder(name: str) -> str:
    """The folder ``new-plugin`` writes by default: the distribution's name.

    ``evaluator-demo-check`` for ``demo-check``, ``Demo.Check`` or ``demo_check``.
    """
    return plugin_names(name).distribution


def _templates() -> Traversable:
    return resources.files("evaluator._scaffold").joinpath("plugin_template")


def _walk(folder: Traversable, relative: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], str]]:
    """Every template under ``folder``: its path parts and its text, in order."""
    found: list[tuple[tuple[str, ...], str]] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.is_dir() and entry.name != "__pycache__":
            found += _walk(entry, (*relative, entry.name))
        elif entry.name.endswith(".tmpl"):
            found.append(((*relative, entry.name[: -len(".tmpl")]), entry.read_text("utf-8")))
    return found


def write_plugin(name: str, folder: str, title: str | None = None) -> list[Path]:
    """Write the package for plugin ``name`` into ``folder`` (new, or empty); the files written.

    ``name`` as given (see :func:`plugin_names`); ``title`` is the section's
    Chinese name (default: the plugin's name). Raises ``FileExistsError`` when
    ``folder`` is in use.
    """
    target = Path(folder)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise FileExistsError(folder)
    names = plugin_names(name)
    values = {
        "name": names.plugin,
        "package": names.package,
        "dist": names.distribution,
        "title": title or names.plugin,
        "engine_version": __version__,
    }
    written: list[Path] = []
    for parts, text in _walk(_templates()):
        path = target.joinpath(
            *(
                p.replace("__package__", names.package).replace("__name__", names.plugin)
                for p in parts
            )
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(string.Template(text).substitute(values), encoding="utf-8")
        written.append(path)
    return written
