"""Test a plugin as the engine runs it: the plugin author's kit (public, documented).

One scorer at a time::

    from evaluator import testing

    plugin = testing.load_plugin("plugins/budget_tables.py")   # or an imported module
    result = plugin.score("budget_tables.share", {"records": [...]}, params={"minimum": 2})
    assert result.exact == 5 and testing.codes(result) == ["budget_tables.not_done"]

``plugin.context(...)`` gives the :class:`~evaluator.plugin_api.ScoringContext`
itself, for scorers' helpers. A whole evaluation in a temporary folder: the
``evaluation_folder`` fixture of the pytest plugin (:mod:`evaluator.testing.pytest_plugin`,
loaded by pytest wherever this package is installed) gives an
:class:`EvaluationFolder`; ``.run()`` scores it with the command itself and
returns the parsed :class:`Results`. See docs/plugins.md, "Testing a plugin".
"""

from __future__ import annotations

from evaluator.testing._folder import Completed, EvaluationFolder, Results
from evaluator.testing._kit import (
    DEFAULT_UNIT,
    DEFAULT_UNIT_TYPES,
    InvalidInput,
    PluginSource,
    PluginUnderTest,
    codes,
    finding,
    load_plugin,
)

__all__ = [
    "DEFAULT_UNIT",
    "DEFAULT_UNIT_TYPES",
    "Completed",
    "EvaluationFolder",
    "InvalidInput",
    "PluginSource",
    "PluginUnderTest",
    "Results",
    "codes",
    "finding",
    "load_plugin",
]
