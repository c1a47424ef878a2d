"""The meeting record: the meeting, attendance, agenda and discussion, decisions, follow-ups, letters."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field

from minutes.model.directory import CopyLine, RecordCopies
from minutes.model.fields import (
    MAX_AGENDA,
    MAX_DECISIONS,
    MAX_FOLLOWUPS,
    MAX_LETTERS,
    MAX_PEOPLE,
    MAX_SMALL_LIST,
    MAX_STATEMENTS,
    MAX_UNITS,
    Clock,
    Count,
    Deadline,
    Jalali,
    LongText,
    Model,
    Percent,
    Ref,
    Text,
)


class Absence(Model):
    """A member who did not attend."""

    person: Ref
    reason: Text | None = None


class Substitute(Model):
    """Someone attending in a member's place, authorised by an introduction letter (معرفی‌نامه)."""

    person: Ref
    replaces: Ref
    letter_number: Text | None = None
    letter_date: Jalali | None = None
    reason: Text | None = Field(None, description="why the member is absent")


class Attendance(Model):
    """Who was there. ``absent`` left out means not recorded; an empty list means nobody."""

    present: list[Ref] = Field(min_length=1, max_length=MAX_PEOPLE)
    absent: list[Absence] | None = Field(None, max_length=MAX_PEOPLE)
    substitutes: list[Substitute] = Field(default_factory=list, max_length=MAX_PEOPLE)
    guests: list[Ref] = Field(default_factory=list, max_length=MAX_PEOPLE)


class Statement(Model):
    """One entry of the summary of discussion: a speaker and what they said or presented."""

    speaker: Ref
    summary: Text


class AgendaItem(Model):
    """An agenda item and the discussion held on it."""

    title: Text
    discussion: list[Statement] = Field(default_factory=list, max_length=MAX_STATEMENTS)


class Votes(Model):
    """The vote on a decision: موافق / مخالف / ممتنع."""

    in_favour: Count
    against: Count = 0
    abstain: Count = 0


class DissentKind(StrEnum):
    """How a dissent is labelled: «نظر مخالف» (dissent) or «تحفظ» (reservation)."""

    DISSENT = "dissent"
    RESERVATION = "reservation"


class Dissent(Model):
    """A member's recorded reservation (نظر مخالف / تحفظ)."""

    person: Ref
    note: Text
    kind: DissentKind = Field(DissentKind.DISSENT, description="dissent (نظر مخالف) or reservation (تحفظ)")


class Decision(Model):
    """A decision (مصوبه); its text follows «مقرر گردید»."""

    text: Text
    responsible: list[Ref] = Field(min_length=1, max_length=MAX_UNITS, description="organisations or bodies")
    deadline: Deadline | None = None
    item: Count | None = Field(None, description="number of the agenda item it belongs to")
    votes: Votes | None = None
    dissent: list[Dissent] = Field(default_factory=list, max_length=MAX_SMALL_LIST)


class Status(StrEnum):
    """Where an earlier decision stands."""

    DONE = "done"
    IN_PROGRESS = "in-progress"
    NOT_DONE = "not-done"
    DROPPED = "dropped"
    EXTENDED = "extended"


class FollowUp(Model):
    """A report on an earlier decision, given at this meeting (its status may wait while the meeting is planned)."""

    decision: Annotated[str, Field(min_length=1, description="id of the earlier decision: body/meeting/item")]
    status: Status | None = None
    extended_to: Jalali | None = Field(None, description="the new deadline, for status extended")
    percent: Percent | None = None
    report: Text | None = None
    evidence: Text | None = Field(None, description="letter number and date that prove it")


class Letter(Model):
    """A letter spelled out in the record."""

    to: Text = Field(description="a person, organisation or body id, or free text")
    subject: Text
    body: LongText = Field(description="paragraphs separated by blank lines")
    signatories: list[Ref] = Field(default_factory=list, max_length=3)
    attachments: list[Text] = Field(default_factory=list, max_length=MAX_SMALL_LIST)
    copies: list[CopyLine] = Field(default_factory=list, max_length=MAX_SMALL_LIST)


class Meeting(Model):
    """The facts of the meeting itself."""

    body: Ref
    number: Count | None = None
    date: Jalali
    weekday: Text | None = Field(None, description="checked against the date when given")
    period: Text | None = Field(None, description="part of the day when no times are known: صبح، عصر")
    start: Clock | None = None
    end: Clock | None = None
    place: Text
    chair: Ref
    secretary: Ref | None = None
    quorum: Count | None = Field(None, description="members who must attend for decisions to bind")


class Issued(Model):
    """Added by ``minutes issue`` to the archived copy of a record; a record in data/ never has it."""

    version: Count
    date: Jalali
    numbers: dict[str, Text] = Field(description="registry number of each document, by document key")
    reason: Text | None = Field(None, description="why this version supersedes the previous one")


class RecordStatus(StrEnum):
    """Whether the meeting has been held (minutes) or is still planned (invitations)."""

    HELD = "held"
    PLANNED = "planned"


class Record(Model):
    """One meeting record: a file in ``data/meetings/``."""

    status: RecordStatus = Field(RecordStatus.HELD, description="planned: not held yet; its documents are the "
                                                                "invitations, attendance lists those invited")
    meeting: Meeting
    attendance: Attendance
    summary: LongText | None = Field(None, description="opening paragraph of the minutes")
    agenda: list[AgendaItem] = Field(min_length=1, max_length=MAX_AGENDA)
    decisions: list[Decision] = Field(default_factory=list, max_length=MAX_DECISIONS)
    followups: list[FollowUp] = Field(default_factory=list, max_length=MAX_FOLLOWUPS)
    letters: list[Letter] = Field(default_factory=list, max_length=MAX_LETTERS)
    copies: RecordCopies | None = Field(None, description="«رونوشت» lines of this record's generated letters")
    issued: Issued | None = None
