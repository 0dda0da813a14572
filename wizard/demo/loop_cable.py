"""The demo's loop cable: a MIDI cable from an interface's OUT to its own IN, emulated
perfectly, so the demo can show what a passing interface test looks like."""

from __future__ import annotations

from collections import deque

from wizard.device.loopback import LoopbackResult, run_loopback
from wizard.transport.base import ByteProgress, PortPair, Transport

DEMO_LOOP_PORTS = PortPair("demo loop cable (in)", "demo loop cable (out)")


class LoopCable(Transport):
    """Every message sent comes straight back, unchanged."""

    def __init__(self) -> None:
        self._waiting: deque[bytes] = deque()

    @property
    def max_message_size(self) -> int | None:
        """No limit."""
        return None

    @property
    def ports(self) -> PortPair:
        """Named as the demo's loop cable."""
        return DEMO_LOOP_PORTS

    def send(self, data: bytes) -> None:
        """Keep the message for the next `receive`."""
        self._waiting.append(bytes(data))

    def receive(self, timeout: float, *, on_bytes: ByteProgress | None = None) -> bytes | None:
        """The oldest message sent and not yet received; None at once when there is none."""
        if not self._waiting:
            return None
        data = self._waiting.popleft()
        if on_bytes is not None:
            on_bytes(len(data))
        return data

    def clear_input(self) -> None:
        """Forget what was sent."""
        self._waiting.clear()

    def close(self) -> None:
        """Nothing to close."""
        self._waiting.clear()


def loop_test() -> LoopbackResult:
    """The interface test through the demo's loop cable."""
    with LoopCable() as cable:
        return run_loopback(cable)
