"""How much of each document's text a reader finds in its PDF: `make fidelity`.

Renders the example records as drafts and issues them as originals (``minutes issue`` in a
throwaway copy of the workspace), extracts every PDF's text with three extractors and reports,
per kind of document, the share of the HTML's words found exactly in the PDF text, the share of
words with a ZWNJ (U+200C) and with «لا» whose letters came through (see :func:`score`), and the
count of Arabic presentation forms:

- ``pdftotext``: poppler, logical order;
- ``pdfium``: PDFium through pypdfium2, the engine of Chromium's viewer;
- ``pdfminer``: pdfminer.six, which gives lines in visual order: each line is put back into
  logical order with python-bidi (right-to-left paragraphs), then NFKC-normalised.

With Chromium installed the same HTML is printed by headless Chromium and scored beside it. The
results go to ``bench/fidelity.json`` and a table to standard output.
"""

# ruff: noqa: T201  (a command-line script: it reports by printing)

from __future__ import annotations

import argparse
import contextlib
import html.parser
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXTRACTORS = ("pdftotext", "pdfium", "pdfminer")
ISSUE_DATE = "1403/06/01"
ZWNJ = "\u200c"
PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
# Direction marks, embeddings and isolates that extractors add around runs; never text a reader typed.
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
EDGE_PUNCTUATION = "\"'.,،؛;:!?()[]{}«»…–—"
INLINE_TAGS = {"bdi", "bdo", "span", "b", "i", "em", "strong", "q", "a", "small", "sub", "sup", "abbr"}


@dataclass(frozen=True)
class Sample:
    """One document: its kind (``draft minutes``, ``original letter`` …), name, HTML and PDF."""

    kind: str
    name: str
    html: str
    pdf: bytes


@dataclass
class Score:
    """Counts of HTML word occurrences and of those found in the extracted text (as a multiset)."""

    words: int = 0
    found: int = 0
    zwnj_words: int = 0
    zwnj_found: int = 0
    lam_alef_words: int = 0
    lam_alef_found: int = 0
    presentation_forms: int = 0
    documents: int = 0

    def add(self, other: Score) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def percent(self, found: str, total: str) -> float:
        """``found`` as a share of ``total`` in percent (100 when there is nothing to find)."""
        whole = getattr(self, total)
        return round(100 * getattr(self, found) / whole, 1) if whole else 100.0

    def summary(self) -> dict[str, float | int]:
        """The four figures the report shows, plus the counts behind them."""
        return {"words %": self.percent("found", "words"), "zwnj %": self.percent("zwnj_found", "zwnj_words"),
                "lam-alef %": self.percent("lam_alef_found", "lam_alef_words"),
                "presentation forms": self.presentation_forms, **asdict(self)}


class _TextOfBody(html.parser.HTMLParser):
    """The text a reader sees in an HTML page: body only, a space at every block boundary."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.in_body = False
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_body |= tag == "body"
        self.skipping += tag in ("style", "script", "title")
        if tag not in INLINE_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        self.skipping -= tag in ("style", "script", "title")
        if tag not in INLINE_TAGS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if self.in_body and not self.skipping:
            self.parts.append(data)


def html_text(page: str) -> str:
    """The visible text of an HTML page."""
    parser = _TextOfBody()
    parser.feed(page)
    return "".join(parser.parts)


def words(text: str) -> Counter[str]:
    """The words of ``text``: split at white space, without bidi controls or punctuation at their edges."""
    text = BIDI_CONTROLS.sub("", unicodedata.normalize("NFC", text))
    return Counter(word for word in (raw.strip(EDGE_PUNCTUATION) for raw in text.split()) if word)


def has_lam_alef(word: str) -> bool:
    """Words that Persian fonts set with the lam-alef (or Allah) ligature."""
    return "لا" in word or "الله" in word


def score(expected: Counter[str], extracted: str) -> Score:
    """How many of the expected word occurrences the extracted text holds (each found occurrence used once).

    ``words``/``found`` count exact words. The ZWNJ and «لا» figures ask whether the letters came
    through: a word counts as found there also when the extractor glued it to a neighbouring number
    or punctuation (pdftotext misplaces spaces at digit runs in right-to-left lines).
    """
    got = words(extracted)
    flat = BIDI_CONTROLS.sub("", unicodedata.normalize("NFC", extracted))

    def in_text(word: str) -> int:
        return len(re.findall(rf"(?<![^\W\d_]){re.escape(word)}(?![^\W\d_])", flat))

    def count(keep: Callable[[str], bool], found: Callable[[str], int]) -> tuple[int, int]:
        chosen = [(word, n) for word, n in expected.items() if keep(word)]
        return sum(n for _, n in chosen), sum(min(n, found(word)) for word, n in chosen)

    result = Score(documents=1, presentation_forms=len(PRESENTATION_FORMS.findall(extracted)))
    result.words, result.found = count(lambda word: True, got.__getitem__)
    result.zwnj_words, result.zwnj_found = count(lambda word: ZWNJ in word, in_text)
    result.lam_alef_words, result.lam_alef_found = count(has_lam_alef, in_text)
    return result


# -- extractors ---------------------------------------------------------------------------------------


def extract_pdftotext(path: Path) -> str:
    """Poppler's text, in logical order."""
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def extract_pdfium(path: Path) -> str:
    """PDFium's text of every page."""
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def extract_pdfminer(path: Path) -> str:
    """pdfminer.six's lines (visual order), each put in logical order by python-bidi, then NFKC.

    The caller applies NFKC, after counting presentation forms.
    """
    from bidi import get_display  # the Rust implementation: it keeps ZWNJ (the pure-Python one drops it)
    from pdfminer.high_level import extract_text

    visual = extract_text(str(path))
    logical = "\n".join(get_display(line, base_dir="R") for line in visual.splitlines())
    return logical


EXTRACT: dict[str, Callable[[Path], str]] = {
    "pdftotext": extract_pdftotext, "pdfium": extract_pdfium, "pdfminer": extract_pdfminer}


def score_pdf(sample: Sample, pdf: bytes, folder: Path) -> dict[str, Score]:
    """Every extractor's score of one PDF of ``sample``."""
    path = folder / "scored.pdf"
    path.write_bytes(pdf)
    expected = words(html_text(sample.html))
    scores = {}
    for name in EXTRACTORS:
        text = EXTRACT[name](path)
        result = score(expected, unicodedata.normalize("NFKC", text) if name == "pdfminer" else text)
        result.presentation_forms = len(PRESENTATION_FORMS.findall(text))
        scores[name] = result
    return scores


# -- the documents --------------------------------------------------------------------------------------


def _copy_workspace(source: Path, target: Path) -> Path:
    for folder in ("data", "fonts", "templates", "assets"):
        if (source / folder).is_dir():
            shutil.copytree(source / folder, target / folder)
    return target


def samples(workspace_root: Path, records: Iterable[str], *, originals: bool = True) -> list[Sample]:
    """Drafts of ``records`` as ``minutes build`` renders them, and their originals as ``minutes issue`` does."""
    from minutes.archive.issued import load_issued
    from minutes.cli import main
    from minutes.documents.registry import documents_for
    from minutes.output.fonts import choose_font
    from minutes.output.pdf import PdfRenderer
    from minutes.render import environment, render_document
    from minutes.sources import check_workspace as validate
    from minutes.text.jalali import JalaliDate
    from minutes.workspace import Workspace

    records = list(records)
    found: list[Sample] = []
    with tempfile.TemporaryDirectory() as scratch:
        workspace = Workspace.at(_copy_workspace(workspace_root, Path(scratch) / "ws"))
        validated = validate(workspace, [workspace.meetings / f"{name}.yaml" for name in records])
        renderer = PdfRenderer(workspace, choose_font(workspace, validated.directory.office.font))
        env = environment(workspace)
        for item in validated.records:
            for doc in documents_for(item, validated.directory):
                if doc.is_pdf:
                    page = render_document(env, doc)
                    found.append(Sample(f"draft {_kind(doc.key)}", f"{item.name}/{doc.filename}", page,
                                        renderer.render(page, doc.papers).data))
        if not originals:
            return found
        for name in records:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                code = main(["-C", str(workspace.root), "issue", str(workspace.meetings / f"{name}.yaml"),
                             "--date", ISSUE_DATE])
            assert code == 0, f"minutes issue {name} failed"
            payload = workspace.root / "archive" / name / "v1" / "data"
            item = load_issued((payload / "source" / "meeting.yaml").read_bytes(), name, name)
            assert item.record.issued is not None
            for doc in documents_for(item, validated.directory, draft=False, numbers=item.record.issued.numbers,
                                     issue_date=JalaliDate.parse(ISSUE_DATE)):
                if doc.is_pdf:
                    pdf = payload / ("" if doc.key == "minutes" else "letters") / doc.filename
                    found.append(Sample(f"original {_kind(doc.key)}", f"{name}/{doc.filename} (issued)",
                                        render_document(env, doc), pdf.read_bytes()))
    return found


def _kind(key: str) -> str:
    return "minutes" if key == "minutes" else "letter"


# -- Chromium --------------------------------------------------------------------------------------------


def chromium() -> str | None:
    """The Chromium executable, when installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def chromium_pdf(sample: Sample, workspace_root: Path, folder: Path) -> bytes:
    """``sample``'s HTML printed by headless Chromium, with the stylesheet and font WeasyPrint uses."""
    from minutes.output.fonts import choose_font
    from minutes.sources import check_workspace as validate
    from minutes.workspace import Workspace

    workspace = Workspace.at(workspace_root)
    office = validate(workspace, []).directory.office
    style = (ROOT / "minutes" / "templates" / "style.css").read_text(encoding="utf-8")
    fonts = choose_font(workspace, office.font).stylesheet(workspace).replace(
        'url("', f'url("{workspace.root.as_uri()}/')
    paper = "a5" if b"/MediaBox [0 0 419" in sample.pdf else "a4"
    page = sample.html.replace("</head>", f"<style>{style}\n{fonts}\nhtml {{ page: {paper}; }}</style></head>", 1)
    page = page.replace("template:watermark.png", (ROOT / "minutes" / "templates" / "watermark.png").as_uri())
    source, target = folder / "page.html", folder / "chromium.pdf"
    source.write_text(page, encoding="utf-8")
    profile = tempfile.mkdtemp(dir=folder)
    subprocess.run([chromium() or "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", f"--user-data-dir={profile}", f"--print-to-pdf={target}", source.as_uri()],
                   capture_output=True, check=True, timeout=120)
    return target.read_bytes()


# -- the report ------------------------------------------------------------------------------------------


@dataclass
class Report:
    """Scores by engine, kind of document and extractor."""

    engines: dict[str, dict[str, dict[str, Score]]] = field(default_factory=dict)

    def add(self, engine: str, kind: str, scores: dict[str, Score]) -> None:
        for bucket in (kind, "all"):
            table = self.engines.setdefault(engine, {}).setdefault(bucket, {})
            for name, result in scores.items():
                table.setdefault(name, Score()).add(result)

    def as_json(self) -> dict[str, object]:
        return {engine: {kind: {name: s.summary() for name, s in by_name.items()} for kind, by_name in kinds.items()}
                for engine, kinds in self.engines.items()}

    def table(self) -> str:
        """A Markdown table: one row per kind and extractor, WeasyPrint and Chromium side by side."""
        engines = list(self.engines)
        head = ["kind", "extractor"] + [f"{engine} {figure}" for engine in engines
                                         for figure in ("words %", "ZWNJ %", "لا %", "pres. forms")]
        rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        kinds = [kind for kind in self.engines[engines[0]] if kind != "all"] + ["all"]
        for kind in kinds:
            for name in EXTRACTORS:
                cells = [kind, name]
                for engine in engines:
                    s = self.engines[engine].get(kind, {}).get(name)
                    cells += ([f"{s.percent('found', 'words')} ({s.found}/{s.words})",
                               f"{s.percent('zwnj_found', 'zwnj_words')}",
                               f"{s.percent('lam_alef_found', 'lam_alef_words')}",
                               str(s.presentation_forms)] if s else ["—"] * 4)
                rows.append("| " + " | ".join(cells) + " |")
        return "\n".join(rows)


def measure(workspace_root: Path, records: Iterable[str], *, originals: bool = True,
            with_chromium: bool = False) -> Report:
    """Score every draft (and original) of ``records``; Chromium's prints too when asked and installed."""
    report = Report()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        for sample in samples(workspace_root, records, originals=originals):
            report.add("weasyprint", sample.kind, score_pdf(sample, sample.pdf, folder))
            if with_chromium and chromium():
                printed = chromium_pdf(sample, workspace_root, folder)
                report.add("chromium", sample.kind, score_pdf(sample, printed, folder))
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("records", nargs="*", help="record names (default: every example record)")
    parser.add_argument("--no-chromium", action="store_true", help="score WeasyPrint's PDFs only")
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "bench" / "fidelity.json")
    args = parser.parse_args(argv)
    records = args.records or sorted(p.stem for p in (ROOT / "data" / "meetings").glob("*.yaml"))
    if not args.no_chromium and not chromium():
        print("chromium is not installed: scoring WeasyPrint only", file=sys.stderr)
    report = measure(ROOT, records, with_chromium=not args.no_chromium)
    args.output.write_text(json.dumps({"records": records, "issue_date": ISSUE_DATE, "scores": report.as_json()},
                                      ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(report.table())
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
