"""docs/plugins.md works as written: its steps run, in order, in a fresh folder.

The steps that install packages (marked ``run: ci``) run in CI only, from the
wheel in a fresh virtual environment (``.ci/run``); here the rest run with
this environment's ``evaluate``.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
GUIDE = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
sys.path.insert(0, str(ROOT / "scripts"))

import doc_commands  # noqa: E402  (a script, not a package)


def test_every_marked_step_is_followed_by_its_block() -> None:
    steps = list(doc_commands.steps(GUIDE))
    kinds = [kind for kind, _, _ in steps]
    assert kinds.count("run") >= 4 and kinds.count("ci") >= 2
    for kind, path, body in steps:
        if kind == "file" and path and path.endswith(".py"):
            ast.parse(body)
        elif kind in ("file", "append") and path and path.endswith(".yaml"):
            assert isinstance(yaml.safe_load(body), list)


def test_the_ci_steps_install_the_new_package_test_it_and_score_its_example() -> None:
    ci = "\n".join(body for kind, _, body in doc_commands.steps(GUIDE) if kind == "ci")
    assert "pip install -e 'evaluator-budget-tables[test]'" in ci
    assert "python -m pytest evaluator-budget-tables" in ci
    assert "evaluate submissions/" in ci


def test_the_guide_runs_as_written(tmp_path: Path) -> None:
    script = doc_commands.script(GUIDE, everything=False)
    environment = dict(os.environ)
    environment["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), environment["PATH"]])
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    evaluation = tmp_path / "my-evaluation"
    assert (evaluation / "plugins" / "new_media.py").is_file()
    assert "4 passed" in done.stdout  # the guide's own tests of its file plugin
    assert "政务新媒体发布占主动公开的50.0%，低于60.0%" in done.stdout
    assert (tmp_path / "evaluator-budget-tables" / "pyproject.toml").is_file()
