"""Detection right after a backup was interrupted: the M1 finishes the dump it was asked
for before it answers anything else, and detection waits it out instead of giving up."""

from __future__ import annotations

import time

from tests.device.helpers import ready_state
from wizard.device.backup import take_backup
from wizard.device.detect import detect
from wizard.device.exchange import Exchange, Timeouts
from wizard.device.progress import Progress
from wizard.device.settle import STILL_SENDING
from wizard.emulator.machine import M1Emulator
from wizard.emulator.timing import DEFAULT_PROCESSING_DELAY, Timing
from wizard.m1.constants import WIRE_BYTES_PER_SECOND
from wizard.transport.base import WrappedTransport
from wizard.transport.link import EmulatorLink

SPEED_UP = 10.0
"""Cable, processor and waits all run ten times faster than a real M1's: the 53 KB ALL DATA
dump takes 1.7 s instead of 17 s, and the proportions that decide the outcome stay real."""

RATE = WIRE_BYTES_PER_SECOND * SPEED_UP


class Interrupted(Exception):
    """Ctrl-C, in effect: the run stops while the dump is on its way."""


def timeouts() -> Timeouts:
    real = Timeouts()
    return Timeouts(
        first_reply=real.first_reply / SPEED_UP,
        idle=real.idle / SPEED_UP,
        after_load=real.after_load / SPEED_UP,
        identity=real.identity / SPEED_UP,
        scan=real.scan / SPEED_UP,
    )


def interrupted_backup(link: EmulatorLink) -> None:
    """Start a backup of everything and stop it once the ALL DATA dump has begun."""
    first = Exchange(link, timeouts=timeouts(), wire_rate=RATE)
    found = detect(first)

    def stop_soon(progress: Progress) -> None:
        if progress.done > 2000:
            raise Interrupted

    try:
        take_backup(first, found, "all", stop_soon)
    except Interrupted:
        return
    raise AssertionError("the backup was not interrupted")


def test_detection_waits_out_the_dump_of_an_interrupted_backup() -> None:
    emulator = M1Emulator(
        ready_state("factory"), timing=Timing(RATE, DEFAULT_PROCESSING_DELAY / SPEED_UP)
    )
    with EmulatorLink(emulator) as link:
        interrupted_backup(link)
        # The next run starts at once, on the same ports, while the dump goes on.
        notices: list[str] = []
        second = Exchange(link, timeouts=timeouts(), wire_rate=RATE, notice=notices.append)
        found = detect(second)
    assert notices == ["The M1 is still sending the last dump; waiting for it to finish ..."]
    assert notices == [STILL_SENDING]
    assert (found.channel, found.found_by) == (1, "identity request")
    assert found.mode_data is not None


def test_a_quiet_m1_is_asked_without_a_word_about_waiting() -> None:
    emulator = M1Emulator(
        ready_state("factory"), timing=Timing(RATE, DEFAULT_PROCESSING_DELAY / SPEED_UP)
    )
    with EmulatorLink(emulator) as link:
        notices: list[str] = []
        found = detect(Exchange(link, timeouts=timeouts(), wire_rate=RATE, notice=notices.append))
    assert notices == []
    assert found.found_by == "identity request"


class Stutter(WrappedTransport):
    """An interface that hands bytes over in bursts (or a computer under load): once the
    leftover dump is well under way, nothing seems to arrive for a while, longer than the
    quiet spell that ends the wait, and then the rest comes."""

    def __init__(self, inner: EmulatorLink, gap: float) -> None:
        super().__init__(inner)
        self._gap = gap
        self._frozen: tuple[float, int] | None = None
        self.gaps = 0

    @property
    def stray_bytes(self) -> int:
        """The inner count, held still during one gap."""
        count = self.inner.stray_bytes
        now = time.monotonic()
        if self._frozen is None and count > 4000:
            self._frozen, self.gaps = (now, count), 1
        if self._frozen is not None and now - self._frozen[0] < self._gap:
            return self._frozen[1]
        return count


def test_a_gap_inside_the_leftover_dump_is_waited_out_too() -> None:
    emulator = M1Emulator(
        ready_state("factory"), timing=Timing(RATE, DEFAULT_PROCESSING_DELAY / SPEED_UP)
    )
    with EmulatorLink(emulator) as link:
        interrupted_backup(link)
        notices: list[str] = []
        stutter = Stutter(link, gap=timeouts().idle * 3)
        second = Exchange(stutter, timeouts=timeouts(), wire_rate=RATE, notice=notices.append)
        found = detect(second)
    assert stutter.gaps == 1
    # Waited out twice, announced once.
    assert notices == [STILL_SENDING]
    assert found.found_by == "identity request"
