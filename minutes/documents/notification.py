"""Notification letters (ابلاغ مصوبات): one per responsible unit, listing only its decisions."""

from __future__ import annotations

from minutes.documents.base import Document
from minutes.documents.record import RecordContext
from minutes.documents.views import NoticeRow
from minutes.documents.wording import deadline_words, the_decisions
from minutes.secretariat import copies_for
from minutes.text.bidi import text
from minutes.text.decisions import without_prefix

CLOSING = "خواهشمند است دستور فرمایید نتیجه اقدامات انجام‌شده تا پایان مهلت مقرر به این دبیرخانه اعلام گردد."


def make(ctx: RecordContext) -> list[Document]:
    """One notification letter per organisation or body responsible for a decision, in order of first mention."""
    decisions = ctx.record.decisions
    units = dict.fromkeys(unit for d in decisions for unit in d.responsible)
    signatories = ctx.signatories()
    copies = ctx.copies(copies_for(ctx.office, ctx.record, "notification"), ctx.meeting.chair, ctx.meeting.body)
    letters = []
    for unit in units:
        own = [(i, d) for i, d in enumerate(decisions) if unit in d.responsible]
        rows = tuple(
            NoticeRow(text(ctx.decision_number(i)), text(without_prefix(d.text)), text(deadline_words(d.deadline)),
                      text("، ".join(ctx.names.unit(u) for u in d.responsible if u != unit)))
            for i, d in own)
        what, them = the_decisions(len(own) > 1)
        opening = (f"احتراماً، به پیوست تصویر صورتجلسه {ctx.body_name} مورخ {ctx.meeting.date.long()} "
                   f"ارسال می‌گردد. {what} که مسئولیت اجرای {them} بر عهده {ctx.names.unit(unit)} است، "
                   "جهت استحضار و دستور اقدام لازم ابلاغ می‌گردد:")
        letters.append(ctx.letter(
            f"letter-notify-{unit}", template="notification.html",
            addressee=ctx.names.addressee(unit, ctx.meeting.body),
            subject=f"ابلاغ مصوبات جلسه مورخ {ctx.meeting.date.persian()} {ctx.body_name}",
            body=(text(opening),), decisions=rows, closing=(text(CLOSING),), signatories=signatories,
            attachments=(f"تصویر {ctx.minutes_name}",), copies=copies, keywords="نامه, ابلاغ مصوبات"))
    return letters
