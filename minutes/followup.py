"""The follow-up run: the ledger of every decision and a reminder letter per unit with overdue ones.

Everything is computed as of a date (today unless given), so a run with the same date and the
same records gives the same files. All documents are rendered in memory before any is written,
into ``<out>/followup/<date>/`` (e.g. ``out/followup/1404-02-01/``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from minutes.build import Progress, render_outputs, write_atomically
from minutes.context import followup_documents, followup_folder
from minutes.diagnostics import Diagnostic
from minutes.fonts import choose_font
from minutes.jalali import JalaliDate
from minutes.validate import validate
from minutes.workspace import Workspace

FOLDER = "followup"
REMINDERS = "reminder-*.pdf"


@dataclass(frozen=True)
class FollowUpResult:
    """What a follow-up run wrote, the reminders of an earlier run it removed, and what to tell the user."""

    folder: Path
    written: tuple[Path, ...]
    removed: tuple[Path, ...]
    warnings: tuple[Diagnostic, ...]
    notices: tuple[str, ...]


def followup(workspace: Workspace, as_of: JalaliDate, out_dir: Path, *,
             progress: Progress | None = None) -> FollowUpResult:
    """Validate the workspace, then render and write the ledger and the reminders as of ``as_of``.

    Reminder letters left in the folder by an earlier run for units no longer overdue are removed,
    once everything else is written, so the folder always holds exactly one run's letters.
    """
    validated = validate(workspace)
    office = validated.directory.office
    assert office is not None, "validate() guarantees an office"
    font = choose_font(workspace, office.font)
    documents = followup_documents(validated.records, validated.directory, as_of)
    outputs = render_outputs(workspace, documents, out_dir / FOLDER, font, progress=progress)
    for output in outputs:
        write_atomically(output.target, output.data)
    folder = out_dir / FOLDER / followup_folder(as_of)
    written = tuple(output.target for output in outputs)
    stale = tuple(path for path in sorted(folder.glob(REMINDERS)) if path not in written)
    for path in stale:
        path.unlink()
    return FollowUpResult(folder, written, stale, validated.warnings, (font.warning,) if font.warning else ())
