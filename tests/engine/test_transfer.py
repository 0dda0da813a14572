"""Backup and transfer steps: the overwrite rule (verified backup of this run, or the
person's initialised-memory confirmation), the transfer itself, and its failures."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.device.helpers import ready_state, with_faults
from tests.engine.helpers import (
    engine_for,
    events,
    factory_file,
    press_all,
    procedure,
    session_for,
)
from tests.shared import shared_capture
from wizard.demo.scripted import Script, ScriptedOperator
from wizard.device.outcomes import ALLOCATION_100_KEYS, PROTECT_OFF_KEYS
from wizard.emulator import M1Emulator, build_state
from wizard.emulator.state import M1State
from wizard.engine.checks.result import CheckResult
from wizard.engine.endings import RunStatus
from wizard.engine.operator import Navigation, Recovery, StepPosition
from wizard.operations.maintenance import read_log
from wizard.operations.words import OFFER_BACKUP, REFUSED_FIX, REFUSED_REASON
from wizard.procedure.model import (
    BackupScope,
    BackupStep,
    CheckStep,
    Step,
    TransferSource,
    TransferStep,
)

OVERWRITES = "every program, every combination and the global settings"
SEND = TransferStep(id="send", source=TransferSource.CHOOSE_FILE, overwrites=OVERWRITES)
SEND_BACK = TransferStep(
    id="send-back", source=TransferSource.LATEST_BACKUP, overwrites="all 100 programs"
)
INITIALISED = CheckStep(id="empty", check="memory_initialised")
SAVE = BackupStep(id="save")
FACTORY = build_state("factory").memory


def holds_factory(state: M1State) -> bool:
    """True when the emulated M1's memory is the synthetic factory set."""
    memory = state.memory
    return (memory.programs, memory.combinations, memory.global_data) == (
        FACTORY.programs,
        FACTORY.combinations,
        FACTORY.global_data,
    )


def test_a_transfer_without_backup_or_confirmation_is_refused(tmp_path: Path) -> None:
    state = ready_state("battery-dead")
    before = state.memory.copy()
    _, session = session_for(state, tmp_path)
    operator = ScriptedOperator(
        Script(files=[factory_file(tmp_path)], confirm={"send": [False]})  # no backup now
    )
    outcome = engine_for(procedure("p", SEND), session, operator).run()
    assert outcome.status is RunStatus.ABORTED
    assert operator.texts("confirm") == [OFFER_BACKUP]
    assert operator.texts("recover") == [f"{REFUSED_REASON} {REFUSED_FIX}"]
    assert operator.texts("confirm_overwrite") == []
    assert state.memory == before
    assert ("transfer_started", "p/send") not in events(session)


def test_initialised_memory_confirmed_lets_the_transfer_through(tmp_path: Path) -> None:
    state = ready_state("battery-dead")
    _, session = session_for(state, tmp_path)
    operator = ScriptedOperator(Script(files=[factory_file(tmp_path)]))
    outcome = engine_for(procedure("p", INITIALISED, SEND), session, operator).run()
    assert outcome.status is RunStatus.COMPLETED
    assert holds_factory(state)
    phases = {p.phase.name for p in operator.progress_reports}
    assert {"SEND", "READ_BACK"} <= phases
    (overwrite,) = operator.texts("confirm_overwrite")
    assert overwrite.startswith(f"{OVERWRITES}, with global settings with drum kits, 100 comb")
    assert overwrite.endswith(
        "from factory-set.syx | You confirmed that the M1's memory is wiped: nothing in it to keep."
    )
    assert [e for e in events(session) if e[0] != "step_done"] == [
        ("started", ""),
        ("initialised_confirmed", "p/empty"),
        ("transfer_started", "p/send"),
        ("transfer_done", "p/send"),
        ("irreversible_passed", "p/send"),
        ("completed", ""),
    ]


def test_declining_the_initialised_confirmation_keeps_the_rule(tmp_path: Path) -> None:
    state = ready_state("battery-dead")
    before = state.memory.copy()
    _, session = session_for(state, tmp_path)
    script = Script(files=[factory_file(tmp_path)], confirm={"empty": [False], "send": [False]})
    engine = engine_for(procedure("p", INITIALISED, SEND), session, ScriptedOperator(script))
    assert engine.run().status is RunStatus.ABORTED
    assert state.memory == before
    assert ("initialised_confirmed", "p/empty") not in events(session)


def test_a_backup_of_this_run_lets_the_transfer_through(tmp_path: Path) -> None:
    state = ready_state("used")
    emulator, session = session_for(state, tmp_path)
    press_all(emulator, ALLOCATION_100_KEYS)  # the factory file needs 100/100
    operator = ScriptedOperator(Script(files=[factory_file(tmp_path)]))
    outcome = engine_for(procedure("p", SAVE, SEND), session, operator).run()
    assert outcome.status is RunStatus.COMPLETED
    assert holds_factory(state)
    (backup,) = session.unit.backups.glob("*.syx")
    (overwrite,) = operator.texts("confirm_overwrite")
    assert overwrite.endswith(
        f"A backup of everything in the M1's memory was saved and read back in this run: {backup}"
    )
    assert operator.texts("confirm") == []  # no backup offered: one exists
    assert read_log(session.unit.maintenance)[0].line().endswith(f"verified backup saved: {backup}")


def test_the_offered_backup_is_taken_on_the_spot(tmp_path: Path) -> None:
    state = ready_state("factory")
    _, session = session_for(state, tmp_path)
    operator = ScriptedOperator(Script(files=[factory_file(tmp_path)]))
    assert engine_for(procedure("p", SEND), session, operator).run().status is (RunStatus.COMPLETED)
    assert operator.texts("confirm") == [OFFER_BACKUP]
    assert ("backup_saved", "p/send") in events(session)


class FixingOperator(ScriptedOperator):
    """Presses `keys` on the emulated panel after a failure, then retries."""

    def __init__(self, script: Script, emulator: M1Emulator, keys: str) -> None:
        super().__init__(script)
        self.emulator = emulator
        self.fix_keys = keys
        self.offers: list[bool] = []

    def recover(self, result: CheckResult, can_skip: bool) -> Recovery:
        super().recover(result, can_skip)
        self.offers.append(can_skip)
        press_all(self.emulator, self.fix_keys)
        return Recovery.RETRY


def test_a_file_for_another_allocation_is_refused_until_the_allocation_is_set(
    tmp_path: Path,
) -> None:
    state = ready_state("used")  # 50/50
    before = state.memory.copy()
    emulator, session = session_for(state, tmp_path)
    session.initialised_confirmed = True  # the rule is not what this test is about
    file = factory_file(tmp_path)
    operator = FixingOperator(Script(files=[file, file]), emulator, ALLOCATION_100_KEYS)
    outcome = engine_for(procedure("p", SEND), session, operator).run()
    assert outcome.status is RunStatus.COMPLETED
    (refusal,) = operator.texts("recover")
    assert refusal.startswith(
        "The file is laid out for 100/100 memory but the M1 is set to 50/50, so the M1 would "
        "reject it."
    )
    assert operator.offers == [True]  # nothing was sent, so skipping was safe
    assert len(operator.texts("choose_file")) == 2  # the file is asked for again
    assert before != state.memory and holds_factory(state)


def test_protected_memory_refuses_the_load_until_the_protects_are_off(tmp_path: Path) -> None:
    state = ready_state("factory", protect_program=True)
    state.memory.programs[0] = state.memory.programs[1]
    emulator, session = session_for(state, tmp_path)
    session.initialised_confirmed = True
    operator = FixingOperator(Script(files=[factory_file(tmp_path)]), emulator, PROTECT_OFF_KEYS)
    outcome = engine_for(procedure("p", SEND), session, operator).run()
    assert outcome.status is RunStatus.COMPLETED
    (refusal,) = operator.texts("recover")
    assert refusal.startswith("The M1 refused the data (reply 24, DATA LOAD ERROR)")
    assert operator.offers == [False]  # a message went out: no skipping
    assert holds_factory(state)


def test_declining_the_overwrite_sends_nothing_and_may_be_skipped(tmp_path: Path) -> None:
    state = ready_state("battery-dead")
    before = state.memory.copy()
    _, session = session_for(state, tmp_path)
    script = Script(
        files=[factory_file(tmp_path)],
        overwrite={"send": [False]},
        recover={"send": [Recovery.SKIP]},
    )
    operator = ScriptedOperator(script)
    outcome = engine_for(procedure("p", INITIALISED, SEND), session, operator).run()
    assert outcome.status is RunStatus.COMPLETED
    assert operator.texts("recover") == [
        "You chose not to overwrite the M1's memory, so nothing was sent. Retry when ready, "
        "or skip this step."
    ]
    assert state.memory == before
    assert ("step_skipped", "p/send") in events(session)


def test_no_file_chosen_sends_nothing(tmp_path: Path) -> None:
    _, session = session_for(ready_state("battery-dead"), tmp_path)
    operator = ScriptedOperator()
    assert engine_for(procedure("p", SEND), session, operator).run().status is (RunStatus.ABORTED)
    assert operator.texts("recover") == [
        "No file was chosen, so nothing was sent. Choose the sounds to send (a file, several "
        "files, a zip or a folder), or skip this step."
    ]


class ChangingOperator(ScriptedOperator):
    """Changes program 00 in the emulated M1 when the step `at` begins."""

    def __init__(self, state: M1State, at: str) -> None:
        super().__init__()
        self.state = state
        self.at = at

    def begin_step(self, step: Step, position: StepPosition) -> Navigation:
        if step.id == self.at:
            self.state.memory.programs[0] = self.state.memory.programs[5]
        return super().begin_step(step, position)


def test_latest_backup_sends_the_saved_programs_back(tmp_path: Path) -> None:
    state = ready_state("factory")
    _, session = session_for(state, tmp_path)
    saved = BackupStep(id="save", what=BackupScope.PROGRAMS)
    matches = CheckStep(id="same", check="matches_file")
    top = procedure("p", saved, SEND_BACK, matches)
    operator = ChangingOperator(state, "send-back")
    assert engine_for(top, session, operator).run().status is RunStatus.COMPLETED
    assert state.memory.programs == FACTORY.programs
    assert operator.texts("choose_file") == []


def test_latest_backup_without_any_backup_is_refused(tmp_path: Path) -> None:
    _, session = session_for(ready_state("factory"), tmp_path)
    operator = ScriptedOperator()
    engine_for(procedure("p", SEND_BACK), session, operator).run()
    assert operator.texts("recover") == [
        "No verified backup of this unit exists to send back. Take a backup first (the "
        "Backup procedure), then retry."
    ]


def test_a_transfer_broken_on_the_way_says_the_memory_may_be_half_loaded(
    tmp_path: Path,
) -> None:
    state = ready_state("battery-dead")
    emulator, session = session_for(state, tmp_path)
    operator = ScriptedOperator(Script(files=[factory_file(tmp_path)]))
    with_faults(emulator, drop_input=2)  # the interface loses bytes of long messages
    outcome = engine_for(procedure("p", INITIALISED, SEND), session, operator).run()
    assert outcome.status is RunStatus.ABORTED
    (failure,) = operator.texts("recover")
    assert failure.startswith(
        "The M1 rejected the data as the wrong size (reply 26, MIDI IN DATA FORMAT ERROR)."
    )
    assert "so that part may be half loaded" in failure
    assert "A transfer into the M1 was interrupted" in outcome.state


@pytest.mark.fixtures
def test_korgs_factory_programs_are_recognised_before_sending(tmp_path: Path) -> None:
    capture = tmp_path / "ORIGPROG.SYX"
    capture.write_bytes(shared_capture("ORIGPROG.SYX"))
    state = ready_state("battery-dead")
    _, session = session_for(state, tmp_path)
    operator = ScriptedOperator(Script(files=[capture]))
    outcome = engine_for(procedure("p", INITIALISED, SEND), session, operator).run()
    assert outcome.status is RunStatus.COMPLETED
    assert (
        'This file holds Korg\'s M1 factory sounds: programs (00 "Universe" ... 99 "Surprise!!").'
    ) in operator.texts("notice")
