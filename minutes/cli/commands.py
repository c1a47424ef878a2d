"""The commands: each turns its arguments into one library call and the result into messages and an
exit status. Library modules are imported inside each command, so ``--help`` and ``validate`` stay fast."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from minutes.cli.console import BuildDisplay, Console, TerminateAsInterrupt
from minutes.diagnostics import InvalidInput, Note
from minutes.workspace import Workspace

if TYPE_CHECKING:
    from minutes.archive.check import Answer

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 3


def cores() -> int:
    """The cores this process may use (a container's or a batch job's CPU set included)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def cmd_build(args: argparse.Namespace, workspace: Workspace, console: Console) -> int:
    from minutes.build import build

    out_dir = Path(args.output).resolve()
    display = None if args.quiet else BuildDisplay(workspace, console)
    with TerminateAsInterrupt():
        result = build(workspace, args.paths or None, out_dir, strict=args.strict, jobs=args.jobs or cores(),
                       shard=args.shard, force=args.force, progress=display)
    console.diagnostics(result.warnings)
    for notice in result.notices:
        console.report("said-warning", reason=notice)
    for path in result.written:
        console.out(workspace.display_name(path))
    for path in result.removed:
        console.report("build-removed", path=workspace.display_name(path))
    if display:
        display.summary(len(result.written), result.up_to_date, len(result.removed))
    return EXIT_OK


def cmd_watch(args: argparse.Namespace, workspace: Workspace, console: Console) -> int:
    from minutes.build.watch import watch

    out_dir = Path(args.output).resolve()
    console.report("watch-start")
    with contextlib.suppress(KeyboardInterrupt):  # how a watch session ends
        for rebuild in watch(workspace, args.paths or None, out_dir, settle=args.settle, strict=args.strict):
            if rebuild.changed:
                console.report("watch-changed", files=", ".join(workspace.display_name(p) for p in rebuild.changed))
            if isinstance(rebuild.error, InvalidInput):
                console.diagnostics(rebuild.error.diagnostics)
            elif rebuild.error is not None:
                console.report("said-error", reason=rebuild.error.note)
            if rebuild.result is not None:
                console.diagnostics(rebuild.result.warnings)
                for path in rebuild.result.written:
                    console.out(workspace.display_name(path))
                console.report("watch-done", written=len(rebuild.result.written),
                               up_to_date=rebuild.result.up_to_date, seconds=rebuild.seconds)
    return EXIT_OK


def cmd_serve(args: argparse.Namespace, workspace: Workspace, console: Console) -> int:
    from minutes.serve.live import Report
    from minutes.serve.server import Server

    def report(done: Report) -> None:
        if done.changed:
            console.report("watch-changed", files=", ".join(workspace.display_name(p) for p in done.changed))
        console.diagnostics(done.outcome.diagnostics)
        if done.outcome.failure:
            console.report("said-error", reason=str(done.outcome.failure))
        console.report("serve-done", count=len(done.written), seconds=done.seconds)

    server = Server(workspace, args.paths or None, Path(args.output).resolve(), lang=args.lang or "fa",
                    host=args.host, port=args.port, archive=_archive_dir(args, workspace), report=report,
                    allow_hosts=args.allow_host)
    if server.shared:
        console.report("serve-shared", host=args.host, names=", ".join(sorted(server.preview.names)))
    console.report("serve-start", url=server.url)
    with contextlib.suppress(KeyboardInterrupt):  # how a preview ends
        server.run()
    return EXIT_OK


def cmd_validate(args: argparse.Namespace, workspace: Workspace, console: Console) -> int:
    from minutes.sources import check_workspace

    validated = check_workspace(workspace, args.paths or None)
    console.diagnostics(validated.warnings)
    if args.strict and validated.warnings:
        return EXIT_INVALID
    console.report("validate-valid", count=len(validated.records))
    return EXIT_OK


def cmd_lint(args: argparse.Namespace, workspace: Workspace, console: Console) -> int:
    from minutes.lint import fix_and_lint, lint_file
    from minutes.sources import link_out

    given = [sorted(path.rglob("*.yaml")) if path.is_dir() else [path] for path in args.paths]
    paths = [path for found in given for path in found] if args.paths else [*workspace.directory_files(),
                                                                               *workspace.record_files()]
    remaining = 0
    refused = [problem for path in paths if (problem := link_out(workspace, path)) is not None]
    console.diagnostics(refused)  # never read, never written through
    for path in paths:
        if link_out(workspace, path):
            continue
        if args.fix:
            edits, findings = fix_and_lint(path, workspace.display_name(path))
            if edits:
                console.report("lint-fixed", file=workspace.display_name(path), count=edits)
        else:
            findings = lint_file(path, workspace.display_name(path))
        remaining += len(findings)
        for finding in findings:
            console.out(finding.format(console.lang))
    return EXIT_INVALID if remaining or refused else EXIT_OK


def cmd_schema(args: argparse.Namespace, workspace: Workspace, console: Console) -> int:
    from minutes.schema import schema_text

    text = schema_text(args.kind)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_new(args: argparse.Namespace, workspace: Workspace, console: Console) -> int:
    from minutes.new import new_record, write_new
    from minutes.sources import check_workspace
    from minutes.text.jalali import JalaliDate

    record = new_record(workspace, check_workspace(workspace), args.body, args.date or JalaliDate.today())
    write_new(record)
    console.out(workspace.display_name(record.path))
    return EXIT_OK


def cmd_init(args: argparse.Namespace, workspace: Workspace, console: Console) -> int:
    from minutes.init import has_font, init_workspace

    root = args.folder.resolve()
    written = init_workspace(root, keep_existing=args.existing)
    for path in written:
        console.out(path.relative_to(root).as_posix())
    if not has_font(root):
        console.report("init-no-font")
    console.report("init-done", count=len(written), folder=workspace.display_name(root))
    return EXIT_OK


def _archive_dir(args: argparse.Namespace, workspace: Workspace) -> Path:
    return Path(args.archive).resolve() if args.archive else workspace.root / "archive"


def cmd_issue(args: argparse.Namespace, workspace: Workspace, console: Console) -> int:
    from minutes.archive.issue import issue_record
    from minutes.text.jalali import JalaliDate

    if args.supersede != bool(args.reason):
        console.report("issue-supersede-reason")
        return EXIT_USAGE
    result = issue_record(workspace, args.record, _archive_dir(args, workspace),
                          issue_date=args.date or JalaliDate.today(),
                          supersede_reason=args.reason, progress=console.say, ask_password=_ask_password)
    for key, number in result.numbers.items():
        console.out(f"{key}\t{number}\t{result.codes[key]}")
    console.report("issue-done", record=result.record, version=result.version, bag=workspace.display_name(result.bag))
    return EXIT_OK


def _ask_password(prompt: str) -> str:
    """The signing key's password, typed at the terminal (never echoed, never stored)."""
    import getpass

    from minutes.archive.signing import SigningError

    if not sys.stdin.isatty():
        raise SigningError(Note.of("password-no-terminal", what=prompt.rstrip(": ")))
    return getpass.getpass(prompt)


def cmd_verify(args: argparse.Namespace, workspace: Workspace, console: Console) -> int:
    from minutes.archive.seal import office_signing, trust_of
    from minutes.archive.verify import verify

    archive = _archive_dir(args, workspace)
    verdict = verify(archive, trust_of(workspace, office_signing(workspace)))
    for problem in verdict.problems:
        console.out(problem.text(console.lang))
    for note in verdict.notes:
        console.report("said-note", note=note)
    if verdict.problems:
        console.report("verify-problems", count=len(verdict.problems), archive=workspace.display_name(archive))
    else:
        console.report("verify-sound", archive=workspace.display_name(archive))
    differ = _rerender(workspace, archive, console) if args.rerender else False
    return EXIT_INVALID if verdict.problems or differ else EXIT_OK


def _rerender(workspace: Workspace, archive: Path, console: Console) -> bool:
    """``verify --rerender``: every original rendered again; says which differ and why. True when any does."""
    from minutes.archive.rerender import rerender

    results = rerender(workspace, archive)
    for result in results:
        for name in result.different:
            console.out(console.words("verify-rerender-differs",
                                      path=workspace.display_name(archive / result.folder / "data" / name)))
        for reason in result.reasons:
            console.out(console.words("bag-reason", folder=result.folder, reason=reason))
    total, differ = sum(r.count for r in results), sum(len(r.different) for r in results)
    if differ:
        console.report("verify-rerender-differ-count", differ=differ, total=total)
    else:
        console.report("verify-rerender-same", total=total, bags=len(results))
    return differ > 0


def cmd_check(args: argparse.Namespace, workspace: Workspace, console: Console) -> int:
    from minutes.archive.check import MAX_ASKED, MAX_HELD, TooLarge, check_code, check_file, held_file, read_held
    from minutes.archive.seal import office_signing, trust_of
    from minutes.vcode import CodeError

    if len(args.what) > MAX_ASKED:  # not echoed: it could be anything
        console.report("check-too-long", count=len(args.what), limit=MAX_ASKED)
        return EXIT_INVALID
    archive, trust = _archive_dir(args, workspace), trust_of(workspace, office_signing(workspace))
    path = held_file(args.what)
    if path is None and (args.what.lower().endswith(".pdf") or os.sep in args.what):
        console.report("check-no-file", file=args.what)
        return EXIT_INVALID
    try:
        answer = check_file(archive, read_held(path), trust) if path else check_code(archive, args.what, trust)
    except TooLarge:
        console.report("check-too-large", file=args.what, limit=MAX_HELD >> 20)
        return EXIT_INVALID
    except ValueError as error:  # a mistyped code (CodeError), or a value in the register that cannot be read
        console.report("said-error", reason=error.note if isinstance(error, CodeError) else str(error))
        return EXIT_INVALID
    for line in _answer_lines(answer, args.what, console):
        console.out(line)
    return EXIT_OK if answer.current else EXIT_INVALID


def _answer_lines(answer: Answer, asked: str, console: Console) -> list[str]:
    """The archive's answer in words, one fact a line (``asked``: the code or file)."""
    words, original = console.words, answer.original
    if original is None:
        altered, unknown = answer.altered, words("check-not-issued", asked=asked)
        if altered is None:
            return [unknown]
        return [unknown, words("check-unmatched", record=altered.record, version=altered.version,
                               count=altered.originals)]
    lines = [words("check-issued", record=original.record, version=original.version, document=original.document,
                   number=original.number, date=original.issued_on, code=original.code)]
    newer = answer.superseded_by
    if newer is None:
        lines.append(words("check-current"))
    elif answer.replacement_number:
        lines.append(words("check-superseded.renumbered", version=newer.version, date=str(newer.issued_on),
                           reason=newer.reason, number=answer.replacement_number))
    else:
        lines.append(words("check-superseded", version=newer.version, date=str(newer.issued_on), reason=newer.reason))
    return lines + ([words("check-differs", problem=problem) for problem in answer.problems] or
                    [words("check-matches.signed" if original.signed else "check-matches")])


def cmd_search(args: argparse.Namespace, workspace: Workspace, console: Console) -> int:
    from minutes.archive.registry import REGISTRY_NAME
    from minutes.archive.search import search_archive

    index = _archive_dir(args, workspace) / REGISTRY_NAME
    if not index.is_file():
        console.report("search-no-archive", folder=workspace.display_name(index.parent))
        return EXIT_FAILED
    hits = search_archive(index, args.text)
    for hit in hits:
        superseded = console.words("search-superseded", version=hit.superseded_by) if hit.superseded_by else ""
        console.out(f"{hit.record}{superseded}\t{hit.decision or '-'}\t{hit.snippet}")
    return EXIT_OK if hits else EXIT_INVALID


def cmd_followup(args: argparse.Namespace, workspace: Workspace, console: Console) -> int:
    from minutes.followup import followup
    from minutes.text.jalali import JalaliDate

    result = followup(workspace, args.as_of or JalaliDate.today(), Path(args.output).resolve(), body=args.body,
                      progress=None if args.quiet else console.say)
    console.diagnostics(result.warnings)
    for notice in result.notices:
        console.report("said-warning", reason=notice)
    if not result.folders:
        console.report("followup-nothing")
    for path in result.removed:
        console.report("followup-removed", path=workspace.display_name(path))
    for path in result.written:
        console.out(workspace.display_name(path))
    return EXIT_OK


def cmd_doctor(args: argparse.Namespace, workspace: Workspace, console: Console) -> int:
    from minutes.doctor import report

    lines, healthy = report(workspace)
    console.out("\n".join(line if isinstance(line, str) else line.text(console.lang) for line in lines))
    return EXIT_OK if healthy else EXIT_FAILED
