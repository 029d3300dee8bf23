"""`python -m evaluator` run from inside a unit's folder never imports that folder's files."""

from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

import pytest

from evaluator._plugins.loader import load_plugins

ROOT = Path(__file__).resolve().parents[1]
SHADOWS = ("yaml", "pluggy", "tabulate", "jsonschema", "fractions", "decimal", "holidays")


def test_modules_in_the_working_folder_shadow_nothing(tmp_path: Path) -> None:
    for name in SHADOWS:
        (tmp_path / f"{name}.py").write_text(
            f"open({str(tmp_path / ('IMPORTED_' + name))!r}, 'w').close()\n"
            f"raise SystemExit('the working folder\\'s {name}.py was imported')\n",
            encoding="utf-8",
        )
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "evaluator",
            str(ROOT / "submissions"),
            "--criteria",
            str(ROOT / "criteria"),
            "--format",
            "json",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert [p.name for p in tmp_path.glob("IMPORTED_*")] == []


def test_the_library_leaves_a_host_programs_import_path_alone(tmp_path: Path) -> None:
    # only the command strips the working folder; `import evaluator` in a program does not
    done = subprocess.run(
        [sys.executable, "-c", "import sys; import evaluator; print('' in sys.path)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "True"


@pytest.mark.parametrize(
    ("mode", "warned"),
    [(0o644, False), (0o664, False), (0o646, True), (0o666, True)],
)
def test_a_plugin_file_others_may_write_is_warned_about(
    tmp_path: Path, mode: int, warned: bool
) -> None:
    folder = tmp_path / "plugins"
    folder.mkdir()
    plugin = folder / "one.py"
    plugin.write_text("from evaluator import hookimpl\n", encoding="utf-8")
    plugin.chmod(mode)
    registry = load_plugins(str(folder), entry_points=False)
    codes = [(w.code, w.params) for w in registry.warnings]
    assert codes == ([("plugin.writable_by_others", {"path": str(plugin)})] if warned else [])


def test_a_plugin_in_a_folder_anyone_may_write_is_warned_about(tmp_path: Path) -> None:
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "one.py").write_text("from evaluator import hookimpl\n", encoding="utf-8")
    folder.chmod(0o777)
    assert [w.code for w in load_plugins(str(folder), entry_points=False).warnings] == [
        "plugin.writable_by_others"
    ]
    folder.chmod(0o777 | stat.S_ISVTX)  # like /tmp: others cannot replace the file
    assert load_plugins(str(folder), entry_points=False).warnings == []
