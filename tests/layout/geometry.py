"""Layout checkers that read a PDF's own geometry (``pdftotext -bbox-layout``, poppler-utils).

poppler gives every text line of a page with its box, in points from the top-left corner. For
right-to-left text it gives the words in visual order with their letters reversed; ``_logical``
puts a line back in reading order, enough to recognise headings and names.

A page's *furniture* is what sits in its top and bottom margins (the running title, «صفحه … از …»,
the initials box, a continuation marker); the letterhead and the watermark (an image) need no
special case. Everything else is *content*, and must lie inside the margins.

Each checker returns a list of :class:`Fault` (empty when the rule holds), so a test can report
every fault of a corpus at once and a unit test can show that a checker does fail.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

MM = 72 / 25.4  # points per millimetre
# The margins of style.css (@page, @page a5): top, right, bottom, left in mm, by paper width in mm.
MARGINS_MM = {210: (18, 20, 20, 20), 148: (10, 12, 13, 12)}
HEADINGS = ("حاضران", "نمایندگان اعضا", "غایبان", "مدعوین", "دستور جلسه", "پیگیری مصوبات جلسات قبل",
            "خلاصه مذاکرات", "مصوبات", "امضای حاضران")
SIGNATURES = "امضای حاضران"
DISCUSSION = "خلاصه مذاکرات"
CONTINUED = "ادامه امضای حاضران"
FOOTER = re.compile(r"^صفحه [0-9۰-۹]+ از [0-9۰-۹]+$")
INITIALS = "محل پاراف"
# Points a word may reach into a margin. WeasyPrint 70 draws a justified right-to-left line whose
# next line starts with a number one space width (about 3.5 pt at 11 pt) too far left.
TOLERANCE = 4.0
ROW_GAP = 14.0  # points: lines of one signature cell are closer than this; rows are further apart
CELL_GAP = 6.0  # points: words of one signature cell are closer than this horizontally
# What must share the grid's first page besides its rows: the heading (about 14 mm) and three lines
# of the text above (11 pt at line height 1.7). A grid that cannot fit on one page with them may
# go on to pages of its own.
KEPT = 14 * MM + 3 * 11 * 1.7
XHTML = "{http://www.w3.org/1999/xhtml}"
_ARABIC_LETTER = re.compile(r"[\u0600-\u065f\u066e-\u06d3\u06d5-\u06ef\u06fa-\u06ff\ufb50-\ufdff\ufe70-\ufeff]")
_CONTROLS = re.compile("[\u200c-\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Box:
    """A rectangle in points, y growing downwards."""

    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Line:
    """One text line: its words in reading order, its box, and a key for comparing text."""

    page: int
    text: str
    box: Box
    words: tuple[tuple[str, Box], ...]

    @property
    def key(self) -> str:
        return key(self.text)


@dataclass(frozen=True)
class Page:
    """A page: its number (from 1), size in points and text lines, top to bottom."""

    number: int
    width: float
    height: float
    lines: tuple[Line, ...]

    @property
    def margins(self) -> tuple[float, float, float, float]:
        """Top, right, bottom, left margins in points (A4 or A5 by the page width)."""
        top, right, bottom, left = MARGINS_MM[round(self.width / MM)]
        return top * MM, right * MM, bottom * MM, left * MM

    @property
    def content_box(self) -> Box:
        top, right, bottom, left = self.margins
        return Box(left, top, self.width - right, self.height - bottom)

    def is_furniture(self, line: Line) -> bool:
        """Whether ``line`` sits in the top or bottom margin (running title, footer, initials box)."""
        middle = (line.box.y0 + line.box.y1) / 2
        return middle < self.content_box.y0 or middle > self.content_box.y1

    @property
    def content(self) -> list[Line]:
        return [line for line in self.lines if not self.is_furniture(line)]


@dataclass(frozen=True)
class Pdf:
    """The pages of one PDF."""

    path: Path
    pages: tuple[Page, ...]


@dataclass(frozen=True)
class Fault:
    """A broken rule: which, where, and what was seen."""

    rule: str
    page: int
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.rule} (page {self.page}){': ' + self.detail if self.detail else ''}"


def key(text: str) -> str:
    """Text reduced for comparison: NFKC, letters and digits only (digits Latin), «لا» read as «ال»."""
    text = _CONTROLS.sub("", unicodedata.normalize("NFKC", text))
    kept = "".join(ch for ch in text if ch.isalnum())
    digits = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
    return kept.translate(digits).replace("لا", "ال")


def _logical(words: list[str]) -> list[str]:
    """Words of a line in reading order: right to left, each Arabic-script word's letters reversed;
    a run of left-to-right words (Latin, digits) keeps its own order."""
    runs: list[list[str]] = []
    for word in words:
        if _ARABIC_LETTER.search(word):
            runs.append([word[::-1]])
        elif runs and not _ARABIC_LETTER.search(runs[-1][-1]):
            runs[-1].append(word)
        else:
            runs.append([word])
    return [word for run in reversed(runs) for word in run]


def _box(element: ET.Element) -> Box:
    return Box(*(float(element.attrib[name]) for name in ("xMin", "yMin", "xMax", "yMax")))


def read_pdf(path: Path) -> Pdf:
    """Every page of ``path`` with its lines, as poppler sees them."""
    result = subprocess.run(["pdftotext", "-bbox-layout", "-enc", "UTF-8", str(path), "-"],
                            capture_output=True, text=True, check=True)
    root = ET.fromstring(result.stdout)
    pages = []
    for number, page in enumerate(root.iter(f"{XHTML}page"), start=1):
        lines = []
        for line in page.iter(f"{XHTML}line"):
            words = [(word.text or "", _box(word)) for word in line.iter(f"{XHTML}word")]
            text = " ".join(_logical([w for w, _ in words]))
            lines.append(Line(number, text, _box(line), tuple(words)))
        lines.sort(key=lambda ln: (round(ln.box.y0, 1), -ln.box.x1))
        pages.append(Page(number, float(page.attrib["width"]), float(page.attrib["height"]), tuple(lines)))
    return Pdf(path, tuple(pages))


# -- the minutes' outline ------------------------------------------------------------------------

@dataclass(frozen=True)
class Tagged:
    """A content line with the section it belongs to: the key of the heading above it (None before
    the first heading); ``level`` 2 for a section heading, 3 for a sub-heading, 1 for the
    continuation marker of the signatures, 0 for any other line."""

    line: Line
    section: str | None
    level: int

    @property
    def is_signature_row(self) -> bool:
        return self.section == key(SIGNATURES) and self.level == 0


def _match_heading(lines: list[Line], start: int, wanted: dict[str, int]) -> tuple[int, int]:
    """(level, line count) of the heading starting at ``lines[start]``, or (0, 1); a heading may
    wrap over up to four lines."""
    joined = ""
    for count, line in enumerate(lines[start:start + 4], start=1):
        if not line.key:
            break
        joined += line.key
        if joined in wanted:
            return wanted[joined], count
    return 0, 1


def outline(pdf: Pdf, subheadings: tuple[str, ...] = ()) -> list[Tagged]:
    """Every content line of the minutes in reading order, tagged with its section. Sub-headings
    (the agenda items' «N. title») count only under «خلاصه مذاکرات»."""
    sections = {key(h): 2 for h in HEADINGS} | {key(CONTINUED): 1}
    items = sections | {key(h): 3 for h in subheadings}
    tagged: list[Tagged] = []
    section: str | None = None
    for page in pdf.pages:
        lines = page.content
        i = 0
        while i < len(lines):
            level, count = _match_heading(lines, i, items if section == key(DISCUSSION) else sections)
            if level == 2:
                section = "".join(line.key for line in lines[i:i + count])
            tagged += [Tagged(line, section, level) for line in lines[i:i + count]]
            i += count
    return tagged


def _by_page(tagged: list[Tagged]) -> dict[int, list[Tagged]]:
    pages: dict[int, list[Tagged]] = {}
    for t in tagged:
        pages.setdefault(t.line.page, []).append(t)
    return pages


@dataclass(frozen=True)
class SignatureRow:
    """One row of the signature grid: its page, the box of its text and how many names it holds."""

    page: int
    box: Box
    names: int


def _cells(lines: list[Line]) -> int:
    """Signature cells in a row: clusters of words separated horizontally by more than CELL_GAP."""
    spans = sorted((box.x0, box.x1) for line in lines for _, box in line.words)
    cells, right = 0, float("-inf")
    for x0, x1 in spans:
        if x0 > right + CELL_GAP:
            cells += 1
        right = max(right, x1)
    return cells


def signature_rows(tagged: list[Tagged]) -> list[SignatureRow]:
    """The signature grid's rows: bands of lines separated vertically by more than ROW_GAP."""
    rows: list[SignatureRow] = []
    for page, lines in _by_page([t for t in tagged if t.is_signature_row]).items():
        band: list[Line] = []
        for line in [t.line for t in lines] + [None]:
            if band and (line is None or line.box.y0 > max(b.box.y1 for b in band) + ROW_GAP):
                box = Box(min(b.box.x0 for b in band), min(b.box.y0 for b in band),
                          max(b.box.x1 for b in band), max(b.box.y1 for b in band))
                rows.append(SignatureRow(page, box, _cells(band)))
                band = []
            if line is not None:
                band.append(line)
    return rows


def grid_height(rows: list[SignatureRow]) -> float:
    """The height the signature grid takes: each row's text, plus the part of a row without text
    (padding and signing space), measured between rows that follow each other on a page."""
    gaps = sorted(b.box.y0 - a.box.y1 for a, b in zip(rows, rows[1:], strict=False) if a.page == b.page)
    blank = gaps[len(gaps) // 2] if gaps else 12 * MM
    return sum(row.box.y1 - row.box.y0 + blank for row in rows)


# -- the checkers --------------------------------------------------------------------------------

def margin_faults(pdf: Pdf) -> list[Fault]:
    """Text outside the page, content outside the margins, or unknown text in the bottom margin."""
    faults = []
    for page in pdf.pages:
        area = page.content_box
        for line in page.lines:
            for word, box in line.words:
                if box.x0 < -TOLERANCE or box.y0 < -TOLERANCE or box.x1 > page.width + TOLERANCE \
                        or box.y1 > page.height + TOLERANCE:
                    faults.append(Fault("text outside the page", page.number, word[:40]))
            if page.is_furniture(line):
                inside = line.box.y1 <= area.y0 + TOLERANCE or line.box.y0 >= area.y1 - TOLERANCE
                known = line.box.y1 <= area.y0 + TOLERANCE or FOOTER.match(line.text) or line.key == key(INITIALS)
                if not (inside and known):
                    faults.append(Fault("text in the top or bottom margin", page.number, line.text[:60]))
            elif any(box.x0 < area.x0 - TOLERANCE or box.x1 > area.x1 + TOLERANCE
                     or box.y0 < area.y0 - TOLERANCE or box.y1 > area.y1 + TOLERANCE for _, box in line.words):
                faults.append(Fault("text outside the margins", page.number, line.text[:60]))
    return faults


def _continued(page: Page, lines: list[Tagged]) -> bool:
    """Whether the page says at its top that the signatures go on: a marker in the top margin or
    as its first content line."""
    top = [line for line in page.lines if page.is_furniture(line) and line.box.y1 <= page.content_box.y0]
    return any(line.key == key(CONTINUED) for line in top) or (bool(lines) and lines[0].level == 1)


def lonely_page_faults(pdf: Pdf, tagged: list[Tagged]) -> list[Fault]:
    """Pages whose content is only a heading, or only signature rows, unless the grid is longer than a
    page (with its heading and three lines of the text above) and the page says the signatures go on."""
    faults = []
    rows = signature_rows(tagged)
    pages = _by_page(tagged)
    long_grid = bool(rows) and grid_height(rows) + KEPT > pdf.pages[0].content_box.y1 - pdf.pages[0].content_box.y0
    for page in pdf.pages:
        lines = pages.get(page.number, [])
        if not lines:
            continue
        if all(t.level >= 2 for t in lines):
            faults.append(Fault("a page holding only a heading", page.number, lines[0].line.text))
        elif all(t.section == key(SIGNATURES) for t in lines):
            if not long_grid:
                faults.append(Fault("a page holding only signatures", page.number,
                                    f"the grid ({len(rows)} rows) fits on one page"))
            elif not _continued(page, lines):
                faults.append(Fault("a page of signatures that does not say they go on", page.number))
    return faults


def signature_placement_faults(tagged: list[Tagged]) -> list[Fault]:
    """The «امضای حاضران» heading and the first signature row must share the page where the text
    above them ends."""
    heads = [i for i, t in enumerate(tagged) if t.level == 2 and t.section == key(SIGNATURES)]
    if not heads:
        return [Fault("no signature heading", 0)]
    head = tagged[heads[0]]
    page = head.line.page
    before = [t for t in tagged[:heads[0]] if t.line.page == page and t.level == 0]
    after = [t for t in tagged[heads[0] + 1:] if t.line.page == page and t.is_signature_row]
    faults = []
    if not before:
        faults.append(Fault("the signatures do not share a page with the text above them", page))
    if not after:
        faults.append(Fault("the signature heading without a signature row under it", page))
    return faults


def empty_section_faults(tagged: list[Tagged]) -> list[Fault]:
    """Section headings with nothing under them before the next section heading (or the end)."""
    faults = []
    heads = [i for i, t in enumerate(tagged) if t.level == 2] + [len(tagged)]
    for here, following in zip(heads, heads[1:], strict=False):
        if not any(t.level == 0 for t in tagged[here + 1:following]):
            faults.append(Fault("a heading with nothing under it", tagged[here].line.page, tagged[here].line.text))
    return faults


def heading_at_page_end_faults(tagged: list[Tagged]) -> list[Fault]:
    """A section heading or sub-heading as the last line of a page (with more pages to come)."""
    pages = _by_page(tagged)
    last_page = max(pages, default=0)
    return [Fault("a heading as the last line of a page", number, lines[-1].line.text)
            for number, lines in pages.items() if number < last_page and lines[-1].level >= 2]


def signature_balance_faults(tagged: list[Tagged], signers: int | None = None) -> list[Fault]:
    """Rows of the signature grid that differ by more than one name, or names missing."""
    rows = signature_rows(tagged)
    counts = [row.names for row in rows]
    faults = []
    if counts and max(counts) - min(counts) > 1:
        faults.append(Fault("signature rows not balanced", rows[-1].page, f"names per row {counts}"))
    if signers is not None and sum(counts) != signers:
        faults.append(Fault("signature names missing or extra", rows[-1].page if rows else 0,
                            f"{sum(counts)} found, {signers} expected"))
    return faults


def first_page_faults(pdf: Pdf, least: float = 0.5) -> list[Fault]:
    """A first page used less than ``least`` of its height while the document goes on."""
    if len(pdf.pages) < 2:
        return []
    page = pdf.pages[0]
    area = page.content_box
    lines = page.content
    used = (max(line.box.y1 for line in lines) - area.y0) / (area.y1 - area.y0) if lines else 0.0
    if used < least:
        return [Fault("first page more than half empty", 1, f"{used:.0%} used")]
    return []


def _has_words(line: Line, name: str) -> bool:
    words = {key(w) for w in line.text.split()}
    return all(key(w) in words for w in name.split() if key(w))


def letter_signature_faults(pdf: Pdf, signers: tuple[str, ...]) -> list[Fault]:
    """A letter's signature block must share its page with the end of the text above it."""
    for page in pdf.pages:
        content = page.content
        for i, line in enumerate(content):
            if _has_words(line, signers[0]):
                if i == 0 or all(_has_words(other, signers[0]) for other in content[:i]):
                    return [Fault("the letter's signature is alone at the top of a page", page.number)]
                return []
    return [Fault("the letter's signer not found", 0, signers[0])]
