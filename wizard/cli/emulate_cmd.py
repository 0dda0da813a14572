"""`m1-wizard emulate`: a virtual M1 on a MIDI port pair, for trying the wizard (or any
librarian) without the synthesizer."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import FrameType

from wizard.cli import exit_codes
from wizard.cli.emulate_settings import add_settings_options, apply_settings, faults_from
from wizard.cli.option_values import PORT_NAME_CHARACTERS, log_file, port_name
from wizard.emulator.behaviour import Behaviour
from wizard.emulator.machine import M1Emulator
from wizard.emulator.scenario_names import SCENARIOS
from wizard.emulator.scenarios import build_state
from wizard.emulator.state import M1State
from wizard.emulator.timing import Timing
from wizard.errors import BuildError, FileFormatError, ProtocolError, TransportError, WizardError
from wizard.m1.message_kinds import MessageKind
from wizard.m1.parse import describe_function, peek
from wizard.m1.syx_file import FileUnreadableError, read_dump_file
from wizard.stop_signals import CAUGHT
from wizard.transport.base import Transport
from wizard.transport.bridge import EmulatorBridge, M1Direction, Traffic
from wizard.transport.link import EmulatorLink
from wizard.transport.opening import open_midi
from wizard.transport.port_names import PortChoice
from wizard.transport.pty_port import open_pty_port
from wizard.transport.raw_device import RawMidiTransport
from wizard.transport.rtmidi_ports import open_virtual_ports
from wizard.transport.spy import SpyTransport, hex_bytes

DEFAULT_NAME = "M1 emulator"
PROGRAM = "m1-wizard emulate"


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `emulate`."""
    parser = sub.add_parser(
        "emulate",
        help="pretend to be an M1 on a virtual MIDI port pair",
        description="Serve an emulated Korg M1 on a virtual MIDI port pair named "
        '"NAME MIDI IN" and "NAME MIDI OUT" until Ctrl-C, printing one line per message. '
        "Where virtual ports do not exist (Windows), open existing loopback ports with "
        "--in-port and --out-port.",
    )
    parser.add_argument(
        "--name",
        type=port_name,
        default=DEFAULT_NAME,
        help=f'port name, at most {PORT_NAME_CHARACTERS} characters (default "{DEFAULT_NAME}")',
    )
    parser.add_argument(
        "--scenario",
        choices=SCENARIOS,
        default=SCENARIOS[0],
        help=f"the M1's memory and settings at start (default {SCENARIOS[0]})",
    )
    parser.add_argument("--load", metavar="FILE", help="store the dumps in FILE into its memory")
    timing = parser.add_mutually_exclusive_group()
    timing.add_argument(
        "--real-timing",
        dest="instant",
        action="store_false",
        help="answer as a real M1 on a 3125 bytes/s cable does (the default); ports carry "
        "whole messages, so each reply arrives whole when its last byte would",
    )
    timing.add_argument("--instant", action="store_true", help="answer at once")
    parser.add_argument(
        "--active-sensing", action="store_true", help="send FE every 300 ms, as a real M1 does"
    )
    parser.add_argument(
        "--log", metavar="FILE", type=log_file, help="append every message to a MIDI log"
    )
    parser.add_argument(
        "--pty",
        metavar="PATH",
        type=Path,
        help="serve on a pseudo-terminal instead, reachable at PATH (a link this creates), "
        "as on a raw MIDI device: point --port at PATH",
    )
    parser.add_argument("--port", help="open existing ports containing this text instead")
    parser.add_argument("--in-port", help="existing port the emulator listens on")
    parser.add_argument("--out-port", help="existing port the emulator answers on")
    # Both timing flags share one destination; without this the first flag's implied
    # default (True, from store_false) would win and make instant replies the default.
    add_settings_options(parser)
    parser.set_defaults(run=run, instant=False)


def _fail_log(sentence: str) -> None:
    print(f"{PROGRAM}: {sentence}", file=sys.stderr, flush=True)


def _fail(error: WizardError) -> None:
    print(f"{PROGRAM}: {error}", file=sys.stderr, flush=True)


def prepare_state(scenario: str, load: str | None) -> tuple[M1State, str | None]:
    """The emulated M1's state: a scenario, with the dumps of a file stored into it.

    Returns:
        The state, and a sentence saying what was loaded (None without a file).

    Raises:
        FileFormatError: The file cannot be read, or holds no usable dumps or has errors.
        ProtocolError: A dump does not fit the scenario's memory allocation.
    """
    state = build_state(scenario)
    if load is None:
        return state, None
    dump = read_dump_file(load)
    if dump.has_errors or not dump.dumps:
        raise FileFormatError(
            f"{load} has no usable M1 dumps or has errors.",
            f"Run `m1-wizard inspect {load}` to see why.",
        )
    # Imported here so that the emulator's file loader is only needed with --load.
    from wizard.emulator.preload import load_messages

    summary = load_messages(state, dump.dumps)
    return state, f"Loaded {', '.join(summary.stored)} from {load}."


def _open(args: argparse.Namespace) -> Transport:
    if args.pty is not None:
        transport: Transport = open_pty_port(args.pty)
    elif args.port or args.in_port or args.out_port:
        transport = open_midi(
            PortChoice.from_options(args.port, args.in_port, args.out_port), args.name
        )
    else:
        transport = open_virtual_ports(args.name)
    if args.log:
        # The workers poll with short time-outs: noting each one would drown the log.
        try:
            transport = SpyTransport(transport, args.log, note_timeouts=False, on_failure=_fail_log)
        except OSError as error:
            transport.close()
            raise TransportError(
                f"Could not write the MIDI log {args.log}: {error.strerror or error}.",
                "Choose a log file in a folder you can write to.",
            ) from error
    return transport


def _byte_stream(port: Transport) -> Callable[[bytes], None] | None:
    """How to write the M1's output byte by byte, for a device node (a pseudo-terminal
    or a raw device) behind the MIDI log or not; None for ports of whole messages."""
    inner = port.inner if isinstance(port, SpyTransport) else port
    return inner.write_bytes if isinstance(inner, RawMidiTransport) else None


def describe(data: bytes) -> str:
    """A message named for a status line: its function, or its first bytes."""
    if data[:1] == b"\xf0" and data[1:2] == b"\x7e" and data[3:5] == b"\x06\x01":
        return "IDENTITY REQUEST"
    seen = peek(data)
    if seen.kind is MessageKind.IDENTITY_REPLY:
        return "IDENTITY REPLY"
    if seen.function is not None:
        return describe_function(seen.function)
    head = hex_bytes(data[:8])
    return head if len(data) <= 8 else f"{head} ..."


def status_line(traffic: Traffic) -> str:
    """The line printed for one handled message or problem."""
    stamp = datetime.now().strftime("%H:%M:%S.%f")[:-3]
    arrow = "->" if traffic.direction is M1Direction.IN else "<-"
    what = f"{arrow} {len(traffic.data):6d} bytes"
    if traffic.problem is not None:
        return f"{stamp} {what}  problem: {traffic.problem}"
    return f"{stamp} {what}  {describe(traffic.data)}"


def run(args: argparse.Namespace) -> int:
    """Serve until SIGINT, SIGTERM or SIGHUP; exit 0 then, 1 for a file with errors, 2 for a
    file that cannot be read, 3 without ports."""
    try:
        state, loaded = prepare_state(args.scenario, args.load)
    except FileUnreadableError as error:
        _fail(error)
        return exit_codes.USAGE
    except ProtocolError as error:  # FileFormatError included: the file has errors
        _fail(error)
        return exit_codes.FAILED
    if loaded is not None:
        print(loaded, flush=True)
    try:
        apply_settings(state, args)
        faults = faults_from(args.fault)
    except BuildError as error:
        _fail(error)
        return exit_codes.USAGE
    timing = Timing.instant() if args.instant else Timing.real()
    emulator = M1Emulator(
        state,
        timing=timing,
        faults=faults,
        behaviour=Behaviour(active_sensing=args.active_sensing),
    )
    try:
        port = _open(args)
    except TransportError as error:
        _fail(error)
        return exit_codes.NO_DEVICE
    printing = threading.Lock()

    def report(traffic: Traffic) -> None:
        with printing:
            print(status_line(traffic), flush=True)

    stop = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGINT, *CAUGHT)}
    stream = _byte_stream(port)
    link = EmulatorLink(emulator, whole_messages=stream is None)
    bridge = EmulatorBridge(port, link, report, stream=stream)
    try:
        bridge.start()
        speed = "instant replies" if args.instant else "real MIDI timing"
        where = (
            f"{port.ports.input}; point --port at it"
            if port.ports.input == port.ports.output
            else f'"{port.ports.input}" and "{port.ports.output}"'
        )
        print(
            f"Serving an emulated M1 ({args.scenario}, {speed}) on {where}. Press Ctrl-C to stop.",
            flush=True,
        )
        stop.wait()
    finally:
        bridge.stop()
        link.close()
        port.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    print("Stopped; MIDI ports closed.", flush=True)
    return exit_codes.OK
