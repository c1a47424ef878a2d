"""Check loaded files against the record model and against each other.

Every problem is collected, none raised one at a time: shapes and types first (per file),
then references and facts that need the whole directory (only for files whose shape is right).
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from minutes.diagnostics import Diagnostic, InvalidInput, Severity
from minutes.jalali import JalaliDate, weekday_from_name
from minutes.load import LoadedFile, load_file
from minutes.model import ID_PATTERN, Directory, Record, Status
from minutes.workspace import Workspace

CODES = {
    "missing": "missing-field",
    "extra_forbidden": "unknown-field",
    "string_pattern_mismatch": "bad-id",
    "int_parsing": "bad-number",
    "greater_than_equal": "bad-number",
    "enum": "bad-choice",
    "too_short": "empty-list",
    "string_too_short": "empty-text",
    "list_type": "expected-list",
    "dict_type": "expected-mapping",
    "model_type": "expected-mapping",
    "string_type": "expected-text",
}


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
    match = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f"; did you mean '{match[0]}'?" if match else ""


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


def _schema_diagnostics(source: LoadedFile, model: type[BaseModel], error: ValidationError) -> list[Diagnostic]:
    found = []
    for item in error.errors(include_url=False):
        loc = tuple(item["loc"])
        on_key = "[key]" in loc
        loc = tuple(step for step in loc if step != "[key]")
        kind = item["type"]
        code = CODES.get(kind, kind if "-" in kind else "invalid-value")
        if kind == "missing":
            message = f"'{loc[-1]}' is required"
            found.append(source.diagnostic(loc[:-1], code, message, key=False))
            continue
        if kind == "extra_forbidden":
            holder = _model_at(model, loc)
            hint = _suggest(str(loc[-1]), holder.model_fields) if holder else ""
            found.append(source.diagnostic(loc, code, f"unknown field '{loc[-1]}'{hint}", key=True))
            continue
        message = item["msg"]
        if kind == "string_pattern_mismatch":
            message = f"'{item['input']}' is not a valid id: use lower-case Latin letters, digits and '-'"
        elif kind == "enum":
            message = f"'{item['input']}' is not one of: {item['ctx']['expected']}"
        found.append(source.diagnostic(loc, code, message, key=on_key))
    return found


def _check_model(source: LoadedFile, model: type[BaseModel], problems: list[Diagnostic]) -> Any:
    try:
        return model.model_validate(source.data)
    except ValidationError as error:
        problems.extend(_schema_diagnostics(source, model, error))
        return None


def _merge_directories(parts: list[tuple[LoadedFile, Directory]], problems: list[Diagnostic]) -> Directory:
    merged: dict[str, dict[str, Any]] = {"organisations": {}, "people": {}, "bodies": {}}
    owner: dict[str, str] = {}
    office = None
    for source, part in parts:
        if part.office is not None:
            if office is not None:
                problems.append(source.diagnostic(("office",), "duplicate-office",
                                                  "the office is already defined in another file", key=True))
            office = part.office
        for section in merged:
            for ident, entry in getattr(part, section).items():
                if ident in owner:
                    problems.append(source.diagnostic(
                        (section, ident), "duplicate-id", f"id '{ident}' is already used in {owner[ident]}", key=True))
                    continue
                owner[ident] = source.display_name
                merged[section][ident] = entry
    return Directory(office=office, **merged)


def _directory_references(source: LoadedFile, directory: Directory) -> Iterable[Diagnostic]:
    def check(path: tuple[Any, ...], ref: str | None, table: dict[str, Any], what: str) -> Iterable[Diagnostic]:
        if ref is not None and ref not in table:
            yield source.diagnostic(path, "unknown-id", f"no {what} with id '{ref}'{_suggest(ref, table)}")

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


def _record_checks(item: ValidRecord, directory: Directory, known_decisions: set[str]) -> Iterable[Diagnostic]:
    source, record = item.source, item.record
    meeting = record.meeting
    units = {**directory.organisations, **directory.bodies}
    addressees = {**directory.people, **units}

    def ref(path: tuple[Any, ...], ident: str, table: dict[str, Any], what: str) -> Iterable[Diagnostic]:
        if ident not in table:
            yield source.diagnostic(path, "unknown-id", f"no {what} with id '{ident}'{_suggest(ident, table)}")

    def free_or_ref(path: tuple[Any, ...], value: str) -> Iterable[Diagnostic]:
        if is_reference(value):
            yield from ref(path, value, addressees, "person, organisation or body")

    yield from ref(("meeting", "body"), meeting.body, directory.bodies, "body")
    yield from ref(("meeting", "chair"), meeting.chair, directory.people, "person")
    if meeting.secretary is not None:
        yield from ref(("meeting", "secretary"), meeting.secretary, directory.people, "person")

    if meeting.weekday is not None:
        try:
            named = weekday_from_name(meeting.weekday)
        except ValueError as error:
            yield source.diagnostic(("meeting", "weekday"), "bad-weekday", str(error))
        else:
            if named != meeting.date.weekday:
                yield source.diagnostic(("meeting", "weekday"), "weekday-mismatch",
                                        f"{meeting.date} is a {meeting.date.weekday_name}, not {meeting.weekday}")
    if meeting.start and meeting.end and meeting.end <= meeting.start:
        yield source.diagnostic(("meeting", "end"), "time-order",
                                f"the meeting ends ({meeting.end}) before it starts ({meeting.start})")

    attendance = record.attendance
    seen: dict[str, str] = {}
    listed = [(("attendance", "present", i), p) for i, p in enumerate(attendance.present)]
    listed += [(("attendance", "absent", i, "person"), a.person) for i, a in enumerate(attendance.absent or [])]
    listed += [(("attendance", "substitutes", i, "person"), sub.person)
               for i, sub in enumerate(attendance.substitutes)]
    listed += [(("attendance", "guests", i), g) for i, g in enumerate(attendance.guests)]
    for path, person in listed:
        yield from ref(path, person, directory.people, "person")
        where = f"{path[1]} #{path[2] + 1}"
        if person in seen:
            yield source.diagnostic(path, "listed-twice", f"'{person}' is already listed ({seen[person]})")
        else:
            seen[person] = where
    attending = set(attendance.present) | {sub.person for sub in attendance.substitutes}
    for i, sub in enumerate(attendance.substitutes):
        path = ("attendance", "substitutes", i, "replaces")
        yield from ref(path, sub.replaces, directory.people, "person")
        if sub.replaces in attending:
            yield source.diagnostic(path, "substitute-for-present",
                                    f"'{sub.replaces}' is attending, so nobody can attend in their place")
    if meeting.quorum is not None and record.decisions and len(attending) < meeting.quorum:
        yield source.diagnostic(("meeting", "quorum"), "quorum-not-reached",
                                f"{len(attending)} members attended but the quorum is {meeting.quorum}; "
                                "the decisions may not bind", severity=Severity.WARNING)
    for role in ("chair", "secretary"):
        person = getattr(meeting, role)
        if person in directory.people and person not in attending:
            yield source.diagnostic(("meeting", role), f"{role}-not-present",
                                    f"the {role} '{person}' is not in attendance.present")

    for i, agenda_item in enumerate(record.agenda):
        for j, statement in enumerate(agenda_item.discussion):
            yield from ref(("agenda", i, "discussion", j, "speaker"), statement.speaker, directory.people, "person")
    for i, decision in enumerate(record.decisions):
        for j, unit in enumerate(decision.responsible):
            yield from ref(("decisions", i, "responsible", j), unit, units, "organisation or body")
        if isinstance(decision.deadline, JalaliDate) and decision.deadline < meeting.date:
            yield source.diagnostic(("decisions", i, "deadline"), "deadline-before-meeting",
                                    f"the deadline {decision.deadline} is before the meeting ({meeting.date})")
        if decision.item is not None and not 1 <= decision.item <= len(record.agenda):
            yield source.diagnostic(("decisions", i, "item"), "unknown-item",
                                    f"there is no agenda item {decision.item} (the agenda has {len(record.agenda)})")
        for j, dissent in enumerate(decision.dissent):
            path = ("decisions", i, "dissent", j, "person")
            yield from ref(path, dissent.person, directory.people, "person")
            if dissent.person in directory.people and dissent.person not in attending:
                yield source.diagnostic(path, "dissent-not-present",
                                        f"'{dissent.person}' did not attend, so cannot record a dissent")
    for i, followup in enumerate(record.followups):
        if followup.decision not in known_decisions:
            yield source.diagnostic(("followups", i, "decision"), "unknown-decision",
                                    f"no decision with id '{followup.decision}'"
                                    f"{_suggest(followup.decision, known_decisions)}")
        if followup.status is Status.EXTENDED and followup.extended_to is None:
            yield source.diagnostic(("followups", i), "missing-field",
                                    "'extended_to' is required when the status is extended")
        if followup.extended_to is not None and followup.extended_to < meeting.date:
            yield source.diagnostic(("followups", i, "extended_to"), "deadline-before-meeting",
                                    f"the new deadline {followup.extended_to} is before the meeting ({meeting.date})")
    for i, letter in enumerate(record.letters):
        yield from free_or_ref(("letters", i, "to"), letter.to)
        for j, signer in enumerate(letter.signatories):
            yield from ref(("letters", i, "signatories", j), signer, directory.people, "person")
        for j, copy in enumerate(letter.copies):
            yield from free_or_ref(("letters", i, "copies", j, "to"), copy.to)


def _decision_id_clashes(requested: list[ValidRecord], others: list[ValidRecord]) -> Iterable[Diagnostic]:
    first: dict[str, ValidRecord] = {}
    for item in [*requested, *others]:
        for i in range(len(item.record.decisions)):
            ident = item.decision_id(i)
            if ident in first and item in requested and first[ident] is not item:
                where = "number" if item.record.meeting.number is not None else "date"
                yield item.source.diagnostic(
                    ("meeting", where), "duplicate-decision-id",
                    f"decision id '{ident}' is also given by {first[ident].source.display_name}")
                break
            first.setdefault(ident, item)


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
        problems.append(Diagnostic(workspace.display_name(workspace.data), 1, 1, "no-office",
                                   "no office is defined: add data/office.yaml with an 'office:' entry"))
    for source, _ in parts:
        problems.extend(_directory_references(source, directory))

    requested_paths = [p.resolve() for p in (record_paths or workspace.record_files())]
    if not requested_paths:
        problems.append(Diagnostic(workspace.display_name(workspace.meetings), 1, 1, "no-records",
                                   "no meeting records found"))
    others = [p for p in workspace.record_files() if p.resolve() not in requested_paths]
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
    known_decisions = {item.decision_id(i) for item in [*requested, *other_records]
                       for i in range(len(item.record.decisions))}
    for item in requested:
        problems.extend(_record_checks(item, directory, known_decisions))
    problems.extend(_decision_id_clashes(requested, other_records))

    if any(p.severity is Severity.ERROR for p in problems):
        raise InvalidInput(problems)
    return Validated(directory, tuple(requested), tuple(problems))
