"""Rule 6 of m1-sysex.md §5.6 (write requests 11/1A) and the write probe of §4.4."""

from __future__ import annotations

import pytest

from tests.emulator.helpers import (
    FORMAT_ERROR,
    LOAD_ERROR,
    WRITE_COMPLETED,
    WRITE_ERROR,
    answer,
    emulator,
    hx,
)
from wizard.emulator import Behaviour
from wizard.emulator.state import Card, CardKind
from wizard.m1 import Function, Mode
from wizard.m1.records import Combination, Program


def test_program_write_stores_the_edit_buffer() -> None:
    m1 = emulator()
    edited = Program(m1.state.memory.programs[9]).raw
    m1.state.edit_program = edited
    assert answer(m1, "F0 42 30 19 11 00 05 F7") == [WRITE_COMPLETED]
    assert m1.state.memory.programs[5] == edited
    assert m1.state.program_number == 0


def test_program_write_with_program_protect_is_refused() -> None:
    m1 = emulator()
    m1.state.protect_program = True
    before = list(m1.state.memory.programs)
    m1.state.edit_program = m1.state.memory.programs[9]
    assert answer(m1, "F0 42 30 19 11 00 05 F7") == [WRITE_ERROR]
    assert m1.state.memory.programs == before


def test_combination_protect_does_not_block_program_writes() -> None:
    m1 = emulator()
    m1.state.protect_combination = True
    assert answer(m1, "F0 42 30 19 11 00 05 F7") == [WRITE_COMPLETED]


def test_program_write_outside_prog_mode_is_a_write_error_by_default() -> None:
    m1 = emulator()
    m1.state.mode = Mode.COMBINATION
    assert answer(m1, "F0 42 30 19 11 00 05 F7") == [WRITE_ERROR]


def test_wrong_mode_write_reply_is_switchable() -> None:
    m1 = emulator(behaviour=Behaviour(write_wrong_mode_reply=Function.LOAD_ERROR))
    m1.state.mode = Mode.GLOBAL
    assert answer(m1, "F0 42 30 19 11 00 05 F7") == [LOAD_ERROR]


def test_program_write_in_edit_prog_mode_is_taken() -> None:
    m1 = emulator()
    m1.state.mode = Mode.EDIT_PROGRAM
    assert answer(m1, "F0 42 30 19 11 00 05 F7") == [WRITE_COMPLETED]


def test_program_number_past_the_allocation_is_refused() -> None:
    m1 = emulator("used")
    m1.state.excl_enabled = True
    m1.state.protect_program = False
    m1.state.mode = Mode.PROGRAM
    assert answer(m1, "F0 42 34 19 11 00 32 F7") == [hx("F0 42 34 19 22 F7")]  # 50 in 50/50
    assert answer(m1, "F0 42 34 19 11 00 31 F7") == [hx("F0 42 34 19 21 F7")]  # 49


def test_combination_write_in_combi_mode_stores_the_edit_buffer() -> None:
    m1 = emulator()
    m1.state.mode = Mode.COMBINATION
    edited = Combination(m1.state.memory.combinations[40]).raw
    m1.state.edit_combination = edited
    assert answer(m1, "F0 42 30 19 1A 00 07 F7") == [WRITE_COMPLETED]
    assert m1.state.memory.combinations[7] == edited


def test_combination_write_with_combination_protect_is_refused() -> None:
    m1 = emulator()
    m1.state.mode = Mode.EDIT_COMBINATION
    m1.state.protect_combination = True
    assert answer(m1, "F0 42 30 19 1A 00 07 F7") == [WRITE_ERROR]


def test_combination_write_in_prog_mode_is_refused() -> None:
    assert answer(emulator(), "F0 42 30 19 1A 00 07 F7") == [WRITE_ERROR]


def test_write_to_a_writable_card_goes_to_the_card() -> None:
    m1 = emulator()
    m1.state.card = Card(CardKind.RAM)
    m1.state.protect_program = True  # guards internal memory only
    assert answer(m1, "F0 42 30 19 11 01 05 F7") == [WRITE_COMPLETED]
    assert m1.state.card.memory.programs[5] == m1.state.edit_program


@pytest.mark.parametrize(
    "card", [None, Card(CardKind.RAM, write_protected=True), Card(CardKind.ROM)]
)
def test_write_to_a_missing_or_protected_card_is_refused(card: Card | None) -> None:
    m1 = emulator()
    m1.state.card = card
    assert answer(m1, "F0 42 30 19 11 01 05 F7") == [WRITE_ERROR]


def test_malformed_write_request_is_a_format_error() -> None:
    assert answer(emulator(), "F0 42 30 19 11 00 F7") == [FORMAT_ERROR]


def test_write_probe_answers_21_and_changes_nothing_when_unprotected() -> None:
    m1 = emulator()
    before = m1.state.memory.copy()
    assert answer(m1, "C0 2A") == []
    assert answer(m1, "F0 42 30 19 11 00 2A F7") == [WRITE_COMPLETED]
    assert m1.state.memory == before


def test_write_probe_answers_22_and_changes_nothing_when_protected() -> None:
    m1 = emulator()
    m1.state.protect_program = True
    before = m1.state.memory.copy()
    answer(m1, "C0 2A")
    assert answer(m1, "F0 42 30 19 11 00 2A F7") == [WRITE_ERROR]
    assert m1.state.memory == before


def test_combination_write_probe_changes_nothing() -> None:
    m1 = emulator()
    m1.state.mode = Mode.COMBINATION
    before = m1.state.memory.copy()
    answer(m1, "C0 11")
    assert answer(m1, "F0 42 30 19 1A 00 11 F7") == [WRITE_COMPLETED]
    assert m1.state.memory == before


def wiped_programs() -> bytes:
    source = emulator("battery-dead")
    source.state.excl_enabled = True
    (data,) = answer(source, "F0 42 30 19 1C 00 F7")
    return data


def test_write_after_a_bank_load_without_reselecting_stores_the_stale_edit_buffer() -> None:
    m1 = emulator()
    stale = m1.state.edit_program
    answer(m1, wiped_programs())
    assert Program(m1.state.memory.programs[0]).name == "Init Prog"
    assert answer(m1, "F0 42 30 19 11 00 00 F7") == [WRITE_COMPLETED]
    assert m1.state.memory.programs[0] == stale


def test_write_probe_after_a_bank_load_and_reselect_changes_nothing() -> None:
    m1 = emulator()
    answer(m1, wiped_programs())
    before = m1.state.memory.copy()
    answer(m1, "C0 00")
    assert answer(m1, "F0 42 30 19 11 00 00 F7") == [WRITE_COMPLETED]
    assert m1.state.memory == before
