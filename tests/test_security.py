"""The renderer reads only workspace files: no network, nothing outside, no symlink escape."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import ONE_PIXEL_PNG, SEED_RECORD, comparable, pdftotext

from minutes.build import build
from minutes.diagnostics import RenderError
from minutes.workspace import Workspace


def seed(workspace: Workspace) -> list[Path]:
    """Only the seed record: these tests are about the renderer, not about the records."""
    return [workspace.meetings / f"{SEED_RECORD}.yaml"]


def override_minutes(workspace: Workspace, snippet: str) -> None:
    """A workspace template that extends the default minutes with ``snippet``."""
    (workspace.templates / "minutes.html").write_text(
        '{% extends "base.html" %}{% block content %}' + snippet + "{% endblock %}", encoding="utf-8")


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "http://127.0.0.1:9/x.png",
    "https://example.org/logo.png",
    "../../../../etc/hostname",
])
def test_template_cannot_fetch_outside(workspace: Workspace, tmp_path: Path, url: str) -> None:
    override_minutes(workspace, f'<img src="{url}"><link rel="attachment" href="{url}">')
    with pytest.raises(RenderError, match="refused URL|not a file under"):
        build(workspace, seed(workspace), tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_symlink_out_of_assets_is_refused(workspace: Workspace, tmp_path: Path) -> None:
    workspace.assets.mkdir()
    os.symlink("/etc/passwd", workspace.assets / "logo.png")
    override_minutes(workspace, '<img src="assets/logo.png">')
    with pytest.raises(RenderError, match="refused URL"):
        build(workspace, seed(workspace), tmp_path / "out")


def test_markup_in_a_record_is_text_not_html(workspace: Workspace, tmp_path: Path) -> None:
    record = workspace.meetings / f"{SEED_RECORD}.yaml"
    text = record.read_text(encoding="utf-8").replace(
        "place: دفتر", "place: <link rel=\"attachment\" href=\"file:///etc/passwd\">دفتر")
    record.write_text(text, encoding="utf-8")
    build(workspace, seed(workspace), tmp_path / "out")
    minutes = tmp_path / "out" / SEED_RECORD / "minutes.pdf"
    assert comparable('rel="attachment" href="file:///etc/passwd') in comparable(pdftotext(minutes))
    assert b"/EmbeddedFile" not in minutes.read_bytes()


def test_workspace_template_overrides_default(workspace: Workspace, tmp_path: Path) -> None:
    override_minutes(workspace, "<h1>قالب اختصاصی دفتر</h1>")
    build(workspace, seed(workspace), tmp_path / "out")
    assert comparable("قالب اختصاصی دفتر") in comparable(pdftotext(tmp_path / "out" / SEED_RECORD / "minutes.pdf"))



@pytest.mark.parametrize("name", ["../../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "/etc/passwd", "..", "nope.svg"])
def test_template_urls_name_only_files_in_the_template_folders(workspace: Workspace, tmp_path: Path,
                                                               name: str) -> None:
    override_minutes(workspace, f'<img src="template:{name}">')
    with pytest.raises(RenderError, match="refused URL"):
        build(workspace, seed(workspace), tmp_path / "out")


def test_workspace_template_asset_comes_first_and_stays_confined(workspace: Workspace, tmp_path: Path) -> None:
    os.symlink("/etc/passwd", workspace.templates / "watermark.png")
    with pytest.raises(RenderError, match="refused URL"):
        build(workspace, seed(workspace), tmp_path / "out")
    (workspace.templates / "watermark.png").unlink()
    (workspace.templates / "watermark.png").write_bytes(ONE_PIXEL_PNG)
    build(workspace, seed(workspace), tmp_path / "out")
    assert (tmp_path / "out" / SEED_RECORD / "minutes.pdf").is_file()
