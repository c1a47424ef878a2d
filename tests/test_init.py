"""`minutes init`: a new office's workspace that is valid, lint-clean and builds, and never overwrites."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from minutes.cli import main
from minutes.diagnostics import MinutesError
from minutes.init import init_workspace, starter_files
from minutes.lint import lint_file
from minutes.sources import check_workspace
from minutes.workspace import Workspace
from tests.conftest import ROOT

LAYOUT = {".gitignore", "Makefile", "README.md", "assets/README.md", "templates/README.md", "data/office.yaml",
          "data/directory.yaml", "data/meetings/working-group-1.yaml", "schema/record.schema.json",
          "schema/directory.schema.json", "fonts/vazirmatn/Vazirmatn-Regular.ttf",
          "fonts/vazirmatn/Vazirmatn-Bold.ttf", "fonts/vazirmatn/OFL.txt", "fonts/vazirmatn/SHA256SUMS",
          "docs/guide.fa.md", "docs/guide.en.md"}


def _files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def test_init_lays_out_a_valid_lint_clean_workspace(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    office = tmp_path / "office"
    assert main(["init", str(office)]) == 0
    assert _files(office) == LAYOUT
    assert sorted(capsys.readouterr().out.split()) == sorted(LAYOUT)
    validated = check_workspace(Workspace.at(office))
    assert [r.name for r in validated.records] == ["working-group-1"] and not validated.warnings
    assert validated.directory.office.name == "دبیرخانه کارگروه نمونه"
    assert list(validated.directory.bodies) == ["working-group"]
    for path in (office / "data").rglob("*.yaml"):
        assert lint_file(path) == [], path
    assert (office / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "out/"


def test_the_font_is_the_repositorys_own_verified_copy(tmp_path: Path) -> None:
    init_workspace(tmp_path / "office")
    for name in ("Vazirmatn-Regular.ttf", "Vazirmatn-Bold.ttf"):
        copied = (tmp_path / "office" / "fonts" / "vazirmatn" / name).read_bytes()
        assert hashlib.sha256(copied).digest() == hashlib.sha256(
            (ROOT / "fonts" / "vazirmatn" / name).read_bytes()).digest()


def test_a_folder_with_anything_in_it_is_refused_and_left_alone(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(MinutesError, match=r"is not empty \(notes.txt\).*--existing"):
        init_workspace(tmp_path)
    assert _files(tmp_path) == {"notes.txt"}


def test_existing_adds_only_what_is_missing(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "office.yaml").write_text("office: {name: مال من}\n", encoding="utf-8")
    written = init_workspace(tmp_path, keep_existing=True)
    assert tmp_path / "data" / "office.yaml" not in written
    assert (tmp_path / "data" / "office.yaml").read_text(encoding="utf-8") == "office: {name: مال من}\n"
    assert _files(tmp_path) == LAYOUT
    assert init_workspace(tmp_path, keep_existing=True) == []


def test_a_file_in_place_of_the_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "office").write_text("", encoding="utf-8")
    assert main(["init", str(tmp_path / "office")]) == 2


def test_the_repository_examples_are_a_workspace_of_the_same_shape() -> None:
    """The tool's own examples (data/ of the checkout) are laid out as `minutes init` lays out an office."""
    folders = {Path(name).parent.as_posix() for name in starter_files()} - {"."}
    assert all((ROOT / folder).is_dir() for folder in folders), sorted(f for f in folders if not (ROOT / f).is_dir())
