"""Checks on a message's frame and header, with the errors a person sees when they fail
(m1-sysex.md §1.1; maker and model names for messages that are not the M1's)."""

from __future__ import annotations

from wizard.errors import ParseError
from wizard.m1.constants import (
    FORMAT_BASE,
    KORG_ID,
    M1_MODEL_ID,
    SYSEX_END,
    SYSEX_START,
    UNIVERSAL_REALTIME,
    Bank,
    Function,
)

MANUFACTURERS = {
    0x01: "Sequential",
    0x04: "Moog",
    0x06: "Lexicon",
    0x07: "Kurzweil",
    0x0F: "Ensoniq",
    0x10: "Oberheim",
    0x18: "E-mu",
    0x40: "Kawai",
    0x41: "Roland",
    0x42: "Korg",
    0x43: "Yamaha",
    0x44: "Casio",
    0x47: "Akai",
    0x7D: "a non-commercial (educational) ID",
    0x00: "a maker with a three-byte ID",
}
# Only IDs confirmed by a manual: T1-T3 from m1-sysex.md §8, the others from their own
# MIDI implementation pages. An ID two models share names both (the EX-8000 is the
# DW-8000's rack module). An unlisted ID is shown as a number rather than guessed.
KORG_MODELS = {0x03: "DW-8000/EX-8000", 0x13: "DS-8", 0x26: "T1/T2/T3", 0x28: "Wavestation"}
LONG_MODEL = 0x00  # later Korg instruments: model ID 00 then two more bytes (42 3n 00 01 xx)

THREE_BYTE_MAKER = 0x00  # MIDI standard: 00 starts a three-byte manufacturer ID

DAMAGED = "The data is damaged or is not M1 data; use another copy."
RETAKE = "Use a complete copy of the data; if it came over MIDI, take the dump again."


def describe_function(function: Function) -> str:
    """A function code as the manual names it, e.g. "ALL PROGRAMS DUMP (4C)"."""
    return f"{function.name.replace('_', ' ')} ({int(function):02X})"


def byte_count(count: int) -> str:
    """A count with its noun: 1 byte, 2 bytes."""
    return "1 byte" if count == 1 else f"{count} bytes"


def length_problem(data: bytes, expected: int, what: str, dump: bool = False) -> ParseError:
    """The error for a message of the wrong length.

    Args:
        data: The whole message.
        expected: The length it should have.
        what: The message as the sentence names it, e.g. "this MODE REQUEST (12)".
        dump: True for bulk dumps, the only messages whose length other memory
            settings can explain.
    """
    diff = len(data) - expected
    if diff < 0:
        verb = "is" if diff == -1 else "are"
        return ParseError(
            f"{what} is {len(data)} bytes where {expected} were expected: "
            f"{byte_count(-diff)} {verb} missing (truncated).",
            "Use a complete copy of the data; if it came over MIDI, take the dump again "
            "and run the interface loopback test.",
        )
    return ParseError(
        f"{what} is {len(data)} bytes where {expected} were expected: "
        f"{byte_count(diff)} too many (over-long).",
        "The data is damaged or was made for other memory settings; use another copy."
        if dump
        else DAMAGED,
    )


def check_frame(data: bytes) -> None:
    """Refuse anything that is not one F0 ... F7 message of data bytes.

    Raises:
        ParseError: Empty, not system exclusive, unterminated, or a status byte inside.
    """
    if not data:
        raise ParseError(
            "the message is empty: it holds no bytes at all.",
            "Choose a file that holds M1 data, or take the dump from the M1 again.",
        )
    if data[0] != SYSEX_START:
        raise ParseError(
            f"this is not M1 data: M1 messages start with byte F0, this one starts with "
            f"{data[0]:02X}.",
            "Choose a .syx file saved from an M1, or take the dump from the M1 again.",
            offset=0,
        )
    if data[-1] != SYSEX_END or len(data) < 2:
        raise ParseError(
            "the message is unterminated: its closing F7 byte is missing, so its end was lost.",
            RETAKE,
            offset=len(data),
        )
    for offset in range(1, len(data) - 1):
        if data[offset] > 0x7F:
            raise ParseError(
                f"byte {offset} of the message is {data[offset]:02X}, a MIDI status byte that "
                "cannot appear inside M1 data: the message is damaged.",
                "Use another copy; if it came over MIDI, run the interface loopback test "
                "and take the dump again.",
                offset=offset,
            )


def korg_model(data: bytes) -> str:
    """The Korg model a message with header `F0 42 3n mm` is for, by name when known,
    e.g. "DW-8000/EX-8000", else by number: "model ID 26", "model ID 00 01 2C"."""
    if data[3] == LONG_MODEL and len(data) >= 6 and max(data[4:6]) < 0x80:
        return f"model ID 00 {data[4]:02X} {data[5]:02X}"
    return KORG_MODELS.get(data[3], f"model ID {data[3]:02X}")


def instrument_words(manufacturer: int, family: bytes) -> str:
    """The instrument an identity reply names, e.g. "a Korg DW-8000/EX-8000", "a Roland
    instrument", "a Korg instrument (model ID 58 00)"."""
    if manufacturer != KORG_ID:
        maker = MANUFACTURERS.get(manufacturer, f"manufacturer ID {manufacturer:02X}")
        return f"an instrument of {maker}" if " " in maker else f"a {maker} instrument"
    if family[:1] and family[0] in KORG_MODELS:
        return f"a Korg {KORG_MODELS[family[0]]}"
    return f"a Korg instrument (model ID {family.hex(' ').upper()})"


def check_korg_header(data: bytes) -> int:
    """The global channel (1-16) of a framed message whose header is `F0 42 3n 19` (§1.1).

    Raises:
        ParseError: Too short, universal real-time, another maker, another Korg model,
            or a format byte outside 30-3F.
    """
    if len(data) < 3:
        raise ParseError(
            "the message is empty: it has nothing between its F0 start byte and its F7 end byte.",
            DAMAGED,
        )
    if data[1] == UNIVERSAL_REALTIME:
        raise ParseError(
            "this is a universal real-time message that the M1 does not use.",
            "Leave it out; it holds no M1 sounds or settings.",
            offset=1,
        )
    if data[1] != KORG_ID:
        maker = MANUFACTURERS.get(data[1], f"manufacturer ID {data[1]:02X}")
        raise ParseError(
            f"this message is not Korg data: it comes from {maker}.",
            "Choose a file made for the Korg M1.",
            offset=1,
        )
    if len(data) < 6:
        raise ParseError(
            f"this Korg message is only {len(data)} bytes long, too short to be an M1 message.",
            DAMAGED,
        )
    if data[3] != M1_MODEL_ID:
        model = korg_model(data)
        raise ParseError(
            f"this is data for another Korg model ({model}), not an M1.",
            "Choose a file made for the Korg M1, M1R or M1EX.",
            offset=3,
        )
    if data[2] & 0xF0 != FORMAT_BASE:
        raise ParseError(
            f"the channel byte {data[2]:02X} is not one the M1 sends "
            "(30-3F stand for MIDI channels 1-16).",
            DAMAGED,
            offset=2,
        )
    return (data[2] & 0x0F) + 1


def bank_problem(value: int, offset: int) -> ParseError:
    """The error for a bank byte that is neither 00 nor 01 (§2.1 NOTE 3-1)."""
    return ParseError(
        f"the bank byte {value:02X} is neither internal memory (00) nor card (01).",
        DAMAGED,
        offset=offset,
    )


def bank_byte(value: int, offset: int) -> Bank:
    """The bank a `0000000c` byte names.

    Raises:
        ParseError: The byte is neither internal (00) nor card (01).
    """
    if value > 1:
        raise bank_problem(value, offset)
    return Bank(value)
