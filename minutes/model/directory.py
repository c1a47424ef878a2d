"""The directory file: people, organisations, bodies with their secretariats, and the issuing office."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BeforeValidator, Field

from minutes.model.fields import (
    ID_PATTERN,
    MAX_PEOPLE,
    MAX_SMALL_LIST,
    AssetPath,
    FontFamily,
    Model,
    Quorum,
    Ref,
    Text,
)
from minutes.paper import PageSize


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


ADDRESSED_AS = ("the title its letters are addressed to, before its name: «مدیرکل محترم»، «مدیرعامل محترم»، "
                "«فرماندهی محترم» … (default «ریاست محترم»)")


class Organisation(Model):
    """An agency or office (دستگاه اجرایی)."""

    name: Text
    addressed_as: Text | None = Field(None, description=ADDRESSED_AS)


class Invitations(StrEnum):
    """How a planned meeting's invitations go out: one letter per invitee, or one with a distribution list."""

    EACH = "each"
    ONE = "one"


class CopyLine(Model):
    """A «رونوشت» line: an id from the directory, or free text such as «بایگانی»."""

    to: Text
    purpose: Text = "جهت اطلاع"


CopyLines = list[CopyLine] | None


class RecordCopies(Model):
    """The «رونوشت» lines of the letters made for a record, by kind, instead of the automatic ones
    (the chair and the archive); an empty list means none."""

    cover: CopyLines = None
    notification: CopyLines = None
    invitation: CopyLines = None


class Copies(RecordCopies):
    """Default «رونوشت» lines of the generated letters, by kind; a kind left out keeps the automatic lines."""

    reminder: CopyLines = None


class Signing(Model):
    """How ``minutes issue`` signs originals (PAdES) and whose signatures ``verify`` and ``check`` accept.

    Key and certificate files lie inside the workspace; the password is never stored: it comes from
    the environment variable ``password_env`` or is asked for at the terminal."""

    pkcs12: Text = Field(description="the office's private key and certificate, a PKCS#12 file in the workspace")
    password_env: Text = Field("MINUTES_SIGNING_PASSWORD",
                               description="environment variable holding the PKCS#12 password (else asked for)")
    certificate: Text | None = Field(None, description="the office's certificate (PEM or DER file), trusted as is")
    trust: list[Text] = Field(default_factory=list, max_length=MAX_SMALL_LIST,
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
    invitations: Invitations = Field(Invitations.EACH, description="each: one invitation per invitee; "
                                                                   "one: one letter with a distribution list")
    copies: Copies = Field(default_factory=Copies)
    signing: Signing | None = Field(None, description="sign issued originals with the office's certificate")


class Secretariat(Model):
    """A body's own secretariat: what its documents show instead of the office's, field by field
    (the font stays the office's). Written as text, it is the secretariat's name alone."""

    name: Text | None = Field(None, description="the secretariat's name: its letterhead, and how letters to "
                                                "the body are addressed")
    lines: list[Text] | None = Field(None, max_length=MAX_SMALL_LIST, description="header lines above the name")
    invocation: Text | None = None
    emblem: AssetPath | None = Field(None, description="image under assets/, shown on final documents only")
    unit: Text | None = Field(None, description="the {unit} part of its letter numbers")
    letter_number: Text | None = Field(None, description="pattern of its registry numbers")
    signatories: list[Ref] | None = Field(None, max_length=3,
                                          description="people who sign its letters unless a letter names its own")
    page_size: PageSize | None = None
    initials_box: bool | None = None
    invitations: Invitations | None = None
    copies: Copies | None = None


class Body(Model):
    """A deliberative body: working group, committee, council or headquarters."""

    name: Text
    kind: Text | None = Field(None, description="کارگروه، کمیته، شورا، ستاد …")
    under: list[Ref] = Field(default_factory=list, max_length=MAX_SMALL_LIST, description="bodies this one sits under")
    reports_to: Ref | None = Field(None, description="the body whose secretariat receives the minutes")
    # A secretariat written as text is its name (and the JSON Schema says text is allowed).
    secretariat: Annotated[Secretariat | None, BeforeValidator(lambda v: {"name": v} if isinstance(v, str) else v)] = (
        Field(None, description="this body's secretariat: its name, or the office's fields it sets otherwise",
              json_schema_extra=lambda schema: schema["anyOf"].insert(0, {"type": "string", "minLength": 1})))
    members: list[Ref] = Field(default_factory=list, max_length=MAX_PEOPLE)
    addressed_as: Text | None = Field(None, description=ADDRESSED_AS)
    quorum: Quorum | None = Field(None, description="the quorum of its meetings: 5, 2/3 of the members, or majority")


class Directory(Model):
    """People, organisations, bodies and the issuing office, each keyed by id."""

    office: Office | None = None
    organisations: dict[Annotated[str, Field(pattern=ID_PATTERN)], Organisation] = Field(default_factory=dict)
    people: dict[Annotated[str, Field(pattern=ID_PATTERN)], Person] = Field(default_factory=dict)
    bodies: dict[Annotated[str, Field(pattern=ID_PATTERN)], Body] = Field(default_factory=dict)


class MergedDirectory(Directory):
    """Every directory file merged, as validation leaves it: the office is known."""

    office: Office


