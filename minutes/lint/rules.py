"""The lint rules for secretaries' Persian typing: each finds defects in a text and suggests a fix.

A :class:`Suggestion` replaces characters at an offset; its wording is a list of notes keyed into
the message catalogue (:mod:`minutes.messages`), so it can be shown in English or Persian. The
rules never run on their own: :func:`lint` runs them in order until the text is clean, and the
``minutes lint`` command maps each suggestion to a file position.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from operator import attrgetter

from minutes.diagnostics import Note
from minutes.lint.characters import bad_characters
from minutes.lint.suggestions import Suggestion, apply, record
from minutes.lint.words import (
    COMPARATIVE_SUFFIXES,
    COMPOUND_SUFFIXES,
    COMPOUNDS,
    FUNCTION_WORDS,
    NOT_GLUED_PLURALS,
    ORDINAL_SUFFIXES,
    PLURAL_SUFFIXES,
    VA_INITIAL_WORDS,
    VERB_ENDINGS_BEFORE_VA,
    VERB_FORMS_AFTER_PREFIX,
    VERB_PREFIXES,
)
from minutes.text.persian import (
    ARABIC_TO_PERSIAN,
    DIGIT_CLASS,
    LATIN_LETTER,
    NBSP,
    NON_SPACE_RUN,
    SPACE_SEPARATORS,
    ZWNJ,
    normalize,
)

_URL_OR_EMAIL = re.compile(r"(?:https?://|www\.)\S|\S@\S")

# Arabic-script letters used in Persian, with the short-vowel marks that may sit on them.
_LETTER_CLASS = "\u0621-\u063a\u0641-\u0652\u0654\u0670\u067e\u0686\u0698\u06a9\u06af\u06c0\u06cc"
_WORD = re.compile(f"[{_LETTER_CLASS}]+")
_LETTER = re.compile(f"[{_LETTER_CLASS}]")
# Letters that never join the following letter, so a compound needs no half-space after them.
_NON_JOINING = frozenset("ءآأؤإاةدذرزژوۀ")

# The rules' codes; each is worded by the catalogue entry of the same name (and its variants).
LINT_CODES = (
    "arabic-letter", "nbsp", "half-space", "space-after-punctuation", "space-before-punctuation", "digit-glued",
    "glued-va", "quotes", "double-space", "suspect-spelling", "repeated-paragraph", "bad-character",
)

PARAGRAPH_MIN_WORDS = 3
_MIN_FREQUENT_WORD_LENGTH = 5
_MIN_FREQUENT_WORD_COUNT = 3
_CONTEXT_CHARS = 30
_MAX_LINT_PASSES = 10

_HORIZONTAL_SPACE_RUN = re.compile(f"[\t{re.escape(SPACE_SEPARATORS)}]+")
_SPACE_BEFORE_PUNCTUATION = re.compile(
    f"(?<=[{_LETTER_CLASS}])[\t{re.escape(SPACE_SEPARATORS)}]+(?=[.،؛:؟!](?![{DIGIT_CLASS}]))"
)
_PUNCTUATION_BEFORE_LETTER = re.compile(f"[.،؛:؟!,](?=[{_LETTER_CLASS}])")
_NUMBER_BEFORE_WORD = re.compile(f"[{DIGIT_CLASS}]+(?=([{_LETTER_CLASS}]+))")
_STRAIGHT_QUOTED = re.compile(r'"([^"\n]*)"')


def lint(text: str) -> list[Suggestion]:
    """Typing defects in ``text``, ordered by offset and non-overlapping.

    The rules run in order, each on the text as corrected by the rules before it, until a full
    pass finds nothing; a fix that touches an earlier one is merged with it. So applying the
    result gives text on which ``lint`` finds nothing.
    """
    suggestions: list[Suggestion] = []
    for _ in range(_MAX_LINT_PASSES):
        found = False
        for rule in _RULES:
            current = apply(text, suggestions)
            # Right to left, so that a recorded fix does not move the ones still to come.
            for edit in sorted(rule(current), key=attrgetter("offset"), reverse=True):
                suggestions = record(text, suggestions, edit)
                found = True
        if not found:
            break
    return suggestions


def _context(text: str, start: int, end: int, replacement: str) -> tuple[str, str]:
    """The words around ``text[start:end]``, before and after the replacement."""
    left = start
    while left > max(0, start - _CONTEXT_CHARS) and not text[left - 1].isspace():
        left -= 1
    right = end
    while right < min(len(text), end + _CONTEXT_CHARS) and not text[right].isspace():
        right += 1
    return text[left:right], text[left:start] + replacement + text[end:right]


def _suggest(
    text: str, start: int, end: int, replacement: str, code: str, variant: str = "", **details: object
) -> Suggestion:
    """A suggestion worded by the catalogue entry ``code`` (or ``code.variant``), quoting the words around it."""
    before, after = _context(text, start, end, replacement)
    template = f"{code}.{variant}" if variant else code
    note = Note.of(template, before=before, after=after, **details)
    return Suggestion(start, end - start, replacement, code, (note,))


def _word_before(text: str, end: int) -> str:
    start = end
    while start > 0 and _LETTER.match(text[start - 1]):
        start -= 1
    return text[start:end]


def _word_after(text: str, start: int) -> str:
    word = _WORD.match(text, start)
    return word[0] if word else ""


def _joiner_after(word: str) -> str:
    """What joins a suffix to ``word``: nothing after a non-joining letter, else a half-space."""
    return "" if word[-1] in _NON_JOINING else ZWNJ


def _joiner_between(left: str, right: str) -> str | None:
    """The joiner for two words written apart that form one word, or None if they are two words."""
    if not (left and right):
        return None
    is_suffix = right in COMPARATIVE_SUFFIXES or right in COMPOUND_SUFFIXES
    one_word = (
        left in VERB_PREFIXES
        or (left, right) in COMPOUNDS
        or (len(left) > 1 and right in PLURAL_SUFFIXES)
        or (len(left) > 1 and left not in FUNCTION_WORDS and is_suffix)
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


def _arabic_letters(text: str) -> Iterator[Suggestion]:
    for index, char in enumerate(text):
        if char in ARABIC_TO_PERSIAN:
            yield _suggest(text, index, index + 1, ARABIC_TO_PERSIAN[char], "arabic-letter")


def _spaces_between_words(text: str) -> Iterator[Suggestion]:
    """Half-spaces written as spaces, no-break spaces, and runs of spaces."""
    for run in _HORIZONTAL_SPACE_RUN.finditer(text):
        left, right = _word_before(text, run.start()), _word_after(text, run.end())
        joiner = _joiner_between(left, right)
        if joiner is not None:
            variant = "-".join(part for part in ("" if joiner else "joined", "nbsp" if NBSP in run[0] else "") if part)
            yield _suggest(text, run.start(), run.end(), joiner, "half-space", variant)
        elif NBSP in run[0]:
            yield _suggest(text, run.start(), run.end(), " ", "nbsp")
        elif len(run[0]) > 1:
            yield _suggest(text, run.start(), run.end(), " ", "double-space")


def _glued_affixes(text: str) -> Iterator[Suggestion]:
    """Prefixes, plural suffixes and compounds glued on without their half-space."""
    counts = Counter(_WORD.findall(text))
    for word in _WORD.finditer(text):
        split = _glued_split(word[0], counts)
        if split is not None:
            position = word.start() + split
            yield _suggest(text, position, position, ZWNJ, "half-space")


def _straight_quotes(text: str) -> Iterator[Suggestion]:
    for quoted in _STRAIGHT_QUOTED.finditer(text):
        if _LETTER.search(quoted[1]):
            yield _suggest(text, quoted.start(), quoted.start() + 1, "«", "quotes", content=quoted[1])
            yield _suggest(text, quoted.end() - 1, quoted.end(), "»", "quotes", content=quoted[1])


def _spaces_before_punctuation(text: str) -> Iterator[Suggestion]:
    for space in _SPACE_BEFORE_PUNCTUATION.finditer(text):
        yield _suggest(text, space.start(), space.end(), "", "space-before-punctuation")


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
        and bool(_LETTER.match(text[index - 1]))
        and (index == 1 or not _LETTER.match(text[index - 2]))
    )


def _spaces_after_punctuation(text: str) -> Iterator[Suggestion]:
    for mark in _PUNCTUATION_BEFORE_LETTER.finditer(text):
        if not (_URL_OR_EMAIL.search(_token_at(text, mark.start())) or _is_abbreviation_dot(text, mark.start())):
            yield _suggest(text, mark.end(), mark.end(), " ", "space-after-punctuation")


def _numbers_glued_to_words(text: str) -> Iterator[Suggestion]:
    for number in _NUMBER_BEFORE_WORD.finditer(text):
        if number[1] not in ORDINAL_SUFFIXES and not LATIN_LETTER.search(_token_at(text, number.start())):
            yield _suggest(text, number.end(), number.end(), " ", "digit-glued")


def _glued_conjunctions(text: str) -> Iterator[Suggestion]:
    """«و» glued to the end of a verb, or to the start of a word the text also uses alone."""
    counts = Counter(_WORD.findall(text))
    for match in _WORD.finditer(text):
        word = match[0]
        rest = word[1:]
        if word[0] == "و" and len(rest) >= 3 and word not in VA_INITIAL_WORDS and counts[rest] >= counts[word]:
            yield _suggest(text, match.start() + 1, match.start() + 1, " ", "glued-va", va="و")
        if any(word.endswith(ending) and len(word) >= shortest for ending, shortest in VERB_ENDINGS_BEFORE_VA.items()):
            yield _suggest(text, match.end() - 1, match.end() - 1, " ", "glued-va", va="و")


def _single_interior_edit(word: str, target: str) -> tuple[int, int, str] | None:
    """The one-letter change (index, length, replacement) turning ``word`` into ``target``.

    Only a change inside the word counts: a first or last letter, or the «ن» of «باشند»/«باشد»,
    is usually grammar rather than a typo.
    """
    if len(word) == len(target):
        differences = [i for i, (a, b) in enumerate(zip(word, target, strict=True)) if a != b]
        if len(differences) == 1 and 0 < differences[0] < len(word) - 1:
            return differences[0], 1, target[differences[0]]
        return None
    longer, shorter = (word, target) if len(word) > len(target) else (target, word)
    if len(longer) != len(shorter) + 1:
        return None
    index = next((i for i, (a, b) in enumerate(zip(longer, shorter, strict=False)) if a != b), len(shorter))
    if longer[:index] + longer[index + 1 :] != shorter or not 0 < index < len(longer) - 1:
        return None
    if longer[index] == "ن" and longer[index + 1 :] == "د":
        return None
    return (index, 1, "") if longer is word else (index, 0, target[index])


def _intended_word(word: str, frequent: list[str], counts: Counter[str]) -> tuple[str, tuple[int, int, str]] | None:
    """The most frequent word one interior letter away from ``word``, with that edit; None on a tie."""
    candidates = {target: edit for target in frequent if (edit := _single_interior_edit(word, target))}
    ranked = sorted(candidates, key=counts.__getitem__, reverse=True)
    if not ranked or (len(ranked) > 1 and counts[ranked[0]] == counts[ranked[1]]):
        return None
    return ranked[0], candidates[ranked[0]]


def _suspect_spellings(text: str) -> Iterator[Suggestion]:
    counts = Counter(_WORD.findall(text))
    frequent = [
        word
        for word, count in counts.items()
        if count >= _MIN_FREQUENT_WORD_COUNT and len(word) >= _MIN_FREQUENT_WORD_LENGTH
    ]
    for match in _WORD.finditer(text):
        word, start = match[0], match.start()
        if word[0] == "ئ":
            if len(word) > 1 and text[start - 1 : start] != ZWNJ:
                replacement = "" if word[1] in "اآ" else "ا"
                yield _suggest(text, start, start + 1, replacement, "suspect-spelling", letter="ئ")
        elif counts[word] == 1 and (intended := _intended_word(word, frequent, counts)):
            target, (index, length, replacement) = intended
            details = {"word": word, "target": target, "count": counts[target]}
            edit_start = start + index
            yield _suggest(
                text, edit_start, edit_start + length, replacement, "suspect-spelling", "rare", **details
            )


# In this order: each rule sees the text as corrected by the rules before it.
_RULES: tuple[Callable[[str], Iterable[Suggestion]], ...] = (
    bad_characters,
    _repeated_paragraphs,
    _arabic_letters,
    _spaces_between_words,
    _glued_affixes,
    _straight_quotes,
    _spaces_before_punctuation,
    _spaces_after_punctuation,
    _numbers_glued_to_words,
    _glued_conjunctions,
    _suspect_spellings,
)
