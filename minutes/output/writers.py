"""The writer table: how each output format turns a job into a file's bytes.

A new output format is one :class:`~minutes.output.jobs.Format` member and one writer here.
Typeset formats need a renderer (WeasyPrint, kept warm in a rendering process); the others are
written by the process that planned them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from minutes.output.jobs import Format, Job, Made

if TYPE_CHECKING:
    from minutes.output.worker import TrackingRenderer

Writer = Callable[[Job, "TrackingRenderer | None"], Made]


def _as_text(job: Job, renderer: TrackingRenderer | None) -> Made:
    """HTML and plain text are written as rendered, in UTF-8."""
    return Made(job.target, job.markup.encode("utf-8"))


def _typeset(job: Job, renderer: TrackingRenderer | None) -> Made:
    """A PDF (a working document) or a PDF/A original (with its source embedded)."""
    if renderer is None:
        raise ValueError(f"{job.format} needs a renderer")
    if (job.format is Format.PDFA) != (job.archival is not None):
        raise ValueError("an archival original needs its source to embed, and only an original has one")
    return renderer.render_job(job)


WRITERS: dict[Format, Writer] = {
    Format.PDF: _typeset,
    Format.PDFA: _typeset,
    Format.HTML: _as_text,
    Format.TEXT: _as_text,
}


def write(job: Job, renderer: TrackingRenderer | None = None) -> Made:
    """The file ``job`` asks for, by the writer of its format."""
    return WRITERS[job.format](job, renderer)
