"""An issued record: the record as written plus the ``issued`` block with its numbers, and the
originals it renders to (PDF/A, the issued record embedded)."""

from __future__ import annotations

import json
from pathlib import Path

from minutes.documents.registry import documents_for
from minutes.load import parse
from minutes.model import Issued, MergedDirectory, Record
from minutes.output.jobs import Archival, Job, Made
from minutes.render import environment, render_document, to_job
from minutes.validate import ValidRecord
from minutes.vcode import codes_of
from minutes.workspace import Workspace

SOURCE_NAME = "meeting.yaml"


def issued_text(source: bytes, issued: Issued) -> bytes:
    """The record as written, with the ``issued`` block appended (the original bytes are kept)."""
    lines = ["", "# Added by 'minutes issue'; everything above is the record as it was written.", "issued:",
             f"  version: {issued.version}", f"  date: {issued.date}"]
    if issued.reason:
        lines.append(f"  reason: {json.dumps(issued.reason, ensure_ascii=False)}")
    lines.append("  numbers:")
    lines += [f'    {key}: "{number}"' for key, number in issued.numbers.items()]
    body = source if source.endswith(b"\n") or not source else source + b"\n"
    return body + ("\n".join(lines) + "\n").encode("utf-8")


def load_issued(text: bytes, name: str, display_name: str) -> ValidRecord:
    """An issued copy read back as a record (its content was validated before it was issued)."""
    source = parse(text.decode("utf-8-sig"), Path(display_name), display_name)
    return ValidRecord(name, source, Record.model_validate(source.data))


def numbered_keys(item: ValidRecord, directory: MergedDirectory) -> list[str]:
    """The keys of the documents an issue numbers: every typeset one, in order."""
    return [doc.key for doc in documents_for(item, directory, draft=False) if doc.is_pdf]


def original_jobs(workspace: Workspace, item: ValidRecord, directory: MergedDirectory,
                  issued_yaml: bytes) -> dict[str, Job]:
    """The jobs making the final PDF/A originals of an issued record, by document key, each aimed at its
    path under the bag's payload folder (the minutes at its top, letters in ``letters/``). Each shows its
    verification code; letters keep the place of a visible signature when the office signs visibly."""
    issued = item.record.issued
    assert issued is not None, "an issued record has its issued block"
    archival = Archival(issued_yaml, SOURCE_NAME, item.record.meeting.date.to_gregorian(),
                        issued.date.to_gregorian())
    env = environment(workspace)
    signing = directory.office.signing
    documents = documents_for(item, directory, draft=False, numbers=issued.numbers, issue_date=issued.date,
                              codes=codes_of(issued_yaml, issued.numbers, str(issued.date)),
                              signature_field=bool(signing and signing.visible))
    return {doc.key: to_job(doc, render_document(env, doc),
                            Path("" if doc.key == "minutes" else "letters") / doc.filename, archival)
            for doc in documents if doc.is_pdf}


def render_finals(workspace: Workspace, item: ValidRecord, directory: MergedDirectory,
                  issued_yaml: bytes) -> dict[str, Made]:
    """The final PDFs of an issued record as rendered (before any signature), by document key; their
    targets are paths under the bag's payload folder."""
    from minutes.output.fonts import choose_font
    from minutes.output.pool import Renderers, produce

    jobs = original_jobs(workspace, item, directory, issued_yaml)
    with Renderers(1) as renderers:
        made = {m.target: m for m in produce(renderers, workspace, choose_font(workspace, directory.office.font),
                                             list(jobs.values()))}
    return {key: made[job.target] for key, job in jobs.items()}


def render_originals(workspace: Workspace, item: ValidRecord, directory: MergedDirectory,
                     issued_yaml: bytes) -> dict[str, bytes]:
    """The final PDFs of an issued record as rendered, by path under the bag's payload folder: the
    originals themselves when unsigned, the first bytes of each when signed."""
    return {m.target.as_posix(): m.data for m in render_finals(workspace, item, directory, issued_yaml).values()}
