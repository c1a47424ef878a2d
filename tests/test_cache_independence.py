"""Whether a record is valid never depends on the build cache: ``validate`` and ``build`` give the same
diagnostics for the same files, whatever the cache holds (stale, missing, damaged or edited by hand)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, SEED_RECORD

from minutes.build.cache import MANIFEST
from minutes.cli import main
from minutes.workspace import Workspace

LARGE = "social-cultural-1403-05-17"
TINY = "harms-committee-1403-05-10"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def diagnostics(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(args)
    return code, [line for line in capsys.readouterr().err.splitlines() if ".yaml:" in line]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example workspace, built once: its cache vouches for every record."""
    root = tmp_path_factory.mktemp("cache") / "ws"
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(ROOT / "fonts", root / "fonts")
    assert main(["-C", str(root), "build", "-o", str(root / "out"), "-q", "-j", "2"]) == 0
    return root


def damage(manifest: Path, how: str) -> None:
    if how == "missing":
        manifest.unlink()
    elif how == "truncated":
        manifest.write_bytes(manifest.read_bytes()[: manifest.stat().st_size // 2])
    elif how == "edited":  # the large record no longer refers to anything, as far as the cache says
        data = json.loads(manifest.read_text(encoding="utf-8"))
        data["records"][f"data/meetings/{LARGE}.yaml"]["refs"] = []
        manifest.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


@pytest.mark.parametrize("cache", ["stale", "missing", "truncated", "edited"])
def test_validate_and_build_agree_whatever_the_cache_holds(built: Path, tmp_path: Path, cache: str,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    root = shutil.copytree(built, tmp_path / "ws")
    workspace = Workspace.at(root)
    # The tiny meeting is renumbered: the large record, unchanged, follows up a decision that is gone.
    edit(workspace.meetings / f"{TINY}.yaml", "  number: 3\n", "  number: 4\n")
    # The seed meeting takes the large one's number: both now give the same decision ids.
    edit(workspace.meetings / f"{SEED_RECORD}.yaml", "  date: 1395/08/12\n", "  number: 12\n  date: 1395/08/12\n")
    damage(root / "out" / MANIFEST, cache)
    expected = diagnostics(["-C", str(root), "validate"], capsys)
    assert expected[0] == 1
    assert {line.split(": ")[1] for line in expected[1]} == {"unknown-decision", "duplicate-decision-id"}
    assert any(LARGE in line and "unknown-decision" in line for line in expected[1])  # the unchanged record
    assert diagnostics(["-C", str(root), "build", "-o", str(root / "out"), "-q"], capsys) == expected


def test_an_unchanged_record_is_checked_again_when_another_gives_its_ids(built: Path, tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    root = shutil.copytree(built, tmp_path / "ws")
    meetings = Workspace.at(root).meetings
    edit(meetings / f"{SEED_RECORD}.yaml", "  date: 1395/08/12\n", "  number: 12\n  date: 1395/08/12\n")
    code, lines = diagnostics(["-C", str(root), "build", "-o", str(root / "out"), "-q"], capsys)
    assert code == 1
    assert sorted(Path(line.split(":")[0]).name for line in lines) == sorted(
        f"{name}.yaml" for name in (SEED_RECORD, LARGE))
