"""How the wizard app was started: demo or real M1, where files go, which procedure to open,
and the clocks and timing (tests make them fast and fixed)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from wizard.emulator import Timing
from wizard.operations.unit import DEFAULT_UNIT

if TYPE_CHECKING:  # the exchange's module brings the M1 protocol: not needed to open
    from wizard.device.exchange import Timeouts
    from wizard.transport.port_names import PortChoice

DEFAULT_SCENARIO = "battery-dead"
"""The demo's emulated M1 by default: one whose memory battery just died, the case the
wizard is mostly for."""


def local_now() -> datetime:
    """The local time with its UTC offset."""
    return datetime.now().astimezone()


@dataclass(frozen=True)
class Launch:
    """Everything the app needs to know before it opens.

    Attributes:
        home: The data folder (units, backups, MIDI logs).
        unit: The instrument's name; its journal and maintenance log are kept under it.
        demo: The emulated M1's scenario when the demo runs; None for a real M1.
        procedure: Open straight into this procedure instead of the home screen.
        ports: MIDI ports named on the command line; None lets the person pick them.
        folder: Read the procedures from this folder instead of the shipped one.
        restart: Start the procedure from its first step even after an unfinished run.
        connect_at_start: Open the connection (the emulated M1, or `ports`) at once
            instead of through the connect screen.
        timing: The emulated M1's speed (real by default, instant in tests).
        timeouts: How long to wait for the M1; None for the defaults.
        now: The clock for file names and the journal.
        monotonic: The clock for rates and time left (fixed in screenshots).
    """

    home: Path
    unit: str = DEFAULT_UNIT
    demo: str | None = None
    procedure: str | None = None
    ports: PortChoice | None = None
    folder: Path | None = None
    restart: bool = False
    connect_at_start: bool = False
    timing: Timing = field(default_factory=Timing.real)
    timeouts: Timeouts | None = None
    now: Callable[[], datetime] = local_now
    monotonic: Callable[[], float] = time.monotonic

    @property
    def is_demo(self) -> bool:
        """True when the wizard talks to the built-in emulated M1."""
        return self.demo is not None
