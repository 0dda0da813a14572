"""The `m1-wizard` command line: one sub-command per module in this package."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from wizard.cli import exit_codes
from wizard.cli.registry import COMMANDS

EPILOG = """\
exit codes:
  0  success
  1  the M1 refused the data, or verification failed (inspect: the file has errors)
  2  usage error (a wrong option or a missing file)
  3  no device answered, or a timeout
"""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every registered sub-command."""
    parser = argparse.ArgumentParser(
        prog="m1-wizard",
        description="Guided maintenance and recovery for the Korg M1, M1R and M1EX.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `m1-wizard` console script; returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # argparse exits 2 on usage errors, 0 on --help
        return int(stop.code or 0)
    if args.command is None:
        parser.print_help()
        return exit_codes.OK
    try:
        code: int = args.run(args)
    except KeyboardInterrupt:
        print("\nStopped (Ctrl-C).", file=sys.stderr)
        return exit_codes.FAILED
    return code


if __name__ == "__main__":
    sys.exit(main())


def run() -> None:
    """Console-script wrapper: exit with `main()`'s code."""
    sys.exit(main())
