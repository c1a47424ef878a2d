"""The preview's pages: a sandboxed, autoescaped Jinja environment of their own templates
(``minutes/serve/templates/``; the workspace's templates are for documents, not for these pages).

Every page has a live part (``<main id="live">``) that its script replaces, without a reload, with
the same part fetched again when the server says what it shows has changed.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from minutes.archive.registry import REGISTRY_NAME, IssueRow, Registry
from minutes.serve.state import Document, Problem, RecordState, Snapshot
from minutes.serve.wording import Words

TEMPLATES = Path(__file__).resolve().parent / "templates"


def record_url(name: str) -> str:
    return f"/r/{quote(name, safe='')}"


def document_url(name: str, file: str) -> str:
    return f"{record_url(name)}/{quote(file, safe='')}"


def page_url(name: str, document: Document, number: int) -> str:
    return f"{document_url(name, document.file)}/page-{number}.jpg?v={document.token}"


def marked(problem: Problem) -> tuple[str, str, str]:
    """The problem's source line cut around the word at its column: before, the word, after."""
    line = problem.source_line or ""
    start = min(max(problem.diagnostic.column - 1, 0), len(line))
    end = start
    while end < len(line) and not line[end].isspace():
        end += 1
    return line[:start], line[start:max(end, start + 1)], line[max(end, start + 1):]


def issued(archive: Path) -> dict[str, IssueRow]:
    """The latest issued version of each record, from the archive's register (read only; none without one)."""
    path = archive / REGISTRY_NAME
    if not path.is_file():
        return {}
    try:
        registry = Registry.reader(path)
        try:
            return {row.record: row for row in registry.all_issues()}  # oldest first: the latest stays
        finally:
            registry.close()
    except sqlite3.Error:
        return {}


class Views:
    """Renders the index and record pages, whole or only their live part, in one language."""

    def __init__(self, lang: str, archive: Path) -> None:
        self.words, self.archive = Words(lang), archive
        self.env = SandboxedEnvironment(loader=FileSystemLoader(TEMPLATES), autoescape=True,
                                        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
        self.env.globals.update(w=self.words, marked=marked, record_url=record_url, document_url=document_url,
                                page_url=page_url)

    def index(self, snapshot: Snapshot, *, part: bool = False) -> str:
        template = "_index.html" if part else "index.html"
        return self.env.get_template(template).render(
            snapshot=snapshot, version=snapshot.generation, issued=issued(self.archive), record=None)

    def record(self, snapshot: Snapshot, record: RecordState, *, part: bool = False) -> str:
        template = "_record.html" if part else "record.html"
        return self.env.get_template(template).render(
            snapshot=snapshot, version=snapshot.version(record.name), record=record,
            issued=issued(self.archive))
