"""Verify: prove an archive unchanged against its own register.

Every bag is validated (sha512), the register's hashes and numbers are compared with the issued
record in each bag, and the record embedded in every PDF with the archived one; veraPDF adds its
verdict when it is installed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import bagit

from minutes.archive.issue import unlisted_bags
from minutes.archive.issued import SOURCE_NAME, load_issued
from minutes.archive.registry import REGISTRY_NAME, IssueRow, Registry
from minutes.diagnostics import InvalidInput
from minutes.text.slug import is_safe_name


def _embedded_source(pdf: Path) -> bytes | None:
    import pikepdf

    with pikepdf.open(pdf) as document:
        attached = document.attachments.get(SOURCE_NAME)
        return attached.get_file().read_bytes() if attached is not None else None


def _confined(archive: Path, folder: str) -> bool:
    """Whether a register's folder is a bag folder of the archive: ``<record>/v<N>``, inside it."""
    name, _, version = folder.partition("/")
    return (is_safe_name(name) and version.startswith("v") and version[1:].isdigit()
            and Path(os.path.realpath(archive / folder)).is_relative_to(os.path.realpath(archive)))


def _check_bag(archive: Path, row: IssueRow) -> list[str]:
    if not _confined(archive, row.folder):
        return [f"{archive / REGISTRY_NAME}: the register names {row.folder!r} for {row.record} version "
                f"{row.version}, which is not a bag folder of the archive"]
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
                 for bag in unlisted_bags(archive, {row.folder for row in rows})]
    pdfs = [pdf for row in rows for pdf in sorted((archive / row.folder / "data").rglob("*.pdf"))]
    return problems + (verapdf_problems(pdfs) or [])
