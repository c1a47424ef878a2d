"""Persian in terminals that cannot lay it out themselves (opt-in).

Such terminals print Persian letters unjoined and in reverse order. Reshaping and reordering a
copy of each line fixes that; it is done only for a terminal, only when asked, and never for
anything bound for a file, a pipe, HTML or a PDF.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TextIO

ENVIRONMENT_SWITCH = "MINUTES_BIDI_TERMINAL"


def wanted(flag: bool, environ: Mapping[str, str], stream: TextIO) -> bool:
    """Whether to reshape: asked for (flag or environment) and the stream is a terminal."""
    asked = flag or environ.get(ENVIRONMENT_SWITCH, "").lower() in {"1", "yes", "true", "on"}
    return asked and stream.isatty()


def visual(text: str) -> str:
    """Each line reshaped and put in visual order, for display on a terminal only."""
    import arabic_reshaper  # only when asked for: most runs never reshape
    from bidi.algorithm import get_display  # the pure-Python one mirrors brackets; the Rust one does not

    return "\n".join(get_display(arabic_reshaper.reshape(line)) for line in text.split("\n"))
