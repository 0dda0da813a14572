"""What the soak runs alongside its cycles: a second client on the same emulated M1 while
the first run restores, and a deadline that counts a cycle not finished in time as a hang
and ends it, so that the soak itself never hangs.

A second client is one of two things. A second m1-wizard run on the same ports meets the
port lock the first run holds (taken as `open_ports` takes it) and must be refused with the
lock's sentence before it sends anything. Another program (or a run reaching the M1 by
another way) is not stopped by the lock: its requests reach the same M1 and the M1's
replies reach both programs, as they do over MIDI; it only reads (detects, then backs up
everything), and the first run must still never call a corrupted restore verified.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import Enum

from tests.reliability.bench import TIMEOUTS
from tests.reliability.shared_m1 import SharedLink, SharedM1
from wizard.device.backup import take_backup
from wizard.device.detect import detect
from wizard.device.exchange import Exchange
from wizard.errors import TransportError, WizardError
from wizard.transport.base import PortPair
from wizard.transport.port_lock import PortLocks

ROUNDS = 3
"""Detect-and-back-up rounds another program makes at most while the first run goes on."""


class SecondKind(Enum):
    """Who the second client is."""

    LOCKED_OUT = "second m1-wizard run, same ports"
    OTHER_PROGRAM = "other program, same M1"


@dataclass
class SecondRun:
    """What the second client did.

    Attributes:
        kind: Who it was.
        refusal: What the port lock told it, when it was refused.
        rounds: Detections and backups it completed (another program).
        problems: Promises broken (a second run let in, a wrong sentence).
        hung: It did not end within the bound after the first run ended.
    """

    kind: SecondKind
    refusal: str | None = None
    rounds: int = 0
    problems: list[str] = field(default_factory=list)
    hung: bool = False


def lock_refusal(port: str, direction: str) -> str:
    """The sentence the port lock gives a second run while this process holds `port`."""
    return (
        f"Another m1-wizard run (process {os.getpid()}) is using the MIDI {direction} port "
        f'"{port}"; two runs at once would mix up their messages.'
    )


def _locked_out(run: SecondRun, ports: PortPair) -> None:
    """A second m1-wizard run opening the same ports: the first lock it needs is refused."""
    locks = PortLocks()
    try:
        locks.take(ports.input, "input")
    except TransportError as refused:
        run.refusal = refused.message
        if refused.message != lock_refusal(ports.input, "input"):
            run.problems.append(f"the lock said {refused.message!r}")
        return
    locks.release()
    run.problems.append("a second run took the ports of a run in progress")


def _other_program(run: SecondRun, link: SharedLink, done: threading.Event) -> None:
    """Another program reading the M1 while the first run restores."""
    exchange = Exchange(link, timeouts=TIMEOUTS, wire_rate=None)
    while run.rounds < ROUNDS and not done.is_set():
        try:
            take_backup(exchange, detect(exchange), "all")
        except TransportError:
            return  # its connection was closed: the first run ended long ago
        except WizardError:
            pass  # the first run's traffic, or the cycle's fault, got in its way
        run.rounds += 1


@contextmanager
def alongside(
    kind: SecondKind, shared: SharedM1, first: PortPair, bound: float
) -> Iterator[SecondRun]:
    """While inside, the first run holds the locks of its ports `first` and the second
    client runs on a thread of its own. On leaving, the second client is told to stop and
    joined within `bound` seconds (else it counts as hung, and its connection is closed),
    and only then are the locks let go, so a refusal always meets a run in progress."""
    run = SecondRun(kind)
    locks = PortLocks()
    locks.take(first.input, "input")
    if first.output != first.input:
        locks.take(first.output, "output")
    done = threading.Event()
    link = shared.client() if kind is SecondKind.OTHER_PROGRAM else None
    if link is None:
        thread = threading.Thread(target=_locked_out, args=(run, first), daemon=True)
    else:
        thread = threading.Thread(target=_other_program, args=(run, link, done), daemon=True)
    thread.start()
    try:
        yield run
    finally:
        done.set()
        thread.join(bound)
        if thread.is_alive():
            run.hung = True
        if link is not None:
            link.close()  # wakes a wait of a hung client
        thread.join(bound)
        locks.release()


@dataclass
class Deadline:
    """Whether a bounded piece of work ran past its bound."""

    passed: bool = False


@contextmanager
def deadline(
    bound: float, wake: Callable[[], None], report: Callable[[], None]
) -> Iterator[Deadline]:
    """Bound the work inside to `bound` seconds.

    Past the bound, the work counts as hung and `wake` is called to end it (closing the
    MIDI connection wakes every wait on it). If it still has not ended after as long
    again, `report` is called and the process ends with exit code 1: a soak that hangs
    would report nothing.
    """
    state = Deadline()

    def expire() -> None:
        state.passed = True
        wake()

    def give_up() -> None:
        report()
        os._exit(1)

    timers = [threading.Timer(bound, expire), threading.Timer(2 * bound, give_up)]
    for timer in timers:
        timer.daemon = True
        timer.start()
    try:
        yield state
    finally:
        for timer in timers:
            timer.cancel()
