"""Write ``evaluator/schemas/checked-schemas.json``: the built-in areas' schemas, checked once here.

Loading the engine checks every plugin's schemas (a scorer's params, a section's
content) against the Draft 2020-12 meta-schema; with jsonschema that is about a
quarter of a second, in every run, before any unit is read. The schemas of the
built-in areas change only with the code, so they are checked here, and the
digest of each (``evaluator._reading.validation.schema_digest``: the sha256 of
its JSON text, keys sorted) is written to the file; a run does not check a
schema whose digest is in it again. Any other schema, a built-in one changed
since, is checked as before. ``tests/test_checked_schemas.py`` fails while the
file is not what this script would write::

    python scripts/checked_schemas.py          # rewrite the file
    python scripts/checked_schemas.py --check  # exit 1 if it is out of date
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from evaluator._plugins.loader import load_plugins
from evaluator._reading.validation import CHECKED_SCHEMAS, schema_digest

FILE = Path(__file__).resolve().parents[1] / "evaluator" / "schemas" / CHECKED_SCHEMAS


def built_in_schemas() -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Each schema of the built-in areas (plugins this package installs, ``evaluator_areas``;
    not another package's) by what it belongs to."""
    registry = load_plugins(None, entry_points=True)
    ours = {p.name for p in registry.plugins if p.source.startswith(BUILT_IN)}
    for name, scorer in sorted(registry.scorers.items()):
        if registry.scorer_plugin[name] in ours:
            yield f"scorer {name} params", scorer.params
    for name, section in sorted(registry.sections.items()):
        if registry.section_plugin[name] in ours:
            yield f"section {name}", section.schema


BUILT_IN = "entry point evaluator_areas."
"""How the plugin list names the source of a built-in area."""


def text() -> str:
    """The file's text: every built-in schema, checked by jsonschema here, by its digest."""
    digests = set()
    for what, schema in built_in_schemas():
        Draft202012Validator.check_schema(schema)  # raises: a built-in schema is broken
        digest = schema_digest(schema)
        if digest is None:
            raise SystemExit(f"{what}: holds a value JSON has no type for (a tuple?)")
        digests.add(digest)
    document = {
        "about": "sha256 of the JSON text (keys sorted) of schemas checked against the Draft "
        "2020-12 meta-schema by scripts/checked_schemas.py; evaluate does not check them again",
        "digests": sorted(digests),
    }
    return json.dumps(document, indent=2) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is out of date")
    args = parser.parse_args(argv)
    wanted = text()
    if args.check:
        current = FILE.read_text("utf-8") if FILE.exists() else ""
        if current != wanted:
            print(f"{FILE} is out of date: python scripts/checked_schemas.py", file=sys.stderr)
            return 1
        return 0
    FILE.write_text(wanted, encoding="utf-8")
    print(f"wrote {FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
