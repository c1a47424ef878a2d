"""The public news brief (خبر) of a meeting, as a web page and as plain text."""

from __future__ import annotations

from minutes.documents.base import Document, Kind
from minutes.documents.record import RecordContext
from minutes.documents.views import BriefView, Meta
from minutes.documents.wording import series, time_words
from minutes.output.jobs import Format
from minutes.text.bidi import text
from minutes.text.decisions import DECISION_PREFIX, without_prefix
from minutes.text.persian import display

DECISIONS_LISTED = 5  # a brief quotes every decision up to this many, else counts them


def make(ctx: RecordContext) -> list[Document]:
    """The brief as ``brief.html`` and ``brief.txt``."""
    title = f"برگزاری جلسه {ctx.body_name}"
    meta = Meta(title=display(title), subject=display(title), keywords=display(f"خبر, {ctx.body_name}"),
                created=ctx.meeting.date.iso())
    view = BriefView(meta=meta, title=text(title), paragraphs=tuple(text(p) for p in _paragraphs(ctx)))
    return [Document(ctx.item.name, "brief", Kind.BRIEF, "brief.html", "brief.html", view, Format.HTML),
            Document(ctx.item.name, "brief-text", Kind.BRIEF, "brief.txt", "brief.txt", view, Format.TEXT)]


def _paragraphs(ctx: RecordContext) -> list[str]:
    """Who met when and where, the summary, the agenda, what each speaker said, and the decisions."""
    record, meeting, names = ctx.record, ctx.meeting, ctx.names
    parents = [names.unit(p) for p in ctx.body.under]
    where = f" ذیل {series(parents)}" if parents else ""
    if meeting.period:
        when = f"{meeting.period} {meeting.date.long()}"
    elif meeting.start:
        when = f"روز {meeting.date.long()} {time_words(None, meeting.start, meeting.end)}"
    else:
        when = f"روز {meeting.date.long()}"
    chair = names.full_name(meeting.chair) or names.post(meeting.chair)
    parts = [f"جلسه {ctx.body_name}{where} {when} در محل {meeting.place} به ریاست {chair} تشکیل شد."]
    if record.summary:
        parts.append(record.summary)
    parts.append(f"دستور این جلسه عبارت بود از: {'؛ '.join(a.title for a in record.agenda)}.")
    parts += [f"{names.reporter(s.speaker)}: {s.summary}" for a in record.agenda for s in a.discussion]
    decisions = record.decisions
    if 0 < len(decisions) <= DECISIONS_LISTED:
        parts += [("در پایان، " if i == 0 else "همچنین ") + f"{DECISION_PREFIX} {without_prefix(d.text)}"
                  for i, d in enumerate(decisions)]
    elif decisions:
        parts.append(f"در پایان این جلسه {len(decisions)} مصوبه به تصویب رسید.")
    return parts
