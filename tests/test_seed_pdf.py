"""The seed meeting rendered end to end: what a reader of the PDFs finds in them."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pypdf
import pytest
from conftest import ROOT, comparable, pdftotext

from minutes.build import build
from minutes.workspace import Workspace

PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")


def embedded_fonts(path: Path) -> set[str]:
    names = set()
    for page in pypdf.PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


SEED_PDFS = ["letter-forwarding.pdf", "letter-notify-social-cultural-wg.pdf", "minutes.pdf"]


def test_every_document_is_written(seed_build: Path) -> None:
    assert sorted(p.name for p in seed_build.iterdir()) == ["brief.html", "brief.txt", *SEED_PDFS]


@pytest.mark.parametrize("phrase", [
    "کارگروه اجتماعی و فرهنگی",
    "رفع فقر مطلق",
    "کاهش آسیب‌های اجتماعی",
    "دکتر زهرا موسی‌پور",
    "دفتر معاونت سیاسی، امنیتی و اجتماعی استانداری",
    "چهارشنبه ۱۲ آبان ۱۳۹۵",
    "مقرر گردید",
])
def test_minutes_text_in_logical_order(seed_build: Path, phrase: str) -> None:
    text = comparable(pdftotext(seed_build / "minutes.pdf"))
    assert comparable(phrase) in text


def test_second_extractor_agrees_on_words(seed_build: Path) -> None:
    text = comparable("".join(p.extract_text() for p in pypdf.PdfReader(seed_build / "minutes.pdf").pages))
    for word in ("کارگروه", "فقر", "موسی‌پور", "استانداری"):
        assert comparable(word) in text


@pytest.mark.parametrize("name", SEED_PDFS)
def test_no_presentation_forms(seed_build: Path, name: str) -> None:
    assert not PRESENTATION_FORMS.findall(pdftotext(seed_build / name))


@pytest.mark.parametrize("name", SEED_PDFS)
def test_vazirmatn_subset_embedded_and_nothing_else(seed_build: Path, name: str) -> None:
    fonts = embedded_fonts(seed_build / name)
    assert fonts, "no fonts embedded"
    assert all(re.fullmatch(r"/[A-Z]{6}\+Vazirmatn(-Bold)?", f) for f in fonts), fonts


def test_page_counts_and_persian_footer(seed_build: Path) -> None:
    minutes = pypdf.PdfReader(seed_build / "minutes.pdf")
    letter = pypdf.PdfReader(seed_build / "letter-forwarding.pdf")
    assert (len(minutes.pages), len(letter.pages)) == (3, 1)
    text = comparable(pdftotext(seed_build / "minutes.pdf"))
    for page in ("۱", "۲", "۳"):
        assert comparable(f"صفحه {page} از ۳") in text


def test_letter_addresses_headquarters_secretariat(seed_build: Path) -> None:
    text = comparable(pdftotext(seed_build / "letter-forwarding.pdf"))
    for phrase in ("دبیرخانه محترم ستاد فرماندهی اقتصاد مقاومتی", "موضوع:", "با سلام و احترام",
                   "دکتر زهرا موسی‌پور", "رونوشت:", "جهت استحضار"):
        assert comparable(phrase) in text


def test_unnamed_people_stay_unnamed(seed_build: Path) -> None:
    text = comparable(pdftotext(seed_build / "minutes.pdf"))
    assert comparable("مدیرکل دفتر اجتماعی استانداری") in text
    assert comparable("نماینده کمیته امداد امام خمینی") in text


def test_rebuild_is_byte_identical(seed_build: Path, tmp_path: Path) -> None:
    build(Workspace.at(ROOT), [ROOT / "data" / "meetings" / f"{seed_build.name}.yaml"], tmp_path)
    for pdf in seed_build.iterdir():
        again = tmp_path / seed_build.name / pdf.name
        assert hashlib.sha256(again.read_bytes()).digest() == hashlib.sha256(pdf.read_bytes()).digest()
