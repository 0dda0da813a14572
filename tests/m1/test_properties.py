"""Property tests of the protocol core: packing and message round trips for every kind,
and `parse` / `peek` / `with_channel` on arbitrary and damaged bytes."""

from __future__ import annotations

import dataclasses
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wizard.errors import ParseError
from wizard.m1.constants import MAX_EVENT_FIELD, Allocation, Bank, Function
from wizard.m1.messages import (
    BANKED_REQUESTS,
    REQUEST_FUNCTIONS,
    AllCombinationsDump,
    AllDataDump,
    AllProgramsDump,
    CombinationDump,
    GlobalDump,
    IdentityReply,
    IdentityRequest,
    KorgMessage,
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
from wizard.m1.packing import pack, packed_length, raw_length, unpack
from wizard.m1.parse import parse, peek, with_channel
from wizard.m1.records import Combination, GlobalData, Program, SequenceData

# Small messages are cheap: many examples. Bank dumps carry up to 66 KB: fewer.
SMALL = settings(max_examples=300, deadline=None)
LARGE = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

channels = st.integers(1, 16)
data_bytes = st.integers(0, 0x7F)
banks = st.sampled_from(Bank)
allocations = st.sampled_from(Allocation)


def fixed_binary(size: int) -> st.SearchStrategy[bytes]:
    """Exactly `size` arbitrary 8-bit bytes."""
    return st.binary(min_size=size, max_size=size)


def bulk_bytes(size: int) -> st.SearchStrategy[bytes]:
    """`size` pseudo-random bytes from a drawn seed (drawing 60 KB byte by byte is slow)."""
    return st.integers(0, 2**32 - 1).map(lambda seed: random.Random(seed).randbytes(size))


def seven_bit_binary(max_size: int) -> st.SearchStrategy[bytes]:
    """Bytes that are all MIDI data bytes (00-7F)."""
    return st.lists(data_bytes, max_size=max_size).map(bytes)


def split(raw: bytes, size: int) -> list[bytes]:
    """`raw` cut into records of `size` bytes."""
    return [raw[i : i + size] for i in range(0, len(raw), size)]


# --- one strategy per message kind ---------------------------------------------------------


@st.composite
def requests(draw: st.DrawFn) -> Request:
    code = draw(st.sampled_from(sorted(REQUEST_FUNCTIONS)))
    bank = draw(banks) if code in BANKED_REQUESTS else None
    return Request(draw(channels), code, bank)


statuses = st.builds(
    Status,
    channels,
    st.sampled_from(
        [
            Function.WRITE_COMPLETED,
            Function.WRITE_ERROR,
            Function.LOAD_COMPLETED,
            Function.LOAD_ERROR,
            Function.FORMAT_ERROR,
        ]
    ),
)
mode_data = st.builds(ModeData, channels, data_bytes, data_bytes, data_bytes, data_bytes)
mode_changes = st.builds(ModeChange, channels, data_bytes, data_bytes)
write_requests = st.builds(
    WriteRequest,
    channels,
    st.sampled_from([Function.PROGRAM_WRITE, Function.COMBINATION_WRITE]),
    banks,
    data_bytes,
)
parameter_changes = st.builds(
    ParameterChange, channels, data_bytes, data_bytes, st.integers(0, 0x3FFF)
)
identity_requests = st.builds(IdentityRequest, data_bytes)
identity_replies = st.builds(
    IdentityReply,
    channels,
    st.integers(1, 0x7F),  # 00 would start a three-byte maker ID
    st.lists(data_bytes, min_size=2, max_size=2).map(bytes),
    st.lists(data_bytes, min_size=2, max_size=2).map(bytes),
    st.lists(data_bytes, min_size=4, max_size=4).map(bytes),
)
name_dumps = st.builds(
    OpaqueKorgMessage,
    channels,
    st.sampled_from([Function.MULTISOUND_NAMES, Function.DRUM_SOUND_NAMES]),
    seven_bit_binary(64),
)
program_dumps = st.builds(ProgramDump, channels, fixed_binary(143).map(Program))
combination_dumps = st.builds(CombinationDump, channels, fixed_binary(124).map(Combination))
global_dumps = st.builds(GlobalDump, channels, fixed_binary(861).map(GlobalData), banks)

SMALL_MESSAGES: st.SearchStrategy[Message] = st.one_of(
    requests(),
    statuses,
    mode_data,
    mode_changes,
    write_requests,
    parameter_changes,
    identity_requests,
    identity_replies,
    name_dumps,
    program_dumps,
    combination_dumps,
    global_dumps,
)

# Event counts: mostly small, sometimes anywhere in the two-byte field (§3.5).
event_counts = st.one_of(st.integers(0, 16), st.integers(0, MAX_EVENT_FIELD))


@st.composite
def all_programs_dumps(draw: st.DrawFn) -> AllProgramsDump:
    allocation = draw(allocations)
    raw = draw(bulk_bytes(143 * allocation.count))
    programs = tuple(Program(r) for r in split(raw, 143))
    return AllProgramsDump(draw(channels), programs, draw(banks), allocation)


@st.composite
def all_combinations_dumps(draw: st.DrawFn) -> AllCombinationsDump:
    allocation = draw(allocations)
    raw = draw(bulk_bytes(124 * allocation.count))
    combis = tuple(Combination(r) for r in split(raw, 124))
    return AllCombinationsDump(draw(channels), combis, draw(banks), allocation)


@st.composite
def sequence_dumps(draw: st.DrawFn) -> SequenceDump:
    events = draw(event_counts)
    sequence = SequenceData(draw(bulk_bytes(1522 + 4 * events)))
    return SequenceDump(draw(channels), sequence, draw(banks), draw(allocations))


@st.composite
def all_data_dumps(draw: st.DrawFn) -> AllDataDump:
    allocation = draw(allocations)
    count = allocation.count
    events = draw(st.integers(0, allocation.max_events))
    raw = draw(bulk_bytes(861 + 124 * count + 143 * count + 1522 + 4 * events))
    combis_end = 861 + 124 * count
    programs_end = combis_end + 143 * count
    return AllDataDump(
        draw(channels),
        GlobalData(raw[:861]),
        tuple(Combination(r) for r in split(raw[861:combis_end], 124)),
        tuple(Program(r) for r in split(raw[combis_end:programs_end], 143)),
        SequenceData(raw[programs_end:]),
        draw(banks),
        allocation,
    )


LARGE_MESSAGES: st.SearchStrategy[Message] = st.one_of(
    all_programs_dumps(), all_combinations_dumps(), sequence_dumps(), all_data_dumps()
)


# --- packing ------------------------------------------------------------------------------


@SMALL
@given(st.binary(max_size=2000))
def test_pack_then_unpack_gives_the_bytes_back(raw: bytes) -> None:
    packed = pack(raw)
    assert len(packed) == packed_length(len(raw))
    assert all(b < 0x80 for b in packed)
    assert unpack(packed) == raw


@SMALL
@given(st.integers(0, 200_000))
def test_raw_length_inverts_packed_length(raw: int) -> None:
    assert raw_length(packed_length(raw)) == raw


@SMALL
@given(st.integers(0, 200_000))
def test_raw_length_refuses_exactly_the_lengths_no_data_packs_to(packed: int) -> None:
    if packed % 8 == 1:
        try:
            raw_length(packed)
        except ParseError:
            return
        raise AssertionError(f"{packed} packed bytes were accepted")
    assert packed_length(raw_length(packed)) == packed


# --- message round trips ------------------------------------------------------------------


def check_round_trip(message: Message) -> None:
    data = message.to_bytes()
    parsed = parse(data)
    assert parsed == message
    assert parsed.to_bytes() == data
    expected = peek(data).expected_length
    if isinstance(message, OpaqueKorgMessage):
        assert expected is None
    else:
        assert expected == len(data)
        assert peek(data[:8]).expected_length == len(data)  # the header alone tells


@SMALL
@given(SMALL_MESSAGES)
def test_small_messages_survive_build_parse_build(message: Message) -> None:
    check_round_trip(message)


@LARGE
@given(LARGE_MESSAGES)
def test_bank_dumps_survive_build_parse_build(message: Message) -> None:
    check_round_trip(message)


# --- parse and peek on bad bytes ----------------------------------------------------------


def parse_or_parse_error(data: bytes) -> None:
    """Parse `data`; a ParseError is fine, any other exception fails the test.

    When parsing succeeds, building the result and parsing again must agree with it.
    """
    try:
        message = parse(data)
    except ParseError as error:
        assert error.message
        assert error.next_action
        return
    assert parse(message.to_bytes()) == message


@SMALL
@given(st.binary(max_size=300))
def test_parse_and_peek_on_arbitrary_bytes(data: bytes) -> None:
    parse_or_parse_error(data)
    peek(data)


@st.composite
def framed_noise(draw: st.DrawFn) -> bytes:
    """F0 ... F7 around data bytes, mostly behind an M1 header with a known function code."""
    if draw(st.integers(0, 3)) == 0:
        head = draw(st.sampled_from([b"", bytes.fromhex("42"), bytes.fromhex("7E 7F 06")]))
    else:
        channel = draw(st.integers(0, 15))
        code = draw(st.sampled_from(sorted(Function)))
        head = bytes((0x42, 0x30 + channel, 0x19, code))
    return b"\xf0" + head + draw(seven_bit_binary(40)) + b"\xf7"


@SMALL
@given(framed_noise())
def test_parse_and_peek_on_framed_noise(data: bytes) -> None:
    parse_or_parse_error(data)
    peek(data)


@st.composite
def damaged(draw: st.DrawFn, messages: st.SearchStrategy[Message]) -> bytes:
    """A valid message with one byte changed, removed, added, or its tail cut.

    The place is often near the start, where the header bytes that steer parsing sit.
    """
    data = bytearray(draw(messages).to_bytes())
    where = draw(st.one_of(st.integers(0, min(9, len(data) - 1)), st.integers(0, len(data) - 1)))
    how = draw(st.sampled_from(["change", "remove", "insert", "cut"]))
    if how == "change":
        data[where] = draw(st.integers(0, 0xFF))
    elif how == "remove":
        del data[where]
    elif how == "insert":
        data.insert(where, draw(st.integers(0, 0xFF)))
    else:
        del data[where:]
    return bytes(data)


@SMALL
@given(damaged(SMALL_MESSAGES))
def test_parse_and_peek_on_damaged_messages(data: bytes) -> None:
    parse_or_parse_error(data)
    peek(data)


@LARGE
@given(damaged(LARGE_MESSAGES))
def test_parse_and_peek_on_damaged_bank_dumps(data: bytes) -> None:
    parse_or_parse_error(data)
    peek(data)


@SMALL
@given(SMALL_MESSAGES, st.integers(0, 20))
def test_peek_on_any_prefix_never_raises_and_never_contradicts(message: Message, cut: int) -> None:
    data = message.to_bytes()
    result = peek(data[:cut])
    assert result.expected_length in (None, len(data))


# --- with_channel -------------------------------------------------------------------------


@SMALL
@given(SMALL_MESSAGES, channels)
def test_with_channel_moves_a_message_and_back(message: Message, channel: int) -> None:
    data = message.to_bytes()
    moved = with_channel(data, channel)
    assert len(moved) == len(data)
    if isinstance(message, KorgMessage | IdentityReply):
        assert parse(moved) == dataclasses.replace(message, channel=channel)
        assert with_channel(moved, message.channel) == data
    elif isinstance(message, IdentityRequest):
        expected = message.device if message.device == 0x7F else channel - 1
        assert parse(moved) == IdentityRequest(device=expected)
