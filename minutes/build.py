"""Orchestration: gather and check everything, render every document, then write.

Nothing is written unless every record is valid and every document rendered; each file
is written through a temporary file and a rename, so no reader ever sees half a PDF.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from minutes.context import Document, documents_for
from minutes.diagnostics import Diagnostic, InvalidInput, RenderError
from minutes.fonts import FontChoice, choose_font
from minutes.model import PageSize
from minutes.render import environment, render_document
from minutes.validate import validate
from minutes.workspace import Workspace

Progress = Callable[[str], None]


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote and what it wants the user to know."""

    written: tuple[Path, ...]
    warnings: tuple[Diagnostic, ...]
    notices: tuple[str, ...]


@dataclass(frozen=True)
class Output:
    """A rendered document ready to write: its bytes and, for a PDF, its pages and paper."""

    document: Document
    target: Path
    data: bytes
    pages: int | None = None
    page_size: PageSize | None = None


def write_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through a temporary file and a rename: never a half file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _targets(documents: list[Document], out_dir: Path) -> list[Path]:
    targets = [out_dir / doc.record / doc.filename for doc in documents]
    seen: set[Path] = set()
    for target in targets:
        if target in seen:
            raise RenderError(f"two documents would be written to {target}: rename one of the records")
        seen.add(target)
    return targets


def _papers(size: PageSize | None) -> tuple[PageSize, ...]:
    """Papers to try in turn: ``auto`` is A5 when the document fits one A5 page, else A4."""
    if size is PageSize.AUTO:
        return (PageSize.A5, PageSize.A4)
    return (size or PageSize.A4,)


def render_outputs(workspace: Workspace, documents: list[Document], out_dir: Path, font: FontChoice, *,
                   progress: Progress | None = None) -> list[Output]:
    """Render ``documents`` in memory (HTML and text as they are, PDFs through WeasyPrint); writes nothing."""
    targets = _targets(documents, out_dir)
    env = environment(workspace)
    pages = [render_document(env, doc) for doc in documents]
    renderer = None
    if any(doc.is_pdf for doc in documents):
        from minutes.pdf import PdfRenderer  # WeasyPrint costs ~0.7 s to import: only when rendering

        renderer = PdfRenderer(workspace, font)
    outputs = []
    for document, target, page in zip(documents, targets, pages, strict=True):
        if renderer is not None and document.is_pdf:
            pdf = renderer.render(page, _papers(document.page_size))
            outputs.append(Output(document, target, pdf.data, pdf.pages, pdf.paper))
        else:
            outputs.append(Output(document, target, page.encode("utf-8")))
        if progress:
            progress(f"rendered {workspace.display_name(target)}")
    return outputs


def build(workspace: Workspace, record_paths: list[Path] | None, out_dir: Path, *,
          strict: bool = False, progress: Progress | None = None) -> BuildResult:
    """Validate, render and write the draft documents of the given records (all by default)."""
    validated = validate(workspace, record_paths)
    if strict and validated.warnings:
        raise InvalidInput(list(validated.warnings))
    office = validated.directory.office
    assert office is not None
    font = choose_font(workspace, office.font)
    documents = [doc for item in validated.records for doc in documents_for(item, validated.directory)]
    outputs = render_outputs(workspace, documents, out_dir, font, progress=progress)
    for output in outputs:
        write_atomically(output.target, output.data)
    return BuildResult(tuple(o.target for o in outputs), validated.warnings,
                       (font.warning,) if font.warning else ())
