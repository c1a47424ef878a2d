"""What a build already made, and whether it is still right: content hashes in a manifest beside the outputs.

Two levels decide what to rebuild:

- a record is *fresh* when its **stamp** — a hash of its own bytes, its path and the workspace
  inputs every record shares (directory files, templates, fonts, assets, package versions) — is
  the one recorded and every output it made is still there, untouched;
- a document of a record that is not fresh is rebuilt only when its **key** changed: the hash of
  its rendered HTML (which captures the record, the directory entries it uses and its templates
  exactly), the paper it may take, the stylesheet, the font files and the versions, plus every
  file the renderer fetched for it last time (the watermark, an emblem).

The manifest is written atomically after the documents, so an interrupted build leaves the old
manifest, and the documents it describes, as they were. Nothing here imports WeasyPrint.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from minutes import __version__
from minutes.diagnostics import Note
from minutes.workspace import Workspace

FORMAT = 2  # bump when the manifest or the meaning of a key changes
MANIFEST = ".minutes-cache.json"
# Distributions whose version changes the bytes of a PDF.
RENDERING_DISTRIBUTIONS = ("weasyprint", "pydyf", "fonttools")
MISSING = "missing"


def digest(*parts: str | bytes) -> str:
    """SHA-256 of the parts, each length-prefixed so that ("ab", "c") and ("a", "bc") differ."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


class FileHashes:
    """SHA-256 of files, each read once per build."""

    def __init__(self) -> None:
        self._known: dict[Path, str] = {}

    def of(self, path: Path) -> str:
        """The hash of the file's bytes, or ``missing`` when it is not a readable file."""
        if path not in self._known:
            try:
                self._known[path] = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                self._known[path] = MISSING
        return self._known[path]

    def tree(self, folders: Iterable[Path]) -> str:
        """One hash of every file below ``folders``: names and contents, so adding a file counts too
        (folders by position, not path, so that a workspace moved elsewhere keeps its cache)."""
        parts: list[str] = []
        for position, folder in enumerate(folders):
            parts.append(f"folder {position}")
            if folder.is_dir():
                inside = os.path.realpath(folder) + os.sep
                for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                    # a link leading out is never read (the build refuses to use it): its target counts
                    leads_out = not os.path.realpath(path).startswith(inside)
                    parts += [path.relative_to(folder).as_posix(),
                              f"link {os.readlink(path)}" if leads_out and path.is_symlink() else
                              "outside" if leads_out else self.of(path)]
        return digest(*parts)

    def resource(self, url: str, workspace: Workspace) -> str:
        """The hash of what a ``template:`` or ``file:`` URL names now (as the renderer resolves it)."""
        parts = urlsplit(url)
        name = unquote(parts.path)
        if parts.scheme == "template":
            found = workspace.template_file(name)
            return self.of(found) if found else MISSING
        if parts.scheme == "file":
            return self.of(Path(name))
        return MISSING


def rendering_versions() -> str:
    """Our version and that of every library that shapes the PDF bytes."""
    versions = [f"minutes {__version__}"]
    for name in RENDERING_DISTRIBUTIONS:
        try:
            versions.append(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{name} {MISSING}")
    return ", ".join(versions)


@dataclass
class OutputEntry:
    """One file a build wrote: its key, the resources fetched for it (URL → hash), its size and mtime."""

    key: str
    size: int
    mtime_ns: int
    resources: dict[str, str] = field(default_factory=dict)

    def intact(self, target: Path | str) -> bool:
        """Whether the file is still exactly what the build wrote (same size and modification time)."""
        try:
            status = os.stat(target)
        except OSError:
            return False
        return status.st_size == self.size and status.st_mtime_ns == self.mtime_ns

    @classmethod
    def written(cls, key: str, target: Path, resources: dict[str, str]) -> OutputEntry:
        """The entry of a file just written."""
        status = target.stat()
        return cls(key, status.st_size, status.st_mtime_ns, dict(resources))


@dataclass
class RecordEntry:
    """A record as last built: its stamp, the decision ids it gives and refers to, and its outputs.

    ``warned`` records had warnings, which are shown on every build, so they are never skipped.
    """

    sha: str
    stamp: str
    ids: list[str]
    refs: list[str]
    warned: bool
    outputs: dict[str, OutputEntry]


@dataclass
class Manifest:
    """Every record an output folder holds the documents of, by path relative to the workspace.

    ``notices`` are what the last build had to say about the font (repeated by builds that skip
    everything), ``system_fonts`` the system font files it used (their bytes count as an input),
    and ``warned`` says it had warnings on files other than records, so nothing may be skipped.
    """

    records: dict[str, RecordEntry] = field(default_factory=dict)
    notices: list[Note] = field(default_factory=list)
    system_fonts: list[str] = field(default_factory=list)
    warned: bool = False

    @classmethod
    def load(cls, path: Path) -> Manifest:
        """The manifest at ``path``; an empty one when it is missing, unreadable or of another format."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                return cls()
            records = {name: RecordEntry(**dict(entry, outputs={file: OutputEntry(**output)
                                                                for file, output in entry["outputs"].items()}))
                       for name, entry in data["records"].items()}
            if data.get("check") != _known_digest(records):
                return cls()  # edited or damaged: what it says of records cannot be believed
            notices = [Note.of(template, **values) for template, values in data["notices"]]
            return cls(records, notices, list(data["system_fonts"]), bool(data["warned"]))
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return cls()

    def encode(self) -> bytes:
        """The manifest as the file :meth:`load` reads (written atomically by the build)."""
        records = {name: dict(vars(entry), outputs={file: vars(output) for file, output in entry.outputs.items()})
                   for name, entry in sorted(self.records.items())}  # not asdict(), which deep-copies, slowly
        notices = [[note.template, dict(note.values)] for note in self.notices]
        data = {"format": FORMAT, "check": _known_digest(self.records), "notices": notices,
                "system_fonts": self.system_fonts, "warned": self.warned, "records": records}
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _known_digest(records: dict[str, RecordEntry]) -> str:
    """A hash of what validation believes of each record (its bytes' hash, the ids it gives and refers to),
    kept beside them: a manifest edited by hand or damaged is not believed."""
    return digest(*(part for name in sorted(records) for entry in [records[name]]
                    for part in (name, entry.sha, "\n".join(entry.ids), "\n".join(entry.refs))))
