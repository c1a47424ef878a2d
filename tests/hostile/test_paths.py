"""Issue 11, cases 3, 8, 10 and 11: names and paths in the workspace that lead out of it."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from .scene import TINY, Scene

MEETINGS = "data/meetings"
ISSUE_DATE = ("--date", "1404/02/01")


def _rename_record(scene: Scene, stem: str) -> Path:
    target = scene.record.with_name(f"{stem}.yaml")
    scene.record.rename(target)
    return target


# -- case 3: a record named '...yaml' has the output folder '..' ------------------------------------

@pytest.mark.parametrize("stem", ["..", "."])
def test_a_record_named_dots_is_refused_by_build(scene: Scene, stem: str) -> None:
    _rename_record(scene, stem)
    (scene.ws / "brief.txt").write_text("the user's own file\n", encoding="utf-8")  # overwritten today
    scene.arm()
    run = scene.run("build", "-j", "1")
    scene.assert_refused(run, f"{MEETINGS}/{stem}.yaml:1:1:")
    assert not (scene.ws / "out" / "minutes.pdf").exists()


def test_removing_a_dots_record_never_deletes_outside_out(scene: Scene) -> None:
    record = _rename_record(scene, "..")
    scene.run("build", "-j", "1")
    for name in ("minutes.pdf", "brief.txt"):  # the user's own files where the build wrote
        (scene.ws / name).write_text("the user's own file\n", encoding="utf-8")
    record.unlink()
    scene.arm()
    run = scene.run("build", "-j", "1")
    assert all((scene.ws / name).is_file() for name in ("minutes.pdf", "brief.txt")), "files beside out/ deleted"
    assert run.code == 0 and "Traceback" not in run.text, run.text  # the refused record was never built
    scene.assert_untouched()


def test_a_record_named_dots_is_refused_by_issue(scene: Scene) -> None:
    record = _rename_record(scene, "..")
    scene.arm()
    run = scene.run("issue", str(record), *ISSUE_DATE)
    scene.assert_refused(run, f"{MEETINGS}/...yaml:1:1:")
    assert not (scene.ws / "v1").exists()


def test_verify_refuses_a_register_folder_outside_the_archive(scene: Scene) -> None:
    assert scene.run("issue", str(scene.record), *ISSUE_DATE).code == 0
    archive = scene.ws / "archive"
    shutil.move(archive / TINY / "v1", scene.ws / "v1")  # where a '...yaml' issue puts its bag
    connection = sqlite3.connect(archive / "registry.sqlite")
    with connection:
        connection.execute("UPDATE issues SET folder = '../v1'")
    connection.close()
    scene.arm()
    run = scene.run("verify")
    assert run.code == 1, run.text
    assert "../v1" in run.text or "v1" in run.out
    scene.assert_untouched()


# -- case 8: a record that is a symlink to a file outside the workspace -----------------------------

def _symlink_out(scene: Scene, inside: Path, name: str) -> Path:
    """Move ``inside`` to outside/``name`` and leave a symlink to it in its place."""
    target = scene.outside / name
    shutil.move(inside, target)
    os.symlink(target, inside)
    return target


@pytest.mark.parametrize("command", ["validate", "build"])
def test_a_record_symlinked_outside_is_refused(scene: Scene, command: str) -> None:
    _symlink_out(scene, scene.record, "record.yaml")
    scene.arm()
    run = scene.run(command, *(["-j", "1"] if command == "build" else []))
    scene.assert_refused(run, f"{MEETINGS}/{TINY}.yaml:1:1:")


def test_lint_fix_never_writes_through_a_symlink_outside(scene: Scene) -> None:
    scene.edit(scene.record, "مهارت‌های زندگی در", "مهارت های زندگی در")  # something lint --fix would fix
    target = _symlink_out(scene, scene.record, "record.yaml")
    before = target.read_bytes()
    scene.arm()
    run = scene.run("lint", "--fix")
    scene.assert_refused(run, f"{MEETINGS}/{TINY}.yaml:1:1:")  # stops watching reads: the check below reads
    assert target.read_bytes() == before, "lint --fix wrote to a file outside the workspace"


def test_a_directory_file_symlinked_outside_is_refused(scene: Scene) -> None:
    _symlink_out(scene, scene.ws / "data" / "directory.yaml", "directory.yaml")
    scene.arm()
    scene.assert_refused(scene.run("validate"), "data/directory.yaml:1:1:")


def test_a_folder_of_records_symlinked_outside_is_not_read(scene: Scene) -> None:
    """Held today: data/meetings/ is searched without following symlinked folders."""
    (scene.outside / "records").mkdir()
    shutil.move(scene.record, scene.outside / "records" / scene.record.name)
    os.symlink(scene.outside / "records", scene.ws / MEETINGS / "more")
    scene.arm()
    scene.assert_refused(scene.run("validate"))


# -- case 10: 'font:' naming a path outside the workspace --------------------------------------------

def _outside_font(scene: Scene, sums: bool) -> str:
    """A font family that is a path to a complete face outside the workspace; returns the value."""
    folder = scene.outside / "evil"
    (folder / "x").mkdir(parents=True)
    lines = []
    for style in ("Regular", "Bold"):
        source = scene.ws / "fonts" / "vazirmatn" / f"Vazirmatn-{style}.ttf"
        shutil.copyfile(source, folder / f"x-{style}.ttf")
        lines.append(f"{hashlib.sha256(source.read_bytes()).hexdigest()}  x-{style}.ttf")
    if sums:
        (folder / "x" / "SHA256SUMS").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return f"{folder}/x"


@pytest.mark.parametrize("sums", [True, False], ids=["with-sums", "without-sums"])
def test_a_font_path_outside_is_refused_at_its_position(scene: Scene, sums: bool) -> None:
    value = _outside_font(scene, sums)
    scene.edit(scene.ws / "data" / "office.yaml", "font: Vazirmatn", f"font: {value}")
    where = scene.where("data/office.yaml", value)
    scene.arm()
    run = scene.run("build", "-j", "1")
    scene.assert_refused(run, where)


@pytest.mark.parametrize("value", ["../../outside/x", "/etc/x", "vazirmatn/../../../outside/x"])
def test_a_font_family_that_is_a_path_fails_validation(scene: Scene, value: str) -> None:
    scene.edit(scene.ws / "data" / "office.yaml", "font: Vazirmatn", f"font: {value}")
    where = scene.where("data/office.yaml", value)
    scene.arm()
    scene.assert_refused(scene.run("validate"), where)


# -- case 11: an emblem path that escapes the workspace ----------------------------------------------

def _outside_emblem(scene: Scene, value: str) -> str:
    shutil.copyfile(Path(__file__).resolve().parents[2] / "minutes" / "templates" / "watermark.png",
                    scene.outside / "logo.png")
    value = value % {"outside": scene.outside}
    scene.edit(scene.ws / "data" / "office.yaml", "  font: Vazirmatn\n", f"  font: Vazirmatn\n  emblem: {value}\n")
    return scene.where("data/office.yaml", value)


@pytest.mark.parametrize("value", ["../../outside/logo.png", "%(outside)s/logo.png", "../data/office.yaml"])
def test_an_emblem_outside_assets_fails_validation(scene: Scene, value: str) -> None:
    where = _outside_emblem(scene, value)
    scene.arm()
    scene.assert_refused(scene.run("validate"), where)


def test_issue_refuses_an_emblem_outside_before_numbering(scene: Scene) -> None:
    where = _outside_emblem(scene, "../../outside/logo.png")
    scene.arm()
    run = scene.run("issue", str(scene.record), *ISSUE_DATE)
    assert "numbered" not in run.err, "documents were numbered before the emblem was checked"
    scene.assert_refused(run, where)
