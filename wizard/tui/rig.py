"""How the wizard reaches an M1: the built-in emulated one (the demo) or a real one on MIDI
ports. Either way every message goes to a MIDI log file (for bug reports) and to the MIDI
traffic view."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from wizard.device.exchange import Exchange, Timeouts
from wizard.emulator import M1Emulator, Timing, build_state
from wizard.emulator.dumps import bank_dump
from wizard.errors import WizardError
from wizard.m1 import Bank, Function
from wizard.m1.constants import WIRE_BYTES_PER_SECOND
from wizard.transport.base import Transport
from wizard.transport.link import EmulatorLink
from wizard.transport.port_names import PortChoice
from wizard.transport.spy import SpyTransport
from wizard.tui.traffic import TappedTransport, TrafficFeed

DEMO_BANK_NAME = "demo-factory-sounds.syx"


@dataclass(frozen=True)
class Rig:
    """An open connection to an M1.

    Attributes:
        exchange: What the engine talks through.
        link: The emulated M1, whose panel the drawn panel presses; None for a real M1.
        log_path: The MIDI log file.
        name: The connection in words, e.g. "built-in emulated M1 (battery-dead)".
    """

    exchange: Exchange
    link: EmulatorLink | None
    log_path: Path
    name: str

    @property
    def emulated(self) -> bool:
        """True for the built-in emulated M1."""
        return self.link is not None

    def close(self) -> None:
        """Close the ports (and the log); waiting receivers return at once."""
        self.exchange.transport.close()


def log_path_for(home: Path, now: datetime) -> Path:
    """Where a MIDI log started at `now` goes: `<home>/logs/midi-<date>-<time>.log`."""
    return home / "logs" / f"midi-{now:%Y%m%d-%H%M%S}.log"


def _logged(transport: Transport, log_path: Path, feed: TrafficFeed) -> Transport:
    try:
        log_path.parent.mkdir(parents=True, exist_ok=True)
        # Exchanges poll in short slices; a note per empty slice would bury the messages.
        spy = SpyTransport(transport, log_path, note_timeouts=False)
    except OSError as error:
        transport.close()
        raise WizardError(
            f"Could not write the MIDI log {log_path}: {error.strerror or error}.",
            "Choose a data folder you can write to with $M1_WIZARD_HOME.",
        ) from error
    return TappedTransport(spy, feed)


def demo_rig(
    scenario: str,
    home: Path,
    feed: TrafficFeed,
    *,
    now: datetime,
    timing: Timing,
    timeouts: Timeouts | None = None,
) -> Rig:
    """The built-in emulated M1 in `scenario`, behind the in-process link.

    Raises:
        WizardError: The log file cannot be written, or no scenario has that name.
    """
    link = EmulatorLink(M1Emulator(build_state(scenario), timing=timing))
    log_path = log_path_for(home, now)
    transport = _logged(link, log_path, feed)
    wire = None if timing.wire_rate is None else float(WIRE_BYTES_PER_SECOND)
    exchange = Exchange(transport, timeouts=timeouts or Timeouts(), wire_rate=wire)
    return Rig(exchange, link, log_path, f"built-in emulated M1 ({scenario})")


def port_rig(
    choice: PortChoice,
    home: Path,
    feed: TrafficFeed,
    *,
    now: datetime,
    timeouts: Timeouts | None = None,
) -> Rig:
    """A real M1 on the MIDI ports `choice` names.

    Raises:
        TransportError: The ports cannot be found or opened (the message says why).
        WizardError: The log file cannot be written.
    """
    from wizard.transport.rtmidi_ports import open_ports

    ports = open_ports(choice)
    log_path = log_path_for(home, now)
    transport = _logged(ports, log_path, feed)
    exchange = Exchange(transport, timeouts=timeouts or Timeouts())
    names = ports.ports
    name = names.input if names.input == names.output else f"{names.input} / {names.output}"
    return Rig(exchange, None, log_path, name)


def write_demo_bank(folder: Path) -> Path:
    """Save the emulated factory M1's memory as one ALL DATA dump file for the demo.

    m1-wizard ships no Korg data: this bank is the emulator's own synthetic factory set
    (made-up sounds laid out like the factory bank), which stands in for Korg's file.

    Raises:
        WizardError: The file cannot be written.
    """
    memory = build_state("factory").memory
    data = bank_dump(memory, Function.ALL_DATA_DUMP, Bank.INTERNAL, 1).to_bytes()
    path = folder / DEMO_BANK_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as error:
        raise WizardError(
            f"Could not write the demo sound bank {path}: {error.strerror or error}.",
            "Choose a data folder you can write to with $M1_WIZARD_HOME.",
        ) from error
    return path
