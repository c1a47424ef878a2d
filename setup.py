"""Carry the font and the user guide in the package: the checkout's fonts/vazirmatn/ and docs/guide.*.md
become minutes/fonts/vazirmatn/ and minutes/docs/ in a wheel ('minutes init' copies them into a workspace).

Everything else about the package is in pyproject.toml. The font files are fetched by 'make fonts'
(npm registry, checked against SHA256SUMS) and are not in git; an sdist carries them (MANIFEST.in),
so a wheel built from it carries them too. An editable install finds them in the checkout instead.
"""

import hashlib
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

FONT_SOURCE = Path("fonts", "vazirmatn")
FONT_FILES = ("Vazirmatn-Regular.ttf", "Vazirmatn-Bold.ttf", "OFL.txt", "SHA256SUMS")
GUIDES = ("guide.fa.md", "guide.en.md")


def _checked_fonts() -> None:
    """Stop the build unless every font file is there and matches SHA256SUMS."""
    missing = [name for name in FONT_FILES if not (FONT_SOURCE / name).is_file()]
    if missing:
        raise SystemExit(f"cannot build minutes: {', '.join(missing)} missing from {FONT_SOURCE} (run 'make fonts')")
    for line in (FONT_SOURCE / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, name = line.split()
        if hashlib.sha256((FONT_SOURCE / name).read_bytes()).hexdigest() != digest:
            raise SystemExit(f"cannot build minutes: {FONT_SOURCE / name} does not match SHA256SUMS")


class BuildWithFonts(build_py):
    """build_py, then the font files and the guides into the built package (not for an editable install)."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        _checked_fonts()
        target = Path(self.build_lib, "minutes", "fonts", "vazirmatn")
        target.mkdir(parents=True, exist_ok=True)
        for name in FONT_FILES:
            self.copy_file(str(FONT_SOURCE / name), str(target / name))
        docs = Path(self.build_lib, "minutes", "docs")
        docs.mkdir(parents=True, exist_ok=True)
        for name in GUIDES:
            self.copy_file(str(Path("docs", name)), str(docs / name))


setup(cmdclass={"build_py": BuildWithFonts})
