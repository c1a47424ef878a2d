"""The command line as a user meets it: messages, exit codes, and nothing written on bad input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEED_RECORD

from minutes.cli import main, parser
from minutes.workspace import Workspace

BROKEN_RECORD = """\
meeting:
  body: social-cultural-wg
  date: 1404/12/30
  weekday: چهارشنبه
  place: دفتر
  chair: mousapur
  chair: mousapour
  colour: blue
attendance:
  present: [mousapour]
agenda:
  - title: یک
"""


def run(workspace: Workspace, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["-C", str(workspace.root), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_build_writes_both_pdfs(workspace: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    code, stdout, _ = run(workspace, "build", "-o", str(out), "-q", capsys=capsys)
    assert code == 0
    written = {p.name for p in (out / SEED_RECORD).iterdir()}
    assert {"letter-forwarding.pdf", "minutes.pdf"} <= written
    assert all(workspace.display_name(out / SEED_RECORD / name) in stdout.splitlines() for name in written)


def test_duplicate_key_reported_and_nothing_written(workspace: Workspace, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    (workspace.meetings / "broken.yaml").write_text(BROKEN_RECORD, encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, stderr = run(workspace, "build", "-o", str(out), capsys=capsys)
    assert code == 1
    assert stdout == ""
    assert any(line.endswith("broken.yaml:7:3: duplicate-key: duplicate key 'chair' (first given on line 6)")
               for line in stderr.splitlines())
    assert not out.exists()


def test_every_schema_problem_in_one_run(workspace: Workspace, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    record = BROKEN_RECORD.replace("  chair: mousapur\n", "")
    (workspace.meetings / "broken.yaml").write_text(record, encoding="utf-8")
    code, _, stderr = run(workspace, "validate", capsys=capsys)
    assert code == 1
    lines = [line.split("broken.yaml:", 1)[1] for line in stderr.splitlines() if "broken.yaml:" in line]
    assert lines == [
        "3:9: bad-date: 1404/12/30 is not a real Jalali date: Esfand 1404 has 29 days",
        "7:3: unknown-field: unknown field 'colour'",
    ]


def test_reference_problems_suggest_the_id(workspace: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    record = BROKEN_RECORD.replace("  chair: mousapour\n", "").replace("  colour: blue\n", "").replace(
        "1404/12/30", "1395/08/13")
    (workspace.meetings / "broken.yaml").write_text(record, encoding="utf-8")
    code, _, stderr = run(workspace, "validate", capsys=capsys)
    assert code == 1
    lines = [line.split("broken.yaml:", 1)[1] for line in stderr.splitlines() if "broken.yaml:" in line]
    assert lines == [
        "4:12: weekday-mismatch: 1395/08/13 is a پنج‌شنبه, not چهارشنبه",
        "6:10: unknown-id: no person with id 'mousapur'; did you mean 'mousapour'?",
    ]


def test_validate_accepts_the_example(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-C", str(ROOT), "validate"]) == 0
    count = len(list((ROOT / "data" / "meetings").glob("*.yaml")))
    assert f"{count} record(s) valid" in capsys.readouterr().err


COMMANDS = parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]


def test_the_commands_are_all_there() -> None:
    assert {"build", "validate", "lint", "schema", "new", "issue", "verify", "search", "doctor"} <= set(COMMANDS)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_has_help(command: str) -> None:
    sub = COMMANDS[command]
    assert sub.description and len(sub.format_help()) > 100
    assert all(action.help for action in sub._actions)


def test_python_dash_m_and_doctor() -> None:
    result = subprocess.run([sys.executable, "-m", "minutes", "-C", str(ROOT), "doctor"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "WeasyPrint 70" in result.stdout
    assert "will embed: Vazirmatn" in result.stdout


@pytest.mark.parametrize(("args", "environ"), [(["--lang", "fa"], {}), ([], {"LANG": "fa_IR.UTF-8"})])
def test_messages_in_persian(workspace: Workspace, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                             args: list[str], environ: dict[str, str]) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    (workspace.meetings / "broken.yaml").write_text(BROKEN_RECORD, encoding="utf-8")
    assert main(["-C", str(workspace.root), *args, "validate"]) == 1
    expected = "broken.yaml:7:3: duplicate-key: فیلد «chair» تکراری است (بار اول در سطر 6 آمده است)"
    assert expected in capsys.readouterr().err


def test_lint_reports_and_fixes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record = tmp_path / "seed.yaml"
    record.write_bytes((ROOT / "tests" / "fixtures" / "seed-news-record.yaml").read_bytes())
    assert main(["lint", str(record)]) == 1
    before = capsys.readouterr().out.splitlines()
    assert any(": half-space: write «موسی‌پور» with a half-space" in line for line in before)
    assert main(["lint", "--fix", str(record)]) == 1  # a paragraph repeated across values stays for a person
    fixed = capsys.readouterr()
    assert "fix(es) applied" in fixed.err
    remaining = fixed.out.splitlines()
    assert 0 < len(remaining) < len(before)
    assert not any(": half-space:" in line for line in remaining)


@pytest.mark.parametrize("command", [["new"], ["issue", f"data/meetings/{SEED_RECORD}.yaml"]])
def test_a_date_that_does_not_exist_is_a_usage_error_and_nothing_is_written(
        workspace: Workspace, command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    before = sorted(p for p in workspace.root.rglob("*"))
    with pytest.raises(SystemExit) as exit_:
        main(["-C", str(workspace.root), *command, "--date", "1404/13/40"])
    assert exit_.value.code == 2
    assert "1404/13/40 is not a real Jalali date: month 13 does not exist" in capsys.readouterr().err
    assert sorted(p for p in workspace.root.rglob("*")) == before
