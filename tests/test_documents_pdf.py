"""The PDFs of the example records as a reader meets them: pages, paper, headers and footers,
one notification letter per responsible unit, drafts against final documents, bidi, paging."""

from __future__ import annotations

import itertools
import re
import subprocess
from pathlib import Path

import pypdf
import pytest
from conftest import ONE_PIXEL_PNG, ROOT, SEED_RECORD, comparable, pdftotext

from minutes.build import build
from minutes.diagnostics import RenderError
from minutes.documents.registry import documents_for
from minutes.model import PageSize
from minutes.output.fonts import choose_font
from minutes.output.pool import Renderers, produce
from minutes.render import environment, render_document, to_job
from minutes.sources import check_workspace as validate
from minutes.text.persian import display
from minutes.workspace import Workspace

LARGE = "social-cultural-1403-05-17"
TINY = "harms-committee-1403-05-10"
PAPER_POINTS = {PageSize.A4: (595, 842), PageSize.A5: (420, 595)}
# A tiny PNG (one red pixel) standing in for the state emblem.


@pytest.fixture(scope="module")
def out(seed_build: Path) -> Path:
    """The folder every example record was built into."""
    return seed_build.parent


def pages(path: Path) -> list[str]:
    """Comparable text of each page."""
    return [comparable(page) for page in pdftotext(path).split("\f")[:-1]]


def paper(path: Path) -> list[PageSize]:
    sizes = {points: size for size, points in PAPER_POINTS.items()}
    return [sizes[(round(float(p.mediabox.width)), round(float(p.mediabox.height)))]
            for p in pypdf.PdfReader(path).pages]


def images_drawn(path: Path) -> list[set[int]]:
    """The raster images each page draws, directly or through the forms it draws (by object number)."""

    def drawn(stream: pypdf.generic.StreamObject | pypdf.PageObject) -> set[int]:
        contents = stream.get_contents().get_data() if isinstance(stream, pypdf.PageObject) else stream.get_data()
        names = {name.decode() for name in re.findall(rb"(/[A-Za-z0-9]+) Do", contents)}
        found: set[int] = set()
        for name, reference in stream["/Resources"].get("/XObject", {}).items():
            target = reference.get_object()
            if name in names:
                found |= {reference.idnum} if target["/Subtype"] == "/Image" else drawn(target)
        return found

    return [drawn(page) for page in pypdf.PdfReader(path).pages]


def key_words(decision_text: str) -> tuple[str, str]:
    """Up to three leading words and the last word of a decision. Each stays on one line of its table
    cell (extractors interleave a cell's later lines with its neighbours' and misplace brackets around
    Latin runs, so the leading words stop before the first such run)."""
    words = display(decision_text).split()
    lead = list(itertools.takewhile(lambda word: not re.search("[A-Za-z()]", word), words[:3]))
    return comparable(" ".join(lead)), comparable(words[-1])


@pytest.mark.parametrize(("record", "name", "count", "size"), [
    (SEED_RECORD, "minutes.pdf", 3, PageSize.A4),
    (SEED_RECORD, "letter-forwarding.pdf", 1, PageSize.A5),
    (SEED_RECORD, "letter-notify-social-cultural-wg.pdf", 1, PageSize.A5),
    (TINY, "minutes.pdf", 2, PageSize.A4),
    (TINY, "letter-notify-education.pdf", 1, PageSize.A5),
    (LARGE, "minutes.pdf", 10, PageSize.A4),  # unbroken references and kept-together signatures
    (LARGE, "letter-forwarding.pdf", 1, PageSize.A5),
    (LARGE, "letter-notify-welfare.pdf", 1, PageSize.A4),
    (LARGE, "letter-notify-planning.pdf", 1, PageSize.A5),
    (LARGE, "letter-2.pdf", 1, PageSize.A5),
])
def test_page_count_and_paper(out: Path, record: str, name: str, count: int, size: PageSize) -> None:
    assert paper(out / record / name) == [size] * count


@pytest.mark.parametrize("record", [SEED_RECORD, TINY, LARGE])
def test_header_on_first_page_and_footer_on_every_page(out: Path, record: str) -> None:
    for path in sorted((out / record).glob("*.pdf")):
        texts = pages(path)
        for number, page in enumerate(texts, start=1):
            assert comparable(display(f"صفحه {number} از {len(texts)}")) in page, (path.name, number)
        for field in ("بسمه‌تعالی", "جمهوری اسلامی ایران", "دبیرخانه کارگروه اجتماعی و فرهنگی", "شماره",
                      "تاریخ", "پیوست"):
            assert comparable(field) in texts[0], (path.name, field)


def test_minutes_carry_their_title_on_later_pages(out: Path) -> None:
    texts = pages(out / LARGE / "minutes.pdf")
    assert all(comparable("صورتجلسه کارگروه اجتماعی و فرهنگی") in page for page in texts)
    assert comparable("چهارشنبه ۱۷ مرداد ۱۴۰۳") in texts[0]


@pytest.mark.parametrize("record", [TINY, LARGE])
def test_each_notification_letter_lists_exactly_its_decisions(out: Path, record: str) -> None:
    """By the numbers in the letters' «شماره» column, «۱۲-۳» (meeting number-decision number)."""
    validated = validate(Workspace.at(ROOT), [ROOT / "data" / "meetings" / f"{record}.yaml"])
    item = validated.records[0]
    meeting = display(str(item.record.meeting.number))
    numbered = re.compile(f"(?<![۰-۹]){meeting}-[۰-۹]+(?![۰-۹])")
    units = {unit for decision in item.record.decisions for unit in decision.responsible}
    assert len(list((out / record).glob("letter-notify-*.pdf"))) == len(units)
    for unit in units:
        listed = set(numbered.findall(pdftotext(out / record / f"letter-notify-{unit}.pdf")))
        assert listed == {display(f"{meeting}-{i + 1}") for i, d in enumerate(item.record.decisions)
                          if unit in d.responsible}, unit


def test_seed_notification_letter_lists_its_one_decision(out: Path) -> None:
    letters = list((out / SEED_RECORD).glob("letter-notify-*.pdf"))
    assert [p.name for p in letters] == ["letter-notify-social-cultural-wg.pdf"]
    assert comparable("مقرر گردید طرح‌های دستگاه‌های اجرایی") in comparable(pdftotext(letters[0]))


@pytest.mark.parametrize("record", [SEED_RECORD, TINY, LARGE])
def test_drafts_have_the_watermark_on_every_page_and_no_emblem(out: Path, record: str) -> None:
    for path in (out / record).glob("*.pdf"):
        pages = images_drawn(path)
        assert all(len(page) == 1 for page in pages) and len(set.union(*pages)) == 1, \
            f"{path.name}: one image, the watermark, embedded once and drawn on every page"
        assert pypdf.PdfReader(path).metadata.title.startswith("پیش‌نویس — "), path.name
        assert comparable("پیش‌نویس") not in comparable(pdftotext(path)), "the watermark adds no text"


def test_final_documents_show_emblem_and_number_without_watermark(workspace: Workspace, tmp_path: Path) -> None:
    workspace.assets.mkdir()
    (workspace.assets / "emblem.png").write_bytes(ONE_PIXEL_PNG)
    office = workspace.data / "office.yaml"
    office.write_text(office.read_text(encoding="utf-8") + "  emblem: emblem.png\n", encoding="utf-8")
    validated = validate(workspace, [workspace.meetings / f"{TINY}.yaml"])
    documents = [doc for doc in documents_for(validated.records[0], validated.directory, draft=False,
                                              numbers={"letter-notify-education": "200/03/4712"})
                 if doc.is_pdf]
    env = environment(workspace)
    jobs = [to_job(doc, render_document(env, doc), tmp_path / doc.record / doc.filename) for doc in documents]
    with Renderers(1) as renderers:
        outputs = list(produce(renderers, workspace, choose_font(workspace, "Vazirmatn"), jobs))
    for output in outputs:
        output.target.parent.mkdir(parents=True, exist_ok=True)
        output.target.write_bytes(output.data)
        pages = images_drawn(output.target)
        assert pages[0] and len(set.union(*pages)) == 1, "the emblem, on the first page, and no watermark"
        assert not any(pages[1:])
        assert "پیش‌نویس" not in pypdf.PdfReader(output.target).metadata.title
    letter = tmp_path / TINY / "letter-notify-education.pdf"
    assert comparable("۲۰۰/۰۳/۴۷۱۲") in comparable(pdftotext(letter))
    assert paper(letter) == [PageSize.A5]  # the emblem does not push the short letter onto A4


def test_phone_number_and_dates_read_in_order(out: Path) -> None:
    text = comparable(pdftotext(out / LARGE / "minutes.pdf"))
    for run in ("۰۳۱-۳۲۲۲۴۴۵۵", "۱۴۰۳/۰۶/۳۱", "۱۴۰۳/۰۵/۱۵", "https://social.example.ir/monitor",
                "monitor@social.example.ir", "ISO۲۷۰۰۱", "۹:۰۰تا۱۲:۳۰"):
        assert comparable(run) in text, run
    assert comparable("۳۲۲۲۴۴۵۵-۰۳۱") not in text


def test_without_isolation_the_phone_number_would_read_backwards(workspace: Workspace, tmp_path: Path) -> None:
    """The check above can fail: the same line without <bdi> extracts (and prints) reversed."""
    (workspace.templates / "letter.html").write_text(
        '{% extends "base.html" %}{% block content %}<p>تلفن ۰۳۱-۳۲۲۲۴۴۵۵ ثبت شد</p>{% endblock %}',
        encoding="utf-8")
    build(workspace, [workspace.meetings / f"{TINY}.yaml"], tmp_path)
    text = comparable(pdftotext(tmp_path / TINY / "letter-notify-education.pdf"))
    assert comparable("۳۲۲۲۴۴۵۵-۰۳۱") in text


def test_table_headers_repeat_and_rows_never_split(out: Path) -> None:
    texts = pages(out / LARGE / "minutes.pdf")
    validated = validate(Workspace.at(ROOT), [ROOT / "data" / "meetings" / f"{LARGE}.yaml"])
    record = validated.records[0].record

    def first_page_with(phrase: str) -> int:
        return next(i for i, page in enumerate(texts) if comparable(phrase) in page)

    present = range(first_page_with("محمدرضا کاظمی"), first_page_with("شیما غلامی") + 1)
    assert len(present) >= 2
    assert all(comparable("نام و نام خانوادگی") in texts[i] and comparable("امضا") in texts[i] for i in present)
    keys = [key_words(d.text) for d in record.decisions]
    decisions = range(first_page_with("مقرر گردید"), first_page_with(keys[-1][0]) + 1)
    assert len(decisions) >= 3
    assert all(comparable("مسئول اجرا") in texts[i] and comparable("مهلت") in texts[i] for i in decisions)
    for first, last in keys:
        assert any(first in page and last in page for page in texts), first


@pytest.mark.parametrize("record", [SEED_RECORD, TINY, LARGE])
def test_signature_grid_is_on_the_last_pages_and_never_alone(out: Path, record: str) -> None:
    texts = pages(out / record / "minutes.pdf")
    start = next(i for i, page in enumerate(texts) if comparable("امضای حاضران") in page)
    assert start >= len(texts) - 2
    before_heading = texts[start].split(comparable("امضای حاضران"))[0]
    assert comparable("مقرر گردید") in before_heading


def test_a_long_letter_goes_to_a4_and_keeps_text_with_its_signature(workspace: Workspace, tmp_path: Path) -> None:
    record = workspace.meetings / f"{TINY}.yaml"
    paragraph = "احتراماً، به استحضار می‌رساند برنامه آموزش مهارت‌های زندگی در مدارس متوسطه اجرا می‌شود. " * 6
    body = "\n\n".join(f"بند {n}: {paragraph}" for n in range(1, 9))
    letter = ("letters:\n  - to: rahimi\n    subject: گزارش طولانی\n    signatories: [nouri]\n    body: |\n"
              + "".join(f"      {line}\n" if line else "\n" for line in body.split("\n")))
    record.write_text(record.read_text(encoding="utf-8") + letter, encoding="utf-8")
    build(workspace, [record], tmp_path)
    path = tmp_path / TINY / "letter-1.pdf"
    texts = pages(path)
    assert len(texts) >= 2 and set(paper(path)) == {PageSize.A4}
    signer = next(i for i, page in enumerate(texts) if comparable("کامبیز نوری") in page)
    assert comparable("بند") in texts[signer].split(comparable("کامبیز نوری"))[0]


@pytest.mark.parametrize(("setting", "size"), [("A4", PageSize.A4), ("A5", PageSize.A5)])
def test_office_can_force_the_paper_of_letters(workspace: Workspace, tmp_path: Path, setting: str,
                                               size: PageSize) -> None:
    office = workspace.data / "office.yaml"
    office.write_text(office.read_text(encoding="utf-8") + f"  page_size: {setting}\n", encoding="utf-8")
    build(workspace, [workspace.meetings / f"{LARGE}.yaml"], tmp_path)
    assert set(paper(tmp_path / LARGE / "letter-notify-social-cultural-wg.pdf")) == {size}
    assert set(paper(tmp_path / LARGE / "letter-notify-welfare.pdf")) == {size}
    assert set(paper(tmp_path / LARGE / "minutes.pdf")) == {PageSize.A4}


def test_initials_box_on_every_page(workspace: Workspace, tmp_path: Path) -> None:
    office = workspace.data / "office.yaml"
    office.write_text(office.read_text(encoding="utf-8") + "  initials_box: true\n", encoding="utf-8")
    build(workspace, [workspace.meetings / f"{TINY}.yaml"], tmp_path)
    texts = pages(tmp_path / TINY / "minutes.pdf")
    assert len(texts) > 1 and all(comparable("محل پاراف") in page for page in texts)


def test_a_stylesheet_without_the_a5_page_is_an_error(workspace: Workspace, tmp_path: Path) -> None:
    style = (ROOT / "minutes" / "templates" / "style.css").read_text(encoding="utf-8")
    (workspace.templates / "style.css").write_text(style.replace("@page a5", "@page other"), encoding="utf-8")
    with pytest.raises(RenderError, match="does not give A5 pages"):
        build(workspace, [workspace.meetings / f"{TINY}.yaml"], tmp_path)
    assert not (tmp_path / TINY).exists()


def test_brief_is_written_beside_the_pdfs(out: Path) -> None:
    brief = (out / SEED_RECORD / "brief.txt").read_text(encoding="utf-8")
    assert "کارگروه اجتماعی و فرهنگی" in brief and "۱۲ آبان ۱۳۹۵" in brief
    page = (out / LARGE / "brief.html").read_text(encoding="utf-8")
    assert '<html lang="fa" dir="rtl">' in page


def word_positions(path: Path, page: int = 1) -> dict[str, float]:
    """Left edge of each word on a page, the word in logical order (poppler lists glyphs visually)."""
    result = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-bbox", str(path), "-"],
                            capture_output=True, text=True, check=True)
    words = re.findall(r'<word xMin="([0-9.]+)"[^>]*>([^<]+)</word>', result.stdout)
    return {word[::-1]: float(x) for x, word in reversed(words)}  # the first occurrence wins


def test_office_at_the_right_number_block_at_the_left_tables_right_to_left(out: Path) -> None:
    x = word_positions(out / LARGE / "minutes.pdf")
    width = 595
    assert x["جمهوری"] > width / 2 and x["دبیرخانه"] > width / 2  # office: top right
    assert x["شماره:"] < width / 2 and x["تاریخ:"] < width / 2  # number and date: top left
    assert x["ردیف"] > x["سمت"] > x["امضا"]  # first column at the right
    letter = word_positions(out / TINY / "letter-notify-education.pdf")
    assert letter["شماره"] > letter["مصوبه"] > letter["مهلت"]
