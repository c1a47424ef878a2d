"""A document: one output file of a record (or of a follow-up run), with its view and its template."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from minutes.documents.views import BriefView, LedgerView, LetterView, MinutesView
from minutes.model import PageSize
from minutes.output.jobs import Format


class Kind(StrEnum):
    """What a document is; letters are the ones a secretariat numbers."""

    MINUTES = "minutes"
    LETTER = "letter"
    BRIEF = "brief"
    REPORT = "report"


@dataclass(frozen=True)
class Document:
    """One output file: its folder (``record``) and stable ``key``, which template renders it, with
    what view, in which format, on what paper (``page_size``: None for A4, ``auto`` for A5-if-it-fits)."""

    record: str
    key: str
    kind: Kind
    template: str
    filename: str
    view: MinutesView | LetterView | LedgerView | BriefView
    format: Format = Format.PDF
    page_size: PageSize | None = None

    @property
    def is_pdf(self) -> bool:
        return self.format.typeset

    @property
    def papers(self) -> tuple[PageSize, ...]:
        """Papers to try in turn: ``auto`` is A5 when the document fits one A5 page, else A4."""
        if self.page_size is PageSize.AUTO:
            return (PageSize.A5, PageSize.A4)
        return (self.page_size or PageSize.A4,)


@dataclass(frozen=True)
class Settings:
    """How documents are issued: as drafts (watermark, no emblem, blank number and date) or final,
    with the registry number and the verification code of each document by key, and whether letters
    keep a place for a visible signature field (``signature_field``: issued originals signed visibly)."""

    draft: bool = True
    numbers: Mapping[str, str] | None = None
    codes: Mapping[str, str] | None = None
    signature_field: bool = False

    def number(self, key: str) -> str | None:
        return None if self.draft or not self.numbers else self.numbers.get(key)

    def code(self, key: str) -> str | None:
        """The verification code of a final document, when it has one (drafts never show one)."""
        return None if self.draft or not self.codes else self.codes.get(key)
