"""The repository's scripts (``benchmarks/``, ``scripts/``: folders, not packages) as modules.

Tests of a script import it from its file under a name of their choosing, registered in
``sys.modules`` first: a script's dataclasses look their module up there.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


def script_module(relative: str, name: str) -> ModuleType:
    """The script at ``relative`` (to the repository's root), run once as module ``name``."""
    spec = importlib.util.spec_from_file_location(name, ROOT / relative)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
