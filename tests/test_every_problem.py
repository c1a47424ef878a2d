"""Every problem at once: a value that fails its own check hides none of the record's other problems.

A valid record is broken line by line: each fault replaces one line and brings exactly one
diagnostic of its own. Combinations of 3 to 10 faults, and all of them together, must give exactly
the union of their diagnostics, at their positions: nothing hidden, nothing repeated, nothing that
follows from another fault.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT

from minutes.diagnostics import InvalidInput
from minutes.sources import check_workspace
from minutes.workspace import Workspace

BASE = """\
meeting:
  body: social-cultural-wg
  number: 97
  date: 1403/05/17
  weekday: چهارشنبه
  start: 10:30
  end: 12:00
  place: دفتر معاونت سیاسی، امنیتی و اجتماعی استانداری
  chair: mousapour
  secretary: ouhadi
attendance:
  present: [mousapour, ouhadi, sadeghzadeh, relief-committee-rep]
  substitutes:
    - person: kermani
      replaces: mirzaei
      letter_date: 1403/05/15
  guests: [tahmoursi]
agenda:
  - title: رفع فقر مطلق
    discussion:
      - speaker: sadeghzadeh
        summary: برنامه‌های اداره کل بهزیستی استان را مطرح کردند.
decisions:
  - text: گزارش پیشرفت برنامه‌ها به دبیرخانه ارسال شود.
    responsible: [welfare]
    deadline: 1403/06/15
    votes:
      in_favour: 4
  - text: فهرست خانوارهای نیازمند به‌روز شود.
    responsible: [relief-committee]
    item: 1
    dissent:
      - person: ouhadi
        note: زمان کافی نیست.
followups:
  - decision: harms-committee/3/1
    status: in-progress
    percent: 60
    report: فهرست مدارس تهیه شده است.
letters:
  - to: mirzaei
    subject: دعوت به همکاری
    body: احتراماً، خواهشمند است نماینده آن دستگاه معرفی شود.
    signatories: [kazemi]
"""


@dataclass(frozen=True)
class Fault:
    """Replace the line ``line`` with ``new``; expect ``code`` at the first character of ``at`` in it (or in
    the line ``where``)."""

    name: str
    line: str
    new: str
    code: str
    at: str
    where: str = ""


FAULTS = (
    Fault("number in words", "  number: 97", "  number: نود و هفت", "bad-number", "نود"),
    Fault("weekday of another day", "  weekday: چهارشنبه", "  weekday: جمعه", "weekday-mismatch", "جمعه"),
    Fault("end before start", "  end: 12:00", "  end: 09:00", "time-order", "09:00"),
    Fault("unknown chair", "  chair: mousapour", "  chair: mousapur", "unknown-id", "mousapur"),
    Fault("secretary not an id", "  secretary: ouhadi", "  secretary: Ouhadi", "bad-id", "Ouhadi"),
    Fault("letter after the meeting", "      letter_date: 1403/05/15", "      letter_date: 1403/05/20",
          "letter-after-meeting", "1403/05/20"),
    Fault("letter date unreal", "      letter_date: 1403/05/15", "      letter_date: 1403/13/01", "bad-date",
          "1403/13/01"),
    Fault("guest not an id", "  guests: [tahmoursi]", "  guests: [Tahmoursi]", "bad-id", "Tahmoursi"),
    Fault("unknown speaker", "      - speaker: sadeghzadeh", "      - speaker: sadeghzade", "unknown-id",
          "sadeghzade"),
    Fault("deadline before meeting", "    deadline: 1403/06/15", "    deadline: 1403/05/01",
          "deadline-before-meeting", "1403/05/01"),
    Fault("deadline in words", "    deadline: 1403/06/15", "    deadline: فردا", "bad-deadline", "فردا"),
    Fault("more votes than attendees", "      in_favour: 4", "      in_favour: 9", "votes-over-present", "votes",
          "    votes:"),
    Fault("votes in words", "      in_favour: 4", "      in_favour: چهار", "bad-number", "چهار"),
    Fault("unknown responsible", "    responsible: [relief-committee]", "    responsible: [relief-comittee]",
          "unknown-id", "relief-comittee"),
    Fault("unknown agenda item", "    item: 1", "    item: 4", "unknown-item", "4"),
    Fault("dissent from a guest", "      - person: ouhadi", "      - person: tahmoursi", "dissent-not-present",
          "tahmoursi"),
    Fault("percent over 100", "    percent: 60", "    percent: 120", "bad-number", "120"),
    Fault("unknown earlier decision", "  - decision: harms-committee/3/1", "  - decision: harms-committee/3/9",
          "unknown-decision", "harms-committee/3/9"),
    Fault("extended without a date", "    status: in-progress", "    status: extended", "missing-field", "extended"),
    Fault("letter to an unknown id", "  - to: mirzaei", "  - to: mirzaie", "unknown-id", "mirzaie"),
    Fault("signatory not an id", "    signatories: [kazemi]", "    signatories: [Kazemi]", "bad-id", "Kazemi"),
    Fault("unknown field", "    report: فهرست مدارس تهیه شده است.", "    reprot: فهرست مدارس تهیه شده است.",
          "unknown-field", "reprot"),
)
# Faults that change the same line.
EXCLUSIVE = {frozenset(pair) for pair in [("letter after the meeting", "letter date unreal"),
                                           ("deadline before meeting", "deadline in words"),
                                           ("more votes than attendees", "votes in words")]}
Expected = tuple[int, int, str]


def broken(faults: tuple[Fault, ...]) -> tuple[str, set[Expected]]:
    """The base record with ``faults`` made, and the diagnostics they must give."""
    lines = BASE.split("\n")
    expected = set()
    for fault in faults:
        (index,) = [i for i, line in enumerate(lines) if line == fault.line]
        lines[index] = fault.new
        (at,) = [i for i, line in enumerate(lines) if line == (fault.where or fault.new)]
        expected.add((at + 1, lines[at].index(fault.at) + 1, fault.code))
    return "\n".join(lines), expected


def combinations() -> list[tuple[Fault, ...]]:
    """Every fault alone, 60 deterministic draws of 3 to 10 compatible faults, and the most at once."""
    draw = random.Random(12)
    found: list[tuple[Fault, ...]] = [(fault,) for fault in FAULTS]
    while len(found) < len(FAULTS) + 60:
        chosen = tuple(sorted(draw.sample(FAULTS, draw.randint(3, 10)), key=FAULTS.index))
        if compatible(chosen):
            found.append(chosen)
    most: list[Fault] = []
    for fault in FAULTS:
        if compatible((*most, fault)):
            most.append(fault)
    return [*found, tuple(most)]


def compatible(faults: tuple[Fault, ...]) -> bool:
    names = {fault.name for fault in faults}
    return not any(pair <= names for pair in EXCLUSIVE)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    root = tmp_path_factory.mktemp("every")
    shutil.copytree(ROOT / "data", root / "data")
    return Workspace.at(root)


def diagnose(workspace: Workspace, text: str) -> list[Expected]:
    path = workspace.meetings / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        found = check_workspace(workspace, [path]).warnings
    except InvalidInput as error:
        found = tuple(error.diagnostics)
    finally:
        path.unlink()
    return sorted((d.line, d.column, d.code) for d in found)


def test_the_base_record_is_valid(workspace: Workspace) -> None:
    assert diagnose(workspace, BASE) == []


def test_the_most_faults_at_once_are_many() -> None:
    assert len(combinations()[-1]) >= 19


@pytest.mark.parametrize("faults", combinations(), ids=lambda faults: " + ".join(f.name for f in faults))
def test_each_fault_is_reported_whatever_else_is_wrong(workspace: Workspace, faults: tuple[Fault, ...]) -> None:
    text, expected = broken(faults)
    assert diagnose(workspace, text) == sorted(expected)


def test_one_bad_value_hides_nothing_the_issue_example(workspace: Workspace) -> None:
    """The report of issue 12: a bad date and a percentage over 100 hid thirteen problems."""
    text, expected = broken(tuple(f for f in FAULTS if f.name in {
        "letter date unreal", "percent over 100", "unknown chair", "more votes than attendees",
        "unknown responsible", "dissent from a guest", "letter to an unknown id"}))
    assert len(diagnose(workspace, text)) == len(expected) == 7


def test_a_broken_meeting_date_leaves_the_checks_that_do_not_need_it(workspace: Workspace) -> None:
    """The checks that compare with the meeting date say nothing; the others still speak."""
    text, expected = broken(tuple(f for f in FAULTS if f.name in {
        "deadline before meeting", "letter after the meeting", "weekday of another day", "unknown chair",
        "percent over 100"}))
    text = text.replace("  date: 1403/05/17", "  date: 1403/05/32")
    kept = {(line, column, code) for line, column, code in expected if code in ("unknown-id", "bad-number")}
    assert len(kept) == 2
    assert diagnose(workspace, text) == sorted([(4, 9, "bad-date"), *kept])


def test_a_broken_record_still_gives_its_decision_ids_to_the_others(tmp_path: Path) -> None:
    """The large example follows up decision harms-committee/3/1 of the tiny one: a fault in the tiny record
    is reported there, and nothing in the record that refers to it."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    workspace = Workspace.at(tmp_path)
    tiny = workspace.meetings / "harms-committee-1403-05-10.yaml"
    text = tiny.read_text(encoding="utf-8")
    for old, new in [("    deadline: 1403/05/31", "    deadline: فردا"), ("  number: 3", "  number: سه")]:
        tiny.write_text(text.replace(old, new), encoding="utf-8")
        with pytest.raises(InvalidInput) as caught:
            check_workspace(workspace)
        [problem] = caught.value.diagnostics
        assert (problem.file, problem.code) == (workspace.display_name(tiny), "bad-" + old.split(":")[0].strip())
