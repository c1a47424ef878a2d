"""JSON Schemas of the record and directory files, for editors that check YAML as it is typed.

Example records start with ``# yaml-language-server: $schema=../../schema/record.schema.json``.
The schemas describe what an editor's YAML 1.2 parser sees: numbers may be integers or digit
strings (Persian digits included), dates and times are strings.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from minutes import __version__
from minutes.model import Directory, Record

SCHEMAS: dict[str, type[BaseModel]] = {"record": Record, "directory": Directory}


def schema(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a ``record`` or a ``directory`` file."""
    model = SCHEMAS[kind]
    document = model.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"minutes {kind} file (minutes {__version__})",
        **document,
    }


def schema_text(kind: str) -> str:
    """The schema as stable, readable JSON text (Persian kept as is)."""
    return json.dumps(schema(kind), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
