"""Parallel and sharded builds, their progress display, and interrupted builds."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
from conftest import ROOT, SEED_RECORD

from minutes.build import Shard, Step, build
from minutes.cli import main
from minutes.cli.progress import bar, duration, summary
from minutes.diagnostics import RenderError
from minutes.output import worker
from minutes.workspace import PACKAGE_TEMPLATES, Workspace

TINY = "harms-committee-1403-05-10"
LARGE = "social-cultural-1403-05-17"


@pytest.fixture
def small(workspace: Workspace) -> Workspace:
    """The example workspace with the seed and the tiny record only (fast to build)."""
    (workspace.meetings / f"{LARGE}.yaml").unlink()
    return workspace


def contents(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(out).parts)}


def test_two_workers_give_the_same_bytes_as_one(small: Workspace, tmp_path: Path) -> None:
    one = build(small, None, tmp_path / "one", jobs=1)
    two = build(small, None, tmp_path / "two", jobs=2)
    assert len(one.written) == len(two.written) == 9
    assert contents(tmp_path / "one") == contents(tmp_path / "two")
    assert two.peak_rss_mb is not None and two.peak_rss_mb > 0


def test_an_error_in_a_worker_stops_the_build_and_writes_nothing(small: Workspace, tmp_path: Path) -> None:
    (small.templates / "letter.html").write_text(
        '{% extends "base.html" %}{% block content %}<img src="file:///etc/passwd">{% endblock %}', encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(RenderError, match="refused URL"):
        build(small, None, out, jobs=2)
    assert [p for p in out.rglob("*") if p.is_file()] == []


def test_a_worker_that_dies_stops_the_build_instead_of_hanging(small: Workspace, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    def die(self: object, job: object) -> None:
        os._exit(3)  # as a crash in a C library would end the process

    monkeypatch.setattr(worker.TrackingRenderer, "render_job", die)  # forked workers inherit it
    with pytest.raises(RenderError, match="stopped unexpectedly"):
        build(small, None, tmp_path / "out", jobs=2)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("text", ["0/2", "3/2", "1", "a/b", "1/0", "-1/2", "1/2/3"])
def test_a_shard_is_k_of_n_from_one(text: str) -> None:
    with pytest.raises(ValueError, match="K/N"):
        Shard.parse(text)


def test_shards_split_the_work_disjointly_and_completely() -> None:
    outputs = [f"record-{i}/letter-{j}.pdf" for i in range(40) for j in range(6)]
    parts = [[name for name in outputs if Shard(k, 3).owns(name)] for k in (1, 2, 3)]
    assert sorted(name for part in parts for name in part) == sorted(outputs)
    assert all(40 < len(part) < 120 for part in parts)  # roughly even, never all in one
    assert Shard.parse("2/3") == Shard(2, 3)


def test_shards_built_into_one_folder_make_the_full_build(small: Workspace, tmp_path: Path) -> None:
    build(small, None, tmp_path / "full")
    shared = tmp_path / "shared"
    first = build(small, None, shared, shard=Shard(1, 2), jobs=2)
    second = build(small, None, shared, shard=Shard(2, 2))
    assert not set(first.written) & set(second.written)
    assert contents(shared) == contents(tmp_path / "full")
    assert build(small, None, shared, shard=Shard(1, 2)).written == ()
    assert {p.name for p in shared.glob(".minutes-cache-*")} == {".minutes-cache-1-of-2.json",
                                                                 ".minutes-cache-2-of-2.json"}


def test_progress_bar_shows_count_rate_and_time_left() -> None:
    line = bar(Step(120, 1545, 400, Path("x.pdf")), elapsed=12.0, width=80)
    assert line.startswith("[") and "120/1545" in line and "7%" in line
    assert "10.0 docs/s" in line and "ETA 2:22" in line
    assert len(line) <= 80
    assert bar(Step(0, 10, 0), elapsed=0.0).endswith("0/10   0%")
    assert duration(42.4) == "0:42" and duration(3725) == "1:02:05"
    assert summary(3, 10, 1, 2.04) == "3 document(s) written, 10 up to date, 1 removed in 2.0s"


def test_build_command_prints_a_line_per_document_when_not_on_a_terminal(
        small: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["-C", str(small.root), "build", "-o", str(out), "-j", "2"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "9 document(s) to build, 0 up to date"
    assert sorted(Path(line.removeprefix("built ")).parent.name for line in err[1:-1]) == [TINY] * 4 + [SEED_RECORD] * 5
    assert err[-1].startswith("9 document(s) written, 0 up to date in ")
    assert main(["-C", str(small.root), "build", "-o", str(out)]) == 0
    assert capsys.readouterr().err.startswith("0 document(s) written, 9 up to date in ")


@pytest.mark.parametrize("option", ["-j0", "--jobs=x", "--shard=0/2", "--shard=2"])
def test_build_command_refuses_bad_jobs_and_shards(option: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["build", option])
    assert exit_.value.code == 2


def complete(pdf: Path) -> bool:
    data = pdf.read_bytes()
    return data.rstrip().endswith(b"%%EOF") and len(pypdf.PdfReader(pdf).pages) > 0


def _as_at_a_terminal() -> None:
    """Let Ctrl-C reach the build even when these tests run where it is ignored (a background job)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.fixture(scope="module")
def built_large(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A workspace with the large record (and the tiny one it follows up) and its complete build."""
    root = tmp_path_factory.mktemp("large") / "ws"
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(ROOT / "fonts", root / "fonts")
    (root / "templates").mkdir()
    (root / "data" / "meetings" / f"{SEED_RECORD}.yaml").unlink()
    build(Workspace.at(root), None, root.parent / "out", jobs=2)
    return root, root.parent / "out"


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_an_interrupted_build_leaves_no_truncated_pdf(built_large: tuple[Path, Path], tmp_path: Path,
                                                       sig: int) -> None:
    """Interrupted while rendering (as Ctrl-C, a scheduler's cancel or a kill hits the whole process
    group), the build leaves the previous PDFs whole and no temporary file; the next build is right."""
    workspace, out = Workspace.at(shutil.copytree(built_large[0], tmp_path / "ws")), tmp_path / "out"
    shutil.copytree(built_large[1], out)  # keeps modification times, so the copy is up to date
    before = contents(out)
    style = (PACKAGE_TEMPLATES / "style.css").read_text(encoding="utf-8")
    (workspace.templates / "style.css").write_text(style + "\nh1 { color: #000; }\n", encoding="utf-8")
    command = [sys.executable, "-m", "minutes", "-C", str(workspace.root), "build", "-o", str(out), "-j", "2"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                               start_new_session=True, preexec_fn=_as_at_a_terminal)
    assert process.stderr is not None
    for line in process.stderr:
        if line.startswith("built "):
            os.killpg(process.pid, sig)
            break
    process.communicate(timeout=60)
    assert process.returncode == (-signal.SIGKILL if sig == signal.SIGKILL else 130)
    pdfs = sorted(out / name for name in contents(out) if name.endswith(".pdf"))
    assert all(complete(pdf) for pdf in out.rglob("*.pdf"))
    assert contents(out) == before  # nothing was renamed into place before the interruption
    if sig != signal.SIGKILL:
        assert not list(out.rglob("*.tmp"))
        return
    result = build(workspace, None, out, jobs=2)
    assert sorted(result.written) == pdfs  # the stylesheet changed: every PDF, though some look the same
    assert contents(out)[f"{LARGE}/minutes.pdf"] != before[f"{LARGE}/minutes.pdf"]
    assert not list(out.rglob("*.tmp"))
    assert not list(out.glob(".minutes-staging-*"))  # what the killed build staged is gone


STOP_AT_ONCE = """
import sys
from minutes.cli.console import TerminateAsInterrupt
from minutes.output.pool import Renderers
with TerminateAsInterrupt():
    for _ in range(int(sys.argv[1])):
        with Renderers(2) as pool:
            pass
        print(*sorted(process.exitcode for process in pool.workers.values()), flush=True)
"""


def test_workers_stopped_as_soon_as_started_die_by_sigterm_without_a_word() -> None:
    """A build with nothing to render stops its workers right after forking them, under the command
    line's SIGTERM handler. Each must die of that SIGTERM (not linger until killed 5 s later, not
    print a KeyboardInterrupt traceback): a no-op build once took 5–10 s half of the time."""
    done = subprocess.run([sys.executable, "-c", STOP_AT_ONCE, "30"], capture_output=True, text=True, timeout=600,
                          check=True)
    assert done.stdout.splitlines() == [f"{-signal.SIGTERM} {-signal.SIGTERM}"] * 30
    assert done.stderr == ""


def test_a_rendering_worker_does_not_load_the_record_models() -> None:
    """A worker's start is on the path of every one-record edit: it loads WeasyPrint and our pdf stage,
    not pydantic and the record models (≈ 80 ms)."""
    loaded = subprocess.run([sys.executable, "-c", "import sys, minutes.output.pool, minutes.output.worker; "
                             "print(sorted(m for m in sys.modules if m.startswith(('pydantic', 'minutes.model'))))"],
                            capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"
