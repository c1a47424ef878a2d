"""Display text as runs: the parts that must read left to right inside a Persian line are isolated.

WeasyPrint (Pango) applies the bidi algorithm itself; what it cannot know is that «021-88776655»,
«ISO 27001» or a URL are one unit. :func:`text` finds such runs and marks them, and the template
isolates each in a ``<bdi>``. Nothing here reshapes or reorders characters.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from markupsafe import Markup, escape

from minutes.text.persian import display

UNBROKEN_CHARS = 48  # a longer isolated run may wrap: it may not fit a line (an A5 line holds about 60)
_DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"
_LATIN_WORD = rf"[A-Za-z](?:[A-Za-z{_DIGITS}._&/+-]*[A-Za-z{_DIGITS}])?"
_LATIN_TAIL = rf"[A-Za-z{_DIGITS}](?:[A-Za-z{_DIGITS}._&/+-]*[A-Za-z{_DIGITS}])?"
_NUMBER_PART = rf"[{_DIGITS}]+"
_LETTER_PART = "[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc]{1,3}"
_PART = f"(?:{_NUMBER_PART}|{_LETTER_PART})"
# Runs isolated inside a Persian line, most specific first. A letter number with Persian letters
# («۱۲۳۴/ص/۱۴۰۳», «۴۴۱/پ») reads right to left, its serial first (group "rtl"); the rest left to right.
LEFT_TO_RIGHT = re.compile(
    rf"(?P<rtl>(?<![\w/])(?:{_NUMBER_PART}(?:/{_PART})*/{_LETTER_PART}|{_LETTER_PART}(?:/{_PART})*/{_NUMBER_PART})"
    rf"(?:/{_PART})*(?![\w/]))"
    r"|(?:https?://|www\.)[^\s«»()]*[^\s«»().,،؛:!?]"  # URL, without trailing punctuation
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"  # e-mail address
    rf"|{_LATIN_WORD}(?: {_LATIN_TAIL})*"  # Latin words and codes: ICT, ISO 27001, ISO/IEC 27001, COVID-19
    rf"|\+?[{_DIGITS}]+(?:[-/.:][{_DIGITS}]+)+"  # dates, times, phone numbers, «۱۲-۳»
)


@dataclass(frozen=True)
class Display:
    """Display text as runs; a run with a direction is isolated (``<bdi>``) when rendered to HTML.

    ``str()`` gives the plain text, and Jinja's autoescape calls ``__html__``, which escapes every run.
    """

    runs: tuple[tuple[str, str | None], ...]

    @classmethod
    def isolated(cls, value: str) -> Display:
        """One isolated right-to-left run, for registry numbers: their parts keep the paragraph's reading order."""
        return cls(((display(value), "rtl"),))

    def __str__(self) -> str:
        return "".join(run for run, _ in self.runs)

    def __bool__(self) -> bool:
        return any(run for run, _ in self.runs)

    def __html__(self) -> Markup:
        return Markup("").join(_isolated(run, direction) if direction else escape(run) for run, direction in self.runs)


def _isolated(run: str, direction: str) -> Markup:
    """An isolated run: one unit that is never broken across lines, unless it is too long for a line
    (a long URL or e-mail address), which the stylesheet then lets wrap (class ``long`` inside it)."""
    if len(run) > UNBROKEN_CHARS:
        return Markup('<bdi dir={}><span class="long">{}</span></bdi>').format(direction, run)
    return Markup("<bdi dir={}>{}</bdi>").format(direction, run)


def _has_right_to_left(chars: str) -> bool:
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in chars)


def text(raw: str) -> Display:
    """``raw`` as displayed (normalised, Persian digits), with its references isolated: left-to-right
    runs, and letter numbers with Persian letters as right-to-left runs. Each isolated run is one unit
    (``<bdi>``, which the stylesheet never breaks across lines)."""
    shown = display(raw)
    spans: list[tuple[int, int, str]] = []
    for match in LEFT_TO_RIGHT.finditer(shown):
        direction = "rtl" if match.group("rtl") else "ltr"
        # Neutrals between two left-to-right runs read left to right too (as in the bidi algorithm).
        if spans and direction == "ltr" == spans[-1][2] and not _has_right_to_left(shown[spans[-1][1]:match.start()]):
            spans[-1] = (spans[-1][0], match.end(), direction)
        else:
            spans.append((match.start(), match.end(), direction))
    runs: list[tuple[str, str | None]] = []
    position = 0
    for start, end, direction in spans:
        if start > position:
            runs.append((shown[position:start], None))
        runs.append((shown[start:end], direction))
        position = end
    if position < len(shown) or not runs:
        runs.append((shown[position:], None))
    return Display(tuple(runs))
