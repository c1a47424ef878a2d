"""Invitations (دعوت‌نامه) to a planned meeting (tests/fixtures/bodies): the youth group sends one letter
with a distribution list, the health group one letter to each invitee; checked on the PDFs' text and
layout, and on golden HTML in ``tests/golden-invitation/`` (``make golden`` rewrites it, as this file
run as a script does; review with ``git diff tests/golden-invitation``)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest
from conftest import ROOT, comparable, normalised, pdftotext

from minutes.build import build
from minutes.documents.registry import documents_for
from minutes.render import environment, render_document
from minutes.sources import check_workspace as validate
from minutes.workspace import Workspace

FIXTURE = ROOT / "tests" / "fixtures" / "bodies"
GOLDEN = Path(__file__).resolve().parent / "golden-invitation"
ONE, EACH = "youth-wg-1403-11-07", "health-wg-1403-11-06"
SUBSTITUTE = "در صورت عدم امکان حضور، نماینده تام‌الاختیار با معرفی‌نامه کتبی معرفی گردد."
A5 = (420, 595)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("invitations")
    shutil.copytree(FIXTURE / "data", root / "ws" / "data")
    shutil.copytree(ROOT / "fonts", root / "ws" / "fonts")
    build(Workspace.at(root / "ws"), None, root / "out")
    return root / "out"


def layout(path: Path) -> list[str]:
    result = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],
                            capture_output=True, text=True, check=True)
    return [comparable(line) for line in result.stdout.splitlines() if line.strip()]


def pages(path: Path) -> list[tuple[int, int]]:
    return [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pypdf.PdfReader(path).pages]


def test_a_planned_meeting_makes_only_its_invitations(built: Path) -> None:
    assert [p.name for p in (built / ONE).iterdir()] == ["invitation.pdf"]
    # nouri signs and is the secretary: she sends the invitations; karimi is a guest.
    assert sorted(p.name for p in (built / EACH).iterdir()) == [
        "invitation-karimi.pdf", "invitation-moradi.pdf", "invitation-rahimi.pdf", "invitation-yousefi.pdf"]
    for path in [*(built / ONE).iterdir(), *(built / EACH).iterdir()]:
        assert pages(path) == [A5], path.name  # a short letter: one A5 page


def test_one_letter_to_all_members_with_the_distribution_list(built: Path) -> None:
    path = built / ONE / "invitation.pdf"
    text = comparable(pdftotext(path))
    for part in ("دبیرخانه کارگروه جوانان", "اعضای محترم کارگروه جوانان", "موضوع: دعوت به جلسه شماره ۶ کارگروه جوانان",
                 "بدینوسیله از اعضای محترم دعوت می‌شود در جلسه شماره ۶ کارگروه جوانان که در ساعت ۰۹:۰۰ روز یک‌شنبه "
                 "مورخ ۱۴۰۳/۱۱/۰۷ در محل سالن جلسات اداره کل ورزش و جوانان استان با دستور جلسه ذیل برگزار می‌گردد، "
                 "شرکت فرمایند.", SUBSTITUTE, "زهرا احمدی", "دبیر کارگروه جوانان", "گیرندگان:",
                 "جناب آقای مهدی کریمی، مدیرکل ورزش و جوانان استان",
                 "جناب آقای سرهنگ احمد نوروزی، معاون اجتماعی فرماندهی انتظامی استان",
                 "جناب آقای حمید یوسفی، معاون امداد و نجات جمعیت هلال احمر استان"):
        assert comparable(part) in text, part
    assert comparable("زهرا احمدی،") not in text  # the signer is not invited
    lines = layout(path)
    # The agenda, numbered, in its order; then the distribution list, numbered, after the signer.
    agenda = [next(i for i, line in enumerate(lines) if comparable(title) in line) for title in
              ("بررسی گزارش پیگیری مصوبات جلسه قبل", "برنامه هفته ملی جوانان", "ساماندهی فضاهای ورزشی محلات")]
    # (pdftotext writes a list item's number «۱.» before or after its text, as «.۱»)
    assert agenda == sorted(agenda)
    assert all(re.search(f"(^\\.?{n}|{n}\\.?$)", lines[i]) for n, i in zip("۱۲۳", agenda, strict=True))
    signer = next(i for i, line in enumerate(lines) if comparable("زهرا احمدی") in line)
    invitees = [i for i, line in enumerate(lines) if comparable("جناب آقای") in line]
    assert agenda[-1] < signer < min(invitees) and len(invitees) == 4
    assert all(re.search(f"(^\\.?{n}|{n}\\.?$)", lines[i]) for n, i in zip("۱۲۳۴", invitees, strict=True))


@pytest.mark.parametrize(("person", "salutation", "you", "member"), [
    ("rahimi", "جناب آقای علی رحیمی", "جنابعالی", True),
    ("moradi", "جناب آقای دکتر علی مرادی", "جنابعالی", True),
    ("karimi", "جناب آقای مهدی کریمی", "جنابعالی", False),
])
def test_one_invitation_to_each_invitee(built: Path, person: str, salutation: str, you: str, member: bool) -> None:
    text = comparable(pdftotext(built / EACH / f"invitation-{person}.pdf"))
    for part in ("دبیرخانه کارگروه سلامت و امنیت غذایی", salutation,
                 "موضوع: دعوت به جلسه شماره ۸ کارگروه سلامت و امنیت غذایی",
                 f"بدینوسیله از {you} دعوت می‌شود در جلسه شماره ۸ کارگروه سلامت و امنیت غذایی که در ساعت ۱۰:۰۰ "
                 "روز شنبه مورخ ۱۴۰۳/۱۱/۰۶ در محل سالن شورای دانشگاه علوم پزشکی استان با دستور جلسه ذیل برگزار "
                 "می‌گردد، شرکت فرمایید.", "طرح پایش سلامت دانش‌آموزان", "مریم نوری",
                 # the record's own copy lines
                 "رونوشت:", "ریاست محترم شورای برنامه‌ریزی و توسعه استان جهت اطلاع", "بایگانی جهت درج در پرونده"):
        assert comparable(part) in text, part
    # A member is asked to send a substitute; a guest is not.
    assert (comparable(SUBSTITUTE) in text) is member
    assert "گیرندگان" not in text


# -- golden HTML ---------------------------------------------------------------------------------------


def rendered() -> dict[str, str]:
    """The snapshotted invitations by path under ``tests/golden-invitation``."""
    workspace = Workspace.at(FIXTURE)
    validated = validate(workspace)
    env = environment(workspace)
    by_name = {item.name: item for item in validated.records}
    chosen = {(ONE, "invitation"), (EACH, "invitation-rahimi"), (EACH, "invitation-karimi")}
    return {f"{record}/{doc.key}.html": render_document(env, doc) for record in (ONE, EACH)
            for doc in documents_for(by_name[record], validated.directory) if (record, doc.key) in chosen}


@pytest.mark.parametrize("name", sorted(rendered()))
def test_html_matches_its_snapshot(name: str) -> None:
    golden = GOLDEN / name
    assert golden.is_file(), f"no snapshot {golden}: run 'make golden'"
    assert normalised(rendered()[name]) == normalised(golden.read_text(encoding="utf-8"))


def refresh() -> int:
    snapshots = rendered()
    for name, text in snapshots.items():
        target = GOLDEN / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return len(snapshots)


if __name__ == "__main__":
    print(f"wrote {refresh()} snapshots to {GOLDEN}")
