"""Shapes and types: a loaded file checked against the record model, every pydantic error worded as
a positioned diagnostic of our own (with «did you mean» for unknown fields)."""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Iterable
from typing import Any

import jdatetime
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from minutes.diagnostics import Diagnostic
from minutes.load import LoadedFile
from minutes.messages import Phrase
from minutes.model import ASSET_PATTERN, FONT_PATTERN
from minutes.text.jalali import (
    DATE_PATTERN,
    MONTH_NAMES_ENGLISH,
    MONTH_NAMES_PERSIAN,
    TIME_PATTERN,
    days_in_month,
)
from minutes.text.persian import latin_digits
from minutes.validate.partial import salvage

# pydantic error types that are worded without the input's value.
PLAIN_CODES = {
    "too_short": "empty-list",
    "string_too_short": "empty-text",
    "list_type": "expected-list",
    "dict_type": "expected-mapping",
    "model_type": "expected-mapping",
    "string_type": "expected-text",
}
# pydantic error types that quote the input's value.
VALUE_CODES = {
    "string_pattern_mismatch": "bad-id",
    "int_parsing": "bad-number",
    "bool_parsing": "bad-boolean",
    "bad-deadline": "bad-deadline",
    "bad-quorum": "bad-quorum",
}

# Patterns other than that of ids, each with its own wording.
PATTERN_CODES = {FONT_PATTERN: "bad-font", ASSET_PATTERN: "bad-asset"}


def suggest(word: str, candidates: Iterable[str]) -> str:
    """The candidate closest to ``word``, or "" when none is close (for «did you mean»)."""
    match = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return match[0] if match else ""


def _unwrap(annotation: Any) -> list[Any]:
    """The concrete types an annotation may stand for (Optional, Annotated and unions opened)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [t for arg in typing.get_args(annotation) for t in _unwrap(arg)]
    return [annotation]


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that holds the field at ``loc`` (for «did you mean» on unknown fields)."""
    current: Any = model
    for step in loc[:-1]:
        nxt = None
        for candidate in _unwrap(current):
            origin = typing.get_origin(candidate)
            if isinstance(candidate, type) and issubclass(candidate, BaseModel) and isinstance(step, str):
                field = candidate.model_fields.get(step)
                nxt = field.annotation if field else None
            elif origin is list and isinstance(step, int):
                nxt = typing.get_args(candidate)[0]
            elif origin is dict and isinstance(step, str):
                nxt = typing.get_args(candidate)[1]
            if nxt is not None:
                break
        if nxt is None:
            return None
        current = nxt
    for candidate in _unwrap(current):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _date_problem(value: str) -> dict[str, Any]:
    """The ``bad-date`` details saying why ``value`` is not a real Jalali date."""
    match = DATE_PATTERN.fullmatch(latin_digits(value).strip())
    if match is None:
        return {"value": value}
    year, month, day = int(match[1]), int(match[3]), int(match[4])
    date = value.strip()
    if not jdatetime.MINYEAR <= year <= jdatetime.MAXYEAR:
        return {"variant": "year", "date": date, "low": jdatetime.MINYEAR, "high": jdatetime.MAXYEAR}
    if not 1 <= month <= 12:
        return {"variant": "month", "date": date, "month": month}
    if day < 1:
        return {"variant": "day", "date": date, "day": day}
    month_name = Phrase(MONTH_NAMES_ENGLISH[month - 1], MONTH_NAMES_PERSIAN[month - 1])
    return {"variant": "month-length", "date": date, "month": month_name, "year": year,
            "days": days_in_month(year, month)}


def _time_problem(value: str) -> dict[str, Any]:
    """The ``bad-time`` details saying why ``value`` is not a real time of day."""
    match = TIME_PATTERN.fullmatch(latin_digits(value).strip())
    if match is None:
        return {"value": value}
    return {"variant": "hour" if int(match[1]) > 23 else "minute", "value": value.strip()}


def _given(data: Any, loc: tuple[Any, ...]) -> Any:
    """The value at ``loc`` in the loaded data, as the user wrote it (None when there is none)."""
    for step in loc:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def listing(values: Iterable[str]) -> Phrase:
    """Words listed with the comma of each language."""
    values = list(values)
    return Phrase(", ".join(values), "، ".join(values))


def key_location(item: ErrorDetails) -> tuple[tuple[Any, ...], bool]:
    """An error's data path, and whether it is about a mapping's key: pydantic then ends the path with
    «[key]» (an unknown field may itself be called «[key]»)."""
    loc = tuple(item["loc"])
    on_key = item["type"] != "extra_forbidden" and len(loc) >= 2 and loc[-1] == "[key]"
    return (loc[:-1] if on_key else loc), on_key


def _schema_diagnostic(source: LoadedFile, model: type[BaseModel], item: ErrorDetails) -> Diagnostic:
    """One pydantic error as a positioned diagnostic with its own wording."""
    kind, value, context = item["type"], item.get("input"), item.get("ctx", {})
    loc, on_key = key_location(item)
    if kind == "missing":
        return source.diagnostic(loc[:-1], "missing-field", field=loc[-1])
    if kind == "extra_forbidden":
        holder = _model_at(model, loc)
        suggestion = suggest(str(loc[-1]), holder.model_fields) if holder else ""
        return source.diagnostic(loc, "unknown-field", key=True, field=loc[-1], suggestion=suggestion)
    if value is None:
        if loc and isinstance(loc[-1], str):
            return source.diagnostic(loc, "empty-value", key=on_key, field=loc[-1])
        return source.diagnostic(loc, "empty-value", key=on_key, variant="item")
    if kind in PLAIN_CODES:
        return source.diagnostic(loc, PLAIN_CODES[kind], key=on_key)
    if kind == "too_long":
        return source.diagnostic(loc, "too-many", key=on_key, limit=context["max_length"],
                                 count=context["actual_length"])
    if kind == "string_too_long" and isinstance(value, str):
        return source.diagnostic(loc, "too-long", key=on_key, limit=context["max_length"], count=len(value))
    if not isinstance(value, str):
        return source.diagnostic(loc, "expected-text", key=on_key)
    if not on_key and isinstance(_given(source.data, loc), str):
        value = _given(source.data, loc)
    code, details = _value_problem(kind, value, context, item["msg"])
    return source.diagnostic(loc, code, key=on_key, **details)


def _value_problem(kind: str, value: str, context: dict[str, Any], detail: str) -> tuple[str, dict[str, Any]]:
    """The code and details of a text value the schema refused, quoting it as the user wrote it."""
    if kind == "bad-date" or (kind == "bad-deadline" and DATE_PATTERN.fullmatch(latin_digits(value).strip())):
        return "bad-date", _date_problem(value)
    if kind == "bad-time":
        return "bad-time", _time_problem(value)
    if kind == "string_pattern_mismatch" and context.get("pattern") in PATTERN_CODES:
        return PATTERN_CODES[context["pattern"]], {"value": value}
    if kind in VALUE_CODES:
        return VALUE_CODES[kind], {"value": value}
    if kind == "greater_than_equal":
        return "bad-number", {"variant": "min", "value": value, "limit": context["ge"]}
    if kind == "less_than_equal":
        return "bad-number", {"variant": "max", "value": value, "limit": context["le"]}
    if kind == "enum":
        return "bad-choice", {"value": value, "choices": listing(re.findall(r"'([^']*)'", context["expected"]))}
    return "invalid-value", {"detail": detail}


def check_model(source: LoadedFile, model: type[BaseModel], problems: list[Diagnostic]) -> Any:
    """The file's data as ``model``, its problems added to ``problems``; where it has problems, the parts
    that failed are :data:`~minutes.validate.partial.UNKNOWN` (so the rest can still be checked)."""
    try:
        return model.model_validate(source.data)
    except ValidationError as error:
        errors = [item for item in error.errors(include_url=False)
                  if item["type"] != "string_unicode"]  # half a surrogate pair: a bad character already
        problems.extend(_schema_diagnostic(source, model, item) for item in errors)
        return salvage(model, source.data, [key_location(item)[0] for item in error.errors(include_url=False)])




def check_part(source: LoadedFile, path: tuple[Any, ...], model: type[BaseModel], root: type[BaseModel],
               problems: list[Diagnostic]) -> Any:
    """The value at ``path`` in the file's data as ``model`` (``root`` is the model of the whole file), its
    problems added to ``problems`` at their places in the file; None when it has any."""
    try:
        return model.model_validate(_given(source.data, path))
    except ValidationError as error:
        problems.extend(_schema_diagnostic(source, root, {**item, "loc": (*path, *item["loc"])})
                        for item in error.errors(include_url=False) if item["type"] != "string_unicode")
        return None
