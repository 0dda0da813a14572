"""Test doubles for the transport tests: a fake clock and a scripted piece source."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable


class FakeClock:
    """Monotonic seconds that move only when a test (or its source) says so."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        """Let `seconds` pass."""
        self.now += seconds


class ScriptedPieces:
    """Pieces that arrive after given gaps on a fake clock; waiting advances the clock.

    Args:
        clock: The fake clock the receiver reads.
        script: (seconds after the previous piece, piece) pairs, in arrival order.
    """

    def __init__(self, clock: FakeClock, script: Iterable[tuple[float, bytes]] = ()) -> None:
        self.clock = clock
        self.script: deque[tuple[float, bytes]] = deque(script)
        self.waits: list[float] = []

    def get(self, timeout: float) -> bytes | None:
        self.waits.append(timeout)
        if not self.script:
            self.clock.advance(timeout)
            return None
        gap, piece = self.script[0]
        if gap <= timeout:
            self.script.popleft()
            self.clock.advance(gap)
            return piece
        self.clock.advance(timeout)
        self.script[0] = (gap - timeout, piece)
        return None

    def drain(self) -> None:
        # Only pieces that have already arrived are dropped; none wait here unread.
        return
