"""The record model: what a directory file and a meeting record may hold.

Models are frozen pydantic models: pydantic collects every problem in one pass with
its data path (which the loader maps to a line and column) and writes the JSON Schema
that editors use to complete and check records as they are typed.
"""

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


class Gender(StrEnum):
    """Gender, used only to build honorifics («جناب آقای» / «سرکار خانم»)."""

    MALE = "male"
    FEMALE = "female"


class Person(Model):
    """Someone who attends, speaks or signs. A person unnamed in the source has only a post."""

    name: Text | None = None
    gender: Gender | None = None
    title: Text | None = Field(None, description="academic or professional title: دکتر، مهندس")
    post: Text | None = None
    organisation: Ref | None = None


class Organisation(Model):
    """An agency or office (دستگاه اجرایی)."""

    name: Text


class Body(Model):
    """A deliberative body: working group, committee, council or headquarters."""

    name: Text
    kind: Text | None = Field(None, description="کارگروه، کمیته، شورا، ستاد …")
    under: list[Ref] = Field(default_factory=list, max_length=MAX_SMALL_LIST, description="bodies this one sits under")
    reports_to: Ref | None = Field(None, description="the body whose secretariat receives the minutes")
    secretariat: Text | None = Field(None, description="name of this body's secretariat")
    members: list[Ref] = Field(default_factory=list, max_length=MAX_PEOPLE)


class PageSize(StrEnum):
    """Paper for letters: chosen by length (A5 for short letters), or forced."""

    AUTO = "auto"
    A4 = "A4"
    A5 = "A5"


class Signing(Model):
    """How ``minutes issue`` signs originals (PAdES) and whose signatures ``verify`` and ``check`` accept.

    Key and certificate files lie inside the workspace; the password is never stored: it comes from
    the environment variable ``password_env`` or is asked for at the terminal."""

    pkcs12: Text = Field(description="the office's private key and certificate, a PKCS#12 file in the workspace")
    password_env: Text = Field("MINUTES_SIGNING_PASSWORD",
                               description="environment variable holding the PKCS#12 password (else asked for)")
    certificate: Text | None = Field(None, description="the office's certificate (PEM or DER file), trusted as is")
    trust: list[Text] = Field(default_factory=list,
                              description="trust anchors (PEM or DER files) a signer's certificate may chain to")
    tsa_url: Text | None = Field(None, description="RFC 3161 time-stamp authority: signatures become PAdES B-T")
    visible: bool = Field(False, description="a visible signature field at the first signatory's place in letters")


class Office(Model):
    """The office that issues the documents."""

    name: Text
    lines: list[Text] = Field(default_factory=list, max_length=MAX_SMALL_LIST,
                              description="header lines above the office name")
    invocation: Text = "بسمه‌تعالی"
    font: FontFamily = "Vazirmatn"
    emblem: AssetPath | None = Field(None, description="image under assets/, shown on final documents only")
    unit: Text | None = Field(None, description="the {unit} part of letter numbers")
    letter_number: Text = Field("{unit}/{yy}/{serial}", description="pattern of registry numbers")
    signatories: list[Ref] = Field(default_factory=list, max_length=3,
                                   description="people who sign letters unless a letter names its own")
    page_size: PageSize = PageSize.AUTO
    initials_box: bool = Field(False, description="an initials box on every page of the minutes")
    signing: Signing | None = Field(None, description="sign issued originals with the office's certificate")


class Directory(Model):
    """People, organisations, bodies and the issuing office, each keyed by id."""

    office: Office | None = None
    organisations: dict[Annotated[str, Field(pattern=ID_PATTERN)], Organisation] = Field(default_factory=dict)
    people: dict[Annotated[str, Field(pattern=ID_PATTERN)], Person] = Field(default_factory=dict)
    bodies: dict[Annotated[str, Field(pattern=ID_PATTERN)], Body] = Field(default_factory=dict)


class MergedDirectory(Directory):
    """Every directory file merged, as validation leaves it: the office is known."""

    office: Office


class Absence(Model):
    """A member who did not attend."""

    person: Ref
    reason: Text | None = None


class Substitute(Model):
    """Someone attending in a member's place, authorised by an introduction letter (معرفی‌نامه)."""

    person: Ref
    replaces: Ref
    letter_number: Text | None = None
    letter_date: Jalali | None = None
    reason: Text | None = Field(None, description="why the member is absent")


class Attendance(Model):
    """Who was there. ``absent`` left out means not recorded; an empty list means nobody."""

    present: list[Ref] = Field(min_length=1, max_length=MAX_PEOPLE)
    absent: list[Absence] | None = Field(None, max_length=MAX_PEOPLE)
    substitutes: list[Substitute] = Field(default_factory=list, max_length=MAX_PEOPLE)
    guests: list[Ref] = Field(default_factory=list, max_length=MAX_PEOPLE)


class Statement(Model):
    """One entry of the summary of discussion: a speaker and what they said or presented."""

    speaker: Ref
    summary: Text


class AgendaItem(Model):
    """An agenda item and the discussion held on it."""

    title: Text
    discussion: list[Statement] = Field(default_factory=list, max_length=MAX_STATEMENTS)


class Votes(Model):
    """The vote on a decision: موافق / مخالف / ممتنع."""

    in_favour: Count
    against: Count = 0
    abstain: Count = 0


class Dissent(Model):
    """A member's recorded reservation (نظر مخالف / تحفظ)."""

    person: Ref
    note: Text


class Decision(Model):
    """A decision (مصوبه); its text follows «مقرر گردید»."""

    text: Text
    responsible: list[Ref] = Field(min_length=1, max_length=MAX_UNITS, description="organisations or bodies")
    deadline: Deadline | None = None
    item: Count | None = Field(None, description="number of the agenda item it belongs to")
    votes: Votes | None = None
    dissent: list[Dissent] = Field(default_factory=list, max_length=MAX_SMALL_LIST)


class Status(StrEnum):
    """Where an earlier decision stands."""

    DONE = "done"
    IN_PROGRESS = "in-progress"
    NOT_DONE = "not-done"
    DROPPED = "dropped"
    EXTENDED = "extended"


class FollowUp(Model):
    """A report on an earlier decision, given at this meeting."""

    decision: Annotated[str, Field(min_length=1, description="id of the earlier decision: body/meeting/item")]
    status: Status
    extended_to: Jalali | None = Field(None, description="the new deadline, for status extended")
    percent: Percent | None = None
    report: Text | None = None
    evidence: Text | None = Field(None, description="letter number and date that prove it")


class CopyLine(Model):
    """A «رونوشت» line: an id from the directory, or free text such as «بایگانی»."""

    to: Text
    purpose: Text = "جهت اطلاع"


class Letter(Model):
    """A letter spelled out in the record."""

    to: Text = Field(description="a person, organisation or body id, or free text")
    subject: Text
    body: LongText = Field(description="paragraphs separated by blank lines")
    signatories: list[Ref] = Field(default_factory=list, max_length=3)
    attachments: list[Text] = Field(default_factory=list, max_length=MAX_SMALL_LIST)
    copies: list[CopyLine] = Field(default_factory=list, max_length=MAX_SMALL_LIST)


class Meeting(Model):
    """The facts of the meeting itself."""

    body: Ref
    number: Count | None = None
    date: Jalali
    weekday: Text | None = Field(None, description="checked against the date when given")
    period: Text | None = Field(None, description="part of the day when no times are known: صبح، عصر")
    start: Clock | None = None
    end: Clock | None = None
    place: Text
    chair: Ref
    secretary: Ref | None = None
    quorum: Count | None = Field(None, description="members who must attend for decisions to bind")


class Issued(Model):
    """Added by ``minutes issue`` to the archived copy of a record; a record in data/ never has it."""

    version: Count
    date: Jalali
    numbers: dict[str, Text] = Field(description="registry number of each document, by document key")
    reason: Text | None = Field(None, description="why this version supersedes the previous one")


class Record(Model):
    """One meeting record: a file in ``data/meetings/``."""

    meeting: Meeting
    attendance: Attendance
    summary: LongText | None = Field(None, description="opening paragraph of the minutes")
    agenda: list[AgendaItem] = Field(min_length=1, max_length=MAX_AGENDA)
    decisions: list[Decision] = Field(default_factory=list, max_length=MAX_DECISIONS)
    followups: list[FollowUp] = Field(default_factory=list, max_length=MAX_FOLLOWUPS)
    letters: list[Letter] = Field(default_factory=list, max_length=MAX_LETTERS)
    issued: Issued | None = None
