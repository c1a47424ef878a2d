"""Lint rules for words that belong together: half-spaces written as spaces or left out (prefixes,
plural and other suffixes, compounds, endings after a silent «ه»), and the conjunction «و» glued on."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from minutes.lint.suggestion import LETTER, WORD, Suggestion, suggest
from minutes.lint.words import (
    COMPARATIVE_SUFFIXES,
    COMPOUND_SUFFIXES,
    COMPOUNDS,
    ENDINGS_AFTER_SILENT_HE,
    FUNCTION_WORDS,
    NOT_GLUED_PLURALS,
    PLURAL_SUFFIXES,
    VA_INITIAL_WORDS,
    VERB_ENDINGS_BEFORE_VA,
    VERB_FORMS_AFTER_PREFIX,
    VERB_PREFIXES,
)
from minutes.text.persian import NBSP, SPACE_SEPARATORS, ZWNJ

# Letters that never join the following letter, so a compound needs no half-space after them.
_NON_JOINING = frozenset("ءآأؤإاةدذرزژوۀ")
_HORIZONTAL_SPACE_RUN = re.compile(f"[\t{re.escape(SPACE_SEPARATORS)}]+")


def word_before(text: str, end: int) -> str:
    start = end
    while start > 0 and LETTER.match(text[start - 1]):
        start -= 1
    return text[start:end]


def word_after(text: str, start: int) -> str:
    word = WORD.match(text, start)
    return word[0] if word else ""


def _joiner_after(word: str) -> str:
    """What joins a suffix to ``word``: nothing after a non-joining letter, else a half-space."""
    return "" if word[-1] in _NON_JOINING else ZWNJ


def _joiner_between(left: str, right: str) -> str | None:
    """The joiner for two words written apart that form one word, or None if they are two words."""
    if not (left and right):
        return None
    is_suffix = right in COMPARATIVE_SUFFIXES or right in COMPOUND_SUFFIXES
    # «نامه ای», «رفته اند»: after a silent «ه» the verb «to be» and the «ی» of indefiniteness are joined.
    after_silent_he = left.endswith("ه") and right in ENDINGS_AFTER_SILENT_HE
    one_word = (
        left in VERB_PREFIXES
        or (left, right) in COMPOUNDS
        or (len(left) > 1 and right in PLURAL_SUFFIXES)
        or (len(left) > 1 and left not in FUNCTION_WORDS and (is_suffix or after_silent_he))
    )
    return _joiner_after(left) if one_word else None


def _glued_split(word: str, counts: Counter[str]) -> int | None:
    """Where a word written without its half-space should get one, if it is a known case."""
    for prefix in VERB_PREFIXES:
        if word.startswith(prefix) and word[len(prefix) :] in VERB_FORMS_AFTER_PREFIX:
            return len(prefix)
    for left, right in COMPOUNDS:
        if word == left + right and _joiner_after(left) == ZWNJ:
            return len(left)
    suffix = next((suffix for suffix in PLURAL_SUFFIXES if word.endswith(suffix)), "")
    stem = word[: len(word) - len(suffix)]
    is_plural = bool(suffix) and len(stem) > 1 and word not in NOT_GLUED_PLURALS
    # «دستگاههای» is always a plural; «طرحهای» only when «طرح» is a word of the text.
    if is_plural and _joiner_after(stem) == ZWNJ and (stem.endswith("ه") or counts[stem]):
        return len(stem)
    return None


def spaces_between_words(text: str) -> Iterator[Suggestion]:
    """Half-spaces written as spaces, no-break spaces, and runs of spaces."""
    for run in _HORIZONTAL_SPACE_RUN.finditer(text):
        left, right = word_before(text, run.start()), word_after(text, run.end())
        joiner = _joiner_between(left, right)
        if joiner is not None:
            variant = "-".join(part for part in ("" if joiner else "joined", "nbsp" if NBSP in run[0] else "") if part)
            yield suggest(text, run.start(), run.end(), joiner, "half-space", variant)
        elif NBSP in run[0]:
            yield suggest(text, run.start(), run.end(), " ", "nbsp")
        elif len(run[0]) > 1:
            yield suggest(text, run.start(), run.end(), " ", "double-space")


def glued_affixes(text: str) -> Iterator[Suggestion]:
    """Prefixes, plural suffixes and compounds glued on without their half-space."""
    counts = Counter(WORD.findall(text))
    for word in WORD.finditer(text):
        split = _glued_split(word[0], counts)
        if split is not None:
            position = word.start() + split
            yield suggest(text, position, position, ZWNJ, "half-space")


def glued_conjunctions(text: str) -> Iterator[Suggestion]:
    """«و» glued to the end of a verb, or to the start of a word the text also uses alone."""
    counts = Counter(WORD.findall(text))
    for match in WORD.finditer(text):
        word = match[0]
        rest = word[1:]
        if word[0] == "و" and len(rest) >= 3 and word not in VA_INITIAL_WORDS and counts[rest] >= counts[word]:
            yield suggest(text, match.start() + 1, match.start() + 1, " ", "glued-va", va="و")
        if any(word.endswith(ending) and len(word) >= shortest for ending, shortest in VERB_ENDINGS_BEFORE_VA.items()):
            yield suggest(text, match.end() - 1, match.end() - 1, " ", "glued-va", va="و")
