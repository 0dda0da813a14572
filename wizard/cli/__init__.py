"""The `m1-wizard` command line: one sub-command per module in this package, imported when it
runs; without a sub-command on a terminal (or with `--demo`) it opens the Textual wizard."""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from wizard.cli import exit_codes
from wizard.cli.registry import LazyCommands
from wizard.cli.signals import how_stopped, stopping_cleanly
from wizard.emulator.scenario_names import SCENARIOS

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
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the wizard against the built-in emulated M1 (no hardware needed)",
    )
    parser.add_argument(
        "--scenario",
        dest="demo_scenario",  # sub-commands (emulate) have a --scenario of their own
        choices=SCENARIOS,
        help="with --demo: the emulated M1's state (default battery-dead: its memory was "
        "just lost; used: a stranger's M1; factory: factory sounds)",
    )
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="with --demo: start the demo afresh (the emulated M1, its journal and backups "
        "are otherwise kept between runs, so a stopped run resumes)",
    )
    # Each command's module is imported only when that command runs (or for --help).
    parser.add_subparsers(dest="command", metavar="COMMAND", action=LazyCommands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `m1-wizard` console script; returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # argparse exits 2 on usage errors, 0 on --help
        return int(stop.code or 0)
    if args.demo_scenario is not None and not args.demo:
        return _usage(parser, "--scenario goes with --demo.")
    if args.fresh and not args.demo:
        return _usage(parser, "--fresh goes with --demo.")
    if args.command is None:
        if args.demo or on_terminal():
            return open_wizard(args.demo, args.demo_scenario, args.fresh)
        parser.print_help()
        return exit_codes.OK
    if args.demo:
        return _usage(
            parser,
            "--demo opens the wizard and takes no command; to run a procedure against the "
            "emulated M1 use `m1-wizard run ID --emulated SCENARIO`.",
        )
    try:
        with stopping_cleanly():
            code: int = args.run(args)
    except KeyboardInterrupt as interrupt:
        print(f"\nStopped ({how_stopped(interrupt)}).", file=sys.stderr)
        return exit_codes.FAILED
    return code


def on_terminal() -> bool:
    """True when both standard input and output are a terminal (the wizard can open)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def _usage(parser: argparse.ArgumentParser, message: str) -> int:
    parser.print_usage(sys.stderr)
    print(f"m1-wizard: error: {message}", file=sys.stderr)
    return exit_codes.USAGE


def open_wizard(demo: bool, scenario: str | None, fresh: bool = False) -> int:
    """Open the Textual wizard on the data folder; the demo keeps its emulated M1, journal
    and backups in a demo folder of their own (one per scenario, never mixed with a real
    M1's), so that a run resumes when the demo is opened again; `fresh` empties it first."""
    from wizard.operations.unit import data_home
    from wizard.tui.app import run_app
    from wizard.tui.launch import DEFAULT_SCENARIO, Launch

    if not demo:
        run_app(Launch(home=data_home()))
        return exit_codes.OK
    chosen = scenario or DEFAULT_SCENARIO
    folder = demo_folder(data_home(), chosen)
    if fresh:
        shutil.rmtree(folder, ignore_errors=True)
    run_app(Launch(home=folder, unit="demo-m1", demo=chosen))
    return exit_codes.OK


def demo_folder(home: Path, scenario: str) -> Path:
    """Where the demo in `scenario` keeps its files: `<data folder>/demo/<scenario>`."""
    return home / "demo" / scenario


if __name__ == "__main__":
    sys.exit(main())


def run() -> None:
    """Console-script wrapper: exit with `main()`'s code."""
    sys.exit(main())
