"""Where the command line writes: messages in the chosen language (diagnostics, and every other line
worded by the catalogue's reports), Persian reshaped only when asked for and only on a terminal, and a
build's progress on standard error."""

from __future__ import annotations

import os
import re
import shutil
import signal
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from typing import TextIO

from minutes.build import Step
from minutes.cli import progress, terminal
from minutes.diagnostics import Diagnostic, Note, Severity
from minutes.workspace import Workspace

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
_PERSIAN_LOCALE = re.compile(r"fa(?:$|[_.@-])", re.IGNORECASE)


def printable(text: str) -> str:
    """``text`` with controls other than line breaks and tabs written as escapes (``\\x1b``,
    ``\\u202e``): nothing we print, not even an argument echoed back, drives the terminal or reorders a line."""
    return _CONTROLS.sub(lambda char: char[0].encode("unicode_escape").decode("ascii"), text)


class Console:
    """Where the CLI writes: messages in the chosen language, Persian reshaped only when asked for
    and only on a terminal."""

    def __init__(self, lang: str, bidi_terminal: bool) -> None:
        self.lang = lang
        self.visual = {stream: terminal.wanted(bidi_terminal, os.environ, stream)
                       for stream in (sys.stdout, sys.stderr)}

    def write(self, text: str, stream: TextIO, end: str = "\n") -> None:
        """Print ``text``, then ``end`` (controls other than line breaks and tabs written as escapes: nothing
        we print drives the terminal)."""
        text = printable(text)
        print(terminal.visual(text) if self.visual.get(stream) else text, file=stream, end=end, flush=not end)

    def out(self, text: str) -> None:
        self.write(text, sys.stdout)

    def err(self, text: str) -> None:
        self.write(text, sys.stderr)

    def words(self, key: str, /, **values: object) -> str:
        """The catalogue's entry ``key`` filled with ``values``, in the console's language."""
        return Note.of(key, **values).text(self.lang)

    def report(self, key: str, /, **values: object) -> None:
        """Say the catalogue's entry ``key``, filled with ``values``, on standard error."""
        self.say(Note.of(key, **values))

    def say(self, note: Note) -> None:
        """Say a note (a catalogue entry and its values, as the library reports progress) on standard error."""
        self.err(note.text(self.lang))

    def diagnostics(self, diagnostics: Sequence[Diagnostic]) -> None:
        """Every diagnostic, sorted, then a count of errors and warnings."""
        for diagnostic in sorted(diagnostics):
            self.err(diagnostic.format(self.lang))
        errors = sum(d.severity is Severity.ERROR for d in diagnostics)
        if diagnostics:
            self.report("problem-count", errors=errors, warnings=len(diagnostics) - errors)


class BuildDisplay:
    """Shows a build's progress on standard error: a bar on a terminal, a line per document otherwise."""

    def __init__(self, workspace: Workspace, console: Console) -> None:
        self.workspace, self.console, self.clock = workspace, console, time.monotonic
        self.started = self.clock()
        self.on_terminal = sys.stderr.isatty()

    def __call__(self, step: Step) -> None:
        if step.target is None:
            self.started = self.clock()
            self.console.report("build-start", total=step.total, up_to_date=step.up_to_date)
        elif self.on_terminal:
            width = shutil.get_terminal_size().columns - 1
            end = "\n" if step.done == step.total else ""
            sys.stderr.write("\r")
            self.console.write(progress.bar(step, self.clock() - self.started, width, self.console.lang), sys.stderr,
                               end)
        else:
            self.console.report("build-built", path=self.workspace.display_name(step.target))

    def summary(self, written: int, up_to_date: int, removed: int) -> None:
        self.console.err(progress.summary(written, up_to_date, removed, self.clock() - self.started,
                                          self.console.lang))


class TerminateAsInterrupt:
    """While a build runs, SIGTERM (a batch scheduler cancelling the job) cleans up as Ctrl-C does."""

    def __enter__(self) -> None:
        self.previous = None
        if threading.current_thread() is threading.main_thread():  # only there can handlers be set
            self.previous = signal.signal(signal.SIGTERM, self.interrupt)

    @staticmethod
    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    def __exit__(self, *exception: object) -> None:
        if self.previous is not None:
            signal.signal(signal.SIGTERM, self.previous)


def language_from_environment(environ: Mapping[str, str]) -> str:
    """``"fa"`` when the first set of LC_ALL, LC_MESSAGES and LANG names a Persian locale, else ``"en"``."""
    for variable in _LOCALE_VARIABLES:
        value = environ.get(variable)
        if value:
            return "fa" if _PERSIAN_LOCALE.match(value) else "en"
    return "en"
