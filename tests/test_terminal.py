"""Opt-in reshaping for terminals without bidi: only when asked, only on a terminal."""

from __future__ import annotations

import io
import re

from minutes.cli import terminal

PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_visual_reshapes_and_reverses() -> None:
    shown = terminal.visual("کارگروه (فوری)")
    assert PRESENTATION_FORMS.search(shown)
    assert shown.startswith("(") and shown.endswith(PRESENTATION_FORMS.findall(shown)[-1])


def test_visual_keeps_lines_apart() -> None:
    assert terminal.visual("سلام\nدنیا").count("\n") == 1


def test_wanted_only_on_a_terminal_and_when_asked() -> None:
    assert terminal.wanted(True, {}, FakeTerminal())
    assert terminal.wanted(False, {"MINUTES_BIDI_TERMINAL": "1"}, FakeTerminal())
    assert not terminal.wanted(False, {}, FakeTerminal())
    assert not terminal.wanted(True, {"MINUTES_BIDI_TERMINAL": "1"}, io.StringIO())
