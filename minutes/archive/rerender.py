"""Render every issued original again, from its bag, and compare the bytes (``minutes verify --rerender``).

Each bag keeps what its originals were made from: the issued record and a snapshot of the directory
files. Templates, fonts and assets are the workspace's as they are now, and the software is this
machine's; the bag's ``provenance.json`` says what they were, so a difference comes with its reasons.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from minutes.archive import provenance
from minutes.archive.issued import SOURCE_NAME, load_issued, render_originals
from minutes.archive.registry import REGISTRY_NAME, IssueRow, Registry
from minutes.diagnostics import Diagnostic, InvalidInput, MinutesError, Note, Severity
from minutes.load import parse
from minutes.model import MergedDirectory
from minutes.validate import check_directory
from minutes.validate import directory as directory_checks
from minutes.workspace import Workspace


@dataclass(frozen=True)
class Rerendered:
    """One bag rendered again: which originals came out the same, which did not, and why they may differ."""

    folder: str
    identical: tuple[str, ...]
    different: tuple[str, ...]
    reasons: tuple[Note, ...]

    @property
    def count(self) -> int:
        return len(self.identical) + len(self.different)


def _issued_directory(bag: Path, workspace: Workspace) -> MergedDirectory:
    """The directory as it was when the bag was issued (its snapshot), checked as at issue."""
    snapshot = sorted((bag / "data" / "source" / "directory").glob("*.yaml"))
    sources = [parse(path.read_text(encoding="utf-8-sig"), path, str(path)) for path in snapshot]
    problems: list[Diagnostic] = []
    directory = check_directory(sources, workspace, problems)
    if any(problem.severity is Severity.ERROR for problem in problems):
        raise InvalidInput(problems)
    return directory_checks.with_office(directory)


def _same_render(archived: bytes, rendered: bytes) -> bool:
    """Whether an archived original is this render: the same bytes, or, for a signed original, the render
    followed by its signature's incremental update (what follows it is ``verify``'s to check)."""
    return archived.startswith(rendered)


def rerender_bag(workspace: Workspace, archive: Path, row: IssueRow) -> Rerendered:
    """Render the originals of one bag again and compare them with the archived ones, byte for byte."""
    bag = archive / row.folder
    archived = {p.relative_to(bag / "data").as_posix() for p in (bag / "data").rglob("*.pdf")}
    try:
        source = (bag / "data" / "source" / SOURCE_NAME).read_bytes()
        directory = _issued_directory(bag, workspace)
        item = load_issued(source, row.record, f"{row.folder}/data/source/{SOURCE_NAME}")
        made = render_originals(workspace, item, directory, source)
    except (MinutesError, OSError, ValueError) as error:  # pydantic's errors are ValueErrors
        reason = Note.of("rerender-failed", error=str(error).splitlines()[0])
        return Rerendered(row.folder, (), tuple(sorted(archived)), (reason,))
    identical = sorted(name for name, data in made.items()
                       if name in archived and _same_render((bag / "data" / name).read_bytes(), data))
    different = sorted((set(made) | archived) - set(identical))
    then = provenance.recorded(bag)
    if not different:
        reasons: list[Note] = []
    elif then is None:
        reasons = [Note.of("rerender-no-provenance")]
    else:
        reasons = provenance.differences(then, provenance.describe(workspace, directory.office.font)) or [
            Note.of("rerender-same-provenance")]
    return Rerendered(row.folder, tuple(identical), tuple(different), tuple(reasons))


def _rows(archive: Path) -> list[IssueRow]:
    if not (archive / REGISTRY_NAME).is_file():
        raise MinutesError(Note.of("no-register", register=archive / REGISTRY_NAME))
    registry = Registry(archive / REGISTRY_NAME)
    try:
        return registry.all_issues()
    finally:
        registry.close()


def rerender(workspace: Workspace, archive: Path) -> list[Rerendered]:
    """Every bag the archive's register lists, rendered again."""
    return [rerender_bag(workspace, archive, row) for row in _rows(archive)]


def reproducible(workspace: Workspace, archive: Path) -> tuple[int, list[tuple[str, Note]]]:
    """How many bags the archive has, and why this machine would not render some of them as they were,
    judged from what each bag records (nothing is rendered): a bag's folder and one difference or doubt."""
    rows = _rows(archive)
    lines: list[tuple[str, Note]] = []
    now: dict[str, dict[str, Any]] = {}
    for row in rows:
        then = provenance.recorded(archive / row.folder)
        if then is None:
            lines.append((row.folder, Note.of("provenance-none")))
            continue
        family = then["family"]
        current = now.setdefault(family, provenance.describe(workspace, family))
        lines += [(row.folder, difference) for difference in provenance.differences(then, current)]
    return len(rows), lines
