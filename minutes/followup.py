"""The follow-up run: the ledger of every decision and a reminder letter per unit with overdue ones.

Everything is computed as of a date (today unless given), so a run with the same date and the
same records gives the same files. All documents are rendered, then written through the output
stage as one set into ``<out>/followup/<date>/`` (e.g. ``out/followup/1404-02-01/``): the ledger,
the reminders, and the removal of reminders an earlier run wrote for units no longer overdue.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from minutes.diagnostics import Diagnostic
from minutes.documents.followup import followup_folder
from minutes.documents.registry import followup_documents
from minutes.output.files import Staging, remove_leftovers
from minutes.output.fonts import choose_font
from minutes.output.pool import Renderers, produce
from minutes.render import environment, render_document, to_job
from minutes.sources import check_workspace
from minutes.text.jalali import JalaliDate
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
             progress: Callable[[str], None] | None = None) -> FollowUpResult:
    """Validate the workspace, then render and write the ledger and the reminders as of ``as_of``,
    removing the reminders of an earlier run for units no longer overdue, all as one set."""
    validated = check_workspace(workspace)
    font = choose_font(workspace, validated.directory.office.font)
    documents = followup_documents(validated.records, validated.directory, as_of)
    env = environment(workspace)
    root = out_dir / FOLDER
    jobs = [to_job(doc, render_document(env, doc), root / doc.record / doc.filename) for doc in documents]
    folder = root / followup_folder(as_of)
    remove_leftovers(root)
    with Renderers(1) as renderers, Staging(root) as staging:
        for made in produce(renderers, workspace, font, jobs):
            staging.add(made.target, made.data)
            if progress:
                progress(f"rendered {workspace.display_name(made.target)}")
        targets = {job.target for job in jobs}
        stale = tuple(path for path in sorted(folder.glob(REMINDERS)) if path not in targets)
        for path in stale:
            staging.remove(path)
    return FollowUpResult(folder, tuple(job.target for job in jobs), stale, validated.warnings,
                          (font.warning,) if font.warning else ())
