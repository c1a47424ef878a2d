"""Start the record of a body's next meeting, pre-filled from the directory and the meetings before it.

The record is written as planned (``status: planned``), so the invitations can go out at once; once
the meeting is held, the secretary deletes that line, corrects who attended and fills in the
follow-up statuses, the discussion and the decisions.
"""

from __future__ import annotations

import json
import os
import textwrap
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from minutes.diagnostics import BadArgument, MinutesError, Note
from minutes.messages import Phrase
from minutes.model import Meeting, RecordStatus, RelativeDeadline, Status
from minutes.standings import LedgerEntry, Standing, build_ledger
from minutes.text.jalali import ClockTime, JalaliDate
from minutes.validate import Validated, ValidRecord
from minutes.workspace import Workspace

FOLLOW_UP_ITEM = "بررسی گزارش پیگیری مصوبات جلسه قبل"
STATUSES = " | ".join(status.value for status in Status)
COMMENT_WIDTH = 100
NONE = Phrase("none", "هیچ")  # no body is known


@dataclass(frozen=True)
class NewRecord:
    """A record to be written: where, and its YAML text."""

    path: Path
    text: str


def _quoted(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML), Persian kept readable."""
    return json.dumps(value, ensure_ascii=False)


def _body_of(validated: Validated, body: str | None) -> str:
    """``body``, checked, or the body of the latest record."""
    if body is None:
        latest_any = max(validated.records, key=lambda r: r.record.meeting.date, default=None)
        if latest_any is None:
            raise BadArgument(Note.of("no-earlier-meeting"))
        body = latest_any.record.meeting.body
    if body not in validated.directory.bodies:
        known = ", ".join(sorted(validated.directory.bodies)) or NONE
        raise BadArgument(Note.of("no-such-body", body=body, known=known))
    return body


def _members(validated: Validated, body: str, last: ValidRecord | None) -> list[str]:
    """The body's members, or else everyone who was a member at its last meeting (present, absent or
    represented by a substitute)."""
    members = list(validated.directory.bodies[body].members)
    if not members and last is not None:
        attendance = last.record.attendance
        members = list(dict.fromkeys([*attendance.present, *(a.person for a in attendance.absent or []),
                                      *(s.replaces for s in attendance.substitutes)]))
    if not members:
        raise MinutesError(Note.of("body-without-members", body=body))
    return members


def _usual_times(held: list[Meeting]) -> tuple[ClockTime, ClockTime | None] | None:
    """The start and end the body meets at most often (the latest of equally frequent ones)."""
    pairs = [(m.start, m.end) for m in held if m.start is not None]
    counts = Counter(pairs)
    latest = {pair: i for i, pair in enumerate(pairs)}
    return max(counts, key=lambda pair: (counts[pair], latest[pair]), default=None)


def _meeting_lines(held: list[Meeting], members: list[str]) -> list[str]:
    """Chair, secretary, place and quorum of the last meeting, and the times the body usually meets at."""
    usual = _usual_times(held)
    lines = ["  start:   # the time of the meeting, e.g. 9:00: the invitations give it"] if usual is None else [
        f"  start: {usual[0]}", *([f"  end: {usual[1]}"] if usual[1] else [])]
    if not held:
        return [*lines, f"  place: {_quoted('')}", f"  chair: {members[0]}"]
    last = held[-1]
    lines += [f"  place: {_quoted(last.place)}", f"  chair: {last.chair}"]
    lines += [f"  secretary: {last.secretary}"] if last.secretary else []
    lines += [f"  quorum: {last.quorum}"] if last.quorum is not None else []
    return lines


def _followup_lines(entry: LedgerEntry) -> list[str]:
    """A follow-up to fill in: the decision's text and where it stands as comments, its status empty."""
    comments = textwrap.wrap(" ".join(entry.decision.text.split()), COMMENT_WIDTH)
    latest = entry.latest
    reported = f"last reported {latest.status.value} on {entry.reported_on}" if latest and latest.status else (
        "nothing reported yet")
    deadline = entry.deadline.value if isinstance(entry.deadline, RelativeDeadline) else entry.deadline
    return [*(f"  # {line}" for line in comments),
            f"  # deadline {deadline or 'none'}; {reported}; {entry.standing.value} now",
            f"  - decision: {entry.ident}", "    status:"]


def new_record(workspace: Workspace, validated: Validated, body: str | None, date: JalaliDate) -> NewRecord:
    """The next meeting of ``body`` (by default the body of the latest record), on ``date``.

    Attendees are the body's members (or its members at its last meeting); chair, secretary, place and
    quorum come from its last meeting, the times from those it meets at most often. The first agenda
    item reviews earlier decisions, and ``followups`` lists each of the body's decisions still open or
    overdue on ``date``, with its status left to fill in.
    """
    body = _body_of(validated, body)
    mine = sorted((r for r in validated.records if r.record.meeting.body == body),
                  key=lambda r: (r.record.meeting.date, r.record.meeting.number or 0))
    held = [r for r in mine if r.record.status is RecordStatus.HELD]
    number = max((r.record.meeting.number or 0 for r in mine), default=0) + 1
    members = _members(validated, body, held[-1] if held else None)
    pending = [entry for entry in build_ledger(validated.records, date)
               if entry.body == body and entry.standing in (Standing.OPEN, Standing.OVERDUE)]
    lines = [
        "# yaml-language-server: $schema=../../schema/record.schema.json",
        f"# Meeting {number} of {body}, started with 'minutes new'. Check every line before the meeting.",
        "# Delete the next line once the meeting is held; until then the record makes its invitations.",
        "status: planned",
        "",
        "meeting:",
        f"  body: {body}",
        f"  number: {number}",
        f"  date: {date}",
        f"  weekday: {date.weekday_name}",
        *_meeting_lines([r.record.meeting for r in held], members),
        "",
        "# Those invited; once the meeting is held, those who attended (list the others under 'absent:').",
        "attendance:",
        "  present:",
        *(f"    - {person}" for person in members),
        "",
        "agenda:",
        f"  - title: {_quoted(FOLLOW_UP_ITEM)}",
        "",
    ]
    if pending:
        lines += [f"# Decisions still open or overdue: give each a status ({STATUSES}).", "followups:"]
        lines += [line for entry in pending for line in _followup_lines(entry)] + [""]
    lines.append("decisions: []")
    path = workspace.meetings / f"{body}-{str(date).replace('/', '-')}.yaml"
    return NewRecord(path, "\n".join(lines) + "\n")


def write_new(record: NewRecord) -> None:
    """Write the new record, refusing to replace an existing file."""
    record.path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(record.path, "x", encoding="utf-8") as stream:
            stream.write(record.text)
    except FileExistsError:
        raise BadArgument(Note.of("record-exists", path=os.path.relpath(record.path))) from None
