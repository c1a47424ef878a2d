"""Orchestration: find what is out of date, check it, render it (in parallel), then write.

Only what changed is rebuilt (see :mod:`minutes.cache`): a build where nothing changed reads
no record and never imports WeasyPrint. Nothing is written unless every record checked is valid
and every document rendered: each document goes to a temporary file beside its target, and only
when all are ready are they renamed into place, so no reader ever sees half a PDF and an
interrupted build leaves the previous files as they were.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import importlib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from minutes.cache import MANIFEST, FileHashes, Manifest, OutputEntry, RecordEntry, digest, rendering_versions
from minutes.diagnostics import Diagnostic, InvalidInput, RenderError
from minutes.parallel import Job, Renderers
from minutes.workspace import Workspace

if TYPE_CHECKING:
    from minutes.context import Document
    from minutes.fonts import FontChoice
    from minutes.validate import Validated, ValidRecord
    from minutes.worker import Warm

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Shard:
    """The ``index``-th (from 1) of ``count`` disjoint parts of a build, chosen by a hash of each output's
    path (``<record>/<file>``): the same on every machine, whatever else is built."""

    index: int
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        """``"K/N"`` with 1 ≤ K ≤ N; raises ValueError otherwise."""
        index, slash, count = text.partition("/")
        if not (slash and index.isdigit() and count.isdigit() and 1 <= int(index) <= int(count)):
            raise ValueError(f"not a shard K/N with 1 <= K <= N: {text!r}")
        return cls(int(index), int(count))

    def owns(self, relative: str) -> bool:
        """Whether the output at ``relative`` (``<record>/<file>``) belongs to this shard."""
        number = int.from_bytes(hashlib.sha256(relative.encode("utf-8")).digest()[:8], "big")
        return number % self.count == self.index - 1

    @property
    def manifest(self) -> str:
        """Each shard keeps its own manifest, so shards may share one output folder."""
        return f".minutes-cache-{self.index}-of-{self.count}.json"


@dataclass(frozen=True)
class Step:
    """Progress of a build: ``done`` of the ``total`` documents being rebuilt (``target`` the last one
    finished; None on the first step, which announces the work), ``up_to_date`` others left as they are."""

    done: int
    total: int
    up_to_date: int
    target: Path | None = None


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote, left alone and removed, and what it wants the user to know.

    ``peak_rss_mb`` is the largest peak resident memory of a process that rendered PDFs (None when
    nothing was rendered).
    """

    written: tuple[Path, ...]
    warnings: tuple[Diagnostic, ...]
    notices: tuple[str, ...]
    up_to_date: int = 0
    removed: tuple[Path, ...] = ()
    peak_rss_mb: float | None = None


@dataclass(frozen=True)
class Output:
    """A rendered document ready to write: where it goes and its bytes."""

    target: Path
    data: bytes


def _file_mode() -> int:
    """The mode a plainly created file gets here (``mkstemp`` alone would make it private)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


FILE_MODE = _file_mode()


def _stage(target: Path, data: bytes) -> Path:
    """Write ``data`` to a hidden temporary file beside ``target`` and flush it to disk; return its path."""
    target.parent.mkdir(parents=True, exist_ok=True)
    for leftover in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):  # from a build that was killed
        leftover.unlink(missing_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        os.fchmod(handle, FILE_MODE)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Path(temporary)


def write_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through a temporary file and a rename: never a half file."""
    temporary = _stage(target, data)
    try:
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _targets(documents: list[Document], out_dir: Path) -> list[Path]:
    targets = [out_dir / doc.record / doc.filename for doc in documents]
    seen: set[Path] = set()
    for target in targets:
        if target in seen:
            raise RenderError(f"two documents would be written to {target}: rename one of the records")
        seen.add(target)
    return targets


def render_outputs(workspace: Workspace, documents: list[Document], out_dir: Path, font: FontChoice, *,
                   progress: Progress | None = None) -> list[Output]:
    """Render ``documents`` in memory (HTML and text as they are, PDFs through WeasyPrint); writes nothing."""
    from minutes.render import environment, render_document

    targets = _targets(documents, out_dir)
    env = environment(workspace)
    pages = [render_document(env, doc) for doc in documents]
    renderer = None
    if any(doc.is_pdf for doc in documents):
        from minutes.pdf import PdfRenderer  # WeasyPrint costs ~0.7 s to import: only when rendering

        renderer = PdfRenderer(workspace, font)
    outputs = []
    for document, target, page in zip(documents, targets, pages, strict=True):
        if renderer is not None and document.is_pdf:
            pdf = renderer.render(page, document.papers)
            outputs.append(Output(target, pdf.data))
        else:
            outputs.append(Output(target, page.encode("utf-8")))
        if progress:
            progress(f"rendered {workspace.display_name(target)}")
    return outputs


# -- which records are out of date ------------------------------------------------------------------


@dataclass
class _Inputs:
    """The record files of the workspace, their names and hashes, and the hash of everything they share."""

    workspace: Workspace
    manifest: Manifest
    hashes: FileHashes = field(default_factory=FileHashes)

    def __post_init__(self) -> None:
        self.records = [path.resolve() for path in self.workspace.record_files()]
        self.by_name = {self.name(path): path for path in self.records}
        ws = self.workspace
        directory = [part for path in ws.directory_files() for part in (path.name, self.hashes.of(path))]
        system_fonts = [self.hashes.of(Path(path)) for path in self.manifest.system_fonts]
        self.shared = digest(rendering_versions(), *directory, *system_fonts,
                             self.hashes.tree([*ws.template_dirs, ws.fonts, ws.assets]))

    def name(self, path: Path) -> str:
        """A record's name in the manifest: its path relative to the workspace."""
        return path.relative_to(self.workspace.root).as_posix() if path.is_relative_to(self.workspace.root) \
            else path.as_posix()

    def path(self, name: str) -> Path:
        """The record file a manifest name stands for."""
        return (self.workspace.root / name).resolve()

    def stamp(self, path: Path) -> str:
        return digest(self.shared, self.name(path), self.hashes.of(path))

    def fresh(self, path: Path, out_dir: Path) -> bool:
        """Whether the record's outputs are up to date: same stamp, no warnings, every output untouched."""
        entry = self.manifest.records.get(self.name(path))
        return (entry is not None and not entry.warned and entry.stamp == self.stamp(path)
                and all(output.intact(out_dir / path.stem / file) for file, output in entry.outputs.items()))

    def known(self, path: Path) -> bool:
        """Whether the manifest knows the decision ids this exact file gives and refers to."""
        entry = self.manifest.records.get(self.name(path))
        return entry is not None and entry.sha == self.hashes.of(path)


def _ids(item: ValidRecord) -> list[str]:
    return [item.decision_id(i) for i in range(len(item.record.decisions))]


def _validate(inputs: _Inputs, stale: list[Path], requested: list[Path]) -> Validated:
    """Validate the ``stale`` records, reading the others only where they matter.

    Other records matter to a record only through decision ids: those its follow-ups refer to and
    those it must not give twice. When the manifest knows the ids every other record gives and
    refers to, validation sees just the stale records and the records their follow-ups referred to
    last time; that is the full check's result unless a new id is also given by a record it did not
    see (then, and on any error, so that messages are the full check's, every record is read, as
    :func:`minutes.validate.validate` does). Either way, unchanged records that refer to an id that
    went away are checked again too.
    """
    from minutes.validate import validate

    workspace, manifest = inputs.workspace, inputs.manifest
    chosen = set(stale)
    others = [path for path in inputs.records if path not in chosen]
    owners = manifest.owners()
    if others and all(inputs.known(path) for path in others):
        old_refs = {ref for path in stale if (entry := manifest.records.get(inputs.name(path))) for ref in entry.refs}
        visible = chosen | {inputs.by_name[owners[ref]] for ref in old_refs
                            if ref in owners and owners[ref] in inputs.by_name}
        try:
            validated = validate(workspace.limited_to(visible), stale)
        except InvalidInput:
            validated = validate(workspace, stale)
        unseen = {path for path in others if path not in visible}
        given = {ident for item in validated.records for ident in _ids(item)}
        if any(inputs.by_name.get(owners.get(ident, "")) in unseen for ident in given):
            validated = validate(workspace, stale)  # a new id another record gives: the full check says so
    else:
        validated = validate(workspace, stale)
    new_ids = {ident for item in validated.records for ident in _ids(item)}
    gone = {ident for name, entry in manifest.records.items()
            if not inputs.path(name).is_file() or inputs.path(name) in chosen for ident in entry.ids} - new_ids
    wanted = set(requested)
    dependents = [path for path in others if path in wanted and inputs.known(path)
                  and gone & set(manifest.records[inputs.name(path)].refs)]
    return validate(workspace, sorted(chosen | set(dependents))) if dependents else validated


# -- the build --------------------------------------------------------------------------------------


def _render_environment(workspace: Workspace, font: FontChoice, system_fonts: list[str], hashes: FileHashes) -> str:
    """What every PDF depends on besides its HTML: stylesheet, font files, versions."""
    style = workspace.template_file("style.css")
    font_files = [hashes.of(path) for _, path in font.files] + [hashes.of(Path(p)) for p in system_fonts]
    return digest(rendering_versions(), hashes.of(style) if style else "", font.stylesheet(workspace),
                  *font.embedded_names, *font_files)


@dataclass
class _Plan:
    """The documents to (re)write and the manifest entries of the records checked."""

    jobs: list[Job] = field(default_factory=list)
    texts: list[tuple[Path, bytes]] = field(default_factory=list)
    keys: dict[Path, tuple[str, str, str]] = field(default_factory=dict)  # target → record name, file, key
    entries: dict[str, RecordEntry] = field(default_factory=dict)
    up_to_date: int = 0


def _plan(inputs: _Inputs, validated: Validated, out_dir: Path, render_env: str, shard: Shard | None) -> _Plan:
    """Render the HTML of every document of the validated records and keep those whose key changed."""
    from minutes.context import documents_for
    from minutes.render import environment, render_document

    workspace, manifest, hashes = inputs.workspace, inputs.manifest, inputs.hashes
    env = environment(workspace)
    warned = {d.file for d in validated.warnings}
    plan = _Plan()
    for item in validated.records:
        path = item.source.path.resolve()
        name = inputs.name(path)
        old = manifest.records.get(name)
        outputs: dict[str, OutputEntry] = {}
        for document in documents_for(item, validated.directory):
            if shard and not shard.owns(f"{document.record}/{document.filename}"):
                continue
            target = out_dir / document.record / document.filename
            html = render_document(env, document)
            papers = document.papers if document.is_pdf else ()
            key = digest(render_env, *papers, html) if document.is_pdf else digest(html)
            previous = old.outputs.get(document.filename) if old else None
            if (previous and previous.key == key and previous.intact(target)
                    and all(hashes.resource(url, workspace) == sha for url, sha in previous.resources.items())):
                outputs[document.filename] = previous
                plan.up_to_date += 1
                continue
            plan.keys[target] = (name, document.filename, key)
            if document.is_pdf:
                plan.jobs.append(Job(target, html, papers))
            else:
                plan.texts.append((target, html.encode("utf-8")))
        plan.entries[name] = RecordEntry(inputs.hashes.of(path), inputs.stamp(path), _ids(item),
                                         [f.decision for f in item.record.followups],
                                         item.source.display_name in warned, outputs)
    return plan


def _check_folders(records: list[Path], out_dir: Path) -> None:
    seen: dict[str, Path] = {}
    for path in records:
        if path.stem in seen:
            raise RenderError(f"two records would be written to {out_dir / path.stem}: "
                              f"{seen[path.stem]} and {path}; rename one of them")
        seen[path.stem] = path


def build(workspace: Workspace, record_paths: list[Path] | None, out_dir: Path, *, strict: bool = False,
          jobs: int = 1, shard: Shard | None = None, force: bool = False,
          progress: Callable[[Step], None] | None = None, warm: Warm | None = None) -> BuildResult:
    """Bring the draft documents of the given records (all by default) in ``out_dir`` up to date.

    ``jobs`` processes render at once; ``shard`` limits the build to its part; ``force`` rebuilds
    everything; ``warm`` keeps one renderer across builds (``minutes watch``).
    """
    manifest_path = out_dir / (shard.manifest if shard else MANIFEST)
    manifest = Manifest() if force else Manifest.load(manifest_path)
    inputs = _Inputs(workspace, manifest)
    requested = sorted({path.resolve() for path in record_paths}) if record_paths else inputs.records
    _check_folders(requested, out_dir)
    gone = [name for name in manifest.records if not inputs.path(name).is_file()]
    gone_ids = {ident for name in gone for ident in manifest.records[name].ids}
    stale = [path for path in requested
             if not inputs.fresh(path, out_dir) or gone_ids & set(manifest.records[inputs.name(path)].refs)]
    if stale:
        return _rebuild(inputs, requested, stale, gone, out_dir, manifest_path, strict=strict, jobs=jobs,
                        shard=shard, progress=progress, warm=warm)
    removed = _remove_obsolete(manifest, {}, gone, out_dir)
    if gone:
        for name in gone:
            del manifest.records[name]
        write_atomically(manifest_path, manifest.encode())
    count = sum(len(manifest.records[inputs.name(path)].outputs) for path in requested)
    return BuildResult((), (), tuple(manifest.notices), up_to_date=count, removed=removed)


def _rebuild(inputs: _Inputs, requested: list[Path], stale: list[Path], gone: list[str], out_dir: Path,
             manifest_path: Path, *, strict: bool, jobs: int, shard: Shard | None,
             progress: Callable[[Step], None] | None, warm: Warm | None) -> BuildResult:
    """Check the stale records, render what changed, then write it all and the manifest.

    The rendering processes start first: they load WeasyPrint while this one checks the records.
    """
    from minutes.fonts import choose_font, system_font_file

    workspace, manifest = inputs.workspace, inputs.manifest
    importlib.import_module("minutes.model")  # before the workers fork, so that they share it (and pydantic)
    with Renderers(1 if warm else jobs) as renderers:
        validated = _validate(inputs, stale, requested)
        if strict and validated.warnings:
            raise InvalidInput(list(validated.warnings))
        office = validated.directory.office
        assert office is not None, "validate() guarantees an office"
        font = choose_font(workspace, office.font)
        system_fonts = [] if font.files else [str(p) for p in [system_font_file(font.family)] if p]
        render_env = _render_environment(workspace, font, system_fonts, inputs.hashes)
        plan = _plan(inputs, validated, out_dir, render_env, shard)
        total = len(plan.jobs) + len(plan.texts)
        up_to_date = plan.up_to_date + sum(len(manifest.records[inputs.name(path)].outputs)
                                           for path in requested if inputs.name(path) not in plan.entries)
        if progress:
            progress(Step(0, total, up_to_date))
        staging = _Staging(out_dir)
        resources: dict[Path, dict[str, str]] = {}
        peak: float | None = None
        try:
            renderer = warm.renderer(workspace, font, render_env) if warm and plan.jobs else None
            for rendered in renderers.render(workspace, font, plan.jobs, renderer=renderer):
                staging.add(rendered.target, rendered.data)
                resources[rendered.target] = rendered.resources
                peak = max(peak or 0.0, rendered.peak_rss_mb)
                if progress:
                    progress(Step(len(staging.files), total, up_to_date, rendered.target))
            for target, data in plan.texts:  # last: they take no time, and would mislead the rate at first
                staging.add(target, data)
                if progress:
                    progress(Step(len(staging.files), total, up_to_date, target))
        except BaseException:
            staging.discard()
            raise
    written = _commit(plan, staging.files, resources)
    removed = _remove_obsolete(manifest, plan.entries, gone, out_dir)
    for name in gone:
        del manifest.records[name]
    manifest.records.update(plan.entries)
    manifest.notices = [font.warning] if font.warning else []
    manifest.system_fonts = system_fonts
    checked = {item.source.display_name for item in validated.records}
    manifest.warned = any(d.file not in checked for d in validated.warnings)
    write_atomically(manifest_path, manifest.encode())
    return BuildResult(written, validated.warnings, tuple(manifest.notices), up_to_date, removed, peak)


class _Staging:
    """Documents written beside their targets under temporary names, to be renamed into place together."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.files: dict[Path, Path] = {}  # target → temporary file
        self.created: list[Path] = []

    def add(self, target: Path, data: bytes) -> None:
        for folder in (self.out_dir, target.parent):
            if folder not in self.created and not folder.exists():
                self.created.append(folder)
        self.files[target] = _stage(target, data)

    def discard(self) -> None:
        """Remove every temporary file and the folders made for them: as if the build never ran."""
        for temporary in self.files.values():
            temporary.unlink(missing_ok=True)
        for folder in reversed(self.created):
            with contextlib.suppress(OSError):  # not empty: something else is in it
                folder.rmdir()


def _commit(plan: _Plan, staged: dict[Path, Path], resources: dict[Path, dict[str, str]]) -> tuple[Path, ...]:
    """Rename every staged file into place and record it in its record's manifest entry."""
    for target, temporary in staged.items():
        os.replace(temporary, target)
        name, file, key = plan.keys[target]
        plan.entries[name].outputs[file] = OutputEntry.written(key, target, resources.get(target, {}))
    return tuple(sorted(staged))


def _remove_obsolete(manifest: Manifest, entries: dict[str, RecordEntry], gone: list[str],
                     out_dir: Path) -> tuple[Path, ...]:
    """Remove the files an earlier build wrote for records that are gone or documents no longer made."""
    removed = []
    for name, old in manifest.records.items():
        if name not in gone and name not in entries:
            continue
        keep = set(entries[name].outputs) if name in entries else set()
        folder = out_dir / Path(name).stem
        for file in sorted(set(old.outputs) - keep):
            (folder / file).unlink(missing_ok=True)
            removed.append(folder / file)
    return tuple(removed)
