"""Verify: prove an archive unchanged against its own register.

Every bag is validated (sha512); its tag manifest is compared with the hash the register recorded
(so a file changed with the manifests recomputed is named); the register's own rows (numbers,
version, issue date, reason) with the issued record in each bag; every PDF with the hash the
register recorded, for incremental updates appended after ours, and for its signature when it was
signed; and the record embedded in every PDF with the archived one. veraPDF adds its verdict when
it is installed. What a killed issue left is told apart from tampering (:mod:`.unfinished`).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import bagit

from minutes.archive import originals
from minutes.archive.embedded import embedded_source
from minutes.archive.issued import SOURCE_NAME, load_issued
from minutes.archive.originals import BagSeal, Original
from minutes.archive.registry import REGISTRY_NAME, IssueRow, Registry
from minutes.archive.seal import original_problems
from minutes.archive.signing import Trust, revisions
from minutes.archive.unfinished import TAG_MANIFEST, findings
from minutes.diagnostics import InvalidInput, Note
from minutes.model import Issued
from minutes.text.slug import is_safe_name

PAYLOAD_MANIFEST = "manifest-sha512.txt"


@dataclass(frozen=True)
class Verdict:
    """What verify found: ``problems`` (the archive is not as issued) and ``notes`` (no problem: an
    unfinished issue, issues the register recorded before it kept hashes of their files; in the catalogue's words)."""

    problems: tuple[Note, ...] = ()
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True)
class _Recorded:
    """What the register holds of one issue's files (nothing for issues recorded before it kept them),
    and ``copies``: the file of every original in the register by its SHA-256, to name a swapped one."""

    originals: tuple[Original, ...]
    bag: BagSeal | None
    copies: dict[str, str]


def _embedded_source(pdf: Path) -> bytes | None:
    import pikepdf

    with pikepdf.open(pdf) as document:
        return embedded_source(document)


def _bagit_problems(folder: Path) -> list[Note]:
    try:
        bagit.Bag(str(folder)).validate()
    except bagit.BagValidationError as error:
        return [Note.of("verify-bagit", path=str(folder / str(getattr(d, "path", ""))), error=str(d))
                for d in error.details] or [Note.of("verify-bagit", path=str(folder), error=str(error))]
    except bagit.BagError as error:
        return [Note.of("verify-bagit", path=str(folder), error=str(error))]
    return []


def _manifest(text: str) -> dict[str, str]:
    """A BagIt manifest's entries: path → checksum."""
    return {path: digest for digest, _, path in (line.partition("  ") for line in text.splitlines() if line)}


def _seal_problems(folder: Path, recorded: BagSeal) -> list[Note]:
    """The bag against the register's hash of its tag manifest: a change made with the manifests recomputed."""
    tag = folder / TAG_MANIFEST
    if tag.is_file() and hashlib.sha256(tag.read_bytes()).hexdigest() == recorded.tagmanifest_sha256:
        return []
    payload = folder / PAYLOAD_MANIFEST
    now = _manifest(payload.read_text(encoding="utf-8", errors="replace")) if payload.is_file() else {}
    issued = _manifest(recorded.manifest)
    problems = [Note.of("verify-recomputed", path=str(folder / path))
                for path in sorted(issued) if path in now and now[path] != issued[path]]
    problems += [Note.of("verify-not-in-bag", path=str(folder / path)) for path in sorted(set(now) - set(issued))]
    problems += [Note.of("verify-not-in-bag.missing", path=str(folder / path))
                 for path in sorted(set(issued) - set(now))]
    return problems or [Note.of("verify-tag-changed", path=str(tag))]


def _register_problems(source_path: Path, row: IssueRow, issued: Issued | None) -> list[Note]:
    """The register's row against the issued record's ``issued:`` block, one problem per field that differs."""
    if issued is None:
        return [Note.of("verify-no-issued-block", path=str(source_path))]
    fields = (("version", row.version, issued.version), ("issue-date", row.issued_on, issued.date),
              ("reason", row.reason, issued.reason), ("numbers", row.numbers, issued.numbers))
    return [Note.of(f"verify-register-differs.{name}", path=str(source_path), ours=_shown(ours),
                    theirs=_shown(theirs)) for name, ours, theirs in fields if ours != theirs]


def _shown(value: object) -> str | Note:
    if value is None:
        return Note.of("verify-none")
    if isinstance(value, dict):
        return ", ".join(f"{key} {number}" for key, number in value.items())
    return str(value)


def _source_problems(folder: Path, row: IssueRow) -> tuple[list[Note], bytes | None]:
    """The issued record against the register: its hash and its ``issued:`` block; and its bytes."""
    source_path = folder / "data" / "source" / SOURCE_NAME
    if not source_path.is_file():
        return [Note.of("verify-missing", path=str(source_path))], None
    source = source_path.read_bytes()
    problems = []
    if hashlib.sha256(source).hexdigest() != row.source_sha256:
        problems.append(Note.of("verify-source-hash", path=str(source_path)))
    try:
        issued = load_issued(source, row.record, str(source_path)).record.issued
    except (InvalidInput, ValueError) as error:
        unreadable = Note.of("verify-source-unreadable", path=str(source_path), error=str(error).splitlines()[0])
        return [*problems, unreadable], source
    return problems + _register_problems(source_path, row, issued), source


def _pdf_problems(archive: Path, folder: Path, source: bytes | None, recorded: _Recorded, trust: Trust) -> list[Note]:
    """Every PDF of a bag: the record embedded, the register's hash and signature, no update after ours."""
    by_file = {archive / original.file: original for original in recorded.originals}
    pdfs = sorted((folder / "data").rglob("*.pdf"))
    problems = [Note.of("verify-listed-missing", path=str(path)) for path in sorted(set(by_file) - set(pdfs))]
    if recorded.originals:
        problems += [Note.of("verify-unlisted-original", path=str(path)) for path in sorted(set(pdfs) - set(by_file))]
    for pdf in pdfs:
        try:
            embedded = _embedded_source(pdf)
        except Exception as error:  # pikepdf raises many kinds for a damaged file
            problems.append(Note.of("verify-unreadable-pdf", path=str(pdf), kind=type(error).__name__))
            continue
        if source is not None and embedded != source:
            problems.append(Note.of("verify-embedded-differs", path=str(pdf), name=SOURCE_NAME))
        data = pdf.read_bytes()
        copy = recorded.copies.get(hashlib.sha256(data).hexdigest())
        if copy is not None and archive / copy != pdf:
            problems.append(Note.of("verify-copy", path=str(pdf), original=str(archive / copy)))
        if pdf in by_file:
            problems += [Note.of("verify-original", path=str(pdf), problem=problem)
                         for problem in original_problems(data, by_file[pdf], trust)]
        elif (found := revisions(data) or 1) > 1:  # issued before the register kept hashes: never signed
            problems.append(Note.of("verify-appended", path=str(pdf), count=found - 1))
    return problems


def _confined(archive: Path, folder: str) -> bool:
    """Whether a register's folder is a bag folder of the archive: ``<record>/v<N>``, inside it."""
    name, _, version = folder.partition("/")
    return (is_safe_name(name) and version.startswith("v") and version[1:].isdigit()
            and Path(os.path.realpath(archive / folder)).is_relative_to(os.path.realpath(archive)))


def _folder_problems(archive: Path, row: IssueRow) -> list[Note]:
    """A register row whose folder leads out of the archive, or is not where issue puts its record and version."""
    register = str(archive / REGISTRY_NAME)
    if not _confined(archive, row.folder):
        return [Note.of("verify-folder-outside", register=register, folder=repr(row.folder), record=row.record,
                        version=row.version)]
    if row.folder != f"{row.record}/v{row.version}":
        return [Note.of("verify-folder-misplaced", register=register, record=row.record, version=row.version,
                        folder=row.folder, expected=f"{row.record}/v{row.version}")]
    return []


def _check_bag(archive: Path, row: IssueRow, recorded: _Recorded, trust: Trust) -> list[Note]:
    misplaced = _folder_problems(archive, row)
    if misplaced:
        return misplaced
    folder = archive / row.folder
    if not folder.is_dir():
        return [Note.of("verify-bag-missing", path=str(folder), record=row.record, version=row.version)]
    problems = _bagit_problems(folder)
    if recorded.bag is not None:
        problems += _seal_problems(folder, recorded.bag)
    source_problems, source = _source_problems(folder, row)
    return problems + source_problems + _pdf_problems(archive, folder, source, recorded, trust)


def verapdf_problems(pdfs: list[Path]) -> list[Note] | None:
    """veraPDF's verdict on each PDF when it is installed (it is on no registry we use); None when absent."""
    verapdf = shutil.which("verapdf")
    if verapdf is None or not pdfs:
        return None
    result = subprocess.run([verapdf, "--format", "text", *map(str, pdfs)], capture_output=True, text=True,
                            check=False)
    failed = [line.split(None, 1)[1] for line in result.stdout.splitlines() if line.startswith("FAIL ")]
    if result.returncode not in (0, 1) and not failed:
        return [Note.of("verify-verapdf-failed", reason=result.stderr.strip() or result.returncode)]
    return [Note.of("verify-not-pdfa", path=path) for path in failed]


def _register(archive: Path) -> tuple[list[IssueRow], dict[str, _Recorded]]:
    registry = Registry(archive / REGISTRY_NAME)
    try:
        rows = registry.all_issues()
        listed = {row.folder: tuple(originals.of_issue(registry.connection, row.record, row.version)) for row in rows}
        bags = {row.folder: originals.bag_of(registry.connection, row.record, row.version) for row in rows}
    finally:
        registry.close()
    copies = {original.sha256: original.file for found in listed.values() for original in found}
    return rows, {folder: _Recorded(listed[folder], bags[folder], copies) for folder in listed}


def verify(archive: Path, trust: Trust | None = None) -> Verdict:
    """Every difference between the register, the bags and the originals (their signatures checked against
    ``trust``), and what unfinished issues left; no problems when all is well."""
    if not (archive / REGISTRY_NAME).is_file():
        return Verdict((Note.of("verify-no-register", register=str(archive / REGISTRY_NAME)),))
    rows, recorded = _register(archive)
    problems = [problem for row in rows for problem in _check_bag(archive, row, recorded[row.folder], trust or Trust())]
    unfinished = findings(archive, {row.folder for row in rows})
    legacy = [row for row in rows if not recorded[row.folder].originals]
    folders = ", ".join(row.folder for row in legacy)
    notes = [Note.of("verify-legacy", count=len(legacy), folders=folders)] if legacy else []
    pdfs = [pdf for row in rows if not _folder_problems(archive, row) and (archive / row.folder).is_dir()
            for pdf in sorted((archive / row.folder / "data").rglob("*.pdf"))]
    problems += [*unfinished.problems, *(verapdf_problems(pdfs) or [])]
    return Verdict(tuple(problems), (*unfinished.notes, *notes))
