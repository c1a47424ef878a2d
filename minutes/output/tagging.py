"""Tagged PDF: what WeasyPrint 70's structure tree lacks for our documents.

With ``pdf_tags`` (and the ``pdf/a-3a`` variant) WeasyPrint tags headings, tables, lists and
paragraphs, and draws borders and backgrounds as artifacts. Three things it does not do:

1. **Artifacts by choice.** A letterhead laid out with a table is tagged as a data table, and the
   draft watermark as a figure. An element with the attribute ``data-artifact`` (value
   ``header``, ``footer`` or ``watermark``) is left out of the structure tree here and its
   content is marked ``/Artifact`` with that subtype (pagination artifacts, ISO 32000-1 §14.8.2.2).
2. **Page margin boxes** (running title, page numbers) are marked content that WeasyPrint keeps
   out of the tree without marking it as artifacts; they become header and footer artifacts.
3. **Header scope.** ``TH`` cells get ``/Scope /Row`` (HTML ``scope="row"``) or ``/Scope /Column``.

:func:`install` wraps ``weasyprint.pdf.tags._build_box_tree``, the function that turns a page's
boxes into structure elements: it takes the marked content of artifact subtrees out of the tree
(their parent-tree entries become ``null``) and gives ``TH`` elements their scope. :func:`finish`,
a pydyf finisher, then rewrites those marked-content sequences in the page streams as artifacts.
Both apply only to the WeasyPrint code they were written for (version and SHA-256 of the
functions in :data:`PATCHED_SOURCES`); the test of this module fails on anything else.
"""

from __future__ import annotations

import hashlib
import inspect
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from weakref import WeakKeyDictionary

import pydyf
import weasyprint
import weasyprint.pdf.tags
from weasyprint.formatting_structure import boxes
from weasyprint.layout.absolute import AbsolutePlaceholder

WEASYPRINT_VERSION = "70.0"
PATCHED_SOURCES = {
    "weasyprint.pdf.tags._build_box_tree": "f716251a83e7096e9cae972b63e633aab21c664d200582166dd0d5096780f9c4",
    "weasyprint.pdf.tags.add_tags": "f0e74575b0bafaf36458eaac27874e3b80457fba3694058153da514a68933f22",
    "weasyprint.pdf.stream.Stream.marked": "3fa3acacbbf66422e7b0de4346b6eaf638657280a0f62c73172e3c445b888692",
}
ATTRIBUTE = "data-artifact"
SUBTYPES = {"header": "/Header", "footer": "/Footer", "watermark": "/Watermark"}

_original_build_box_tree = weasyprint.pdf.tags._build_box_tree
_suspended = False  # see suspended()
# For each PDF being written: page number → MCID → artifact subtype.
_artifacts: WeakKeyDictionary[pydyf.PDF, dict[int, dict[int, str]]] = WeakKeyDictionary()


def _source_hash(dotted: str) -> str:
    """SHA-256 of the source of WeasyPrint's function ``dotted`` (the original, when it is wrapped)."""
    found: Any = weasyprint
    for part in dotted.split(".")[1:]:
        found = getattr(found, part)
    found = _original_build_box_tree if found is _build_box_tree else found
    return hashlib.sha256(inspect.getsource(found).encode()).hexdigest()


def mismatches() -> list[str]:
    """What differs from the WeasyPrint this module was written for (empty when it applies)."""
    found = []
    if weasyprint.__version__ != WEASYPRINT_VERSION:
        found.append(f"WeasyPrint {weasyprint.__version__}, not {WEASYPRINT_VERSION}")
    return found + [f"{name} has changed" for name, digest in PATCHED_SOURCES.items()
                    if _source_hash(name) != digest]


def installed() -> bool:
    """Whether :func:`install` has wrapped WeasyPrint's structure-tree builder."""
    return weasyprint.pdf.tags._build_box_tree is not _original_build_box_tree


def install() -> bool:
    """Wrap WeasyPrint's structure-tree builder, if its code is the one expected; idempotent.

    Returns whether the wrapper is in force.
    """
    if not installed() and not _suspended and not mismatches():
        weasyprint.pdf.tags._build_box_tree = _build_box_tree
    return installed()


@contextmanager
def suspended() -> Iterator[None]:
    """Within the block WeasyPrint builds its structure tree unchanged (:func:`install` too waits, and
    :func:`finish` finds nothing)."""
    global _suspended
    wrapped = weasyprint.pdf.tags._build_box_tree
    weasyprint.pdf.tags._build_box_tree = _original_build_box_tree
    _suspended = True
    try:
        yield
    finally:
        _suspended = False
        weasyprint.pdf.tags._build_box_tree = wrapped


def _subtype(box: Any) -> str | None:
    """The artifact subtype of a box's subtree, or None when it belongs in the structure tree."""
    if isinstance(box, boxes.MarginBox):
        return "/Footer" if box.at_keyword.startswith("@bottom") else "/Header"
    value = None if box.element is None else box.element.get(ATTRIBUTE)
    return None if value is None else SUBTYPES.get(value, "/Pagination")


def _descendants(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", ()):
        yield from _descendants(child._box if isinstance(child, AbsolutePlaceholder) else child)


def _build_box_tree(box: Any, parent: Any, pdf: Any, page_number: int, nums: dict[int, Any],
                    annotations: list[Any], tags: dict[Any, dict[str, Any]]) -> Iterator[Any]:
    """WeasyPrint's ``_build_box_tree``, with artifact subtrees left out and header cells scoped."""
    real = box._box if isinstance(box, AbsolutePlaceholder) else box
    subtype = _subtype(real)
    if subtype is not None:
        page = _artifacts.setdefault(pdf, {}).setdefault(page_number, {})
        for descendant in _descendants(real):
            if descendant in tags:
                mcid = tags.pop(descendant)["mcid"]
                nums[mcid] = b"null"  # the parent tree is an array indexed by MCID
                page[mcid] = subtype
        return
    for element in _original_build_box_tree(box, parent, pdf, page_number, nums, annotations, tags):
        if element.get("S") == "/TH" and real.element is not None:
            scope = "/Row" if real.element.get("scope") == "row" else "/Column"
            element["A"]["Scope"] = scope
        yield element


def _streams(pdf: pydyf.PDF, thing: Any) -> Iterator[pydyf.Stream]:
    """The content streams a page or form draws: its contents and the forms it uses, recursively."""
    if isinstance(thing, bytes):  # a reference
        thing = pdf.objects[int(thing.split()[0])]
    if isinstance(thing, pydyf.Stream):
        yield thing
    if isinstance(thing, dict | pydyf.Stream):
        extra = thing.extra if isinstance(thing, pydyf.Stream) else thing
        if "Contents" in extra:
            yield from _streams(pdf, extra["Contents"])
        resources = extra.get("Resources")
        resources = pdf.objects[int(resources.split()[0])] if isinstance(resources, bytes) else resources
        for form in (resources or {}).get("XObject", {}).values():
            target = pdf.objects[int(form.split()[0])] if isinstance(form, bytes) else form
            if isinstance(target, pydyf.Stream) and target.extra.get("Subtype") == "/Form":
                yield from _streams(pdf, target)


def finish(document: object, pdf: pydyf.PDF) -> None:
    """Finisher: the marked content taken out of the structure tree becomes pagination artifacts."""
    for page_number, mcids in _artifacts.pop(pdf, {}).items():
        left = dict(mcids)
        for stream in _streams(pdf, pdf.page_references[page_number]):
            items = stream.stream
            for i, item in enumerate(items):
                if isinstance(item, pydyf.Dictionary) and item.get("MCID") in left and i and items[i + 1] == b"BDC":
                    subtype = left.pop(item["MCID"])
                    items[i - 1] = "/Artifact"
                    items[i] = pydyf.Dictionary({"Type": "/Pagination", **({"Subtype": subtype}
                                                                           if subtype != "/Pagination" else {})})
        if left:
            raise RuntimeError(f"marked content {sorted(left)} of page {page_number + 1} not found")
