"""Render documents with our Jinja2 templates (workspace overrides first), and turn each into a job
for the output stage.

HTML templates are autoescaped; ``.txt`` templates (the plain-text news brief) are not, since
their output is never read as markup.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from minutes.diagnostics import RenderError
from minutes.documents.base import Document
from minutes.output.jobs import Archival, Format, Job
from minutes.workspace import Workspace


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
    """A strict environment: every value escaped in HTML, every undefined name an error."""
    loader = jinja2.FileSystemLoader([str(d) for d in workspace.template_dirs])
    escaped = jinja2.select_autoescape(disabled_extensions=("txt",), default=True)  # all but .txt templates
    return jinja2.Environment(loader=loader, autoescape=escaped, undefined=jinja2.StrictUndefined,
                              trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                              bytecode_cache=_COMPILED)


def render_document(env: jinja2.Environment, document: Document) -> str:
    """The HTML (or plain text) of one document; template mistakes become a :class:`RenderError`."""
    try:
        return env.get_template(document.template).render(doc=document.view)
    except jinja2.TemplateNotFound as error:
        searched = ", ".join(str(p) for p in env.loader.searchpath)  # type: ignore[union-attr]
        raise RenderError(f"template {error.name} not found in {searched}") from None
    except jinja2.TemplateError as error:
        where = f"{error.filename}:{error.lineno}: " if getattr(error, "lineno", None) else ""
        raise RenderError(f"{where}{error.message} (in template {document.template})") from None


def to_job(document: Document, markup: str, target: Path, archival: Archival | None = None) -> Job:
    """The output job of a rendered document: an original (PDF/A) when given what to embed."""
    made = Format.PDFA if archival is not None else document.format
    return Job(target, made, markup, document.papers if made.typeset else (), archival)
