"""A text worded once per language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

LANGUAGES = ("en", "fa")


@dataclass(frozen=True)
class Phrase:
    """A text worded once per language: a message template, or a value such as a month name."""

    en: str
    fa: str

    def text(self, lang: str) -> str:
        """The wording in ``lang`` (one of :data:`LANGUAGES`)."""
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language '{lang}'; expected one of: {', '.join(LANGUAGES)}")
        return self.en if lang == "en" else self.fa


@runtime_checkable
class Worded(Protocol):
    """A value worded in the language of the message it fills: a :class:`Phrase`, or a note (a catalogue
    entry and its values, such as a warning the library gives in its own words)."""

    def text(self, lang: str) -> str: ...


@dataclass(frozen=True)
class Joined:
    """Worded values shown as one, joined by «; » (in Persian «؛ »)."""

    items: tuple[Worded, ...]

    def text(self, lang: str) -> str:
        return ("; " if lang == "en" else "؛ ").join(item.text(lang) for item in self.items)
