"""Carrying out the steps that talk to the person or run a live check: instruction,
safety, keys, confirm, input and check (backup and transfer are in `transfer_steps`)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from wizard.engine.checks import run_check
from wizard.engine.checks.result import CheckResult, Verdict, failed
from wizard.engine.endings import DONE, StepEnd, StepOutcome
from wizard.engine.facts import (
    PROGRAM_00,
    PROGRAM_00_NAME,
    display_covers,
    program_00_name,
    program_00_words,
)
from wizard.engine.operator import Operator, OperatorQuit, Recovery
from wizard.engine.plan import PlannedStep
from wizard.engine.session import Session
from wizard.operations.journal import Event, RunJournal
from wizard.procedure.answers import answer_problem
from wizard.procedure.model import (
    CheckStep,
    ConfirmStep,
    InputStep,
    InstructionStep,
    KeysStep,
    SafetyStep,
)

INITIALISED_CHECK = "memory_initialised"
INITIALISED_QUESTION = (
    "The M1's memory holds only the blank sounds it starts with after losing its memory. "
    "Do you confirm that it holds nothing you want to keep? Then sound banks may be sent "
    "into it without a backup first."
)
DONE_BUTTON = "Done"


@dataclass(frozen=True)
class StepContext:
    """What a step needs to run.

    Attributes:
        session: The run's context.
        operator: The person.
        journal: The run's journal.
        planned: The step and its path.
    """

    session: Session
    operator: Operator
    journal: RunJournal
    planned: PlannedStep


def after_failure(ctx: StepContext, result: CheckResult, can_skip: bool) -> StepOutcome | None:
    """Ask the person how to go on; None means retry.

    A SKIP where skipping is not allowed counts as ABORT, so a confused operator can
    never slip past a required step.
    """
    choice = ctx.operator.recover(result, can_skip)
    if choice is Recovery.RETRY:
        return None
    if choice is Recovery.SKIP and can_skip:
        return StepOutcome(StepEnd.SKIPPED, result.reason)
    return StepOutcome(StepEnd.ABORTED, result.text())


def instruction(ctx: StepContext, step: InstructionStep) -> StepOutcome:
    """Show the text; the person says when it is done."""
    if not ctx.operator.acknowledge(step.text, DONE_BUTTON):
        raise OperatorQuit()
    return DONE


def safety(ctx: StepContext, step: SafetyStep) -> StepOutcome:
    """The warning must be acknowledged; declining stops the run (it resumes here)."""
    if not ctx.operator.acknowledge(step.warning, step.acknowledge):
        raise OperatorQuit()
    return DONE


def _keys_filled(ctx: StepContext, step: KeysStep) -> KeysStep:
    """`{program_00_name}` in the display becomes the name of program 00 in the file sent,
    so that a display still showing the sound from before does not count as done."""
    if not any(PROGRAM_00_NAME in line for line in step.display):
        return step
    sent = ctx.session.sent
    name = program_00_name(sent.path if sent else None)
    lines = tuple(" ".join(line.replace(PROGRAM_00_NAME, name).split()) for line in step.display)
    return replace(step, display=lines)


def keys(ctx: StepContext, step: KeysStep) -> StepOutcome:
    """Guide the person through the keys; offer retry, skip or abort when not done."""
    step = _keys_filled(ctx, step)
    while not ctx.operator.keys(step):
        problem = failed(
            "keys",
            f"The keys {step.source} were not pressed to the end.",
            "Press them again from the first one, watching the display after each.",
        )
        outcome = after_failure(ctx, problem, can_skip=True)
        if outcome is not None:
            return outcome
    return DONE


def _filled(ctx: StepContext, text: str) -> str:
    """`{program_00}` becomes program 00 of the file sent in this run."""
    if PROGRAM_00 not in text:
        return text
    sent = ctx.session.sent
    return text.replace(PROGRAM_00, program_00_words(sent.path if sent else None))


def confirm(ctx: StepContext, step: ConfirmStep) -> StepOutcome:
    """A yes/no question; "no" shows the advice for that answer and offers retry, skip or
    abort."""
    question, expect = _filled(ctx, step.question), _filled(ctx, step.expect)
    while not ctx.operator.confirm(question, expect):
        problem = failed(
            "confirm",
            f"The answer to “{question}” was no.",
            _filled(ctx, step.if_not) or "Go over the previous steps again, then answer once more.",
        )
        outcome = after_failure(ctx, problem, can_skip=True)
        if outcome is not None:
            return outcome
    return DONE


def ask(ctx: StepContext, step: InputStep) -> StepOutcome:
    """A typed answer, checked by the step's rule and kept under `store_as`."""

    def problem(answer: str) -> str | None:
        return answer_problem(step, answer)

    answer = ctx.operator.ask(step.prompt, problem).strip()
    ctx.session.variables[step.store_as] = answer
    return StepOutcome(StepEnd.DONE, name=step.store_as, value=answer)


def _ask_follow_up(ctx: StepContext, result: CheckResult) -> CheckResult:
    """Ask what MIDI could not tell (e.g. the sequencer protect); "no" turns PASS into FAIL."""
    if not result.question:
        return result
    if display_covers(ctx.session.facts.shown, result.answered_by):
        means = f": {result.answered_means}" if result.answered_means else ""
        seen = f"{result.reason} The display showed {result.answered_by} a moment ago{means}."
        return CheckResult(result.check, result.status, seen)
    if ctx.operator.confirm(result.question, ""):
        return result
    return CheckResult(
        result.check,
        Verdict.FAIL,
        f"{result.reason} But the answer to “{result.question}” was no.",
        result.if_not,
    )


def _confirm_initialised(ctx: StepContext, result: CheckResult) -> None:
    """After a passing memory_initialised, let the person confirm it; journal the answer."""
    if ctx.operator.confirm(INITIALISED_QUESTION, result.reason):
        ctx.session.initialised_confirmed = True
        ctx.session.recalled = False
        ctx.journal.write(Event.INITIALISED_CONFIRMED, ctx.planned.path, reason=result.reason)
    else:
        ctx.operator.notice(
            "Then nothing will overwrite the M1's memory until a verified backup of it "
            "has been taken."
        )


def check(ctx: StepContext, step: CheckStep) -> StepOutcome:
    """Run the live check until it passes, or the person skips (where allowed) or aborts."""
    while True:
        result = _ask_follow_up(ctx, run_check(step.check, ctx.session, step.params))
        if result.passed:
            ctx.operator.notice(result.reason)
            if step.check == INITIALISED_CHECK:
                _confirm_initialised(ctx, result)
            return DONE
        outcome = after_failure(ctx, result, can_skip=step.skippable)
        if outcome is not None:
            return outcome
