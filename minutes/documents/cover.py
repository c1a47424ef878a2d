"""The cover letter (نامه ارسال) sending the minutes to the secretariat of the body reported to."""

from __future__ import annotations

from minutes.documents.base import Document
from minutes.documents.record import RecordContext
from minutes.documents.views import CopyRow
from minutes.secretariat import copies_for
from minutes.text.bidi import text


def make(ctx: RecordContext) -> list[Document]:
    """The cover letter, when the meeting's body reports to another."""
    if ctx.body.reports_to is None:
        return []
    meeting = ctx.meeting
    count = len(ctx.record.decisions)
    sentence = (f"احتراماً، به پیوست تصویر صورتجلسه {ctx.body_name} مورخ {meeting.date.long()}"
                + (f" مشتمل بر {count} مصوبه" if count else "")
                + " جهت استحضار و دستور اقدام لازم ارسال می‌گردد.")
    given = copies_for(ctx.office, ctx.record, "cover")
    copies = (ctx.copies(given, meeting.chair, meeting.body) if given is not None else
              tuple(CopyRow(text(ctx.names.head(parent)), text("جهت استحضار"))
                    for parent in ctx.body.under if parent != ctx.body.reports_to))
    return [ctx.letter(
        "letter-forwarding", template="letter.html",
        addressee=ctx.names.addressee(ctx.body.reports_to, meeting.body),
        subject=f"ارسال صورتجلسه {ctx.body_name} مورخ {meeting.date.persian()}",
        body=(text(sentence),), signatories=ctx.signatories(),
        attachments=(f"تصویر {ctx.minutes_name}",), copies=copies, keywords="نامه, ارسال صورتجلسه")]
