"""SIGTERM and SIGHUP (a closed terminal, `kill`, a service manager) handled as Ctrl-C is:
the signal becomes a KeyboardInterrupt, so every command's Ctrl-C path runs (the M1's state
in words, temporary files removed, exit 1), and the message names the signal."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from wizard.stop_signals import CAUGHT, handled_by


class Stopped(KeyboardInterrupt):
    """A signal asked the program to stop; handled wherever Ctrl-C is.

    Attributes:
        signal_name: The signal, e.g. "SIGTERM".
    """

    def __init__(self, signal_name: str) -> None:
        super().__init__(signal_name)
        self.signal_name = signal_name


_received: list[str] = []  # the signals that stopped this process, for words said later


def received() -> str | None:
    """The signal that asked this run to stop (caught inside stopping_cleanly), or None."""
    return _received[-1] if _received else None


def _stop(signum: int, frame: FrameType | None) -> None:
    _received.append(signal.Signals(signum).name)
    # A second signal while the first one's clean-up runs (a service manager repeating
    # itself) must not cut that clean-up short: the rest are ignored from here on.
    for caught in CAUGHT:
        signal.signal(caught, signal.SIG_IGN)
    raise Stopped(signal.Signals(signum).name)


@contextmanager
def stopping_cleanly() -> Iterator[None]:
    """While inside, SIGTERM and SIGHUP raise `Stopped`; the old handlers come back after."""
    _received.clear()
    with handled_by(_stop):
        yield


def how_stopped(interrupt: KeyboardInterrupt) -> str:
    """What stopped the program, for the message: "Ctrl-C" or the signal's name."""
    return interrupt.signal_name if isinstance(interrupt, Stopped) else "Ctrl-C"


@contextmanager
def default_signals() -> Iterator[None]:
    """While inside, SIGTERM and SIGHUP do what they do by default (the Textual wizard
    restores the terminal itself; a KeyboardInterrupt inside its event loop would not)."""
    with handled_by(signal.SIG_DFL):
        yield
