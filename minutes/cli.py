"""The ``minutes`` command: a thin shell that turns library results into messages and exit codes."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from minutes import __version__, terminal
from minutes.diagnostics import Diagnostic, InvalidInput, MinutesError, Severity
from minutes.messages import LANGUAGES, language_from_environment
from minutes.workspace import Workspace

if TYPE_CHECKING:
    from minutes.build import Shard, Step
    from minutes.jalali import JalaliDate

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 3


class Console:
    """Where the CLI writes: messages in the chosen language, Persian reshaped only when asked for
    and only on a terminal."""

    def __init__(self, lang: str, bidi_terminal: bool) -> None:
        self.lang = lang
        self.visual = {stream: terminal.wanted(bidi_terminal, os.environ, stream)
                       for stream in (sys.stdout, sys.stderr)}

    def write(self, text: str, stream: TextIO) -> None:
        print(terminal.visual(text) if self.visual.get(stream) else text, file=stream)

    def out(self, text: str) -> None:
        self.write(text, sys.stdout)

    def err(self, text: str) -> None:
        self.write(text, sys.stderr)

    def diagnostics(self, diagnostics: Sequence[Diagnostic]) -> None:
        for diagnostic in sorted(diagnostics):
            self.err(diagnostic.format(self.lang))
        errors = sum(d.severity is Severity.ERROR for d in diagnostics)
        if diagnostics:
            self.err(f"{errors} error(s), {len(diagnostics) - errors} warning(s)")


def _cores() -> int:
    """The cores this process may use (a container's or a batch job's CPU set included)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {text!r}")
    return int(text)


def _shard(text: str) -> Shard:
    from minutes.build import Shard

    try:
        return Shard.parse(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


class _BuildDisplay:
    """Shows a build's progress on standard error: a bar on a terminal, a line per document otherwise."""

    def __init__(self, workspace: Workspace, console: Console) -> None:
        import time

        self.workspace, self.console, self.clock = workspace, console, time.monotonic
        self.started = self.clock()
        self.on_terminal = sys.stderr.isatty()

    def __call__(self, step: Step) -> None:
        import shutil

        from minutes import progress

        if step.target is None:
            self.started = self.clock()
            self.console.err(f"{step.total} document(s) to build, {step.up_to_date} up to date")
        elif self.on_terminal:
            width = shutil.get_terminal_size().columns - 1
            end = "\n" if step.done == step.total else ""
            sys.stderr.write("\r" + progress.bar(step, self.clock() - self.started, width) + end)
            sys.stderr.flush()
        else:
            self.console.err(f"built {self.workspace.display_name(step.target)}")

    def summary(self, written: int, up_to_date: int, removed: int) -> None:
        from minutes import progress

        self.console.err(progress.summary(written, up_to_date, removed, self.clock() - self.started))


class _TerminateAsInterrupt:
    """While a build runs, SIGTERM (a batch scheduler cancelling the job) cleans up as Ctrl-C does."""

    def __enter__(self) -> None:
        import signal
        import threading

        self.previous = None
        if threading.current_thread() is threading.main_thread():  # only there can handlers be set
            self.previous = signal.signal(signal.SIGTERM, self.interrupt)

    @staticmethod
    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    def __exit__(self, *exception: object) -> None:
        import signal

        if self.previous is not None:
            signal.signal(signal.SIGTERM, self.previous)


def _cmd_build(args: argparse.Namespace, workspace: Workspace, console: Console) -> int:
    from minutes.build import build

    out_dir = Path(args.output).resolve()
    display = None if args.quiet else _BuildDisplay(workspace, console)
    with _TerminateAsInterrupt():
        result = build(workspace, args.paths or None, out_dir, strict=args.strict, jobs=args.jobs or _cores(),
                       shard=args.shard, force=args.force, progress=display)
    console.diagnostics(result.warnings)
    for notice in result.notices:
        console.err(f"warning: {notice}")
    for path in result.written:
        console.out(workspace.display_name(path))
    for path in result.removed:
        console.err(f"removed {workspace.display_name(path)} (no longer made)")
    if display:
        display.summary(len(result.written), result.up_to_date, len(result.removed))
    return EXIT_OK


def _cmd_watch(args: argparse.Namespace, workspace: Workspace, console: Console) -> int:
    import contextlib

    from minutes.watch import watch

    out_dir = Path(args.output).resolve()
    console.err("watching the records, directory, templates, fonts and assets; Ctrl-C stops")
    with contextlib.suppress(KeyboardInterrupt):  # how a watch session ends
        for rebuild in watch(workspace, args.paths or None, out_dir, interval=args.interval, strict=args.strict):
            if rebuild.changed:
                console.err("changed: " + ", ".join(workspace.display_name(p) for p in rebuild.changed))
            if isinstance(rebuild.error, InvalidInput):
                console.diagnostics(rebuild.error.diagnostics)
            elif rebuild.error is not None:
                console.err(f"error: {rebuild.error}")
            if rebuild.result is not None:
                console.diagnostics(rebuild.result.warnings)
                for path in rebuild.result.written:
                    console.out(workspace.display_name(path))
                console.err(f"{len(rebuild.result.written)} document(s) written, "
                            f"{rebuild.result.up_to_date} up to date in {rebuild.seconds:.2f}s")
    return EXIT_OK


def _cmd_validate(args: argparse.Namespace, workspace: Workspace, console: Console) -> int:
    from minutes.validate import validate

    validated = validate(workspace, args.paths or None)
    console.diagnostics(validated.warnings)
    if args.strict and validated.warnings:
        return EXIT_INVALID
    console.err(f"{len(validated.records)} record(s) valid")
    return EXIT_OK


def _cmd_lint(args: argparse.Namespace, workspace: Workspace, console: Console) -> int:
    from minutes.lint import fix_and_lint, lint_file

    paths = args.paths or [*workspace.directory_files(), *workspace.record_files()]
    remaining = 0
    for path in paths:
        if args.fix:
            edits, findings = fix_and_lint(path, workspace.display_name(path))
            if edits:
                console.err(f"{workspace.display_name(path)}: {edits} fix(es) applied")
        else:
            findings = lint_file(path, workspace.display_name(path))
        remaining += len(findings)
        for finding in findings:
            console.out(str(finding))
    return EXIT_INVALID if remaining else EXIT_OK


def _cmd_schema(args: argparse.Namespace, workspace: Workspace, console: Console) -> int:
    from minutes.schema import schema_text

    text = schema_text(args.kind)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _cmd_new(args: argparse.Namespace, workspace: Workspace, console: Console) -> int:
    from minutes.jalali import JalaliDate
    from minutes.new import new_record, write_new
    from minutes.validate import validate

    record = new_record(workspace, validate(workspace), args.body, args.date or JalaliDate.today())
    write_new(record)
    console.out(workspace.display_name(record.path))
    return EXIT_OK


def _archive_dir(args: argparse.Namespace, workspace: Workspace) -> Path:
    return Path(args.archive).resolve() if args.archive else workspace.root / "archive"


def _cmd_issue(args: argparse.Namespace, workspace: Workspace, console: Console) -> int:
    from minutes.archive import issue_record
    from minutes.jalali import JalaliDate

    if args.supersede != bool(args.reason):
        console.err("error: --supersede and --reason go together: say why the new version replaces the old")
        return EXIT_USAGE
    result = issue_record(workspace, args.record, _archive_dir(args, workspace),
                          issue_date=args.date or JalaliDate.today(),
                          supersede_reason=args.reason, progress=console.err)
    for key, number in result.numbers.items():
        console.out(f"{key}\t{number}")
    console.err(f"issued {result.record} version {result.version}: {workspace.display_name(result.bag)}")
    return EXIT_OK


def _cmd_verify(args: argparse.Namespace, workspace: Workspace, console: Console) -> int:
    from minutes.archive import verify

    archive = _archive_dir(args, workspace)
    problems = verify(archive)
    for problem in problems:
        console.out(problem)
    console.err(f"{len(problems)} problem(s) in {workspace.display_name(archive)}" if problems
                else f"{workspace.display_name(archive)}: every bag, hash and embedded source checks out")
    return EXIT_INVALID if problems else EXIT_OK


def _cmd_search(args: argparse.Namespace, workspace: Workspace, console: Console) -> int:
    from minutes.registry import REGISTRY_NAME
    from minutes.search import open_index, search

    index = _archive_dir(args, workspace) / REGISTRY_NAME
    if not index.is_file():
        console.err(f"error: no archive at {workspace.display_name(index.parent)}: issue a record first")
        return EXIT_FAILED
    connection = open_index(str(index))
    try:
        hits = search(connection, args.text)
    finally:
        connection.close()
    for hit in hits:
        console.out(f"{hit.record}\t{hit.decision or '-'}\t{hit.snippet}")
    return EXIT_OK if hits else EXIT_INVALID


def _jalali_date(value: str) -> JalaliDate:
    """An argparse type: a Jalali date, or a usage error that says why not."""
    from minutes.jalali import JalaliDate

    try:
        return JalaliDate.parse(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _cmd_followup(args: argparse.Namespace, workspace: Workspace, console: Console) -> int:
    from minutes.followup import followup
    from minutes.jalali import JalaliDate

    result = followup(workspace, args.as_of or JalaliDate.today(), Path(args.output).resolve(),
                      progress=None if args.quiet else console.err)
    console.diagnostics(result.warnings)
    for notice in result.notices:
        console.err(f"warning: {notice}")
    for path in result.removed:
        console.err(f"removed {workspace.display_name(path)}: no longer overdue")
    for path in result.written:
        console.out(workspace.display_name(path))
    return EXIT_OK


def _cmd_doctor(args: argparse.Namespace, workspace: Workspace, console: Console) -> int:
    from minutes.doctor import report

    lines, healthy = report(workspace)
    console.out("\n".join(lines))
    return EXIT_OK if healthy else EXIT_FAILED


def parser() -> argparse.ArgumentParser:
    """The argument parser, with help text on every command and option."""
    top = argparse.ArgumentParser(
        prog="minutes",
        description="Persian meeting minutes as code: YAML records in data/ become PDF minutes and letters.")
    top.add_argument("--version", action="version", version=f"minutes {__version__}")
    top.add_argument("-C", "--workspace", default=".", metavar="DIR",
                     help="the workspace holding data/, templates/, fonts/ (default: the current folder)")
    top.add_argument("--debug", action="store_true", help="show a traceback on unexpected errors")
    top.add_argument("--lang", choices=LANGUAGES,
                     help="language of messages (default: from LC_ALL/LC_MESSAGES/LANG, else en)")
    top.add_argument("--bidi-terminal", action="store_true",
                     help=f"reshape Persian for terminals that cannot (also {terminal.ENVIRONMENT_SWITCH}=1); "
                          "only when writing to a terminal")
    commands = top.add_subparsers(dest="command", metavar="COMMAND", required=True)

    build = commands.add_parser("build", help="render minutes and letters to PDF",
                                description="Validate the records, then render every document that is out of "
                                            "date to PDF, in parallel. Nothing is written if any record is invalid.")
    build.add_argument("paths", nargs="*", type=Path, metavar="RECORD",
                       help="meeting records to build (default: every file in data/meetings/)")
    build.add_argument("-o", "--output", default="out", metavar="DIR", help="output folder (default: out)")
    build.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build.add_argument("-q", "--quiet", action="store_true", help="print only the files written")
    build.add_argument("-j", "--jobs", type=_positive, metavar="N",
                       help="render N documents at once, one process each (default: the number of cores)")
    build.add_argument("--shard", type=_shard, metavar="K/N",
                       help="build only part K of N disjoint parts (for N machines; K from 1)")
    build.add_argument("--force", action="store_true", help="rebuild every document, even those up to date")
    build.set_defaults(run=_cmd_build)

    watch = commands.add_parser("watch", help="rebuild documents whenever their inputs change",
                                description="Build, then rebuild the documents of the records (default: all) "
                                            "whenever a record, the directory, a template, a font or an asset "
                                            "changes, in one warm process. Stop with Ctrl-C.")
    watch.add_argument("paths", nargs="*", type=Path, metavar="RECORD",
                       help="meeting records to watch (default: every file in data/meetings/)")
    watch.add_argument("-o", "--output", default="out", metavar="DIR", help="output folder (default: out)")
    watch.add_argument("--strict", action="store_true", help="treat warnings as errors")
    watch.add_argument("--interval", type=float, default=0.5, metavar="SECONDS",
                       help="how often to look for changes (default: 0.5)")
    watch.set_defaults(run=_cmd_watch)

    check = commands.add_parser("validate", help="check records without rendering",
                                description="Check the directory and the records; print every problem "
                                            "as file:line:col: code: message.")
    check.add_argument("paths", nargs="*", type=Path, metavar="RECORD",
                       help="meeting records to check (default: every file in data/meetings/)")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.set_defaults(run=_cmd_validate)

    lint = commands.add_parser("lint", help="suggest fixes for Persian typing in records",
                               description="Report half-spaces, spacing, glued words, suspected typos and "
                                           "repeated paragraphs in the text of records, as file:line:col. "
                                           "With --fix, apply the safe ones in place, keeping comments and layout.")
    lint.add_argument("paths", nargs="*", type=Path, metavar="FILE",
                      help="YAML files to check (default: data/*.yaml and data/meetings/)")
    lint.add_argument("--fix", action="store_true", help="apply the fixable suggestions to the files")
    lint.set_defaults(run=_cmd_lint)

    schema = commands.add_parser("schema", help="write the JSON Schema of records or directory files",
                                 description="Write a JSON Schema that editors (yaml-language-server) use to "
                                             "complete and check records as they are typed.")
    schema.add_argument("--kind", choices=("record", "directory"), default="record",
                        help="which file the schema describes (default: record)")
    schema.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    schema.set_defaults(run=_cmd_schema)

    new = commands.add_parser("new", help="start the record of a body's next meeting",
                              description="Write data/meetings/<body>-<number>.yaml for the next meeting, "
                                          "dated today (Jalali), with the body's members as attendees.")
    new.add_argument("--body", metavar="ID", help="the body (default: that of the latest record)")
    new.add_argument("--date", type=_jalali_date, metavar="JALALI",
                     help="the meeting date instead of today, e.g. 1404/02/01")
    new.set_defaults(run=_cmd_new)

    issue = commands.add_parser("issue", help="number a record's documents and archive the final originals",
                                description="Validate strictly (warnings fail), take the next registry numbers, "
                                            "render the final documents as PDF/A-3a with the issued record "
                                            "embedded, and store them in a BagIt bag in the archive. The record "
                                            "in data/ is never changed.")
    issue.add_argument("record", type=Path, metavar="RECORD", help="the meeting record to issue")
    issue.add_argument("--date", type=_jalali_date, metavar="JALALI", help="the issue date (default: today in Tehran)")
    issue.add_argument("--archive", metavar="DIR", help="the archive folder (default: archive/ in the workspace)")
    issue.add_argument("--supersede", action="store_true", help="issue a new version of an issued record")
    issue.add_argument("--reason", metavar="TEXT", help="why the new version replaces the old (with --supersede)")
    issue.set_defaults(run=_cmd_issue)

    check_archive = commands.add_parser("verify", help="check that archived originals are unchanged",
                                        description="Validate every bag (sha512), the register's hashes and "
                                                    "numbers, and the record embedded in every PDF; list "
                                                    "each difference with the file it concerns.")
    check_archive.add_argument("archive", nargs="?", metavar="ARCHIVE",
                               help="the archive folder (default: archive/ in the workspace)")
    check_archive.set_defaults(run=_cmd_verify)

    find = commands.add_parser("search", help="search the text of issued records",
                               description="Full-text search over the archive that matches ی/ي, ک/ك, "
                                           "half-space/space/none and Persian/Latin digits alike; prints "
                                           "record, decision id and a snippet.")
    find.add_argument("text", metavar="TEXT", help="the words to look for")
    find.add_argument("--archive", metavar="DIR", help="the archive folder (default: archive/ in the workspace)")
    find.set_defaults(run=_cmd_search)

    ledger = commands.add_parser("followup", help="render the follow-up ledger and reminders for overdue decisions",
                                 description="Validate the records, then render the ledger of every decision "
                                             "with its standing (open, overdue, done, dropped) by responsible "
                                             "unit, and a reminder letter to each unit with overdue decisions, "
                                             "into DIR/followup/<date>/. Nothing is written if anything fails.")
    ledger.add_argument("--as-of", type=_jalali_date, metavar="JALALI",
                        help="the date standings are computed for and letters dated, e.g. 1404/02/01 "
                             "(default: today in Tehran); give it for reproducible output")
    ledger.add_argument("-o", "--output", default="out", metavar="DIR", help="output folder (default: out)")
    ledger.add_argument("-q", "--quiet", action="store_true", help="print only the files written")
    ledger.set_defaults(run=_cmd_followup)

    doctor = commands.add_parser("doctor", help="show WeasyPrint, Pango and font status",
                                 description="Report library versions, the fonts found and the one "
                                             "that will be embedded.")
    doctor.set_defaults(run=_cmd_doctor)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = parser().parse_args(argv)
    workspace = Workspace.at(args.workspace)
    console = Console(args.lang or language_from_environment(os.environ), args.bidi_terminal)
    try:
        return args.run(args, workspace, console)
    except InvalidInput as error:
        console.diagnostics(error.diagnostics)
        return EXIT_INVALID
    except MinutesError as error:
        console.err(f"error: {error}")
        return EXIT_FAILED
    except BrokenPipeError:  # the reader went away (e.g. '| head'): nothing more to say
        return EXIT_FAILED
    except KeyboardInterrupt:
        console.err("interrupted; nothing half-written was left behind")
        return 130
    except Exception as error:
        if args.debug:
            raise
        console.err(f"internal error: {type(error).__name__}: {error} (run with --debug for details)")
        return EXIT_FAILED
