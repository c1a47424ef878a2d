"""What the register knows of each issue's files: every original PDF and the bag's manifests.

``originals`` has one row per archived PDF, added in the issue's transaction: its verification
``code``, ``sha256`` of the archived file, ``unsigned_sha256``/``unsigned_length`` of the render it
was signed over (its first bytes; the whole file when it is not signed) and ``signer_sha256``, the
certificate that signed it (NULL when unsigned). ``bags`` has one row per issue: the SHA-256 of the
bag's tag manifest (which vouches for its payload manifest, ``bag-info.txt`` and ``bagit.txt``)
and the payload manifest's text, so that ``verify`` can name a file changed under manifests
recomputed to match. Both tables are created when missing: registers written before them stay
readable, their issues simply have no rows here.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from minutes.diagnostics import MinutesError, Note

SCHEMA = """
CREATE TABLE IF NOT EXISTS originals (
    code TEXT PRIMARY KEY,
    issue_id INTEGER NOT NULL REFERENCES issues (id),
    document TEXT NOT NULL,
    file TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL,
    unsigned_sha256 TEXT NOT NULL,
    unsigned_length INTEGER NOT NULL,
    signer_sha256 TEXT,
    UNIQUE (issue_id, document)
);
CREATE TABLE IF NOT EXISTS bags (
    issue_id INTEGER PRIMARY KEY REFERENCES issues (id),
    tagmanifest_sha256 TEXT NOT NULL,
    manifest TEXT NOT NULL
);
"""
_SELECT = """SELECT o.code, i.record, i.version, o.document, n.number, i.issued_on, o.file, o.sha256,
    o.unsigned_sha256, o.unsigned_length, o.signer_sha256
FROM originals o JOIN issues i ON i.id = o.issue_id
LEFT JOIN numbers n ON n.issue_id = o.issue_id AND n.document = o.document"""


@dataclass(frozen=True)
class Original:
    """An archived PDF as the register knows it; ``file`` is relative to the archive folder."""

    code: str
    record: str
    version: int
    document: str
    number: str | None
    issued_on: str
    file: str
    sha256: str
    unsigned_sha256: str
    unsigned_length: int
    signer_sha256: str | None

    @property
    def signed(self) -> bool:
        return self.signer_sha256 is not None


@dataclass(frozen=True)
class NewOriginal:
    """What issuing knows of one original it is about to archive."""

    code: str
    document: str
    file: str
    sha256: str
    unsigned_sha256: str
    unsigned_length: int
    signer_sha256: str | None


@dataclass(frozen=True)
class BagSeal:
    """What the register keeps of a bag: its tag manifest's SHA-256 and its payload manifest."""

    tagmanifest_sha256: str
    manifest: str


def _issue_id(connection: sqlite3.Connection, record: str, version: int) -> int:
    (issue_id,) = connection.execute("SELECT id FROM issues WHERE record = ? AND version = ?",
                                     (record, version)).fetchone()
    return int(issue_id)


def add(connection: sqlite3.Connection, record: str, version: int, originals: Iterable[NewOriginal],
        bag: BagSeal) -> None:
    """Record the originals and the bag of an issue (inside its transaction); a code already used is refused."""
    issue_id = _issue_id(connection, record, version)
    for o in originals:
        try:
            connection.execute(
                "INSERT INTO originals (code, issue_id, document, file, sha256, unsigned_sha256, unsigned_length, "
                "signer_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (o.code, issue_id, o.document, o.file, o.sha256, o.unsigned_sha256, o.unsigned_length,
                 o.signer_sha256))
        except sqlite3.IntegrityError:
            raise MinutesError(Note.of("code-taken", code=o.code, file=o.file)) from None
    connection.execute("INSERT INTO bags (issue_id, tagmanifest_sha256, manifest) VALUES (?, ?, ?)",
                       (issue_id, bag.tagmanifest_sha256, bag.manifest))


def _rows(connection: sqlite3.Connection, where: str, parameters: tuple[object, ...]) -> list[Original]:
    return [Original(*row) for row in connection.execute(f"{_SELECT} WHERE {where} ORDER BY o.file", parameters)]


def by_code(connection: sqlite3.Connection, code: str) -> Original | None:
    """The original with verification code ``code`` (as printed), if the register has it."""
    found = _rows(connection, "o.code = ?", (code,))
    return found[0] if found else None


def by_sha256(connection: sqlite3.Connection, digest: str) -> Original | None:
    """The original whose archived bytes have SHA-256 ``digest``."""
    found = _rows(connection, "o.sha256 = ?", (digest,))
    return found[0] if found else None


def of_issue(connection: sqlite3.Connection, record: str, version: int) -> list[Original]:
    """The originals of one issued version, by file."""
    return _rows(connection, "i.record = ? AND i.version = ?", (record, version))


def bag_of(connection: sqlite3.Connection, record: str, version: int) -> BagSeal | None:
    """What the register keeps of an issued version's bag (None for an issue recorded before it kept this)."""
    row = connection.execute("SELECT b.tagmanifest_sha256, b.manifest FROM bags b JOIN issues i ON i.id = b.issue_id "
                             "WHERE i.record = ? AND i.version = ?", (record, version)).fetchone()
    return BagSeal(*row) if row else None


def issue_with_source(connection: sqlite3.Connection, source_sha256: str) -> tuple[str, int] | None:
    """The (record, version) whose issued record has SHA-256 ``source_sha256``."""
    row = connection.execute("SELECT record, version FROM issues WHERE source_sha256 = ?", (source_sha256,)).fetchone()
    return (row[0], row[1]) if row else None
