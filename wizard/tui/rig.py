"""How the wizard reaches an M1 (the built-in emulated one for the demo, or a real one on
MIDI ports): the shared connection opener with the wizard's own MIDI log file (for bug
reports) and the live MIDI traffic view."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from wizard.demo.saved_m1 import load_m1, save_m1
from wizard.device.connection import Connection, ConnectionRequest, open_connection
from wizard.device.exchange import Timeouts
from wizard.emulator import Timing
from wizard.transport.base import Transport
from wizard.transport.port_names import PortChoice
from wizard.tui.traffic import TappedTransport, TrafficFeed


def log_path_for(home: Path, now: datetime) -> Path:
    """Where a MIDI log started at `now` goes: `<home>/logs/midi-<date>-<time>.log`."""
    return home / "logs" / f"midi-{now:%Y%m%d-%H%M%S}.log"


def _request(
    home: Path,
    feed: TrafficFeed,
    now: datetime,
    timeouts: Timeouts | None,
    notice: Callable[[str], None] | None,
) -> ConnectionRequest:
    def tap(transport: Transport) -> Transport:
        return TappedTransport(transport, feed)

    # Exchanges poll in short slices; a note per empty slice would bury the messages.
    return ConnectionRequest(
        log=log_path_for(home, now),
        quiet_log=True,
        timeouts=timeouts or Timeouts(),
        tap=tap,
        notice=notice,
    )


def demo_rig(
    scenario: str,
    home: Path,
    feed: TrafficFeed,
    *,
    now: datetime,
    timing: Timing,
    timeouts: Timeouts | None = None,
    notice: Callable[[str], None] | None = None,
) -> Connection:
    """The built-in emulated M1 behind the in-process link: as the last run in `home` left
    it, else fresh in `scenario`.

    `notice` hears of waits the person should know about (from the connecting thread).

    Raises:
        WizardError: The log file cannot be written, or no scenario has that name.
    """
    request = _request(home, feed, now, timeouts, notice)
    kept = load_m1(home)  # the demo's M1 as the last run left it
    return open_connection(replace(request, emulated=scenario, emulated_state=kept, timing=timing))


def keep_demo_m1(rig: Connection, home: Path) -> None:
    """Keep the demo's emulated M1 in `home` for the next run (nothing for a real M1).

    Raises:
        WizardError: The file cannot be written.
    """
    if rig.link is not None:
        with rig.link.locked() as emulator:
            save_m1(emulator.state, home)


def port_rig(
    choice: PortChoice,
    home: Path,
    feed: TrafficFeed,
    *,
    now: datetime,
    timeouts: Timeouts | None = None,
    notice: Callable[[str], None] | None = None,
) -> Connection:
    """A real M1 on the MIDI ports `choice` names.

    Raises:
        TransportError: The ports cannot be found or opened (the message says why).
        WizardError: The log file cannot be written.
    """
    return open_connection(replace(_request(home, feed, now, timeouts, notice), ports=choice))
