"""What the output stage is given and gives back: plain, picklable data (rendering processes receive
jobs through a pipe), and nothing that loads WeasyPrint."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from minutes.paper import PageSize


class Format(StrEnum):
    """How a document's markup becomes a file; each has one writer (see :mod:`minutes.output.writers`)."""

    PDF = "pdf"  # a working document: a draft, a ledger, a reminder
    PDFA = "pdf/a"  # an archival original: PDF/A with the issued record embedded
    HTML = "html"
    TEXT = "text"

    @property
    def typeset(self) -> bool:
        """Whether the format is laid out in pages (by WeasyPrint, in a rendering process)."""
        return self in (Format.PDF, Format.PDFA)


@dataclass(frozen=True)
class Archival:
    """What makes a render an archival original: the source to embed and the dates to state."""

    source: bytes
    source_name: str
    created: datetime.date
    modified: datetime.date


@dataclass(frozen=True)
class Job:
    """A file to make: where it goes, in which format, from which markup; ``papers`` are the paper
    sizes it may take in order of preference, ``archival`` what an original embeds."""

    target: Path
    format: Format
    markup: str
    papers: tuple[PageSize, ...] = (PageSize.A4,)
    archival: Archival | None = None


@dataclass(frozen=True)
class Anchor:
    """Where an element with an id was laid out: its page (from 0) and its border box (x1, y1, x2, y2)
    in PDF points from the page's bottom-left corner (the place of a visible signature field)."""

    page: int
    box: tuple[float, float, float, float]


@dataclass(frozen=True)
class Made:
    """A file's bytes, made from a :class:`Job`: its page count (0 when not paged), the files fetched
    for it (URL → SHA-256), the peak memory of the process that made it (MiB; 0 when not measured)
    and where its elements with an id are (by id)."""

    target: Path
    data: bytes
    pages: int = 0
    resources: dict[str, str] = field(default_factory=dict)
    peak_rss_mb: float = 0.0
    anchors: dict[str, Anchor] = field(default_factory=dict)
