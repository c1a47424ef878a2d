"""Check loaded files against the record model and against each other.

Every problem is collected, none raised one at a time: shapes and types first (per file),
then references and facts that need the whole directory (only for files whose shape is right).
"""

from __future__ import annotations

import datetime
import difflib
import re
import types
import typing
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jdatetime
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from minutes.diagnostics import Diagnostic, InvalidInput, Severity
from minutes.jalali import (
    DATE_PATTERN,
    MONTH_NAMES_ENGLISH,
    MONTH_NAMES_PERSIAN,
    TIME_PATTERN,
    JalaliDate,
    days_in_month,
    weekday_from_name,
)
from minutes.load import LoadedFile, load_file
from minutes.messages import Phrase
from minutes.model import ID_PATTERN, Directory, Record, Status
from minutes.persian import latin_digits
from minutes.workspace import Workspace

# pydantic error types that are worded without the input's value.
PLAIN_CODES = {
    "too_short": "empty-list",
    "string_too_short": "empty-text",
    "list_type": "expected-list",
    "dict_type": "expected-mapping",
    "model_type": "expected-mapping",
    "string_type": "expected-text",
}
# pydantic error types that quote the input's value.
VALUE_CODES = {
    "string_pattern_mismatch": "bad-id",
    "int_parsing": "bad-number",
    "bool_parsing": "bad-boolean",
    "bad-deadline": "bad-deadline",
}
GREGORIAN_YEARS = range(1800, 2200)


@dataclass(frozen=True)
class ValidRecord:
    """A meeting record that passed validation, with the file it came from."""

    name: str
    source: LoadedFile
    record: Record

    @property
    def meeting_key(self) -> str:
        """The meeting part of decision ids: its number, or its date when it has none."""
        meeting = self.record.meeting
        return str(meeting.number) if meeting.number is not None else str(meeting.date).replace("/", "-")

    def decision_id(self, index: int) -> str:
        """The stable id of the decision at 0-based ``index``: body/meeting/item."""
        return f"{self.record.meeting.body}/{self.meeting_key}/{index + 1}"


@dataclass(frozen=True)
class Validated:
    """The outcome of validation: the merged directory, the valid records and any warnings."""

    directory: Directory
    records: tuple[ValidRecord, ...]
    warnings: tuple[Diagnostic, ...]


def _suggest(word: str, candidates: Iterable[str]) -> str:
    """The candidate closest to ``word``, or "" when none is close (for «did you mean»)."""
    match = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return match[0] if match else ""


def _unwrap(annotation: Any) -> list[Any]:
    """The concrete types an annotation may stand for (Optional, Annotated and unions opened)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [t for arg in typing.get_args(annotation) for t in _unwrap(arg)]
    return [annotation]


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that holds the field at ``loc`` (for «did you mean» on unknown fields)."""
    current: Any = model
    for step in loc[:-1]:
        nxt = None
        for candidate in _unwrap(current):
            origin = typing.get_origin(candidate)
            if isinstance(candidate, type) and issubclass(candidate, BaseModel) and isinstance(step, str):
                field = candidate.model_fields.get(step)
                nxt = field.annotation if field else None
            elif origin is list and isinstance(step, int):
                nxt = typing.get_args(candidate)[0]
            elif origin is dict and isinstance(step, str):
                nxt = typing.get_args(candidate)[1]
            if nxt is not None:
                break
        if nxt is None:
            return None
        current = nxt
    for candidate in _unwrap(current):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _date_problem(value: str) -> dict[str, Any]:
    """The ``bad-date`` details saying why ``value`` is not a real Jalali date."""
    match = DATE_PATTERN.fullmatch(latin_digits(value).strip())
    if match is None:
        return {"value": value}
    year, month, day = int(match[1]), int(match[3]), int(match[4])
    date = value.strip()
    if not jdatetime.MINYEAR <= year <= jdatetime.MAXYEAR:
        return {"variant": "year", "date": date, "low": jdatetime.MINYEAR, "high": jdatetime.MAXYEAR}
    if not 1 <= month <= 12:
        return {"variant": "month", "date": date, "month": month}
    if day < 1:
        return {"variant": "day", "date": date, "day": day}
    month_name = Phrase(MONTH_NAMES_ENGLISH[month - 1], MONTH_NAMES_PERSIAN[month - 1])
    return {"variant": "month-length", "date": date, "month": month_name, "year": year,
            "days": days_in_month(year, month)}


def _time_problem(value: str) -> dict[str, Any]:
    """The ``bad-time`` details saying why ``value`` is not a real time of day."""
    match = TIME_PATTERN.fullmatch(latin_digits(value).strip())
    if match is None:
        return {"value": value}
    return {"variant": "hour" if int(match[1]) > 23 else "minute", "value": value.strip()}


def _given(data: Any, loc: tuple[Any, ...]) -> Any:
    """The value at ``loc`` in the loaded data, as the user wrote it (None when there is none)."""
    for step in loc:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _listing(values: Iterable[str]) -> Phrase:
    """Words listed with the comma of each language."""
    values = list(values)
    return Phrase(", ".join(values), "، ".join(values))


def _schema_diagnostic(source: LoadedFile, model: type[BaseModel], item: ErrorDetails) -> Diagnostic:
    """One pydantic error as a positioned diagnostic with its own wording."""
    loc = tuple(item["loc"])
    on_key = "[key]" in loc
    loc = tuple(step for step in loc if step != "[key]")
    kind, value, context = item["type"], item.get("input"), item.get("ctx", {})
    if kind == "missing":
        return source.diagnostic(loc[:-1], "missing-field", field=loc[-1])
    if kind == "extra_forbidden":
        holder = _model_at(model, loc)
        suggestion = _suggest(str(loc[-1]), holder.model_fields) if holder else ""
        return source.diagnostic(loc, "unknown-field", key=True, field=loc[-1], suggestion=suggestion)

    def here(code: str, **details: Any) -> Diagnostic:
        return source.diagnostic(loc, code, key=on_key, **details)

    if value is None:
        if loc and isinstance(loc[-1], str):
            return here("empty-value", field=loc[-1])
        return here("empty-value", variant="item")
    if kind in PLAIN_CODES:
        return here(PLAIN_CODES[kind])
    if kind == "too_long":
        return here("too-many", limit=context["max_length"], count=context["actual_length"])
    if not isinstance(value, str):
        return here("expected-text")
    if not on_key and isinstance(_given(source.data, loc), str):
        value = _given(source.data, loc)
    if kind == "bad-date" or (kind == "bad-deadline" and DATE_PATTERN.fullmatch(latin_digits(value).strip())):
        return here("bad-date", **_date_problem(value))
    if kind == "bad-time":
        return here("bad-time", **_time_problem(value))
    if kind in VALUE_CODES:
        return here(VALUE_CODES[kind], value=value)
    if kind == "greater_than_equal":
        return here("bad-number", variant="min", value=value, limit=context["ge"])
    if kind == "less_than_equal":
        return here("bad-number", variant="max", value=value, limit=context["le"])
    if kind == "enum":
        return here("bad-choice", value=value, choices=_listing(re.findall(r"'([^']*)'", context["expected"])))
    return here("invalid-value", detail=item["msg"])


def _check_model(source: LoadedFile, model: type[BaseModel], problems: list[Diagnostic]) -> Any:
    try:
        return model.model_validate(source.data)
    except ValidationError as error:
        problems.extend(_schema_diagnostic(source, model, item) for item in error.errors(include_url=False))
        return None


def _merge_directories(parts: list[tuple[LoadedFile, Directory]], problems: list[Diagnostic]) -> Directory:
    merged: dict[str, dict[str, Any]] = {"organisations": {}, "people": {}, "bodies": {}}
    owner: dict[str, str] = {}
    office, office_file = None, ""
    for source, part in parts:
        if part.office is not None:
            if office is None:
                office, office_file = part.office, source.display_name
            else:
                problems.append(source.diagnostic(("office",), "duplicate-office", key=True, file=office_file))
        for section in merged:
            for ident, entry in getattr(part, section).items():
                if ident in owner:
                    problems.append(source.diagnostic((section, ident), "duplicate-id", key=True,
                                                      id=ident, file=owner[ident]))
                    continue
                owner[ident] = source.display_name
                merged[section][ident] = entry
    return Directory(office=office, **merged)


def _unknown_id(source: LoadedFile, path: tuple[Any, ...], ident: str, table: dict[str, Any],
                kind: str) -> Diagnostic:
    """``ident`` not found in ``table``; ``kind`` names the table: person, organisation, body, unit, addressee."""
    return source.diagnostic(path, "unknown-id", variant=kind, id=ident, suggestion=_suggest(ident, table))


def _directory_references(source: LoadedFile, directory: Directory) -> Iterable[Diagnostic]:
    def check(path: tuple[Any, ...], ref: str | None, table: dict[str, Any], kind: str) -> Iterable[Diagnostic]:
        if ref is not None and ref not in table:
            yield _unknown_id(source, path, ref, table, kind)

    for ident, person in directory.people.items():
        if ident in source.data.get("people", {}):
            yield from check(("people", ident, "organisation"), person.organisation, directory.organisations,
                             "organisation")
    for ident, body in directory.bodies.items():
        if ident not in source.data.get("bodies", {}):
            continue
        for i, parent in enumerate(body.under):
            yield from check(("bodies", ident, "under", i), parent, directory.bodies, "body")
        yield from check(("bodies", ident, "reports_to"), body.reports_to, directory.bodies, "body")
        for i, member in enumerate(body.members):
            yield from check(("bodies", ident, "members", i), member, directory.people, "person")
    if directory.office is not None and "office" in source.data:
        for i, signer in enumerate(directory.office.signatories):
            yield from check(("office", "signatories", i), signer, directory.people, "person")


def is_reference(value: str) -> bool:
    """Whether a free-or-id field holds a directory id (ids are Latin; Persian text never matches)."""
    return re.fullmatch(ID_PATTERN, value) is not None


def _jalali_dates(record: Record) -> Iterable[tuple[tuple[Any, ...], JalaliDate]]:
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


def _gregorian_looking(source: LoadedFile, path: tuple[Any, ...], date: JalaliDate) -> Iterable[Diagnostic]:
    """A date whose year is a Gregorian one (2024/08/07): Jalali years are around 1300–1500."""
    if date.year not in GREGORIAN_YEARS:
        return
    try:
        jalali = JalaliDate.from_gregorian(datetime.date(date.year, date.month, date.day))
    except ValueError:
        yield source.diagnostic(path, "gregorian-date", date=str(date))
    else:
        yield source.diagnostic(path, "gregorian-date", variant="converted", date=str(date),
                                gregorian=f"{date.year:04d}-{date.month:02d}-{date.day:02d}", jalali=str(jalali))


def _record_checks(item: ValidRecord, directory: Directory, known_decisions: set[str]) -> Iterable[Diagnostic]:
    source, record = item.source, item.record
    meeting = record.meeting
    units = {**directory.organisations, **directory.bodies}
    addressees = {**directory.people, **units}

    def ref(path: tuple[Any, ...], ident: str, table: dict[str, Any], kind: str) -> Iterable[Diagnostic]:
        if ident not in table:
            yield _unknown_id(source, path, ident, table, kind)

    def free_or_ref(path: tuple[Any, ...], value: str) -> Iterable[Diagnostic]:
        if is_reference(value):
            yield from ref(path, value, addressees, "addressee")

    if record.issued is not None:
        yield source.diagnostic(("issued",), "issued-copy", key=True)
    for path, date in _jalali_dates(record):
        yield from _gregorian_looking(source, path, date)
    dated = meeting.date.year not in GREGORIAN_YEARS  # else the weekday and deadlines are not worth comparing
    yield from ref(("meeting", "body"), meeting.body, directory.bodies, "body")
    yield from ref(("meeting", "chair"), meeting.chair, directory.people, "person")
    if meeting.secretary is not None:
        yield from ref(("meeting", "secretary"), meeting.secretary, directory.people, "person")

    if meeting.weekday is not None:
        try:
            named = weekday_from_name(meeting.weekday)
        except ValueError:
            yield source.diagnostic(("meeting", "weekday"), "bad-weekday", value=meeting.weekday,
                                    names=_listing(jdatetime.date.j_weekdays_fa))
        else:
            if dated and named != meeting.date.weekday:
                yield source.diagnostic(("meeting", "weekday"), "weekday-mismatch", date=str(meeting.date),
                                        actual=meeting.date.weekday_name, given=meeting.weekday)
    if meeting.start and meeting.end and meeting.end <= meeting.start:
        yield source.diagnostic(("meeting", "end"), "time-order", start=str(meeting.start), end=str(meeting.end))

    attendance = record.attendance
    seen: dict[str, tuple[str, int]] = {}
    listed = [(("attendance", "present", i), p) for i, p in enumerate(attendance.present)]
    listed += [(("attendance", "absent", i, "person"), a.person) for i, a in enumerate(attendance.absent or [])]
    listed += [(("attendance", "substitutes", i, "person"), sub.person)
               for i, sub in enumerate(attendance.substitutes)]
    listed += [(("attendance", "guests", i), g) for i, g in enumerate(attendance.guests)]
    for path, person in listed:
        yield from ref(path, person, directory.people, "person")
        if person in seen:
            where, number = seen[person]
            yield source.diagnostic(path, "listed-twice", person=person, list=where, number=number)
        else:
            seen[person] = (path[1], path[2] + 1)
    attending = set(attendance.present) | {sub.person for sub in attendance.substitutes}
    for i, sub in enumerate(attendance.substitutes):
        path = ("attendance", "substitutes", i, "replaces")
        yield from ref(path, sub.replaces, directory.people, "person")
        if sub.replaces in attending:
            yield source.diagnostic(path, "substitute-for-present", person=sub.replaces)
    if meeting.quorum is not None and record.decisions and len(attending) < meeting.quorum:
        yield source.diagnostic(("meeting", "quorum"), "quorum-not-reached", severity=Severity.WARNING,
                                count=len(attending), quorum=meeting.quorum)
    for role in ("chair", "secretary"):
        person = getattr(meeting, role)
        if person in directory.people and person not in attending:
            yield source.diagnostic(("meeting", role), f"{role}-not-present", person=person)

    for i, agenda_item in enumerate(record.agenda):
        for j, statement in enumerate(agenda_item.discussion):
            yield from ref(("agenda", i, "discussion", j, "speaker"), statement.speaker, directory.people, "person")
    for i, decision in enumerate(record.decisions):
        for j, unit in enumerate(decision.responsible):
            yield from ref(("decisions", i, "responsible", j), unit, units, "unit")
        if dated and isinstance(decision.deadline, JalaliDate) and decision.deadline < meeting.date:
            yield source.diagnostic(("decisions", i, "deadline"), "deadline-before-meeting",
                                    deadline=str(decision.deadline), date=str(meeting.date))
        if decision.item is not None and not 1 <= decision.item <= len(record.agenda):
            yield source.diagnostic(("decisions", i, "item"), "unknown-item",
                                    item=decision.item, count=len(record.agenda))
        for j, dissent in enumerate(decision.dissent):
            path = ("decisions", i, "dissent", j, "person")
            yield from ref(path, dissent.person, directory.people, "person")
            if dissent.person in directory.people and dissent.person not in attending:
                yield source.diagnostic(path, "dissent-not-present", person=dissent.person)
    for i, followup in enumerate(record.followups):
        if followup.decision not in known_decisions:
            yield source.diagnostic(("followups", i, "decision"), "unknown-decision", id=followup.decision,
                                    suggestion=_suggest(followup.decision, known_decisions))
        if followup.status is Status.EXTENDED and followup.extended_to is None:
            yield source.diagnostic(("followups", i, "status"), "missing-field", variant="extended_to")
        if dated and followup.extended_to is not None and followup.extended_to < meeting.date:
            yield source.diagnostic(("followups", i, "extended_to"), "deadline-before-meeting", variant="extended",
                                    deadline=str(followup.extended_to), date=str(meeting.date))
    for i, letter in enumerate(record.letters):
        yield from free_or_ref(("letters", i, "to"), letter.to)
        for j, signer in enumerate(letter.signatories):
            yield from ref(("letters", i, "signatories", j), signer, directory.people, "person")
        for j, copy in enumerate(letter.copies):
            yield from free_or_ref(("letters", i, "copies", j, "to"), copy.to)


def _givers(records: Iterable[ValidRecord]) -> dict[str, list[ValidRecord]]:
    """Every decision id the records give, with the records giving it."""
    givers: dict[str, list[ValidRecord]] = {}
    for item in records:
        for i in range(len(item.record.decisions)):
            givers.setdefault(item.decision_id(i), []).append(item)
    return givers


def _decision_id_clashes(requested: list[ValidRecord], givers: dict[str, list[ValidRecord]]) -> Iterable[Diagnostic]:
    """Each requested record that gives a decision id some other record in ``data/`` also gives."""
    for item in requested:
        for i in range(len(item.record.decisions)):
            ident = item.decision_id(i)
            other = next((giver for giver in givers[ident] if giver is not item), None)
            if other is not None:
                where = "number" if item.record.meeting.number is not None else "date"
                yield item.source.diagnostic(("meeting", where), "duplicate-decision-id",
                                             id=ident, file=other.source.display_name)
                break


def validate(workspace: Workspace, record_paths: list[Path] | None = None) -> Validated:
    """Load and check the directory and the given records (all of ``data/meetings`` by default).

    Raises :class:`InvalidInput` with every error found; returns warnings alongside the result.
    """
    problems: list[Diagnostic] = []
    parts: list[tuple[LoadedFile, Directory]] = []
    for path in workspace.directory_files():
        try:
            source = load_file(path, workspace.display_name(path))
        except InvalidInput as error:
            problems.extend(error.diagnostics)
            continue
        part = _check_model(source, Directory, problems)
        if part is not None:
            parts.append((source, part))
    directory = _merge_directories(parts, problems)
    if directory.office is None and not problems:
        problems.append(Diagnostic.of(workspace.display_name(workspace.data), 1, 1, "no-office"))
    for source, _ in parts:
        problems.extend(_directory_references(source, directory))

    all_paths = workspace.record_files()
    requested_paths = [p.resolve() for p in (record_paths or all_paths)]
    if not requested_paths:
        problems.append(Diagnostic.of(workspace.display_name(workspace.meetings), 1, 1, "no-records"))
    others = [p for p in all_paths if p.resolve() not in requested_paths]
    requested: list[ValidRecord] = []
    other_records: list[ValidRecord] = []
    for path in [*requested_paths, *others]:
        is_requested = path in requested_paths
        sink = problems if is_requested else []
        try:
            source = load_file(path, workspace.display_name(path))
        except InvalidInput as error:
            sink.extend(error.diagnostics)
            continue
        record = _check_model(source, Record, sink)
        if record is not None:
            (requested if is_requested else other_records).append(ValidRecord(path.stem, source, record))
    givers = _givers([*requested, *other_records])
    known_decisions = set(givers)
    for item in requested:
        problems.extend(_record_checks(item, directory, known_decisions))
    problems.extend(_decision_id_clashes(requested, givers))

    if any(p.severity is Severity.ERROR for p in problems):
        raise InvalidInput(problems)
    return Validated(directory, tuple(requested), tuple(problems))
