"""The build: find what is out of date, check it, render it (in parallel), then write it as one set.

Only what changed is rebuilt (see :mod:`minutes.build.cache`): a build where nothing changed reads
no record and never imports WeasyPrint. Nothing is written unless every record checked is valid
and every document rendered: the output stage (:mod:`minutes.output`) stages every file and
renames them into place together, so no reader ever sees half a PDF and an interrupted build
leaves the previous files as they were.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from minutes.build.cache import MANIFEST, Manifest, OutputEntry
from minutes.build.inputs import Inputs, edited_since
from minutes.build.shard import Shard
from minutes.diagnostics import Diagnostic, InvalidInput, Note, RenderError
from minutes.output.files import Staging, remove_leftovers, write_atomically
from minutes.workspace import Workspace, as_named

if TYPE_CHECKING:
    from minutes.build.plan import Plan
    from minutes.output.jobs import Made
    from minutes.output.pool import Renderers
    from minutes.output.worker import Warm

__all__ = ["BuildResult", "Shard", "Step", "build"]


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
    notices: tuple[Note, ...]
    up_to_date: int = 0
    removed: tuple[Path, ...] = ()
    peak_rss_mb: float | None = None


Progress = Callable[[Step], None]


def _check_folders(records: list[Path], out_dir: Path) -> None:
    seen: dict[str, Path] = {}
    for path in records:
        if path.stem in seen:
            raise RenderError(Note.of("records-collide", folder=out_dir / path.stem, first=seen[path.stem], second=path))
        seen[path.stem] = path


def build(workspace: Workspace, record_paths: list[Path] | None, out_dir: Path, *, strict: bool = False,
          jobs: int = 1, shard: Shard | None = None, force: bool = False,
          progress: Progress | None = None, warm: Warm | None = None) -> BuildResult:
    """Bring the draft documents of the given records (all by default) in ``out_dir`` up to date.

    ``jobs`` processes render at once; ``shard`` limits the build to its part; ``force`` rebuilds
    everything; ``warm`` keeps one renderer across builds (``minutes watch``).
    """
    from minutes.output.pool import Renderers

    remove_leftovers(out_dir)  # what a killed build staged, whatever this one has to do
    manifest_path = out_dir / (shard.manifest if shard else MANIFEST)
    records = workspace.record_files()
    renderers = Renderers(1 if warm else jobs)
    if force or edited_since(records, manifest_path):
        renderers.start()  # there is likely work: the first worker loads WeasyPrint while this one looks
    manifest = Manifest() if force else Manifest.load(manifest_path)
    inputs = Inputs(workspace, manifest, records)
    with renderers:
        requested = sorted({as_named(path) for path in record_paths}) if record_paths else inputs.records
        _check_folders(requested, out_dir)
        gone = inputs.gone()
        gone_ids = {ident for name in gone for ident in manifest.records[name].ids}
        stale = [path for path in requested
                 if not inputs.fresh(path, out_dir) or gone_ids & set(manifest.records[inputs.name(path)].refs)]
        if stale:
            return _rebuild(inputs, requested, stale, gone, out_dir, manifest_path, renderers, strict=strict,
                            shard=shard, progress=progress, warm=warm)
    removed = _forget(manifest, gone, out_dir, manifest_path) if gone else ()
    count = sum(len(manifest.records[inputs.name(path)].outputs) for path in requested)
    return BuildResult((), (), tuple(manifest.notices), up_to_date=count, removed=removed)


def _forget(manifest: Manifest, gone: list[str], out_dir: Path, manifest_path: Path) -> tuple[Path, ...]:
    """Remove the outputs of records that are gone, and forget them."""
    with Staging(out_dir) as staging:
        removed = _schedule_removals(manifest, {}, gone, out_dir, staging)
    for name in gone:
        del manifest.records[name]
    write_atomically(manifest_path, manifest.encode())
    return removed


def _rebuild(inputs: Inputs, requested: list[Path], stale: list[Path], gone: list[str], out_dir: Path,
             manifest_path: Path, renderers: Renderers, *, strict: bool, shard: Shard | None,
             progress: Progress | None, warm: Warm | None) -> BuildResult:
    """Check the stale records, render what changed, then write it all and the manifest.

    The rendering processes are running (or start now): they load WeasyPrint while this one checks
    the records.
    """
    from minutes.build.check import check
    from minutes.build.plan import plan, render_environment
    from minutes.output.fonts import system_font_file
    from minutes.output.pool import produce
    from minutes.resources import check_resources

    workspace, manifest = inputs.workspace, inputs.manifest
    renderers.start()
    validated = check(inputs, stale, requested)
    if strict and validated.warnings:
        raise InvalidInput(list(validated.warnings))
    font = check_resources(workspace, validated)
    if not warm:
        renderers.prepare(workspace, font)
    system_fonts = [] if font.files else [str(p) for p in [system_font_file(font.family)] if p]
    if system_fonts != manifest.system_fonts:  # the stamps written must cover the fonts used now
        manifest.system_fonts = system_fonts
        inputs = Inputs(workspace, manifest, inputs.records, inputs.hashes)
    render_env = render_environment(workspace, font, system_fonts, inputs.hashes)
    work = plan(inputs, validated, out_dir, render_env, shard)
    up_to_date = work.up_to_date + sum(len(manifest.records[inputs.name(path)].outputs)
                                       for path in requested if inputs.name(path) not in work.entries)
    if progress:
        progress(Step(0, len(work.jobs), up_to_date))
    renderer = warm.renderer(workspace, font, render_env) if warm and work.jobs else None
    staging = Staging(out_dir)
    try:
        made = _stage_all(produce(renderers, workspace, font, work.jobs, renderer=renderer), staging,
                          len(work.jobs), up_to_date, progress)
        removed = _schedule_removals(manifest, _made_files(work), gone, out_dir, staging)
        written = staging.commit()
    except BaseException:
        staging.discard()
        raise
    _record_outputs(work, made)
    for name in gone:
        del manifest.records[name]
    manifest.records.update(work.entries)
    manifest.notices = [font.warning] if font.warning else []
    manifest.system_fonts = system_fonts
    checked = {item.source.display_name for item in validated.records}
    manifest.warned = any(d.file not in checked for d in validated.warnings)
    write_atomically(manifest_path, manifest.encode())
    peak = max((m.peak_rss_mb for m in made.values() if m.peak_rss_mb), default=None)
    return BuildResult(written, validated.warnings, tuple(manifest.notices), up_to_date, removed, peak)


def _stage_all(made: Iterator[Made], staging: Staging, total: int, up_to_date: int,
               progress: Progress | None) -> dict[Path, Made]:
    """Stage every file as it is made, reporting progress; what is kept of each is all but its bytes
    (they are on disk: a cold build of 2,000 records would otherwise hold every PDF in memory)."""
    done: dict[Path, Made] = {}
    for item in made:
        staging.add(item.target, item.data)
        done[item.target] = replace(item, data=b"")
        if progress:
            progress(Step(len(done), total, up_to_date, item.target))
    return done


def _record_outputs(work: Plan, made: dict[Path, Made]) -> None:
    """Note every file written in its record's manifest entry (size and time as written, resources fetched)."""
    for target, item in made.items():
        name, file, key = work.keys[target]
        work.entries[name].outputs[file] = OutputEntry.written(key, target, item.resources)


def _made_files(work: Plan) -> dict[str, set[str]]:
    """The files each checked record makes now (by record name): those up to date and those to write."""
    files = {name: set(entry.outputs) for name, entry in work.entries.items()}
    for name, file, _ in work.keys.values():
        files[name].add(file)
    return files


def _schedule_removals(manifest: Manifest, made: dict[str, set[str]], gone: list[str], out_dir: Path,
                       staging: Staging) -> tuple[Path, ...]:
    """Remove, with the set, the files an earlier build wrote for records that are gone or documents no
    longer made (``made``: the files each checked record makes now)."""
    removed = []
    for name, old in manifest.records.items():
        if name not in gone and name not in made:
            continue
        keep = made.get(name, set())
        folder = out_dir / Path(name).stem
        for file in sorted(set(old.outputs) - keep):
            staging.remove(folder / file)
            removed.append(folder / file)
    return tuple(removed)
