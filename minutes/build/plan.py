"""What a build must make: the HTML of every document of the checked records, and the jobs whose key
changed since the last build (see :mod:`minutes.build.cache`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from minutes.build.cache import FileHashes, OutputEntry, RecordEntry, digest, rendering_versions
from minutes.build.inputs import Inputs
from minutes.build.shard import Shard
from minutes.documents.registry import documents_for
from minutes.output.fonts import FontChoice
from minutes.output.jobs import Job
from minutes.render import environment, render_document, to_job
from minutes.validate import Validated
from minutes.workspace import Workspace


def render_environment(workspace: Workspace, font: FontChoice, system_fonts: list[str], hashes: FileHashes) -> str:
    """What every PDF depends on besides its HTML: stylesheet, font files, versions."""
    style = workspace.template_file("style.css")
    font_files = [hashes.of(path) for _, path in font.files] + [hashes.of(Path(p)) for p in system_fonts]
    return digest(rendering_versions(), hashes.of(style) if style else "", font.stylesheet(workspace),
                  *font.embedded_names, *font_files)


@dataclass
class Plan:
    """The files to (re)write and the manifest entries of the records checked."""

    jobs: list[Job] = field(default_factory=list)
    keys: dict[Path, tuple[str, str, str]] = field(default_factory=dict)  # target → record name, file, key
    entries: dict[str, RecordEntry] = field(default_factory=dict)
    up_to_date: int = 0


def plan(inputs: Inputs, validated: Validated, out_dir: Path, render_env: str, shard: Shard | None) -> Plan:
    """Render the HTML of every document of the validated records and keep those whose key changed."""
    workspace, manifest, hashes = inputs.workspace, inputs.manifest, inputs.hashes
    env = environment(workspace)
    warned = {d.file for d in validated.warnings}
    result = Plan()
    for item in validated.records:
        path = item.source.path.resolve()
        name = inputs.name(path)
        old = manifest.records.get(name)
        outputs: dict[str, OutputEntry] = {}
        for document in documents_for(item, validated.directory):
            if shard and not shard.owns(f"{document.record}/{document.filename}"):
                continue
            target = out_dir / document.record / document.filename
            job = to_job(document, render_document(env, document), target)
            key = digest(render_env, *job.papers, job.markup) if job.format.typeset else digest(job.markup)
            previous = old.outputs.get(document.filename) if old else None
            if (previous and previous.key == key and previous.intact(target)
                    and all(hashes.resource(url, workspace) == sha for url, sha in previous.resources.items())):
                outputs[document.filename] = previous
                result.up_to_date += 1
                continue
            result.keys[target] = (name, document.filename, key)
            result.jobs.append(job)
        known = item.known
        result.entries[name] = RecordEntry(hashes.of(path), inputs.stamp(path), list(known.ids), list(known.refs),
                                           item.source.display_name in warned, outputs)
    return result
