"""The record a backup or restore leaves in the unit's folder, the same from the command
line and from the wizard: journal lines (backup saved, transfer started, transfer done) and
maintenance-log lines, each naming where the file went."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from wizard.device.backup import SavedBackup
from wizard.operations.journal import Event, Journal, RunJournal, new_run_id
from wizard.operations.maintenance import MaintenanceEntry, backup_entry, record
from wizard.operations.records import BackupRecord, SentRecord
from wizard.operations.unit import UnitFolder

COMMAND_PREFIX = "m1-wizard "
"""Journal lines of a command are filed under "m1-wizard backup" or "m1-wizard restore":
a space can never be in a procedure's id, so they never pass for a procedure's run."""
Files = tuple[tuple[Path, str], ...]
"""Files with their SHA-256, the first one first."""


@dataclass(frozen=True)
class Ledger:
    """Where one run writes what it did.

    Attributes:
        journal: The run's journal (stamped with its procedure and run id).
        maintenance: The unit's maintenance log.
        step: The step's path in a procedure; empty for a command.
        procedure: The procedure named in maintenance-log lines (a command's own name).
        logged: Gets every maintenance-log line written through this ledger, in order.
    """

    journal: RunJournal
    maintenance: Path
    step: str
    procedure: str
    logged: list[MaintenanceEntry] = field(default_factory=list)

    def _log(self, entry: MaintenanceEntry) -> None:
        record(self.maintenance, entry)
        self.logged.append(entry)

    def _today(self) -> datetime:
        return self.journal.now()

    def backup_saved(self, saved: SavedBackup, what: str) -> BackupRecord:
        """Journal and log a verified backup; the record for the safety rule.

        Raises:
            WizardError: The journal or the log cannot be written.
        """
        entry = self.journal.write(
            Event.BACKUP_SAVED,
            self.step,
            file=str(saved.path),
            sha256=saved.sha256,
            what=what,
            verified=True,
        )
        day = self._today().date()
        self._log(backup_entry(saved.path, self.procedure, day))
        return BackupRecord(saved.path, saved.sha256, what, entry.run, entry.at)

    def transfer_started(self, files: Files, what: str) -> None:
        """Journal that bytes are about to go into the M1 (an unfinished transfer is seen
        on the next run).

        Raises:
            WizardError: The journal cannot be written (nothing is sent then).
        """
        (first, sha256), *more = files
        self.journal.write(
            Event.TRANSFER_STARTED,
            self.step,
            file=str(first),
            sha256=sha256,
            what=what,
            more=tuple((str(p), h) for p, h in more),
        )

    def transfer_done(self, files: Files, what: str, logged: str) -> SentRecord:
        """Journal and log a transfer that was read back identical.

        Args:
            files: The files sent, each with its SHA-256.
            what: What they held, in words.
            logged: What the maintenance log calls it ("factory sounds restored (...)").

        Raises:
            WizardError: The journal or the log cannot be written.
        """
        (first, sha256), *more = files
        self.journal.write(
            Event.TRANSFER_DONE,
            self.step,
            file=str(first),
            sha256=sha256,
            what=what,
            verified=True,
            more=tuple((str(p), h) for p, h in more),
        )
        names = ", ".join(str(p) for p, _ in files)
        day = self._today().date()
        self._log(MaintenanceEntry(day, logged, self.procedure, file=names))
        return SentRecord(first, sha256, what, tuple(more))


def command_ledger(unit: UnitFolder, command: str, now: Callable[[], datetime]) -> Ledger:
    """The ledger of one `m1-wizard backup` or `restore` run, in the unit's folder.

    Raises:
        WizardError: The unit's folder cannot be created.
    """
    unit.create()
    name = COMMAND_PREFIX + command
    journal = RunJournal(Journal(unit.journal), name, new_run_id(now()), now)
    return Ledger(journal, unit.maintenance, "", name)
