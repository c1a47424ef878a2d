"""What is left of a record whose shape is wrong somewhere: every part that passed its own check.

The schema reports every value that fails its own check (:mod:`.schema`); the checks that need
the directory or other parts of the record should still run on everything else. :func:`salvage`
validates, part by part, what the schema's errors did not touch, and puts :data:`UNKNOWN` where a
value failed. :data:`UNKNOWN` refuses every use (comparison, hashing, truth, length, iteration,
attributes, text) by raising :class:`Unusable`, so a check that needs a failed value stops there
and says nothing, instead of reporting a follow-on error; :func:`run` runs one check that way.
"""

from __future__ import annotations

import contextlib
import functools
import types
import typing
from collections.abc import Callable, Iterable
from typing import Annotated, Any

from pydantic import BaseModel, create_model

from minutes.diagnostics import Diagnostic

Loc = tuple[Any, ...]


class Unusable(Exception):
    """A check used a value that failed its own check: the check has nothing to say."""


class _Unknown:
    """The value of a part that failed its own check: any use of it raises :class:`Unusable`."""

    __slots__ = ()

    def _refuse(self, *args: Any, **kwargs: Any) -> Any:
        raise Unusable

    __getattr__ = __getitem__ = __iter__ = __len__ = __contains__ = __bool__ = __hash__ = _refuse
    __eq__ = __ne__ = __lt__ = __le__ = __gt__ = __ge__ = _refuse  # type: ignore[assignment]
    __str__ = __format__ = __int__ = __index__ = __add__ = __radd__ = __sub__ = __rsub__ = _refuse

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Any = _Unknown()


def is_known(value: Any) -> bool:
    """Whether ``value`` passed its own check (and, for a model or a list, everything in it did)."""
    if value is UNKNOWN:
        return False
    if isinstance(value, BaseModel):
        return all(is_known(getattr(value, name)) for name in type(value).model_fields)
    if isinstance(value, list | tuple):
        return all(is_known(item) for item in value)
    if isinstance(value, dict):
        return all(is_known(item) for item in value.values())
    return True


def run(check: Callable[..., Iterable[Diagnostic]], *args: Any) -> list[Diagnostic]:
    """The diagnostics of one check; those found before it touched an unknown value, if it did."""
    found: list[Diagnostic] = []
    with contextlib.suppress(Unusable):
        found.extend(check(*args))  # keeps what was found before the check stopped
    return found


def items(values: Any) -> list[tuple[int, Any]]:
    """(index, entry) for each entry of a list that is not itself unknown; none when the list is unknown or None."""
    if values is UNKNOWN or values is None:
        return []
    return [(index, entry) for index, entry in enumerate(values) if entry is not UNKNOWN]


def part(value: Any, name: str) -> Any:
    """The field ``name`` of a model, unknown when the model is."""
    return UNKNOWN if value is UNKNOWN else getattr(value, name)


def salvage(model: type[BaseModel], data: Any, errors: Iterable[Loc]) -> Any:
    """``data`` as an instance of ``model``, each part under an error of ``errors`` (data paths) replaced by
    :data:`UNKNOWN`."""
    return _part(model, data, (), set(errors), model)


def _part(annotation: Any, data: Any, path: Loc, broken: set[Loc], owner: type[BaseModel]) -> Any:
    """``data`` validated as ``annotation`` (a field of ``owner``, whose settings apply); the parts
    ``broken`` touches salvaged one by one."""
    if not any(loc[: len(path)] == path for loc in broken):
        return _holder(annotation, owner).model_validate({"value": data}).value
    if path in broken:
        return UNKNOWN
    model, item, value = _model_in(annotation), _item_of(annotation), _value_of(annotation)
    if model is not None and isinstance(data, dict):
        values = {}
        for name, field in model.model_fields.items():
            if name in data:
                values[name] = _part(Annotated[field.annotation, field], data[name], (*path, name), broken, model)
            elif field.is_required():
                values[name] = UNKNOWN
        return model.model_construct(**values)
    if item is not None and isinstance(data, list):
        return [_part(item, entry, (*path, index), broken, owner) for index, entry in enumerate(data)]
    if value is not None and isinstance(data, dict):
        return {key: _part(value, entry, (*path, key), broken, owner) for key, entry in data.items()}
    return UNKNOWN


def _options(annotation: Any) -> list[Any]:
    """The types an annotation may stand for, Annotated and Optional opened (None left out)."""
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        return _options(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [t for arg in typing.get_args(annotation) for t in _options(arg)]
    return [] if annotation is type(None) else [annotation]


def _model_in(annotation: Any) -> type[BaseModel] | None:
    found = [t for t in _options(annotation) if isinstance(t, type) and issubclass(t, BaseModel)]
    return found[0] if len(found) == 1 else None


def _item_of(annotation: Any) -> Any:
    """The item type of a list annotation (the constraints of the list's own field left out)."""
    lists = [t for t in _options(annotation) if typing.get_origin(t) is list]
    return typing.get_args(lists[0])[0] if len(lists) == 1 else None


def _value_of(annotation: Any) -> Any:
    """The value type of a mapping annotation."""
    mappings = [t for t in _options(annotation) if typing.get_origin(t) is dict]
    return typing.get_args(mappings[0])[1] if len(mappings) == 1 else None


@functools.cache
def _holder(annotation: Any, owner: type[BaseModel]) -> type[BaseModel]:
    """A model of one field, ``value: annotation``, with the settings of ``owner`` (text stripped …)."""
    return create_model("Part", __config__=owner.model_config, value=(annotation, ...))
