"""Issue: numbered final originals in a BagIt bag, written through the output stage.

``issue_record`` takes the register's write lock, numbers the documents, renders them as PDF/A-3a
with the issued record embedded, makes the bag (RFC 8493, sha512) in the staging folder, renames
it into place with the output stage's staged writer and only then commits. A process killed at
any point leaves either the whole issue or nothing; leftovers of a killed issue are removed by the
next one, under the lock. The record in data/ is never touched: the issued copy, with its numbers,
lives in the bag.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import bagit

from minutes import __version__
from minutes.archive import provenance
from minutes.archive.issued import SOURCE_NAME, issued_text, load_issued, numbered_keys, render_originals
from minutes.archive.registry import REGISTRY_NAME, Registry
from minutes.archive.search import TABLE as SEARCH_TABLE
from minutes.archive.search import index_record, record_texts
from minutes.diagnostics import InvalidInput, MinutesError
from minutes.model import Issued, MergedDirectory, RecordStatus
from minutes.output.files import Staging, pause_if_asked, remove_leftovers
from minutes.secretariat import office_for
from minutes.sources import check_workspace, directory_snapshot, record_bytes
from minutes.text.jalali import JalaliDate
from minutes.validate import ValidRecord
from minutes.workspace import Workspace

OLD_STAGING = ".staging"  # where issues before the output stage staged their bags
CHECKSUMS = ["sha512"]

Progress = Callable[[str], None]


@dataclass(frozen=True)
class IssueResult:
    """An issued version: where its bag is and which numbers it took."""

    record: str
    version: int
    bag: Path
    numbers: dict[str, str]


def unlisted_bags(archive: Path, known: set[str]) -> list[Path]:
    """The bag folders (``<record>/v<N>``) in ``archive`` that are not among the ``known`` folders."""
    return [bag for bag in sorted(archive.glob("*/v*"))
            if bag.is_dir() and bag.relative_to(archive).as_posix() not in known]


def _remove_leftovers(archive: Path, registry: Registry) -> None:
    """Staging folders and bags the register does not know: what a killed issue left (under the lock)."""
    shutil.rmtree(archive / OLD_STAGING, ignore_errors=True)
    remove_leftovers(archive)
    for bag in unlisted_bags(archive, registry.folders()):
        shutil.rmtree(bag)


def _bag_files(scratch: Path, files: dict[str, bytes], info: dict[str, str]) -> dict[str, bytes]:
    """The files of a bag holding ``files`` (by path under its payload), made with bagit in ``scratch``."""
    for name, data in files.items():
        target = scratch / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    bagit.make_bag(str(scratch), info, checksums=CHECKSUMS).validate()
    return {path.relative_to(scratch).as_posix(): path.read_bytes()
            for path in sorted(scratch.rglob("*")) if path.is_file()}


def _payload(made: dict[str, bytes], issued_yaml: bytes, workspace: Workspace) -> dict[str, bytes]:
    """What a bag carries: the originals, the issued record and a snapshot of the directory files."""
    snapshot = {f"source/directory/{name}": data for name, data in directory_snapshot(workspace).items()}
    return {**made, f"source/{SOURCE_NAME}": issued_yaml, **snapshot}


def issue_record(workspace: Workspace, record_path: Path, archive: Path, *, issue_date: JalaliDate,
                 supersede_reason: str | None = None, progress: Progress | None = None) -> IssueResult:
    """Issue one record: strict validation, numbers, PDF/A-3a originals, a bag, a register row."""
    say = progress or (lambda _line: None)
    validated = check_workspace(workspace, [record_path])
    if validated.warnings:
        raise InvalidInput(list(validated.warnings))
    item = validated.records[0]
    if item.record.status is RecordStatus.PLANNED:
        raise MinutesError(f"{item.name} is a planned meeting: its invitations are drafts for now; issue the "
                           "record once the meeting is held (without 'status: planned')")
    meeting_date = item.record.meeting.date
    if issue_date < meeting_date:  # the final letter would be dated before the meeting it reports
        raise InvalidInput([item.source.diagnostic(("meeting", "date"), "issue-before-meeting", issued=str(issue_date),
                                                   date=str(meeting_date))])
    source = record_bytes(record_path)
    archive.mkdir(parents=True, exist_ok=True)
    registry = Registry(archive / REGISTRY_NAME)
    registry.connection.execute(SEARCH_TABLE)
    try:
        with registry.transaction():
            _remove_leftovers(archive, registry)
            version = _next_version(registry, item.name, supersede_reason)
            result = _issue(workspace, validated.directory, item, source, archive, registry, issue_date, version,
                            supersede_reason, say)
    finally:
        registry.close()
    return result


def _next_version(registry: Registry, record: str, supersede_reason: str | None) -> int:
    versions = registry.versions(record)
    if versions and supersede_reason is None:
        last = versions[-1]
        raise MinutesError(f"{record} was already issued (version {last.version} on {last.issued_on}); "
                           "to issue a corrected version use --supersede --reason TEXT")
    return len(versions) + 1


def _issue(workspace: Workspace, directory: MergedDirectory, item: ValidRecord, source: bytes, archive: Path,
           registry: Registry, issue_date: JalaliDate, version: int, reason: str | None,
           say: Progress) -> IssueResult:
    """Number, render, bag and write one version (inside the register's transaction), with the pattern,
    unit and name of the secretariat of the record's body."""
    office = office_for(directory, item.record.meeting.body)
    folder = f"{item.name}/v{version}"
    numbers = registry.next_numbers(numbered_keys(item, directory), office.letter_number, office.unit or "",
                                    issue_date.year)
    issued_yaml = issued_text(source, Issued(version=version, date=issue_date, numbers=numbers, reason=reason))
    issued_item = load_issued(issued_yaml, item.name, f"{folder}/data/source/{SOURCE_NAME}")
    registry.add_issue(item.name, version, issue_date, folder, hashlib.sha256(issued_yaml).hexdigest(), reason,
                       numbers)
    say(f"numbered {len(numbers)} document(s) of {item.name} version {version}")
    pause_if_asked(archive, "numbered")
    made = render_originals(workspace, issued_item, directory, issued_yaml)
    say(f"rendered {len(made)} PDF/A-3a original(s)")
    pause_if_asked(archive, "rendered")
    with Staging(archive) as staging:
        info = {"Source-Organization": office.name, "External-Identifier": folder,
                "Bag-Group-Identifier": item.record.meeting.body, "Bagging-Date": issue_date.iso(),
                "Bag-Software-Agent": f"minutes {__version__}"}
        bagged = _bag_files(staging.scratch(), _payload(made, issued_yaml, workspace), info)
        for name, data in provenance.tagged(bagged, provenance.describe(workspace, office.font)).items():
            staging.add(archive / folder / name, data)
        pause_if_asked(archive, "bagged")
    pause_if_asked(archive, "moved")
    index_record(registry.connection, folder, record_texts(issued_item, directory))
    return IssueResult(item.name, version, archive / folder, numbers)
