"""The follow-up ledger: every decision across all records, with its standing as of a date.

A decision's status is the latest follow-up reported about it at a meeting held on or before
the as-of date; its progress the latest percent reported. Its deadline is the latest extension
reported, even when a later follow-up only reports progress; «تا جلسه بعد»
means the date of the body's next meeting, once there is one. A decision is overdue when it is
neither done nor dropped and that deadline has passed (is before the as-of date).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from minutes.model import Decision, FollowUp, RecordStatus, RelativeDeadline, Status
from minutes.text.jalali import JalaliDate
from minutes.validate import ValidRecord


class Standing(StrEnum):
    """Where a decision stands on the as-of date."""

    OPEN = "open"
    OVERDUE = "overdue"
    DONE = "done"
    DROPPED = "dropped"


@dataclass(frozen=True)
class LedgerEntry:
    """One decision with the latest that is known of it."""

    ident: str
    record: str
    body: str
    meeting_date: JalaliDate
    decision: Decision
    deadline: JalaliDate | RelativeDeadline | None
    standing: Standing
    latest: FollowUp | None
    reported_on: JalaliDate | None
    extended: bool
    percent: int | None


def _next_meeting(records: Sequence[ValidRecord], body: str, after: JalaliDate) -> JalaliDate | None:
    later = [r.record.meeting.date for r in records if r.record.meeting.body == body and r.record.meeting.date > after]
    return min(later, default=None)


def _standing(status: Status | None, deadline: JalaliDate | RelativeDeadline | None, as_of: JalaliDate) -> Standing:
    if status is Status.DONE:
        return Standing.DONE
    if status is Status.DROPPED:
        return Standing.DROPPED
    if isinstance(deadline, JalaliDate) and deadline < as_of:
        return Standing.OVERDUE
    return Standing.OPEN


def build_ledger(records: Sequence[ValidRecord], as_of: JalaliDate) -> tuple[LedgerEntry, ...]:
    """Every decision of meetings held on or before ``as_of``, in meeting order, with its standing
    (planned meetings count for nothing: they have no decisions, and report nothing yet)."""
    known = sorted((r for r in records if r.record.meeting.date <= as_of and r.record.status is RecordStatus.HELD),
                   key=lambda r: (r.record.meeting.date, r.record.meeting.number or 0, r.name))
    reports: dict[str, tuple[FollowUp, JalaliDate]] = {}
    extensions: dict[str, JalaliDate] = {}
    percents: dict[str, int] = {}
    for item in known:
        for followup in item.record.followups:
            reports[followup.decision] = (followup, item.record.meeting.date)
            if followup.extended_to is not None:
                extensions[followup.decision] = followup.extended_to
            if followup.percent is not None:
                percents[followup.decision] = followup.percent
    entries = []
    for item in known:
        meeting = item.record.meeting
        for index, decision in enumerate(item.record.decisions):
            ident = item.decision_id(index)
            latest, reported_on = reports.get(ident, (None, None))
            deadline = extensions.get(ident, decision.deadline)
            if deadline is RelativeDeadline.NEXT_MEETING:
                deadline = _next_meeting(known, meeting.body, meeting.date) or deadline
            standing = _standing(latest.status if latest else None, deadline, as_of)
            entries.append(LedgerEntry(ident, item.name, meeting.body, meeting.date, decision, deadline,
                                       standing, latest, reported_on, ident in extensions, percents.get(ident)))
    return tuple(entries)


def overdue_by_unit(entries: Sequence[LedgerEntry]) -> dict[str, tuple[LedgerEntry, ...]]:
    """Overdue decisions grouped by each responsible organisation or body, in first-seen order."""
    grouped: dict[str, list[LedgerEntry]] = {}
    for entry in entries:
        if entry.standing is Standing.OVERDUE:
            for unit in entry.decision.responsible:
                grouped.setdefault(unit, []).append(entry)
    return {unit: tuple(found) for unit, found in grouped.items()}
