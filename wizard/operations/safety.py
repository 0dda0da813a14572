"""The safety rule that guards every overwrite of the M1's memory, in one place.

No byte goes into the M1 without one of: a verified backup of what it replaces, the
person's explicit word that the memory holds nothing to keep, or their explicit choice of
no backup (`--no-backup`). A backup or a word remembered from an earlier sitting of a run
(the journal, on resume) is checked again before it is trusted: the backup file must still
be there with the SHA-256 the journal recorded, and the M1 connected now must still hold
what the backup holds in the parts that will be replaced (or still look initialised).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from wizard.device.exchange import Exchange
from wizard.device.image import differences, image_of, part_request
from wizard.device.progress import ProgressReport
from wizard.device.restore import RestorePlan, read_back
from wizard.m1 import AllProgramsDump
from wizard.m1.inspection import looks_initialised
from wizard.m1.parts import Part
from wizard.m1.syx_file import read_dump_bytes
from wizard.operations import words
from wizard.operations.records import BackupRecord


@dataclass(frozen=True)
class Safety:
    """What already makes an overwrite safe when the restore starts.

    Attributes:
        backup: A verified backup of this M1 taken in this run.
        initialised: The person confirmed the memory holds only initialised data.
        no_backup: The person chose explicitly to go without a backup.
        recalled: The backup or the confirmation come from an earlier sitting of the run
            (read from the journal on resume), so the M1 is checked against them again.
    """

    backup: BackupRecord | None = None
    initialised: bool = False
    no_backup: bool = False
    recalled: bool = False


def file_problem(path: Path, sha256: str) -> str | None:
    """Why a file the journal recorded cannot be trusted any more (gone, unreadable, or no
    longer the bytes whose SHA-256 was recorded), or None when it is whole."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return words.file_gone(path)
    except OSError as error:
        return words.file_unreadable(path, error.strerror or str(error))
    if hashlib.sha256(data).hexdigest() != sha256:
        return words.file_changed(path)
    return None


def m1_problem(
    record: BackupRecord, plan: RestorePlan, exchange: Exchange, report: ProgressReport
) -> str | None:
    """Why the M1 connected now is not covered by `record`: the parts the plan replaces,
    read from the M1, differ from the backup's. None when they are the same.

    Raises:
        WizardError: The M1 did not answer the reading.
    """
    kept = image_of(read_dump_bytes(record.path.read_bytes(), str(record.path)).dumps)
    shared = tuple(p for p in plan.image.parts if p in kept.parts)
    now = read_back(exchange, plan, report)
    found = differences(kept.only(shared), now)
    if not found:
        return None
    return words.m1_not_as_backed_up(record.path, "; ".join(found))


def still_initialised(exchange: Exchange) -> str | None:
    """Why an earlier "the memory holds nothing to keep" no longer holds, or None.

    Raises:
        WizardError: The M1 did not answer.
    """
    request, reply = part_request(Part.PROGRAMS, exchange.channel)
    dump = exchange.request(request, reply)
    assert isinstance(dump, AllProgramsDump)
    if looks_initialised(dump.programs):
        return None
    return words.no_longer_initialised(dump.programs[0].name)


def trusted_reason(
    safety: Safety, plan: RestorePlan, exchange: Exchange, report: ProgressReport
) -> tuple[str | None, str | None]:
    """Why the overwrite is safe, and why an earlier reason no longer is.

    Returns:
        (reason, problem): the reason in words, or None when nothing makes the overwrite
        safe yet; the problem, when a backup or confirmation was found wanting.

    Raises:
        WizardError: The M1 did not answer a re-check.
    """
    if safety.backup is not None:
        record = safety.backup
        problem = file_problem(record.path, record.sha256)
        if problem is not None:
            problem = f"{problem} {words.CANNOT_PROTECT}"
        elif safety.recalled:
            problem = m1_problem(record, plan, exchange, report)
        if problem is None:
            return words.safe_because_backup(record.path, record.what), None
        return None, problem
    if safety.initialised:
        problem = still_initialised(exchange) if safety.recalled else None
        return (words.INITIALISED_CONFIRMED, None) if problem is None else (None, problem)
    if safety.no_backup:
        return words.NO_BACKUP_CHOSEN, None
    return None, None
