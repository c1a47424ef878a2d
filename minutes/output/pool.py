"""Render PDFs in worker processes that load WeasyPrint once and keep one warm renderer each.

Threads do not help (the GIL serialises layout); processes do. The first worker starts before the
work is known, so that it imports WeasyPrint (≈0.5 s) while this process is still checking records
and rendering HTML; this module itself stays light. A worker makes its renderer (font
configuration and parsed stylesheets) for its first document and reuses it for every later one.
Documents are handed out longest first, so that one long minutes does not finish alone at the end.

The workers are plain processes started from the calling thread, each with its own pipe (no
pool threads that fork or respawn behind our back); a worker that dies stops the build with an
error, and leaving :class:`Renderers` terminates them all, killing any that does not stop.
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib
import multiprocessing
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from types import TracebackType
from typing import TYPE_CHECKING

from minutes.diagnostics import Note, RenderError
from minutes.output.fonts import FontChoice
from minutes.workspace import Workspace

if TYPE_CHECKING:
    from minutes.output.jobs import Job, Made
    from minutes.output.worker import TrackingRenderer

START_METHOD = "fork" if sys.platform.startswith("linux") else "spawn"
START = "start"
WAKE_AFTER = 1  # documents one warm worker renders alone before the others are woken
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
_STOPPING = {signal.SIGTERM, signal.SIGINT}


def _die_with_parent(parent: int) -> None:
    """Ask Linux to kill this worker when its parent dies (even by SIGKILL); stop at once if it already has."""
    with contextlib.suppress(Exception):  # not Linux, or no libc: the pipe still ends the loop
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(0)


@contextlib.contextmanager
def _stopping_held() -> Iterator[None]:
    """Hold SIGTERM and SIGINT back while a worker is started.

    A forked worker inherits this process's handlers (``TerminateAsInterrupt`` turns SIGTERM into
    KeyboardInterrupt) until :func:`_serve` replaces them. A build with nothing to render stops its
    workers right after starting them: a SIGTERM landing before the replacement was once swallowed
    in ``multiprocessing``'s after-fork hooks (the worker lived on, and stopping it waited 5 s, twice)
    or printed a KeyboardInterrupt traceback. Blocked here, it stays pending until the worker has its
    own handlers, then stops it at once.
    """
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _serve(connection: Connection, eager: bool, parent: int) -> None:
    """A worker: load WeasyPrint (at once, or once told to), say so, then render whatever it is sent
    until the parent stops it (or dies)."""
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent stops us
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not a handler inherited from the parent
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPPING)  # blocked since the fork: see _stopping_held
    if not eager and connection.recv() != START:
        return
    with contextlib.suppress(Exception):  # a failure to load shows again, as the first document's error
        importlib.import_module("minutes.output.worker")
    renderers: dict[tuple[Workspace, FontChoice], TrackingRenderer] = {}
    connection.send(("ready", None))
    while True:
        try:
            workspace, font, job = connection.recv()
        except EOFError:  # the parent is gone
            return
        try:
            from minutes.output.worker import TrackingRenderer
            from minutes.output.writers import write

            if (workspace, font) not in renderers:
                renderers[workspace, font] = TrackingRenderer(workspace, font)
            if job is not None:  # None: only make the renderer, before the first document comes
                connection.send(("done", write(job, renderers[workspace, font])))
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as error:  # reported by the parent, which stops the build
            if job is not None:
                _report(connection, error)


def _report(connection: Connection, error: BaseException) -> None:
    """Send the parent an error (WeasyPrint's fatal fetching errors are not even Exceptions)."""
    if not isinstance(error, Exception):
        error = RenderError(Note.of("render-failed", error=str(error.__cause__ or error)))
    try:
        connection.send(("error", error))
    except Exception:  # an exception that cannot be pickled: its words will do
        connection.send(("error", RenderError(Note.of("render-crashed", kind=type(error).__name__, error=str(error)))))


class Renderers:
    """``workers`` rendering processes (none when one: this process renders).

    All are forked at once by :meth:`start`, from a process still small. The first loads WeasyPrint
    at once, while this process checks the records; the others only once there is more than
    ``WAKE_AFTER`` document to render, when this process has nothing left to do but wait (so they do
    not compete with it for the cores). After a one-record edit (the minutes and a letter or two),
    the second worker loads WeasyPrint while the first renders the minutes, then takes the letters:
    0.88 s against 0.97–1.10 s when the first rendered them all (bench/README.md). Each worker has its own pipe: the
    parent hands a document to whichever worker is free (the longest first), and notices at once if
    one dies. Leaving the ``with`` block stops them all.
    """

    def __init__(self, workers: int) -> None:
        self.count = workers
        self.workers: dict[Connection, BaseProcess] = {}
        self.dormant: list[Connection] = []  # workers not yet told to load WeasyPrint

    def start(self) -> Renderers:
        """Fork the workers (once; none when one was asked for) and let the first load WeasyPrint."""
        if self.count > 1 and not self.workers:
            context = multiprocessing.get_context(START_METHOD)
            for number in range(self.count):
                ours, theirs = context.Pipe()
                process = context.Process(target=_serve, args=(theirs, number == 0, os.getpid()), daemon=True)
                with _stopping_held():
                    process.start()
                theirs.close()
                self.workers[ours] = process
                if number:
                    self.dormant.append(ours)
        return self

    def render(self, workspace: Workspace, font: FontChoice, jobs: Sequence[Job], *,
               renderer: TrackingRenderer | None = None) -> Iterator[Made]:
        """Make the typeset ``jobs`` (with ``renderer`` when given), yielding each file as it is done."""
        if not jobs:  # nothing to render: WeasyPrint is not even loaded
            return
        ordered = sorted(jobs, key=lambda job: len(job.markup), reverse=True)
        self.start()
        if not self.workers or renderer is not None:
            from minutes.output.writers import write

            if renderer is None:
                from minutes.output.worker import TrackingRenderer  # WeasyPrint: only when rendering here

                renderer = TrackingRenderer(workspace, font)
            for job in ordered:
                yield write(job, renderer)
            return
        if len(ordered) > WAKE_AFTER:
            for connection in self.dormant:
                connection.send(START)
        pending = iter(ordered)
        remaining = len(ordered)
        deaths = {process.sentinel: process for process in self.workers.values()}
        while remaining:
            for ready in wait([*self.workers, *deaths]):
                if not isinstance(ready, Connection):  # a process sentinel: that worker is gone
                    raise self._died()
                try:
                    kind, value = ready.recv()
                except EOFError:
                    raise self._died() from None
                if kind == "error":
                    raise value
                job = next(pending, None)
                if job is not None:  # before anything else, so that the worker is never idle
                    ready.send((workspace, font, job))
                if kind == "done":
                    remaining -= 1
                    yield value

    def prepare(self, workspace: Workspace, font: FontChoice) -> None:
        """Let the first worker make its renderer (fonts, stylesheets) while this process plans."""
        for connection in list(self.workers)[:1]:
            connection.send((workspace, font, None))

    def _died(self) -> RenderError:
        codes = ", ".join(str(p.exitcode) for p in self.workers.values() if p.exitcode is not None)
        return RenderError(Note.of("renderer-died.codes", codes=codes) if codes else Note.of("renderer-died"))

    def __enter__(self) -> Renderers:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        for process in self.workers.values():
            process.terminate()
        for connection, process in self.workers.items():
            process.join(timeout=5)
            if process.is_alive():
                process.kill()
                process.join()
            connection.close()


def produce(pool: Renderers, workspace: Workspace, font: FontChoice, jobs: Sequence[Job], *,
            renderer: TrackingRenderer | None = None) -> Iterator[Made]:
    """Make every job, yielding each file as it is made: the typeset ones first (by ``pool``, or by
    ``renderer`` when given), then the others (they take no time)."""
    from minutes.output.writers import write

    yield from pool.render(workspace, font, [job for job in jobs if job.format.typeset], renderer=renderer)
    for job in jobs:
        if not job.format.typeset:
            yield write(job)
