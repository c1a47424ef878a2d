"""Validation: a pure function of the loaded files (no disk reads), collecting every problem.

Shapes and types first (:mod:`.schema`, per file), then the directory merged and its references
(:mod:`.directory`), then each record's facts (:mod:`.record`), then what records say of each
other: decision ids given twice, follow-ups of decisions that do not exist. A build that cannot
afford to load every record passes the others as :class:`Known` (the decision ids a record gives
and refers to, a pure function of its bytes), and re-checks any record those references implicate.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from minutes.diagnostics import Diagnostic, InvalidInput, Severity
from minutes.load import LoadedFile, Source, Unreadable
from minutes.model import Directory, MergedDirectory, Record
from minutes.text.slug import is_safe_name
from minutes.validate import directory as directory_checks
from minutes.validate.hygiene import bad_characters
from minutes.validate.record import check_record
from minutes.validate.schema import check_model
from minutes.workspace import Workspace


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

    @property
    def known(self) -> Known:
        """What other records' validation needs to know of this one."""
        return Known(self.name, self.source.display_name,
                     tuple(self.decision_id(i) for i in range(len(self.record.decisions))),
                     tuple(f.decision for f in self.record.followups))


@dataclass(frozen=True)
class Known:
    """A record's decision ids as validation of other records needs them: those it gives and those
    its follow-ups refer to."""

    name: str
    display_name: str
    ids: tuple[str, ...]
    refs: tuple[str, ...]


@dataclass(frozen=True)
class Validated:
    """The outcome of validation: the merged directory, the valid records and any warnings."""

    directory: MergedDirectory
    records: tuple[ValidRecord, ...]
    warnings: tuple[Diagnostic, ...]
    directory_files: tuple[LoadedFile, ...] = ()


def check_directory(files: Sequence[Source], workspace: Workspace, problems: list[Diagnostic]) -> Directory:
    """The directory files merged and checked; their problems added to ``problems``."""
    parts: list[tuple[LoadedFile, Directory]] = []
    for source in files:
        if isinstance(source, Unreadable):
            problems.extend(source.diagnostics)
            continue
        problems.extend(bad_characters(source))
        part = check_model(source, Directory, problems)
        if part is not None:
            parts.append((source, part))
    directory = directory_checks.merge(parts, problems)
    if directory.office is None and not problems:
        problems.append(Diagnostic.of(workspace.display_name(workspace.data), 1, 1, "no-office"))
    for source, _ in parts:
        problems.extend(directory_checks.references(source, directory))
    return directory


def _schema_valid(sources: Iterable[Source], problems: list[Diagnostic]) -> list[ValidRecord]:
    """The records whose shape is right (their other problems added to ``problems``)."""
    valid = []
    for source in sources:
        if isinstance(source, Unreadable):
            problems.extend(source.diagnostics)
            continue
        named = is_safe_name(source.path.stem)
        if not named:  # it names folders in out/ and archive/: never '..' or a path
            problems.append(Diagnostic.of(source.display_name, 1, 1, "bad-record-name", name=source.path.stem))
        problems.extend(bad_characters(source))
        record = check_model(source, Record, problems)
        if record is not None and named:
            valid.append(ValidRecord(source.path.stem, source, record))
    return valid


def _clashes(checked: Sequence[ValidRecord], others: Sequence[Known]) -> Iterable[Diagnostic]:
    """Each checked record that gives a decision id another record also gives (once per record)."""
    givers: dict[str, list[Known]] = {}
    for known in [*(item.known for item in checked), *others]:
        for ident in known.ids:
            givers.setdefault(ident, []).append(known)
    for item in checked:
        for ident in item.known.ids:
            other = next((giver for giver in givers[ident] if giver.display_name != item.source.display_name), None)
            if other is not None:
                where = "number" if item.record.meeting.number is not None else "date"
                yield item.source.diagnostic(("meeting", where), "duplicate-decision-id", id=ident,
                                             file=other.display_name)
                break


def validate(directory_files: Sequence[Source], records: Sequence[Source], workspace: Workspace, *,
             context: Sequence[Source] = (), known: Sequence[Known] = ()) -> Validated:
    """Check the directory and ``records``; the decision ids of ``context`` records (those whose shape
    is right; their problems are not reported) and of ``known`` ones count too. ``workspace`` only
    names the folders of the problems that concern no file.

    Raises :class:`InvalidInput` with every error found; returns the warnings alongside the result.
    """
    problems: list[Diagnostic] = []
    directory = check_directory(directory_files, workspace, problems)
    if not records:
        problems.append(Diagnostic.of(workspace.display_name(workspace.meetings), 1, 1, "no-records"))
    checked = _schema_valid(records, problems)
    others = [item.known for item in _schema_valid(context, [])] + list(known)
    given = {ident for known_record in [*(item.known for item in checked), *others] for ident in known_record.ids}
    for item in checked:
        problems.extend(check_record(item.source, item.record, directory, given))
    problems.extend(_clashes(checked, others))
    if any(p.severity is Severity.ERROR for p in problems):
        raise InvalidInput(problems)
    files = tuple(source for source in directory_files if isinstance(source, LoadedFile))
    return Validated(directory_checks.with_office(directory), tuple(checked), tuple(problems), files)


def known_of(sources: Iterable[Source]) -> list[Known]:
    """The decision ids each record gives and refers to (those whose shape is right; nothing reported)."""
    return [item.known for item in _schema_valid(sources, [])]
