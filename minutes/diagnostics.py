"""Positioned problems found in the input (one type for validation and lint), and the exceptions
that carry them."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from minutes import messages


class Severity(StrEnum):
    """How serious a diagnostic is: errors stop a build, warnings fail only under ``--strict``,
    suggestions (from ``minutes lint``) only advise."""

    ERROR = "error"
    WARNING = "warning"
    SUGGESTION = "suggestion"


@dataclass(frozen=True)
class Note:
    """A piece of wording: a key of :data:`minutes.messages.MESSAGES` and the values that fill it."""

    template: str
    values: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, template: str, /, **values: Any) -> Note:
        return cls(template, tuple(values.items()))

    def text(self, lang: str = "en") -> str:
        """The note worded in ``lang``."""
        return messages.text(self.template, dict(self.values), lang)


@dataclass(frozen=True)
class Fix:
    """What ``minutes lint --fix`` would write: ``text`` over the file characters ``start:end``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in one input file, at a 1-based line and column.

    ``message`` is the English text. A diagnostic made with :meth:`of` also keeps its
    ``template`` (a key of :data:`minutes.messages.MESSAGES`) and the ``values`` that fill it,
    so :meth:`format` can word it in any language; ``more`` are further notes (joined with «; »)
    and ``remark`` one in brackets. One without a template shows ``message``. ``fix`` is the edit
    that resolves it, when one is known to be safe.
    """

    file: str
    line: int
    column: int
    code: str
    message: str
    severity: Severity = Severity.ERROR
    template: str | None = field(default=None, compare=False)
    values: tuple[tuple[str, Any], ...] = field(default=(), compare=False)
    more: tuple[Note, ...] = field(default=(), compare=False)
    remark: Note | None = field(default=None, compare=False)
    fix: Fix | None = field(default=None, compare=False)

    @classmethod
    def of(cls, file: str, line: int, column: int, code: str, /, *, variant: str | None = None,
           severity: Severity = Severity.ERROR, **values: Any) -> Diagnostic:
        """The diagnostic ``code`` worded by the catalogue entry ``code`` (or ``code.variant``)."""
        return cls.noted(file, line, column, code, (Note.of(f"{code}.{variant}" if variant else code, **values),),
                         severity=severity)

    @classmethod
    def noted(cls, file: str, line: int, column: int, code: str, notes: tuple[Note, ...], *,
              severity: Severity = Severity.ERROR, remark: Note | None = None, fix: Fix | None = None) -> Diagnostic:
        """The diagnostic ``code`` worded by ``notes`` (at least one) and an optional ``remark``."""
        first, *more = notes
        return cls(file, line, column, code, _worded(notes, remark, "en"), severity, first.template, first.values,
                   tuple(more), remark, fix)

    @property
    def fixable(self) -> bool:
        return self.fix is not None

    def text(self, lang: str = "en") -> str:
        """The message alone, in ``lang``."""
        if self.template is None:
            return self.message
        return _worded((Note(self.template, self.values), *self.more), self.remark, lang)

    def format(self, lang: str = "en") -> str:
        """``file:line:col: code: message`` in ``lang`` (one of :data:`minutes.messages.LANGUAGES`)."""
        warning = messages.WARNING_LABEL.text(lang)  # also refuses an unknown language
        label = warning if self.severity is Severity.WARNING else ""
        return f"{self.file}:{self.line}:{self.column}: {self.code}: {label}{self.text(lang)}"

    def __str__(self) -> str:
        return self.format("en")


def _worded(notes: tuple[Note, ...], remark: Note | None, lang: str) -> str:
    """Notes joined with «; », the remark in brackets after them."""
    return "; ".join(note.text(lang) for note in notes) + (f" ({remark.text(lang)})" if remark else "")


class MinutesError(Exception):
    """Root of every error the library raises on purpose, worded by a :class:`Note` (a catalogue entry and
    its values), so the command line can say it in the user's language; ``str()`` is the English."""

    def __init__(self, note: Note) -> None:
        if not isinstance(note, Note):
            raise TypeError(f"{type(self).__name__} is worded by a Note, not {type(note).__name__}")
        super().__init__(note)
        self.note = note

    def __str__(self) -> str:
        return self.note.text("en")

    def __reduce__(self) -> tuple[Any, ...]:  # whatever its subclass's arguments, it crosses to another process
        return _remade, (type(self), self.__dict__)


def _remade(kind: type[MinutesError], state: dict[str, Any]) -> MinutesError:
    """An error of ``kind`` with the attributes ``state`` (its note among them), as unpickled."""
    error = kind.__new__(kind)
    Exception.__init__(error, state["note"])
    error.__dict__.update(state)
    return error


class BadArgument(MinutesError):
    """What the command was asked cannot be done as asked (a body that does not exist, a folder that is not
    empty, a record already issued): a usage error, nothing written."""


class InvalidInput(MinutesError):
    """The input has problems; nothing was written."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = sorted(diagnostics)
        super().__init__(Note.of("invalid-input", count=len(self.diagnostics)))

    def __str__(self) -> str:
        """Every diagnostic, one a line, in English (the note only counts them)."""
        return "\n".join(str(d) for d in self.diagnostics)


class BadInput(MinutesError):
    """Input that cannot be used for a reason with no place in a file (such as a wrong password); said in words."""


class RenderError(MinutesError):
    """A document could not be rendered as configured (fonts, resources, templates)."""
