"""Turn a validated record into display-ready documents: references resolved, dates in
Jalali with Persian digits, text normalised (never reworded), left-to-right runs isolated.

Every value leaving this module is what the reader sees; templates only lay it out.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from markupsafe import Markup, escape

from minutes.jalali import ClockTime, JalaliDate
from minutes.ledger import LedgerEntry, Standing, build_ledger, overdue_by_unit
from minutes.model import (
    Body,
    Decision,
    Directory,
    FollowUp,
    Gender,
    Letter,
    Office,
    PageSize,
    Person,
    RelativeDeadline,
    Status,
)
from minutes.persian import display
from minutes.validate import ValidRecord, is_reference

DEADLINE_WORDS = {RelativeDeadline.NEXT_MEETING: "تا جلسه بعد", RelativeDeadline.ASAP: "در اسرع وقت"}
HONORIFICS = {Gender.MALE: "جناب آقای", Gender.FEMALE: "سرکار خانم"}
STATUS_WORDS = {
    Status.DONE: "انجام‌شده",
    Status.IN_PROGRESS: "در حال انجام",
    Status.NOT_DONE: "انجام‌نشده",
    Status.DROPPED: "منتفی",
    Status.EXTENDED: "تمدید",
}
STANDING_WORDS = {
    Standing.OPEN: "باز",
    Standing.OVERDUE: "معوق",
    Standing.DONE: "انجام‌شده",
    Standing.DROPPED: "منتفی",
}
NOT_RECORDED = "ثبت نشده"
DRAFT = "پیش‌نویس"
NONE = "—"
ARCHIVE = "بایگانی"
BRIEF_DECISIONS_LISTED = 5  # a brief quotes every decision up to this many, else counts them

_DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"
_LATIN_WORD = rf"[A-Za-z](?:[A-Za-z{_DIGITS}._&/+-]*[A-Za-z{_DIGITS}])?"
_LATIN_TAIL = rf"[A-Za-z{_DIGITS}](?:[A-Za-z{_DIGITS}._&/+-]*[A-Za-z{_DIGITS}])?"
_NUMBER_PART = rf"[{_DIGITS}]+"
_LETTER_PART = "[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc]{1,3}"
_PART = f"(?:{_NUMBER_PART}|{_LETTER_PART})"
# Runs isolated inside a Persian line, most specific first. A letter number with Persian letters
# («۱۲۳۴/ص/۱۴۰۳», «۴۴۱/پ») reads right to left, its serial first (group "rtl"); the rest left to right.
_LEFT_TO_RIGHT = re.compile(
    rf"(?P<rtl>(?<![\w/])(?:{_NUMBER_PART}(?:/{_PART})*/{_LETTER_PART}|{_LETTER_PART}(?:/{_PART})*/{_NUMBER_PART})"
    rf"(?:/{_PART})*(?![\w/]))"
    r"|(?:https?://|www\.)[^\s«»()]*[^\s«»().,،؛:!?]"  # URL, without trailing punctuation
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"  # e-mail address
    rf"|{_LATIN_WORD}(?: {_LATIN_TAIL})*"  # Latin words and codes: ICT, ISO 27001, ISO/IEC 27001, COVID-19
    rf"|\+?[{_DIGITS}]+(?:[-/.:][{_DIGITS}]+)+"  # dates, times, phone numbers, «۱۲-۳»
)
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Text:
    """Display text as runs; a run with a direction is isolated (``<bdi>``) when rendered to HTML.

    ``str()`` gives the plain text, and Jinja's autoescape calls ``__html__``, which escapes every run.
    """

    runs: tuple[tuple[str, str | None], ...]

    @classmethod
    def isolated(cls, value: str) -> Text:
        """One isolated right-to-left run, for registry numbers: their parts keep the paragraph's reading order."""
        return cls(((display(value), "rtl"),))

    def __str__(self) -> str:
        return "".join(run for run, _ in self.runs)

    def __bool__(self) -> bool:
        return any(run for run, _ in self.runs)

    def __html__(self) -> Markup:
        return Markup("").join(
            Markup("<bdi dir={}>{}</bdi>").format(direction, run) if direction else escape(run)
            for run, direction in self.runs)


def _has_right_to_left(chars: str) -> bool:
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in chars)


def text(raw: str) -> Text:
    """``raw`` as displayed (normalised, Persian digits), with its references isolated: left-to-right
    runs, and letter numbers with Persian letters as right-to-left runs. Each isolated run is one unit
    (``<bdi>``, which the stylesheet never breaks across lines)."""
    shown = display(raw)
    spans: list[tuple[int, int, str]] = []
    for match in _LEFT_TO_RIGHT.finditer(shown):
        direction = "rtl" if match.group("rtl") else "ltr"
        # Neutrals between two left-to-right runs read left to right too (as in the bidi algorithm).
        if spans and direction == "ltr" == spans[-1][2] and not _has_right_to_left(shown[spans[-1][1]:match.start()]):
            spans[-1] = (spans[-1][0], match.end(), direction)
        else:
            spans.append((match.start(), match.end(), direction))
    runs: list[tuple[str, str | None]] = []
    position = 0
    for start, end, direction in spans:
        if start > position:
            runs.append((shown[position:start], None))
        runs.append((shown[start:end], direction))
        position = end
    if position < len(shown) or not runs:
        runs.append((shown[position:], None))
    return Text(tuple(runs))


class Kind(StrEnum):
    """What a document is; letters are the ones a secretariat numbers."""

    MINUTES = "minutes"
    LETTER = "letter"
    BRIEF = "brief"
    REPORT = "report"


@dataclass(frozen=True)
class Meta:
    """Document metadata written into the PDF (dates are Gregorian ISO, from the record)."""

    title: str
    subject: str
    keywords: str
    created: str


@dataclass(frozen=True)
class Letterhead:
    """The header of every printed document: office side, invocation and the number/date block.

    ``number`` and ``date`` are the secretariat's, given when it registers the document: a draft
    has neither (the templates leave a blank to fill in).
    """

    emblem: str | None
    lines: tuple[Text, ...]
    office: Text
    invocation: Text
    number: Text | None
    date: Text | None
    attachments: Text


@dataclass(frozen=True)
class NameAndPost:
    """A person as documents show them, in an attendance row or a signature block: name (empty when
    the source gives none) and post (the organisation when there is no post)."""

    name: Text
    post: Text


@dataclass(frozen=True)
class AbsenceRow:
    """An absent member and the reason, when given."""

    name: Text
    post: Text
    reason: Text


@dataclass(frozen=True)
class SubstituteRow:
    """Someone attending in a member's place, with the introduction letter that authorises it."""

    name: Text
    post: Text
    replaces: Text
    letter: Text
    reason: Text


@dataclass(frozen=True)
class StatementRow:
    """Speaker – summary."""

    speaker: Text
    summary: Text


@dataclass(frozen=True)
class AgendaRow:
    """A numbered agenda item with its discussion."""

    number: Text
    title: Text
    discussion: tuple[StatementRow, ...]


@dataclass(frozen=True)
class DissentRow:
    """A recorded reservation on a decision."""

    person: Text
    note: Text


@dataclass(frozen=True)
class DecisionRow:
    """A decision as printed in the minutes."""

    number: Text
    ident: str
    text: Text
    responsible: Text
    deadline: Text
    votes: Text | None
    dissent: tuple[DissentRow, ...]


@dataclass(frozen=True)
class FollowUpRow:
    """Where an earlier decision stands, as reported at this meeting."""

    decision: Text
    status: Text
    report: Text
    evidence: Text


@dataclass(frozen=True)
class MinutesView:
    """Everything the minutes template shows."""

    meta: Meta
    head: Letterhead
    draft: bool
    initials_box: bool
    title: Text
    body: Text
    number: Text
    date: Text
    time: Text
    place: Text
    chair: Text
    secretary: Text
    quorum: Text | None
    summary: Text
    present: tuple[NameAndPost, ...]
    absent: tuple[AbsenceRow, ...] | None
    substitutes: tuple[SubstituteRow, ...]
    guests: tuple[NameAndPost, ...]
    agenda: tuple[AgendaRow, ...]
    decisions: tuple[DecisionRow, ...]
    followups: tuple[FollowUpRow, ...]
    signatures: tuple[NameAndPost, ...]
    signature_columns: int


@dataclass(frozen=True)
class CopyLine:
    """A «رونوشت» line: recipient and purpose."""

    recipient: Text
    purpose: Text


@dataclass(frozen=True)
class NoticeRow:
    """A decision in a notification letter: number, text, deadline and the other units responsible."""

    number: Text
    text: Text
    deadline: Text
    partners: Text


@dataclass(frozen=True)
class ReminderRow:
    """An overdue decision in a reminder letter: number, text, the meeting that took it, deadline, partners."""

    number: Text
    text: Text
    meeting: Text
    deadline: Text
    partners: Text


@dataclass(frozen=True)
class LetterView:
    """Everything a letter template shows; ``decisions`` only in notification and reminder letters."""

    meta: Meta
    head: Letterhead
    draft: bool
    addressee: tuple[Text, ...]
    subject: Text
    paragraphs: tuple[Text, ...]
    decisions: tuple[NoticeRow, ...] | tuple[ReminderRow, ...]
    closing: tuple[Text, ...]
    signatories: tuple[NameAndPost, ...]
    attachments: tuple[Text, ...]
    copies: tuple[CopyLine, ...]


@dataclass(frozen=True)
class LedgerRow:
    """A decision in the follow-up ledger, with the latest that is known of it.

    ``meeting_body`` names the body that took it when the ledger spans several; ``standing`` is the
    CSS-friendly key (open, overdue, done, dropped) of ``standing_word``; ``deadline_note`` says where
    the deadline comes from when it is not the one decided; ``percent`` is None when none was reported.
    """

    number: Text
    ident: str
    text: Text
    meeting: Text
    meeting_body: Text | None
    meeting_date: Text
    deadline: Text
    deadline_note: Text | None
    standing: str
    standing_word: Text
    percent: Text | None
    report: Text
    evidence: Text
    updated: Text


@dataclass(frozen=True)
class LedgerGroup:
    """The decisions one organisation or body is responsible for, with a count per standing."""

    unit: Text
    tally: Text
    rows: tuple[LedgerRow, ...]


@dataclass(frozen=True)
class TallyCell:
    """How many decisions stand one way (or in all, with ``standing`` empty)."""

    standing: str
    label: Text
    count: Text


@dataclass(frozen=True)
class LedgerView:
    """The follow-up ledger (گزارش پیگیری مصوبات) as of a date, grouped by responsible unit."""

    meta: Meta
    head: Letterhead
    draft: bool
    title: Text
    bodies: Text
    tally: tuple[TallyCell, ...]
    groups: tuple[LedgerGroup, ...]


@dataclass(frozen=True)
class BriefView:
    """The public news brief (خبر): a headline and paragraphs."""

    meta: Meta
    title: Text
    paragraphs: tuple[Text, ...]


@dataclass(frozen=True)
class Document:
    """One output file of a record: its stable key, which template renders it, with what, on what paper."""

    record: str
    key: str
    kind: Kind
    template: str
    filename: str
    view: MinutesView | LetterView | LedgerView | BriefView
    page_size: PageSize | None = None

    @property
    def is_pdf(self) -> bool:
        return self.filename.endswith(".pdf")

    @property
    def papers(self) -> tuple[PageSize, ...]:
        """Papers to try in turn: ``auto`` is A5 when the document fits one A5 page, else A4."""
        if self.page_size is PageSize.AUTO:
            return (PageSize.A5, PageSize.A4)
        return (self.page_size or PageSize.A4,)


def _digits(value: int | str) -> str:
    return display(str(value))


def _number_of(ident: str) -> str:
    """A decision id (body/meeting/item) as documents print it: «۱۲-۳» (meeting number-item), or «۳»
    for a meeting without number."""
    _, meeting, item = ident.rsplit("/", 2)
    return _digits(f"{meeting}-{item}" if meeting.isdigit() else item)


def _status(followup: FollowUp) -> str:
    """A reported status in words, with the new deadline of an extension: «تمدید تا ۱۴۰۴/۰۳/۰۱»."""
    status = STATUS_WORDS[followup.status]
    return status if followup.extended_to is None else f"{status} تا {followup.extended_to.persian()}"


def _the_decisions(many: bool) -> tuple[str, str]:
    """«the decision(s) below» and «it/them», singular or plural."""
    return ("مصوبات زیر", "آن‌ها") if many else ("مصوبه زیر", "آن")


def _deadline(deadline: RelativeDeadline | JalaliDate | None) -> str:
    if deadline is None:
        return NONE
    if isinstance(deadline, RelativeDeadline):
        return DEADLINE_WORDS[deadline]
    return deadline.persian()


def _time(period: str | None, start: ClockTime | None, end: ClockTime | None) -> str:
    if start and end:
        return f"ساعت {start.persian()} تا {end.persian()}"
    if start:
        return f"ساعت {start.persian()}"
    return period or NOT_RECORDED


def _series(items: list[str]) -> str:
    """«الف»، «الف و ب»، «الف، ب و ج»."""
    return items[0] if len(items) == 1 else "، ".join(items[:-1]) + " و " + items[-1]


def with_honorific(post: str) -> str:
    """«مدیرکل استان» → «مدیرکل محترم استان»: «محترم» after the first word of a post."""
    first, _, rest = post.partition(" ")
    return f"{first} محترم {rest}" if rest else f"{first} محترم"


def paragraphs(body: str) -> tuple[Text, ...]:
    """Paragraphs of a letter body: separated by blank lines, line breaks inside one are spaces."""
    return tuple(text(" ".join(part.split())) for part in _PARAGRAPH_BREAK.split(body.strip()) if part.strip())


class _Names:
    """Display names of directory entries (plain strings, to compose into sentences)."""

    def __init__(self, directory: Directory) -> None:
        self.directory = directory

    def person(self, ident: str) -> Person:
        return self.directory.people[ident]

    def full_name(self, ident: str) -> str:
        """«دکتر زهرا موسی‌پور», or an empty string for someone the source does not name."""
        person = self.person(ident)
        if person.name is None:
            return ""
        return " ".join(part for part in (person.title, person.name) if part)

    def post(self, ident: str) -> str:
        return self.person(ident).post or ""

    def organisation(self, ident: str) -> str:
        person = self.person(ident)
        return self.directory.organisations[person.organisation].name if person.organisation else ""

    def speaker(self, ident: str) -> str:
        """Name with post in brackets, or the post alone when unnamed."""
        name, post = self.full_name(ident), self.post(ident)
        if name and post:
            return f"{name} ({post})"
        return name or post

    def reporter(self, ident: str) -> str:
        """Post, then name, as a news item introduces someone: «نماینده پارک علم و فن‌آوری، عباس طهمورثی»."""
        name, post = self.full_name(ident), self.post(ident)
        return f"{post}، {name}" if name and post else name or post

    def unit(self, ident: str) -> str:
        entry = self.directory.organisations.get(ident) or self.directory.bodies[ident]
        return entry.name

    def attendee(self, ident: str) -> NameAndPost:
        return NameAndPost(text(self.full_name(ident)), text(self.post(ident) or self.organisation(ident)))

    def salutation(self, ident: str) -> str:
        """«جناب آقای دکتر علی رضایی», «سرکار خانم زهرا موسی‌پور»; empty for someone unnamed."""
        person = self.person(ident)
        if person.name is None:
            return ""
        parts = [HONORIFICS[person.gender]] if person.gender else []
        return " ".join([*parts, *(p for p in (person.title, person.name) if p)])

    def addressee(self, target: str, meeting_body: str) -> tuple[str, ...]:
        """The recipient lines of a letter to a person, organisation or body id, or to free text."""
        if not is_reference(target):
            return (target,)
        if target in self.directory.people:
            post = self.post(target)
            lines = (self.salutation(target), with_honorific(post) if post else "")
            return tuple(line for line in lines if line)
        if target in self.directory.organisations:
            return (f"ریاست محترم {self.directory.organisations[target].name}",)
        body: Body = self.directory.bodies[target]
        if body.secretariat:
            return (with_honorific(body.secretariat),)
        if target == meeting_body:
            return (f"اعضای محترم {body.name}",)
        return (f"ریاست محترم {body.name}",)


@dataclass(frozen=True)
class _Settings:
    draft: bool
    numbers: Mapping[str, str]


class _Issuer:
    """What every document the office issues shares: letterhead, metadata, signers and the letter frame."""

    def __init__(self, directory: Directory, settings: _Settings, *, folder: str, letter_date: JalaliDate,
                 topic: str, dated_drafts: bool = False) -> None:
        """``folder`` names the output folder of the documents, ``letter_date`` dates their letters (in
        their letterhead only when final, or ``dated_drafts``) and ``topic`` (the bodies concerned)
        ends their keywords."""
        assert directory.office is not None, "validate() guarantees an office"
        self.directory = directory
        self.office: Office = directory.office
        self.names = _Names(directory)
        self.settings = settings
        self.folder = folder
        self.letter_date = letter_date
        self.topic = topic
        self.dated_drafts = dated_drafts

    def _letterhead(self, key: str, date: JalaliDate, attachments: str) -> Letterhead:
        office, draft = self.office, self.settings.draft
        number = None if draft or key not in self.settings.numbers else Text.isolated(self.settings.numbers[key])
        return Letterhead(
            emblem=f"assets/{office.emblem}" if office.emblem and not draft else None,
            lines=tuple(text(line) for line in office.lines),
            office=text(office.name),
            invocation=text(office.invocation),
            number=number,
            date=None if draft and not self.dated_drafts else text(date.persian()),
            attachments=text(attachments),
        )

    def _meta(self, title: str, keywords: str, date: JalaliDate) -> Meta:
        """PDF metadata; a draft's title says so, since its watermark is drawn, not text."""
        shown = f"{DRAFT} — {display(title)}" if self.settings.draft else display(title)
        return Meta(title=shown, subject=display(title), keywords=display(keywords), created=date.iso())

    def _signers(self, people: Iterable[str], chair: str, body_name: str) -> tuple[NameAndPost, ...]:
        """The given signers, else the office's, else ``chair`` (as «رئیس جلسه …» when without a post)."""
        chosen = list(people) or list(self.office.signatories) or [chair]
        return tuple(
            NameAndPost(text(self.names.full_name(p)),
                      text(self.names.post(p) or (f"رئیس جلسه {body_name}" if p == chair else "")))
            for p in chosen)

    def _copy(self, target: str, purpose: str, meeting_body: str) -> CopyLine:
        return CopyLine(text(" ".join(self.names.addressee(target, meeting_body))), text(purpose))

    def _routine_copies(self, chair: str, meeting_body: str) -> tuple[CopyLine, ...]:
        """Copies of a generated letter: the chair when someone else signs, and the archive."""
        signers = set(self.office.signatories) or {chair}
        chair_copy = () if chair in signers else (self._copy(chair, "جهت استحضار", meeting_body),)
        return (*chair_copy, CopyLine(text(ARCHIVE), text("جهت درج در پرونده")))

    def _letter(self, key: str, *, template: str, addressee: tuple[str, ...], subject: str,
                body: tuple[Text, ...], signatories: tuple[NameAndPost, ...], attachments: tuple[str, ...] = (),
                copies: tuple[CopyLine, ...] = (), decisions: tuple[NoticeRow, ...] | tuple[ReminderRow, ...] = (),
                closing: tuple[Text, ...] = (), keywords: str = "نامه") -> Document:
        date = self.letter_date
        view = LetterView(
            meta=self._meta(subject, f"{keywords}, {self.topic}", date),
            head=self._letterhead(key, date, "دارد" if attachments else "ندارد"),
            draft=self.settings.draft,
            addressee=tuple(text(line) for line in addressee),
            subject=text(subject),
            paragraphs=body,
            decisions=decisions,
            closing=closing,
            signatories=signatories,
            attachments=tuple(text(a) for a in attachments),
            copies=copies,
        )
        return Document(self.folder, key, Kind.LETTER, template, f"{key}.pdf", view, self.office.page_size)


class _Builder(_Issuer):
    """Builds the documents of one record; its letters dated ``issue_date`` when given, else the meeting's date."""

    def __init__(self, item: ValidRecord, directory: Directory, settings: _Settings,
                 issue_date: JalaliDate | None) -> None:
        meeting = item.record.meeting
        self.body: Body = directory.bodies[meeting.body]
        self.body_name = self.body.name
        super().__init__(directory, settings, folder=item.name, letter_date=issue_date or meeting.date,
                         topic=self.body_name, dated_drafts=issue_date is not None)
        self.item = item
        self.record = item.record
        self.meeting = meeting
        self.minutes_name = f"صورتجلسه {self.body_name} مورخ {self.meeting.date.persian()}"

    # -- shared parts ------------------------------------------------------------------------

    def _decision_number(self, index: int) -> str:
        """«۱۲-۳» (meeting number-decision), or «۳» when the meeting has no number."""
        return _number_of(self.item.decision_id(index))

    # -- minutes -----------------------------------------------------------------------------

    def minutes(self) -> Document:
        """The minutes (صورتجلسه)."""
        record, meeting, names = self.record, self.meeting, self.names
        attendance = record.attendance
        title = f"صورتجلسه {self.body_name}"
        absent = None
        if attendance.absent is not None:
            absent = tuple(AbsenceRow(text(names.full_name(a.person)), text(names.post(a.person)),
                                      text(a.reason or NONE)) for a in attendance.absent)
        substitutes = tuple(
            SubstituteRow(text(names.full_name(s.person)), text(names.post(s.person)),
                          text(names.speaker(s.replaces)), self._introduction(s.letter_number, s.letter_date),
                          text(s.reason or NONE))
            for s in attendance.substitutes)
        present = tuple(names.attendee(p) for p in attendance.present)
        guests = tuple(names.attendee(g) for g in attendance.guests)
        signatures = present + tuple(names.attendee(s.person) for s in attendance.substitutes) + guests
        view = MinutesView(
            meta=self._meta(f"{title} — {meeting.date.persian()}", f"صورتجلسه, {self.body_name}", meeting.date),
            head=self._letterhead("minutes", meeting.date, "ندارد"),
            draft=self.settings.draft,
            initials_box=self.office.initials_box,
            title=text(title),
            body=text(self.body_name),
            number=text(str(meeting.number) if meeting.number is not None else NOT_RECORDED),
            date=text(meeting.date.long()),
            time=text(_time(meeting.period, meeting.start, meeting.end)),
            place=text(meeting.place),
            chair=text(names.speaker(meeting.chair)),
            secretary=text(names.speaker(meeting.secretary) if meeting.secretary else NOT_RECORDED),
            quorum=self._quorum(),
            summary=text(record.summary or ""),
            present=present,
            absent=absent,
            substitutes=substitutes,
            guests=guests,
            agenda=tuple(
                AgendaRow(text(str(i + 1)), text(entry.title),
                          tuple(StatementRow(text(names.speaker(s.speaker)), text(s.summary))
                                for s in entry.discussion))
                for i, entry in enumerate(record.agenda)),
            decisions=tuple(self._decision_row(i, d) for i, d in enumerate(record.decisions)),
            followups=tuple(self._followup_row(f) for f in record.followups),
            signatures=signatures,
            signature_columns=3 if len(signatures) <= 9 else 4 if len(signatures) <= 20 else 5,
        )
        return Document(self.item.name, "minutes", Kind.MINUTES, "minutes.html", "minutes.pdf", view,
                        PageSize.A4)

    @staticmethod
    def _introduction(number: str | None, date: JalaliDate | None) -> Text:
        parts = ([f"شماره {number}"] if number else []) + ([f"مورخ {date.persian()}"] if date else [])
        return text(" ".join(parts) or NONE)

    def _quorum(self) -> Text | None:
        quorum = self.meeting.quorum
        if quorum is None:
            return None
        attendance = self.record.attendance
        attending = len(attendance.present) + len(attendance.substitutes)
        if attending >= quorum:
            return text(f"با حضور {attending} نفر از اعضا و با توجه به حد نصاب {quorum} نفر، جلسه رسمیت یافت.")
        return text(f"با حضور {attending} نفر از اعضا، جلسه به حد نصاب {quorum} نفر نرسید.")

    def _decision_row(self, index: int, decision: Decision) -> DecisionRow:
        votes = None
        if decision.votes is not None:
            v = decision.votes
            votes = text(f"رأی‌گیری: موافق {v.in_favour}، مخالف {v.against}، ممتنع {v.abstain}")
        return DecisionRow(
            number=text(self._decision_number(index)),
            ident=self.item.decision_id(index),
            text=text(decision.text),
            responsible=text("، ".join(self.names.unit(u) for u in decision.responsible)),
            deadline=text(_deadline(decision.deadline)),
            votes=votes,
            dissent=tuple(DissentRow(text(self.names.speaker(d.person)), text(d.note)) for d in decision.dissent),
        )

    def _followup_row(self, followup: FollowUp) -> FollowUpRow:
        body, meeting, number = followup.decision.split("/")
        where = _digits(meeting) if meeting.isdigit() else JalaliDate.parse(meeting).persian()
        label = f"مصوبه {number} جلسه {where}"
        if body != self.meeting.body and body in self.directory.bodies:
            label += f" {self.names.unit(body)}"
        status = _status(followup)
        if followup.percent is not None:
            status += f" ({followup.percent}٪)"
        return FollowUpRow(text(label), text(status), text(followup.report or NONE), text(followup.evidence or NONE))

    # -- letters -----------------------------------------------------------------------------

    def _signatories(self, people: Iterable[str] = ()) -> tuple[NameAndPost, ...]:
        """The letter's own signers, else the office's, else the chair of the meeting."""
        return self._signers(people, self.meeting.chair, self.body_name)


    def forwarding(self) -> Document | None:
        """The cover letter sending the minutes to the secretariat of the body reported to."""
        if self.body.reports_to is None:
            return None
        meeting = self.meeting
        count = len(self.record.decisions)
        sentence = (f"احتراماً، به پیوست تصویر صورتجلسه {self.body_name} مورخ {meeting.date.long()}"
                    + (f" مشتمل بر {count} مصوبه" if count else "")
                    + " جهت استحضار و دستور اقدام لازم ارسال می‌گردد.")
        copies = tuple(CopyLine(text(f"ریاست محترم {self.names.unit(parent)}"), text("جهت استحضار"))
                       for parent in self.body.under if parent != self.body.reports_to)
        return self._letter(
            "letter-forwarding", template="letter.html",
            addressee=self.names.addressee(self.body.reports_to, meeting.body),
            subject=f"ارسال صورتجلسه {self.body_name} مورخ {meeting.date.persian()}",
            body=(text(sentence),), signatories=self._signatories(),
            attachments=(f"تصویر {self.minutes_name}",), copies=copies, keywords="نامه, ارسال صورتجلسه")

    def notifications(self) -> list[Document]:
        """One notification letter (ابلاغ مصوبات) per responsible unit, listing only its decisions."""
        decisions = self.record.decisions
        units = dict.fromkeys(unit for d in decisions for unit in d.responsible)
        signatories = self._signatories()
        copies = self._routine_copies(self.meeting.chair, self.meeting.body)
        letters = []
        for unit in units:
            own = [(i, d) for i, d in enumerate(decisions) if unit in d.responsible]
            rows = tuple(
                NoticeRow(text(self._decision_number(i)), text(d.text), text(_deadline(d.deadline)),
                          text("، ".join(self.names.unit(u) for u in d.responsible if u != unit)))
                for i, d in own)
            what, them = _the_decisions(len(own) > 1)
            opening = (f"احتراماً، به پیوست تصویر صورتجلسه {self.body_name} مورخ {self.meeting.date.long()} "
                       f"ارسال می‌گردد. {what} که مسئولیت اجرای {them} بر عهده {self.names.unit(unit)} است، "
                       "جهت استحضار و دستور اقدام لازم ابلاغ می‌گردد:")
            closing = "خواهشمند است دستور فرمایید نتیجه اقدامات انجام‌شده تا پایان مهلت مقرر به این دبیرخانه اعلام گردد."
            letters.append(self._letter(
                f"letter-notify-{unit}", template="notification.html",
                addressee=self.names.addressee(unit, self.meeting.body),
                subject=f"ابلاغ مصوبات جلسه مورخ {self.meeting.date.persian()} {self.body_name}",
                body=(text(opening),), decisions=rows, closing=(text(closing),), signatories=signatories,
                attachments=(f"تصویر {self.minutes_name}",),
                copies=copies,
                keywords="نامه, ابلاغ مصوبات"))
        return letters

    def spelled_out(self) -> list[Document]:
        """The letters the record spells out, as ``letter-1``, ``letter-2``, …"""
        return [self._spelled_out(n, letter) for n, letter in enumerate(self.record.letters, start=1)]

    def _spelled_out(self, n: int, letter: Letter) -> Document:
        return self._letter(
            f"letter-{n}", template="letter.html", addressee=self.names.addressee(letter.to, self.meeting.body),
            subject=letter.subject, body=paragraphs(letter.body), signatories=self._signatories(letter.signatories),
            attachments=tuple(letter.attachments),
            copies=tuple(self._copy(c.to, c.purpose, self.meeting.body) for c in letter.copies))

    # -- news brief --------------------------------------------------------------------------

    def brief(self) -> list[Document]:
        """The public news brief (خبر), as HTML and as plain text."""
        record, meeting, names = self.record, self.meeting, self.names
        parents = [self.names.unit(p) for p in self.body.under]
        where = f" ذیل {_series(parents)}" if parents else ""
        if meeting.period:
            when = f"{meeting.period} {meeting.date.long()}"
        elif meeting.start:
            when = f"روز {meeting.date.long()} {_time(None, meeting.start, meeting.end)}"
        else:
            when = f"روز {meeting.date.long()}"
        chair = names.full_name(meeting.chair) or names.post(meeting.chair)
        parts = [f"جلسه {self.body_name}{where} {when} در محل {meeting.place} به ریاست {chair} تشکیل شد."]
        if record.summary:
            parts.append(record.summary)
        parts.append(f"دستور این جلسه عبارت بود از: {'؛ '.join(a.title for a in record.agenda)}.")
        parts += [f"{names.reporter(s.speaker)}: {s.summary}" for a in record.agenda for s in a.discussion]
        decisions = record.decisions
        if 0 < len(decisions) <= BRIEF_DECISIONS_LISTED:
            parts += [("در پایان، " if i == 0 else "همچنین ") + f"مقرر گردید {d.text}" for i, d in enumerate(decisions)]
        elif decisions:
            parts.append(f"در پایان این جلسه {len(decisions)} مصوبه به تصویب رسید.")
        title = f"برگزاری جلسه {self.body_name}"
        meta = Meta(title=display(title), subject=display(title), keywords=display(f"خبر, {self.body_name}"),
                    created=meeting.date.iso())
        view = BriefView(meta=meta, title=text(title),
                         paragraphs=tuple(text(p) for p in parts))
        return [Document(self.item.name, "brief", Kind.BRIEF, "brief.html", "brief.html", view),
                Document(self.item.name, "brief-text", Kind.BRIEF, "brief.txt", "brief.txt", view)]


def documents_for(item: ValidRecord, directory: Directory, *, draft: bool = True,
                  numbers: Mapping[str, str] | None = None, issue_date: JalaliDate | None = None) -> list[Document]:
    """Every document a record produces: minutes, cover letter, notification letters, spelled-out
    letters, news brief. A draft shows no emblem, and blanks for the number and the date the
    secretariat gives (the date is filled in when ``issue_date`` is given); a final one
    (``draft=False``) shows the emblem and the numbers given by document key, its letters dated
    ``issue_date`` (default: the meeting's date).
    """
    builder = _Builder(item, directory, _Settings(draft, numbers or {}), issue_date)
    forwarding = builder.forwarding()
    return [builder.minutes(), *([forwarding] if forwarding else []), *builder.notifications(),
            *builder.spelled_out(), *builder.brief()]


class _FollowUp(_Issuer):
    """Builds the follow-up ledger and the reminder letters as of a date."""

    def __init__(self, records: Sequence[ValidRecord], directory: Directory, settings: _Settings,
                 as_of: JalaliDate) -> None:
        self.as_of = as_of
        self.meetings = {r.name: r.record.meeting for r in records if r.record.meeting.date <= as_of}
        self.entries = build_ledger(records, as_of)
        self.bodies = dict.fromkeys(entry.body for entry in self.entries)
        super().__init__(directory, settings, folder=followup_folder(as_of), letter_date=as_of,
                         topic=", ".join(directory.bodies[b].name for b in self.bodies),
                         dated_drafts=True)  # the standing is as of that date: drafts say it too

    def _meeting(self, entry: LedgerEntry) -> str:
        """«جلسه ۳», or «جلسه» for a meeting without number."""
        number = self.meetings[entry.record].number
        return "جلسه" if number is None else f"جلسه {number}"

    @staticmethod
    def _deadline_note(entry: LedgerEntry) -> Text | None:
        """Where the deadline comes from when it is not the one decided: an extension, or the next meeting."""
        decided = entry.decision.deadline
        if entry.deadline == decided:
            return None
        if entry.extended:
            return text(f"مهلت اولیه {_deadline(decided)}")
        return text(_deadline(decided))

    @staticmethod
    def _report(latest: FollowUp | None) -> Text:
        """The latest reported status (with its new deadline) and what was reported with it."""
        if latest is None:
            return text(NONE)
        status = _status(latest)
        return text(f"{status}: {latest.report}" if latest.report else status)

    def _row(self, entry: LedgerEntry, with_body: bool) -> LedgerRow:
        latest = entry.latest
        return LedgerRow(
            number=text(_number_of(entry.ident)),
            ident=entry.ident,
            text=text(entry.decision.text),
            meeting=text(self._meeting(entry)),
            meeting_body=text(self.names.unit(entry.body)) if with_body else None,
            meeting_date=text(entry.meeting_date.persian()),
            deadline=text(_deadline(entry.deadline)),
            deadline_note=self._deadline_note(entry),
            standing=entry.standing.value,
            standing_word=text(STANDING_WORDS[entry.standing]),
            percent=text(f"{entry.percent}٪") if entry.percent is not None else None,
            report=self._report(latest),
            evidence=text(latest.evidence if latest is not None and latest.evidence else NONE),
            updated=text(entry.reported_on.persian() if entry.reported_on is not None else NONE),
        )

    def ledger(self) -> Document:
        """The ledger: every decision under each unit responsible for it, with a count per standing."""
        with_body = len(self.bodies) > 1
        rows = {entry.ident: self._row(entry, with_body) for entry in self.entries}
        groups = []
        for unit in dict.fromkeys(u for entry in self.entries for u in entry.decision.responsible):
            own = [entry for entry in self.entries if unit in entry.decision.responsible]
            counts = Counter(entry.standing for entry in own)
            tally = "، ".join(f"{word} {counts[standing]}" for standing, word in STANDING_WORDS.items()
                             if counts[standing])
            groups.append(LedgerGroup(text(self.names.unit(unit)), text(f"{len(own)} مصوبه: {tally}"),
                                      tuple(rows[entry.ident] for entry in own)))
        counts = Counter(entry.standing for entry in self.entries)
        tally = tuple(TallyCell(standing.value, text(word), text(str(counts[standing])))
                      for standing, word in STANDING_WORDS.items())
        title = f"گزارش پیگیری مصوبات تا تاریخ {self.as_of.persian()}"
        names = [self.names.unit(b) for b in self.bodies]
        keywords = ", ".join(["گزارش پیگیری مصوبات", *names])
        view = LedgerView(
            meta=self._meta(title, keywords, self.as_of),
            head=self._letterhead("ledger", self.as_of, "ندارد"),
            draft=self.settings.draft,
            title=text(title),
            bodies=text(f"مصوبات {_series(names)}" if names else ""),
            tally=(*tally, TallyCell("", text("جمع"), text(str(len(self.entries))))),
            groups=tuple(groups),
        )
        return Document(self.folder, "ledger", Kind.REPORT, "ledger.html", "ledger.pdf", view, PageSize.A4)

    def _latest_chair(self, bodies: Iterable[str]) -> tuple[str, str]:
        """The chair of the latest meeting held by the as-of date of one of ``bodies``, and that body."""
        held = sorted((m.date, m.number or 0, name) for name, m in self.meetings.items() if m.body in bodies)
        meeting = self.meetings[held[-1][2]]
        return meeting.chair, meeting.body

    def _reminder_row(self, entry: LedgerEntry, unit: str, with_body: bool) -> ReminderRow:
        taken = f"{self._meeting(entry)} مورخ {entry.meeting_date.persian()}"
        return ReminderRow(
            number=text(_number_of(entry.ident)),
            text=text(entry.decision.text),
            meeting=text(f"{taken} {self.names.unit(entry.body)}" if with_body else taken),
            deadline=text(_deadline(entry.deadline)),
            partners=text("، ".join(self.names.unit(u) for u in entry.decision.responsible if u != unit)),
        )

    def reminders(self) -> list[Document]:
        """One reminder letter per unit with overdue decisions, listing only those, with their deadlines."""
        letters = []
        for unit, overdue in overdue_by_unit(self.entries).items():
            bodies = dict.fromkeys(entry.body for entry in overdue)
            rows = tuple(self._reminder_row(entry, unit, len(bodies) > 1) for entry in overdue)
            many = len(overdue) > 1
            what, them = _the_decisions(many)
            taken_by = _series([self.names.unit(b) for b in bodies])
            dates = dict.fromkeys(e.meeting_date for e in overdue)
            source = (f"جلسه مورخ {next(iter(dates)).persian()} {taken_by}" if len(dates) == 1
                      else f"جلسات {taken_by}")
            opening = (f"احتراماً، پیرو ابلاغ مصوبات {source}، به استحضار می‌رساند مهلت اجرای {what} که "
                       f"مسئولیت اجرای {them} بر عهده {self.names.unit(unit)} است، سپری شده است:")
            closing = ("خواهشمند است دستور فرمایید نتیجه اقدامات انجام‌شده، همراه با مستندات مربوط، "
                       "در اسرع وقت به این دبیرخانه اعلام گردد.")
            chair, chair_body = self._latest_chair(bodies)
            letters.append(self._letter(
                f"reminder-{unit}", template="reminder.html",
                addressee=self.names.addressee(unit, next(iter(bodies))),
                subject=f"پیگیری اجرای {'مصوبات' if many else 'مصوبه'} {taken_by}",
                body=(text(opening),), decisions=rows, closing=(text(closing),),
                signatories=self._signers((), chair, self.names.unit(chair_body)),
                copies=self._routine_copies(chair, chair_body), keywords="نامه, پیگیری مصوبات"))
        return letters


def followup_folder(as_of: JalaliDate) -> str:
    """The name of the folder a follow-up as of ``as_of`` is written to: «1404-02-01»."""
    return str(as_of).replace("/", "-")


def followup_documents(records: Sequence[ValidRecord], directory: Directory, as_of: JalaliDate, *,
                       draft: bool = True, numbers: Mapping[str, str] | None = None) -> list[Document]:
    """The follow-up ledger of every decision taken by ``as_of`` and one reminder letter (``reminder-<unit>``)
    per unit with decisions overdue on that date; all dated ``as_of``, in the folder :func:`followup_folder`.
    Drafts by default; a final one shows the emblem and the numbers given by document key.
    """
    builder = _FollowUp(records, directory, _Settings(draft, numbers or {}), as_of)
    return [builder.ledger(), *builder.reminders()]
