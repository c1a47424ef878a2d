"""Persian text for display and search, and a conservative lint for secretaries' typing.

``normalize`` and ``persian_digits`` are the only rewriting applied before rendering; every other
fix is a :class:`Suggestion` from :func:`lint` that the author accepts or not (a record must not
change wording behind its author's back).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from operator import attrgetter

ZWNJ = "\u200c"
NBSP = "\u00a0"

_ARABIC_TO_PERSIAN = {"ي": "ی", "ى": "ی", "ك": "ک"}
# Every Unicode space separator (category Zs) lies in the Basic Multilingual Plane.
_SPACE_SEPARATORS = "".join(char for char in map(chr, range(0x10000)) if unicodedata.category(char) == "Zs")
_NORMALIZE_TABLE = str.maketrans(_ARABIC_TO_PERSIAN | dict.fromkeys(_SPACE_SEPARATORS, " "))
_SPACE_RUN = re.compile(r"[ \t]+")
_LINE_EDGE_SPACE = re.compile(r"^ | $", re.MULTILINE)

_LATIN_DIGITS = "0123456789"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
_ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
_TOPERSIAN_DIGITS = str.maketrans(_LATIN_DIGITS + _ARABIC_INDIC_DIGITS, PERSIAN_DIGITS * 2)
_TO_LATIN_DIGITS = str.maketrans(PERSIAN_DIGITS + _ARABIC_INDIC_DIGITS, _LATIN_DIGITS * 2)
_DIGIT_CLASS = "0-9\u0660-\u0669\u06f0-\u06f9"

_NON_SPACE_RUN = re.compile(r"\S+")
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")
_URL_OR_EMAIL = re.compile(r"(?:https?://|www\.)\S|\S@\S")

# Arabic-script letters used in Persian, with the short-vowel marks that may sit on them.
_LETTER_CLASS = "\u0621-\u063a\u0641-\u0652\u0654\u0670\u067e\u0686\u0698\u06a9\u06af\u06c0\u06cc"
_WORD = re.compile(f"[{_LETTER_CLASS}]+")
_LETTER = re.compile(f"[{_LETTER_CLASS}]")
# Letters that never join the following letter, so a compound needs no half-space after them.
_NON_JOINING = frozenset("ءآأؤإاةدذرزژوۀ")

# --- Word lists for the lint; extend them here. ---------------------------------------------
# fmt: off
VERB_PREFIXES = ("نمی", "می")
PRESENT_STEMS = (
    "شو", "کن", "توان", "باش", "گیر", "ده", "گرد", "رو", "آی", "دان", "خواه", "گوی", "رس", "یاب", "بین",
    "ساز", "پرداز", "نمای", "گذار", "مان", "خوان", "نویس", "آور", "بر", "زن", "شناس", "رسان", "کش", "پذیر",
)
PAST_STEMS = (
    "شد", "کرد", "توانست", "بود", "گرفت", "داد", "گشت", "رفت", "آمد", "دانست", "خواست", "گفت", "رسید", "یافت",
    "دید", "ساخت", "پرداخت", "نمود", "گذاشت", "ماند", "خواند", "نوشت", "آورد", "برد", "زد", "شناخت", "رساند",
    "کشید", "پذیرفت",
)
PLURAL_SUFFIXES = ("هایی", "های", "ها")  # longest first
COMPARATIVE_SUFFIXES = ("ترین", "تر")
# Compounds that take a half-space (or nothing after a non-joining letter).
COMPOUNDS = (
    ("برنامه", "ریزی"), ("موسی", "پور"), ("صادق", "زاده"), ("دانش", "بنیان"), ("آینده", "نگری"),
    ("گفتمان", "سازی"), ("آسیب", "پذیر"), ("درون", "زا"), ("جهت", "گیری"), ("سه", "گانه"),
    ("کوتاه", "مدت"), ("بلند", "مدت"), ("فن", "آوری"),
)
# Second parts that join any preceding word except a function word.
COMPOUND_SUFFIXES = (
    "پور", "زاده", "سازی", "ریزی", "پذیر", "پذیری", "نگری", "گیری", "گانه", "بنیان", "مدت", "رسانی",
)
# Words that never take a compound or comparative suffix: «به مدت», «در این مدت», «تمام مدت».
FUNCTION_WORDS = frozenset({
    "به", "در", "از", "با", "بر", "تا", "که", "را", "این", "آن", "هر", "همین", "همان", "چند", "یک", "همه",
    "تمام", "کل", "طول",
})
# Words that end in «ها» without being plurals, or whose glued plural is accepted usage.
NOT_GLUED_PLURALS = frozenset({"تنها", "تنهایی", "نهایی", "رهایی", "بهای", "آنها", "اینها"})
# Words that start with «و» although what follows is also a word.
VA_INITIAL_WORDS = frozenset({"وزیر", "وزیران", "وزن", "ورود", "واحد", "وام", "وسایل", "والا"})
# Endings of verbs that a glued «و» follows, with the shortest word they apply to («هندو», «کندو» are words).
VERB_ENDINGS_BEFORE_VA = {"ندو": 5, "شدو": 3, "کردو": 4}
ORDINAL_SUFFIXES = frozenset({"ام", "امین", "م", "مین", "اُم", "اُمین"})
# fmt: on

# Each lint code with the message it gives; «{before}» and «{after}» are the words around the fix.
_MESSAGES = {
    "arabic-letter": "write «{after}» with Persian letters instead of «{before}»",
    "nbsp": "replace the no-break space in «{before}» with a plain space",
    "half-space": "write «{after}» with a half-space instead of «{before}»",
    "space-after-punctuation": "add a space after the punctuation mark: «{after}» instead of «{before}»",
    "space-before-punctuation": "remove the space before the punctuation mark: «{after}» instead of «{before}»",
    "digit-glued": "separate the number from the word: «{after}» instead of «{before}»",
    "glued-va": "separate the conjunction «و»: «{after}» instead of «{before}»",
    "quotes": 'use Persian quotation marks «» instead of "" around «{content}»',
    "double-space": "use one space in «{before}»",
    "suspect-spelling": "possible typo: no Persian word starts with «ئ»; write «{after}» instead of «{before}»",
    "repeated-paragraph": "line {line} repeats line {first} word for word; remove the copy",
}
_JOINED_MESSAGE = "write «{after}» as one word instead of «{before}»"
_RARE_WORD_MESSAGE = "possible typo: «{word}» occurs once but «{target}» {count} times; did you mean «{target}»?"
LINT_CODES = tuple(_MESSAGES)

# Present stems take a person ending (a bare one would match «میدان»); the second person singular
# «ی» is left out because «میدانی» is also an adjective.
_PRESENT_ENDINGS = ("م", "د", "یم", "ید", "ند")
_PAST_ENDINGS = ("", "م", "ی", "یم", "ید", "ند")
_VERB_FORMS_AFTER_PREFIX = frozenset(
    {stem + ending for stem in PRESENT_STEMS for ending in _PRESENT_ENDINGS}
    | {stem + ending for stem in PAST_STEMS for ending in _PAST_ENDINGS}
    | {"توان"}  # impersonal «می‌توان»
)

PARAGRAPH_MIN_WORDS = 3
_MIN_FREQUENT_WORD_LENGTH = 5
_MIN_FREQUENT_WORD_COUNT = 3
_CONTEXT_CHARS = 30
_MAX_LINT_PASSES = 10

_HORIZONTAL_SPACE_RUN = re.compile(f"[\t{re.escape(_SPACE_SEPARATORS)}]+")
_SPACE_BEFORE_PUNCTUATION = re.compile(
    f"(?<=[{_LETTER_CLASS}])[\t{re.escape(_SPACE_SEPARATORS)}]+(?=[.،؛:؟!](?![{_DIGIT_CLASS}]))"
)
_PUNCTUATION_BEFORE_LETTER = re.compile(f"[.،؛:؟!,](?=[{_LETTER_CLASS}])")
_NUMBER_BEFORE_WORD = re.compile(f"[{_DIGIT_CLASS}]+(?=([{_LETTER_CLASS}]+))")
_STRAIGHT_QUOTED = re.compile(r'"([^"\n]*)"')


def normalize(text: str) -> str:
    """Map Arabic ي/ى/ك to Persian and space separators to a space; collapse and trim spaces per line."""
    spaced = _SPACE_RUN.sub(" ", text.translate(_NORMALIZE_TABLE))
    return _LINE_EDGE_SPACE.sub("", spaced)


def persian_digits(text: str) -> str:
    """Show ASCII and Arabic-Indic digits as Persian digits, except inside Latin-script tokens.

    A token is a run of non-space characters; one containing a Latin letter (COVID-19, A4, and
    every URL or e-mail address) keeps its digits.
    """
    return _NON_SPACE_RUN.sub(
        lambda token: token[0] if _LATIN_LETTER.search(token[0]) else token[0].translate(_TOPERSIAN_DIGITS), text
    )


def display(text: str) -> str:
    """The text as it is rendered: normalized, with Persian digits."""
    return persian_digits(normalize(text))


def latin_digits(text: str) -> str:
    """Persian and Arabic-Indic digits replaced with ASCII digits."""
    return text.translate(_TO_LATIN_DIGITS)


def fold_for_search(text: str) -> str:
    """A comparison key: normalized, without half-spaces or whitespace, with ASCII digits."""
    return "".join(normalize(text).replace(ZWNJ, "").split()).translate(_TO_LATIN_DIGITS)


def line_col(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of ``offset`` in ``text``."""
    if not 0 <= offset <= len(text):
        raise ValueError(f"offset {offset} is outside a text of {len(text)} characters")
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


@dataclass(frozen=True)
class Suggestion:
    """Replace ``length`` characters at ``offset`` with ``replacement``; ``code`` names the rule."""

    offset: int
    length: int
    replacement: str
    code: str
    message: str


def apply(text: str, suggestions: Iterable[Suggestion]) -> str:
    """The text with the suggestions applied; insertions at one offset keep their given order."""
    parts: list[str] = []
    position = 0
    for suggestion in sorted(suggestions, key=attrgetter("offset")):
        if suggestion.offset < position or suggestion.offset + suggestion.length > len(text):
            raise ValueError(f"suggestion at {suggestion.offset} overlaps another or leaves the text: {suggestion}")
        parts += [text[position : suggestion.offset], suggestion.replacement]
        position = suggestion.offset + suggestion.length
    parts.append(text[position:])
    return "".join(parts)


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
                suggestions = _record(text, suggestions, edit)
                found = True
        if not found:
            break
    return suggestions


def _record(original: str, suggestions: list[Suggestion], edit: Suggestion) -> list[Suggestion]:
    """Add ``edit``, made on the corrected text, to ``suggestions`` made on ``original``."""
    start, end = edit.offset, edit.offset + edit.length
    before: list[Suggestion] = []
    clashing: list[tuple[Suggestion, int, int]] = []  # with its span in the corrected text
    after: list[Suggestion] = []
    shift = shift_before = 0  # corrected minus original offset
    for suggestion in suggestions:
        current_start = suggestion.offset + shift
        current_end = current_start + len(suggestion.replacement)
        shift += len(suggestion.replacement) - suggestion.length
        if current_end <= start:
            before.append(suggestion)
            shift_before = shift
        elif current_start >= end:
            after.append(suggestion)
        else:
            clashing.append((suggestion, current_start, current_end))
    if not clashing:
        moved = Suggestion(start - shift_before, edit.length, edit.replacement, edit.code, edit.message)
        return [*before, moved, *after]

    current = apply(original, suggestions)
    (first, first_start, _), (last, _, last_end) = clashing[0], clashing[-1]
    shift_through = shift_before + sum(len(s.replacement) - s.length for s, _, _ in clashing)
    merged_start = start - shift_before if start < first_start else first.offset
    merged_end = end - shift_through if end > last_end else last.offset + last.length
    replacement = current[min(start, first_start) : start] + edit.replacement + current[end : max(end, last_end)]
    if original[merged_start:merged_end] == replacement:
        return [*before, *after]
    encloses_all = all(
        start <= s_start and s_end <= end and (start, end) != (s_start, s_end) for _, s_start, s_end in clashing
    )
    if edit.replacement == "" and encloses_all:  # a removal that swallows earlier fixes replaces them
        code, message = edit.code, edit.message
    else:
        code, message = first.code, "; ".join([*(s.message for s, _, _ in clashing), edit.message])
    merged = Suggestion(merged_start, merged_end - merged_start, replacement, code, message)
    return [*before, merged, *after]


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
    text: str, start: int, end: int, replacement: str, code: str, template: str = "", **details: object
) -> Suggestion:
    """A suggestion whose message (the code's own unless ``template`` is given) quotes the words around it."""
    before, after = _context(text, start, end, replacement)
    message = (template or _MESSAGES[code]).format(before=before, after=after, **details)
    return Suggestion(start, end - start, replacement, code, message)


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
        if word.startswith(prefix) and word[len(prefix) :] in _VERB_FORMS_AFTER_PREFIX:
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
                message = _MESSAGES["repeated-paragraph"].format(line=number, first=first_seen[key])
                yield Suggestion(offset, with_newline, "", "repeated-paragraph", message)
            else:
                first_seen[key] = number
        offset += len(line) + 1


def _arabic_letters(text: str) -> Iterator[Suggestion]:
    for index, char in enumerate(text):
        if char in _ARABIC_TO_PERSIAN:
            yield _suggest(text, index, index + 1, _ARABIC_TO_PERSIAN[char], "arabic-letter")


def _spaces_between_words(text: str) -> Iterator[Suggestion]:
    """Half-spaces written as spaces, no-break spaces, and runs of spaces."""
    for run in _HORIZONTAL_SPACE_RUN.finditer(text):
        left, right = _word_before(text, run.start()), _word_after(text, run.end())
        joiner = _joiner_between(left, right)
        if joiner is not None:
            template = _MESSAGES["half-space"] if joiner else _JOINED_MESSAGE
            if NBSP in run[0]:
                template = template.replace("«{before}»", "the no-break space in «{before}»")
            yield _suggest(text, run.start(), run.end(), joiner, "half-space", template)
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
    token = _NON_SPACE_RUN.match(text, start)
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
        if number[1] not in ORDINAL_SUFFIXES and not _LATIN_LETTER.search(_token_at(text, number.start())):
            yield _suggest(text, number.end(), number.end(), " ", "digit-glued")


def _glued_conjunctions(text: str) -> Iterator[Suggestion]:
    """«و» glued to the end of a verb, or to the start of a word the text also uses alone."""
    counts = Counter(_WORD.findall(text))
    for match in _WORD.finditer(text):
        word = match[0]
        rest = word[1:]
        if word[0] == "و" and len(rest) >= 3 and word not in VA_INITIAL_WORDS and counts[rest] >= counts[word]:
            yield _suggest(text, match.start() + 1, match.start() + 1, " ", "glued-va")
        if any(word.endswith(ending) and len(word) >= shortest for ending, shortest in VERB_ENDINGS_BEFORE_VA.items()):
            yield _suggest(text, match.end() - 1, match.end() - 1, " ", "glued-va")


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
                yield _suggest(text, start, start + 1, replacement, "suspect-spelling")
        elif counts[word] == 1 and (intended := _intended_word(word, frequent, counts)):
            target, (index, length, replacement) = intended
            details = {"word": word, "target": target, "count": counts[target]}
            edit_start = start + index
            yield _suggest(
                text, edit_start, edit_start + length, replacement, "suspect-spelling", _RARE_WORD_MESSAGE, **details
            )


# In this order: each rule sees the text as corrected by the rules before it.
_RULES: tuple[Callable[[str], Iterable[Suggestion]], ...] = (
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
