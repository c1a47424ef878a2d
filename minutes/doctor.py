"""What this machine offers for rendering: library versions and the typeface in use."""

from __future__ import annotations

from minutes import __version__
from minutes.diagnostics import MinutesError
from minutes.output.fonts import FALLBACK_FAMILY, GET_FONT, bundled_font, choose_font, system_font_file
from minutes.workspace import Workspace


def report(workspace: Workspace) -> tuple[list[str], bool]:
    """Lines describing the environment, and whether documents can be rendered."""
    from minutes.output.native import weasyprint

    pango = weasyprint.text.ffi.pango

    lines = [f"minutes {__version__}", f"WeasyPrint {weasyprint.__version__}",
             "Pango {}.{}.{}".format(*divmod(pango.pango_version() // 100, 100), pango.pango_version() % 100),
             f"workspace {workspace.root}", f"default templates: {workspace.template_dirs[-1]}"]
    healthy = True
    try:
        bundled = bundled_font(workspace, "Vazirmatn")
        status = "found, checksum verified" if bundled else f"not found ({GET_FONT})"
        lines.append(f"Vazirmatn (bundled): {status}")
    except MinutesError as error:
        lines.append(f"Vazirmatn (bundled): {error}")
        healthy = False
    fallback = system_font_file(FALLBACK_FAMILY)
    lines.append(f"{FALLBACK_FAMILY} (system): {fallback or 'not installed'}")
    try:
        from minutes.sources import check_workspace

        family = check_workspace(workspace).directory.office.font
        choice = choose_font(workspace, family)
        lines.append(f"configured font: {family}; will embed: {choice.family}")
        if choice.warning:
            lines.append(f"warning: {choice.warning.text()}")
    except MinutesError as error:
        lines.append(f"cannot tell which font will be embedded: {str(error).splitlines()[0]}")
        healthy = False
    return lines + _archive_lines(workspace), healthy


def _archive_lines(workspace: Workspace) -> list[str]:
    """Whether this machine renders the archive's originals as they were issued (from their provenance)."""
    from minutes.archive.registry import REGISTRY_NAME
    from minutes.archive.rerender import reproducible

    archive = workspace.root / "archive"
    if not (archive / REGISTRY_NAME).is_file():
        return ["archive: none yet"]
    bags, doubts = reproducible(workspace, archive)
    if not doubts:
        return [f"archive: {bags} bag(s); this machine has what rendered their originals (the same software, "
                "font files, templates and assets), so it re-renders them byte-identically"]
    return [f"archive: {bags} bag(s); this machine may not render them byte-identically:",
            *(f"  {line}" for line in doubts), "  ('minutes verify --rerender' renders them again and compares)"]
