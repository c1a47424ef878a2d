"""The phrase every document puts before a decision («مقرر گردید»), and the same phrase typed by hand.

Secretaries often type the phrase themselves («مقرر گردید …»، «مقرر شد …»، «مصوب گردید …»); the
documents would then print it twice. :func:`typed_prefix` finds it however it was typed (Arabic
letters, half-spaces, no-break spaces or none, a colon after it), so the documents leave it out and
``minutes lint`` offers to remove it.
"""

from __future__ import annotations

import re

DECISION_PREFIX = "مقرر گردید"

_GAP = "[\\s\u200c\u00a0]*"
_TYPED = re.compile(
    "[\\s\u200c\u200e\u200f]*"
    f"(?:مقرر\u0651?|مصوب){_GAP}(?:گرد[یي]د|شد|گشت)(?:ه(?:{_GAP}است)?)?"
    "(?![\\w\u200c])"  # the whole verb: not «مقرر شدن»
    "[\\s\u00a0:،,\\-–—]*"
)


def typed_prefix(text: str) -> int:
    """The length of the decision phrase typed at the start of ``text``, as often as it was typed, with the
    spaces and colon after it; 0 when there is none. Some text is always left to follow the phrase."""
    end = 0
    while (match := _TYPED.match(text, end)) and text[match.end() :].strip():
        end = match.end()
    return end


def without_prefix(text: str) -> str:
    """A decision's text without the phrase the documents put before it, if it was typed."""
    return text[typed_prefix(text) :]
