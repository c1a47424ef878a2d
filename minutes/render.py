"""Render documents with our Jinja2 templates (workspace overrides first), and turn each into a job
for the output stage.

Templates run in Jinja's immutable sandbox with only the filters and globals listed here: a
workspace template can lay out what it is given, but never reach Python objects, files or the
shell. A template is read only from the template folders, never through a link that leads out of
them. HTML templates are autoescaped; ``.txt`` templates (the plain-text news brief) are not, since
their output is never read as markup.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment

from minutes.diagnostics import Note, RenderError
from minutes.documents.base import Document
from minutes.output.jobs import Archival, Format, Job
from minutes.workspace import Workspace

FILTERS = ("batch", "default", "e", "escape", "first", "int", "join", "last", "length", "list", "max", "min",
           "reject", "rejectattr", "round", "select", "selectattr", "striptags", "sum", "trim")
GLOBALS = ("range", "namespace")


class _ConfinedLoader(jinja2.BaseLoader):
    """Templates from folders, first match wins; a template that is (or lies in a folder that is) a link
    leading out of its folder is refused before it is read."""

    def __init__(self, folders: list[Path]) -> None:
        self.searchpath = [str(folder) for folder in folders]

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)  # refuses '..'
        for folder in self.searchpath:
            path = Path(folder, *pieces)
            if not path.is_file():
                continue
            if not Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder)):
                raise RenderError(Note.of("link-outside.template", template=template, folder=folder))
            return path.read_text(encoding="utf-8"), str(path), _unchanged(path)
        raise jinja2.TemplateNotFound(template)


def _unchanged(path: Path) -> Callable[[], bool]:
    """Whether the template file is still as it was read (Jinja's cache asks)."""
    mtime = path.stat().st_mtime_ns
    return lambda: path.stat().st_mtime_ns == mtime


class _Compiled(jinja2.BytecodeCache):
    """Compiled templates kept in memory for the life of the process, so that a long session (``minutes
    watch``, ``minutes serve``) does not compile them again on every build (a fifth of a warm rebuild).
    Jinja reuses compiled code only for the very same source text (it compares a checksum of it); the code
    also depends on the environment's settings, so only :func:`environment`'s environments use this cache."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _Compiled()


def environment(workspace: Workspace) -> jinja2.Environment:
    """A strict, sandboxed environment: every value escaped in HTML, every undefined name an error,
    only our filters and globals."""
    loader = _ConfinedLoader(workspace.template_dirs)
    escaped = jinja2.select_autoescape(disabled_extensions=("txt",), default=True)  # all but .txt templates
    env = ImmutableSandboxedEnvironment(loader=loader, autoescape=escaped, undefined=jinja2.StrictUndefined,
                                        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                                        bytecode_cache=_COMPILED)
    env.filters = {name: env.filters[name] for name in FILTERS}
    env.globals = {name: env.globals[name] for name in GLOBALS}
    env.tests = {name: env.tests[name] for name in ("defined", "none", "number", "string", "sameas")}
    return env


def render_document(env: jinja2.Environment, document: Document) -> str:
    """The HTML (or plain text) of one document; template mistakes become a :class:`RenderError`."""
    try:
        return env.get_template(document.template).render(doc=document.view)
    except jinja2.TemplateNotFound as error:
        searched = ", ".join(str(p) for p in env.loader.searchpath)  # type: ignore[union-attr]
        raise RenderError(Note.of("template-missing", template=error.name, searched=searched)) from None
    except SecurityError as error:
        raise RenderError(Note.of("template-forbidden", template=document.template, error=str(error))) from None
    except jinja2.TemplateError as error:
        where = f"{error.filename}:{error.lineno}: " if getattr(error, "lineno", None) else ""
        raise RenderError(Note.of("template-error", where=where, error=error.message,
                                  template=document.template)) from None


def to_job(document: Document, markup: str, target: Path, archival: Archival | None = None) -> Job:
    """The output job of a rendered document: an original (PDF/A) when given what to embed."""
    made = Format.PDFA if archival is not None else document.format
    return Job(target, made, markup, document.papers if made.typeset else (), archival)
