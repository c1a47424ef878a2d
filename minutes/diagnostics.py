"""Positioned problems found in the input, and the exceptions that carry them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How serious a diagnostic is; warnings fail only under ``--strict``."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in one input file, at a 1-based line and column."""

    file: str
    line: int
    column: int
    code: str
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        label = "" if self.severity is Severity.ERROR else "warning: "
        return f"{self.file}:{self.line}:{self.column}: {self.code}: {label}{self.message}"


class MinutesError(Exception):
    """Root of every error the library raises on purpose."""


class InvalidInput(MinutesError):
    """The input has problems; nothing was written."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = sorted(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


class RenderError(MinutesError):
    """A document could not be rendered as configured (fonts, resources, templates)."""


def has_errors(diagnostics: list[Diagnostic], *, strict: bool = False) -> bool:
    """Whether the diagnostics stop the build; warnings count under ``strict``."""
    return any(strict or d.severity is Severity.ERROR for d in diagnostics)
