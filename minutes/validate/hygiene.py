"""Characters a record may not hold: those that have no place in text at all (bidi controls, controls,
invisible formatting, noncharacters, private-use and unassigned code points: see
:mod:`minutes.text.hygiene`), and those the document font cannot draw. Each is reported on the very
character when it can be traced in the file, else at the start of its value."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from typing import Any

from minutes.diagnostics import Diagnostic
from minutes.load import DataPath, LoadedFile
from minutes.text import hygiene
from minutes.text.persian import line_col
from minutes.trace import Scalar, text_scalars


def strings(data: Any, path: DataPath = ()) -> Iterator[tuple[DataPath, str, bool]]:
    """Every string of the loaded data with its path; ``True`` marks a mapping's key."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield (*path, key), key, True
            yield from strings(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from strings(value, (*path, index))
    elif isinstance(data, str):
        yield path, data, False


class _Placer:
    """Diagnostics of ``source`` on the character of a value, tracing the file only when needed."""

    def __init__(self, source: LoadedFile) -> None:
        self.source = source
        self.scalars: dict[DataPath, Scalar] | None = None

    def at(self, path: DataPath, offset: int, is_key: bool, code: str, **details: Any) -> Diagnostic:
        if is_key:
            return self.source.diagnostic(path, code, key=True, **details)
        if self.scalars is None:
            self.scalars = {scalar.path: scalar for scalar in text_scalars(self.source.text, every=True)}
        scalar = self.scalars.get(path)
        if scalar is None or scalar.pieces is None:
            return self.source.diagnostic(path, code, **details)
        line, column = line_col(self.source.text, scalar.index(offset))
        return Diagnostic.of(self.source.display_name, line, column, code, **details)


def bad_characters(source: LoadedFile) -> list[Diagnostic]:
    """One diagnostic for every value (or key) of ``source`` holding a character it may not hold."""
    placer, found = _Placer(source), []
    for path, value, is_key in strings(source.data):
        problems = hygiene.problems(value)
        if problems:
            first = problems[0]
            found.append(placer.at(path, first.offset, is_key, "bad-character", variant=first.kind,
                                   codepoint=f"{first.codepoint:04X}"))
    return found


def undrawable(source: LoadedFile, draws: Callable[[int], bool], font: str) -> list[Diagnostic]:
    """One diagnostic for every value of ``source`` holding a character the font ``font`` cannot draw
    (spaces and the invisible characters Persian typing uses are not drawn: they need no glyph)."""
    placer, found = _Placer(source), []
    for path, value, is_key in strings(source.data):
        if value.isascii() or is_key:
            continue  # every font we accept draws ASCII; a key is never printed
        for offset, char in enumerate(value):
            if not (draws(ord(char)) or char.isspace() or unicodedata.category(char) in ("Cf", "Cc")):
                found.append(placer.at(path, offset, False, "no-glyph", font=font, char=char,
                                       codepoint=f"{ord(char):04X}"))
                break
    return found
