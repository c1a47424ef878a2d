"""Lint the Persian text inside YAML files, and fix it in place without touching anything else.

Every text value of a file (not keys, ids, dates, times or numbers) goes through
:func:`minutes.persian.lint`; each suggestion becomes a :class:`Finding` at the file position of
the characters it concerns. ``fix_file`` edits the file's own characters and never re-dumps the
YAML, so comments, key order, quoting, indentation, blank lines, line endings and the BOM stay as
they were. To that end every character of a value is traced back to the file characters it comes
from, for each scalar style (plain, '…', "…", | and >); a fix is applied only where that trace
exists and the edited file reads back to the same data with only the linted values changed.
"""

from __future__ import annotations

import copy
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.scanner import Scanner

from minutes.diagnostics import InvalidInput, MinutesError
from minutes.load import NULL_WORDS, UTF8_BOM, DataPath, LoadedFile, load_file, parse
from minutes.model import ID_PATTERN
from minutes.persian import PARAGRAPH_MIN_WORDS, Suggestion, apply, line_col, lint, normalize

# As in persian.lint's own repeated-paragraph rule: shorter lines (headings, «تصویب شد.») may recur.
_MAX_FIX_PASSES = 10

_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # what YAML counts as a line break
_LINE_END = re.compile("[ \t]*(?:\r\n|[\r\n\x85\u2028\u2029]|$)")
_PLAIN_INDICATORS = (": ", ":\t", " #", "\t#")
_FLOW_INDICATORS = frozenset(",[]{}")

# Why a suggestion is reported without an automatic fix.
_UNMAPPED = "this value's YAML form could not be traced character by character"
_LINE_EDGE = "the fix would leave a space at the edge of a line, where YAML drops or misreads it"
_CHANGES_YAML = "the fix would change how YAML reads the file"
_OVERLAPS = "the fix overlaps another one in the file"
_OTHER_VALUE = "the copies are in different values"


@dataclass(frozen=True, order=True)
class Finding:
    """One lint finding in one file, at the 1-based line and column of the characters it concerns."""

    file: str
    line: int
    column: int
    code: str
    message: str
    fixable: bool

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.code}: {self.message}"


class FixError(MinutesError):
    """A fixed file could not be written; the original is unchanged."""


@dataclass(frozen=True)
class _Piece:
    """The file characters ``text[start:end]`` that one character of a value comes from."""

    start: int
    end: int


@dataclass(frozen=True)
class _Scalar:
    """A text value: its data path, how it is written, and where each of its characters comes from."""

    path: DataPath
    value: str
    style: str | None  # None (plain), "'", '"', "|" or ">"
    start: int  # file index of the scalar's first character (its quote or block indicator)
    end: int
    flow: bool  # inside a [...] or {...} collection
    pieces: tuple[_Piece, ...] | None  # None when the value could not be traced

    def index(self, offset: int) -> int:
        """The file index of the value's character at ``offset``, or just after the last one."""
        if not self.pieces:
            return self.start
        return self.pieces[offset].start if offset < len(self.pieces) else self.pieces[-1].end


@dataclass(frozen=True)
class _Fix:
    """Replace ``text[start:end]`` of the file with ``text``: ``change`` made to a value."""

    scalar: _Scalar
    change: Suggestion
    start: int
    end: int
    text: str


# --- Public API ----------------------------------------------------------------------------------


def lint_file(path: Path, display_name: str | None = None) -> list[Finding]:
    """Every lint finding in the text values of a YAML file, in file order.

    Raises :class:`InvalidInput` if the file cannot be read or is not valid YAML.
    """
    findings, _ = _plan(load_file(path, display_name or str(path)))
    return findings


def fix_file(path: Path) -> int:
    """Apply every fixable finding to the file in place; return the number of edits made.

    Only the characters of linted values change. The file is written once, through a temporary
    file and a rename, and only if something changed. Raises :class:`InvalidInput` if the file
    cannot be read or is not valid YAML, and :class:`FixError` if it cannot be written; either
    way the file is left as it was.
    """
    edits, _ = fix_and_lint(path)
    return edits


def fix_and_lint(path: Path, display_name: str | None = None) -> tuple[int, list[Finding]]:
    """:func:`fix_file`, also returning the findings left in the fixed file (as :func:`lint_file`)."""
    loaded = load_file(path, display_name or str(path))
    edits = 0
    findings, fixes = _plan(loaded)
    for _ in range(_MAX_FIX_PASSES):
        if not fixes:
            break
        edits += len(fixes)
        loaded = parse(_edited(loaded.text, fixes), loaded.path, loaded.display_name)
        findings, fixes = _plan(loaded)
    if edits:
        _replace_file(path.resolve(), loaded.text)
    return edits, findings


# --- Finding and checking fixes ------------------------------------------------------------------


def _plan(loaded: LoadedFile) -> tuple[list[Finding], list[_Fix]]:
    """The findings of a file and the fixes that verifiably make them."""
    text = loaded.text
    scalars = _text_scalars(text)
    proposed: list[tuple[_Scalar, Suggestion, _Fix | str]] = []
    for scalar in scalars:
        suggestions = lint(scalar.value)
        previous_end = -1
        for suggestion, change in zip(suggestions, _as_applied(scalar.value, suggestions), strict=True):
            fix = _fix_for(text, scalar, change)
            if isinstance(fix, _Fix):
                if fix.start < previous_end:
                    fix = _OVERLAPS
                else:
                    previous_end = fix.end
            proposed.append((scalar, suggestion, fix))

    fixes = _verified(loaded, [fix for _, _, fix in proposed if isinstance(fix, _Fix)])
    accepted = {id(fix) for fix in fixes}
    findings = []
    for scalar, suggestion, fix in proposed:
        message = _repeat_message(text, scalar, suggestion.offset) if suggestion.code == "repeated-paragraph" else ""
        message = message or suggestion.message
        fixable = id(fix) in accepted
        if not fixable:
            message += f" (not fixed automatically: {fix if isinstance(fix, str) else _CHANGES_YAML})"
        findings.append(_finding(loaded, scalar.index(suggestion.offset), suggestion.code, message, fixable))
    findings += _repeats_across_values(loaded, scalars)
    return sorted(findings), fixes


def _finding(loaded: LoadedFile, index: int, code: str, message: str, fixable: bool) -> Finding:
    line, column = line_col(loaded.text, index)
    return Finding(loaded.display_name, line, column, code, message, fixable)


def _as_applied(value: str, suggestions: list[Suggestion]) -> list[Suggestion]:
    """The suggestions as ``--fix`` makes them: removing the last paragraph removes the line break before it.

    ``persian.lint`` keeps that break, which a value written with ``|-`` or ``>-`` cannot hold.
    """
    if not suggestions:
        return []
    *others, last = suggestions
    previous_end = others[-1].offset + others[-1].length if others else 0
    if (
        last.code == "repeated-paragraph"
        and last.offset + last.length == len(value)
        and not value.endswith("\n")
        and value[last.offset - 1 : last.offset] == "\n"
        and previous_end < last.offset
    ):
        last = replace(last, offset=last.offset - 1, length=last.length + 1)
    return [*others, last]


def _fix_for(text: str, scalar: _Scalar, change: Suggestion) -> _Fix | str:
    """The file edit that makes ``change`` to the value, or why there is none."""
    if scalar.pieces is None:
        return _UNMAPPED
    value, pieces = scalar.value, scalar.pieces
    start, end, replacement = _trimmed(value, change)
    if start == end:
        if start == len(value) and value.endswith("\n"):
            return _UNMAPPED
        first = last = scalar.index(start)
    else:
        first, last = pieces[start].start, pieces[end - 1].end
        line_start = text.rfind("\n", 0, first) + 1
        whole_lines = (
            replacement == ""
            and value[start - 1 : start] in ("", "\n")
            and value[end - 1] == "\n"
            and line_start >= scalar.start
            and not text[line_start:first].strip(" ")
        )
        if whole_lines:  # the lines go with their indentation, and the next line keeps its own
            return _Fix(scalar, change, line_start, last, "")
        if end < len(value) and any(_LINE_BREAK.search(text, p.start, p.end) for p in pieces[start:end]):
            last = pieces[end].start  # the lines are joined: drop the next line's indentation too
    reason = _syntax_risk(text, scalar, first, last, replacement)
    if reason:
        return reason
    return _Fix(scalar, change, first, last, replacement)


def _trimmed(value: str, change: Suggestion) -> tuple[int, int, str]:
    """The change without the characters it keeps at either end, as (start, end, replacement)."""
    start, end, replacement = change.offset, change.offset + change.length, change.replacement
    while start < end and replacement and value[start] == replacement[0]:
        start, replacement = start + 1, replacement[1:]
    while start < end and replacement and value[end - 1] == replacement[-1]:
        end, replacement = end - 1, replacement[:-1]
    return start, end, replacement


def _syntax_risk(text: str, scalar: _Scalar, first: int, last: int, replacement: str) -> str | None:
    """Why writing ``replacement`` over ``text[first:last]`` would not give the intended value, if it would not."""
    plain, block = scalar.style is None, scalar.style in ("|", ">")
    line_start = text.rfind("\n", 0, first) + 1
    at_line_start = not text[line_start:first].strip(" \t") or (plain and first == scalar.start)
    if scalar.style == "|":  # only the first line sets the indentation; later ones may start with spaces
        body = text.find("\n", scalar.start) + 1
        at_line_start = at_line_start and not text[body:line_start].strip(" \t\r\n")
    at_line_end = not block and (plain and last == scalar.end or _LINE_END.match(text, last) is not None)
    new_first = (replacement + text[last : last + 1])[:1]  # the characters that will meet at the edit's edges
    new_last = (text[first - 1 : first] + replacement)[-1:]
    # Spaces that end up leading a line are indentation or folded away; trailing ones are folded away.
    if (at_line_start and new_first in (" ", "\t")) or (at_line_end and new_last in (" ", "\t")):
        return _LINE_EDGE
    if plain:  # «: » and « #» end a plain value, and so does «:» at the end of a line
        around = text[first - 1 : first] + replacement + text[last : last + 1]
        if any(mark in around for mark in _PLAIN_INDICATORS) or (at_line_end and new_last == ":"):
            return _CHANGES_YAML
        if scalar.flow and _FLOW_INDICATORS.intersection(replacement):
            return _CHANGES_YAML
    return None


def _verified(loaded: LoadedFile, fixes: list[_Fix]) -> list[_Fix]:
    """The fixes after which the file reads back as intended: all of them, or those that can be kept one by one."""
    if not fixes or _reads_back(loaded, fixes):
        return fixes
    accepted: list[_Fix] = []
    for fix in fixes:
        if _reads_back(loaded, [*accepted, fix]):
            accepted.append(fix)
    return accepted


def _reads_back(loaded: LoadedFile, fixes: list[_Fix]) -> bool:
    """Whether the file with ``fixes`` parses to its data with only the fixed values changed, as intended."""
    try:
        edited = parse(_edited(loaded.text, fixes), loaded.path, loaded.display_name)
    except InvalidInput:
        return False
    return edited.data == _intended_data(loaded.data, fixes)


def _edited(text: str, fixes: list[_Fix]) -> str:
    parts: list[str] = []
    position = 0
    for fix in sorted(fixes, key=lambda fix: (fix.start, fix.end)):
        parts += [text[position : fix.start], fix.text]
        position = fix.end
    parts.append(text[position:])
    return "".join(parts)


def _intended_data(data: dict[str, Any], fixes: list[_Fix]) -> dict[str, Any]:
    changes: dict[DataPath, list[Suggestion]] = {}
    scalars: dict[DataPath, _Scalar] = {}
    for fix in fixes:
        changes.setdefault(fix.scalar.path, []).append(fix.change)
        scalars[fix.scalar.path] = fix.scalar
    result = copy.deepcopy(data)
    for path, made in changes.items():
        holder = result
        for key in path[:-1]:
            holder = holder[key]
        holder[path[-1]] = apply(scalars[path].value, made)
    return result


# --- Repeated paragraphs -------------------------------------------------------------------------


def _paragraphs(value: str) -> Iterator[tuple[int, str]]:
    """Each line of a value long enough to count as a paragraph, with its offset and comparison key."""
    offset = 0
    for line in value.split("\n"):
        key = normalize(line)
        if len(key.split()) >= PARAGRAPH_MIN_WORDS:
            yield offset, key
        offset += len(line) + 1


def _repeat_message(text: str, scalar: _Scalar, offset: int) -> str:
    """The repeated-paragraph message with file lines instead of the value's own line numbers."""
    line = scalar.value[offset:].split("\n", 1)[0]
    first = next((start for start, key in _paragraphs(scalar.value) if key == normalize(line)), None)
    if first is None or first >= offset:
        return ""
    first_line = line_col(text, scalar.index(first))[0]
    return f"this paragraph repeats line {first_line} word for word; remove the copy"


def _repeats_across_values(loaded: LoadedFile, scalars: list[_Scalar]) -> Iterator[Finding]:
    """A paragraph that repeats one of an earlier value (repeats inside one value are persian.lint's)."""
    first_lines: dict[str, int] = {}
    for scalar in scalars:
        own: set[str] = set()
        for offset, key in _paragraphs(scalar.value):
            if key in own:
                continue
            own.add(key)
            index = scalar.index(offset)
            if key in first_lines:
                message = (
                    f"this paragraph repeats line {first_lines[key]} word for word; remove one of the copies"
                    f" (not fixed automatically: {_OTHER_VALUE})"
                )
                yield _finding(loaded, index, "repeated-paragraph", message, False)
            else:
                first_lines[key] = line_col(loaded.text, index)[0]


# --- Text values and where their characters come from --------------------------------------------


def _text_scalars(text: str) -> list[_Scalar]:
    """The text values of a YAML document (already checked by ``load.parse``), in file order."""
    found: list[_Scalar] = []

    def visit(node: Node, path: DataPath, flow: bool) -> None:
        if isinstance(node, ScalarNode):
            if _is_text(node):
                pieces = _pieces(text, node)
                start, end = node.start_mark.index, node.end_mark.index
                found.append(_Scalar(path, node.value, node.style, start, end, flow, pieces))
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


def _pieces(text: str, node: ScalarNode) -> tuple[_Piece, ...] | None:
    """Where each character of the scalar's value comes from, or None if that cannot be traced."""
    if node.style in ("|", ">"):
        return _block_pieces(text, node)
    traced = _flow_pieces(text, node)
    if traced is None or traced[0] != node.value:
        return None
    return traced[1]


def _break_at(text: str, index: int) -> tuple[int, str] | None:
    """The end and the value of the YAML line break at ``index``, if there is one."""
    match = _LINE_BREAK.match(text, index)
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


def _flow_pieces(text: str, node: ScalarNode) -> tuple[str, tuple[_Piece, ...]] | None:
    """A plain or quoted scalar read as PyYAML's scanner reads it: its value and each character's source."""
    style = node.style
    quoted = style in ("'", '"')
    index, stop = node.start_mark.index, node.end_mark.index
    if quoted:
        index, stop = index + 1, stop - 1
    blank = " \t" if quoted else " "
    chars: list[str] = []
    pieces: list[_Piece] = []

    def emit(char: str, start: int, end: int) -> None:
        chars.append(char)
        pieces.append(_Piece(start, end))

    while index < stop:
        char = text[index]
        if style == '"' and char == "\\":
            code = text[index + 1 : index + 2]
            if code in Scanner.ESCAPE_REPLACEMENTS:
                emit(Scanner.ESCAPE_REPLACEMENTS[code], index, index + 2)
                index += 2
            elif code in Scanner.ESCAPE_CODES:
                end = index + 2 + Scanner.ESCAPE_CODES[code]
                emit(chr(int(text[index + 2 : end], 16)), index, end)
                index = end
            elif (escaped_break := _break_at(text, index + 1)) is not None:
                breaks, content = _blank_lines(text, escaped_break[0], stop, blank)
                previous = index
                for end, value in breaks:
                    emit(value, previous, end)
                    previous = end
                index = content
            else:
                return None
        elif style == "'" and text.startswith("''", index):
            emit("'", index, index + 2)
            index += 2
        elif char in blank or _break_at(text, index) is not None:
            spaces_end = index
            while spaces_end < stop and text[spaces_end] in blank:
                spaces_end += 1
            first_break = _break_at(text, spaces_end) if spaces_end < stop else None
            if first_break is None:
                for position in range(index, spaces_end):
                    emit(text[position], position, position + 1)
                index = spaces_end
                continue
            # A line fold: trailing spaces go, one break becomes a space, each further break stays.
            break_end, break_value = first_break
            breaks, content = _blank_lines(text, break_end, stop, blank)
            previous = index
            if break_value != "\n" or not breaks:
                emit(break_value if break_value != "\n" else " ", index, break_end)
                previous = break_end
            for end, value in breaks:
                emit(value, previous, end)
                previous = end
            index = content
        else:
            emit(char, index, index + 1)
            index += 1
    return "".join(chars), tuple(pieces)


def _block_pieces(text: str, node: ScalarNode) -> tuple[_Piece, ...] | None:
    """Each character's source in a | or > scalar, trying the indentations its first text line allows."""
    index = node.start_mark.index + 1
    chomping: bool | None = None
    while index < len(text) and text[index] in "+-0123456789":
        if text[index] in "+-":
            chomping = text[index] == "+"
        index += 1
    header_break = _LINE_BREAK.search(text, index)
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
) -> tuple[str, tuple[_Piece, ...]]:
    """A block scalar's body read with ``indent`` as PyYAML's ``scan_block_scalar`` reads it."""
    chars: list[str] = []
    pieces: list[_Piece] = []

    def emit(char: str, start: int, end: int) -> None:
        chars.append(char)
        pieces.append(_Piece(start, end))

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


# --- Writing -------------------------------------------------------------------------------------


def _replace_file(target: Path, text: str) -> None:
    """Write ``text`` over ``target`` (keeping its BOM and permissions) through a temporary file and a rename."""
    try:
        with target.open("rb") as stream:
            bom = UTF8_BOM if stream.read(len(UTF8_BOM)) == UTF8_BOM else b""
        mode = stat.S_IMODE(target.stat().st_mode)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as error:
        raise FixError(f"cannot write {target}: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(bom + text.encode("utf-8"))
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise FixError(f"cannot write {target}: {error.strerror or error}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
