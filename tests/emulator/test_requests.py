"""Rule 4 and rule 7 of m1-sysex.md §5.6: requests, the §2.5 mode table, cards, MODE DATA."""

from __future__ import annotations

import pytest

from tests.emulator.helpers import FORMAT_ERROR, LOAD_ERROR, answer, emulator, hx
from wizard.emulator.state import Card, CardKind, Memory
from wizard.m1 import Allocation, Mode, parse
from wizard.m1.messages import AllProgramsDump, CombinationDump, ProgramDump
from wizard.m1.records import Program


def test_mode_request_describes_prog_mode_100_no_cards() -> None:
    assert answer(emulator(), "F0 42 30 19 12 F7") == [hx("F0 42 30 19 42 02 00 00 01 F7")]


def test_mode_data_reports_combi_50_50_protected_ram_card_and_pcm_card() -> None:
    m1 = emulator("used")
    m1.state.excl_enabled = True
    m1.state.card = Card(CardKind.RAM, write_protected=True)
    m1.state.pcm_card = True
    # §2.4: mode 0, allocation 1, card 00ll00kk = 0011 0000, PCM 2.
    assert answer(m1, "F0 42 34 19 12 F7") == [hx("F0 42 34 19 42 00 01 30 02 F7")]


@pytest.mark.parametrize(
    ("card", "status"),
    [
        (Card(CardKind.RAM), "20"),
        (Card(CardKind.RAM, formatted=Allocation.P50_C50), "21"),
        (Card(CardKind.RAM, formatted=None), "02"),
        (Card(CardKind.ROM), "10"),
        (Card(CardKind.ROM, formatted=None), "01"),
    ],
)
def test_mode_data_card_status_byte(card: Card, status: str) -> None:
    m1 = emulator()
    m1.state.card = card
    assert answer(m1, "F0 42 30 19 12 F7") == [hx(f"F0 42 30 19 42 02 00 {status} 01 F7")]


def test_program_request_in_prog_mode_sends_the_edit_buffer() -> None:
    m1 = emulator()
    (reply,) = answer(m1, "F0 42 30 19 10 F7")
    assert len(reply) == 170
    assert reply[:5] == hx("F0 42 30 19 40")
    message = parse(reply)
    assert isinstance(message, ProgramDump)
    assert message.program.raw == m1.state.edit_program


@pytest.mark.parametrize("mode", [Mode.COMBINATION, Mode.EDIT_COMBINATION, Mode.GLOBAL])
def test_program_request_outside_prog_modes_is_refused(mode: Mode) -> None:
    m1 = emulator()
    m1.state.mode = mode
    assert answer(m1, "F0 42 30 19 10 F7") == [LOAD_ERROR]


def test_program_request_in_edit_prog_mode_is_answered() -> None:
    m1 = emulator()
    m1.state.mode = Mode.EDIT_PROGRAM
    assert len(answer(m1, "F0 42 30 19 10 F7")[0]) == 170


def test_combination_request_in_combi_mode_sends_the_edit_buffer() -> None:
    m1 = emulator()
    m1.state.mode = Mode.COMBINATION
    (reply,) = answer(m1, "F0 42 30 19 19 F7")
    assert len(reply) == 148
    assert reply[:5] == hx("F0 42 30 19 49")
    message = parse(reply)
    assert isinstance(message, CombinationDump)
    assert message.combination.raw == m1.state.edit_combination


def test_combination_request_in_prog_mode_is_refused() -> None:
    assert answer(emulator(), "F0 42 30 19 19 F7") == [LOAD_ERROR]


@pytest.mark.parametrize(
    ("asked", "header", "length"),
    [
        ("F0 42 30 19 1C 00 F7", "F0 42 30 19 4C 00", 16350),
        ("F0 42 30 19 1D 00 F7", "F0 42 30 19 4D 00", 14179),
        ("F0 42 30 19 0E 00 F7", "F0 42 30 19 51 00", 991),
    ],
)
@pytest.mark.parametrize("mode", list(Mode))
def test_bulk_requests_are_answered_in_every_mode(
    asked: str, header: str, length: int, mode: Mode
) -> None:
    m1 = emulator()
    m1.state.mode = mode
    (reply,) = answer(m1, asked)
    assert reply[:6] == hx(header)
    assert len(reply) == length
    assert reply[-1] == 0xF7


def test_all_data_request_of_initialised_memory_has_the_empty_size() -> None:
    m1 = emulator("battery-dead")
    m1.state.excl_enabled = True
    (reply,) = answer(m1, "F0 42 30 19 0F 00 F7")
    assert reply[:8] == hx("F0 42 30 19 50 00 00 00")
    assert len(reply) == 33247  # §3.4: ALL DATA, 100/100, N = 0


def test_sequence_request_of_initialised_memory_has_the_empty_size() -> None:
    m1 = emulator("battery-dead")
    m1.state.excl_enabled = True
    (reply,) = answer(m1, "F0 42 30 19 18 00 F7")
    assert reply[:8] == hx("F0 42 30 19 48 00 00 00")
    assert len(reply) == 1749  # §3.4: sequence, N = 0


def test_bulk_requests_of_50_50_memory_carry_bit_1_and_the_50_sizes() -> None:
    m1 = emulator("used")
    m1.state.excl_enabled = True
    (programs,) = answer(m1, "F0 42 34 19 1C 00 F7")
    (combinations,) = answer(m1, "F0 42 34 19 1D 00 F7")
    assert programs[:6] == hx("F0 42 34 19 4C 02") and len(programs) == 8179
    assert combinations[:6] == hx("F0 42 34 19 4D 02") and len(combinations) == 7093


def test_card_request_without_a_card_is_refused() -> None:
    assert answer(emulator(), "F0 42 30 19 1C 01 F7") == [LOAD_ERROR]


def test_card_request_with_an_unformatted_card_is_refused() -> None:
    m1 = emulator()
    m1.state.card = Card(CardKind.RAM, formatted=None)
    assert answer(m1, "F0 42 30 19 0E 01 F7") == [LOAD_ERROR]


@pytest.mark.parametrize("kind", [CardKind.RAM, CardKind.ROM])
def test_card_request_reads_the_card(kind: CardKind) -> None:
    m1 = emulator()
    card_memory = Memory()
    card_memory.programs[3] = m1.state.memory.programs[42]
    m1.state.card = Card(kind, write_protected=True, memory=card_memory)
    (reply,) = answer(m1, "F0 42 30 19 1C 01 F7")
    assert reply[:6] == hx("F0 42 30 19 4C 01")
    message = parse(reply)
    assert isinstance(message, AllProgramsDump)
    assert message.programs[3] == Program(m1.state.memory.programs[42])
    assert message.programs[4] == Program(bytes(143))


def test_card_formatted_50_50_answers_with_bits_0_and_1() -> None:
    m1 = emulator()
    card_memory = Memory(Allocation.P50_C50, programs=[bytes(143)] * 50)
    m1.state.card = Card(CardKind.RAM, formatted=Allocation.P50_C50, memory=card_memory)
    (reply,) = answer(m1, "F0 42 30 19 1C 01 F7")
    assert reply[:6] == hx("F0 42 30 19 4C 03")
    assert len(reply) == 8179


@pytest.mark.parametrize("asked", ["F0 42 30 19 1F F7", "F0 42 30 19 16 F7"])
def test_pcm_card_name_requests_are_refused(asked: str) -> None:
    m1 = emulator()
    m1.state.pcm_card = True
    assert answer(m1, asked) == [LOAD_ERROR]


def test_bulk_request_without_bank_byte_is_a_format_error() -> None:
    assert answer(emulator(), "F0 42 30 19 1C F7") == [FORMAT_ERROR]


def test_bulk_request_with_a_bank_byte_past_card_is_a_format_error() -> None:
    assert answer(emulator(), "F0 42 30 19 1C 02 F7") == [FORMAT_ERROR]


def test_replies_carry_the_global_channel() -> None:
    m1 = emulator()
    m1.state.global_channel = 16
    (reply,) = answer(m1, "F0 42 3F 19 0E 00 F7")
    assert reply[:6] == hx("F0 42 3F 19 51 00")
