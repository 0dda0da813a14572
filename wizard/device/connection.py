"""One way to open a connection to an M1, for the command line and the wizard alike: real
MIDI ports, a raw MIDI device or the built-in emulated M1, optionally behind the MIDI log,
with the exchange that talks through it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from wizard.device.exchange import Exchange, Timeouts
from wizard.emulator import M1Emulator, Timing, build_state
from wizard.emulator.state import M1State
from wizard.errors import WizardError
from wizard.m1.constants import WIRE_BYTES_PER_SECOND
from wizard.transport.base import Transport
from wizard.transport.link import EmulatorLink
from wizard.transport.opening import open_midi
from wizard.transport.port_names import PortChoice
from wizard.transport.spy import SpyTransport

Tap = Callable[[Transport], Transport]
"""Wraps the logged transport once more (the wizard's live MIDI traffic view)."""


@dataclass(frozen=True)
class ConnectionRequest:
    """What to connect to and how.

    Attributes:
        ports: The MIDI ports to open; ignored when `emulated` is set.
        emulated: The built-in emulated M1's scenario; None for a real M1.
        emulated_state: The emulated M1's state to start from instead of the scenario's
            (the demo's M1 as it was left last time).
        timing: The emulated M1's speed (instant unless real timing is wanted).
        log: Append every MIDI message to this file; None for no log.
        quiet_log: Leave empty waits out of the log (the wizard polls in short slices).
        timeouts: How long to wait for the M1.
        tap: A last wrapper around the transport, e.g. a traffic view.
        notice: Where the exchange tells the person of a wait (the M1 still sending).
        log_failed: Told once when the log stops part way (a full disk); the transfer
            goes on.
    """

    ports: PortChoice = field(default_factory=PortChoice)
    emulated: str | None = None
    emulated_state: M1State | None = None
    timing: Timing = field(default_factory=Timing.instant)
    log: Path | None = None
    quiet_log: bool = False
    timeouts: Timeouts = field(default_factory=Timeouts)
    tap: Tap | None = None
    notice: Callable[[str], None] | None = None
    log_failed: Callable[[str], None] | None = None


@dataclass(frozen=True)
class Connection:
    """An open connection to an M1.

    Attributes:
        exchange: What requests and loads go through.
        link: The emulated M1, whose panel the demo presses; None for a real M1.
        log_path: The MIDI log file, None without one.
        name: The connection in words, e.g. "built-in emulated M1 (battery-dead)".
    """

    exchange: Exchange
    link: EmulatorLink | None
    log_path: Path | None
    name: str

    @property
    def emulated(self) -> bool:
        """True for the built-in emulated M1."""
        return self.link is not None

    def close(self) -> None:
        """Close the ports (and the log); waiting receivers return at once."""
        self.exchange.transport.close()

    def __enter__(self) -> Connection:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def _logged(transport: Transport, request: ConnectionRequest, log: Path) -> Transport:
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        return SpyTransport(
            transport, log, note_timeouts=not request.quiet_log, on_failure=request.log_failed
        )
    except (OSError, ValueError) as error:  # ValueError: a name no system can hold
        transport.close()
        raise WizardError(
            f"Could not write the MIDI log {log}: {getattr(error, 'strerror', None) or error}; "
            "nothing was sent.",
            "Choose a log file in a folder you can write to.",
        ) from error


def open_connection(request: ConnectionRequest) -> Connection:
    """Open what `request` names.

    Raises:
        TransportError: The ports cannot be found or opened (the message says why).
        WizardError: The log cannot be written, or no scenario has that name.
    """
    link: EmulatorLink | None = None
    transport: Transport
    if request.emulated is not None:
        state = request.emulated_state or build_state(request.emulated)
        link = EmulatorLink(M1Emulator(state, timing=request.timing))
        transport = link
        wire = None if request.timing.wire_rate is None else float(WIRE_BYTES_PER_SECOND)
        name = f"built-in emulated M1 ({request.emulated})"
    else:
        ports = open_midi(request.ports)
        transport, wire = ports, float(WIRE_BYTES_PER_SECOND)
        names = ports.ports
        name = names.input if names.input == names.output else f"{names.input} / {names.output}"
    if request.log is not None:
        transport = _logged(transport, request, request.log)
    if request.tap is not None:
        transport = request.tap(transport)
    exchange = Exchange(transport, timeouts=request.timeouts, wire_rate=wire, notice=request.notice)
    return Connection(exchange, link, request.log, name)
