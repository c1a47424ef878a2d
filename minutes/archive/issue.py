"""Issue: numbered final originals in a BagIt bag, written through the output stage.

``issue_record`` takes the register's write lock, numbers the documents, renders them as PDF/A-3a
with the issued record embedded and their verification codes, signs them when the office signs
(:mod:`.seal`), makes the bag (RFC 8493, sha512) in the staging folder, records in the register the
hash of every original and of the bag's tag manifest, renames the bag into place with the output
stage's staged writer and only then commits. A process killed at any point leaves either the whole
issue or nothing; leftovers of a killed issue are removed by the next one, under the lock, and until
then ``verify`` knows them for what they are (:mod:`.unfinished`). The record in data/ is never
touched: the issued copy, with its numbers, lives in the bag.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import bagit

from minutes import __version__
from minutes.archive import originals, provenance, seal
from minutes.archive.issued import SOURCE_NAME, issued_text, load_issued, numbered_keys, render_finals
from minutes.archive.registry import REGISTRY_NAME, Registry
from minutes.archive.search import TABLE as SEARCH_TABLE
from minutes.archive.search import index_record, record_texts
from minutes.archive.signing import OfficeKey, Trust
from minutes.archive.unfinished import MARKER_PREFIX, TAG_MANIFEST, marker, marker_path, unlisted_bags
from minutes.diagnostics import BadArgument, InvalidInput, Note
from minutes.model import Issued, MergedDirectory, RecordStatus
from minutes.output.files import Staging, pause_if_asked, remove_leftovers
from minutes.secretariat import office_for
from minutes.sources import check_workspace, directory_snapshot, record_bytes
from minutes.text.jalali import JalaliDate
from minutes.validate import ValidRecord
from minutes.vcode import codes_of
from minutes.workspace import Workspace

OLD_STAGING = ".staging"  # where issues before the output stage staged their bags
CHECKSUMS = ["sha512"]

Progress = Callable[[Note], None]


@dataclass(frozen=True)
class IssueResult:
    """An issued version: where its bag is, which numbers it took and the verification code of each."""

    record: str
    version: int
    bag: Path
    numbers: dict[str, str]
    codes: dict[str, str]


@dataclass(frozen=True)
class Signer:
    """How an issue signs: the office key (None when the office does not sign) and the trust it must meet."""

    key: OfficeKey | None = None
    trust: Trust = Trust()


def _remove_leftovers(archive: Path, registry: Registry) -> None:
    """Staging folders, bags the register does not know and markers: what a killed issue left (under the lock)."""
    shutil.rmtree(archive / OLD_STAGING, ignore_errors=True)
    remove_leftovers(archive)
    for bag in unlisted_bags(archive, registry.folders()):
        shutil.rmtree(bag)
    for stale in archive.glob(MARKER_PREFIX + "*"):
        stale.unlink(missing_ok=True)


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
                 supersede_reason: str | None = None, progress: Progress | None = None,
                 environ: Mapping[str, str] = os.environ, ask_password: seal.AskPassword | None = None) -> IssueResult:
    """Issue one record: strict validation, numbers, PDF/A-3a originals (signed when the office's
    ``signing`` says so, the key's password from ``environ`` or else ``ask_password``), a bag, register rows."""
    say = progress or (lambda _line: None)
    validated = check_workspace(workspace, [record_path])
    if validated.warnings:
        raise InvalidInput(list(validated.warnings))
    item = validated.records[0]
    if item.record.status is RecordStatus.PLANNED:
        raise BadArgument(Note.of("planned-meeting", record=item.name))
    meeting_date = item.record.meeting.date
    if issue_date < meeting_date:  # the final letter would be dated before the meeting it reports
        raise InvalidInput([item.source.diagnostic(("meeting", "date"), "issue-before-meeting", issued=str(issue_date),
                                                   date=str(meeting_date))])
    source = record_bytes(record_path)
    settings = seal.signing_settings(validated.directory_files)
    signer = Signer(seal.load_key(workspace, settings, environ, ask_password) if settings else None,
                    seal.trust_of(workspace, settings))
    archive.mkdir(parents=True, exist_ok=True)
    registry = Registry(archive / REGISTRY_NAME)
    registry.connection.execute(SEARCH_TABLE)
    try:
        with registry.transaction():
            _remove_leftovers(archive, registry)
            version = _next_version(registry, item.name, supersede_reason)
            result = _issue(workspace, validated.directory, item, source, archive, registry, issue_date, version,
                            supersede_reason, signer, say)
    finally:
        registry.close()
    marker_path(archive, f"{item.name}/v{version}").unlink(missing_ok=True)  # committed: no longer unfinished
    return result


def _next_version(registry: Registry, record: str, supersede_reason: str | None) -> int:
    versions = registry.versions(record)
    if versions and supersede_reason is None:
        last = versions[-1]
        raise BadArgument(Note.of("already-issued", record=record, version=last.version, date=str(last.issued_on)))
    return len(versions) + 1


def _originals(workspace: Workspace, directory: MergedDirectory, issued_item: ValidRecord, issued_yaml: bytes,
               folder: str, signer: Signer) -> tuple[dict[str, bytes], list[originals.NewOriginal]]:
    """The originals as archived (by path under the payload folder; signed when the office signs) and
    their register rows."""
    issued = issued_item.record.issued
    assert issued is not None, "an issued record has its issued block"
    finals = render_finals(workspace, issued_item, directory, issued_yaml)
    signing = directory.office.signing
    if signer.key is not None and signing is not None:
        archived = seal.sign_originals(list(finals.values()), signer.key, signing, signer.trust)
    else:
        archived = {made.target: made.data for made in finals.values()}
    codes = codes_of(issued_yaml, issued.numbers, str(issued.date))
    rows = [seal.new_original(f"{folder}/data/{made.target.as_posix()}", key, codes[key], made.data,
                              archived[made.target], signer.key) for key, made in finals.items()]
    return {target.as_posix(): data for target, data in archived.items()}, rows


def _issue(workspace: Workspace, directory: MergedDirectory, item: ValidRecord, source: bytes, archive: Path,
           registry: Registry, issue_date: JalaliDate, version: int, reason: str | None, signer: Signer,
           say: Progress) -> IssueResult:
    """Number, render, sign, bag and write one version (inside the register's transaction), with the
    pattern, unit and name of the secretariat of the record's body."""
    office = office_for(directory, item.record.meeting.body)
    folder = f"{item.name}/v{version}"
    numbers = registry.next_numbers(numbered_keys(item, directory), office.letter_number, office.unit or "",
                                    issue_date.year)
    issued_yaml = issued_text(source, Issued(version=version, date=issue_date, numbers=numbers, reason=reason))
    issued_item = load_issued(issued_yaml, item.name, f"{folder}/data/source/{SOURCE_NAME}")
    registry.add_issue(item.name, version, issue_date, folder, hashlib.sha256(issued_yaml).hexdigest(), reason,
                       numbers)
    say(Note.of("issue-numbered", count=len(numbers), record=item.name, version=version))
    pause_if_asked(archive, "numbered")
    made, rows = _originals(workspace, directory, issued_item, issued_yaml, folder, signer)
    say(Note.of("issue-rendered.signed" if signer.key else "issue-rendered", count=len(made)))
    pause_if_asked(archive, "rendered")
    with Staging(archive) as staging:
        info = {"Source-Organization": office.name, "External-Identifier": folder,
                "Bag-Group-Identifier": item.record.meeting.body, "Bagging-Date": issue_date.iso(),
                "Bag-Software-Agent": f"minutes {__version__}"}
        bagged = _bag_files(staging.scratch(), _payload(made, issued_yaml, workspace), info)
        files = provenance.tagged(bagged, provenance.describe(workspace, office.font))
        originals.add(registry.connection, item.name, version, rows, originals.BagSeal(
            hashlib.sha256(files[TAG_MANIFEST]).hexdigest(), files["manifest-sha512.txt"].decode("utf-8")))
        for name, data in files.items():
            staging.add(archive / folder / name, data)
        staging.add(marker_path(archive, folder), marker(folder, files[TAG_MANIFEST]))  # unfinished until committed
        pause_if_asked(archive, "bagged")
    pause_if_asked(archive, "moved")
    index_record(registry.connection, folder, record_texts(issued_item, directory))
    return IssueResult(item.name, version, archive / folder, numbers, {row.document: row.code for row in rows})
