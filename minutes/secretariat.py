"""Which secretariat issues a body's documents: the workspace's office, with what the body's own
secretariat (``bodies.<id>.secretariat`` in the directory) sets in its place, field by field.

A body with no secretariat of its own is served by the office as it is; one that sets only its
``letter_number`` keeps the office's lines, emblem and signatories. The ``copies`` of generated
letters are merged kind by kind (a body may set the notification copies and keep the office's cover
copies), and a record's own ``copies`` come before both. The font is the office's for every body.
"""

from __future__ import annotations

from minutes.model import CopyLine, Directory, Office, Record

COPY_KINDS = ("cover", "notification", "invitation", "reminder")


def office_for(directory: Directory, body: str) -> Office:
    """The office as it issues the documents of ``body`` (the workspace office when the body has no
    secretariat of its own, or is unknown)."""
    office = directory.office
    assert office is not None, "validation has found the office"
    entry = directory.bodies.get(body)
    secretariat = entry.secretariat if entry is not None else None
    if secretariat is None:
        return office
    own = {name: value for name, value in secretariat if value is not None and name != "copies"}
    if secretariat.copies is not None:
        copies = {kind: lines for kind, lines in secretariat.copies if lines is not None}
        own["copies"] = office.copies.model_copy(update=copies)
    return office.model_copy(update=own)


def copies_for(office: Office, record: Record | None, kind: str) -> list[CopyLine] | None:
    """The «رونوشت» lines of a generated letter of ``kind`` (one of :data:`COPY_KINDS`): the record's,
    else the issuing office's (body first), or None for the automatic ones."""
    own = getattr(record.copies, kind, None) if record is not None and record.copies is not None else None
    return own if own is not None else getattr(office.copies, kind)
