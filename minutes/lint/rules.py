"""The lint rules for secretaries' Persian typing: each finds defects in a text and suggests a fix.

The rules never run on their own: :func:`lint` runs them in order until the text is clean, and the
``minutes lint`` command maps each suggestion to a file position. Word rules live in
:mod:`.joining` (half-spaces, glued «و») and :mod:`.spelling` (Arabic letters, typos); this module
has the order, the punctuation and paragraph rules, and the rules for one field («مقرر گردید» typed
at the start of a decision).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from operator import attrgetter

from minutes.diagnostics import Note
from minutes.lint.characters import bad_characters
from minutes.lint.joining import glued_affixes, glued_conjunctions, spaces_between_words
from minutes.lint.spelling import arabic_letters, suspect_spellings
from minutes.lint.suggestion import LETTER, LETTER_CLASS, Suggestion, apply, merge, suggest
from minutes.lint.words import ORDINAL_SUFFIXES
from minutes.load import DataPath
from minutes.text.decisions import DECISION_PREFIX, typed_prefix
from minutes.text.persian import DIGIT_CLASS, LATIN_LETTER, NON_SPACE_RUN, SPACE_SEPARATORS, normalize

_URL_OR_EMAIL = re.compile(r"(?:https?://|www\.)\S|\S@\S")

# The rules' codes; each is worded by the catalogue entry of the same name (and its variants).
LINT_CODES = (
    "arabic-letter", "nbsp", "half-space", "space-after-punctuation", "space-before-punctuation", "digit-glued",
    "glued-va", "quotes", "double-space", "suspect-spelling", "repeated-paragraph", "parenthesis-space",
    "decision-prefix", "bad-character",
)

PARAGRAPH_MIN_WORDS = 3
_MAX_LINT_PASSES = 10

_SPACE_BEFORE_PUNCTUATION = re.compile(
    f"(?<=[{LETTER_CLASS}])[\t{re.escape(SPACE_SEPARATORS)}]+(?=[.،؛:؟!](?![{DIGIT_CLASS}]))"
)
_PUNCTUATION_BEFORE_LETTER = re.compile(f"[.،؛:؟!,](?=[{LETTER_CLASS}])")
_GLUED_PARENTHESIS = re.compile(f"(?<=[{LETTER_CLASS}])(?=\\()|(?<=\\))(?=[{LETTER_CLASS}])")
_NUMBER_BEFORE_WORD = re.compile(f"[{DIGIT_CLASS}]+(?=([{LETTER_CLASS}]+))")
_STRAIGHT_QUOTED = re.compile(r'"([^"\n]*)"')
Rule = Callable[[str], Iterable[Suggestion]]


def lint(text: str, path: DataPath = ()) -> list[Suggestion]:
    """Typing defects in ``text`` (the value at ``path`` of its file), ordered by offset and non-overlapping.

    The rules run in order, each on the text as corrected by the rules before it, until a full
    pass finds nothing; a fix that touches an earlier one is merged with it. So applying the
    result gives text on which ``lint`` finds nothing.
    """
    suggestions: list[Suggestion] = []
    rules = (*_field_rules(path), *_RULES)
    for _ in range(_MAX_LINT_PASSES):
        found = False
        for rule in rules:
            current = apply(text, suggestions)
            # Right to left, so that a recorded fix does not move the ones still to come.
            for edit in sorted(rule(current), key=attrgetter("offset"), reverse=True):
                suggestions = merge(text, suggestions, edit)
                found = True
        if not found:
            break
    return suggestions


def _repeated_paragraphs(text: str) -> Iterator[Suggestion]:
    first_seen: dict[str, int] = {}
    offset = 0
    for number, line in enumerate(text.split("\n"), start=1):
        key = normalize(line)
        if len(key.split()) >= PARAGRAPH_MIN_WORDS:
            if key in first_seen:
                with_newline = len(line) + (offset + len(line) < len(text))
                note = Note.of("repeated-paragraph", line=number, first=first_seen[key])
                yield Suggestion(offset, with_newline, "", "repeated-paragraph", (note,))
            else:
                first_seen[key] = number
        offset += len(line) + 1


def _straight_quotes(text: str) -> Iterator[Suggestion]:
    for quoted in _STRAIGHT_QUOTED.finditer(text):
        if LETTER.search(quoted[1]):
            yield suggest(text, quoted.start(), quoted.start() + 1, "«", "quotes", content=quoted[1])
            yield suggest(text, quoted.end() - 1, quoted.end(), "»", "quotes", content=quoted[1])


def _spaces_before_punctuation(text: str) -> Iterator[Suggestion]:
    for space in _SPACE_BEFORE_PUNCTUATION.finditer(text):
        yield suggest(text, space.start(), space.end(), "", "space-before-punctuation")


def _token_at(text: str, index: int) -> str:
    """The run of non-space characters around ``text[index]``."""
    start = index
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    token = NON_SPACE_RUN.match(text, start)
    return token[0] if token else ""


def _is_abbreviation_dot(text: str, index: int) -> bool:
    """Whether ``text[index]`` is a dot after a one-letter word, as in «ه.ش» or «ق.ظ»."""
    return (
        text[index] == "."
        and index > 0
        and bool(LETTER.match(text[index - 1]))
        and (index == 1 or not LETTER.match(text[index - 2]))
    )


def _spaces_after_punctuation(text: str) -> Iterator[Suggestion]:
    for mark in _PUNCTUATION_BEFORE_LETTER.finditer(text):
        if not (_URL_OR_EMAIL.search(_token_at(text, mark.start())) or _is_abbreviation_dot(text, mark.start())):
            yield suggest(text, mark.end(), mark.end(), " ", "space-after-punctuation")


def _numbers_glued_to_words(text: str) -> Iterator[Suggestion]:
    for number in _NUMBER_BEFORE_WORD.finditer(text):
        if number[1] not in ORDINAL_SUFFIXES and not LATIN_LETTER.search(_token_at(text, number.start())):
            yield suggest(text, number.end(), number.end(), " ", "digit-glued")


def _spaces_outside_parentheses(text: str) -> Iterator[Suggestion]:
    """A word glued to the outside of a parenthesis: «متن(توضیح)ادامه»."""
    for glued in _GLUED_PARENTHESIS.finditer(text):
        if not _URL_OR_EMAIL.search(_token_at(text, glued.start())):
            yield suggest(text, glued.start(), glued.start(), " ", "parenthesis-space")


def _decision_prefix(text: str) -> Iterator[Suggestion]:
    """«مقرر گردید» typed at the start of a decision, which the documents put there themselves."""
    length = typed_prefix(text)
    if length:
        note = Note.of("decision-prefix", prefix=text[:length].strip(" \u00a0\n:،,-–—"), added=DECISION_PREFIX)
        yield Suggestion(0, length, "", "decision-prefix", (note,))


def _field_rules(path: DataPath) -> tuple[Rule, ...]:
    """The rules for the value at ``path`` only: a decision's text."""
    is_decision = len(path) == 3 and path[0] == "decisions" and isinstance(path[1], int) and path[2] == "text"
    return (_decision_prefix,) if is_decision else ()


# In this order: each rule sees the text as corrected by the rules before it.
_RULES: tuple[Rule, ...] = (
    bad_characters,
    _repeated_paragraphs,
    arabic_letters,
    spaces_between_words,
    glued_affixes,
    _straight_quotes,
    _spaces_before_punctuation,
    _spaces_after_punctuation,
    _spaces_outside_parentheses,
    _numbers_glued_to_words,
    glued_conjunctions,
    suspect_spellings,
)
