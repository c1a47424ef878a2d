"""The follow-up ledger on a body followed over four meetings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from minutes.model import RelativeDeadline
from minutes.sources import check_workspace as validate
from minutes.standings import Standing, build_ledger, overdue_by_unit
from minutes.text.jalali import JalaliDate
from minutes.workspace import Workspace

FOLLOWUP = Workspace.at(ROOT / "tests" / "fixtures" / "followup")


def ledger(as_of: str) -> dict[str, tuple[Standing, str]]:
    entries = build_ledger(validate(FOLLOWUP).records, JalaliDate.parse(as_of))
    return {e.ident: (e.standing, str(e.deadline.value if isinstance(e.deadline, RelativeDeadline) else e.deadline))
            for e in entries}


def test_standing_as_of_1404_02_01() -> None:
    assert ledger("1404/02/01") == {
        "board/1/1": (Standing.OPEN, "1404/02/15"),      # extended at meeting 3
        "board/1/2": (Standing.DONE, "1403/12/15"),      # «تا جلسه بعد» = meeting 2
        "board/1/3": (Standing.OPEN, "1404/03/01"),
        "board/1/4": (Standing.OPEN, "asap"),
        "board/1/5": (Standing.OVERDUE, "1404/01/10"),
        "board/2/1": (Standing.OVERDUE, "1404/01/20"),   # done only at meeting 4, after the as-of date
    }


def test_later_reports_count_later() -> None:
    assert ledger("1404/02/10")["board/2/1"][0] is Standing.DONE
    assert ledger("1404/02/16")["board/1/1"][0] is Standing.OVERDUE


def test_meetings_after_the_date_are_not_in_the_ledger() -> None:
    assert set(ledger("1403/10/01")) == {f"board/1/{n}" for n in range(1, 6)}
    assert ledger("1403/10/01")["board/1/2"] == (Standing.OPEN, "next-meeting")


def test_overdue_grouped_by_responsible_unit() -> None:
    entries = build_ledger(validate(FOLLOWUP).records, JalaliDate.parse("1404/02/01"))
    grouped = {unit: [e.ident for e in found] for unit, found in overdue_by_unit(entries).items()}
    assert grouped == {"org-c": ["board/1/5"], "org-a": ["board/1/5"], "org-b": ["board/2/1"]}


@pytest.mark.parametrize("as_of", ["1403/09/30", "1400/01/01"])
def test_nothing_before_the_first_meeting(as_of: str) -> None:
    assert ledger(as_of) == {}


def test_an_extension_outlives_a_later_progress_report(tmp_path: Path) -> None:
    workspace = Workspace.at(tmp_path)
    shutil.copytree(FOLLOWUP.data, workspace.data)
    (workspace.meetings / "board-5.yaml").write_text(
        (FOLLOWUP.meetings / "board-4.yaml").read_text(encoding="utf-8")
        .replace("number: 4", "number: 5").replace("1404/02/10", "1404/02/12")
        .replace("{decision: board/2/1, status: done}", "{decision: board/1/1, status: in-progress, percent: ۸۰}"),
        encoding="utf-8")
    entries = {e.ident: e for e in build_ledger(validate(workspace).records, JalaliDate.parse("1404/02/13"))}
    assert (entries["board/1/1"].standing, str(entries["board/1/1"].deadline)) == (Standing.OPEN, "1404/02/15")
    assert (entries["board/1/1"].extended, entries["board/1/1"].percent) == (True, 80)
