"""The engine's run: steps in order, journal lines, going back, irreversible steps, the
maintenance log, and the state message when a run stops."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from tests.device.helpers import ready_state
from tests.engine.helpers import (
    engine_for,
    events,
    keys_step,
    link_of,
    procedure,
    session_for,
)
from wizard.demo.scripted import Script, ScriptedOperator
from wizard.device.outcomes import ENABLE_MIDI_KEYS
from wizard.engine.endings import RunStatus
from wizard.engine.runner import NO_GOING_BACK
from wizard.operations.maintenance import read_log
from wizard.procedure.model import (
    CheckStep,
    ConfirmStep,
    InputRule,
    InputStep,
    InstructionStep,
    SafetyStep,
)

WHEN = datetime(2026, 3, 4, 10, 30, tzinfo=timezone(timedelta(hours=1)))


def note(step_id: str, title: str = "") -> InstructionStep:
    """An instruction step."""
    return InstructionStep(id=step_id, title=title, text=f"Do {step_id}.")


ENABLE = procedure(
    "enable",
    note("connect", "Connect the cables"),
    keys_step("filters", ENABLE_MIDI_KEYS, "Excl:ENA"),
    CheckStep(id="answers", check="exclusive_enabled"),
    InputStep(id="serial", prompt="Serial?", validate=InputRule.SERIAL, store_as="serial"),
)


def test_a_run_presses_the_keys_checks_and_journals_every_step(tmp_path: Path) -> None:
    state = ready_state("battery-dead", excl_enabled=False)
    _, session = session_for(state, tmp_path)
    operator = ScriptedOperator(Script(inputs={"serial": "013537"}), link_of(session))
    outcome = engine_for(ENABLE, session, operator).run()
    assert outcome.status is RunStatus.COMPLETED
    assert state.excl_enabled  # the keys really changed the emulated M1
    assert operator.display_mismatches == []
    assert session.variables == {"serial": "013537"}
    assert [(p.number, p.total, p.path) for p in operator.positions] == [
        (1, 4, "enable/connect"),
        (2, 4, "enable/filters"),
        (3, 4, "enable/answers"),
        (4, 4, "enable/serial"),
    ]
    assert events(session) == [
        ("started", ""),
        ("step_done", "enable/connect"),
        ("step_done", "enable/filters"),
        ("step_done", "enable/answers"),
        ("step_done", "enable/serial"),
        ("completed", ""),
    ]
    assert operator.texts("notice")[-1] == "Completed: Test procedure enable."


def test_declining_a_safety_warning_stops_the_run_there(tmp_path: Path) -> None:
    top = procedure("p", note("a"), SafetyStep(id="unplug", warning="Unplug it."), note("c"))
    _, session = session_for(ready_state("factory"), tmp_path)
    operator = ScriptedOperator(Script(acknowledge={"unplug": [False]}))
    outcome = engine_for(top, session, operator).run()
    assert (outcome.status, outcome.path) == (RunStatus.STOPPED, "p/unplug")
    assert outcome.state == (
        "Nothing that cannot be undone was done. Run the procedure again to resume at step "
        "2 of 3: Unplug."
    )
    assert events(session)[-1] == ("stopped", "p/unplug")


def test_going_back_repeats_the_previous_step(tmp_path: Path) -> None:
    top = procedure("p", note("a"), note("b"), note("c"))
    _, session = session_for(ready_state("factory"), tmp_path)
    operator = ScriptedOperator(Script(back_at={"c"}))
    assert engine_for(top, session, operator).run().status is RunStatus.COMPLETED
    assert [p.path for p in operator.positions] == ["p/a", "p/b", "p/c", "p/b", "p/c"]
    assert ("went_back", "p/b") in events(session)


def test_after_an_irreversible_step_there_is_no_going_back(tmp_path: Path) -> None:
    top = procedure(
        "p",
        note("a"),
        keys_step("erase", "SEQ, 3, +, UP, G, G", irreversible=True),
        note("c"),
    )
    _, session = session_for(ready_state("factory"), tmp_path)
    operator = ScriptedOperator(Script(back_at={"c"}), link_of(session))
    assert engine_for(top, session, operator).run().status is RunStatus.COMPLETED
    assert [(p.path, p.can_go_back) for p in operator.positions] == [
        ("p/a", False),
        ("p/erase", True),
        ("p/c", False),
    ]
    assert NO_GOING_BACK in operator.texts("notice")
    assert operator.texts("acknowledge")[1] == (
        "The next step cannot be undone: Erase. No verified backup of the M1 was taken in this run."
    )
    assert ("irreversible_passed", "p/erase") in events(session)


def test_refusing_the_irreversible_warning_stops_before_the_step(tmp_path: Path) -> None:
    state = ready_state("factory")
    top = procedure("p", keys_step("to-50", "GLOBAL, 6, +, +, +, UP, G", irreversible=True))
    _, session = session_for(state, tmp_path)
    operator = ScriptedOperator(Script(acknowledge={"to-50": [False]}), link_of(session))
    assert engine_for(top, session, operator).run().status is RunStatus.STOPPED
    assert len(state.memory.programs) == 100  # the allocation was not changed


def test_an_aborted_run_says_what_cannot_be_undone(tmp_path: Path) -> None:
    top = procedure(
        "p",
        keys_step("to-50", "GLOBAL, 6, +, +, +, UP, G", irreversible=True),
        ConfirmStep(id="ok", question="Is it fine?", if_not="Set it back."),
    )
    _, session = session_for(ready_state("factory"), tmp_path)
    operator = ScriptedOperator(Script(confirm={"ok": [False]}), link_of(session))
    outcome = engine_for(top, session, operator).run()
    assert outcome.status is RunStatus.ABORTED
    assert outcome.state == (
        "Done, and it cannot be undone: To 50. Run the procedure again to resume at step 2 "
        "of 2: Ok."
    )
    assert operator.texts("recover") == ["The answer to “Is it fine?” was no. Set it back."]


def test_completing_ram_card_battery_logs_the_next_check_in_a_year(tmp_path: Path) -> None:
    top = procedure("ram-card-battery", note("swap"))
    _, session = session_for(ready_state("factory"), tmp_path)
    session.now = lambda: WHEN
    outcome = engine_for(top, session, ScriptedOperator()).run()
    (entry,) = outcome.maintenance
    assert entry.line() == (
        "2026-03-04  RAM card battery replaced; next check due about 2027-03-04 "
        "(about one year later)"
    )
    assert read_log(session.unit.maintenance) == [entry]


def test_a_procedure_with_no_routine_leaves_the_log_alone(tmp_path: Path) -> None:
    _, session = session_for(ready_state("factory"), tmp_path)
    outcome = engine_for(procedure("p", note("a")), session, ScriptedOperator()).run()
    assert outcome.maintenance == ()
    assert read_log(session.unit.maintenance) == []
