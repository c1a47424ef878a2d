"""Issuing and archiving: numbered PDF/A-3a (tagged) originals in bags that verify, and nothing half-done."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import bagit
import pikepdf
import pytest
from conftest import ROOT, SEED_RECORD, comparable, pdftotext

from minutes.archive.issued import load_issued, render_originals
from minutes.archive.registry import REGISTRY_NAME, Registry
from minutes.archive.verify import verify
from minutes.cli import main
from minutes.output.files import PAUSE_VARIABLE
from minutes.sources import check_workspace as validate
from minutes.workspace import Workspace

LARGE = "social-cultural-1403-05-17"
TINY = "harms-committee-1403-05-10"


def issue(workspace: Workspace, record: str, *extra: str) -> int:
    return main(["-C", str(workspace.root), "issue", str(workspace.meetings / f"{record}.yaml"),
                 "--date", "1404/02/01", *extra])


def digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def issued(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """A copy of the example workspace with the seed and the large record issued."""
    root = tmp_path_factory.mktemp("issued")
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(ROOT / "fonts", root / "fonts")
    workspace = Workspace.at(root)
    assert issue(workspace, SEED_RECORD) == 0
    assert issue(workspace, LARGE) == 0
    return workspace


def originals(workspace: Workspace, record: str, version: int = 1) -> list[Path]:
    return sorted((workspace.root / "archive" / record / f"v{version}" / "data").rglob("*.pdf"))


def test_issue_writes_a_bag_per_record_and_leaves_data_alone(issued: Workspace) -> None:
    for record in (SEED_RECORD, LARGE):
        bag = issued.root / "archive" / record / "v1"
        assert (bag / "bagit.txt").is_file() and (bag / "manifest-sha512.txt").is_file()
        assert (bag / "data" / "minutes.pdf").is_file()
        assert (bag / "data" / "source" / "directory" / "directory.yaml").is_file()
        original = (ROOT / "data" / "meetings" / f"{record}.yaml").read_bytes()
        assert (issued.meetings / f"{record}.yaml").read_bytes() == original
        assert (bag / "data" / "source" / "meeting.yaml").read_bytes().startswith(original)


def test_numbers_are_distinct_and_recorded(issued: Workspace) -> None:
    registry = Registry(issued.root / "archive" / REGISTRY_NAME)
    rows = registry.all_issues()
    registry.close()
    numbers = [n for row in rows for n in row.numbers.values()]
    assert len(numbers) == len(set(numbers)) == sum(len(originals(issued, r.record)) for r in rows)
    issued_copy = issued.root / "archive" / SEED_RECORD / "v1" / "data" / "source" / "meeting.yaml"
    record = load_issued(issued_copy.read_bytes(), SEED_RECORD, "meeting.yaml").record
    by_record = {row.record: row.numbers for row in rows}
    assert record.issued is not None and record.issued.numbers == by_record[SEED_RECORD]


def test_originals_are_pdfa3a_with_the_issued_record_inside(issued: Workspace) -> None:
    for record in (SEED_RECORD, LARGE):
        source = (issued.root / "archive" / record / "v1" / "data" / "source" / "meeting.yaml").read_bytes()
        for pdf in originals(issued, record):
            with pikepdf.open(pdf) as document:
                xmp = document.open_metadata()
                assert (xmp.get("pdfaid:part"), xmp.get("pdfaid:conformance")) == ("3", "A"), pdf
                assert str(document.Root.Lang) == "fa-IR"
                attached = document.attachments["meeting.yaml"]
                assert attached.get_file().read_bytes() == source
                assert attached.obj.AFRelationship == "/Source"
                assert [af.objgen for af in document.Root.AF] == [attached.obj.objgen]  # once (WeasyPrint#2917)
                for page in document.pages:
                    for font in page.Resources.Font.values():
                        descriptor = font.DescendantFonts[0].FontDescriptor
                        assert "/FontFile2" in descriptor and "Vazirmatn" in str(font.BaseFont), pdf


def test_final_look_has_numbers_and_no_watermark(issued: Workspace) -> None:
    text = comparable(pdftotext(issued.root / "archive" / SEED_RECORD / "v1" / "data" / "letters" /
                                "letter-forwarding.pdf"))
    assert comparable("شماره ۰۴/۲") in text  # the number of the second document issued in 1404
    with pikepdf.open(originals(issued, SEED_RECORD)[0]) as document:
        assert not str(document.docinfo.get("/Title", "")).startswith("پیش‌نویس")


def test_rerendering_an_issued_record_gives_identical_bytes(issued: Workspace) -> None:
    bag = issued.root / "archive" / SEED_RECORD / "v1" / "data"
    issued_yaml = (bag / "source" / "meeting.yaml").read_bytes()
    item = load_issued(issued_yaml, SEED_RECORD, "meeting.yaml")
    again = render_originals(issued, item, validate(issued).directory, issued_yaml)
    assert {name: hashlib.sha256(data).hexdigest() for name, data in again.items()} == {
        str(p.relative_to(bag)): hashlib.sha256(p.read_bytes()).hexdigest() for p in originals(issued, SEED_RECORD)}


def test_verify_passes_then_names_each_changed_file(issued: Workspace, tmp_path: Path) -> None:
    assert verify(issued.root / "archive").problems == ()
    archive = tmp_path / "archive"
    shutil.copytree(issued.root / "archive", archive)
    pdf = archive / SEED_RECORD / "v1" / "data" / "letters" / "letter-forwarding.pdf"
    data = bytearray(pdf.read_bytes())
    data[len(data) // 2] ^= 0x01
    pdf.write_bytes(bytes(data))
    info = archive / LARGE / "v1" / "bag-info.txt"
    info.write_text(info.read_text(encoding="utf-8").replace("Bag-Group", "Bag-Groop"), encoding="utf-8")
    problems = [problem.text() for problem in verify(archive).problems]
    assert any(str(pdf) in p for p in problems), problems
    assert any(str(info) in p for p in problems), problems
    assert all(SEED_RECORD in p or LARGE in p for p in problems)


def test_reissue_is_refused_and_supersede_keeps_version_one(issued: Workspace, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    workspace = Workspace.at(tmp_path / "ws")
    shutil.copytree(issued.root, workspace.root)
    before = digests(workspace.root / "archive" / SEED_RECORD / "v1")
    assert issue(workspace, SEED_RECORD) == 2
    assert "was already issued (version 1 on 1404/02/01); to issue a corrected version use --supersede" \
        in capsys.readouterr().err
    assert issue(workspace, SEED_RECORD, "--supersede") == 2
    assert issue(workspace, SEED_RECORD, "--supersede", "--reason", "اصلاح سمت رئیس جلسه") == 0
    assert digests(workspace.root / "archive" / SEED_RECORD / "v1") == before
    assert (workspace.root / "archive" / SEED_RECORD / "v2" / "data" / "minutes.pdf").is_file()
    assert verify(workspace.root / "archive").problems == ()
    capsys.readouterr()
    assert main(["-C", str(workspace.root), "search", "كارگروه"]) == 0
    found = {line.split("\t")[0] for line in capsys.readouterr().out.splitlines()}
    assert found >= {f"{SEED_RECORD}/v1 (superseded by v2)", f"{SEED_RECORD}/v2", f"{LARGE}/v1"}
    assert f"{SEED_RECORD}/v1" not in found



def test_search_matches_across_typing(issued: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    workspace = Workspace.at(tmp_path / "ws")
    shutil.copytree(issued.root, workspace.root)
    tiny = workspace.meetings / f"{TINY}.yaml"
    tiny.write_text(tiny.read_text(encoding="utf-8").replace(
        "را اعلام کردند.", "را اعلام کردند؛ دوره‌ها از مهر برگزار می‌شود."), encoding="utf-8")
    assert issue(workspace, TINY) == 0
    capsys.readouterr()
    assert main(["-C", str(workspace.root), "search", "كارگروه"]) == 0  # Arabic kaf
    assert f"{SEED_RECORD}/v1\t" in capsys.readouterr().out
    assert main(["-C", str(workspace.root), "search", "میشود"]) == 0
    out = capsys.readouterr().out
    assert f"{TINY}/v1\t-\t" in out and "برگزار می‌شود" in out
    assert main(["-C", str(workspace.root), "search", "واژه‌ای که نیست"]) == 1


def _minutes_issue(workspace: Workspace, record: str, pause: str | None = None) -> subprocess.Popen[str]:
    environ = {**os.environ, **({PAUSE_VARIABLE: pause} if pause else {})}
    return subprocess.Popen([sys.executable, "-m", "minutes", "-C", str(workspace.root), "issue",
                             str(workspace.meetings / f"{record}.yaml"), "--date", "1404/02/01"],
                            env=environ, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_concurrent_issues_take_distinct_numbers(workspace: Workspace) -> None:
    processes = [_minutes_issue(workspace, record) for record in (SEED_RECORD, TINY)]
    outputs = [p.communicate(timeout=300) for p in processes]
    assert [p.returncode for p in processes] == [0, 0], outputs
    numbers = [line.split("\t")[1] for out, _ in outputs for line in out.splitlines()]
    assert sorted(numbers) == [f"04/{n}" for n in range(1, 6)]  # 3 documents of the seed, 2 of the tiny one
    assert verify(workspace.root / "archive").problems == ()


@pytest.mark.parametrize("step", ["numbered", "rendered", "bagged", "staged", "committing", "moved"])
def test_killed_issue_leaves_all_or_nothing(workspace: Workspace, step: str) -> None:
    process = _minutes_issue(workspace, TINY, pause=step)
    marker = workspace.root / "archive" / f".paused-{step}"
    deadline = time.monotonic() + 120
    while not marker.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the issue never reached its pause"
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    marker.unlink()
    registry = Registry(workspace.root / "archive" / REGISTRY_NAME)
    assert registry.all_issues() == []
    registry.close()
    rerun = _minutes_issue(workspace, TINY)
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    assert [line.split("\t")[1] for line in out.splitlines()] == ["04/1", "04/2"]  # nothing was taken by the killed run
    assert verify(workspace.root / "archive").problems == ()
    assert not (workspace.root / "archive" / ".staging").exists()


def test_verapdf_verdicts_are_reported_when_it_is_installed(issued: Workspace, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    failing = originals(issued, SEED_RECORD)[0]
    fake = tmp_path / "bin" / "verapdf"
    fake.parent.mkdir()
    fake.write_text(f"#!/bin/sh\nfor f in \"$@\"; do case $f in --*|text) ;; {failing}) echo \"FAIL $f\";; "
                    "*) echo \"PASS $f\";; esac; done\nexit 1\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}{os.pathsep}{os.environ['PATH']}")
    assert [p.text() for p in verify(issued.root / "archive").problems] == [
        f"{failing}: veraPDF finds it not PDF/A conformant"]


def test_an_issue_date_before_the_meeting_is_refused_and_the_serial_year_is_the_issue_dates(
        workspace: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    record = workspace.meetings / f"{TINY}.yaml"
    command = ["-C", str(workspace.root), "issue", str(record), "--date"]
    assert main([*command, "1403/05/04"]) == 1  # the meeting was on 1403/05/10
    assert capsys.readouterr().err.startswith(
        f"{workspace.display_name(record)}:7:9: issue-before-meeting: the issue date 1403/05/04 is before the "
        "meeting (1403/05/10): issue on the day of the meeting or later\n")
    assert not (workspace.root / "archive").exists()
    assert main([*command, "1403/05/10"]) == 0  # the day of the meeting
    printed = [line.split("\t")[:2] for line in capsys.readouterr().out.splitlines()]
    assert printed == [["minutes", "03/1"], ["letter-notify-education", "03/2"]]


def _register(archive: Path, *statements: str) -> None:
    connection = sqlite3.connect(archive / REGISTRY_NAME)
    with connection:
        for statement in statements:
            connection.execute(statement)
    connection.close()


def test_a_register_from_before_the_hashes_stays_readable(issued: Workspace, tmp_path: Path) -> None:
    """Registers written before the tables of originals and bags verify (with a note) and take new issues."""
    workspace = Workspace.at(tmp_path / "ws")
    shutil.copytree(issued.root, workspace.root)
    archive = workspace.root / "archive"
    _register(archive, "DROP TABLE originals", "DROP TABLE bags")
    verdict = verify(archive)
    assert verdict.problems == ()
    assert [note.text() for note in verdict.notes] == [
        f"2 issue(s) recorded before the register kept the hashes of originals and bags (their bags' own manifests "
        f"vouch for them): {SEED_RECORD}/v1, {LARGE}/v1"]
    assert issue(workspace, TINY) == 0
    assert verify(archive).problems == ()
    pdf = archive / SEED_RECORD / "v1" / "data" / "minutes.pdf"
    pdf.write_bytes(pdf.read_bytes() + b"\n% appended\n")
    assert verify(archive).problems[0].text().startswith(f"{pdf.parents[1]}: Payload-Oxum validation failed")  # bagit's


def test_verify_tells_an_unfinished_issue_from_a_planted_or_changed_bag(workspace: Workspace) -> None:
    process = _minutes_issue(workspace, TINY, pause="moved")
    marker = workspace.root / "archive" / ".paused-moved"
    deadline = time.monotonic() + 120
    while not marker.exists():
        assert process.poll() is None and time.monotonic() < deadline, process.communicate()
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    marker.unlink()
    archive = workspace.root / "archive"
    bag = archive / TINY / "v1"
    verdict = verify(archive)
    assert verdict.problems == ()
    assert [note.text() for note in verdict.notes] == [
        f"{bag}: an unfinished issue (killed, or still at work, before the register recorded it): not issued; the next "
        "issue removes it"]
    shutil.copytree(bag, archive / SEED_RECORD / "v1")  # a bag no issue made
    info = bag / "bag-info.txt"
    info.write_text(info.read_text(encoding="utf-8") + "Note: changed\n", encoding="utf-8")
    bagit.Bag(str(bag)).save()
    assert [problem.text() for problem in verify(archive).problems] == [
        f"{bag}: a bag the register does not list, changed since the unfinished issue that made it",
        f"{archive / SEED_RECORD / 'v1'}: a bag the register does not list"]

