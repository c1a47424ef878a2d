"""The letters a record spells out, as ``letter-1``, ``letter-2``, … in the record's order."""

from __future__ import annotations

from minutes.documents.base import Document
from minutes.documents.record import RecordContext
from minutes.documents.wording import paragraphs
from minutes.model import Letter


def make(ctx: RecordContext) -> list[Document]:
    """Every letter of the record's ``letters``."""
    return [_letter(ctx, n, letter) for n, letter in enumerate(ctx.record.letters, start=1)]


def _letter(ctx: RecordContext, n: int, letter: Letter) -> Document:
    return ctx.letter(
        f"letter-{n}", template="letter.html", addressee=ctx.names.addressee(letter.to, ctx.meeting.body),
        subject=letter.subject, body=paragraphs(letter.body), signatories=ctx.signatories(letter.signatories),
        attachments=tuple(letter.attachments),
        copies=tuple(ctx.copy(c.to, c.purpose, ctx.meeting.body) for c in letter.copies))
