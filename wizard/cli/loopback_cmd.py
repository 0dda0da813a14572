"""`m1-wizard loopback`: test whether a MIDI interface passes long SysEx unchanged."""

from __future__ import annotations

import argparse

from wizard.cli import exit_codes
from wizard.cli.connection import fail
from wizard.cli.option_values import whole_number
from wizard.device.loopback import DEFAULT_SIZE, run_loopback
from wizard.errors import WizardError
from wizard.transport.port_names import PortChoice

MAX_SIZE = 1_048_576
"""Far past any M1 dump (53,361 bytes at most); a larger pattern tests nothing more."""


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `loopback`."""
    parser = sub.add_parser(
        "loopback",
        help="test the MIDI interface: its OUT wired to its own IN",
        description="Connect a MIDI cable from the interface's MIDI OUT to its own MIDI IN "
        "(the M1 is not needed), then run this: a long SysEx test pattern is sent and "
        "compared with what comes back.",
    )
    parser.add_argument("--port", help="part of the interface's port name")
    parser.add_argument("--in-port", help="part of the input port name (overrides --port)")
    parser.add_argument("--out-port", help="part of the output port name (overrides --port)")
    parser.add_argument(
        "--size",
        type=whole_number(16, MAX_SIZE, "a size in bytes"),
        default=DEFAULT_SIZE,
        help=f"pattern size, 16 to {MAX_SIZE:,} bytes (default {DEFAULT_SIZE:,})",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """0 when the pattern came back identical, 1 when damaged, 3 when nothing came back."""
    try:
        from wizard.transport.opening import open_midi

        choice = PortChoice.from_options(args.port, args.in_port, args.out_port)
        with open_midi(choice) as transport:
            result = run_loopback(transport, args.size)
    except WizardError as error:
        return fail("loopback", error)
    for line in result.lines():
        print(line)
    if result.received == 0:
        return exit_codes.NO_DEVICE
    return exit_codes.OK if result.ok else exit_codes.FAILED
