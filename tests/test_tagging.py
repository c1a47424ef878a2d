"""Tagged PDF: drafts and originals carry a structure tree a screen reader can walk, and every mark on
their pages is either in that tree or an artifact (letterhead, watermark, running title, page numbers)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest
from conftest import SEED_RECORD

from minutes.cli import main
from minutes.output import tagging
from minutes.workspace import Workspace

PAINTING = {"TJ", "Tj", "'", '"', "Do", "f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "sh", "BI"}
LARGE = "social-cultural-1403-05-17"


def issue(workspace: Workspace, record: str) -> Path:
    """Issue ``record`` with the CLI; the folder of its originals."""
    assert main(["-C", str(workspace.root), "issue", str(workspace.meetings / f"{record}.yaml"),
                 "--date", "1403/06/01"]) == 0
    return workspace.root / "archive" / record / "v1" / "data"


@pytest.fixture(scope="module")
def originals(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The originals of the seed and the large record, issued once."""
    import shutil

    from conftest import ROOT

    root = tmp_path_factory.mktemp("tagged") / "ws"
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(ROOT / "fonts", root / "fonts")
    workspace = Workspace.at(root)
    issue(workspace, SEED_RECORD)
    issue(workspace, LARGE)
    return root / "archive"


def kids(element: pikepdf.Object) -> list[pikepdf.Object]:
    """The children of a structure element, as a list."""
    k = element.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, pikepdf.Array) else [k]


def walk(element: pikepdf.Object) -> Iterator[pikepdf.Object]:
    """Every structure element below ``element``, depth first, in reading order."""
    for kid in kids(element):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from walk(kid)


def tree(pdf: pikepdf.Pdf) -> list[pikepdf.Object]:
    return list(walk(pdf.Root.StructTreeRoot))


def marked_content_in_tree(pdf: pikepdf.Pdf) -> set[tuple[int, int]]:
    """(page index, MCID) of every marked-content sequence the structure tree reaches."""
    pages = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
    found = set()
    for element in tree(pdf):
        for kid in kids(element):
            if isinstance(kid, int):
                found.add((pages[element.Pg.objgen], int(kid)))
    return found


def untagged(pdf: pikepdf.Pdf) -> list[str]:
    """Painting operators drawn outside any marked content the tree reaches and outside artifacts."""
    reached = marked_content_in_tree(pdf)
    problems: list[str] = []

    def scan(index: int, content: pikepdf.Object, stack: list[bool]) -> None:
        for instruction in pikepdf.parse_content_stream(content):
            if isinstance(instruction, pikepdf.ContentStreamInlineImage):
                operator, operands = "BI", []
            else:
                operator, operands = str(instruction.operator), list(instruction.operands)
            if operator in ("BDC", "BMC"):
                tag = str(operands[0])
                mcid = operands[1].get("/MCID") if operator == "BDC" and isinstance(operands[1], pikepdf.Dictionary) \
                    else None
                stack.append(tag == "/Artifact" or (mcid is not None and (index, int(mcid)) in reached)
                             or bool(stack and stack[-1]))
            elif operator == "EMC":
                stack.pop()
            elif operator == "Do" and xobjects(content).get(str(operands[0])).get("/Subtype") == "/Form":
                scan(index, xobjects(content)[str(operands[0])], stack)  # a form's marks are checked inside it
            elif operator in PAINTING and not (stack and stack[-1]):
                problems.append(f"page {index + 1}: {operator} outside the tree and artifacts")

    def xobjects(content: pikepdf.Object) -> pikepdf.Object:
        owner = content.obj if isinstance(content, pikepdf.Page) else content
        return owner.get("/Resources", pikepdf.Dictionary()).get("/XObject", pikepdf.Dictionary())

    for index, page in enumerate(pdf.pages):
        scan(index, page, [])
    return problems


def artifact_subtypes(pdf: pikepdf.Pdf) -> set[str]:
    """The subtypes of the artifacts drawn on the pages and in the forms they draw."""
    found = set()

    def scan(content: pikepdf.Object) -> None:
        owner = content.obj if isinstance(content, pikepdf.Page) else content
        for form in owner.get("/Resources", pikepdf.Dictionary()).get("/XObject", pikepdf.Dictionary()).values():
            if form.get("/Subtype") == "/Form":
                scan(form)
        for instruction in pikepdf.parse_content_stream(content):
            if str(instruction.operator) == "BDC" and str(instruction.operands[0]) == "/Artifact":
                found.add(str(instruction.operands[1].get("/Subtype")))

    for page in pdf.pages:
        scan(page)
    return found


def headings(pdf: pikepdf.Pdf) -> list[int]:
    return [int(str(e.S)[2:]) for e in tree(pdf) if str(e.S) in ("/H1", "/H2", "/H3", "/H4", "/H5", "/H6")]


def check_tables(pdf: pikepdf.Pdf) -> list[str]:
    """Every table: rows of cells; every header cell scoped; in a table with headers, every cell names its own."""
    problems = []
    for table in (e for e in tree(pdf) if e.S == "/Table"):
        cells = [e for e in walk(table) if str(e.S) in ("/TH", "/TD")]
        assert cells and all(str(e.S) in ("/THead", "/TBody", "/TFoot", "/TR", "/TH", "/TD", "/P", "/Span",
                                          "/Div", "/NonStruct", "/L", "/LI", "/Lbl", "/LBody") for e in walk(table))
        problems += [f"{c.S} outside a row" for c in cells if c.P.S != "/TR"]
        headers = [c for c in cells if c.S == "/TH"]
        problems += [f"TH without scope: {c.get('/A')}" for c in headers if "/Scope" not in c.A]
        if headers:
            problems += ["TD without headers" for c in cells if c.S == "/TD" and not len(c.A.get("/Headers", []))]
    return problems


def test_originals_are_tagged_pdf_a_3a_in_persian(originals: Path) -> None:
    for path in sorted(originals.glob("*/v1/data/**/*.pdf")):
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
        assert "Tagged:          yes" in info, path.name
        with pikepdf.open(path) as pdf:
            assert str(pdf.Root.Lang) == "fa-IR"
            assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
            with pdf.open_metadata() as xmp:
                assert (xmp["pdfaid:part"], xmp["pdfaid:conformance"]) == ("3", "A"), path.name
            assert untagged(pdf) == [], path.name
            assert check_tables(pdf) == [], path.name


def test_minutes_headings_in_order_and_tables_with_headers(originals: Path) -> None:
    with pikepdf.open(originals / LARGE / "v1" / "data" / "minutes.pdf") as pdf:
        levels = headings(pdf)
        assert levels[0] == 1 and levels.count(1) == 1
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels
        assert levels.count(2) >= 6 and 3 in levels
        tables = [e for e in tree(pdf) if e.S == "/Table"]
        scopes = [str(c.A.Scope) for t in tables for c in walk(t) if c.S == "/TH"]
        assert "/Row" in scopes and "/Column" in scopes  # the facts table, the grids
        figures = [e for e in tree(pdf) if e.S == "/Figure"]
        assert figures == []  # the emblem sits in the letterhead: an artifact


@pytest.mark.parametrize("name", ["minutes.pdf", "letter-forwarding.pdf"])
def test_drafts_are_tagged_with_letterhead_and_watermark_as_artifacts(seed_build: Path, name: str) -> None:
    with pikepdf.open(seed_build / name) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert untagged(pdf) == []
        assert not [e for e in tree(pdf) if e.S == "/Figure"], "the watermark is an artifact"
        # The letterhead is no part of the tree: the minutes start with their title, the letter has no table.
        first = next(e for e in tree(pdf) if str(e.S) not in ("/Document", "/Div", "/NonStruct", "/Sect"))
        assert str(first.S) == "/H1" if name == "minutes.pdf" else not [e for e in tree(pdf) if e.S == "/Table"]
        assert {"/Header", "/Footer", "/Watermark"} <= artifact_subtypes(pdf)


def test_without_the_module_letterhead_watermark_and_margins_would_be_tagged(workspace: Workspace,
                                                                              tmp_path: Path) -> None:
    """The checks above can fail: WeasyPrint alone leaves page numbers untagged and no header scoped."""
    with tagging.suspended():
        assert main(["-C", str(workspace.root), "build", str(workspace.meetings / f"{SEED_RECORD}.yaml"),
                     "-o", str(tmp_path)]) == 0
    with pikepdf.open(tmp_path / SEED_RECORD / "minutes.pdf") as pdf:
        assert untagged(pdf)
        assert check_tables(pdf)
        assert [e for e in tree(pdf) if e.S == "/Figure"]


def test_weasyprint_is_the_one_the_tagging_was_written_for() -> None:
    """Fails when WeasyPrint or the functions wrapped change: re-check them, then the hashes."""
    assert tagging.mismatches() == []
    assert tagging.install() and tagging.installed()
