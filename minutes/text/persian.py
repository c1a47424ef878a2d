"""Persian text for display and search: the only rewriting applied before rendering.

``normalize`` maps Arabic letters and space separators, ``persian_digits`` shows digits as Persian
ones; every other change to wording is a lint suggestion the author accepts or not (a record must
not change wording behind its author's back).
"""

from __future__ import annotations

import re
import unicodedata

ZWNJ = "\u200c"
NBSP = "\u00a0"

ARABIC_TO_PERSIAN = {"ي": "ی", "ى": "ی", "ك": "ک"}
# Every Unicode space separator (category Zs) lies in the Basic Multilingual Plane.
SPACE_SEPARATORS = "".join(char for char in map(chr, range(0x10000)) if unicodedata.category(char) == "Zs")
_NORMALIZE_TABLE = str.maketrans(ARABIC_TO_PERSIAN | dict.fromkeys(SPACE_SEPARATORS, " "))
_SPACE_RUN = re.compile(r"[ \t]+")
_LINE_EDGE_SPACE = re.compile(r"^ | $", re.MULTILINE)

_LATIN_DIGITS = "0123456789"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
_ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
_TO_PERSIAN_DIGITS = str.maketrans(_LATIN_DIGITS + _ARABIC_INDIC_DIGITS, PERSIAN_DIGITS * 2)
_TO_LATIN_DIGITS = str.maketrans(PERSIAN_DIGITS + _ARABIC_INDIC_DIGITS, _LATIN_DIGITS * 2)
DIGIT_CLASS = "0-9\u0660-\u0669\u06f0-\u06f9"  # a regular-expression class of every digit we read
_DIGITS = frozenset(_LATIN_DIGITS + PERSIAN_DIGITS + _ARABIC_INDIC_DIGITS)
_DECIMAL_SEPARATORS = frozenset(".,\u066b")  # «٫» is the Arabic decimal separator

NON_SPACE_RUN = re.compile(r"\S+")
LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")


def normalize(text: str) -> str:
    """Map Arabic ي/ى/ك to Persian and space separators to a space; collapse and trim spaces per line."""
    spaced = _SPACE_RUN.sub(" ", text.translate(_NORMALIZE_TABLE))
    return _LINE_EDGE_SPACE.sub("", spaced)


def persian_digits(text: str) -> str:
    """Show ASCII and Arabic-Indic digits as Persian digits, except inside Latin-script tokens.

    A token is a run of non-space characters; one containing a Latin letter (COVID-19, A4, and
    every URL or e-mail address) keeps its digits.
    """
    return NON_SPACE_RUN.sub(
        lambda token: token[0] if LATIN_LETTER.search(token[0]) else token[0].translate(_TO_PERSIAN_DIGITS), text
    )


def display(text: str) -> str:
    """The text as it is rendered: normalized, with Persian digits."""
    return persian_digits(normalize(text))


def latin_digits(text: str) -> str:
    """Persian and Arabic-Indic digits replaced with ASCII digits."""
    return text.translate(_TO_LATIN_DIGITS)


def fold_for_search(text: str) -> str:
    """A comparison key: normalized, without half-spaces or whitespace, with ASCII digits, Latin letters in
    lower case, and a decimal separator between digits (٫ . ,) as «.»."""
    return fold_with_offsets(text)[0]


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """:func:`fold_for_search` of ``text``, with the offset in ``text`` of each character of the key."""
    folded: list[str] = []
    offsets: list[int] = []
    for offset, char in enumerate(text):
        between_digits = 0 < offset < len(text) - 1 and text[offset - 1] in _DIGITS and text[offset + 1] in _DIGITS
        piece = "." if char in _DECIMAL_SEPARATORS and between_digits else _fold_char(char)
        folded.append(piece)
        offsets += [offset] * len(piece)
    return "".join(folded), offsets


def _fold_char(char: str) -> str:
    char = char.translate(_NORMALIZE_TABLE)
    if char == ZWNJ or char.isspace():
        return ""
    return char.translate(_TO_LATIN_DIGITS).casefold()


def line_col(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of ``offset`` in ``text``."""
    if not 0 <= offset <= len(text):
        raise ValueError(f"offset {offset} is outside a text of {len(text)} characters")
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1
