"""Hostile input and faults (issue 11): throwaway workspaces with a secret beside them, and the checks
every case makes (the fixtures are in conftest.py).

A test sets up its hostile input in ``scene.ws``, calls ``scene.arm()`` (which snapshots every file
under the test's folder except ``out/`` and ``archive/``, and starts watching reads), runs the command
line with ``scene.run(...)`` and ends with ``scene.assert_refused(run, ...)``: exit 1 or 2, no traceback
or internal error, the position when the case is about a record or configuration file, nothing
written outside ``out/`` and ``archive/``, nothing read from ``outside/`` and the secret nowhere.

Reads are seen through a Python audit hook (``open``, directory listings, SQLite), so commands run
in-process (``-j 1``); a subprocess is used only where a process must be killed.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from minutes.cli import main

ROOT = Path(__file__).resolve().parents[2]
REFUSED = (1, 2)  # the exit codes a refused hostile input must give (issue 11)
TINY = "harms-committee-1403-05-10"
SECRET = "TOP-SECRET-7f3a9c"
FUZZ = os.environ.get("MINUTES_FUZZ") == "1"  # `make fuzz`: long fuzzing and the slow kill trials

_watched: list[str] = []
_reads: list[str] = []
_inside_hook = threading.local()
_READ_EVENTS = {"open", "os.listdir", "os.scandir", "sqlite3.connect", "shutil.copyfile", "shutil.copytree"}


def _audit(event: str, args: tuple[object, ...]) -> None:
    """Note every file opened or folder listed below a watched folder (symlinks followed)."""
    if not _watched or event not in _READ_EVENTS or getattr(_inside_hook, "busy", False):
        return
    _inside_hook.busy = True
    try:
        path = args[0] if args else None
        if isinstance(path, str | bytes | os.PathLike):
            real = os.path.realpath(os.fsdecode(path))
            if any(real == root or real.startswith(root + os.sep) for root in _watched):
                _reads.append(f"{event} {real}")
    except Exception:  # an audit hook must never break the code it watches
        pass
    finally:
        _inside_hook.busy = False


sys.addaudithook(_audit)  # for the whole session; idle unless a scene is armed


def stop_watching() -> None:
    """Reads count no more (until the next :meth:`Scene.arm`)."""
    _watched.clear()


@dataclass
class Run:
    """What one command did: its exit code (None when it raised), what it printed, what it raised."""

    code: int | None
    out: str
    err: str
    raised: BaseException | None = None

    @property
    def text(self) -> str:
        return self.out + self.err


def _snapshot(top: Path, skip: tuple[Path, ...]) -> dict[str, tuple[str, str]]:
    """Every file, folder and symlink under ``top`` (symlinks not followed), but not below ``skip``."""
    tree: dict[str, tuple[str, str]] = {}
    for folder, dirs, files in os.walk(top):
        here = Path(folder)
        dirs[:] = [d for d in dirs if here / d not in skip]
        for name in [*dirs, *files]:
            path = here / name
            key = path.relative_to(top).as_posix()
            if path.is_symlink():
                tree[key] = ("link", os.readlink(path))
            elif path.is_dir():
                tree[key] = ("dir", "")
            else:
                tree[key] = ("file", hashlib.sha256(path.read_bytes()).hexdigest())
    return tree


def pdf_text(path: Path) -> str:
    """The text of a PDF as poppler extracts it ("" when it cannot)."""
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                            check=False)
    return result.stdout


def position(path: Path, needle: str, skip: int = 0, display: str | None = None) -> str:
    """``file:line:col:`` of the character ``skip`` characters into the first ``needle`` in the file
    (columns count characters)."""
    text = path.read_text(encoding="utf-8")
    offset = text.index(needle) + skip
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"{display or path.as_posix()}:{line}:{column}:"


@dataclass
class Scene:
    """A throwaway workspace (the tiny example record only) in ``root/ws``, a folder ``root/outside``
    holding a secret, and the checks of issue 11."""

    root: Path
    capsys: pytest.CaptureFixture[str]
    before: dict[str, tuple[str, str]] | None = None
    extra_skips: list[Path] = field(default_factory=list)

    @property
    def ws(self) -> Path:
        return self.root / "ws"

    @property
    def outside(self) -> Path:
        return self.root / "outside"

    @property
    def secret(self) -> Path:
        return self.outside / "secret.txt"

    @property
    def record(self) -> Path:
        return self.ws / "data" / "meetings" / f"{TINY}.yaml"

    def edit(self, path: Path, old: str, new: str, count: int = 1) -> None:
        """Replace ``old`` by ``new`` in a file (it must be there)."""
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        path.write_text(text.replace(old, new, count), encoding="utf-8")

    def where(self, relative: str, needle: str, skip: int = 0) -> str:
        """``relative:line:col:`` of ``needle`` (or of the character ``skip`` into it) in the workspace file
        ``relative``, named as messages name it."""
        return position(self.ws / relative, needle, skip, relative)

    def arm(self) -> None:
        """From now on, every write outside out/ and archive/ and every read in outside/ counts."""
        self.before = self._tree()
        _reads.clear()
        _watched[:] = [os.path.realpath(self.outside)]

    def _tree(self) -> dict[str, tuple[str, str]]:
        return _snapshot(self.root, (self.ws / "out", self.ws / "archive", *self.extra_skips))

    def run(self, *args: str) -> Run:
        """``minutes -C ws ARGS`` in this process, its output captured."""
        self.capsys.readouterr()
        code: int | None = None
        raised: BaseException | None = None
        try:
            code = main(["-C", str(self.ws), *args])
        except SystemExit as stop:  # argparse's usage errors
            code = stop.code if isinstance(stop.code, int) else 2
        except KeyboardInterrupt:
            raise
        except BaseException as error:  # WeasyPrint's FatalURLFetchingError is a BaseException
            raised = error
        captured = self.capsys.readouterr()
        return Run(code, captured.out, captured.err, raised)

    def leaks(self, run: Run | None = None) -> list[str]:
        """Where the secret shows: in the output, in any file of the workspace, in the text of its PDFs."""
        found = []
        if run is not None and SECRET in run.text:
            found.append("command output")
        for path in sorted(self.ws.rglob("*")):
            if path.is_symlink() or not path.is_file():
                continue
            data = path.read_bytes()
            if SECRET.encode() in data or (path.suffix == ".pdf" and SECRET in pdf_text(path)):
                found.append(str(path.relative_to(self.ws)))
        return found

    def assert_untouched(self) -> None:
        """Nothing written outside out/ and archive/, nothing read in outside/, the secret nowhere."""
        assert self.before is not None, "arm() the scene before running the command"
        stop_watching()
        after = self._tree()
        changed = sorted(k for k in self.before.keys() | after.keys() if self.before.get(k) != after.get(k))
        assert changed == [], f"written outside out/ and archive/: {changed}"
        assert _reads == [], f"read outside the workspace: {_reads}"
        assert self.leaks() == [], "the secret was copied into the workspace"

    def assert_refused(self, run: Run, *positions: str) -> None:
        """The command refused the input cleanly (see the module's documentation); when ``positions`` are
        given, the error names one of them (``file:line:col:``)."""
        stop_watching()
        assert run.raised is None, f"raised {type(run.raised).__name__}: {run.raised}"
        assert "Traceback" not in run.text and "internal error" not in run.text, run.text[-2000:]
        assert run.code in REFUSED, f"exit {run.code}: {run.text[-2000:]}"
        assert SECRET not in run.text, "the secret is in the command's output"
        if positions:
            assert any(p in run.err for p in positions), f"none of {positions} in: {run.err[-2000:]}"
        self.assert_untouched()


def make_workspace(root: Path, records: tuple[str, ...] = (TINY,)) -> Path:
    """A copy of the example workspace in ``root/ws`` with only ``records`` (file stems) in data/meetings."""
    ws = root / "ws"
    shutil.copytree(ROOT / "data", ws / "data")
    shutil.copytree(ROOT / "fonts", ws / "fonts")
    (ws / "templates").mkdir()
    for path in (ws / "data" / "meetings").glob("*.yaml"):
        if path.stem not in records:
            path.unlink()
    return ws


def positioned(text: str) -> list[tuple[str, int, int]]:
    """Every ``file:line:col: code:`` diagnostic in ``text``."""
    return [(m[1], int(m[2]), int(m[3])) for m in re.finditer(r"^(\S[^:\n]*):(\d+):(\d+): [a-z][a-z-]*: ", text,
                                                              re.MULTILINE)]
