"""Reminder letters (پیگیری مصوبات): one per unit with decisions overdue on the as-of date."""

from __future__ import annotations

from minutes.documents.base import Document
from minutes.documents.followup import FollowUpContext
from minutes.documents.views import ReminderRow
from minutes.documents.wording import deadline_words, number_of, series, the_decisions
from minutes.standings import LedgerEntry, overdue_by_unit
from minutes.text.bidi import text
from minutes.text.decisions import without_prefix

CLOSING = ("خواهشمند است دستور فرمایید نتیجه اقدامات انجام‌شده، همراه با مستندات مربوط، "
           "در اسرع وقت به این دبیرخانه اعلام گردد.")


def make(ctx: FollowUpContext) -> list[Document]:
    """One reminder per unit with overdue decisions, listing only those, with their deadlines."""
    letters = []
    for unit, overdue in overdue_by_unit(ctx.entries).items():
        bodies = list(dict.fromkeys(entry.body for entry in overdue))
        rows = tuple(_row(ctx, entry, unit, len(bodies) > 1) for entry in overdue)
        many = len(overdue) > 1
        what, them = the_decisions(many)
        taken_by = series([ctx.names.unit(b) for b in bodies])
        dates = list(dict.fromkeys(e.meeting_date for e in overdue))
        source = f"جلسه مورخ {dates[0].persian()} {taken_by}" if len(dates) == 1 else f"جلسات {taken_by}"
        opening = (f"احتراماً، پیرو ابلاغ مصوبات {source}، به استحضار می‌رساند مهلت اجرای {what} که "
                   f"مسئولیت اجرای {them} بر عهده {ctx.names.unit(unit)} است، سپری شده است:")
        chair, chair_body = ctx.latest_chair(bodies)
        letters.append(ctx.letter(
            f"reminder-{unit}", template="reminder.html",
            addressee=ctx.names.addressee(unit, bodies[0]),
            subject=f"پیگیری اجرای {'مصوبات' if many else 'مصوبه'} {taken_by}",
            body=(text(opening),), decisions=rows, closing=(text(CLOSING),),
            signatories=ctx.signers((), chair, ctx.names.unit(chair_body)),
            copies=ctx.routine_copies(chair, chair_body), keywords="نامه, پیگیری مصوبات"))
    return letters


def _row(ctx: FollowUpContext, entry: LedgerEntry, unit: str, with_body: bool) -> ReminderRow:
    taken = f"{ctx.meeting_words(entry)} مورخ {entry.meeting_date.persian()}"
    return ReminderRow(
        number=text(number_of(entry.ident)),
        text=text(without_prefix(entry.decision.text)),
        meeting=text(f"{taken} {ctx.names.unit(entry.body)}" if with_body else taken),
        deadline=text(deadline_words(entry.deadline)),
        partners=text("، ".join(ctx.names.unit(u) for u in entry.decision.responsible if u != unit)),
    )
