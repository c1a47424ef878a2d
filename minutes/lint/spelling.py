"""Lint rules for how words are spelt: Arabic letters instead of Persian ones, and likely typos (a word
no Persian word starts like, or a rare word one letter away from a frequent one)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from minutes.lint.suggestion import LETTER_CLASS, WORD, Suggestion, suggest
from minutes.text.persian import ARABIC_TO_PERSIAN, ZWNJ

_MIN_FREQUENT_WORD_LENGTH = 5
_MIN_FREQUENT_WORD_COUNT = 3
_ARABIC_LETTERS = "".join(ARABIC_TO_PERSIAN)
# A word with Arabic letters in it, from its first Arabic letter to its last (one fix for the word).
_ARABIC_SPAN = re.compile(f"[{_ARABIC_LETTERS}](?:[{LETTER_CLASS}{ZWNJ}]*[{_ARABIC_LETTERS}])?")
_TO_PERSIAN = str.maketrans(ARABIC_TO_PERSIAN)


def arabic_letters(text: str) -> Iterator[Suggestion]:
    """One suggestion per word written with Arabic ي، ى or ك, replacing them all."""
    for span in _ARABIC_SPAN.finditer(text):
        yield suggest(text, span.start(), span.end(), span[0].translate(_TO_PERSIAN), "arabic-letter")


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


def suspect_spellings(text: str) -> Iterator[Suggestion]:
    counts = Counter(WORD.findall(text))
    frequent = [
        word
        for word, count in counts.items()
        if count >= _MIN_FREQUENT_WORD_COUNT and len(word) >= _MIN_FREQUENT_WORD_LENGTH
    ]
    for match in WORD.finditer(text):
        word, start = match[0], match.start()
        if word[0] == "ئ":
            if len(word) > 1 and text[start - 1 : start] != ZWNJ:
                replacement = "" if word[1] in "اآ" else "ا"
                yield suggest(text, start, start + 1, replacement, "suspect-spelling", letter="ئ")
        elif counts[word] == 1 and (intended := _intended_word(word, frequent, counts)):
            target, (index, length, replacement) = intended
            details = {"word": word, "target": target, "count": counts[target]}
            edit_start = start + index
            yield suggest(
                text, edit_start, edit_start + length, replacement, "suspect-spelling", "rare", **details
            )
