"""Text hygiene: characters that have no place in the text of a record, and text that only looks filled.

:func:`problems` finds, in one text, every character of these kinds (``kind`` in each result):

- ``bidi-control``: the embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069. They
  reorder what follows them (U+202E around ``0001`` prints ``1000``), and the templates already
  isolate numbers, dates and Latin words themselves.
- ``control``: C0 and C1 controls and DEL (escape sequences, bells, carriage returns), and the
  separators U+2028 and U+2029; a tab and a line feed are allowed only where text may span lines
  (``multiline=True``, the default).
- ``format``: invisible formatting characters (Unicode category Cf) other than the ones Persian
  typing needs: ZWNJ U+200C (the half-space), ZWJ U+200D, LRM U+200E, RLM U+200F and ALM U+061C are
  allowed anywhere (a stray one is invisible and harmless; ``minutes lint`` tidies them). Everything
  else of the kind is refused: ZWSP U+200B, word joiner U+2060, invisible operators, soft hyphen
  U+00AD, BOM U+FEFF, the tag characters U+E0000–U+E007F that can hide text, interlinear annotation …
- ``surrogate``: U+D800–U+DFFF, which UTF-8 text cannot hold (they come only from YAML escapes).
- ``noncharacter``: U+FDD0–U+FDEF and the last two code points of every plane (U+FFFE, U+1FFFF …).
- ``private-use``: U+E000–U+F8FF and planes 15 and 16: their meaning is private to one font or
  system, the document font has none of them, and an archived original must not depend on one.
- ``unassigned``: code points the Unicode version of the running Python does not assign
  (:data:`unicodedata.unidata_version`; a newer Python may know more).

:func:`is_blank` says whether a text has nothing visible: only spaces, line breaks, controls and
default-ignorable characters (ZWNJ, ZWSP, RLM, word joiner, variation selectors, fillers …).

Neither function knows which characters the document font can draw; that is a separate check.
"""

from __future__ import annotations

import unicodedata
from typing import NamedTuple

BIDI_CONTROLS = frozenset([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
ALLOWED_FORMAT = frozenset([0x200C, 0x200D, 0x200E, 0x200F, 0x061C])
LINE_CHARACTERS = frozenset([0x09, 0x0A])  # tab and line feed, where text may span lines
SEPARATORS = frozenset([0x2028, 0x2029])
# Default_Ignorable_Code_Point (Unicode's DerivedCoreProperties) that are not of category Cf, and
# characters that draw nothing though their category says otherwise (Hangul fillers, Braille blank).
_INVISIBLE_RANGES = (
    (0x034F, 0x034F), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180F), (0x2800, 0x2800),
    (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
)


class Problem(NamedTuple):
    """A character that has no place in record text: its 0-based ``offset`` in the text, its
    ``codepoint`` and its ``kind`` (see the module's documentation)."""

    offset: int
    codepoint: int
    kind: str


def is_noncharacter(codepoint: int) -> bool:
    """Whether ``codepoint`` is one of Unicode's 66 noncharacters."""
    return 0xFDD0 <= codepoint <= 0xFDEF or (codepoint & 0xFFFE) == 0xFFFE


def kind_of(char: str, *, multiline: bool = True) -> str | None:
    """The kind of problem ``char`` is (see the module's documentation), or None when it is fine."""
    codepoint = ord(char)
    if codepoint in BIDI_CONTROLS:
        return "bidi-control"
    category = unicodedata.category(char)
    if category == "Cc":
        return None if multiline and codepoint in LINE_CHARACTERS else "control"
    if codepoint in SEPARATORS:
        return "control"
    if category == "Cf":
        return None if codepoint in ALLOWED_FORMAT else "format"
    if category == "Cs":
        return "surrogate"
    if is_noncharacter(codepoint):
        return "noncharacter"
    if category == "Co":
        return "private-use"
    if category == "Cn":
        return "unassigned"
    return None


def problems(text: str, *, multiline: bool = True) -> list[Problem]:
    """Every character of ``text`` that has no place in a record, in order (empty when the text is clean).

    ``multiline=False`` also refuses tab and line feed (for one-line values such as a letter number).
    """
    if text.isascii() and text.isprintable():  # the common case, at C speed
        return []
    found = []
    for offset, char in enumerate(text):
        kind = kind_of(char, multiline=multiline)
        if kind is not None:
            found.append(Problem(offset, ord(char), kind))
    return found


def is_invisible(char: str) -> bool:
    """Whether ``char`` draws nothing: white space, a control, a format character or another
    default-ignorable character."""
    codepoint = ord(char)
    if char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Zs", "Zl", "Zp"):
        return True
    return any(low <= codepoint <= high for low, high in _INVISIBLE_RANGES)


def is_blank(text: str) -> bool:
    """Whether ``text`` has nothing visible (the empty text included)."""
    return all(is_invisible(char) for char in text)
