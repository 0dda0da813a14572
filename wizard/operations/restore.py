"""A restore, start to end, the one sequence every front end calls: read and plan the file,
apply the safety rule, ask, send, read back, compare, record.

The safety rule: no byte goes into the M1 without a verified backup of what it replaces,
or the person's explicit word that the memory holds nothing to keep, or their explicit
choice of no backup (`--no-backup`). Without any of these a backup is offered; declining
it refuses the restore with nothing sent.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from wizard.device.backup import MANIFEST_FORMAT as BACKUP_FORMAT
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
from wizard.m1.dump_set import DumpSet, gather
from wizard.m1.factory_set import Recognition, recognise
from wizard.m1.parts import PART_WORDS, Part, parts_of
from wizard.m1.sources import Sources, read_sources
from wizard.operations import words
from wizard.operations.backup import BackupPlace, back_up
from wizard.operations.driver import Overwrite, Run, Target
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
        sources: The files (and folders) to send, as one set.
        safety: What already makes the overwrite safe.
        backup_place: Where a safety backup goes when one is taken.
        overwrites: What the procedure says is overwritten; empty to name the file's
            contents only.
        delay_after_f7: Extra pause after each acknowledged message (odd interfaces).
        read: The sources as already read (a command reads them before any MIDI); None
            to read `sources` now.
        expected_sha256: The SHA-256 the journal recorded for a single source (a backup
            sent back); empty when the file has no record to match.
        leave_out: Parts of memory (`Part` names) the person chose not to send.
    """

    sources: tuple[Path, ...]
    safety: Safety
    backup_place: BackupPlace
    overwrites: str = ""
    delay_after_f7: float = 0.0
    read: Sources | None = None
    expected_sha256: str = ""
    leave_out: frozenset[str] = frozenset()


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
) -> tuple[DumpSet, RestorePlan]:
    """Read the job's files as one set and plan what to send, before anything is sent.

    Raises:
        UnusableFile: The files cannot be read as M1 dumps or cannot go into this M1.
    """
    try:
        sources = job.read or read_sources(job.sources)
        dump_set = gather(sources.files)
        transport = exchange.transport
        plan = plan_restore(
            dump_set,
            exchange.channel,
            allocation,
            transport.max_message_size,
            job.leave_out,
            raw_device=transport.raw_device,
        )
    except FileFormatError as error:
        raise UnusableFile(error.message, error.next_action, bad_format=True) from error
    except RestoreRefused as error:
        raise UnusableFile(error.message, error.next_action, bad_format=False) from error
    if job.expected_sha256 and dump_set.files[0].sha256 != job.expected_sha256:
        problem = f"{words.file_changed(job.sources[0])} {words.NOT_SENT_BACK}"
        raise UnusableFile(problem, words.TAKE_NEW_BACKUP, bad_format=False)
    return dump_set, plan


def _backup_day(dump_set: DumpSet) -> str:
    """The day a single file was saved as an m1-wizard backup (its manifest says so), or
    "" for anything else."""
    if dump_set.several:
        return ""
    manifest = Path(dump_set.files[0].path).with_suffix(".json")
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    if not isinstance(data, dict) or data.get("format") != BACKUP_FORMAT:
        return ""
    return str(data.get("created", ""))[:10]


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
    return words.safe_because_backup(done.record.path, done.record.what)


def _facts(
    job: RestoreJob, plan: RestorePlan, factory: Recognition | None, why_safe: str
) -> Overwrite:
    """The overwrite question's facts: the parts replaced (only those sent), with what."""
    sent = {part for load in plan.loads for part in parts_of(load)}
    replaced = tuple(PART_WORDS[part] for part in Part.ALL if part in sent)
    recognised = ""
    if factory is not None:
        recognised = " ".join(s for s in (factory.sentence(), factory.missing_sentence()) if s)
    return Overwrite(replaced, plan.parts, recognised, why_safe, job.overwrites)


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
    dump_set, plan = prepare(job, exchange, target.allocation)
    if plan.rewritten_from:
        driver.notice(words.readdressed(plan.rewritten_from, exchange.channel))
    for note in plan.notes:
        driver.notice(note)
    factory = recognise(dump_set.dumps, several=dump_set.several)
    if factory is not None:
        driver.notice(factory.sentence())
        if factory.missing:
            driver.notice(factory.missing_sentence())
    driver.notice(words.holds(plan.parts))
    why_safe = _why_safe(job, plan, target, run)
    if not driver.confirm_overwrite(_facts(job, plan, factory, why_safe)):
        raise RestoreDeclined()
    files = tuple((Path(f.path), f.sha256) for f in dump_set.files)
    run.ledger.transfer_started(files, plan.description)
    send_plan(exchange, plan, state, driver.progress, delay_after_f7=job.delay_after_f7)
    driver.notice(words.KEEP_ON_READING)
    state.reading_back = True
    verify(plan, read_back(exchange, plan, driver.progress))
    summary = factory.summary() if factory is not None else ""
    logged = words.restore_logged(summary, _backup_day(dump_set), plan.parts)
    sent = run.ledger.transfer_done(files, plan.description, logged)
    driver.notice(words.restored(plan.parts))
    return RestoreDone(plan, sent)


def check(job: RestoreJob, target: Target, run: Run) -> RestorePlan:
    """Read back what the job's files would write and compare it with them; nothing is
    sent. For a restore whose every part went in but whose read-back was cut short.

    Raises:
        UnusableFile: The file cannot be read, or could not go into this M1.
        DeviceError: The M1 went silent, or holds something else (READBACK_MISMATCH).
    """
    _, plan = prepare(job, target.exchange, target.allocation)
    verify(plan, read_back(target.exchange, plan, run.driver.progress))
    return plan
