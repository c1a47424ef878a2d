"""Lint the Persian text inside YAML files, and fix it in place without touching anything else.

Every text value of a file (not keys, ids, dates, times or numbers) goes through
:func:`minutes.lint.rules.lint`; each suggestion becomes a diagnostic (severity ``suggestion``,
with the file edit that makes it when that edit is safe) at the file position of the characters it
concerns. ``fix_file`` edits the file's own characters and never re-dumps the YAML, so comments,
key order, quoting, indentation, blank lines, line endings and the BOM stay as they were (see
:mod:`minutes.lint.trace`); a fix is applied only where that trace exists and the edited file
reads back to the same data with only the linted values changed.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from minutes.diagnostics import Diagnostic, Fix, InvalidInput, Note, Severity
from minutes.lint.rules import PARAGRAPH_MIN_WORDS, Suggestion, apply, lint
from minutes.load import UTF8_BOM, DataPath, LoadedFile, load_file, parse
from minutes.output.files import WriteError, write_atomically
from minutes.text.persian import line_col, normalize
from minutes.trace import LINE_BREAK, Scalar, text_scalars

_MAX_FIX_PASSES = 10

_LINE_END = re.compile("[ \t]*(?:\r\n|[\r\n\x85\u2028\u2029]|$)")
_PLAIN_INDICATORS = (": ", ":\t", " #", "\t#")
_FLOW_INDICATORS = frozenset(",[]{}")

# Why a suggestion is reported without an automatic fix.
_UNMAPPED = Note("not-fixed.unmapped")
_LINE_EDGE = Note("not-fixed.line-edge")
_CHANGES_YAML = Note("not-fixed.changes-yaml")
_OVERLAPS = Note("not-fixed.overlaps")
_OTHER_VALUE = Note("not-fixed.other-value")

FixError = WriteError  # a fixed file could not be written; the original is unchanged


@dataclass(frozen=True)
class _Fix:
    """Replace ``text[start:end]`` of the file with ``text``: ``change`` made to a value."""

    scalar: Scalar
    change: Suggestion
    start: int
    end: int
    text: str


# --- Public API ----------------------------------------------------------------------------------


def lint_file(path: Path, display_name: str | None = None) -> list[Diagnostic]:
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


def fix_and_lint(path: Path, display_name: str | None = None) -> tuple[int, list[Diagnostic]]:
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
        target = path.resolve()  # a link is edited where it points
        bom = UTF8_BOM if target.read_bytes().startswith(UTF8_BOM) else b""
        write_atomically(target, bom + loaded.text.encode("utf-8"))
    return edits, findings


# --- Finding and checking fixes ------------------------------------------------------------------


def _plan(loaded: LoadedFile) -> tuple[list[Diagnostic], list[_Fix]]:
    """The findings of a file and the fixes that verifiably make them."""
    text = loaded.text
    scalars = text_scalars(text)
    proposed: list[tuple[Scalar, Suggestion, _Fix | Note]] = []
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
        repeat = _repeat_note(text, scalar, suggestion.offset) if suggestion.code == "repeated-paragraph" else None
        notes = (repeat,) if repeat else suggestion.notes
        if id(fix) in accepted:
            assert isinstance(fix, _Fix)
            edit, remark = Fix(fix.start, fix.end, fix.text), None
        else:
            edit, remark = None, fix if isinstance(fix, Note) else _CHANGES_YAML
        findings.append(_finding(loaded, scalar.index(suggestion.offset), suggestion.code, notes, remark, edit))
    findings += _repeats_across_values(loaded, scalars)
    return sorted(findings), fixes


def _finding(loaded: LoadedFile, index: int, code: str, notes: tuple[Note, ...], remark: Note | None,
             fix: Fix | None) -> Diagnostic:
    line, column = line_col(loaded.text, index)
    return Diagnostic.noted(loaded.display_name, line, column, code, notes, severity=Severity.SUGGESTION,
                            remark=remark, fix=fix)


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


def _fix_for(text: str, scalar: Scalar, change: Suggestion) -> _Fix | Note:
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
        if end < len(value) and any(LINE_BREAK.search(text, p.start, p.end) for p in pieces[start:end]):
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


def _syntax_risk(text: str, scalar: Scalar, first: int, last: int, replacement: str) -> Note | None:
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
    scalars: dict[DataPath, Scalar] = {}
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


def _repeat_note(text: str, scalar: Scalar, offset: int) -> Note | None:
    """The repeated-paragraph wording with file lines instead of the value's own line numbers."""
    line = scalar.value[offset:].split("\n", 1)[0]
    first = next((start for start, key in _paragraphs(scalar.value) if key == normalize(line)), None)
    if first is None or first >= offset:
        return None
    return Note.of("repeated-paragraph.file", first=line_col(text, scalar.index(first))[0])


def _repeats_across_values(loaded: LoadedFile, scalars: list[Scalar]) -> Iterator[Diagnostic]:
    """A paragraph that repeats one of an earlier value (repeats inside one value are the rules')."""
    first_lines: dict[str, int] = {}
    for scalar in scalars:
        own: set[str] = set()
        for offset, key in _paragraphs(scalar.value):
            if key in own:
                continue
            own.add(key)
            index = scalar.index(offset)
            if key in first_lines:
                note = Note.of("repeated-paragraph.across", first=first_lines[key])
                yield _finding(loaded, index, "repeated-paragraph", (note,), _OTHER_VALUE, None)
            else:
                first_lines[key] = line_col(loaded.text, index)[0]
