"""HTML to PDF with WeasyPrint: the only module that imports it.

Resources come only from the workspace's template, font and asset folders; any other
URL (network, ``/etc/passwd``, a symlink leading out) stops the render. Every WeasyPrint
warning is an error, and the fonts actually embedded are checked against the chosen face.
"""

from __future__ import annotations

import datetime
import logging
import mimetypes
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from minutes.output import native  # noqa: F401  (first: it imports WeasyPrint quickly)

# isort: split
from weasyprint import CSS, HTML, Attachment
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from minutes.diagnostics import Note, RenderError
from minutes.output import tagging, textlayer
from minutes.output.fonts import FontChoice
from minutes.output.jobs import Anchor, Archival
from minutes.paper import PageSize
from minutes.workspace import Workspace

if TYPE_CHECKING:
    from pydyf import PDF
    from weasyprint.document import Page

PAPER_MM = {PageSize.A4: (210, 297), PageSize.A5: (148, 210)}
CSS_PX_PER_MM = 96 / 25.4
PT_PER_CSS_PX = 72 / 96

mimetypes.add_type("font/ttf", ".ttf")
mimetypes.add_type("font/otf", ".otf")
mimetypes.add_type("text/css", ".css")
mimetypes.add_type("image/svg+xml", ".svg")
mimetypes.add_type("application/yaml", ".yaml")  # RFC 9512; Python 3.11 does not know it

# PDF/A-3 keeps an embedded source file (PDF/A-2 would empty it); level a maps every glyph to
# Unicode, so the Persian text of an archived original stays searchable and extractable, and is
# tagged (a structure tree: headings, tables with their headers, artifacts).
ARCHIVAL_VARIANT = "pdf/a-3a"


def _attachment(archival: Archival) -> Attachment:
    """A fresh attachment of the source (WeasyPrint's serve one render only); UTC midnight dates, never 'now'."""
    def midnight(day: datetime.date) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC)

    return Attachment(string=archival.source, name=archival.source_name, description="the issued meeting record",
                      relationship="Source", created=midnight(archival.created), modified=midnight(archival.modified))


class LocalFetcher(URLFetcher):
    """Serve ``data:`` URLs and regular files below the allowed folders; refuse everything else.

    ``template:NAME`` is the file NAME in the first template folder that has it (the workspace's
    own first), so templates can use assets that a workspace may override, like the watermark.
    """

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(allowed_protocols={"data", "file", "template"}, allow_redirects=False,
                         fail_on_errors=True)
        self.workspace = workspace
        self.roots = [root.resolve() for root in workspace.resource_roots]

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.scheme == "data":
            return super().fetch(url, headers)
        if parts.scheme == "template":
            name = unquote(parts.path)
            try:
                found = self.workspace.template_file(name)
            except RenderError as error:
                raise FatalURLFetchingError(f"refused URL {url}: {error}") from None
            if found is None:
                raise FatalURLFetchingError(f"refused URL {url}: no file {name} in the template folders")
            return self._file(found.as_uri(), found)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise FatalURLFetchingError(f"refused URL {url}: only files in the workspace may be used")
        return self._file(url, Path(unquote(parts.path)))

    def _file(self, url: str, path: Path) -> URLFetcherResponse:
        """The file at ``path`` (asked for as ``url``), when it lies below an allowed folder."""
        target = path.resolve()  # follows symlinks and '..'
        if not target.is_file() or not any(target.is_relative_to(root) for root in self.roots):
            allowed = ", ".join(str(root) for root in self.roots)
            raise FatalURLFetchingError(f"refused URL {url}: not a file under {allowed}")
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        return URLFetcherResponse(target.as_uri(), target.read_bytes(), {"Content-Type": kind})


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _warnings_as_errors() -> Iterator[None]:
    logger = logging.getLogger("weasyprint")
    handler = _Collect()
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
    if handler.messages:
        raise RenderError(Note.of("weasyprint", messages="; ".join(dict.fromkeys(handler.messages))))


def _each_associated_file_once(document: object, pdf: PDF) -> None:
    """WeasyPrint 70 lists every attached file twice in the catalogue's /AF (Kozea/WeasyPrint#2917,
    fixed after 70.0); keep each once, in order."""
    if "AF" in pdf.catalog:
        pdf.catalog["AF"][:] = list(dict.fromkeys(pdf.catalog["AF"]))


def _finish(document: object, pdf: PDF) -> None:
    """The finisher of every PDF: the repairs of the text layer and of the structure tree, and each
    attached file once."""
    textlayer.finish(document, pdf)
    tagging.finish(document, pdf)
    _each_associated_file_once(document, pdf)


@dataclass(frozen=True)
class RenderedPdf:
    """A rendered PDF, its number of pages, and where its elements with an id are (see :class:`Anchor`)."""

    data: bytes
    pages: int
    anchors: dict[str, Anchor] = field(default_factory=dict)


def _anchors(pages: list[Page]) -> dict[str, Anchor]:
    """Every element with an id: its page and border box in PDF points from the page's bottom-left."""
    found = {}
    for index, page in enumerate(pages):
        for name, (x1, y1, x2, y2) in page.anchors.items():
            x1, y1, x2, y2 = (round(v * PT_PER_CSS_PX, 2) for v in (x1, page.height - y2, x2, page.height - y1))
            found[name] = Anchor(index, (x1, y1, x2, y2))
    return found


class PdfRenderer:
    """Turns HTML into PDF bytes, reusing the font configuration and stylesheets across documents.

    The paper is chosen per render: the root element is put on the named page ``a4`` or ``a5``,
    whose ``@page`` rules (size, margins) live in the template stylesheet.
    """

    def __init__(self, workspace: Workspace, font: FontChoice, fetcher: LocalFetcher | None = None) -> None:
        self.workspace = workspace
        self.font = font
        self.fetcher = fetcher or LocalFetcher(workspace)
        self.base_url = workspace.root.as_uri() + "/"
        self.font_config = FontConfiguration()
        textlayer.install()
        tagging.install()
        style = workspace.template_file("style.css")
        if style is None:
            raise RenderError(Note.of("style-missing", folders=", ".join(map(str, workspace.template_dirs))))
        try:
            with _warnings_as_errors():
                self.stylesheets = [
                    CSS(string=style.read_text(encoding="utf-8"), base_url=style.parent.as_uri() + "/",
                        url_fetcher=self.fetcher, font_config=self.font_config),
                    CSS(string=font.stylesheet(workspace), base_url=self.base_url,
                        url_fetcher=self.fetcher, font_config=self.font_config),
                ]
                self.paper = {size: CSS(string=f"html {{ page: {size.lower()}; }}", font_config=self.font_config)
                              for size in PAPER_MM}
        except FatalURLFetchingError as error:  # an @import or url() of the stylesheet: refused
            raise RenderError(Note.of("style-unusable", style=style, error=str(error.__cause__ or error))) from None

    def render(self, html: str, papers: tuple[PageSize, ...] = (PageSize.A4,),
               archival: Archival | None = None) -> RenderedPdf:
        """The PDF of ``html`` on the first of ``papers`` on which it fits one page (else on the last).

        Raises :class:`RenderError` on any warning, refused URL, font mix-up or a stylesheet that
        does not give the paper asked for.
        """
        try:
            with _warnings_as_errors():
                for paper in papers:
                    document = HTML(string=html, base_url=self.base_url, url_fetcher=self.fetcher).render(
                        stylesheets=[*self.stylesheets, self.paper[paper]], font_config=self.font_config)
                    if len(document.pages) == 1:
                        break
                if archival is None:
                    data = document.write_pdf(pdf_tags=True, finisher=_finish)
                else:
                    document.metadata.lang = "fa-IR"
                    document.metadata.modified = archival.modified.isoformat()
                    data = document.write_pdf(pdf_variant=ARCHIVAL_VARIANT, attachments=[_attachment(archival)],
                                              finisher=_finish)
        except FatalURLFetchingError as error:
            raise RenderError(Note.of("render-failed", error=str(error.__cause__ or error))) from None
        width, height = (round(side * CSS_PX_PER_MM) for side in PAPER_MM[paper])
        if any((round(page.width), round(page.height)) != (width, height) for page in document.pages):
            raise RenderError(Note.of("page-size", paper=paper, rule=f"@page {paper.lower()} {{ size: {paper} }}"))
        embedded = {font.family for font in document.fonts.values()}
        unexpected = embedded - set(self.font.embedded_names)
        if unexpected or not embedded:
            raise RenderError(Note.of("wrong-font-embedded", embedded=str(sorted(embedded)), family=self.font.family))
        return RenderedPdf(data, len(document.pages), _anchors(document.pages))
