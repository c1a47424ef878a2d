"""Several bodies in one workspace (tests/fixtures/bodies): one planning secretariat serving a youth
working group and a health working group, each with a secretariat of its own.

Every document of a record carries its body's letterhead and signatory; ``minutes issue`` numbers with
its body's pattern and unit; each body's follow-up goes out under its own name, so a unit responsible
in both bodies gets one reminder from each; organisations are addressed by the title of their head;
copy lines come from the body or the record. Checked on the PDFs' text.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT, comparable, pdftotext

from minutes.build import build
from minutes.cli import main
from minutes.documents.registry import documents_for
from minutes.followup import followup
from minutes.model import Invitations
from minutes.secretariat import office_for
from minutes.sources import check_workspace as validate
from minutes.text.jalali import JalaliDate
from minutes.workspace import Workspace

FIXTURE = ROOT / "tests" / "fixtures" / "bodies"
YOUTH, HEALTH = "youth-wg-1403-10-01", "health-wg-1403-10-08"
YOUTH_HEAD = ("اداره کل ورزش و جوانان استان", "دبیرخانه کارگروه جوانان")
HEALTH_HEAD = ("دانشگاه علوم پزشکی استان", "دبیرخانه کارگروه سلامت و امنیت غذایی")
OFFICE_HEAD = ("استانداری", "دبیرخانه شورای برنامه‌ریزی و توسعه استان")
AS_OF = JalaliDate(1403, 12, 20)


def copy_fixture(root: Path) -> Workspace:
    shutil.copytree(FIXTURE / "data", root / "data")
    shutil.copytree(ROOT / "fonts", root / "fonts")
    return Workspace.at(root)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture workspace's drafts, built once; returns the output folder."""
    root = tmp_path_factory.mktemp("bodies")
    out = root / "out"
    build(copy_fixture(root / "ws"), None, out)
    return out


@pytest.fixture(scope="module")
def followed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The follow-up of every body as of 1403/12/20 (every deadline passed); returns its date folder."""
    root = tmp_path_factory.mktemp("bodies-followup")
    result = followup(copy_fixture(root / "ws"), AS_OF, root / "out")
    assert [folder.name for folder in result.folders] == ["youth-wg", "health-wg"]
    return root / "out" / "followup" / "1403-12-20"


def text_of(path: Path) -> str:
    return comparable(pdftotext(path))


def has(text: str, *parts: str) -> bool:
    return all(comparable(part) in text for part in parts)


def has_none(text: str, *parts: str) -> bool:
    return not any(comparable(part) in text for part in parts)


@pytest.mark.parametrize(("record", "own", "others", "signer"), [
    (YOUTH, YOUTH_HEAD, HEALTH_HEAD + OFFICE_HEAD, "زهرا احمدی"),
    (HEALTH, HEALTH_HEAD, YOUTH_HEAD + OFFICE_HEAD, "مریم نوری"),
])
def test_every_document_of_a_record_carries_its_bodys_secretariat(built: Path, record: str, own: tuple[str, ...],
                                                                   others: tuple[str, ...], signer: str) -> None:
    pdfs = sorted((built / record).glob("*.pdf"))
    assert len(pdfs) >= 3
    for pdf in pdfs:
        text = text_of(pdf)
        assert has(text, "جمهوری اسلامی ایران", *own), pdf.name
        assert has_none(text, *others), pdf.name
        if pdf.name != "minutes.pdf":
            assert has(text, signer), pdf.name


def test_organisations_are_addressed_by_the_title_of_their_head(built: Path) -> None:
    assert has(text_of(built / YOUTH / "letter-notify-education.pdf"), "مدیرکل محترم اداره کل آموزش و پرورش استان")
    police = text_of(built / YOUTH / "letter-notify-police.pdf")
    assert has(police, "فرماندهی محترم انتظامی استان") and has_none(police, "فرماندهی محترم فرماندهی")
    assert has(text_of(built / HEALTH / "letter-notify-red-crescent.pdf"), "مدیرعامل محترم جمعیت هلال احمر استان")
    # Without addressed_as, the head of a body is «ریاست محترم» as before.
    assert has(text_of(built / HEALTH / "letter-forwarding.pdf"), "ریاست محترم شورای برنامه‌ریزی و توسعه استان")


def test_copy_lines_come_from_the_body_or_the_record(built: Path) -> None:
    # The youth group's notification copies (directory) replace the routine ones.
    youth = text_of(built / YOUTH / "letter-notify-police.pdf")
    assert has(youth, "رونوشت", "جناب آقای مهدی کریمی مدیرکل محترم ورزش و جوانان استان جهت استحضار",
               "بایگانی جهت درج در پرونده")
    # The health group sets none: the routine copies (the chair, as someone else signs, and the archive).
    health = text_of(built / HEALTH / "letter-notify-education.pdf")
    assert has(health, "جناب آقای دکتر علی مرادی معاون محترم بهداشت دانشگاه علوم پزشکی استان جهت استحضار",
               "بایگانی جهت درج در پرونده")
    # The health record's own cover copies replace the automatic ones (none, here: no other parent body).
    cover = text_of(built / HEALTH / "letter-forwarding.pdf")
    assert has(cover, "رونوشت", "جناب آقای دکتر علی مرادی معاون محترم بهداشت دانشگاه علوم پزشکی استان جهت استحضار")
    assert has_none(cover, "بایگانی")


def test_the_office_is_the_default_field_by_field() -> None:
    directory = validate(Workspace.at(FIXTURE)).directory
    youth, health = office_for(directory, "youth-wg"), office_for(directory, "health-wg")
    council = office_for(directory, "planning-council")
    assert council == directory.office
    # The youth group sets its unit but not its pattern; the health group its pattern but not its unit.
    assert (youth.letter_number, youth.unit) == ("{unit}/{yy}/{serial}", "۳۱۰")
    assert (health.letter_number, health.unit) == ("س/{yyyy}/{serial:4}", "۱۰۰")
    assert (youth.invitations, health.invitations) == (Invitations.ONE, Invitations.EACH)
    assert youth.invocation == health.invocation == directory.office.invocation
    # Copies merge kind by kind: the youth group's notification copies, the office's for the rest.
    assert youth.copies.notification is not None and youth.copies.cover is None
    assert youth.copies.reminder == health.copies.reminder == directory.office.copies.reminder is not None


def test_final_documents_show_the_bodys_emblem(tmp_path: Path) -> None:
    workspace = copy_fixture(tmp_path / "ws")
    directory_file = workspace.data / "directory.yaml"
    directory_file.write_text(directory_file.read_text(encoding="utf-8").replace(
        "      unit: \"۳۱۰\"\n", "      unit: \"۳۱۰\"\n      emblem: youth.png\n"), encoding="utf-8")
    validated = validate(workspace)
    by_name = {item.name: item for item in validated.records}
    youth = documents_for(by_name[YOUTH], validated.directory, draft=False)
    health = documents_for(by_name[HEALTH], validated.directory, draft=False)
    assert {doc.view.head.emblem for doc in youth if doc.is_pdf} == {"assets/youth.png"}
    assert {doc.view.head.emblem for doc in health if doc.is_pdf} == {None}


def test_issue_numbers_with_the_bodys_pattern_and_unit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    workspace = copy_fixture(tmp_path / "ws")
    numbers = {}
    for record in (YOUTH, HEALTH):
        code = main(["-C", str(workspace.root), "issue", str(workspace.meetings / f"{record}.yaml"),
                     "--date", "1403/10/20"])
        assert code == 0
        numbers[record] = dict(line.split("\t")[:2] for line in capsys.readouterr().out.splitlines())
    # One register, one serial series a year; each body's numbers in its own form.
    assert numbers[YOUTH] == {"minutes": "۳۱۰/03/1", "letter-notify-education": "۳۱۰/03/2",
                              "letter-notify-police": "۳۱۰/03/3"}
    assert numbers[HEALTH] == {"minutes": "س/1403/0004", "letter-forwarding": "س/1403/0005",
                               "letter-notify-education": "س/1403/0006", "letter-notify-red-crescent": "س/1403/0007"}
    letters = workspace.root / "archive" / HEALTH / "v1" / "data" / "letters"
    text = text_of(letters / "letter-notify-red-crescent.pdf")
    # pdftotext moves the letter of a right-to-left number («س/۱۴۰۳/۰۰۰۷») to one end; the digits stay together.
    assert has(text, "۱۴۰۳/۰۰۰۷", *HEALTH_HEAD) and has_none(text, *YOUTH_HEAD)
    bag_info = (workspace.root / "archive" / HEALTH / "v1" / "bag-info.txt").read_text(encoding="utf-8")
    assert "Source-Organization: دبیرخانه کارگروه سلامت و امنیت غذایی" in bag_info


def test_a_planned_record_is_not_issued(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    workspace = copy_fixture(tmp_path / "ws")
    planned = workspace.meetings / "youth-wg-1403-11-07.yaml"
    assert main(["-C", str(workspace.root), "issue", str(planned), "--date", "1403/10/20"]) == 2
    assert "is a planned meeting" in capsys.readouterr().err
    assert not (workspace.root / "archive" / "youth-wg-1403-11-07").exists()


def test_each_body_follows_up_its_own_decisions_in_its_own_folder(followed: Path) -> None:
    assert sorted(p.name for p in followed.iterdir()) == ["health-wg", "youth-wg"]
    assert sorted(p.name for p in (followed / "youth-wg").iterdir()) == [
        "ledger.pdf", "reminder-education.pdf", "reminder-police.pdf"]
    assert sorted(p.name for p in (followed / "health-wg").iterdir()) == [
        "ledger.pdf", "reminder-education.pdf", "reminder-red-crescent.pdf"]
    youth_ledger, health_ledger = text_of(followed / "youth-wg/ledger.pdf"), text_of(followed / "health-wg/ledger.pdf")
    assert has(youth_ledger, "مصوبات کارگروه جوانان", "youth-wg/5/1", "برنامه اردوهای زمستانی", *YOUTH_HEAD)
    assert has_none(youth_ledger, "health-wg", "بوفه", *HEALTH_HEAD)
    assert has(health_ledger, "مصوبات کارگروه سلامت و امنیت غذایی", "health-wg/7/1", *HEALTH_HEAD)
    assert has_none(health_ledger, "youth-wg", "اردو", *YOUTH_HEAD)


def test_a_unit_responsible_in_two_bodies_gets_a_reminder_from_each(followed: Path) -> None:
    youth = text_of(followed / "youth-wg" / "reminder-education.pdf")
    health = text_of(followed / "health-wg" / "reminder-education.pdf")
    for text in (youth, health):
        assert has(text, "مدیرکل محترم اداره کل آموزش و پرورش استان", "۱۴۰۳/۱۲/۲۰")
    for text in (youth, health):  # the office's reminder copies, which neither body replaces
        assert has(text, "رونوشت", "ریاست محترم شورای برنامه‌ریزی و توسعه استان جهت اطلاع",
                   "بایگانی جهت درج در پرونده")
    assert has(youth, "موضوع: پیگیری اجرای مصوبه کارگروه جوانان", "برنامه اردوهای زمستانی", "۵-۱", "زهرا احمدی",
               "دبیر کارگروه جوانان", *YOUTH_HEAD)
    assert has_none(youth, "بوفه", "کمک‌های اولیه", "مریم نوری", "سلامت", *HEALTH_HEAD)
    assert has(health, "موضوع: پیگیری اجرای مصوبات کارگروه سلامت و امنیت غذایی", "بوفه", "کمک‌های اولیه",
               "۷-۱", "۷-۲", "مریم نوری", *HEALTH_HEAD)
    assert has_none(health, "اردو", "زهرا احمدی", "جوانان", "علی مرادی", *YOUTH_HEAD)  # not the routine copies


def test_followup_of_one_body_touches_only_its_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    workspace = copy_fixture(tmp_path / "ws")
    out = tmp_path / "out"
    args = ["-C", str(workspace.root), "followup", "--as-of", "1403/12/20", "-o", str(out), "-q"]
    assert main([*args, "--body", "health-wg"]) == 0
    dated = out / "followup" / "1403-12-20"
    assert [p.name for p in dated.iterdir()] == ["health-wg"]
    assert capsys.readouterr().out.splitlines() == [workspace.display_name(dated / "health-wg" / name) for name in
                                                    ("ledger.pdf", "reminder-education.pdf",
                                                     "reminder-red-crescent.pdf")]
    assert main([*args, "--body", "nobody"]) == 2
    assert "no body with id 'nobody'" in capsys.readouterr().err
