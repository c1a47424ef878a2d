"""``minutes init``: lay out a new office's workspace, with a sample meeting that builds and issues.

The files come from ``minutes/starter/`` (records, a Makefile, a Persian README), the JSON Schemas
editors use, the font and the user guide this installation carries. An installed package carries
the font and the guide inside it (``minutes/fonts/``, ``minutes/docs/``, put there by setup.py); a
source checkout has them in its own ``fonts/`` and ``docs/``. The font is copied into the workspace
so that an office's originals are rendered with the font files of its own workspace, whatever
version of minutes is installed later.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from minutes.diagnostics import BadArgument, MinutesError, Note
from minutes.output.files import Staging
from minutes.schema import schema_text

PACKAGE = Path(__file__).resolve().parent
STARTER = PACKAGE / "starter"
FONT = "vazirmatn"
FONT_FILES = ("Vazirmatn-Regular.ttf", "Vazirmatn-Bold.ttf", "OFL.txt", "SHA256SUMS")
GUIDES = ("guide.fa.md", "guide.en.md")
RENAMED = {"dot-gitignore": ".gitignore"}  # a package's data files are better not hidden


def _carried(folder: str) -> Path | None:
    """The package's copy of ``folder`` (an installed wheel), else the source checkout's."""
    checkout = PACKAGE.parent
    for candidate in (PACKAGE / folder, checkout / folder if (checkout / "pyproject.toml").is_file() else None):
        if candidate is not None and candidate.is_dir():
            return candidate
    return None


def carried_font() -> dict[str, bytes]:
    """The font files this installation carries, checked against their ``SHA256SUMS``; empty when absent."""
    fonts = _carried("fonts")
    folder = fonts / FONT if fonts else None
    if folder is None or not all((folder / name).is_file() for name in FONT_FILES):
        return {}
    files = {name: (folder / name).read_bytes() for name in FONT_FILES}
    for line in files["SHA256SUMS"].decode("utf-8").splitlines():
        digest, name = line.split()
        if hashlib.sha256(files.get(name, b"")).hexdigest() != digest:
            raise MinutesError(Note.of("init-changed-file", file=folder / name, sums=folder / "SHA256SUMS"))
    return files


def starter_files() -> dict[str, bytes]:
    """Every file of a new workspace, by path relative to it."""
    files = {}
    for path in sorted(STARTER.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            relative = path.relative_to(STARTER).as_posix()
            files[RENAMED.get(relative, relative)] = path.read_bytes()
    for kind in ("record", "directory"):
        files[f"schema/{kind}.schema.json"] = schema_text(kind).encode("utf-8")
    files |= {f"fonts/{FONT}/{name}": data for name, data in carried_font().items()}
    docs = _carried("docs")
    files |= {f"docs/{name}": (docs / name).read_bytes() for name in GUIDES if docs and (docs / name).is_file()}
    return files


def init_workspace(root: Path, *, keep_existing: bool = False) -> list[Path]:
    """Write a new workspace at ``root``, all files or none; returns the files written.

    A folder that holds anything is refused unless ``keep_existing``: then only the files it lacks
    are added and none of its own is replaced.
    """
    if root.exists() and not root.is_dir():
        raise BadArgument(Note.of("init-not-folder", folder=root))
    present = sorted(p.name for p in root.iterdir()) if root.is_dir() else []
    if present and not keep_existing:
        shown = ", ".join(present[:5]) + (" …" if len(present) > 5 else "")
        raise BadArgument(Note.of("init-not-empty", folder=root, shown=shown))
    with Staging(root) as staging:
        for relative, data in starter_files().items():
            target = root / relative
            if not target.exists():
                staging.add(target, data)
        written = sorted(staging.files)
    return written


def has_font(root: Path) -> bool:
    """Whether the workspace at ``root`` has the font files ``init`` gives it."""
    return all((root / "fonts" / FONT / name).is_file() for name in FONT_FILES)
