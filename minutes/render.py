"""Render documents with our Jinja2 templates (workspace overrides first).

HTML templates are autoescaped; ``.txt`` templates (the plain-text news brief) are not, since
their output is never read as markup.
"""

from __future__ import annotations

import jinja2

from minutes.context import Document
from minutes.diagnostics import RenderError
from minutes.workspace import Workspace


def environment(workspace: Workspace) -> jinja2.Environment:
    """A strict environment: every value escaped in HTML, every undefined name an error."""
    loader = jinja2.FileSystemLoader([str(d) for d in workspace.template_dirs])
    escaped = jinja2.select_autoescape(disabled_extensions=("txt",), default=True)  # all but .txt templates
    return jinja2.Environment(loader=loader, autoescape=escaped, undefined=jinja2.StrictUndefined,
                              trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


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
