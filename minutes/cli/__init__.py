"""The ``minutes`` command: a thin shell that turns library results into messages and exit codes.

``cli`` is the only package that prints; :mod:`.commands` holds one function per command,
:mod:`.console` the output (language, terminal bidi, progress), and this module the parser.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, TypeAlias

from minutes import __version__
from minutes.cli import commands, terminal
from minutes.cli.commands import EXIT_FAILED, EXIT_INVALID, EXIT_USAGE
from minutes.cli.console import Console, language_from_environment, printable
from minutes.diagnostics import BadArgument, BadInput, InvalidInput, MinutesError, RenderError
from minutes.messages import LANGUAGES
from minutes.workspace import Workspace

if TYPE_CHECKING:
    from minutes.build.shard import Shard
    from minutes.text.jalali import JalaliDate


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {text!r}")
    return int(text)


def _port(text: str) -> int:
    """An argparse type: a TCP port, 0 (any free port) to 65535."""
    if not text.isdecimal() or len(text) > 5 or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"not a port (a whole number from 0 to 65535): {text!r}")
    return int(text)


def _host_name(text: str) -> str:
    """An argparse type: a host name (letters, digits, hyphens and dots)."""
    from minutes.serve.hosts import host_name

    try:
        return host_name(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _shard(text: str) -> Shard:
    from minutes.build.shard import Shard

    try:
        return Shard.parse(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _jalali_date(value: str) -> JalaliDate:
    """An argparse type: a Jalali date, or a usage error that says why not."""
    from minutes.text.jalali import JalaliDate

    try:
        return JalaliDate.parse(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


class _Parser(argparse.ArgumentParser):
    """argparse, with what it echoes back (a bad argument in a usage error) made printable."""

    def _print_message(self, message: str, file: IO[str] | None = None) -> None:
        super()._print_message(printable(message), file)


def parser() -> argparse.ArgumentParser:
    """The argument parser, with help text on every command and option."""
    top = _Parser(
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
    verbs = top.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _add_building(verbs)
    _add_serve(verbs)
    _add_records(verbs)
    _add_archive(verbs)
    _add_followup(verbs)
    return top


Verbs: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def _add_building(verbs: Verbs) -> None:
    """``build`` and ``watch``."""
    build = verbs.add_parser("build", help="render minutes and letters to PDF",
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
    build.set_defaults(run=commands.cmd_build)

    watch = verbs.add_parser("watch", help="rebuild documents whenever their inputs change",
                                description="Build, then rebuild the documents of the records (default: all) "
                                            "whenever a record, the directory, a template, a font or an asset "
                                            "changes, in one warm process. Stop with Ctrl-C.")
    watch.add_argument("paths", nargs="*", type=Path, metavar="RECORD",
                       help="meeting records to watch (default: every file in data/meetings/)")
    watch.add_argument("-o", "--output", default="out", metavar="DIR", help="output folder (default: out)")
    watch.add_argument("--strict", action="store_true", help="treat warnings as errors")
    watch.add_argument("--settle", type=float, default=0.05, metavar="SECONDS",
                       help="how long a change must be quiet before the rebuild (default: 0.05)")
    watch.set_defaults(run=commands.cmd_watch)


def _add_serve(verbs: Verbs) -> None:
    """``serve``."""
    serve = verbs.add_parser("serve", help="preview the documents live in a browser",
                                description="Build, then serve a live preview: an index of the records with "
                                            "their state, and a page per record with its documents as page "
                                            "images of the PDFs, its problems with their lines, and links to "
                                            "the files. Pages update themselves on every change. Persian "
                                            "unless --lang en. Only this machine may connect unless --host "
                                            "says otherwise. Stop with Ctrl-C.")
    serve.add_argument("paths", nargs="*", type=Path, metavar="RECORD",
                       help="meeting records to show (default: every file in data/meetings/)")
    serve.add_argument("-o", "--output", default="out", metavar="DIR", help="output folder (default: out)")
    serve.add_argument("--port", type=_port, default=8000, metavar="N",
                       help="port to listen on, 0 to 65535 (default: 8000; 0: any free port)")
    serve.add_argument("--host", default="127.0.0.1", metavar="HOST",
                       help="address to listen on (default: 127.0.0.1, this machine only); another address "
                            "shares the drafts with everyone who can reach it")
    serve.add_argument("--allow-host", action="append", default=[], type=_host_name, metavar="NAME",
                       help="another name of this machine the browser may ask for (repeatable); besides IP "
                            "addresses, only localhost and the machine's own names are answered")
    serve.add_argument("--archive", metavar="DIR", help="the archive folder (default: archive/ in the workspace)")
    serve.set_defaults(run=commands.cmd_serve)


def _add_records(verbs: Verbs) -> None:
    """The commands about records: ``validate``, ``lint``, ``schema``, ``new``."""
    check = verbs.add_parser("validate", help="check records without rendering",
                                description="Check the directory and the records; print every problem "
                                            "as file:line:col: code: message.")
    check.add_argument("paths", nargs="*", type=Path, metavar="RECORD",
                       help="meeting records to check (default: every file in data/meetings/)")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.set_defaults(run=commands.cmd_validate)

    lint = verbs.add_parser("lint", help="suggest fixes for Persian typing in records",
                               description="Report half-spaces, spacing, glued words, suspected typos and "
                                           "repeated paragraphs in the text of records, as file:line:col. "
                                           "With --fix, apply the safe ones in place, keeping comments and layout.")
    lint.add_argument("paths", nargs="*", type=Path, metavar="FILE",
                      help="YAML files, or folders of them, to check (default: data/*.yaml and data/meetings/)")
    lint.add_argument("--fix", action="store_true", help="apply the fixable suggestions to the files")
    lint.set_defaults(run=commands.cmd_lint)

    schema = verbs.add_parser("schema", help="write the JSON Schema of records or directory files",
                                 description="Write a JSON Schema that editors (yaml-language-server) use to "
                                             "complete and check records as they are typed.")
    schema.add_argument("--kind", choices=("record", "directory"), default="record",
                        help="which file the schema describes (default: record)")
    schema.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    schema.set_defaults(run=commands.cmd_schema)

    new = verbs.add_parser("new", help="start the record of a body's next meeting",
                              description="Write data/meetings/<body>-<number>.yaml for the next meeting, "
                                          "dated today (Jalali), with the body's members as attendees.")
    new.add_argument("--body", metavar="ID", help="the body (default: that of the latest record)")
    new.add_argument("--date", type=_jalali_date, metavar="JALALI",
                     help="the meeting date instead of today, e.g. 1404/02/01")
    new.set_defaults(run=commands.cmd_new)

    init = verbs.add_parser("init", help="lay out a new office's workspace, with a sample meeting",
                               description="Write data/office.yaml, data/directory.yaml (one body), a sample "
                                           "meeting, templates/, assets/, fonts/, schema/, a .gitignore, a "
                                           "Makefile and a Persian README into DIR. DIR must be empty or new.")
    init.add_argument("folder", type=Path, metavar="DIR", help="the folder of the new workspace")
    init.add_argument("--existing", action="store_true",
                      help="accept a folder that is not empty: add only the files it lacks, replace none")
    init.set_defaults(run=commands.cmd_init)


def _add_archive(verbs: Verbs) -> None:
    """The commands about the archive: ``issue``, ``verify``, ``check``, ``search``."""
    issue = verbs.add_parser("issue", help="number a record's documents and archive the final originals",
                                description="Validate strictly (warnings fail), take the next registry numbers, "
                                            "render the final documents as PDF/A-3a with the issued record "
                                            "embedded and a verification code on every page, sign them when "
                                            "the office's signing block says so, and store them in a BagIt bag "
                                            "in the archive. Prints each document's key, number and code. The "
                                            "record in data/ is never changed.")
    issue.add_argument("record", type=Path, metavar="RECORD", help="the meeting record to issue")
    issue.add_argument("--date", type=_jalali_date, metavar="JALALI", help="the issue date (default: today in Tehran)")
    issue.add_argument("--archive", metavar="DIR", help="the archive folder (default: archive/ in the workspace)")
    issue.add_argument("--supersede", action="store_true", help="issue a new version of an issued record")
    issue.add_argument("--reason", metavar="TEXT", help="why the new version replaces the old (with --supersede)")
    issue.set_defaults(run=commands.cmd_issue)

    check_archive = verbs.add_parser("verify", help="check that archived originals are unchanged",
                                        description="Validate every bag (sha512) and its tag manifest against "
                                                    "the register, the register's numbers, dates and reasons "
                                                    "against each issued record, every PDF against the "
                                                    "register's hash (no update appended after issue) and its "
                                                    "signature, and the record embedded in every PDF; list "
                                                    "each difference with the file it concerns. What a killed "
                                                    "issue left is noted, not counted as a problem.")
    check_archive.add_argument("archive", nargs="?", metavar="ARCHIVE",
                               help="the archive folder (default: archive/ in the workspace)")
    check_archive.add_argument("--rerender", action="store_true",
                               help="also render every original again from its bag and compare the bytes")
    check_archive.set_defaults(run=commands.cmd_verify)

    check_one = verbs.add_parser("check", help="say whether the archive issued a verification code or a PDF",
                                 description="Look up a verification code (as printed or scanned from a "
                                             "document's QR code) or a PDF file in the archive: whether it was "
                                             "issued, under which number and date, whether a later version "
                                             "superseded it, and whether the file's signature and contents "
                                             "match the archived original. Exit status 0 only for a current, "
                                             "matching original.")
    check_one.add_argument("what", metavar="CODE|FILE", help="a verification code, or the path of a PDF")
    check_one.add_argument("--archive", metavar="DIR", help="the archive folder (default: archive/ in the workspace)")
    check_one.set_defaults(run=commands.cmd_check)

    find = verbs.add_parser("search", help="search the text of issued records",
                               description="Full-text search over the archive that matches ی/ي, ک/ك, "
                                           "half-space/space/none and Persian/Latin digits alike; prints "
                                           "record, decision id and a snippet.")
    find.add_argument("text", metavar="TEXT", help="the words to look for")
    find.add_argument("--archive", metavar="DIR", help="the archive folder (default: archive/ in the workspace)")
    find.set_defaults(run=commands.cmd_search)


def _add_followup(verbs: Verbs) -> None:
    """``followup`` and ``doctor``."""
    ledger = verbs.add_parser("followup", help="render the follow-up ledger and reminders for overdue decisions",
                                 description="Validate the records, then render, for each body, the ledger "
                                             "of its decisions with their standing (open, overdue, done, "
                                             "dropped) by responsible unit, and a reminder letter to each unit "
                                             "with overdue decisions, under the body's secretariat, into "
                                             "DIR/followup/<date>/<body>/. Nothing is written if anything fails.")
    ledger.add_argument("--as-of", type=_jalali_date, metavar="JALALI",
                        help="the date standings are computed for and letters dated, e.g. 1404/02/01 "
                             "(default: today in Tehran); give it for reproducible output")
    ledger.add_argument("--body", metavar="ID", help="only this body's ledger and reminders (default: every body "
                                                     "with decisions, each separately)")
    ledger.add_argument("-o", "--output", default="out", metavar="DIR", help="output folder (default: out)")
    ledger.add_argument("-q", "--quiet", action="store_true", help="print only the files written")
    ledger.set_defaults(run=commands.cmd_followup)
    doctor = verbs.add_parser("doctor", help="show versions, fonts, and whether the archive renders again here",
                              description="Report library versions, the fonts found and the one that will be "
                                          "embedded, and, from what each bag of the archive records, whether "
                                          "this machine would render its originals byte for byte.")
    doctor.set_defaults(run=commands.cmd_doctor)


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
    except (RenderError, BadInput) as error:  # a template, stylesheet or resource that cannot be used, a password
        console.report("said-error", reason=error.note)
        return EXIT_INVALID
    except BadArgument as error:
        console.report("said-error", reason=error.note)
        return EXIT_USAGE
    except MinutesError as error:
        console.report("said-error", reason=error.note)
        return EXIT_FAILED
    except BrokenPipeError:  # the reader went away (e.g. '| head'): nothing more to say
        return EXIT_FAILED
    except KeyboardInterrupt:
        console.report("interrupted")
        return 130
    except BaseException as error:  # WeasyPrint's fatal fetching errors are not even Exceptions
        if args.debug or isinstance(error, SystemExit | GeneratorExit):
            raise
        console.report("internal-error", kind=type(error).__name__, error=str(error))
        return EXIT_FAILED
