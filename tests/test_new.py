"""`minutes new`: the next meeting's record, pre-filled and valid, never overwriting."""

from __future__ import annotations

import pytest
from conftest import SEED_RECORD

from minutes.cli import main
from minutes.diagnostics import MinutesError
from minutes.new import new_record, write_new
from minutes.sources import check_workspace as validate
from minutes.text.jalali import JalaliDate
from minutes.workspace import Workspace


@pytest.fixture
def seed_only(workspace: Workspace) -> Workspace:
    """The example workspace with the seed meeting as the only record."""
    for path in workspace.record_files():
        if path.stem != SEED_RECORD:
            path.unlink()
    return workspace


def test_new_record_is_prefilled_and_valid(seed_only: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-C", str(seed_only.root), "new", "--date", "1395/08/19"]) == 0
    path = seed_only.meetings / "social-cultural-wg-1.yaml"
    assert capsys.readouterr().out.strip().endswith("social-cultural-wg-1.yaml")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/record.schema.json\n")
    record = next(r.record for r in validate(seed_only, [path]).records)
    assert (record.meeting.number, str(record.meeting.date), record.meeting.weekday) == (1, "1395/08/19", "چهارشنبه")
    assert record.meeting.chair == "mousapour"
    assert record.attendance.present[:2] == ["mousapour", "social-office-dg"]
    assert record.agenda[0].title == "بررسی گزارش پیگیری مصوبات جلسه قبل"


def test_new_refuses_to_overwrite(seed_only: Workspace) -> None:
    record = new_record(seed_only, validate(seed_only), None, JalaliDate.parse("1395/08/19"))
    record.path.write_text("# someone's draft\n", encoding="utf-8")
    with pytest.raises(MinutesError, match="already exists; nothing was written"):
        write_new(record)
    assert record.path.read_text(encoding="utf-8") == "# someone's draft\n"


def test_new_for_unknown_body(seed_only: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-C", str(seed_only.root), "new", "--body", "nobody"]) == 3
    assert "no body with id 'nobody'" in capsys.readouterr().err
