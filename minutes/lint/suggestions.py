"""Suggestions: edits to a text that a lint rule proposes, applied together, merged when they touch."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from operator import attrgetter

from minutes.diagnostics import Note


@dataclass(frozen=True)
class Suggestion:
    """Replace ``length`` characters at ``offset`` with ``replacement``; ``code`` names the rule."""

    offset: int
    length: int
    replacement: str
    code: str
    notes: tuple[Note, ...] = ()

    @property
    def message(self) -> str:
        """The wording in English (``text`` for another language)."""
        return self.text("en")

    def text(self, lang: str) -> str:
        return "; ".join(note.text(lang) for note in self.notes)


def apply(text: str, suggestions: Iterable[Suggestion]) -> str:
    """The text with the suggestions applied; insertions at one offset keep their given order."""
    parts: list[str] = []
    position = 0
    for suggestion in sorted(suggestions, key=attrgetter("offset")):
        if suggestion.offset < position or suggestion.offset + suggestion.length > len(text):
            raise ValueError(f"suggestion at {suggestion.offset} overlaps another or leaves the text: {suggestion}")
        parts += [text[position : suggestion.offset], suggestion.replacement]
        position = suggestion.offset + suggestion.length
    parts.append(text[position:])
    return "".join(parts)


def record(original: str, suggestions: list[Suggestion], edit: Suggestion) -> list[Suggestion]:
    """Add ``edit``, made on the corrected text, to ``suggestions`` made on ``original``."""
    start, end = edit.offset, edit.offset + edit.length
    before: list[Suggestion] = []
    clashing: list[tuple[Suggestion, int, int]] = []  # with its span in the corrected text
    after: list[Suggestion] = []
    shift = shift_before = 0  # corrected minus original offset
    for suggestion in suggestions:
        current_start = suggestion.offset + shift
        current_end = current_start + len(suggestion.replacement)
        shift += len(suggestion.replacement) - suggestion.length
        if current_end <= start:
            before.append(suggestion)
            shift_before = shift
        elif current_start >= end:
            after.append(suggestion)
        else:
            clashing.append((suggestion, current_start, current_end))
    if not clashing:
        moved = Suggestion(start - shift_before, edit.length, edit.replacement, edit.code, edit.notes)
        return [*before, moved, *after]

    current = apply(original, suggestions)
    (first, first_start, _), (last, _, last_end) = clashing[0], clashing[-1]
    shift_through = shift_before + sum(len(s.replacement) - s.length for s, _, _ in clashing)
    merged_start = start - shift_before if start < first_start else first.offset
    merged_end = end - shift_through if end > last_end else last.offset + last.length
    replacement = current[min(start, first_start) : start] + edit.replacement + current[end : max(end, last_end)]
    if original[merged_start:merged_end] == replacement:
        return [*before, *after]
    encloses_all = all(
        start <= s_start and s_end <= end and (start, end) != (s_start, s_end) for _, s_start, s_end in clashing
    )
    if edit.replacement == "" and encloses_all:  # a removal that swallows earlier fixes replaces them
        code, notes = edit.code, edit.notes
    else:
        code, notes = first.code, (*(note for s, _, _ in clashing for note in s.notes), *edit.notes)
    merged = Suggestion(merged_start, merged_end - merged_start, replacement, code, notes)
    return [*before, merged, *after]
