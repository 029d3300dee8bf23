"""The pytest plugin of evaluator: an ``evaluation_folder`` fixture, like pytest's ``pytester``.

Registered through the ``pytest11`` entry point, so pytest loads it wherever
evaluator is installed (``-p no:evaluator`` turns it off). Importing it costs
nothing: the engine is imported when the fixture is first used.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from evaluator.testing import EvaluationFolder

__all__ = ["evaluation_folder"]


@pytest.fixture
def evaluation_folder(tmp_path: Path) -> EvaluationFolder:
    """An empty evaluation folder in a temporary directory; ``.run()`` scores it.

    Write criteria with ``.dimension(...)``, units with ``.unit(...)``, file
    plugins with ``.plugin(...)`` (installed plugins load as in any run), then
    ``results = evaluation_folder.run()`` and read ``results.status``,
    ``results.unit(id)``, ``results.codes(id, indicator)``.
    """
    from evaluator.testing import EvaluationFolder

    return EvaluationFolder(tmp_path / "evaluation")
