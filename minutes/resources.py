"""What a valid workspace's configuration points at, checked before anything is numbered or rendered:
the emblem is a file under assets/ (never through a link leading out), and the document font can draw
every character of the text (else the PDF would be set partly in another font)."""

from __future__ import annotations

from collections.abc import Iterable

from minutes.diagnostics import Diagnostic, InvalidInput
from minutes.load import LoadedFile
from minutes.output.fonts import FontChoice, choose_font, drawn
from minutes.validate import Validated
from minutes.validate.hygiene import undrawable
from minutes.workspace import Workspace


def emblem_problems(workspace: Workspace, validated: Validated) -> list[Diagnostic]:
    """The office's emblem, when it has one, must be a regular file under assets/."""
    emblem = validated.directory.office.emblem
    if emblem is None:
        return []
    path = workspace.assets / emblem
    if path.is_file() and not workspace.leads_out(path):
        return []
    office = next(source for source in validated.directory_files if "office" in source.data)
    return [office.diagnostic(("office", "emblem"), "missing-asset", value=emblem)]


def glyph_problems(sources: Iterable[LoadedFile], font: FontChoice) -> list[Diagnostic]:
    """Every value the chosen font cannot draw, in ``sources``."""
    points = drawn(font)
    return [problem for source in sources for problem in undrawable(source, points.__contains__, font.family)]


def check_resources(workspace: Workspace, validated: Validated) -> FontChoice:
    """The font documents are set in, once the emblem and every checked file's characters are known to
    be usable; :class:`InvalidInput` otherwise."""
    font = choose_font(workspace, validated.directory.office.font)
    sources = [*validated.directory_files, *(item.source for item in validated.records)]
    problems = emblem_problems(workspace, validated) + glyph_problems(sources, font)
    if problems:
        raise InvalidInput(problems)
    return font
