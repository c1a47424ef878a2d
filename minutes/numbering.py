"""Letter numbers: the office's pattern (``office.letter_number``) in a small language of our own.

The pattern is never handed to ``str.format``: it is parsed here into literal text and a few
placeholders, and only those are ever filled in.

The language
------------
- ``{unit}``      the office's unit, as configured (``office.unit``);
- ``{yy}``        the last two digits of the Jalali year, zero-padded: ``04`` for 1404;
- ``{yyyy}``      the Jalali year: ``1404``;
- ``{serial}``    the document's serial number in that year: ``17``;
- ``{serial:N}``  the serial zero-padded to at least N digits, 1 ≤ N ≤ ``MAX_WIDTH``, N in ASCII
  digits: ``{serial:5}`` gives ``00017`` (a longer serial is never cut: ``123456``);
- ``{{`` and ``}}`` a literal ``{`` and ``}``;
- anything else is literal text and is copied as written: Persian or Latin letters, digits,
  ``/``, ``-``, spaces … but no control, bidi-control or other invisible formatting character
  (see :func:`minutes.hygiene.problems`, single-line).

A pattern holds ``{serial}`` exactly once (else every letter of a year would get the same
number) and the year at least once, as ``{yy}`` or ``{yyyy}`` (serials start again every Jalali
year, so a number without its year would repeat). Placeholders take no spaces, no other format
specification and no conversion (``{serial!r}``, ``{serial:>20}``, ``{serial.real}`` are errors).
The whole pattern is at most ``MAX_LENGTH`` characters.

Whether the office has a unit when the pattern uses ``{unit}`` is for the caller to check (it knows
where ``office.unit`` is written): see :attr:`Pattern.uses_unit`. Numbers use Latin digits; documents
show them in Persian digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from minutes import hygiene

MAX_WIDTH = 12
MAX_LENGTH = 100
FIELDS = ("unit", "yy", "yyyy", "serial")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_WIDTH = re.compile(r"serial:([0-9]+)")


class PatternError(ValueError):
    """A letter number pattern that cannot be used; ``offset`` is the 0-based index of the problem in it,
    ``code`` says what kind of problem it is (``unknown-placeholder``, ``unbalanced-brace``,
    ``width``, ``serial-count``, ``no-year``, ``bad-character``, ``too-long``, ``empty``)."""

    def __init__(self, code: str, offset: int, message: str) -> None:
        super().__init__(f"{message} (at character {offset + 1})")
        self.code = code
        self.offset = offset


@dataclass(frozen=True)
class Field:
    """A placeholder: ``name`` is one of :data:`FIELDS`; ``width`` the zero-padding of ``serial`` (0: none)."""

    name: str
    width: int = 0


Part = str | Field


@dataclass(frozen=True)
class Pattern:
    """A parsed letter number pattern: literal text and placeholders, in order."""

    source: str
    parts: tuple[Part, ...]

    @property
    def uses_unit(self) -> bool:
        """Whether the pattern has ``{unit}`` (then the office must have a unit)."""
        return any(isinstance(part, Field) and part.name == "unit" for part in self.parts)

    def format(self, unit: str, year: int, serial: int) -> str:
        """The number of the ``serial``-th document of Jalali ``year``; ValueError for a missing unit,
        a year below 1 or a serial below 1."""
        if year < 1 or serial < 1:
            raise ValueError(f"year and serial must be at least 1, not {year} and {serial}")
        if self.uses_unit and not unit:
            raise ValueError(f"the letter number pattern {self.source!r} uses {{unit}}, but there is no unit")
        values = {"unit": unit, "yy": f"{year % 100:02d}", "yyyy": str(year)}
        out = []
        for part in self.parts:
            if isinstance(part, str):
                out.append(part)
            elif part.name == "serial":
                out.append(str(serial).rjust(part.width, "0"))
            else:
                out.append(values[part.name])
        return "".join(out)


def _field(inner: str, offset: int) -> Field:
    """The placeholder whose text between the braces is ``inner`` (its ``{`` at ``offset``)."""
    if inner in FIELDS:
        return Field(inner)
    width = _WIDTH.fullmatch(inner)
    if width is None:
        known = ", ".join("{" + name + "}" for name in FIELDS)
        raise PatternError("unknown-placeholder", offset,
                           f"unknown placeholder {{{inner}}}: use {known} or {{serial:N}}")
    digits = width[1]
    if len(digits) > 2 or not 1 <= int(digits) <= MAX_WIDTH:
        raise PatternError("width", offset + len("{serial:"),
                           f"the serial's width {digits} is not between 1 and {MAX_WIDTH}")
    return Field("serial", int(digits))


def _literal(text: str, start: int) -> str:
    """Literal text found at ``start``, refused when it holds a character that has no place in a number."""
    found = hygiene.problems(text, multiline=False)
    if found:
        offset, codepoint, kind = found[0]
        raise PatternError("bad-character", start + offset,
                           f"the character U+{codepoint:04X} ({kind}) has no place in a letter number")
    return text


def _scan(pattern: str) -> list[Part]:
    """Literal text and placeholders, in order; raises :class:`PatternError` at the first problem."""
    parts: list[Part] = []
    literal: list[str] = []
    literal_start = 0
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char in "{}" and pattern.startswith(char * 2, i):
            literal.append(char)
            i += 2
            continue
        if char == "}":
            raise PatternError("unbalanced-brace", i, "a '}' closes no placeholder (write '}}' for the character)")
        if char == "{":
            match = _PLACEHOLDER.match(pattern, i)
            if match is None:
                raise PatternError("unbalanced-brace", i, "a '{' is not closed (write '{{' for the character)")
            if literal:
                parts.append(_literal("".join(literal), literal_start))
                literal = []
            parts.append(_field(match[1], i))
            i = match.end()
            literal_start = i
            continue
        literal.append(char)
        i += 1
    if literal:
        parts.append(_literal("".join(literal), literal_start))
    return parts


def parse(pattern: str) -> Pattern:
    """The :class:`Pattern` written as ``pattern``; :class:`PatternError` (a ValueError) says what is
    wrong and where."""
    if len(pattern) > MAX_LENGTH:
        raise PatternError("too-long", MAX_LENGTH, f"the pattern is longer than {MAX_LENGTH} characters")
    if not pattern.strip():
        raise PatternError("empty", 0, "the pattern is empty")
    parts = _scan(pattern)
    serials = [i for i, part in enumerate(parts) if isinstance(part, Field) and part.name == "serial"]
    if len(serials) != 1:
        offset = _offset_of(pattern, "{serial", 2) if serials else len(pattern)
        raise PatternError("serial-count", offset, "the pattern must hold {serial} exactly once")
    if not any(isinstance(part, Field) and part.name in ("yy", "yyyy") for part in parts):
        raise PatternError("no-year", len(pattern), "the pattern must hold the year, as {yy} or {yyyy}")
    return Pattern(pattern, tuple(parts))


def _offset_of(pattern: str, placeholder: str, occurrence: int) -> int:
    """The offset of the ``occurrence``-th (from 1) ``placeholder`` that is not an escaped brace."""
    seen = 0
    for match in re.finditer(r"\{\{|\}\}|" + re.escape(placeholder), pattern):
        if match[0] == placeholder:
            seen += 1
            if seen == occurrence:
                return match.start()
    return len(pattern)
