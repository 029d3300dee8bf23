"""Old module names, kept importable after the engine was grouped into packages.

``evaluator.render`` became ``evaluator.reports.text`` and so on. A plugin or
script written against an old name still imports it (the same module object,
so ``isinstance`` and monkeypatching keep working), with a
``DeprecationWarning`` naming the new home.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
import warnings
from collections.abc import Sequence
from types import ModuleType

MOVED: dict[str, str] = {
    "evaluator.files": "evaluator.inputs.files",
    "evaluator.yaml_reader": "evaluator.inputs.yaml_reader",
    "evaluator.csv_records": "evaluator.inputs.csv_records",
    "evaluator.validation": "evaluator.inputs.validation",
    "evaluator.submissions": "evaluator.inputs.submissions",
    "evaluator.scheme": "evaluator.inputs.scheme",
    "evaluator.render": "evaluator.reports.text",
    "evaluator.results": "evaluator.reports.json_results",
    "evaluator.labels": "evaluator.reports.labels",
}


class _Alias(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds an old name and loads it as the module now living under the new one."""

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in MOVED:
            return None
        return importlib.machinery.ModuleSpec(fullname, self)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        new = MOVED[spec.name]
        warnings.warn(
            f"{spec.name} moved to {new}; import it from there", DeprecationWarning, stacklevel=2
        )
        return importlib.import_module(new)

    def exec_module(self, module: ModuleType) -> None:
        """Nothing to run: the module is the new one, already executed."""


def install() -> None:
    """Make the old names importable (once per process)."""
    if not any(isinstance(finder, _Alias) for finder in sys.meta_path):
        sys.meta_path.append(_Alias())
