"""``minutes check``: did this archive issue a code or a PDF, under which number and date, is it still
current, and does the file match the archived original?

A code is looked up in the register's rows of originals. A file is recognised by its bytes, else
by the rendered part a signature was made over, else by the issued record it embeds; whatever
differs from the archived original is named. The answer is facts; the command line words them.
"""

from __future__ import annotations

import hashlib
import io
import os
from dataclasses import dataclass
from pathlib import Path

from minutes.archive import originals
from minutes.archive.embedded import embedded_source
from minutes.archive.originals import Original
from minutes.archive.registry import REGISTRY_NAME, IssueRow, Registry
from minutes.archive.seal import original_problems
from minutes.archive.signing import Trust
from minutes.diagnostics import MinutesError, Note
from minutes.vcode import parse_code

MAX_ASKED = 1024  # characters of what check is asked about: a code is 14, a file name rarely a hundred
MAX_HELD = 64 << 20  # bytes of a file check reads: an original is a few megabytes, at most tens


class TooLarge(MinutesError):
    """A file larger than :data:`MAX_HELD` bytes: no original this archive issues is that large."""


def held_file(asked: str) -> Path | None:
    """The regular file ``asked`` names, if it names one (else it may be a code); never raises for a name the
    system cannot look up (too long, a NUL byte)."""
    path = Path(asked)
    try:
        return path if path.is_file() else None
    except (OSError, ValueError):
        return None


def read_held(path: Path) -> bytes:
    """The bytes of a file someone holds; :class:`TooLarge` beyond :data:`MAX_HELD` (read no further)."""
    with path.open("rb") as file:
        if os.fstat(file.fileno()).st_size > MAX_HELD:
            raise TooLarge(Note.of("held-too-large", path=path, limit=MAX_HELD))
        data = file.read(MAX_HELD + 1)
    if len(data) > MAX_HELD:
        raise TooLarge(Note.of("held-too-large", path=path, limit=MAX_HELD))
    return data


@dataclass(frozen=True)
class Altered:
    """A file that embeds the issued record of ``record`` version ``version`` but matches none of the
    ``originals`` originals of that issue: its contents were changed."""

    record: str
    version: int
    originals: int


@dataclass(frozen=True)
class Answer:
    """What the archive says about a code or a file.

    ``original`` is None when the archive did not issue it (``altered`` then says whether the file is
    an altered copy of an issued one); ``superseded_by`` is the newest version of the same record when
    a later one exists, with the number its corresponding document took there (None when that version
    has no such document); ``problems`` says how the file (the one checked, or the archived one for a
    code) differs from the archived original or fails its signature.
    """

    original: Original | None
    superseded_by: IssueRow | None = None
    replacement_number: str | None = None
    problems: tuple[Note, ...] = ()
    altered: Altered | None = None

    @property
    def current(self) -> bool:
        """Issued here, not superseded, and matching the archived original."""
        return self.original is not None and self.superseded_by is None and not self.problems


def _open(archive: Path) -> Registry:
    if not (archive / REGISTRY_NAME).is_file():
        raise MinutesError(Note.of("no-register", register=archive / REGISTRY_NAME))
    return Registry(archive / REGISTRY_NAME)


def _answer(registry: Registry, original: Original, problems: list[Note]) -> Answer:
    versions = registry.versions(original.record)
    newest = versions[-1] if versions and versions[-1].version > original.version else None
    replacement = newest.numbers.get(original.document) if newest else None
    return Answer(original, newest, replacement, tuple(problems))


def check_code(archive: Path, text: str, trust: Trust) -> Answer:
    """The archive's answer for a verification code as typed or scanned; ValueError when it is no code."""
    code = parse_code(text)
    registry = _open(archive)
    try:
        original = originals.by_code(registry.connection, code)
        if original is None:
            return Answer(None)
        path = archive / original.file
        problems = (original_problems(path.read_bytes(), original, trust) if path.is_file()
                    else [Note.of("original-missing")])
        return _answer(registry, original, problems)
    finally:
        registry.close()


def _embedded_source_sha256(data: bytes) -> str | None:
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as document:
            source = embedded_source(document)
    except Exception:  # not a PDF, or a damaged one: nothing to recognise it by
        return None
    return hashlib.sha256(source).hexdigest() if source is not None else None


def _by_signed_render(registry: Registry, data: bytes) -> Original | Altered | None:
    """The original whose render this file starts with, or the issue whose record it carries, if any."""
    source = _embedded_source_sha256(data)
    issue = originals.issue_with_source(registry.connection, source) if source else None
    if issue is None:
        return None
    listed = originals.of_issue(registry.connection, *issue)
    for original in listed:
        if hashlib.sha256(data[:original.unsigned_length]).hexdigest() == original.unsigned_sha256:
            return original
    return Altered(issue[0], issue[1], len(listed))


def check_file(archive: Path, data: bytes, trust: Trust) -> Answer:
    """The archive's answer for a PDF someone holds."""
    registry = _open(archive)
    try:
        original = originals.by_sha256(registry.connection, hashlib.sha256(data).hexdigest())
        found = original or _by_signed_render(registry, data)
        if not isinstance(found, Original):
            return Answer(None, altered=found)
        return _answer(registry, found, original_problems(data, found, trust))
    finally:
        registry.close()

