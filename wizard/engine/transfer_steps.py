"""The backup and transfer steps, and the rule that guards every overwrite of the M1's
memory: a verified backup taken from this unit in this run, or the person's confirmation
(after a passing memory_initialised check) that the memory holds only initialised data."""

from __future__ import annotations

from pathlib import Path

from wizard.device.backup import save_backup, take_backup
from wizard.device.restore import (
    RestorePlan,
    RestoreRefused,
    RestoreState,
    plan_restore,
    read_back,
    send_plan,
    verify,
)
from wizard.engine.checks.asking import detected, exchange_of, mode_data
from wizard.engine.checks.result import CheckResult, failed, from_error
from wizard.engine.endings import DONE, StepOutcome
from wizard.engine.factory_set import recognise
from wizard.engine.journal import Event
from wizard.engine.maintenance import backup_entry, record
from wizard.engine.session import BackupRecord, SentRecord
from wizard.engine.step_actions import StepContext, after_failure
from wizard.errors import FileFormatError, WizardError
from wizard.m1.syx_file import DumpFile, read_dump_file
from wizard.procedure.model import BackupScope, BackupStep, TransferSource, TransferStep

REFUSED_REASON = (
    "Refused: nothing may overwrite the M1's memory without a verified backup taken from "
    "it in this run, or your confirmation that it holds only initialised data."
)
REFUSED_FIX = (
    "Take a backup first (the Backup procedure), or, if the memory was wiped, run the "
    "memory_initialised check and confirm; then retry."
)
OFFER_BACKUP = (
    "No verified backup of this M1 was taken in this run, so nothing may overwrite its "
    "memory yet. Take a backup of everything in it now?"
)

NO_FILE = failed(
    "transfer",
    "No file was chosen, so nothing was sent.",
    "Choose the file to send, or skip this step.",
)


class _FileProblem(WizardError):
    """The chosen file cannot be sent (so the next try asks for another one)."""


def take_verified_backup(ctx: StepContext, what: BackupScope) -> BackupRecord:
    """Back up `what`, save it in the unit's folder, read it back, and journal it.

    Raises:
        WizardError: No answer, damage, or the file could not be saved whole.
    """
    session = ctx.session
    exchange = exchange_of(session)
    detection = detected(session)
    backup = take_backup(exchange, detection, what.value, session.report)
    session.unit.create()
    saved = save_backup(backup, folder=session.unit.backups, now=session.now())
    entry = ctx.journal.write(
        Event.BACKUP_SAVED,
        ctx.planned.path,
        file=str(saved.path),
        sha256=saved.sha256,
        what=what.value,
        verified=True,
    )
    done = BackupRecord(saved.path, saved.sha256, what.value, entry.run, entry.at)
    session.run_backup = session.unit_backup = done
    day = session.now().date()
    record(session.unit.maintenance, backup_entry(saved.path, ctx.planned.procedure, day))
    ctx.operator.notice(f"Backup saved and read back complete: {saved.path}")
    return done


def backup(ctx: StepContext, step: BackupStep) -> StepOutcome:
    """Take a verified backup; on failure offer retry, skip (the overwrite rule still
    guards the memory) or abort."""
    while True:
        try:
            take_verified_backup(ctx, step.what)
        except WizardError as error:
            problem = from_error("backup", error)
            problem = failed("backup", f"No backup was saved. {problem.reason}", problem.fix)
            outcome = after_failure(ctx, problem, can_skip=True)
            if outcome is not None:
                return outcome
            continue
        return DONE


def _permission(ctx: StepContext) -> str | None:
    """What makes an overwrite safe, in words; None when nothing does."""
    session = ctx.session
    if session.run_backup is not None:
        return (
            f"A verified backup taken in this run is saved at {session.run_backup.path} "
            f"(SHA-256 {session.run_backup.sha256[:12]}...)."
        )
    if session.initialised_confirmed:
        return "You confirmed that the M1's memory holds only initialised data."
    return None


def _source(ctx: StepContext, step: TransferStep, chosen: Path | None) -> Path | None:
    if step.source is TransferSource.LATEST_BACKUP:
        latest = ctx.session.unit_backup
        if latest is None:
            raise _FileProblem(
                "No verified backup of this unit exists to send back.",
                "Take a backup first (the Backup procedure), then retry.",
            )
        return latest.path
    if chosen is not None:
        return chosen
    return ctx.operator.choose_file(f"The file to send into the M1 ({step.overwrites})")


def _plan(ctx: StepContext, path: Path) -> tuple[DumpFile, RestorePlan]:
    try:
        dump_file = read_dump_file(path)
        exchange = exchange_of(ctx.session)
        data = mode_data(ctx.session)
        plan = plan_restore(
            dump_file,
            exchange.channel,
            data.allocation_value,
            exchange.transport.max_message_size,
        )
    except (RestoreRefused, FileFormatError) as error:
        raise _FileProblem(error.message, error.next_action) from error
    return dump_file, plan


def transfer(ctx: StepContext, step: TransferStep) -> StepOutcome:
    """Send a file into the M1 with acknowledgement, read it back and compare.

    Refused (and nothing sent) without a verified backup of this run or the person's
    initialised-memory confirmation; the person is offered a backup on the spot.
    """
    chosen: Path | None = None
    while True:
        state = RestoreState()
        problem: CheckResult | None
        try:
            chosen = _source(ctx, step, chosen)
            problem = NO_FILE if chosen is None else _send(ctx, step, chosen, state)
        except _FileProblem as error:
            chosen = None
            problem = failed("transfer", error.message, error.next_action)
        except WizardError as error:
            problem = from_error("transfer", error)
            if state.acknowledged or state.in_flight:
                problem = failed("transfer", f"{problem.reason} {state.describe()}", problem.fix)
        if problem is None:
            return DONE
        nothing_sent = not (state.acknowledged or state.in_flight)
        outcome = after_failure(ctx, problem, can_skip=nothing_sent)
        if outcome is not None:
            return outcome


def _send(
    ctx: StepContext, step: TransferStep, path: Path, state: RestoreState
) -> CheckResult | None:
    """Plan, guard, confirm, send, read back; None when verified, else the problem."""
    session, operator = ctx.session, ctx.operator
    dump_file, plan = _plan(ctx, path)
    factory = recognise(dump_file.dumps)
    if factory:
        operator.notice(factory)
    operator.notice(f"{path.name} holds {plan.description}.")
    permission = _permission(ctx)
    if permission is None and operator.confirm(OFFER_BACKUP, ""):
        take_verified_backup(ctx, BackupScope.ALL)
        permission = _permission(ctx)
    if permission is None:
        return failed("transfer", REFUSED_REASON, REFUSED_FIX)
    what = f"{step.overwrites}, with {plan.description} from {path.name}"
    if not operator.confirm_overwrite(what, permission):
        return failed(
            "transfer",
            "You chose not to overwrite the M1's memory, so nothing was sent.",
            "Retry when ready, or skip this step.",
        )
    exchange = exchange_of(session)
    where, sha256, what = str(path), dump_file.sha256, plan.description
    ctx.journal.write(
        Event.TRANSFER_STARTED, ctx.planned.path, file=where, sha256=sha256, what=what
    )
    send_plan(exchange, plan, state, session.report)
    operator.notice("Do not switch the M1 off yet: reading the data back to compare ...")
    verify(plan, read_back(exchange, plan, session.report))
    ctx.journal.write(
        Event.TRANSFER_DONE, ctx.planned.path, file=where, sha256=sha256, what=what, verified=True
    )
    session.sent = SentRecord(path, dump_file.sha256, plan.description)
    operator.notice(f"Sent and verified by reading back: {plan.description}.")
    return None
