"""The build cache: a build rebuilds exactly the documents whose inputs changed, and nothing else."""

from __future__ import annotations

import hashlib
import json
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ONE_PIXEL_PNG, ROOT, SEED_RECORD, comparable, pdftotext

from minutes import load as load_module
from minutes.build import BuildResult, build
from minutes.build.cache import MANIFEST, Manifest
from minutes.diagnostics import InvalidInput
from minutes.workspace import PACKAGE_TEMPLATES, Workspace

TINY = "harms-committee-1403-05-10"
LARGE = "social-cultural-1403-05-17"
SEED_FILES = {f"{SEED_RECORD}/{name}" for name in (
    "minutes.pdf", "letter-forwarding.pdf", "letter-notify-social-cultural-wg.pdf", "brief.html", "brief.txt")}
TINY_FILES = {f"{TINY}/{name}" for name in ("minutes.pdf", "letter-notify-education.pdf", "brief.html", "brief.txt")}


@pytest.fixture
def small(workspace: Workspace) -> Workspace:
    """The example workspace with the seed and the tiny record only (fast to build)."""
    (workspace.meetings / f"{LARGE}.yaml").unlink()
    return workspace


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("small") / "ws"
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(ROOT / "fonts", root / "fonts")
    (root / "templates").mkdir()
    (root / "data" / "meetings" / f"{LARGE}.yaml").unlink()
    build(Workspace.at(root), None, root.parent / "out")
    return root, root.parent / "out"


@pytest.fixture
def built(built_once: tuple[Path, Path], tmp_path: Path) -> tuple[Workspace, Path]:
    """A copy of the small workspace and of its complete build (modification times kept: up to date)."""
    workspace = Workspace.at(shutil.copytree(built_once[0], tmp_path / "ws"))
    return workspace, shutil.copytree(built_once[1], tmp_path / "out")


def stamps(out: Path) -> dict[str, tuple[int, int]]:
    """Every output file (relative path) with its inode and modification time: any rewrite changes them."""
    return {p.relative_to(out).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in out.rglob("*") if p.is_file() and not p.name.startswith(".")}


def names(result: BuildResult, out: Path) -> set[str]:
    return {p.relative_to(out).as_posix() for p in result.written}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def rebuilt(workspace: Workspace, out: Path, before: dict[str, tuple[int, int]]) -> set[str]:
    """Build again; check that exactly the files it reports were rewritten, and return them."""
    result = build(workspace, None, out)
    after = stamps(out)
    assert {name for name in after if after[name] != before.get(name)} == names(result, out)
    assert result.up_to_date == len(after) - len(result.written)
    return names(result, out)


def test_a_second_build_rebuilds_nothing(small: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = build(small, None, out)
    assert names(first, out) == SEED_FILES | TINY_FILES
    before = stamps(out)
    again = build(small, None, out)
    assert again.written == () and again.up_to_date == len(before)
    assert stamps(out) == before


def test_a_template_change_rebuilds_only_the_documents_that_use_it(built: tuple[Workspace, Path]) -> None:
    small, out = built
    before = stamps(out)
    template = (PACKAGE_TEMPLATES / "notification.html").read_text(encoding="utf-8")
    (small.templates / "notification.html").write_text(
        template.replace("{% block decisions %}\n", "{% block decisions %}\n<p>فهرست بازبینی‌شده</p>\n"),
        encoding="utf-8")
    assert rebuilt(small, out, before) == {f"{SEED_RECORD}/letter-notify-social-cultural-wg.pdf",
                                           f"{TINY}/letter-notify-education.pdf"}
    assert comparable("فهرست بازبینی‌شده") in comparable(pdftotext(out / TINY / "letter-notify-education.pdf"))


def test_a_directory_entry_change_rebuilds_only_the_documents_that_show_it(built: tuple[Workspace, Path]) -> None:
    small, out = built
    before = stamps(out)
    edit(small.data / "directory-examples.yaml", "name: اداره کل آموزش و پرورش استان\n",
         "name: اداره کل آموزش و پرورش استان اصفهان\n")
    assert rebuilt(small, out, before) == {f"{TINY}/minutes.pdf", f"{TINY}/letter-notify-education.pdf"}
    for name in ("minutes.pdf", "letter-notify-education.pdf"):
        assert "اصفهان" in comparable(pdftotext(out / TINY / name))


def _touch_font(path: Path) -> None:
    """Change the font file's bytes without changing a glyph: the checksum adjustment of its 'head' table."""
    data = bytearray(path.read_bytes())
    tables = struct.unpack(">H", data[4:6])[0]
    entries = (data[12 + 16 * i: 28 + 16 * i] for i in range(tables))
    head = next(struct.unpack(">I", entry[8:12])[0] for entry in entries if entry[:4] == b"head")
    data[head + 8: head + 12] = bytes(b ^ 0xFF for b in data[head + 8: head + 12])
    path.write_bytes(bytes(data))
    sums = path.parent / "SHA256SUMS"
    lines = [f"{hashlib.sha256(data).hexdigest()}  {path.name}" if line.endswith(path.name) else line
             for line in sums.read_text(encoding="utf-8").splitlines()]
    sums.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_font_change_rebuilds_every_pdf_and_nothing_else(built: tuple[Workspace, Path]) -> None:
    small, out = built
    before = stamps(out)
    _touch_font(small.fonts / "vazirmatn" / "Vazirmatn-Regular.ttf")
    assert rebuilt(small, out, before) == {name for name in SEED_FILES | TINY_FILES if name.endswith(".pdf")}


def test_a_changed_watermark_rebuilds_the_drafts_though_their_html_is_the_same(built: tuple[Workspace, Path]) -> None:
    small, out = built
    before = stamps(out)
    (small.templates / "watermark.png").write_bytes(ONE_PIXEL_PNG)
    assert rebuilt(small, out, before) == {name for name in SEED_FILES | TINY_FILES if name.endswith(".pdf")}


def test_editing_one_decision_rebuilds_that_records_affected_documents(built: tuple[Workspace, Path]) -> None:
    small, out = built
    before = stamps(out)
    edit(small.meetings / f"{TINY}.yaml", "به دبیرخانه کمیته ارسال شود.", "به دبیرخانه کمیته ارسال گردد.")
    assert rebuilt(small, out, before) == {f"{TINY}/minutes.pdf", f"{TINY}/letter-notify-education.pdf",
                                           f"{TINY}/brief.html", f"{TINY}/brief.txt"}
    assert comparable("ارسال گردد") in comparable(pdftotext(out / TINY / "minutes.pdf"))


def test_an_edit_reads_only_the_records_it_needs(built: tuple[Workspace, Path],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    small, out = built
    loaded: list[str] = []
    real = load_module.load_file

    def spy(path: Path, display_name: str | None = None):  # noqa: ANN202
        loaded.append(path.name)
        return real(path, display_name)

    monkeypatch.setattr(load_module, "load_file", spy)
    edit(small.meetings / f"{TINY}.yaml", "ارسال شود.", "ارسال گردد.")
    build(small, None, out)
    assert [name for name in loaded if name.startswith(("harms", "social"))] == [f"{TINY}.yaml"]


def test_a_renumbered_meeting_still_breaks_the_follow_ups_that_cite_it(small: Workspace, tmp_path: Path) -> None:
    seed = small.meetings / f"{SEED_RECORD}.yaml"
    seed.write_text(seed.read_text(encoding="utf-8")
                    + "followups:\n  - decision: harms-committee/3/1\n    status: in-progress\n", encoding="utf-8")
    out = tmp_path / "out"
    build(small, None, out)
    edit(small.meetings / f"{TINY}.yaml", "  number: 3\n", "  number: 4\n")
    with pytest.raises(InvalidInput) as error:
        build(small, None, out)
    assert [d.code for d in error.value.diagnostics] == ["unknown-decision"]
    assert error.value.diagnostics[0].file.endswith(f"{SEED_RECORD}.yaml")


def test_deleting_a_record_that_others_follow_up_breaks_the_build(small: Workspace, tmp_path: Path) -> None:
    seed = small.meetings / f"{SEED_RECORD}.yaml"
    seed.write_text(seed.read_text(encoding="utf-8")
                    + "followups:\n  - decision: harms-committee/3/1\n    status: done\n", encoding="utf-8")
    out = tmp_path / "out"
    build(small, None, out)
    (small.meetings / f"{TINY}.yaml").unlink()
    with pytest.raises(InvalidInput) as error:
        build(small, None, out)
    assert [d.code for d in error.value.diagnostics] == ["unknown-decision"]


def test_a_new_record_that_repeats_decision_ids_is_refused(built: tuple[Workspace, Path]) -> None:
    small, out = built
    shutil.copy(small.meetings / f"{TINY}.yaml", small.meetings / "harms-committee-copy.yaml")
    with pytest.raises(InvalidInput) as error:
        build(small, None, out)
    assert {d.code for d in error.value.diagnostics} == {"duplicate-decision-id"}


def test_a_deleted_or_altered_output_is_made_again(built: tuple[Workspace, Path]) -> None:
    small, out = built
    (out / TINY / "minutes.pdf").unlink()
    (out / SEED_RECORD / "brief.txt").write_text("edited by hand", encoding="utf-8")
    result = build(small, None, out)
    assert names(result, out) == {f"{TINY}/minutes.pdf", f"{SEED_RECORD}/brief.txt"}
    assert (out / SEED_RECORD / "brief.txt").read_text(encoding="utf-8") != "edited by hand"


def test_documents_no_longer_made_are_removed(built: tuple[Workspace, Path]) -> None:
    small, out = built
    edit(small.meetings / f"{TINY}.yaml", "responsible: [education]", "responsible: [welfare]")
    result = build(small, None, out)
    assert result.removed == (out / TINY / "letter-notify-education.pdf",)
    assert not (out / TINY / "letter-notify-education.pdf").exists()
    assert (out / TINY / "letter-notify-welfare.pdf").is_file()
    (small.meetings / f"{TINY}.yaml").unlink()
    result = build(small, None, out)
    assert {p.name for p in result.removed} == {"minutes.pdf", "letter-notify-welfare.pdf", "brief.html", "brief.txt"}
    assert f"data/meetings/{TINY}.yaml" not in json.loads((out / MANIFEST).read_text(encoding="utf-8"))["records"]


def test_warnings_are_shown_on_every_build_and_strict_still_fails(small: Workspace, tmp_path: Path) -> None:
    edit(small.meetings / f"{TINY}.yaml", "  secretary: kiani\n", "  secretary: kiani\n  quorum: 5\n")
    out = tmp_path / "out"
    assert [d.code for d in build(small, None, out).warnings] == ["quorum-not-reached"]
    again = build(small, None, out)
    assert [d.code for d in again.warnings] == ["quorum-not-reached"] and again.written == ()
    with pytest.raises(InvalidInput):
        build(small, None, out, strict=True)


def test_an_unreadable_manifest_means_a_full_build(built: tuple[Workspace, Path]) -> None:
    small, out = built
    (out / MANIFEST).write_text("{not json", encoding="utf-8")
    assert Manifest.load(out / MANIFEST).records == {}
    assert names(build(small, None, out), out) == SEED_FILES | TINY_FILES


def test_a_build_with_nothing_to_do_reads_no_record_and_never_imports_weasyprint(built: tuple[Workspace, Path]) -> None:
    small, out = built
    script = ("import sys; from pathlib import Path; from minutes.build import build; "
              "from minutes.workspace import Workspace; "
              f"r = build(Workspace.at({str(small.root)!r}), None, Path({str(out)!r}), jobs=2); "
              "print(len(r.written), r.up_to_date, sorted(m for m in ('weasyprint', 'minutes.validate', "
              "'minutes.render') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT)
    assert result.stdout.split(maxsplit=2) == ["0", str(len(SEED_FILES | TINY_FILES)), "[]\n"]


def test_a_record_changed_without_changing_a_document_does_not_load_weasyprint(built: tuple[Workspace, Path]) -> None:
    small, out = built
    record = small.meetings / f"{TINY}.yaml"
    record.write_text(record.read_text(encoding="utf-8") + "# a comment changes no document\n", encoding="utf-8")
    script = ("import sys; from pathlib import Path; from minutes.build import build; "
              "from minutes.workspace import Workspace; "
              f"r = build(Workspace.at({str(small.root)!r}), None, Path({str(out)!r}), jobs=1); "
              "print(len(r.written), 'weasyprint' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT)
    assert result.stdout.split() == ["0", "False"]


def test_a_workspace_without_its_font_is_up_to_date_after_one_build(small: Workspace, tmp_path: Path) -> None:
    """With the system's fallback font, the stamps of the first build cover that font, as the next build
    reads them: the second build has nothing to check (it once re-validated every record once more)."""
    shutil.rmtree(small.fonts)
    first = build(small, None, tmp_path / "out")
    assert first.written and first.notices
    steps: list[object] = []
    second = build(small, None, tmp_path / "out", progress=steps.append)
    assert (second.written, second.up_to_date, steps) == ((), len(first.written), [])
