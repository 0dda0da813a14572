"""Options and plumbing shared by the commands that talk to an M1: which ports, the
in-process emulated M1, the MIDI log, and how errors become exit codes."""

from __future__ import annotations

import argparse
import sys

from wizard.cli import exit_codes
from wizard.device.exchange import Exchange, Timeouts
from wizard.device.outcomes import DeviceError, Outcome
from wizard.device.progress import Progress
from wizard.emulator import SCENARIOS, M1Emulator, Timing, build_state
from wizard.errors import FileFormatError, TransportError, WizardError
from wizard.m1.constants import WIRE_BYTES_PER_SECOND
from wizard.transport.base import Transport
from wizard.transport.link import EmulatorLink
from wizard.transport.port_names import PortChoice
from wizard.transport.spy import SpyTransport


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
    group.add_argument("--log", metavar="FILE", help="append every MIDI message to this log")
    group.add_argument(
        "--timeout",
        type=float,
        default=2.0,
        metavar="SECONDS",
        help="how long to wait for the M1 to start answering (default 2)",
    )


def open_transport(args: argparse.Namespace) -> Transport:
    """The transport the options ask for, wrapped in the MIDI log spy with `--log`.

    Raises:
        TransportError: The ports cannot be found or opened (the message says why).
    """
    transport: Transport
    if args.emulated:
        emulator = M1Emulator(build_state(args.emulated), timing=Timing.instant())
        transport = EmulatorLink(emulator)
    else:
        from wizard.transport.rtmidi_ports import open_ports

        transport = open_ports(PortChoice.from_options(args.port, args.in_port, args.out_port))
    if args.log:
        transport = SpyTransport(transport, args.log)
    return transport


def exchange_for(args: argparse.Namespace, transport: Transport) -> Exchange:
    """An Exchange with the `--timeout` option applied.

    The built-in emulated M1 answers at once, with no cable to wait for.
    """
    wire_rate = None if args.emulated else WIRE_BYTES_PER_SECOND
    return Exchange(transport, timeouts=Timeouts(first_reply=args.timeout), wire_rate=wire_rate)


def exit_code_for(error: WizardError) -> int:
    """The documented exit code for an error (see `m1-wizard --help`)."""
    if isinstance(error, DeviceError) and error.outcome is Outcome.SILENT:
        return exit_codes.NO_DEVICE
    if isinstance(error, TransportError):
        return exit_codes.NO_DEVICE
    if isinstance(error, FileFormatError):
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
