"""Lint of the text inside YAML files: exact positions in every scalar style, and fixes that touch nothing else."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minutes.diagnostics import Diagnostic, InvalidInput, Severity
from minutes.lint import FixError, fix_file, lint_file
from minutes.lint.rules import lint
from minutes.lint.suggestion import apply
from minutes.load import UTF8_BOM, load_file
from minutes.model import Record
from minutes.text.persian import NBSP, ZWNJ, line_col

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = FIXTURES / "seed-news.txt"  # ../shared/seed/, byte for byte
RECORD = FIXTURES / "seed-news-record.yaml"  # the seed text as the `summary: |-` of a record
INDENT = 2  # of the summary block in RECORD


@pytest.fixture(scope="module")
def seed() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def record_text() -> str:
    return RECORD.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def findings() -> list[Diagnostic]:
    return lint_file(RECORD, "record.yaml")


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A writable copy of RECORD."""
    path = tmp_path / "record.yaml"
    path.write_bytes(RECORD.read_bytes())
    return path


def summary_line(record_text: str) -> int:
    """The file line of `summary: |-`; the seed's line n is file line summary_line + n."""
    return record_text.split("\n").index("summary: |-") + 1


def seed_position(seed: str, record_text: str, span: str, index: int) -> tuple[int, int]:
    """The file line and column of ``span[index]`` (first occurrence of ``span`` in the seed) in RECORD."""
    line, column = line_col(seed, seed.index(span) + index)
    return summary_line(record_text) + line, column + INDENT


def file_position(text: str, line_marker: str, span: str, index: int) -> tuple[int, int]:
    """The line and column of ``span[index]`` on the only line of ``text`` containing ``line_marker``."""
    (number,) = [n for n, line in enumerate(text.split("\n"), start=1) if line_marker in line]
    line = text.split("\n")[number - 1]
    return number, line.index(span) + index + 1


def at(findings: list[Diagnostic], position: tuple[int, int], code: str) -> Diagnostic:
    """The one finding with ``code`` at ``position``."""
    (found,) = [f for f in findings if (f.line, f.column) == position and f.code == code]
    return found


# --- the fixture record ---------------------------------------------------------------------------


def test_fixture_is_a_valid_record_holding_the_seed_verbatim(seed: str) -> None:
    data = load_file(RECORD).data
    Record.model_validate(data)
    assert data["summary"] == seed
    assert seed.count(NBSP) == 14


@pytest.mark.parametrize(
    ("span", "index", "code"),
    [
        ("موسی پور", 4, "half-space"),
        ("برنامه ریزی", 6, "half-space"),
        ("دستگاههای", 6, "half-space"),
        ("شد.مدیران", 3, "space-after-punctuation"),
        ("کردندو", 5, "glued-va"),
        ("مقاوتی", 4, "suspect-spelling"),
        ("ئاجرای", 0, "suspect-spelling"),
    ],
)
def test_seed_defects_are_reported_at_their_file_position(
    seed: str, record_text: str, findings: list[Diagnostic], span: str, index: int, code: str
) -> None:
    found = at(findings, seed_position(seed, record_text, span, index), code)
    assert found.fixable
    assert str(found).startswith(f"record.yaml:{found.line}:{found.column}: {code}: ")


def test_seed_repeated_paragraph_is_reported_at_its_file_line(
    seed: str, record_text: str, findings: list[Diagnostic]
) -> None:
    first = summary_line(record_text)
    found = at(findings, (first + 9, 1 + INDENT), "repeated-paragraph")
    assert found.fixable
    assert found.message == f"this paragraph repeats line {first + 2} word for word; remove the copy"


def test_seed_no_break_spaces_are_all_reported(seed: str, record_text: str, findings: list[Diagnostic]) -> None:
    last_line = len(seed.split("\n"))
    positions = [line_col(seed, i) for i, char in enumerate(seed) if char == NBSP]
    assert len(positions) == 14
    for line, column in positions:
        if line == last_line:  # the repeated copy: removed as a whole
            continue
        file_line, file_column = summary_line(record_text) + line, column + INDENT
        # A run «space NBSP» is reported where the run starts.
        assert any(
            f.line == file_line and f.column in (file_column, file_column - 1) and f.code in ("nbsp", "half-space")
            for f in findings
        ), (line, column)


def test_defects_in_other_scalar_styles_are_reported_at_their_file_position(
    record_text: str, findings: list[Diagnostic]
) -> None:
    plain, single, double = "summary: برنامه های کمیته", "summary: 'دستگاههای", 'summary: "دکتر'
    expected = [
        (file_position(record_text, plain, "برنامه های", 6), "half-space"),
        (file_position(record_text, plain, "کردندو", 5), "glued-va"),
        (file_position(record_text, single, "دستگاههای", 6), "half-space"),
        (file_position(record_text, single, "ئاجرای", 0), "suspect-spelling"),
        (file_position(record_text, single, "شد.مدیران", 3), "space-after-punctuation"),
        (file_position(record_text, double, "موسی پور", 4), "half-space"),
        (file_position(record_text, double, "\\_", 0), "nbsp"),  # the escape that makes the NBSP
        (file_position(record_text, double, '\\"', 0), "quotes"),
    ]
    for position, code in expected:
        assert at(findings, position, code).fixable


def test_a_paragraph_repeated_in_another_value_is_reported_without_a_fix(
    record_text: str, findings: list[Diagnostic]
) -> None:
    folded_line = file_position(record_text, " " * 10 + "طرح‌های اداره ارشاد", "طرح", 0)
    copy_line = file_position(record_text, "summary: طرح‌های اداره ارشاد", "طرح", 0)
    found = at(findings, copy_line, "repeated-paragraph")
    assert not found.fixable
    assert f"repeats line {folded_line[0]} word for word" in found.message
    assert "not fixed automatically" in found.message


def test_keys_ids_dates_and_numbers_are_not_linted(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(
        "میشود: [social-cultural-wg, 1395/08/12, 10:30, '12', ۱۴۰۳/۰۵/۱۷, null]\nempty:\nok: می‌شود\n",
        encoding="utf-8",
    )
    assert lint_file(path) == []


def test_findings_print_as_file_line_column_code_message() -> None:
    finding = Diagnostic("data/meetings/a.yaml", 3, 7, "glued-va", "separate it", Severity.SUGGESTION)
    assert str(finding) == "data/meetings/a.yaml:3:7: glued-va: separate it"


# --- fixing the fixture record --------------------------------------------------------------------


def fully_fixed(value: str) -> str:
    """The value with every suggestion applied; removing a last paragraph takes the line break before it."""
    fixed = apply(value, lint(value))
    return fixed if value.endswith("\n") else fixed.removesuffix("\n")


def assert_fixed_data(original: Any, fixed: Any) -> None:
    """``fixed`` is ``original`` with every text value fixed and everything else unchanged."""
    if isinstance(original, dict):
        assert list(fixed) == list(original)
        for key in original:
            assert_fixed_data(original[key], fixed[key])
    elif isinstance(original, list):
        assert len(fixed) == len(original)
        for before, after in zip(original, fixed, strict=True):
            assert_fixed_data(before, after)
    elif isinstance(original, str) and any(char.isalpha() for char in original):  # text, not a number
        assert fixed == fully_fixed(original)
    else:
        assert fixed == original


def test_fix_changes_only_the_lines_with_fixed_text(copy: Path, findings: list[Diagnostic]) -> None:
    before = RECORD.read_text(encoding="utf-8").split("\n")
    fixable = [f for f in findings if f.fixable]
    assert fix_file(copy) == len(fixable)
    after = copy.read_text(encoding="utf-8").split("\n")

    (removed,) = [f.line for f in fixable if f.code == "repeated-paragraph"]
    kept = before[: removed - 1] + before[removed:]
    assert len(after) == len(kept)
    changed = {f.line for f in fixable} - {removed}
    for number, (old, new) in enumerate(zip(kept, after, strict=True), start=1):
        original_number = number if number < removed else number + 1
        if original_number not in changed:
            assert new == old, original_number
    assert sum(old != new for old, new in zip(kept, after, strict=True)) == len(changed)
    comments = [line for line in before if line.lstrip().startswith("#") or " # " in line]
    assert len(comments) >= 8
    assert all(line in after for line in comments)


def test_fix_result_loads_with_every_text_value_fixed(copy: Path, seed: str) -> None:
    fix_file(copy)
    original, fixed = load_file(RECORD).data, load_file(copy).data
    assert_fixed_data(original, fixed)
    Record.model_validate(fixed)
    for expected in ("موسی‌پور", "برنامه‌ریزی", "دستگاه‌های", "شد. مدیران", "کردند و", "اقتصاد مقاومتی", "اجرای طرح"):
        assert expected in fixed["summary"]
    assert fixed["summary"].count("این کارگروه که با") == 1
    assert not fixed["summary"].endswith("\n")
    assert NBSP not in copy.read_text(encoding="utf-8")


def test_fix_is_idempotent_and_leaves_nothing_fixable(copy: Path) -> None:
    assert fix_file(copy) > 0
    once = copy.read_bytes()
    assert fix_file(copy) == 0
    assert copy.read_bytes() == once
    remaining = lint_file(copy)
    assert not any(f.fixable for f in remaining)
    assert [f.code for f in remaining] == ["repeated-paragraph"]  # the copy across two values


def test_fix_keeps_the_file_mode(copy: Path) -> None:
    copy.chmod(0o640)
    fix_file(copy)
    assert stat.S_IMODE(copy.stat().st_mode) == 0o640
    assert [p.name for p in copy.parent.iterdir()] == ["record.yaml"]  # no temporary file left


def test_a_failed_write_leaves_the_file_and_no_temporary(copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(source: str, target: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(FixError, match="Permission denied"):
        fix_file(copy)
    assert copy.read_bytes() == RECORD.read_bytes()
    assert [p.name for p in copy.parent.iterdir()] == ["record.yaml"]


def test_fix_through_a_symlink_edits_the_target(copy: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.yaml"
    link.symlink_to(copy)
    assert fix_file(link) > 0
    assert link.is_symlink()
    assert fix_file(copy) == 0


def test_crlf_file_keeps_its_line_endings(copy: Path, tmp_path: Path) -> None:
    crlf = tmp_path / "crlf.yaml"
    crlf.write_bytes(RECORD.read_bytes().replace(b"\n", b"\r\n"))
    assert [(f.line, f.column, f.code, f.fixable) for f in lint_file(crlf)] == [
        (f.line, f.column, f.code, f.fixable) for f in lint_file(copy)
    ]
    assert fix_file(crlf) == fix_file(copy)
    assert crlf.read_bytes() == copy.read_bytes().replace(b"\n", b"\r\n")


def test_bom_file_keeps_its_bom(copy: Path, tmp_path: Path) -> None:
    with_bom = tmp_path / "bom.yaml"
    with_bom.write_bytes(UTF8_BOM + RECORD.read_bytes())
    assert [(f.line, f.column, f.code) for f in lint_file(with_bom)] == [
        (f.line, f.column, f.code) for f in lint_file(copy)
    ]
    assert fix_file(with_bom) == fix_file(copy)
    assert with_bom.read_bytes() == UTF8_BOM + copy.read_bytes()


@pytest.mark.parametrize(
    "breakage",
    [
        ("chair: mousapour", "chair: 'mousapour"),  # an unclosed quote
        ("  period: صبح", "  period: صبح\n  period: عصر"),  # a duplicate key
        ("  place:", "   place:"),  # bad indentation
    ],
)
def test_a_file_with_a_yaml_error_is_left_untouched(copy: Path, breakage: tuple[str, str]) -> None:
    broken = RECORD.read_bytes().replace(breakage[0].encode(), breakage[1].encode(), 1)
    copy.write_bytes(broken)
    with pytest.raises(InvalidInput):
        lint_file(copy)
    with pytest.raises(InvalidInput) as caught:
        fix_file(copy)
    assert caught.value.diagnostics[0].code in ("yaml-syntax", "duplicate-key")
    assert copy.read_bytes() == broken
    assert [p.name for p in copy.parent.iterdir()] == ["record.yaml"]


def test_a_file_that_is_not_utf8_is_left_untouched(copy: Path) -> None:
    broken = RECORD.read_bytes().replace("صبح".encode(), "صبح".encode("utf-16-le"), 1)
    copy.write_bytes(broken)
    with pytest.raises(InvalidInput):
        fix_file(copy)
    assert copy.read_bytes() == broken


# --- every scalar style ---------------------------------------------------------------------------

MI = f"می{ZWNJ}شود"
STYLE_FIXES = [
    # (file, the same file fixed)
    ("k: میشود\n", f"k: {MI}\n"),
    ("k: میشود  # یادداشت\n", f"k: {MI}  # یادداشت\n"),
    ("k:   اول  دوم\n", "k:   اول دوم\n"),
    ("k: اول\n  میشود\n", f"k: اول\n  {MI}\n"),
    ("k: برنامه\n  ریزی\n", f"k: برنامه{ZWNJ}ریزی\n"),  # a half-space across a fold joins the lines
    (f"k: کار{NBSP}\n  تمام\n", "k: کار\n  تمام\n"),
    ("k: 'گفت ''آری'' و میشود'\n", f"k: 'گفت ''آری'' و {MI}'\n"),
    ("k: 'اول\n\n  میشود'\n", f"k: 'اول\n\n  {MI}'\n"),
    ('k: "\\tمیشود"\n', f'k: "\\t{MI}"\n'),
    ('k: "دفتر\\_اجتماعی"\n', 'k: "دفتر اجتماعی"\n'),
    ('k: "دفتر\\u00a0اجتماعی"\n', 'k: "دفتر اجتماعی"\n'),
    ('k: "گفت \\"کار تمام است\\" و رفت"\n', 'k: "گفت «کار تمام است» و رفت"\n'),
    ('k: "اول \\\n  میشود"\n', f'k: "اول \\\n  {MI}"\n'),
    ("k: |\n  میشود\n  دوم\n", f"k: |\n  {MI}\n  دوم\n"),
    ("k: |2\n  میشود\n", f"k: |2\n  {MI}\n"),
    ("k: |1\n    میشود\n", f"k: |1\n  {MI}\n"),  # the value starts with three spaces
    ("list:\n  - |+\n    میشود\n\n", f"list:\n  - |+\n    {MI}\n\n"),
    ("k: >\n  اول\n  میشود\n\n  دوم\n", f"k: >\n  اول\n  {MI}\n\n  دوم\n"),
    ("k: >-\n  اول\n\n    میشود\n", f"k: >-\n  اول\n\n   {MI}\n"),  # a more-indented line
    ("k: [میشود, اول]\n", f"k: [{MI}, اول]\n"),
    ("k: {a: 'میشود', b: [x]}\n", f"k: {{a: '{MI}', b: [x]}}\n"),
    ("a:\n  - b:\n      - c: میشود\n", f"a:\n  - b:\n      - c: {MI}\n"),
    ("k: |\r\n  میشود\r\n  دوم\r\n", f"k: |\r\n  {MI}\r\n  دوم\r\n"),
    ("k: اول\r\n  میشود\r\n", f"k: اول\r\n  {MI}\r\n"),
    ("k: كارگروه اجتماعي\n", "k: کارگروه اجتماعی\n"),
    # a repeated paragraph goes with its own line and nothing else
    (
        "k: |\n  سطر اول جلسه\n  سطر دوم جلسه\n  سطر اول جلسه\n  سطر سوم جلسه\n# پایان\n",
        "k: |\n  سطر اول جلسه\n  سطر دوم جلسه\n  سطر سوم جلسه\n# پایان\n",
    ),
    (
        "k: |-\n  سطر اول جلسه\n  سطر دوم جلسه\n  سطر اول جلسه\n# پایان\n",
        "k: |-\n  سطر اول جلسه\n  سطر دوم جلسه\n# پایان\n",
    ),
    (
        "k: >\n  سطر اول جلسه\n\n  سطر دوم جلسه\n\n  سطر اول جلسه\nn: 1\n",
        "k: >\n  سطر اول جلسه\n\n  سطر دوم جلسه\n\nn: 1\n",
    ),
    (
        "k: سطر اول جلسه\n\n  سطر دوم جلسه\n\n  سطر اول جلسه\nn: 1\n",
        "k: سطر اول جلسه\n\n  سطر دوم جلسه\nn: 1\n",
    ),
]


@pytest.mark.parametrize(("before", "after"), STYLE_FIXES)
def test_fix_in_every_scalar_style(tmp_path: Path, before: str, after: str) -> None:
    path = tmp_path / "r.yaml"
    path.write_bytes(before.encode())
    findings = lint_file(path)
    assert findings and all(f.fixable for f in findings), findings
    assert fix_file(path) == len(findings)
    assert path.read_bytes().decode() == after
    assert fix_file(path) == 0


@pytest.mark.parametrize(
    ("source", "position"),
    [
        ("k: میشود\n", (1, 6)),
        ("k: >\n  اول\n  میشود\n", (3, 5)),
        ("k: 'گفت ''آری'' میشود'\n", (1, 19)),
        ('k: "\\tاول \\\n    میشود"\n', (2, 7)),
        ("list:\n  - |4\n      میشود\n", (3, 9)),
    ],
)
def test_positions_point_at_the_characters_in_the_file(tmp_path: Path, source: str, position: tuple[int, int]) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(source, encoding="utf-8")
    (finding,) = lint_file(path, "r.yaml")
    assert (finding.line, finding.column, finding.code) == (*position, "half-space")


def test_a_fix_that_would_change_the_yaml_is_only_reported(tmp_path: Path) -> None:
    source = "k: دستور:بررسی\n"  # a space after «:» would make the plain value a mapping
    path = tmp_path / "r.yaml"
    path.write_text(source, encoding="utf-8")
    (finding,) = lint_file(path)
    assert finding.code == "space-after-punctuation"
    assert not finding.fixable
    assert "not fixed automatically" in finding.message
    assert fix_file(path) == 0
    assert path.read_text(encoding="utf-8") == source


# --- properties -----------------------------------------------------------------------------------

# fmt: off
FRAGMENTS = [
    " ", NBSP, ZWNJ, "\n", "\n\n", "ي", "ك", ".", "،", ":", '"', "'", "#", "\\", "\t", "4", "۱۲", "و", "ئ",
    "می", "شود", "کردند", "ها", "های", "برنامه", "ریزی", "موسی", "پور", "مدت", "بلند", "طرح",
    "مقاومتی", "مقاوتی", "ئاجرای", "کردندو", "وگفتمان", "دستگاه", "سطر اول جلسه\n", "A4",
]
# fmt: on
STYLES = [None, "'", '"', "|", ">"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    texts=st.lists(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=25).map("".join), min_size=1, max_size=3),
    style=st.sampled_from(STYLES),
)
def test_fix_keeps_the_data_and_converges(tmp_path: Path, texts: list[str], style: str | None) -> None:
    path = tmp_path / "p.yaml"
    document = {"items": [{"text": text, "n": str(index)} for index, text in enumerate(texts)]}
    path.write_text(
        "# a comment\n" + yaml.dump(document, allow_unicode=True, default_style=style, width=30), encoding="utf-8"
    )
    before = load_file(path).data
    findings = lint_file(path)
    assert fix_file(path) >= sum(f.fixable for f in findings)
    after = load_file(path).data
    assert [item["n"] for item in after["items"]] == [item["n"] for item in before["items"]]
    if all(f.fixable for f in findings):
        assert_fixed_data(before, after)
    assert path.read_text(encoding="utf-8").startswith("# a comment\n")
    assert not any(f.fixable for f in lint_file(path))
    once = path.read_bytes()
    assert fix_file(path) == 0
    assert path.read_bytes() == once
