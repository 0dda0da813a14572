"""The emulated M1's timing model: replies with delays, wire time, and when each reply's
bytes go out (m1-sysex.md §3.7, §5.4). Nothing here sleeps; the transport waits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from wizard.errors import BuildError
from wizard.m1.constants import WIRE_BYTES_PER_SECOND

DEFAULT_PROCESSING_DELAY = 0.2
"""Seconds between the F7 of a bulk load and the 23 reply on `Timing.real()`. Never
measured (§5.4, §9 item 6); 0.2 s sits inside the 100-500 ms the reference suggests."""

ACTIVE_SENSING_INTERVAL = 0.3
"""Seconds between FE bytes: the MIDI specification's upper bound of 300 ms."""


@dataclass(frozen=True)
class Reply:
    """One message the emulated M1 sends.

    Attributes:
        data: One complete message F0..F7, or a lone realtime byte b"\\xFE".
        delay: Seconds from the end of the incoming message (or key press) to the first
            byte of this reply going out: processing delay plus the "late" fault. Replies
            go out in list order, each after the previous one finished on the wire.
    """

    data: bytes
    delay: float


@dataclass(frozen=True)
class Timing:
    """How fast the emulated M1's cable and processor are.

    Attributes:
        wire_rate: Bytes per second on the cable in both directions (3125.0 is real MIDI,
            §3.7); None sends everything instantly.
        processing_delay: Seconds after a bulk load before the 23 reply.
    """

    wire_rate: float | None = None
    processing_delay: float = 0.0

    def __post_init__(self) -> None:
        if self.wire_rate is not None and self.wire_rate <= 0:
            raise BuildError(f"a wire rate of {self.wire_rate} bytes per second cannot carry data.")
        if self.processing_delay < 0:
            raise BuildError(f"a processing delay of {self.processing_delay} s is negative.")

    @classmethod
    def real(cls) -> Timing:
        """A real M1 on a real cable: 3125 bytes per second and a 0.2 s processing delay."""
        return cls(float(WIRE_BYTES_PER_SECOND), DEFAULT_PROCESSING_DELAY)

    @classmethod
    def instant(cls) -> Timing:
        """No waiting at all, for fast tests."""
        return cls(None, 0.0)

    def wire_seconds(self, length: int) -> float:
        """Seconds `length` bytes occupy the cable (0.0 when instant)."""
        if self.wire_rate is None:
            return 0.0
        return length / self.wire_rate


@dataclass(frozen=True)
class Slot:
    """When one reply is on the wire, in seconds after the end of the incoming message."""

    start: float
    end: float


def schedule(replies: Sequence[Reply], timing: Timing) -> tuple[Slot, ...]:
    """When each reply's first and last bytes go out.

    A reply starts at its own delay, but not before the previous reply has finished.

    Args:
        replies: Replies in the order the M1 sends them.
        timing: The cable's speed.
    """
    slots: list[Slot] = []
    free_at = 0.0
    for reply in replies:
        start = max(reply.delay, free_at)
        free_at = start + timing.wire_seconds(len(reply.data))
        slots.append(Slot(start, free_at))
    return tuple(slots)
