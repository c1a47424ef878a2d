"""Positioned problems found in the input, and the exceptions that carry them."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from minutes import messages


class Severity(StrEnum):
    """How serious a diagnostic is; warnings fail only under ``--strict``."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in one input file, at a 1-based line and column.

    ``message`` is the English text. A diagnostic made with :meth:`of` also keeps its
    ``template`` (a key of :data:`minutes.messages.MESSAGES`) and the ``values`` that fill it,
    so :meth:`format` can word it in any language; one without a template shows ``message``.
    """

    file: str
    line: int
    column: int
    code: str
    message: str
    severity: Severity = Severity.ERROR
    template: str | None = field(default=None, compare=False)
    values: tuple[tuple[str, Any], ...] = field(default=(), compare=False)

    @classmethod
    def of(cls, file: str, line: int, column: int, code: str, /, *, variant: str | None = None,
           severity: Severity = Severity.ERROR, **values: Any) -> Diagnostic:
        """The diagnostic ``code`` worded by the catalogue entry ``code`` (or ``code.variant``)."""
        template = f"{code}.{variant}" if variant else code
        return cls(file, line, column, code, messages.text(template, values), severity, template,
                   tuple(values.items()))

    def format(self, lang: str = "en") -> str:
        """``file:line:col: code: message`` in ``lang`` (one of :data:`minutes.messages.LANGUAGES`)."""
        warning = messages.WARNING_LABEL.text(lang)  # also refuses an unknown language
        label = "" if self.severity is Severity.ERROR else warning
        message = self.message if self.template is None else messages.text(self.template, dict(self.values), lang)
        return f"{self.file}:{self.line}:{self.column}: {self.code}: {label}{message}"

    def __str__(self) -> str:
        return self.format("en")


class MinutesError(Exception):
    """Root of every error the library raises on purpose."""


class InvalidInput(MinutesError):
    """The input has problems; nothing was written."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = sorted(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


class RenderError(MinutesError):
    """A document could not be rendered as configured (fonts, resources, templates)."""
