"""Parsing bytes into messages: golden hex from m1-sysex.md, the real captures, every
ParseError with its text, `peek` and `with_channel`."""

from __future__ import annotations

import pytest

from tests.shared import shared_capture
from wizard.errors import ParseError
from wizard.m1.constants import Allocation, Bank, Function
from wizard.m1.message_kinds import MessageKind
from wizard.m1.messages import (
    AllCombinationsDump,
    AllDataDump,
    AllProgramsDump,
    CombinationDump,
    GlobalDump,
    IdentityReply,
    IdentityRequest,
    Message,
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
from wizard.m1.packing import pack
from wizard.m1.parse import Peek, parse, peek, with_channel


def h(text: str) -> bytes:
    """Bytes from a spaced hex string as m1-sysex.md writes them."""
    return bytes.fromhex(text)


def korg_dump(head: str, raw: bytes) -> bytes:
    """An M1 dump from its header bytes (hex, after F0) and its raw payload."""
    return h("F0 " + head) + pack(raw) + h("F7")


# --- golden messages ---------------------------------------------------------------------

GOLDEN: list[tuple[str, Message]] = [
    ("F0 7E 7F 06 01 F7", IdentityRequest()),
    ("F0 7E 03 06 01 F7", IdentityRequest(device=3)),
    (
        "F0 7E 00 06 02 42 19 00 00 00 05 00 01 00 F7",
        IdentityReply(channel=1, version=h("05 00 01 00")),
    ),
    (
        "F0 7E 0F 06 02 42 19 00 00 00 00 00 00 00 F7",
        IdentityReply(channel=16),
    ),
    ("F0 42 30 19 12 F7", Request(1, Function.MODE_REQUEST)),
    ("F0 42 30 19 10 F7", Request(1, Function.PROGRAM_REQUEST)),
    ("F0 42 30 19 19 F7", Request(1, Function.COMBINATION_REQUEST)),
    ("F0 42 30 19 1C 00 F7", Request(1, Function.ALL_PROGRAMS_REQUEST, Bank.INTERNAL)),
    ("F0 42 30 19 1D 00 F7", Request(1, Function.ALL_COMBINATIONS_REQUEST, Bank.INTERNAL)),
    ("F0 42 30 19 18 00 F7", Request(1, Function.SEQUENCE_REQUEST, Bank.INTERNAL)),
    ("F0 42 3F 19 0E 00 F7", Request(16, Function.GLOBAL_REQUEST, Bank.INTERNAL)),
    ("F0 42 30 19 0F 01 F7", Request(1, Function.ALL_DATA_REQUEST, Bank.CARD)),
    ("F0 42 35 19 1F F7", Request(6, Function.DRUM_SOUND_NAMES_REQUEST)),
    ("F0 42 30 19 16 F7", Request(1, Function.MULTISOUND_NAMES_REQUEST)),
    ("F0 42 30 19 21 F7", Status(1, Function.WRITE_COMPLETED)),
    ("F0 42 30 19 22 F7", Status(1, Function.WRITE_ERROR)),
    ("F0 42 30 19 23 F7", Status(1, Function.LOAD_COMPLETED)),
    ("F0 42 3F 19 24 F7", Status(16, Function.LOAD_ERROR)),
    ("F0 42 30 19 26 F7", Status(1, Function.FORMAT_ERROR)),
    ("F0 42 30 19 42 02 00 00 01 F7", ModeData(1, 2, 0, 0x00, 1)),
    ("F0 42 30 19 42 06 01 31 02 F7", ModeData(1, 6, 1, 0x31, 2)),
    ("F0 42 30 19 4E 02 00 F7", ModeChange(1, 2, 0)),
    ("F0 42 30 19 11 00 05 F7", WriteRequest(1, Function.PROGRAM_WRITE, Bank.INTERNAL, 5)),
    ("F0 42 3F 19 1A 01 63 F7", WriteRequest(16, Function.COMBINATION_WRITE, Bank.CARD, 99)),
    ("F0 42 30 19 41 03 02 48 01 F7", ParameterChange(1, 3, 2, 200)),
    ("F0 42 30 19 41 00 00 7F 7F F7", ParameterChange(1, 0, 0, 0x3FFF)),
    ("F0 42 30 19 45 05 41 42 F7", OpaqueKorgMessage(1, Function.MULTISOUND_NAMES, h("05 41 42"))),
    ("F0 42 30 19 47 F7", OpaqueKorgMessage(1, Function.DRUM_SOUND_NAMES, b"")),
]


@pytest.mark.parametrize(("hex_bytes", "message"), GOLDEN, ids=[g[0] for g in GOLDEN])
def test_golden_bytes_parse_to_the_message_and_back(hex_bytes: str, message: Message) -> None:
    data = h(hex_bytes)
    assert parse(data) == message
    assert parse(data).to_bytes() == data


def test_parse_accepts_a_bytearray() -> None:
    assert parse(bytearray(h("F0 42 30 19 23 F7"))) == Status(1, Function.LOAD_COMPLETED)


def test_program_dump_unpacks_the_record() -> None:
    raw = b"Universe" + bytes(133) + h("80 FF")
    message = parse(korg_dump("42 30 19 40", raw))
    assert isinstance(message, ProgramDump)
    assert message.program.raw == raw
    assert message.program.name == "Universe"


def test_combination_dump_unpacks_the_record() -> None:
    raw = b"FilmScore " + bytes(114)
    message = parse(korg_dump("42 30 19 49", raw))
    assert isinstance(message, CombinationDump)
    assert message.combination.name == "FilmScore"


@pytest.mark.parametrize(
    ("byte", "bank", "allocation"),
    [
        ("00", Bank.INTERNAL, Allocation.P100_C100),
        ("01", Bank.CARD, Allocation.P100_C100),
        ("02", Bank.INTERNAL, Allocation.P50_C50),
        ("03", Bank.CARD, Allocation.P50_C50),
    ],
)
def test_allocation_byte_gives_bank_and_allocation(
    byte: str, bank: Bank, allocation: Allocation
) -> None:
    records = bytes(range(143)) * allocation.count
    message = parse(korg_dump(f"42 30 19 4C {byte}", records))
    assert isinstance(message, AllProgramsDump)
    assert (message.bank, message.allocation) == (bank, allocation)
    assert len(message.programs) == allocation.count
    assert message.programs[-1].raw == bytes(range(143))


def test_all_combinations_dump_splits_records() -> None:
    raw = b"".join(bytes((i,)) * 124 for i in range(50))
    message = parse(korg_dump("42 30 19 4D 02", raw))
    assert isinstance(message, AllCombinationsDump)
    assert [c.raw[0] for c in message.combinations] == list(range(50))


def test_sequence_dump_reads_the_event_count_low_7_bits_first() -> None:
    message = parse(korg_dump("42 30 19 48 00 23 1C", bytes(1522 + 4 * 3619)))
    assert isinstance(message, SequenceDump)
    assert message.sequence.events == 3619  # §3.5: not 4508, which big-endian would give


def test_all_data_dump_splits_global_combinations_programs_sequence() -> None:
    raw = (
        bytes((1,)) * 861
        + bytes((2,)) * (124 * 50)
        + bytes((3,)) * (143 * 50)
        + bytes((4,)) * (1522 + 4 * 2)
    )
    message = parse(korg_dump("42 30 19 50 03 02 00", raw))
    assert isinstance(message, AllDataDump)
    assert (message.bank, message.allocation) == (Bank.CARD, Allocation.P50_C50)
    assert set(message.global_data.raw) == {1}
    assert {c.raw for c in message.combinations} == {bytes((2,)) * 124}
    assert {p.raw for p in message.programs} == {bytes((3,)) * 143}
    assert message.sequence.raw == bytes((4,)) * 1530
    assert message.sequence.events == 2


def test_global_dump_reads_the_bank() -> None:
    message = parse(korg_dump("42 30 19 51 01", bytes(861)))
    assert isinstance(message, GlobalDump)
    assert message.bank is Bank.CARD


# --- the real captures (m1-sysex.md §6.1) -------------------------------------------------


def program_bank_span(data: bytes) -> bytes:
    """The F0...F7 message inside ORIGPROG.SYX (128-byte Macintosh header before it)."""
    start = data.index(0xF0)
    return data[start : data.index(0xF7, start) + 1]


@pytest.mark.fixtures
def test_origprog_parses_to_100_factory_programs_and_reencodes_identically() -> None:
    data = shared_capture("ORIGPROG.SYX")
    span = program_bank_span(data)
    assert data.index(span) == 128
    assert len(span) == 16_350
    message = parse(span)
    assert isinstance(message, AllProgramsDump)
    assert (message.channel, message.bank, message.allocation) == (
        1,
        Bank.INTERNAL,
        Allocation.P100_C100,
    )
    names = [p.name for p in message.programs]
    assert (names[0], names[1], names[99]) == ("Universe", "Piano 16'", "Surprise!!")
    assert message.to_bytes() == span


@pytest.mark.fixtures
def test_origprog_names_use_zero_bytes_where_other_captures_have_spaces() -> None:
    message = parse(program_bank_span(shared_capture("ORIGPROG.SYX")))
    assert isinstance(message, AllProgramsDump)
    piano = message.programs[1]
    assert piano.raw[5] == 0x00  # the gap in "Piano 16'" is a zero byte in this file
    assert piano.name == "Piano 16'"


@pytest.mark.fixtures
def test_origglob_parses_to_a_global_dump_and_reencodes_identically() -> None:
    data = shared_capture("ORIGGLOB.SYX")
    assert len(data) == 991
    message = parse(data)
    assert isinstance(message, GlobalDump)
    assert (message.channel, message.bank) == (1, Bank.INTERNAL)
    assert message.to_bytes() == data


@pytest.mark.fixtures
def test_origseqs_parses_to_3619_events_and_reencodes_identically() -> None:
    data = shared_capture("ORIGSEQS.SYX")
    assert data[:8] == h("F0 42 30 19 48 00 23 1C")
    message = parse(data)
    assert isinstance(message, SequenceDump)
    assert message.sequence.events == 3619
    assert len(message.sequence.raw) == 15_998
    assert message.to_bytes() == data


@pytest.mark.fixtures
@pytest.mark.parametrize("name", ["ORIGGLOB.SYX", "ORIGSEQS.SYX", "ORIGPROG.SYX"])
def test_peek_on_the_captures_predicts_their_length(name: str) -> None:
    span = program_bank_span(shared_capture(name))
    assert peek(span).expected_length == len(span)
    assert peek(span[:8]).expected_length == len(span)  # the header alone is enough


# --- every ParseError, with its text ------------------------------------------------------

DAMAGED = "The data is damaged or is not M1 data; use another copy."
RETAKE = "Use a complete copy of the data; if it came over MIDI, take the dump again."
RETAKE_AND_TEST = (
    "Use a complete copy of the data; if it came over MIDI, take the dump again "
    "and run the interface loopback test."
)
NOT_USED = "Leave it out; it holds no M1 sounds or settings."

PROGRAM_ZERO = korg_dump("42 30 19 40", bytes(143))
HUNDRED_PROGRAMS = korg_dump("42 30 19 4C 00", bytes(143 * 100))

BAD_INPUT = [
    pytest.param(
        b"",
        "the message is empty: it holds no bytes at all.",
        "Choose a file that holds M1 data, or take the dump from the M1 again.",
        None,
        id="empty",
    ),
    pytest.param(
        h("90 3C 40"),
        "this is not M1 data: M1 messages start with byte F0, this one starts with 90.",
        "Choose a .syx file saved from an M1, or take the dump from the M1 again.",
        0,
        id="not_sysex_note_on",
    ),
    pytest.param(
        h("F0 42 30 19 12"),
        "the message is unterminated: its closing F7 byte is missing, so its end was lost.",
        RETAKE,
        5,
        id="unterminated",
    ),
    pytest.param(
        h("F0"),
        "the message is unterminated: its closing F7 byte is missing, so its end was lost.",
        RETAKE,
        1,
        id="lone_start_byte",
    ),
    pytest.param(
        h("F0 42 30 19 F8 12 F7"),
        "byte 4 of the message is F8, a MIDI status byte that cannot appear inside M1 data: "
        "the message is damaged.",
        "Use another copy; if it came over MIDI, run the interface loopback test "
        "and take the dump again.",
        4,
        id="status_byte_inside",
    ),
    pytest.param(
        h("F0 F7"),
        "the message is empty: it has nothing between its F0 start byte and its F7 end byte.",
        DAMAGED,
        None,
        id="nothing_between_start_and_end",
    ),
    pytest.param(
        h("F0 41 10 42 12 40 00 7F 00 41 F7"),
        "this message is not Korg data: it comes from Roland.",
        "Choose a file made for the Korg M1.",
        1,
        id="another_maker_roland",
    ),
    pytest.param(
        h("F0 22 01 02 F7"),
        "this message is not Korg data: it comes from manufacturer ID 22.",
        "Choose a file made for the Korg M1.",
        1,
        id="another_maker_unnamed",
    ),
    pytest.param(
        h("F0 00 20 29 01 F7"),
        "this message is not Korg data: it comes from a maker with a three-byte ID.",
        "Choose a file made for the Korg M1.",
        1,
        id="another_maker_three_byte_id",
    ),
    pytest.param(
        h("F0 7F 7F 04 01 00 7F F7"),
        "this is a universal real-time message that the M1 does not use.",
        NOT_USED,
        1,
        id="universal_realtime",
    ),
    pytest.param(
        h("F0 7E 7F 09 01 F7"),
        "this is a universal system-exclusive message that the M1 does not use.",
        NOT_USED,
        None,
        id="universal_general_midi_on",
    ),
    pytest.param(
        h("F0 42 30 F7"),
        "this Korg message is only 4 bytes long, too short to be an M1 message.",
        DAMAGED,
        None,
        id="korg_too_short",
    ),
    pytest.param(
        h("F0 42 30 28 10 F7"),
        "this is data for another Korg model (Wavestation), not an M1.",
        "Choose a file made for the Korg M1, M1R or M1EX.",
        3,
        id="another_korg_model_wavestation",
    ),
    pytest.param(
        h("F0 42 30 26 10 F7"),
        "this is data for another Korg model (T1/T2/T3), not an M1.",
        "Choose a file made for the Korg M1, M1R or M1EX.",
        3,
        id="another_korg_model_t_series",
    ),
    pytest.param(
        h("F0 42 30 7A 10 F7"),
        "this is data for another Korg model (model ID 7A), not an M1.",
        "Choose a file made for the Korg M1, M1R or M1EX.",
        3,
        id="another_korg_model_unnamed",
    ),
    pytest.param(
        h("F0 42 40 19 12 F7"),
        "the channel byte 40 is not one the M1 sends (30-3F stand for MIDI channels 1-16).",
        DAMAGED,
        2,
        id="bad_format_byte",
    ),
    pytest.param(
        h("F0 42 30 19 7A F7"),
        "the message type 7A (byte 4) is not one the M1 uses.",
        "The data is damaged or is for another instrument; use another copy.",
        4,
        id="unknown_function",
    ),
    pytest.param(
        h("F0 42 30 19 1C F7"),
        "this ALL PROGRAMS REQUEST (1C) is 6 bytes where 7 were expected: "
        "1 byte is missing (truncated).",
        RETAKE_AND_TEST,
        None,
        id="truncated_request_without_bank",
    ),
    pytest.param(
        PROGRAM_ZERO[:100] + h("F7"),
        "this PROGRAM DUMP (40) is 101 bytes where 170 were expected: "
        "69 bytes are missing (truncated).",
        RETAKE_AND_TEST,
        None,
        id="truncated_program_dump",
    ),
    pytest.param(
        h("F0 42 30 19 48 00 F7"),
        "this SEQUENCE DUMP (48) is only 7 bytes long, too short even for its header (truncated).",
        RETAKE,
        None,
        id="truncated_sequence_header",
    ),
    pytest.param(
        h("F0 42 30 19 4C F7"),
        "this ALL PROGRAMS DUMP (4C) is only 6 bytes long, too short even for its header "
        "(truncated).",
        RETAKE,
        None,
        id="truncated_bank_dump_header",
    ),
    pytest.param(
        h("F0 42 30 19 48 00 23 1C F7"),
        "this SEQUENCE DUMP (48) for 100/100 memory with 3619 events is 9 bytes where 18293 "
        "were expected: 18284 bytes are missing (truncated).",
        RETAKE_AND_TEST,
        None,
        id="truncated_sequence_after_event_count",
    ),
    pytest.param(
        h("F0 42 30 19 12 00 F7"),
        "this MODE REQUEST (12) is 7 bytes where 6 were expected: 1 byte too many (over-long).",
        DAMAGED,
        None,
        id="over_long_mode_request",
    ),
    pytest.param(
        HUNDRED_PROGRAMS[:5] + h("02") + HUNDRED_PROGRAMS[6:],
        "this ALL PROGRAMS DUMP (4C) for 50/50 memory is 16350 bytes where 8179 were "
        "expected: 8171 bytes too many (over-long).",
        "The data is damaged or was made for other memory settings; use another copy.",
        None,
        id="over_long_100_programs_marked_50_50",
    ),
    pytest.param(
        h("F0 7E 7F 06 01 00 F7"),
        "the identity request is 7 bytes where 6 were expected: 1 byte too many (over-long).",
        DAMAGED,
        None,
        id="over_long_identity_request",
    ),
    pytest.param(
        h("F0 7E 00 06 02 42 19 00 00 00 F7"),
        "the identity reply is 11 bytes where 15 were expected: 4 bytes are missing (truncated).",
        RETAKE_AND_TEST,
        None,
        id="truncated_identity_reply",
    ),
    pytest.param(
        h("F0 7E 7F 06 02 00 20 32 7F 00 01 00 00 00 01 00 F7"),
        "this identity reply comes from another maker's instrument, not from an M1.",
        "Leave it out; only the M1's reply matters here.",
        5,
        id="identity_reply_from_a_three_byte_maker",
    ),
    pytest.param(
        h("F0 7E 10 06 02 42 19 00 00 00 01 00 01 00 F7"),
        "the identity reply names device 10, which is not a MIDI channel (00-0F).",
        "The reply is damaged or is not from an M1; send the identity request again.",
        2,
        id="identity_reply_device_not_a_channel",
    ),
    pytest.param(
        h("F0 42 30 19 1C 02 F7"),
        "the bank byte 02 is neither internal memory (00) nor card (01).",
        DAMAGED,
        5,
        id="bad_bank_byte_request",
    ),
    pytest.param(
        h("F0 42 30 19 11 05 00 F7"),
        "the bank byte 05 is neither internal memory (00) nor card (01).",
        DAMAGED,
        5,
        id="bad_bank_byte_write",
    ),
    pytest.param(
        korg_dump("42 30 19 51 02", bytes(861)),
        "the bank byte 02 is neither internal memory (00) nor card (01).",
        DAMAGED,
        5,
        id="bad_bank_byte_global",
    ),
    pytest.param(
        HUNDRED_PROGRAMS[:5] + h("04") + HUNDRED_PROGRAMS[6:],
        "the memory-allocation byte of this ALL PROGRAMS DUMP (4C) is 04, but only 00-03 "
        "exist (internal or card, 100/100 or 50/50).",
        DAMAGED,
        5,
        id="unknown_allocation_bits",
    ),
]


@pytest.mark.parametrize(("data", "message", "next_action", "offset"), BAD_INPUT)
def test_parse_error_says_what_is_wrong_and_what_to_do(
    data: bytes, message: str, next_action: str, offset: int | None
) -> None:
    with pytest.raises(ParseError) as caught:
        parse(data)
    assert caught.value.message == message
    assert caught.value.next_action == next_action
    assert caught.value.offset == offset
    assert str(caught.value) == f"{message} {next_action}"


# --- peek ---------------------------------------------------------------------------------

F = Function
A100, A50 = Allocation.P100_C100, Allocation.P50_C50
INT, CARD = Bank.INTERNAL, Bank.CARD
K = MessageKind  # called with the golden strings, so a changed value fails here

PEEKS = [
    (
        "F0 42 30 19 4C 00",
        Peek(K("all_programs"), F.ALL_PROGRAMS_DUMP, 1, 16_350, A100, INT, 0),
    ),
    (
        "F0 42 33 19 4D 03",
        Peek(K("all_combinations"), F.ALL_COMBINATIONS_DUMP, 4, 7_093, A50, CARD, 0),
    ),
    (
        "F0 42 30 19 48 00 23 1C",
        Peek(K("sequence"), F.SEQUENCE_DUMP, 1, 18_293, A100, INT, 3619),
    ),
    (
        "F0 42 30 19 50 00 23 1C",
        Peek(K("all_data"), F.ALL_DATA_DUMP, 1, 49_791, A100, INT, 3619),
    ),
    ("F0 42 30 19 51 00", Peek(K("global"), F.GLOBAL_DUMP, 1, 991, A100, INT, 0)),
    ("F0 42 30 19 40", Peek(K("program"), F.PROGRAM_DUMP, 1, 170, A100, INT, 0)),
    ("F0 42 30 19 49", Peek(K("combination"), F.COMBINATION_DUMP, 1, 148, A100, INT, 0)),
    ("F0 42 3F 19 42", Peek(K("mode_data"), F.MODE_DATA, 16, 10)),
    ("F0 42 30 19 23 F7", Peek(K("other"), F.LOAD_COMPLETED, 1, 6)),
    ("F0 42 30 19 1C", Peek(K("other"), F.ALL_PROGRAMS_REQUEST, 1, 7)),
    ("F0 42 30 19 45 00", Peek(K("other"), F.MULTISOUND_NAMES, 1, None)),
    ("F0 42 30 19 48 00", Peek(K("sequence"), F.SEQUENCE_DUMP, 1, None)),
    ("F0 42 30 19 4C 04", Peek(K("all_programs"), F.ALL_PROGRAMS_DUMP, 1, None)),
    ("F0 42 30 19 51 02", Peek(K("global"), F.GLOBAL_DUMP, 1, None)),
    ("F0 42 30 19 7A", Peek(K("other"), None, 1, None)),
    ("F0 7E 02 06 02 42", Peek(K("identity_reply"), None, 3, 15)),
    ("F0 7E 7F 06 01 F7", Peek(K("other"), None, None, 6)),
    ("F0 7E 7F 09 01 F7", Peek(K("other"), None, None, None)),
    ("F0 41 10 42 12", Peek(K("other"), None, None, None)),
    ("F0 42 30 28 10", Peek(MessageKind("other"), None, None, None)),
    ("F0 42 40 19 12", Peek(MessageKind("other"), None, None, None)),
    ("F0 42", Peek(MessageKind("other"), None, None, None)),
    ("", Peek(MessageKind("other"), None, None, None)),
]


@pytest.mark.parametrize(("hex_bytes", "expected"), PEEKS, ids=[p[0] or "empty" for p in PEEKS])
def test_peek_reads_only_the_header(hex_bytes: str, expected: Peek) -> None:
    assert peek(h(hex_bytes)) == expected


# --- with_channel -------------------------------------------------------------------------


def test_with_channel_rewrites_the_format_byte() -> None:
    assert with_channel(h("F0 42 30 19 1C 00 F7"), 16) == h("F0 42 3F 19 1C 00 F7")
    assert with_channel(h("F0 42 3F 19 0E 00 F7"), 1) == h("F0 42 30 19 0E 00 F7")


def test_with_channel_leaves_the_payload_alone() -> None:
    data = korg_dump("42 30 19 40", bytes(range(143)))
    moved = with_channel(data, 7)
    assert moved[2] == 0x36
    assert moved[:2] + moved[3:] == data[:2] + data[3:]


def test_with_channel_sets_the_identity_device_but_keeps_the_all_call_id() -> None:
    assert with_channel(h("F0 7E 00 06 01 F7"), 5) == h("F0 7E 04 06 01 F7")
    assert with_channel(h("F0 7E 7F 06 01 F7"), 5) == h("F0 7E 7F 06 01 F7")


@pytest.mark.parametrize("channel", [0, 17])
def test_with_channel_refuses_a_channel_outside_1_to_16(channel: int) -> None:
    with pytest.raises(ParseError) as caught:
        with_channel(h("F0 42 30 19 12 F7"), channel)
    assert caught.value.message == f"MIDI channel {channel} does not exist."
    assert caught.value.next_action == "Choose a channel from 1 to 16."


@pytest.mark.parametrize("data", ["", "F0 42 30", "90 42 30 19 12 F7"])
def test_with_channel_refuses_a_fragment(data: str) -> None:
    with pytest.raises(ParseError) as caught:
        with_channel(h(data), 2)
    assert caught.value.message == "only complete M1 messages can be given another channel."
    assert caught.value.next_action == (
        "Give the whole message, from its F0 start byte to its F7 end byte."
    )


def test_with_channel_refuses_another_makers_message() -> None:
    with pytest.raises(ParseError) as caught:
        with_channel(h("F0 41 10 42 12 F7"), 2)
    assert caught.value.message == "this message is not Korg data: it comes from Roland."
