"""What this machine offers for rendering: library versions and the typeface in use. The report is
data (versions, paths) and notes the command line words in its language."""

from __future__ import annotations

from minutes import __version__
from minutes.diagnostics import MinutesError, Note
from minutes.output.fonts import FALLBACK_FAMILY, bundled_font, choose_font, system_font_file
from minutes.workspace import Workspace

Line = str | Note  # a line of data as it is shown, or a note worded in the reader's language


def report(workspace: Workspace) -> tuple[list[Line], bool]:
    """Lines describing the environment, and whether documents can be rendered."""
    from minutes.output.native import weasyprint

    pango = weasyprint.text.ffi.pango

    lines: list[Line] = [
        f"minutes {__version__}", f"WeasyPrint {weasyprint.__version__}",
        "Pango {}.{}.{}".format(*divmod(pango.pango_version() // 100, 100), pango.pango_version() % 100),
        Note.of("doctor-workspace", path=str(workspace.root)),
        Note.of("doctor-templates", path=str(workspace.template_dirs[-1]))]
    healthy = True
    try:
        bundled = bundled_font(workspace, "Vazirmatn")
        lines.append(Note.of("doctor-bundled" if bundled else "doctor-bundled.missing", family="Vazirmatn"))
    except MinutesError as error:
        lines.append(Note.of("doctor-bundled.error", family="Vazirmatn", error=str(error)))
        healthy = False
    fallback = system_font_file(FALLBACK_FAMILY)
    lines.append(Note.of("doctor-system-font", family=FALLBACK_FAMILY, path=str(fallback)) if fallback else
                 Note.of("doctor-system-font.missing", family=FALLBACK_FAMILY))
    try:
        from minutes.sources import check_workspace

        family = check_workspace(workspace).directory.office.font
        choice = choose_font(workspace, family)
        lines.append(Note.of("doctor-font", family=family, embedded=choice.family))
        if choice.warning:
            lines.append(Note.of("said-warning", reason=choice.warning))
    except MinutesError as error:
        lines.append(Note.of("doctor-font.unknown", error=str(error).splitlines()[0]))
        healthy = False
    return lines + _archive_lines(workspace), healthy


def _archive_lines(workspace: Workspace) -> list[Line]:
    """Whether this machine renders the archive's originals as they were issued (from their provenance)."""
    from minutes.archive.registry import REGISTRY_NAME
    from minutes.archive.rerender import reproducible

    archive = workspace.root / "archive"
    if not (archive / REGISTRY_NAME).is_file():
        return [Note.of("doctor-archive.none")]
    bags, doubts = reproducible(workspace, archive)
    if not doubts:
        return [Note.of("doctor-archive", bags=bags)]
    return [Note.of("doctor-archive.doubts", bags=bags),
            *(Note.of("bag-reason", folder=folder, reason=reason) for folder, reason in doubts),
            Note.of("doctor-archive.rerender")]
