"""Dask without a shared disk: inputs from URLs, files sent to workers as bytes.

The sample is scored from ``memory://`` and from a local ``http.server``, on a
Dask cluster whose workers refuse to open anything under the evaluation's
folder (a worker plugin), and gives the JSON of a local run: the only
difference is that files are named by their URL (``memory://ev/submissions/...``
for ``submissions/...``). So does a run with a small ``--max-file-size``,
whose too-large files are not downloaded. A URL inside a unit's file is a
located error; a worker without the evaluator's distribution is named.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import distributed
import fsspec
import pytest

from evaluator._inputs import urls
from evaluator._scoring import engine, shipping
from evaluator.cli import main

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("submissions", "criteria", "evidence")


@pytest.fixture(scope="module")
def evaluation(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the sample: its submissions, criteria and evidence."""
    folder = tmp_path_factory.mktemp("remote") / "evaluation"
    for name in FOLDERS:
        shutil.copytree(ROOT / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def cluster(evaluation: Path) -> Iterator[Any]:
    """Two worker processes that cannot open any file under the evaluation's folder."""
    with (
        distributed.LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        client.register_plugin(_refusing(str(evaluation.parent)), name="refuse-evaluation")
        yield cluster


def _refusing(folder: str) -> Any:
    """A worker plugin under which opening, listing or stat-ing a path under ``folder`` fails.

    Made in a function, so that it is sent to the workers by value.
    """

    class Refuse(distributed.WorkerPlugin):  # type: ignore[misc]
        def setup(self, worker: Any) -> None:
            import builtins
            import io
            import os

            def guarded(function: Any) -> Any:
                def call(path: Any, *args: Any, **kwargs: Any) -> Any:
                    try:
                        name = os.fsdecode(os.fspath(path))
                    except TypeError:  # a file descriptor
                        name = ""
                    if name and os.path.abspath(name).startswith(folder):
                        raise PermissionError(13, "this worker has no access here", name)
                    return function(path, *args, **kwargs)

                return call

            for module, names in (
                (builtins, ("open",)),
                (io, ("open",)),
                (os, ("open", "stat", "lstat", "listdir", "scandir")),
            ):
                for name in names:
                    setattr(module, name, guarded(getattr(module, name)))

    return Refuse()


def _run(output: Path, *arguments: str) -> tuple[int, str]:
    """``evaluate ARGUMENTS`` with JSON results to ``output``: its exit status and the results."""
    status = main([*arguments, "--format", "json", "-o", str(output), "--no-progress"])
    return status, output.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def local(evaluation: Path) -> tuple[int, str]:
    """The sample scored from the local folder, in it."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.chdir(evaluation)
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1484006400")
        return _run(evaluation.parent / "local.json", "submissions", "--criteria", "criteria")


@pytest.fixture
def elsewhere(evaluation: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from an empty folder, the command's temporary copies under the evaluation's
    parent (which the workers refuse), results reproducible."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1484006400")
    copies = evaluation.parent / "copies"
    copies.mkdir(exist_ok=True)
    monkeypatch.setattr(tempfile, "tempdir", str(copies))
    return tmp_path


@pytest.fixture
def memory(evaluation: Path) -> Iterator[str]:
    """The evaluation's folders in fsspec's memory file system, as ``memory://ev``."""
    fs = fsspec.filesystem("memory")
    for name in FOLDERS:
        fs.put(str(evaluation / name), f"/ev/{name}", recursive=True)
    yield "memory://ev"
    fs.rm("/ev", recursive=True)


@pytest.fixture
def web(evaluation: Path) -> Iterator[str]:
    """The evaluation's folder served by ``http.server`` (its index pages list folders)."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(evaluation))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_the_workers_cannot_read_the_evaluation(evaluation: Path, cluster: Any) -> None:
    def read(path: str) -> bytes:
        with open(path, "rb") as handle:
            return handle.read()

    scheme = str(evaluation / "criteria" / "scheme.yaml")
    with distributed.Client(cluster) as client, pytest.raises(PermissionError):
        client.submit(read, scheme, pure=False).result()


def test_local_folders_and_file_plugins_are_sent_to_workers_as_bytes(
    evaluation: Path, cluster: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    plugins = evaluation.parent / "file-plugins"
    if not plugins.exists():
        shutil.copytree(ROOT / "plugins", plugins, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.chdir(evaluation)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1484006400")
    arguments = ["submissions", "--criteria", "criteria", "--plugins-dir", "../file-plugins"]
    arguments += ["--no-entry-points"]
    here = _run(evaluation.parent / "files-local.json", *arguments)
    assert '"name": "responsiveness"' in here[1]  # loaded from the folder: no entry points
    scheduler = ["--scheduler", cluster.scheduler_address]
    assert _run(evaluation.parent / "files-dask.json", *arguments, *scheduler) == here


@pytest.mark.parametrize("source", ["memory", "web"])
def test_scored_from_a_url_on_workers_without_the_files_as_locally(
    source: str,
    request: pytest.FixtureRequest,
    local: tuple[int, str],
    cluster: Any,
    elsewhere: Path,
) -> None:
    url = request.getfixturevalue(source)
    status, results = _run(
        elsewhere / "remote.json",
        f"{url}/submissions",
        "--criteria",
        f"{url}/criteria",
        "--executor",
        "dask",
        "--scheduler",
        cluster.scheduler_address,
    )
    assert f'"path": "{url}/submissions/' in results
    assert f"{url}/evidence/" in results  # found beside the criteria, as locally
    assert (status, results.replace(f"{url}/", "")) == local


def test_files_over_the_cap_are_refused_as_locally_without_being_fetched(
    evaluation: Path, memory: str, elsewhere: Path
) -> None:
    cap = ["--max-file-size", "20000"]
    common = ["--criteria", "criteria", *cap]
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.chdir(evaluation)
        here = _run(elsewhere / "local.json", "submissions", *common)
    assert "file.too_large" in here[1]
    status, results = _run(
        elsewhere / "remote.json",
        f"{memory}/submissions",
        "--criteria",
        f"{memory}/criteria",
        *cap,
    )
    assert (status, results.replace(f"{memory}/", "")) == here


def test_a_listing_over_the_caps_is_refused(
    memory: str,
    elsewhere: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(urls, "MAX_ENTRIES", 5)
    arguments = [f"{memory}/submissions", "--criteria", f"{memory}/criteria", "--lang", "en"]
    with pytest.raises(SystemExit) as exited:
        main(arguments)
    assert exited.value.code == 2
    assert f"{memory}/criteria lists more than 5 files and folders" in capsys.readouterr().err
    monkeypatch.setattr(urls, "MAX_ENTRIES", 100_000)
    monkeypatch.setattr(urls, "MAX_TOTAL_BYTES", 10_000)
    with pytest.raises(SystemExit) as exited:
        main(arguments)
    assert exited.value.code == 2
    assert "more than 10000 bytes; not copied" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("written", "url", "said"),
    [
        (
            "requests: {csv: requests.csv}",
            "requests: {csv: 'https://example.org/r.csv'}",
            "cannot name a URL",
        ),
        (
            "  document: 2015年政府信息公开工作年度报告.docx",
            "  document: s3://bucket/r.docx",
            "annual_report.document: expected a file name in the unit's folder (not a URL)",
        ),
    ],
)
def test_a_url_in_a_units_file_is_a_located_error(
    written: str,
    url: str,
    said: str,
    memory: str,
    elsewhere: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    fs = fsspec.filesystem("memory")
    unit = next(
        u
        for u in sorted(fs.find("/ev/submissions"))
        if u.endswith("/submission.yaml") and written in fs.cat(u).decode("utf-8")
    )
    text = fs.cat(unit).decode("utf-8")
    fs.pipe(unit, text.replace(written, url).encode("utf-8"))
    line = text[: text.index(written)].count("\n") + 1
    arguments = [f"{memory}/submissions", "--criteria", f"{memory}/criteria", "--lang", "en"]
    assert main(["validate", *arguments]) == 1
    out = capsys.readouterr()
    where = f"memory:/{unit}:{line}:"
    lines = [x for x in (out.out + out.err).splitlines() if said in x]
    assert len(lines) == 1 and lines[0].startswith(where), out


def test_a_worker_without_the_evaluator_is_named(
    memory: str, cluster: Any, elsewhere: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    class Uninstalled(distributed.WorkerPlugin):  # type: ignore[misc]
        def setup(self, worker: Any) -> None:
            import importlib.metadata

            real = self.real = importlib.metadata.version

            def version(name: str) -> str:
                if name == "evaluator":
                    raise importlib.metadata.PackageNotFoundError(name)
                return real(name)

            importlib.metadata.version = version

        def teardown(self, worker: Any) -> None:
            import importlib.metadata

            importlib.metadata.version = self.real

    with distributed.Client(cluster) as client:
        workers = sorted(client.scheduler_info()["workers"])
        client.register_plugin(Uninstalled(), name="uninstalled")
        try:
            with pytest.raises(SystemExit) as exited:
                main(
                    [
                        f"{memory}/submissions",
                        "--criteria",
                        f"{memory}/criteria",
                        "--scheduler",
                        cluster.scheduler_address,
                        "--lang",
                        "en",
                    ]
                )
        finally:
            client.unregister_worker_plugin("uninstalled")
    assert exited.value.code == 2
    err = capsys.readouterr().err
    for worker in workers:
        assert f"Dask worker {worker} does not have evaluator installed" in err


def test_an_index_page_cannot_make_a_file_outside_the_copy(tmp_path: Path) -> None:
    class Evil(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            pages = {
                "/evil/": b'<a href="ok.txt">ok</a> <a href="..%2Fescaped.txt">x</a> '
                b'<a href="/elsewhere.txt">y</a> <a href="?C=N;O=D">sort</a>',
                "/evil/ok.txt": b"fine",
                "/evil/..%2Fescaped.txt": b"escaped",
            }
            body = pages.get(self.path)
            self.send_response(200 if body is not None else 404)
            self.send_header(
                "Content-Type", "text/html" if self.path.endswith("/") else "text/plain"
            )
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Evil)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/evil/"
        urls.copy_folder(url, str(tmp_path / "copy" / "evil"), 1000)
    finally:
        server.shutdown()
        server.server_close()
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == [
        "copy",
        "copy/evil",
        "copy/evil/ok.txt",
    ]
    assert (tmp_path / "copy" / "evil" / "ok.txt").read_bytes() == b"fine"


def test_a_unit_over_the_sending_cap_is_its_own_error(
    evaluation: Path, cluster: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "MAX_UNIT_BYTES", 20_000)
    monkeypatch.chdir(evaluation)
    arguments = ["submissions", "--criteria", "criteria", "--scheduler", cluster.scheduler_address]
    status, results = _run(evaluation.parent / "capped.json", *arguments)
    errors = json.loads(results)["errors"]
    too_large = {
        e["path"]: e["params"]["size"] for e in errors if e["code"] == "unit.too_large_to_send"
    }
    sizes = {}  # what each unit sends: a folder's files, or its one file
    for entry in (evaluation / "submissions").iterdir():
        if entry.is_dir():
            shown = f"submissions/{entry.name}/submission.yaml"
            sizes[shown] = sum(f.stat().st_size for f in entry.rglob("*") if f.is_file())
        elif not entry.name.startswith(".") and entry.name != "README.md":
            sizes[f"submissions/{entry.name}"] = entry.stat().st_size
    assert status == 1
    assert too_large == {name: size for name, size in sizes.items() if size > 20_000}
    assert 0 < len(too_large) < len(sizes)


def test_a_file_with_another_hard_link_keeps_one_when_unpacked(tmp_path: Path) -> None:
    (tmp_path / "unit" / "sub").mkdir(parents=True)
    (tmp_path / "unit" / "sub" / "a.csv").write_bytes(b"x,y\n")
    (tmp_path / "unit" / "big.xlsx").write_bytes(b"z" * 50)
    os.link(tmp_path / "unit" / "sub" / "a.csv", tmp_path / "elsewhere.csv")
    packed = shipping.pack(str(tmp_path / "unit"), max_file_size=10)
    assert [(name, nlink) for name, _, nlink in packed.files] == [("big.xlsx", 1), ("sub/a.csv", 2)]
    shipping.unpack(packed, str(tmp_path / "copy"), str(tmp_path / "links"))
    copied = tmp_path / "copy" / "sub" / "a.csv"
    assert copied.read_bytes() == b"x,y\n" and copied.stat().st_nlink == 2
    big = tmp_path / "copy" / "big.xlsx"
    assert big.stat().st_size == 50 and big.stat().st_blocks == 0  # sparse: never sent


def test_each_worker_and_distribution_that_differs_is_named() -> None:
    wanted = {"evaluator": "3.0", "evaluator-demo": "1.3"}
    workers = {
        "tcp://b:2": {"evaluator": "3.0", "evaluator-demo": "1.2"},
        "tcp://a:1": {"evaluator": "3.0", "evaluator-demo": "1.3"},
        "tcp://c:3": {"evaluator": None, "evaluator-demo": "1.3"},
    }
    said = [m.text("en") for m in shipping.version_problems(wanted, workers)]
    assert said == [
        "Dask worker tcp://b:2 has evaluator-demo 1.2, this machine 1.3; "
        "install the same version on every worker",
        "Dask worker tcp://c:3 does not have evaluator installed (this machine: 3.0); "
        "install the same version on every worker",
    ]
