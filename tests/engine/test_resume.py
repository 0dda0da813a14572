"""Quitting in the middle and running again resumes at the same step; a completed run
starts afresh; a damaged journal line does not stop the resume."""

from __future__ import annotations

from pathlib import Path

from tests.device.helpers import ready_state
from tests.engine.helpers import engine_for, events, keys_step, link_of, procedure, session_for
from wizard.demo.scripted import Script, ScriptedOperator
from wizard.engine.endings import RunStatus
from wizard.engine.operator import OperatorQuit, Validator
from wizard.engine.session import Session
from wizard.procedure.model import InputRule, InputStep, InstructionStep, Step


def note(step_id: str) -> InstructionStep:
    """An instruction step titled after its id."""
    return InstructionStep(id=step_id, title=step_id.capitalize(), text=f"Do {step_id}.")


SERIAL = InputStep(id="serial", prompt="Serial?", validate=InputRule.SERIAL, store_as="serial")
TOP = procedure("p", note("one"), SERIAL, note("three"), note("four"))


def again(session: Session) -> Session:
    """A new session for the same unit and M1, as a second start of the program."""
    return Session(session.unit, session.exchange)


def test_quitting_then_running_again_resumes_at_the_same_step(tmp_path: Path) -> None:
    _, first = session_for(ready_state("factory"), tmp_path)
    quitter = ScriptedOperator(Script(inputs={"serial": "013537"}, quit_at={"three"}))
    stopped = engine_for(TOP, first, quitter).run()
    assert (stopped.status, stopped.path) == (RunStatus.STOPPED, "p/three")

    second = again(first)
    operator = ScriptedOperator()
    outcome = engine_for(TOP, second, operator).run()
    assert outcome.status is RunStatus.COMPLETED
    assert outcome.run == stopped.run
    assert [p.path for p in operator.positions] == ["p/three", "p/four"]
    assert operator.texts("notice")[0] == "Resuming at step 3 of 4: Three."
    assert second.variables == {"serial": "013537"}  # the answer came back from the journal
    assert events(second)[-4:] == [
        ("resumed", "p/three"),
        ("step_done", "p/three"),
        ("step_done", "p/four"),
        ("completed", ""),
    ]


def test_a_completed_run_is_not_resumed(tmp_path: Path) -> None:
    _, first = session_for(ready_state("factory"), tmp_path)
    done = engine_for(TOP, first, ScriptedOperator()).run()
    operator = ScriptedOperator()
    outcome = engine_for(TOP, again(first), operator).run()
    assert outcome.run != done.run
    assert operator.positions[0].path == "p/one"


def test_restart_begins_at_the_first_step(tmp_path: Path) -> None:
    _, first = session_for(ready_state("factory"), tmp_path)
    engine_for(TOP, first, ScriptedOperator(Script(quit_at={"four"}))).run()
    operator = ScriptedOperator()
    engine_for(TOP, again(first), operator, restart=True).run()
    assert [p.path for p in operator.positions][:1] == ["p/one"]
    assert not any("Resuming" in text for text in operator.texts("notice"))


class InterruptingOperator(ScriptedOperator):
    """Ctrl-C while a step's question is open."""

    def acknowledge(self, warning: str, button: str) -> bool:
        if warning == "Do three.":
            raise KeyboardInterrupt
        return super().acknowledge(warning, button)


def test_ctrl_c_stops_and_resumes_like_a_quit(tmp_path: Path) -> None:
    _, first = session_for(ready_state("factory"), tmp_path)
    assert engine_for(TOP, first, InterruptingOperator()).run().status is RunStatus.STOPPED
    operator = ScriptedOperator()
    engine_for(TOP, again(first), operator).run()
    assert operator.positions[0].path == "p/three"


def test_a_cut_off_journal_line_is_reported_and_the_resume_still_works(
    tmp_path: Path,
) -> None:
    _, first = session_for(ready_state("factory"), tmp_path)
    engine_for(TOP, first, ScriptedOperator(Script(quit_at={"four"}))).run()
    journal = first.unit.journal
    journal.write_bytes(journal.read_bytes() + b'{"event": "step_do')  # a power cut
    operator = ScriptedOperator()
    assert engine_for(TOP, again(first), operator).run().status is RunStatus.COMPLETED
    assert operator.texts("notice")[0] == (
        f"1 damaged line(s) in {journal} were skipped (a power cut while writing?)."
    )
    assert operator.positions[0].path == "p/four"


def test_resuming_after_an_irreversible_step_offers_no_way_back(tmp_path: Path) -> None:
    steps: tuple[Step, ...] = (
        note("one"),
        keys_step("to-50", "GLOBAL, 6, +, +, +, UP, G", irreversible=True),
        note("three"),
    )
    top = procedure("p", *steps)
    _, first = session_for(ready_state("factory"), tmp_path)
    engine_for(top, first, ScriptedOperator(Script(quit_at={"three"}), link_of(first))).run()
    operator = ScriptedOperator()
    engine_for(top, again(first), operator).run()
    assert (operator.positions[0].path, operator.positions[0].can_go_back) == (
        "p/three",
        False,
    )


def test_an_operator_quit_inside_a_step_resumes_at_that_step(tmp_path: Path) -> None:
    class QuitOnAsk(ScriptedOperator):
        def ask(self, prompt: str, validate: Validator) -> str:
            raise OperatorQuit()

    _, first = session_for(ready_state("factory"), tmp_path)
    assert engine_for(TOP, first, QuitOnAsk()).run().path == "p/serial"
    operator = ScriptedOperator()
    engine_for(TOP, again(first), operator).run()
    assert operator.positions[0].path == "p/serial"
