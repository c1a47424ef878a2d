"""The preview's build session: one thread that builds, then rebuilds on every change the system reports
(the watcher of ``minutes watch``), in one warm renderer, and publishes a new snapshot after each build.

A build writes nothing when any record it checks is invalid. A preview wants more: the other records
should still follow their edits. So when the build of every record stops on the errors of some, the
others are built on their own, exactly as ``minutes build`` with their names would build them; the
invalid records keep their last good documents, shown as stale. A problem that concerns no record
(the directory, a template) stops them all.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from minutes.build import Step, build
from minutes.build.watch import SETTLE_SECONDS, changes
from minutes.diagnostics import Diagnostic, InvalidInput, MinutesError, Severity
from minutes.serve.state import Documents, Outcome, Snapshot, states
from minutes.workspace import Workspace

if TYPE_CHECKING:
    from minutes.output.worker import Warm


@dataclass(frozen=True)
class Report:
    """One build of the session, for the command line to tell: what changed, what came of it, how long."""

    changed: tuple[Path, ...]
    outcome: Outcome
    written: tuple[Path, ...]
    seconds: float


Listener = Callable[[Snapshot], None]


class Session:
    """Keeps :attr:`snapshot` up to date with the workspace, from a thread of its own."""

    def __init__(self, workspace: Workspace, record_paths: list[Path] | None, out_dir: Path, *,
                 settle: float = SETTLE_SECONDS, report: Callable[[Report], None] | None = None) -> None:
        self.workspace, self.out_dir, self.settle, self.report = workspace, out_dir, settle, report
        self.record_paths = sorted({path.resolve() for path in record_paths}) if record_paths else None
        self.documents = Documents(out_dir)
        records = self.records()
        found, _ = states(workspace, records, self.documents.of(workspace, records), None)
        self.snapshot = replace(Snapshot().following(found, (), None), building=True)  # what out/ holds now
        self._listeners: list[Listener] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="minutes-serve-build", daemon=True)

    def records(self) -> list[Path]:
        """The records shown: those asked for, else every record of the workspace now."""
        return [path for path in self.record_paths if path.is_file()] if self.record_paths \
            else self.workspace.record_files()

    def start(self, listener: Listener) -> None:
        """Build, then rebuild on every change, telling ``listener`` (from the session's thread) of each snapshot."""
        self._listeners.append(listener)
        self._thread.start()

    def stop(self, timeout: float = 30) -> None:
        """Stop watching; wait for a build under way to end."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _publish(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        for listener in self._listeners:
            listener(snapshot)

    def _run(self) -> None:
        from minutes.output.worker import Warm  # WeasyPrint is imported here, once, in this thread

        warm = Warm()
        for changed in changes(self.workspace, self.record_paths, stop=self._stop, settle=self.settle):
            if changed:
                self._publish(replace(self.snapshot, building=True))
            started = time.monotonic()
            records = self.records()
            try:
                outcome, written = attempt(self.workspace, records, self.out_dir, warm, stop=self._stop)
            except Stopped:
                return  # the server is stopping: the build left the output folder as it was
            found, problems = states(self.workspace, records, self.documents.of(self.workspace, records), outcome)
            self._publish(self.snapshot.following(found, problems, outcome.failure))
            if self.report:
                self.report(Report(changed, outcome, written, time.monotonic() - started))


class Stopped(Exception):
    """A build given up because the session is stopping (raised between two documents)."""


def attempt(workspace: Workspace, records: list[Path], out_dir: Path, warm: Warm, *,
            stop: threading.Event | None = None) -> tuple[Outcome, tuple[Path, ...]]:
    """Build ``records``; if some are invalid, build the others on their own. Returns what was found and
    the files written. Raises :class:`Stopped` when ``stop`` is set during a build."""
    if not records:  # none in the workspace, or none of those asked for is left: nothing to build
        return Outcome((Diagnostic.of(workspace.display_name(workspace.meetings), 1, 1, "no-records"),)), ()
    outcome, written = _build(workspace, records, out_dir, warm, frozenset(records), stop)
    names = {workspace.display_name(path): path for path in records}
    files = {d.file for d in outcome.diagnostics if d.severity is Severity.ERROR}
    if outcome.failure is not None or not files or not files <= names.keys() or files == names.keys():
        return outcome, written
    invalid = {names[file] for file in files}
    rest = [path for path in records if path not in invalid]
    kept = tuple(d for d in outcome.diagnostics if names.get(d.file) not in rest)  # the invalid records' own
    second, written = _build(workspace, rest, out_dir, warm, frozenset(records), stop)
    stopped = second.stopped if second.failure or second.stopped else frozenset(invalid)
    return Outcome(kept + second.diagnostics, stopped, second.failure), written


def _build(workspace: Workspace, records: list[Path], out_dir: Path, warm: Warm, stoppable: frozenset[Path],
           stop: threading.Event | None) -> tuple[Outcome, tuple[Path, ...]]:
    """One build; its failure stops the ``stoppable`` records. Never raises on invalid input or a failure
    of the build (a preview goes on and shows them), only :class:`Stopped`: the build discards what it
    staged, as on Ctrl-C."""

    def stopping(step: Step) -> None:
        if stop is not None and stop.is_set():
            raise Stopped

    try:
        result = build(workspace, records, out_dir, warm=warm, progress=stopping)
    except Stopped:
        raise
    except InvalidInput as error:
        return Outcome(tuple(error.diagnostics), stoppable), ()
    except MinutesError as error:
        return Outcome((), stoppable, str(error)), ()
    except Exception as error:  # a bug must not end the preview; it is shown like a failure
        return Outcome((), stoppable, f"internal error: {type(error).__name__}: {error}"), ()
    return Outcome(tuple(result.warnings)), tuple(result.written)
