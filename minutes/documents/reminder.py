"""Reminder letters (پیگیری مصوبات): one per unit with decisions of the context's body overdue on the
as-of date, signed for that body (a unit responsible in two bodies gets one reminder from each)."""

from __future__ import annotations

from minutes.documents.base import Document
from minutes.documents.followup import FollowUpContext
from minutes.documents.views import ReminderRow
from minutes.documents.wording import deadline_words, number_of, the_decisions
from minutes.secretariat import copies_for
from minutes.standings import LedgerEntry, overdue_by_unit
from minutes.text.bidi import text
from minutes.text.decisions import without_prefix

CLOSING = ("خواهشمند است دستور فرمایید نتیجه اقدامات انجام‌شده، همراه با مستندات مربوط، "
           "در اسرع وقت به این دبیرخانه اعلام گردد.")


def make(ctx: FollowUpContext) -> list[Document]:
    """One reminder per unit with overdue decisions, listing only those, with their deadlines."""
    letters = []
    body_name = ctx.names.unit(ctx.body)
    for unit, overdue in overdue_by_unit(ctx.entries).items():
        rows = tuple(_row(ctx, entry, unit) for entry in overdue)
        many = len(overdue) > 1
        what, them = the_decisions(many)
        dates = list(dict.fromkeys(e.meeting_date for e in overdue))
        source = f"جلسه مورخ {dates[0].persian()} {body_name}" if len(dates) == 1 else f"جلسات {body_name}"
        opening = (f"احتراماً، پیرو ابلاغ مصوبات {source}، به استحضار می‌رساند مهلت اجرای {what} که "
                   f"مسئولیت اجرای {them} بر عهده {ctx.names.unit(unit)} است، سپری شده است:")
        chair = ctx.latest_chair()
        letters.append(ctx.letter(
            f"reminder-{unit}", template="reminder.html",
            addressee=ctx.names.addressee(unit, ctx.body),
            subject=f"پیگیری اجرای {'مصوبات' if many else 'مصوبه'} {body_name}",
            body=(text(opening),), decisions=rows, closing=(text(CLOSING),),
            signatories=ctx.signers((), chair, body_name),
            copies=ctx.copies(copies_for(ctx.office, None, "reminder"), chair, ctx.body),
            keywords="نامه, پیگیری مصوبات"))
    return letters


def _row(ctx: FollowUpContext, entry: LedgerEntry, unit: str) -> ReminderRow:
    return ReminderRow(
        number=text(number_of(entry.ident)),
        text=text(without_prefix(entry.decision.text)),
        meeting=text(f"{ctx.meeting_words(entry)} مورخ {entry.meeting_date.persian()}"),
        deadline=text(deadline_words(entry.deadline)),
        partners=text("، ".join(ctx.names.unit(u) for u in entry.decision.responsible if u != unit)),
    )
