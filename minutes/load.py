"""Load YAML files strictly: every scalar stays text, and every value keeps its position.

YAML 1.1 typing is never applied (``10:30`` is not 630, ``1403-05-17`` is not a Gregorian
date, ``0123`` is not octal); the schema decides what a value means. Duplicate keys,
anchors, aliases and explicit tags are errors, not silent surprises.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from minutes.diagnostics import Diagnostic, InvalidInput

MAX_FILE_BYTES = 1024 * 1024
UTF8_BOM = b"\xef\xbb\xbf"
NULL_WORDS = {"", "~", "null", "Null", "NULL"}

DataPath = tuple[str | int, ...]


@dataclass(frozen=True)
class LoadedFile:
    """A YAML file's data (text scalars, lists, dicts) with the position of every part.

    ``positions`` maps a data path to the (line, column) of its value; ``key_positions``
    maps the path of a mapping entry to the position of its key.
    """

    path: Path
    display_name: str
    text: str
    data: dict[str, Any]
    positions: Mapping[DataPath, tuple[int, int]] = field(repr=False)
    key_positions: Mapping[DataPath, tuple[int, int]] = field(repr=False)

    def position(self, path: DataPath, *, key: bool = False) -> tuple[int, int]:
        """The position of ``path``, or of its nearest ancestor that has one."""
        table = self.key_positions if key else self.positions
        for cut in range(len(path), -1, -1):
            prefix = path[:cut]
            if prefix in table:
                return table[prefix]
            if prefix in self.positions:
                return self.positions[prefix]
        return (1, 1)

    def diagnostic(self, path: DataPath, code: str, message: str, *, key: bool = False,
                   **extra: Any) -> Diagnostic:
        """A diagnostic placed at ``path`` in this file."""
        line, column = self.position(path, key=key)
        return Diagnostic(self.display_name, line, column, code, message, **extra)


class _StrictComposer(Reader, Scanner, Parser, Composer, BaseResolver):
    """A YAML composer that refuses anchors, aliases and explicit tags."""

    def __init__(self, text: str) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        BaseResolver.__init__(self)

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.composer.ComposerError(
                None, None, "anchors and aliases are not allowed", event.start_mark)
        if getattr(event, "tag", None) not in (None, "!"):
            raise yaml.composer.ComposerError(
                None, None, f"YAML tags such as {event.tag} are not allowed", event.start_mark)
        return super().compose_node(parent, index)


def _start(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    """Turns a composed node tree into plain values and a position table."""

    def __init__(self, display_name: str) -> None:
        self.display_name = display_name
        self.positions: dict[DataPath, tuple[int, int]] = {}
        self.key_positions: dict[DataPath, tuple[int, int]] = {}
        self.diagnostics: list[Diagnostic] = []

    def problem(self, node: Node, code: str, message: str) -> None:
        line, column = _start(node)
        self.diagnostics.append(Diagnostic(self.display_name, line, column, code, message))

    def build(self, node: Node, path: DataPath) -> Any:
        self.positions[path] = _start(node)
        if isinstance(node, ScalarNode):
            if node.style is None and node.value in NULL_WORDS:
                return None
            return node.value
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, MappingNode)
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.problem(key_node, "yaml-key", "a key must be plain text")
                continue
            key = key_node.value
            if key == "<<":
                self.problem(key_node, "yaml-merge", "merge keys (<<) are not allowed")
                continue
            if key in first_seen:
                self.problem(key_node, "duplicate-key",
                             f"duplicate key '{key}' (first given on line {first_seen[key]})")
                continue
            first_seen[key] = key_node.start_mark.line + 1
            self.key_positions[(*path, key)] = _start(key_node)
            result[key] = self.build(value_node, (*path, key))
        return result


def decode(raw: bytes, display_name: str) -> str:
    """UTF-8 text of a file (a BOM is allowed); anything else is a positioned error."""
    if raw.startswith(UTF8_BOM):
        raw = raw[len(UTF8_BOM):]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before.rsplit(b"\n", 1)[-1].decode("utf-8", "replace")) + 1
        raise InvalidInput([Diagnostic(
            display_name, line, column, "encoding",
            f"the file is not UTF-8 (byte 0x{raw[error.start]:02x}); save it as UTF-8")]) from None


def parse(text: str, path: Path, display_name: str) -> LoadedFile:
    """Parse YAML text into a :class:`LoadedFile`, or raise :class:`InvalidInput`."""
    try:
        composer = _StrictComposer(text)
        try:
            root = composer.get_single_node()
        finally:
            composer.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = error.problem or error.context or "malformed YAML"
        if error.context and error.problem:
            message = f"{error.problem} ({error.context})"
        raise InvalidInput([Diagnostic(display_name, line, column, "yaml-syntax", message)]) from None
    except yaml.YAMLError as error:
        raise InvalidInput([Diagnostic(display_name, 1, 1, "yaml-syntax", str(error))]) from None
    if root is None or not isinstance(root, MappingNode):
        line, column = _start(root) if root is not None else (1, 1)
        raise InvalidInput([Diagnostic(display_name, line, column, "yaml-top-level",
                                       "the file must hold a mapping of keys to values")])
    builder = _Builder(display_name)
    data = builder.build(root, ())
    if builder.diagnostics:
        raise InvalidInput(builder.diagnostics)
    return LoadedFile(path, display_name, text, data, builder.positions, builder.key_positions)


def load_file(path: Path, display_name: str | None = None) -> LoadedFile:
    """Read and parse one YAML file, refusing oversized and non-UTF-8 files."""
    name = display_name or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InvalidInput([Diagnostic(
                name, 1, 1, "file-too-large",
                f"the file has {size} bytes; records are limited to {MAX_FILE_BYTES} bytes")])
        raw = path.read_bytes()
    except OSError as error:
        raise InvalidInput([Diagnostic(name, 1, 1, "unreadable", error.strerror or str(error))]) from None
    return parse(decode(raw, name), path, name)
