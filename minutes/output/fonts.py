"""Find the typeface a document is set in, and say plainly when it is not the one configured.

The workspace's face (Vazirmatn under ``fonts/vazirmatn/``, which ``minutes init`` copies from the
package and ``make fonts`` fetches into a checkout, checked against ``SHA256SUMS``) is used when
present. Otherwise a system Persian face (Noto Naskh Arabic, from Debian's fonts-noto-core) is used
with a warning. Nothing else is ever accepted silently.
"""

from __future__ import annotations

import functools
import hashlib
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from minutes.diagnostics import Note, RenderError
from minutes.workspace import Workspace

FALLBACK_FAMILY = "Noto Naskh Arabic"
FALLBACK_COMPANION = "Noto Sans"  # Latin letters, '-' and '/' missing from Noto Naskh Arabic
WEIGHTS = {"Regular": 400, "Bold": 700}


@dataclass(frozen=True)
class FontChoice:
    """The face documents are set in, where it comes from and which PDF font names it may embed."""

    family: str
    files: tuple[tuple[int, Path], ...]
    embedded_names: tuple[str, ...]
    warning: Note | None = None

    def stylesheet(self, workspace: Workspace) -> str:
        """``@font-face`` rules (workspace-relative URLs) and the document font stack."""
        rules = [
            f'@font-face {{ font-family: "{self.family}"; font-weight: {weight}; '
            f'src: url("{path.relative_to(workspace.root).as_posix()}"); }}'
            for weight, path in self.files
        ]
        stack = ", ".join(f'"{name}"' for name in (self.family, *self.embedded_names[1:]))
        rules.append(f"html {{ font-family: {stack}; }}")
        return "\n".join(rules)


def _checksums(folder: Path) -> dict[str, str]:
    sums = folder / "SHA256SUMS"
    if not sums.is_file():
        return {}
    pairs = (line.split() for line in sums.read_text(encoding="utf-8").splitlines() if line.strip())
    return {name.lstrip("*"): digest for digest, name in pairs}


def bundled_font(workspace: Workspace, family: str) -> FontChoice | None:
    """The workspace's copy of ``family`` under ``fonts/<family>/``, verified; None when absent."""
    folder = workspace.fonts / family.lower()
    files = []
    sums = _checksums(folder)
    for style, weight in WEIGHTS.items():
        path = folder / f"{family}-{style}.ttf"
        if not path.is_file():
            return None
        if workspace.leads_out(path):
            raise RenderError(Note.of("link-outside.font", path=path))
        expected = sums.get(path.name)
        actual = hashlib.sha256(path.read_bytes()).hexdigest()
        if expected != actual:
            raise RenderError(Note.of("font-checksum", path=path, checksum=actual[:12]))
        files.append((weight, path))
    return FontChoice(family, tuple(files), (family,))


def system_font_file(family: str) -> Path | None:
    """The file fontconfig has for exactly ``family``, or None."""
    if shutil.which("fc-match") is None:
        return None
    result = subprocess.run(["fc-match", "-f", "%{family}\n%{file}", f"{family}:style=Regular"],
                            capture_output=True, text=True, check=False)
    lines = result.stdout.splitlines()
    if len(lines) == 2 and family in lines[0].split(","):
        return Path(lines[1])
    return None


def choose_font(workspace: Workspace, family: str) -> FontChoice:
    """The configured face if it is bundled; the system Persian fallback with a warning; or an error."""
    bundled = bundled_font(workspace, family)
    if bundled is not None:
        return bundled
    if system_font_file(FALLBACK_FAMILY) is not None:
        return FontChoice(
            FALLBACK_FAMILY, (), (FALLBACK_FAMILY, FALLBACK_COMPANION),
            warning=Note.of("font-fallback", family=family, folder=str(workspace.fonts / family.lower()),
                            fallback=FALLBACK_FAMILY))
    raise RenderError(Note.of("font-missing", family=family, folder=workspace.fonts / family.lower(),
                              fallback=FALLBACK_FAMILY))


def drawn(font: FontChoice) -> frozenset[int]:
    """The code points the chosen face can draw (with its companion, for the system fallback)."""
    paths = [path for _, path in font.files] or [found for name in font.embedded_names
                                                 if (found := system_font_file(name)) is not None]
    return _code_points(tuple(sorted(paths)))


@functools.cache
def _code_points(paths: tuple[Path, ...]) -> frozenset[int]:
    from fontTools.ttLib import TTFont  # light: the cmap alone is read

    points: set[int] = set()
    for path in paths:
        with TTFont(path, lazy=True) as face:
            points.update(face.getBestCmap() or {})
    return frozenset(points)
