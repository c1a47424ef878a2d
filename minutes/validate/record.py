"""The facts of one record that need the directory: references resolved, dates that make sense, who
attended, and follow-ups of decisions that exist."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Set
from typing import Any

import jdatetime

from minutes.diagnostics import Diagnostic, Severity
from minutes.load import LoadedFile
from minutes.model import Directory, Record, RecordStatus, Status, is_reference
from minutes.text.jalali import JalaliDate, weekday_from_name
from minutes.validate.directory import unknown_id
from minutes.validate.schema import listing, suggest

GREGORIAN_YEARS = range(1800, 2200)
Path = tuple[Any, ...]


class _Checker:
    """The checks of one record against the merged directory."""

    def __init__(self, source: LoadedFile, record: Record, directory: Directory) -> None:
        self.source, self.record, self.directory = source, record, directory
        self.units = {**directory.organisations, **directory.bodies}
        self.addressees = {**directory.people, **self.units}
        # A Gregorian-looking meeting date makes the weekday and deadline checks meaningless.
        self.dated = record.meeting.date.year not in GREGORIAN_YEARS
        attendance = record.attendance
        self.attending = set(attendance.present) | {sub.person for sub in attendance.substitutes}

    def at(self, path: Path, code: str, **details: Any) -> Diagnostic:
        return self.source.diagnostic(path, code, **details)

    def ref(self, path: Path, ident: str, table: dict[str, Any], kind: str) -> Iterable[Diagnostic]:
        if ident not in table:
            yield unknown_id(self.source, path, ident, table, kind)

    def person(self, path: Path, ident: str) -> Iterable[Diagnostic]:
        yield from self.ref(path, ident, self.directory.people, "person")

    def free_or_ref(self, path: Path, value: str) -> Iterable[Diagnostic]:
        if is_reference(value):
            yield from self.ref(path, value, self.addressees, "addressee")

    def meeting(self) -> Iterable[Diagnostic]:
        meeting = self.record.meeting
        yield from self.ref(("meeting", "body"), meeting.body, self.directory.bodies, "body")
        yield from self.person(("meeting", "chair"), meeting.chair)
        if meeting.secretary is not None:
            yield from self.person(("meeting", "secretary"), meeting.secretary)
        if meeting.weekday is not None:
            yield from self.weekday(meeting.weekday, meeting.date)
        if meeting.start and meeting.end and meeting.end <= meeting.start:
            yield self.at(("meeting", "end"), "time-order", start=str(meeting.start), end=str(meeting.end))

    def weekday(self, given: str, date: JalaliDate) -> Iterable[Diagnostic]:
        try:
            named = weekday_from_name(given)
        except ValueError:
            yield self.at(("meeting", "weekday"), "bad-weekday", value=given,
                          names=listing(jdatetime.date.j_weekdays_fa))
            return
        if self.dated and named != date.weekday:
            yield self.at(("meeting", "weekday"), "weekday-mismatch", date=str(date), actual=date.weekday_name,
                          given=given)

    def attendance(self) -> Iterable[Diagnostic]:
        attendance, meeting = self.record.attendance, self.record.meeting
        seen: dict[str, tuple[str, int]] = {}
        listed = [(("attendance", "present", i), p) for i, p in enumerate(attendance.present)]
        listed += [(("attendance", "absent", i, "person"), a.person) for i, a in enumerate(attendance.absent or [])]
        listed += [(("attendance", "substitutes", i, "person"), sub.person)
                   for i, sub in enumerate(attendance.substitutes)]
        listed += [(("attendance", "guests", i), g) for i, g in enumerate(attendance.guests)]
        for path, person in listed:
            yield from self.person(path, person)
            if person in seen:
                where, number = seen[person]
                yield self.at(path, "listed-twice", person=person, list=where, number=number)
            else:
                seen[person] = (path[1], path[2] + 1)
        for i, sub in enumerate(attendance.substitutes):
            path = ("attendance", "substitutes", i, "replaces")
            yield from self.person(path, sub.replaces)
            if sub.replaces in self.attending:
                yield self.at(path, "substitute-for-present", person=sub.replaces)
        if meeting.quorum is not None and self.record.decisions and len(self.attending) < meeting.quorum:
            yield self.at(("meeting", "quorum"), "quorum-not-reached", severity=Severity.WARNING,
                          count=len(self.attending), quorum=meeting.quorum)
        for role in ("chair", "secretary"):
            person = getattr(meeting, role)
            if person in self.directory.people and person not in self.attending:
                yield self.at(("meeting", role), f"{role}-not-present", person=person)

    def agenda_and_decisions(self) -> Iterable[Diagnostic]:
        record, meeting = self.record, self.record.meeting
        for i, agenda_item in enumerate(record.agenda):
            for j, statement in enumerate(agenda_item.discussion):
                yield from self.person(("agenda", i, "discussion", j, "speaker"), statement.speaker)
        for i, decision in enumerate(record.decisions):
            for j, unit in enumerate(decision.responsible):
                yield from self.ref(("decisions", i, "responsible", j), unit, self.units, "unit")
            if self.dated and isinstance(decision.deadline, JalaliDate) and decision.deadline < meeting.date:
                yield self.at(("decisions", i, "deadline"), "deadline-before-meeting",
                              deadline=str(decision.deadline), date=str(meeting.date))
            if decision.item is not None and not 1 <= decision.item <= len(record.agenda):
                yield self.at(("decisions", i, "item"), "unknown-item", item=decision.item, count=len(record.agenda))
            for j, dissent in enumerate(decision.dissent):
                path = ("decisions", i, "dissent", j, "person")
                yield from self.person(path, dissent.person)
                if dissent.person in self.directory.people and dissent.person not in self.attending:
                    yield self.at(path, "dissent-not-present", person=dissent.person)

    def followups(self, known_decisions: Set[str]) -> Iterable[Diagnostic]:
        meeting = self.record.meeting
        for i, followup in enumerate(self.record.followups):
            if followup.decision not in known_decisions:
                yield self.at(("followups", i, "decision"), "unknown-decision", id=followup.decision,
                              suggestion=suggest(followup.decision, known_decisions))
            if followup.status is None and self.record.status is RecordStatus.HELD:
                yield self.at(("followups", i, "status"), "missing-field", variant="status", field="status")
            if followup.status is Status.EXTENDED and followup.extended_to is None:
                yield self.at(("followups", i, "status"), "missing-field", variant="extended_to")
            if self.dated and followup.extended_to is not None and followup.extended_to < meeting.date:
                yield self.at(("followups", i, "extended_to"), "deadline-before-meeting", variant="extended",
                              deadline=str(followup.extended_to), date=str(meeting.date))

    def letters(self) -> Iterable[Diagnostic]:
        for i, letter in enumerate(self.record.letters):
            yield from self.free_or_ref(("letters", i, "to"), letter.to)
            for j, signer in enumerate(letter.signatories):
                yield from self.person(("letters", i, "signatories", j), signer)
            for j, copy in enumerate(letter.copies):
                yield from self.free_or_ref(("letters", i, "copies", j, "to"), copy.to)
        for kind, lines in self.record.copies or ():
            for j, copy in enumerate(lines or []):
                yield from self.free_or_ref(("copies", kind, j, "to"), copy.to)

    def planned(self) -> Iterable[Diagnostic]:
        """A meeting not held yet: a time for its invitation, and no decisions."""
        if self.record.status is not RecordStatus.PLANNED:
            return
        if self.record.meeting.start is None:
            yield self.at(("meeting", "start"), "missing-field", variant="start", field="start")
        if self.record.decisions:
            yield self.at(("decisions", 0), "planned-decisions")

    def dates(self) -> Iterable[Diagnostic]:
        """A date whose year is a Gregorian one (2024/08/07): Jalali years are around 1300–1500."""
        for path, date in _jalali_dates(self.record):
            if date.year not in GREGORIAN_YEARS:
                continue
            try:
                jalali = JalaliDate.from_gregorian(datetime.date(date.year, date.month, date.day))
            except ValueError:
                yield self.at(path, "gregorian-date", date=str(date))
            else:
                yield self.at(path, "gregorian-date", variant="converted", date=str(date),
                              gregorian=f"{date.year:04d}-{date.month:02d}-{date.day:02d}", jalali=str(jalali))


def _jalali_dates(record: Record) -> Iterable[tuple[Path, JalaliDate]]:
    """Every Jalali date a record holds, with its data path."""
    yield ("meeting", "date"), record.meeting.date
    for i, sub in enumerate(record.attendance.substitutes):
        if sub.letter_date is not None:
            yield ("attendance", "substitutes", i, "letter_date"), sub.letter_date
    for i, decision in enumerate(record.decisions):
        if isinstance(decision.deadline, JalaliDate):
            yield ("decisions", i, "deadline"), decision.deadline
    for i, followup in enumerate(record.followups):
        if followup.extended_to is not None:
            yield ("followups", i, "extended_to"), followup.extended_to


def check_record(source: LoadedFile, record: Record, directory: Directory,
                 known_decisions: Set[str]) -> list[Diagnostic]:
    """Every problem of one schema-valid record against the directory and the decision ids that exist."""
    checker = _Checker(source, record, directory)
    problems: list[Diagnostic] = []
    if record.issued is not None:
        problems.append(source.diagnostic(("issued",), "issued-copy", key=True))
    problems += checker.dates()
    problems += checker.meeting()
    problems += checker.attendance()
    problems += checker.agenda_and_decisions()
    problems += checker.followups(known_decisions)
    problems += checker.letters()
    problems += checker.planned()
    return problems
