"""The memory-protect probe against the emulated M1 served the way `m1-wizard emulate` serves
it: through the bridge, on ports that carry whole messages, with a timed cable."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.device.helpers import ready_state
from wizard.device.exchange import Exchange, Timeouts
from wizard.emulator.machine import M1Emulator
from wizard.emulator.timing import DEFAULT_PROCESSING_DELAY, Timing
from wizard.engine.checks import Verdict
from wizard.engine.checks.protect import memory_unprotected
from wizard.engine.session import Session
from wizard.m1.constants import WIRE_BYTES_PER_SECOND
from wizard.operations.unit import UnitFolder
from wizard.transport.base import ByteProgress, PortPair, Transport
from wizard.transport.bridge import EmulatorBridge
from wizard.transport.link import EmulatorLink
from wizard.transport.receiving import QueuedPieces, StreamReceiver

SPEED_UP = 10.0
"""Cable, processor and waits all run this much faster than a real M1's, so the test takes
about a second; the proportions between them, which decide the outcome, stay real."""


class PortEnd(Transport):
    """One end of a pair of ports joined back to back; each message arrives whole."""

    def __init__(self, name: str) -> None:
        self.incoming = QueuedPieces()
        self._receiver = StreamReceiver(self.incoming)
        self._name = name
        self.peer: PortEnd | None = None

    @property
    def max_message_size(self) -> int | None:
        return None

    @property
    def ports(self) -> PortPair:
        return PortPair(self._name, self._name)

    def send(self, data: bytes) -> None:
        assert self.peer is not None
        self.peer.incoming.put(bytes(data))

    def receive(self, timeout: float, *, on_bytes: ByteProgress | None = None) -> bytes | None:
        return self._receiver.receive(timeout, on_bytes)

    def clear_input(self) -> None:
        self._receiver.clear()

    def close(self) -> None:
        self.incoming.close()


@contextmanager
def served(emulator: M1Emulator) -> Iterator[Transport]:
    """The emulator behind a bridge, as `m1-wizard emulate` serves it; yields our end."""
    ours, theirs = PortEnd("wizard"), PortEnd("emulator")
    ours.peer, theirs.peer = theirs, ours
    link = EmulatorLink(emulator, whole_messages=True)
    bridge = EmulatorBridge(theirs, link, lambda _traffic: None)
    bridge.start()
    try:
        yield ours
    finally:
        bridge.stop()
        link.close()
        ours.close()
        theirs.close()


def scaled(timeouts: Timeouts) -> Timeouts:
    return Timeouts(
        first_reply=timeouts.first_reply / SPEED_UP,
        idle=timeouts.idle / SPEED_UP,
        after_load=timeouts.after_load / SPEED_UP,
        identity=timeouts.identity / SPEED_UP,
        scan=timeouts.scan / SPEED_UP,
    )


def test_protect_probe_passes_against_the_served_emulator_with_real_timing(
    tmp_path: Path,
) -> None:
    # The default timing of `m1-wizard emulate` (Timing.real()), sped up as a whole.
    rate = WIRE_BYTES_PER_SECOND * SPEED_UP
    timing = Timing(rate, DEFAULT_PROCESSING_DELAY / SPEED_UP)
    state = ready_state("factory")
    with served(M1Emulator(state, timing=timing)) as port:
        exchange = Exchange(port, timeouts=scaled(Timeouts()), wire_rate=rate)
        folder = UnitFolder(tmp_path, "test-m1")
        folder.create()
        result = memory_unprotected(Session(folder, exchange), {})
    assert result.status is Verdict.PASS, result.reason
    assert result.reason == (
        "Program and combination memory protect are off: the wizard asked the M1 to store a "
        "program and a combination the same as the ones already in their places (which "
        "changes nothing), and it stored them."
    )
