"""Issue 11, cases 12 to 15: faults of the file system and of processes, and an archive changed by hand.

A fault of the environment (a file that cannot be replaced) is not invalid input: there the exit
status may also be 3 ("failure, nothing written" in the README); what matters is all-or-nothing.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import bagit
import pytest

from minutes.cli import main
from minutes.output.files import PAUSE_VARIABLE

from .scene import TINY, Scene, make_workspace

FAILED = (1, 2, 3)
ISSUE_DATE = ("--date", "1404/02/01")


def outputs(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def temporaries(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob(".*.tmp"))


def processes_of(folder: Path) -> list[int]:
    """Live processes whose command line names ``folder`` (zombies aside)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if str(folder).encode() in (entry / "cmdline").read_bytes() and \
                    "\nState:\tZ" not in (entry / "status").read_text():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def minutes_process(ws: Path, *args: str, pause: str | None = None) -> subprocess.Popen[str]:
    environ = {**os.environ, **({PAUSE_VARIABLE: pause} if pause else {})}
    return subprocess.Popen([sys.executable, "-m", "minutes", "-C", str(ws), *args], cwd=ws, env=environ,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


# -- case 12: a rename that fails in the final step of build -----------------------------------------

@pytest.fixture
def built(scene: Scene) -> Iterator[Scene]:
    """The scene built once, then its decision edited so that every document must be made again."""
    assert scene.run("build", "-j", "1").code == 0
    scene.edit(scene.record, "فهرست مدارس", "فهرست کامل مدارس")
    yield scene
    for path in (scene.ws / "out").rglob("*"):
        subprocess.run(["chattr", "-i", str(path)], capture_output=True, check=False)


def _immutable(path: Path) -> None:
    """Make ``path`` immutable (even for root), or skip where chattr cannot."""
    if shutil.which("chattr") is None:
        pytest.skip("no chattr here")
    subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
    if _writable(path):
        pytest.skip("chattr +i does not work on this file system")


def _writable(path: Path) -> bool:
    try:
        with path.open("ab"):
            return True
    except OSError:
        return False


@pytest.mark.parametrize("obstacle", ["immutable", "directory"])
def test_a_failed_rename_leaves_every_document_as_it_was(built: Scene, obstacle: str) -> None:
    out = built.ws / "out"
    target = out / TINY / "letter-notify-education.pdf"  # the second document renamed into place
    if obstacle == "immutable":
        _immutable(target)
    else:
        target.unlink()
        (target / "keep").mkdir(parents=True)
    before = outputs(out)
    built.arm()
    run = built.run("build", "-j", "1")
    assert run.raised is None and "Traceback" not in run.text and "internal error" not in run.text, run.text
    assert run.code in FAILED, run.text
    assert temporaries(out) == [], "temporary files left beside the outputs"
    assert outputs(out) == before, "some documents were replaced, others not"
    built.assert_untouched()


# -- case 13: kill -9 during a build ---------------------------------------------------------------

@pytest.mark.parametrize("step", ["staged", "committing"])
def test_the_next_build_removes_what_a_killed_build_left(scene: Scene, step: str) -> None:
    assert scene.run("build", "-j", "1").code == 0
    out = scene.ws / "out"
    process = minutes_process(scene.ws, "build", "-j", "1", "--force", pause=step)
    marker = out / f".paused-{step}"
    deadline = time.monotonic() + 120
    while not marker.exists():
        assert process.poll() is None and time.monotonic() < deadline, "the build never reached its pause"
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    marker.unlink()
    assert list(out.glob(".minutes-staging-*")), "the killed build left its staging folder"
    scene.arm()
    run = scene.run("build", "-j", "1")
    assert run.code == 0, run.text
    assert temporaries(out) == [] and not list(out.glob(".minutes-staging-*"))
    scene.assert_untouched()


def test_workers_die_with_a_killed_build(scene: Scene) -> None:
    process = minutes_process(scene.ws, "build", "-j", "2", "--force")
    try:
        deadline = time.monotonic() + 60
        while len(processes_of(scene.ws)) < 3 and process.poll() is None:  # the parent and its two workers
            assert time.monotonic() < deadline, "the workers never started"
            time.sleep(0.01)
        process.send_signal(signal.SIGKILL)
        process.wait()
        time.sleep(2)
        strays = [pid for pid in processes_of(scene.ws) if pid != process.pid]
        assert strays == [], f"{len(strays)} worker(s) still alive after their parent was killed"
    finally:
        for pid in processes_of(scene.ws):  # ours: their command line names our throwaway workspace
            os.kill(pid, signal.SIGKILL)


# -- case 14: verify right after an issue killed at the staging step --------------------------------

@pytest.mark.parametrize("step", ["bagged", "committing", "moved"])
def test_verify_is_clean_right_after_a_killed_issue(scene: Scene, step: str) -> None:
    process = minutes_process(scene.ws, "issue", str(scene.record), *ISSUE_DATE, pause=step)
    marker = scene.ws / "archive" / f".paused-{step}"
    deadline = time.monotonic() + 120
    while not marker.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the issue never reached its pause"
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    marker.unlink()
    scene.arm()
    run = scene.run("verify")
    assert run.code == 0, run.text
    assert "note: " in run.err and "killed" in run.err, run.text  # told apart from tampering, and said so
    scene.assert_untouched()


# -- case 15: changes to the archive that verify does not notice -------------------------------------

@pytest.fixture(scope="module")
def issued_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace with the tiny record issued once (copied by each test)."""
    ws = make_workspace(tmp_path_factory.mktemp("issued"))
    assert main(["-C", str(ws), "issue", str(ws / "data" / "meetings" / f"{TINY}.yaml"), *ISSUE_DATE]) == 0
    return ws


@pytest.fixture
def archived(scene: Scene, issued_template: Path) -> Scene:
    """The scene with the archive of ``issued_template`` (its workspace files are the same as the scene's)."""
    shutil.copytree(issued_template / "archive", scene.ws / "archive")
    return scene


def _register(scene: Scene, statement: str) -> None:
    connection = sqlite3.connect(scene.ws / "archive" / "registry.sqlite")
    with connection:
        connection.execute(statement)
    connection.close()


def _incremental_update(pdf: Path) -> None:
    """Append an incremental update that gives the PDF another title, as an editor would."""
    data = pdf.read_bytes()
    previous = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    trailer = data[previous:]
    size = int(re.search(rb"/Size (\d+)", trailer)[1])  # type: ignore[index]
    root = re.search(rb"/Root (\d+ \d+ R)", trailer)[1]  # type: ignore[index]
    body = b"\n%d 0 obj\n<< /Title (Forged) >>\nendobj\n" % size
    object_at = len(data) + 1
    xref_at = len(data) + len(body)
    update = body + (b"xref\n0 1\n0000000000 65535 f \n%d 1\n%010d 00000 n \ntrailer\n"
                     b"<< /Size %d /Root %s /Info %d 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n"
                     % (size, object_at, size + 1, root, size, previous, xref_at))
    pdf.write_bytes(data + update)


TAMPERING = {
    "issued-on": lambda s, bag: _register(s, "UPDATE issues SET issued_on = '1404/02/02'"),
    "reason": lambda s, bag: _register(s, "UPDATE issues SET reason = 'جعلی'"),
    "swapped-pdf": lambda s, bag: shutil.copyfile(bag / "data" / "letters" / "letter-notify-education.pdf",
                                                  bag / "data" / "minutes.pdf"),
    "incremental-update": lambda s, bag: _incremental_update(bag / "data" / "minutes.pdf"),
    "directory-snapshot": lambda s, bag: s.edit(bag / "data" / "source" / "directory" / "directory.yaml",
                                                "اداره کل بهزیستی استان", "اداره جعلی"),
}


NOTICED = {
    "issued-on": "data/source/meeting.yaml: the register's issue date (1404/02/02) differs from the issued record's "
                 "(1404/02/01)",
    "reason": "data/source/meeting.yaml: the register's reason (جعلی) differs from the issued record's (none)",
    "swapped-pdf": "data/minutes.pdf: it is a copy of ",
    "incremental-update": "data/minutes.pdf: 1 incremental update(s) were appended after issue",
    "directory-snapshot": "data/source/directory/directory.yaml: differs from the file issued (the bag's manifests "
                          "were recomputed to match)",
}


@pytest.mark.parametrize("change", sorted(TAMPERING))
def test_verify_notices_changes_with_recomputed_manifests(archived: Scene, change: str) -> None:
    bag = archived.ws / "archive" / TINY / "v1"
    assert archived.run("verify").code == 0
    TAMPERING[change](archived, bag)
    bagit.Bag(str(bag)).save(manifests=True)  # as someone covering their tracks would
    archived.arm()
    run = archived.run("verify")
    assert run.code == 1, run.text
    assert "Traceback" not in run.text and "internal error" not in run.text
    assert NOTICED[change] in run.out, run.text
    archived.assert_untouched()


def test_the_tampering_itself_is_well_formed(archived: Scene) -> None:
    """The changed originals are still readable PDFs with their record inside: only a full hash can tell."""
    import pikepdf

    bag = archived.ws / "archive" / TINY / "v1"
    _incremental_update(bag / "data" / "minutes.pdf")
    with pikepdf.open(bag / "data" / "minutes.pdf") as document:
        assert str(document.docinfo["/Title"]) == "Forged"
        assert "meeting.yaml" in document.attachments

