"""Every command writes its files as one set: a process killed while writing leaves all the old files
or, once the next run has cleared what it left, all the new ones; never a mix, never a stray file."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT

from minutes.output.files import PAUSE_VARIABLE, Staging, WriteError, remove_leftovers
from minutes.workspace import Workspace

AS_OF = "1404/02/01"


def files(folder: Path) -> dict[str, bytes]:
    """The visible files below ``folder`` (staging folders are hidden), with their bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)}


def followup(workspace: Workspace, out: Path, pause: str | None = None) -> subprocess.Popen[str]:
    environ = {**os.environ, **({PAUSE_VARIABLE: pause} if pause else {})}
    return subprocess.Popen([sys.executable, "-m", "minutes", "-C", str(workspace.root), "followup",
                             "--as-of", AS_OF, "-o", str(out), "-q"],
                            env=environ, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)


def kill_at(process: subprocess.Popen[str], marker: Path) -> None:
    deadline = time.monotonic() + 120
    while not marker.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the command never reached its pause"
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    marker.unlink()


@pytest.fixture(scope="module")
def old_and_new(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes], dict[str, bytes]]:
    """A workspace whose follow-up was made once (old), then edited so that every document changes
    (the office's name is in every letterhead); and what a clean run gives after the edit (new)."""
    root = tmp_path_factory.mktemp("followup") / "ws"
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(ROOT / "fonts", root / "fonts")
    workspace = Workspace.at(root)
    out = root.parent / "out"
    assert followup(workspace, out).wait() == 0
    old = files(out / "followup")
    office = workspace.data / "office.yaml"
    office.write_text(office.read_text(encoding="utf-8").replace("name: دبیرخانه", "name: دبیرخانهٔ"),
                      encoding="utf-8")
    clean = root.parent / "clean"
    assert followup(workspace, clean).wait() == 0
    new = files(clean / "followup")
    assert len(old) > 2 and old.keys() == new.keys() and all(old[name] != new[name] for name in old)
    return root, old, new


@pytest.mark.parametrize("step", ["staged", "committing"])
def test_a_followup_killed_between_two_files_leaves_all_old_or_all_new(
        old_and_new: tuple[Path, dict[str, bytes], dict[str, bytes]], tmp_path: Path, step: str) -> None:
    root, old, new = old_and_new
    workspace = Workspace.at(shutil.copytree(root, tmp_path / "ws"))
    out = shutil.copytree(root.parent / "out", tmp_path / "out")
    kill_at(followup(workspace, out, pause=step), out / "followup" / f".paused-{step}")
    if step == "staged":  # nothing was renamed into place yet
        assert files(out / "followup") == old
    assert remove_leftovers(out / "followup") == 1  # what the next run does first
    assert files(out / "followup") == (old if step == "staged" else new)
    assert not list((out / "followup").glob(".minutes-staging-*"))


def test_a_set_that_cannot_be_written_puts_every_file_back(tmp_path: Path) -> None:
    root = tmp_path / "out"
    (root / "a").mkdir(parents=True)
    for name in ("a/1.pdf", "a/2.pdf", "a/3.pdf"):
        (root / name).write_bytes(b"old " + name.encode())
    blocked = root / "a" / "2.pdf"
    staging = Staging(root)
    for name in ("a/1.pdf", "a/2.pdf", "a/3.pdf", "b/4.pdf"):
        staging.add(root / name, b"new " + name.encode())
    blocked.unlink()
    blocked.mkdir()  # a folder where a file must go: its rename fails after 1.pdf and b/ are in place
    with pytest.raises(WriteError, match="every file is as it was"):
        staging.commit()
    blocked.rmdir()
    assert files(root) == {"a/1.pdf": b"old a/1.pdf", "a/3.pdf": b"old a/3.pdf"}
    assert not list(root.glob(".minutes-staging-*"))


def test_a_target_outside_the_root_or_through_a_link_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "out"
    (tmp_path / "elsewhere").mkdir()
    root.mkdir()
    (root / "link").symlink_to(tmp_path / "elsewhere")
    staging = Staging(root)
    for target in (tmp_path / "x.pdf", root / ".." / "x.pdf", root / "link" / "x.pdf"):
        with pytest.raises(WriteError, match="refused"):
            staging.add(target, b"data")
    staging.add(root / "a.pdf", b"1")
    with pytest.raises(WriteError, match="two documents"):
        staging.add(root / "a.pdf", b"2")
    staging.discard()
    assert not list((tmp_path / "elsewhere").iterdir()) and not list(root.glob(".minutes-staging-*"))
