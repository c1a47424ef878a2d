"""Load YAML files strictly: every scalar stays text, and every value keeps its position.

YAML 1.1 typing is never applied (``10:30`` is not 630, ``1403-05-17`` is not a Gregorian
date, ``0123`` is not octal); the schema decides what a value means. Duplicate keys,
anchors, aliases and explicit tags are errors, not silent surprises. Files that are not
UTF-8 (a BOM is fine), larger than ``MAX_FILE_BYTES`` or nested deeper than ``MAX_DEPTH``
are refused with the position of the problem.
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
from minutes.text.persian import line_col

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 50
UTF8_BOM = b"\xef\xbb\xbf"
WIDE_BOMS = ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
             (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"))
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

    def diagnostic(self, path: DataPath, code: str, /, *, key: bool = False, **details: Any) -> Diagnostic:
        """A diagnostic placed at ``path`` in this file (``details`` as for :meth:`Diagnostic.of`)."""
        line, column = self.position(path, key=key)
        return Diagnostic.of(self.display_name, line, column, code, **details)


class _Refused(yaml.composer.ComposerError):
    """A YAML construct the strict composer does not allow, worded by ``yaml-syntax.<variant>``."""

    def __init__(self, variant: str, mark: yaml.Mark, **values: Any) -> None:
        super().__init__(None, None, variant, mark)
        self.variant = variant
        self.values = values


class _StrictComposer(Reader, Scanner, Parser, Composer, BaseResolver):
    """A YAML composer that refuses anchors, aliases, explicit tags and very deep nesting."""

    def __init__(self, text: str) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        BaseResolver.__init__(self)
        self.depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _Refused("anchor", event.start_mark)
        if getattr(event, "tag", None) not in (None, "!"):
            raise _Refused("tag", event.start_mark, tag=event.tag)
        if self.depth >= MAX_DEPTH:
            raise _Refused("depth", event.start_mark, limit=MAX_DEPTH)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _start(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Tree:
    """Turns a composed node tree into plain values and a position table."""

    def __init__(self, display_name: str) -> None:
        self.display_name = display_name
        self.positions: dict[DataPath, tuple[int, int]] = {}
        self.key_positions: dict[DataPath, tuple[int, int]] = {}
        self.diagnostics: list[Diagnostic] = []

    def problem(self, node: Node, code: str, **values: Any) -> None:
        line, column = _start(node)
        self.diagnostics.append(Diagnostic.of(self.display_name, line, column, code, **values))

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
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.problem(key_node, "yaml-key")
                continue
            key = key_node.value
            if key == "<<":
                self.problem(key_node, "yaml-merge")
                continue
            if key in result:
                self.problem(key_node, "duplicate-key", name=key, first_line=self.key_positions[(*path, key)][0])
                continue
            self.key_positions[(*path, key)] = _start(key_node)
            result[key] = self.build(value_node, (*path, key))
        return result


def _wide_encoding(raw: bytes) -> str | None:
    """The wide encoding (UTF-16 or UTF-32) the bytes are plainly in, by BOM or by many NUL bytes; else None."""
    for bom, encoding in WIDE_BOMS:
        if raw.startswith(bom):
            return encoding
    nul_bytes = raw.count(0)
    if not nul_bytes or nul_bytes * 10 < len(raw):
        return None
    return "UTF-32" if b"\x00\x00\x00" in raw else "UTF-16"


def _looks_like_windows_1256(raw: bytes, first_bad: int) -> bool:
    """Whether a file that is not UTF-8 reads as Persian or Arabic text in Windows-1256."""
    if not raw[:first_bad].isascii():
        return False  # valid UTF-8 text before the bad byte: a damaged UTF-8 file, not Windows-1256
    foreign = [c for c in raw[first_bad:].decode("cp1256") if not c.isascii()]
    arabic = sum("\u0600" <= c <= "\u06ff" or c in "\u200c\u200d" for c in foreign)
    return arabic >= 2 and arabic * 5 >= len(foreign) * 4


def decode(raw: bytes, display_name: str) -> str:
    """UTF-8 text of a file (a BOM is allowed); anything else is a positioned error."""
    if raw.startswith(UTF8_BOM):
        raw = raw[len(UTF8_BOM):]
    wide = _wide_encoding(raw)
    if wide is not None:
        raise InvalidInput([Diagnostic.of(display_name, 1, 1, "encoding", variant="wide", encoding=wide)])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        good = raw[: error.start].decode("utf-8")
        line, column = line_col(good, len(good))
        variant = "windows-1256" if _looks_like_windows_1256(raw, error.start) else None
        raise InvalidInput([Diagnostic.of(display_name, line, column, "encoding", variant=variant,
                                          byte=f"{raw[error.start]:02x}")]) from None


def _syntax_error(error: yaml.MarkedYAMLError, display_name: str) -> Diagnostic:
    """A PyYAML error as a diagnostic, with our own wording for the common and the refused cases."""
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if isinstance(error, _Refused):
        return Diagnostic.of(display_name, line, column, "yaml-syntax", variant=error.variant, **error.values)
    problem = error.problem or ""
    if "'\\t'" in problem or "tab character" in problem:
        return Diagnostic.of(display_name, line, column, "yaml-syntax", variant="tab")
    if problem == "mapping values are not allowed here":
        return Diagnostic.of(display_name, line, column, "yaml-syntax", variant="colon")
    detail = problem or error.context or "malformed YAML"
    if error.context and error.problem:
        detail = f"{error.problem} ({error.context})"
    return Diagnostic.of(display_name, line, column, "yaml-syntax", detail=detail)


def parse(text: str, path: Path, display_name: str) -> LoadedFile:
    """Parse YAML text into a :class:`LoadedFile`, or raise :class:`InvalidInput`."""
    try:
        composer = _StrictComposer(text)
        try:
            root = composer.get_single_node()
        finally:
            composer.dispose()
    except yaml.MarkedYAMLError as error:
        raise InvalidInput([_syntax_error(error, display_name)]) from None
    except yaml.reader.ReaderError as error:
        line, column = line_col(text, error.position)
        raise InvalidInput([Diagnostic.of(display_name, line, column, "bad-character",
                                          codepoint=f"{error.character:04X}")]) from None
    if root is None or not isinstance(root, MappingNode):
        line, column = _start(root) if root is not None else (1, 1)
        raise InvalidInput([Diagnostic.of(display_name, line, column, "yaml-top-level")])
    builder = _Tree(display_name)
    data = builder.build(root, ())
    if builder.diagnostics:
        raise InvalidInput(builder.diagnostics)
    return LoadedFile(path, display_name, text, data, builder.positions, builder.key_positions)


@dataclass(frozen=True)
class Unreadable:
    """A file that could not be loaded, and why (its diagnostics)."""

    path: Path
    display_name: str
    diagnostics: tuple[Diagnostic, ...]


Source = LoadedFile | Unreadable


def read(path: Path, display_name: str) -> Source:
    """One YAML file, loaded strictly, or the diagnostics saying why it cannot be."""
    try:
        return load_file(path, display_name)
    except InvalidInput as error:
        return Unreadable(path, display_name, tuple(error.diagnostics))


def load_file(path: Path, display_name: str | None = None) -> LoadedFile:
    """Read and parse one YAML file, refusing oversized and non-UTF-8 files."""
    name = display_name or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InvalidInput([Diagnostic.of(name, 1, 1, "file-too-large", size=size, limit=MAX_FILE_BYTES)])
        raw = path.read_bytes()
    except OSError as error:
        raise InvalidInput([Diagnostic.of(name, 1, 1, "unreadable", reason=error.strerror or str(error))]) from None
    return parse(decode(raw, name), path, name)
