"""Issue 11, cases 4, 5, 6, 9 and 16: hostile text in records and in the office's configuration."""

from __future__ import annotations

import re
import sqlite3

import pytest

from .scene import Scene, positioned

RECORD = "data/meetings/harms-committee-1403-05-10.yaml"
OFFICE = "data/office.yaml"
DECISION = "      فهرست مدارس"
PLACE = "place: دفتر اجتماعی استانداری"
TITLE = "title: آموزش مهارت‌های زندگی"


def _clean(run_text: str) -> None:
    """Nothing of the hostile characters reaches the terminal raw."""
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069\ufffe]", run_text), repr(run_text[-500:])


# -- case 4: bidi controls in text ---------------------------------------------------------------------

BIDI = {
    "rlo-around-number": (DECISION, "      شماره \u202e0001\u202c فهرست مدارس", "\u202e"),
    "lro-persian-words": (PLACE, "place: \u202dدفتر اجتماعی\u202c استانداری", "\u202d"),
    "isolate-in-title": (TITLE, "title: \u2066آموزش\u2069 مهارت‌های زندگی", "\u2066"),
    "embedding": (PLACE, "place: \u202bدفتر اجتماعی استانداری", "\u202b"),
}


def _bidi(scene: Scene, case: str) -> tuple[str, str]:
    """Put the bidi control of ``case`` in the record; returns the two positions that are right: the
    start of the text's scalar, and the control itself."""
    old, new, control = BIDI[case]
    scene.edit(scene.record, old, new)
    if old == DECISION:  # a folded scalar: it starts at its '>-'
        scalar = scene.where(RECORD, ">-\n" + new)
    else:  # a plain scalar: it starts after 'key: '
        scalar = scene.where(RECORD, new, skip=new.index(": ") + 2)
    return scalar, scene.where(RECORD, control)


@pytest.mark.parametrize("case", sorted(BIDI))
def test_bidi_controls_fail_validation_at_their_position(scene: Scene, case: str) -> None:
    scalar, exact = _bidi(scene, case)
    scene.arm()
    run = scene.run("validate")
    scene.assert_refused(run, scalar, exact)
    _clean(run.text)


def test_bidi_controls_never_reach_the_documents(scene: Scene) -> None:
    _bidi(scene, "rlo-around-number")
    scene.arm()
    run = scene.run("build", "-j", "1")
    scene.assert_refused(run)
    assert not (scene.ws / "out").exists() or not any((scene.ws / "out").rglob("brief.*"))


def test_lint_reports_bidi_controls(scene: Scene) -> None:
    scalar, exact = _bidi(scene, "rlo-around-number")
    scene.arm()
    run = scene.run("lint")
    assert run.code == 1, run.text
    assert exact in run.out or scalar in run.out, run.out
    scene.assert_untouched()


# -- case 5: text made only of invisible characters ----------------------------------------------------

@pytest.mark.parametrize("value", ['"\\u200c"', '"\\u200b"', '"\\u200f"', '"\\u2060"', '"\\u200c\\u200b \\u200f"',
                                   "\u200c", "\u200f\u2060"])
def test_invisible_text_is_empty_text(scene: Scene, value: str) -> None:
    scene.edit(scene.record, PLACE, f"place: {value}")
    where = scene.where(RECORD, f"place: {value}", skip=len("place: "))
    scene.arm()
    run = scene.run("validate")
    scene.assert_refused(run, where)
    assert "empty-text" in run.err


# -- case 6: controls and noncharacters written as YAML escapes ------------------------------------

ESCAPES = ['"\\x1b[31mقرمز"', '"\\x07"', '"دفتر\\uFFFE"', '"\\U000F0000"', '"\\u0378"', '"دفتر\\x85\\x9b"',
           '"\\U000E0041\\U000E0042"']


@pytest.mark.parametrize("command", ["validate", "build"])
@pytest.mark.parametrize("value", ESCAPES)
def test_escaped_controls_fail_validation_at_their_position(scene: Scene, value: str, command: str) -> None:
    scene.edit(scene.record, PLACE, f"place: {value}")
    scalar = scene.where(RECORD, f"place: {value}", skip=len("place: "))
    exact = scene.where(RECORD, f"place: {value}", skip=len("place: ") + value.index("\\"))
    scene.arm()
    run = scene.run(command, *(["-j", "1"] if command == "build" else []))
    _clean(run.text)
    scene.assert_refused(run, scalar, exact)


@pytest.mark.parametrize("key", ['"bad\\x1b[31m\\nkey"', '"x\\x85y"', '"\\u202ekey"'])
def test_diagnostics_quote_values_on_one_line_with_controls_escaped(scene: Scene, key: str) -> None:
    scene.edit(scene.record, "attendance:", f"{key}: 1\nattendance:")
    scene.arm()
    run = scene.run("validate")
    scene.assert_refused(run, scene.where(RECORD, f"{key}: 1"))
    _clean(run.text)
    summary = re.compile(r"^\d+ error\(s\), \d+ warning\(s\)$")
    assert all(positioned(line + "\n") or summary.match(line) for line in run.err.splitlines()), run.err


@pytest.mark.parametrize("value", ["Ωmega", "漢字", "😀"])
def test_text_the_font_cannot_draw_is_refused_or_drawn(scene: Scene, value: str) -> None:
    """Never validate-pass then render-fail: either validate says where, or the build succeeds."""
    scene.edit(scene.record, PLACE, f"place: {value}")
    scene.arm()
    checked = scene.run("validate")
    if checked.code == 0:
        built = scene.run("build", "-j", "1")
        assert built.code == 0, built.err[-1000:]
        scene.assert_untouched()
    else:
        scene.assert_refused(checked, scene.where(RECORD, value))  # a plain scalar: starts with the value


# -- case 9: the letter number pattern is passed to str.format -------------------------------------

PATTERNS = ["{serial.__class__.__mro__}", "{yy}/{serial:>999999999}", "{yy}/{serial!r:>20}", "{0}/{yy}/{serial}",
            "{yy}/{serial", "{yy}/no-serial", "{unit}/{yy}/{serial}", "{yy}/{serial:99999}"]


def _pattern(scene: Scene, pattern: str) -> str:
    """Set the office's letter number pattern; the ``file:line:`` prefix every right position has."""
    scene.edit(scene.ws / OFFICE, 'letter_number: "{yy}/{serial}"', f'letter_number: "{pattern}"')
    return scene.where(OFFICE, f'letter_number: "{pattern}"').rsplit(":", 2)[0] + ":"


@pytest.mark.parametrize("pattern", PATTERNS)
def test_unusable_letter_number_patterns_fail_validation(scene: Scene, pattern: str) -> None:
    line = _pattern(scene, pattern)
    scene.arm()
    run = scene.run("validate")
    scene.assert_refused(run)
    assert any(f"{file}:{number}:" == line for file, number, _ in positioned(run.err)), (line, run.err)


@pytest.mark.parametrize("pattern", ["{yy}/{serial!r:>20}", "{yy}/{serial:>99999}", "{serial.__class__.__mro__}"])
def test_issue_never_takes_numbers_from_an_unusable_pattern(scene: Scene, pattern: str) -> None:
    line = _pattern(scene, pattern)
    scene.arm()
    run = scene.run("issue", str(scene.record), "--date", "1404/02/01")
    registry = scene.ws / "archive" / "registry.sqlite"
    if registry.exists():
        connection = sqlite3.connect(registry)
        numbers = connection.execute("SELECT number FROM numbers").fetchall()
        connection.close()
        assert numbers == [], f"numbers were issued: {[n[:40] for (n,) in numbers]}"
    scene.assert_refused(run)
    assert any(f"{file}:{number}:" == line for file, number, _ in positioned(run.err)), (line, run.err)


# -- case 16: records far larger than any real meeting ---------------------------------------------

def _many_decisions(scene: Scene, count: int) -> int:
    """Give the record ``count`` decisions; returns the line of 'decisions:'."""
    text = scene.record.read_text(encoding="utf-8")
    head = text.split("decisions:\n")[0]
    items = "".join(f"  - text: مصوبه {i} برای آزمون اندازه\n    responsible: [education]\n" for i in range(count))
    scene.record.write_text(head + "decisions:\n" + items, encoding="utf-8")
    return head.count("\n") + 1


def _huge_text(scene: Scene, size: int) -> int:
    scene.edit(scene.record, DECISION, "      " + "متن بسیار بلند " * (size // 15))
    return int(scene.where(RECORD, "متن بسیار بلند").split(":")[1])


def _many_letters(scene: Scene, count: int) -> int:
    text = scene.record.read_text(encoding="utf-8")
    letters = "".join(f"  - to: education\n    subject: نامه {i}\n    body: متن نامه {i}\n" for i in range(count))
    scene.record.write_text(text + "\nletters:\n" + letters, encoding="utf-8")
    return text.count("\n") + 2


@pytest.mark.parametrize("shape", ["10000-decisions", "300k-character-decision", "400-letters"])
def test_records_beyond_any_real_meeting_fail_validation(scene: Scene, shape: str) -> None:
    first_line = {"10000-decisions": lambda: _many_decisions(scene, 10_000),
                  "300k-character-decision": lambda: _huge_text(scene, 300_000),
                  "400-letters": lambda: _many_letters(scene, 400)}[shape]()
    assert scene.record.stat().st_size < 1024 * 1024  # under the file limit that holds today
    scene.arm()
    run = scene.run("validate")
    scene.assert_refused(run)
    assert any(file == RECORD and line >= first_line - 1 for file, line, _ in positioned(run.err)), run.err[-1000:]
