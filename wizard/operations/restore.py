"""A restore, start to end, the one sequence every front end calls: read and plan the file,
apply the safety rule, ask, send, read back, compare, record.

The safety rule: no byte goes into the M1 without a verified backup of what it replaces,
or the person's explicit word that the memory holds nothing to keep, or their explicit
choice of no backup (`--no-backup`). Without any of these a backup is offered; declining
it refuses the restore with nothing sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from wizard.device.exchange import Exchange
from wizard.device.restore import (
    RestorePlan,
    RestoreRefused,
    RestoreState,
    plan_restore,
    read_back,
    send_plan,
    verify,
)
from wizard.device.store import SaveError
from wizard.errors import FileFormatError, WizardError
from wizard.m1.constants import Allocation
from wizard.m1.factory_set import recognise
from wizard.m1.syx_file import DumpFile, read_dump_file
from wizard.operations import words
from wizard.operations.backup import BackupPlace, back_up
from wizard.operations.driver import Run, Target
from wizard.operations.records import SentRecord
from wizard.operations.safety import Safety, trusted_reason


class UnusableFile(WizardError):
    """The file cannot be sent (damaged, not M1 bank data, another allocation, too large
    for this MIDI system); nothing was sent.

    Attributes:
        bad_format: True when the file itself could not be read as dumps.
    """

    def __init__(self, message: str, next_action: str = "", *, bad_format: bool) -> None:
        super().__init__(message, next_action)
        self.bad_format = bad_format


class RestoreDeclined(WizardError):
    """The person answered no to the overwrite question; nothing was sent."""

    def __init__(self) -> None:
        super().__init__(words.DECLINED_REASON, words.DECLINED_FIX)


@dataclass(frozen=True)
class RestoreJob:
    """What to restore and under which rules.

    Attributes:
        source: The file to send.
        safety: What already makes the overwrite safe.
        backup_place: Where a safety backup goes when one is taken.
        overwrites: What the procedure says is overwritten; empty to name the file's
            contents only.
        delay_after_f7: Extra pause after each acknowledged message (odd interfaces).
        dump_file: The file as already read (a command reads it before any MIDI); None
            to read `source` now.
        expected_sha256: The SHA-256 the journal recorded for `source` (a backup sent
            back); empty when the file has no record to match.
    """

    source: Path
    safety: Safety
    backup_place: BackupPlace
    overwrites: str = ""
    delay_after_f7: float = 0.0
    dump_file: DumpFile | None = None
    expected_sha256: str = ""


@dataclass(frozen=True)
class RestoreDone:
    """A restore read back identical.

    Attributes:
        plan: What was sent.
        sent: The journal's record of it.
    """

    plan: RestorePlan
    sent: SentRecord


def prepare(
    job: RestoreJob, exchange: Exchange, allocation: Allocation | None
) -> tuple[DumpFile, RestorePlan]:
    """Read the job's file and plan what to send, before anything is sent.

    Raises:
        UnusableFile: The file cannot be read as M1 dumps or cannot go into this M1.
    """
    try:
        dump_file = job.dump_file or read_dump_file(job.source)
        transport = exchange.transport
        plan = plan_restore(
            dump_file,
            exchange.channel,
            allocation,
            transport.max_message_size,
            raw_device=transport.raw_device,
        )
    except FileFormatError as error:
        raise UnusableFile(error.message, error.next_action, bad_format=True) from error
    except RestoreRefused as error:
        raise UnusableFile(error.message, error.next_action, bad_format=False) from error
    if job.expected_sha256 and dump_file.sha256 != job.expected_sha256:
        problem = f"{words.file_changed(job.source)} {words.NOT_SENT_BACK}"
        raise UnusableFile(problem, words.TAKE_NEW_BACKUP, bad_format=False)
    return dump_file, plan


def _why_safe(job: RestoreJob, plan: RestorePlan, target: Target, run: Run) -> str:
    """The safety rule: the reason the overwrite is safe, taking a backup if offered.

    Raises:
        RestoreRefused: Nothing makes it safe and the person declined the backup.
    """
    driver = run.driver
    reason, problem = trusted_reason(job.safety, plan, target.exchange, driver.progress)
    if reason == words.NO_BACKUP_CHOSEN:
        driver.notice(reason)
    if reason is not None:
        return reason
    if problem is not None:
        driver.notice(problem)
    question = words.OFFER_BACKUP if problem is None else words.OFFER_NEW_BACKUP
    if not driver.allow_backup(question):
        raise RestoreRefused(problem or words.REFUSED_REASON, words.REFUSED_FIX)
    try:
        done = back_up(target, "all", job.backup_place, run)
    except SaveError as error:
        # Nothing has gone into the M1 yet: say so, as the person may fear the worst.
        raise SaveError(f"{error.message} {words.NOTHING_SENT}", error.next_action) from error
    driver.notice(words.safety_backup_saved(done.saved.path))
    driver.backup_kept(done.record)
    return words.safe_because_backup(done.record.path, done.record.sha256)


def restore(job: RestoreJob, target: Target, run: Run, state: RestoreState) -> RestoreDone:
    """Restore `job.source` into the M1 and prove it went in.

    Args:
        job: The file and the rules.
        target: The M1.
        run: The front end, the record and the clock.
        state: Filled with what the M1 took, for the words after a failure or Ctrl-C.

    Raises:
        UnusableFile: The file cannot be sent; nothing was sent.
        RestoreRefused: The safety rule refused; nothing was sent.
        RestoreDeclined: The person said no; nothing was sent.
        DeviceError: The M1 refused, went silent, or read back different; `state` says
            what it took.
        WizardError: A backup or the record could not be saved.
    """
    exchange, driver = target.exchange, run.driver
    dump_file, plan = prepare(job, exchange, target.allocation)
    if plan.rewritten_from:
        driver.notice(words.readdressed(plan.rewritten_from, exchange.channel))
    for note in plan.notes:
        driver.notice(note)
    factory = recognise(dump_file.dumps)
    if factory:
        driver.notice(factory)
    driver.notice(words.holds(job.source, plan.description))
    why_safe = _why_safe(job, plan, target, run)
    what = words.overwrite_what(job.overwrites, plan.description, job.source)
    if not driver.confirm_overwrite(what, why_safe):
        raise RestoreDeclined()
    sha256 = dump_file.sha256
    run.ledger.transfer_started(job.source, sha256, plan.description)
    send_plan(exchange, plan, state, driver.progress, delay_after_f7=job.delay_after_f7)
    driver.notice(words.KEEP_ON_READING)
    state.reading_back = True
    verify(plan, read_back(exchange, plan, driver.progress))
    sent = run.ledger.transfer_done(job.source, sha256, plan.description)
    driver.notice(words.restored(plan.description))
    return RestoreDone(plan, sent)


def check(job: RestoreJob, target: Target, run: Run) -> RestorePlan:
    """Read back what `job.source` would write and compare it with the file; nothing is
    sent. For a restore whose every part went in but whose read-back was cut short.

    Raises:
        UnusableFile: The file cannot be read, or could not go into this M1.
        DeviceError: The M1 went silent, or holds something else (READBACK_MISMATCH).
    """
    _, plan = prepare(job, target.exchange, target.allocation)
    verify(plan, read_back(target.exchange, plan, run.driver.progress))
    return plan
