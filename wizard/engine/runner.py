"""The step engine: runs a procedure step by step through an `Operator`, journals each step
so that quitting and running again resumes at the same step, keeps to "no going back"
after an irreversible step, and writes the maintenance log when a run completes.

Synchronous and thread-free: the TUI calls `Engine.run` from a worker thread and answers
the operator's questions from its event loop.
"""

from __future__ import annotations

from collections.abc import Mapping

from wizard.engine import step_actions, transfer_steps
from wizard.engine.endings import RunOutcome, RunStatus, StepEnd, StepOutcome
from wizard.engine.facts import already_established, step_done
from wizard.engine.operator import Navigation, Operator, OperatorQuit, StepPosition
from wizard.engine.plan import PlannedStep, plan_steps
from wizard.engine.replay import RunReplay, latest_unit_backup, replay_run
from wizard.engine.session import Session
from wizard.engine.step_actions import StepContext
from wizard.operations.journal import Event, Journal, RunJournal, new_run_id
from wizard.operations.maintenance import MaintenanceEntry, completion_entries, record
from wizard.procedure.model import (
    BackupStep,
    CheckStep,
    ConfirmStep,
    IncludeStep,
    InputStep,
    InstructionStep,
    KeysStep,
    Procedure,
    SafetyStep,
    Step,
    TransferStep,
)

GO_AHEAD = "Go ahead"
NO_GOING_BACK = "There is no going back past a step that cannot be undone; you can go on or abort."
UNFINISHED_TRANSFER = (
    "A transfer into the M1 was interrupted, so its memory may be half loaded: send the "
    "file again to finish."
)


def title_of(step: Step) -> str:
    """The step's title, or its id in words ("filters-shown" -> "Filters shown")."""
    return step.title or step.id.replace("-", " ").capitalize()


def _do(ctx: StepContext) -> StepOutcome:
    step = ctx.planned.step
    match step:
        case InstructionStep():
            return step_actions.instruction(ctx, step)
        case SafetyStep():
            return step_actions.safety(ctx, step)
        case KeysStep():
            return step_actions.keys(ctx, step)
        case ConfirmStep():
            return step_actions.confirm(ctx, step)
        case InputStep():
            return step_actions.ask(ctx, step)
        case CheckStep():
            return step_actions.check(ctx, step)
        case BackupStep():
            return transfer_steps.backup(ctx, step)
        case TransferStep():
            return transfer_steps.transfer(ctx, step)
        case IncludeStep():  # expanded by plan_steps, never run
            return StepOutcome(StepEnd.DONE)


class Engine:
    """Runs one procedure on one unit.

    Args:
        procedure: The procedure to run.
        library: Every procedure by id, for its includes.
        session: The connection, the unit's files and the run's context.
        operator: The person.
        restart: Start from the first step even when the last run did not complete.
    """

    def __init__(
        self,
        procedure: Procedure,
        library: Mapping[str, Procedure],
        session: Session,
        operator: Operator,
        *,
        restart: bool = False,
    ) -> None:
        self.procedure = procedure
        self.plan = plan_steps(procedure, library)
        self.session = session
        self.operator = operator
        self.restart = restart
        self.journal = Journal(session.unit.journal)
        self._floor = 0  # no going back before this step index
        self._index = 0  # the step under way

    def run(self) -> RunOutcome:
        """Run from the first step, or from where the last unfinished run stopped.

        Raises:
            WizardError: The unit's folder or journal cannot be written.
        """
        self.session.unit.create()
        self.session.report = self.operator.progress
        # An M1 found on connecting has answered: the cables are in (said once).
        self.session.facts.answered = self.session.detection is not None
        log, self._index = self._begin()
        try:
            index = self._loop(log)
        except (OperatorQuit, KeyboardInterrupt):
            index = self._index
            path = self.plan[index].path if index < len(self.plan) else ""
            log.write(Event.STOPPED, path, reason="stopped by the person")
            return self._ended(RunStatus.STOPPED, log, index)
        if index < len(self.plan):
            return self._ended(RunStatus.ABORTED, log, index)
        return self._complete(log)

    def _begin(self) -> tuple[RunJournal, int]:
        contents = self.journal.read()
        if contents.damaged_lines:
            self.operator.notice(
                f"{len(contents.damaged_lines)} damaged line(s) in {self.journal.path} "
                "were skipped (a power cut while writing?)."
            )
        session = self.session
        session.unit_backup = latest_unit_backup(contents.entries)
        replay = replay_run(contents.entries, self.procedure.id)
        if replay is None or replay.completed or self.restart:
            session.run = new_run_id(session.now())
            log = RunJournal(self.journal, self.procedure.id, session.run, session.now)
            log.write(Event.STARTED)
            return log, 0
        return self._resume(replay)

    def _resume(self, replay: RunReplay) -> tuple[RunJournal, int]:
        session = self.session
        session.run = replay.run
        session.variables.update(replay.answers)
        session.run_backup = replay.backup
        session.sent = replay.sent
        session.initialised_confirmed = replay.initialised_confirmed
        session.recalled = replay.backup is not None or replay.initialised_confirmed
        done = set(replay.done)
        paths = [p.path for p in self.plan]
        index = next((i for i, path in enumerate(paths) if path not in done), len(paths))
        passed = [paths.index(p) for p in replay.irreversible if p in paths]
        self._floor = max(passed, default=-1) + 1
        log = RunJournal(self.journal, self.procedure.id, session.run, session.now)
        here = self.plan[index].path if index < len(self.plan) else ""
        log.write(Event.RESUMED, here)
        if index < len(self.plan):
            step = self.plan[index].step
            self.operator.notice(
                f"Resuming at step {index + 1} of {len(self.plan)}: {title_of(step)}."
            )
        if replay.transfer_unfinished:
            self.operator.notice(UNFINISHED_TRANSFER)
        return log, index

    def _position(self, index: int, planned: PlannedStep) -> StepPosition:
        return StepPosition(
            index + 1,
            len(self.plan),
            planned.path,
            planned.procedure,
            can_go_back=index > 0 and index - 1 >= self._floor,
        )

    def _loop(self, log: RunJournal) -> int:
        """Run steps from `self._index`, keeping it up to date (a quit can come at any
        point); return the index reached (len(plan) when all are done)."""
        while self._index < len(self.plan):
            index = self._index
            planned = self.plan[index]
            position = self._position(index, planned)
            if self.operator.begin_step(planned.step, position) is Navigation.BACK:
                if position.can_go_back:
                    self._index -= 1
                    log.write(Event.WENT_BACK, self.plan[self._index].path)
                    continue
                self.operator.notice(NO_GOING_BACK)
            ctx = StepContext(self.session, self.operator, log, planned)
            known = already_established(self.session.facts, planned.step)
            if known is not None and not planned.step.irreversible:
                # Said once: a fact this run already established is not asked again.
                self.operator.notice(known)
                log.write(Event.STEP_DONE, planned.path, name="", value="")
                step_done(self.session.facts, planned.step)
                self._index += 1
                continue
            if planned.step.irreversible and not isinstance(planned.step, TransferStep):
                self._warn_irreversible(planned.step)
            outcome = _do(ctx)
            if outcome.end is StepEnd.ABORTED:
                log.write(Event.ABORTED, planned.path, reason=outcome.reason)
                return index
            done, step = outcome.end is StepEnd.DONE, planned.step
            shown = done and isinstance(step, KeysStep) and self.operator.display_shown(step)
            step_done(self.session.facts, planned.step, done=done, shown=shown)
            if outcome.end is StepEnd.SKIPPED:
                log.write(Event.STEP_SKIPPED, planned.path, reason=outcome.reason)
            else:
                log.write(Event.STEP_DONE, planned.path, name=outcome.name, value=outcome.value)
                if planned.step.irreversible:
                    log.write(Event.IRREVERSIBLE_PASSED, planned.path)
                    self._floor = index + 1
            self._index += 1
        return self._index

    def _warn_irreversible(self, step: Step) -> None:
        """Irreversible panel steps: the person must accept that there is no undo.

        Whether a panel step overwrites the M1's memory (a card load) or something else
        (a card format) is not written in the procedure, so these are not refused like a
        transfer; the warning says whether a backup of this run exists.
        """
        safe = self.session.run_backup
        cover = (
            f"A verified backup of the M1 taken in this run is at {safe.path}."
            if safe is not None
            else "No verified backup of the M1 was taken in this run."
        )
        warning = f"The next step cannot be undone: {title_of(step)}. {cover}"
        if not self.operator.acknowledge(warning, GO_AHEAD):
            raise OperatorQuit()

    def _complete(self, log: RunJournal) -> RunOutcome:
        log.write(Event.COMPLETED)
        chain = dict.fromkeys(c for p in self.plan for c in p.chain)
        day = self.session.now().date()
        added: list[MaintenanceEntry] = list(self.session.logged)
        for entry in completion_entries(chain, day):
            record(self.session.unit.maintenance, entry)
            added.append(entry)
        self.operator.notice(f"Completed: {self.procedure.title}.")
        return RunOutcome(
            RunStatus.COMPLETED,
            self.procedure.id,
            self.session.run,
            maintenance=tuple(added),
            sent_verified=self.session.sent is not None,
        )

    def _ended(self, status: RunStatus, log: RunJournal, index: int) -> RunOutcome:
        replay = replay_run(self.journal.read().entries, self.procedure.id)
        state = self._state(replay, index)
        self.operator.notice(state)
        path = self.plan[index].path if index < len(self.plan) else ""
        return RunOutcome(
            status,
            self.procedure.id,
            log.run,
            path,
            state,
            sent_verified=replay is not None and replay.sent is not None,
            send_unfinished=replay is not None and replay.transfer_unfinished,
        )

    def _state(self, replay: RunReplay | None, index: int) -> str:
        """The M1's state after a stop or abort, in plain words."""
        parts: list[str] = []
        if replay is not None and replay.irreversible:
            titles = [title_of(p.step) for p in self.plan if p.path in set(replay.irreversible)]
            parts.append("Done, and it cannot be undone: " + "; ".join(titles) + ".")
        elif replay is None or not replay.transfer_unfinished:
            # An interrupted transfer has overwritten part of memory: it says so below.
            parts.append("Nothing that cannot be undone was done.")
        if replay is not None and replay.transfer_unfinished:
            parts.append(UNFINISHED_TRANSFER)
        if replay is not None and replay.backup is not None:
            parts.append(f"The verified backup of this run is {replay.backup.path}.")
        if index < len(self.plan):
            parts.append(
                f"Run the procedure again to resume at step {index + 1} of {len(self.plan)}: "
                f"{title_of(self.plan[index].step)}."
            )
        return " ".join(parts)
