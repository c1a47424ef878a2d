"""Turn a validated record into display-ready documents: references resolved, dates in
Jalali with Persian digits, text normalised (never reworded).

Every string leaving this module is what the reader sees; templates only lay it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from minutes.jalali import ClockTime, JalaliDate
from minutes.model import Body, Directory, Gender, Person, RelativeDeadline
from minutes.persian import display
from minutes.validate import ValidRecord

DEADLINE_WORDS = {RelativeDeadline.NEXT_MEETING: "تا جلسه بعد", RelativeDeadline.ASAP: "در اسرع وقت"}
HONORIFICS = {Gender.MALE: "جناب آقای", Gender.FEMALE: "سرکار خانم"}
NOT_RECORDED = "ثبت نشده"


@dataclass(frozen=True)
class Meta:
    """Document metadata written into the PDF (dates are Gregorian ISO, from the record)."""

    title: str
    subject: str
    keywords: str
    created: str


@dataclass(frozen=True)
class Letterhead:
    """The header of every document: emblem side, invocation and the number/date block."""

    lines: tuple[str, ...]
    office: str
    invocation: str
    number: str | None
    date: str
    attachments: str


@dataclass(frozen=True)
class AttendeeRow:
    """One attendee line: name (empty when the source gives none), post, organisation."""

    name: str
    post: str
    organisation: str


@dataclass(frozen=True)
class AbsenceRow:
    """An absent member and the reason, when given."""

    name: str
    post: str
    reason: str


@dataclass(frozen=True)
class StatementRow:
    """Speaker – summary."""

    speaker: str
    summary: str


@dataclass(frozen=True)
class AgendaRow:
    """A numbered agenda item with its discussion."""

    number: str
    title: str
    discussion: tuple[StatementRow, ...]


@dataclass(frozen=True)
class DecisionRow:
    """A decision as printed: id, text, responsible units, deadline."""

    ident: str
    text: str
    responsible: str
    deadline: str


@dataclass(frozen=True)
class MinutesView:
    """Everything the minutes template shows."""

    meta: Meta
    head: Letterhead
    draft: bool
    title: str
    body: str
    number: str
    date: str
    time: str
    place: str
    chair: str
    secretary: str
    summary: str
    present: tuple[AttendeeRow, ...]
    absent: tuple[AbsenceRow, ...] | None
    guests: tuple[AttendeeRow, ...]
    agenda: tuple[AgendaRow, ...]
    decisions: tuple[DecisionRow, ...]
    signatures: tuple[AttendeeRow, ...]


@dataclass(frozen=True)
class Signatory:
    """A signature block: full name above post."""

    name: str
    post: str


@dataclass(frozen=True)
class CopyLine:
    """A «رونوشت» line: recipient and purpose."""

    recipient: str
    purpose: str


@dataclass(frozen=True)
class LetterView:
    """Everything a letter template shows."""

    meta: Meta
    head: Letterhead
    draft: bool
    salutation: str
    recipient: str
    subject: str
    paragraphs: tuple[str, ...]
    signatories: tuple[Signatory, ...]
    attachments: tuple[str, ...]
    copies: tuple[CopyLine, ...] = field(default=())


@dataclass(frozen=True)
class Document:
    """One output file of a record: which template renders it, with what."""

    record: str
    filename: str
    template: str
    view: MinutesView | LetterView


def _digits(value: int) -> str:
    return display(str(value))


def _date_short(date: JalaliDate) -> str:
    return date.persian()


def with_honorific(post: str) -> str:
    """«مدیرکل استان» → «مدیرکل محترم استان»: «محترم» after the first word of a post."""
    first, _, rest = post.partition(" ")
    return f"{first} محترم {rest}" if rest else f"{first} محترم"


class _Names:
    """Display names of directory entries."""

    def __init__(self, directory: Directory) -> None:
        self.directory = directory

    def person(self, ident: str) -> Person:
        return self.directory.people[ident]

    def full_name(self, ident: str) -> str:
        """«دکتر زهرا موسی‌پور», or an empty string for someone the source does not name."""
        person = self.person(ident)
        if person.name is None:
            return ""
        return display(" ".join(part for part in (person.title, person.name) if part))

    def post(self, ident: str) -> str:
        return display(self.person(ident).post or "")

    def organisation(self, ident: str) -> str:
        person = self.person(ident)
        return display(self.directory.organisations[person.organisation].name) if person.organisation else ""

    def speaker(self, ident: str) -> str:
        """Name with post in brackets, or the post alone when unnamed."""
        name, post = self.full_name(ident), self.post(ident)
        if name and post:
            return f"{name} ({post})"
        return name or post

    def unit(self, ident: str) -> str:
        entry = self.directory.organisations.get(ident) or self.directory.bodies[ident]
        return display(entry.name)

    def attendee(self, ident: str) -> AttendeeRow:
        return AttendeeRow(self.full_name(ident), self.post(ident), self.organisation(ident))


def _time_text(period: str | None, start: ClockTime | None, end: ClockTime | None) -> str:
    if start and end:
        return f"ساعت {start.persian()} تا {end.persian()}"
    if start:
        return f"ساعت {start.persian()}"
    return display(period) if period else NOT_RECORDED


def _deadline_text(deadline: RelativeDeadline | JalaliDate | None) -> str:
    if deadline is None:
        return "—"
    if isinstance(deadline, RelativeDeadline):
        return DEADLINE_WORDS[deadline]
    return _date_short(deadline)


def minutes_document(item: ValidRecord, directory: Directory, *, draft: bool = True) -> Document:
    """The minutes (صورتجلسه) of one record."""
    record, meeting = item.record, item.record.meeting
    names = _Names(directory)
    body = directory.bodies[meeting.body]
    office = directory.office
    assert office is not None, "validate() guarantees an office"
    title = f"صورتجلسه {display(body.name)}"
    number = _digits(meeting.number) if meeting.number is not None else NOT_RECORDED
    agenda = tuple(
        AgendaRow(_digits(i + 1), display(entry.title),
                  tuple(StatementRow(names.speaker(s.speaker), display(s.summary)) for s in entry.discussion))
        for i, entry in enumerate(record.agenda))
    decisions = tuple(
        DecisionRow(item.decision_id(i), display(d.text),
                    "، ".join(names.unit(u) for u in d.responsible), _deadline_text(d.deadline))
        for i, d in enumerate(record.decisions))
    absent = None
    if record.attendance.absent is not None:
        absent = tuple(AbsenceRow(names.full_name(a.person), names.post(a.person), display(a.reason or "—"))
                       for a in record.attendance.absent)
    present = tuple(names.attendee(p) for p in record.attendance.present)
    guests = tuple(names.attendee(g) for g in record.attendance.guests)
    view = MinutesView(
        meta=Meta(title=f"{title} — {meeting.date.persian()}", subject=display(body.name),
                  keywords="صورتجلسه, " + display(body.name), created=meeting.date.iso()),
        head=_letterhead(office, meeting.date, None, attachments="ندارد"),
        draft=draft,
        title=title,
        body=display(body.name),
        number=number,
        date=display(meeting.date.long()),
        time=_time_text(meeting.period, meeting.start, meeting.end),
        place=display(meeting.place),
        chair=names.speaker(meeting.chair),
        secretary=names.speaker(meeting.secretary) if meeting.secretary else NOT_RECORDED,
        summary=display(record.summary or ""),
        present=present,
        absent=absent,
        guests=guests,
        agenda=agenda,
        decisions=decisions,
        signatures=present + guests,
    )
    return Document(item.name, "minutes.pdf", "minutes.html", view)


def _letterhead(office, date: JalaliDate, number: str | None, attachments: str) -> Letterhead:
    return Letterhead(tuple(display(line) for line in office.lines), display(office.name),
                      display(office.invocation), number, _date_short(date), attachments)


def _salutation(person: Person | None) -> str:
    if person is None or person.name is None:
        return ""
    parts = [HONORIFICS[person.gender]] if person.gender else []
    parts += [p for p in (person.title, person.name) if p]
    return display(" ".join(parts))


def forwarding_letter(item: ValidRecord, directory: Directory, *, draft: bool = True) -> Document | None:
    """The cover letter sending the minutes to the secretariat of the body reported to."""
    meeting = item.record.meeting
    body = directory.bodies[meeting.body]
    if body.reports_to is None:
        return None
    target: Body = directory.bodies[body.reports_to]
    office = directory.office
    assert office is not None, "validate() guarantees an office"
    names = _Names(directory)
    recipient = display(with_honorific(target.secretariat or f"دبیرخانه {target.name}"))
    count = len(item.record.decisions)
    paragraphs = (
        f"احتراماً، به پیوست تصویر صورتجلسه {display(body.name)} مورخ {display(meeting.date.long())}"
        + (f" مشتمل بر {_digits(count)} مصوبه" if count else "")
        + " جهت استحضار و دستور اقدام لازم ارسال می‌گردد.",
    )
    chair = names.person(meeting.chair)
    signatory = Signatory(names.full_name(meeting.chair),
                          display(chair.post) if chair.post else f"رئیس جلسه {display(body.name)}")
    copies = tuple(CopyLine(display(with_honorific(f"ریاست {directory.bodies[parent].name}")), "جهت استحضار")
                   for parent in body.under if parent != body.reports_to)
    subject = f"ارسال صورتجلسه {display(body.name)} مورخ {_date_short(meeting.date)}"
    view = LetterView(
        meta=Meta(title=subject, subject=subject, keywords="نامه, ارسال صورتجلسه, " + display(body.name),
                  created=meeting.date.iso()),
        head=_letterhead(office, meeting.date, None, attachments="دارد"),
        draft=draft,
        salutation=_salutation(None),
        recipient=recipient,
        subject=subject,
        paragraphs=paragraphs,
        signatories=(signatory,),
        attachments=(f"صورتجلسه {display(body.name)}",),
        copies=copies,
    )
    return Document(item.name, "letter-forwarding.pdf", "letter.html", view)


def documents_for(item: ValidRecord, directory: Directory, *, draft: bool = True) -> list[Document]:
    """Every document a record produces, minutes first."""
    documents = [minutes_document(item, directory, draft=draft)]
    letter = forwarding_letter(item, directory, draft=draft)
    if letter is not None:
        documents.append(letter)
    return documents
