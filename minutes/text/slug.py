"""Safe names and confined paths: what a record may be called, and proof that a write stays put.

A record's file name (without ``.yaml``) names its output folder and its archive folder, so it must
be a plain name, never a path: :func:`is_safe_name` says whether it is one. A path we are about to
write must lie below the folder it belongs to (``out/``, ``archive/``) once every symlink and
``..`` is followed: :func:`confined` proves it or raises :class:`Escape`.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

MAX_NAME_CHARS = 100
MAX_NAME_BYTES = 200  # of UTF-8; file systems allow 255 per name, and outputs add to it
ZWNJ = "\u200c"
PUNCTUATION = frozenset("-_")


def _allowed(char: str, previous: str, following: str) -> bool:
    """Whether ``char`` may stand between ``previous`` and ``following`` in a safe name."""
    category = unicodedata.category(char)
    if category.startswith("L") or category == "Nd" or char in PUNCTUATION:
        return True
    if category in ("Mn", "Mc"):  # a vowel sign or another mark, on a letter (Devanagari, harakat)
        return bool(previous) and unicodedata.category(previous)[0] in "LM"
    if char == ZWNJ:  # the Persian half-space, only inside a word
        return bool(previous and following) and previous.isalpha() and following.isalpha()
    return False


def is_safe_name(name: str) -> bool:
    """Whether ``name`` may name a record and its folders.

    A safe name is 1 to ``MAX_NAME_CHARS`` characters (and at most ``MAX_NAME_BYTES`` bytes of UTF-8)
    of letters of any script, decimal digits of any script, ``-`` and ``_``; a combining mark only
    after a letter or mark; the half-space (ZWNJ) only between two letters. It does not start with
    ``-`` (it would read as an option), and it is in Unicode normal form NFC, so that two names that
    look the same are the same. There is no ``.``, ``/``, space or control, so a safe name is never
    ``.``, ``..``, hidden, or a path.
    """
    if not 0 < len(name) <= MAX_NAME_CHARS or len(name.encode("utf-8", "surrogatepass")) > MAX_NAME_BYTES:
        return False
    if name.startswith("-") or not unicodedata.is_normalized("NFC", name):
        return False
    return all(_allowed(char, name[i - 1] if i else "", name[i + 1] if i + 1 < len(name) else "")
               for i, char in enumerate(name))


class Escape(ValueError):
    """A path that would leave the folder it must stay in; ``path`` is the path asked for, ``resolved``
    where it really leads."""

    def __init__(self, root: Path, path: Path, resolved: Path) -> None:
        super().__init__(f"{path} leads to {resolved}, which is not inside {root}")
        self.root = root
        self.path = path
        self.resolved = resolved


def confined(root: Path, path: Path | str) -> Path:
    """``path`` (relative to ``root`` unless absolute) with every symlink and ``..`` followed, when that
    lies strictly below ``root`` (itself resolved); else :class:`Escape`.

    Parts that do not exist yet are fine (they are about to be made), and a symlink that stays below
    ``root`` is fine; a symlink anywhere on the way that leads out, dangling or not, is not. The answer
    holds for the file system as it is now: a caller racing with someone who can write in ``root``
    must open with ``O_NOFOLLOW`` as well.
    """
    base = Path(os.path.realpath(root))
    asked = Path(path)
    full = asked if asked.is_absolute() else Path(root) / asked
    resolved = Path(os.path.realpath(full))  # follows every symlink, dangling ones too; keeps missing parts
    if resolved == base or not resolved.is_relative_to(base):
        raise Escape(base, asked, resolved)
    return resolved
