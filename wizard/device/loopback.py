"""The interface self-test: with the interface's MIDI OUT wired to its own MIDI IN, send a
long SysEx pattern and compare what comes back (catches interfaces that drop or change
bytes of long messages, the usual cause of failed M1 restores, m1-sysex.md §5.5)."""

from __future__ import annotations

import random
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher

from wizard.errors import TransportError
from wizard.transport.base import ByteProgress, DamagedMessageError, Transport

DEFAULT_SIZE = 16_384
NON_COMMERCIAL_ID = 0x7D  # a manufacturer ID no product uses, so a synth ignores the test


def pattern(size: int, rng: random.Random | None = None) -> bytes:
    """A fresh `size`-byte SysEx message whose data bytes never repeat in short cycles.

    Each data byte mixes its position's low and high parts so that a dropped or doubled
    byte shifts everything after it and shows up in the comparison. The values then go
    through a random permutation of 0-127 drawn for each call: a pattern from an
    earlier run, another program's, or anything not sent by this call cannot pass.

    Args:
        size: Bytes in the message, F0 and F7 included.
        rng: Where the permutation comes from (tests pass a seeded one); the system's
            random source by default.
    """
    if size < 3:
        raise ValueError("a SysEx test pattern needs at least 3 bytes")
    values = list(range(0x80))
    (rng or secrets.SystemRandom()).shuffle(values)
    body = bytes(values[((i * 37) ^ (i >> 7)) & 0x7F] for i in range(size - 3))
    return bytes((0xF0, NON_COMMERCIAL_ID)) + body + b"\xf7"


@dataclass(frozen=True)
class LoopbackResult:
    """What came back.

    Attributes:
        sent: Bytes sent.
        received: Bytes received (0 when nothing came back).
        dropped: Bytes missing from what came back.
        changed: Bytes that came back with another value.
        added: Bytes that came back but were never sent.
        seconds: Time from sending to the end of the reply.
    """

    sent: int
    received: int
    dropped: int
    changed: int
    added: int
    seconds: float

    @property
    def ok(self) -> bool:
        """True when the pattern came back identical."""
        return self.received == self.sent and not (self.dropped or self.changed or self.added)

    @property
    def rate(self) -> float:
        """Bytes per second achieved round trip."""
        return self.received / self.seconds if self.seconds > 0 else 0.0

    def lines(self) -> list[str]:
        """The result in plain words."""
        out = [
            f"Sent {self.sent:,} bytes, received {self.received:,} bytes in "
            f"{self.seconds:.2f} s ({self.rate:,.0f} bytes/s)."
        ]
        if self.received == 0:
            out.append(
                "Nothing came back: check that a MIDI cable goes from the interface's MIDI OUT "
                "to its own MIDI IN, and that the ports chosen are that interface's."
            )
        elif self.ok:
            out.append("Every byte came back unchanged: this interface passes long SysEx.")
        else:
            out.append(
                f"{self.dropped:,} bytes were lost, {self.changed:,} changed and "
                f"{self.added:,} added on the way: this interface corrupts long SysEx and "
                "will damage M1 dumps. Use another interface (one with its own driver, not a "
                "cheap USB cable) and run this test again."
            )
        return out


def compare(sent: bytes, received: bytes, seconds: float) -> LoopbackResult:
    """Count the bytes lost, changed and added between `sent` and `received`."""
    dropped = changed = added = 0
    matcher = SequenceMatcher(None, sent, received, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "replace":
            common = min(i2 - i1, j2 - j1)
            changed += common
            dropped += (i2 - i1) - common
            added += (j2 - j1) - common
        elif tag == "delete":
            dropped += i2 - i1
        elif tag == "insert":
            added += j2 - j1
    return LoopbackResult(len(sent), len(received), dropped, changed, added, seconds)


def run_loopback(
    transport: Transport,
    size: int = DEFAULT_SIZE,
    wait: float = 3.0,
    on_bytes: ByteProgress | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> LoopbackResult:
    """Send the pattern and compare what comes back within `wait` seconds of silence.

    The size is capped at what the MIDI system carries in one message.
    """
    limit = transport.max_message_size
    if limit is not None:
        size = min(size, limit)
    data = pattern(size)
    transport.clear_input()
    start = clock()
    transport.send(data)
    try:
        received = transport.receive(wait + size / 3125, on_bytes=on_bytes) or b""
    except DamagedMessageError as damaged:
        received = damaged.data
    except TransportError:
        raise
    return compare(data, received, clock() - start)
