"""The corpus of broken inputs in ``tests/broken/``: each gives exactly the diagnostics its header states.

A corpus file's header comments name every diagnostic it must produce, one per line, as
``# expect: LINE:COLUMN CODE`` (``warning`` appended for a warning). Records go into
``data/meetings/``; files under ``directory/`` go into ``data/`` beside the example directory.
Building any of them writes nothing and changes nothing.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, SEED_RECORD

from minutes.cli import main
from minutes.diagnostics import Diagnostic, InvalidInput, Severity
from minutes.lint.rules import LINT_CODES
from minutes.load import MAX_FILE_BYTES
from minutes.messages import MESSAGES
from minutes.messages.errors import ERRORS
from minutes.messages.reports import REPORTS
from minutes.messages.verdicts import VERDICTS
from minutes.sources import check_workspace as validate
from minutes.text.jalali import ClockTime, JalaliDate
from minutes.workspace import Workspace

BROKEN = Path(__file__).resolve().parent / "broken"
RECORDS = sorted(BROKEN.glob("*.yaml"))
DIRECTORY_FILES = sorted((BROKEN / "directory").glob("*.yaml"))
CORPUS = RECORDS + DIRECTORY_FILES
EXPECT = re.compile(r"# expect: (\d+):(\d+) ([a-z0-9-]+)( warning)?")
# Catalogue entries the corpus cannot show: the file-system cases are tested below, and
# invalid-value is the fallback for pydantic errors no record field can produce today.
# Messages this corpus of broken records cannot show: lint's own wording is checked by test_lint and
# test_persian; the office's fields (letter number, font, emblem) by test_letter_number and
# tests/hostile (the corpus cannot replace the office), as are links leading out and the font's glyphs;
# an issue date before the meeting (a fault of the command, not the record) by test_archive; the office's
# signing settings (its time-stamp authority, its key and certificate files) by test_signing_settings.
NOT_IN_CORPUS = {"file-too-large", "unreadable", "no-office", "no-records", "invalid-value", *LINT_CODES, "not-fixed",
                 "letter-number", "bad-font", "bad-asset", "missing-asset", "link-outside", "no-glyph",
                 "issue-before-meeting", "tsa-url", "signing-file"}

Expected = tuple[int, int, str, Severity]
Outcomes = dict[Path, tuple[list[Diagnostic], list[Diagnostic]]]


def corpus_id(path: Path) -> str:
    return path.relative_to(BROKEN).as_posix()


def header_text(raw: bytes) -> str:
    """A corpus file's text for reading its header, whatever its (deliberately wrong) encoding."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    if b"\x00" in raw:
        return raw.decode("utf-16-le")
    return raw.decode("utf-8", errors="replace").lstrip("\ufeff")


def expected(path: Path) -> list[Expected]:
    """The diagnostics a corpus file's header promises, sorted."""
    found = []
    for line in header_text(path.read_bytes()).splitlines():
        if not line.startswith("#"):
            break
        if line.startswith("# expect"):
            match = EXPECT.fullmatch(line)
            assert match, f"{path.name}: malformed expectation {line!r}"
            severity = Severity.WARNING if match[4] else Severity.ERROR
            found.append((int(match[1]), int(match[2]), match[3], severity))
    return sorted(found)


def place(workspace: Workspace, path: Path) -> Path:
    """Copy a corpus file into the workspace: a record into data/meetings/, a directory file into data/.

    Directory files get a name that sorts after office.yaml and directory.yaml, so a clash with
    those is reported in the corpus file.
    """
    target = workspace.data / f"zz-{path.name}" if path.parent.name == "directory" else workspace.meetings / path.name
    shutil.copyfile(path, target)
    return target


def diagnose(workspace: Workspace, target: Path) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """Validate as ``minutes validate TARGET`` would (all records for a directory file).

    Returns the diagnostics in the target and those in any other file.
    """
    records = [target] if target.parent == workspace.meetings else None
    try:
        found = list(validate(workspace, records).warnings)
    except InvalidInput as error:
        found = error.diagnostics
    name = workspace.display_name(target)
    return [d for d in found if d.file == name], [d for d in found if d.file != name]


def got(diagnostics: list[Diagnostic]) -> list[Expected]:
    return sorted((d.line, d.column, d.code, d.severity) for d in diagnostics)


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` with its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_the_corpus_is_large_enough() -> None:
    assert len(RECORDS) >= 30
    assert len(DIRECTORY_FILES) >= 3
    assert all(expected(path) for path in CORPUS), "every corpus file promises at least one diagnostic"


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> Outcomes:
    """Every corpus file validated once, alone in a copy of the example workspace."""
    root = tmp_path_factory.mktemp("corpus")
    shutil.copytree(ROOT / "data", root / "data")
    workspace = Workspace.at(root)
    found = {}
    for path in CORPUS:
        target = place(workspace, path)
        found[path] = diagnose(workspace, target)
        target.unlink()
    return found


@pytest.mark.parametrize("path", CORPUS, ids=corpus_id)
def test_exact_diagnostics(outcomes: Outcomes, path: Path) -> None:
    mine, elsewhere = outcomes[path]
    assert got(mine) == expected(path)
    assert elsewhere == []


@pytest.mark.parametrize("path", CORPUS, ids=corpus_id)
def test_every_diagnostic_reads_in_persian_too(outcomes: Outcomes, path: Path) -> None:
    mine, _ = outcomes[path]
    for diagnostic in mine:
        assert diagnostic.template in MESSAGES
        persian = diagnostic.format("fa")
        assert persian.startswith(f"{diagnostic.file}:{diagnostic.line}:{diagnostic.column}: {diagnostic.code}: ")
        assert re.search("[\u0600-\u06ff]", persian.split(f"{diagnostic.code}: ", 1)[1])
        assert persian != str(diagnostic)


def test_the_corpus_shows_every_message(outcomes: Outcomes) -> None:
    shown = {d.template for mine, _ in outcomes.values() for d in mine}
    # the reports are what the command line says (test_reports), the errors the reasons it gives (test_error_wording),
    # the verdicts what verify and check find wrong with the archive (test_verdict_wording)
    diagnostics = MESSAGES.keys() - REPORTS.keys() - ERRORS.keys() - VERDICTS.keys()
    missing = {key for key in diagnostics if key not in shown and key.split(".")[0] not in NOT_IN_CORPUS}
    assert missing == set()


@pytest.mark.parametrize("path", CORPUS, ids=corpus_id)
def test_build_writes_nothing_and_changes_nothing(workspace: Workspace, tmp_path: Path, path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    target = place(workspace, path)
    before = snapshot(workspace.root)
    out = tmp_path / "out"
    records = [str(target)] if target.parent == workspace.meetings else []
    code = main(["-C", str(workspace.root), "build", "-o", str(out), "--strict", *records])
    stderr = capsys.readouterr().err
    assert code == 1
    assert not out.exists()
    assert snapshot(workspace.root) == before
    for line, column, diagnostic_code, _ in expected(path):
        assert f"{workspace.display_name(target)}:{line}:{column}: {diagnostic_code}: " in stderr


def test_oversized_record_is_refused_and_nothing_is_written(workspace: Workspace, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    target = workspace.meetings / "huge.yaml"
    line = "# " + "ی" * 49 + "\n"
    target.write_text(line * (MAX_FILE_BYTES // len(line.encode()) + 1), encoding="utf-8")
    assert target.stat().st_size > MAX_FILE_BYTES
    mine, _ = diagnose(workspace, target)
    assert got(mine) == [(1, 1, "file-too-large", Severity.ERROR)]
    out = tmp_path / "out"
    assert main(["-C", str(workspace.root), "build", "-o", str(out), str(target)]) == 1
    assert "file-too-large" in capsys.readouterr().err
    assert not out.exists()


def test_missing_record_file(workspace: Workspace) -> None:
    mine, _ = diagnose(workspace, workspace.meetings / "nowhere.yaml")
    assert got(mine) == [(1, 1, "unreadable", Severity.ERROR)]


def test_no_office_and_no_records(workspace: Workspace) -> None:
    (workspace.data / "office.yaml").unlink()
    for record in workspace.record_files():
        record.unlink()
    with pytest.raises(InvalidInput) as caught:
        validate(workspace)
    assert sorted(d.code for d in caught.value.diagnostics) == ["no-office", "no-records"]


def test_yaml_traps_keep_their_meaning(workspace: Workspace) -> None:
    text = (BROKEN / "yaml-1-1-traps-are-text.yaml").read_text(encoding="utf-8")
    target = workspace.meetings / "traps.yaml"
    target.write_text(text.replace("  quorum: yes\n", ""), encoding="utf-8")
    [item] = validate(workspace, [target]).records
    meeting, [substitute] = item.record.meeting, item.record.attendance.substitutes
    assert meeting.number == 123
    assert meeting.date == JalaliDate(1403, 5, 17)
    assert meeting.start == ClockTime(10, 30)
    assert substitute.letter_number == "0123"
    assert substitute.letter_date == JalaliDate(1403, 5, 15)


def test_persian_and_arabic_indic_digits_are_read(workspace: Workspace) -> None:
    text = (BROKEN / "persian-and-arabic-digits.yaml").read_text(encoding="utf-8")
    target = workspace.meetings / "digits.yaml"
    target.write_text(text.replace("  end: ٠٩:٣٠\n", "  end: ١٢:٠٥\n"), encoding="utf-8")
    [item] = validate(workspace, [target]).records
    meeting, [decision], [followup] = item.record.meeting, item.record.decisions, item.record.followups
    assert (meeting.number, meeting.quorum) == (97, 3)
    assert (meeting.date, meeting.start, meeting.end) == (JalaliDate(1403, 5, 17), ClockTime(10, 30),
                                                          ClockTime(12, 5))
    assert decision.deadline == JalaliDate(1403, 6, 15)
    assert (decision.item, decision.votes.in_favour, decision.votes.against) == (1, 4, 0)
    assert followup.percent == 45


def test_a_decision_id_clash_is_reported_from_either_side(workspace: Workspace) -> None:
    """Validating only the example record still finds the clash with another record in data/."""
    other = place(workspace, BROKEN / "duplicate-decision-id.yaml")
    seed = workspace.meetings / f"{SEED_RECORD}.yaml"
    with pytest.raises(InvalidInput) as caught:
        validate(workspace, [seed])
    [clash] = caught.value.diagnostics
    assert (clash.file, clash.code) == (workspace.display_name(seed), "duplicate-decision-id")
    assert clash.message.endswith(f"is also given by {workspace.display_name(other)}")
