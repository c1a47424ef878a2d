"""The kinds of value records hold: ids, Jalali dates, clock times, deadlines, counts, text with its
limits, and the base of every model (immutable, unknown fields are errors)."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from minutes.quorum import QuorumRule, parse_quorum
from minutes.text.hygiene import is_blank
from minutes.text.jalali import ClockTime, JalaliDate
from minutes.text.persian import latin_digits

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
_ID = re.compile(ID_PATTERN)


def is_reference(value: str) -> bool:
    """Whether a free-or-id field holds a directory id (ids are Latin; Persian text never matches)."""
    return _ID.fullmatch(value) is not None


def _number_text(value: Any) -> Any:
    """Accept Persian and Arabic-Indic digits wherever a number is expected."""
    return latin_digits(value).strip() if isinstance(value, str) else value


def _jalali(value: Any) -> JalaliDate:
    if isinstance(value, JalaliDate):
        return value
    try:
        return JalaliDate.parse(value if isinstance(value, str) else "")
    except ValueError as error:
        raise PydanticCustomError("bad-date", str(error)) from None


def _clock(value: Any) -> ClockTime:
    if isinstance(value, ClockTime):
        return value
    try:
        return ClockTime.parse(value if isinstance(value, str) else "")
    except ValueError as error:
        raise PydanticCustomError("bad-time", str(error)) from None


def _quorum(value: Any) -> QuorumRule:
    if isinstance(value, QuorumRule):
        return value
    try:
        return parse_quorum(value if isinstance(value, str) else "")
    except ValueError as error:
        raise PydanticCustomError("bad-quorum", str(error)) from None


class RelativeDeadline(StrEnum):
    """Deadlines that are not a date."""

    NEXT_MEETING = "next-meeting"
    ASAP = "asap"


def _deadline(value: Any) -> RelativeDeadline | JalaliDate:
    if isinstance(value, str) and value.strip() in {d.value for d in RelativeDeadline}:
        return RelativeDeadline(value.strip())
    try:
        return _jalali(value)
    except PydanticCustomError:
        raise PydanticCustomError(
            "bad-deadline", "expected a Jalali date like 1403/05/17, next-meeting or asap") from None


Jalali = Annotated[
    JalaliDate,
    PlainValidator(_jalali),
    PlainSerializer(str),
    WithJsonSchema({"type": "string", "pattern": r"^\s*[0-9۰-۹٠-٩]{4}([/-])[0-9۰-۹٠-٩]{1,2}\1[0-9۰-۹٠-٩]{1,2}\s*$",
                    "description": "Jalali date, e.g. 1403/05/17"}),
]
Clock = Annotated[
    ClockTime,
    PlainValidator(_clock),
    PlainSerializer(str),
    WithJsonSchema({"type": "string", "pattern": r"^\s*[0-9۰-۹٠-٩]{1,2}:[0-9۰-۹٠-٩]{2}\s*$",
                    "description": "time of day, e.g. 10:30"}),
]
Deadline = Annotated[
    RelativeDeadline | JalaliDate,
    PlainValidator(_deadline),
    PlainSerializer(lambda value: value.value if isinstance(value, RelativeDeadline) else str(value)),
    WithJsonSchema({"anyOf": [{"enum": [d.value for d in RelativeDeadline]},
                              {"type": "string", "description": "Jalali date, e.g. 1403/05/17"}]}),
]
Quorum = Annotated[
    QuorumRule,
    PlainValidator(_quorum),
    PlainSerializer(str),
    WithJsonSchema({"type": "string", "pattern": r"^\s*([0-9۰-۹٠-٩]+(\s*/\s*[0-9۰-۹٠-٩]+)?|majority)\s*$",
                    "description": "members who must attend: a number, a share of the members (2/3) or majority"}),
]
DIGITS_SCHEMA = {"type": "string", "pattern": r"^\s*[0-9۰-۹٠-٩]+\s*$"}
Count = Annotated[int, BeforeValidator(_number_text), Field(ge=0),
                  WithJsonSchema({"anyOf": [{"type": "integer", "minimum": 0}, DIGITS_SCHEMA]})]
Percent = Annotated[int, BeforeValidator(_number_text), Field(ge=0, le=100),
                    WithJsonSchema({"anyOf": [{"type": "integer", "minimum": 0, "maximum": 100}, DIGITS_SCHEMA]})]
# Limits no real meeting reaches, so that the largest record accepted builds in bounded time and memory.
MAX_TEXT = 2000  # characters of one text value (a decision, a summary, a statement …)
MAX_LETTER_BODY = 20000  # characters of a letter's body
MAX_PEOPLE = 200  # people in one list of attendance, and members of a body
MAX_AGENDA = 50  # agenda items
MAX_STATEMENTS = 60  # discussion entries of one agenda item
MAX_DECISIONS = 100  # decisions of one meeting
MAX_FOLLOWUPS = 300  # follow-ups reported at one meeting
MAX_LETTERS = 30  # letters one record spells out
MAX_SMALL_LIST = 20  # dissents, attachments, copies, office lines, bodies above
MAX_UNITS = 10  # units responsible for one decision (each gets a letter listing it)


def _visible(value: str) -> str:
    """Text made only of invisible characters (half-spaces, direction marks …) is empty text."""
    if is_blank(value):
        raise PydanticCustomError("string_too_short", "the text must not be empty")
    return value


Text = Annotated[str, Field(min_length=1, max_length=MAX_TEXT), AfterValidator(_visible)]
LongText = Annotated[str, Field(min_length=1, max_length=MAX_LETTER_BODY), AfterValidator(_visible)]
FONT_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9 _-]{0,62}$"
ASSET_PATTERN = r"^[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$"
FontFamily = Annotated[str, Field(pattern=FONT_PATTERN,
                                  description="a font family name, e.g. Vazirmatn (never a path)")]
AssetPath = Annotated[str, Field(pattern=ASSET_PATTERN, max_length=200,
                                 description="a file under assets/, e.g. emblem.png (never ..)")]
Ref = Annotated[str, Field(pattern=ID_PATTERN, description="an id from the directory")]


class Model(BaseModel):
    """Base for every record part: immutable, unknown fields are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


