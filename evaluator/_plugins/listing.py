"""The loaded plugins as ``evaluate plugins`` shows them: a table and what loading said,
or everything as JSON (:func:`evaluator._plugins.loader.describe`)."""

from __future__ import annotations

import json

from evaluator._core.problems import marked
from evaluator._plugins.loader import Registry, describe

__all__ = ["NOTHING_LOADED", "loading_lines", "plugin_listing", "plugin_table"]

NOTHING_LOADED = (
    "no plugins loaded: no plugins/ folder beside the criteria and no installed "
    "plugin package; pass --plugins-dir DIR"
)
"""What to say when there is nothing to list (no plugin, and none broken)."""
_HEADERS = ["plugin", "version", "scorers", "sections", "hooks", "source"]


def plugin_listing(
    registry: Registry, lang: str = "zh", *, as_json: bool = False
) -> tuple[str, list[str]]:
    """What ``evaluate plugins`` prints: the listing (stdout) and the lines for stderr.

    The table's lines for stderr say what loading said (:func:`loading_lines`);
    JSON holds that itself. Both say when nothing at all was loaded.
    """
    said = [NOTHING_LOADED] if not registry.plugins and not registry.problems else []
    if as_json:
        return json.dumps(describe(registry, lang), ensure_ascii=False, indent=2), said
    return plugin_table(registry), said + loading_lines(registry, lang)


def plugin_table(registry: Registry) -> str:
    """A row per plugin: name, version, its scorers (one a line), sections, hooks, source."""
    from tabulate import tabulate

    rows = [
        [
            p.name,
            p.version or "-",
            "\n".join(p.scorers) or "-",
            ", ".join(p.sections) or "-",
            ", ".join(p.hooks),
            p.source,
        ]
        for p in registry.plugins
    ]
    return tabulate(rows, headers=_HEADERS, tablefmt="simple")


def loading_lines(registry: Registry, lang: str = "zh") -> list[str]:
    """What loading said, one line each: why plugins are broken, warnings, then notes."""
    said = {"error": registry.problems, "warning": registry.warnings, "note": registry.notes}
    return [marked(kind, m.text(lang), lang) for kind, found in said.items() for m in found]
