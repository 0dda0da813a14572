"""How the reliability tests interrupt runs: Ctrl-C, or SIGTERM / SIGHUP really delivered
to this process (so the handlers `m1-wizard` installs, wizard/cli/signals.py, turn the
signal into a stop, as when a terminal closes or `kill` is used); and an ALL DATA backup
interrupted just before the next run starts, while the M1 is still sending the rest."""

from __future__ import annotations

import signal
import threading

from wizard.device.backup import take_backup
from wizard.device.detect import detect
from wizard.device.exchange import Exchange
from wizard.device.progress import Progress
from wizard.emulator import M1Emulator, Timing
from wizard.m1.constants import WIRE_BYTES_PER_SECOND
from wizard.stop_signals import CAUGHT
from wizard.transport.base import Transport

SIGNALS = tuple(signal.Signals(s) for s in CAUGHT)
"""The signals m1-wizard handles as Ctrl-C on this platform (SIGTERM, and SIGHUP off Windows)."""


def stop_name(signum: signal.Signals | None) -> str:
    """How m1-wizard names the stop: "Ctrl-C", or the signal's name."""
    return "Ctrl-C" if signum is None else signum.name


def interrupt(signum: signal.Signals | None) -> None:
    """Stop the run here: raise KeyboardInterrupt (Ctrl-C) or deliver `signum`.

    A delivered signal reaches whatever handler is installed: m1-wizard's raises its stop
    from inside `signal.raise_signal`; an ignored one (m1-wizard ignores a second signal
    while it cleans up after the first) returns, and the run goes on, as it would.

    Raises:
        KeyboardInterrupt: Ctrl-C, or the handler's stop for a signal.
        AssertionError: The signal would end the test process (no handler installed), or
            it would be handled in the wrong thread.
    """
    if signum is None:
        raise KeyboardInterrupt
    if threading.current_thread() is not threading.main_thread():
        raise AssertionError(f"{signum.name} would be handled in the main thread, not here")
    handler = signal.getsignal(signum)
    if handler in (signal.SIG_DFL, None):
        raise AssertionError(
            f"{signum.name} would end the test process: m1-wizard's handlers are not installed"
        )
    signal.raise_signal(signum)
    if handler is not signal.SIG_IGN:
        raise AssertionError(f"{signum.name} was delivered, but its handler did not stop the run")


# --- a rerun within seconds of an interrupted backup ----------------------------------

SPEED_UP = 40.0
"""The interrupted backup's cable runs 40 times faster than a real one: the 53 KB ALL DATA
dump takes 0.4 s instead of 17 s, so the matrix stays fast, and a run that did not wait
for the dump's end would still give up long before it (the bench waits 0.1 s at most)."""
RATE = WIRE_BYTES_PER_SECOND * SPEED_UP
STOP_AFTER = 2_000
"""Bytes of the dump that arrived before the backup was interrupted."""


class _Interrupted(Exception):
    """The interrupted backup's stop (its own kind, so no other error is mistaken for it)."""


def interrupt_backup(ports: Transport, emulator: M1Emulator, exchange: Exchange) -> None:
    """Start an ALL DATA backup on the bench's ports (`ports`: the bench's transport under
    its fault traps, a raw device when the bench has one) and interrupt it once its dump
    began.

    The M1 goes on sending the rest of the dump, and answers nothing else until its last
    byte is out. The next run starts at once on the same ports as a new process would:
    its input holds nothing of the dump's beginning, and its waits know the cable's speed
    (`exchange.wire_rate`), as m1-wizard knows a real cable's. Later replies come at the
    bench's usual speed, after the rest of the dump.
    """
    usual = emulator.timing
    emulator.timing = Timing(RATE, 0.0)
    # The same ports the next run uses: over a raw device the M1's replies reach only
    # the device (a second reader of the emulator's output would take some of them).
    first = Exchange(ports, timeouts=exchange.timeouts, wire_rate=RATE)
    found = detect(first)

    def stop_soon(progress: Progress) -> None:
        if progress.done > STOP_AFTER:
            raise _Interrupted

    try:
        take_backup(first, found, "all", stop_soon)
    except _Interrupted:
        pass
    else:
        raise AssertionError("the backup ended before it could be interrupted")
    finally:
        emulator.timing = usual  # what is already on its way keeps its wire timing
    ports.clear_input()
    exchange.wire_rate = RATE
    announced.clear()
    if exchange.notice is None:
        exchange.notice = announced.append


announced: list[str] = []
"""What the run after the interrupted backup was told while it waited (its notices)."""
