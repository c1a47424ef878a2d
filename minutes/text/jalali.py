"""Jalali (Solar Hijri) dates and clock times used throughout the minutes pipeline."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import jdatetime

from minutes.text.persian import fold_for_search, latin_digits, persian_digits

# Dates as records write them (after latin_digits): 1403/05/17 or 1403-05-17; times: 10:30 or 9:30.
DATE_PATTERN = re.compile(r"([0-9]{4})([/-])([0-9]{1,2})\2([0-9]{1,2})")
TIME_PATTERN = re.compile(r"([0-9]{1,2}):([0-9]{2})")

MONTH_NAMES_ENGLISH: tuple[str, ...] = tuple(jdatetime.date.j_months_en)
MONTH_NAMES_PERSIAN: tuple[str, ...] = tuple(jdatetime.date.j_months_fa)
_WEEKDAY_NAMES_PERSIAN: tuple[str, ...] = tuple(jdatetime.date.j_weekdays_fa)


def days_in_month(year: int, month: int) -> int:
    """Number of days in a Jalali month (month must be 1-12)."""
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if jdatetime.date(year, 1, 1).isleap() else 29


@dataclass(frozen=True, order=True)
class JalaliDate:
    """A validated Jalali calendar date."""

    year: int
    month: int
    day: int

    def __post_init__(self) -> None:
        problem = self._validation_problem()
        if problem:
            label = f"{self.year:04d}/{self.month:02d}/{self.day:02d}"
            raise ValueError(f"{label} is not a real Jalali date: {problem}")

    def _validation_problem(self) -> str | None:
        """Describe why the fields do not form a real date, or None if they do."""
        if not jdatetime.MINYEAR <= self.year <= jdatetime.MAXYEAR:
            return (
                f"year {self.year} is outside the supported range "
                f"{jdatetime.MINYEAR}..{jdatetime.MAXYEAR}"
            )
        if not 1 <= self.month <= 12:
            return f"month {self.month} does not exist"
        if self.day < 1:
            return f"day {self.day} does not exist"
        month_length = days_in_month(self.year, self.month)
        if self.day > month_length:
            month_name = MONTH_NAMES_ENGLISH[self.month - 1]
            return f"{month_name} {self.year} has {month_length} days"
        return None

    @classmethod
    def parse(cls, text: str) -> JalaliDate:
        """Parse `1403/05/17` or `1403-05-17`; Persian/Arabic-Indic digits allowed."""
        match = DATE_PATTERN.fullmatch(latin_digits(text).strip())
        if match is None:
            raise ValueError(f"expected a Jalali date like 1403/05/17, got '{text}'")
        year, _separator, month, day = match.groups()
        return cls(int(year), int(month), int(day))

    @classmethod
    def from_gregorian(cls, value: datetime.date) -> JalaliDate:
        """Convert a Gregorian date to its Jalali equivalent."""
        try:
            converted = jdatetime.date.fromgregorian(date=value)
        except ValueError as error:
            raise ValueError(
                f"Gregorian date {value.isoformat()} is outside "
                "the supported Jalali range"
            ) from error
        return cls(converted.year, converted.month, converted.day)

    @classmethod
    def today(cls, tz: str = "Asia/Tehran") -> JalaliDate:
        """Today's Jalali date in the given IANA time zone."""
        try:
            zone = ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"unknown time zone '{tz}'") from error
        return cls.from_gregorian(datetime.datetime.now(zone).date())

    def to_gregorian(self) -> datetime.date:
        """The Gregorian date of this day."""
        return self._as_jdatetime().togregorian()

    def _as_jdatetime(self) -> jdatetime.date:
        return jdatetime.date(self.year, self.month, self.day)

    @property
    def weekday(self) -> int:
        """Day of the week: 0 = Saturday ... 6 = Friday."""
        return self._as_jdatetime().weekday()

    @property
    def weekday_name(self) -> str:
        """Persian weekday name, e.g. «چهارشنبه»."""
        return _WEEKDAY_NAMES_PERSIAN[self.weekday]

    @property
    def month_name(self) -> str:
        """Persian month name, e.g. «مرداد»."""
        return MONTH_NAMES_PERSIAN[self.month - 1]

    def __str__(self) -> str:
        return f"{self.year:04d}/{self.month:02d}/{self.day:02d}"

    def iso(self) -> str:
        """Gregorian ISO form, e.g. `2024-08-07`."""
        return self.to_gregorian().isoformat()

    def persian(self) -> str:
        """Canonical form with Persian digits, e.g. «۱۴۰۳/۰۵/۱۷»."""
        return persian_digits(str(self))

    def long(self, weekday: bool = True) -> str:
        """Spelled-out form, e.g. «چهارشنبه ۱۷ مرداد ۱۴۰۳»."""
        day = persian_digits(str(self.day))
        year = persian_digits(str(self.year))
        text = f"{day} {self.month_name} {year}"
        return f"{self.weekday_name} {text}" if weekday else text

    def add_days(self, days: int) -> JalaliDate:
        """The date `days` days later (earlier if negative)."""
        try:
            shifted = self.to_gregorian() + datetime.timedelta(days=days)
        except OverflowError as error:
            raise ValueError(
                f"{self} plus {days} days is outside the supported range"
            ) from error
        return JalaliDate.from_gregorian(shifted)


_WEEKDAY_NUMBERS = {
    fold_for_search(name): number
    for number, name in enumerate(_WEEKDAY_NAMES_PERSIAN)
}


def weekday_from_name(name: str) -> int:
    """Weekday number (0 = Saturday) for a Persian weekday name, spelled loosely."""
    number = _WEEKDAY_NUMBERS.get(fold_for_search(name))
    if number is None:
        valid_names = ", ".join(_WEEKDAY_NAMES_PERSIAN)
        raise ValueError(f"unknown weekday '{name}'; expected one of: {valid_names}")
    return number


@dataclass(frozen=True, order=True)
class ClockTime:
    """A validated time of day with minute precision."""

    hour: int
    minute: int

    def __post_init__(self) -> None:
        if not 0 <= self.hour <= 23:
            raise ValueError(f"hour {self.hour} is out of range 0..23")
        if not 0 <= self.minute <= 59:
            raise ValueError(f"minute {self.minute} is out of range 0..59")

    @classmethod
    def parse(cls, text: str) -> ClockTime:
        """Parse `10:30` or `9:30`; Persian/Arabic-Indic digits allowed."""
        match = TIME_PATTERN.fullmatch(latin_digits(text).strip())
        if match is None:
            raise ValueError(f"expected a time like 10:30, got '{text}'")
        hour, minute = match.groups()
        return cls(int(hour), int(minute))

    @property
    def minutes_since_midnight(self) -> int:
        """Minutes elapsed since 00:00."""
        return self.hour * 60 + self.minute

    def __str__(self) -> str:
        return f"{self.hour:02d}:{self.minute:02d}"

    def persian(self) -> str:
        """Time with Persian digits, e.g. «۱۰:۳۰»."""
        return persian_digits(str(self))
