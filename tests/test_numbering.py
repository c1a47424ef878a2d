"""The letter number pattern language: parsed by us, never by str.format."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from minutes.numbering import MAX_LENGTH, MAX_WIDTH, Field, PatternError, parse


@pytest.mark.parametrize(("pattern", "number"), [
    ("{unit}/{yy}/{serial}", "200/04/17"),
    ("{yy}/{serial}", "04/17"),
    ("{yyyy}-{serial:5}", "1404-00017"),
    ("ن/{yy}/{serial:2}", "ن/04/17"),
    ("{serial:1}/{yyyy}", "17/1404"),
    ("{{{yy}}}-{serial}", "{04}-17"),
    ("الف {unit} {yyyy} {serial:12}", "الف 200 1404 000000000017"),
])
def test_patterns_give_numbers(pattern: str, number: str) -> None:
    assert parse(pattern).format("200", 1404, 17) == number


def test_a_serial_longer_than_its_width_is_kept_whole() -> None:
    assert parse("{yy}/{serial:3}").format("", 1404, 123456) == "04/123456"


def test_the_year_is_zero_padded_to_two_digits() -> None:
    assert parse("{yy}/{serial}").format("", 1401, 1) == "01/1"


@pytest.mark.parametrize(("pattern", "code", "offset"), [
    ("{serial.__class__.__mro__}/{yy}", "unknown-placeholder", 0),
    ("{yy}/{serial!r:>20}", "unknown-placeholder", 5),
    ("{yy}/{serial:>999999999}", "unknown-placeholder", 5),
    ("{yy}/{serial:999999999}", "width", 13),
    ("{yy}/{serial:13}", "width", 13),
    ("{yy}/{serial:0}", "width", 13),
    ("{0}/{yy}/{serial}", "unknown-placeholder", 0),
    ("{}/{yy}/{serial}", "unknown-placeholder", 0),
    ("{ serial }/{yy}", "unknown-placeholder", 0),
    ("{Serial}/{yy}", "unknown-placeholder", 0),
    ("{yy}/{serial", "unbalanced-brace", 5),
    ("{yy}/serial}", "unbalanced-brace", 11),
    ("{yy/{serial}", "unbalanced-brace", 0),
    ("{yy}/{serial}/{serial}", "serial-count", 14),
    ("{yy}/شماره", "serial-count", 10),
    ("{unit}/{serial}", "no-year", 15),
    ("{yy}/\u202e{serial}", "bad-character", 5),
    ("{yy}\n{serial}", "bad-character", 4),
    ("{yy}/{serial}\x1b[31m", "bad-character", 13),
    ("   ", "empty", 0),
    ("", "empty", 0),
    ("{yy}/{serial}" + "x" * MAX_LENGTH, "too-long", MAX_LENGTH),
])
def test_unusable_patterns_say_what_and_where(pattern: str, code: str, offset: int) -> None:
    with pytest.raises(PatternError) as caught:
        parse(pattern)
    assert (caught.value.code, caught.value.offset) == (code, offset)
    assert isinstance(caught.value, ValueError)
    assert f"at character {offset + 1}" in str(caught.value)


def test_widths_up_to_the_bound_are_accepted() -> None:
    assert parse(f"{{yy}}/{{serial:{MAX_WIDTH}}}").parts[-1] == Field("serial", MAX_WIDTH)
    assert len(parse(f"{{yy}}/{{serial:{MAX_WIDTH}}}").format("", 1404, 1)) == 3 + MAX_WIDTH


def test_unit_is_reported_for_the_caller_and_required_when_formatting() -> None:
    assert parse("{unit}/{yy}/{serial}").uses_unit
    assert not parse("{yy}/{serial}").uses_unit
    with pytest.raises(ValueError, match="unit"):
        parse("{unit}/{yy}/{serial}").format("", 1404, 1)


@pytest.mark.parametrize(("year", "serial"), [(0, 1), (1404, 0), (1404, -3)])
def test_year_and_serial_are_positive(year: int, serial: int) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        parse("{yy}/{serial}").format("", year, serial)


@given(st.text(max_size=60))
def test_any_text_parses_or_is_refused_with_an_offset_inside_it(pattern: str) -> None:
    try:
        parsed = parse(pattern)
    except PatternError as error:
        assert 0 <= error.offset <= max(len(pattern), MAX_LENGTH)
        return
    number = parsed.format("U", 1404, 7)
    assert "7" in number and len(number) <= len(pattern) + MAX_WIDTH + 4


@given(st.text(alphabet=st.characters(blacklist_characters="{}", blacklist_categories=("Cc", "Cf", "Cs", "Co",
                                                                                          "Cn", "Zl", "Zp")),
               max_size=20),
       st.integers(1, 10**9), st.integers(1, 3000))
def test_literal_text_is_copied_as_written(literal: str, serial: int, year: int) -> None:
    assert parse(f"{literal}{{yyyy}}/{{serial}}").format("", year, serial) == f"{literal}{year}/{serial}"
