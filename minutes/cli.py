"""The ``minutes`` command: a thin shell that turns library results into messages and exit codes."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from minutes import __version__
from minutes.diagnostics import Diagnostic, InvalidInput, MinutesError, Severity
from minutes.workspace import Workspace

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 3


def _print_diagnostics(diagnostics: Sequence[Diagnostic]) -> None:
    for diagnostic in sorted(diagnostics):
        print(diagnostic, file=sys.stderr)
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    if diagnostics:
        print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)


def _cmd_build(args: argparse.Namespace, workspace: Workspace) -> int:
    from minutes.build import build

    out_dir = Path(args.output).resolve()
    result = build(workspace, args.paths or None, out_dir, strict=args.strict,
                   progress=None if args.quiet else lambda line: print(line, file=sys.stderr))
    _print_diagnostics(result.warnings)
    for notice in result.notices:
        print(f"warning: {notice}", file=sys.stderr)
    for path in result.written:
        print(workspace.display_name(path))
    return EXIT_OK


def _cmd_validate(args: argparse.Namespace, workspace: Workspace) -> int:
    from minutes.validate import validate

    validated = validate(workspace, args.paths or None)
    _print_diagnostics(validated.warnings)
    if args.strict and validated.warnings:
        return EXIT_INVALID
    print(f"{len(validated.records)} record(s) valid", file=sys.stderr)
    return EXIT_OK


def _cmd_doctor(args: argparse.Namespace, workspace: Workspace) -> int:
    from minutes.doctor import report

    lines, healthy = report(workspace)
    print("\n".join(lines))
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

    doctor = commands.add_parser("doctor", help="show WeasyPrint, Pango and font status",
                                 description="Report library versions, the fonts found and the one "
                                             "that will be embedded.")
    doctor.set_defaults(run=_cmd_doctor)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = parser().parse_args(argv)
    workspace = Workspace.at(args.workspace)
    try:
        return args.run(args, workspace)
    except InvalidInput as error:
        _print_diagnostics(error.diagnostics)
        return EXIT_INVALID
    except MinutesError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("interrupted; nothing half-written was left behind", file=sys.stderr)
        return 130
    except Exception as error:
        if args.debug:
            raise
        print(f"internal error: {type(error).__name__}: {error} (run with --debug for details)", file=sys.stderr)
        return EXIT_FAILED
