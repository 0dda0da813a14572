"""The interface self-test: counting lost, changed and added bytes."""

from __future__ import annotations

import random
from collections.abc import Callable

from tests.device.helpers import LimitedTransport
from wizard.device.loopback import compare, pattern, run_loopback
from wizard.transport.base import ByteProgress, PortPair, Transport


class Cable(Transport):
    """An interface with its OUT wired to its IN; `damage` imitates a bad one."""

    def __init__(self, damage: Callable[[bytes], bytes] = lambda b: b) -> None:
        self.damage = damage
        self.pending: list[bytes] = []

    @property
    def max_message_size(self) -> int | None:
        return None

    @property
    def ports(self) -> PortPair:
        return PortPair("loop in", "loop out")

    def send(self, data: bytes) -> None:
        self.pending.append(self.damage(data))

    def receive(self, timeout: float, *, on_bytes: ByteProgress | None = None) -> bytes | None:
        return self.pending.pop(0) if self.pending else None

    def clear_input(self) -> None:
        self.pending.clear()

    def close(self) -> None:
        pass


def test_pattern_is_one_sysex_message_of_the_size_asked() -> None:
    data = pattern(16_384)
    assert len(data) == 16_384
    assert data[:2] == bytes.fromhex("F0 7D") and data[-1] == 0xF7
    assert max(data[1:-1]) < 0x80
    assert len(set(data[2:130])) == 128  # every 7-bit value within the first 128 bytes


def test_good_cable_passes() -> None:
    result = run_loopback(Cable(), 4096)
    assert (result.sent, result.received, result.ok) == (4096, 4096, True)
    assert result.lines()[1] == "Every byte came back unchanged: this interface passes long SysEx."


def test_dropped_and_changed_bytes_are_counted() -> None:
    def bad(data: bytes) -> bytes:
        damaged = bytearray(data)
        del damaged[1000:1003]
        damaged[2000] ^= 0x01
        return bytes(damaged)

    result = run_loopback(Cable(bad), 4096)
    assert (result.dropped, result.changed, result.added) == (3, 1, 0)
    assert not result.ok
    assert result.lines()[1] == (
        "3 bytes were lost, 1 changed and 0 added on the way: this interface corrupts long "
        "SysEx and will damage M1 dumps. Use another interface (one with its own driver, not "
        "a cheap USB cable) and run this test again."
    )


def test_nothing_back_says_to_check_the_cable() -> None:
    cable = Cable()
    cable.send = lambda data: None  # type: ignore[method-assign]
    result = run_loopback(cable, 64, wait=0.0)
    assert result.received == 0
    assert result.lines()[1].startswith("Nothing came back: check that a MIDI cable goes")


def test_size_is_capped_by_the_midi_system() -> None:
    result = run_loopback(LimitedTransport(Cable(), 1000), 16_384)
    assert result.sent == 1000 and result.ok


def test_compare_counts_insertions() -> None:
    sent = pattern(100)
    result = compare(sent, sent[:50] + b"\x01\x02" + sent[50:], 1.0)
    assert (result.dropped, result.changed, result.added) == (0, 0, 2)


def test_every_run_sends_a_pattern_of_its_own() -> None:
    first, second = pattern(4096), pattern(4096)
    assert first != second
    assert pattern(4096, random.Random(7)) == pattern(4096, random.Random(7))
    assert len(set(second[2:130])) == 128  # still every 7-bit value within the first 128


class StaleEcho(Cable):
    """Answers every test with what the first test sent: a device (or another program)
    repeating old traffic, never the pattern of the run asking."""

    def __init__(self) -> None:
        super().__init__()
        self.first: bytes | None = None

    def send(self, data: bytes) -> None:
        self.first = self.first or data
        self.pending.append(self.first)


def test_a_pattern_this_run_never_sent_cannot_pass() -> None:
    echo = StaleEcho()
    assert run_loopback(echo, 4096).ok  # the first run's pattern is its own
    later = run_loopback(echo, 4096)
    assert later.received == 4096
    assert not later.ok
    assert later.dropped + later.changed > 3000
    assert "Every byte came back unchanged" not in " ".join(later.lines())
