"""What rendered an issued original, kept in its bag so that the original can be rendered again.

The same issued record gives the same bytes only with the same renderer: minutes and the Python
libraries that shape the PDF (WeasyPrint, pydyf, fontTools, Pillow, Jinja2), the system's Pango
and HarfBuzz, and the same font files, templates and assets. ``describe`` says what this machine and
workspace have; ``tagged`` puts that into a bag as the tag file ``provenance.json`` (listed in the
bag's tag manifest, so ``verify`` notices any change to it); ``differences`` says, as catalogue notes,
what differs between two descriptions.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import platform
from pathlib import Path
from typing import Any

from minutes import __version__
from minutes.archive.unfinished import TAG_MANIFEST
from minutes.diagnostics import Note
from minutes.workspace import Workspace

PROVENANCE_NAME = "provenance.json"
FORMAT = 1
LIBRARIES = {"WeasyPrint": "weasyprint", "pydyf": "pydyf", "fontTools": "fonttools", "Pillow": "pillow",
             "Jinja2": "jinja2"}
SECTIONS = ("fonts", "templates", "assets")
ABSENT = Note.of("provenance-absent")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _native_versions() -> dict[str, str]:
    """Pango's and HarfBuzz's versions, as WeasyPrint loaded them."""
    import cffi

    from minutes.output.native import weasyprint

    pango = weasyprint.text.ffi.pango.pango_version()
    versions = {"Pango": f"{pango // 10000}.{pango // 100 % 100}.{pango % 100}"}
    ffi = cffi.FFI()
    ffi.cdef("const char *hb_version_string (void);")
    try:
        harfbuzz = ffi.dlopen("libharfbuzz.so.0")
        versions["HarfBuzz"] = ffi.string(harfbuzz.hb_version_string()).decode()
    except (OSError, AttributeError):
        versions["HarfBuzz"] = "unknown"
    return versions


def software() -> dict[str, str]:
    """The versions of everything that shapes the PDF bytes."""
    versions = {"minutes": __version__, "Python": platform.python_version()}
    for label, distribution in LIBRARIES.items():
        try:
            versions[label] = importlib.metadata.version(distribution)
        except importlib.metadata.PackageNotFoundError:
            versions[label] = "missing"
    return versions | _native_versions()


def _font_files(workspace: Workspace, family: str) -> dict[str, str]:
    """The font files documents set in ``family`` are made from: the workspace's, or the system's fallback."""
    from minutes.output.fonts import FALLBACK_COMPANION, choose_font, system_font_file

    choice = choose_font(workspace, family)
    if choice.files:
        return {path.relative_to(workspace.root).as_posix(): _sha256(path) for _, path in choice.files}
    system = (system_font_file(name) for name in choice.embedded_names or (FALLBACK_COMPANION,))
    return {str(path): _sha256(path) for path in system if path is not None}


def describe(workspace: Workspace, family: str) -> dict[str, Any]:
    """What this machine and workspace render with: software versions and the hash of every file used."""
    names = sorted({p.name for folder in workspace.template_dirs if folder.is_dir() for p in folder.iterdir()
                    if p.is_file() and not p.name.startswith("README")})
    templates = {name: _sha256(path) for name in names if (path := workspace.template_file(name)) is not None}
    assets = {p.relative_to(workspace.root).as_posix(): _sha256(p) for p in sorted(workspace.assets.rglob("*"))
              if p.is_file() and not p.name.startswith("README")} if workspace.assets.is_dir() else {}
    return {"format": FORMAT, "family": family, "software": software(), "fonts": _font_files(workspace, family),
            "templates": templates, "assets": assets}


def as_bytes(description: dict[str, Any]) -> bytes:
    return (json.dumps(description, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def tagged(bag_files: dict[str, bytes], description: dict[str, Any]) -> dict[str, bytes]:
    """A bag's files (by path in the bag) with ``provenance.json`` added as a tag file and listed in the
    tag manifest."""
    data = as_bytes(description)
    manifest = bag_files[TAG_MANIFEST].decode("utf-8")
    line = f"{hashlib.sha512(data).hexdigest()}  {PROVENANCE_NAME}\n"
    return {**bag_files, PROVENANCE_NAME: data, TAG_MANIFEST: (manifest + line).encode("utf-8")}


def recorded(bag: Path) -> dict[str, Any] | None:
    """The description a bag records, or None for a bag issued before minutes recorded one."""
    path = bag / PROVENANCE_NAME
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def _short(digest: str | None) -> str | Note:
    return f"{digest[:12]}…" if digest else ABSENT


def differences(then: dict[str, Any], now: dict[str, Any]) -> list[Note]:
    """Every difference between what rendered an original (``then``) and what would render it ``now``."""
    found = [Note.of("provenance-software", name=name, then=then["software"].get(name, ABSENT),
                     now=now["software"].get(name, ABSENT))
             for name in sorted({*then["software"], *now["software"]})
             if then["software"].get(name) != now["software"].get(name)]
    for section in SECTIONS:
        before, after = then.get(section, {}), now.get(section, {})
        found += [Note.of(f"provenance-file.{section}", name=name, then=_short(before.get(name)),
                          now=_short(after.get(name)))
                  for name in sorted({*before, *after}) if before.get(name) != after.get(name)]
    return found
