"""Rebuild documents as their inputs change, in one warm process.

The operating system tells us when a record, a directory file, a template, a font or an asset
changes (``watchfiles``: inotify on Linux, FSEvents on macOS, ReadDirectoryChangesW on Windows);
nothing is polled. A change counts once the files have been quiet for ``settle`` seconds (editors
often write a file in several steps), then an ordinary incremental :func:`minutes.build.build` runs:
only the documents whose content changed are rendered, by one renderer kept for the whole session,
so WeasyPrint is imported and the stylesheets parsed once. ``minutes serve`` uses the same watcher.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from minutes.build import BuildResult, build
from minutes.diagnostics import MinutesError
from minutes.workspace import Workspace

SETTLE_SECONDS = 0.05
_WAKE_MS = 100  # how long the first wait lasts: the watcher is running once it returns


@dataclass(frozen=True)
class Rebuild:
    """One build of a watch session: the files that changed before it (none for the first),
    and what it wrote or the error that stopped it."""

    changed: tuple[Path, ...]
    result: BuildResult | None
    error: MinutesError | None
    seconds: float


def watched_folders(workspace: Workspace) -> list[Path]:
    """The folders whose files a build reads: ``data/`` (records and directory), templates, fonts, assets."""
    folders = [workspace.data, *workspace.template_dirs, workspace.fonts, workspace.assets]
    return [folder for folder in folders if folder.is_dir()]


def relevant(workspace: Workspace, record_paths: list[Path] | None) -> Callable[[Path], bool]:
    """Whether a changed file matters to a build of ``record_paths`` (all records by default).

    Under ``data/`` only directory files and the records built count; elsewhere every file does,
    except hidden files and folders (editors' locks and swap files, the writers' staging folders)
    and editors' backups (``~``).
    """
    records = {path.resolve() for path in record_paths} if record_paths else None
    data, meetings, folders = workspace.data, workspace.meetings, watched_folders(workspace)

    def matters(path: Path) -> bool:
        folder = next((folder for folder in folders if path.is_relative_to(folder)), None)
        if folder is None or path.name.endswith("~"):
            return False
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            return False
        if not path.is_relative_to(data):
            return True
        if path.parent == data:
            return path.suffix == ".yaml"
        if records is not None:
            return path in records
        return path.is_relative_to(meetings) and path.suffix == ".yaml"

    return matters


def changes(workspace: Workspace, record_paths: list[Path] | None, *, stop: threading.Event | None = None,
            settle: float = SETTLE_SECONDS) -> Iterator[tuple[Path, ...]]:
    """Yield an empty tuple once the watcher runs, then each settled set of changed files (sorted),
    until ``stop`` is set.

    Changes are collected from the first yield on, also while the caller is busy between two.
    """
    import watchfiles

    matters = relevant(workspace, record_paths)
    folders = [str(folder) for folder in watched_folders(workspace)]
    step = max(1, round(settle * 1000))
    started = False
    for batch in watchfiles.watch(*folders, watch_filter=lambda change, path: matters(Path(path)), step=step,
                                  stop_event=stop, rust_timeout=_WAKE_MS, yield_on_timeout=True,
                                  raise_interrupt=True):
        if batch or not started:
            started = True
            yield tuple(sorted({Path(path) for _, path in batch}))


def watch(workspace: Workspace, record_paths: list[Path] | None, out_dir: Path, *, strict: bool = False,
          settle: float = SETTLE_SECONDS, stop: threading.Event | None = None) -> Iterator[Rebuild]:
    """Build once, then again after every change, until ``stop`` is set; yields each build's outcome.

    Invalid input does not end the session: it is reported and the next change is awaited.
    """
    from minutes.output.worker import Warm  # the warm renderer: WeasyPrint is imported here, once

    warm = Warm()
    for changed in changes(workspace, record_paths, stop=stop, settle=settle):
        started = time.monotonic()
        try:
            result = build(workspace, record_paths, out_dir, strict=strict, warm=warm)
        except MinutesError as error:
            yield Rebuild(changed, None, error, time.monotonic() - started)
        else:
            yield Rebuild(changed, result, None, time.monotonic() - started)
