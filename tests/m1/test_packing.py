"""Korg 7-in-8 packing against examples worked out by hand from m1-sysex.md §3.1."""

from __future__ import annotations

import pytest

from wizard.errors import BuildError, ParseError
from wizard.m1.packing import check_raw, pack, packed_length, raw_length, unpack

# (raw, packed): each packed group is one byte whose bit i is bit 7 of the group's i-th
# byte, then the group's bytes with bit 7 cleared (§3.1). Worked out on paper.
HAND_PACKED = [
    pytest.param("", "", id="empty"),
    pytest.param("01 02 03 04 05 06 07", "00 01 02 03 04 05 06 07", id="seven_low_bytes"),
    # 80 -> bit 0, FF -> bit 2, 81 -> bit 5: 0b0010_0101 = 25
    pytest.param("80 01 FF 7F 00 81 40", "25 00 01 7F 7F 00 01 40", id="seven_mixed_bytes"),
    # short final group of 3: FF -> bit 0, 80 -> bit 2 = 05
    pytest.param("FF 00 80", "05 7F 00 00", id="short_group_of_three"),
    pytest.param("80", "01 00", id="single_high_byte"),
    # one full group with 80 in last place (bit 6 = 40), then C1 02 (bit 0 = 01)
    pytest.param(
        "00 00 00 00 00 00 80 C1 02",
        "40 00 00 00 00 00 00 00 01 41 02",
        id="full_group_then_two",
    ),
    # "Universe" is plain ASCII: no top bits, the 8th letter starts a second group
    pytest.param(
        "55 6E 69 76 65 72 73 65",
        "00 55 6E 69 76 65 72 73 00 65",
        id="ascii_name",
    ),
    pytest.param("FF FF FF FF FF FF FF", "7F 7F 7F 7F 7F 7F 7F 7F", id="all_ones"),
]


@pytest.mark.parametrize(("raw", "packed"), HAND_PACKED)
def test_pack_matches_hand_worked_example(raw: str, packed: str) -> None:
    assert pack(bytes.fromhex(raw)) == bytes.fromhex(packed)


@pytest.mark.parametrize(("raw", "packed"), HAND_PACKED)
def test_unpack_matches_hand_worked_example(raw: str, packed: str) -> None:
    assert unpack(bytes.fromhex(packed)) == bytes.fromhex(raw)


def test_unpack_ignores_unused_top_bits_of_a_short_final_group() -> None:
    # 7D sets bits 0, 2, 3, 4, 5, 6; only bits 0-2 belong to the three bytes that follow.
    assert unpack(bytes.fromhex("7D 7F 00 00")) == bytes.fromhex("FF 00 80")


@pytest.mark.parametrize(
    ("raw", "packed"),
    [
        (0, 0),
        (1, 2),
        (6, 7),
        (7, 8),
        (8, 10),
        (14, 16),
        (143, 164),  # §2.1: program dump carries 164 packed bytes
        (124, 142),  # §2.1: combination dump carries 142 packed bytes
        (861, 984),  # §2.1: global dump carries 984 packed bytes
    ],
)
def test_packed_length_and_its_inverse(raw: int, packed: int) -> None:
    assert packed_length(raw) == packed
    assert raw_length(packed) == raw
    assert len(pack(bytes(raw))) == packed


def test_raw_length_refuses_a_group_holding_only_its_top_bit_byte() -> None:
    with pytest.raises(ParseError) as caught:
        raw_length(9)
    assert caught.value.message == (
        "9 packed bytes cannot be valid 7-in-8 data (a group would hold only its top-bit byte)."
    )
    assert caught.value.next_action == "The data is damaged or is not M1 data; use another copy."


def test_unpack_refuses_an_impossible_length() -> None:
    with pytest.raises(ParseError, match=r"^1 packed bytes cannot be valid"):
        unpack(bytes.fromhex("00"))


def test_unpack_refuses_a_byte_with_its_top_bit_set() -> None:
    with pytest.raises(ParseError) as caught:
        unpack(bytes.fromhex("00 01 02 83 04"))
    assert caught.value.message == "byte 83 inside packed data has its top bit set."
    assert caught.value.next_action == "The data is damaged or is not M1 data; use another copy."
    assert caught.value.offset == 3


def test_unpack_refuses_a_top_bit_byte_with_bit_seven_set() -> None:
    with pytest.raises(ParseError) as caught:
        unpack(bytes.fromhex("80 01"))
    assert caught.value.offset == 0


def test_check_raw_names_the_record_and_both_sizes() -> None:
    check_raw(bytes(143), 143, "a program")
    with pytest.raises(BuildError) as caught:
        check_raw(bytes(142), 143, "a program")
    assert caught.value.message == "a program must be 143 bytes, got 142."
