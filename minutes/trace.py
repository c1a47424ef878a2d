"""Where each character of a YAML text value comes from in the file, for every scalar style.

Validation uses it to place a problem on the very character of a value. ``minutes lint --fix``
edits a file's own characters and never re-dumps the YAML, so comments, key order, quoting,
indentation, blank lines, line endings and the BOM stay as they were. To that end every character
of a value is traced back to the file characters it comes from, for plain, '…', "…", | and >
scalars, reading the file as PyYAML's scanner does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.scanner import Scanner

from minutes.load import NULL_WORDS, DataPath
from minutes.model import ID_PATTERN

LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # what YAML counts as a line break


@dataclass(frozen=True)
class Piece:
    """The file characters ``text[start:end]`` that one character of a value comes from."""

    start: int
    end: int


@dataclass(frozen=True)
class Scalar:
    """A text value: its data path, how it is written, and where each of its characters comes from."""

    path: DataPath
    value: str
    style: str | None  # None (plain), "'", '"', "|" or ">"
    start: int  # file index of the scalar's first character (its quote or block indicator)
    end: int
    flow: bool  # inside a [...] or {...} collection
    pieces: tuple[Piece, ...] | None  # None when the value could not be traced

    def index(self, offset: int) -> int:
        """The file index of the value's character at ``offset``, or just after the last one."""
        if not self.pieces:
            return self.start
        return self.pieces[offset].start if offset < len(self.pieces) else self.pieces[-1].end


def text_scalars(text: str, *, every: bool = False) -> list[Scalar]:
    """The text values of a YAML document (already checked by ``load.parse``), in file order; with
    ``every``, every scalar value (ids, dates, numbers too)."""
    found: list[Scalar] = []

    def visit(node: Node, path: DataPath, flow: bool) -> None:
        if isinstance(node, ScalarNode):
            if every or _is_text(node):
                pieces = _pieces(text, node)
                start, end = node.start_mark.index, node.end_mark.index
                found.append(Scalar(path, node.value, node.style, start, end, flow, pieces))
        elif isinstance(node, SequenceNode):
            for index, item in enumerate(node.value):
                visit(item, (*path, index), flow or bool(node.flow_style))
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                visit(value, (*path, key.value), flow or bool(node.flow_style))

    root = yaml.compose(text, Loader=yaml.BaseLoader)
    if root is not None:
        visit(root, (), False)
    return found


def _is_text(node: ScalarNode) -> bool:
    """Whether a value is human text: not null, not an id, and with a letter (dates, times, numbers have none)."""
    value = node.value
    if node.style is None and value in NULL_WORDS:
        return False
    return not re.fullmatch(ID_PATTERN, value) and any(char.isalpha() for char in value)


def _pieces(text: str, node: ScalarNode) -> tuple[Piece, ...] | None:
    """Where each character of the scalar's value comes from, or None if that cannot be traced."""
    if node.style in ("|", ">"):
        return _block_pieces(text, node)
    traced = _flow_pieces(text, node)
    if traced is None or traced[0] != node.value:
        return None
    return traced[1]


def _break_at(text: str, index: int) -> tuple[int, str] | None:
    """The end and the value of the YAML line break at ``index``, if there is one."""
    match = LINE_BREAK.match(text, index)
    if match is None:
        return None
    return match.end(), match[0] if match[0] in "\u2028\u2029" else "\n"


def _blank_lines(text: str, index: int, stop: int, blank: str) -> tuple[list[tuple[int, str]], int]:
    """The line breaks of the blank lines from ``index`` on, and where the next text starts."""
    breaks: list[tuple[int, str]] = []
    while True:
        content = index
        while content < stop and text[content] in blank:
            content += 1
        found = _break_at(text, content) if content < stop else None
        if found is None:
            return breaks, content
        breaks.append(found)
        index = found[0]


class _FlowReader:
    """Reads a plain or quoted scalar as PyYAML's scanner does, noting where each character comes from."""

    def __init__(self, text: str, node: ScalarNode) -> None:
        self.text, self.style = text, node.style
        quoted = self.style in ("'", '"')
        self.start, self.stop = node.start_mark.index + quoted, node.end_mark.index - quoted
        self.blank = " \t" if quoted else " "
        self.chars: list[str] = []
        self.pieces: list[Piece] = []

    def emit(self, char: str, start: int, end: int) -> None:
        self.chars.append(char)
        self.pieces.append(Piece(start, end))

    def emit_breaks(self, breaks: list[tuple[int, str]], previous: int) -> None:
        for end, value in breaks:
            self.emit(value, previous, end)
            previous = end

    def read(self) -> tuple[str, tuple[Piece, ...]] | None:
        index, text = self.start, self.text
        while index is not None and index < self.stop:
            char = text[index]
            if self.style == '"' and char == "\\":
                index = self.escape(index)
            elif self.style == "'" and text.startswith("''", index):
                self.emit("'", index, index + 2)
                index += 2
            elif char in self.blank or _break_at(text, index) is not None:
                index = self.spaces(index)
            else:
                self.emit(char, index, index + 1)
                index += 1
        return None if index is None else ("".join(self.chars), tuple(self.pieces))

    def escape(self, index: int) -> int | None:
        """A backslash escape in a double-quoted scalar; the index after it, or None if unknown."""
        text = self.text
        code = text[index + 1 : index + 2]
        if code in Scanner.ESCAPE_REPLACEMENTS:
            self.emit(Scanner.ESCAPE_REPLACEMENTS[code], index, index + 2)
            return index + 2
        if code in Scanner.ESCAPE_CODES:
            end = index + 2 + Scanner.ESCAPE_CODES[code]
            self.emit(chr(int(text[index + 2 : end], 16)), index, end)
            return end
        escaped_break = _break_at(text, index + 1)
        if escaped_break is None:
            return None
        breaks, content = _blank_lines(text, escaped_break[0], self.stop, self.blank)
        self.emit_breaks(breaks, index)
        return content

    def spaces(self, index: int) -> int:
        """Blanks, kept as they are inside a line; a line fold: trailing blanks go, one break becomes a
        space, each further break stays."""
        text, stop = self.text, self.stop
        spaces_end = index
        while spaces_end < stop and text[spaces_end] in self.blank:
            spaces_end += 1
        first_break = _break_at(text, spaces_end) if spaces_end < stop else None
        if first_break is None:
            for position in range(index, spaces_end):
                self.emit(text[position], position, position + 1)
            return spaces_end
        break_end, break_value = first_break
        breaks, content = _blank_lines(text, break_end, stop, self.blank)
        previous = index
        if break_value != "\n" or not breaks:
            self.emit(break_value if break_value != "\n" else " ", index, break_end)
            previous = break_end
        self.emit_breaks(breaks, previous)
        return content


def _flow_pieces(text: str, node: ScalarNode) -> tuple[str, tuple[Piece, ...]] | None:
    """A plain or quoted scalar read as PyYAML's scanner reads it: its value and each character's source."""
    return _FlowReader(text, node).read()


def _block_pieces(text: str, node: ScalarNode) -> tuple[Piece, ...] | None:
    """Each character's source in a | or > scalar, trying the indentations its first text line allows."""
    index = node.start_mark.index + 1
    chomping: bool | None = None
    while index < len(text) and text[index] in "+-0123456789":
        if text[index] in "+-":
            chomping = text[index] == "+"
        index += 1
    header_break = LINE_BREAK.search(text, index)
    if header_break is None:
        return None
    body = header_break.end()
    first_text = re.compile(r"( *)[^ \r\n\x85\u2028\u2029]").search(text, body)
    if first_text is None:
        return None
    for indent in range(len(first_text[1]), 0, -1):
        value, pieces = _scan_block(text, body, indent, node.style == ">", chomping)
        if value == node.value:
            return pieces
    return None


def _scan_block(
    text: str, index: int, indent: int, folded: bool, chomping: bool | None
) -> tuple[str, tuple[Piece, ...]]:
    """A block scalar's body read with ``indent`` as PyYAML's ``scan_block_scalar`` reads it."""
    chars: list[str] = []
    pieces: list[Piece] = []

    def emit(char: str, start: int, end: int) -> None:
        chars.append(char)
        pieces.append(Piece(start, end))

    def indentation(position: int) -> tuple[int, int]:
        column = 0
        while column < indent and text[position : position + 1] == " ":
            position, column = position + 1, column + 1
        return position, column

    def breaks_from(position: int) -> tuple[list[tuple[int, int, str]], int, int]:
        breaks: list[tuple[int, int, str]] = []
        position, column = indentation(position)
        while (found := _break_at(text, position)) is not None:
            breaks.append((position, *found))
            position, column = indentation(found[0])
        return breaks, position, column

    breaks, index, column = breaks_from(index)
    line_break: tuple[int, int, str] | None = None
    while column == indent and index < len(text):
        for start, end, value in breaks:
            emit(value, start, end)
        leading_non_space = text[index] not in " \t"
        line_end = index
        while line_end < len(text) and _break_at(text, line_end) is None:
            emit(text[line_end], line_end, line_end + 1)
            line_end += 1
        found = _break_at(text, line_end)
        line_break = (line_end, *found) if found else None
        breaks, index, column = breaks_from(found[0] if found else line_end)
        if line_break is None or column != indent or index >= len(text):
            break
        if folded and line_break[2] == "\n" and leading_non_space and text[index] not in " \t":
            if not breaks:
                emit(" ", line_break[0], line_break[1])
        else:
            emit(line_break[2], line_break[0], line_break[1])
    if chomping is not False and line_break is not None:
        emit(line_break[2], line_break[0], line_break[1])
    if chomping is True:
        for start, end, value in breaks:
            emit(value, start, end)
    return "".join(chars), tuple(pieces)


