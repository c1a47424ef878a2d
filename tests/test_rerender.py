"""What rendered each original is kept in its bag; `verify --rerender` renders every original again and
compares the bytes, and says which differ and why; `doctor` tells from the bags alone."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import bagit
import pytest
from conftest import ROOT
from fontTools.ttLib import TTFont

from minutes.archive.provenance import PROVENANCE_NAME, TAG_MANIFEST, describe, differences
from minutes.archive.verify import verify
from minutes.cli import main
from minutes.workspace import Workspace

RECORDS = sorted(p.stem for p in (ROOT / "data" / "meetings").glob("*.yaml"))
REGULAR = "fonts/vazirmatn/Vazirmatn-Regular.ttf"


@pytest.fixture(scope="module")
def example_archive(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """A copy of the example workspace with every example record issued."""
    root = tmp_path_factory.mktemp("examples")
    for folder in ("data", "fonts"):
        shutil.copytree(ROOT / folder, root / folder)
    workspace = Workspace.at(root)
    for record in RECORDS:
        assert main(["-C", str(root), "issue", str(workspace.meetings / f"{record}.yaml"), "--date", "1404/02/01"]) == 0
    return workspace


@pytest.fixture
def copy(example_archive: Workspace, tmp_path: Path) -> Workspace:
    shutil.copytree(example_archive.root, tmp_path / "ws")
    return Workspace.at(tmp_path / "ws")


def _originals(workspace: Workspace) -> list[str]:
    return sorted(p.relative_to(workspace.root).as_posix() for p in (workspace.root / "archive").rglob("*.pdf"))


def _rerender(workspace: Workspace, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(["-C", str(workspace.root), "--lang", "en", "verify", "--rerender"])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_each_bag_records_what_rendered_it(example_archive: Workspace) -> None:
    bag = example_archive.root / "archive" / RECORDS[0] / "v1"
    recorded = json.loads((bag / PROVENANCE_NAME).read_text(encoding="utf-8"))
    assert {"minutes", "WeasyPrint", "pydyf", "fontTools", "Pango", "HarfBuzz"} <= set(recorded["software"])
    assert all(recorded["software"][name] not in ("", "missing", "unknown") for name in ("Pango", "HarfBuzz"))
    sums = dict(reversed(line.split()) for line in (ROOT / "fonts/vazirmatn/SHA256SUMS").read_text().splitlines())
    assert recorded["fonts"] == {f"fonts/vazirmatn/{name}": digest for name, digest in sums.items()}
    assert {"minutes.html", "style.css", "watermark.png"} <= set(recorded["templates"])
    listed = (bag / TAG_MANIFEST).read_text(encoding="utf-8").split()
    assert listed[listed.index(PROVENANCE_NAME) - 1] == hashlib.sha512((bag / PROVENANCE_NAME).read_bytes()).hexdigest()
    bagit.Bag(str(bag)).validate()


def test_the_example_archive_renders_again_byte_identical(example_archive: Workspace,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _rerender(example_archive, capsys)
    count = len(_originals(example_archive))
    assert (status, out) == (0, "")
    assert err.splitlines()[-1] == f"{count} original(s) of {len(RECORDS)} bag(s) rendered again: byte-identical"
    assert main(["-C", str(example_archive.root), "doctor"]) == 0
    assert "so it re-renders them byte-identically" in capsys.readouterr().out


def _another_build_of_the_font(workspace: Workspace) -> str:
    """The regular face with another revision number (and its checksum), as an upgraded font package
    would bring; returns its SHA-256."""
    path = workspace.root / REGULAR
    font = TTFont(path)
    font["head"].fontRevision = 33.004
    font.save(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    sums = path.parent / "SHA256SUMS"
    lines = [f"{digest}  {path.name}" if path.name in line else line for line in sums.read_text().splitlines()]
    sums.write_text("\n".join(lines) + "\n")
    return digest


def test_a_different_font_file_names_every_original_and_the_file(copy: Workspace,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    before = hashlib.sha256((copy.root / REGULAR).read_bytes()).hexdigest()
    after = _another_build_of_the_font(copy)
    status, out, err = _rerender(copy, capsys)
    assert status == 1
    differing = sorted(Path(line.split(": differs")[0]).resolve().relative_to(copy.root).as_posix()
                       for line in out.splitlines() if ": differs" in line)
    assert differing == _originals(copy)
    reason = f"font file {REGULAR}: sha256 {before[:12]}… when issued, {after[:12]}… now"
    assert out.count(reason) == len(RECORDS), out
    assert "Vazirmatn-Bold" not in out and "WeasyPrint" not in out  # only what differs is named
    assert err.splitlines()[-1] == f"{len(differing)} of {len(differing)} original(s) differ when rendered again"
    assert main(["-C", str(copy.root), "doctor"]) == 0
    doctor = capsys.readouterr().out
    assert "may not render them byte-identically" in doctor and doctor.count(reason) == len(RECORDS)


def test_a_workspace_template_is_named_when_it_changes_an_original(copy: Workspace,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    style = (ROOT / "minutes/templates/style.css").read_text(encoding="utf-8")
    (copy.templates).mkdir(exist_ok=True)
    (copy.templates / "style.css").write_text(style + "\nh1 { letter-spacing: 0.5pt; }\n", encoding="utf-8")
    status, out, _ = _rerender(copy, capsys)
    assert status == 1 and "/minutes.pdf: differs" in out
    assert "template style.css: sha256" in out and "font file" not in out


def test_a_bag_without_provenance_says_so(copy: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    bag = copy.root / "archive" / RECORDS[0] / "v1"
    (bag / PROVENANCE_NAME).unlink()
    manifest = bag / TAG_MANIFEST
    manifest.write_text("".join(line for line in manifest.read_text().splitlines(keepends=True)
                                if PROVENANCE_NAME not in line))
    _another_build_of_the_font(copy)
    status, out, _ = _rerender(copy, capsys)
    assert status == 1
    assert f"{RECORDS[0]}/v1: the bag was issued before minutes recorded what rendered it" in out


def test_a_bag_that_cannot_be_rendered_again_says_why(copy: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    bag = copy.root / "archive" / RECORDS[0] / "v1"
    (bag / "data" / "source" / "directory" / "office.yaml").unlink()
    status, out, _ = _rerender(copy, capsys)
    assert status == 1
    assert f"  {RECORDS[0]}/v1: cannot be rendered again: " in out and "no-office" in out
    assert f"{RECORDS[1]}/v1" not in out  # the other bags render again as they were


def test_an_edited_provenance_file_fails_verify(copy: Workspace) -> None:
    bag = copy.root / "archive" / RECORDS[0] / "v1"
    recorded = json.loads((bag / PROVENANCE_NAME).read_text(encoding="utf-8"))
    recorded["software"]["WeasyPrint"] = "999"
    (bag / PROVENANCE_NAME).write_text(json.dumps(recorded), encoding="utf-8")
    assert any(PROVENANCE_NAME in problem.text() for problem in verify(copy.root / "archive").problems)


def test_differences_are_worded_per_kind(example_archive: Workspace) -> None:
    now = describe(example_archive, "Vazirmatn")
    then = json.loads(json.dumps(now))
    assert differences(then, now) == []
    then["software"]["WeasyPrint"] = "68.1"
    del then["software"]["HarfBuzz"]
    then["assets"]["assets/emblem.png"] = "ab" * 32
    assert [difference.text() for difference in differences(then, now)] == [
        f"HarfBuzz absent when issued, {now['software']['HarfBuzz']} now",
        f"WeasyPrint 68.1 when issued, {now['software']['WeasyPrint']} now",
        "asset assets/emblem.png: sha256 abababababab… when issued, absent now"]
    assert [difference.text("fa") for difference in differences(then, now)][::2] == [
        f"HarfBuzz: هنگام صدور ناموجود، اکنون {now['software']['HarfBuzz']}",
        "تصویر یا فایل همراه assets/emblem.png: چکیده sha256 هنگام صدور abababababab…، اکنون ناموجود"]
