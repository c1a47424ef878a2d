"""The layout checkers fail where they should: each is shown a PDF made from crafted HTML that
breaks its rule, and the same HTML laid out properly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from corpus import ROOT, WORD200
from geometry import (
    CONTINUED,
    Fault,
    empty_section_faults,
    first_page_faults,
    heading_at_page_end_faults,
    key,
    letter_signature_faults,
    lonely_page_faults,
    margin_faults,
    outline,
    read_pdf,
    signature_balance_faults,
    signature_placement_faults,
)
from weasyprint import HTML

FONT = (ROOT / "fonts" / "vazirmatn" / "Vazirmatn-Regular.ttf").as_uri()
STYLE = f"""@font-face {{ font-family: V; src: url("{FONT}"); }}
@page {{ size: A4; margin: 18mm 20mm 20mm 20mm; @top-right {{ content: string(sig, first-except); }} }}
html {{ font-family: V; font-size: 11pt; line-height: 1.7; }}
h2 {{ font-size: 12pt; }}
table {{ width: 100%; border-collapse: collapse; table-layout: fixed; }}
td {{ border: 0.5pt solid #999; text-align: center; font-size: 9pt; vertical-align: top; }}
.space {{ height: 10mm; }}
"""
TEXT = "مقرر گردید برنامه آموزش مهارت‌های زندگی در مدارس متوسطه استان اجرا شود. " * 6
NAME = "زهرا موسوی"


def pdf_of(tmp_path: Path, body: str, css: str = "") -> Path:
    """``body`` laid out right to left on A4 by WeasyPrint, as a PDF file."""
    path = tmp_path / "crafted.pdf"
    html = f'<html lang="fa" dir="rtl"><head><style>{STYLE}{css}</style></head><body>{body}</body></html>'
    HTML(string=html).write_pdf(path)
    return path


def grid(rows: list[int], marker: bool = False) -> str:
    """A signature section: heading and a table with ``rows[i]`` names in row i."""
    cells = max(rows)
    trs = "".join("<tr>" + f'<td>{NAME}<div class="space"></div></td>' * n + "<td></td>" * (cells - n) + "</tr>"
                  for n in rows)
    style = ' style="string-set: sig &quot;ادامه امضای حاضران&quot;"' if marker else ""
    return f"<h2{style}>امضای حاضران</h2><table>{trs}</table>"


def rules(faults: list[Fault]) -> set[str]:
    return {fault.rule for fault in faults}


def test_a_long_token_that_runs_off_is_caught_and_a_wrapped_one_is_not(tmp_path: Path) -> None:
    running = read_pdf(pdf_of(tmp_path, f"<p>{TEXT}{WORD200}</p>"))
    assert "text outside the margins" in rules(margin_faults(running))
    wrapped = read_pdf(pdf_of(tmp_path, f"<p>{TEXT}{WORD200}</p>", "p { overflow-wrap: anywhere; }"))
    assert margin_faults(wrapped) == []


def test_text_pushed_into_the_side_margin_is_caught(tmp_path: Path) -> None:
    pdf = read_pdf(pdf_of(tmp_path, f'<p style="margin-right: -12mm">{TEXT}</p>'))
    assert "text outside the margins" in rules(margin_faults(pdf))


def test_a_heading_alone_on_a_page_and_at_the_end_of_a_page(tmp_path: Path) -> None:
    pdf = read_pdf(pdf_of(tmp_path, f'<p>{TEXT}</p><h2 style="break-before: page; break-after: page">مصوبات</h2>'
                                    f"<p>{TEXT}</p>{grid([2])}"))
    tagged = outline(pdf)
    assert ("a page holding only a heading", 2) in {(f.rule, f.page) for f in lonely_page_faults(pdf, tagged)}
    assert [f.page for f in heading_at_page_end_faults(tagged)] == [2]
    together = read_pdf(pdf_of(tmp_path, f"<p>{TEXT}</p><h2>مصوبات</h2><p>{TEXT}</p>{grid([2])}"))
    assert lonely_page_faults(together, outline(together)) == []


def test_a_heading_at_the_bottom_of_a_page(tmp_path: Path) -> None:
    body = f'<div style="height: 240mm"></div><h2>دستور جلسه</h2><p style="break-before: page">{TEXT}</p>{grid([2])}'
    pdf = read_pdf(pdf_of(tmp_path, body))
    assert [(f.page, key(f.detail)) for f in heading_at_page_end_faults(outline(pdf))] == [(1, key("دستور جلسه"))]


def test_an_empty_section(tmp_path: Path) -> None:
    empty = read_pdf(pdf_of(tmp_path, f"<h2>خلاصه مذاکرات</h2><h2>مصوبات</h2><p>{TEXT}</p>{grid([2])}"))
    assert [key(f.detail) for f in empty_section_faults(outline(empty))] == [key("خلاصه مذاکرات")]
    sub = ("1. آموزش مهارت‌های زندگی",)
    only_items = read_pdf(pdf_of(tmp_path, f"<h2>خلاصه مذاکرات</h2><h3>{sub[0]}</h3><h2>مصوبات</h2><p>{TEXT}</p>"))
    assert [key(f.detail) for f in empty_section_faults(outline(only_items, sub))] == [key("خلاصه مذاکرات")]
    body = f"<h2>خلاصه مذاکرات</h2><h3>{sub[0]}</h3><p>{TEXT}</p><h2>مصوبات</h2><p>{TEXT}</p>"
    full = read_pdf(pdf_of(tmp_path, body))
    assert empty_section_faults(outline(full, sub)) == []


def test_signatures_on_a_page_of_their_own(tmp_path: Path) -> None:
    apart = read_pdf(pdf_of(tmp_path, f'<p>{TEXT}</p><div style="break-before: page">{grid([3, 3])}</div>'))
    tagged = outline(apart)
    assert rules(signature_placement_faults(tagged)) == {"the signatures do not share a page with the text above them"}
    assert rules(lonely_page_faults(apart, tagged)) == {"a page holding only signatures"}
    kept = read_pdf(pdf_of(tmp_path, f"<p>{TEXT}</p>{grid([3, 3])}"))
    assert signature_placement_faults(outline(kept)) == [] and lonely_page_faults(kept, outline(kept)) == []


def test_the_grid_split_after_its_first_row(tmp_path: Path) -> None:
    body = f'<div style="height: 185mm"></div><p>{TEXT[:200]}</p>{grid([3, 3, 3, 3])}'
    pdf = read_pdf(pdf_of(tmp_path, body, "tr { break-inside: avoid; }"))
    tagged = outline(pdf)
    assert signature_placement_faults(tagged) == []
    assert [(f.rule, f.page) for f in lonely_page_faults(pdf, tagged)] == [("a page holding only signatures", 2)]


@pytest.mark.parametrize(("marker", "faults"), [(False, {"a page of signatures that does not say they go on"}),
                                                (True, set())])
def test_a_grid_longer_than_a_page_must_say_it_goes_on(tmp_path: Path, marker: bool, faults: set[str]) -> None:
    pdf = read_pdf(pdf_of(tmp_path, f"<p>{TEXT}</p>{grid([4] * 16, marker)}", "tr { break-inside: avoid; }"))
    assert len(pdf.pages) == 2
    tagged = outline(pdf)
    assert rules(lonely_page_faults(pdf, tagged)) == faults
    assert signature_placement_faults(tagged) == []
    assert any(line.text == CONTINUED for line in pdf.pages[1].lines) == marker


def test_unbalanced_signature_rows(tmp_path: Path) -> None:
    left_alone = read_pdf(pdf_of(tmp_path, f"<p>{TEXT}</p>{grid([3, 3, 1])}"))
    assert [f.detail for f in signature_balance_faults(outline(left_alone), 7)] == ["names per row [3, 3, 1]"]
    balanced = read_pdf(pdf_of(tmp_path, f"<p>{TEXT}</p>{grid([3, 2, 2])}"))
    assert signature_balance_faults(outline(balanced), 7) == []
    assert rules(signature_balance_faults(outline(balanced), 8)) == {"signature names missing or extra"}


def test_a_first_page_left_half_empty(tmp_path: Path) -> None:
    half = read_pdf(pdf_of(tmp_path, f'<p>{TEXT}</p><p style="break-before: page">{TEXT}</p>'))
    assert [f.page for f in first_page_faults(half)] == [1]
    full = read_pdf(pdf_of(tmp_path, f'<div style="height: 150mm"></div><p>{TEXT}</p><p style="break-before: page">'
                                     f"{TEXT}</p>"))
    assert first_page_faults(full) == []


def test_a_letter_signer_alone_at_the_top_of_a_page(tmp_path: Path) -> None:
    block = f'<div style="text-align: left">{NAME}<br>مدیرکل</div>'
    alone = read_pdf(pdf_of(tmp_path, f'<p>{TEXT}</p><div style="break-before: page">{block}</div>'))
    assert rules(letter_signature_faults(alone, (NAME,))) == {"the letter's signature is alone at the top of a page"}
    kept = read_pdf(pdf_of(tmp_path, f"<p>{TEXT}</p>{block}"))
    assert letter_signature_faults(kept, (NAME,)) == []
    assert rules(letter_signature_faults(kept, ("کامبیز نوری",))) == {"the letter's signer not found"}


def test_the_examples_rendered_with_the_signatures_forced_apart_are_caught(tmp_path: Path) -> None:
    """A real record through the command line, its workspace overriding style.css to break the rule."""
    from minutes.cli import main

    workspace = tmp_path / "ws"
    (workspace / "data" / "meetings").mkdir(parents=True)
    for name in ("office.yaml", "directory.yaml", "directory-examples.yaml"):
        (workspace / "data" / name).write_bytes((ROOT / "data" / name).read_bytes())
    record = "harms-committee-1403-05-10"
    (workspace / "data" / "meetings" / f"{record}.yaml").write_bytes(
        (ROOT / "data" / "meetings" / f"{record}.yaml").read_bytes())
    shutil.copytree(ROOT / "fonts", workspace / "fonts")
    style = (ROOT / "minutes" / "templates" / "style.css").read_text(encoding="utf-8")
    (workspace / "templates").mkdir()
    (workspace / "templates" / "style.css").write_text(style + "\n.signatures { break-before: page; }\n",
                                                      encoding="utf-8")
    assert main(["-C", str(workspace), "build", "-o", str(tmp_path / "out"), "-q"]) == 0
    pdf = read_pdf(tmp_path / "out" / record / "minutes.pdf")
    tagged = outline(pdf)
    assert rules(signature_placement_faults(tagged)) == {"the signatures do not share a page with the text above them"}
    assert rules(lonely_page_faults(pdf, tagged)) == {"a page holding only signatures"}
