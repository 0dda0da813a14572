"""Records: names, signed bytes, global fields and drum kits, the sequencer block
(m1-sysex.md §3.5, §3.6, §4), checked by hand-made records and the real captures."""

from __future__ import annotations

import pytest

from tests.shared import shared_capture
from wizard.errors import BuildError
from wizard.m1.messages import GlobalDump, SequenceDump
from wizard.m1.parse import parse
from wizard.m1.records import (
    Combination,
    DrumInstrument,
    GlobalData,
    Program,
    SequenceData,
    decode_name,
    encode_name,
    signed,
)

# --- names (§4.1) -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        (b"Universe  ", "Universe"),
        (b"Piano\x0016'\x00", "Piano 16'"),  # 0x00 in factory names reads as a space
        (b"Surprise!!", "Surprise!!"),
        (b"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00", ""),
        (b"A\x7fB\x80C\x1f     ", "A?B?C?"),  # outside printable ASCII
        (b"LongerThanTen", "LongerThan"),  # only bytes 0-9 are the name
    ],
)
def test_decode_name(raw: bytes, name: str) -> None:
    assert decode_name(raw) == name


def test_encode_name_pads_with_spaces() -> None:
    assert encode_name("Brass 1") == b"Brass 1   "
    assert encode_name("Surprise!!") == b"Surprise!!"


def test_encode_name_refuses_long_names_and_strange_characters() -> None:
    with pytest.raises(BuildError) as caught:
        encode_name("Eleven char")
    assert caught.value.message == "name 'Eleven char' is longer than 10 characters."
    with pytest.raises(BuildError) as caught:
        encode_name("Piano\u00e9")
    assert caught.value.message == "name 'Pianoé' has a character the M1 cannot show."


@pytest.mark.parametrize(
    ("byte", "value"), [(0x00, 0), (0x0A, 10), (0x63, 99), (0x7F, 127), (0x9D, -99), (0xCE, -50)]
)
def test_signed_reads_twos_complement(byte: int, value: int) -> None:
    assert signed(byte) == value


# --- record sizes (§3.3) -----------------------------------------------------------------


def test_program_and_combination_names_come_from_bytes_0_to_9() -> None:
    assert Program(b"Universe\x00\x00" + bytes(133)).name == "Universe"
    assert Combination(b"FilmScore " + bytes(114)).name == "FilmScore"


@pytest.mark.parametrize(
    ("make", "size", "text"),
    [
        (Program, 142, "a program must be 143 bytes, got 142."),
        (Combination, 125, "a combination must be 124 bytes, got 125."),
        (GlobalData, 860, "the global data must be 861 bytes, got 860."),
    ],
)
def test_records_refuse_the_wrong_size(make: type, size: int, text: str) -> None:
    with pytest.raises(BuildError) as caught:
        make(bytes(size))
    assert caught.value.message == text


# --- global data (§4.3) ------------------------------------------------------------------


def global_raw(head: str, kits: dict[int, bytes] | None = None) -> bytes:
    """861 global bytes: `head` (hex) at byte 0, other bytes zero, plus chosen instruments.

    `kits` maps a raw offset to the 7 bytes placed there.
    """
    raw = bytearray(861)
    first = bytes.fromhex(head)
    raw[: len(first)] = first
    for offset, value in (kits or {}).items():
        raw[offset : offset + 7] = value
    return bytes(raw)


def test_global_fields_from_a_hand_made_record() -> None:
    # tune -10, transpose +2, damper 1, pedals 3 and 9, scale 4 (user), key 11 (B),
    # user scale C +1 ... B -12 in steps
    head = "F6 02 01 03 09 04 0B 01 02 03 04 05 06 FA F9 F8 F7 F6 F4"
    glob = GlobalData(global_raw(head))
    assert glob.master_tune == -10
    assert glob.key_transpose == 2
    assert glob.damper_polarity == 1
    assert glob.pedal_assign == (3, 9)
    assert glob.scale_type == 4
    assert glob.pure_key == 11
    assert glob.user_scale == (1, 2, 3, 4, 5, 6, -6, -7, -8, -9, -10, -12)


def test_drum_kit_instruments_sit_at_21_plus_210k_plus_7i() -> None:
    # kit 2, instrument 5 -> 21 + 420 + 35 = 476; kit 3, instrument 29 -> 21 + 630 + 203 = 854
    raw = global_raw(
        "",
        {
            476: bytes.fromhex("1B 2C 0A 88 DF 9D 00"),
            854: bytes.fromhex("05 60 00 14 63 32 00"),
        },
    )
    glob = GlobalData(raw)
    assert glob.drum_kit(2)[5] == DrumInstrument(0x1B, 0x2C, 10, -120, -33, -99)
    assert glob.drum_kit(3)[29] == DrumInstrument(5, 0x60, 0, 20, 99, 50)
    assert glob.drum_kit(2)[4] == DrumInstrument(0, 0, 0, 0, 0, 0)
    assert glob.drum_kit(1)[5] == DrumInstrument(0, 0, 0, 0, 0, 0)


@pytest.mark.parametrize("kit", [-1, 4])
def test_drum_kit_outside_0_to_3_is_refused(kit: int) -> None:
    with pytest.raises(BuildError) as caught:
        GlobalData(bytes(861)).drum_kit(kit)
    assert caught.value.message == f"drum kit {kit} does not exist (0-3)."


# --- the sequencer block (§3.5, §3.6) -----------------------------------------------------


def test_sequence_events_and_song_names() -> None:
    raw = bytearray(1522 + 4 * 7)
    raw[20:30] = b"Oh Yes!1  "
    raw[96 * 9 + 20 : 96 * 9 + 30] = b"Last\x00Song\x00"
    sequence = SequenceData(bytes(raw))
    assert sequence.events == 7
    assert sequence.song_names[0] == "Oh Yes!1"
    assert sequence.song_names[9] == "Last Song"
    assert sequence.song_names[1:9] == ("",) * 8


@pytest.mark.parametrize("size", [1521, 1523, 1522 + 6])
def test_sequence_block_of_an_impossible_size_is_refused(size: int) -> None:
    with pytest.raises(BuildError) as caught:
        SequenceData(bytes(size))
    assert caught.value.message == (f"sequence data must be 1522 + 4 x events bytes, got {size}.")


# --- the real captures --------------------------------------------------------------------


def factory_global() -> GlobalData:
    message = parse(shared_capture("ORIGGLOB.SYX"))
    assert isinstance(message, GlobalDump)
    return message.data


@pytest.mark.fixtures
def test_factory_global_settings_match_section_4_3() -> None:
    glob = factory_global()
    assert glob.master_tune == 10
    assert glob.key_transpose == 0
    assert glob.damper_polarity == 1
    assert glob.pedal_assign == (0, 1)
    assert glob.scale_type == 0
    assert glob.pure_key == 3
    # user scale C ... B: E (index 4) and B (index 11) are -50 cents, the rest 0
    assert glob.user_scale == (0, 0, 0, 0, -50, 0, 0, 0, 0, 0, 0, -50)
    assert glob.raw[19:21] == bytes.fromhex("00 08")


@pytest.mark.fixtures
def test_factory_drum_kits_have_the_structure_of_section_4_3() -> None:
    glob = factory_global()
    kits = [glob.drum_kit(k) for k in range(4)]
    assert [len(kit) for kit in kits] == [30, 30, 30, 30]
    # the seventh byte of every instrument is unused and always 0
    assert {glob.raw[21 + 7 * i + 6] for i in range(120)} == {0}
    # pan runs 0-10; levels and decays stay inside -99..+99 once read as signed
    assert all(0 <= inst.pan <= 10 for kit in kits for inst in kit)
    assert all(-99 <= inst.level <= 99 for kit in kits for inst in kit)
    assert all(-99 <= inst.decay <= 99 for kit in kits for inst in kit)
    # kit 0 opens with drum sound 1 on key 24 (C1), panned centre
    assert kits[0][0] == DrumInstrument(1, 24, 5, 0, 0, 0)
    # kit 3's keys rise from 48 and its instruments are all sound 0
    keys = [inst.key for inst in kits[3]]
    assert keys[0] == 48
    assert keys == sorted(keys)
    assert {inst.sound for inst in kits[3]} == {0}


@pytest.mark.fixtures
def test_factory_song_names_match_section_3_6() -> None:
    message = parse(shared_capture("ORIGSEQS.SYX"))
    assert isinstance(message, SequenceDump)
    assert message.sequence.song_names == (
        "Oh Yes!1",
        "Out There",
        "Harmony1",
        "Harmony2",
        "Ms. Muro",
        "Oh Yes!2",
        "New Song",
        "New Song",
        "New Song",
        "New Song",
    )


@pytest.mark.fixtures
def test_factory_sequence_offset_table_ends_at_4n() -> None:
    message = parse(shared_capture("ORIGSEQS.SYX"))
    assert isinstance(message, SequenceDump)
    raw = message.sequence.raw
    # §3.6: 181 little-endian 16-bit offsets from byte 1160, ascending, multiples of 4,
    # the last one equal to 4 x 3619 = 14 476 (0x388C)
    offsets = [raw[1160 + 2 * i] | raw[1161 + 2 * i] << 8 for i in range(181)]
    assert offsets == sorted(offsets)
    assert all(offset % 4 == 0 for offset in offsets)
    assert offsets[-1] == 14_476
