"""Start the record of a body's next meeting, pre-filled from the directory and the last meeting."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from minutes.diagnostics import MinutesError
from minutes.text.jalali import JalaliDate
from minutes.validate import Validated, ValidRecord
from minutes.workspace import Workspace

FOLLOW_UP_ITEM = "بررسی گزارش پیگیری مصوبات جلسه قبل"


@dataclass(frozen=True)
class NewRecord:
    """A record to be written: where, and its YAML text."""

    path: Path
    text: str


def _quoted(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML), Persian kept readable."""
    return json.dumps(value, ensure_ascii=False)


def _latest(records: tuple[ValidRecord, ...], body: str) -> ValidRecord | None:
    mine = [r for r in records if r.record.meeting.body == body]
    return max(mine, key=lambda r: (r.record.meeting.date, r.record.meeting.number or 0), default=None)


def new_record(workspace: Workspace, validated: Validated, body: str | None, today: JalaliDate) -> NewRecord:
    """The next meeting of ``body`` (by default the body of the latest record).

    Attendees come from the body's members, or else from those present at its last meeting;
    chair and place from the last meeting. The first agenda item reviews earlier decisions.
    """
    directory = validated.directory
    if body is None:
        latest_any = max(validated.records, key=lambda r: r.record.meeting.date, default=None)
        if latest_any is None:
            raise MinutesError("no earlier meeting to take the body from: name one with --body")
        body = latest_any.record.meeting.body
    if body not in directory.bodies:
        known = ", ".join(sorted(directory.bodies)) or "none"
        raise MinutesError(f"no body with id '{body}' (known bodies: {known})")
    last = _latest(validated.records, body)
    number = (last.record.meeting.number or 0) + 1 if last else 1
    members = list(directory.bodies[body].members) or (list(last.record.attendance.present) if last else [])
    if not members:
        raise MinutesError(f"body '{body}' has no members and no earlier meeting: add 'members' to it first")
    chair = last.record.meeting.chair if last else members[0]
    place = last.record.meeting.place if last else None

    lines = [
        "# yaml-language-server: $schema=../../schema/record.schema.json",
        f"# Meeting {number} of {body}, started with 'minutes new'. Check every line before the meeting.",
        "meeting:",
        f"  body: {body}",
        f"  number: {number}",
        f"  date: {today}",
        f"  weekday: {today.weekday_name}",
        f"  place: {_quoted(place or '')}",
        f"  chair: {chair}",
        "",
        "attendance:",
        "  present:",
        *(f"    - {person}" for person in members),
        "  absent: []",
        "",
        "agenda:",
        f"  - title: {_quoted(FOLLOW_UP_ITEM)}",
        "",
        "decisions: []",
    ]
    path = workspace.meetings / f"{body}-{number}.yaml"
    return NewRecord(path, "\n".join(lines) + "\n")


def write_new(record: NewRecord) -> None:
    """Write the new record, refusing to replace an existing file."""
    record.path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(record.path, "x", encoding="utf-8") as stream:
            stream.write(record.text)
    except FileExistsError:
        raise MinutesError(f"{os.path.relpath(record.path)} already exists; nothing was written") from None
