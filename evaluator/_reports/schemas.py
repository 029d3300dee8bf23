"""The JSON Schemas ``evaluate schema`` prints, for editors (yaml-language-server) and programs.

The submission, facts and evidence schemas hold what the loaded plugins add; the others
are shipped as they are. Importing this module loads nothing else (the command
line's parser takes :data:`SCHEMAS` from here).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from evaluator._plugins.loader import Registry

__all__ = ["SCHEMAS", "json_schema"]

SCHEMAS = (
    "submission",
    "criteria",
    "dimension",
    "checklist",
    "facts",
    "evidence",
    "reviews",
    "results",
)
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
    if which == "evidence":
        return evidence_schema(plugins())
    if which == "reviews":
        from evaluator._inputs.reviews import reviews_schema

        return reviews_schema()
    return packaged_schema(_SHIPPED_AS.get(which, which))


def evidence_schema(registry: Registry) -> dict[str, Any]:
    """The JSON Schema of the evaluator's record lists (``register_evidence``): each list,
    by the name of its file in the evidence folder, as an array of its rows."""
    lists = {
        name: {
            "type": "array",
            "title": listed.title or name,
            "description": f"{name}.csv, or {name}.xlsx"
            + (f" (sheet {listed.sheet})" if listed.sheet else ""),
            "items": dict(listed.schema),
        }
        for name, listed in sorted(registry.evidence.items())
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "评估方证据记录表 / the evaluator's evidence lists",
        "type": "object",
        "additionalProperties": False,
        "properties": lists,
    }
