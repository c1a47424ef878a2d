"""The package as an office gets it: an sdist, a wheel built from it, installed into a fresh venv with
nothing from the repository, then a new workspace taken from `minutes init` through a whole meeting.

Network: only the package index (the locked dependencies). About a minute with pip's cache warm.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

LOCK = ROOT / "requirements.lock"
LEFT_BEHIND = {"archive", "out", "build", "dist"}  # at the top of the checkout: what builds and tests make


def _run(args: list[str | Path], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{' '.join(map(str, args))} failed ({result.returncode}):\n" \
                                   f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def _clean_environment(home: Path) -> dict[str, str]:
    """The environment of a user who never saw the repository: no venv, no PYTHONPATH."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME") and not key.startswith("MINUTES_")}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep)
                                  if not p.startswith(str(ROOT)))
    return env | {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}


def _pins(lock: Path) -> dict[str, str]:
    """name → version of every pin in a lock, each checked to carry at least one hash."""
    pinned = re.compile(r"^([a-z0-9._-]+)==(\S+)[^\n]*\\\n\s+--hash=sha256:[0-9a-f]{64}", re.MULTILINE)
    entries = pinned.findall(lock.read_text())
    assert len(entries) == len(re.findall(r"^\S+==", lock.read_text(), re.MULTILINE)), "a pin without a hash"
    return {re.sub(r"[._-]+", "-", name.lower()): version for name, version in entries}


def test_the_locks_pin_every_dependency_with_hashes() -> None:
    """A dependency added to pyproject.toml without `make lock` fails here, before any install."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {kind: {re.sub(r"[._-]+", "-", re.split(r"[<>=~! \[]", spec)[0].lower()) for spec in specs}
              for kind, specs in (("run", project["dependencies"]), ("test", project["optional-dependencies"]["test"]))}
    run, dev = _pins(LOCK), _pins(ROOT / "requirements-dev.lock")
    assert wanted["run"] <= set(run), wanted["run"] - set(run)
    assert wanted["run"] | wanted["test"] <= set(dev), (wanted["run"] | wanted["test"]) - set(dev)
    assert {name: dev[name] for name in run} == run  # the test tools run on the very versions offices get
    assert {"weasyprint", "pydyf", "fonttools"} <= set(run)


def _left_behind(folder: str, names: list[str]) -> set[str]:
    hidden = {name for name in names if name.startswith(".") or name == "__pycache__" or name.endswith(".egg-info")}
    return hidden | (LEFT_BEHIND & set(names) if Path(folder) == ROOT else set())


@pytest.fixture(scope="module")
def distributions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sdist and the wheel built from it (``python -m build``), from a copy of the checkout."""
    work = tmp_path_factory.mktemp("dist")
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=_left_behind)
    _run([sys.executable, "-m", "build", "--outdir", work / "dist", source], work, dict(os.environ))
    (sdist,) = (work / "dist").glob("minutes-*.tar.gz")
    (wheel,) = (work / "dist").glob("minutes-*.whl")
    return sdist, wheel


def test_sdist_and_wheel_carry_templates_watermark_font_and_starter(distributions: tuple[Path, Path]) -> None:
    sdist, wheel = distributions
    with tarfile.open(sdist) as archive:
        in_sdist = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    with zipfile.ZipFile(wheel) as archive:
        in_wheel = set(archive.namelist())
    for name in ("fonts/vazirmatn/Vazirmatn-Regular.ttf", "fonts/vazirmatn/OFL.txt", "requirements.lock",
                 "minutes/templates/watermark.png", "minutes/starter/data/meetings/working-group-1.yaml"):
        assert name in in_sdist, name
    package_files = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "minutes" / "templates").iterdir())
    for name in [*package_files, "minutes/fonts/vazirmatn/Vazirmatn-Bold.ttf", "minutes/fonts/vazirmatn/OFL.txt",
                 "minutes/starter/dot-gitignore", "minutes/starter/Makefile", "minutes/docs/guide.fa.md"]:
        assert name in in_wheel, name


def test_installed_wheel_runs_a_meeting_in_a_new_workspace(distributions: tuple[Path, Path], tmp_path: Path) -> None:
    _, wheel = distributions
    env = _clean_environment(tmp_path)
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", venv], tmp_path, env)
    pip = [venv / "bin" / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    _run([*pip, "--require-hashes", "-r", LOCK], tmp_path, env)
    _run([*pip, "--no-deps", wheel], tmp_path, env)
    minutes = venv / "bin" / "minutes"
    where = _run([venv / "bin" / "python", "-c", "import minutes; print(minutes.__file__)"], tmp_path, env)
    assert Path(where.stdout.strip()).is_relative_to(venv), where.stdout

    office = tmp_path / "office"
    made = _run([minutes, "init", office], tmp_path, env)
    assert "fonts/vazirmatn/Vazirmatn-Regular.ttf" in made.stdout.split()
    new = _run([minutes, "new", "--date", "1404/02/09"], office, env)
    assert new.stdout.strip() == "data/meetings/working-group-1404-02-09.yaml"  # named by its date
    assert "2 record(s) valid" in _run([minutes, "validate"], office, env).stderr
    built = _run([minutes, "build", "-q"], office, env)
    assert "out/working-group-1/minutes.pdf" in built.stdout.split()
    assert "warning" not in built.stderr, built.stderr  # the workspace's own font, not the fallback
    issued = _run([minutes, "issue", "data/meetings/working-group-1.yaml", "--date", "1404/02/10"], office, env)
    assert issued.stdout.split("\n")[0].split("\t")[:2] == ["minutes", "ک‌ن/04/1"]
    assert "every bag, hash, signature and embedded source checks out" in _run([minutes, "verify"], office, env).stderr
    rerendered = _run([minutes, "verify", "--rerender"], office, env)
    assert "byte-identical" in rerendered.stderr, rerendered.stderr
