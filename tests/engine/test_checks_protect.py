"""`memory_unprotected`: the harmless write probe of m1-sysex.md §4.4 against the emulator."""

from __future__ import annotations

from pathlib import Path

from tests.device.helpers import ready_state, with_faults
from tests.engine.helpers import session_for
from wizard.emulator import Faults
from wizard.emulator.state import M1State, Memory
from wizard.engine.checks import Verdict
from wizard.engine.checks.protect import SEQUENCE_QUESTION, memory_unprotected
from wizard.m1.constants import Mode

NO_PARAMS: dict[str, str] = {}


def snapshot(memory: Memory) -> Memory:
    """An independent copy to compare memory with afterwards."""
    return memory.copy()


def test_protects_off_pass_and_ask_about_the_sequencer(tmp_path: Path) -> None:
    state = ready_state("factory")
    before = snapshot(state.memory)
    _, session = session_for(state, tmp_path)
    result = memory_unprotected(session, NO_PARAMS)
    assert result.status is Verdict.PASS
    assert result.reason == (
        "Program and combination memory protect are off: the wizard asked the M1 to store a "
        "program and a combination the same as the ones already in their places (which "
        "changes nothing), and it stored them."
    )
    assert result.question == SEQUENCE_QUESTION
    assert state.memory == before


def test_program_protect_on_fails_and_memory_is_untouched(tmp_path: Path) -> None:
    state = ready_state("used", protect_program=True)
    before = snapshot(state.memory)
    _, session = session_for(state, tmp_path)
    result = memory_unprotected(session, NO_PARAMS)
    assert result.status is Verdict.FAIL
    assert result.reason == (
        "The program memory protect is on: the wizard asked the M1 to store a program the same "
        "as the one already in its place (which changes nothing), and the M1 refused."
    )
    assert result.fix == (
        "Turn the memory protects off on the M1: press GLOBAL, 6, DOWN, +, B, DOWN, +, B, DOWN "
        "(GLOBAL, 6 opens the protect page; DOWN sets the protect under the cursor to OFF, + "
        "moves on to the next protect and B puts the cursor on it), then retry."
    )
    assert state.memory == before


def test_combination_protect_alone_is_named(tmp_path: Path) -> None:
    _, session = session_for(ready_state("factory", protect_combination=True), tmp_path)
    result = memory_unprotected(session, NO_PARAMS)
    assert result.status is Verdict.FAIL
    assert result.reason.startswith("The combination memory protect is on")


def test_the_mode_the_m1_was_in_is_restored(tmp_path: Path) -> None:
    state = ready_state("used")  # left in COMBI on combination 03, program 07
    _, session = session_for(state, tmp_path)
    assert memory_unprotected(session, NO_PARAMS).status is Verdict.PASS
    assert (state.mode, state.program_number, state.combination_number) == (
        Mode.COMBINATION,
        7,
        3,
    )


def test_from_global_mode_the_person_is_told_which_key_to_press(tmp_path: Path) -> None:
    state = ready_state("factory", mode=Mode.GLOBAL)
    _, session = session_for(state, tmp_path)
    result = memory_unprotected(session, NO_PARAMS)
    assert result.status is Verdict.PASS
    assert result.reason.endswith(
        "The test left the M1 in Combination mode: press GLOBAL on the M1 to return to Global mode."
    )


def edited(state: M1State) -> M1State:
    """`state` with the program edit buffer changed (an edit not yet written)."""
    changed = bytearray(state.edit_program)
    changed[20] ^= 0x01
    state.edit_program = bytes(changed)
    return state


def test_an_edited_buffer_is_replaced_by_program_00_through_program_change(
    tmp_path: Path,
) -> None:
    state = edited(ready_state("factory", mode=Mode.EDIT_PROGRAM, program_number=12))
    before = snapshot(state.memory)
    _, session = session_for(state, tmp_path)
    result = memory_unprotected(session, NO_PARAMS)
    assert result.status is Verdict.PASS
    assert "The test selected program or combination 00 on the M1." in result.reason
    assert state.program_number == 0
    assert state.memory == before


def test_no_write_is_made_when_the_edit_buffer_cannot_be_matched(tmp_path: Path) -> None:
    # With the program-change filter off, program 00 cannot be selected over MIDI.
    state = edited(ready_state("factory", mode=Mode.EDIT_PROGRAM, program_change_enabled=False))
    before = snapshot(state.memory)
    _, session = session_for(state, tmp_path)
    result = memory_unprotected(session, NO_PARAMS)
    assert result.status is Verdict.CANNOT_TELL
    assert result.reason.startswith(
        "The program edit buffer differs from the stored programs (an edit in progress, or "
        "the program-change filter is off), so a test write could change memory and none "
        "was made."
    )
    assert state.memory == before


def test_silence_cannot_tell(tmp_path: Path) -> None:
    _, session = session_for(ready_state("factory", excl_enabled=False), tmp_path)
    result = memory_unprotected(session, NO_PARAMS)
    assert result.status is Verdict.CANNOT_TELL
    assert result.reason == "The M1 did not answer, so its memory protect cannot be tested."


def test_a_damaged_bank_dump_cannot_tell_and_nothing_is_written(tmp_path: Path) -> None:
    state = ready_state("factory")
    before = snapshot(state.memory)
    emulator, session = session_for(state, tmp_path)
    with_faults(emulator, drop_output=3)  # long dumps lose 3 bytes; short replies do not
    result = memory_unprotected(session, NO_PARAMS)
    assert result.status is Verdict.CANNOT_TELL
    assert "m1-wizard loopback" in result.fix
    assert state.memory == before


def test_a_dead_midi_out_cannot_tell(tmp_path: Path) -> None:
    _, session = session_for(ready_state("factory"), tmp_path, Faults(silent=True))
    assert memory_unprotected(session, NO_PARAMS).status is Verdict.CANNOT_TELL
