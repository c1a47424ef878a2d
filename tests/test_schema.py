"""The JSON Schemas editors use: current, accepting every example, rejecting misspelt fields."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import ROOT

from minutes.load import load_file
from minutes.schema import SCHEMAS, schema, schema_text

YAML12_INT = re.compile(r"[-+]?[0-9]+")


def as_editor_sees(value: Any) -> Any:
    """Our text-only values typed as a YAML 1.2 editor types them (ints and booleans; 10:30 stays text)."""
    if isinstance(value, dict):
        return {k: as_editor_sees(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_editor_sees(v) for v in value]
    if isinstance(value, str) and YAML12_INT.fullmatch(value):
        return int(value)
    if value in ("true", "false"):
        return value == "true"
    return value


def examples() -> list[tuple[str, Path]]:
    records = [("record", p) for p in sorted((ROOT / "data" / "meetings").rglob("*.yaml"))]
    return records + [("directory", p) for p in sorted((ROOT / "data").glob("*.yaml"))]


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_committed_schema_is_current(kind: str) -> None:
    committed = ROOT / "schema" / f"{kind}.schema.json"
    assert committed.read_text(encoding="utf-8") == schema_text(kind), "run 'make schema'"


@pytest.mark.parametrize(("kind", "path"), examples(), ids=lambda v: getattr(v, "name", v))
def test_every_example_validates(kind: str, path: Path) -> None:
    jsonschema.validate(as_editor_sees(load_file(path).data), schema(kind))


def test_example_records_point_editors_at_the_schema() -> None:
    for kind, path in examples():
        if kind == "record":
            first = path.read_text(encoding="utf-8").splitlines()[0]
            assert first == "# yaml-language-server: $schema=../../schema/record.schema.json", path


def test_misspelt_field_is_rejected() -> None:
    data = as_editor_sees(load_file(ROOT / "data/meetings/social-cultural-1395-08-12.yaml").data)
    data["meeting"]["chiar"] = data["meeting"].pop("chair")
    with pytest.raises(jsonschema.ValidationError, match="chiar"):
        jsonschema.validate(data, schema("record"))


def test_persian_digits_and_times_are_accepted() -> None:
    record = as_editor_sees(load_file(ROOT / "data/meetings/social-cultural-1395-08-12.yaml").data)
    record["meeting"].update(number="۱۲", date="۱۳۹۵/۰۸/۱۲", start="10:30", end="۱۲:۰۰")
    jsonschema.validate(record, schema("record"))
