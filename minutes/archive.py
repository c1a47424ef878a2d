"""Issue and archive: numbered final originals in BagIt bags, and the check that they are unchanged.

``issue_record`` takes the register's write lock, numbers the documents, renders them as
PDF/A-3a with the issued record embedded, bags them (RFC 8493, sha512) in a staging folder,
moves the bag into place and only then commits. A process killed at any point leaves either the
whole issue or nothing; leftovers of a killed issue are removed by the next one, under the lock.
The record in data/ is never touched: the issued copy, with its numbers, lives in the bag.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import bagit

from minutes import __version__
from minutes.context import Document, documents_for
from minutes.diagnostics import InvalidInput, MinutesError
from minutes.fonts import choose_font
from minutes.jalali import JalaliDate
from minutes.load import parse
from minutes.model import Directory, Issued, Record
from minutes.registry import REGISTRY_NAME, IssueRow, Registry
from minutes.render import environment, render_document
from minutes.search import TABLE as SEARCH_TABLE
from minutes.search import index_record, record_texts
from minutes.validate import ValidRecord, validate
from minutes.workspace import Workspace

STAGING = ".staging"
SOURCE_NAME = "meeting.yaml"
PAUSE_VARIABLE = "MINUTES_ISSUE_PAUSE"  # test hook: pause at a named step so a test can kill the process
CHECKSUMS = ["sha512"]

Progress = Callable[[str], None]


@dataclass(frozen=True)
class IssueResult:
    """An issued version: where its bag is and which numbers it took."""

    record: str
    version: int
    bag: Path
    numbers: dict[str, str]


def _pause_if_asked(archive: Path, step: str) -> None:
    if os.environ.get(PAUSE_VARIABLE) == step:
        (archive / f".paused-{step}").touch()
        time.sleep(3600)


def issued_text(source: bytes, issued: Issued) -> bytes:
    """The record as written, with the ``issued`` block appended (the original bytes are kept)."""
    lines = ["", "# Added by 'minutes issue'; everything above is the record as it was written.", "issued:",
             f"  version: {issued.version}", f"  date: {issued.date}"]
    if issued.reason:
        lines.append(f"  reason: {json.dumps(issued.reason, ensure_ascii=False)}")
    lines.append("  numbers:")
    lines += [f'    {key}: "{number}"' for key, number in issued.numbers.items()]
    body = source if source.endswith(b"\n") or not source else source + b"\n"
    return body + ("\n".join(lines) + "\n").encode("utf-8")


def load_issued(text: bytes, name: str, display_name: str) -> ValidRecord:
    """An issued copy read back as a record (its content was validated before it was issued)."""
    source = parse(text.decode("utf-8-sig"), Path(display_name), display_name)
    return ValidRecord(name, source, Record.model_validate(source.data))


def _archival_documents(item: ValidRecord, directory: Directory, numbers: dict[str, str] | None,
                        issue_date: JalaliDate) -> list[Document]:
    return [doc for doc in documents_for(item, directory, draft=False, numbers=numbers, issue_date=issue_date)
            if doc.is_pdf]


def render_originals(workspace: Workspace, item: ValidRecord, directory: Directory,
                     issued_yaml: bytes) -> dict[str, bytes]:
    """The final PDFs of an issued record, by file name under the bag's payload folder."""
    from minutes.pdf import Archival, PdfRenderer  # WeasyPrint only when rendering

    issued = item.record.issued
    assert issued is not None and directory.office is not None
    documents = _archival_documents(item, directory, issued.numbers, issued.date)
    renderer = PdfRenderer(workspace, choose_font(workspace, directory.office.font))
    env = environment(workspace)
    archival = Archival(issued_yaml, SOURCE_NAME, item.record.meeting.date.to_gregorian(),
                        issued.date.to_gregorian())
    files = {}
    for document in documents:
        rendered = renderer.render(render_document(env, document), document.papers, archival)
        folder = "" if document.key == "minutes" else "letters/"
        files[f"{folder}{document.filename}"] = rendered.data
    return files


def _remove_leftovers(archive: Path, registry: Registry) -> None:
    """Staging folders and bags the register does not know: what a killed issue left (under the lock)."""
    shutil.rmtree(archive / STAGING, ignore_errors=True)
    for bag in _unlisted_bags(archive, registry.folders()):
        shutil.rmtree(bag)


def _unlisted_bags(archive: Path, known: set[str]) -> list[Path]:
    """The bag folders (``<record>/v<N>``) in ``archive`` that are not among the ``known`` folders."""
    return [bag for bag in sorted(archive.glob("*/v*"))
            if bag.is_dir() and bag.relative_to(archive).as_posix() not in known]


def _bag(staging: Path, files: dict[str, bytes], source: bytes, directory_files: list[Path],
         info: dict[str, str]) -> None:
    for name, data in {**files, f"source/{SOURCE_NAME}": source}.items():
        target = staging / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    for path in directory_files:
        (staging / "source" / "directory").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, staging / "source" / "directory" / path.name)
    bag = bagit.make_bag(str(staging), info, checksums=CHECKSUMS)
    bag.validate()


def issue_record(workspace: Workspace, record_path: Path, archive: Path, *, issue_date: JalaliDate,
                 supersede_reason: str | None = None, progress: Progress | None = None) -> IssueResult:
    """Issue one record: strict validation, numbers, PDF/A-3a originals, a bag, a register row."""
    say = progress or (lambda _line: None)
    validated = validate(workspace, [record_path])
    if validated.warnings:
        raise InvalidInput(list(validated.warnings))
    item = validated.records[0]
    directory = validated.directory
    office = directory.office
    assert office is not None
    source = record_path.read_bytes()
    archive.mkdir(parents=True, exist_ok=True)
    registry = Registry(archive / REGISTRY_NAME)
    registry.connection.execute(SEARCH_TABLE)
    try:
        with registry.transaction():
            _remove_leftovers(archive, registry)
            versions = registry.versions(item.name)
            if versions and supersede_reason is None:
                last = versions[-1]
                raise MinutesError(f"{item.name} was already issued (version {last.version} on {last.issued_on}); "
                                   "to issue a corrected version use --supersede --reason TEXT")
            version = len(versions) + 1
            folder = f"{item.name}/v{version}"
            keys = [doc.key for doc in _archival_documents(item, directory, None, issue_date)]
            numbers = registry.next_numbers(keys, office.letter_number, office.unit or "", issue_date.year)
            issued = Issued(version=version, date=issue_date, numbers=numbers, reason=supersede_reason)
            issued_yaml = issued_text(source, issued)
            issued_item = load_issued(issued_yaml, item.name, f"{folder}/data/source/{SOURCE_NAME}")
            registry.add_issue(item.name, version, issue_date, folder, hashlib.sha256(issued_yaml).hexdigest(),
                               supersede_reason, numbers)
            say(f"numbered {len(numbers)} document(s) of {item.name} version {version}")
            _pause_if_asked(archive, "numbered")
            files = render_originals(workspace, issued_item, directory, issued_yaml)
            say(f"rendered {len(files)} PDF/A-3a original(s)")
            _pause_if_asked(archive, "rendered")
            staging = archive / STAGING / f"{item.name}-v{version}"
            _bag(staging, files, issued_yaml, workspace.directory_files(), {
                "Source-Organization": office.name,
                "External-Identifier": f"{item.name}/v{version}",
                "Bag-Group-Identifier": item.record.meeting.body,
                "Bagging-Date": issue_date.iso(),
                "Bag-Software-Agent": f"minutes {__version__}",
            })
            _pause_if_asked(archive, "bagged")
            (archive / item.name).mkdir(exist_ok=True)
            os.replace(staging, archive / folder)
            (archive / STAGING).rmdir()
            _pause_if_asked(archive, "moved")
            index_record(registry.connection, f"{item.name}/v{version}", record_texts(issued_item))
    finally:
        registry.close()
    return IssueResult(item.name, version, archive / folder, numbers)



def _embedded_source(pdf: Path) -> bytes | None:
    import pikepdf

    with pikepdf.open(pdf) as document:
        attached = document.attachments.get(SOURCE_NAME)
        return attached.get_file().read_bytes() if attached is not None else None


def _check_bag(archive: Path, row: IssueRow) -> list[str]:
    folder = archive / row.folder
    if not folder.is_dir():
        return [f"{folder}: missing (the register lists {row.record} version {row.version})"]
    problems = []
    try:
        bagit.Bag(str(folder)).validate()
    except bagit.BagValidationError as error:
        details = [f"{folder / str(getattr(d, 'path', ''))}: {d}" for d in error.details] or [f"{folder}: {error}"]
        problems += details
    except bagit.BagError as error:
        problems.append(f"{folder}: {error}")
    source_path = folder / "data" / "source" / SOURCE_NAME
    if not source_path.is_file():
        return [*problems, f"{source_path}: missing"]
    source = source_path.read_bytes()
    if hashlib.sha256(source).hexdigest() != row.source_sha256:
        problems.append(f"{source_path}: differs from the register's hash of the issued record")
    try:
        issued = load_issued(source, row.record, str(source_path)).record.issued
    except (InvalidInput, ValueError) as error:
        return [*problems, f"{source_path}: not a readable issued record ({str(error).splitlines()[0]})"]
    if issued is None or issued.numbers != row.numbers or issued.version != row.version:
        problems.append(f"{source_path}: its numbers or version differ from the register")
    for pdf in sorted((folder / "data").rglob("*.pdf")):
        try:
            embedded = _embedded_source(pdf)
        except Exception as error:  # pikepdf raises many kinds for a damaged file
            problems.append(f"{pdf}: not a readable PDF ({type(error).__name__})")
            continue
        if embedded != source:
            problems.append(f"{pdf}: the embedded {SOURCE_NAME} differs from the archived record")
    return problems


def verapdf_problems(pdfs: list[Path]) -> list[str] | None:
    """veraPDF's verdict on each PDF when it is installed (it is on no registry we use); None when absent."""
    verapdf = shutil.which("verapdf")
    if verapdf is None or not pdfs:
        return None
    result = subprocess.run([verapdf, "--format", "text", *map(str, pdfs)], capture_output=True, text=True,
                            check=False)
    failed = [line.split(None, 1)[1] for line in result.stdout.splitlines() if line.startswith("FAIL ")]
    if result.returncode not in (0, 1) and not failed:
        return [f"verapdf could not check the archive: {result.stderr.strip() or result.returncode}"]
    return [f"{path}: veraPDF finds it not PDF/A conformant" for path in failed]


def verify(archive: Path) -> list[str]:
    """Every difference between the register, the bags and the PDFs' embedded sources; empty when all is well."""
    if not (archive / REGISTRY_NAME).is_file():
        return [f"{archive / REGISTRY_NAME}: no register here"]
    registry = Registry(archive / REGISTRY_NAME)
    try:
        rows = registry.all_issues()
    finally:
        registry.close()
    problems = [problem for row in rows for problem in _check_bag(archive, row)]
    problems += [f"{bag}: a bag the register does not list"
                 for bag in _unlisted_bags(archive, {row.folder for row in rows})]
    pdfs = [pdf for row in rows for pdf in sorted((archive / row.folder / "data").rglob("*.pdf"))]
    return problems + (verapdf_problems(pdfs) or [])
