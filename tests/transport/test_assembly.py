"""Reassembling whole messages from the pieces MIDI systems deliver."""

from __future__ import annotations

import pytest

from wizard.transport.assembly import Assembled, MessageAssembler, short_message_length

# m1-sysex.md §2.2: MODE REQUEST and the identity request, global channel 1.
MODE_REQUEST = bytes.fromhex("F0 42 30 19 12 F7")
IDENTITY_REQUEST = bytes.fromhex("F0 7E 7F 06 01 F7")


def drain(assembler: MessageAssembler) -> list[Assembled]:
    out: list[Assembled] = []
    while (item := assembler.pop()) is not None:
        out.append(item)
    return out


def long_sysex(length: int) -> bytes:
    body = bytes(i % 0x80 for i in range(length - 2))
    return b"\xf0" + body + b"\xf7"


def test_whole_message_in_one_piece() -> None:
    assembler = MessageAssembler()
    assert assembler.feed(MODE_REQUEST) == 6
    assert drain(assembler) == [Assembled(MODE_REQUEST)]


@pytest.mark.parametrize("size", [1, 3, 1024, 4000])
def test_windows_style_fragments_are_joined_until_f7(size: int) -> None:
    message = long_sysex(16350)
    assembler = MessageAssembler()
    for start in range(0, len(message), size):
        assembler.feed(message[start : start + size])
    assert drain(assembler) == [Assembled(message)]


def test_middle_fragment_without_status_byte_keeps_the_message_open() -> None:
    assembler = MessageAssembler()
    assembler.feed(b"\xf0\x42\x30\x19")
    assembler.feed(b"\x4c\x00\x01\x02")
    assert assembler.pop() is None
    assert assembler.pending_length == 8
    assembler.feed(b"\x03\xf7")
    assert drain(assembler) == [Assembled(b"\xf0\x42\x30\x19\x4c\x00\x01\x02\x03\xf7")]


def test_realtime_bytes_inside_sysex_are_dropped() -> None:
    assembler = MessageAssembler()
    useful = assembler.feed(b"\xf0\x42\xfe\x30\xf8\x19\x12\xfe\xf7\xfe")
    assert useful == 6
    assert drain(assembler) == [Assembled(MODE_REQUEST)]


def test_realtime_only_pieces_are_not_progress() -> None:
    assembler = MessageAssembler()
    assert assembler.feed(b"\xfe") == 0
    assert assembler.feed(b"\xf8\xfe\xff") == 0
    assert drain(assembler) == []


def test_stray_f0_ends_the_broken_message_as_damaged_and_starts_a_new_one() -> None:
    assembler = MessageAssembler()
    assembler.feed(b"\xf0\x42\x30\x19\x4c\x00\x11\x22")
    assembler.feed(MODE_REQUEST)
    assert drain(assembler) == [
        Assembled(
            b"\xf0\x42\x30\x19\x4c\x00\x11\x22",
            "A SysEx message broke off after 8 bytes: a new message (F0) started before "
            "its end byte (F7).",
        ),
        Assembled(MODE_REQUEST),
    ]


def test_status_byte_inside_sysex_damages_it() -> None:
    assembler = MessageAssembler()
    assembler.feed(b"\xf0\x42\x30\x90\x3c\x40")
    assert drain(assembler) == [
        Assembled(
            b"\xf0\x42\x30",
            "A SysEx message broke off after 3 bytes: a status byte 90 arrived before its "
            "end byte (F7).",
        ),
        Assembled(b"\x90\x3c\x40"),
    ]


def test_junk_before_f0_is_discarded_and_counted() -> None:
    assembler = MessageAssembler()
    useful = assembler.feed(b"\x00\x11\x7f\xf7" + IDENTITY_REQUEST)
    assert useful == 6
    assert assembler.discarded == 4
    assert drain(assembler) == [Assembled(IDENTITY_REQUEST)]


def test_short_messages_pass_through_whole() -> None:
    assembler = MessageAssembler()
    assembler.feed(b"\xc0\x05\xb0\x07\x64\xf6")
    assert drain(assembler) == [
        Assembled(b"\xc0\x05"),
        Assembled(b"\xb0\x07\x64"),
        Assembled(b"\xf6"),
    ]


def test_reset_forgets_the_message_in_progress() -> None:
    assembler = MessageAssembler()
    assembler.feed(b"\xf0\x42\x30")
    assembler.reset()
    assembler.feed(b"\x19\x12\xf7")
    assert drain(assembler) == []
    assert assembler.discarded == 3


@pytest.mark.parametrize(
    ("status", "length"),
    [(0x80, 3), (0x9F, 3), (0xB0, 3), (0xC3, 2), (0xD0, 2), (0xE0, 3), (0xF1, 2), (0xF2, 3),
     (0xF3, 2), (0xF6, 1), (0xF4, None), (0xF5, None)],
)  # fmt: skip
def test_short_message_lengths(status: int, length: int | None) -> None:
    assert short_message_length(status) == length
