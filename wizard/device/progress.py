"""Progress of a transfer: phase, bytes, rate and time left, for the CLI and the TUI."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum


class Phase(Enum):
    """The stages of a backup or restore, in order."""

    DETECT = "finding the M1"
    BACKUP = "backing up"
    SEND = "sending"
    WAIT = "waiting for the M1"
    READ_BACK = "reading back"
    COMPARE = "comparing"
    DONE = "done"


@dataclass(frozen=True)
class Progress:
    """A snapshot of a transfer.

    Attributes:
        phase: What is happening.
        done: Bytes of this phase transferred so far.
        total: Bytes of this phase in all (0 when unknown).
        elapsed: Seconds since the phase started.
        label: What is moving, e.g. "100 programs".
        in_flight: True while data is on its way into the M1 (do not switch it off).
    """

    phase: Phase
    done: int
    total: int
    elapsed: float
    label: str = ""
    in_flight: bool = False

    @property
    def rate(self) -> float:
        """Bytes per second so far (0 before anything moved)."""
        return self.done / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def eta(self) -> float | None:
        """Seconds left at the current rate, or None when it cannot be told."""
        if self.total <= 0 or self.rate <= 0:
            return None
        return max(self.total - self.done, 0) / self.rate

    @property
    def fraction(self) -> float:
        """Share done, 0.0 to 1.0."""
        return min(self.done / self.total, 1.0) if self.total > 0 else 0.0

    def line(self) -> str:
        """One line for a terminal, e.g. "sending 100 programs: 8 192 / 16 350 bytes ..."."""
        what = f"{self.phase.value} {self.label}".strip()
        text = f"{what}: {self.done:,} / {self.total:,} bytes" if self.total else what
        if self.rate:
            text += f", {self.rate:,.0f} bytes/s"
        if self.eta is not None:
            text += f", about {self.eta:.0f} s left"
        return text


ProgressReport = Callable[[Progress], None]
"""Where progress goes (a terminal line, a progress bar)."""


def ignore_progress(_: Progress) -> None:
    """A ProgressReport that shows nothing."""
