"""Text hygiene: bidi controls, controls, invisible and unassigned characters, blank-looking text."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from minutes.hygiene import Problem, is_blank, problems

PERSIAN = "کارگروه اجتماعی و فرهنگی می‌شود؛ جلسه ۱۴۰۳/۰۵/۱۷ ساعت 10:30 (دکتر Smith) «مصوبه»."


def test_ordinary_persian_latin_and_digits_are_clean() -> None:
    assert problems(PERSIAN) == []
    assert problems("line one\nline two\tand a tab") == []
    assert problems("\u200f(۱)\u200e a\u200db \u061c") == []  # RLM, LRM, ZWJ, ALM are allowed


@pytest.mark.parametrize(("text", "expected"), [
    ("شماره \u202e0001\u202c", [(6, 0x202E, "bidi-control"), (11, 0x202C, "bidi-control")]),
    ("\u202dفارسی", [(0, 0x202D, "bidi-control")]),
    ("a\u2066b\u2069", [(1, 0x2066, "bidi-control"), (3, 0x2069, "bidi-control")]),
    ("\u202a\u202b", [(0, 0x202A, "bidi-control"), (1, 0x202B, "bidi-control")]),
    ("red\x1b[31m", [(3, 0x1B, "control")]),
    ("bell\x07", [(4, 0x07, "control")]),
    ("cr\r\n", [(2, 0x0D, "control")]),
    ("del\x7f", [(3, 0x7F, "control")]),
    ("nel\x85", [(3, 0x85, "control")]),
    ("ls\u2028ps\u2029", [(2, 0x2028, "control"), (5, 0x2029, "control")]),
    ("zw\u200bsp", [(2, 0x200B, "format")]),
    ("w\u2060j", [(1, 0x2060, "format")]),
    ("\ufeffbom", [(0, 0xFEFF, "format")]),
    ("tag\U000E0041\U000E007F", [(3, 0xE0041, "format"), (4, 0xE007F, "format")]),
    ("soft\u00adhyphen", [(4, 0xAD, "format")]),
    ("x\ud800", [(1, 0xD800, "surrogate")]),
    ("\ufffe\uffff\ufdd0\U0001fffe", [(0, 0xFFFE, "noncharacter"), (1, 0xFFFF, "noncharacter"),
                                      (2, 0xFDD0, "noncharacter"), (3, 0x1FFFE, "noncharacter")]),
    ("pua\ue000\U000f0000\U0010fffd", [(3, 0xE000, "private-use"), (4, 0xF0000, "private-use"),
                                        (5, 0x10FFFD, "private-use")]),
    ("\u0378", [(0, 0x378, "unassigned")]),
])
def test_problems_are_found_with_offset_codepoint_and_kind(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert problems(text) == [Problem(*item) for item in expected]


def test_single_line_text_refuses_tab_and_newline() -> None:
    assert problems("a\tb\nc", multiline=False) == [Problem(1, 0x09, "control"), Problem(3, 0x0A, "control")]


@pytest.mark.parametrize("text", ["", " ", "\u200c", "\u200b\u200c", "\u200f\u2060", "\u200e \u00a0\u3000",
                                  "\ufeff", "\n\t ", "\u2800", "\u3164", "\ufe0f", "\U000e0041", "\x1b"])
def test_blank_texts_have_nothing_visible(text: str) -> None:
    assert is_blank(text)


@pytest.mark.parametrize("text", ["ا", "\u200cب", "0", ".", "\u0640", "a\u200b"])
def test_texts_with_something_visible_are_not_blank(text: str) -> None:
    assert not is_blank(text)


@given(st.text())
def test_problem_offsets_point_at_the_characters(text: str) -> None:
    for offset, codepoint, kind in problems(text):
        assert ord(text[offset]) == codepoint
        assert kind in {"bidi-control", "control", "format", "surrogate", "noncharacter", "private-use",
                        "unassigned"}


@given(st.text())
def test_clean_text_has_no_bidi_controls_controls_or_unassigned(text: str) -> None:
    if not problems(text):
        assert all(unicodedata.category(c) not in ("Cs", "Co", "Cn") for c in text)
        assert not any(0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069 for c in text)
        assert all(c in "\t\n" or unicodedata.category(c) != "Cc" for c in text)
