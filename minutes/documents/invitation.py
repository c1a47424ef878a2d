"""Invitations (دعوت‌نامه) to a planned meeting (``status: planned``): one letter per invitee, or one
letter to all the members with a distribution list, as the body's secretariat chooses (``invitations``).

The invitees are those the record lists as attending (``present``, and ``absent`` when someone has
already sent apologies) and its guests, less whoever signs the invitations and the meeting's
secretary, who sends them. Each gives the date, time and place, the numbered agenda and, to members,
the request to send a substitute with an introduction letter (domain.md §2.9).
"""

from __future__ import annotations

from minutes.documents.base import Document
from minutes.documents.record import RecordContext
from minutes.documents.views import CopyRow
from minutes.documents.wording import ARCHIVE, digits
from minutes.model import Gender, Invitations
from minutes.secretariat import copies_for
from minutes.text.bidi import text

YOU = {Gender.MALE: "جنابعالی", Gender.FEMALE: "سرکارعالی"}
SUBSTITUTE = "در صورت عدم امکان حضور، نماینده تام‌الاختیار با معرفی‌نامه کتبی معرفی گردد."


def make(ctx: RecordContext) -> list[Document]:
    """The invitations of a planned meeting: to each invitee, or one with the distribution list."""
    attendance = ctx.record.attendance
    signing = set(ctx.office.signatories) or {ctx.meeting.chair}
    senders = signing | ({ctx.meeting.secretary} if ctx.meeting.secretary else set())
    members = [p for p in [*attendance.present, *(a.person for a in attendance.absent or [])] if p not in senders]
    guests = [p for p in attendance.guests if p not in senders]
    if ctx.office.invitations is Invitations.ONE:
        return [_letter(ctx, "invitation", (f"اعضای محترم {ctx.body_name}",), "از اعضای محترم", "فرمایند",
                        member=True, distribution=[*members, *guests])]
    return [_letter(ctx, f"invitation-{person}", ctx.names.addressee(person, ctx.meeting.body),
                    f"از {YOU.get(ctx.names.person(person).gender, YOU[Gender.MALE])}", "فرمایید",
                    member=person in members)
            for person in [*members, *guests]]


def _letter(ctx: RecordContext, key: str, addressee: tuple[str, ...], whom: str, verb: str, *, member: bool,
            distribution: list[str] | None = None) -> Document:
    meeting = ctx.meeting
    number = "" if meeting.number is None else f" شماره {digits(meeting.number)}"
    label = f"جلسه{number} {ctx.body_name}"
    assert meeting.start is not None, "validation requires the time of a planned meeting"
    sentence = (f"بدینوسیله {whom} دعوت می‌شود در {label} که در ساعت {meeting.start.persian()} روز "
                f"{meeting.date.weekday_name} مورخ {meeting.date.persian()} در محل {meeting.place} با دستور جلسه "
                f"ذیل برگزار می‌گردد، شرکت {verb}.")
    given = copies_for(ctx.office, ctx.record, "invitation")
    copies = (ctx.copies(given, meeting.chair, meeting.body) if given is not None
              else (CopyRow(text(ARCHIVE), text("جهت درج در پرونده")),))
    return ctx.letter(
        key, template="invitation.html", addressee=addressee, subject=f"دعوت به {label}",
        body=(text(sentence),), agenda=tuple(text(item.title) for item in ctx.record.agenda),
        closing=(text(SUBSTITUTE),) if member else (), signatories=ctx.signatories(), copies=copies,
        distribution=tuple(text(_listed(ctx, person)) for person in distribution or ()),
        keywords="نامه, دعوت‌نامه")


def _listed(ctx: RecordContext, person: str) -> str:
    """An invitee in a distribution list: «جناب آقای علی رحیمی، مدیرکل آموزش و پرورش استان»."""
    parts = [ctx.names.salutation(person), ctx.names.post(person) or ctx.names.organisation(person)]
    return "، ".join(part for part in parts if part)
