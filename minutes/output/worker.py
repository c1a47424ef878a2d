"""What runs inside a rendering process: a renderer that also notes the files each document fetched.

Importing this module imports WeasyPrint (through :mod:`minutes.output.pdf`); only rendering
processes (and commands that render in their own process) do.
"""

from __future__ import annotations

import hashlib
import resource
import sys
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from minutes.output.fonts import FontChoice
from minutes.output.jobs import Job, Made
from minutes.output.pdf import LocalFetcher, PdfRenderer
from minutes.workspace import Workspace

if TYPE_CHECKING:
    from weasyprint.urls import URLFetcherResponse


class _RecordingFetcher(LocalFetcher):
    """The confined fetcher, noting the hash of every workspace file it serves."""

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace)
        self.fetched: dict[str, str] = {}

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        response = super().fetch(url, headers)
        if urlsplit(url).scheme in ("template", "file") and response.path:
            self.fetched[url] = hashlib.sha256(Path(response.path).read_bytes()).hexdigest()
        return response


def peak_rss_mb() -> float:
    """This process's peak resident memory in MiB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB elsewhere


class TrackingRenderer(PdfRenderer):
    """A :class:`PdfRenderer` that also says which files each document fetched (for the build cache)."""

    def __init__(self, workspace: Workspace, font: FontChoice) -> None:
        self.recorder = _RecordingFetcher(workspace)
        super().__init__(workspace, font, self.recorder)

    def render_job(self, job: Job) -> Made:
        """The PDF of ``job`` (an original when it carries what to embed)."""
        self.recorder.fetched = {}
        pdf = self.render(job.markup, job.papers, job.archival)
        return Made(job.target, pdf.data, pdf.pages, dict(self.recorder.fetched), peak_rss_mb(), pdf.anchors)


class Warm:
    """One renderer kept across builds in a long-lived process, made anew when the workspace, the
    font or what else every PDF depends on (``key``: the stylesheet, versions) changes."""

    def __init__(self) -> None:
        self._key: tuple[Workspace, FontChoice, str] | None = None
        self._renderer: TrackingRenderer | None = None

    def renderer(self, workspace: Workspace, font: FontChoice, key: str) -> TrackingRenderer:
        if self._renderer is None or self._key != (workspace, font, key):
            self._renderer = TrackingRenderer(workspace, font)
            self._key = (workspace, font, key)
        return self._renderer
