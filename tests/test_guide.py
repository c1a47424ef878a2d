"""The user guide (docs/guide.fa.md and its English twin) kept honest, as sqlite-utils keeps its docs:
every shell block runs, in order, in a workspace `minutes init` makes; every YAML example is valid where it
says it goes; every message it quotes is the one the program gives; its Persian passes `minutes lint`.

Marks in the guide, an HTML comment on the line before a block:
``<!-- file: PATH -->`` the block is the whole file PATH, written there before the next shell block runs;
``<!-- gives: CODE -->`` the YAML example is wrong on purpose: it gives CODE, worded as the next text block;
``<!-- not run: REASON -->`` the block is shown but not run (it installs, or needs a git identity).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT

from minutes.diagnostics import InvalidInput
from minutes.init import init_workspace
from minutes.lint.rules import lint
from minutes.load import parse
from minutes.model import Directory, Record
from minutes.sources import check_workspace
from minutes.workspace import Workspace

GUIDES = {"fa": ROOT / "docs" / "guide.fa.md", "en": ROOT / "docs" / "guide.en.md"}
BLOCK = re.compile(r"(?:^<!-- (?P<mark>[a-z ]+): (?P<arg>[^\n]*?) -->\n)?^```(?P<kind>[a-z]*)\n(?P<body>.*?)^```$",
                   re.MULTILINE | re.DOTALL)
RECORD = "data/meetings/working-group-1404-02-09.yaml"


@dataclass(frozen=True)
class Block:
    kind: str
    body: str
    mark: str | None
    arg: str | None
    line: int


def blocks(lang: str) -> list[Block]:
    text = GUIDES[lang].read_text(encoding="utf-8")
    found = [Block(m["kind"], m["body"], m["mark"], m["arg"], text.count("\n", 0, m.start("kind")) + 1)
             for m in BLOCK.finditer(text)]
    assert {b.mark for b in found} <= {None, "file", "gives", "not run"}, [b.mark for b in found]
    return found


def _runnable(lang: str) -> list[tuple[str, str | None, str | None, str]]:
    return [(b.kind, b.mark, b.arg, b.body) for b in blocks(lang) if b.kind in ("sh", "yaml")]


def test_both_guides_show_the_same_commands_and_examples() -> None:
    assert _runnable("fa") == _runnable("en")
    assert len(_runnable("fa")) > 20


def _script(lang: str) -> str:
    """The guide's shell blocks and files as one script, in the guide's order."""
    parts = ["set -euo pipefail"]
    for block in blocks(lang):
        if block.mark == "file":
            parts.append(f"cat > {block.arg} <<'GUIDE_EOF'\n{block.body}GUIDE_EOF")
        elif block.kind == "sh" and block.mark is None:
            parts += [f"echo '>>> guide.{lang}.md line {block.line}' >&2", block.body]
    return "\n".join(parts) + "\n"


def test_every_command_of_the_guide_runs_in_order(tmp_path: Path) -> None:
    bin_dir = str(Path(sys.executable).parent)
    env = os.environ | {"PATH": bin_dir + os.pathsep + os.environ.get("PATH", ""), "LANG": "C.UTF-8"}
    env.pop("LC_ALL", None)
    result = subprocess.run(["bash", "-c", _script("fa")], cwd=tmp_path, env=env, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, f"{result.stdout[-2000:]}\n{result.stderr[-4000:]}"
    office = tmp_path / "office"
    assert (office / "archive" / "working-group-1404-02-09" / "v1" / "data" / "minutes.pdf").is_file()
    assert (office / "out" / "followup" / "1404-04-01" / "working-group" / "ledger.pdf").is_file()
    assert (office / "out" / "working-group-1404-02-09" / "letter-1.pdf").is_file()
    assert "byte-identical" in result.stderr and "working-group-1404-02-09" in result.stdout  # rerender, search


def _load(text: str, name: str) -> dict[str, Any]:
    loaded = parse(text, Path(name), name)
    assert not isinstance(loaded, InvalidInput) and hasattr(loaded, "data"), loaded
    return dict(loaded.data)


def _dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


@pytest.fixture(scope="module")
def guide_workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """A new workspace with the guide's whole record of the second meeting in place."""
    root = tmp_path_factory.mktemp("guide") / "office"
    init_workspace(root)
    (whole,) = [b for b in blocks("fa") if b.mark == "file" and b.arg == RECORD]
    (root / RECORD).write_text(whole.body, encoding="utf-8")
    return Workspace.at(root)


def _with_example(workspace: Workspace, example: dict[str, Any]) -> None:
    """Put an example into the record (its parts replace the record's) or the directory (entries added)."""
    record = _load((workspace.root / RECORD).read_text(encoding="utf-8"), RECORD)
    directory_path = workspace.data / "directory.yaml"
    directory = _load(directory_path.read_text(encoding="utf-8"), "directory.yaml")
    for key, value in example.items():
        if key in Record.model_fields:
            record[key] = value
        else:
            assert key in Directory.model_fields, key
            directory[key] = {**directory.get(key, {}), **value}
    (workspace.root / RECORD).write_text(_dump(record), encoding="utf-8")
    directory_path.write_text(_dump(directory), encoding="utf-8")


def _examples(kind: str | None) -> list[tuple[Block, Block | None]]:
    found = blocks("fa")
    return [(b, found[i + 1] if i + 1 < len(found) else None) for i, b in enumerate(found)
            if b.kind == "yaml" and b.mark == kind]


@pytest.mark.parametrize("example", [b for b, _ in _examples(None)], ids=lambda b: f"line-{b.line}")
def test_every_yaml_example_is_valid_where_it_goes(example: Block, guide_workspace: Workspace,
                                                     tmp_path: Path) -> None:
    workspace = _copy(guide_workspace, tmp_path)
    _with_example(workspace, _load(example.body, "example.yaml"))
    validated = check_workspace(workspace)
    assert len(validated.records) == 2 and not validated.warnings, validated.warnings


def _copy(workspace: Workspace, tmp_path: Path) -> Workspace:
    import shutil

    shutil.copytree(workspace.root, tmp_path / "office", ignore=shutil.ignore_patterns("fonts"))
    return Workspace.at(tmp_path / "office")


@pytest.mark.parametrize("lang", sorted(GUIDES))
@pytest.mark.parametrize("number", range(4))
def test_every_quoted_message_is_the_one_given(lang: str, number: int, guide_workspace: Workspace,
                                               tmp_path: Path) -> None:
    wrong = [(b, _examples_in(lang, b)) for b in blocks(lang) if b.mark == "gives"]
    assert len(wrong) == 4
    example, quoted = wrong[number]
    workspace = _copy(guide_workspace, tmp_path)
    _with_example(workspace, _load(example.body, "example.yaml"))
    with pytest.raises(InvalidInput) as raised:
        check_workspace(workspace)
    given = [d.format(lang).split(": ", 1)[1] for d in raised.value.diagnostics if d.code == example.arg]
    assert quoted.split(": ", 1)[1] in given


def _examples_in(lang: str, wrong: Block) -> str:
    """The text block that follows a wrong example: the message it gives."""
    later = [b for b in blocks(lang) if b.line > wrong.line and b.kind == "text"]
    return later[0].body.strip()


def _prose(text: str) -> list[str]:
    """The guide's Persian prose lines: no code blocks, code spans, comments or table rules."""
    text = re.sub(r"^```.*?^```$", "", text, flags=re.MULTILINE | re.DOTALL)
    text = re.sub(r"<!--.*?-->", "", text)
    lines = []
    for line in text.splitlines():
        line = re.sub(r"`[^`]*`", "کد", line)  # a code span reads as a word
        line = re.sub(r"^\s*(#+|-|\|)\s*|\s*\|\s*", " ", line).strip()
        if re.search("[\u0600-\u06ff]", line):
            lines.append(line)
    return lines


def test_the_persian_guide_passes_the_persian_typing_rules() -> None:
    found = {line: [s.code for s in lint(line)] for line in _prose(GUIDES["fa"].read_text(encoding="utf-8"))}
    assert {line: codes for line, codes in found.items() if codes} == {}
    assert len(found) > 100


def test_the_persian_typing_rules_would_catch_the_guide() -> None:
    """The check above can fail: an Arabic yeh and a missing half-space are found in a prose line."""
    assert {s.code for s in lint("این راهنما براي دبیر جلسه است و نامه ها را می سازد.")} >= {"arabic-letter"}
