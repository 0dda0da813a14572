"""Selecting modes, programs and combinations on the emulated M1 while keeping the edit
buffers coherent with memory (m1-sysex.md §2.3, §4.4 write probe)."""

from __future__ import annotations

from wizard.emulator.state import M1State
from wizard.m1.constants import Mode

PROGRAM_MODES = frozenset({Mode.PROGRAM, Mode.EDIT_PROGRAM})
COMBINATION_MODES = frozenset({Mode.COMBINATION, Mode.EDIT_COMBINATION})


def refresh_edit_buffers(state: M1State) -> None:
    """Load both edit buffers from the selected program and combination.

    Selecting a number does this on the M1, so the edit buffer equals the stored record
    until someone edits it; the write probe of §4.4 relies on it.
    """
    memory = state.memory
    if 0 <= state.program_number < len(memory.programs):
        state.edit_program = memory.programs[state.program_number]
    if 0 <= state.combination_number < len(memory.combinations):
        state.edit_combination = memory.combinations[state.combination_number]


def select_program(state: M1State, number: int) -> bool:
    """Make program `number` current and load it into the edit buffer.

    Returns:
        False (and nothing changes) when the allocation has no such program.
    """
    if not 0 <= number < len(state.memory.programs):
        return False
    state.program_number = number
    state.edit_program = state.memory.programs[number]
    return True


def select_combination(state: M1State, number: int) -> bool:
    """Make combination `number` current and load it into the edit buffer.

    Returns:
        False (and nothing changes) when the allocation has no such combination.
    """
    if not 0 <= number < len(state.memory.combinations):
        return False
    state.combination_number = number
    state.edit_combination = state.memory.combinations[number]
    return True


def enter_mode(state: M1State, mode: Mode) -> None:
    """Switch to `mode`, reloading an edit buffer where `settle_mode` says so."""
    previous = state.mode
    state.mode = mode
    settle_mode(state, previous)


def settle_mode(state: M1State, previous: Mode) -> None:
    """Bring the edit buffers in line after the mode changed from `previous`.

    Coming into PROG (or COMBI) from another family of modes reloads that edit buffer from
    memory, as pressing PROG does on the M1; moving between PROG and EDIT PROG keeps the
    edits.
    """
    mode = state.mode
    if mode in PROGRAM_MODES and previous not in PROGRAM_MODES:
        select_program(state, state.program_number)
    if mode in COMBINATION_MODES and previous not in COMBINATION_MODES:
        select_combination(state, state.combination_number)
