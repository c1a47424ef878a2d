"""Telling an unfinished issue from tampering: what a killed ``minutes issue`` leaves in the archive.

An issue writes, in the same staged set as its bag, a marker beside it (``.minutes-issuing-<record>-v<N>``)
naming the bag's folder and the SHA-256 of its tag manifest; it removes the marker once the register
has committed. (A set killed while it was being renamed into place is finished by the next writer,
so a marker still in such a set counts as in place.) A bag the register does not list is then the
leftover of a killed issue when a marker vouches for it, byte for byte through its tag manifest and
manifests (the next issue removes both, under the register's lock); without one, or when the bag
differs from what its marker says, it is a problem. A staging folder (``.minutes-staging-*``) is an issue killed
before its bag was in place, or one still at work.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import bagit

from minutes.diagnostics import Note
from minutes.output.files import STAGING_PREFIX, leftovers, rolling_forward

MARKER_PREFIX = ".minutes-issuing-"
TAG_MANIFEST = "tagmanifest-sha512.txt"


@dataclass(frozen=True)
class Findings:
    """What verify says about unfinished work, in the catalogue's words: ``notes`` are no problem, ``problems`` are."""

    notes: tuple[Note, ...] = ()
    problems: tuple[Note, ...] = ()


def marker_path(archive: Path, folder: str) -> Path:
    """Where the marker of the bag in ``folder`` (``<record>/v<N>``) is kept."""
    return archive / (MARKER_PREFIX + folder.replace("/", "-"))


def marker(folder: str, tag_manifest: bytes) -> bytes:
    """The marker of the bag in ``folder`` whose tag manifest is ``tag_manifest``."""
    return f"{folder}\n{hashlib.sha256(tag_manifest).hexdigest()}\n".encode()


def markers(archive: Path) -> dict[str, str]:
    """The markers in ``archive`` (or on their way there): the tag manifest SHA-256 of each bag folder they name."""
    paths = [*archive.glob(MARKER_PREFIX + "*"),
             *(staged for target, staged in rolling_forward(archive).items() if target.parent == archive
               and target.name.startswith(MARKER_PREFIX))]
    found = {}
    for path in sorted(paths):
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines() if path.is_file() else []
        if len(lines) == 2:
            found[lines[0]] = lines[1]
    return found


def unlisted_bags(archive: Path, known: set[str]) -> list[Path]:
    """The bag folders (``<record>/v<N>``) in ``archive`` that are not among the ``known`` folders."""
    return [bag for bag in sorted(archive.glob("*/v*"))
            if bag.is_dir() and not bag.parent.name.startswith(".")
            and bag.relative_to(archive).as_posix() not in known]


def _valid(bag: Path) -> bool:
    """Whether every file of ``bag`` matches its manifests."""
    try:
        bagit.Bag(str(bag)).validate()
    except bagit.BagError:
        return False
    return True


def findings(archive: Path, known: set[str]) -> Findings:
    """Unlisted bags and staging folders, each as an unfinished issue (a note) or a problem."""
    notes: list[Note] = []
    problems: list[Note] = []
    dead = set(leftovers(archive))
    for area in sorted(archive.glob(STAGING_PREFIX + "*")):
        notes.append(Note.of("unfinished-killed" if area in dead else "unfinished-writing", area=str(area)))
    vouched = markers(archive)
    for bag in unlisted_bags(archive, known):
        folder = bag.relative_to(archive).as_posix()
        manifest = bag / TAG_MANIFEST
        digest = hashlib.sha256(manifest.read_bytes()).hexdigest() if manifest.is_file() else None
        if folder not in vouched:
            problems.append(Note.of("verify-unlisted-bag", path=str(bag)))
        elif digest != vouched[folder] or not _valid(bag):
            problems.append(Note.of("verify-unlisted-bag.changed", path=str(bag)))
        else:
            notes.append(Note.of("unfinished-bag", bag=str(bag)))
    return Findings(tuple(notes), tuple(problems))
