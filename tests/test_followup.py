"""``minutes followup``: the ledger PDF and the reminder letters, as of a date, on a body followed over
four meetings (tests/fixtures/followup; its standings are pinned in test_ledger.py).

The golden HTML of the ledger and of one reminder lives in ``tests/golden-followup/``; after a
deliberate change, refresh it with ``make golden`` (which runs this file as a script) and review
``git diff tests/golden-followup``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest
from conftest import ROOT, comparable, normalised, pdftotext

from minutes.cli import main
from minutes.diagnostics import InvalidInput, RenderError
from minutes.documents.base import Document
from minutes.documents.registry import followup_documents
from minutes.documents.wording import STANDING_WORDS
from minutes.followup import followup
from minutes.render import environment, render_document
from minutes.sources import check_workspace as validate
from minutes.standings import build_ledger, overdue_by_unit
from minutes.text.jalali import JalaliDate
from minutes.text.persian import display
from minutes.workspace import Workspace

FIXTURE = ROOT / "tests" / "fixtures" / "followup"
GOLDEN = Path(__file__).resolve().parent / "golden-followup"
AS_OF = JalaliDate(1404, 2, 1)
PAPER_POINTS = {"A4": (595, 842), "A5": (420, 595)}
# A row of the ledger as `pdftotext -layout` lays it out: its first line ends with the decision number.
ROW_START = re.compile(r"([۰-۹]+-[۰-۹]+)$")
WORDS = {comparable(word): standing for standing, word in STANDING_WORDS.items()}


def copy_fixture(root: Path) -> Workspace:
    """A writable copy of the fixture workspace, with the repository's fonts."""
    shutil.copytree(FIXTURE, root)
    shutil.copytree(ROOT / "fonts", root / "fonts")
    return Workspace.at(root)


@pytest.fixture
def fixture_workspace(tmp_path: Path) -> Workspace:
    return copy_fixture(tmp_path / "ws")


@pytest.fixture(scope="module")
def first_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The follow-up as of 1404/02/01, written once; returns the folder of its one body."""
    root = tmp_path_factory.mktemp("followup")
    result = followup(copy_fixture(root / "ws"), AS_OF, root / "out")
    [folder] = result.folders
    return folder


def layout_text(path: Path) -> str:
    result = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],
                            capture_output=True, text=True, check=True)
    return result.stdout


def ledger_rows(path: Path) -> list[tuple[str, set[str]]]:
    """Each row of the ledger PDF: its decision number and the standing words on its first line."""
    rows = []
    for line in layout_text(path).splitlines():
        cleaned = " ".join(comparable(token) for token in line.split())
        found = ROW_START.search(cleaned)
        if found:
            rows.append((found[1], {WORDS[token] for token in cleaned.split() if token in WORDS}))
    return rows


def standing_by_number(path: Path) -> dict[str, str]:
    """Decision number → standing word, checking every row shows exactly one standing, the same in every group."""
    found: dict[str, str] = {}
    for number, standings in ledger_rows(path):
        assert len(standings) == 1, (number, standings)
        (standing,) = standings
        assert found.setdefault(number, STANDING_WORDS[standing]) == STANDING_WORDS[standing], number
    return found


def paper(path: Path) -> list[str]:
    sizes = {points: size for size, points in PAPER_POINTS.items()}
    return [sizes[(round(float(p.mediabox.width)), round(float(p.mediabox.height)))]
            for p in pypdf.PdfReader(path).pages]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_writes_the_ledger_and_a_reminder_to_each_unit_with_overdue_decisions(first_run: Path) -> None:
    assert (first_run.name, first_run.parent.name, first_run.parent.parent.name) == ("board", "1404-02-01", "followup")
    assert sorted(p.name for p in first_run.iterdir()) == [
        "ledger.pdf", "reminder-org-a.pdf", "reminder-org-b.pdf", "reminder-org-c.pdf"]
    assert paper(first_run / "ledger.pdf") == ["A4"]
    assert all(paper(path) == ["A5"] for path in first_run.glob("reminder-*.pdf"))  # short letters fit A5


def test_ledger_lists_exactly_the_overdue_decisions_under_overdue(first_run: Path) -> None:
    standings = standing_by_number(first_run / "ledger.pdf")
    assert standings == {"۱-۱": "باز", "۱-۲": "انجام‌شده", "۱-۳": "باز", "۱-۴": "باز", "۱-۵": "معوق",
                         "۲-۱": "معوق"}
    assert {number for number, word in standings.items() if word == "معوق"} == {"۱-۵", "۲-۱"}


def test_ledger_groups_by_responsible_unit_with_counts_and_the_date_in_the_title(first_run: Path) -> None:
    path = first_run / "ledger.pdf"
    text = comparable(pdftotext(path))
    assert comparable("گزارش پیگیری مصوبات تا تاریخ ۱۴۰۴/۰۲/۰۱") in text
    assert pypdf.PdfReader(path).metadata.title == "پیش‌نویس — گزارش پیگیری مصوبات تا تاریخ ۱۴۰۴/۰۲/۰۱"
    units = [(line.split("(")[0]) for line in pdftotext(path).splitlines() if "مسئول اجرا" in line]
    assert [comparable(unit) for unit in units] == [comparable(f"مسئول اجرا: {name}") for name in
                                                    ("اداره کل راه و شهرسازی", "اداره کل بهزیستی",
                                                     "اداره کل آموزش و پرورش")]
    # board/1/5 is under both of its units; the summary counts each decision once.
    assert [number for number, _ in ledger_rows(path)] == ["۱-۱", "۱-۳", "۱-۵", "۱-۲", "۲-۱", "۱-۴", "۱-۵"]
    layout = " ".join(comparable(token) for token in layout_text(path).split())
    assert "جمع منتفی انجام‌شده معوق باز ۶ ۰ ۱ ۲ ۳" in layout
    for fact in ("board/1/5", "مهلت اولیه ۱۴۰۳/۱۲/۰۱", "تمدید تا ۱۴۰۴/۰۲/۱۵", "۲۰۰/۰۳/۱۲۳۴",
                 "انجام‌نشده: اعتبار هنوز ابلاغ نشده است.", "جلسه ۲", "۱۴۰۳/۱۲/۱۵", "۱۴۰۴/۰۱/۲۵"):
        assert comparable(fact) in text, fact


@pytest.mark.parametrize(("unit", "name", "own", "others"), [
    ("org-b", "اداره کل بهزیستی", ["۲-۱", "کمک‌هزینه زمستانی پرداخت شود.", "۱۴۰۴/۰۱/۲۰", "جلسه ۲ مورخ ۱۴۰۳/۱۲/۱۵"],
     ["مدارس آسیب‌دیده", "۱-۵"]),
    ("org-c", "اداره کل آموزش و پرورش", ["۱-۵", "مقرر گردید مدارس آسیب‌دیده", "بازسازی شوند.", "۱۴۰۴/۰۱/۱۰",
                                        "جلسه ۱ مورخ ۱۴۰۳/۱۰/۰۱", "همکاران", "اداره کل راه و شهرسازی"],
     ["کمک‌هزینه", "۲-۱", "برنامه آموزشی"]),
    ("org-a", "اداره کل راه و شهرسازی", ["۱-۵", "مقرر گردید مدارس آسیب‌دیده", "بازسازی شوند.", "۱۴۰۴/۰۱/۱۰",
                                        "اداره کل آموزش و پرورش"],
     ["کمک‌هزینه", "۲-۱", "طرح ایمن‌سازی", "گزارش پیشرفت"]),
])
def test_each_reminder_lists_only_its_units_overdue_decisions(first_run: Path, unit: str, name: str,
                                                             own: list[str], others: list[str]) -> None:
    text = comparable(pdftotext(first_run / f"reminder-{unit}.pdf"))
    for expected in [f"ریاست محترم {name}", "موضوع: پیگیری اجرای مصوبه شورای آزمایشی", "۱۴۰۴/۰۲/۰۱",
                     "مهلت اجرای مصوبه زیر", f"بر عهده {name} است، سپری شده است",
                     "خواهشمند است دستور فرمایید نتیجه اقدامات انجام‌شده", "دکتر مریم احمدی", "رئیس شورا",
                     "رونوشت", "بایگانی جهت درج در پرونده", *own]:
        assert comparable(expected) in text, expected
    for unexpected in others:
        assert comparable(unexpected) not in text, unexpected


@pytest.mark.parametrize("as_of", ["1404/02/10", "1404/02/16", "1404/01/01", "1403/09/30"])
def test_other_dates_give_the_standings_the_ledger_computes(tmp_path: Path, as_of: str) -> None:
    workspace = copy_fixture(tmp_path / "ws")
    date = JalaliDate.parse(as_of)
    entries = build_ledger(validate(workspace).records, date)
    folders = followup(workspace, date, tmp_path / "out").folders
    if not entries:  # before the body's first meeting: nothing to follow up, nothing written
        assert folders == () and not (tmp_path / "out" / "followup" / "1403-09-30").exists()
        return
    [folder] = folders
    expected = {display("-".join(e.ident.split("/")[1:])): STANDING_WORDS[e.standing] for e in entries}
    assert standing_by_number(folder / "ledger.pdf") == expected
    assert sorted(p.name for p in folder.glob("reminder-*.pdf")) == sorted(
        f"reminder-{unit}.pdf" for unit in overdue_by_unit(entries))


def test_as_of_1404_02_10_board_2_1_is_done_and_org_b_gets_no_reminder(tmp_path: Path) -> None:
    [folder] = followup(copy_fixture(tmp_path / "ws"), JalaliDate(1404, 2, 10), tmp_path / "out").folders
    standings = standing_by_number(folder / "ledger.pdf")
    assert standings["۲-۱"] == "انجام‌شده" and standings["۱-۵"] == "معوق"
    assert sorted(p.name for p in folder.iterdir()) == ["ledger.pdf", "reminder-org-a.pdf", "reminder-org-c.pdf"]


def test_same_date_gives_byte_identical_files(first_run: Path, tmp_path: Path) -> None:
    [again] = followup(copy_fixture(tmp_path / "ws"), AS_OF, tmp_path / "out").folders
    assert snapshot(again) == snapshot(first_run)


def test_nothing_written_when_a_record_is_invalid(fixture_workspace: Workspace, tmp_path: Path) -> None:
    record = fixture_workspace.meetings / "board-3.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("board/2/1", "board/2/9"), encoding="utf-8")
    with pytest.raises(InvalidInput):
        followup(fixture_workspace, AS_OF, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_nothing_written_when_a_document_fails_to_render(fixture_workspace: Workspace, tmp_path: Path) -> None:
    fixture_workspace.templates.mkdir()
    (fixture_workspace.templates / "reminder.html").write_text("{{ doc.no_such_field }}", encoding="utf-8")
    with pytest.raises(RenderError, match="no_such_field"):
        followup(fixture_workspace, AS_OF, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_rerun_removes_reminders_no_longer_due(fixture_workspace: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "out"
    followup(fixture_workspace, AS_OF, out)
    record = fixture_workspace.meetings / "board-3.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace(
        "{decision: board/2/1, status: not-done,", "{decision: board/2/1, status: done,"), encoding="utf-8")
    result = followup(fixture_workspace, AS_OF, out)
    assert [p.name for p in result.removed] == ["reminder-org-b.pdf"]
    assert sorted(p.name for p in result.folders[0].iterdir()) == [
        "ledger.pdf", "reminder-org-a.pdf", "reminder-org-c.pdf"]


def test_a_run_removes_what_the_one_folder_layout_left(fixture_workspace: Workspace, tmp_path: Path) -> None:
    dated = tmp_path / "out" / "followup" / "1404-02-01"
    dated.mkdir(parents=True)
    for name in ("ledger.pdf", "reminder-org-a.pdf", "notes.txt"):
        (dated / name).write_bytes(b"written by an earlier version")
    result = followup(fixture_workspace, AS_OF, tmp_path / "out")
    assert sorted(p.name for p in result.removed) == ["ledger.pdf", "reminder-org-a.pdf"]
    assert sorted(p.name for p in dated.iterdir()) == ["board", "notes.txt"]


def test_cli_writes_the_folder_of_the_date(fixture_workspace: Workspace, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    code = main(["-C", str(fixture_workspace.root), "followup", "--as-of", "۱۴۰۴/۰۲/۰۱", "-o", str(out), "-q"])
    captured = capsys.readouterr()
    assert code == 0
    assert captured.err == ""
    folder = out / "followup" / "1404-02-01" / "board"
    assert captured.out.splitlines() == [fixture_workspace.display_name(folder / name) for name in
                                         ("ledger.pdf", "reminder-org-c.pdf", "reminder-org-a.pdf",
                                          "reminder-org-b.pdf")]


def test_cli_refuses_a_date_that_does_not_exist(fixture_workspace: Workspace, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["-C", str(fixture_workspace.root), "followup", "--as-of", "1404/12/30", "-o", str(tmp_path / "o")])
    assert exit_.value.code == 2
    assert "Esfand 1404 has 29 days" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_cli_reports_invalid_records_and_writes_nothing(fixture_workspace: Workspace, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    record = fixture_workspace.meetings / "board-2.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("deadline: 1404/01/20", "deadline: 1404/13/20"),
                      encoding="utf-8")
    code = main(["-C", str(fixture_workspace.root), "followup", "--as-of", "1404/02/01", "-o", str(tmp_path / "o")])
    captured = capsys.readouterr()
    assert code == 1
    assert captured.out == ""
    assert "board-2.yaml:" in captured.err
    assert not (tmp_path / "o").exists()


# -- golden HTML ---------------------------------------------------------------------------------------


def golden_documents() -> dict[str, Document]:
    """The snapshotted documents by path under ``tests/golden-followup``: the draft ledger and reminder to
    org-c as of 1404/02/01, and the final reminder (numbered, with the emblem, no watermark)."""
    validated = validate(Workspace.at(FIXTURE))
    office = validated.directory.office
    assert office is not None
    drafts = {doc.key: doc for doc in followup_documents(validated.records, validated.directory, AS_OF, "board")}
    with_emblem = validated.directory.model_copy(update={"office": office.model_copy(update={"emblem": "emblem.png"})})
    finals = {doc.key: doc for doc in followup_documents(validated.records, with_emblem, AS_OF, "board", draft=False,
                                                         numbers={"reminder-org-c": "200/04/58"})}
    return {"1404-02-01/ledger.html": drafts["ledger"], "1404-02-01/reminder-org-c.html": drafts["reminder-org-c"],
            "1404-02-01/final/reminder-org-c.html": finals["reminder-org-c"]}


def rendered() -> dict[str, str]:
    env = environment(Workspace.at(FIXTURE))
    return {name: render_document(env, document) for name, document in golden_documents().items()}


@pytest.mark.parametrize("name", sorted(golden_documents()))
def test_html_matches_its_snapshot(name: str) -> None:
    golden = GOLDEN / name
    assert golden.is_file(), f"no snapshot {golden}: run 'python tests/test_followup.py'"
    assert normalised(rendered()[name]) == normalised(golden.read_text(encoding="utf-8"))


def test_final_reminder_has_number_and_emblem_and_no_watermark() -> None:
    html = rendered()["1404-02-01/final/reminder-org-c.html"]
    assert 'src="assets/emblem.png"' in html and "watermark" not in html
    assert '<bdi dir=rtl>۲۰۰/۰۴/۵۸</bdi>' in html


def refresh() -> int:
    """Rewrite every snapshot; returns how many were written."""
    snapshots = rendered()
    for name, text in snapshots.items():
        target = GOLDEN / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return len(snapshots)


if __name__ == "__main__":
    print(f"wrote {refresh()} snapshots to {GOLDEN}")
