"""The backup and transfer steps: thin callers of the operations, which own the order of
the work, the safety rule and the record. Here the engine only supplies the person (its
Operator), the unit's folder and what this run already knows."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from wizard.device.progress import Progress
from wizard.device.restore import RestoreRefused, RestoreState
from wizard.engine.checks.asking import detected, exchange_of, mode_data
from wizard.engine.checks.result import CheckResult, failed, from_error
from wizard.engine.endings import DONE, StepOutcome
from wizard.engine.step_actions import StepContext, after_failure
from wizard.errors import WizardError
from wizard.operations import words
from wizard.operations.backup import BackupPlace, back_up
from wizard.operations.driver import Overwrite, Run, Target
from wizard.operations.ledger import Ledger
from wizard.operations.records import BackupRecord
from wizard.operations.restore import RestoreDeclined, RestoreJob, UnusableFile, restore
from wizard.operations.safety import Safety, file_problem
from wizard.procedure.model import BackupScope, BackupStep, TransferSource, TransferStep

NO_FILE = failed(
    "transfer",
    "No file was chosen, so nothing was sent.",
    "Choose the sounds to send (a file, several files, a zip or a folder), or skip this step.",
)


class _FileProblem(WizardError):
    """The chosen file cannot be sent (so the next try asks for another one)."""


@dataclass(frozen=True)
class _StepDriver:
    """The operations' Driver for a step: the person is the engine's Operator."""

    ctx: StepContext

    def progress(self, progress: Progress) -> None:
        self.ctx.session.report(progress)

    def notice(self, text: str) -> None:
        self.ctx.operator.notice(text)

    def allow_backup(self, question: str) -> bool:
        return self.ctx.operator.confirm(question, "")

    def confirm_overwrite(self, facts: Overwrite) -> bool:
        return self.ctx.operator.confirm_overwrite(facts)

    def backup_kept(self, record: BackupRecord) -> None:
        session = self.ctx.session
        session.run_backup = session.unit_backup = record
        session.recalled = False


def _run(ctx: StepContext) -> Run:
    session, planned = ctx.session, ctx.planned
    ledger = Ledger(
        ctx.journal, session.unit.maintenance, planned.path, planned.procedure, session.logged
    )
    return Run(_StepDriver(ctx), ledger, session.now)


def _place(ctx: StepContext) -> BackupPlace:
    ctx.session.unit.create()
    return BackupPlace(ctx.session.unit.backups, choose="")  # no options to name a place


def take_verified_backup(ctx: StepContext, what: BackupScope) -> BackupRecord:
    """Back up `what` into the unit's backups folder, read it back, and record it.

    Raises:
        WizardError: No answer, damage, or the file could not be saved whole.
    """
    session = ctx.session
    run = _run(ctx)
    target = Target(exchange_of(session), detected(session))
    done = back_up(target, what.value, _place(ctx), run)
    run.driver.backup_kept(done.record)
    ctx.operator.notice(words.backup_saved(done.saved.path))
    return done.record


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


def _source(
    ctx: StepContext, step: TransferStep, chosen: tuple[Path, ...] | None
) -> tuple[Path, ...] | None:
    if step.source is TransferSource.LATEST_BACKUP:
        latest = ctx.session.unit_backup
        if latest is None:
            raise _FileProblem(
                "No verified backup of this unit exists to send back.",
                "Take a backup first (the Backup procedure), then retry.",
            )
        problem = file_problem(latest.path, latest.sha256)
        if problem is not None:
            raise _FileProblem(f"{problem} {words.NOT_SENT_BACK}", words.TAKE_NEW_BACKUP)
        return (latest.path,)
    if chosen is not None:
        return chosen
    return ctx.operator.choose_file(f"What you choose replaces in the M1 {step.overwrites}")


def transfer(ctx: StepContext, step: TransferStep) -> StepOutcome:
    """Send a file into the M1 with acknowledgement, read it back and compare.

    Refused (and nothing sent) without a verified backup of this run or the person's
    initialised-memory confirmation; the person is offered a backup on the spot.
    """
    chosen: tuple[Path, ...] | None = None
    while True:
        state = RestoreState()
        problem: CheckResult | None
        try:
            chosen = _source(ctx, step, chosen)
            problem = NO_FILE if not chosen else _send(ctx, step, chosen, state)
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
    ctx: StepContext, step: TransferStep, paths: tuple[Path, ...], state: RestoreState
) -> CheckResult | None:
    """Run the restore operation; None when verified, else the problem."""
    session = ctx.session
    safety = Safety(session.run_backup, session.initialised_confirmed, recalled=session.recalled)
    latest = session.unit_backup if step.source is TransferSource.LATEST_BACKUP else None
    expected = latest.sha256 if latest is not None else ""
    job = RestoreJob(paths, safety, _place(ctx), step.overwrites, expected_sha256=expected)
    try:
        allocation = mode_data(session).allocation_value
        target = Target(exchange_of(session), detected(session), allocation)
        done = restore(job, target, _run(ctx), state)
    except UnusableFile as error:
        raise _FileProblem(error.message, error.next_action) from error
    except RestoreDeclined as error:
        # The person's own choice: a retry starts again from choosing the file.
        raise _FileProblem(error.message, error.next_action) from error
    except RestoreRefused as error:
        return failed("transfer", error.message, error.next_action)
    session.sent = done.sent
    return None
