"""The JSON Schemas ``evaluate schema`` prints, for editors (yaml-language-server) and programs.

The submission and facts schemas hold what the loaded plugins add; the others
are shipped as they are. Importing this module loads nothing else (the command
line's parser takes :data:`SCHEMAS` from here).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from evaluator._plugins.loader import Registry

__all__ = ["SCHEMAS", "json_schema"]

SCHEMAS = ("submission", "criteria", "dimension", "checklist", "facts", "results")
"""Which schemas there are, by the file they describe."""
_SHIPPED_AS = {"criteria": "scheme"}


def json_schema(which: str, plugins: Callable[[], Registry]) -> Any:
    """The JSON Schema of ``which`` (one of :data:`SCHEMAS`); ``plugins`` loads the plugins,
    called only for the schemas they add to."""
    from evaluator._scheme.criteria import facts_schema, packaged_schema

    if which == "submission":
        from evaluator._inputs.drafts import SubmissionSchema

        return SubmissionSchema(packaged_schema("submission-base"), plugins()).schema
    if which == "facts":
        return facts_schema(plugins())
    return packaged_schema(_SHIPPED_AS.get(which, which))
