"""Layout rules that hold on any record (issue 12), checked on the PDFs' own geometry.

The corpus (``corpus.py``: 64 records, 1–80 attendees, 0–40 decisions, long texts and tokens) and
the three example records are built once per session through the command line, two documents at
a time; every minutes and every letter is then read with poppler and checked by ``geometry.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from corpus import COUNT, ROOT, Described, write_corpus
from geometry import (
    CONTINUED,
    DISCUSSION,
    Fault,
    Pdf,
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
    signature_rows,
)

from minutes.cli import main

EXAMPLES = ("social-cultural-1395-08-12", "social-cultural-1403-05-17", "harms-committee-1403-05-10")


@pytest.fixture(scope="session")
def corpus_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Described], Path]:
    """The corpus written and built once: what each record holds, and the output folder."""
    root = tmp_path_factory.mktemp("layout")
    described = write_corpus(root / "ws")
    assert main(["-C", str(root / "ws"), "build", "-o", str(root / "out"), "-j", "2", "-q"]) == 0
    return described, root / "out"


@pytest.fixture(scope="session")
def examples_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's example records built once."""
    out = tmp_path_factory.mktemp("examples")
    assert main(["-C", str(ROOT), "build", "-o", str(out), "-j", "2", "-q"]) == 0
    return out


def minutes_faults(pdf: Pdf, subheadings: tuple[str, ...], signers: int) -> list[Fault]:
    """Every layout rule of the minutes, checked on one PDF."""
    tagged = outline(pdf, subheadings)
    return [*margin_faults(pdf), *lonely_page_faults(pdf, tagged), *signature_placement_faults(tagged),
            *empty_section_faults(tagged), *heading_at_page_end_faults(tagged),
            *signature_balance_faults(tagged, signers), *first_page_faults(pdf)]


def letter_faults(path: Path, signers: tuple[str, ...]) -> list[Fault]:
    pdf = read_pdf(path)
    return [*margin_faults(pdf), *letter_signature_faults(pdf, signers)]


@pytest.mark.parametrize("index", range(COUNT))
def test_minutes_of_the_corpus(corpus_build: tuple[list[Described], Path], index: int) -> None:
    described, out = corpus_build
    about = described[index]
    pdf = read_pdf(out / about.name / "minutes.pdf")
    faults = minutes_faults(pdf, about.agenda_titles, about.shape.attendees)
    assert not faults, f"{about.name} ({len(pdf.pages)} pages, {about.shape}): " + "; ".join(map(str, faults))
    printed = {t.section for t in outline(pdf, about.agenda_titles)}
    assert (key(DISCUSSION) in printed) == about.discussion, "«خلاصه مذاکرات» printed iff there is discussion"


@pytest.mark.parametrize("index", range(COUNT))
def test_letters_of_the_corpus(corpus_build: tuple[list[Described], Path], index: int) -> None:
    described, out = corpus_build
    about = described[index]
    assert {p.name for p in (out / about.name).glob("letter-*.pdf")} == set(about.signers)
    faults = [f"{name}: {fault}" for name, signers in about.signers.items()
              for fault in letter_faults(out / about.name / name, signers)]
    assert not faults, "; ".join(faults)


def test_the_corpus_spans_what_issue_12_asks(corpus_build: tuple[list[Described], Path]) -> None:
    """At least 60 records, the extremes of every size, and the hard cases really laid out."""
    described, out = corpus_build
    shapes = [d.shape for d in described]
    assert len(shapes) >= 60
    assert {1, 80} <= {s.attendees for s in shapes} and {0, 40} <= {s.decisions for s in shapes}
    assert {0, 15} <= {s.statements for s in shapes}
    assert any(s.long_text for s in shapes) and sum(bool(d.tokens) for d in described) >= 10
    assert {"unrecorded", "none", "some"} == {s.absent for s in shapes}
    assert any(s.substitutes for s in shapes) and any(s.guests for s in shapes)
    pdfs = [read_pdf(out / d.name / "minutes.pdf") for d in described]
    continued = [pdf for pdf in pdfs if any(line.key == key(CONTINUED) for page in pdf.pages for line in page.lines)]
    assert len(continued) >= 5, "some signature grids are longer than a page"
    kept = [pdf for pdf in pdfs if len({r.page for r in signature_rows(outline(pdf))}) == 1 and len(pdf.pages) > 2]
    assert len(kept) >= 20
    print(f"layout corpus: {len(pdfs)} minutes, {sum(len(p.pages) for p in pdfs)} pages")


def _signer(directory: dict[str, dict[str, dict[str, str]]], ident: str) -> str:
    person = directory["people"][ident]
    return " ".join(part for part in (person.get("title"), person.get("name")) if part) or person["post"]


@pytest.mark.parametrize("record", EXAMPLES)
def test_the_examples(examples_build: Path, record: str) -> None:
    data = yaml.safe_load((ROOT / "data" / "meetings" / f"{record}.yaml").read_text(encoding="utf-8"))
    directory: dict[str, dict[str, dict[str, str]]] = {"people": {}}
    for path in sorted((ROOT / "data").glob("directory*.yaml")):
        directory["people"] |= yaml.safe_load(path.read_text(encoding="utf-8")).get("people", {})
    attendance = data["attendance"]
    signers = len(attendance["present"]) + len(attendance.get("substitutes", [])) + len(attendance.get("guests", []))
    titles = tuple(f"{n}. {item['title']}" for n, item in enumerate(data["agenda"], start=1) if item.get("discussion"))
    faults = minutes_faults(read_pdf(examples_build / record / "minutes.pdf"), titles, signers)
    chair = _signer(directory, data["meeting"]["chair"])
    for path in sorted((examples_build / record).glob("letter-*.pdf")):
        number = path.stem.removeprefix("letter-")
        own = data.get("letters", [])[int(number) - 1].get("signatories") if number.isdigit() else None
        faults += letter_faults(path, (_signer(directory, own[0]),) if own else (chair,))
    assert not faults, "; ".join(map(str, faults))
