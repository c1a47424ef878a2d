"""The minutes (صورتجلسه): facts, attendance, agenda, discussion, decisions and the signature grid."""

from __future__ import annotations

from minutes.documents.base import Document, Kind
from minutes.documents.record import RecordContext
from minutes.documents.views import (
    AbsenceRow,
    AgendaRow,
    DecisionRow,
    DissentRow,
    FollowUpRow,
    MinutesView,
    NameAndPost,
    StatementRow,
    SubstituteRow,
)
from minutes.documents.wording import (
    DISSENT_WORDS,
    NONE,
    NOT_RECORDED,
    deadline_words,
    digits,
    quorum_words,
    status_words,
    time_words,
)
from minutes.model import Attendance, Decision, FollowUp, PageSize
from minutes.quorum import required
from minutes.text.bidi import Display, text
from minutes.text.decisions import without_prefix
from minutes.text.jalali import JalaliDate


def make(ctx: RecordContext) -> list[Document]:
    """The minutes of the record."""
    record, meeting, names = ctx.record, ctx.meeting, ctx.names
    attendance = record.attendance
    title = f"صورتجلسه {ctx.body_name}"
    present = tuple(names.attendee(p) for p in attendance.present)
    guests = tuple(names.attendee(g) for g in attendance.guests)
    signatures = present + tuple(names.attendee(s.person) for s in attendance.substitutes) + guests
    view = MinutesView(
        meta=ctx.meta(f"{title} — {meeting.date.persian()}", f"صورتجلسه, {ctx.body_name}", meeting.date),
        head=ctx.letterhead("minutes", meeting.date, "ندارد"),
        draft=ctx.settings.draft,
        initials_box=ctx.office.initials_box,
        title=text(title),
        body=text(ctx.body_name),
        number=text(str(meeting.number) if meeting.number is not None else NOT_RECORDED),
        date=text(meeting.date.long()),
        time=text(time_words(meeting.period, meeting.start, meeting.end)),
        place=text(meeting.place),
        chair=text(names.speaker(meeting.chair)),
        secretary=text(names.speaker(meeting.secretary) if meeting.secretary else NOT_RECORDED),
        quorum=_quorum(ctx),
        summary=text(record.summary or ""),
        present=present,
        absent=_absent(ctx, attendance),
        substitutes=_substitutes(ctx, attendance),
        guests=guests,
        agenda=tuple(
            AgendaRow(text(str(i + 1)), text(entry.title),
                      tuple(StatementRow(text(names.speaker(s.speaker)), text(s.summary)) for s in entry.discussion))
            for i, entry in enumerate(record.agenda)),
        decisions=tuple(_decision_row(ctx, i, d) for i, d in enumerate(record.decisions)),
        followups=tuple(_followup_row(ctx, f) for f in record.followups),
        signatures=signatures,
        signature_columns=_signature_columns(signatures),
    )
    return [Document(ctx.item.name, "minutes", Kind.MINUTES, "minutes.html", "minutes.pdf", view,
                     page_size=PageSize.A4)]


def _signature_columns(signatures: tuple[NameAndPost, ...]) -> int:
    return 3 if len(signatures) <= 9 else 4 if len(signatures) <= 20 else 5


def _absent(ctx: RecordContext, attendance: Attendance) -> tuple[AbsenceRow, ...] | None:
    """Absent members with their reason; None when the record does not say who was absent."""
    if attendance.absent is None:
        return None
    names = ctx.names
    return tuple(AbsenceRow(text(names.full_name(a.person)), text(names.post(a.person)), text(a.reason or NONE))
                 for a in attendance.absent)


def _substitutes(ctx: RecordContext, attendance: Attendance) -> tuple[SubstituteRow, ...]:
    names = ctx.names
    return tuple(
        SubstituteRow(text(names.full_name(s.person)), text(names.post(s.person)), text(names.speaker(s.replaces)),
                      _introduction(s.letter_number, s.letter_date), text(s.reason or NONE))
        for s in attendance.substitutes)


def _introduction(number: str | None, date: JalaliDate | None) -> Display:
    parts = ([f"شماره {number}"] if number else []) + ([f"مورخ {date.persian()}"] if date else [])
    return text(" ".join(parts) or NONE)


def _quorum(ctx: RecordContext) -> Display | None:
    """The quorum statement: the meeting's own number, else the body's rule, computed over its members."""
    needed = required(ctx.meeting.quorum, ctx.body.quorum, len(ctx.body.members))
    if needed is None:
        return None
    attendance = ctx.record.attendance
    attending = len(attendance.present) + len(attendance.substitutes)  # members and substitutes, not guests
    if attending >= needed.count:
        return text(f"با حضور {attending} نفر از اعضا و با توجه به {quorum_words(needed)}، جلسه رسمیت یافت.")
    return text(f"با حضور {attending} نفر از اعضا، جلسه به {quorum_words(needed)} نرسید.")


def _decision_row(ctx: RecordContext, index: int, decision: Decision) -> DecisionRow:
    votes = None
    if decision.votes is not None:
        v = decision.votes
        votes = text(f"رأی‌گیری: موافق {v.in_favour}، مخالف {v.against}، ممتنع {v.abstain}")
    return DecisionRow(
        number=text(ctx.decision_number(index)),
        ident=ctx.item.decision_id(index),
        text=text(without_prefix(decision.text)),
        responsible=text("، ".join(ctx.names.unit(u) for u in decision.responsible)),
        deadline=text(deadline_words(decision.deadline)),
        votes=votes,
        dissent=tuple(DissentRow(text(ctx.names.speaker(d.person)), text(d.note), text(DISSENT_WORDS[d.kind]))
                      for d in decision.dissent),
    )


def _followup_row(ctx: RecordContext, followup: FollowUp) -> FollowUpRow:
    body, meeting, number = followup.decision.split("/")
    where = digits(meeting) if meeting.isdigit() else JalaliDate.parse(meeting).persian()
    label = f"مصوبه {number} جلسه {where}"
    if body != ctx.meeting.body and body in ctx.directory.bodies:
        label += f" {ctx.names.unit(body)}"
    status = status_words(followup)
    if followup.percent is not None:
        status += f" ({followup.percent}٪)"
    return FollowUpRow(text(label), text(status), text(followup.report or NONE), text(followup.evidence or NONE))
