"""What the follow-up documents share: the standings of every decision as of a date, and the
meetings they were taken at. The ledger and the reminders are functions of a :class:`FollowUpContext`."""

from __future__ import annotations

from collections.abc import Sequence

from minutes.documents.base import Settings
from minutes.documents.issuer import Issuer
from minutes.model import MergedDirectory
from minutes.standings import LedgerEntry, build_ledger
from minutes.text.jalali import JalaliDate
from minutes.validate import ValidRecord


def followup_folder(as_of: JalaliDate) -> str:
    """The name of the folder a follow-up as of ``as_of`` is written to: «1404-02-01»."""
    return str(as_of).replace("/", "-")


class FollowUpContext(Issuer):
    """The follow-up documents as of ``as_of``: all dated then, drafts too (the standing depends on it)."""

    def __init__(self, records: Sequence[ValidRecord], directory: MergedDirectory, settings: Settings,
                 as_of: JalaliDate) -> None:
        self.as_of = as_of
        self.meetings = {r.name: r.record.meeting for r in records if r.record.meeting.date <= as_of}
        self.entries = build_ledger(records, as_of)
        self.bodies = dict.fromkeys(entry.body for entry in self.entries)
        super().__init__(directory, settings, folder=followup_folder(as_of), letter_date=as_of,
                         topic=", ".join(directory.bodies[b].name for b in self.bodies), dated_drafts=True)

    def meeting_words(self, entry: LedgerEntry) -> str:
        """«جلسه ۳», or «جلسه» for a meeting without number."""
        number = self.meetings[entry.record].number
        return "جلسه" if number is None else f"جلسه {number}"

    def latest_chair(self, bodies: Sequence[str]) -> tuple[str, str]:
        """The chair of the latest meeting held by the as-of date of one of ``bodies``, and that body."""
        held = sorted((m.date, m.number or 0, name) for name, m in self.meetings.items() if m.body in bodies)
        meeting = self.meetings[held[-1][2]]
        return meeting.chair, meeting.body
