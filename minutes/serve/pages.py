"""Page images of the PDFs a build wrote, rendered by PDFium from those very files, kept by content.

An image is named by the hash of the PDF it shows, so a browser may keep it for good, and an image of
a version the build has since replaced can still be served while it is in memory.
"""

from __future__ import annotations

import io
import threading
from collections import OrderedDict

from minutes.serve.state import PDFIUM

SCALE = 1.5  # pixels per point: an A4 page, shown 595 pixels wide, is 893 wide: sharp, and 40% cheaper than 2
# JPEG, not PNG: made on every edit, and encoding a PNG costs more than rendering the page (55 against 45
# ms an A4 page); at this quality, with no colour subsampling, text keeps sharp edges.
QUALITY = 90
BUDGET_BYTES = 64 * 1024 * 1024  # images kept in memory, least recently used dropped first


class PageImages:
    """JPEG images of PDF pages by (PDF token, page number), rendered on demand."""

    def __init__(self, budget: int = BUDGET_BYTES) -> None:
        self.budget = budget
        self._images: OrderedDict[tuple[str, int], bytes] = OrderedDict()
        self._lock = threading.Lock()

    def cached(self, token: str, number: int) -> bytes | None:
        """The image of page ``number`` (from 1) of the PDF ``token``, if it was rendered and is still kept."""
        with self._lock:
            image = self._images.get((token, number))
            if image is not None:
                self._images.move_to_end((token, number))
            return image

    def image(self, pdf: bytes, token: str, number: int) -> bytes:
        """The image of page ``number`` (from 1) of ``pdf``, whose token is ``token``."""
        image = self.cached(token, number)
        if image is None:
            image = render_page(pdf, number)
            with self._lock:
                self._images[token, number] = image
                total = sum(map(len, self._images.values()))
                while total > self.budget and len(self._images) > 1:
                    total -= len(self._images.popitem(last=False)[1])
        return image


def render_page(pdf: bytes, number: int) -> bytes:
    """Page ``number`` (from 1) of a PDF as a JPEG, ``SCALE`` pixels per point."""
    import pypdfium2

    with PDFIUM:
        document = pypdfium2.PdfDocument(pdf)
        try:
            bitmap = document[number - 1].render(scale=SCALE)
            picture = bitmap.to_pil().copy()  # its own pixels: the bitmap goes with the document
        finally:
            document.close()
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=QUALITY, subsampling=0)  # full colour resolution: sharp red on white
    return buffer.getvalue()
