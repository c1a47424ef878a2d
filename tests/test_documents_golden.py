"""Golden snapshots: the HTML (and plain text) of every document of every example record, as the
templates render it, compared line by line with white space normalised.

A change to a template or to the context shows up here as a diff. When the change is meant,
refresh the snapshots with ``make golden`` (which runs this file as a script) and review them
with ``git diff tests/golden``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, normalised

from minutes.documents.base import Document
from minutes.documents.registry import documents_for
from minutes.render import environment, render_document
from minutes.sources import check_workspace as validate
from minutes.text.jalali import JalaliDate
from minutes.workspace import Workspace

GOLDEN = Path(__file__).resolve().parent / "golden"
# The final look is pinned on the tiny record: numbered, dated, with the emblem and verification codes, a
# visible signature's place, no watermark.
FINAL_RECORD = "harms-committee-1403-05-10"
FINAL_NUMBERS = {"minutes": "200/03/4711", "letter-notify-education": "200/03/4712"}
FINAL_CODES = {"minutes": "M6A9-98TK-QJCB", "letter-notify-education": "KBZH-BARK-THMK"}  # with a visible signature
FINAL_DATE = JalaliDate(1403, 5, 12)


def snapshot_name(document: Document) -> str:
    return f"{document.key}.html" if document.is_pdf else document.filename


def rendered() -> dict[str, str]:
    """Every snapshot by its path under ``tests/golden``: drafts of every record, finals of one."""
    workspace = Workspace.at(ROOT)
    validated = validate(workspace)
    office = validated.directory.office
    assert office is not None
    env = environment(workspace)
    snapshots = {}
    for item in validated.records:
        for document in documents_for(item, validated.directory):
            snapshots[f"{item.name}/{snapshot_name(document)}"] = render_document(env, document)
        if item.name == FINAL_RECORD:
            with_emblem = validated.directory.model_copy(
                update={"office": office.model_copy(update={"emblem": "emblem.png"})})
            for document in documents_for(item, with_emblem, draft=False, numbers=FINAL_NUMBERS,
                                          issue_date=FINAL_DATE, codes=FINAL_CODES, signature_field=True):
                if document.is_pdf:
                    snapshots[f"{item.name}/final/{snapshot_name(document)}"] = render_document(env, document)
    return snapshots


SNAPSHOTS = rendered()


@pytest.mark.parametrize("name", sorted(SNAPSHOTS))
def test_document_matches_its_snapshot(name: str) -> None:
    golden = GOLDEN / name
    assert golden.is_file(), f"no snapshot {golden}: run 'make golden'"
    assert normalised(SNAPSHOTS[name]) == normalised(golden.read_text(encoding="utf-8"))


def test_no_snapshot_without_a_document() -> None:
    on_disk = {path.relative_to(GOLDEN).as_posix() for path in GOLDEN.rglob("*") if path.is_file()}
    assert on_disk == set(SNAPSHOTS), "stale or missing snapshots: run 'make golden'"


def test_every_document_kind_has_a_snapshot() -> None:
    names = {name.rsplit("/", 1)[1] for name in SNAPSHOTS}
    for kind in ("minutes.html", "letter-forwarding.html", "letter-1.html", "brief.html", "brief.txt"):
        assert kind in names
    assert any(name.startswith("letter-notify-") for name in names)
    assert any("/final/" in name for name in SNAPSHOTS)


def refresh() -> int:
    """Rewrite every snapshot and delete stale ones; returns how many were written."""
    for stale in [p for p in GOLDEN.rglob("*") if p.is_file() and p.relative_to(GOLDEN).as_posix() not in SNAPSHOTS]:
        stale.unlink()
    for name, text in SNAPSHOTS.items():
        target = GOLDEN / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for folder in sorted((p for p in GOLDEN.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    return len(SNAPSHOTS)


if __name__ == "__main__":
    print(f"wrote {refresh()} snapshots to {GOLDEN}")
