"""Options and plumbing shared by the commands that talk to an M1: which ports, the
in-process emulated M1, the MIDI log, whose unit folder, and how errors become exit codes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wizard.cli import exit_codes
from wizard.cli.option_values import log_file, seconds
from wizard.device.connection import Connection, ConnectionRequest, open_connection
from wizard.device.exchange import Timeouts
from wizard.device.outcomes import DeviceError, Outcome
from wizard.device.progress import Progress
from wizard.emulator import SCENARIOS
from wizard.errors import FileFormatError, TransportError, WizardError
from wizard.operations.restore import UnusableFile
from wizard.operations.unit import DEFAULT_UNIT, HOME_VARIABLE, UnitFolder, data_home, unit_slug
from wizard.transport.port_names import PortChoice

TIMEOUT_RANGE = (0.1, 60.0)
"""`--timeout`: long enough for the slowest interface, short enough to notice a hang."""


def add_connection_options(parser: argparse.ArgumentParser) -> None:
    """`--port`, `--in-port`, `--out-port`, `--emulated`, `--log`, `--timeout`."""
    group = parser.add_argument_group("connection")
    group.add_argument("--port", help="part of the MIDI port name (both directions)")
    group.add_argument("--in-port", help="part of the input port name (overrides --port)")
    group.add_argument("--out-port", help="part of the output port name (overrides --port)")
    group.add_argument(
        "--emulated",
        metavar="SCENARIO",
        choices=SCENARIOS,
        help="talk to the built-in emulated M1 instead of a real one ("
        + ", ".join(SCENARIOS)
        + ")",
    )
    group.add_argument(
        "--log", metavar="FILE", type=log_file, help="append every MIDI message to this log"
    )
    group.add_argument(
        "--timeout",
        type=seconds(*TIMEOUT_RANGE),
        default=2.0,
        metavar="SECONDS",
        help="how long to wait for the M1 to start answering (default 2, at most 60)",
    )


def _notice(text: str) -> None:
    # Flushed at once: the wait it announces can last 17 s.
    print(text, flush=True)


def connect(args: argparse.Namespace) -> Connection:
    """The connection the options ask for (`--port` ..., `--emulated`, `--log`, `--timeout`).

    The built-in emulated M1 answers at once, with no cable to wait for.

    Raises:
        TransportError: The ports cannot be found or opened (the message says why).
        WizardError: The log cannot be written.
    """
    return open_connection(
        ConnectionRequest(
            ports=PortChoice.from_options(args.port, args.in_port, args.out_port),
            emulated=args.emulated,
            log=args.log,
            timeouts=Timeouts(first_reply=args.timeout),
            notice=_notice,
            log_failed=_log_stopped,
        )
    )


def _log_stopped(sentence: str) -> None:
    print(f"\nm1-wizard: {sentence}", file=sys.stderr, flush=True)


def add_unit_options(parser: argparse.ArgumentParser) -> None:
    """`--unit` and `--data-dir`: whose journal, backups and maintenance log a run uses."""
    parser.add_argument(
        "--unit",
        default=DEFAULT_UNIT,
        help="a name for this instrument; its journal, backups and maintenance log are "
        f"kept under that name (default {DEFAULT_UNIT})",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        help=f"where the units' files are kept (default ${HOME_VARIABLE}, else "
        "~/.local/share/m1-wizard)",
    )


def unit_of(args: argparse.Namespace) -> UnitFolder:
    """The unit folder `--unit` and `--data-dir` name.

    Raises:
        WizardError: The unit's name has nothing usable in it.
    """
    return UnitFolder(args.data_dir or data_home(), unit_slug(args.unit))


def exit_code_for(error: WizardError) -> int:
    """The documented exit code for an error (see `m1-wizard --help`)."""
    if isinstance(error, DeviceError) and error.outcome is Outcome.SILENT:
        return exit_codes.NO_DEVICE
    if isinstance(error, TransportError):
        return exit_codes.NO_DEVICE
    if isinstance(error, FileFormatError):
        return exit_codes.USAGE
    if isinstance(error, UnusableFile) and error.bad_format:
        return exit_codes.USAGE
    return exit_codes.FAILED


def fail(command: str, error: WizardError) -> int:
    """Print an error as `m1-wizard COMMAND: sentence next-action` and give its exit code."""
    print(f"m1-wizard {command}: {error}", file=sys.stderr, flush=True)
    return exit_code_for(error)


class ProgressLine:
    """Shows progress on one terminal line (rewritten in place on a terminal)."""

    def __init__(self) -> None:
        self._tty = sys.stderr.isatty()
        self._last = ""
        self._label = ""

    def __call__(self, progress: Progress) -> None:
        line = progress.line()
        if line == self._last:
            return
        self._last = line
        if self._tty:
            print(f"\r{line[:79]:<79}", end="", file=sys.stderr, flush=True)
            return
        # Not a terminal (a log file, a pipe): one line per phase and part, no rewriting.
        label = f"{progress.phase.value} {progress.label}".strip()
        if label != self._label:
            self._label = label
            print(f"{label} ...", file=sys.stderr, flush=True)

    def finish(self) -> None:
        """End the progress line."""
        if self._tty and self._last:
            print(file=sys.stderr, flush=True)
        self._last = ""
