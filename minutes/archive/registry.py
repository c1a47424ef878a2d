"""The letter register (اندیکاتور): SQLite, one transaction per issue, numbers never reused.

An issue holds the database's write lock from the first number it takes until its archive
folder is in place and its row is committed, so two ``minutes issue`` processes never take the
same number, and a process killed at any moment leaves either the whole issue or nothing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from minutes import numbering
from minutes.archive import originals
from minutes.diagnostics import MinutesError, Note
from minutes.text.jalali import JalaliDate

REGISTRY_NAME = "registry.sqlite"  # the register's file in an archive folder
LOCK_WAIT_SECONDS = 600
SCHEMA = """
CREATE TABLE IF NOT EXISTS issues (
    id INTEGER PRIMARY KEY,
    record TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    issued_on TEXT NOT NULL,
    folder TEXT NOT NULL UNIQUE,
    source_sha256 TEXT NOT NULL,
    reason TEXT,
    UNIQUE (record, version)
);
CREATE TABLE IF NOT EXISTS numbers (
    number TEXT PRIMARY KEY,
    year INTEGER NOT NULL,
    serial INTEGER NOT NULL CHECK (serial >= 1),
    issue_id INTEGER NOT NULL REFERENCES issues (id),
    document TEXT NOT NULL,
    UNIQUE (year, serial),
    UNIQUE (issue_id, document)
);
"""


@dataclass(frozen=True)
class IssueRow:
    """An issued version of a record."""

    record: str
    version: int
    issued_on: JalaliDate
    folder: str
    source_sha256: str
    reason: str | None
    numbers: dict[str, str]


class Registry:
    """A connection to ``registry.sqlite`` in the archive folder."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.connection = sqlite3.connect(path, timeout=LOCK_WAIT_SECONDS, isolation_level=None)
        self.connection.execute("PRAGMA foreign_keys = ON")
        self.connection.executescript(SCHEMA + originals.SCHEMA)

    @classmethod
    def reader(cls, path: Path) -> Registry:
        """A read-only connection to an existing register (SQLite refuses every write through it)."""
        registry = cls.__new__(cls)
        registry.connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                                              isolation_level=None)
        return registry

    def close(self) -> None:
        self.connection.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Hold the write lock for the whole block; commit only if it finishes."""
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            yield self.connection
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")

    def versions(self, record: str) -> list[IssueRow]:
        """Every issued version of ``record``, oldest first."""
        rows = self.connection.execute(
            "SELECT id, record, version, issued_on, folder, source_sha256, reason FROM issues "
            "WHERE record = ? ORDER BY version", (record,)).fetchall()
        return [self._row(*row) for row in rows]

    def all_issues(self) -> list[IssueRow]:
        """Every issued version of every record."""
        rows = self.connection.execute(
            "SELECT id, record, version, issued_on, folder, source_sha256, reason FROM issues "
            "ORDER BY record, version").fetchall()
        return [self._row(*row) for row in rows]

    def latest_versions(self) -> dict[str, int]:
        """The latest issued version of each record: the others are superseded."""
        return dict(self.connection.execute("SELECT record, MAX(version) FROM issues GROUP BY record"))

    def folders(self) -> set[str]:
        """The archive folders the registry knows."""
        return {folder for (folder,) in self.connection.execute("SELECT folder FROM issues")}

    def _row(self, ident: int, record: str, version: int, issued_on: str, folder: str, digest: str,
             reason: str | None) -> IssueRow:
        numbers = dict(self.connection.execute(
            "SELECT document, number FROM numbers WHERE issue_id = ? ORDER BY serial", (ident,)))
        return IssueRow(record, version, JalaliDate.parse(issued_on), folder, digest, reason, numbers)

    def next_numbers(self, documents: list[str], pattern: str, unit: str, year: int) -> dict[str, str]:
        """The next serial numbers of ``year`` for ``documents`` (call inside :meth:`transaction`)."""
        parsed = numbering.parse(pattern)  # validation has checked it
        return {document: parsed.format(unit, year, serial)
                for serial, document in enumerate(documents, start=self._last_serial(year) + 1)}

    def _last_serial(self, year: int) -> int:
        """The highest serial number given in ``year`` (0 before the first)."""
        (last,) = self.connection.execute("SELECT COALESCE(MAX(serial), 0) FROM numbers WHERE year = ?",
                                          (year,)).fetchone()
        return int(last)

    def add_issue(self, record: str, version: int, issued_on: JalaliDate, folder: str, source_sha256: str,
                  reason: str | None, numbers: dict[str, str]) -> None:
        """Record an issue and its numbers (inside :meth:`transaction`); a number used before is refused."""
        cursor = self.connection.execute(
            "INSERT INTO issues (record, version, issued_on, folder, source_sha256, reason) "
            "VALUES (?, ?, ?, ?, ?, ?)", (record, version, str(issued_on), folder, source_sha256, reason))
        for serial, (document, number) in enumerate(numbers.items(), start=self._last_serial(issued_on.year) + 1):
            try:
                self.connection.execute(
                    "INSERT INTO numbers (number, year, serial, issue_id, document) VALUES (?, ?, ?, ?, ?)",
                    (number, issued_on.year, serial, cursor.lastrowid, document))
            except sqlite3.IntegrityError:
                raise MinutesError(Note.of("number-taken", number=number)) from None
