"""After a failure the engine offers retry, skip (where safe) or abort, and does as told."""

from __future__ import annotations

from pathlib import Path

from tests.device.helpers import ready_state
from tests.engine.helpers import (
    engine_for,
    events,
    keys_step,
    link_of,
    press_all,
    procedure,
    session_for,
)
from wizard.demo.scripted import Script, ScriptedOperator
from wizard.device.outcomes import ENABLE_MIDI_KEYS
from wizard.emulator import M1Emulator
from wizard.engine.checks.reach import EXCL_FIX
from wizard.engine.checks.result import CheckResult
from wizard.engine.endings import RunStatus
from wizard.engine.operator import Recovery
from wizard.procedure.model import CheckStep, ConfirmStep, InstructionStep

EXCL_CHECK = CheckStep(id="answers", check="exclusive_enabled")
SKIPPABLE = CheckStep(id="answers", check="exclusive_enabled", skippable=True)
AFTER = InstructionStep(id="after", text="Carry on.")


class FixingOperator(ScriptedOperator):
    """Does what the failure's fix says on the emulated panel, then retries."""

    def __init__(self, emulator: M1Emulator, keys: str) -> None:
        super().__init__()
        self.emulator = emulator
        self.fix_keys = keys
        self.seen: list[tuple[CheckResult, bool]] = []

    def recover(self, result: CheckResult, can_skip: bool) -> Recovery:
        self.seen.append((result, can_skip))
        super().recover(result, can_skip)
        press_all(self.emulator, self.fix_keys)
        return Recovery.RETRY


def test_retry_runs_the_check_again_after_the_fix(tmp_path: Path) -> None:
    emulator, session = session_for(ready_state("battery-dead", excl_enabled=False), tmp_path)
    operator = FixingOperator(emulator, ENABLE_MIDI_KEYS)
    outcome = engine_for(procedure("p", EXCL_CHECK, AFTER), session, operator).run()
    assert outcome.status is RunStatus.COMPLETED
    ((result, can_skip),) = operator.seen
    assert result.fix == EXCL_FIX
    assert can_skip is False  # the step is not skippable


def test_skip_is_offered_and_journaled_for_a_skippable_check(tmp_path: Path) -> None:
    _, session = session_for(ready_state("battery-dead", excl_enabled=False), tmp_path)
    operator = ScriptedOperator(Script(recover={"answers": [Recovery.SKIP]}))
    outcome = engine_for(procedure("p", SKIPPABLE, AFTER), session, operator).run()
    assert outcome.status is RunStatus.COMPLETED
    assert ("step_skipped", "p/answers") in events(session)


def test_skip_where_it_is_not_allowed_aborts(tmp_path: Path) -> None:
    _, session = session_for(ready_state("battery-dead", excl_enabled=False), tmp_path)
    operator = ScriptedOperator(Script(recover={"answers": [Recovery.SKIP]}))
    outcome = engine_for(procedure("p", EXCL_CHECK, AFTER), session, operator).run()
    assert (outcome.status, outcome.path) == (RunStatus.ABORTED, "p/answers")
    assert events(session)[-1] == ("aborted", "p/answers")


def test_abort_ends_the_run_with_the_state_and_how_to_resume(tmp_path: Path) -> None:
    _, session = session_for(ready_state("battery-dead", excl_enabled=False), tmp_path)
    operator = ScriptedOperator()  # recovers with ABORT
    outcome = engine_for(procedure("p", EXCL_CHECK, AFTER), session, operator).run()
    assert outcome.status is RunStatus.ABORTED
    assert outcome.state == (
        "Nothing that cannot be undone was done. Run the procedure again to resume at step "
        "1 of 2: Answers."
    )
    assert operator.texts("notice")[-1] == outcome.state


def test_a_no_shows_the_advice_and_retry_asks_again(tmp_path: Path) -> None:
    question = ConfirmStep(id="shown", question="Does it show ENA?", if_not="Press UP.")
    _, session = session_for(ready_state("factory"), tmp_path)
    operator = ScriptedOperator(
        Script(confirm={"shown": [False, True]}, recover={"shown": [Recovery.RETRY]})
    )
    outcome = engine_for(procedure("p", question), session, operator).run()
    assert outcome.status is RunStatus.COMPLETED
    assert operator.texts("confirm") == ["Does it show ENA?", "Does it show ENA?"]
    assert operator.texts("recover") == ["The answer to “Does it show ENA?” was no. Press UP."]


def test_keys_not_done_can_be_skipped(tmp_path: Path) -> None:
    _, session = session_for(ready_state("factory"), tmp_path)
    operator = ScriptedOperator(
        Script(keys_done={"k": [False]}, recover={"k": [Recovery.SKIP]}), link_of(session)
    )
    top = procedure("p", keys_step("k", "PROG, 00"), AFTER)
    assert engine_for(top, session, operator).run().status is RunStatus.COMPLETED
    assert ("step_skipped", "p/k") in events(session)


def test_a_failing_check_whose_follow_up_answer_is_no_fails(tmp_path: Path) -> None:
    # memory_unprotected passes over MIDI but asks about the sequencer protect.
    check = CheckStep(id="open", check="memory_unprotected")
    _, session = session_for(ready_state("factory"), tmp_path)
    operator = ScriptedOperator(Script(confirm={"open": [False]}))
    outcome = engine_for(procedure("p", check), session, operator).run()
    assert outcome.status is RunStatus.ABORTED
    (text,) = operator.texts("recover")
    assert text.endswith("was no. Press B, then DOWN, to turn the sequencer memory protect off.")
