"""Lint on whole records: the shipped examples are clean, a decision's typed «مقرر گردید» is fixed in the
file, a word with Arabic letters is one finding, and only prose counts as a repeated paragraph."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from minutes.cli import main
from minutes.lint import fix_and_lint, lint_file
from minutes.load import load_file
from minutes.model import Record

DECISION_RECORD = """\
meeting:
  body: harms-committee
  date: 1403/05/10
  place: دفتر اجتماعی استانداری
  chair: nouri
attendance:
  present: [nouri]
agenda:
  - title: آموزش مهارت‌های زندگی
decisions:
  - text: مقرر گردید فهرست مدارس تهیه شود.
    responsible: [education]
  - text: >-
      مقرر شد: گزارش کار
      به دبیرخانه ارسال شود.
    responsible: [education]
  - text: "مقرر گرديد مقرر گردید نامه ای به دبیرخانه ارسال شود."
    responsible: [education]
"""


def test_the_shipped_examples_have_no_finding(capsys: pytest.CaptureFixture[str]) -> None:
    """The report of issue 12: `minutes lint` on the examples exited 1 (a standard purpose of a copy flagged)."""
    assert main(["-C", str(ROOT), "lint", str(ROOT / "data")]) == 0
    assert main(["-C", str(ROOT), "lint"]) == 0
    assert capsys.readouterr().out == ""


def test_a_folder_is_linted_file_by_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "meetings").mkdir()
    (tmp_path / "meetings" / "a.yaml").write_text("summary: برنامه ریزی\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("summary: می شود\n", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    assert main(["lint", str(tmp_path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert [line.split(": ")[0].rsplit("/", 2)[-2:] for line in out] == [[tmp_path.name, "b.yaml:1:12"],
                                                                         ["meetings", "a.yaml:1:16"]]
    assert main(["lint", str(tmp_path / "empty")]) == 0  # an empty folder is not the whole workspace
    assert capsys.readouterr().out == ""


def test_a_typed_decision_prefix_is_found_and_fixed_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "record.yaml"
    path.write_text(DECISION_RECORD, encoding="utf-8")
    findings = [(f.line, f.column, f.code, f.fixable) for f in lint_file(path)]
    assert findings == [(11, 11, "decision-prefix", True), (14, 7, "decision-prefix", True),
                        (17, 12, "decision-prefix", True), (17, 38, "half-space", True)]
    edits, left = fix_and_lint(path)
    assert (edits, left) == (4, [])
    texts = [decision["text"] for decision in load_file(path).data["decisions"]]
    assert texts == ["فهرست مدارس تهیه شود.", "گزارش کار به دبیرخانه ارسال شود.", "نامه‌ای به دبیرخانه ارسال شود."]
    Record.model_validate(load_file(path).data)


def test_a_word_with_several_arabic_letters_is_one_finding_with_the_whole_fix(tmp_path: Path) -> None:
    path = tmp_path / "record.yaml"
    path.write_text("summary: جلسه كميته كوچك\n", encoding="utf-8")
    findings = lint_file(path)
    assert [(f.line, f.column, f.code) for f in findings] == [(1, 15, "arabic-letter"), (1, 21, "arabic-letter")]
    assert findings[0].message == "write «کمیته» with Persian letters instead of «كميته»"
    assert fix_and_lint(path) == (2, [])
    assert path.read_text(encoding="utf-8") == "summary: جلسه کمیته کوچک\n"


def test_only_prose_counts_as_a_repeated_paragraph(tmp_path: Path) -> None:
    shutil.copy(ROOT / "data" / "meetings" / "social-cultural-1403-05-17.yaml", tmp_path / "large.yaml")
    large = tmp_path / "large.yaml"
    assert lint_file(large) == []  # «جهت درج در پرونده» is the purpose of two copies
    decision = "  - text: گزارش پیشرفت مصوبه جلسه سوم کمیته تخصصی"
    text = large.read_text(encoding="utf-8")
    copied = next(line for line in text.splitlines() if line.startswith(decision))
    large.write_text(text.replace("decisions:\n", f"decisions:\n{copied}\n    responsible: [welfare]\n", 1),
                     encoding="utf-8")
    [finding] = lint_file(large)
    assert (finding.code, finding.fixable) == ("repeated-paragraph", False)
