"""Paper sizes: a module of its own, so that the rendering workers, which need the sizes but not the
record models, do not load pydantic (≈ 80 ms of a worker's start, on the path of every edit)."""

from __future__ import annotations

from enum import StrEnum


class PageSize(StrEnum):
    """Paper for letters: chosen by length (A5 for short letters), or forced."""

    AUTO = "auto"
    A4 = "A4"
    A5 = "A5"
