"""Behavioural tests for Jalali dates and clock times."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from minutes.text.jalali import ClockTime, JalaliDate, weekday_from_name
from minutes.text.persian import PERSIAN_DIGITS, latin_digits


def _month_length(year: int, month: int) -> int:
    """Independent month-length oracle: 33-year cycle rule used by jdatetime."""
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if year % 33 in (1, 5, 9, 13, 17, 22, 26, 30) else 29


@st.composite
def jalali_dates(draw: st.DrawFn) -> JalaliDate:
    year = draw(st.integers(min_value=1300, max_value=1500))
    month = draw(st.integers(min_value=1, max_value=12))
    day = draw(st.integers(min_value=1, max_value=_month_length(year, month)))
    return JalaliDate(year, month, day)


# --- digits -----------------------------------------------------------------


def test_latin_digits_maps_persian_and_arabic_indic_digits() -> None:
    assert latin_digits(PERSIAN_DIGITS) == "0123456789"
    assert latin_digits("٠١٢٣٤٥٦٧٨٩") == "0123456789"


def test_latin_digits_leaves_other_text_alone() -> None:
    assert latin_digits("جلسه ۱۲ - room 7b") == "جلسه 12 - room 7b"


# --- parsing ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "1403/05/17",
        "1403-05-17",
        "۱۴۰۳/۰۵/۱۷",
        "١٤٠٣/٠٥/١٧",
        "۱۴۰۳-۰۵-۱۷",
        "  1403/05/17\n",
        "1403/5/17",
    ],
)
def test_parse_accepts_supported_forms(text: str) -> None:
    assert JalaliDate.parse(text) == JalaliDate(1403, 5, 17)


def test_parse_accepts_unpadded_month_and_day() -> None:
    assert JalaliDate.parse("1403/5/7") == JalaliDate(1403, 5, 7)


@pytest.mark.parametrize(
    "text",
    [
        "1403/05-17",
        "1403-05/17",
        "03/05/17",
        "14030/05/17",
        "1403/005/17",
        "1403.05.17",
        "1403/05",
        "17/05/1403",
        "2024-08-07T00:00",
        "",
        "today",
    ],
)
def test_parse_rejects_malformed_text(text: str) -> None:
    with pytest.raises(ValueError) as caught:
        JalaliDate.parse(text)
    assert str(caught.value) == (
        f"expected a Jalali date like 1403/05/17, got '{text}'"
    )


def test_parse_rejects_non_persian_unicode_digits() -> None:
    with pytest.raises(ValueError, match="expected a Jalali date"):
        JalaliDate.parse("१४०३/०५/१७")  # Devanagari digits


def test_parse_reports_impossible_date_not_format_error() -> None:
    with pytest.raises(ValueError, match="Esfand 1404 has 29 days"):
        JalaliDate.parse("۱۴۰۴/۱۲/۳۰")


# --- validation -------------------------------------------------------------


def test_esfand_30_exists_in_leap_year_1403() -> None:
    assert JalaliDate(1403, 12, 30).to_gregorian() == datetime.date(2025, 3, 20)


def test_esfand_30_does_not_exist_in_1404() -> None:
    with pytest.raises(ValueError) as caught:
        JalaliDate(1404, 12, 30)
    assert str(caught.value) == (
        "1404/12/30 is not a real Jalali date: Esfand 1404 has 29 days"
    )


def test_mehr_has_30_days() -> None:
    with pytest.raises(ValueError, match="1403/07/31 .*Mehr 1403 has 30 days"):
        JalaliDate.parse("1403/07/31")


def test_first_six_months_have_31_days() -> None:
    assert JalaliDate(1403, 6, 31).add_days(1) == JalaliDate(1403, 7, 1)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ((1403, 13, 1), "month 13 does not exist"),
        ((1403, 0, 1), "month 0 does not exist"),
        ((1403, 1, 0), "day 0 does not exist"),
        ((0, 1, 1), "year 0 is outside the supported range"),
    ],
)
def test_constructor_rejects_impossible_fields(
    fields: tuple[int, int, int], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        JalaliDate(*fields)


# --- conversion and calendar facts ------------------------------------------


def test_known_date_1395_08_12() -> None:
    date = JalaliDate(1395, 8, 12)
    assert date.to_gregorian() == datetime.date(2016, 11, 2)
    assert date.iso() == "2016-11-02"
    assert date.weekday == 4
    assert date.weekday_name == "چهارشنبه"
    assert date.month_name == "آبان"


def test_known_date_1403_05_17() -> None:
    date = JalaliDate(1403, 5, 17)
    assert date.iso() == "2024-08-07"
    assert JalaliDate.from_gregorian(datetime.date(2024, 8, 7)) == date
    assert date.month_name == "مرداد"


def test_nowruz_1403_is_gregorian_2024_03_20() -> None:
    assert JalaliDate.from_gregorian(datetime.date(2024, 3, 20)) == JalaliDate(
        1403, 1, 1
    )


def test_weekday_numbering_starts_on_saturday() -> None:
    saturday = JalaliDate(1403, 5, 13)  # 2024-08-03
    assert saturday.to_gregorian().weekday() == 5  # Python: Saturday
    assert [saturday.add_days(offset).weekday for offset in range(7)] == list(range(7))
    assert saturday.weekday_name == "شنبه"
    assert saturday.add_days(1).weekday_name == "یک\u200cشنبه"
    assert saturday.add_days(6).weekday_name == "جمعه"


def test_add_days_crosses_month_and_year_boundaries() -> None:
    assert JalaliDate(1403, 12, 29).add_days(1) == JalaliDate(1403, 12, 30)
    assert JalaliDate(1403, 12, 30).add_days(1) == JalaliDate(1404, 1, 1)
    assert JalaliDate(1404, 1, 1).add_days(-1) == JalaliDate(1403, 12, 30)
    assert JalaliDate(1403, 5, 17).add_days(0) == JalaliDate(1403, 5, 17)


def test_from_gregorian_outside_range_raises_value_error() -> None:
    with pytest.raises(ValueError, match="outside the supported Jalali range"):
        JalaliDate.from_gregorian(datetime.date(1, 1, 1))


def test_today_matches_gregorian_today_in_zone() -> None:
    tehran = JalaliDate.today()
    utc = JalaliDate.today("UTC")
    assert abs((tehran.to_gregorian() - utc.to_gregorian()).days) <= 1


def test_today_rejects_unknown_zone() -> None:
    with pytest.raises(ValueError, match="unknown time zone 'Mars/Olympus'"):
        JalaliDate.today("Mars/Olympus")


def test_ordering_is_chronological() -> None:
    dates = [
        JalaliDate(1403, 12, 1),
        JalaliDate(1403, 2, 20),
        JalaliDate(1402, 12, 29),
        JalaliDate(1403, 2, 3),
    ]
    assert sorted(dates) == [
        JalaliDate(1402, 12, 29),
        JalaliDate(1403, 2, 3),
        JalaliDate(1403, 2, 20),
        JalaliDate(1403, 12, 1),
    ]
    assert JalaliDate(1403, 5, 17) < JalaliDate(1403, 5, 18)


# --- formatting -------------------------------------------------------------


def test_str_is_zero_padded_latin() -> None:
    assert str(JalaliDate(1403, 5, 7)) == "1403/05/07"


def test_persian_uses_persian_digits() -> None:
    assert JalaliDate(1403, 5, 17).persian() == "۱۴۰۳/۰۵/۱۷"


def test_long_form() -> None:
    assert JalaliDate(1395, 8, 12).long() == "چهارشنبه ۱۲ آبان ۱۳۹۵"
    assert JalaliDate(1403, 5, 17).long() == "چهارشنبه ۱۷ مرداد ۱۴۰۳"
    assert JalaliDate(1403, 5, 7).long(weekday=False) == "۷ مرداد ۱۴۰۳"


# --- properties -------------------------------------------------------------


@given(jalali_dates())
def test_gregorian_round_trip(date: JalaliDate) -> None:
    assert JalaliDate.from_gregorian(date.to_gregorian()) == date


@given(jalali_dates())
def test_consecutive_days_are_consecutive_gregorian_days(date: JalaliDate) -> None:
    following = date.add_days(1)
    assert following > date
    assert following.to_gregorian() - date.to_gregorian() == datetime.timedelta(1)


@given(jalali_dates())
def test_str_parse_round_trip(date: JalaliDate) -> None:
    assert JalaliDate.parse(str(date)) == date


@given(jalali_dates())
def test_persian_digits_round_trip(date: JalaliDate) -> None:
    assert latin_digits(date.persian()) == str(date)
    assert JalaliDate.parse(date.persian()) == date


@given(st.integers(min_value=1300, max_value=1500))
def test_last_day_of_year_is_followed_by_nowruz(year: int) -> None:
    last = JalaliDate(year, 12, _month_length(year, 12))
    assert last.add_days(1) == JalaliDate(year + 1, 1, 1)


# --- weekday names ----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "number"),
    [
        ("شنبه", 0),
        ("یک\u200cشنبه", 1),
        ("یک شنبه", 1),
        ("یکشنبه", 1),
        ("يكشنبه", 1),
        ("دوشنبه", 2),
        ("سه شنبه", 3),
        ("سه\u200cشنبه", 3),
        ("چهارشنبه", 4),
        ("پنجشنبه", 5),
        ("پنج\u200cشنبه", 5),
        (" جمعه ", 6),
    ],
)
def test_weekday_from_name(name: str, number: int) -> None:
    assert weekday_from_name(name) == number


def test_weekday_from_name_agrees_with_weekday_name() -> None:
    start = JalaliDate(1403, 5, 13)
    for offset in range(7):
        date = start.add_days(offset)
        assert weekday_from_name(date.weekday_name) == date.weekday


@pytest.mark.parametrize("name", ["Monday", "", "شنبه‌ها", "هشتشنبه"])
def test_weekday_from_name_rejects_unknown_names(name: str) -> None:
    with pytest.raises(ValueError) as caught:
        weekday_from_name(name)
    message = str(caught.value)
    assert f"'{name}'" in message
    assert "چهارشنبه" in message
    assert "یک\u200cشنبه" in message


# --- clock times ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10:30", ClockTime(10, 30)),
        ("9:30", ClockTime(9, 30)),
        ("09:30", ClockTime(9, 30)),
        ("۱۰:۳۰", ClockTime(10, 30)),
        ("١٠:٣٠", ClockTime(10, 30)),
        (" 0:00 ", ClockTime(0, 0)),
        ("23:59", ClockTime(23, 59)),
    ],
)
def test_clock_time_parse(text: str, expected: ClockTime) -> None:
    assert ClockTime.parse(text) == expected


@pytest.mark.parametrize("text", ["10.30", "10:5", "630", "10:300", "", "ده"])
def test_clock_time_rejects_malformed_text(text: str) -> None:
    with pytest.raises(ValueError) as caught:
        ClockTime.parse(text)
    assert str(caught.value) == f"expected a time like 10:30, got '{text}'"


@pytest.mark.parametrize(
    ("text", "message"),
    [("25:00", "hour 25"), ("24:00", "hour 24"), ("10:60", "minute 60")],
)
def test_clock_time_rejects_out_of_range(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ClockTime.parse(text)


def test_clock_time_formatting_and_minutes() -> None:
    time = ClockTime(9, 5)
    assert str(time) == "09:05"
    assert ClockTime(10, 30).persian() == "۱۰:۳۰"
    assert time.minutes_since_midnight == 545
    assert ClockTime(0, 0).minutes_since_midnight == 0


def test_clock_time_ordering() -> None:
    assert ClockTime(9, 45) < ClockTime(10, 0) < ClockTime(10, 30)
    assert sorted([ClockTime(14, 0), ClockTime(8, 30)]) == [
        ClockTime(8, 30),
        ClockTime(14, 0),
    ]


@given(st.integers(min_value=0, max_value=23), st.integers(min_value=0, max_value=59))
def test_clock_time_round_trip(hour: int, minute: int) -> None:
    time = ClockTime(hour, minute)
    assert ClockTime.parse(str(time)) == time
    assert ClockTime.parse(time.persian()) == time
