"""Where a workspace keeps its records, templates, fonts and assets."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

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
        """The only folders the PDF renderer may read files from."""
        return [*self.template_dirs, self.fonts, self.assets]

    def template_file(self, name: str) -> Path | None:
        """The file ``name`` in the first template folder that has it (a plain name, no folders)."""
        return next((d / name for d in self.template_dirs if "/" not in name and (d / name).is_file()), None)

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

    def display_name(self, path: Path) -> str:
        """A path as the user should read it in a message: relative to the current folder."""
        try:
            return os.path.relpath(path)
        except ValueError:
            return str(path)
