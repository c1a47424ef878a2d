"""A body's quorum rule: a number of members, a share of them («2/3»), or a majority.

The rule is written on the body in the directory (``quorum: 2/3``); with the body's members listed,
it gives the number that must attend. A meeting's own ``quorum`` (a number) overrides it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from fractions import Fraction

from minutes.text.persian import latin_digits

MAJORITY = "majority"
_COUNT = re.compile(r"[0-9]+")
_SHARE = re.compile(r"([0-9]+)\s*/\s*([0-9]+)")


@dataclass(frozen=True)
class QuorumRule:
    """How many members must attend: ``count`` of them, at least ``share`` of them (rounded up), or
    more than half (``majority``)."""

    text: str
    count: int | None = None
    share: Fraction | None = None

    @property
    def of_members(self) -> bool:
        """Whether the rule needs the body's members to give a number."""
        return self.count is None

    def needed(self, members: int) -> int:
        """The number of attending members and substitutes the rule asks for, out of ``members``."""
        if self.count is not None:
            return self.count
        if self.share is not None:
            return math.ceil(self.share * members)
        return members // 2 + 1

    def __str__(self) -> str:
        return self.text


def parse_quorum(text: str) -> QuorumRule:
    """A rule from its written form: ``5``, ``2/3`` or ``majority`` (Persian digits too).

    Raises ValueError for anything else, or a share that is none of the members or more than all.
    """
    written = latin_digits(text).strip()
    if written == MAJORITY:
        return QuorumRule(written)
    if _COUNT.fullmatch(written):
        return QuorumRule(written, count=int(written))
    share = _SHARE.fullmatch(written)
    if share and int(share[2]) and 0 < int(share[1]) <= int(share[2]):
        return QuorumRule(f"{share[1]}/{share[2]}", share=Fraction(int(share[1]), int(share[2])))
    raise ValueError(f"'{text}' is not a quorum rule: write a number of members, a share such as 2/3, or majority")


@dataclass(frozen=True)
class Required:
    """The quorum of one meeting: ``count`` attending members and substitutes, from the body's ``rule`` over
    its ``members`` (``rule`` is None when the record gives the number itself)."""

    count: int
    rule: QuorumRule | None = None
    members: int = 0


def required(own: int | None, rule: QuorumRule | None, members: int) -> Required | None:
    """A meeting's quorum: its own number, else the body's rule over its ``members``, else none."""
    if own is not None:
        return Required(own)
    if rule is None or (rule.of_members and not members):
        return None
    return Required(rule.needed(members), rule, members)
