"""What an operation is given: the M1 it works on (`Target`), and the run it belongs to
(`Run`): the `Driver` that reports to whoever runs it (the command line, the wizard's
engine) and answers its questions, the ledger for its record, and the clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from wizard.device.detect import Detection
from wizard.device.exchange import Exchange
from wizard.device.progress import Progress
from wizard.m1.constants import Allocation
from wizard.operations import words
from wizard.operations.ledger import Ledger
from wizard.operations.records import BackupRecord


@dataclass(frozen=True)
class Overwrite:
    """The facts of the overwrite question, for a front end to lay out as it sees fit.

    Attributes:
        replaced: The parts of the M1's memory this send replaces, in words ("the
            programs", "the songs (sequencer data)"), in memory order.
        sent: Each dump that goes in, in words, with the name of its file.
        recognised: What a factory set the files hold ("This file holds Korg's M1 factory
            sounds: ..."), and what it lacks; empty for anything else.
        why_safe: What makes it safe: the verified backup, the person's word that the
            memory holds nothing to keep, or their explicit choice of no backup.
        overwrites: The procedure's own words for what is overwritten ("" when none).
    """

    replaced: tuple[str, ...]
    sent: tuple[tuple[str, str], ...]
    recognised: str
    why_safe: str
    overwrites: str = ""

    @property
    def what(self) -> str:
        """All of it on one line, as the command line says it."""
        return words.overwrite_what(self.overwrites, self.sent)


class Driver(Protocol):
    """The front end an operation runs under. Every method may block for an answer."""

    def progress(self, progress: Progress) -> None:
        """Show how far the operation is."""
        ...

    def notice(self, text: str) -> None:
        """Show one state sentence (what was found, saved, sent)."""
        ...

    def allow_backup(self, question: str) -> bool:
        """Ask whether a backup of the whole memory may be taken now; True to take it."""
        ...

    def confirm_overwrite(self, facts: Overwrite) -> bool:
        """The last question before the M1's memory is overwritten.

        Args:
            facts: What will be replaced, with what, from which file, and what makes it
                safe.
        """
        ...

    def backup_kept(self, record: BackupRecord) -> None:
        """A safety backup was saved, read back and recorded: the front end keeps it (a
        retry after a failed send needs no second one)."""
        ...


def local_now() -> datetime:
    """The local time with its UTC offset."""
    return datetime.now().astimezone()


@dataclass(frozen=True)
class Target:
    """The M1 an operation works on.

    Attributes:
        exchange: The connection, set to the M1's channel.
        detection: What the M1 said about itself (a backup's manifest keeps it).
        allocation: Its memory allocation now (None: unknown).
    """

    exchange: Exchange
    detection: Detection
    allocation: Allocation | None = None


@dataclass(frozen=True)
class Run:
    """The run an operation belongs to.

    Attributes:
        driver: The front end.
        ledger: Where the record goes.
        now: The clock for file names.
    """

    driver: Driver
    ledger: Ledger
    now: Callable[[], datetime] = local_now
