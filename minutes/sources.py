"""The only reader of a workspace's ``data/``: files in, loaded YAML (or the reason it is not) out.

Validation (:mod:`minutes.validate`) is a pure function of what is read here: it never touches the
disk, so whatever a command reads (all records, one record, the records a build's cache cannot
vouch for) it gets the same diagnostics for the same files.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from minutes.diagnostics import Diagnostic
from minutes.load import Source, Unreadable, read
from minutes.validate import Validated, validate
from minutes.workspace import Workspace, as_named


def read_all(workspace: Workspace, paths: Iterable[Path]) -> tuple[Source, ...]:
    """The files at ``paths``, named as the user should read them; a file of the workspace that is a link
    to a file outside it is refused unread."""
    return tuple(_read(workspace, path) for path in paths)


def _read(workspace: Workspace, path: Path) -> Source:
    name = workspace.display_name(path)
    refused = link_out(workspace, path)
    return Unreadable(path, name, (refused,)) if refused else read(path, name)


def link_out(workspace: Workspace, path: Path) -> Diagnostic | None:
    """The diagnostic refusing a workspace file that is a link to a file outside the workspace, if it is."""
    if workspace.leads_out(path):
        return Diagnostic.of(workspace.display_name(path), 1, 1, "link-outside")
    return None


def read_directory(workspace: Workspace) -> tuple[Source, ...]:
    """Every directory file of the workspace (``data/*.yaml``)."""
    return read_all(workspace, workspace.directory_files())


def check_workspace(workspace: Workspace, record_paths: Sequence[Path] | None = None) -> Validated:
    """Read and check the workspace: the directory and the given records (all of ``data/meetings`` by
    default), and the other records for the decision ids they give."""
    from minutes.resources import check_resources  # the font's glyphs: fontTools, only when checking

    every = workspace.record_files()
    requested = [as_named(path) for path in record_paths] if record_paths else every
    chosen = set(requested)
    others = [path for path in every if path not in chosen]
    validated = validate(read_directory(workspace), read_all(workspace, requested), workspace,
                         context=read_all(workspace, others))
    check_resources(workspace, validated)
    return validated



def record_bytes(path: Path) -> bytes:
    """A record file's bytes exactly as written (what an issued original embeds)."""
    return path.read_bytes()


def directory_snapshot(workspace: Workspace) -> dict[str, bytes]:
    """Every directory file by name, as written (what an archive bag keeps beside the record)."""
    return {path.name: path.read_bytes() for path in workspace.directory_files()}
