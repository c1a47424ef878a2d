"""minutes.textlayer: ZWNJ and «لا» reach the PDF text layer as written, the page stays the same,
and the repairs apply only to the WeasyPrint code they were written for."""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

import pypdfium2
import pytest
from bidi import get_display
from conftest import ROOT, pdftotext
from pdfminer.high_level import extract_text
from weasyprint import CSS, HTML

from minutes.output import textlayer

FONT = ROOT / "fonts" / "vazirmatn" / "Vazirmatn-Regular.ttf"
SENTENCE = "ما می‌خواهیم سلامت کتاب‌ها را بالا ببریم؛ پیش‌نویس لایحه «الله‌وردی»"
ZWNJ_WORDS = ["می‌خواهیم", "کتاب‌ها", "پیش‌نویس", "الله‌وردی"]
LAM_ALEF_WORDS = ["سلامت", "بالا", "لایحه"]

pytestmark = pytest.mark.skipif(not FONT.is_file(), reason="Vazirmatn is not installed (run make)")


def render(path: Path) -> Path:
    """``SENTENCE`` in a short right-to-left page, set in Vazirmatn, as WeasyPrint writes it now."""
    page = f'<html lang="fa" dir="rtl"><body><p>{SENTENCE}</p><p>{SENTENCE} {SENTENCE}</p></body></html>'
    style = CSS(string=f'@font-face {{ font-family: V; src: url("{FONT.as_uri()}"); }} body {{ font-family: V; }}')
    HTML(string=page).write_pdf(path, stylesheets=[style], finisher=textlayer.finish)
    return path


def extracted(path: Path) -> dict[str, str]:
    """The text three extractors give: poppler, PDFium, and pdfminer's visual lines put in logical order."""
    document = pypdfium2.PdfDocument(path)
    pdfium = "\n".join(page.get_textpage().get_text_range() for page in document)
    document.close()
    miner = "\n".join(get_display(line, base_dir="R") for line in extract_text(str(path)).splitlines())
    return {"pdftotext": pdftotext(path), "pdfium": pdfium, "pdfminer": unicodedata.normalize("NFKC", miner)}


def test_weasyprint_is_the_one_the_repairs_were_written_for() -> None:
    """Fails when WeasyPrint or the functions the repairs rely on change: re-check them, then the hashes."""
    assert textlayer.mismatches() == []
    assert textlayer.install() and textlayer.installed()


def test_every_extractor_reads_joiners_and_lam_alef_as_written(tmp_path: Path) -> None:
    textlayer.install()
    for name, text in extracted(render(tmp_path / "repaired.pdf")).items():
        for word in ZWNJ_WORDS + LAM_ALEF_WORDS:
            assert text.count(word) == 3, (name, word)


def test_without_the_repairs_every_extractor_loses_them(tmp_path: Path) -> None:
    """The check above can fail: WeasyPrint alone drops ZWNJ and reverses «لا»."""
    textlayer.install()
    with textlayer.suspended():
        texts = extracted(render(tmp_path / "plain.pdf"))
    for name, text in texts.items():
        assert not any(word in text for word in ZWNJ_WORDS + LAM_ALEF_WORDS), name
        assert "می‌" not in text and "سالمت" in text, name


def test_the_pages_look_the_same_with_and_without_the_repairs(tmp_path: Path) -> None:
    textlayer.install()
    with textlayer.suspended():
        plain = render(tmp_path / "plain.pdf")
    repaired = render(tmp_path / "repaired.pdf")
    assert plain.read_bytes() != repaired.read_bytes()
    for pdf in (plain, repaired):
        subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(tmp_path / pdf.stem)], check=True)
    assert (tmp_path / "plain-1.png").read_bytes() == (tmp_path / "repaired-1.png").read_bytes()


@pytest.mark.parametrize(("drawn", "visual"), [
    ("لا", "ال"),
    ("لأ", "أل"),
    ("لَا", "الَ"),  # a letter keeps its marks after it
    ("fi", "fi"),
    ("ی", "ی"),
    ("ﻻ", "ﻻ"),  # one character: nothing to reorder
    ("ل1", "ل1"),  # not all right-to-left
])
def test_ligature_text_in_visual_order(drawn: str, visual: str) -> None:
    assert textlayer.visual_order(drawn) == visual


def test_changed_weasyprint_code_is_left_alone(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    name = "weasyprint.draw.text.draw_first_line"
    monkeypatch.setitem(textlayer.PATCHED_SOURCES, name, "0" * 64)
    assert textlayer.mismatches() == [f"{name} has changed"]
    with textlayer.suspended():
        assert not textlayer.install()
        assert "سالمت" in pdftotext(render(tmp_path / "plain.pdf"))
