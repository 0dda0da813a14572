"""Comparing the emulated display with a step's expectation, and the scripted operator's
key presses on the emulated panel."""

from __future__ import annotations

from pathlib import Path

from tests.device.helpers import ready_state
from tests.engine.helpers import keys_step, link_of, session_for
from wizard.demo.panel import display_matches
from wizard.demo.scripted import Script, ScriptedOperator
from wizard.m1.panel_keys import Key

LCD = ("Global 5  MIDI Filter", "Prog:ENA  Aftch:ENA  Ctrl:ENA  Excl:DIS")


def test_each_expected_line_must_be_inside_its_own_line() -> None:
    assert display_matches(("Global 5", "Excl:DIS"), LCD)
    assert not display_matches(("Global 5", "Excl:ENA"), LCD)
    assert not display_matches(("Excl:DIS", "Global 5"), LCD)


def test_a_single_line_may_be_on_either_line_and_spaces_are_squeezed() -> None:
    assert display_matches(("Excl:DIS",), LCD)
    assert display_matches(("Global 5 MIDI   Filter",), LCD)
    assert not display_matches(("Program 00",), LCD)
    assert display_matches((), LCD)


def test_the_scripted_operator_presses_keys_and_notes_a_wrong_display(tmp_path: Path) -> None:
    state = ready_state("factory")
    _, session = session_for(state, tmp_path)
    operator = ScriptedOperator(link=link_of(session))
    assert operator.keys(keys_step("protect", "GLOBAL, 6, UP", "Prog:OFF"))
    assert state.protect_program  # UP turned the program protect on
    assert operator.display_mismatches == [
        ": expected ['Prog:OFF'], display shows "
        "['Global 6  Memory Protect                ', 'Prog:ON                                 ']"
    ]


def test_choices_are_resolved_from_the_script(tmp_path: Path) -> None:
    state = ready_state("factory")
    _, session = session_for(state, tmp_path)
    operator = ScriptedOperator(Script(choices={"": [Key.DOWN]}), link_of(session))
    operator.keys(keys_step("protect", "GLOBAL, 6, UP/DOWN"))
    assert not state.protect_program
    operator.keys(keys_step("protect", "GLOBAL, 6, UP/DOWN"))  # the script is used up: UP
    assert state.protect_program
