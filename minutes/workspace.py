"""Where a workspace keeps its records, templates, fonts and assets."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from minutes.diagnostics import Note, RenderError

PACKAGE_TEMPLATES = Path(__file__).resolve().parent / "templates"



@dataclass(frozen=True)
class Workspace:
    """A folder holding ``data/`` (office, directory, meetings), ``templates/``, ``fonts/``, ``assets/``."""

    root: Path

    @classmethod
    def at(cls, root: Path | str = ".") -> Workspace:
        """The workspace rooted at ``root`` (resolved, so paths compare reliably)."""
        return cls(Path(root).resolve())

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def meetings(self) -> Path:
        return self.data / "meetings"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def fonts(self) -> Path:
        return self.root / "fonts"

    @property
    def assets(self) -> Path:
        return self.root / "assets"

    @property
    def template_dirs(self) -> list[Path]:
        """Template folders in lookup order: the workspace's own first, then the defaults."""
        return [self.templates, PACKAGE_TEMPLATES]

    @property
    def resource_roots(self) -> list[Path]:
        """The only folders the PDF renderer may read files from, as real paths: the workspace's
        templates, fonts and assets (unless a link takes one out of the workspace) and the package's
        templates."""
        own = [Path(os.path.realpath(folder)) for folder in (self.templates, self.fonts, self.assets)]
        return [*(folder for folder in own if folder.is_relative_to(self.root)), PACKAGE_TEMPLATES]

    def template_file(self, name: str) -> Path | None:
        """The file ``name`` in the first template folder that has it (a plain name, no folders), never
        one that is a link leading out of its folder."""
        for folder in self.template_dirs:
            path = folder / name
            if "/" in name or not path.is_file():
                continue
            real = Path(os.path.realpath(path))
            if real.is_relative_to(os.path.realpath(folder)) and (folder == PACKAGE_TEMPLATES
                                                                  or real.is_relative_to(self.root)):
                return path
            raise RenderError(Note.of("link-outside.file", path=path))
        return None

    def directory_files(self) -> list[Path]:
        """Every YAML file under ``data/`` that is not a meeting record."""
        return sorted(p for p in self.data.glob("*.yaml") if p.is_file())

    def record_files(self) -> list[Path]:
        """Every meeting record under ``data/meetings/`` (not in hidden folders, where writers stage files)."""
        found = []
        for folder, subfolders, files in os.walk(self.meetings):
            subfolders[:] = [name for name in subfolders if not name.startswith(".")]
            found += [os.path.join(folder, name) for name in files if name.endswith(".yaml")]
        return [Path(path) for path in sorted(found) if os.path.isfile(path)]

    def leads_out(self, path: Path) -> bool:
        """Whether ``path``, inside the workspace as written, is (through a link) a file outside it."""
        absolute = Path(os.path.abspath(path))
        if not absolute.is_relative_to(self.root):
            return False  # named outside on purpose (a command-line argument): not a link leading out
        return not Path(os.path.realpath(absolute)).is_relative_to(self.root)

    def display_name(self, path: Path) -> str:
        """A path as the user should read it in a message: relative to the current folder."""
        try:
            return os.path.relpath(path)
        except ValueError:
            return str(path)


def as_named(path: Path) -> Path:
    """``path`` made absolute, its folders resolved but not the file itself (a link stays a link)."""
    return path.absolute().parent.resolve() / path.name
