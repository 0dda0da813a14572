"""Bytes to typed M1 messages: `peek` reads a header without judging it, `parse` checks
everything and raises only ParseError (m1-sysex.md §1-§3)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from wizard.errors import ParseError
from wizard.m1.constants import (
    ALL_CALL_DEVICE,
    COMBINATION_SIZE,
    FORMAT_BASE,
    GENERAL_INFORMATION,
    GLOBAL_SIZE,
    IDENTITY_REPLY,
    IDENTITY_REQUEST,
    KORG_ID,
    M1_MODEL_ID,
    PROGRAM_SIZE,
    STATUS_FUNCTIONS,
    SYSEX_START,
    UNIVERSAL_NON_REALTIME,
    Allocation,
    Bank,
    Function,
)
from wizard.m1.framing import (
    DAMAGED,
    RETAKE,
    THREE_BYTE_MAKER,
    bank_byte,
    bank_problem,
    check_frame,
    check_korg_header,
    describe_function,
    length_problem,
)
from wizard.m1.message_kinds import KIND_BY_FUNCTION, MessageKind
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
from wizard.m1.packing import unpack
from wizard.m1.records import Combination, GlobalData, Program, SequenceData
from wizard.m1.sizes import DUMP_PREFIX, expected_length, sequence_raw_size

__all__ = [
    "IDENTITY_REPLY_LENGTH",
    "IDENTITY_REQUEST_LENGTH",
    "KIND_BY_FUNCTION",
    "PAYLOAD_START",
    "Peek",
    "describe_function",
    "parse",
    "peek",
    "with_channel",
]

IDENTITY_REQUEST_LENGTH = 6
IDENTITY_REPLY_LENGTH = 15
PAYLOAD_START = 5  # after F0 42 3n 19 ff


@dataclass(frozen=True)
class Peek:
    """What a message's first bytes say it is, before any check; never raises.

    `expected_length` is None when the header is too short or too strange to tell.
    """

    kind: MessageKind
    function: Function | None
    channel: int | None
    expected_length: int | None
    allocation: Allocation | None = None
    bank: Bank | None = None
    events: int | None = None


def _dump_header(
    data: bytes | bytearray, function: Function
) -> tuple[Bank, Allocation, int] | None:
    """Bank, allocation and event count from a dump's prefix bytes, if readable."""
    prefix = DUMP_PREFIX[function]
    if prefix == 0:
        return Bank.INTERNAL, Allocation.P100_C100, 0
    if len(data) < PAYLOAD_START + prefix:
        return None
    ac = data[PAYLOAD_START]
    if function is Function.GLOBAL_DUMP:
        if ac > 1:
            return None
        return Bank(ac), Allocation.P100_C100, 0
    if ac > 3:
        return None
    events = 0
    if prefix == 3:
        low, high = data[PAYLOAD_START + 1], data[PAYLOAD_START + 2]
        if low > 0x7F or high > 0x7F:
            return None
        events = low | (high << 7)
    return Bank(ac & 1), Allocation(ac >> 1), events


def peek(data: bytes | bytearray) -> Peek:
    """Classify a message by its header and function code, never by anything else.

    Args:
        data: One message, F0 first (it may be damaged or incomplete).
    """
    if len(data) >= 5 and data[0] == SYSEX_START and data[1] == UNIVERSAL_NON_REALTIME:
        if data[3] == GENERAL_INFORMATION and data[4] == IDENTITY_REPLY:
            channel = data[2] + 1 if data[2] < 16 else None
            return Peek(MessageKind.IDENTITY_REPLY, None, channel, IDENTITY_REPLY_LENGTH)
        if data[3] == GENERAL_INFORMATION and data[4] == IDENTITY_REQUEST:
            return Peek(MessageKind.OTHER, None, None, IDENTITY_REQUEST_LENGTH)
        return Peek(MessageKind.OTHER, None, None, None)
    if (
        len(data) < 5
        or data[0] != SYSEX_START
        or data[1] != KORG_ID
        or data[3] != M1_MODEL_ID
        or data[2] & 0xF0 != FORMAT_BASE
    ):
        return Peek(MessageKind.OTHER, None, None, None)
    channel = (data[2] & 0x0F) + 1
    try:
        function = Function(data[4])
    except ValueError:
        return Peek(MessageKind.OTHER, None, channel, None)
    kind = KIND_BY_FUNCTION.get(function, MessageKind.OTHER)
    if function in DUMP_PREFIX:
        header = _dump_header(data, function)
        if header is None:
            return Peek(kind, function, channel, None)
        bank, allocation, events = header
        length = expected_length(function, allocation, events)
        return Peek(kind, function, channel, length, allocation, bank, events)
    if function in (Function.MULTISOUND_NAMES, Function.DRUM_SOUND_NAMES):
        return Peek(kind, function, channel, None)
    return Peek(kind, function, channel, expected_length(function, Allocation.P100_C100))


def _parse_universal(data: bytes) -> Message:
    if len(data) >= 5 and data[3] == GENERAL_INFORMATION and data[4] == IDENTITY_REQUEST:
        if len(data) != IDENTITY_REQUEST_LENGTH:
            raise length_problem(data, IDENTITY_REQUEST_LENGTH, "the identity request")
        return IdentityRequest(device=data[2])
    if len(data) >= 5 and data[3] == GENERAL_INFORMATION and data[4] == IDENTITY_REPLY:
        if len(data) > 5 and data[5] == THREE_BYTE_MAKER:
            # Another instrument on the same MIDI line may answer the all-call request;
            # its three-byte maker ID makes the reply longer than the M1's.
            raise ParseError(
                "this identity reply comes from another maker's instrument, not from an M1.",
                "Leave it out; only the M1's reply matters here.",
                offset=5,
            )
        if len(data) != IDENTITY_REPLY_LENGTH:
            raise length_problem(data, IDENTITY_REPLY_LENGTH, "the identity reply")
        if data[2] >= 16:
            raise ParseError(
                f"the identity reply names device {data[2]:02X}, which is not a MIDI channel "
                "(00-0F).",
                "The reply is damaged or is not from an M1; send the identity request again.",
                offset=2,
            )
        return IdentityReply(
            channel=data[2] + 1,
            manufacturer=data[5],
            family=bytes(data[6:8]),
            member=bytes(data[8:10]),
            version=bytes(data[10:14]),
        )
    raise ParseError(
        "this is a universal system-exclusive message that the M1 does not use.",
        "Leave it out; it holds no M1 sounds or settings.",
    )


def _records(raw: bytes, size: int) -> list[bytes]:
    return [raw[i : i + size] for i in range(0, len(raw), size)]


def _dump(data: bytes, channel: int, function: Function) -> KorgMessage:
    name = describe_function(function)
    if len(data) < PAYLOAD_START + DUMP_PREFIX[function] + 1:
        raise ParseError(
            f"this {name} is only {len(data)} bytes long, too short even for its header "
            "(truncated).",
            RETAKE,
        )
    header = _dump_header(data, function)
    if header is None:
        value = data[PAYLOAD_START]
        if function is Function.GLOBAL_DUMP:
            raise bank_problem(value, PAYLOAD_START)
        raise ParseError(
            f"the memory-allocation byte of this {name} is {value:02X}, but only 00-03 "
            "exist (internal or card, 100/100 or 50/50).",
            DAMAGED,
            offset=PAYLOAD_START,
        )
    bank, allocation, events = header
    expected = expected_length(function, allocation, events)
    if len(data) != expected:
        what = name
        if DUMP_PREFIX[function] > 0 and function is not Function.GLOBAL_DUMP:
            what += f" for {allocation.short} memory"
        if DUMP_PREFIX[function] == 3:
            what += f" with {events} events"
        raise length_problem(data, expected, f"this {what}", dump=True)
    raw = unpack(data[PAYLOAD_START + DUMP_PREFIX[function] : -1])
    count = allocation.count
    if function is Function.PROGRAM_DUMP:
        return ProgramDump(channel, Program(raw))
    if function is Function.COMBINATION_DUMP:
        return CombinationDump(channel, Combination(raw))
    if function is Function.ALL_PROGRAMS_DUMP:
        programs = tuple(Program(r) for r in _records(raw, PROGRAM_SIZE))
        return AllProgramsDump(channel, programs, bank, allocation)
    if function is Function.ALL_COMBINATIONS_DUMP:
        combis = tuple(Combination(r) for r in _records(raw, COMBINATION_SIZE))
        return AllCombinationsDump(channel, combis, bank, allocation)
    if function is Function.GLOBAL_DUMP:
        return GlobalDump(channel, GlobalData(raw), bank)
    if function is Function.SEQUENCE_DUMP:
        return SequenceDump(channel, SequenceData(raw), bank, allocation)
    combis_end = GLOBAL_SIZE + COMBINATION_SIZE * count
    programs_end = combis_end + PROGRAM_SIZE * count
    assert len(raw) - programs_end == sequence_raw_size(events)
    return AllDataDump(
        channel,
        GlobalData(raw[:GLOBAL_SIZE]),
        tuple(Combination(r) for r in _records(raw[GLOBAL_SIZE:combis_end], COMBINATION_SIZE)),
        tuple(Program(r) for r in _records(raw[combis_end:programs_end], PROGRAM_SIZE)),
        SequenceData(raw[programs_end:]),
        bank,
        allocation,
    )


def _fixed(data: bytes, channel: int, function: Function) -> KorgMessage:
    expected = expected_length(function, Allocation.P100_C100)
    if len(data) != expected:
        raise length_problem(data, expected, f"this {describe_function(function)}")
    b = data[PAYLOAD_START:-1]
    if function in REQUEST_FUNCTIONS:
        bank = bank_byte(b[0], PAYLOAD_START) if function in BANKED_REQUESTS else None
        return Request(channel, function, bank)
    if function in STATUS_FUNCTIONS:
        return Status(channel, function)
    if function is Function.MODE_DATA:
        return ModeData(channel, b[0], b[1], b[2], b[3])
    if function is Function.MODE_CHANGE:
        return ModeChange(channel, b[0], b[1])
    if function in (Function.PROGRAM_WRITE, Function.COMBINATION_WRITE):
        return WriteRequest(channel, function, bank_byte(b[0], PAYLOAD_START), b[1])
    assert function is Function.PARAMETER_CHANGE
    return ParameterChange(channel, b[0], b[1], b[2] | (b[3] << 7))


_OPAQUE = (Function.MULTISOUND_NAMES, Function.DRUM_SOUND_NAMES)
_PARSERS: dict[Function, Callable[[bytes, int, Function], KorgMessage]] = {
    **{f: _dump for f in DUMP_PREFIX},
    **{f: _fixed for f in Function if f not in DUMP_PREFIX and f not in _OPAQUE},
}


def parse(data: bytes | bytearray) -> Message:
    """Parse one complete message.

    Args:
        data: Bytes from F0 to F7 inclusive.

    Returns:
        The typed message. Its `to_bytes()` gives `data` back for every well-formed input;
        top bits of a short final 7-in-8 group, which carry no data, come back as 0 (§3.1).

    Raises:
        ParseError: With a plain sentence naming what is wrong (not sysex, another maker,
            another Korg model, unknown function, truncated, over-long, damaged).
    """
    data = bytes(data)
    check_frame(data)
    if len(data) >= 2 and data[1] == UNIVERSAL_NON_REALTIME:
        return _parse_universal(data)
    channel = check_korg_header(data)
    code = data[4]
    try:
        function = Function(code)
    except ValueError:
        raise ParseError(
            f"the message type {code:02X} (byte 4) is not one the M1 uses.",
            "The data is damaged or is for another instrument; use another copy.",
            offset=4,
        ) from None
    if function in _OPAQUE:
        return OpaqueKorgMessage(channel, function, data[PAYLOAD_START:-1])
    return _PARSERS[function](data, channel, function)


def with_channel(data: bytes | bytearray, channel: int) -> bytes:
    """The same M1 message addressed to another global channel (§1.1: byte 3n).

    Identity requests get the matching device ID, unless they use the all-call ID 7F.

    Raises:
        ParseError: `data` is not an M1 or identity message.
    """
    if not 1 <= channel <= 16:
        raise ParseError(
            f"MIDI channel {channel} does not exist.", "Choose a channel from 1 to 16."
        )
    data = bytes(data)
    if len(data) < 5 or data[0] != SYSEX_START:
        raise ParseError(
            "only complete M1 messages can be given another channel.",
            "Give the whole message, from its F0 start byte to its F7 end byte.",
        )
    if data[1] == UNIVERSAL_NON_REALTIME:
        if data[2] == ALL_CALL_DEVICE:
            return data
        return data[:2] + bytes((channel - 1,)) + data[3:]
    check_korg_header(data)
    return data[:2] + bytes((FORMAT_BASE + channel - 1,)) + data[3:]
