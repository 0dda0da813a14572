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
from wizard.operations.ledger import Ledger
from wizard.operations.records import BackupRecord


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

    def confirm_overwrite(self, what: str, why_safe: str) -> bool:
        """The last question before the M1's memory is overwritten.

        Args:
            what: What will be overwritten, with what and from which file.
            why_safe: What makes it safe: the verified backup, the person's word that
                the memory holds nothing to keep, or their explicit choice of no backup.
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
