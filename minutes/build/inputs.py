"""What a build reads before it decides anything: every record file with its hash, the hash of what
all records share, and what the last build's manifest says of each (see :mod:`minutes.build.cache`)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from minutes.build.cache import FileHashes, Manifest, digest, rendering_versions
from minutes.workspace import Workspace

if TYPE_CHECKING:
    from minutes.validate import Known


@dataclass
class Inputs:
    """The record files of the workspace, their names and hashes, and the hash of everything they share."""

    workspace: Workspace
    manifest: Manifest
    records: list[Path] = field(default_factory=list)  # the record files (default: all of the workspace)
    hashes: FileHashes = field(default_factory=FileHashes)

    def __post_init__(self) -> None:
        ws = self.workspace
        self.records = self.records or ws.record_files()  # below the resolved root: already whole paths
        prefix = len(str(ws.root)) + 1
        self.names = {path: str(path)[prefix:] for path in self.records}
        directory = [part for path in ws.directory_files() for part in (path.name, self.hashes.of(path))]
        system_fonts = [self.hashes.of(Path(path)) for path in self.manifest.system_fonts]
        self.shared = digest(rendering_versions(), *directory, *system_fonts,
                             self.hashes.tree([*ws.template_dirs, ws.fonts, ws.assets]))

    def name(self, path: Path) -> str:
        """A record's name in the manifest: its path relative to the workspace."""
        if path in self.names:
            return self.names[path]
        root = self.workspace.root
        return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()

    def gone(self) -> list[str]:
        """The records the manifest knows whose file is no more."""
        current = set(self.names.values())
        return [name for name in self.manifest.records if name not in current and not self.path(name).is_file()]

    def path(self, name: str) -> Path:
        """The record file a manifest name stands for."""
        return (self.workspace.root / name).resolve()

    def stamp(self, path: Path) -> str:
        return digest(self.shared, self.name(path), self.hashes.of(path))

    def fresh(self, path: Path, out_dir: Path) -> bool:
        """Whether the record's outputs are up to date: same stamp, no warnings, every output untouched."""
        entry = self.manifest.records.get(self.name(path))
        folder = f"{out_dir}/{path.stem}/"
        return (entry is not None and not entry.warned and entry.stamp == self.stamp(path)
                and all(output.intact(folder + file) for file, output in entry.outputs.items()))

    def known(self, path: Path) -> Known | None:
        """The decision ids the record gives and refers to, as the manifest knows them for exactly these
        bytes (they depend on nothing else); None when it does not."""
        from minutes.validate import Known  # only when checking: validation imports pydantic

        entry = self.manifest.records.get(self.name(path))
        if entry is None or entry.sha != self.hashes.of(path):
            return None
        return Known(path.stem, self.workspace.display_name(path), tuple(entry.ids), tuple(entry.refs))


def edited_since(records: list[Path], manifest: Path) -> bool:
    """Whether a record was written (or added) since ``manifest`` was: a cheap first look, by modification
    time, before anything is read (whether anything is stale is for :meth:`Inputs.fresh` to say)."""
    try:
        written = os.stat(manifest).st_mtime_ns
    except OSError:
        return True
    return any(os.stat(path).st_mtime_ns > written for path in records)
