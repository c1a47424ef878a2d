"""How far a build has got, as text: a bar with count, rate and time left for a terminal, or a
plain line per document for logs and pipes. Pure formatting: the command line writes it."""

from __future__ import annotations

from minutes.build import Step
from minutes.messages import text


def duration(seconds: float) -> str:
    """``0:42``, ``3:07``, ``1:02:03``."""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def bar(step: Step, elapsed: float, width: int = 80, lang: str = "en") -> str:
    """One line fitting ``width`` columns: ``[#####-----] 120/1545  7%  9.8 docs/s  ETA 2:25`` (the rate and
    the time left worded in ``lang``).

    The rate is over the time since the build announced its work; the time left assumes it holds.
    """
    percent = 100 * step.done // step.total if step.total else 100
    tail = f" {step.done}/{step.total} {percent:3d}%"
    if step.done and elapsed > 0:
        rate = step.done / elapsed
        left = round((step.total - step.done) / rate)
        tail += text("build-rate.seconds", {"rate": rate, "seconds": left}, lang) if left < 60 else \
            text("build-rate", {"rate": rate, "left": duration(left)}, lang)
    cells = max(10, min(40, width - len(tail) - 3))
    filled = cells * step.done // step.total if step.total else cells
    return f"[{'#' * filled}{'-' * (cells - filled)}]{tail}"


def summary(written: int, up_to_date: int, removed: int, elapsed: float, lang: str = "en") -> str:
    """The closing line of a build, in ``lang``."""
    counts = {"written": written, "up_to_date": up_to_date, "seconds": elapsed}
    if removed:
        return text("build-done.removed", counts | {"removed": removed}, lang)
    return text("build-done", counts, lang)
