"""`minutes new`: the next meeting's record, pre-filled from the last one, planned (so its invitations
can go out), valid once its follow-up statuses are filled in, never overwriting."""

from __future__ import annotations

import re

import pytest
from conftest import SEED_RECORD, comparable, pdftotext

from minutes.build import build
from minutes.cli import main
from minutes.diagnostics import InvalidInput, MinutesError
from minutes.model import RecordStatus, Status
from minutes.new import new_record, write_new
from minutes.sources import check_workspace as validate
from minutes.standings import Standing, build_ledger
from minutes.text.jalali import JalaliDate
from minutes.workspace import Workspace

LARGE = "social-cultural-1403-05-17"
NEXT = JalaliDate(1403, 6, 14)


@pytest.fixture
def seed_only(workspace: Workspace) -> Workspace:
    """The example workspace with the seed meeting as the only record."""
    for path in workspace.record_files():
        if path.stem != SEED_RECORD:
            path.unlink()
    return workspace


def errors(workspace: Workspace, path: object) -> list[tuple[int, int, str]]:
    try:
        validate(workspace, [path])  # type: ignore[list-item]
    except InvalidInput as error:
        return [(d.line, d.column, d.template) for d in error.diagnostics]
    return []


def test_new_record_is_named_by_date_and_planned(seed_only: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-C", str(seed_only.root), "new", "--date", "1395/08/19"]) == 0
    path = seed_only.meetings / "social-cultural-wg-1395-08-19.yaml"
    assert capsys.readouterr().out.strip().endswith("social-cultural-wg-1395-08-19.yaml")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/record.schema.json\n")
    assert "\nstatus: planned\n" in text
    assert not re.search(r"^\s*absent:", text, re.MULTILINE)  # nobody is claimed absent before the meeting
    # The seed meeting gives no time: the invitation needs one, and validation says where it goes.
    start = text.splitlines().index("  start:   # the time of the meeting, e.g. 9:00: the invitations give it") + 1
    assert errors(seed_only, path) == [(start, 9, "missing-field.start")]
    path.write_text(text.replace("  start:   #", "  start: 9:00   #"), encoding="utf-8")
    record = next(r.record for r in validate(seed_only, [path]).records)
    assert (record.meeting.number, str(record.meeting.date), record.meeting.weekday) == (1, "1395/08/19", "چهارشنبه")
    assert (record.status, record.meeting.chair, record.meeting.place) == (
        RecordStatus.PLANNED, "mousapour", "دفتر معاونت سیاسی، امنیتی و اجتماعی استانداری")
    assert record.attendance.present[:2] == ["mousapour", "social-office-dg"]
    assert record.attendance.absent is None
    assert record.agenda[0].title == "بررسی گزارش پیگیری مصوبات جلسه قبل"
    assert [f.decision for f in record.followups] == ["social-cultural-wg/1395-08-12/1"]


def test_new_after_the_large_example_validates_once_the_statuses_are_filled_in(workspace: Workspace) -> None:
    validated = validate(workspace)
    new = new_record(workspace, validated, "social-cultural-wg", NEXT)
    write_new(new)
    assert new.path.name == "social-cultural-wg-1403-06-14.yaml"
    record = next(r.record for r in validate(workspace, [new.path]).records)  # valid as planned, statuses empty
    last = next(r.record for r in validated.records if r.name == LARGE)
    carried = ("chair", "secretary", "place", "start", "end", "quorum")
    assert [getattr(record.meeting, f) for f in carried] == [getattr(last.meeting, f) for f in carried]
    assert record.meeting.number == 13
    attendance = last.attendance
    members = [*attendance.present, *(a.person for a in attendance.absent or []),
               *(s.replaces for s in attendance.substitutes)]
    assert record.attendance.present == members and record.attendance.guests == []
    # Every decision of the body still open or overdue, and nothing else, with its text as a comment.
    pending = [e for e in build_ledger(validated.records, NEXT)
               if e.body == "social-cultural-wg" and e.standing in (Standing.OPEN, Standing.OVERDUE)]
    assert [f.decision for f in record.followups] == [e.ident for e in pending]
    assert len(pending) == 28 and all(f.status is None for f in record.followups)
    lines = new.path.read_text(encoding="utf-8").splitlines()
    for entry in pending:
        at = lines.index(f"  - decision: {entry.ident}")
        comment = " ".join(line.removeprefix("  # ") for line in lines[at - 4:at] if line.startswith("  # "))
        assert " ".join(entry.decision.text.split()) in comment
        assert f"{entry.standing.value} now" in lines[at - 1]
    # Held, with no status filled in: exactly the follow-up statuses are missing.
    held = new.path.read_text(encoding="utf-8").replace("\nstatus: planned\n", "\n")
    new.path.write_text(held, encoding="utf-8")
    assert [template for _, _, template in errors(workspace, new.path)] == ["missing-field.status"] * len(pending)
    # Filling in only the statuses makes it valid, held or planned.
    filled = held.replace("    status:\n", "    status: in-progress\n")
    for text in (filled, "status: planned\n" + filled):
        new.path.write_text(text, encoding="utf-8")
        record = next(r.record for r in validate(workspace, [new.path]).records)
        assert {f.status for f in record.followups} == {Status.IN_PROGRESS}


def test_a_new_planned_record_makes_its_invitations(workspace: Workspace, tmp_path: object) -> None:
    new = new_record(workspace, validate(workspace), "harms-committee", JalaliDate(1403, 6, 7))
    write_new(new)
    out = tmp_path / "out"  # type: ignore[operator]
    build(workspace, [new.path], out)
    folder = out / new.path.stem
    # nouri chairs and signs; kiani is the secretary, who sends the invitations: salehi alone is invited.
    assert sorted(p.name for p in folder.iterdir()) == ["invitation-salehi.pdf"]
    text = comparable(pdftotext(folder / "invitation-salehi.pdf"))
    for expected in ("سرکار خانم نسرین صالحی", "دعوت به جلسه شماره ۴ کمیته تخصصی کاهش آسیب‌های اجتماعی",
                     "بدینوسیله از سرکارعالی دعوت می‌شود", "ساعت ۱۰:۰۰ روز چهارشنبه مورخ ۱۴۰۳/۰۶/۰۷",
                     "در محل دفتر اجتماعی استانداری", "بررسی گزارش پیگیری مصوبات جلسه قبل", "کامبیز نوری"):
        assert comparable(expected) in text, expected
    assert re.search("۱.?بررسی", text)


def test_new_refuses_to_overwrite(seed_only: Workspace) -> None:
    record = new_record(seed_only, validate(seed_only), None, JalaliDate.parse("1395/08/19"))
    record.path.write_text("# someone's draft\n", encoding="utf-8")
    with pytest.raises(MinutesError, match="already exists; nothing was written"):
        write_new(record)
    assert record.path.read_text(encoding="utf-8") == "# someone's draft\n"


def test_new_for_unknown_body(seed_only: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-C", str(seed_only.root), "new", "--body", "nobody"]) == 2  # a usage error: nothing written
    assert "no body with id 'nobody'" in capsys.readouterr().err
