"""The directory: every directory file merged into one, each id defined once, one office, and every
reference between entries resolved."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from minutes import numbering
from minutes.diagnostics import Diagnostic
from minutes.load import LoadedFile
from minutes.model import Copies, Directory, MergedDirectory, Office, is_reference
from minutes.validate.partial import UNKNOWN, is_known, items, run
from minutes.validate.schema import suggest

SECTIONS = ("organisations", "people", "bodies")


def merge(parts: list[tuple[LoadedFile, Directory]], problems: list[Diagnostic]) -> Directory:
    """One directory of all ``parts``; a second office or an id defined twice is a problem."""
    merged: dict[str, dict[str, Any]] = {section: {} for section in SECTIONS}
    owner: dict[str, str] = {}
    office, office_file = None, ""
    for source, part in parts:
        if part.office is not None:
            if office is None:
                office, office_file = part.office, source.display_name
            else:
                problems.append(source.diagnostic(("office",), "duplicate-office", key=True, file=office_file))
        for section in SECTIONS:
            entries = getattr(part, section)
            for ident, entry in {} if entries is UNKNOWN else entries.items():
                if ident in owner:
                    problems.append(source.diagnostic((section, ident), "duplicate-id", key=True,
                                                      id=ident, file=owner[ident]))
                    continue
                owner[ident] = source.display_name
                merged[section][ident] = entry
    return Directory.model_construct(office=office, **merged)  # its parts are checked: some may be unknown


def with_office(directory: Directory) -> MergedDirectory:
    """The merged directory once its office is known to exist."""
    assert directory.office is not None
    return MergedDirectory(office=directory.office, organisations=directory.organisations,
                           people=directory.people, bodies=directory.bodies)


def unknown_id(source: LoadedFile, path: tuple[Any, ...], ident: str, table: dict[str, Any],
               kind: str) -> Diagnostic:
    """``ident`` not found in ``table``; ``kind`` names the table: person, organisation, body, unit, addressee."""
    return source.diagnostic(path, "unknown-id", variant=kind, id=ident, suggestion=suggest(ident, table))


def references(source: LoadedFile, directory: Directory) -> Iterable[Diagnostic]:
    """Every reference of the entries ``source`` defines that the merged ``directory`` does not resolve."""
    def check(path: tuple[Any, ...], ref: str | None, table: dict[str, Any], kind: str) -> Iterable[Diagnostic]:
        if ref is not None and ref not in table:
            yield unknown_id(source, path, ref, table, kind)

    people, bodies = directory.people, directory.bodies
    for ident, person in people.items():
        if ident in source.data.get("people", {}):
            yield from run(lambda p=person, i=ident: check(("people", i, "organisation"), p.organisation,
                                                          directory.organisations, "organisation"))
    for ident, body in bodies.items():
        if ident not in source.data.get("bodies", {}) or body is UNKNOWN:
            continue
        path = ("bodies", ident)
        for i, parent in items(body.under):
            yield from run(check, (*path, "under", i), parent, bodies, "body")
        yield from run(lambda b=body, p=path: check((*p, "reports_to"), b.reports_to, bodies, "body"))
        for i, member in items(body.members):
            yield from run(check, (*path, "members", i), member, people, "person")
        yield from run(_quorum_of_members, source, path, body)
        yield from run(secretariat, source, ident, directory)
    office = directory.office
    if office is not None and office is not UNKNOWN and "office" in source.data:
        for i, signer in items(office.signatories):
            yield from run(check, ("office", "signatories", i), signer, people, "person")
        yield from run(copy_lines, source, ("office", "copies"), office.copies, directory)
        yield from run(letter_number, source, office)
        yield from run(time_stamp_authority, source, office)


def _quorum_of_members(source: LoadedFile, path: tuple[Any, ...], body: Any) -> Iterable[Diagnostic]:
    """A quorum rule that is a share of the members, on a body that lists none."""
    if body.quorum is not None and body.quorum.of_members and not body.members:
        yield source.diagnostic((*path, "quorum"), "quorum-without-members", rule=str(body.quorum))


def secretariat(source: LoadedFile, ident: str, directory: Directory) -> Iterable[Diagnostic]:
    """A body's own secretariat: its signatories and copies resolved, its letter number pattern usable
    with the unit it has (its own, else the office's)."""
    own = directory.bodies[ident].secretariat
    if own is None:
        return
    path = ("bodies", ident, "secretariat")
    for i, signer in enumerate(own.signatories or []):
        if signer not in directory.people:
            yield unknown_id(source, (*path, "signatories", i), signer, directory.people, "person")
    if own.copies is not None:
        yield from copy_lines(source, (*path, "copies"), own.copies, directory)
    office_unit = directory.office.unit if directory.office is not None else None
    if own.letter_number is not None:
        yield from _pattern(source, (*path, "letter_number"), own.letter_number, own.unit or office_unit,
                            "no-unit-secretariat")


def copy_lines(source: LoadedFile, path: tuple[Any, ...], copies: Copies, directory: Directory) -> Iterable[Diagnostic]:
    """The ids among default «رونوشت» lines that the directory does not resolve."""
    addressees = {**directory.people, **directory.organisations, **directory.bodies}
    for kind, lines in copies:
        for i, line in enumerate(lines or []):
            if is_reference(line.to) and line.to not in addressees:
                yield unknown_id(source, (*path, kind, i, "to"), line.to, addressees, "addressee")


def letter_number(source: LoadedFile, office: Office) -> Iterable[Diagnostic]:
    """The office's letter number pattern, checked as ``minutes issue`` will use it."""
    yield from _pattern(source, ("office", "letter_number"), office.letter_number, office.unit, "no-unit")


def _pattern(source: LoadedFile, path: tuple[Any, ...], written: str, unit: str | None,
             no_unit: str) -> Iterable[Diagnostic]:
    """A letter number pattern written at ``path``, usable with ``unit`` (``no_unit`` words its absence)."""
    try:
        pattern = numbering.parse(written)
    except numbering.PatternError as error:
        limit = numbering.MAX_LENGTH if error.code == "too-long" else numbering.MAX_WIDTH
        yield source.diagnostic(path, "letter-number", variant=error.code, at=error.offset + 1, limit=limit)
        return
    if pattern.uses_unit and not unit:
        yield source.diagnostic(path, "letter-number", variant=no_unit)


def time_stamp_authority(source: LoadedFile, office: Office) -> Iterable[Diagnostic]:
    """The signing block's time-stamp authority: an http or https URL with a host (``issue`` posts to it;
    any other scheme would read a file or reach what the office never meant)."""
    url = office.signing.tsa_url if office.signing is not None else None
    if url is None or not is_known(url):
        return
    path = ("office", "signing", "tsa_url")
    try:
        parts = urlsplit(url)
        _ = parts.port  # a port that is no number raises here
    except ValueError:
        yield source.diagnostic(path, "tsa-url", variant="malformed", value=url)
        return
    if parts.scheme.lower() not in ("http", "https"):
        yield source.diagnostic(path, "tsa-url", value=url)
    elif not parts.hostname:
        yield source.diagnostic(path, "tsa-url", variant="host", value=url)
