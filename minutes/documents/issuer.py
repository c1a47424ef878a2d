"""What every document the office issues shares: letterhead, metadata, signers and the letter frame."""

from __future__ import annotations

from collections.abc import Iterable

from minutes.documents.base import Document, Kind, Settings
from minutes.documents.views import (
    CopyRow,
    Letterhead,
    LetterView,
    Meta,
    NameAndPost,
    NoticeRow,
    ReminderRow,
    Verification,
)
from minutes.documents.wording import ARCHIVE, DRAFT, Names
from minutes.model import CopyLine, MergedDirectory, Office
from minutes.text.bidi import Display, text
from minutes.text.jalali import JalaliDate
from minutes.text.persian import display
from minutes.vcode import qr_data_uri


class Issuer:
    """The office issuing a set of documents into one folder, dated ``letter_date``."""

    def __init__(self, directory: MergedDirectory, settings: Settings, *, office: Office, folder: str,
                 letter_date: JalaliDate, topic: str, dated_drafts: bool = False) -> None:
        """``office`` issues the documents (a body's secretariat, see :func:`minutes.secretariat.office_for`),
        ``folder`` names their output folder, ``letter_date`` dates their letters (in their letterhead
        only when final, or ``dated_drafts``) and ``topic`` (the bodies concerned) ends their keywords."""
        self.directory = directory
        self.office = office
        self.names = Names(directory)
        self.settings = settings
        self.folder = folder
        self.letter_date = letter_date
        self.topic = topic
        self.dated_drafts = dated_drafts

    def letterhead(self, key: str, date: JalaliDate, attachments: str) -> Letterhead:
        office, draft = self.office, self.settings.draft
        number = self.settings.number(key)
        return Letterhead(
            emblem=f"assets/{office.emblem}" if office.emblem and not draft else None,
            lines=tuple(text(line) for line in office.lines),
            office=text(office.name),
            invocation=text(office.invocation),
            number=Display.isolated(number) if number is not None else None,
            date=None if draft and not self.dated_drafts else text(date.persian()),
            attachments=text(attachments),
            verification=self.verification(key),
        )

    def verification(self, key: str) -> Verification | None:
        """The verification code of an issued original and its QR code (the code in Latin letters and
        digits, read left to right, as it is typed back)."""
        code = self.settings.code(key)
        if code is None:
            return None
        return Verification(Display(((code, "ltr"),)), qr_data_uri(code))

    def meta(self, title: str, keywords: str, date: JalaliDate) -> Meta:
        """PDF metadata; a draft's title says so, since its watermark is drawn, not text."""
        shown = f"{DRAFT} — {display(title)}" if self.settings.draft else display(title)
        return Meta(title=shown, subject=display(title), keywords=display(keywords), created=date.iso())

    def signers(self, people: Iterable[str], chair: str, body_name: str) -> tuple[NameAndPost, ...]:
        """The given signers, else the office's, else ``chair`` (as «رئیس جلسه …» when without a post)."""
        chosen = list(people) or list(self.office.signatories) or [chair]
        return tuple(
            NameAndPost(text(self.names.full_name(p)),
                        text(self.names.post(p) or (f"رئیس جلسه {body_name}" if p == chair else "")))
            for p in chosen)

    def copy(self, target: str, purpose: str, meeting_body: str) -> CopyRow:
        return CopyRow(text(" ".join(self.names.addressee(target, meeting_body))), text(purpose))

    def copies(self, lines: list[CopyLine] | None, chair: str, meeting_body: str) -> tuple[CopyRow, ...]:
        """The «رونوشت» lines given for a generated letter, else the routine ones."""
        if lines is None:
            return self.routine_copies(chair, meeting_body)
        return tuple(self.copy(line.to, line.purpose, meeting_body) for line in lines)

    def routine_copies(self, chair: str, meeting_body: str) -> tuple[CopyRow, ...]:
        """Copies of a generated letter: the chair when someone else signs, and the archive."""
        signers = set(self.office.signatories) or {chair}
        chair_copy = () if chair in signers else (self.copy(chair, "جهت استحضار", meeting_body),)
        return (*chair_copy, CopyRow(text(ARCHIVE), text("جهت درج در پرونده")))

    def letter(self, key: str, *, template: str, addressee: tuple[str, ...], subject: str,
               body: tuple[Display, ...], signatories: tuple[NameAndPost, ...], attachments: tuple[str, ...] = (),
               copies: tuple[CopyRow, ...] = (), decisions: tuple[NoticeRow, ...] | tuple[ReminderRow, ...] = (),
               closing: tuple[Display, ...] = (), keywords: str = "نامه", agenda: tuple[Display, ...] = (),
               distribution: tuple[Display, ...] = ()) -> Document:
        """A letter of this set: letterhead, recipient, subject, body, signers, attachments and copies
        (and an invitation's agenda and distribution list)."""
        date = self.letter_date
        view = LetterView(
            meta=self.meta(subject, f"{keywords}, {self.topic}", date),
            head=self.letterhead(key, date, "دارد" if attachments else "ندارد"),
            draft=self.settings.draft,
            addressee=tuple(text(line) for line in addressee),
            subject=text(subject),
            paragraphs=body,
            decisions=decisions,
            closing=closing,
            signatories=signatories,
            attachments=tuple(text(a) for a in attachments),
            copies=copies,
            agenda=agenda,
            distribution=distribution,
            signature_field=self.settings.signature_field and not self.settings.draft,
        )
        return Document(self.folder, key, Kind.LETTER, template, f"{key}.pdf", view,
                        page_size=self.office.page_size)
