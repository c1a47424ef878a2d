"""The office's letter number pattern is checked by ``validate``, at its place in office.yaml, in the
language of our own (never ``str.format`` on what the user wrote)."""

from __future__ import annotations

from pathlib import Path

import pytest

from minutes.cli import main
from minutes.workspace import Workspace

PATTERN_LINE = 10  # office.yaml: '  letter_number: "{yy}/{serial}"'


def with_pattern(workspace: Workspace, pattern: str) -> None:
    """Write ``pattern`` (YAML: single-quoted unless it is written in double quotes) as the office's."""
    office = workspace.data / "office.yaml"
    text = office.read_text(encoding="utf-8")
    assert text.splitlines()[PATTERN_LINE - 1] == '  letter_number: "{yy}/{serial}"'
    scalar = pattern if pattern.startswith('"') else f"'{pattern}'"
    office.write_text(text.replace('"{yy}/{serial}"', scalar), encoding="utf-8")


@pytest.mark.parametrize(("pattern", "variant", "message"), [
    ("{serial.__class__.__mro__}/{yy}", "unknown-placeholder", "unknown placeholder at character 1"),
    ("{yy}/{serial:>999999999}", "unknown-placeholder", "unknown placeholder at character 6"),
    ("{yy}/{serial!r:>20}", "unknown-placeholder", "unknown placeholder at character 6"),
    ("{yy}/{serial:99}", "width", "must be 1 to 12"),
    ("{yy}/{serial", "unbalanced-brace", "unmatched brace at character 6"),
    ("{yy}/{serial}/{serial}", "serial-count", "exactly once"),
    ("ص/{serial}", "no-year", "must hold the year"),
    ("{unit}/{yy}/{serial}", "no-unit", "the office has no 'unit'"),
    ('"{yy}/\\u202e{serial}"', "bad-character", "the character at position 6"),
    ("{yy}/{serial}/" + "x" * 100, "too-long", "longer than 100 characters"),
])
def test_a_pattern_we_cannot_use_is_an_error_at_its_place(workspace: Workspace, capsys: pytest.CaptureFixture[str],
                                                           pattern: str, variant: str, message: str) -> None:
    with_pattern(workspace, pattern)
    assert main(["-C", str(workspace.root), "validate"]) == 1
    lines = [line for line in capsys.readouterr().err.splitlines() if "letter-number" in line]
    assert len(lines) == 1
    assert lines[0].startswith(f"{workspace.display_name(workspace.data / 'office.yaml')}:{PATTERN_LINE}:18: "
                               "letter-number: ")
    assert message in lines[0]
    assert lines[0].split(": ")[1] == "letter-number"


def test_an_empty_pattern_has_its_own_words() -> None:
    """The schema refuses an empty text before the pattern is read; the wording is there all the same."""
    from minutes.load import parse
    from minutes.model import Office
    from minutes.validate.directory import letter_number

    source = parse("office:\n  letter_number: x\n", Path("office.yaml"), "office.yaml")
    office = Office.model_construct(name="x", letter_number="", unit=None)
    [diagnostic] = letter_number(source, office)
    assert diagnostic.template == "letter-number.empty" and "is empty" in diagnostic.message


def test_a_good_pattern_numbers_an_issue(workspace: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    with_pattern(workspace, "ص/{yyyy}/{serial:4}")
    record = workspace.meetings / "harms-committee-1403-05-10.yaml"
    assert main(["-C", str(workspace.root), "issue", str(record), "--date", "1404/01/20"]) == 0
    numbers = [line.split("\t")[1] for line in capsys.readouterr().out.splitlines()]
    assert numbers == ["ص/1404/0001", "ص/1404/0002"]
