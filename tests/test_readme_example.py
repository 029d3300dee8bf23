"""The README's plugin example works as printed: copy it into an evaluation and score."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _block(readme: str, after: str, language: str) -> str:
    match = re.search(re.escape(after) + r"\s*```" + language + r"\n(.*?)```", readme, re.S)
    assert match, f"README has no {language} block after {after!r}"
    return match.group(1)


def test_readme_plugin_example_scores_the_sample(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for folder in ("criteria", "plugins", "submissions"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    code = _block(readme, "(`min_rate` defaults to 0.9):", "python")
    (tmp_path / "plugins" / "hotline_floor.py").write_text(code, encoding="utf-8")
    indicator = _block(readme, "Then use it in a dimension file:", "yaml")
    dimension = tmp_path / "criteria" / "responsiveness.yaml"
    dimension.write_text(dimension.read_text(encoding="utf-8") + indicator, encoding="utf-8")

    run = subprocess.run(
        [sys.executable, "-m", "evaluator", "submissions/", "--format", "json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    floors = [
        i
        for unit in result["units"]
        for i in unit["indicators"]
        if i["id"] == "hotline_floor" and i["status"] == "ok"
    ]
    assert floors, "the example indicator was not scored"
    assert {i["points"] for i in floors} <= {0.0, 10.0}
    assert all(i["max"] == 10.0 for i in floors)

    listing = subprocess.run(
        [sys.executable, "-m", "evaluator", "plugins"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "hotline.floor" in listing.stdout
