"""Building blocks for device tests: an emulated M1 behind the in-process link, and a
transport wrapper that imitates a MIDI system with a message-size limit."""

from __future__ import annotations

from dataclasses import replace

from wizard.device.exchange import Exchange, Timeouts
from wizard.emulator import Faults, M1Emulator, Timing, build_state
from wizard.emulator.state import M1State
from wizard.transport.base import ByteProgress, PortPair, Transport, check_outgoing
from wizard.transport.link import EmulatorLink

JACK_LIMIT = 16_384


class LimitedTransport(Transport):
    """Passes through to `inner` but refuses messages over `limit`, as JACK MIDI does."""

    def __init__(
        self, inner: Transport, limit: int = JACK_LIMIT, raw_device: str | None = None
    ) -> None:
        self.inner = inner
        self.limit = limit
        self.raw = raw_device

    @property
    def max_message_size(self) -> int | None:
        return self.limit

    @property
    def ports(self) -> PortPair:
        return self.inner.ports

    @property
    def stray_bytes(self) -> int:
        return self.inner.stray_bytes

    @property
    def raw_device(self) -> str | None:
        return self.raw

    def send(self, data: bytes) -> None:
        check_outgoing(data, self.limit, "this MIDI system")
        self.inner.send(data)

    def receive(self, timeout: float, *, on_bytes: ByteProgress | None = None) -> bytes | None:
        return self.inner.receive(timeout, on_bytes=on_bytes)

    def clear_input(self) -> None:
        self.inner.clear_input()

    def close(self) -> None:
        self.inner.close()


def ready_state(scenario: str = "factory", **changes: object) -> M1State:
    """A scenario's state with MIDI ready (EXCL on, protects off) plus `changes`."""
    state = build_state(scenario)
    state.excl_enabled = True
    state.protect_program = state.protect_combination = state.protect_sequence = False
    for name, value in changes.items():
        setattr(state, name, value)
    return state


def connect(
    state: M1State, faults: Faults | None = None, limit: int | None = None
) -> tuple[M1Emulator, Exchange]:
    """An emulator with instant timing and an Exchange that reaches it.

    Short waits keep failing cases fast: the link delivers instantly, so a reply that
    has not come within a few tenths of a second will not come.
    """
    emulator = M1Emulator(state, timing=Timing.instant(), faults=faults)
    transport: Transport = EmulatorLink(emulator)
    if limit is not None:
        transport = LimitedTransport(transport, limit)
    timeouts = Timeouts(first_reply=0.2, idle=0.2, after_load=0.2, identity=0.1, scan=0.02)
    return emulator, Exchange(transport, timeouts=timeouts, wire_rate=None)


def with_faults(emulator: M1Emulator, **faults: object) -> None:
    """Switch faults on for everything that follows."""
    emulator.faults = replace(emulator.faults, **faults)  # type: ignore[arg-type]
