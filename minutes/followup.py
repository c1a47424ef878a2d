"""The follow-up run: for each body, the ledger of its decisions and a reminder letter per unit with
overdue ones, under the body's secretariat.

Everything is computed as of a date (today unless given), so a run with the same date and the
same records gives the same files. All documents are rendered, then written through the output
stage as one set into ``<out>/followup/<date>/<body>/`` (e.g. ``out/followup/1404-02-01/board/``):
each body's ledger and reminders, and the removal of reminders an earlier run wrote there for units
no longer overdue (and of the files the one-folder layout of earlier versions left in ``<date>/``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from minutes.diagnostics import BadArgument, Diagnostic, Note
from minutes.documents.followup import followup_bodies, followup_folder
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
LEDGER = "ledger.pdf"  # in <date>/ itself only when an earlier version wrote it there


@dataclass(frozen=True)
class FollowUpResult:
    """What a follow-up run wrote (``folders``: one per body), the reminders of an earlier run it
    removed, and what to tell the user."""

    folders: tuple[Path, ...]
    written: tuple[Path, ...]
    removed: tuple[Path, ...]
    warnings: tuple[Diagnostic, ...]
    notices: tuple[Note, ...]


def followup(workspace: Workspace, as_of: JalaliDate, out_dir: Path, *, body: str | None = None,
             progress: Callable[[Note], None] | None = None) -> FollowUpResult:
    """Validate the workspace, then render and write the ledger and the reminders as of ``as_of`` of
    ``body`` (default: of every body with decisions by then, each in its folder), removing the
    reminders of an earlier run for units no longer overdue, all as one set."""
    validated = check_workspace(workspace)
    directory = validated.directory
    if body is not None and body not in directory.bodies:
        raise BadArgument(Note.of("no-such-body", body=body, known=", ".join(sorted(directory.bodies))))
    font = choose_font(workspace, directory.office.font)
    bodies = [body] if body is not None else followup_bodies(validated.records, as_of)
    documents = [doc for each in bodies for doc in followup_documents(validated.records, directory, as_of, each)]
    env = environment(workspace)
    root = out_dir / FOLDER
    jobs = [to_job(doc, render_document(env, doc), root / doc.record / doc.filename) for doc in documents]
    dated = root / followup_folder(as_of)
    folders = tuple(dated / each for each in bodies)
    remove_leftovers(root)
    with Renderers(1) as renderers, Staging(root) as staging:
        for made in produce(renderers, workspace, font, jobs):
            staging.add(made.target, made.data)
            if progress:
                progress(Note.of("followup-rendered", path=workspace.display_name(made.target)))
        targets = {job.target for job in jobs}
        stale = tuple(path for folder in (dated, *folders) for path in sorted(folder.glob(REMINDERS))
                      if path not in targets) + tuple(path for path in (dated / LEDGER,) if path.is_file())
        for path in stale:
            staging.remove(path)
    return FollowUpResult(folders, tuple(job.target for job in jobs), stale, validated.warnings,
                          (font.warning,) if font.warning else ())
