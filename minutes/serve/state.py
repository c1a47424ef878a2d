"""What the preview shows: every record with the documents its last good build left in the output
folder, and its problems; a new, frozen :class:`Snapshot` after every build.

The documents are exactly those the build's manifest lists for the record and that are still as the
build wrote them; nothing else in the output folder is ever shown or served.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType

from minutes.build.cache import MANIFEST, Manifest, OutputEntry
from minutes.diagnostics import Diagnostic, Severity
from minutes.workspace import Workspace

PDFIUM = threading.Lock()  # PDFium is not thread-safe: every use of it holds this lock


@dataclass(frozen=True)
class Document:
    """One output file of a record: its name, a hash of its bytes and, for a PDF, each page's size in points."""

    file: str
    sha: str
    pages: tuple[tuple[float, float], ...] = ()

    @property
    def is_pdf(self) -> bool:
        return self.file.endswith(".pdf")

    @property
    def page_count(self) -> int:
        return len(self.pages)

    def matches(self, data: bytes) -> bool:
        """Whether ``data`` are this document's bytes (the file may have been replaced since)."""
        return hashlib.sha256(data).hexdigest() == self.sha

    @property
    def token(self) -> str:
        """A short name of these bytes, for URLs that must change when the file does."""
        return self.sha[:16]


@dataclass(frozen=True)
class Problem:
    """A diagnostic with the line of its file it points at (None when that file cannot be read)."""

    diagnostic: Diagnostic
    source_line: str | None

    @property
    def is_error(self) -> bool:
        return self.diagnostic.severity is Severity.ERROR


@dataclass(frozen=True)
class RecordState:
    """A record as the preview shows it. ``stale``: its documents predate its current text, because
    its last build was stopped (by its errors, or by a problem every record shares)."""

    name: str
    path: Path
    documents: tuple[Document, ...]
    problems: tuple[Problem, ...]
    stale: bool
    checked: bool = True  # False until the session's first build has looked at it

    @property
    def errors(self) -> int:
        return sum(problem.is_error for problem in self.problems)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors

    def document(self, file: str) -> Document | None:
        return next((document for document in self.documents if document.file == file), None)


@dataclass(frozen=True)
class Outcome:
    """What one build (or two, see :mod:`minutes.serve.live`) found: every diagnostic, the records whose
    build was stopped, and an error that is no diagnostic (a template that does not compile)."""

    diagnostics: tuple[Diagnostic, ...] = ()
    stopped: frozenset[Path] = frozenset()
    failure: str | None = None


@dataclass(frozen=True)
class Snapshot:
    """Everything the pages show at one moment. ``generation`` grows whenever anything shown changes;
    ``versions`` says at which generation each record last changed."""

    generation: int = 0
    building: bool = True
    records: Mapping[str, RecordState] = field(default_factory=lambda: MappingProxyType({}))
    versions: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    problems: tuple[Problem, ...] = ()  # those of no record: directory files, the workspace
    failure: str | None = None
    shared: int = 0  # the generation at which ``problems`` or ``failure`` last changed

    def version(self, name: str) -> int:
        """The generation at which what a record's page shows last changed (its state, or what all share)."""
        return max(self.versions[name], self.shared)

    def following(self, records: dict[str, RecordState], problems: tuple[Problem, ...],
                  failure: str | None) -> Snapshot:
        """The next snapshot, done building: the generation grows if anything shown changed."""
        changed = {name for name, state in records.items() if self.records.get(name) != state}
        shared = (problems, failure) != (self.problems, self.failure)
        if not changed and not shared and records.keys() == self.records.keys():
            return replace(self, building=False)
        generation = self.generation + 1
        versions = {name: generation if name in changed else self.versions[name] for name in records}
        return Snapshot(generation, False, MappingProxyType(records), MappingProxyType(versions), problems, failure,
                        generation if shared else self.shared)


class Documents:
    """The documents of records as the manifest lists them, hashed (and counted, for PDFs) once per file version."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self._known: dict[tuple[str, int, int], Document] = {}

    def of(self, workspace: Workspace, records: Iterable[Path]) -> dict[Path, tuple[Document, ...]]:
        """Every record's documents, in the order a reader wants them (the minutes first)."""
        manifest = Manifest.load(self.out_dir / MANIFEST)
        known, self._known = self._known, {}  # keep only the versions still there
        found = {}
        root = workspace.root
        for path in records:  # named in the manifest as the build names them (relative to the workspace)
            entry = manifest.records.get(path.relative_to(root).as_posix() if path.is_relative_to(root)
                                         else path.as_posix())
            outputs = entry.outputs if entry else {}
            documents = (self._document(path.stem, file, output, known) for file, output in outputs.items())
            found[path] = tuple(sorted((d for d in documents if d), key=lambda d: reading_order(d.file)))
        return found

    def file(self, record: str, name: str) -> Path:
        return self.out_dir / record / name

    def read(self, record: str, document: Document) -> bytes | None:
        """The bytes of a record's document, if they are still those the snapshot knows, read through no
        symbolic link below the output folder."""
        folder = self.out_dir / record
        try:
            data = None if folder.is_symlink() else read_output(folder / document.file)
        except OSError:
            return None
        return data if data is not None and document.matches(data) else None

    def _document(self, record: str, file: str, output: OutputEntry,
                  known: dict[tuple[str, int, int], Document]) -> Document | None:
        """The document as the build wrote it; None when it is gone, changed by hand or not a plain file."""
        target = self.file(record, file)
        if target.parent.is_symlink() or target.is_symlink() or not output.intact(target):
            return None
        key = (f"{record}/{file}", output.size, output.mtime_ns)
        if key not in known:
            try:
                data = read_output(target)
                known[key] = Document(file, hashlib.sha256(data).hexdigest(),
                                      page_sizes(data) if file.endswith(".pdf") else ())
            except (OSError, RuntimeError):  # unreadable, or not a PDF PDFium can open
                return None
        self._known[key] = known[key]
        return known[key]


def read_output(path: Path) -> bytes:
    """A file's bytes, refusing to follow a symbolic link at its last step (the folders are checked by callers)."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(descriptor, "rb") as file:
        return file.read()


def page_sizes(data: bytes) -> tuple[tuple[float, float], ...]:
    """Width and height in points of every page of a PDF."""
    import pypdfium2

    with PDFIUM:
        pdf = pypdfium2.PdfDocument(data)
        try:
            return tuple(tuple(pdf.get_page_size(index)) for index in range(len(pdf)))  # type: ignore[misc]
        finally:
            pdf.close()


def reading_order(file: str) -> tuple[int, str]:
    """The minutes, the cover letter, notifications, other letters, then the rest (the news brief)."""
    prefixes = ("minutes.", "letter-forwarding.", "letter-notify-", "letter-")
    rank = next((rank for rank, prefix in enumerate(prefixes) if file.startswith(prefix)), len(prefixes))
    number = file.removeprefix("letter-").removesuffix(".pdf")
    return rank, number.zfill(8) if number.isdigit() else file


def _lines(workspace: Workspace, file: str) -> list[str] | None:
    """The lines of a file a diagnostic names (relative to the current folder), if it is a readable
    file of the workspace."""
    path = Path(file).resolve()
    if not path.is_relative_to(workspace.root):
        return None
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except (OSError, ValueError):
        return None


def problems_of(workspace: Workspace, diagnostics: Sequence[Diagnostic]) -> tuple[Problem, ...]:
    """The diagnostics, sorted, each with the line of its file it points at."""
    lines: dict[str, list[str] | None] = {}
    found = []
    for diagnostic in sorted(dict.fromkeys(diagnostics)):
        if diagnostic.file not in lines:
            lines[diagnostic.file] = _lines(workspace, diagnostic.file)
        text = lines[diagnostic.file]
        line = text[diagnostic.line - 1] if text is not None and 0 < diagnostic.line <= len(text) else None
        found.append(Problem(diagnostic, line))
    return tuple(found)


def states(workspace: Workspace, records: Sequence[Path], documents: Mapping[Path, tuple[Document, ...]],
           outcome: Outcome | None) -> tuple[dict[str, RecordState], tuple[Problem, ...]]:
    """Each record's state after ``outcome`` (None: before any build), by name, and the problems that
    concern no record."""
    checked = outcome is not None
    outcome = outcome or Outcome()
    names = {workspace.display_name(path): path for path in records}
    problems = problems_of(workspace, outcome.diagnostics)
    mine: dict[Path, list[Problem]] = {path: [] for path in records}
    others = []
    for problem in problems:
        path = names.get(problem.diagnostic.file)
        (mine[path] if path is not None else others).append(problem)
    found = {}
    for path in records:
        stopped = path in outcome.stopped or outcome.failure is not None
        found[path.stem] = RecordState(path.stem, path, documents[path], tuple(mine[path]),
                                       stale=stopped and bool(documents[path]), checked=checked)
    return found, tuple(others)
