"""Building messages: golden bytes written from m1-sysex.md §1.2, §2.1-§2.4 and §3.5."""

from __future__ import annotations

import pytest

from wizard.errors import BuildError
from wizard.m1.constants import Allocation, Bank, Function, Mode
from wizard.m1.messages import (
    AllCombinationsDump,
    AllDataDump,
    AllProgramsDump,
    CombinationDump,
    GlobalDump,
    IdentityReply,
    IdentityRequest,
    ModeChange,
    ModeData,
    OpaqueKorgMessage,
    ParameterChange,
    ProgramDump,
    Request,
    SequenceDump,
    Status,
    WriteRequest,
)
from wizard.m1.records import Combination, GlobalData, Program, SequenceData


def h(text: str) -> bytes:
    """Bytes from a spaced hex string as m1-sysex.md writes them."""
    return bytes.fromhex(text)


# --- §2.1 master table, with the errata of §2.7 applied ------------------------------

MASTER_TABLE = {
    "MODE_REQUEST": 0x12,
    "MODE_DATA": 0x42,
    "MODE_CHANGE": 0x4E,
    "PROGRAM_REQUEST": 0x10,
    "PROGRAM_DUMP": 0x40,
    "ALL_PROGRAMS_REQUEST": 0x1C,
    "ALL_PROGRAMS_DUMP": 0x4C,
    "COMBINATION_REQUEST": 0x19,
    "COMBINATION_DUMP": 0x49,
    "ALL_COMBINATIONS_REQUEST": 0x1D,
    "ALL_COMBINATIONS_DUMP": 0x4D,
    "SEQUENCE_REQUEST": 0x18,
    "SEQUENCE_DUMP": 0x48,
    "GLOBAL_REQUEST": 0x0E,
    "GLOBAL_DUMP": 0x51,
    "ALL_DATA_REQUEST": 0x0F,
    "ALL_DATA_DUMP": 0x50,
    "PROGRAM_WRITE": 0x11,
    "COMBINATION_WRITE": 0x1A,
    "PARAMETER_CHANGE": 0x41,
    "DRUM_SOUND_NAMES_REQUEST": 0x1F,
    "DRUM_SOUND_NAMES": 0x47,
    "MULTISOUND_NAMES_REQUEST": 0x16,
    "MULTISOUND_NAMES": 0x45,
    "FORMAT_ERROR": 0x26,
    "LOAD_COMPLETED": 0x23,
    "LOAD_ERROR": 0x24,
    "WRITE_COMPLETED": 0x21,
    "WRITE_ERROR": 0x22,
}


def test_function_codes_match_the_master_table() -> None:
    assert {f.name: int(f) for f in Function} == MASTER_TABLE


@pytest.mark.parametrize(
    ("function", "misprint"),
    [
        (Function.GLOBAL_REQUEST, 0x05),  # S1 receive list
        (Function.GLOBAL_REQUEST, 0x02),  # S1 format page
        (Function.COMBINATION_WRITE, 0x12),  # S1 list; 12 is MODE REQUEST
        (Function.COMBINATION_REQUEST, 0x11),  # S2 bits 0001 0001
        (Function.ALL_DATA_REQUEST, 0x1F),  # S2 bits 0001 1111
    ],
)
def test_errata_are_not_copied(function: Function, misprint: int) -> None:
    assert int(function) != misprint


# --- §1.2 identity -------------------------------------------------------------------


def test_identity_request_uses_the_all_call_device_by_default() -> None:
    assert IdentityRequest().to_bytes() == h("F0 7E 7F 06 01 F7")


def test_identity_request_for_one_device() -> None:
    assert IdentityRequest(device=0x00).to_bytes() == h("F0 7E 00 06 01 F7")


def test_identity_reply_layout() -> None:
    reply = IdentityReply(channel=1, version=h("05 00 01 00"))
    # F0 7E 0g 06 02 42 19 00 00 00 rr 00 ss 00 F7 with g = 0, rr = 05, ss = 01
    assert reply.to_bytes() == h("F0 7E 00 06 02 42 19 00 00 00 05 00 01 00 F7")
    assert reply.rom_number == 0x05
    assert reply.soft_version == 0x01
    assert reply.is_m1


def test_identity_reply_carries_the_global_channel_in_byte_2() -> None:
    assert IdentityReply(channel=16).to_bytes()[2] == 0x0F


def test_identity_reply_from_another_maker_is_not_an_m1() -> None:
    assert not IdentityReply(channel=1, manufacturer=0x41).is_m1
    assert not IdentityReply(channel=1, family=h("58 00")).is_m1


def test_identity_reply_refuses_a_three_byte_maker_id() -> None:
    with pytest.raises(BuildError) as caught:
        IdentityReply(channel=1, manufacturer=0).to_bytes()
    assert caught.value.message == (
        "maker ID 00 starts a three-byte ID, which this reply cannot hold."
    )


def test_identity_reply_refuses_fields_of_the_wrong_size() -> None:
    with pytest.raises(BuildError) as caught:
        IdentityReply(channel=1, version=h("01 00 01")).to_bytes()
    assert caught.value.message == "identity reply fields must be 2, 2 and 4 bytes."


# --- §2.2 requests, on channel 1 and channel 16 ------------------------------------------

REQUESTS = [
    (Function.MODE_REQUEST, None, "12"),
    (Function.PROGRAM_REQUEST, None, "10"),
    (Function.COMBINATION_REQUEST, None, "19"),
    (Function.ALL_PROGRAMS_REQUEST, Bank.INTERNAL, "1C 00"),
    (Function.ALL_COMBINATIONS_REQUEST, Bank.INTERNAL, "1D 00"),
    (Function.SEQUENCE_REQUEST, Bank.INTERNAL, "18 00"),
    (Function.GLOBAL_REQUEST, Bank.INTERNAL, "0E 00"),
    (Function.ALL_DATA_REQUEST, Bank.INTERNAL, "0F 00"),
    (Function.ALL_PROGRAMS_REQUEST, Bank.CARD, "1C 01"),
    (Function.ALL_COMBINATIONS_REQUEST, Bank.CARD, "1D 01"),
    (Function.SEQUENCE_REQUEST, Bank.CARD, "18 01"),
    (Function.GLOBAL_REQUEST, Bank.CARD, "0E 01"),
    (Function.ALL_DATA_REQUEST, Bank.CARD, "0F 01"),
    (Function.DRUM_SOUND_NAMES_REQUEST, None, "1F"),
    (Function.MULTISOUND_NAMES_REQUEST, None, "16"),
]


@pytest.mark.parametrize(("request_code", "bank", "body"), REQUESTS)
@pytest.mark.parametrize(("channel", "format_byte"), [(1, "30"), (16, "3F")])
def test_request_bytes(
    request_code: Function, bank: Bank | None, body: str, channel: int, format_byte: str
) -> None:
    message = Request(channel, request_code, bank)
    assert message.to_bytes() == h(f"F0 42 {format_byte} 19 {body} F7")


def test_section_2_2_examples_verbatim() -> None:
    assert Request(1, Function.ALL_PROGRAMS_REQUEST, Bank.INTERNAL).to_bytes() == h(
        "F0 42 30 19 1C 00 F7"
    )
    assert Request(16, Function.GLOBAL_REQUEST, Bank.INTERNAL).to_bytes() == h(
        "F0 42 3F 19 0E 00 F7"
    )
    # §1.1: model ID and COMBINATION DUMP REQUEST share the byte 19
    assert Request(1, Function.COMBINATION_REQUEST).to_bytes() == h("F0 42 30 19 19 F7")


@pytest.mark.parametrize(
    ("request_code", "bank", "reply"),
    [
        (Function.MODE_REQUEST, None, Function.MODE_DATA),
        (Function.PROGRAM_REQUEST, None, Function.PROGRAM_DUMP),
        (Function.COMBINATION_REQUEST, None, Function.COMBINATION_DUMP),
        (Function.ALL_PROGRAMS_REQUEST, Bank.INTERNAL, Function.ALL_PROGRAMS_DUMP),
        (Function.ALL_COMBINATIONS_REQUEST, Bank.INTERNAL, Function.ALL_COMBINATIONS_DUMP),
        (Function.SEQUENCE_REQUEST, Bank.CARD, Function.SEQUENCE_DUMP),
        (Function.GLOBAL_REQUEST, Bank.INTERNAL, Function.GLOBAL_DUMP),
        (Function.ALL_DATA_REQUEST, Bank.INTERNAL, Function.ALL_DATA_DUMP),
        (Function.DRUM_SOUND_NAMES_REQUEST, None, Function.DRUM_SOUND_NAMES),
        (Function.MULTISOUND_NAMES_REQUEST, None, Function.MULTISOUND_NAMES),
    ],
)
def test_each_request_names_the_dump_that_answers_it(
    request_code: Function, bank: Bank | None, reply: Function
) -> None:
    assert Request(1, request_code, bank).reply_function is reply


def test_request_refuses_a_function_that_is_not_a_request() -> None:
    with pytest.raises(BuildError) as caught:
        Request(1, Function.LOAD_COMPLETED)
    assert caught.value.message == "LOAD_COMPLETED is not a request."


def test_bulk_request_needs_a_bank_and_single_request_refuses_one() -> None:
    with pytest.raises(BuildError) as caught:
        Request(1, Function.ALL_PROGRAMS_REQUEST)
    assert caught.value.message == (
        "ALL_PROGRAMS_REQUEST takes a bank byte only if it is a bulk request."
    )
    with pytest.raises(BuildError):
        Request(1, Function.PROGRAM_REQUEST, Bank.INTERNAL)


# --- status replies (§2.1, §5.4) ----------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "code", "ok"),
    [
        (Function.WRITE_COMPLETED, "21", True),
        (Function.WRITE_ERROR, "22", False),
        (Function.LOAD_COMPLETED, "23", True),
        (Function.LOAD_ERROR, "24", False),
        (Function.FORMAT_ERROR, "26", False),
    ],
)
def test_status_bytes(status: Function, code: str, ok: bool) -> None:
    assert Status(1, status).to_bytes() == h(f"F0 42 30 19 {code} F7")
    assert Status(10, status).to_bytes() == h(f"F0 42 39 19 {code} F7")
    assert Status(1, status).ok is ok


def test_status_refuses_a_function_that_is_not_a_status() -> None:
    with pytest.raises(BuildError) as caught:
        Status(1, Function.MODE_DATA)
    assert caught.value.message == "MODE_DATA is not a status reply."


# --- MODE DATA, MODE CHANGE, writes, parameter change (§2.3, §2.4) --------------------


def test_mode_data_bytes() -> None:
    message = ModeData(1, mode=3, allocation=1, card=0x21, pcm_card=2)
    assert message.to_bytes() == h("F0 42 30 19 42 03 01 21 02 F7")


@pytest.mark.parametrize(
    ("mode", "label"),
    [
        (0, "Combination"),
        (1, "Edit Combination"),
        (2, "Program"),
        (3, "Edit Program"),
        (4, "Global"),
        (6, "Sequencer"),
        (5, "unknown mode 5"),  # NOTE 1 leaves 5 out
    ],
)
def test_mode_labels(mode: int, label: str) -> None:
    assert ModeData(1, mode=mode).mode_label == label


@pytest.mark.parametrize(
    ("value", "allocation"),
    [(0, Allocation.P100_C100), (1, Allocation.P50_C50), (2, None), (0x7F, None)],
)
def test_mode_data_allocation(value: int, allocation: Allocation | None) -> None:
    assert ModeData(1, allocation=value).allocation_value is allocation


# §2.4 NOTE 4: `00ll 00kk`, every documented combination.
CARD_STATES = [
    ("00", "no card", False, False),
    ("01", "a ROM card the M1 cannot use", False, False),
    ("02", "a RAM card that is not formatted for the M1", False, False),
    ("10", "ROM card (global + 100/100)", True, False),
    ("11", "ROM card (global + 50/50)", True, False),
    ("12", "ROM card (sequencer only)", True, False),
    ("20", "RAM card, write protect off (global + 100/100)", True, True),
    ("21", "RAM card, write protect off (global + 50/50)", True, True),
    ("22", "RAM card, write protect off (sequencer only)", True, True),
    ("30", "RAM card, write protect on (global + 100/100)", True, False),
    ("31", "RAM card, write protect on (global + 50/50)", True, False),
    ("32", "RAM card, write protect on (sequencer only)", True, False),
]


@pytest.mark.parametrize(("byte", "label", "present", "writable"), CARD_STATES)
def test_card_status_labels(byte: str, label: str, present: bool, writable: bool) -> None:
    message = ModeData(1, card=int(byte, 16))
    assert message.card_label == label
    assert message.card_present is present
    assert message.card_writable is writable


@pytest.mark.parametrize(
    ("value", "label"),
    [
        (0x03, "unknown card state 0x03"),
        (0x13, "ROM card (format 3)"),
        (0x60, "unknown card state 0x60"),
        (0x24, "unknown card state 0x24"),
    ],
)
def test_card_status_outside_the_notes(value: int, label: str) -> None:
    message = ModeData(1, card=value)
    assert message.card_label == label


def test_card_status_with_stray_bits_is_neither_present_nor_writable() -> None:
    message = ModeData(1, card=0x64)  # ll = 2 plus bits the note does not define
    assert not message.card_present
    assert not message.card_writable


@pytest.mark.parametrize(
    ("value", "label", "present"),
    [
        (0, "PCM card off", False),
        (1, "no PCM card", False),
        (2, "PCM card inserted", True),
        (3, "unknown PCM card state 0x03", False),
    ],
)
def test_pcm_card_status(value: int, label: str, present: bool) -> None:
    message = ModeData(1, pcm_card=value)
    assert message.pcm_label == label
    assert message.pcm_card_present is present


def test_mode_change_bytes() -> None:
    assert ModeChange(1, mode=int(Mode.PROGRAM)).to_bytes() == h("F0 42 30 19 4E 02 00 F7")
    assert ModeChange(5, mode=int(Mode.COMBINATION), flag=1).to_bytes() == h(
        "F0 42 34 19 4E 00 01 F7"
    )


def test_write_request_bytes() -> None:
    assert WriteRequest(1, Function.PROGRAM_WRITE, Bank.INTERNAL, 5).to_bytes() == h(
        "F0 42 30 19 11 00 05 F7"
    )
    assert WriteRequest(16, Function.COMBINATION_WRITE, Bank.CARD, 99).to_bytes() == h(
        "F0 42 3F 19 1A 01 63 F7"
    )


def test_write_request_refuses_other_functions() -> None:
    with pytest.raises(BuildError) as caught:
        WriteRequest(1, Function.MODE_REQUEST)
    assert caught.value.message == "MODE_REQUEST is not a write request."


def test_write_request_refuses_a_number_above_127() -> None:
    with pytest.raises(BuildError) as caught:
        WriteRequest(1, number=128).to_bytes()
    assert caught.value.message == "program number 128 does not fit a 7-bit data byte."


@pytest.mark.parametrize(
    ("value", "low_high"),
    [(0, "00 00"), (0x7F, "7F 00"), (0x80, "00 01"), (200, "48 01"), (0x3FFF, "7F 7F")],
)
def test_parameter_change_splits_the_value_low_7_bits_first(value: int, low_high: str) -> None:
    message = ParameterChange(1, page=3, position=2, value=value)
    assert message.to_bytes() == h(f"F0 42 30 19 41 03 02 {low_high} F7")


def test_parameter_change_refuses_a_value_above_14_bits() -> None:
    with pytest.raises(BuildError) as caught:
        ParameterChange(1, value=0x4000).to_bytes()
    assert caught.value.message == "parameter value 16384 does not fit 14 bits."


# --- dumps (§2.1, §3.1, §3.5) -------------------------------------------------------------


def test_program_dump_packs_the_record_after_the_function_code() -> None:
    raw = b"Universe" + bytes(135)
    data = ProgramDump(1, Program(raw)).to_bytes()
    assert len(data) == 170
    # "Univers" / "e" + six zero bytes, each group behind a zero top-bit byte (§3.1)
    assert data[:21] == h("F0 42 30 19 40 00 55 6E 69 76 65 72 73 00 65 00 00 00 00 00 00")
    assert data[-1] == 0xF7


def test_combination_dump_is_148_bytes() -> None:
    data = CombinationDump(2, Combination(bytes(124))).to_bytes()
    assert data[:5] == h("F0 42 31 19 49")
    assert len(data) == 148


@pytest.mark.parametrize(
    ("bank", "allocation", "byte"),
    [
        (Bank.INTERNAL, Allocation.P100_C100, 0x00),
        (Bank.CARD, Allocation.P100_C100, 0x01),
        (Bank.INTERNAL, Allocation.P50_C50, 0x02),
        (Bank.CARD, Allocation.P50_C50, 0x03),
    ],
)
def test_allocation_byte_has_card_in_bit_0_and_50_50_in_bit_1(
    bank: Bank, allocation: Allocation, byte: int
) -> None:
    programs = tuple(Program(bytes(143)) for _ in range(allocation.count))
    combis = tuple(Combination(bytes(124)) for _ in range(allocation.count))
    sequence = SequenceData(bytes(1522))
    glob = GlobalData(bytes(861))
    built = [
        AllProgramsDump(1, programs, bank, allocation).to_bytes(),
        AllCombinationsDump(1, combis, bank, allocation).to_bytes(),
        SequenceDump(1, sequence, bank, allocation).to_bytes(),
        AllDataDump(1, glob, combis, programs, sequence, bank, allocation).to_bytes(),
    ]
    assert [data[5] for data in built] == [byte] * 4


def test_all_programs_dump_lengths_follow_the_allocation() -> None:
    full = tuple(Program(bytes(143)) for _ in range(100))
    half = full[:50]
    assert len(AllProgramsDump(1, full).to_bytes()) == 16_350
    assert len(AllProgramsDump(1, half, allocation=Allocation.P50_C50).to_bytes()) == 8_179


def test_bank_dump_refuses_the_wrong_number_of_records() -> None:
    with pytest.raises(BuildError) as caught:
        AllProgramsDump(1, tuple(Program(bytes(143)) for _ in range(50)))
    assert caught.value.message == "100/100 memory holds 100 programs, got 50."
    with pytest.raises(BuildError) as caught:
        AllCombinationsDump(1, (), allocation=Allocation.P50_C50)
    assert caught.value.message == "50/50 memory holds 50 combinations, got 0."


def test_global_dump_carries_only_the_bank_byte() -> None:
    data = GlobalDump(1, GlobalData(bytes(861)), Bank.CARD).to_bytes()
    assert data[:6] == h("F0 42 30 19 51 01")
    assert len(data) == 991


def test_sequence_dump_writes_the_event_count_low_7_bits_first() -> None:
    sequence = SequenceData(bytes(1522 + 4 * 3619))
    data = SequenceDump(1, sequence).to_bytes()
    assert data[:8] == h("F0 42 30 19 48 00 23 1C")  # §3.5: 23 1C = 3619
    assert len(data) == 18_293


def test_all_data_dump_writes_the_event_count_and_the_sections_in_order() -> None:
    glob = GlobalData(bytes((0x11,)) + bytes(860))
    combis = tuple(Combination(bytes((0x22,)) + bytes(123)) for _ in range(100))
    programs = tuple(Program(bytes((0x33,)) + bytes(142)) for _ in range(100))
    sequence = SequenceData(bytes(1522 + 4 * 129))  # 129 = 01 01
    data = AllDataDump(1, glob, combis, programs, sequence).to_bytes()
    assert data[:8] == h("F0 42 30 19 50 00 01 01")
    # raw 29 083 + 516 = 29 599 = 7 x 4228 + 3 -> 8 x 4228 + 4 = 33 828 packed, + 8 + F7
    assert len(data) == 33_837


def test_event_count_above_the_two_byte_field_is_refused() -> None:
    with pytest.raises(BuildError) as caught:
        SequenceDump(1, SequenceData(bytes(1522 + 4 * 0x4000))).to_bytes()
    assert caught.value.message == "16384 sequencer events do not fit the size field."


def test_opaque_message_keeps_its_body() -> None:
    message = OpaqueKorgMessage(1, Function.MULTISOUND_NAMES, h("05 41 42"))
    assert message.to_bytes() == h("F0 42 30 19 45 05 41 42 F7")


@pytest.mark.parametrize("channel", [0, 17])
def test_channels_outside_1_to_16_are_refused(channel: int) -> None:
    with pytest.raises(BuildError) as caught:
        Status(channel).to_bytes()
    assert caught.value.message == f"MIDI channel {channel} does not exist (1-16)."


def test_data_bytes_above_127_are_refused() -> None:
    with pytest.raises(BuildError) as caught:
        ModeData(1, mode=0x80).to_bytes()
    assert caught.value.message == "mode 128 does not fit a 7-bit data byte."


def test_message_kinds() -> None:
    kinds = {
        IdentityRequest().kind,
        IdentityReply(1).kind,
        Request(1).kind,
        Status(1).kind,
        ModeData(1).kind,
        ModeChange(1).kind,
        WriteRequest(1).kind,
        ParameterChange(1).kind,
        ProgramDump(1).kind,
        CombinationDump(1).kind,
        GlobalDump(1).kind,
        SequenceDump(1).kind,
    }
    assert kinds == {
        "identity_request",
        "identity_reply",
        "request",
        "status",
        "mode_data",
        "mode_change",
        "write_request",
        "parameter_change",
        "program",
        "combination",
        "global",
        "sequence",
    }
