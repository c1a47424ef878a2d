"""The ledger's text column on real PDFs: a decision's text, shortened when long, and its id, which
wraps after a «/» or «-» when the body's id is long but never breaks inside a word or runs into the
next column (tests/fixtures/followup with its body renamed)."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from conftest import ROOT, comparable, pdftotext

from minutes.documents.ledger import LEDGER_TEXT
from minutes.documents.wording import shortened
from minutes.followup import followup
from minutes.text.jalali import JalaliDate
from minutes.workspace import Workspace

LONG_BODY = "provincial-social-cultural-board-of-trustees"
LONG_TEXT = ("طرح ایمن‌سازی معابر تهیه شود و " + "گزارش ماهانه پیشرفت آن با ذکر مشکلات اجرایی و اعتبار مورد نیاز "
             * 5 + "به دبیرخانه شورا ارسال گردد.")
ID_WORD = re.compile(r"^[a-z0-9/-]+$")
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The follow-up as of 1404/02/01 of the fixture body renamed to a long id, one decision made long."""
    root = tmp_path_factory.mktemp("long-ids") / "ws"
    shutil.copytree(ROOT / "tests" / "fixtures" / "followup", root)
    shutil.copytree(ROOT / "fonts", root / "fonts")
    for path in (root / "data").rglob("*.yaml"):
        text = re.sub(r"\bboard\b", LONG_BODY, path.read_text(encoding="utf-8"))
        path.write_text(text.replace("طرح ایمن‌سازی معابر تهیه شود.", LONG_TEXT), encoding="utf-8")
    [made] = followup(Workspace.at(root), JalaliDate(1404, 2, 1), root.parent / "out").folders
    return made


def words(path: Path) -> list[tuple[str, float, float, float, float]]:
    """Every word pdftotext finds on the first page, with its box (xMin, yMin, xMax, yMax)."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", "-f", "1", "-l", "1", str(path), "-"],
                         capture_output=True, text=True, check=True).stdout
    return [(w.text or "", *(float(w.attrib[k]) for k in ("xMin", "yMin", "xMax", "yMax")))
            for w in ElementTree.fromstring(xml).iter(f"{XHTML}word")]


def test_long_ids_wrap_between_words_only_and_stay_in_their_column(folder: Path) -> None:
    found = words(folder / "ledger.pdf")
    ids = [w for w in found if ID_WORD.match(w[0]) and re.search("[a-z]", w[0])]
    assert len(ids) >= 12  # every id of the first page wraps once: two pieces each
    whole = {*LONG_BODY.split("-")}
    for text, *_ in ids:
        # every piece is made of whole words of the id: a line never breaks inside one
        assert all(word in whole or word.isdigit() for word in re.split("[/-]", text.rstrip("/-"))), text
        assert text.endswith(("-", "/")) or re.search(r"/[0-9]+/[0-9]+$", text), text
    for text, x0, y0, x1, y1 in ids:
        # boxes of words on consecutive lines touch (line height): compare their middle halves
        top, bottom = y0 + (y1 - y0) / 4, y1 - (y1 - y0) / 4
        overlapping = [w for w in found if w[0] != text and w[1] < x1 and x0 < w[3]
                       and w[2] + (w[4] - w[2]) / 4 < bottom and top < w[4] - (w[4] - w[2]) / 4]
        assert overlapping == [], (text, overlapping)


def test_the_ledger_shortens_a_long_text(folder: Path) -> None:
    ledger = comparable(pdftotext(folder / "ledger.pdf"))
    short = shortened(LONG_TEXT, LEDGER_TEXT)
    assert short.endswith(" …") and len(short) <= LEDGER_TEXT + 2
    # (pdftotext interleaves a cell's lines with the other columns': look at its first words and its end)
    assert comparable("طرح ایمن‌سازی معابر تهیه شود و گزارش") in ledger and ledger.count("...") == 1  # NFKC: «…»
    assert comparable("به دبیرخانه شورا ارسال گردد") not in ledger


@pytest.mark.parametrize(("text", "limit", "expected"), [
    ("کوتاه است.", 20, "کوتاه است."),
    ("یک دو سه چهار پنج", 10, "یک دو سه …"),
    ("یک، دو، سه، چهار", 12, "یک، دو، سه …"),
    ("بسیاربسیاربسیاربلند", 5, "بسیار …"),
])
def test_shortened_cuts_at_a_word_boundary(text: str, limit: int, expected: str) -> None:
    assert shortened(text, limit) == expected
