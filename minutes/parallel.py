"""Render PDFs in worker processes that load WeasyPrint once and keep one warm renderer each.

Threads do not help (the GIL serialises layout); processes do. The workers start before the work
is known, so that they import WeasyPrint (≈0.5 s) while this process is still checking records
and rendering HTML; this module itself stays light. A worker makes its renderer (font
configuration and parsed stylesheets) for its first document and reuses it for every later one.
Documents are handed out longest first, so that one long minutes does not finish alone at the end.
"""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing
import signal
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.synchronize import Lock
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from minutes.fonts import FontChoice
from minutes.workspace import Workspace

if TYPE_CHECKING:
    from minutes.model import PageSize
    from minutes.worker import TrackingRenderer

START_METHOD = "fork" if sys.platform.startswith("linux") else "spawn"


@dataclass(frozen=True)
class Job:
    """A PDF to render: where it goes, its HTML and the papers it may take, in order of preference."""

    target: Path
    html: str
    papers: tuple[PageSize, ...]


@dataclass(frozen=True)
class Rendered:
    """A rendered PDF, the files fetched for it (URL → SHA-256) and its renderer's peak memory so far."""

    target: Path
    data: bytes
    pages: int
    paper: PageSize
    resources: dict[str, str]
    peak_rss_mb: float


_renderers: dict[tuple[Workspace, FontChoice], TrackingRenderer] = {}


def _start_worker(turn: Lock) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent stops the pool
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not a handler inherited from the parent
    # Load WeasyPrint now, one worker at a time: the first is ready soonest, and the others load
    # while it renders instead of competing with the parent for the cores. A failure must not
    # escape an initializer (the pool would start workers forever); it happens again, and is
    # reported, with the first document.
    with turn, contextlib.suppress(Exception):
        importlib.import_module("minutes.worker")


def _render_in_worker(task: tuple[Workspace, FontChoice, Job]) -> Rendered:
    from minutes.worker import TrackingRenderer

    workspace, font, job = task
    if (workspace, font) not in _renderers:
        _renderers[workspace, font] = TrackingRenderer(workspace, font)
    return _renderers[workspace, font].render_job(job)


class Renderers:
    """``workers`` rendering processes (none when one: this process renders), started at once."""

    def __init__(self, workers: int) -> None:
        self.pool = None
        if workers > 1:
            context = multiprocessing.get_context(START_METHOD)
            self.pool = context.Pool(workers, _start_worker, (context.Lock(),))

    def render(self, workspace: Workspace, font: FontChoice, jobs: Sequence[Job], *,
               renderer: TrackingRenderer | None = None) -> Iterator[Rendered]:
        """Render ``jobs`` (with ``renderer`` when given), yielding each PDF as it is done."""
        ordered = sorted(jobs, key=lambda job: len(job.html), reverse=True)
        if self.pool is None or renderer is not None:
            if renderer is None:
                from minutes.worker import TrackingRenderer  # WeasyPrint: only when rendering here

                renderer = TrackingRenderer(workspace, font)
            for job in ordered:
                yield renderer.render_job(job)
            return
        yield from self.pool.imap_unordered(_render_in_worker, [(workspace, font, job) for job in ordered])

    def __enter__(self) -> Renderers:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
