"""The shape of the code: stages as folders, one door for plugins, no circles, no path tricks.

``lint-imports`` (import-linter, run by CI) holds the layers written in
``pyproject.toml``; these tests hold what a contract cannot say, and catch a
circle without it.
"""

from __future__ import annotations

import ast
import importlib
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[1]
GUIDE = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")

# Where changing sys.path is allowed, and why. Everything else is a package imported the
# normal way (the areas import their shared helpers relatively, file plugins are imported
# as subpackages of one parent per folder).
SYS_PATH_ALLOWED = {
    # `python -m evaluator` puts the current folder first; an evaluation is often run
    # from inside a unit's folder, whose own yaml.py must not shadow the real module
    "evaluator/__init__.py": "the python -m guard",
    # scripts run from a clone, importing its evaluator or their sibling scripts
    "benchmarks/against.py": "imports its sibling measure.py",
    "benchmarks/documents.py": "imports the clone's plugins and the tests' PDF writer",
    "benchmarks/generate.py": "imports the clone's evaluator",
    "benchmarks/render.py": "imports its sibling measure.py",
    "benchmarks/run.py": "imports its sibling scripts",
    "benchmarks/worst.py": "imports its sibling measure.py",
    "scripts/compare_outputs.py": "imports benchmarks/against.py",
    "scripts/make_sample.py": "imports the clone's evaluator",
    "tests/fixtures/make_forms.py": "imports the clone's evaluator",
    # tests of the scripts above, which are not packages
    "tests/test_guide.py": "imports scripts/doc_commands.py",
    "tests/test_sample.py": "imports scripts/make_sample.py",
}


def _tracked(*patterns: str) -> list[Path]:
    done = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", *patterns],
        capture_output=True,
        text=True,
        check=True,
    )
    return [ROOT / line for line in done.stdout.splitlines() if (ROOT / line).exists()]


def _changes_sys_path(tree: ast.AST) -> list[int]:
    """Lines that change ``sys.path``: a call of one of its methods, or an assignment to it."""

    def is_sys_path(node: ast.AST) -> bool:
        return (
            isinstance(node, ast.Attribute)
            and node.attr == "path"
            and isinstance(node.value, ast.Name)
            and node.value.id == "sys"
        )

    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if is_sys_path(node.func.value) and node.func.attr in (
                "append",
                "insert",
                "extend",
                "remove",
                "pop",
                "clear",
            ):
                lines.append(node.lineno)
            if node.func.attr == "syspath_prepend":  # pytest's monkeypatch: a test's own
                continue
        targets: list[ast.AST] = []
        if isinstance(node, ast.Assign):
            targets = list(node.targets)
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        for target in targets:
            inner = target.value if isinstance(target, ast.Subscript) else target
            if is_sys_path(inner):
                lines.append(node.lineno)
    return sorted(lines)


def test_only_the_named_files_change_sys_path() -> None:
    found = {}
    for path in _tracked("*.py"):
        relative = path.relative_to(ROOT).as_posix()
        lines = _changes_sys_path(ast.parse(path.read_text(encoding="utf-8")))
        if lines:
            found[relative] = lines
    assert sorted(set(found) - set(SYS_PATH_ALLOWED)) == []
    # and the list names no file that no longer needs it
    assert sorted(set(SYS_PATH_ALLOWED) - set(found)) == []


def test_the_sys_path_check_sees_each_form() -> None:
    source = "import sys\nsys.path.insert(0, 'x')\nsys.path[:] = []\nsys.path = []\n"
    assert _changes_sys_path(ast.parse(source)) == [2, 3, 4]
    assert _changes_sys_path(ast.parse("import sys\nprint(sys.path[0])\n")) == []


def test_the_engine_folder_shows_the_stages_and_few_loose_modules() -> None:
    loose = sorted(
        p.name
        for p in (ROOT / "evaluator").glob("*.py")
        if p.name not in ("__init__.py", "__main__.py")
    )
    assert len(loose) <= 6, loose
    stages = {p.name for p in (ROOT / "evaluator").iterdir() if (p / "__init__.py").exists()}
    assert {"_scheme", "_inputs", "_scoring", "_reports"} <= stages


def test_the_command_line_parses_calls_the_library_and_prints() -> None:
    # the work is the library's (evaluator/_scoring/runs.py, evaluator/_reports/output.py ...):
    # a command line that grows past this is doing some of it
    lines = (ROOT / "evaluator" / "cli.py").read_text(encoding="utf-8").count("\n")
    assert lines <= 500, lines


def _module_cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Groups of modules that import one another, directly or through others (Tarjan)."""
    imports = {m: graph.find_modules_directly_imported_by(m) for m in graph.modules}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for other in sorted(imports[module]):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in on_stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    for module in sorted(imports):
        if module not in index:
            visit(module)
    return cycles


def _collapsed(graph: grimp.ImportGraph, depth: int) -> grimp.ImportGraph:
    """The import graph with every module replaced by its ancestor ``depth`` names deep."""
    packages = grimp.ImportGraph()
    for module in graph.modules:
        packages.add_module(".".join(module.split(".")[:depth]))
    for module in graph.modules:
        for other in graph.find_modules_directly_imported_by(module):
            a, b = ".".join(module.split(".")[:depth]), ".".join(other.split(".")[:depth])
            if a != b:
                packages.add_import(importer=a, imported=b)
    return packages


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("evaluator", "evaluator_areas")


@pytest.mark.parametrize("depth", [2, 3, None])
def test_no_import_circle_at_any_depth(graph: grimp.ImportGraph, depth: int | None) -> None:
    # function-level imports count: a lazy import does not excuse a circle
    shape = graph if depth is None else _collapsed(graph, depth)
    assert _module_cycles(shape) == []


def test_the_circle_check_finds_a_circle() -> None:
    shape = grimp.ImportGraph()
    for name in ("p.a", "p.b", "p.c"):
        shape.add_module(name)
    shape.add_import(importer="p.a", imported="p.b")
    shape.add_import(importer="p.b", imported="p.c")
    assert _module_cycles(shape) == []
    shape.add_import(importer="p.c", imported="p.a")
    assert _module_cycles(shape) == [["p.a", "p.b", "p.c"]]


# ---------------------------------------------------------------- the plugin face


def _documented_modules() -> set[str]:
    """The modules docs/plugins.md names in its table of the plugin face."""
    section = GUIDE.split("## The plugin face", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `(evaluator(?:\.\w+)*)` \|", section, re.M))


def test_the_guide_names_the_public_modules() -> None:
    assert _documented_modules() == {
        "evaluator",
        "evaluator.hookspecs",
        "evaluator.plugin_api",
        "evaluator.rules",
        "evaluator.section_schema",
        "evaluator.working_days",
        "evaluator.testing",
    }


def _plugin_code() -> Iterator[tuple[str, str]]:
    """Every module under plugins/ and every template of ``evaluate new-plugin``."""
    for path in sorted((ROOT / "plugins").rglob("*.py")):
        yield path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")
    template = ROOT / "evaluator" / "_scaffold" / "plugin_template"
    for path in sorted(template.rglob("*.py.tmpl")):
        yield path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")


_IMPORT = re.compile(r"^\s*(?:from\s+(evaluator[\w.]*)\s+import|import\s+(evaluator[\w.]*))", re.M)


def test_plugins_and_the_plugin_template_import_only_the_documented_face() -> None:
    documented = _documented_modules()
    seen = set()
    for name, text in _plugin_code():
        for match in _IMPORT.finditer(text):
            module = match.group(1) or match.group(2)
            seen.add(module)
            assert module in documented, (
                f"{name} imports {module}, which docs/plugins.md does not name"
            )
    assert {"evaluator", "evaluator.rules", "evaluator.section_schema"} <= seen


def test_the_import_check_sees_an_internal_import() -> None:
    text = "from evaluator._core.model import Unit\nimport evaluator.cli\n"
    assert [m.group(1) or m.group(2) for m in _IMPORT.finditer(text)] == [
        "evaluator._core.model",
        "evaluator.cli",
    ]


def test_names_imported_from_evaluator_are_its_public_names() -> None:
    import evaluator

    public = set(evaluator.__all__)
    for name, text in _plugin_code():
        if name.endswith(".tmpl"):
            continue
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ImportFrom) and node.module == "evaluator" and not node.level:
                for alias in node.names:
                    assert alias.name in public, (name, alias.name)


@pytest.mark.parametrize(
    "module",
    [
        "evaluator",
        "evaluator.plugin_api",
        "evaluator.rules",
        "evaluator.section_schema",
        "evaluator.working_days",
        "evaluator.testing",
    ],
)
def test_every_public_name_is_documented_in_the_guide(module: str) -> None:
    names = [n for n in importlib.import_module(module).__all__ if not n.startswith("__")]
    missing = [n for n in names if not re.search(rf"`{re.escape(n)}\b", GUIDE)]
    assert missing == []


def test_the_engine_packages_are_named_as_internals() -> None:
    # what plugins may import has no underscore; everything else does
    # (the command line, evaluator.cli, is the console script's, not a plugin's)
    public = {m.split(".")[1] for m in _documented_modules() if "." in m} | {"cli"}
    modules = [p.stem for p in (ROOT / "evaluator").glob("*.py")]
    packages = [p.parent.name for p in (ROOT / "evaluator").glob("*/__init__.py")]
    for name in modules + packages:
        if not name.startswith("__") and name not in public:
            assert name.startswith("_"), name
