"""Disjoint parts of a build, for several machines or processes sharing the work."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Shard:
    """The ``index``-th (from 1) of ``count`` disjoint parts of a build, chosen by a hash of each output's
    path (``<record>/<file>``): the same on every machine, whatever else is built."""

    index: int
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        """``"K/N"`` with 1 ≤ K ≤ N; raises ValueError otherwise."""
        index, slash, count = text.partition("/")
        if not (slash and index.isdigit() and count.isdigit() and 1 <= int(index) <= int(count)):
            raise ValueError(f"not a shard K/N with 1 <= K <= N: {text!r}")
        return cls(int(index), int(count))

    def owns(self, relative: str) -> bool:
        """Whether the output at ``relative`` (``<record>/<file>``) belongs to this shard."""
        number = int.from_bytes(hashlib.sha256(relative.encode("utf-8")).digest()[:8], "big")
        return number % self.count == self.index - 1

    @property
    def manifest(self) -> str:
        """Each shard keeps its own manifest, so shards may share one output folder."""
        return f".minutes-cache-{self.index}-of-{self.count}.json"
