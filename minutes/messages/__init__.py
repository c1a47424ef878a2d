"""The wording of every diagnostic, in English and in Persian.

Each message is a template keyed by its diagnostic code, or by ``code.variant`` where one code
has several wordings. A diagnostic keeps the values that fill its template, so the same
diagnostic can be shown in either language. Ids, field names, dates and file names are
inserted as the user wrote them, controls and direction controls written as escapes. The catalogue
is kept in parts (``files``, ``facts``, ``typing``, and ``reports``: what the command line says besides
diagnostics, ``errors``: the reasons of the errors the library raises, and ``verdicts``: what verify, check
and doctor find wrong with the archive) and is one dictionary here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from minutes.messages.errors import ERRORS
from minutes.messages.facts import FACTS
from minutes.messages.files import FILES
from minutes.messages.phrase import LANGUAGES, Phrase, Worded
from minutes.messages.reports import REPORTS
from minutes.messages.typing import TYPING
from minutes.messages.verdicts import VERDICTS

WARNING_LABEL = Phrase("warning: ", "هشدار: ")
SUGGESTION = Phrase("; did you mean '{suggestion}'?", "؛ آیا منظورتان «{suggestion}» است؟")

__all__ = ["LANGUAGES", "MESSAGES", "PARTS", "SUGGESTION", "WARNING_LABEL", "Phrase", "text"]

PARTS: tuple[dict[str, Phrase], ...] = (FILES, FACTS, TYPING, REPORTS, ERRORS, VERDICTS)
# The one catalogue: every message, by code (and ``code.variant``), in English and Persian.
MESSAGES: dict[str, Phrase] = {key: phrase for part in PARTS for key, phrase in part.items()}


def text(template: str, values: Mapping[str, object], lang: str = "en") -> str:
    """Template ``template`` filled with ``values`` in ``lang``.

    Worded values (phrases, notes) are worded in ``lang``; a non-empty ``suggestion`` adds «did you mean».
    """
    filled = {name: value.text(lang) if isinstance(value, Worded) else _shown(value) for name, value in values.items()}
    suggestion = filled.pop("suggestion", None)
    result = MESSAGES[template].text(lang).format(**filled)
    if suggestion:
        result += SUGGESTION.text(lang).format(suggestion=suggestion)
    return result


_UNSHOWN = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufff0-\uffff]")


def _shown(value: object) -> object:
    """A value as a message quotes it: controls, line breaks and direction controls written as escapes, so
    that a message stays one line and cannot drive the terminal or reorder the text around it."""
    if not isinstance(value, str):
        return value
    return _UNSHOWN.sub(lambda char: char[0].encode("unicode_escape").decode("ascii"), value)
