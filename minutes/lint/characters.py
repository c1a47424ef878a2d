"""The lint rule for characters that have no place in text (see :mod:`minutes.text.hygiene`): each is
removed, so that what was typed reads as it shows."""

from __future__ import annotations

from collections.abc import Iterator

from minutes.diagnostics import Note
from minutes.lint.suggestions import Suggestion
from minutes.text import hygiene


def bad_characters(text: str) -> Iterator[Suggestion]:
    """Remove every bidi control, control, stray invisible character … of ``text``."""
    for problem in hygiene.problems(text):
        note = Note.of(f"bad-character.{problem.kind}", codepoint=f"{problem.codepoint:04X}")
        yield Suggestion(problem.offset, 1, "", "bad-character", (note,))
