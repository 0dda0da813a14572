"""A verified backup, start to end: ask the M1 (or take what its panel sends), save the
file with its manifest, read it back, and leave the record in the unit's folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from wizard.device.backup import Backup, SavedBackup, save_backup, take_backup
from wizard.device.store import CHOOSE_DEFAULT
from wizard.operations.driver import Run, Target
from wizard.operations.records import BackupRecord


@dataclass(frozen=True)
class BackupPlace:
    """Where a backup goes.

    Attributes:
        folder: The folder for a time-stamped name (the unit's backups folder unless the
            person named another).
        output: An exact file to create instead; None for a time-stamped name.
        choose: The options the front end has for naming another place, for the words
            of a save error ("" when it has none).
    """

    folder: Path
    output: Path | None = None
    choose: str = CHOOSE_DEFAULT


@dataclass(frozen=True)
class BackupDone:
    """A backup on disk, read back whole, and its record.

    Attributes:
        saved: The file, its manifest and SHA-256.
        record: The journal's record of it (what the safety rule trusts).
    """

    saved: SavedBackup
    record: BackupRecord


def keep_backup(backup: Backup, place: BackupPlace, run: Run) -> BackupDone:
    """Save dumps already taken (from requests or the M1's panel) and record them.

    Raises:
        SaveError: The file exists, cannot be written, or does not read back identical.
        WizardError: The journal or the maintenance log cannot be written.
    """
    saved = save_backup(backup, place.output, place.folder, run.now(), place.choose)
    for sentence in saved.cleared:
        run.driver.notice(sentence)
    return BackupDone(saved, run.ledger.backup_saved(saved, backup.what))


def back_up(target: Target, what: str, place: BackupPlace, run: Run) -> BackupDone:
    """Take `what` from the M1 (each dump read twice and compared), save and record it.

    Raises:
        DeviceError: Silence, refusal, damage (copies that differ).
        SaveError: The file cannot be saved whole.
        WizardError: The record cannot be written.
    """
    backup = take_backup(target.exchange, target.detection, what, run.driver.progress)
    return keep_backup(backup, place, run)
