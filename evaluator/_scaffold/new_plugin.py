"""What ``evaluate new-plugin NAME`` writes: a plugin package ready to install and test.

The templates are ``evaluator/_scaffold/plugin_template/**/*.tmpl``, laid out as the
package they make (``__name__`` and ``__package__`` in a path stand for the
plugin's name and its module), filled with :class:`string.Template`:
``${name}`` (``budget_tables``), ``${package}`` (``evaluator_budget_tables``),
``${dist}`` (``evaluator-budget-tables``), ``${title}`` and
``${engine_version}``. The package has the entry point, one section and one
scorer with a closed params schema and declared texts, a criteria snippet, an
example evaluation, tests with :mod:`evaluator.testing`, and a README.
"""

from __future__ import annotations

import keyword
import re
import string
from importlib import metadata, resources
from importlib.resources.abc import Traversable
from pathlib import Path

from evaluator._core.model import Message
from evaluator._core.version import __version__

__all__ = ["name_problem", "package_folder", "write_plugin"]

_NAME = re.compile(r"[a-z][a-z0-9_]{0,39}\Z")
_RESERVED = {"unit", "evaluator", "test", "tests"}


def name_problem(name: str) -> Message | None:
    """Why ``name`` cannot name a new plugin, or ``None``.

    A plugin's name is its entry point's, its section's and its scorers'
    prefix: lower-case letters, digits and ``_``, starting with a letter, not a
    Python keyword, and not the name of a plugin already installed.
    """
    if not _NAME.match(name) or keyword.iskeyword(name) or name in _RESERVED:
        return Message("cli.plugin_name", {"name": name})
    installed = {e.name for e in metadata.entry_points(group="evaluator")}
    if name in installed:
        return Message("cli.plugin_name_taken", {"name": name})
    return None


def package_folder(name: str) -> str:
    """The folder ``new-plugin`` writes by default: ``evaluator-<name with dashes>``."""
    return "evaluator-" + name.replace("_", "-")


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

    ``title`` is the section's Chinese name (default: ``name``). Raises
    ``FileExistsError`` when ``folder`` is in use.
    """
    target = Path(folder)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise FileExistsError(folder)
    values = {
        "name": name,
        "package": f"evaluator_{name}",
        "dist": package_folder(name),
        "title": title or name,
        "engine_version": __version__,
    }
    written: list[Path] = []
    for parts, text in _walk(_templates()):
        path = target.joinpath(
            *(p.replace("__package__", values["package"]).replace("__name__", name) for p in parts)
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(string.Template(text).substitute(values), encoding="utf-8")
        written.append(path)
    return written
