"""What the follow-up documents of one body share: the standings of its decisions as of a date, and the
meetings they were taken at. The ledger and the reminders are functions of a :class:`FollowUpContext`;
each body's go out under its own secretariat, into a folder of their own."""

from __future__ import annotations

from collections.abc import Sequence

from minutes.documents.base import Settings
from minutes.documents.issuer import Issuer
from minutes.model import MergedDirectory, RecordStatus
from minutes.secretariat import office_for
from minutes.standings import LedgerEntry, build_ledger
from minutes.text.jalali import JalaliDate
from minutes.validate import ValidRecord


def followup_folder(as_of: JalaliDate) -> str:
    """The name of the folder a follow-up as of ``as_of`` is written to: «1404-02-01»."""
    return str(as_of).replace("/", "-")


def followup_bodies(records: Sequence[ValidRecord], as_of: JalaliDate) -> list[str]:
    """The bodies that held a meeting by ``as_of``, in the order of their first one."""
    held = sorted((r.record.meeting.date, r.record.meeting.number or 0, r.record.meeting.body) for r in records
                  if r.record.meeting.date <= as_of and r.record.status is RecordStatus.HELD)
    return list(dict.fromkeys(body for _, _, body in held))


class FollowUpContext(Issuer):
    """The follow-up documents of ``body`` as of ``as_of``, in ``<date>/<body>``: all dated then, drafts
    too (the standing depends on it). Follow-ups reported at any body's meetings count."""

    def __init__(self, records: Sequence[ValidRecord], directory: MergedDirectory, settings: Settings,
                 as_of: JalaliDate, body: str) -> None:
        self.as_of = as_of
        self.body = body
        self.meetings = {r.name: r.record.meeting for r in records
                         if r.record.meeting.date <= as_of and r.record.status is RecordStatus.HELD}
        self.entries = tuple(entry for entry in build_ledger(records, as_of) if entry.body == body)
        super().__init__(directory, settings, office=office_for(directory, body),
                         folder=f"{followup_folder(as_of)}/{body}", letter_date=as_of,
                         topic=directory.bodies[body].name, dated_drafts=True)

    def meeting_words(self, entry: LedgerEntry) -> str:
        """«جلسه ۳», or «جلسه» for a meeting without number."""
        number = self.meetings[entry.record].number
        return "جلسه" if number is None else f"جلسه {number}"

    def latest_chair(self) -> str:
        """The chair of the body's latest meeting held by the as-of date."""
        held = sorted((m.date, m.number or 0, name) for name, m in self.meetings.items() if m.body == self.body)
        return self.meetings[held[-1][2]].chair
