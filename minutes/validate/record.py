"""The facts of one record that need the directory: references resolved, dates and numbers that make
sense, who attended, and follow-ups of decisions that exist.

A record whose shape is wrong somewhere comes here salvaged (:mod:`.partial`): each check runs on its
own, and one that needs a value that failed its own check says nothing (the schema has said it).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Set
from functools import cached_property
from typing import Any

import jdatetime

from minutes.diagnostics import Diagnostic, Severity
from minutes.load import LoadedFile
from minutes.model import Directory, Record, RecordStatus, Status, is_reference
from minutes.quorum import Required, required
from minutes.text.jalali import JalaliDate, weekday_from_name
from minutes.validate.directory import unknown_id
from minutes.validate.partial import is_known, items, part, run
from minutes.validate.schema import listing, suggest

GREGORIAN_YEARS = range(1800, 2200)
Path = tuple[Any, ...]
Check = Callable[[], Iterable[Diagnostic]]


class _Checker:
    """The checks of one record against the merged directory, each on its own (see :func:`run`)."""

    def __init__(self, source: LoadedFile, record: Record, directory: Directory) -> None:
        self.source, self.record, self.directory = source, record, directory
        self.units = {**directory.organisations, **directory.bodies}
        self.addressees = {**directory.people, **self.units}

    @cached_property
    def dated(self) -> bool:
        """Whether the meeting date is a Jalali one: a Gregorian-looking one makes date checks meaningless."""
        return self.record.meeting.date.year not in GREGORIAN_YEARS

    @cached_property
    def attending(self) -> set[str]:
        """Members and substitutes who attended (guests do not count)."""
        attendance = self.record.attendance
        return set(attendance.present) | {sub.person for sub in attendance.substitutes}

    @cached_property
    def attending_count(self) -> int:
        """How many members and substitutes attended, as listed."""
        attendance = self.record.attendance
        return len(attendance.present) + len(attendance.substitutes)

    def at(self, path: Path, code: str, **details: Any) -> Diagnostic:
        return self.source.diagnostic(path, code, **details)

    def ref(self, path: Path, ident: str, table: dict[str, Any], kind: str) -> Iterable[Diagnostic]:
        if ident not in table:
            yield unknown_id(self.source, path, ident, table, kind)

    def person(self, path: Path, ident: str) -> Iterable[Diagnostic]:
        yield from self.ref(path, ident, self.directory.people, "person")

    def free_or_ref(self, path: Path, value: str) -> Iterable[Diagnostic]:
        if isinstance(value, str) and is_reference(value):
            yield from self.ref(path, value, self.addressees, "addressee")

    def checks(self) -> Iterable[Check]:
        """Every check of the record, each a call that yields its diagnostics."""
        record, meeting = self.record, self.record.meeting
        yield lambda: self.person(("meeting", "chair"), meeting.chair)
        yield lambda: self.ref(("meeting", "body"), meeting.body, self.directory.bodies, "body")
        yield lambda: [] if meeting.secretary is None else self.person(("meeting", "secretary"), meeting.secretary)
        yield lambda: [] if meeting.weekday is None else self.weekday(meeting.weekday, meeting.date)
        yield self.time_order
        yield from self.attendance()
        yield self.quorum
        for role in ("chair", "secretary"):
            yield lambda role=role: self.role_present(role)
        for i, agenda_item in items(record.agenda):
            for j, statement in items(agenda_item.discussion):
                yield lambda path=("agenda", i, "discussion", j, "speaker"), s=statement: self.person(path, s.speaker)
        for i, decision in items(record.decisions):
            yield from self.decision(i, decision)
        for i, followup in items(record.followups):
            yield lambda i=i, followup=followup: self.followup(i, followup)
        for i, letter in items(record.letters):
            yield from self.letter(i, letter)
        for kind, lines in record.copies or ():
            for j, copy in items(lines or []):
                yield lambda kind=kind, j=j, copy=copy: self.free_or_ref(("copies", kind, j, "to"), copy.to)
        yield self.planned

    def time_order(self) -> Iterable[Diagnostic]:
        meeting = self.record.meeting
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

    def attendance(self) -> Iterable[Check]:
        attendance = self.record.attendance
        listed = [(("attendance", "present", i), p) for i, p in items(part(attendance, "present"))]
        listed += [(("attendance", "absent", i, "person"), a.person) for i, a in items(part(attendance, "absent"))]
        substitutes = items(part(attendance, "substitutes"))
        listed += [(("attendance", "substitutes", i, "person"), sub.person) for i, sub in substitutes]
        listed += [(("attendance", "guests", i), g) for i, g in items(part(attendance, "guests"))]
        listed = [(path, person) for path, person in listed if is_known(person)]
        yield lambda: self.listed_twice(listed)
        for path, person in listed:
            yield lambda path=path, person=person: self.person(path, person)
        for i, sub in substitutes:
            yield lambda i=i, sub=sub: self.substitute(("attendance", "substitutes", i), sub.replaces)
            yield lambda i=i, sub=sub: self.letter_date(("attendance", "substitutes", i, "letter_date"),
                                                         sub.letter_date)

    def listed_twice(self, listed: list[tuple[Path, str]]) -> Iterable[Diagnostic]:
        seen: dict[str, tuple[str, int]] = {}
        for path, person in listed:
            if person in seen:
                where, number = seen[person]
                yield self.at(path, "listed-twice", person=person, list=where, number=number)
            else:
                seen[person] = (path[1], path[2] + 1)

    def substitute(self, path: Path, replaces: str) -> Iterable[Diagnostic]:
        yield from self.person((*path, "replaces"), replaces)
        if replaces in self.attending:
            yield self.at((*path, "replaces"), "substitute-for-present", person=replaces)

    def letter_date(self, path: Path, date: JalaliDate | None) -> Iterable[Diagnostic]:
        meeting = self.record.meeting
        if date is not None and self.dated and date.year not in GREGORIAN_YEARS and date > meeting.date:
            yield self.at(path, "letter-after-meeting", letter=str(date), date=str(meeting.date))

    def required(self) -> Required | None:
        meeting = self.record.meeting
        body = self.directory.bodies.get(meeting.body)
        rule, members = (body.quorum, len(body.members)) if body is not None else (None, 0)
        return required(meeting.quorum, rule, members)

    def quorum(self) -> Iterable[Diagnostic]:
        needed = self.required()
        if needed is None or not self.record.decisions or self.attending_count >= needed.count:
            return
        if needed.rule is None:
            yield self.at(("meeting", "quorum"), "quorum-not-reached", severity=Severity.WARNING,
                          count=self.attending_count, quorum=needed.count)
        else:
            yield self.at(("meeting", "body"), "quorum-not-reached", variant="rule", severity=Severity.WARNING,
                          count=self.attending_count, quorum=needed.count, rule=str(needed.rule),
                          members=needed.members)

    def role_present(self, role: str) -> Iterable[Diagnostic]:
        person = getattr(self.record.meeting, role)
        if person in self.directory.people and person not in self.attending:
            yield self.at(("meeting", role), f"{role}-not-present", person=person)

    def decision(self, i: int, decision: Any) -> Iterable[Check]:
        path = ("decisions", i)
        for j, unit in items(decision.responsible):
            yield lambda j=j, unit=unit: self.ref((*path, "responsible", j), unit, self.units, "unit")
        yield lambda: self.deadline((*path, "deadline"), decision.deadline)
        yield lambda: self.agenda_item((*path, "item"), decision.item)
        yield lambda: self.votes(path, decision.votes)
        for j, dissent in items(decision.dissent):
            yield lambda j=j, dissent=dissent: self.dissent((*path, "dissent", j, "person"), dissent.person)

    def deadline(self, path: Path, deadline: Any) -> Iterable[Diagnostic]:
        date = self.record.meeting.date
        if isinstance(deadline, JalaliDate) and self.dated and deadline < date:
            yield self.at(path, "deadline-before-meeting", deadline=str(deadline), date=str(date))

    def agenda_item(self, path: Path, item: int | None) -> Iterable[Diagnostic]:
        if item is not None and not 1 <= item <= len(self.record.agenda):
            yield self.at(path, "unknown-item", item=item, count=len(self.record.agenda))

    def votes(self, path: Path, votes: Any) -> Iterable[Diagnostic]:
        if votes is None:
            return
        cast = votes.in_favour + votes.against + votes.abstain
        if cast > self.attending_count:
            yield self.source.diagnostic((*path, "votes"), "votes-over-present", key=True, votes=cast,
                                         count=self.attending_count)

    def dissent(self, path: Path, person: str) -> Iterable[Diagnostic]:
        yield from self.person(path, person)
        if person in self.directory.people and person not in self.attending:
            yield self.at(path, "dissent-not-present", person=person)

    def followup(self, i: int, followup: Any) -> Iterable[Diagnostic]:
        if followup.status is None and self.record.status is RecordStatus.HELD:
            yield self.at(("followups", i, "status"), "missing-field", variant="status", field="status")
        if followup.status is Status.EXTENDED and followup.extended_to is None:
            yield self.at(("followups", i, "status"), "missing-field", variant="extended_to")
        date = self.record.meeting.date
        if followup.extended_to is not None and self.dated and followup.extended_to < date:
            yield self.at(("followups", i, "extended_to"), "deadline-before-meeting", variant="extended",
                          deadline=str(followup.extended_to), date=str(date))

    def letter(self, i: int, letter: Any) -> Iterable[Check]:
        yield lambda: self.free_or_ref(("letters", i, "to"), letter.to)
        for j, signer in items(letter.signatories):
            yield lambda j=j, signer=signer: self.person(("letters", i, "signatories", j), signer)
        for j, copy in items(letter.copies):
            yield lambda j=j, copy=copy: self.free_or_ref(("letters", i, "copies", j, "to"), copy.to)

    def planned(self) -> Iterable[Diagnostic]:
        """A meeting not held yet: a time for its invitation, and no decisions."""
        if self.record.status is not RecordStatus.PLANNED:
            return
        if self.record.meeting.start is None:
            yield self.at(("meeting", "start"), "missing-field", variant="start", field="start")
        if self.record.decisions:
            yield self.at(("decisions", 0), "planned-decisions")

    def gregorian(self, path: Path, date: JalaliDate) -> Iterable[Diagnostic]:
        """A date whose year is a Gregorian one (2024/08/07): Jalali years are around 1300–1500."""
        if date.year not in GREGORIAN_YEARS:
            return
        try:
            jalali = JalaliDate.from_gregorian(datetime.date(date.year, date.month, date.day))
        except ValueError:
            yield self.at(path, "gregorian-date", date=str(date))
        else:
            yield self.at(path, "gregorian-date", variant="converted", date=str(date),
                          gregorian=f"{date.year:04d}-{date.month:02d}-{date.day:02d}", jalali=str(jalali))


def _jalali_dates(record: Record) -> Iterable[tuple[Path, Any]]:
    """Every Jalali date a record holds (or its unknown value), with its data path."""
    yield ("meeting", "date"), part(record.meeting, "date")
    for i, sub in items(part(record.attendance, "substitutes")):
        if isinstance(sub.letter_date, JalaliDate):
            yield ("attendance", "substitutes", i, "letter_date"), sub.letter_date
    for i, decision in items(record.decisions):
        if isinstance(decision.deadline, JalaliDate):
            yield ("decisions", i, "deadline"), decision.deadline
    for i, followup in items(record.followups):
        if isinstance(followup.extended_to, JalaliDate):
            yield ("followups", i, "extended_to"), followup.extended_to


def check_record(source: LoadedFile, record: Record, directory: Directory, known_decisions: Set[str],
                 unsure: Set[str] = frozenset()) -> list[Diagnostic]:
    """Every problem of one record (salvaged when its shape is wrong) against the directory and the
    decision ids that exist; follow-ups of the bodies in ``unsure`` (whose records' ids cannot be told)
    are not looked up."""
    checker = _Checker(source, record, directory)
    problems: list[Diagnostic] = []
    if "issued" in source.data:
        problems.append(source.diagnostic(("issued",), "issued-copy", key=True))
    for path, date in _jalali_dates(record):
        problems += run(checker.gregorian, path, date)
    for check in checker.checks():
        problems += run(check)
    for i, followup in items(record.followups):
        problems += run(_unknown_decision, checker.at, ("followups", i, "decision"), followup, known_decisions, unsure)
    return problems


def _unknown_decision(at: Callable[..., Diagnostic], path: Path, followup: Any, known: Set[str],
                      unsure: Set[str]) -> Iterable[Diagnostic]:
    ident = followup.decision
    if ident not in known and ident.split("/", 1)[0] not in unsure:
        yield at(path, "unknown-decision", id=ident, suggestion=suggest(ident, known))
