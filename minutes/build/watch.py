"""Rebuild documents as their inputs change, in one warm process.

The watcher polls the modification times of the records, the directory files, the templates,
the fonts and the assets (no platform-specific file notification needed), waits until a change
has settled, and runs an ordinary incremental :func:`minutes.build.build`: only the documents
whose content changed are rendered, by one renderer kept for the whole session, so WeasyPrint
is imported and the stylesheets parsed once.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from minutes.build import BuildResult, build
from minutes.diagnostics import MinutesError
from minutes.workspace import Workspace

Snapshot = dict[Path, tuple[int, int]]


@dataclass(frozen=True)
class Rebuild:
    """One build of a watch session: the files that changed before it (none for the first),
    and what it wrote or the error that stopped it."""

    changed: tuple[Path, ...]
    result: BuildResult | None
    error: MinutesError | None
    seconds: float


def snapshot(workspace: Workspace, record_paths: list[Path] | None) -> Snapshot:
    """Modification time and size of every file a build of ``record_paths`` (all by default) reads."""
    files = [*(record_paths or workspace.record_files()), *workspace.directory_files()]
    for folder in (*workspace.template_dirs, workspace.fonts, workspace.assets):
        if folder.is_dir():
            files += [p for p in folder.rglob("*") if p.is_file()]
    state: Snapshot = {}
    for path in files:
        try:
            status = path.stat()
        except OSError:
            continue  # gone: its absence is the change
        state[path] = (status.st_mtime_ns, status.st_size)
    return state


def _changes(before: Snapshot, after: Snapshot) -> tuple[Path, ...]:
    return tuple(sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p)))


def watch(workspace: Workspace, record_paths: list[Path] | None, out_dir: Path, *, interval: float = 0.5,
          strict: bool = False, sleep: Callable[[float], None] = time.sleep) -> Iterator[Rebuild]:
    """Build once, then again after every change, forever; yields each build's outcome.

    A change counts once the files have stayed the same for one more ``interval`` (editors often
    write a file in several steps). Invalid input does not end the session: it is reported and
    the next change is awaited.
    """
    from minutes.output.worker import Warm  # the warm renderer: WeasyPrint is imported here, once

    warm = Warm()
    state = snapshot(workspace, record_paths)
    changed: tuple[Path, ...] = ()
    while True:
        started = time.monotonic()
        try:
            result = build(workspace, record_paths, out_dir, strict=strict, warm=warm)
        except MinutesError as error:
            yield Rebuild(changed, None, error, time.monotonic() - started)
        else:
            yield Rebuild(changed, result, None, time.monotonic() - started)
        current = state
        while current == state:
            sleep(interval)
            current = snapshot(workspace, record_paths)
        while True:
            sleep(interval)
            settled = snapshot(workspace, record_paths)
            if settled == current:
                break
            current = settled
        changed, state = _changes(state, current), current
