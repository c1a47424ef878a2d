"""The follow-up ledger (گزارش پیگیری مصوبات): every decision under each unit responsible for it,
with its standing as of a date and a count per standing."""

from __future__ import annotations

import re
from collections import Counter

from minutes.documents.base import Document, Kind
from minutes.documents.followup import FollowUpContext
from minutes.documents.views import LedgerGroup, LedgerRow, LedgerView, TallyCell
from minutes.documents.wording import NONE, STANDING_WORDS, deadline_words, number_of, shortened, status_words
from minutes.model import FollowUp, PageSize
from minutes.standings import LedgerEntry
from minutes.text.bidi import Display, text

ID_TOKEN = re.compile(r"[^/-]+[/-]?")  # a word of a decision id with the «/» or «-» after it
LEDGER_TEXT = 220  # characters of a decision's text the ledger shows; the minutes and letters show it whole

def make(ctx: FollowUpContext) -> list[Document]:
    """The ledger of the context's body as of its date."""
    rows = {entry.ident: _row(ctx, entry) for entry in ctx.entries}
    groups = []
    for unit in dict.fromkeys(u for entry in ctx.entries for u in entry.decision.responsible):
        own = [entry for entry in ctx.entries if unit in entry.decision.responsible]
        counts = Counter(entry.standing for entry in own)
        tally = "، ".join(f"{word} {counts[standing]}" for standing, word in STANDING_WORDS.items()
                         if counts[standing])
        groups.append(LedgerGroup(text(ctx.names.unit(unit)), text(f"{len(own)} مصوبه: {tally}"),
                                  tuple(rows[entry.ident] for entry in own)))
    counts = Counter(entry.standing for entry in ctx.entries)
    tally = tuple(TallyCell(standing.value, text(word), text(str(counts[standing])))
                  for standing, word in STANDING_WORDS.items())
    title = f"گزارش پیگیری مصوبات تا تاریخ {ctx.as_of.persian()}"
    name = ctx.names.unit(ctx.body)
    view = LedgerView(
        meta=ctx.meta(title, f"گزارش پیگیری مصوبات, {name}", ctx.as_of),
        head=ctx.letterhead("ledger", ctx.as_of, "ندارد"),
        draft=ctx.settings.draft,
        title=text(title),
        bodies=text(f"مصوبات {name}"),
        tally=(*tally, TallyCell("", text("جمع"), text(str(len(ctx.entries))))),
        groups=tuple(groups),
    )
    return [Document(ctx.folder, "ledger", Kind.REPORT, "ledger.html", "ledger.pdf", view, page_size=PageSize.A4)]


def _deadline_note(entry: LedgerEntry) -> Display | None:
    """Where the deadline comes from when it is not the one decided: an extension, or the next meeting."""
    decided = entry.decision.deadline
    if entry.deadline == decided:
        return None
    if entry.extended:
        return text(f"مهلت اولیه {deadline_words(decided)}")
    return text(deadline_words(decided))


def _report(latest: FollowUp | None) -> Display:
    """The latest reported status (with its new deadline) and what was reported with it."""
    if latest is None:
        return text(NONE)
    status = status_words(latest)
    return text(f"{status}: {latest.report}" if latest.report else status)


def _row(ctx: FollowUpContext, entry: LedgerEntry) -> LedgerRow:
    latest = entry.latest
    return LedgerRow(
        number=text(number_of(entry.ident)),
        ident=tuple(ID_TOKEN.findall(entry.ident)),
        text=text(shortened(entry.decision.text, LEDGER_TEXT)),
        meeting=text(ctx.meeting_words(entry)),
        meeting_date=text(entry.meeting_date.persian()),
        deadline=text(deadline_words(entry.deadline)),
        deadline_note=_deadline_note(entry),
        standing=entry.standing.value,
        standing_word=text(STANDING_WORDS[entry.standing]),
        percent=text(f"{entry.percent}٪") if entry.percent is not None else None,
        report=_report(latest),
        evidence=text(latest.evidence if latest is not None and latest.evidence else NONE),
        updated=text(entry.reported_on.persian() if entry.reported_on is not None else NONE),
    )
