"""The one way files are written: staged, then renamed into place as a set, all or nothing.

Every command that writes (``build``, ``watch``, ``followup``, ``issue``, ``lint --fix``, the
benchmark) goes through :class:`Staging`. Files are first written and flushed into a private
staging folder beside the targets (``.minutes-staging-*`` under the root, so renames stay on one
file system); :meth:`Staging.commit` then renames them into place. A target that already exists
is kept as a hard link until the whole set is in place, so a rename that fails puts every file
back as it was. A folder the set creates (a new record's output folder, a new archive bag) is
renamed into place whole. Every target is proven to lie under the root, never through a
symbolic link. A staging folder is locked while its process lives; one left by a killed process
is removed by the next :func:`remove_leftovers`, whatever that run has to do.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

from minutes.diagnostics import MinutesError, Note

STAGING_PREFIX = ".minutes-staging-"
PAUSE_VARIABLE = "MINUTES_PAUSE"  # test hook: pause at a named step so that a test can kill the process
_LOCK = "lock"
_COMMIT = "commit"  # present while a set is renamed into place; lists the files the set removes
_UNLOCKED_GRACE_SECONDS = 60


def _file_mode() -> int:
    """The mode a plainly created file gets here (``mkstemp`` alone would make it private)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


FILE_MODE = _file_mode()


def pause_if_asked(where: Path, step: str) -> None:
    """For tests: when ``MINUTES_PAUSE`` names ``step``, say so in ``where`` and wait to be killed."""
    if os.environ.get(PAUSE_VARIABLE) == step:
        (where / f".paused-{step}").touch()
        time.sleep(3600)


class WriteError(MinutesError):
    """A file could not be written; every file of its set is as it was."""


def relative_inside(root: Path, target: Path) -> Path:
    """``target`` relative to ``root``, proven to stay inside it: no ``..``, no absolute part, and no
    existing folder on the way that is a symbolic link. Raises :class:`WriteError` otherwise."""
    try:
        relative = target.relative_to(root)
    except ValueError:
        raise WriteError(Note.of("write-refused.outside", target=target, root=root)) from None
    if not relative.parts or any(part in ("", ".", "..") for part in relative.parts):
        raise WriteError(Note.of("write-refused.name", target=target, root=root))
    current = root
    for part in relative.parts:
        current = current / part
        if current.is_symlink():
            raise WriteError(Note.of("write-refused.link", target=target, link=current))
    return relative


def _fsynced(path: Path, data: bytes, mode: int) -> None:
    with open(path, "wb") as stream:
        os.fchmod(stream.fileno(), mode)
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())


class Staging:
    """Files to be written under ``root`` together: :meth:`add` them, then :meth:`commit` (or use as a
    context manager, which commits on success and discards on any error)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files: dict[Path, Path] = {}  # target → staged copy
        self.removals: list[Path] = []
        self.created_root = not root.exists()
        self._lock = -1
        try:
            root.mkdir(parents=True, exist_ok=True)
            self.area = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=root))
            self._lock = os.open(self.area / _LOCK, os.O_CREAT | os.O_WRONLY, 0o600)
            fcntl.flock(self._lock, fcntl.LOCK_EX)  # tells remove_leftovers that this process is alive
        except OSError as error:
            raise WriteError(Note.of("cannot-write-in", folder=root, error=str(error.strerror or error))) from None

    def add(self, target: Path, data: bytes, mode: int = FILE_MODE) -> None:
        """Stage ``data`` for ``target``; two files for one target are refused."""
        relative = relative_inside(self.root, target)
        if target in self.files:
            raise WriteError(Note.of("write-collide", target=target))
        staged = self.area / "new" / relative
        try:
            staged.parent.mkdir(parents=True, exist_ok=True)
            _fsynced(staged, data, mode)
        except OSError as error:
            raise WriteError(Note.of("cannot-write", target=target, error=str(error.strerror or error))) from None
        self.files[target] = staged

    def scratch(self) -> Path:
        """A private folder to make files in before they are added (removed with the staging folder)."""
        folder = self.area / "scratch"
        folder.mkdir(exist_ok=True)
        return folder

    def remove(self, target: Path) -> None:
        """Remove ``target`` when the set is committed (restored if the commit fails)."""
        relative_inside(self.root, target)
        self.removals.append(target)

    def commit(self) -> tuple[Path, ...]:
        """Rename every staged file into place and make the removals; on any failure undo what was
        done and raise :class:`WriteError`. Returns the files written, sorted."""
        pause_if_asked(self.root, "staged")
        undo: list[tuple[Path, Path | None]] = []  # (target, its previous content kept aside, or None)
        removals = [target for target in self.removals if target not in self.files]
        try:
            listing = "".join(f"{target.relative_to(self.root).as_posix()}\n" for target in removals)
            _fsynced(self.area / _COMMIT, listing.encode("utf-8"), 0o600)  # from here on, a kill rolls forward
            for target in self._new_folders():
                self._move_folder(target, undo)
            for target, staged in self.files.items():
                if staged.exists():  # not moved with a new folder
                    self._replace(target, staged, undo)
            for target in removals:
                if target.exists():
                    self._replace(target, None, undo)
        except OSError as error:
            self._undo(undo)
            self.discard()
            raise WriteError(Note.of("write-undone", target=getattr(error, "filename", None) or self.root,
                                     error=str(error.strerror or error))) from None
        self.discard()
        return tuple(sorted(self.files))

    def _new_folders(self) -> list[Path]:
        """The outermost folders on the way to a target that do not exist yet (made whole)."""
        folders: set[Path] = set()
        for target in self.files:
            outermost = next((folder for folder in reversed(target.parents)
                              if folder.is_relative_to(self.root) and folder != self.root
                              and not folder.exists()), None)
            if outermost is not None:
                folders.add(outermost)
        return sorted(folders)

    def _move_folder(self, folder: Path, undo: list[tuple[Path, Path | None]]) -> None:
        os.rename(self.area / "new" / folder.relative_to(self.root), folder)
        undo.append((folder, None))
        if len(undo) == 1:
            pause_if_asked(self.root, "committing")

    def _replace(self, target: Path, staged: Path | None, undo: list[tuple[Path, Path | None]]) -> None:
        """Put ``staged`` at ``target`` (or remove ``target`` when None), keeping the old file aside."""
        kept: Path | None = None
        if target.exists():
            kept = self.area / "old" / target.relative_to(self.root)
            kept.parent.mkdir(parents=True, exist_ok=True)
            os.link(target, kept)
        if staged is None:
            os.unlink(target)
        else:
            os.replace(staged, target)
        undo.append((target, kept))
        if len(undo) == 1:
            pause_if_asked(self.root, "committing")

    def _undo(self, undo: list[tuple[Path, Path | None]]) -> None:
        for target, kept in reversed(undo):
            with contextlib.suppress(OSError):
                if kept is not None:
                    os.replace(kept, target)
                elif target.is_dir() and not target.is_symlink():
                    shutil.rmtree(target)
                else:
                    target.unlink()

    def discard(self) -> None:
        """Remove the staging folder (and the root, when this set made it and it is empty)."""
        shutil.rmtree(self.area, ignore_errors=True)
        if self._lock >= 0:
            os.close(self._lock)
            self._lock = -1
        if self.created_root:
            with contextlib.suppress(OSError):
                self.root.rmdir()

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        if kind is None:
            self.commit()
        else:
            self.discard()


def leftovers(root: Path) -> Iterator[Path]:
    """Staging folders under ``root`` whose process is gone (their lock is free)."""
    if not root.is_dir():
        return
    for area in root.glob(STAGING_PREFIX + "*"):
        try:
            handle = os.open(area / _LOCK, os.O_WRONLY)
        except OSError:  # no lock file: its process died before making it, or is making it now
            with contextlib.suppress(OSError):
                if time.time() - area.stat().st_mtime > _UNLOCKED_GRACE_SECONDS:
                    yield area
            continue
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            continue  # a running process holds it
        finally:
            os.close(handle)
        yield area


def remove_leftovers(root: Path) -> int:
    """Clear what killed processes left staged under ``root``: a set killed while it was renamed into
    place is finished (its files are whole, and some are already in place), any other is dropped.
    Returns how many staging folders went."""
    found = list(leftovers(root))
    for area in found:
        with contextlib.suppress(OSError):
            if (area / _COMMIT).is_file():
                _finish(area, root)
        shutil.rmtree(area, ignore_errors=True)
    return len(found)


def rolling_forward(root: Path) -> dict[Path, Path]:
    """The files that sets killed while being renamed into place under ``root`` have yet to put there
    (the next :func:`remove_leftovers` will): target → the staged file."""
    found = {}
    for area in leftovers(root):
        staged = area / "new"
        if (area / _COMMIT).is_file() and staged.is_dir():
            found.update({root / path.relative_to(staged): path for path in staged.rglob("*") if path.is_file()})
    return found


def _finish(area: Path, root: Path) -> None:
    """Rename into place what a killed commit had not yet, and make its removals."""
    staged = area / "new"
    for path in sorted(p for p in staged.rglob("*") if p.is_file()) if staged.is_dir() else []:
        target = root / path.relative_to(staged)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)
    for line in (area / _COMMIT).read_text(encoding="utf-8").splitlines():
        (root / line).unlink(missing_ok=True)


def write_atomically(target: Path, data: bytes, mode: int | None = None) -> None:
    """Write one file through the staged writer: never a half file. ``mode`` defaults to the file's
    own (when it exists) or to what a new file gets."""
    if mode is None:
        try:
            mode = target.stat().st_mode & 0o7777
        except OSError:
            mode = FILE_MODE
    staging = Staging(target.parent)
    try:
        staging.add(target, data, mode)
    except BaseException:
        staging.discard()
        raise
    staging.commit()
