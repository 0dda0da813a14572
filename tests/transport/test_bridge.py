"""The bridge that serves the emulator on a port pair, with an in-memory port."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

from wizard.emulator.behaviour import Behaviour
from wizard.emulator.machine import M1Emulator
from wizard.emulator.scenarios import build_state
from wizard.emulator.timing import Timing
from wizard.transport.base import ByteProgress, PortPair, Transport, check_outgoing
from wizard.transport.bridge import EmulatorBridge, M1Direction, Traffic
from wizard.transport.link import EmulatorLink
from wizard.transport.receiving import QueuedPieces, StreamReceiver

WAIT_SECONDS = 10.0
MODE_REQUEST = bytes.fromhex("F0 42 30 19 12 F7")  # §2.2


class MemoryPort(Transport):
    """A port pair in memory: tests push incoming pieces and wait for what was sent."""

    def __init__(self, limit: int | None = None) -> None:
        self.incoming = QueuedPieces()
        self._receiver = StreamReceiver(self.incoming)
        self._sent: list[bytes] = []
        self._changed = threading.Condition()
        self._limit = limit

    @property
    def max_message_size(self) -> int | None:
        return self._limit

    @property
    def ports(self) -> PortPair:
        return PortPair("memory in", "memory out")

    def send(self, data: bytes) -> None:
        check_outgoing(data, self._limit, "the test port")
        with self._changed:
            self._sent.append(data)
            self._changed.notify_all()

    def receive(self, timeout: float, *, on_bytes: ByteProgress | None = None) -> bytes | None:
        return self._receiver.receive(timeout, on_bytes)

    def clear_input(self) -> None:
        self._receiver.clear()

    def close(self) -> None:
        self.incoming.close()

    def wait_sent(self, accept: Callable[[bytes], bool]) -> bytes:
        """The first sent message `accept` takes, waiting (bounded) for it to be sent."""
        with self._changed:
            found = self._changed.wait_for(lambda: any(accept(m) for m in self._sent), WAIT_SECONDS)
            assert found, f"nothing matching was sent; sent: {self._sent}"
            return next(m for m in self._sent if accept(m))


class Reports:
    """Collects the bridge's reports and lets a test wait for one."""

    def __init__(self) -> None:
        self.items: list[Traffic] = []
        self._changed = threading.Condition()

    def __call__(self, traffic: Traffic) -> None:
        with self._changed:
            self.items.append(traffic)
            self._changed.notify_all()

    def wait_for(self, accept: Callable[[Traffic], bool]) -> Traffic:
        with self._changed:
            assert self._changed.wait_for(lambda: any(accept(t) for t in self.items), WAIT_SECONDS)
            return next(t for t in self.items if accept(t))


@contextmanager
def serve(
    port: MemoryPort, behaviour: Behaviour | None = None
) -> Iterator[tuple[EmulatorBridge, Reports]]:
    emulator = M1Emulator(build_state("factory"), timing=Timing.instant(), behaviour=behaviour)
    reports = Reports()
    link = EmulatorLink(emulator, whole_messages=True)
    bridge = EmulatorBridge(port, link, reports)
    bridge.start()
    try:
        yield bridge, reports
    finally:
        bridge.stop()
        link.close()


@pytest.fixture
def port() -> MemoryPort:
    return MemoryPort(limit=16379)


def test_requests_are_answered_and_reported(port: MemoryPort) -> None:
    with serve(port) as (_bridge, reports):
        port.incoming.put(MODE_REQUEST)
        mode = port.wait_sent(lambda m: m[:5] == bytes.fromhex("F0 42 30 19 42"))
        assert len(mode) == 10
        answered = reports.wait_for(lambda t: t.direction is M1Direction.OUT)
        assert answered == Traffic(M1Direction.OUT, mode)
        assert reports.items[0] == Traffic(M1Direction.IN, MODE_REQUEST)


def test_damaged_input_is_reported_and_serving_goes_on(port: MemoryPort) -> None:
    with serve(port) as (_bridge, reports):
        port.incoming.put(bytes.fromhex("F0 42 30 19 1C") + MODE_REQUEST)
        damaged = reports.wait_for(lambda t: t.problem is not None)
        assert damaged == Traffic(
            M1Direction.IN,
            bytes.fromhex("F0 42 30 19 1C"),
            "A SysEx message broke off after 5 bytes: a new message (F0) started before its "
            "end byte (F7).",
        )
        port.wait_sent(lambda m: m[:5] == bytes.fromhex("F0 42 30 19 42"))


def test_a_reply_the_port_cannot_carry_is_reported(port: MemoryPort) -> None:
    all_data_request = bytes.fromhex("F0 42 30 19 0F 00 F7")  # §2.2, answered with 50
    with serve(port) as (_bridge, reports):
        port.incoming.put(all_data_request)
        refused = reports.wait_for(lambda t: t.direction is M1Direction.OUT)
        assert refused.problem == (
            f"The message is {len(refused.data)} bytes long but the test port carries at "
            "most 16379 bytes in one message, so it was not sent. Send smaller dumps "
            "(programs, combinations, global and sequence one by one) or use another MIDI "
            "system; `m1-wizard ports` shows the one in use."
        )
        assert len(refused.data) > 16379


def test_active_sensing_goes_out_when_switched_on(port: MemoryPort) -> None:
    with serve(port, Behaviour(active_sensing=True)):
        assert port.wait_sent(lambda m: m == b"\xfe") == b"\xfe"
