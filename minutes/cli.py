"""The ``minutes`` command: a thin shell that turns library results into messages and exit codes."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from minutes import __version__, terminal
from minutes.diagnostics import Diagnostic, InvalidInput, MinutesError, Severity
from minutes.messages import LANGUAGES, language_from_environment
from minutes.workspace import Workspace

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


def _cmd_build(args: argparse.Namespace, workspace: Workspace, console: Console) -> int:
    from minutes.build import build

    out_dir = Path(args.output).resolve()
    result = build(workspace, args.paths or None, out_dir, strict=args.strict,
                   progress=None if args.quiet else console.err)
    console.diagnostics(result.warnings)
    for notice in result.notices:
        console.err(f"warning: {notice}")
    for path in result.written:
        console.out(workspace.display_name(path))
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
    from minutes.lint import fix_file, lint_file

    paths = args.paths or [*workspace.directory_files(), *workspace.record_files()]
    remaining = 0
    for path in paths:
        if args.fix:
            edits = fix_file(path)
            if edits:
                console.err(f"{workspace.display_name(path)}: {edits} fix(es) applied")
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

    today = JalaliDate.parse(args.date) if args.date else JalaliDate.today()
    record = new_record(workspace, validate(workspace), args.body, today)
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
                          issue_date=JalaliDate.parse(args.date) if args.date else JalaliDate.today(),
                          supersede_reason=args.reason, progress=console.err)
    for key, number in result.numbers.items():
        console.out(f"{key}\t{number}")
    console.err(f"issued {result.record} version {result.version}: {workspace.display_name(result.bag)}")
    return EXIT_OK


def _cmd_verify(args: argparse.Namespace, workspace: Workspace, console: Console) -> int:
    from minutes.archive import verify

    archive = Path(args.archive_dir).resolve() if args.archive_dir else _archive_dir(args, workspace)
    problems = verify(archive)
    for problem in problems:
        console.out(problem)
    console.err(f"{len(problems)} problem(s) in {workspace.display_name(archive)}" if problems
                else f"{workspace.display_name(archive)}: every bag, hash and embedded source checks out")
    return EXIT_INVALID if problems else EXIT_OK


def _cmd_search(args: argparse.Namespace, workspace: Workspace, console: Console) -> int:
    from minutes.archive import REGISTRY_NAME
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
                                description="Validate the records, then render every document to PDF. "
                                            "Nothing is written if any record is invalid.")
    build.add_argument("paths", nargs="*", type=Path, metavar="RECORD",
                       help="meeting records to build (default: every file in data/meetings/)")
    build.add_argument("-o", "--output", default="out", metavar="DIR", help="output folder (default: out)")
    build.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build.add_argument("-q", "--quiet", action="store_true", help="print only the files written")
    build.set_defaults(run=_cmd_build)

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
    new.add_argument("--date", metavar="JALALI", help="the meeting date instead of today, e.g. 1404/02/01")
    new.set_defaults(run=_cmd_new)

    issue = commands.add_parser("issue", help="number a record's documents and archive the final originals",
                                description="Validate strictly (warnings fail), take the next registry numbers, "
                                            "render the final documents as PDF/A-3u with the issued record "
                                            "embedded, and store them in a BagIt bag in the archive. The record "
                                            "in data/ is never changed.")
    issue.add_argument("record", type=Path, metavar="RECORD", help="the meeting record to issue")
    issue.add_argument("--date", metavar="JALALI", help="the issue date (default: today in Tehran)")
    issue.add_argument("--archive", metavar="DIR", help="the archive folder (default: archive/ in the workspace)")
    issue.add_argument("--supersede", action="store_true", help="issue a new version of an issued record")
    issue.add_argument("--reason", metavar="TEXT", help="why the new version replaces the old (with --supersede)")
    issue.set_defaults(run=_cmd_issue)

    check_archive = commands.add_parser("verify", help="check that archived originals are unchanged",
                                        description="Validate every bag (sha512), the register's hashes and "
                                                    "numbers, and the record embedded in every PDF; list "
                                                    "each difference with the file it concerns.")
    check_archive.add_argument("archive_dir", nargs="?", metavar="ARCHIVE",
                               help="the archive folder (default: archive/ in the workspace)")
    check_archive.set_defaults(run=_cmd_verify, archive=None)

    find = commands.add_parser("search", help="search the text of issued records",
                               description="Full-text search over the archive that matches ی/ي, ک/ك, "
                                           "half-space/space/none and Persian/Latin digits alike; prints "
                                           "record, decision id and a snippet.")
    find.add_argument("text", metavar="TEXT", help="the words to look for")
    find.add_argument("--archive", metavar="DIR", help="the archive folder (default: archive/ in the workspace)")
    find.set_defaults(run=_cmd_search)

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
