"""Checking the records a build needs, without reading those its manifest vouches for.

Validation is pure (:func:`minutes.validate.validate`); what a build adds is the choice of files to
pass it. Records that changed (or whose outputs did) are read and checked. Every other record is
passed as :class:`~minutes.validate.Known`: the decision ids it gives and refers to, which the
manifest keeps for exactly its bytes. Then the references decide what else to check: an unchanged
record whose follow-ups refer to an id that no longer exists, or that gives an id another record now
gives too, is read and checked with the others, so the diagnostics are those of checking everything.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from minutes.build.inputs import Inputs
from minutes.load import LoadedFile
from minutes.sources import read_all, read_directory
from minutes.validate import Known, Validated, known_of, validate


def implicated(changed: Sequence[Known], unchanged: Sequence[Known]) -> set[str]:
    """The unchanged records (by display name) whose references the changed ones break: a follow-up of an id no
    record gives any more, or an id that another record gives too."""
    givers: dict[str, set[str]] = {}
    for record in [*changed, *unchanged]:
        for ident in record.ids:
            givers.setdefault(ident, set()).add(record.display_name)
    return {record.display_name for record in unchanged
            if any(ref not in givers for ref in record.refs) or any(len(givers[ident]) > 1 for ident in record.ids)}


def check(inputs: Inputs, stale: Sequence[Path], requested: Sequence[Path]) -> Validated:
    """Validate the ``stale`` records (and any unchanged requested record they implicate) as if every
    record had been read; the others count through their decision ids."""
    workspace = inputs.workspace
    chosen, wanted = set(stale), set(requested)
    known: dict[Path, Known] = {}
    unknown: list[Path] = []  # other records the manifest cannot vouch for: read for their ids
    for path in inputs.records:
        entry = None if path in chosen else inputs.known(path)
        if entry is not None:
            known[path] = entry
        elif path in wanted:
            chosen.add(path)
        else:
            unknown.append(path)
    checked = list(read_all(workspace, sorted(chosen)))
    context = list(read_all(workspace, unknown))
    if known:
        loaded = [source for source in [*checked, *context] if isinstance(source, LoadedFile)]
        names = implicated(known_of(loaded), list(known.values()))
        again = sorted(path for path, entry in known.items() if entry.display_name in names and path in wanted)
        checked += read_all(workspace, again)
        for path in again:
            del known[path]
    return validate(read_directory(workspace), checked, workspace, context=context, known=list(known.values()))
